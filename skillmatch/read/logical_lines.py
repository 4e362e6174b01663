"""A PDF's lines as logical lines: mis-decoded and zero-width characters repaired, anonymised
placeholders and layout debris left out, and a date range split over lines joined to the title beside it."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Sequence

from .dates import _DATE_PIECE_RE, _PRESENT, _RANGE_RE, _SEP_WORD, _date_pattern

__all__ = ["clean_text", "is_date_line", "is_placeholder", "rebuild_lines"]

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


_ENTITY_RE = re.compile(r"&(?:#[0-9]{2,6}|#[xX][0-9a-fA-F]{2,5}|[A-Za-z]{2,8}[0-9]?);")


def _unescape(match: re.Match[str]) -> str:
    """An HTML entity's character; a name that is no entity ("&T;" in "AT&T;") stays as it is."""
    return html.unescape(match.group(0))


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
    >>> clean_text("4-2007 &ndash; 5-2013, Blackberry&rsquo;s, AT&T; R&D")
    '4-2007 – 5-2013, Blackberry’s, AT&T; R&D'
    """
    if "&" in text and ";" in text:  # HTML entities a web page's PDF kept as text
        text = _ENTITY_RE.sub(_unescape, text)
    if text.isascii():
        return text
    if any("\u00c2" <= ch <= "\u00ef" for ch in text):
        text = _MOJIBAKE_RE.sub(_fix_mojibake, text)
        for pattern, replacement in _REPAIRS:
            text = pattern.sub(replacement, text)
    text = _ZERO_WIDTH_RE.sub("", text)
    return unicodedata.normalize("NFKC", text)


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
