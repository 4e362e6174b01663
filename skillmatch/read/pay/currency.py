"""Currencies: ISO codes and signs, rough rates per US dollar, and whether an amount is a plausible salary."""

from __future__ import annotations

import re

from .model import _ANNUAL

# --------------------------------------------------------------------------------------------------
# Currencies

# Rough units of each currency per US dollar. Only used to judge whether an amount is a plausible
# salary (an order of magnitude is enough), never to convert anything the caller sees.
# fmt: off
_PER_USD: dict[str, float] = {
    "USD": 1, "CAD": 1.35, "AUD": 1.5, "NZD": 1.65, "EUR": 0.92, "GBP": 0.79, "CHF": 0.9,
    "SEK": 10.5, "NOK": 10.5, "DKK": 6.9, "PLN": 4.0, "CZK": 23, "HUF": 360, "RON": 4.6, "BGN": 1.8,
    "MXN": 17, "BRL": 5, "ARS": 900, "COP": 4000, "CLP": 900, "PEN": 3.7, "INR": 83, "PKR": 280,
    "JPY": 150, "CNY": 7.2, "KRW": 1300, "TWD": 32, "SGD": 1.35, "HKD": 7.8, "PHP": 56, "THB": 36,
    "IDR": 15500, "MYR": 4.7, "VND": 24500, "ILS": 3.7, "TRY": 32, "UAH": 40, "ZAR": 18,
    "NGN": 1500, "KES": 130, "EGP": 48, "AED": 3.67, "SAR": 3.75,
}
# fmt: on
_CODES = "|".join(sorted(_PER_USD, key=len, reverse=True))

# Currency signs -> ISO code. A bare "$" is "" here and becomes USD when nothing else says otherwise.
# fmt: off
_DOLLAR_PREFIX = {"US": "USD", "USD": "USD", "CA": "CAD", "CAD": "CAD", "C": "CAD", "AU": "AUD", "A": "AUD",
                  "NZ": "NZD", "S": "SGD", "SG": "SGD", "HK": "HKD", "MX": "MXN", "R": "BRL"}
_SIGNS = {"€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₪": "ILS", "₩": "KRW", "₱": "PHP", "₺": "TRY",
          "₴": "UAH", "zł": "PLN", "Kč": "CZK", "Rs": "INR", "Rs.": "INR", "RM": "MYR", "P": "PHP"}
_HIGH_WAGE = {"USD", "CAD", "AUD", "NZD", "EUR", "GBP", "CHF", "SEK", "NOK", "DKK", "SGD", "HKD", "JPY",
              "ILS", "AED"}
# fmt: on


# A place named before a bare "$" in the same block says whose dollar it is ("For Canada-BC based roles,
# ... between $98,600 and $144,650", "CAN Base Pay Range Per Year / Min: $105,300"); the last one named wins.
# Canada's provinces and largest cities name its dollar too ("Location: Vancouver, BC or Toronto, ON"); "CA"
# is California in a US zone table, and New Mexico is a state: neither names another dollar.
_DOLLAR_PLACES = re.compile(
    r"\b(?:(?P<CAD>(?i:canada|canadian|ontario|quebec|québec|alberta|british\s+columbia|manitoba|saskatchewan|"
    r"nova\s+scotia|toronto|vancouver|montr[eé]al|calgary|ottawa|edmonton|winnipeg)|CAN)|(?P<AUD>(?i:australia|australian)|AUS)"
    r"|(?P<NZD>(?i:new\s+zealand))|(?P<SGD>(?i:singapore))|(?P<HKD>(?i:hong\s+kong))|(?P<MXN>(?<![Nn]ew\s)(?i:mexico))"
    r"|(?P<USD>(?i:united\s+states|usa?|u\.s(?=\.))|US))\b"
)


