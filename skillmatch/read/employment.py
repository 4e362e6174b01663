"""Employment dates in resume lines, and the logical lines a PDF's layout breaks apart.

Three parts, used by :mod:`skillmatch.read.document`:

* :func:`clean_text`: glyph hygiene. Text mis-decoded as Windows-1252 ("â€“", "Ã©", "Â "), a
  full-width colon that lost a byte on the way ("ï¼" plus a zero-width space), zero-width
  characters, then Unicode NFKC (ligatures, full-width forms, no-break spaces).
* :func:`rebuild_lines`: PDF text extractors hand a role's header out as separate short lines
  (``01/2010``, ``to``, ``Current``, ``Sales Manager``, ``Company Name``, ``City``, ``,``,
  ``State``). A date range split over lines is joined; pieces that sat on one visual line with it
  (a title, a company) are joined to it; anonymised placeholders ("Company Name", "City",
  "State") and layout debris (a lone ``,``) are dropped. Ordinary lines are left as they are.
* :func:`find_employment`: the date ranges of experience-like lines (MM/YYYY, Mon YYYY,
  Month YYYY, YYYY, seasons; "to", "-", "–", "until"; "Current", "Present"), each with the role
  title beside it when there is one, and :func:`years_of_experience` over their union.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from dateutil import parser as date_parser

__all__ = [
    "EmploymentRange",
    "clean_text",
    "find_employment",
    "is_date_line",
    "is_placeholder",
    "rebuild_lines",
    "years_of_experience",
]


# --------------------------------------------------------------------------------------------- model


@dataclass(frozen=True)
class EmploymentRange:
    """A dated stretch of employment found on one line.

    Month dates start on the 1st and end on the last day of their month. A year alone starts on
    1 January; as an end it is read as whole years ("2019 - 2024" is five years), or as 31 December
    when the range starts in that same year.

    Args:
        start: first day of the range.
        end: last day of the range; None when it runs to the present.
        text: the date text verbatim, e.g. "Jan 2019 – Present".
        line: number of the line it was found on.
        title: the role title beside the dates (same line, or the short line just above or below),
            verbatim from the document; None when there is none. Not in :meth:`to_dict` (document
            text stays out of reports).
    """

    start: dt.date
    end: dt.date | None
    text: str
    line: int
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "text": self.text,
            "line": self.line,
        }


def years_of_experience(ranges: Iterable[EmploymentRange], *, today: dt.date | None = None) -> float | None:
    """Length of the union of employment ranges, in years rounded to one decimal.

    Args:
        ranges: the ranges; overlapping or touching ranges are merged, open ones end today.
        today: the date that "present" means (defaults to today); ranges are cut off there.

    Returns:
        The years, or None when there are no ranges that started by ``today``.
    """
    today = today or dt.date.today()
    spans = sorted((r.start, min(r.end or today, today)) for r in ranges if r.start <= today)
    if not spans:
        return None
    days = 0
    cur_start, cur_end = spans[0]
    for start, end in spans[1:]:
        if start <= cur_end + dt.timedelta(days=1):
            cur_end = max(cur_end, end)
        else:
            days += (cur_end - cur_start).days + 1
            cur_start, cur_end = start, end
    days += (cur_end - cur_start).days + 1
    return round(days / 365.25, 1)


# ------------------------------------------------------------------------------------ glyph hygiene

# bytes 0x80-0xBF as Windows-1252 shows them: the continuation bytes of mis-decoded UTF-8
_CONT = "".join(ch for b in range(0x80, 0xC0) for ch in bytes([b]).decode("cp1252", "ignore"))
_CONT_CLASS = "[" + re.escape(_CONT) + "]"
_MOJIBAKE_RE = re.compile(rf"[\u00c2-\u00df]{_CONT_CLASS}|[\u00e0-\u00ef]{_CONT_CLASS}{{2}}")
# what is left when a byte was lost (Windows-1252 has no character for 0x81, 0x8D, 0x8F, 0x90,
# 0x9D; extractors put a zero-width space or nothing in its place)
_REPAIRS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("ï¼[\u200b\u00a0]?"), ":"),  # full-width colon EF BC 9A
    (re.compile("â—[\u200b]?"), "●"),  # black circle E2 97 8F
    (re.compile("â€[\u200b]"), "”"),  # right double quote E2 80 9D
    (re.compile("Â(?:[\u200b\u00a0 ]|$)"), " "),  # no-break space C2 A0, or a lost byte
    (re.compile("Â(?=[\u2010-\u2015])"), ""),
)
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")


def _fix_mojibake(match: re.Match[str]) -> str:
    try:
        return match.group(0).encode("cp1252").decode("utf-8")
    except UnicodeError:
        return match.group(0)


def clean_text(text: str) -> str:
    """Repair mis-decoded glyphs, drop zero-width characters, and NFKC-normalize one line.

    >>> clean_text("Company Name ï¼\\u200b City")
    'Company Name : City'
    >>> clean_text("Sales â€“ Denver, CafÃ© ﬁnance")
    'Sales – Denver, Café finance'
    """
    if text.isascii():
        return text
    if any("\u00c2" <= ch <= "\u00ef" for ch in text):
        text = _MOJIBAKE_RE.sub(_fix_mojibake, text)
        for pattern, replacement in _REPAIRS:
            text = pattern.sub(replacement, text)
    text = _ZERO_WIDTH_RE.sub("", text)
    return unicodedata.normalize("NFKC", text)


# ----------------------------------------------------------------------------------- date patterns

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_YEAR = r"(?:19[5-9]\d|20\d\d)"


def _date_pattern(after_separator: bool, *, year_alone: bool = True) -> str:
    """A month/year or year token; a start must not continue a longer number or full date."""
    edge = "" if after_separator else r"(?<![\d/.-])"
    return (
        rf"(?:\b(?:{_MONTH}|{_SEASON}),?\s*(?:{_YEAR}|['’‘]\d\d)(?!\d)"  # Jan 2019, Sept. 2018, Jan '19
        rf"|{edge}(?:0?[1-9]|1[0-2])\s?[/.-]\s?{_YEAR}(?!\d)"  # 03/2018, 3.2018, 03-2018
        rf"|{edge}{_YEAR}[/.-](?:0[1-9]|1[0-2])(?![\d/.-]?\d)"  # 2018-03 (not 2018-03-15)
        + (rf"|{edge}{_YEAR}(?!\d))" if year_alone else ")")  # 2019
    )


_PRESENT = r"(?:present|current(?:ly)?|now|today|ongoing)\b"
_SEP = r"(?:\s*(?:-{1,2}|[–—‒―−~])\s*|\s+(?:to|until|till|thru|through)\s+)"
_RANGE_RE = re.compile(
    rf"(?P<start>{_date_pattern(False)})(?:{_SEP}(?P<end>{_date_pattern(True)}|{_PRESENT})"
    rf"|\s+(?:to|till|until)\s+(?P<todate>date)\b)"
    # a start and an end month stacked in a column, joined by rebuild_lines with a space (or a
    # colon: some layouts put a full-width one between them)
    rf"|(?P<mstart>{_date_pattern(False, year_alone=False)})\s*:?\s+"
    rf"(?P<mend>{_date_pattern(True, year_alone=False)}|{_PRESENT})(?![\w/.-])",
    re.IGNORECASE,
)
_SEASONS = {"spring": "Mar", "summer": "Jun", "fall": "Sep", "autumn": "Sep", "winter": "Jan"}

# one piece of a date range that a PDF put on a line of its own: "01/2010", "to", "Current",
# "01/2010 to", "- Present", or a whole range
_SEP_WORD = r"(?:-{1,2}|[–—‒―−~]|to|until|till|thru|through)"
_DATE_PIECE_RE = re.compile(
    rf"\(?\s*(?:(?:{_date_pattern(True)})\s*(?:{_SEP_WORD}\s*)?(?:(?:{_date_pattern(True)})|{_PRESENT}|date)?"
    rf"|{_SEP_WORD}\s*(?:(?:{_date_pattern(True)})|{_PRESENT}|date)?|{_PRESENT})\s*\)?",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------------- line rebuilding

_PLACEHOLDER = r"(?:company\s+name|city|state|country|zip(?:\s+code)?)"
_PUNCT_RE = re.compile(r"[\s,;:|/·•\-–—]*")
_PLACEHOLDER_LINE_RE = re.compile(
    rf"[\s,;:|\-–—]*{_PLACEHOLDER}(?:[\s,;:|\-–—]+{_PLACEHOLDER})*[\s,;:|\-–—]*", re.IGNORECASE
)
_WORDS_RE = re.compile(r"[^\W\d_]+")
# placeholders at the start or end of a line with other text: "Sales Manager Company Name - City , State".
# Only runs with "Company Name" or with both "City" and "State": "Penn State" stays.
_PH_GLUE = r"[\s,;:|\-–—]*"
_PH_RUN = (rf"(?:company\s+name(?:{_PH_GLUE}(?:city|state|country)\b)*"
           rf"|city{_PH_GLUE}(?:state|country)(?:{_PH_GLUE}(?:state|country)\b)*)")
_INLINE_PLACEHOLDER_RE = re.compile(rf"^{_PH_GLUE}{_PH_RUN}\b{_PH_GLUE}|(?<=\S){_PH_GLUE}\b{_PH_RUN}{_PH_GLUE}$",
                                    re.IGNORECASE)


def is_placeholder(text: str) -> bool:
    """True for an anonymised placeholder line: "Company Name", "City", "State", "City , State"…"""
    return bool(_PLACEHOLDER_LINE_RE.fullmatch(text))


def _is_debris(text: str) -> bool:
    """A line of punctuation only (a lone "," between City and State), or empty."""
    return bool(_PUNCT_RE.fullmatch(text))


def _is_date_piece(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and bool(_DATE_PIECE_RE.fullmatch(stripped))


def _is_header_part(text: str) -> bool:
    """A short piece that may sit on a role's header line: a title, a company, a place."""
    stripped = text.strip()
    if not stripped or len(stripped) > 80 or stripped.startswith(("•", "●", "-", "*", "◦", "➢")):
        return False
    words = stripped.split()
    return len(words) <= 10 and not (stripped.endswith(".") and len(words) > 3)


