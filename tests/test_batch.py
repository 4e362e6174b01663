"""Batch scoring: a pure function of a batch; local and Dask engines write identical rows; resumable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from synthetic_listings import make_board

from skillmatch.embed import get_embedder, text_key
from skillmatch.errors import InputError
from skillmatch.listings.batch import batch_texts, run_scoring, score_batch
from skillmatch.listings.score import score_listing
from skillmatch.listings.store import Store
from skillmatch.read.listing import Listing, parse_listings

FIXTURES = Path(__file__).parent / "fixtures" / "listings"


def some_listings() -> list[Listing]:
    out: list[Listing] = []
    for path in sorted(FIXTURES.iterdir()):
        out.extend(parse_listings(path.read_bytes()))
    return out + parse_listings(make_board(0, 13))


def dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Everything scoring wrote, without run ids and timestamps."""
    return {
        "scores": store.conn.execute(
            "SELECT listing_id, taxonomy_version, model_id, ladder_version, content_hash, title_level, level, "
            "level_confidence, probabilities, disagree, pay_vs_band, skills FROM scores ORDER BY listing_id"
        ).fetchall(),
        "listing_skills": store.conn.execute(
            "SELECT * FROM listing_skills ORDER BY listing_id, skill_id, line").fetchall(),
        "listings": store.conn.execute(
            "SELECT id, title_level, level, level_confidence, disagree, pay_vs_band FROM listings ORDER BY id"
        ).fetchall(),
    }


def test_score_batch_is_a_pure_function():
    listings = some_listings()[:6]
    rows = score_batch(listings)
    assert rows == score_batch(listings)
    assert [r.listing_id for r in rows] == [x.id for x in listings]
    for x, r in zip(listings, rows, strict=True):
        s = score_listing(x)
        assert (r.level, r.title_level, r.disagree) == (s.level, s.title_level, s.disagree)
        assert r.pay_vs_band == s.pay_vs_band
        assert [(k.skill_id, k.line) for k in r.skills] == [(m.skill_id, m.line) for m in s.skills]
        assert sum(p for _, p in r.probabilities) == pytest.approx(1, abs=1e-3)
        json.dumps(r.to_dict())


def test_local_and_dask_engines_write_identical_rows(tmp_path):
    listings = some_listings()
    stores = {}
    for engine in ("local", "dask"):
        store = Store(tmp_path / f"{engine}.db")
        store.add_listings(listings)
        result = run_scoring(store, engine=engine, batch_size=6, progress=False, workers=1)
        assert result.scored == len(listings) == result.pending and result.batches == 4
        stores[engine] = store
    local, dask = dump(stores["local"]), dump(stores["dask"])
    assert len(local["scores"]) == len(listings) and len(local["listing_skills"]) > len(listings)
    assert local == dask
    # the Dask run cached the encodings its workers made, like the local one
    n = stores["dask"].conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
    assert n == stores["local"].conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0] > 0
    # a Dask re-score reads the cached encodings and writes the same rows again
    again = run_scoring(stores["dask"], engine="dask", batch_size=6, progress=False, workers=1, rescore=True)
    assert again.scored == len(listings) and dump(stores["dask"]) == local
    for store in stores.values():
        store.close()


def test_runs_resume_and_cache_encodings(tmp_path):
    listings = some_listings()[:10]
    with Store(tmp_path / "x.db") as store:
        store.add_listings(listings[:4])
        first = run_scoring(store, batch_size=3, progress=False)
        assert (first.scored, first.batches) == (4, 2)
        store.add_listings(listings)
        second = run_scoring(store, batch_size=3, progress=False)
        assert second.scored == 6  # only the new ones
        assert run_scoring(store, progress=False).scored == 0
        before = dump(store)
        again = run_scoring(store, batch_size=4, progress=False, rescore=True)
        assert again.scored == 10 and len(dump(store)["scores"]) == 10
        assert {r[0]: r[6] for r in dump(store)["scores"]} == {r[0]: r[6] for r in before["scores"]}
        runs = store.runs()
        assert [r["status"] for r in runs] == ["done"] * 4 and runs[0]["counts"]["scored"] == 10
        # every sentence scoring encodes is in the embeddings table, as the model encodes it
        embedder = get_embedder()
        texts = batch_texts(listings)
        cached = store.get_many(embedder.model_id, [text_key(t) for t in texts])
        assert len(cached) == len(texts)
        sample = texts[:20]
        fresh = embedder.model.encode(sample, normalize_embeddings=True, convert_to_numpy=True)
        assert np.allclose(np.stack([cached[text_key(t)] for t in sample]), fresh, atol=1e-5)


RESCORE = """
import sys
from skillmatch.listings.batch import run_scoring
from skillmatch.embed import get_embedder
from skillmatch.listings.store import Store
result = run_scoring(Store(sys.argv[1]), rescore=True, progress=False)
print(result.scored, get_embedder()._model is not None)
"""


def test_rescoring_cached_listings_never_loads_the_model(tmp_path):
    db = tmp_path / "x.db"
    with Store(db) as store:
        store.add_listings(some_listings()[:5])
        run_scoring(store, progress=False)
        before = dump(store)
    r = subprocess.run([sys.executable, "-c", RESCORE, str(db)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["5", "False"]
    with Store(db) as store:
        assert dump(store) == before


def test_bad_settings(tmp_path):
    with Store(tmp_path / "x.db") as store:
        with pytest.raises(InputError, match="unknown engine"):
            run_scoring(store, engine="spark", progress=False)
        with pytest.raises(InputError, match="batch size"):
            run_scoring(store, batch_size=0, progress=False)
        assert store.runs() == []