# A currency the text states for its figures ("These figures are in $USD", "all amounts in US dollars",
# "(CAD)"): said outright, it outweighs a place named nearby.
_DOLLAR_STATED = re.compile(
    r"\b(?:in|are)\s+\$?\s?(?P<code>USD|CAD|AUD|NZD|SGD|HKD|MXN)\b"
    r"|\bin\s+(?P<name>U\.?S\.?|US|American|Canadian|Australian)\s+dollars\b"
    r"|\((?P<bracket>USD|CAD|AUD|NZD|SGD|HKD|MXN)\)",
    re.I,
)
_DOLLAR_NAMES = {"us": "USD", "u.s.": "USD", "u.s": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD"}


def _dollar_stated(text: str, start: int, end: int) -> str | None:
    """The ISO code the text states for a bare "$" range at start..end: the statement nearest to it, in
    the 200 characters before or on the rest of its line; None when there is none."""
    line_end = text.find("\n", end)
    after = text[end : line_end if 0 <= line_end < end + 200 else end + 200]
    nearest: tuple[int, str] | None = None
    for m in _DOLLAR_STATED.finditer(text, max(0, start - 200), start):
        nearest = (start - m.end(), _stated_code(m))
    later = _DOLLAR_STATED.search(after)
    if later is not None and (nearest is None or later.start() < nearest[0]):
        nearest = (later.start(), _stated_code(later))
    return nearest[1] if nearest else None


def _stated_code(m: re.Match[str]) -> str:
    if m.group("name"):
        return _DOLLAR_NAMES[m.group("name").lower()]
    return str(m.group("code") or m.group("bracket")).upper()


# A place the rest of the figures' sentence names ("$130,000 to $195,000 across Canada", "... for roles
# in Canada"): after "across", "in", "within" or "for", before the sentence ends.
_PLACE_AFTER = re.compile(r"[^.;\n]{0,80}?\b(?:across|in|within|for)\s+(?:the\s+)?(?P<place>[^.;,\n]{0,40})")
# Where the posting says the work is ("Position Location | Remote Canada", "Location: Toronto, Canada",
# "work from anywhere in Canada", "eligible to work in Canada", "Remote - Canada"): the place that
# follows. Not "based in": a team or an office is based somewhere too.
_WORK_PLACE = re.compile(
    r"(?im)^[ \t*\-•]*(?:(?:position|job|work|office|role)\s+)?locations?\b[ \t]*[:\-–|]?\s*(?P<field>[^\n]{0,80})"
    r"|\b(?:work|working)\s+(?:remotely\s+)?(?:from\s+)?(?:anywhere\s+)?(?:you\s+(?:want|like)\s+)?(?:in|across)\s+"
    r"(?P<in>[^.;\n]{0,60})"
    r"|\bremote(?=\s*[-–,(:/]?\s*(?P<remote>[^.;\n]{0,40}))"  # a lookahead: what it names may start another
    # "we currently focus our hiring efforts in the following provinces: British Columbia, ..."
    r"|\b(?:hiring\s+efforts|(?:only|currently)\s+hir(?:e|ing)|hir(?:e|ing)\s+only)\s+(?:in|across|from)\s+"
    r"(?:the\s+following\s+\w+\s*:?\s*)?"
    r"(?P<hire>[^.;\n]{0,60})"
)


def _dollar_of_place(text: str, start: int, end: int | None = None) -> str:
    """The ISO code of a bare "$" range at start..end, from the places the text names: the last one named
    earlier in its block (since a blank line, at most 200 characters back), else one the rest of its
    sentence names, else the one country the posting's work locations name (:data:`_WORK_PLACE`; none
    when they name two, "Remote - US or Canada"), else USD."""
    window = text[max(0, start - 200) : start]
    window = window[window.rfind("\n\n") + 1 :]
    code = None
    for m in _DOLLAR_PLACES.finditer(window):
        code = m.lastgroup or code
    if code is None and end is not None:
        after = _PLACE_AFTER.match(text, end)
        place = _DOLLAR_PLACES.match(after.group("place")) if after else None
        code = place.lastgroup if place else None
    return code or _work_dollar(text) or "USD"


def _work_dollar(text: str) -> str | None:
    """The dollar of the one country the posting's work-location statements name, if exactly one."""
    named = set()
    for m in _WORK_PLACE.finditer(text):
        value = m.group("field") or m.group("in") or m.group("remote") or m.group("hire") or ""
        named |= {p.lastgroup for p in _DOLLAR_PLACES.finditer(value) if p.lastgroup}
    return named.pop() if len(named) == 1 else None


def _sign_code(sign: str) -> str:
    if "$" in sign:
        return _DOLLAR_PREFIX.get(sign.rstrip("$"), "")
    return _SIGNS.get(sign, "")


def _plausible(lo: float, hi: float, currency: str, period: str, floor: float) -> bool:
    rate = _PER_USD.get(currency, 1.0)
    return lo / rate * _ANNUAL[period] >= floor and hi / rate * _ANNUAL[period] <= 2_500_000


def _period_by_size(value: float, currency: str) -> str | None:
    v = value / _PER_USD.get(currency, 1.0)
    if v < 4:
        return None
    if v <= 250:
        return "hour"
    if v < 12000:
        return "month"
    return "year"