def _join_parts(parts: Sequence[str]) -> str:
    """Join the pieces of one visual line, dropping placeholders and the punctuation around them."""
    kept: list[str] = []
    pending = ""  # punctuation seen since the last kept piece
    dropped_since = False
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if is_placeholder(part):
            pending, dropped_since = "", True
            continue
        if _is_debris(part):
            if not dropped_since:
                pending += part
            continue
        if kept and pending:
            if re.search(r"[-–—]", pending):
                kept.append(pending.strip())  # a dash between two dates stays a word of its own
            else:
                kept[-1] += pending
        pending, dropped_since = "", False
        kept.append(part)
    return " ".join(kept)


def rebuild_lines(
    texts: Sequence[str],
    linked: Sequence[bool] | None = None,
    *,
    blank_separators: bool = False,
    is_heading: Callable[[str], bool] | None = None,
) -> list[tuple[str, int]]:
    """The logical lines of a document whose layout split them, each with its first source line.

    Args:
        texts: the lines as the extractor gave them (already cleaned with :func:`clean_text`).
        linked: for each line, whether it sat on the same visual line as the line before it (a PDF
            extractor's hint: pypdf ends such a piece with a space or puts a line of spaces
            between); None when there is no such hint (text, DOCX).
        blank_separators: lines of spaces only are the extractor's marks between pieces, not
            blank lines: they are dropped and link their neighbours (a truly empty line is kept).
        is_heading: whether a line is a section heading; a heading is never joined to anything.

    Returns:
        (text, index of its first source line) for each line kept, in order. A date range split
        over lines becomes one line; the title and company pieces linked to it join it;
        placeholders and lone punctuation join the line before them, where they are dropped; a
        placeholder or punctuation line with nothing to join is dropped; every other line is
        returned unchanged.
    """
    n = len(texts)
    link = list(linked) if linked is not None else [False] * n
    kept: list[int] = []
    carry = False
    for i, text in enumerate(texts):
        if blank_separators and text and not text.strip():
            carry = True  # the pieces around a separator line sit on one visual line
            continue
        link[i] = link[i] or carry
        carry = False
        kept.append(i)
    kinds = [_kind(texts[i]) for i in kept]
    if is_heading is not None:
        kinds = [k if k in ("date", "placeholder", "debris", "blank") or not is_heading(texts[i]) else "heading"
                 for k, i in zip(kinds, kept, strict=True)]

    out: list[tuple[str, int]] = []
    k = 0
    while k < len(kept):
        group = [k]
        dates = texts[kept[k]].strip() if kinds[k] == "date" else ""
        if kinds[k] == "part" and (tail := _DATE_TAIL_RE.search(texts[kept[k]].rstrip())):
            dates = tail.group(0).strip()  # "Sales Manager 2016 -" / "2019": the range goes on below
        j = k + 1
        while j < len(kept) and kinds[k] != "heading":
            kind, linked_here, piece = kinds[j], link[kept[j]], texts[kept[j]].strip()
            if kind == "date":
                if dates:
                    take = not _starts_new_range(dates, piece)
                else:
                    take = linked_here and all(kinds[g] in ("part", "placeholder", "debris") for g in group)
            elif kind in ("placeholder", "debris"):
                # after dates only when on their visual line: an unlinked placeholder starts the next entry
                take = kinds[group[-1]] not in ("blank", "heading") and (
                    linked_here or not dates or (kind == "debris" and j + 1 < len(kinds) and kinds[j + 1] == "date"))
            elif kind == "part" and linked_here:
                only_parts = all(kinds[g] in ("part", "placeholder", "debris") for g in group)
                take = len(group) < 12 and (bool(dates) or (only_parts and _date_ahead(kept, kinds, link, j)))
            else:
                take = False
            if not take:
                break
            if kind == "date":
                dates = f"{dates} {piece}".strip()
            group.append(j)
            j += 1
        first = texts[kept[k]]
        if len(group) == 1:
            if kinds[k] not in ("placeholder", "debris"):
                out.append((_strip_placeholders(first.rstrip()), kept[k]))
        else:
            joined = _strip_placeholders(_join_parts([texts[kept[g]] for g in group]))
            if joined:
                out.append((first[: len(first) - len(first.lstrip())] + joined, kept[k]))
        k = j
    return out


