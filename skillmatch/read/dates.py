"""The date-range patterns employment lines are read with: months, seasons, years, 'present', separators."""

from __future__ import annotations

import re

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
