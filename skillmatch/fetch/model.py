"""What fetching returns and raises (Response, ScrapeResult, ScrapeError), and its default limits."""

from __future__ import annotations

import email.message
import email.utils
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..errors import InputError
from ..read.listing import Listing

DEFAULT_USER_AGENT = f"skillmatch/{__version__} (+https://github.com/skillmatch/skillmatch)"
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 30.0
"""A ``Retry-After`` longer than this (seconds) is not waited for: the request fails at once."""
MAX_CRAWL_DELAY = 60.0
ROBOTS_MAX_BYTES = 512_000
"""robots.txt beyond this size is refused (RFC 9309 asks crawlers to read at least 500 KiB)."""
_CHUNK = 64 * 1024
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}


class ScrapeError(InputError):
    """A URL that was refused or could not be fetched; the message is one line and names the URL.

    Args:
        message: the one-line reason.
        status: the HTTP status when the server answered with an error status, else None.
    """

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class ScrapeResult:
    """What one URL or board gave.

    Args:
        url: the URL asked for (for a board, its API URL).
        listings: the listings parsed from the response; empty when there was an error.
        error: a one-line reason when the URL was refused or failed (robots.txt, private address,
            too big, timeout, HTTP status, nothing parseable), else None.
    """

    url: str
    listings: list[Listing]
    error: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "listings": [x.to_dict() for x in self.listings], "error": self.error}


@dataclass(frozen=True)
class Response:
    """A successful (2xx) response.

    Args:
        url: the URL the body came from, after redirects.
        status: the HTTP status.
        headers: response headers, names lower-cased (a repeated header keeps its last value).
        body: the body, decompressed when the server sent gzip.
    """

    url: str
    status: int
    headers: dict[str, str] = field(repr=False)
    body: bytes = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "status": self.status, "headers": dict(self.headers), "bytes": len(self.body)}

    def text(self) -> str | None:
        """The body decoded with the charset the Content-Type names, or None when it names none (or a wrong one)."""
        msg = email.message.Message()
        msg["content-type"] = self.headers.get("content-type", "")
        charset = msg.get_content_charset()
        if not charset:
            return None
        try:
            return self.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            return None
