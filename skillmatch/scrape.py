"""Fetch job pages and ATS job boards politely and safely; the only module that does network I/O.

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

import email.message
import email.utils
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from . import __version__
from .errors import InputError
from .listings import Listing, parse_listings

__all__ = [
    "BOARD_KINDS",
    "DEFAULT_USER_AGENT",
    "Fetcher",
    "Response",
    "ScrapeError",
    "ScrapeResult",
    "board_url",
    "check_address",
    "fetch_listings",
]

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

BOARD_KINDS = ("greenhouse", "lever", "ashby")
_BOARD_URLS = {
    "greenhouse": ("https://boards-api.greenhouse.io", "/v1/boards/{board}/jobs?content=true"),
    "lever": ("https://api.lever.co", "/v0/postings/{board}?mode=json"),
    "ashby": ("https://api.ashbyhq.com", "/posting-api/job-board/{board}?includeCompensation=true"),
}


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


# --------------------------------------------------------------------------------------------------
# Addresses


def _address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` is not a public address, or None when it is."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            problem = _address_problem(mapped)
            return f"{problem} ({mapped} inside IPv6)" if problem else None
        if ip.teredo is not None:
            return "a Teredo tunnel address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "not a public address"
    return None


_Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


def _allowed_networks(allow_private: bool | Iterable[str]) -> bool | _Networks:
    """True (anything), False (public only) or the networks whose non-public addresses are allowed."""
    if isinstance(allow_private, bool):
        return allow_private
    if isinstance(allow_private, str):
        allow_private = [allow_private]
    try:
        return tuple(ipaddress.ip_network(n, strict=False) for n in allow_private)
    except (TypeError, ValueError) as e:
        raise ScrapeError(f"allow_private: {e}") from None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def check_address(host: str, port: int = 80, *, allow_private: bool | Iterable[str] = False) -> list[tuple[Any, ...]]:
    """Resolve ``host`` and refuse it unless every address it resolves to is public.

    Args:
        host: a host name or a literal IPv4/IPv6 address (without brackets).
        port: the port to resolve for.
        allow_private: True to allow any address; or the networks (``"10.0.0.0/8"``, ``"127.0.0.1"``)
            whose non-public addresses are allowed; False (default) to allow public addresses only.

    Returns:
        The ``(family, type, proto, canonname, sockaddr)`` tuples of ``socket.getaddrinfo`` to connect to,
        in resolver order.

    Raises:
        ScrapeError: the host does not resolve, or an address is not public and not allowed
            ("169.254.169.254 is a link-local address").
    """
    return _resolve_checked(host, port, _allowed_networks(allow_private))


def _resolve_checked(host: str, port: int, allowed: bool | _Networks) -> list[tuple[Any, ...]]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise ScrapeError(f"cannot resolve {host}: {e}") from None
    if not infos:
        raise ScrapeError(f"cannot resolve {host}: no addresses")
    if allowed is True:
        return list(infos)
    networks: _Networks = () if allowed is False else allowed
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        problem = _address_problem(ip)
        if problem is None or any(ip in net for net in networks):
            continue
        named = host if _is_ip(host) else f"{host} resolves to {ip}, which"
        raise ScrapeError(f"{named} is {problem}")
    return list(infos)


# --------------------------------------------------------------------------------------------------
# Connections to a checked address


def _open_socket(infos: list[tuple[Any, ...]], timeout: float) -> socket.socket:
    """Connect to the first of the checked addresses that answers."""
    last: OSError | None = None
    for family, type_, proto, _canon, sockaddr in infos:
        sock = socket.socket(family, type_, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(sockaddr)
            return sock
        except OSError as e:
            sock.close()
            last = e
    raise last if last is not None else OSError("no address to connect to")


class _Pinned:
    """What both connection kinds share: the checked addresses and the deadline's kill switch."""

    expired: threading.Event
    sock: Any

    def _expire(self) -> None:
        """Shut the socket down (a blocked read then returns) once the deadline has passed."""
        self.expired.set()
        sock = self.sock
        if sock is not None:
            try:
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain fd, also under TLS
            except OSError:
                pass

    def _check_expired(self) -> None:
        if self.expired.is_set():
            raise TimeoutError("deadline passed")


