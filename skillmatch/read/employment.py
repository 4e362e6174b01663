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
  title beside it when there is one, and :func:`years_of_experience` over their union."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from dateutil import parser as date_parser

from .dates import _PRESENT, _RANGE_RE, _SEASONS
from .logical_lines import _WORDS_RE, _is_header_part

__all__ = ["EmploymentRange", "find_employment", "years_of_experience"]



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
