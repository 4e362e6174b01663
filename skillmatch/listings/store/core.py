""":class:`Store`: imports, searches, scores, market pay, embeddings and runs over one SQLite connection,
and :func:`open_store`."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import statistics
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlite_utils import Database

from ...errors import DataError
from ...taxonomy import LEVEL_IDS

if TYPE_CHECKING:
    from ...match import MarketPay
    from ...read.listing import Listing
    from ..score import ScoreRow
from .files import _check_file, _pid_alive, damaged_message
from .model import (
    _LISTING_COLUMNS,
    _SCORE_COLUMNS,
    ENV_DB,
    RunConflict,
    StoredListing,
    StoreStats,
    _bool,
    _chunks,
    _relevance_columns,
    listing_hash,
    now,
)
from .schema import MIGRATIONS, SCHEMA_VERSION


class Store:
    """A skillmatch listings database.

    Args:
        path: the SQLite file (created with its folders when missing), or ``":memory:"``.
        include_other: the default of every ``include_other`` argument below: listings outside the
            sales-ops families (:mod:`skillmatch.listings.relevance`) are left out of market pay, skill demand,
            best-fitting listings, scoring and stats unless it is True.

    Raises:
        DataError: the file is not a SQLite database, or was made by a newer skillmatch.
    """

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True, include_other: bool = False) -> None:
        self.include_other = include_other
        """Count listings outside the sales-ops families in market pay, skill demand, best listings,
        scoring and stats (each method's ``include_other=None`` means this)."""
        self.path = str(path)
        if self.path != ":memory:":
            target = Path(self.path).expanduser()
            self.path = str(target)
            _check_file(target, create=create)
            if create:
                target.parent.mkdir(parents=True, exist_ok=True)
        try:
            uri = f"{Path(self.path).absolute().as_uri()}?mode={'rwc' if create else 'rw'}"
            self.conn = (sqlite3.connect(uri, uri=True, timeout=60, isolation_level=None) if self.path != ":memory:"
                         else sqlite3.connect(self.path, timeout=60, isolation_level=None))
        except sqlite3.OperationalError as e:  # vanished between the check and the open, or no permission
            raise DataError(f"cannot open the listings database {self.path}: {e}") from None
        self.db = Database(self.conn)
        self._depth = 0
        try:
            self.conn.execute("PRAGMA journal_mode=wal")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as e:
            self.conn.close()
            raise DataError(f"{self.path} is not a skillmatch database, or is damaged: {e}") from None

    def check(self) -> None:
        """Read every page of the file (``PRAGMA quick_check``): a file damaged mid-way is found here,
        not half-way through a command.

        Raises:
            DataError: the file is damaged.
        """
        if self.path == ":memory:":
            return
        try:
            rows = self.conn.execute("PRAGMA quick_check(1)").fetchall()
        except sqlite3.DatabaseError as e:
            raise DataError(damaged_message(self.path, e)) from None
        problems = [str(r[0]) for r in rows if r and r[0] != "ok"]
        if problems:
            raise DataError(damaged_message(self.path, problems[0]))

    @staticmethod
    def default_path() -> Path:
        """``$SKILLMATCH_DB``, else ``skillmatch.db`` in the user's data folder (platformdirs)."""
        override = os.environ.get(ENV_DB)
        if override:
            return Path(override).expanduser()
        import platformdirs

        return platformdirs.user_data_path("skillmatch") / "skillmatch.db"

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        if self.schema_version > SCHEMA_VERSION:
            raise DataError(f"{self.path} has schema version {self.schema_version}; this skillmatch knows "
                            f"up to {SCHEMA_VERSION}: upgrade skillmatch")
        if self.schema_version == SCHEMA_VERSION:
            return
        with self.transaction():
            for version in range(self.schema_version, SCHEMA_VERSION):  # re-read: another process may be done
                for statement in MIGRATIONS[version]:
                    if callable(statement):
                        statement(self.conn)
                    else:
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {version + 1}")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (nested calls join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self.conn.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    # ---------------------------------------------------------------------------------------------
    # listings

    def add_listings(self, listings: Iterable[Listing], *, run_id: int | None = None,
                     fetched_at: str | None = None) -> int:
        """Insert or update listings by id, in one transaction.

        A listing already stored with the same content is left alone; one whose content changed is
        updated and its score cleared (it is scored again by the next ``listings score``).

        Args:
            listings: parsed listings; a repeated id keeps the last one.
            run_id: the run that fetched them.
            fetched_at: when they were fetched (ISO 8601); now when None.

        Returns:
            How many were new.
        """
        items = {x.id: x for x in listings}
        if not items:
            return 0
        stamp = fetched_at or now()
        rows = [self._listing_row(x, stamp, run_id) for x in items.values()]
        names = ", ".join(_LISTING_COLUMNS)
        marks = ", ".join("?" for _ in _LISTING_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in _LISTING_COLUMNS if c != "id")
        clear = ", ".join(f"{c} = NULL" for c in _SCORE_COLUMNS)
        sql = (f"INSERT INTO listings ({names}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {updates}, {clear} "
               "WHERE listings.content_hash != excluded.content_hash")
        with self.transaction():
            known: dict[str, str] = {}
            ids = list(items)
            for part in _chunks(ids):
                q = f"SELECT id, content_hash FROM listings WHERE id IN ({', '.join('?' for _ in part)})"
                known.update((r[0], r[1]) for r in self.conn.execute(q, list(part)))
            self.conn.executemany(sql, [tuple(r[c] for c in _LISTING_COLUMNS) for r in rows])
            changed = [r["id"] for r in rows if r["id"] in known and known[r["id"]] != r["content_hash"]]
            self.conn.executemany("DELETE FROM listing_skills WHERE listing_id = ?", [(i,) for i in changed])
        return sum(1 for i in ids if i not in known)

    @staticmethod
    def _listing_row(x: Listing, stamp: str, run_id: int | None) -> dict[str, Any]:
        pay, years = x.pay, x.years
        return {
            "id": x.id, "url": x.url, "source": x.source, "title": x.title, "company": x.company,
            "location": x.location, "remote": None if x.remote is None else int(x.remote), "text": x.text,
            "html": x.html,
            "pay_min": pay.min if pay else None, "pay_max": pay.max if pay else None,
            "currency": pay.currency if pay else None, "period": pay.period if pay else None,
            "pay_kind": pay.kind if pay else None, "pay_text": pay.text if pay else None,
            "annual_min": pay.annual_min if pay else None, "annual_max": pay.annual_max if pay else None,
            "years_min": years.min if years else None, "years_max": years.max if years else None,
            "years_text": years.text if years else None,
            "date_posted": x.date_posted, "employment_type": x.employment_type,
            "content_hash": listing_hash(x), "fetched_at": stamp, "run_id": run_id,
            **_relevance_columns(x),
        }

    @staticmethod
    def _to_listing(r: Mapping[str, Any]) -> Listing:
        from ...read.listing import Listing
        from ...read.pay import Pay, Years

        pay = None
        if r["currency"] is not None and r["period"] is not None:
            pay = Pay(r["pay_min"], r["pay_max"], r["currency"], r["period"], r["pay_kind"] or "base",
                      r["pay_text"] or "")
        years = Years(r["years_min"], r["years_max"], r["years_text"] or "") if r["years_min"] is not None else None
        return Listing(id=r["id"], title=r["title"], company=r["company"], location=r["location"],
                       remote=_bool(r["remote"]), text=r["text"], html=r["html"], pay=pay, years=years,
                       url=r["url"], source=r["source"], date_posted=r["date_posted"],
                       employment_type=r["employment_type"])

    def _stored(self, rows: list[dict[str, Any]]) -> list[StoredListing]:
        skills = self._skills_of([r["id"] for r in rows])
        out = []
        for r in rows:
            out.append(StoredListing(
                id=r["id"], url=r["url"], source=r["source"], title=r["title"], company=r["company"],
                location=r["location"], remote=_bool(r["remote"]), text=r["text"], html=r["html"],
                pay_min=r["pay_min"], pay_max=r["pay_max"], currency=r["currency"], period=r["period"],
                pay_kind=r["pay_kind"], annual_min=r["annual_min"], annual_max=r["annual_max"],
                years_min=r["years_min"], years_max=r["years_max"], title_level=r["title_level"],
                level=r["level"], level_confidence=r["level_confidence"], disagree=_bool(r["disagree"]),
                skills=tuple(skills.get(r["id"], ())), fetched_at=r["fetched_at"], pay_vs_band=r["pay_vs_band"],
                date_posted=r["date_posted"], employment_type=r["employment_type"], family=r["family"],
                in_family=_bool(r["in_family"]), ladder_level=r["ladder_level"],
                relevance=json.loads(r["relevance_evidence"]) if r["relevance_evidence"] else None,
            ))
        return out

    def _skills_of(self, ids: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = {}
        seen: set[tuple[str, str]] = set()
        for part in _chunks(list(ids)):
            q = (f"SELECT listing_id, skill_id, text FROM listing_skills WHERE listing_id IN "
                 f"({', '.join('?' for _ in part)}) ORDER BY listing_id, line, skill_id")
            for lid, sid, text in self.conn.execute(q, list(part)):
                if (lid, sid) not in seen:
                    seen.add((lid, sid))
                    out.setdefault(lid, []).append((sid, text))
        return out

    def get(self, listing_id: str) -> StoredListing | None:
        """One listing by id, or None."""
        rows = self._rows("SELECT * FROM listings WHERE id = ?", [listing_id])
        return self._stored(rows)[0] if rows else None

    def _other(self, include_other: bool | None) -> bool:
        return self.include_other if include_other is None else include_other

    def _where(self, q: str | None, level: str | None, min_pay: float | None, skill: str | None,
               family: str | None = None) -> tuple[str, str, list[Any]]:
        joins = ""
        where: list[str] = []
        params: list[Any] = []
        if family == "sales_ops_all":
            where.append("listings.in_family = 1")
        elif family:
            where.append("listings.family = ?")
            params.append(family)
        if q and q.strip():
            joins = " JOIN listings_fts ON listings_fts.rowid = listings.n"
            where.append("listings_fts MATCH ?")
            params.append(self.db.quote_fts(q))
        if level:
            where.append("listings.level = ?")
            params.append(level)
        if min_pay is not None:
            where.append("COALESCE(listings.annual_max, listings.annual_min) >= ?")
            params.append(float(min_pay))
        if skill:
            where.append("EXISTS (SELECT 1 FROM listing_skills s WHERE s.listing_id = listings.id "
                         "AND (s.skill_id = ? OR s.core_id = ?))")
            params += [skill, skill]
        return joins, (" WHERE " + " AND ".join(where)) if where else "", params

    def search(self, *, q: str | None = None, level: str | None = None, min_pay: float | None = None,
               skill: str | None = None, limit: int = 50, offset: int = 0, family: str | None = None
               ) -> list[StoredListing]:
        """Listings that match every filter given: best text match first, else newest first.

        Args:
            q: words to find in title, company or text (full-text search; operators are taken literally).
            level: the scored level ("analyst", "manager", "director", "vp").
            min_pay: the top of the annual pay range is at least this (in the listing's currency).
            skill: a skill id (a core skill id also finds its finer skills).
            limit: at most this many.
            offset: skip this many first (paging).
            family: a job family id (:mod:`skillmatch.listings.relevance`, "other" for the rest), or
                "sales_ops_all" for every sales-ops family.
        """
        joins, where, params = self._where(q, level, min_pay, skill, family)
        order = "listings_fts.rank, listings.n DESC" if joins else "listings.n DESC"
        sql = f"SELECT listings.* FROM listings{joins}{where} ORDER BY {order} LIMIT ? OFFSET ?"
        return self._stored(self._rows(sql, [*params, int(limit), int(offset)]))

    def count(self, *, q: str | None = None, level: str | None = None, min_pay: float | None = None,
              skill: str | None = None, family: str | None = None) -> int:
        """How many listings :meth:`search` would find without a limit."""
        joins, where, params = self._where(q, level, min_pay, skill, family)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM listings{joins}{where}", params).fetchone()[0])

    def iter_listings(self, *, level: str | None = None, batch: int = 500, include_other: bool | None = None
                      ) -> Iterator[StoredListing]:
        """Every listing (or those at ``level``), oldest first, read ``batch`` at a time; listings outside the
        sales-ops families only with ``include_other`` (at ``level``: those the ladder reads at it)."""
        last = 0
        other = self._other(include_other)
        column = "ladder_level" if other else "level"
        while True:
            sql = ("SELECT * FROM listings WHERE n > ?" + (f" AND {column} = ?" if level else "")
                   + ("" if other else " AND COALESCE(in_family, 1) = 1") + " ORDER BY n LIMIT ?")
            rows = self._rows(sql, [last, level, batch] if level else [last, batch])
            if not rows:
                return
            yield from self._stored(rows)
            last = rows[-1]["n"]

    # ---------------------------------------------------------------------------------------------
    # scoring

    def _pending_sql(self, rescore_run: int | None, include_other: bool = False) -> str:
        stale = "s.listing_id IS NULL OR s.content_hash != l.content_hash OR s.ladder_version != :ladder"
        if rescore_run is not None:
            stale += " OR s.run_id IS NOT :run"
        # a listing that failed with this content and ladder is skipped (with --rescore: only when this run
        # recorded the failure, so earlier failures are tried again)
        failed = ("f.listing_id IS NOT NULL AND f.content_hash = l.content_hash AND f.ladder_version = :ladder"
                  + (" AND f.run_id IS :run" if rescore_run is not None else ""))
        return (f"FROM listings l LEFT JOIN scores s ON s.listing_id = l.id AND s.taxonomy_version = :taxonomy "
                f"AND s.model_id = :model LEFT JOIN score_failures f ON f.listing_id = l.id "
                f"AND f.taxonomy_version = :taxonomy AND f.model_id = :model WHERE ({stale}) AND NOT ({failed})"
                + ("" if include_other else " AND COALESCE(l.in_family, 1) = 1"))

    def pending(self, *, taxonomy_version: str, ladder_version: str, model_id: str, after: int = 0,
                limit: int = 64, rescore_run: int | None = None, include_other: bool | None = None
                ) -> list[tuple[int, str, Listing]]:
        """Listings with no score for this taxonomy version and model (or a stale one): (n, content hash,
        listing), in storage order after row ``after``.

        Args:
            rescore_run: also listings scored by any run other than this one (``--rescore``).
            include_other: also listings outside the sales-ops families (scored for their skills and the
                ladder's reading; they stay unlevelled).
        """
        params = {"taxonomy": taxonomy_version, "ladder": ladder_version, "model": model_id, "after": after,
                  "limit": limit, "run": rescore_run}
        sql = (f"SELECT l.* {self._pending_sql(rescore_run, self._other(include_other))} AND l.n > :after "
               "ORDER BY l.n LIMIT :limit")
        return [(r["n"], r["content_hash"], self._to_listing(r)) for r in self._rows(sql, params)]

    def count_pending(self, *, taxonomy_version: str, ladder_version: str, model_id: str,
                      rescore_run: int | None = None, include_other: bool | None = None) -> int:
        params = {"taxonomy": taxonomy_version, "ladder": ladder_version, "model": model_id, "run": rescore_run}
        sql = f"SELECT COUNT(*) {self._pending_sql(rescore_run, self._other(include_other))}"
        return int(self.conn.execute(sql, params).fetchone()[0])

    def count_outside(self) -> int:
        """How many stored listings are outside the sales-ops families."""
        return int(self.conn.execute("SELECT COUNT(*) FROM listings WHERE in_family = 0").fetchone()[0])

    def write_scores(self, rows: Sequence[ScoreRow], *, hashes: Mapping[str, str], run_id: int | None = None,
                     vectors: Mapping[str, Mapping[str, np.ndarray]] | None = None) -> int:
        """Write a batch of scores in one transaction: ``scores`` (upsert), each listing's latest score
        and its ``listing_skills``, and the batch's new encodings.

        Args:
            rows: from :func:`skillmatch.listings.batch.score_batch`.
            hashes: listing id -> the content hash the listing had when it was read for scoring. A listing
                changed since then keeps its new content unscored.
            run_id: the scoring run.
            vectors: model id -> {text key: vector}, new encodings to cache.

        Returns:
            How many listings got their latest score updated.
        """
        stamp = now()
        updated = 0
        with self.transaction():
            for model_id, items in (vectors or {}).items():
                self._put_vectors(model_id, items)
            for row in rows:
                content_hash = hashes[row.listing_id]
                probabilities = json.dumps(dict(row.probabilities))
                in_family = None if row.in_family is None else int(row.in_family)
                skills = json.dumps([list(s.as_tuple()) for s in row.skills], ensure_ascii=False)
                self.conn.execute(
                    "INSERT INTO scores (listing_id, taxonomy_version, model_id, ladder_version, content_hash, "
                    "run_id, title_level, level, level_confidence, probabilities, disagree, pay_vs_band, skills, "
                    "scored_at, family, in_family, ladder_level) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?) "
                    "ON CONFLICT (listing_id, taxonomy_version, model_id) DO UPDATE SET "
                    "ladder_version = excluded.ladder_version, content_hash = excluded.content_hash, "
                    "run_id = excluded.run_id, title_level = excluded.title_level, level = excluded.level, "
                    "level_confidence = excluded.level_confidence, probabilities = excluded.probabilities, "
                    "disagree = excluded.disagree, pay_vs_band = excluded.pay_vs_band, skills = excluded.skills, "
                    "scored_at = excluded.scored_at, family = excluded.family, in_family = excluded.in_family, "
                    "ladder_level = excluded.ladder_level",
                    (row.listing_id, row.taxonomy_version, row.model_id, row.ladder_version, content_hash, run_id,
                     row.title_level, row.level, row.level_confidence, probabilities, int(row.disagree),
                     row.pay_vs_band, skills, stamp, row.family, in_family, row.ladder_level or row.level))
                cur = self.conn.execute(
                    "UPDATE listings SET title_level = ?, level = ?, level_confidence = ?, disagree = ?, "
                    "pay_vs_band = ?, scored_at = ?, family = COALESCE(?, family), in_family = COALESCE(?, in_family), "
                    "relevance_score = COALESCE(?, relevance_score), relevance_evidence = COALESCE(?, "
                    "relevance_evidence), ladder_level = ? WHERE id = ? AND content_hash = ?",
                    (row.title_level, row.level, row.level_confidence, int(row.disagree), row.pay_vs_band, stamp,
                     row.family, in_family, row.relevance_score, row.relevance_evidence,
                     row.ladder_level or row.level, row.listing_id, content_hash))
                if cur.rowcount != 1:
                    continue
                updated += 1
                self.conn.execute("DELETE FROM listing_skills WHERE listing_id = ?", (row.listing_id,))
                self.conn.executemany(
                    "INSERT OR REPLACE INTO listing_skills (listing_id, skill_id, core_id, line, text, method, score) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(row.listing_id, s.skill_id, s.core_id, s.line, s.text, s.method, s.score) for s in row.skills])
            self.conn.executemany(
                "DELETE FROM score_failures WHERE listing_id = ? AND taxonomy_version = ? AND model_id = ?",
                [(row.listing_id, row.taxonomy_version, row.model_id) for row in rows])
        return updated

    def record_failures(self, failures: Mapping[str, str], *, hashes: Mapping[str, str], taxonomy_version: str,
                        ladder_version: str, model_id: str, run_id: int | None = None) -> None:
        """Record listings that could not be scored: listing id -> reason (one line). They are skipped by
        later runs until their content or the ladder changes, or ``--rescore`` tries them again."""
        if not failures:
            return
        stamp = now()
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO score_failures (listing_id, taxonomy_version, model_id, ladder_version, "
                "content_hash, run_id, reason, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(lid, taxonomy_version, model_id, ladder_version, hashes[lid], run_id, reason, stamp)
                 for lid, reason in failures.items()])

    def failures(self, *, taxonomy_version: str | None = None, model_id: str | None = None,
                 limit: int = 1000, in_family_only: bool = False) -> list[dict[str, Any]]:
        """Listings whose last scoring failed (with this taxonomy version and model when given), whose
        content has not changed since: listing_id, reason, run_id, failed_at. ``in_family_only``: only
        the sales-ops ones (those a default run scores)."""
        sql = ("SELECT f.listing_id, f.reason, f.run_id, f.failed_at, f.taxonomy_version, f.model_id "
               "FROM score_failures f JOIN listings l ON l.id = f.listing_id AND l.content_hash = f.content_hash")
        where, params = (["COALESCE(l.in_family, 1) = 1"] if in_family_only else []), []
        if taxonomy_version is not None:
            where.append("f.taxonomy_version = ?")
            params.append(taxonomy_version)
        if model_id is not None:
            where.append("f.model_id = ?")
            params.append(model_id)
        sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY l.n LIMIT ?"
        return self._rows(sql, [*params, limit])

    def scores_of(self, listing_id: str) -> list[dict[str, Any]]:
        """Every stored score of a listing (one per taxonomy version and model)."""
        return self._rows("SELECT * FROM scores WHERE listing_id = ? ORDER BY scored_at", [listing_id])

    # ---------------------------------------------------------------------------------------------
    # what the resume report reads

    def market_pay(self, level: str, *, currency: str = "USD", min_count: int = 1,
                   include_other: bool | None = None) -> MarketPay | None:
        """Observed annual base pay of the scored listings at ``level``: median, quartiles and count.

        Each listing counts once, at the midpoint of its range (the one bound of an open range).
        On-target earnings and other currencies are left out. None when fewer than ``min_count``.

        Args:
            level: a ladder level id.
            currency: only pay stated in this currency (the ladder's).
            min_count: the fewest listings worth reporting.
            include_other: also listings outside the sales-ops families that the ladder reads at ``level``
                (:attr:`include_other` when None).
        """
        from ...match import MarketPay

        other = self._other(include_other)
        rows = self.conn.execute(
            f"SELECT annual_min, annual_max FROM listings WHERE {self._level_sql(other)} AND pay_kind = 'base' "
            "AND currency = ? AND COALESCE(annual_min, annual_max) IS NOT NULL", (level, currency)).fetchall()
        mids = [(lo + hi) / 2 if lo is not None and hi is not None else (lo if hi is None else hi) for lo, hi in rows]
        if not mids or len(mids) < max(1, min_count):
            return None
        p25, p75 = (float(v) for v in np.percentile(mids, [25, 75]))
        n = len(mids)
        listings = f"listing{'s' if n != 1 else ''}"
        source = (f"{n} stored {listings} the ladder reads at {level} level (jobs outside sales ops included; "
                  f"{currency} base, per year)" if other else
                  f"{n} stored sales-ops {listings} at {level} level ({currency} base, per year)")
        return MarketPay(median=round(float(statistics.median(mids)), 2), p25=round(p25, 2), p75=round(p75, 2),
                         count=n, source=source)

    @staticmethod
    def _level_sql(include_other: bool, alias: str = "") -> str:
        """``level = ?`` for the levelled (sales-ops) listings; with ``include_other`` the ladder's reading of
        every scored listing."""
        if include_other:
            return f"{alias}ladder_level = ?"
        return f"{alias}level = ? AND COALESCE({alias}in_family, 1) = 1"

    def skill_demand(self, level: str, *, include_other: bool | None = None) -> dict[str, float]:
        """For each core skill, the share of scored sales-ops listings at ``level`` that ask for it (with
        ``include_other``, of every scored listing the ladder reads at ``level``)."""
        other = self._other(include_other)
        total = int(self.conn.execute(f"SELECT COUNT(*) FROM listings WHERE {self._level_sql(other)}",
                                      (level,)).fetchone()[0])
        if not total:
            return {}
        rows = self.conn.execute(
            "SELECT s.core_id, COUNT(DISTINCT s.listing_id) FROM listing_skills s "
            f"JOIN listings l ON l.id = s.listing_id WHERE {self._level_sql(other, 'l.')} GROUP BY s.core_id "
            "ORDER BY s.core_id", (level,)).fetchall()
        return {core: count / total for core, count in rows}

    def best_listings(self, skill_ids: Iterable[str], level: str, limit: int = 5, *,
                      include_other: bool | None = None) -> list[tuple[StoredListing, float]]:
        """Stored listings a person with ``skill_ids`` fits best, at ``level`` or one level either side.

        The fit is the share of the core skills a listing asks for that ``skill_ids`` covers (a finer
        skill id covers its core skill), times 0.8 for a listing one level away.

        Args:
            skill_ids: the person's skills (core or finer ids).
            level: the person's level.
            limit: at most this many, best first.
            include_other: also listings outside the sales-ops families, at the ladder's reading of them
                (:attr:`include_other` when None).
        """
        other = self._other(include_other)
        column = "l.ladder_level" if other else "l.level"
        have = set(skill_ids)
        rank = LEVEL_IDS.index(level) if level in LEVEL_IDS else None
        if rank is None or not have:
            return []
        near = [lvl for lvl in LEVEL_IDS if abs(LEVEL_IDS.index(lvl) - rank) <= 1]
        marks = ", ".join("?" for _ in near)
        asked: dict[str, dict[str, bool]] = {}
        levels: dict[str, str] = {}
        for lid, lvl, sid, core in self.conn.execute(
                f"SELECT l.id, {column}, s.skill_id, s.core_id FROM listings l JOIN listing_skills s "
                f"ON s.listing_id = l.id WHERE {column} IN ({marks})"
                + ("" if other else " AND COALESCE(l.in_family, 1) = 1"), near):
            levels[lid] = lvl
            cores = asked.setdefault(lid, {})
            cores[core] = cores.get(core, False) or core in have or sid in have
        scored = []
        for lid, cores in asked.items():
            fit = sum(cores.values()) / len(cores)
            if not fit:
                continue
            if levels[lid] != level:
                fit *= 0.8
            scored.append((round(fit, 4), lid))
        scored.sort(key=lambda t: (-t[0], t[1]))
        top = scored[:limit]
        if not top:
            return []
        marks = ", ".join("?" for _ in top)
        by_id = {x.id: x for x in self._stored(self._rows(f"SELECT * FROM listings WHERE id IN ({marks})",
                                                          [lid for _, lid in top]))}
        return [(by_id[lid], fit) for fit, lid in top if lid in by_id]

    # ---------------------------------------------------------------------------------------------
    # embeddings (embed.VectorCache)

    def get_many(self, model_id: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached encodings of ``keys`` (text hashes) under ``model_id``; missing keys are left out."""
        out: dict[str, np.ndarray] = {}
        for part in _chunks(list(dict.fromkeys(keys))):
            q = f"SELECT key, vector FROM embeddings WHERE model_id = ? AND key IN ({', '.join('?' for _ in part)})"
            for key, blob in self.conn.execute(q, [model_id, *part]):
                out[key] = np.frombuffer(blob, dtype=np.float32).copy()
        return out

    def put_many(self, model_id: str, items: Mapping[str, np.ndarray]) -> None:
        """Cache encodings (keys already cached are left as they are)."""
        if items:
            with self.transaction():
                self._put_vectors(model_id, items)

    def _put_vectors(self, model_id: str, items: Mapping[str, np.ndarray]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO embeddings (model_id, key, dim, vector) VALUES (?, ?, ?, ?)",
            [(model_id, k, int(v.shape[-1]), np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()])

    def has_embeddings(self, model_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM embeddings WHERE model_id = ? LIMIT 1", (model_id,)).fetchone()
        return row is not None

    # ---------------------------------------------------------------------------------------------
    # runs

    def start_run(self, kind: str, *, args: Mapping[str, Any] | None = None, engine: str | None = None,
                  taxonomy_version: str | None = None, model_id: str | None = None,
                  exclusive: bool = False) -> int:
        """Record the start of an import, scrape or scoring run; returns its id.

        Runs left "running" by a process that is gone (killed, crashed, power cut) are marked "killed"
        first.

        Args:
            exclusive: refuse when another live process is running a run of the same kind on this file
                (two scorers would score the same listings twice).

        Raises:
            RunConflict: ``exclusive`` and such a run is going on.
        """
        with self.transaction():
            running = self.conn.execute(
                "SELECT id, kind, pid, started_at FROM runs WHERE status = 'running'").fetchall()
            dead = [(now(), rid) for rid, _, pid, _ in running if not _pid_alive(pid)]
            self.conn.executemany("UPDATE runs SET status = 'killed', finished_at = ? WHERE id = ?", dead)
            gone = {rid for _, rid in dead}
            if exclusive:
                for rid, other, pid, started in running:
                    if other == kind and rid not in gone:
                        raise RunConflict(f"another `{kind}` run is going on in {self.path} (run #{rid}, process "
                                          f"{pid}, started {started}): wait for it to finish, or stop it")
            cur = self.conn.execute(
                "INSERT INTO runs (kind, status, started_at, pid, engine, taxonomy_version, model_id, args, counts) "
                "VALUES (?, 'running', ?, ?, ?, ?, ?, ?, '{}')",
                (kind, now(), os.getpid(), engine, taxonomy_version, model_id, json.dumps(dict(args or {}))))
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, *, status: str = "done", counts: Mapping[str, Any] | None = None) -> None:
        """Record how a run ended ("done", "failed", "interrupted") and what it did."""
        with self.transaction():
            self.conn.execute("UPDATE runs SET status = ?, finished_at = ?, counts = ? WHERE id = ?",
                              (status, now(), json.dumps(dict(counts or {})), run_id))

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest runs, newest first."""
        rows = self._rows("SELECT * FROM runs ORDER BY id DESC LIMIT ?", [limit])
        for r in rows:
            r["args"] = json.loads(r["args"] or "{}")
            r["counts"] = json.loads(r["counts"] or "{}")
        return rows

    # ---------------------------------------------------------------------------------------------

    def stats(self, *, taxonomy_version: str | None = None, ladder_version: str | None = None,
              model_id: str | None = None, include_other: bool | None = None) -> StoreStats:
        """Counts of what is stored; ``pending`` (listings still to score) when the versions are given.

        ``listings`` counts every stored listing; ``scored``, ``pending`` and ``top_skills`` only the
        sales-ops ones unless ``include_other``; ``by_family`` and ``outside`` say how many are which.
        """
        def one(sql: str, params: Sequence[Any] = ()) -> int:
            return int(self.conn.execute(sql, params).fetchone()[0])

        other = self._other(include_other)
        inside = "" if other else " AND COALESCE(in_family, 1) = 1"
        pending = None
        if taxonomy_version and ladder_version and model_id:
            pending = self.count_pending(taxonomy_version=taxonomy_version, ladder_version=ladder_version,
                                         model_id=model_id, include_other=other)
        counted = dict(self.conn.execute("SELECT level, COUNT(*) FROM listings WHERE level IS NOT NULL GROUP BY level"))
        order = {lvl: i for i, lvl in enumerate(LEVEL_IDS)}
        by_level = {lvl: counted[lvl] for lvl in sorted(counted, key=lambda x: (order.get(x, len(order)), x))}
        by_source = dict(self.conn.execute("SELECT source, COUNT(*) FROM listings GROUP BY source ORDER BY source"))
        top = dict(self.conn.execute(
            "SELECT s.core_id, COUNT(DISTINCT s.listing_id) AS n FROM listing_skills s JOIN listings l "
            f"ON l.id = s.listing_id WHERE 1 = 1{inside.replace('in_family', 'l.in_family')} GROUP BY s.core_id "
            "ORDER BY n DESC, s.core_id LIMIT 10"))
        by_family = dict(self.conn.execute(
            "SELECT COALESCE(family, 'unknown'), COUNT(*) AS n FROM listings GROUP BY 1 ORDER BY n DESC, 1"))
        runs = self.runs(1)
        size = 0
        if self.path != ":memory:":
            size = sum(p.stat().st_size for p in (Path(self.path), Path(self.path + "-wal")) if p.exists())
        return StoreStats(
            path=self.path, schema_version=self.schema_version,
            listings=one("SELECT COUNT(*) FROM listings"),
            scored=one(f"SELECT COUNT(*) FROM listings WHERE scored_at IS NOT NULL{inside}"),
            pending=pending, by_level=by_level, by_source=by_source,
            with_pay=one("SELECT COUNT(*) FROM listings WHERE currency IS NOT NULL"),
            disagree=one("SELECT COUNT(*) FROM listings WHERE disagree = 1"),
            skills=one("SELECT COUNT(*) FROM listing_skills"),
            embeddings=one("SELECT COUNT(*) FROM embeddings"),
            runs=one("SELECT COUNT(*) FROM runs"),
            last_run=runs[0] if runs else None, size_bytes=size, top_skills=top, by_family=by_family,
            outside=self.count_outside(), include_other=other,
            failed=one("SELECT COUNT(*) FROM score_failures f JOIN listings l ON l.id = f.listing_id "
                       "AND l.content_hash = f.content_hash"
                       + (" WHERE f.taxonomy_version = ? AND f.model_id = ?" if taxonomy_version and model_id else ""),
                       [taxonomy_version, model_id] if taxonomy_version and model_id else []),
        )


def open_store(path: str | os.PathLike[str] | None = None, *, create: bool = True, check: bool = False,
               include_other: bool = False) -> Store:
    """The store at ``path``, or at :meth:`Store.default_path`.

    Args:
        include_other: count listings outside the sales-ops families too (:attr:`Store.include_other`).
        create: make a new database when there is no file at ``path``; else a missing file is an error.
        check: read the whole file first (:meth:`Store.check`), so a damaged one is refused at once.

    Raises:
        InputError: ``path`` is a folder.
        DataError: no file (``create=False``), an empty (0-byte) file, not a skillmatch database, damaged.
    """
    target = Path(path) if path is not None else Store.default_path()
    store = Store(target, create=create, include_other=include_other)
    if check:
        try:
            store.check()
        except DataError:
            store.close()
            raise
    return store
