"""Issue 15, the web side, against a real ``skillmatch serve`` on loopback: slow clients, bodies in memory,
Host and Origin checks, hostile JSON and multipart, a bounded pool with a budget, unreadable databases."""

from __future__ import annotations

import json
import os
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import server_process
from skillmatch.web import create_app
from synthetic_resumes import heavy_resume

from skillmatch.listings.store import Store

BUDGET = 6.0


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    tmp = tmp_path_factory.mktemp("hardening")
    db = tmp / "listings.db"
    Store(db).close()
    with server_process(db, tmp / "server.log", "--request-timeout", "3", "--budget", str(BUDGET),
                        "--work-threads", "2", "--max-connections", "60") as (url, proc):
        yield url, proc.pid


def call(url: str, path: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         timeout: float = 60) -> tuple[int, bytes, float]:
    req = urllib.request.Request(url + path, data=data, headers=headers or {})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read(), time.perf_counter() - started
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.read(), time.perf_counter() - started


def address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return str(parts.hostname), int(parts.port or 80)


def test_host_and_origin_checks(served: tuple[str, int]) -> None:
    url, _ = served
    assert call(url, "/")[0] == 200
    assert call(url, "/", headers={"Host": "localhost"})[0] == 200
    status, body, _ = call(url, "/api/listings", headers={"Host": "rebound.attacker.test"})
    assert status == 400 and b"host name" in body
    jd = b"Sales Operations Manager\nOwn the forecast process and coach four analysts on pipeline hygiene.\n"
    status, body, _ = call(url, "/api/jd/lint", jd, {"Content-Type": "text/plain", "Origin": "http://evil.test"})
    assert status == 403 and b"other sites" in body
    status, _, _ = call(url, "/api/jd/lint", jd, {"Content-Type": "text/plain", "Sec-Fetch-Site": "cross-site"})
    assert status == 403
    status, _, _ = call(url, "/api/jd/lint", jd, {"Content-Type": "text/plain", "Origin": "null"})
    assert status == 403
    # Chromium's own form post from a no-referrer page: "Origin: null", vouched for as same-origin
    status, _, _ = call(url, "/api/jd/lint", jd, {"Content-Type": "text/plain", "Origin": "null",
                                                  "Sec-Fetch-Site": "same-origin"})
    assert status == 200
    status, _, _ = call(url, "/api/jd/lint", jd, {"Content-Type": "text/plain", "Origin": url})
    assert status == 200  # same origin
    assert call(url, "/api/jd/lint", jd, {"Content-Type": "text/plain"})[0] == 200  # a program: no Origin


def test_hostile_json_and_multipart_get_400(served: tuple[str, int]) -> None:
    url, _ = served
    deep = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    status, body, _ = call(url, "/api/jd/lint", deep, {"Content-Type": "application/json"})
    assert status == 400 and b"nested" in body
    status, body, _ = call(url, "/api/jd/lint", b'{"text": 5}', {"Content-Type": "application/json"})
    assert status == 400 and json.loads(body)["error"].startswith('"text" must be a string')
    status, body, _ = call(url, "/api/analyze", b"hello", {"Content-Type": "multipart/form-data"})
    assert status == 400 and b"boundary" in body
    status, body, _ = call(url, "/api/jd/lint", b"text=hello", {"Content-Type": "multipart/form-data"})
    assert status == 400 and b"boundary" in body


