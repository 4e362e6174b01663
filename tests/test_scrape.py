"""Scraping against a real HTTP server on loopback: address guard, robots.txt, limits, retries, parsing."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from skillmatch.errors import InputError
from skillmatch.fetch import (
    DEFAULT_USER_AGENT,
    Fetcher,
    ScrapeError,
    ScrapeResult,
    board_url,
    check_address,
    fetch_listings,
)

BOARDS = Path(__file__).parent / "fixtures" / "boards"

JOB_PAGE = """<!doctype html>
<html><head><title>Sales Operations Manager - Lakeshore Freight</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "JobPosting",
 "title": "Sales Operations Manager",
 "hiringOrganization": {"@type": "Organization", "name": "Lakeshore Freight"},
 "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Milwaukee",
                 "addressRegion": "WI", "addressCountry": "US"}},
 "datePosted": "2026-03-10", "employmentType": "FULL_TIME",
 "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                "value": {"@type": "QuantitativeValue", "minValue": 98000, "maxValue": 120000, "unitText": "YEAR"}},
 "description": "<p>Lakeshore Freight runs trucking lanes across the Great Lakes.</p><ul><li>Own the weekly \
forecast call.</li><li>5+ years of experience in sales operations.</li></ul>"}
</script></head>
<body><h1>Sales Operations Manager</h1><p>Apply below.</p></body></html>
"""


# --------------------------------------------------------------------------------------------------
# The loopback server


@dataclass
class Seen:
    path: str
    at: float
    user_agent: str | None


@dataclass
class Site:
    """The test server's state: what robots.txt says, and every request it saw."""

    base: str = ""
    robots: str | int | None = None  # text, an HTTP status, or None for 404
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        with self.lock:
            return [s.path for s in self.seen]

    def hits(self, path: str) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.path == path]


