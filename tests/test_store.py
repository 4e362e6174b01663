"""The listings database: schema and migrations, idempotent upserts, search, score rows, market pay."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from synthetic_listings import make_page

from skillmatch.errors import DataError, InputError
from skillmatch.listings.batch import ScoreRow, SkillRow
from skillmatch.listings.store import ENV_DB, SCHEMA_VERSION, Store, listing_hash, open_store
from skillmatch.read.listing import Listing, parse_listing
from skillmatch.read.pay import Pay

TAX, LADDER, MODEL = "tax-1", "ladder-1", "model-a"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "sub" / "listings.db")
    yield s
    s.close()


def listing(i: int, **changes: object) -> Listing:
    return dataclasses.replace(parse_listing(make_page(i)), **changes)


def row(listing_id: str, level: str, skills: tuple[tuple[str, str, int], ...] = (), *, taxonomy: str = TAX,
        ladder: str = LADDER, title_level: str | None = None, confidence: float = 0.8) -> ScoreRow:
    return ScoreRow(listing_id, taxonomy, ladder, MODEL, title_level, level, confidence,
                    (("analyst", 0.1), ("manager", 0.1), ("director", 0.7), ("vp", 0.1)),
                    title_level is not None and title_level != level, "within",
                    tuple(SkillRow(s, c, n, f"line {n}", "alias", 1.0) for s, c, n in skills))


def write(store: Store, rows: list[ScoreRow]) -> int:
    hashes = {r.listing_id: store.conn.execute("SELECT content_hash FROM listings WHERE id = ?",
                                               (r.listing_id,)).fetchone()[0] for r in rows}
    return store.write_scores(rows, hashes=hashes, run_id=1)


def test_new_database_has_schema_wal_and_folder(tmp_path):
    path = tmp_path / "a" / "b" / "x.db"
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert {"listings", "listing_skills", "scores", "runs", "embeddings", "listings_fts"} <= set(s.db.table_names())
        assert s.db["listings"].detect_fts() == "listings_fts"
    assert path.is_file()


def test_reopening_keeps_data_and_version(tmp_path):
    path = tmp_path / "x.db"
    with Store(path) as s:
        s.add_listings([listing(1), listing(2)])
    with Store(path) as s:
        assert s.count() == 2 and s.schema_version == SCHEMA_VERSION


def test_newer_schema_and_non_database_are_refused(tmp_path):
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(DataError, match="upgrade skillmatch"):
        Store(newer)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all, just text" * 100)
    with pytest.raises(DataError, match="not a skillmatch database"):
        Store(junk)
    with pytest.raises(InputError, match="is a folder"):
        open_store(tmp_path)


def test_default_path_env_and_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_DB, str(tmp_path / "env.db"))
    assert Store.default_path() == tmp_path / "env.db"
    monkeypatch.delenv(ENV_DB)
    default = Store.default_path()
    assert default.name == "skillmatch.db" and default.parent.name == "skillmatch"


def test_add_listings_is_idempotent_and_updates_changed_content(store):
    first = [listing(i) for i in range(5)]
    assert store.add_listings(first) == 5
    stamp = store.get(first[0].id).fetched_at
    assert store.add_listings(first) == 0
    assert store.add_listings(first + [listing(5)]) == 1
    assert store.count() == 6
    write(store, [row(first[0].id, "manager", (("sql", "sql", 3),))])
    assert store.get(first[0].id).level == "manager"
    # unchanged: score and fetched_at kept
    store.add_listings([first[0]], fetched_at="2030-01-01T00:00:00+00:00")
    kept = store.get(first[0].id)
    assert kept.level == "manager" and kept.fetched_at == stamp and kept.skills
    # changed: updated, score cleared, pending again
    changed = dataclasses.replace(first[0], title="Changed title", text=first[0].text + "\nNew line here.")
    assert store.add_listings([changed]) == 0
    got = store.get(first[0].id)
    assert got.title == "Changed title" and got.level is None and got.skills == ()
    pending = store.pending(taxonomy_version=TAX, ladder_version=LADDER, model_id=MODEL, limit=100)
    assert first[0].id in {x.id for _, _, x in pending}
    assert store.conn.execute("SELECT COUNT(*) FROM listings").fetchone()[0] == 6


def test_stored_listing_round_trips_to_the_same_listing(store):
    x = listing(3)
    store.add_listings([x])
    (n, content_hash, back), = store.pending(taxonomy_version=TAX, ladder_version=LADDER, model_id=MODEL)
    assert back == x and content_hash == listing_hash(x)
    stored = store.get(x.id)
    assert stored.title == x.title and stored.annual_min == x.pay.annual_min and stored.text == x.text
    assert stored.to_dict()["skills"] == []


def test_full_text_search_and_filters(store):
    xs = [listing(i) for i in range(12)]
    hourly = listing(99, pay=Pay(40.0, 50.0, "USD", "hour", "base", "$40-$50/hr"))
    store.add_listings(xs + [hourly])
    assert store.count() == 13
    company = xs[0].company
    found = store.search(q=company.split()[0])
    assert found and all(company.split()[0] in (f.company or "") + f.text for f in found)
    assert store.count(q=company.split()[0]) == len(store.search(q=company.split()[0], limit=100))
    # FTS operators and quotes are taken literally, not as syntax errors
    assert isinstance(store.search(q='sales" OR NOT ('), list)
    assert store.count(q="xyzzyq OR") == 0
    # min_pay uses the annual figure
    assert hourly.id in {f.id for f in store.search(min_pay=100_000, limit=100)}
    assert all((f.annual_max or f.annual_min or 0) >= 150_000 for f in store.search(min_pay=150_000, limit=100))
    # paging
    ids = [f.id for f in store.search(limit=100)]
    assert [f.id for f in store.search(limit=5, offset=5)] == ids[5:10]
    # level and skill filters
    write(store, [row(xs[0].id, "director", (("sql", "sql", 2), ("forecast_methodology", "forecasting", 4))),
                  row(xs[1].id, "analyst", (("sql", "sql", 1),))])
    assert [f.id for f in store.search(level="director")] == [xs[0].id]
    assert {f.id for f in store.search(skill="forecasting")} == {xs[0].id}
    assert {f.id for f in store.search(skill="sql")} == {xs[0].id, xs[1].id}
    assert store.count(skill="sql", level="analyst") == 1
    # a changed text is searchable at once (FTS triggers)
    store.add_listings([dataclasses.replace(xs[2], text=xs[2].text + "\nZebracorn planning.")])
    assert [f.id for f in store.search(q="zebracorn")] == [xs[2].id]
    store.conn.execute("INSERT INTO listings_fts (listings_fts) VALUES ('integrity-check')")


def test_scores_upsert_by_listing_taxonomy_and_model(store):
    xs = [listing(i) for i in range(3)]
    store.add_listings(xs)
    assert write(store, [row(x.id, "manager") for x in xs]) == 3
    assert write(store, [row(x.id, "manager") for x in xs]) == 3
    assert store.conn.execute("SELECT COUNT(*) FROM scores").fetchone()[0] == 3
    kw = {"ladder_version": LADDER, "model_id": MODEL}
    assert store.count_pending(taxonomy_version=TAX, **kw) == 0
    assert store.count_pending(taxonomy_version="tax-2", **kw) == 3
    assert store.count_pending(taxonomy_version=TAX, ladder_version="ladder-2", model_id=MODEL) == 3
    write(store, [row(xs[0].id, "vp", taxonomy="tax-2")])
    assert store.conn.execute("SELECT COUNT(*) FROM scores").fetchone()[0] == 4
    assert store.get(xs[0].id).level == "vp"  # the latest score is the listing's
    assert len(store.scores_of(xs[0].id)) == 2
    # a listing changed after it was read for scoring keeps its new content unscored
    stale = {xs[1].id: "0" * 40}
    assert store.write_scores([row(xs[1].id, "analyst")], hashes=stale) == 0
    assert store.get(xs[1].id).level == "manager"


def test_market_pay_demand_and_best_listings(store):
    xs = [listing(i) for i in range(8)]
    pays = [(90_000, 110_000), (100_000, 120_000), (120_000, 140_000), (80_000, None)]
    for j, (lo, hi) in enumerate(pays):
        xs[j] = dataclasses.replace(xs[j], pay=Pay(lo, hi, "USD", "year", "base", ""))
    xs[4] = dataclasses.replace(xs[4], pay=Pay(200_000, 220_000, "USD", "year", "ote", ""))
    xs[5] = dataclasses.replace(xs[5], pay=Pay(70_000, 90_000, "EUR", "year", "base", ""))
    store.add_listings(xs)
    write(store, [
        row(xs[0].id, "manager", (("sql", "sql", 1), ("forecasting", "forecasting", 2))),
        row(xs[1].id, "manager", (("sql", "sql", 1), ("territory_design", "territory_quota_modeling", 2))),
        row(xs[2].id, "manager", (("crm_literacy", "crm_literacy", 1),)),
        row(xs[3].id, "manager"),
        row(xs[4].id, "manager", (("sql", "sql", 1),)),
        row(xs[5].id, "manager"),
        row(xs[6].id, "director", (("sql", "sql", 1), ("gtm_model_design", "gtm_model_design", 2))),
        row(xs[7].id, "vp", (("sql", "sql", 1),)),
    ])
    market = store.market_pay("manager")
    mids = [100_000, 110_000, 130_000, 80_000]  # OTE and EUR left out; an open top counts its one bound
    assert market.count == 4 and market.median == float(np.median(mids))
    assert market.p25 == float(np.percentile(mids, 25)) and market.p75 == float(np.percentile(mids, 75))
    assert market.source.startswith("4 stored sales-ops listings")
    assert store.market_pay("analyst") is None
    assert store.market_pay("manager", min_count=5) is None
    demand = store.skill_demand("manager")
    assert demand["sql"] == pytest.approx(3 / 6) and demand["crm_literacy"] == pytest.approx(1 / 6)
    assert demand["territory_quota_modeling"] == pytest.approx(1 / 6) and "gtm_model_design" not in demand
    assert store.skill_demand("analyst") == {}
    best = store.best_listings(["sql", "forecasting"], "manager", limit=3)
    assert [x.id for x, _ in best][:1] == [xs[0].id] and best[0][1] == 1.0
    fits = dict((x.id, f) for x, f in store.best_listings(["sql"], "manager", limit=20))
    assert fits[xs[4].id] == 1.0 and fits[xs[6].id] == pytest.approx(0.4)  # director: 1/2 x 0.8
    assert xs[7].id not in fits  # vp is two levels above manager
    assert store.best_listings([], "manager") == [] and store.best_listings(["sql"], "nope") == []


def test_embeddings_cache_round_trip(store):
    vectors = {f"k{i}": np.random.default_rng(i).random(384, dtype=np.float32) for i in range(1200)}
    store.put_many(MODEL, vectors)
    store.put_many(MODEL, {"k0": np.zeros(384, dtype=np.float32)})  # a cached key is never overwritten
    got = store.get_many(MODEL, [*vectors, "missing"])
    assert set(got) == set(vectors)
    assert all(np.array_equal(got[k], v) and got[k].dtype == np.float32 for k, v in vectors.items())
    assert store.get_many("other-model", ["k1"]) == {}
    assert store.has_embeddings(MODEL) and not store.has_embeddings("other-model")


def test_runs_and_stats(store):
    xs = [listing(i) for i in range(4)]
    run = store.start_run("import", args={"paths": ["x"]})
    store.add_listings(xs, run_id=run)
    store.finish_run(run, counts={"listings": 4})
    write(store, [row(xs[0].id, "manager", (("sql", "sql", 1),), title_level="director")])
    s = store.stats(taxonomy_version=TAX, ladder_version=LADDER, model_id=MODEL)
    assert (s.listings, s.scored, s.pending, s.disagree, s.skills) == (4, 1, 3, 1, 1)
    assert s.by_level == {"manager": 1} and s.by_source == {"jsonld": 4} and s.with_pay == 4
    assert s.last_run["status"] == "done" and s.last_run["counts"] == {"listings": 4}
    assert s.to_dict()["top_skills"] == {"sql": 1} and s.size_bytes > 0
    assert store.stats().pending is None


def test_iter_listings_streams_everything(store):
    store.add_listings([listing(i) for i in range(1100)])
    assert len({x.id for x in store.iter_listings(batch=300)}) == 1100


def test_imports_flow_one_way_score_store_batch():
    import subprocess
    import sys

    code = ("import sys, skillmatch.listings.store; "
            "bad = [m for m in ('skillmatch.listings.batch',) if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, check=False).returncode == 0
    source = (Path(__file__).resolve().parents[1] / "skillmatch" / "listings" / "store" / "core.py").read_text(
        encoding="utf-8")
    assert "from ..batch" not in source and "from ..score import ScoreRow" in source
    from skillmatch.listings import batch, score

    assert batch.ScoreRow is score.ScoreRow and batch.SkillRow is score.SkillRow
