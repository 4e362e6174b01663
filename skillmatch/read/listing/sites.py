"""Visible HTML: where job boards put the title, company, location and description, read into a Listing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from bs4 import BeautifulSoup, Tag

from ...errors import InputError
from ..pay import parse_pay, parse_years
from .fields import _employment, _one_line, _remote_from, _text
from .html import _PAGE_DROP_TAGS, _lines_of
from .ids import _page_url, listing_id
from .model import Listing

# --------------------------------------------------------------------------------------------------
# Visible HTML

# Where job boards put each field; the generic selectors come last. A selector is (tag name or "",
# attribute or "", value); the attribute "class" matches any one of the classes.
_Sel = tuple[str, str, str]
_TITLE_SEL: tuple[_Sel, ...] = (
    ("", "data-automation", "job-detail-title"),  # Seek
    ("h1", "class", "top-card-layout__title"),  # LinkedIn
    ("h1", "class", "topcard__title"),
    ("", "data-testid", "jobsearch-JobInfoHeader-title"),  # Indeed
    ("", "itemprop", "title"),  # microdata
    ("h1", "", ""),
)
_COMPANY_SEL: tuple[_Sel, ...] = (
    ("", "data-automation", "advertiser-name"),
    ("", "class", "topcard__org-name-link"),
    ("", "data-testid", "inlineHeader-companyName"),
    ("", "itemprop", "hiringOrganization"),
    ("", "class", "company-name"),
    ("", "class", "companyName"),
)
_LOCATION_SEL: tuple[_Sel, ...] = (
    ("", "data-automation", "job-detail-location"),
    ("", "class", "topcard__flavor--bullet"),
    ("", "data-testid", "inlineHeader-companyLocation"),
    ("", "itemprop", "jobLocation"),
    ("", "class", "job-location"),
    ("", "class", "location"),
)
_EMPLOYMENT_SEL: tuple[_Sel, ...] = (
    ("", "data-automation", "job-detail-work-type"),
    ("", "itemprop", "employmentType"),
    ("", "class", "employment-type"),
)
_SALARY_SEL: tuple[_Sel, ...] = (
    ("", "data-automation", "job-detail-salary"),
    ("", "class", "compensation__salary"),
    ("", "id", "salaryInfoAndJobType"),
    ("", "itemprop", "baseSalary"),
    ("", "class", "job-salary"),
)
_DESCRIPTION_SEL: tuple[_Sel, ...] = (
    ("", "data-automation", "jobAdDetails"),
    ("", "class", "show-more-less-html__markup"),
    ("", "class", "description__text"),
    ("", "id", "jobDescriptionText"),
    ("", "itemprop", "description"),
    ("", "id", "job-description"),
    ("", "class", "job-description"),
    ("", "id", "job-details"),
    ("", "class", "job-details"),
    ("article", "", ""),
    ("main", "", ""),
    ("", "role", "main"),
)
_INDEX_ATTRS = ("id", "itemprop", "data-automation", "data-testid", "role")
_INDEX_NAMES = frozenset({"h1", "h3", "h4", "dt", "th", "article", "main", "meta", "link"})
# Sections about other jobs: nothing in them describes this one.
_OTHER_JOBS = re.compile(r"similar|related|recommend|also[-_ ]viewed|more[-_ ]jobs|other[-_ ]jobs", re.I)


def _in_other_jobs(tag: Tag) -> bool:
    for el in [tag, *tag.parents]:
        if isinstance(el, Tag) and el.attrs:
            marks = " ".join(el.get_attribute_list("class") or []) + " " + str(el.get("id") or "")
            if _OTHER_JOBS.search(marks):
                return True
    return False


class _PageIndex:
    """The tags of a page by name, by class and by a few attributes, built in one pass.

    CSS selection (soupsieve) walks the whole tree once per selector, which takes seconds on a big
    page; this looks each selector up in a dict instead.
    """

    def __init__(self, soup: BeautifulSoup) -> None:
        self.by_name: dict[str, list[Tag]] = {}
        self.by_attr: dict[tuple[str, str], list[Tag]] = {}
        for tag in soup.find_all(True):
            if tag.name in _INDEX_NAMES:
                self.by_name.setdefault(tag.name, []).append(tag)
            for attr in _INDEX_ATTRS:
                value = tag.get(attr)
                if isinstance(value, str):
                    self.by_attr.setdefault((attr, value), []).append(tag)
            for cls in tag.get_attribute_list("class") or []:
                if cls:
                    self.by_attr.setdefault(("class", cls), []).append(tag)

    def tags(self, sel: _Sel) -> list[Tag]:
        name, attr, value = sel
        if attr:
            return [t for t in self.by_attr.get((attr, value), []) if not name or t.name == name]
        return self.by_name.get(name, [])

    def first(self, selectors: Iterable[_Sel]) -> Tag | None:
        """The first tag, by selector priority then page order, that has text and is not about other jobs."""
        for sel in selectors:
            for tag in self.tags(sel):
                if tag.get_text(strip=True) and not _in_other_jobs(tag):
                    return tag
        return None

    def text(self, selectors: Iterable[_Sel]) -> str | None:
        tag = self.first(selectors)
        if tag is None:
            return None
        if tag.get("itemprop"):  # microdata: <div itemprop="hiringOrganization"><span itemprop="name">
            inner = tag.find(None, {"itemprop": "name"})
            if isinstance(inner, Tag) and inner.get_text(strip=True):
                tag = inner
        return _text(tag.get_text(" "))

    def meta(self, prop: str) -> str | None:
        for tag in self.by_name.get("meta", []):
            if prop in (tag.get("property"), tag.get("name")):
                return _text(tag.get("content"))
        return None

    def canonical(self) -> str | None:
        for tag in self.by_name.get("link", []):
            if "canonical" in (tag.get_attribute_list("rel") or []):
                return _text(tag.get("href"))
        return None

    def criteria(self, label: str) -> str | None:
        """A value shown as "label / value" (LinkedIn job criteria, <dt>/<dd> and <th>/<td> pairs)."""
        want = label.casefold()
        for name in ("h3", "h4", "dt", "th"):
            for head in self.by_name.get(name, []):
                if _one_line(head.get_text(" ")).casefold().rstrip(":") != want:
                    continue
                value = head.find_next_sibling()
                if isinstance(value, Tag):
                    return _text(value.get_text(" "))
        return None


def _declared_url(index: _PageIndex) -> str | None:
    """The page's own URL: <link rel="canonical">, else og:url."""
    return _page_url(index.canonical(), None) or _page_url(index.meta("og:url"), None)