class Handler(BaseHTTPRequestHandler):
    site: Site  # set on a subclass per server

    def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, data: bytes, every: float, limit: float) -> None:
        """Write one byte at a time until the client hangs up or ``limit`` seconds pass."""
        end = time.monotonic() + limit
        try:
            for i in range(len(data)):
                if time.monotonic() > end:
                    return
                self.wfile.write(data[i : i + 1])
                self.wfile.flush()
                time.sleep(every)
        except OSError:
            return

    def do_GET(self) -> None:  # noqa: C901 - one route table
        path = self.path
        with self.site.lock:
            self.site.seen.append(Seen(path, time.monotonic(), self.headers.get("User-Agent")))
        route = path.split("?", 1)[0]
        job = JOB_PAGE.encode("utf-8")
        if route == "/robots.txt":
            robots = self.site.robots
            if robots is None:
                self._send(404, b"not found", "text/plain")
            elif isinstance(robots, int):
                self._send(robots, b"error", "text/plain")
            else:
                self._send(200, robots.encode(), "text/plain")
        elif route in ("/job.html", "/private/job.html", "/open/job.html"):
            self._send(200, job)
        elif route == "/gzip-job.html":
            self._send(200, gzip.compress(job), Content_Encoding="gzip")
        elif route == "/v1/boards/tidewater/jobs":
            self._send(200, (BOARDS / "greenhouse_board.json").read_bytes(), "application/json")
        elif route == "/v0/postings/marigoldhealth":
            self._send(200, (BOARDS / "lever_board.json").read_bytes(), "application/json")
        elif route == "/posting-api/job-board/quillstone":
            self._send(200, (BOARDS / "ashby_board.json").read_bytes(), "application/json")
        elif route == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self._drip(b"x" * 100000, every=0.05, limit=8.0)
        elif route == "/slow-headers":
            try:
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                self.wfile.flush()
            except OSError:
                return
            self._drip(b"X-Drip: " + b"a" * 10000, every=0.05, limit=8.0)
        elif route == "/stall":
            self.send_response(200)
            self.send_header("Content-Length", "10")
            self.end_headers()
            self.wfile.flush()
            time.sleep(2.0)
        elif route == "/huge":  # no Content-Length: the body ends when the connection closes
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(320):  # 20 MB
                    self.wfile.write(b"<p>" + b"y" * 65530 + b"</p>")
            except OSError:
                return
        elif route == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Length", "50000000")
            self.end_headers()
        elif route == "/bomb.gz":  # 3 MB of spaces, a few KB on the wire
            self._send(200, gzip.compress(b" " * 3_000_000), Content_Encoding="gzip")
        elif route == "/flaky":
            if len(self.site.hits("/flaky")) <= 2:
                self._send(503, b"busy", "text/plain", Retry_After="0")
            else:
                self._send(200, job)
        elif route == "/always-503":
            self._send(503, b"busy", "text/plain")
        elif route == "/retry-later":
            self._send(429, b"slow down", "text/plain", Retry_After="3600")
        elif route == "/redirect-job":
            self._send(302, b"", Location="/job.html")
        elif route == "/redirect-metadata":
            self._send(302, b"", Location="http://169.254.169.254/latest/meta-data/")
        elif route == "/redirect-loop":
            self._send(302, b"", Location="/redirect-loop")
        else:
            self._send(404, b"not found", "text/plain")


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()
    handler = type("SiteHandler", (Handler,), {"site": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def tls_site(tmp_path: Path) -> Iterator[tuple[Site, ssl.SSLContext]]:
    """The same server behind TLS, with a self-signed certificate for 127.0.0.1 made by the openssl CLI."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), type("TLSHandler", (Handler,), {"site": state}))
    server.daemon_threads = True
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    server.socket = server_ctx.wrap_socket(server.socket, server_side=True)
    state.base = f"https://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state, ssl.create_default_context(cafile=str(cert))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def fetcher(**kwargs: Any) -> Fetcher:
    """A fetcher for the loopback server: private addresses allowed, a fast rate, short backoff."""
    options: dict[str, Any] = {"allow_private": True, "rate": 100.0, "backoff": 0.02}
    options.update(kwargs)
    return Fetcher(**options)


# --------------------------------------------------------------------------------------------------
# Private addresses


def test_loopback_refused_without_allow_private(site: Site) -> None:
    url = f"{site.base}/job.html"
    with pytest.raises(ScrapeError) as e:
        Fetcher().get(url)
    assert str(e.value) == f"refused {url}: 127.0.0.1 is a loopback address (pass --allow-private to allow)"
    assert isinstance(e.value, InputError)
    assert site.paths() == []  # not even robots.txt was asked for

    results = list(fetch_listings([url]))
    assert results == [ScrapeResult(url, [], str(e.value))]
    assert site.paths() == []


def test_localhost_name_refused_after_resolution(site: Site) -> None:
    port = site.base.rsplit(":", 1)[1]
    with pytest.raises(ScrapeError, match=r"^refused http://localhost:\d+/job.html: localhost resolves to "):
        Fetcher().get(f"http://localhost:{port}/job.html")
    assert site.paths() == []


@pytest.mark.parametrize(
    ("host", "problem"),
    [
        ("10.0.0.1", "a private address"),
        ("192.168.1.20", "a private address"),
        ("172.16.5.4", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("fe80::1", "a link-local address"),
        ("fc00::1", "a private address"),
        ("0.0.0.0", "an unspecified address"),
        ("224.0.0.1", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("100.64.0.1", "not a public address"),
        ("::ffff:127.0.0.1", "a loopback address (127.0.0.1 inside IPv6)"),
        ("::ffff:169.254.169.254", "a link-local address (169.254.169.254 inside IPv6)"),
    ],
)
def test_check_address_refuses_non_public(host: str, problem: str) -> None:
    with pytest.raises(ScrapeError) as e:
        check_address(host)
    assert str(e.value) == f"{host} is {problem}"
    assert check_address(host, allow_private=True)  # allowed when asked


def test_check_address_hostname_and_networks() -> None:
    with pytest.raises(ScrapeError, match=r"^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address$"):
        check_address("localhost")
    assert [info[4][0] for info in check_address("8.8.8.8", 443)] == ["8.8.8.8"]
    assert check_address("2001:4860:4860::8888")
    # a list of networks allows those and nothing else
    assert check_address("10.1.2.3", allow_private=["10.0.0.0/8"])
    with pytest.raises(ScrapeError, match="169.254.169.254 is a link-local address"):
        check_address("169.254.169.254", allow_private=["10.0.0.0/8"])
    with pytest.raises(ScrapeError, match="allow_private"):
        check_address("10.1.2.3", allow_private=["not a network"])


def test_redirect_to_private_address_refused_on_the_hop(site: Site) -> None:
    f = fetcher(allow_private=["127.0.0.1/32"])  # the test server, and no other private address
    assert b"Lakeshore Freight" in f.get(f"{site.base}/job.html")
    start = f"{site.base}/redirect-metadata"
    with pytest.raises(ScrapeError) as e:
        f.get(start)
    assert str(e.value) == (
        f"refused http://169.254.169.254/latest/meta-data/ (redirected from {start}): "
        "169.254.169.254 is a link-local address (pass --allow-private to allow)"
    )
    assert len(site.hits("/redirect-metadata")) == 1


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/jobs.json", "only http and https URLs are fetched"),
        ("file:///etc/passwd", "only http and https URLs are fetched"),
        ("http://user:secret@example.com/job", "URLs with a user name or password are not fetched"),
        ("https:///no-host", "the URL has no host"),
    ],
)
def test_only_plain_http_urls(url: str, reason: str) -> None:
    with pytest.raises(ScrapeError, match="^refused .*: " + re.escape(reason) + "$"):
        Fetcher().get(url)


# --------------------------------------------------------------------------------------------------
# Pages and boards parsed


def test_page_parsed_into_listing(site: Site) -> None:
    url = f"{site.base}/job.html"
    [result] = list(fetch_listings([url], allow_private=True, rate=100))
    assert result.error is None and result.url == url
    [listing] = result.listings
    assert (listing.source, listing.title, listing.company) == (
        "jsonld",
        "Sales Operations Manager",
        "Lakeshore Freight",
    )
    assert listing.pay is not None and (listing.pay.min, listing.pay.max, listing.pay.period) == (98000, 120000, "year")
    assert listing.years is not None and listing.years.min == 5
    assert listing.url == url
    assert result.to_dict()["listings"][0]["title"] == "Sales Operations Manager"
    assert site.paths() == ["/robots.txt", "/job.html"]  # a missing robots.txt (404) allows everything


def test_gzip_page_and_redirect_followed(site: Site) -> None:
    f = fetcher()
    assert f.get(f"{site.base}/gzip-job.html") == JOB_PAGE.encode("utf-8")
    response = f.fetch(f"{site.base}/redirect-job")
    assert response.url == f"{site.base}/job.html" and response.status == 200
    [result] = list(fetch_listings([f"{site.base}/redirect-job"], allow_private=True, rate=100))
    assert result.listings[0].url == f"{site.base}/job.html"


def test_boards_fetched_by_name_and_parsed(site: Site) -> None:
    results = list(
        fetch_listings(
            greenhouse=["tidewater"],
            lever=["marigoldhealth"],
            ashby=["quillstone", "nosuchboard"],
            allow_private=True,
            rate=100,
            base_url=site.base,
        )
    )
    assert [r.url for r in results] == [
        f"{site.base}/v1/boards/tidewater/jobs?content=true",
        f"{site.base}/v0/postings/marigoldhealth?mode=json",
        f"{site.base}/posting-api/job-board/quillstone?includeCompensation=true",
        f"{site.base}/posting-api/job-board/nosuchboard?includeCompensation=true",
    ]
    greenhouse, lever, ashby, missing = results
    assert [x.title for x in greenhouse.listings] == ["Revenue Operations Analyst", "Senior Manager, Sales Operations"]
    assert {x.source for x in greenhouse.listings} == {"greenhouse"}
    assert greenhouse.listings[0].pay is not None and greenhouse.listings[0].pay.min == 70000
    assert greenhouse.listings[0].url == "https://job-boards.greenhouse.io/tidewater/jobs/8100001"
    assert [(x.source, x.title) for x in lever.listings] == [("lever", "Sales Operations Specialist")]
    assert [(x.source, x.title) for x in ashby.listings] == [("ashby", "Head of Sales Strategy")]
    assert ashby.listings[0].years is not None and ashby.listings[0].years.min == 10
    assert missing.listings == [] and missing.error is not None and missing.error.endswith("HTTP 404 Not Found")
    assert all(r.error is None for r in results[:3])


def test_board_url() -> None:
    assert board_url("greenhouse", "acme") == "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"
    assert board_url("lever", "acme") == "https://api.lever.co/v0/postings/acme?mode=json"
    assert board_url("ashby", "acme") == "https://api.ashbyhq.com/posting-api/job-board/acme?includeCompensation=true"
    assert board_url("lever", "a b/c") == "https://api.lever.co/v0/postings/a%20b%2Fc?mode=json"
    assert board_url("lever", "acme", "http://127.0.0.1:9/") == "http://127.0.0.1:9/v0/postings/acme?mode=json"
    with pytest.raises(ScrapeError, match="unknown job board kind 'workday'"):
        board_url("workday", "acme")
    with pytest.raises(ScrapeError, match="empty lever board name"):
        board_url("lever", "  ")
    [result] = list(fetch_listings(lever=[" "]))
    assert result == ScrapeResult("lever: ", [], "empty lever board name")


# --------------------------------------------------------------------------------------------------
# robots.txt


def test_robots_disallow_respected(site: Site) -> None:
    site.robots = "User-agent: *\nDisallow: /private/\n"
    f = fetcher()
    url = f"{site.base}/private/job.html"
    with pytest.raises(ScrapeError) as e:
        f.get(url)
    assert str(e.value) == f"refused {url}: robots.txt at {site.base} disallows it for {DEFAULT_USER_AGENT}"
    assert b"Lakeshore" in f.get(f"{site.base}/open/job.html")
    assert site.paths() == ["/robots.txt", "/open/job.html"]  # robots.txt read once; the private page never asked

    [result] = list(fetch_listings([url], allow_private=True, rate=100))
    assert result.listings == [] and result.error == str(e.value)


def test_robots_rules_for_our_agent(site: Site) -> None:
    site.robots = "User-agent: skillmatch\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    with pytest.raises(ScrapeError, match="robots.txt at .* disallows it"):
        fetcher().get(f"{site.base}/job.html")
    assert b"Lakeshore" in fetcher(user_agent="otherbot/2.0").get(f"{site.base}/job.html")


def test_robots_server_error_disallows(site: Site) -> None:
    site.robots = 503
    with pytest.raises(ScrapeError, match=r"robots.txt could not be read, so the site is treated as disallowed"):
        fetcher(retries=0).get(f"{site.base}/job.html")
    assert "/job.html" not in site.paths()


# --------------------------------------------------------------------------------------------------
# Timeouts and size


def test_slow_drip_cut_off_by_deadline(site: Site) -> None:
    f = fetcher(timeout=1.0, deadline=1.5, retries=0)
    for path in ("/slow", "/slow-headers"):
        start = time.monotonic()
        with pytest.raises(ScrapeError) as e:
            f.get(f"{site.base}{path}")
        elapsed = time.monotonic() - start
        assert str(e.value).endswith("timed out: the response took longer than 1.5 s")
        assert 1.4 <= elapsed < 3.0, (path, elapsed)


def test_silent_server_cut_off_by_read_timeout(site: Site) -> None:
    f = fetcher(timeout=0.3, deadline=5.0, retries=0)
    start = time.monotonic()
    with pytest.raises(ScrapeError, match=r"timed out \(no answer within 0.3 s\)$"):
        f.get(f"{site.base}/stall")
    assert time.monotonic() - start < 1.5


def test_huge_response_cut_off(site: Site) -> None:
    f = fetcher(max_bytes=100_000, retries=0)
    for path in ("/huge", "/huge-declared", "/bomb.gz"):
        start = time.monotonic()
        with pytest.raises(ScrapeError) as e:
            f.get(f"{site.base}{path}")
        assert str(e.value) == f"failed {site.base}{path}: response larger than 100000 bytes"
        assert time.monotonic() - start < 2.0
    [result] = list(fetch_listings([f"{site.base}/huge"], allow_private=True, rate=100, max_bytes=100_000))
    assert result.error is not None and result.error.endswith("response larger than 100000 bytes")


# --------------------------------------------------------------------------------------------------
# Politeness: rate limit, retries, User-Agent


def test_rate_limit_spaces_requests_to_one_host(site: Site) -> None:
    f = fetcher(rate=5.0)  # at least 0.2 s apart
    start = time.monotonic()
    f.get(f"{site.base}/job.html")
    f.get(f"{site.base}/open/job.html")
    times = [s.at for s in site.seen]
    assert [s.path for s in site.seen] == ["/robots.txt", "/job.html", "/open/job.html"]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert all(g >= 0.17 for g in gaps), gaps
    assert time.monotonic() - start < 2.0


def test_retries_on_503_then_success(site: Site) -> None:
    assert b"Lakeshore" in fetcher(retries=2).get(f"{site.base}/flaky")
    assert len(site.hits("/flaky")) == 3


def test_retries_give_up(site: Site) -> None:
    url = f"{site.base}/always-503"
    with pytest.raises(ScrapeError) as e:
        fetcher(retries=1).get(url)
    assert str(e.value) == f"failed {url}: HTTP 503 Service Unavailable (after 2 attempts)"
    assert e.value.status == 503
    assert len(site.hits("/always-503")) == 2

    url = f"{site.base}/retry-later"  # a long Retry-After is not waited for
    start = time.monotonic()
    with pytest.raises(ScrapeError, match=r"HTTP 429 Too Many Requests; the server asks to retry after 3600 s$"):
        fetcher(retries=3).get(url)
    assert time.monotonic() - start < 1.0 and len(site.hits("/retry-later")) == 1

    with pytest.raises(ScrapeError, match=r"HTTP 404 Not Found$"):
        fetcher(retries=3).get(f"{site.base}/missing")
    assert len(site.hits("/missing")) == 1  # a 4xx is not retried


def test_redirect_loop_stops(site: Site) -> None:
    with pytest.raises(ScrapeError, match=r"more than 5 redirects$"):
        fetcher().get(f"{site.base}/redirect-loop")
    assert len(site.hits("/redirect-loop")) == 6


def test_user_agent_sent(site: Site) -> None:
    assert re.fullmatch(
        r"skillmatch/\d+\.\d+\.\d+\S* \(\+https://github\.com/skillmatch/skillmatch\)", DEFAULT_USER_AGENT
    )
    fetcher().get(f"{site.base}/job.html")
    assert {s.user_agent for s in site.seen} == {DEFAULT_USER_AGENT}
    fetcher(user_agent="acme-research/1.0 (+mailto:ops@example.com)").get(f"{site.base}/open/job.html")
    assert site.seen[-1].user_agent == "acme-research/1.0 (+mailto:ops@example.com)"


def test_https_verified_against_the_checked_address(tls_site: tuple[Site, ssl.SSLContext]) -> None:
    site, trusted = tls_site
    url = f"{site.base}/job.html"
    assert b"Lakeshore Freight" in fetcher(ssl_context=trusted).get(url)
    with pytest.raises(ScrapeError, match=r"^failed https://127\.0\.0\.1:\d+/robots\.txt.*certificate verify failed"):
        fetcher(retries=0, respect_robots=False).get(f"{site.base}/robots.txt")  # self-signed: not trusted by default
    f = fetcher(ssl_context=trusted, timeout=1.0, deadline=1.5, retries=0)
    start = time.monotonic()
    with pytest.raises(ScrapeError, match=r"timed out: the response took longer than 1.5 s$"):
        f.get(f"{site.base}/slow")
    assert time.monotonic() - start < 3.0


def test_bad_settings() -> None:
    with pytest.raises(ScrapeError, match="rate must be above 0"):
        Fetcher(rate=0)
    with pytest.raises(ScrapeError, match="max_bytes must be above 0"):
        fetch_listings(["https://example.com/"], max_bytes=0)  # raised at the call, not on first iteration


def test_board_payload_shapes_are_real_boards() -> None:
    """The synthetic fixtures have the board shapes the parser reads (more than one Greenhouse job)."""
    assert len(json.loads((BOARDS / "greenhouse_board.json").read_text())["jobs"]) == 2
    assert isinstance(json.loads((BOARDS / "lever_board.json").read_text()), list)
