"""``kill -9`` during ``listings import`` and ``listings score``, then the same command again: the database
ends up exactly as after a clean run, with no row lost and none duplicated."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from synthetic_listings import make_board, make_page

EXE = Path(sys.executable).with_name("skillmatch")
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0
    finally:
        conn.close()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, env=ENV, timeout=600)


def kill_midway(args: list[str], db: Path, sql: str, at_least: int) -> int:
    """Start the command, wait until ``sql`` counts ``at_least`` rows, kill -9 it; the count at the kill."""
    proc = subprocess.Popen([str(EXE), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    try:
        deadline = time.monotonic() + 300
        while count(db, sql) < at_least:
            assert proc.poll() is None, "finished before it could be killed"
            assert time.monotonic() < deadline, "no rows appeared"
            time.sleep(0.01)
        assert proc.poll() is None, "finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()
    return count(db, sql)


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO listings_fts (listings_fts) VALUES ('integrity-check')")
        assert conn.execute("SELECT COUNT(*) FROM listings").fetchone() == \
            conn.execute("SELECT COUNT(DISTINCT id) FROM listings").fetchone()
        return {
            "listings": conn.execute(
                "SELECT id, url, source, title, company, text, pay_min, pay_max, years_min, content_hash, "
                "title_level, level, level_confidence, disagree, pay_vs_band FROM listings ORDER BY id").fetchall(),
            "fts": conn.execute("SELECT l.id FROM listings_fts f JOIN listings l ON l.n = f.rowid "
                                "WHERE listings_fts MATCH 'forecast' ORDER BY l.id").fetchall(),
            "scores": conn.execute(
                "SELECT listing_id, taxonomy_version, model_id, ladder_version, content_hash, title_level, level, "
                "level_confidence, probabilities, disagree, pay_vs_band, skills FROM scores "
                "ORDER BY listing_id").fetchall(),
            "listing_skills": conn.execute(
                "SELECT * FROM listing_skills ORDER BY listing_id, skill_id, line").fetchall(),
        }
    finally:
        conn.close()


def test_kill_during_import_then_resume(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    total = 3000
    for i in range(total):
        (pages / f"job_{i:05d}.html").write_text(make_page(i), encoding="utf-8")
    sources = [str(pages)]
    real = SHARED / "listing_pages"
    if real.is_dir():  # real pages and payloads too, when the shared data is there (read, never copied)
        sources.append(str(real))
    clean, crashed = tmp_path / "clean.db", tmp_path / "crashed.db"
    first = run("listings", "import", *sources, "--db", str(clean), "-q")
    assert first.returncode == 0, first.stderr
    at_kill = kill_midway(["listings", "import", *sources, "--db", str(crashed), "-q"], crashed,
                          "SELECT COUNT(*) FROM listings", 400)
    expected = snapshot(clean)
    assert 400 <= at_kill < len(expected["listings"])
    again = run("listings", "import", *sources, "--db", str(crashed), "-q")
    assert again.returncode == 0, again.stderr
    assert snapshot(crashed) == expected
    assert len(expected["listings"]) >= total and expected["fts"]


def test_kill_during_score_then_resume(tmp_path):
    board = tmp_path / "board.json"
    board.write_text(json.dumps(make_board(0, 48)), encoding="utf-8")
    clean, crashed = tmp_path / "clean.db", tmp_path / "crashed.db"
    for db in (clean, crashed):
        r = run("listings", "import", str(board), "--db", str(db), "-q")
        assert r.returncode == 0, r.stderr
    score = ["listings", "score", "--batch-size", "4", "-q"]
    r = run(*score, "--db", str(clean))
    assert r.returncode == 0 and "scored 48 listings" in r.stdout, r.stderr
    at_kill = kill_midway([*score, "--db", str(crashed)], crashed, "SELECT COUNT(*) FROM scores", 4)
    assert 4 <= at_kill < 48 and at_kill % 4 == 0  # whole batches only
    r = run(*score, "--db", str(crashed))
    assert r.returncode == 0 and f"scored {48 - at_kill} listings" in r.stdout, r.stderr
    assert snapshot(crashed) == snapshot(clean)
    statuses = [s for (s,) in sqlite3.connect(crashed).execute("SELECT status FROM runs WHERE kind = 'score'")]
    assert statuses == ["killed", "done"]  # the killed run is marked when the next one starts


def test_snapshot_detects_a_lost_row(tmp_path):
    """The comparison above can fail: a database missing one listing differs from the clean one."""
    board = tmp_path / "board.json"
    board.write_text(json.dumps(make_board(0, 5)), encoding="utf-8")
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for db in (a, b):
        assert run("listings", "import", str(board), "--db", str(db), "-q").returncode == 0
    conn = sqlite3.connect(b)
    conn.execute("DELETE FROM listings WHERE n = (SELECT MAX(n) FROM listings)")
    conn.commit()
    conn.close()
    assert snapshot(a) != snapshot(b)
