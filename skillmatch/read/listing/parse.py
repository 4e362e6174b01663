"""The entry points: parse_listing (one job) and parse_listings (every job of a board or page)."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup

from ...errors import InputError
from .ats import _ats_kind, _ats_listing
from .html import _soup
from .ids import canonical_url
from .jsonld import _find_postings, _from_jsonld, _is_type, _jsonld_blocks
from .load import _load
from .model import Listing
from .sites import _complete, _declared_url, _from_html, _PageIndex

# --------------------------------------------------------------------------------------------------
# Public entry points


def _check_url(url: str | None) -> str | None:
    if url is None:
        return None
    canonical_url(url)  # raises InputError on a bad URL
    return url


def _html_postings(markup: str) -> tuple[BeautifulSoup, list[dict[str, Any]]]:
    soup = _soup(markup)
    postings = [p for block in _jsonld_blocks(soup) for p in _find_postings(block)]
    return soup, postings


def _json_listing(value: Any, url: str | None) -> Listing:
    postings = list(_find_postings(value))
    if postings:
        listing = _from_jsonld(postings[0], url)
        if listing is not None:
            return listing
    kind = _ats_kind(value)
    if kind is not None:
        return _ats_listing(kind, value, url)
    jobs = _board_jobs(value)
    if len(jobs) == 1:
        return _ats_listing(jobs[0][0], jobs[0][1], url)
    if jobs:
        raise InputError(f"the payload is a job board with {len(jobs)} jobs; use parse_listings")
    raise InputError("no job found in the JSON (not a JobPosting, Greenhouse, Lever or Ashby job)")


def _board_jobs(value: Any) -> list[tuple[str, dict[str, Any]]]:
    """(kind, job) for each job of a board payload; InputError for an entry that is not a job."""
    if isinstance(value, dict) and isinstance(value.get("jobs"), list):
        entries: list[Any] = value["jobs"]
    elif isinstance(value, list):
        entries = []
        for item in value:  # Lever "?group=team" nests postings under each group
            if isinstance(item, dict) and isinstance(item.get("postings"), list) and not _ats_kind(item):
                entries.extend(item["postings"])
            else:
                entries.append(item)
    else:
        return []
    out: list[tuple[str, dict[str, Any]]] = []
    for i, job in enumerate(entries):
        kind = _ats_kind(job)
        if kind is None:
            raise InputError(f"entry {i} of the payload is not a Greenhouse, Lever or Ashby job")
        out.append((kind, job))
    return out


def parse_listing(page: str | bytes | dict[str, Any], url: str | None = None) -> Listing:
    """Read one job listing from a saved page or an ATS job payload.

    Args:
        page: an HTML page, or the JSON of one job (a JobPosting JSON-LD object, a Greenhouse job, a
            Lever posting, an Ashby job), as text, bytes or an already-parsed dict.
        url: where the page was fetched from. For pages it becomes the listing's URL (else the page's
            canonical link or og:url is used); ATS jobs keep their own URL and use this only without one.

    Returns:
        The listing, from JSON-LD first, then ATS JSON, then the visible HTML.

    Raises:
        InputError: empty, binary, too large (over 5 MB), neither HTML nor JSON, a board payload with
            several jobs, or no job found.
    """
    url = _check_url(url)
    kind, value = _load(page)
    if kind == "json":
        return _json_listing(value, url)
    soup, postings = _html_postings(value)
    index = _PageIndex(soup)
    for posting in postings:
        listing = _from_jsonld(posting, url, _declared_url(index))
        if listing is not None:
            return _complete(listing, index)
    return _from_html(soup, index, url)


def parse_listings(payload: str | bytes | dict[str, Any] | list[Any], url: str | None = None) -> list[Listing]:
    """Read every job of a board payload (or of a page).

    Args:
        payload: a Greenhouse ``{"jobs": [...]}`` payload (with or without ``content``), a Lever
            postings array (also the ``group=`` form), an Ashby ``{"jobs": [...]}`` payload, a single
            job, or an HTML page (every JobPosting in its JSON-LD, else its one visible listing).
        url: where the payload was fetched from. It is the job's URL only for a single job or page; a
            job of a board without a URL of its own gets an id from its text, never from this URL.

    Returns:
        One listing per job, in payload order; an empty list for a board with no open jobs.

    Raises:
        InputError: empty, binary, too large, not HTML or JSON, or an entry that is not a job.
    """
    url = _check_url(url)
    kind, value = _load(payload)
    if kind == "html":
        soup, postings = _html_postings(value)
        index = _PageIndex(soup)
        many = len(postings) > 1
        page_url = None if many else url or _declared_url(index)
        found = [x for x in (_from_jsonld(p, None if many else url, page_url) for p in postings) if x is not None]
        if len(found) == 1:
            found = [_complete(found[0], index)]
        return found or [_from_html(soup, index, url)]
    if isinstance(value, dict) and not isinstance(value.get("jobs"), list):
        postings = list(_find_postings(value))
        if len(postings) > 1:
            return [x for x in (_from_jsonld(p, None) for p in postings) if x is not None]
        return [_json_listing(value, url)]
    if not isinstance(value, dict | list):
        raise InputError(f"expected a job board payload (object or array), got {type(value).__name__}")
    if isinstance(value, list) and value and all(isinstance(v, dict) and _is_type(v, "JobPosting") for v in value):
        return [x for x in (_from_jsonld(p, None) for p in value) if x is not None]
    return [_ats_listing(kind_, job, None) for kind_, job in _board_jobs(value)]
