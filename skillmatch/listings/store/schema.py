"""The listings database's schema: each version's DDL and the migrations between them (``PRAGMA user_version``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass



_V1 = [
    """CREATE TABLE listings (
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        company TEXT,
        location TEXT,
        remote INTEGER,
        text TEXT NOT NULL,
        html TEXT,
        pay_min REAL,
        pay_max REAL,
        currency TEXT,
        period TEXT,
        pay_kind TEXT,
        pay_text TEXT,
        annual_min REAL,
        annual_max REAL,
        years_min REAL,
        years_max REAL,
        years_text TEXT,
        date_posted TEXT,
        employment_type TEXT,
        content_hash TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        run_id INTEGER,
        title_level TEXT,
        level TEXT,
        level_confidence REAL,
        disagree INTEGER,
        pay_vs_band TEXT,
        scored_at TEXT
    )""",
    "CREATE INDEX listings_level ON listings (level)",
    """CREATE TABLE listing_skills (
        listing_id TEXT NOT NULL,
        skill_id TEXT NOT NULL,
        core_id TEXT NOT NULL,
        line INTEGER NOT NULL,
        text TEXT NOT NULL,
        method TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (listing_id, skill_id, line)
    ) WITHOUT ROWID""",
    "CREATE INDEX listing_skills_core ON listing_skills (core_id, listing_id)",
    """CREATE TABLE scores (
        listing_id TEXT NOT NULL,
        taxonomy_version TEXT NOT NULL,
        model_id TEXT NOT NULL,
        ladder_version TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        run_id INTEGER,
        title_level TEXT,
        level TEXT NOT NULL,
        level_confidence REAL NOT NULL,
        probabilities TEXT NOT NULL,
        disagree INTEGER NOT NULL,
        pay_vs_band TEXT,
        skills TEXT NOT NULL,
        scored_at TEXT NOT NULL,
        PRIMARY KEY (listing_id, taxonomy_version, model_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        pid INTEGER,
        engine TEXT,
        taxonomy_version TEXT,
        model_id TEXT,
        args TEXT,
        counts TEXT
    )""",
    """CREATE TABLE embeddings (
        model_id TEXT NOT NULL,
        key TEXT NOT NULL,
        dim INTEGER NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (model_id, key)
    ) WITHOUT ROWID""",
    # full-text search, named as sqlite-utils names it, so db["listings"].search() works too
    "CREATE VIRTUAL TABLE listings_fts USING FTS5 (title, company, text, content=[listings], content_rowid=[n])",
    """CREATE TRIGGER listings_ai AFTER INSERT ON listings BEGIN
        INSERT INTO listings_fts (rowid, title, company, text) VALUES (new.n, new.title, new.company, new.text);
    END""",
    """CREATE TRIGGER listings_ad AFTER DELETE ON listings BEGIN
        INSERT INTO listings_fts (listings_fts, rowid, title, company, text)
        VALUES ('delete', old.n, old.title, old.company, old.text);
    END""",
    """CREATE TRIGGER listings_au AFTER UPDATE OF title, company, text ON listings BEGIN
        INSERT INTO listings_fts (listings_fts, rowid, title, company, text)
        VALUES ('delete', old.n, old.title, old.company, old.text);
        INSERT INTO listings_fts (rowid, title, company, text) VALUES (new.n, new.title, new.company, new.text);
    END""",
]

_V2 = [
    # a listing that could not be scored (empty text, say): skipped by later runs until it changes, the
    # ladder changes, or --rescore asks again; the reason is shown by `listings score` and `stats`
    """CREATE TABLE score_failures (
        listing_id TEXT NOT NULL,
        taxonomy_version TEXT NOT NULL,
        model_id TEXT NOT NULL,
        ladder_version TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        run_id INTEGER,
        reason TEXT NOT NULL,
        failed_at TEXT NOT NULL,
        PRIMARY KEY (listing_id, taxonomy_version, model_id)
    ) WITHOUT ROWID""",
]


def _backfill_relevance(conn: sqlite3.Connection) -> None:
    """Version 3: the job family of every stored listing; a scored listing outside the sales-ops families
    keeps its ladder reading in ``ladder_level`` and loses its level (it is not levelled any more)."""
    from ..relevance import relevance

    rows = conn.execute("SELECT id, title, text FROM listings").fetchall()
    updates = []
    for lid, title, text in rows:
        rel = relevance(title or "", text or "")
        updates.append((rel.family, int(rel.in_family), round(rel.score, 4),
                        json.dumps(rel.to_dict(), ensure_ascii=False, sort_keys=True), lid))
    conn.executemany("UPDATE listings SET family = ?, in_family = ?, relevance_score = ?, relevance_evidence = ? "
                     "WHERE id = ?", updates)
    conn.execute("UPDATE listings SET ladder_level = level")
    conn.execute("UPDATE listings SET level = NULL, disagree = 0, pay_vs_band = NULL WHERE in_family = 0 "
                 "AND level IS NOT NULL")


_V3: list[str | Callable[[sqlite3.Connection], None]] = [
    # sales-ops relevance (skillmatch.listings.relevance): the listing's job family and the evidence for it, set on
    # import and on scoring; a listing outside the family keeps the ladder's reading in ladder_level only
    "ALTER TABLE listings ADD COLUMN family TEXT",
    "ALTER TABLE listings ADD COLUMN in_family INTEGER",
    "ALTER TABLE listings ADD COLUMN relevance_score REAL",
    "ALTER TABLE listings ADD COLUMN relevance_evidence TEXT",
    "ALTER TABLE listings ADD COLUMN ladder_level TEXT",
    "CREATE INDEX listings_family ON listings (family)",
    "CREATE INDEX listings_ladder_level ON listings (ladder_level)",
    # scores.level may now be NULL: SQLite cannot drop NOT NULL, so the table is rebuilt (rows kept)
    """CREATE TABLE scores_v3 (
        listing_id TEXT NOT NULL,
        taxonomy_version TEXT NOT NULL,
        model_id TEXT NOT NULL,
        ladder_version TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        run_id INTEGER,
        title_level TEXT,
        level TEXT,
        level_confidence REAL NOT NULL,
        probabilities TEXT NOT NULL,
        disagree INTEGER NOT NULL,
        pay_vs_band TEXT,
        skills TEXT NOT NULL,
        scored_at TEXT NOT NULL,
        family TEXT,
        in_family INTEGER,
        ladder_level TEXT,
        PRIMARY KEY (listing_id, taxonomy_version, model_id)
    ) WITHOUT ROWID""",
    """INSERT INTO scores_v3 (listing_id, taxonomy_version, model_id, ladder_version, content_hash, run_id,
        title_level, level, level_confidence, probabilities, disagree, pay_vs_band, skills, scored_at, ladder_level)
        SELECT listing_id, taxonomy_version, model_id, ladder_version, content_hash, run_id, title_level, level,
        level_confidence, probabilities, disagree, pay_vs_band, skills, scored_at, level FROM scores""",
    "DROP TABLE scores",
    "ALTER TABLE scores_v3 RENAME TO scores",
    _backfill_relevance,
]

MIGRATIONS: tuple[tuple[str | Callable[[sqlite3.Connection], None], ...], ...] = (tuple(_V1), tuple(_V2), tuple(_V3))
"""``MIGRATIONS[i]`` takes a database from schema version ``i`` to ``i + 1``; append, never edit. A step is
an SQL statement, or a function of the connection (a backfill computed in Python)."""

SCHEMA_VERSION = len(MIGRATIONS)
