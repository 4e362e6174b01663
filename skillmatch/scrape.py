"""Old import path of :mod:`skillmatch.fetch` (job pages and ATS boards over the network)."""

# shim: removed when the layout lands (issue 17)
from .fetch import (
    BOARD_KINDS,
    DEFAULT_USER_AGENT,
    MAX_CRAWL_DELAY,
    MAX_REDIRECTS,
    MAX_RETRY_AFTER,
    ROBOTS_MAX_BYTES,
    Fetcher,
    Response,
    ScrapeError,
    ScrapeResult,
    board_url,
    check_address,
    fetch_listings,
)

__all__ = [
    "BOARD_KINDS",
    "DEFAULT_USER_AGENT",
    "MAX_CRAWL_DELAY",
    "MAX_REDIRECTS",
    "MAX_RETRY_AFTER",
    "ROBOTS_MAX_BYTES",
    "Fetcher",
    "Response",
    "ScrapeError",
    "ScrapeResult",
    "board_url",
    "check_address",
    "fetch_listings",
]
