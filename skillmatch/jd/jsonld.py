"""The schema.org JobPosting JSON-LD pieces of a drafted job description: the salary and the address."""

from __future__ import annotations

from typing import Any

from ..read.pay import Pay

# fmt: off
_US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO "
    "MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR".split()
)
# fmt: on


def _salary_jsonld(pay: Pay) -> dict[str, Any]:
    value: dict[str, Any] = {"@type": "QuantitativeValue"}
    lo, hi = pay.min, pay.max
    if lo is not None and hi is not None:
        value.update(minValue=_num(lo), maxValue=_num(hi))
    else:
        only = lo if lo is not None else hi
        assert only is not None  # _coerce_pay refuses a pay with neither end
        value["value"] = _num(only)
    value["unitText"] = pay.period.upper()
    return {"@type": "MonetaryAmount", "currency": pay.currency, "value": value}


def _num(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _address(location: str) -> dict[str, str]:
    parts = [p.strip() for p in location.split(",") if p.strip()]
    address = {"@type": "PostalAddress", "addressLocality": parts[0]}
    if len(parts) == 1:
        address["addressCountry"] = "US"
    elif len(parts) == 2:
        if parts[1].upper() in _US_STATES:
            address.update(addressRegion=parts[1].upper(), addressCountry="US")
        else:
            address["addressCountry"] = parts[1]
    else:
        address.update(addressRegion=parts[1], addressCountry=", ".join(parts[2:]))
    return address