def _complete(listing: Listing, index: _PageIndex) -> Listing:
    """Fill what a page's JSON-LD left out (description, company, location) from the visible page."""
    changes: dict[str, Any] = {}
    if not listing.text:
        container = index.first(_DESCRIPTION_SEL)
        text = "\n".join(_lines_of(container, _PAGE_DROP_TAGS)) if container is not None else ""
        if text:
            changes.update(text=text, html=str(container))
            changes["pay"] = listing.pay or parse_pay(text)
            changes["years"] = listing.years or parse_years(text)
            changes["id"] = listing_id(listing.url, listing.title, text)
    if listing.company is None:
        changes["company"] = index.text(_COMPANY_SEL)
    if listing.location is None:
        changes["location"] = index.text(_LOCATION_SEL)
    return replace(listing, **changes) if changes else listing


def _from_html(soup: BeautifulSoup, index: _PageIndex, url: str | None) -> Listing:
    title = index.text(_TITLE_SEL) or index.meta("og:title")
    if title is None and soup.title is not None:
        title = _text(soup.title.get_text(" "))
    container: Tag | BeautifulSoup | None = index.first(_DESCRIPTION_SEL)
    if container is None:
        container = soup.body if soup.body is not None else soup
    text = "\n".join(_lines_of(container, _PAGE_DROP_TAGS))
    if title is None or not text:
        raise InputError("no job listing found in the page (no JobPosting JSON-LD, no title or description)")
    location = index.text(_LOCATION_SEL)
    salary = index.text(_SALARY_SEL)
    pay = parse_pay(f"Salary: {salary}") if salary else None
    own_url = url or _declared_url(index)
    return Listing(
        id=listing_id(own_url, title, text),
        title=title,
        company=index.text(_COMPANY_SEL),
        location=location,
        remote=_remote_from(location, title),
        text=text,
        html=str(container),
        pay=pay or parse_pay(text),
        years=parse_years(text),
        url=own_url,
        source="html",
        date_posted=None,
        employment_type=_employment(index.text(_EMPLOYMENT_SEL) or index.criteria("Employment type")),
    )
