"""ATS payloads: a Greenhouse job, a Lever posting or an Ashby job read into a Listing."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

from ...errors import InputError
from ..pay import Pay, parse_pay, parse_years
from .fields import _employment, _iso_date, _name, _number, _remote_from, _structured_pay, _text
from .html import _plain_lines, _unescape_markup, html_to_text
from .ids import listing_id
from .model import Listing

# --------------------------------------------------------------------------------------------------
# ATS payloads


def _is_greenhouse(job: dict[str, Any]) -> bool:
    return isinstance(job.get("title"), str) and any(
        k in job for k in ("absolute_url", "internal_job_id", "requisition_id", "content", "pay_input_ranges")
    )


def _is_lever(job: dict[str, Any]) -> bool:
    return isinstance(job.get("text"), str) and any(
        k in job for k in ("hostedUrl", "categories", "descriptionPlain", "lists", "salaryRange")
    )


def _is_ashby(job: dict[str, Any]) -> bool:
    return isinstance(job.get("title"), str) and any(
        k in job for k in ("descriptionHtml", "descriptionPlain", "jobUrl", "isRemote", "compensation")
    )


def _ats_kind(job: object) -> str | None:
    if not isinstance(job, dict):
        return None
    if _is_lever(job):
        return "lever"
    if _is_ashby(job):
        return "ashby"
    if _is_greenhouse(job):
        return "greenhouse"
    return None


def _ats_listing(kind: str, job: dict[str, Any], url: str | None) -> Listing:
    if kind == "greenhouse":
        return _from_greenhouse(job, url)
    if kind == "lever":
        return _from_lever(job, url)
    return _from_ashby(job, url)


def _job_url(value: object, fallback: str | None) -> str | None:
    s = _text(value)
    if s and re.match(r"https?://", s, re.I):
        return s
    return fallback


def _require_title(value: object, kind: str) -> str:
    title = _text(value)
    if title is None:
        raise InputError(f"{kind} job has no title")
    return title


def _from_greenhouse(job: dict[str, Any], url: str | None) -> Listing:
    title = _require_title(job.get("title"), "Greenhouse")
    content = job.get("content")
    markup = _unescape_markup(content) if isinstance(content, str) and content.strip() else None
    text = html_to_text(markup) if markup else ""
    pay: Pay | None = None
    ranges = job.get("pay_input_ranges")
    for r in ranges if isinstance(ranges, list) else []:
        if isinstance(r, dict):
            lo, hi = _number(r.get("min_cents")), _number(r.get("max_cents"))
            pay = _structured_pay(
                lo / 100 if lo else None, hi / 100 if hi else None, r.get("currency_type"), r.get("interval")
            )
            if pay:
                break
    location = _name(job.get("location"))
    employment = None
    for field in job.get("metadata") or []:
        if isinstance(field, dict) and re.search(r"employment|commitment|job type", str(field.get("name")), re.I):
            employment = _employment(field.get("value"))
    own_url = _job_url(job.get("absolute_url"), url)
    return Listing(
        id=listing_id(own_url, title, text),
        title=title,
        company=_text(job.get("company_name")),
        location=location,
        remote=_remote_from(location),
        text=text,
        html=markup,
        pay=pay or parse_pay(text),
        years=parse_years(text),
        url=own_url,
        source="greenhouse",
        date_posted=_iso_date(job.get("first_published")),
        employment_type=employment,
    )


def _from_lever(job: dict[str, Any], url: str | None) -> Listing:
    title = _require_title(job.get("text"), "Lever")
    pieces: list[str] = []
    description = job.get("description")
    if isinstance(description, str) and description.strip():
        pieces.append(description)
    else:
        for key in ("opening", "descriptionBody"):
            if isinstance(job.get(key), str) and job[key].strip():
                pieces.append(job[key])
    for item in job.get("lists") or []:
        if isinstance(item, dict):
            heading = _text(item.get("text"))
            body = item.get("content") if isinstance(item.get("content"), str) else ""
            pieces.append((f"<h3>{html_lib.escape(heading)}</h3>" if heading else "") + f"<ul>{body}</ul>")
    for key in ("salaryDescription", "additional"):
        if isinstance(job.get(key), str) and job[key].strip():
            pieces.append(job[key])
    markup = "\n".join(pieces) or None
    if markup:
        text = html_to_text(markup)
    else:
        plain = [job.get(k) for k in ("descriptionPlain", "salaryDescriptionPlain", "additionalPlain")]
        text = "\n".join(_plain_lines("\n".join(p for p in plain if isinstance(p, str))))
    pay = None
    salary = job.get("salaryRange")
    if isinstance(salary, dict) and "one-time" not in str(salary.get("interval", "")):
        pay = _structured_pay(
            _number(salary.get("min")), _number(salary.get("max")), salary.get("currency"), salary.get("interval")
        )
    raw_categories = job.get("categories")
    categories: dict[str, Any] = raw_categories if isinstance(raw_categories, dict) else {}
    location = _text(categories.get("location"))
    if location is None and isinstance(categories.get("allLocations"), list):
        location = _text(", ".join(str(x) for x in categories["allLocations"]))
    workplace = _text(job.get("workplaceType"))
    own_url = _job_url(job.get("hostedUrl"), url)
    return Listing(
        id=listing_id(own_url, title, text),
        title=title,
        company=None,
        location=location,
        remote=_remote_from(workplace) if workplace and workplace != "unspecified" else _remote_from(location),
        text=text,
        html=markup,
        pay=pay or parse_pay(text),
        years=parse_years(text),
        url=own_url,
        source="lever",
        date_posted=_iso_date(job.get("createdAt")),
        employment_type=_employment(categories.get("commitment")),
    )


def _ashby_pay(compensation: object) -> Pay | None:
    """The Salary component of an Ashby ``compensation`` block (summary first, then the first tier)."""
    if not isinstance(compensation, dict):
        return None
    components: list[Any] = list(compensation.get("summaryComponents") or [])
    for tier in compensation.get("compensationTiers") or []:
        if isinstance(tier, dict):
            components.extend(tier.get("components") or [])
    for c in components:
        if not isinstance(c, dict):
            continue
        kind = str(c.get("compensationType") or c.get("componentType") or "")
        if kind.lower() != "salary":
            continue
        pay = _structured_pay(
            _number(c.get("minValue")), _number(c.get("maxValue")), c.get("currencyCode"), c.get("interval")
        )
        if pay:
            return pay
    return None


def _from_ashby(job: dict[str, Any], url: str | None) -> Listing:
    title = _require_title(job.get("title"), "Ashby")
    described = job.get("descriptionHtml")
    markup = described if isinstance(described, str) and described.strip() else None
    if markup:
        text = html_to_text(markup)
    else:
        plain = job.get("descriptionPlain")
        text = "\n".join(_plain_lines(plain)) if isinstance(plain, str) else ""
    location = _name(job.get("location"))
    workplace = _text(job.get("workplaceType"))
    remote = _remote_from(workplace) if workplace else None
    if remote is None and isinstance(job.get("isRemote"), bool):
        remote = job["isRemote"]
    own_url = _job_url(job.get("jobUrl"), url)
    return Listing(
        id=listing_id(own_url, title, text),
        title=title,
        company=_text(job.get("organizationName")),
        location=location,
        remote=remote,
        text=text,
        html=markup,
        pay=_ashby_pay(job.get("compensation")) or parse_pay(text),
        years=parse_years(text),
        url=own_url,
        source="ashby",
        date_posted=_iso_date(job.get("publishedAt")),
        employment_type=_employment(job.get("employmentType")),
    )
