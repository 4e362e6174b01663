"""The Fetcher: robots.txt, a per-host rate limit, timeouts, a size cap, retries and redirects."""

from __future__ import annotations

import email.message
import email.utils
import http.client
import ssl
import time
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

from .addresses import _allowed_networks, _resolve_checked
from .connection import _PinnedHTTP, _PinnedHTTPS, _Watchdog
from .model import (
    _CHUNK,
    _REDIRECT_STATUS,
    _RETRY_STATUS,
    DEFAULT_USER_AGENT,
    MAX_CRAWL_DELAY,
    MAX_REDIRECTS,
    MAX_RETRY_AFTER,
    ROBOTS_MAX_BYTES,
    Response,
    ScrapeError,
)
from .urls import _Target, _target

# --------------------------------------------------------------------------------------------------
# The fetcher


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


class _Retryable(Exception):
    def __init__(self, message: str, wait: float | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.wait = wait
        self.status = status


class Fetcher:
    """Fetches URLs politely and safely (see the module docstring for every rule).

    Args:
        allow_private: True to allow loopback, private and link-local addresses; or the networks whose
            such addresses are allowed (``["10.1.0.0/16"]``); False (default) to fetch public addresses only.
        user_agent: the User-Agent sent and matched against robots.txt; default
            ``skillmatch/<version> (+https://github.com/skillmatch/skillmatch)``.
        rate: requests per second to one host (at least ``1 / rate`` s between two requests' starts).
        timeout: seconds allowed to connect and for each read.
        max_bytes: the largest body accepted (after decompression).
        retries: how many times to retry after a 429, a 5xx or a connection error.
        deadline: seconds allowed for a whole response (connect, headers, body); default ``3 * timeout``.
        backoff: the first retry's wait in seconds; each later one doubles it.
        respect_robots: False skips robots.txt (for a caller that has the site's permission).
        ssl_context: the TLS settings (CA bundle) to verify servers with; default the system's.
    """

    def __init__(
        self,
        *,
        allow_private: bool | Iterable[str] = False,
        user_agent: str | None = None,
        rate: float = 1.0,
        timeout: float = 10.0,
        max_bytes: int = 5_000_000,
        retries: int = 2,
        deadline: float | None = None,
        backoff: float = 0.5,
        respect_robots: bool = True,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if rate <= 0:
            raise ScrapeError(f"rate must be above 0 requests per second, got {rate}")
        if timeout <= 0 or (deadline is not None and deadline <= 0):
            raise ScrapeError("timeout and deadline must be above 0 seconds")
        if max_bytes <= 0:
            raise ScrapeError(f"max_bytes must be above 0, got {max_bytes}")
        self.allow_private = allow_private
        self._allowed = _allowed_networks(allow_private)
        self.user_agent = " ".join((user_agent or DEFAULT_USER_AGENT).split())
        self.interval = 1.0 / rate
        self.timeout = float(timeout)
        self.deadline = float(deadline) if deadline is not None else 3.0 * self.timeout
        self.max_bytes = int(max_bytes)
        self.retries = max(int(retries), 0)
        self.backoff = max(float(backoff), 0.0)
        self.respect_robots = respect_robots
        self._robots: dict[str, RobotFileParser | str] = {}  # origin -> parser, or why it is disallowed
        self._last: dict[str, float] = {}  # host:port -> monotonic time of the last request start
        self._delay: dict[str, float] = {}  # host:port -> crawl delay from robots.txt
        self._ssl = ssl_context or ssl.create_default_context()

    # -- public ----------------------------------------------------------------------------------

    def get(self, url: str) -> bytes:
        """The body of ``url``.

        Raises:
            ScrapeError: refused (scheme, private address, robots.txt) or failed (HTTP status, timeout,
                too large, too many redirects, connection error); the message is one line.
        """
        return self.fetch(url).body

    def fetch(self, url: str) -> Response:
        """Like :meth:`get`, with the final URL, status and headers."""
        return self._fetch(url, self.max_bytes, robots=self.respect_robots)

    # -- internals -------------------------------------------------------------------------------

    def _fetch(self, url: str, max_bytes: int, *, robots: bool) -> Response:
        target = _target(url)
        first = target.url
        for _hop in range(MAX_REDIRECTS + 1):
            infos = self._checked(target, first)
            if robots:
                self._check_robots(target)
            location = None
            for attempt in range(self.retries + 1):
                try:
                    status, headers, body = self._request(target, infos, max_bytes)
                except _Retryable as e:
                    if attempt >= self.retries:
                        tries = f" (after {attempt + 1} attempts)" if attempt else ""
                        raise ScrapeError(f"failed {target.url}: {e}{tries}", status=e.status) from None
                    wait = self.backoff * (2**attempt)
                    if e.wait is not None:
                        if e.wait > MAX_RETRY_AFTER:
                            raise ScrapeError(
                                f"failed {target.url}: {e}; the server asks to retry after {e.wait:.0f} s",
                                status=e.status,
                            ) from None
                        wait = max(wait, e.wait)
                    time.sleep(wait)
                    continue
                if status in _REDIRECT_STATUS:
                    location = headers.get("location")
                    if not location:
                        raise ScrapeError(f"failed {target.url}: HTTP {status} redirect without a Location")
                    break
                if 200 <= status < 300:
                    return Response(target.url, status, headers, body)
                reason = f"HTTP {status} {http.client.responses.get(status, '')}".strip()
                raise ScrapeError(f"failed {target.url}: {reason}", status=status)
            assert location is not None
            target = _target(urljoin(target.url, location.strip()))
        raise ScrapeError(f"failed {first}: more than {MAX_REDIRECTS} redirects")

    def _checked(self, target: _Target, first: str) -> list[tuple[Any, ...]]:
        try:
            return _resolve_checked(target.host, target.port, self._allowed)
        except ScrapeError as e:
            via = "" if target.url == first else f" (redirected from {first})"
            hint = "" if str(e).startswith("cannot resolve") else " (pass --allow-private to allow)"
            raise ScrapeError(f"refused {target.url}{via}: {e}{hint}") from None

    def _wait_turn(self, target: _Target) -> None:
        key = target.host_key
        interval = max(self.interval, self._delay.get(key, 0.0))
        last = self._last.get(key)
        if last is not None:
            pause = last + interval - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last[key] = time.monotonic()

    def _check_robots(self, target: _Target) -> None:
        origin = target.origin
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin, target.host_key)
        rules = self._robots[origin]
        if isinstance(rules, str):
            raise ScrapeError(f"refused {target.url}: {rules}")
        if not rules.can_fetch(self.user_agent, target.url):
            raise ScrapeError(f"refused {target.url}: robots.txt at {origin} disallows it for {self.user_agent}")

    def _load_robots(self, origin: str, host_key: str) -> RobotFileParser | str:
        robots_url = origin + "/robots.txt"
        parser = RobotFileParser(robots_url)
        try:
            response = self._fetch(robots_url, ROBOTS_MAX_BYTES, robots=False)
        except ScrapeError as e:
            if e.status is not None and 400 <= e.status < 500 and e.status != 429:
                parser.parse([])  # RFC 9309: robots.txt unavailable (4xx) -> no rules, everything is allowed
                return parser
            if str(e).startswith("refused"):
                raise
            return f"robots.txt could not be read, so the site is treated as disallowed ({e})"
        parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
        delay = parser.crawl_delay(self.user_agent)
        if delay is not None:
            self._delay[host_key] = min(float(delay), MAX_CRAWL_DELAY)
        return parser

    def _request(
        self, target: _Target, infos: list[tuple[Any, ...]], max_bytes: int
    ) -> tuple[int, dict[str, str], bytes]:
        """One GET: (status, headers, body). Raises _Retryable or ScrapeError."""
        self._wait_turn(target)
        started = time.monotonic()
        conn: _PinnedHTTP | _PinnedHTTPS
        if target.scheme == "https":
            conn = _PinnedHTTPS(target.host, target.port, infos, min(self.timeout, self.deadline), self._ssl)
        else:
            conn = _PinnedHTTP(target.host, target.port, infos, min(self.timeout, self.deadline))
        watchdog = _Watchdog(conn, self.deadline)
        resp: http.client.HTTPResponse | None = None
        try:
            conn.putrequest("GET", target.path, skip_accept_encoding=True)
            conn.putheader("User-Agent", self.user_agent)
            conn.putheader("Accept", "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.5")
            conn.putheader("Accept-Encoding", "gzip")
            conn.putheader("Connection", "close")
            conn.endheaders()
            resp = conn.getresponse()
            headers = {k.lower(): v for k, v in resp.getheaders()}
            status = resp.status
            if status in _RETRY_STATUS:
                reason = f"HTTP {status} {resp.reason}".strip()
                raise _Retryable(reason, _retry_after(headers.get("retry-after")), status)
            if status in _REDIRECT_STATUS or not 200 <= status < 300:
                return status, headers, b""
            body = self._read_body(target, resp, headers, max_bytes, started, watchdog)
            return status, headers, body
        except _Retryable:
            raise
        except ScrapeError:
            raise
        except TimeoutError:
            if watchdog.fired:
                raise ScrapeError(f"failed {target.url}: {self._deadline_message()}") from None
            raise ScrapeError(f"failed {target.url}: timed out (no answer within {self.timeout:g} s)") from None
        except ssl.SSLError as e:
            if watchdog.fired:
                raise ScrapeError(f"failed {target.url}: {self._deadline_message()}") from None
            raise ScrapeError(f"failed {target.url}: TLS error ({e})") from None
        except (OSError, http.client.HTTPException) as e:
            if watchdog.fired:
                raise ScrapeError(f"failed {target.url}: {self._deadline_message()}") from None
            raise _Retryable(f"connection error ({type(e).__name__}: {e})") from None
        finally:
            watchdog.cancel()
            if resp is not None:
                resp.close()
            conn.close()

    def _deadline_message(self) -> str:
        return f"timed out: the response took longer than {self.deadline:g} s"

    def _read_body(
        self,
        target: _Target,
        resp: http.client.HTTPResponse,
        headers: dict[str, str],
        max_bytes: int,
        started: float,
        watchdog: _Watchdog,
    ) -> bytes:
        too_big = f"failed {target.url}: response larger than {max_bytes} bytes"
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", "", "gzip", "x-gzip"):
            raise ScrapeError(f"failed {target.url}: unsupported Content-Encoding {encoding!r}")
        gzipped = encoding in ("gzip", "x-gzip")
        declared = headers.get("content-length", "")
        if not gzipped and declared.isdigit() and int(declared) > max_bytes:
            raise ScrapeError(too_big)
        inflate = zlib.decompressobj(wbits=31) if gzipped else None
        out = bytearray()
        while True:
            if time.monotonic() - started > self.deadline or watchdog.fired:
                raise ScrapeError(f"failed {target.url}: {self._deadline_message()}")
            chunk = resp.read1(_CHUNK)
            if not chunk:
                break
            if inflate is not None:
                try:
                    chunk = inflate.decompress(chunk, max_bytes + 1 - len(out))
                except zlib.error as e:
                    raise ScrapeError(f"failed {target.url}: bad gzip body ({e})") from None
            out += chunk
            if len(out) > max_bytes or (inflate is not None and inflate.unconsumed_tail):
                raise ScrapeError(too_big)
        if watchdog.fired:
            raise ScrapeError(f"failed {target.url}: {self._deadline_message()}")
        if inflate is not None:
            out += inflate.flush()
            if len(out) > max_bytes:
                raise ScrapeError(too_big)
        elif declared.isdigit() and len(out) < int(declared):
            raise _Retryable(f"connection closed after {len(out)} of {declared} bytes")
        return bytes(out)
