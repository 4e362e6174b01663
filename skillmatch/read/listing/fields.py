"""Small field readers shared by the formats: text, names, numbers, dates, employment type, remote, structured pay."""

from __future__ import annotations

import html as html_lib
import re
import warnings
from datetime import UTC, datetime

from ..pay import PERIODS, Pay
from ..pay.currency import _period_by_size
from .html import _INVISIBLE, _WS

# --------------------------------------------------------------------------------------------------
# Small field helpers


def _one_line(s: object) -> str:
    return _WS.sub(" ", str(s)).strip()


def _text(value: object) -> str | None:
    """A display string from a JSON value: unescaped, whitespace collapsed, None when empty."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    s = _WS.sub(" ", _INVISIBLE.sub("", html_lib.unescape(value))).strip()
    return s or None


def _name(value: object) -> str | None:
    """``"Acme"``, ``{"name": "Acme"}`` or a list of either -> "Acme"."""
    if isinstance(value, list):
        return next((n for n in (_name(v) for v in value) if n), None)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("legalName"))
    return _text(value)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if value > 0 else None
    if isinstance(value, str):
        s = re.sub(r"[^\d.]", "", value.replace(",", ""))
        try:
            v = float(s)
        except ValueError:
            return None
        return v if v > 0 else None
    return None


_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


def _iso_date(value: object) -> str | None:
    """An ISO date: "2026-08-06T07:39:35Z" -> "2026-08-06"; epoch seconds or milliseconds -> the UTC date."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    m = _DATE.match(value)
    if m:
        return m.group(1)
    from dateutil import parser as date_parser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return date_parser.parse(value).date().isoformat()
        except (ValueError, OverflowError):
            return None


_EMPLOYMENT = {
    "fulltime": "FULL_TIME", "parttime": "PART_TIME", "contract": "CONTRACTOR", "contractor": "CONTRACTOR",
    "contracttemp": "CONTRACTOR", "temporary": "TEMPORARY", "temp": "TEMPORARY", "intern": "INTERN",
    "internship": "INTERN", "volunteer": "VOLUNTEER", "perdiem": "PER_DIEM", "other": "OTHER",
}  # fmt: skip


def _employment(value: object) -> str | None:
    """A schema.org code: "Full-time", "Full time", "FullTime" -> "FULL_TIME"; a list -> codes joined by ", "."""
    if isinstance(value, list):
        codes = [c for c in (_employment(v) for v in value) if c]
        return ", ".join(dict.fromkeys(codes)) or None
    s = _text(value)
    if s is None:
        return None
    return _EMPLOYMENT.get(re.sub(r"[\s_\-/]+", "", s).lower(), s)


_REMOTE_NO = re.compile(r"\b(?:hybrid|on[- ]?site|in[- ]office|office[- ]based)\b", re.I)
_REMOTE_YES = re.compile(r"\b(?:remote|telecommute|work from home|wfh|anywhere)\b", re.I)


def _remote_from(*values: str | None) -> bool | None:
    """True when a location or workplace string says remote, False for hybrid or on-site, else None."""
    joined = " | ".join(v for v in values if v)
    if _REMOTE_NO.search(joined):
        return False
    if _REMOTE_YES.search(joined):
        return True
    return None


# --------------------------------------------------------------------------------------------------
# Structured pay

_UNITS = (("year", "year"), ("annu", "year"), ("yr", "year"), ("month", "month"), ("week", "week"),
          ("day", "day"), ("daily", "day"), ("hour", "hour"))  # fmt: skip


def _period(unit: object) -> str | None:
    """One of pay.PERIODS from "YEAR", "per-year-salary", "1 HOUR", "hourly" ..."""
    s = _text(unit)
    if s is None:
        return None
    s = s.lower()
    for key, period in _UNITS:
        if key in s:
            return period
    return None


def _money(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"


def _structured_pay(lo: float | None, hi: float | None, currency: object, unit: object) -> Pay | None:
    """A :class:`Pay` from structured salary fields; None when the figures or the currency are missing.

    Args:
        lo: the lower bound, or None.
        hi: the upper bound, or None.
        currency: an ISO 4217 code.
        unit: the period as the source spells it; when absent it is judged from the size of the figure.
    """
    code = _text(currency)
    if code is None or not re.fullmatch(r"[A-Za-z]{3}", code) or (lo is None and hi is None):
        return None
    code = code.upper()
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    period = _period(unit) if unit is not None else None
    if period is None:
        ref = hi if hi is not None else lo
        period = _period_by_size(ref, code) if ref is not None else None
        if period is None:
            return None
    assert period in PERIODS
    if lo is not None and hi is not None:
        span = _money(lo) if lo == hi else f"{_money(lo)}–{_money(hi)}"
        text = f"{code} {span} per {period}"
    elif lo is not None:
        text = f"{code} {_money(lo)}+ per {period}"
    else:
        assert hi is not None
        text = f"up to {code} {_money(hi)} per {period}"
    return Pay(lo, hi, code, period, "base", text)
