"""``skillmatch listings``: import, scrape, score, export, stats; ``analyze --db``."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from skillmatch.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "listings"
RESUME = ROOT / "tests" / "fixtures" / "resumes" / "level_manager.txt"


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", ["import", "scrape", "score", "export", "stats"])
def test_every_listings_command_has_help_with_examples(command):
    code, out, _ = invoke("listings", command, "--help")
    assert code == 0 and "Usage:" in out and "Examples:" in out and "--db" in out
    code, out, _ = invoke("listings", "--help")
    assert code == 0 and command in out


def test_import_skips_bad_files_and_is_idempotent(tmp_path):
    db = str(tmp_path / "l.db")
    bad = tmp_path / "bad.json"
    bad.write_text('{"jobs": [{"nothing": "here"}]}')
    empty = tmp_path / "empty.html"
    empty.write_text("")
    code, out, err = invoke("listings", "import", str(FIXTURES), str(bad), str(empty),
                            str(tmp_path / "missing.html"), "--db", db)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("skipped ") for line in lines)
    assert {str(bad), str(empty), str(tmp_path / "missing.html")} == {line.split()[1].rstrip(":") for line in lines}
    assert "7 listings from 5 files: 7 new" in out
    code, out, err = invoke("listings", "import", str(FIXTURES), "--db", db)
    assert code == 0 and "7 listings from 5 files: 0 new, 7 already stored" in out and err == ""
    code, out, _ = invoke("listings", "stats", "--json", "--db", db)
    stats = json.loads(out)
    assert (stats["listings"], stats["scored"], stats["pending"]) == (7, 0, 7)
    assert stats["last_run"]["kind"] == "import" and stats["last_run"]["counts"]["new"] == 0


def test_db_from_environment_and_bad_db(tmp_path):
    env_db = tmp_path / "env" / "from_env.db"
    code, out, _ = invoke("listings", "import", str(FIXTURES / "lever_postings.json"),
                          env={"SKILLMATCH_DB": str(env_db)})
    assert code == 0 and env_db.is_file() and str(env_db) in out
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database, just some notes\n" * 200)
    code, _, err = invoke("listings", "stats", "--db", str(junk))
    assert code == 2 and err.startswith("Error: ") and "not a skillmatch database" in err
    assert len(err.strip().splitlines()) == 1
    assert invoke("listings", "stats", "--db", str(tmp_path))[0] == 2  # a folder
    code, _, err = invoke("listings", "score", "--scheduler", "tcp://127.0.0.1:1", "--db", str(env_db))
    assert code == 2 and "--engine dask" in err


def test_score_export_stats_and_analyze_with_db(tmp_path):
    db = str(tmp_path / "l.db")
    assert invoke("listings", "import", str(FIXTURES), "--db", db, "-q")[0] == 0
    code, out, _ = invoke("listings", "score", "--db", db, "-q", "--batch-size", "3")
    assert code == 0 and "scored 7 listings" in out
    code, out, _ = invoke("listings", "score", "--db", db, "-q")
    assert code == 0 and "scored 0 listings" in out and "7 of 7 already up to date" in out

    code, out, _ = invoke("listings", "export", "--format", "csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 7
    assert all(r["level"] in ("analyst", "manager", "director", "vp") for r in rows)
    by_title = {r["title"]: r for r in rows}
    assert by_title["Revenue Operations Manager"]["level"] == "manager"
    assert "territory_design" in by_title["Revenue Operations Manager"]["skills"].split()
    out_file = tmp_path / "m.json"
    code, _, err = invoke("listings", "export", "--format", "json", "--level", "manager", "-o", str(out_file),
                          "--db", db)
    data = json.loads(out_file.read_text())
    assert code == 0 and data and all(d["level"] == "manager" for d in data) and f"{len(data)} listings" in err
    assert all(d["text"] and d["skills"] and {"id", "line"} <= set(d["skills"][0]) for d in data)

    code, out, _ = invoke("listings", "stats", "--db", db)
    assert code == 0 and "7 scored" in out and "0 to score" in out and "last run: score" in out

    code, out, _ = invoke("analyze", str(RESUME), "--format", "json", "--db", db)
    report = json.loads(out)
    assert code == 0 and report["best_level"] == "manager" and report["listings"]
    assert all(0 < x["fit"] <= 1 and x["level"] in ("analyst", "manager", "director") for x in report["listings"])
    assert report["listings"][0]["fit"] == max(x["fit"] for x in report["listings"])
    assert report["band"]["market"]["source"] == "2 stored sales-ops listings at manager level (USD base, per year)"
    assert all(g["listing_share"] is not None for g in report["gaps"]["current"])
    code, out, _ = invoke("analyze", str(RESUME), "--format", "json")
    assert "listings" not in json.loads(out)


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/job.html":
            body = (FIXTURES / "jsonld_sales_ops.html").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        else:
            body = b"not found"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_scrape_refuses_loopback_unless_allowed(tmp_path, server):
    db = str(tmp_path / "l.db")
    url = f"{server}/job.html"
    code, out, err = invoke("listings", "scrape", url, "--db", db, "--rate", "50")
    assert code == 1 and err.startswith(f"failed {url}: ") and "0 listings" in out
    code, out, err = invoke("listings", "scrape", url, "--allow-private", "127.0.0.0/8", "--db", db, "--rate", "50")
    assert code == 0 and "1 listings: 1 new" in out, err
    code, out, _ = invoke("listings", "export", "--format", "json", "--db", db)
    assert [d["title"] for d in json.loads(out)] == ["Senior Sales Operations Analyst"]
    code, _, err = invoke("listings", "scrape", "--db", db)
    assert code == 2 and "--greenhouse" in err


@pytest.mark.parametrize("command", [["stats"], ["export", "--format", "json"], ["score", "-q"]])
def test_reading_a_database_that_is_not_there_is_an_error_and_creates_nothing(tmp_path, command):
    db = tmp_path / "missing" / "jobs.db"
    code, out, err = invoke("listings", *command, "--db", str(db))
    assert code == 2
    assert "no listings database" in err and "listings import" in err
    assert len(err.strip().splitlines()) == 1
    assert not db.parent.exists()


def test_taxonomy_show_has_a_name_column():
    from skillmatch.taxonomy import load_taxonomy

    code, out, _ = invoke("taxonomy", "show", "--tier", "foundational")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()[1:] if line.strip()}
    skills = [s for s in load_taxonomy() if s.tier == "foundational"]
    assert set(rows) == {s.id for s in skills}
    for s in skills:
        name = s.name if len(s.name) <= 44 else s.name[:43] + "…"
        assert name in rows[s.id]


def test_import_of_nothing_makes_no_database(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    empty = tmp_path / "empty"
    empty.mkdir()
    for target in (tmp_path / "nosuchdir", empty):
        result = CliRunner().invoke(cli, ["listings", "import", str(target), "--db", str(db)])
        assert result.exit_code == 2, result.output
        assert "no listing files found" in result.output and not db.exists()
