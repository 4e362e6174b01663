"""Fetch job pages and ATS job boards politely and safely; the only package that does network I/O.

What every request goes through (:class:`Fetcher`):

- **Only http and https**, no credentials in the URL.
- **No private network**: the host is resolved (``socket.getaddrinfo``) and refused when any of its
  addresses is loopback, private, link-local, multicast, reserved, unspecified or otherwise not public
  (:func:`check_address`), unless ``allow_private`` is given. The connection then goes to the very
  address that was checked (the ``Host`` header and the TLS server name keep the host name), so a DNS
  answer that changes between the check and the connection cannot point it elsewhere. Redirects are
  followed here, not by a library (at most 5), and each hop is checked again.
- **robots.txt** (``urllib.robotparser``), fetched once per origin through the same guarded path.
  Following RFC 9309: a missing robots.txt (any 4xx) allows everything; a server error (5xx) or an
  unreachable one disallows the origin. ``Crawl-delay`` for our agent is honoured (up to 60 s).
- **A per-host rate limit**: at least ``1 / rate`` seconds between the starts of two requests to one
  host (robots.txt, retries and redirect hops included).
- **Timeouts**: ``timeout`` bounds the connection and each read; ``deadline`` bounds the whole
  response, so a server that drips a byte at a time is cut off.
- **A size cap**, enforced while streaming (and on the decompressed size of a gzip body).
- **Retries** with exponential backoff on 429, 5xx and connection errors; a small ``Retry-After`` is
  honoured, a large one gives up at once.
- **A clear User-Agent**: ``skillmatch/<version> (+https://github.com/skillmatch/skillmatch)``.

Known gaps: DNS resolution has no timeout of its own (``getaddrinfo`` blocks); HTTP proxies from the
environment are not used; one :class:`Fetcher` is meant for one thread.
"""

from __future__ import annotations

from .addresses import check_address
from .boards import BOARD_KINDS, board_url, fetch_listings
from .client import Fetcher
from .model import (
    DEFAULT_USER_AGENT,
    MAX_CRAWL_DELAY,
    MAX_REDIRECTS,
    MAX_RETRY_AFTER,
    ROBOTS_MAX_BYTES,
    Response,
    ScrapeError,
    ScrapeResult,
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
