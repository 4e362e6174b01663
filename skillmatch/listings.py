"""Old import path of :mod:`skillmatch.read.listing` (listing pages and ATS payloads -> Listing)."""

# shim: removed when the layout lands (issue 17)
from .read.listing import (
    MAX_INPUT_BYTES,
    MAX_JSON_DEPTH,
    SOURCES,
    Listing,
    canonical_url,
    html_to_text,
    json_depth_problem,
    listing_id,
    parse_listing,
    parse_listings,
)

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
