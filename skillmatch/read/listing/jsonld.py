"""schema.org JobPosting JSON-LD: finding the postings in a page and reading one into a Listing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup

from ...errors import InputError
from ..pay import Pay, Years, parse_pay, parse_years
from .fields import _employment, _iso_date, _name, _number, _one_line, _structured_pay, _text
from .html import _unescape_markup, html_to_text
from .ids import _page_url, listing_id
from .load import json_depth_problem
from .model import Listing


def _jsonld_pay(salary: object, fallback_currency: object) -> Pay | None:
    """schema.org ``baseSalary``: a MonetaryAmount (value a QuantitativeValue or a number), or a list."""
    if isinstance(salary, list):
        return next((p for p in (_jsonld_pay(s, fallback_currency) for s in salary) if p), None)
    if isinstance(salary, int | float | str) and not isinstance(salary, bool):
        v = _number(salary)
        return _structured_pay(v, v, fallback_currency, None)
    if not isinstance(salary, dict):
        return None
    currency = salary.get("currency") or fallback_currency
    value = salary.get("value")
    unit = salary.get("unitText")
    if isinstance(value, dict):
        currency = currency or value.get("currency")
        unit = value.get("unitText") or unit
        lo, hi = _number(value.get("minValue")), _number(value.get("maxValue"))
        single = _number(value.get("value"))
    else:
        lo, hi = _number(salary.get("minValue")), _number(salary.get("maxValue"))
        single = _number(value)
    if lo is None and hi is None and single is not None:
        lo = hi = single
    return _structured_pay(lo, hi, currency, unit)


# --------------------------------------------------------------------------------------------------
# JSON-LD


def _is_type(node: dict[str, Any], name: str) -> bool:
    t = node.get("@type")
    types = t if isinstance(t, list) else [t]
    return any(isinstance(x, str) and x.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == name for x in types)


def _find_postings(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JobPosting node in a JSON-LD value (top level, lists, @graph, nested containers)."""
    if depth > 8:
        return
    if isinstance(value, list):
        for item in value:
            yield from _find_postings(item, depth + 1)
    elif isinstance(value, dict):
        if _is_type(value, "JobPosting"):
            yield value
            return
        for key, child in value.items():
            if key in ("@context",) or not isinstance(child, dict | list):
                continue
            yield from _find_postings(child, depth + 1)


_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$|^\s*<!--|-->\s*$")


def _jsonld_blocks(soup: BeautifulSoup) -> Iterator[Any]:
    for script in soup.find_all("script", attrs={"type": re.compile(r"^\s*application/ld\+json\s*$", re.I)}):
        raw = _CDATA.sub("", script.string or script.get_text() or "")
        if not raw.strip():
            continue
        problem = json_depth_problem(raw)
        if problem:
            raise InputError(f"refused: a JSON-LD block is {problem}")
        try:
            yield json.loads(raw, strict=False)
        except json.JSONDecodeError:
            continue  # a broken block on the page must not hide the visible listing


def _jsonld_location(posting: dict[str, Any]) -> str | None:
    places = posting.get("jobLocation")
    found: list[str] = []
    for place in places if isinstance(places, list) else [places]:
        if isinstance(place, str):
            found.append(place)
            continue
        if not isinstance(place, dict):
            continue
        address = place.get("address")
        if isinstance(address, dict):
            parts = [_name(address.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
            joined = ", ".join(dict.fromkeys(p for p in parts if p))
            if joined:
                found.append(joined)
                continue
        text = _text(address) if isinstance(address, str) else _name(place)
        if text:
            found.append(text)
    if not found:
        req = _name(posting.get("applicantLocationRequirements"))
        return req
    return "; ".join(dict.fromkeys(_one_line(f) for f in found))


def _jsonld_years(req: object) -> Years | None:
    """experienceRequirements: OccupationalExperienceRequirements (monthsOfExperience), text, or a list."""
    if isinstance(req, list):
        return next((y for y in (_jsonld_years(r) for r in req) if y), None)
    if isinstance(req, dict):
        months = req.get("monthsOfExperience")
        if not isinstance(months, bool) and isinstance(months, int | float | str):
            try:
                m = float(str(months).strip())
            except ValueError:
                m = -1.0
            if m >= 0:
                label = _text(req.get("description")) or f"{m:g} months of experience"
                return Years(round(m / 12, 2), None, label)
        desc = _text(req.get("description"))
        return parse_years(desc) if desc else None
    text = _text(req)
    return parse_years(text) if text else None


def _from_jsonld(posting: dict[str, Any], url: str | None, page_url: str | None = None) -> Listing | None:
    title = _text(posting.get("title")) or _text(posting.get("name"))
    if title is None:
        return None
    description = posting.get("description")
    markup = _unescape_markup(description) if isinstance(description, str) else None
    text = html_to_text(markup) if markup else ""
    pay = _jsonld_pay(posting.get("baseSalary"), posting.get("salaryCurrency")) or parse_pay(text)
    years = _jsonld_years(posting.get("experienceRequirements")) or parse_years(text)
    location_type = posting.get("jobLocationType")
    types = location_type if isinstance(location_type, list) else [location_type]
    location = _jsonld_location(posting)
    remote = True if any(isinstance(t, str) and t.upper() == "TELECOMMUTE" for t in types) else None
    own_url = url or _page_url(posting.get("url"), None) or page_url
    return Listing(
        id=listing_id(own_url, title, text),
        title=title,
        company=_name(posting.get("hiringOrganization")),
        location=location,
        remote=remote,
        text=text,
        html=markup,
        pay=pay,
        years=years,
        url=own_url,
        source="jsonld",
        date_posted=_iso_date(posting.get("datePosted")),
        employment_type=_employment(posting.get("employmentType")),
    )
