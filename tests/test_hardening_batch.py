"""Issue 15, the batch side: real CLI processes on real SQLite and JSON files, a real loopback HTTP server."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import OFFLINE_ENV

from skillmatch.listings.store import Store

EXE = Path(sys.executable).with_name("skillmatch")
FIXTURES = Path(__file__).parent / "fixtures" / "listings"
EMPTY_BOARD = {"jobs": [{"id": 7001, "title": "Sales Operations Analyst", "absolute_url": "https://example.test/j/7001",
                         "location": {"name": "Remote"}, "updated_at": "2024-05-01T00:00:00Z"}]}  # no content


def sk(*args: str, cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, env=OFFLINE_ENV, cwd=cwd, timeout=timeout)


def one_clear_line(r: subprocess.CompletedProcess[str]) -> None:
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_a_bad_record_and_a_deep_file_do_not_stop_the_batch(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for p in FIXTURES.glob("*.json"):
        (pages / p.name).write_bytes(p.read_bytes())
    (pages / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (pages / "empty_board.json").write_text(json.dumps(EMPTY_BOARD))
    db = tmp_path / "l.db"
    r = sk("listings", "import", str(pages), "--db", str(db), "-q", cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert f"skipped {pages / 'deep.json'}: refused: JSON nested" in r.stderr
    with Store(db) as store:
        total = store.count()
        empty_ids = [x.id for x in store.search(q=None, limit=1000) if not x.text.strip()]
    assert total > 1 and len(empty_ids) == 1
    r = sk("listings", "score", "--db", str(db), "-q", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert f"not scored {empty_ids[0]}:" in r.stderr and "Traceback" not in r.stderr
    with Store(db) as store:
        assert store.stats().scored == total - 1  # every good one, also those stored after the bad one
        assert [f["listing_id"] for f in store.failures()] == empty_ids
        assert store.runs(1)[0]["counts"]["failed"] == 1
    r = sk("listings", "score", "--db", str(db), "-q", cwd=tmp_path)  # skipped, not retried, until it changes
    assert r.returncode == 0 and "1 skipped" in r.stdout, r.stdout + r.stderr
    r = sk("listings", "stats", "--db", str(db), cwd=tmp_path)
    assert "could not be scored: 1" in r.stdout and empty_ids[0] in r.stdout


def _damaged(path: Path) -> Path:
    with Store(path) as store:
        store.conn.execute("CREATE TABLE filler (x TEXT)")
        store.conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,) for _ in range(2000)])
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(size // 2)
        f.write(os.urandom(16384))
    return path


@pytest.mark.parametrize("kind", ["damaged", "empty", "missing"])
def test_unreadable_databases_get_one_line_and_exit_2(tmp_path: Path, kind: str) -> None:
    db = tmp_path / f"{kind}.db"
    if kind == "damaged":
        _damaged(db)
    elif kind == "empty":
        db.write_bytes(b"")
    for args in (["listings", "stats"], ["listings", "export"], ["listings", "score", "-q"]):
        one_clear_line(sk(*args, "--db", str(db), cwd=tmp_path))
    one_clear_line(sk("serve", "--port", "0", "--no-warmup", "--db", str(db), cwd=tmp_path, timeout=120))
    if kind != "missing":
        one_clear_line(sk("listings", "import", str(FIXTURES / "greenhouse_board.json"), "--db", str(db), "-q",
                          cwd=tmp_path))
    assert db.exists() == (kind != "missing")
    assert kind != "empty" or db.stat().st_size == 0


def test_killed_runs_are_marked_and_a_second_scorer_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    assert sk("listings", "import", str(FIXTURES / "greenhouse_board.json"), "--db", str(db), "-q",
              cwd=tmp_path).returncode == 0
    start = ("import os, sys, time\nfrom skillmatch.listings.store import Store\ns = Store(sys.argv[1])\n"
             "s.start_run('score', exclusive=True)\nprint('started', flush=True)\n"
             "os.kill(os.getpid(), 9) if sys.argv[2] == 'die' else time.sleep(120)\n")
    killed = subprocess.run([sys.executable, "-c", start, str(db), "die"], capture_output=True, text=True)
    assert killed.returncode == -9
    live = subprocess.Popen([sys.executable, "-c", start, str(db), "live"], stdout=subprocess.PIPE, text=True)
    try:
        assert live.stdout is not None and live.stdout.readline().strip() == "started"
        r = sk("listings", "score", "--db", str(db), "-q", cwd=tmp_path)
        one_clear_line(r)
        assert "another `score` run is going on" in r.stderr and str(live.pid) in r.stderr
    finally:
        live.kill()
        live.wait()
        if live.stdout is not None:
            live.stdout.close()
    r = sk("listings", "score", "--db", str(db), "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    with Store(db) as store:
        statuses = [(x["kind"], x["status"]) for x in reversed(store.runs())]
    assert statuses == [("import", "done"), ("score", "killed"), ("score", "killed"), ("score", "done")]


@pytest.fixture
def site() -> Iterator[str]:
    """A loopback HTTP server: /good.html (a job page), /deep.html (JSON-LD nested 100k deep)."""
    good = (FIXTURES.parent / "listings").glob("*.html")
    page = next(iter(sorted(good)), None)
    good_html = page.read_bytes() if page else (
        b"<html><head><title>Sales Operations Analyst</title></head><body><h1>Sales Operations Analyst</h1>"
        b"<p>Build pipeline dashboards in Salesforce for the sales managers.</p></body></html>")
    deep = (b'<html><head><script type="application/ld+json">' + b'{"a":' * 100_000 + b"1" + b"}" * 100_000
            + b"</script></head><body><h1>Job</h1><p>text</p></body></html>")
    pages = {"/good.html": good_html, "/deep.html": deep, "/robots.txt": b""}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html")
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_allow_private_opens_only_the_networks_given_and_a_deep_page_is_skipped(tmp_path: Path, site: str) -> None:
    db = tmp_path / "l.db"
    urls = [f"{site}/deep.html", f"{site}/good.html"]
    r = sk("listings", "scrape", *urls, "--db", str(db), "-q", "--rate", "50", "--allow-private", "10.0.0.0/8",
           cwd=tmp_path)
    assert r.returncode == 1 and r.stderr.count("loopback address") == 2, r.stderr
    one_clear_line(sk("listings", "scrape", *urls, "--db", str(db), "--allow-private", "not-a-net", cwd=tmp_path))
    r = sk("listings", "scrape", *urls, "--db", str(db), "-q", "--rate", "50", "--allow-private", "10.0.0.0/8",
           "--allow-private", "127.0.0.0/8", cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert f"failed {site}/deep.html: refused" in r.stderr and "good.html" not in r.stderr
    assert "1 listings: 1 new" in r.stdout