def test_slowloris_leaves_the_server_answering(served: tuple[str, int]) -> None:
    url, _ = served
    host, port = address(url)
    stalled = []
    for _ in range(110):
        s = socket.create_connection((host, port), timeout=10)
        s.sendall(b"POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                  b"Content-Length: 1000000\r\n\r\nabcde")
        stalled.append(s)
    try:
        status, _, seconds = call(url, "/", timeout=30)
        assert status == 200 and seconds <= 3, seconds
        time.sleep(4 + 1000000 / 65536 + 2)  # past --request-timeout 3 plus 1 s per 64 KB declared
        status, _, seconds = call(url, "/listings", timeout=30)
        assert status == 200 and seconds <= 3
        closed = 0
        for s in stalled:
            s.settimeout(0.5)
            try:
                closed += s.recv(1) == b""
            except (TimeoutError, OSError):
                closed += isinstance(s, socket.socket) and s.fileno() == -1
        assert closed >= 100  # cut off, not left holding a place
    finally:
        for s in stalled:
            s.close()


def _temp_files(pid: int) -> list[str]:
    found = []
    tmp = os.path.realpath(tempfile.gettempdir())
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if (target.startswith(tmp) or target.endswith("(deleted)")) and not target.endswith(
                ("server.log", "listings.db", "listings.db-wal", "listings.db-shm")):
            found.append(target)  # waitress spools to an unlinked TemporaryFile: "/tmp/#123 (deleted)"
    return found


def test_an_upload_over_512_kb_stays_in_memory(served: tuple[str, int]) -> None:
    url, pid = served
    host, port = address(url)
    body = (b"Sales Operations Analyst\nExperience\nAnalyst, Example Co, Jan 2021 - Present\n- Built pipeline "
            b"dashboards in Salesforce.\n") + b" " * (2 * 1024 * 1024)
    before = _temp_files(pid)
    with socket.create_connection((host, port), timeout=60) as s:
        s.sendall(f"POST /api/analyze?name=r.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                  f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode())
        s.sendall(body[:-100])  # 2 MB of the body is with the server now, the rest not yet
        time.sleep(1.0)
        during = _temp_files(pid)
        s.sendall(body[-100:])
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
    assert during == before == [], during
    assert reply.startswith((b"HTTP/1.1 200", b"HTTP/1.1 400", b"HTTP/1.1 413")), reply[:200]


def test_databases_that_cannot_be_read_get_a_503_page(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    damaged = tmp_path / "damaged.db"
    with Store(damaged) as store:
        store.conn.execute("CREATE TABLE filler (x TEXT)")
        store.conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,) for _ in range(2000)])
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = damaged.stat().st_size
    with damaged.open("r+b") as f:
        f.seek(size // 2)
        f.write(os.urandom(16384))
    for path in (missing, empty):
        client = create_app({"TESTING": True, "DATABASE": str(path)}).test_client()
        for page in ("/listings", "/api/listings"):
            r = client.get(page)
            assert r.status_code == 503, (path, page)
            assert b"Traceback" not in r.data
    assert not missing.exists() and empty.stat().st_size == 0  # never a new empty database
    client = create_app({"TESTING": True, "DATABASE": str(damaged)}).test_client()
    r = client.get("/api/listings?q=sales")
    assert r.status_code in (200, 503)  # the damage may not lie on the pages this query reads
    r = client.get("/listings?q=xxxx")
    assert r.status_code in (200, 503) and b"Traceback" not in r.data


def test_heavy_work_is_bounded_by_the_budget(served: tuple[str, int]) -> None:
    """Last: the work over budget runs on in the background for a while."""
    url, _ = served
    small = heavy_resume(600, seed=600)
    assert call(url, "/api/analyze?name=a.txt", small, {"Content-Type": "text/plain"})[0] == 200
    too_long = heavy_resume(40_000, seed=40_000)
    status, body, seconds = call(url, "/api/analyze?name=b.txt", too_long, {"Content-Type": "text/plain"})
    assert status == 413 and b"characters" in body and seconds <= BUDGET
    results: list[tuple[int, bytes, float]] = []
    heavy_text = heavy_resume(29_000, seed=29_000)
    heavy = [threading.Thread(target=lambda: results.append(call(
        url, "/api/analyze?name=h.txt", heavy_text, {"Content-Type": "text/plain"}))) for _ in range(3)]
    for t in heavy:
        t.start()
    time.sleep(0.5)
    status, _, seconds = call(url, "/listings")
    assert status == 200 and seconds <= 2  # pages are not held up by the analyses
    for t in heavy:
        t.join(120)
    for status, body, seconds in results:
        assert status in (200, 429, 503) and seconds <= BUDGET + 1.5, (status, seconds)
        if status == 503:
            assert b"s this server gives" in body or b"busy" in body or b"earlier analysis is still" in body
        if status == 429:  # one client has two places in the pool (tests/test_web_budget.py)
            assert b"You already have 2 analyses" in body
    assert sum(status == 429 for status, _, _ in results) == 1