def _strip_placeholders(text: str) -> str:
    """A line without the placeholder run at its start or end (the line itself when it is all text)."""
    if "ompany" not in text and "ity" not in text and "ITY" not in text and "OMPANY" not in text:
        return text
    indent = text[: len(text) - len(text.lstrip())]
    stripped = _INLINE_PLACEHOLDER_RE.sub("", text.strip())
    return indent + stripped if stripped else text


def is_date_line(text: str) -> bool:
    """A date piece, or a line holding an employment date range (a role header): never part of a sentence."""
    stripped = text.strip()
    return _is_date_piece(stripped) or _RANGE_RE.search(stripped) is not None


def _kind(text: str) -> str:
    stripped = text.strip()
    if not stripped:
        return "blank"
    if _is_date_piece(stripped):
        return "date"
    if is_placeholder(stripped):
        return "placeholder"
    if _is_debris(stripped):
        return "debris"
    if _is_header_part(stripped):
        return "part"
    return "text"


def _date_ahead(kept: Sequence[int], kinds: Sequence[str], link: Sequence[bool], j: int) -> bool:
    """Whether a date piece follows on the same visual line as piece ``j`` (through linked pieces)."""
    for m in range(j + 1, min(j + 6, len(kept))):
        if not link[kept[m]]:
            return False
        if kinds[m] == "date":
            return True
        if kinds[m] not in ("part", "placeholder", "debris"):
            return False
    return False


