"""``skillmatch serve`` as a real process on a free loopback port, spoken to over HTTP (stdlib only)."""

from __future__ import annotations

import http.cookiejar
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import OFFLINE_ENV, running_server

from skillmatch.listings.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).with_name("skillmatch")
EXAMPLE = ROOT / "data" / "examples" / "example_resume.pdf"

# Our own resume; every line carries a word found nowhere else, so the log can be searched for each.
MARKED_RESUME = """Ysolde Farrimond-Okafor
Revenue Analyst, Tarnwick Ceramics · ysolde.fo@example.test

Experience
Revenue Analyst, Tarnwick Ceramics, Feb 2020 - Present
- Built Tarnwick's weekly pipeline report in Salesforce for 25 reps and the regional managers
- Wrote SQL in Snowflake to reconcile Tarnwick bookings with billing every month
- Designed Tableau dashboards on Tarnwick win rates and sales cycle length
- Helped the Tarnwick sales director rebalance territories with account scores in Excel

Skills
SQL, Excel, Tableau, Salesforce reports, Tarnwick forecasting
"""


@dataclass(frozen=True)
class Server:
    url: str
    log: Path
    db: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``skillmatch serve --port 0`` with an (empty) listings database; its stdout and stderr go to one log file."""
    tmp = tmp_path_factory.mktemp("serve")
    log = tmp / "server.log"
    db = tmp / "listings.db"
    Store(db).close()  # serve refuses a database that does not exist (it would be a new empty one)
    with running_server(db, log) as url:
        assert url.startswith("http://127.0.0.1:")
        yield Server(url, log, db)


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.body.decode("utf-8"), "html.parser")


class Browser:
    """A cookie-keeping HTTP client (urllib) that returns every status instead of raising."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> Reply:
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=120) as r:
                return Reply(r.status, dict(r.headers.items()), r.read())
        except urllib.error.HTTPError as e:
            with e:
                return Reply(e.code, dict(e.headers.items()), e.read())

    def token(self) -> str:
        field = self.request("/").soup.find("input", attrs={"name": "csrf_token"})
        assert isinstance(field, Tag)
        return str(field["value"])

    def upload(self, data: bytes, name: str, token: str | None, path: str = "/report", field: str = "resume") -> Reply:
        boundary = "----skillmatch-server-test-41c9"
        parts = []
        if token is not None:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
                         f"{token}\r\n".encode())
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def test_home_page_has_the_form_and_the_headers(server: Server) -> None:
    r = Browser(server.url).request("/")
    assert r.status == 200
    policy = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["Referrer-Policy"] == "no-referrer"
    form = r.soup.find("form", attrs={"action": "/report"})
    assert isinstance(form, Tag) and form.get("enctype") == "multipart/form-data"
    assert form.find("input", attrs={"type": "file", "name": "resume"}) is not None
    assert form.find("input", attrs={"name": "csrf_token"}) is not None


def test_upload_through_the_form_gives_the_report(server: Server) -> None:
    browser = Browser(server.url)
    r = browser.upload(EXAMPLE.read_bytes(), EXAMPLE.name, browser.token())
    assert r.status == 200
    soup = r.soup
    level = soup.select_one(".headline .level")
    assert isinstance(level, Tag) and level.get("data-level") in ("analyst", "manager", "director", "vp")
    main = soup.find("main")
    assert isinstance(main, Tag) and len(main.find_all("svg")) == 2
    assert r.headers["Cache-Control"] == "no-store"


def test_upload_without_the_token_is_400(server: Server) -> None:
    browser = Browser(server.url)
    browser.token()  # has a session, but does not send the token
    r = browser.upload(EXAMPLE.read_bytes(), EXAMPLE.name, None)
    assert r.status == 400
    detail = r.soup.select_one("#problem-detail")
    assert detail is not None and "security token" in detail.get_text()
    assert r.headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_upload_of_11_mb_is_413(server: Server) -> None:
    browser = Browser(server.url)
    r = browser.upload(b"x" * (11 * 1024 * 1024), "huge.txt", browser.token())
    assert r.status == 413
    heading = r.soup.select_one("section.problem h1")
    assert heading is not None and heading.get_text() == "That file is too large"


def test_api_analyze_returns_the_cli_json(server: Server, tmp_path: Path) -> None:
    r = Browser(server.url).upload(EXAMPLE.read_bytes(), EXAMPLE.name, None, path="/api/analyze", field="file")
    assert r.status == 200 and r.headers["Content-Type"] == "application/json"
    cli = subprocess.run([str(EXE), "analyze", str(EXAMPLE), "--format", "json", "--db", str(server.db)],
                         capture_output=True, text=True, env=OFFLINE_ENV, cwd=tmp_path, timeout=600)
    assert cli.returncode == 0, cli.stderr
    report = json.loads(r.body)
    assert report == json.loads(cli.stdout)
    assert report["listings"] == []  # the database is empty; the key says one was used


def test_the_log_holds_no_line_of_the_resume(server: Server) -> None:
    browser = Browser(server.url)
    assert browser.upload(MARKED_RESUME.encode(), "ysolde.txt", browser.token()).status == 200
    assert browser.upload(MARKED_RESUME.encode(), "ysolde.txt", None, path="/api/analyze", field="file").status == 200
    assert browser.upload(MARKED_RESUME.encode() + b"\x00\x01", "ysolde.txt", browser.token()).status == 400
    assert browser.request("/api/jd/lint", json.dumps({"text": MARKED_RESUME}).encode(),
                           {"Content-Type": "application/json"}).status == 200
    time.sleep(0.5)
    log = server.log.read_text(errors="replace")
    assert re.search(r"skillmatch\.web\.access INFO POST /report 200 \d+ms", log)  # the access log is on
    assert re.search(r"POST /report 400 \d+ms", log) and re.search(r"POST /api/analyze 200 \d+ms", log)
    for line in MARKED_RESUME.splitlines():
        if line.strip():
            assert line.strip() not in log
    for word in ("Tarnwick", "Ysolde", "Farrimond", "ysolde.fo"):
        assert word not in log
    from skillmatch.read.document import read_document

    for line in read_document(EXAMPLE).lines:
        if len(line.text.split()) >= 3:
            assert line.text.strip() not in log