class _PinnedHTTP(_Pinned, http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand; ``host`` is only the Host header."""

    def __init__(self, host: str, port: int, infos: list[tuple[Any, ...]], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._infos = infos
        self._seconds = timeout
        self.expired = threading.Event()

    def connect(self) -> None:
        self.sock = _open_socket(self._infos, self._seconds)
        self._check_expired()


class _PinnedHTTPS(_Pinned, http.client.HTTPSConnection):
    """An HTTPS connection to a checked address; the certificate is verified against ``host``."""

    def __init__(
        self, host: str, port: int, infos: list[tuple[Any, ...]], timeout: float, context: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._infos = infos
        self._seconds = timeout
        self._ctx = context
        self.expired = threading.Event()

    def connect(self) -> None:
        raw = _open_socket(self._infos, self._seconds)
        self.sock = self._ctx.wrap_socket(raw, server_hostname=self.host, do_handshake_on_connect=False)
        self._check_expired()
        self.sock.do_handshake()  # after self.sock is set, so the deadline can cut a slow handshake off
        self._check_expired()


class _Watchdog:
    """Calls the connection's kill switch when the deadline passes."""

    def __init__(self, conn: _PinnedHTTP | _PinnedHTTPS, seconds: float) -> None:
        self._conn = conn
        self._timer = threading.Timer(max(seconds, 0.0), conn._expire)
        self._timer.daemon = True
        self._timer.start()

    @property
    def fired(self) -> bool:
        return self._conn.expired.is_set()

    def cancel(self) -> None:
        self._timer.cancel()


# --------------------------------------------------------------------------------------------------
# URLs


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal, lower case, no brackets
    port: int
    path: str  # request target: path and query, percent-encoded

    @property
    def origin(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = _DEFAULT_PORTS[self.scheme] == self.port
        return f"{self.scheme}://{host}" + ("" if default else f":{self.port}")

    @property
    def host_key(self) -> str:
        return f"{self.host}:{self.port}"


def _target(url: str) -> _Target:
    shown = " ".join(str(url).split())[:300]
    try:
        parts = urlsplit(str(url).strip())
        port = parts.port
    except ValueError as e:
        raise ScrapeError(f"refused {shown}: not a valid URL ({e})") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ScrapeError(f"refused {shown}: only http and https URLs are fetched")
    if not parts.hostname:
        raise ScrapeError(f"refused {shown}: the URL has no host")
    if parts.username is not None or parts.password is not None:
        raise ScrapeError(f"refused {shown}: URLs with a user name or password are not fetched")
    host = parts.hostname.rstrip(".")
    try:
        host = host.encode("idna").decode("ascii").lower() if not host.isascii() else host.lower()
    except UnicodeError:
        raise ScrapeError(f"refused {shown}: the host name is not valid") from None
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        path += "?" + quote(parts.query, safe="/?%:@!$&'()*+,;=-._~")
    clean = urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, ""))
    return _Target(clean, scheme, host, port or _DEFAULT_PORTS[scheme], path)