_DATE_TAIL_RE = re.compile(rf"(?<![\w/.-])(?:{_date_pattern(True)})\s*(?:{_SEP_WORD}\s*)?$", re.IGNORECASE)
_STACKED_START_RE = re.compile(rf"\(?{_date_pattern(True, year_alone=False)}", re.IGNORECASE)
_STACKED_END_RE = re.compile(rf"(?:{_date_pattern(True, year_alone=False)}|{_PRESENT})\)?", re.IGNORECASE)
_HAS_RANGE_END_RE = re.compile(rf"(?:{_SEP_WORD})\s*(?:(?:{_date_pattern(True)})|{_PRESENT}|date)\s*\)?$",
                               re.IGNORECASE)


def _starts_new_range(dates: str, nxt: str) -> bool:
    """True when ``nxt`` begins another range: the dates gathered so far already end in a range end,
    or a date follows a date with no separator between them (the years of two entries)."""
    if _HAS_RANGE_END_RE.search(dates) or _RANGE_RE.search(dates):
        return True
    if _STACKED_START_RE.fullmatch(dates) and _STACKED_END_RE.fullmatch(nxt):
        return False  # a start month above its end month: "03/2015" / "Current"
    ends_with_sep = re.search(rf"{_SEP_WORD}\s*$", dates, re.IGNORECASE) is not None
    starts_with_sep = re.match(rf"\s*{_SEP_WORD}", nxt, re.IGNORECASE) is not None
    return not (ends_with_sep or starts_with_sep)


