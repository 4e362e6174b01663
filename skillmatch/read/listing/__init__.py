"""Job listings from saved pages and ATS payloads: one :class:`Listing` per job.

Where each field comes from, in order of trust:

1. schema.org ``JobPosting`` JSON-LD in the page (any ``<script type="application/ld+json">``, also
   inside ``@graph`` arrays and lists): title, hiring organisation, address, ``TELECOMMUTE``,
   ``baseSalary``, ``experienceRequirements``, the description HTML, ``datePosted``, ``employmentType``.
2. ATS JSON: a Greenhouse job (``content``, HTML-entity-escaped), a Lever posting (``descriptionPlain``,
   ``lists``, ``salaryRange``) or an Ashby job (``descriptionHtml``, ``compensation``).
3. The visible HTML (beautifulsoup4): the job title (``<h1>``, og:title, ``<title>``), the company and
   location where the page marks them, and the main description container only, so "similar jobs"
   cards and page chrome never reach the text.

Pay and years come from the structured fields when there are any, else from the description text with
:func:`skillmatch.read.pay.parse_pay` and :func:`skillmatch.read.pay.parse_years`.

The id of a listing is the sha1 of its canonical URL (:func:`canonical_url`), or of its normalised title
and text when it has no URL, so the same job fetched twice gets the same id.
"""

from __future__ import annotations

from .html import html_to_text
from .ids import canonical_url, listing_id
from .load import MAX_JSON_DEPTH, json_depth_problem
from .model import MAX_INPUT_BYTES, SOURCES, Listing
from .parse import parse_listing, parse_listings

__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_JSON_DEPTH",
    "SOURCES",
    "Listing",
    "canonical_url",
    "html_to_text",
    "json_depth_problem",
    "listing_id",
    "parse_listing",
    "parse_listings",
]
