"""Money tokens: each amount in a text with its currency, multiplier and attached period."""

from __future__ import annotations

import re
from dataclasses import dataclass

from price_parser import Price

from .currency import _sign_code
from .patterns import _EXTRA_NOUN, _PERIOD_AFTER, _SHORT_PERIODS, _TOKEN


@dataclass(frozen=True)
class _Token:
    start: int
    end: int  # after the number, its multiplier and any currency code
    value: float
    has_mult: bool
    plus: bool
    big: bool
    decimals: bool
    slip: bool  # the digits are grouped wrongly ("120,0000"): only usable beside a well-formed end
    head: float | None  # the digits before the separator when all after it are zeros ("120,00" -> 120)
    currency: str | None  # ISO code, "" for a bare "$", None when no sign at all
    prefixed: bool  # a sign or code stands before the number
    period: str | None
    period_end: int  # after an attached period, else == end
    extra: bool = False  # a period word then pay on top of base follow ("$100 monthly stipend")
    scale: float = 1000.0  # what its multiplier stands for: "k" 1,000, "lakh" 100,000
    coded: bool = False  # its currency is an ISO code written beside it ("USD"), not read from a sign


def _period_name(word: str) -> str:
    """Map "per year", "/yr", "annually", "hourly", "a month" ... -> one of PERIODS."""
    w = word.lower().split()[-1].lstrip("/")
    if w.startswith(("year", "yr", "annu", "p.", "pa")):
        return "year"
    if w == "h" or w.startswith(("hour", "hr")):
        return "hour"
    if w.startswith(("month", "mth", "mo", "pcm")):
        return "month"
    if w.startswith(("week", "wk")):
        return "week"
    return "day"


def _amount(number: str) -> float | None:
    """Read one number with price-parser (it settles "60.000" vs "60,00" vs "1,234.56").

    Args:
        number: the digits and separators of one amount, without sign or multiplier.
    """
    # price-parser knows the ASCII apostrophe of "120'000" but not the typographic one
    price = Price.fromstring(number.replace("’", "'"))
    if price.amount is None:
        return None
    return float(price.amount)


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text):
        prefixed = bool(m.group("code1") or m.group("sym1"))
        if not prefixed and m.start() > 0 and text[m.start() - 1].isalpha():
            continue  # "B2B", "H1", "Q3"
        num = m.group("num")
        code = m.group("code1") or m.group("code2")
        sign = m.group("sym1") or m.group("sym2")
        currency: str | None = None
        if code:
            currency = code
        elif sign:
            currency = _sign_code(sign)
        slip = m.group("slip") is not None
        value = float(re.split(r"[,.]", num)[0]) if slip else _amount(num.replace(" ,", ",").replace(", ", ","))
        if value is None:
            continue
        head = None
        if slip or (m.group("sep") is None and re.fullmatch(r"\d+[.,]0+", num)):
            head_s, tail = re.split(r"[,.]", num, maxsplit=1)
            head = float(head_s) if set(tail) == {"0"} else None
        scale = 100_000.0 if m.group("mult") and m.group("mult").lower().startswith("la") else 1000.0
        if m.group("mult") and not (value >= 1000 and re.search(r"\d[,.]\d{3}$", num)):
            value *= scale  # not "$68,000k": a figure already in thousands groups takes no second "k"
        end = m.end()
        period = None
        period_end = end
        pm = _PERIOD_AFTER.match(text, end)
        extra = bool(pm and not pm.group("link").strip() and _EXTRA_NOUN.match(text, pm.end()))
        if extra:
            pm = None  # "$160,000 Annual Bonus Target: 15%", "$100 monthly home-office stipend"
        if pm and (pm.group("per").lower() not in _SHORT_PERIODS or pm.group("link").strip()):
            period = _period_name(pm.group("per"))
            period_end = pm.end()
        decimals = m.group("sep") is None and bool(re.search(r"[.,]\d{1,2}$", num))
        out.append(
            _Token(
                m.start(),
                end,
                value,
                bool(m.group("mult")),
                bool(m.group("plus")),
                bool(m.group("big")),
                decimals,
                slip,
                head,
                currency,
                prefixed,
                period,
                period_end,
                extra,
                scale,
                bool(code),
            )
        )
    return out