# --------------------------------------------------------------------------------- employment dates


class _Line(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def section(self) -> str | None: ...


def find_employment(
    lines: Sequence[_Line],
    *,
    sections: frozenset[str],
    neutral_sections: frozenset[str],
    job_words: re.Pattern[str],
    headings: frozenset[int] = frozenset(),
) -> Iterator[EmploymentRange]:
    """The employment date ranges of a document's lines, in order.

    Args:
        lines: numbered lines with their sections.
        sections: every range on a line in these sections counts.
        neutral_sections: here (and before any heading) a range counts when its line, or the
            non-blank line above it, holds a job word.
        job_words: the job words.
        headings: numbers of the heading lines (never a title).
    """
    previous = ""
    for k, line in enumerate(lines):
        if line.section in sections:
            counts = True
        elif line.section is None or line.section in neutral_sections:
            counts = bool(job_words.search(line.text) or job_words.search(previous))
        else:
            counts = False
        if counts:
            for match in _RANGE_RE.finditer(line.text):
                found = _range_from_match(match, line.number)
                if found is not None:
                    title = _title_for(lines, k, match, headings)
                    yield EmploymentRange(found.start, found.end, found.text, found.line, title)
        if line.text.strip():
            previous = line.text


_TITLE_TRIM = " \t,;:|·•-–—()"


def _title_for(lines: Sequence[_Line], k: int, match: re.Match[str], headings: frozenset[int]) -> str | None:
    """The role title beside a date range: the rest of its line, else the short line above or below."""
    line = lines[k].text
    if _is_header_part(line):
        for candidate in (line[: match.start()].strip(_TITLE_TRIM), line[match.end() :].strip(_TITLE_TRIM)):
            if _looks_like_title(candidate):
                return candidate
    elif len(line.split()) > 16:
        return None  # dates inside a sentence: no title
    for j in (k - 1, k + 1):
        if 0 <= j < len(lines) and lines[j].number not in headings and lines[j].section == lines[k].section:
            text = lines[j].text.strip(_TITLE_TRIM)
            if _looks_like_title(text) and not _RANGE_RE.search(text):
                return text
    return None


def _looks_like_title(text: str) -> bool:
    return bool(text) and _is_header_part(text) and len(_WORDS_RE.findall(text)) >= 1 and not text.endswith(".")


def _range_from_match(match: re.Match[str], line: int) -> EmploymentRange | None:
    today = dt.date.today()
    start = _parse_date(match.group("start") or match.group("mstart"), today)
    if start is None:
        return None
    start_day, _ = start
    end_text = match.group("end") or match.group("mend")
    end_day: dt.date | None = None
    if end_text is not None and not re.fullmatch(_PRESENT, end_text, re.IGNORECASE):
        end = _parse_date(end_text, today)
        if end is None:
            return None
        first, month_precision = end
        if month_precision:
            end_day = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        elif first.year > start_day.year:
            end_day = first  # a bare end year counts whole years: 2019 - 2024 is five years
        else:
            end_day = dt.date(first.year, 12, 31)
        if end_day < start_day or end_day.year > today.year + 1:
            return None
    if start_day > today or (end_day or today).year - start_day.year > 60:
        return None
    return EmploymentRange(start_day, end_day, match.group(0), line)


def _parse_date(token: str, today: dt.date) -> tuple[dt.date, bool] | None:
    """First day of a month/year token, and whether it named a month."""
    text = token.strip().lower().rstrip(".")
    for season, month in _SEASONS.items():
        text = text.replace(season, month)

    def full_year(m: re.Match[str]) -> str:
        yy = int(m.group(1))
        return str(2000 + yy if yy <= (today.year % 100) + 1 else 1900 + yy)

    text = re.sub(r"['’‘](\d\d)$", full_year, text)
    numeric = re.fullmatch(r"(\d{1,2})\s?[/.-]\s?(\d{4})", text)
    if numeric:
        text = f"{numeric.group(2)}-{int(numeric.group(1)):02d}"
    has_month = not re.fullmatch(r"\d{4}", text)
    try:
        parsed = date_parser.parse(text, default=dt.datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year < 1950:
        return None
    return parsed.date().replace(day=1), has_month