def board_url(kind: str, board: str, base_url: str | None = None) -> str:
    """The public job-board API URL of a Greenhouse, Lever or Ashby board.

    Args:
        kind: "greenhouse", "lever" or "ashby".
        board: the board's name as it appears in its job-board URL (``boards.greenhouse.io/<board>``,
            ``jobs.lever.co/<board>``, ``jobs.ashbyhq.com/<board>``).
        base_url: a scheme and host to use instead of the ATS's own (for tests and mirrors), e.g.
            ``"http://127.0.0.1:8000"``.

    Returns:
        Greenhouse ``https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true``; Lever
        ``https://api.lever.co/v0/postings/{board}?mode=json``; Ashby
        ``https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true``.

    Raises:
        ScrapeError: an unknown kind or an empty board name.
    """
    if kind not in _BOARD_URLS:
        raise ScrapeError(f"unknown job board kind {kind!r} (expected one of {', '.join(BOARD_KINDS)})")
    name = board.strip()
    if not name:
        raise ScrapeError(f"empty {kind} board name")
    origin, path = _BOARD_URLS[kind]
    if base_url is not None:
        origin = base_url.rstrip("/")
    return origin + path.format(board=quote(name, safe=""))


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


# --------------------------------------------------------------------------------------------------
# Listings


def _listings_from(response: Response, *, board: bool) -> list[Listing]:
    text = response.text()
    payload: str | bytes = text if text is not None else response.body
    return parse_listings(payload, url=None if board else response.url)


def fetch_listings(
    urls: Iterable[str] = (),
    *,
    greenhouse: Iterable[str] = (),
    lever: Iterable[str] = (),
    ashby: Iterable[str] = (),
    allow_private: bool | Iterable[str] = False,
    user_agent: str | None = None,
    rate: float = 1.0,
    timeout: float = 10.0,
    max_bytes: int = 5_000_000,
    retries: int = 2,
    deadline: float | None = None,
    base_url: str | None = None,
) -> Iterator[ScrapeResult]:
    """Fetch job pages and job boards, one :class:`ScrapeResult` per URL or board, lazily.

    Args:
        urls: job page URLs (HTML with JSON-LD or visible text) or URLs of ATS JSON payloads.
        greenhouse: Greenhouse board names (``boards.greenhouse.io/<name>``).
        lever: Lever board names (``jobs.lever.co/<name>``).
        ashby: Ashby job board names (``jobs.ashbyhq.com/<name>``).
        allow_private: see :class:`Fetcher`.
        user_agent: see :class:`Fetcher`.
        rate: see :class:`Fetcher`.
        timeout: see :class:`Fetcher`.
        max_bytes: see :class:`Fetcher`.
        retries: see :class:`Fetcher`.
        deadline: see :class:`Fetcher`.
        base_url: fetch boards from this scheme and host instead of the ATS's own (see :func:`board_url`).

    Yields:
        The pages first, in order, then Greenhouse, Lever and Ashby boards. A URL that is refused,
        fails or holds no listing gives a result with ``error`` set; nothing is raised for it.

    Raises:
        ScrapeError: bad settings (rate, timeout, max_bytes, allow_private networks) only.
    """
    fetcher = Fetcher(
        allow_private=allow_private,
        user_agent=user_agent,
        rate=rate,
        timeout=timeout,
        max_bytes=max_bytes,
        retries=retries,
        deadline=deadline,
    )
    jobs: list[tuple[str, str | None, bool]] = [(u, None, False) for u in urls]  # (url or label, error, board)
    for kind, boards in (("greenhouse", greenhouse), ("lever", lever), ("ashby", ashby)):
        for name in boards:
            try:
                jobs.append((board_url(kind, name, base_url), None, True))
            except ScrapeError as e:
                jobs.append((f"{kind}:{name}", str(e), True))
    return _fetch_all(fetcher, jobs)


def _fetch_all(fetcher: Fetcher, jobs: list[tuple[str, str | None, bool]]) -> Iterator[ScrapeResult]:
    for url, error, board in jobs:
        if error is not None:
            yield ScrapeResult(url, [], error)
            continue
        try:
            listings = _listings_from(fetcher.fetch(url), board=board)
        except InputError as e:
            yield ScrapeResult(url, [], " ".join(str(e).split()))
            continue
        except RecursionError:  # a page nested deeper than any reader expects: refuse it, go on with the rest
            yield ScrapeResult(url, [], "refused: the page is nested too deeply to read")
            continue
        yield ScrapeResult(url, listings, None)
