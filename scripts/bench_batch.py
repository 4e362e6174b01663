#!/usr/bin/env python3
"""Benchmarks for batch scoring (``skillmatch listings score``), measured in one run as ratios.

(a) throughput: ``run_scoring`` of fresh listings (models loaded, the embedding caches empty, so
    every sentence is encoded) against the raw ``model.encode`` (the model's defaults) of exactly the
    sentences scoring encodes. Goal: scoring reaches >= 0.8 x the raw sentences/s.
(b) cached re-runs, against (a): ``--rescore`` with the encodings in the store's ``embeddings`` table
    (the in-process memory emptied), and a plain re-run where every listing is already scored.
    Goal: >= 20 x faster. Also the same two in fresh processes through the CLI (``listings score``
    on a new database, then ``listings score --rescore`` on it), model and spaCy loading included.
(c) 10,000 synthetic listings imported and scored in a fresh process: peak RSS <= 1.2 GB, and RSS
    sampled as scoring goes (start, middle, end) to show it stays flat.

The listings are synthetic (tests/synthetic_listings.py): sales-operations job texts written for
skillmatch, varied per listing; ``--unique`` sets how many sentences of each listing no other
listing has.

    python scripts/bench_batch.py [--listings 150] [--big 10000] [--runs 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
EXE = Path(sys.executable).with_name("skillmatch")

from synthetic_listings import make_board  # noqa: E402

BIG = """
import json, sys
sys.path.insert(0, sys.argv[3])
from synthetic_listings import make_board
from skillmatch.listings.batch import run_scoring
from skillmatch.read.listing import parse_listings
from skillmatch.listings.store import Store

store = Store(sys.argv[1])
n, unique = int(sys.argv[2]), int(sys.argv[4])
for start in range(0, n, 500):
    store.add_listings(parse_listings(make_board(start, min(500, n - start), unique=unique)))
print("imported", flush=True)
result = run_scoring(store, batch_size=int(sys.argv[5]), progress=False)
print(json.dumps(result.to_dict()), flush=True)
"""


def rss_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of a process in MB, from /proc."""
    fields = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def count(db: Path, sql: str) -> int:
    try:
        conn = sqlite3.connect(db, timeout=30)
        try:
            return int(conn.execute(sql).fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def bench_big(n: int, unique: int, batch_size: int, tmp: Path) -> dict[str, Any]:
    db = tmp / "big.db"
    proc = subprocess.Popen([sys.executable, "-c", BIG, str(db), str(n), str(ROOT / "tests"), str(unique),
                             str(batch_size)], stdout=subprocess.PIPE, text=True)
    samples: list[tuple[float, float, int]] = []  # (seconds, rss MB, scored)
    peak = 0.0
    started = time.perf_counter()
    while proc.poll() is None:
        try:
            rss, hwm = rss_mb(proc.pid)
        except (FileNotFoundError, ProcessLookupError, KeyError):
            break
        peak = max(peak, hwm)
        samples.append((time.perf_counter() - started, rss, count(db, "SELECT COUNT(*) FROM scores")))
        time.sleep(0.5)
    out, _ = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"the 10,000-listing run failed with exit code {proc.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    scoring = [s for s in samples if s[2] > 0]

    def at(share: float) -> dict[str, float]:
        target = share * n
        s = min(scoring, key=lambda x: abs(x[2] - target)) if scoring else (0.0, 0.0, 0)
        return {"scored": s[2], "rss_mb": round(s[1], 1), "t_s": round(s[0], 1)}

    return {
        "listings": n, "unique_sentences_per_listing": unique, "scored": result["scored"],
        "scoring_s": result["seconds"], "listings_per_s": result["listings_per_second"],
        "total_s": round(time.perf_counter() - started, 1), "peak_rss_mb": round(peak, 1),
        "rss_start": at(0.05), "rss_mid": at(0.5), "rss_end": at(1.0),
        "rss_samples": len(samples),
        "goal_peak_le_1200mb": peak <= 1200,
    }


def cli_runs(listings: int, unique: int, tmp: Path) -> dict[str, Any]:
    board = tmp / "cli_board.json"
    board.write_text(json.dumps(make_board(500_000, listings, unique=unique)), encoding="utf-8")
    db = tmp / "cli.db"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}

    def run(*args: str) -> float:
        t = time.perf_counter()
        subprocess.run([str(EXE), *args, "--db", str(db)], check=True, capture_output=True, env=env)
        return time.perf_counter() - t

    run("listings", "import", str(board), "-q")
    first = run("listings", "score", "-q")
    rescore = run("listings", "score", "--rescore", "-q")
    again = run("listings", "score", "-q")
    return {"listings": listings, "first_s": round(first, 2), "rescore_cached_s": round(rescore, 2),
            "rerun_s": round(again, 2), "speedup_rescore": round(first / rescore, 1),
            "speedup_rerun": round(first / again, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--listings", type=int, default=150, help="listings for (a) and (b) (default 150)")
    ap.add_argument("--unique", type=int, default=10, help="sentences only one listing has, for (a)/(b)")
    ap.add_argument("--big", type=int, default=10_000, help="listings for (c); 0 skips it (default 10000)")
    ap.add_argument("--big-unique", type=int, default=1, help="sentences only one listing has, for (c)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--runs", type=int, default=2, help="repeats of (a), medians reported (default 2)")
    ap.add_argument("--no-cli", action="store_true", help="skip the fresh-process CLI runs of (b)")
    ap.add_argument("--encode-batch-size", type=int,
                    help="experiment: sentences per model call in (a)/(b) (default: skillmatch.embed.BATCH_SIZE)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    import skillmatch.embed

    if args.encode_batch_size:
        skillmatch.embed.BATCH_SIZE = args.encode_batch_size

    from skillmatch.embed import get_embedder, text_key
    from skillmatch.listings.batch import (
        MemoryCache,
        batch_texts,
        index_texts,
        run_scoring,
        score_batch,
        warm_indexes,
    )
    from skillmatch.listings.store import Store
    from skillmatch.read.listing import parse_listings
    from skillmatch.taxonomy import load_ladder, load_taxonomy

    embedder = get_embedder()
    model = embedder.model
    taxonomy, ladder = load_taxonomy(), load_ladder()
    warm = parse_listings(make_board(900_000, 3))
    cache = MemoryCache()
    warm_indexes(embedder, taxonomy, ladder, cache)
    score_batch(warm, cache=cache)  # models, spaCy, skill and scope indexes loaded
    index_vectors = dict(zip([text_key(t) for t in index_texts(taxonomy, ladder)],
                             embedder.encode(index_texts(taxonomy, ladder)), strict=True))
    listings = parse_listings(make_board(0, args.listings, unique=args.unique))
    texts = batch_texts(listings)
    model.encode(texts[:64], normalize_embeddings=True, show_progress_bar=False)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        raws, scores = [], []
        store = None
        for r in range(args.runs):
            t = time.perf_counter()
            model.encode(texts, normalize_embeddings=True, show_progress_bar=False)  # the model's defaults
            raws.append(time.perf_counter() - t)
            if store is not None:
                store.close()
            store = Store(tmp / f"a{r}.db")
            store.add_listings(listings)
            store.put_many(embedder.model_id, index_vectors)  # the index statements, cached once per store
            embedder._cache.clear()
            t = time.perf_counter()
            result = run_scoring(store, batch_size=args.batch_size, progress=False)
            scores.append(time.perf_counter() - t)
            assert result.scored == len(listings)
        assert store is not None
        t_raw, t_score = statistics.median(raws), statistics.median(scores)
        embedder._cache.clear()
        t = time.perf_counter()
        run_scoring(store, batch_size=args.batch_size, progress=False, rescore=True)
        t_rescore = time.perf_counter() - t
        t = time.perf_counter()
        rerun = run_scoring(store, batch_size=args.batch_size, progress=False)
        t_rerun = time.perf_counter() - t
        assert rerun.scored == 0
        store.close()
        figures: dict[str, Any] = {
            "a_throughput": {
                "listings": len(listings), "sentences": len(texts), "batch_size": args.batch_size,
                "encode_batch_size": skillmatch.embed.BATCH_SIZE,
                "raw_encode_s": round(t_raw, 3), "scoring_s": round(t_score, 3),
                "raw_sentences_per_s": round(len(texts) / t_raw, 1),
                "scoring_sentences_per_s": round(len(texts) / t_score, 1),
                "scoring_listings_per_s": round(len(listings) / t_score, 2),
                "ratio": round(t_raw / t_score, 3), "goal_ratio_ge_0.8": t_raw / t_score >= 0.8,
                "raw_runs_s": [round(x, 3) for x in raws], "scoring_runs_s": [round(x, 3) for x in scores],
            },
            "b_cached": {
                "rescore_from_embeddings_table_s": round(t_rescore, 3),
                "speedup_rescore": round(t_score / t_rescore, 1),
                "rerun_all_scored_s": round(t_rerun, 4), "speedup_rerun": round(t_score / t_rerun, 1),
                "goal_speedup_ge_20": t_score / t_rescore >= 20,
            },
        }
        if not args.no_cli:
            figures["b_cached"]["cli_fresh_process"] = cli_runs(args.listings, args.unique, tmp)
        if args.big:
            figures["c_memory"] = bench_big(args.big, args.big_unique, args.batch_size, tmp)
    figures["machine"] = {"cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2)}
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    a, b = figures["a_throughput"], figures["b_cached"]
    print(f"(a) {a['listings']} listings, {a['sentences']} sentences: raw encode {a['raw_sentences_per_s']}/s, "
          f"scoring {a['scoring_sentences_per_s']}/s ({a['scoring_listings_per_s']} listings/s): "
          f"ratio {a['ratio']} (goal >= 0.8)")
    print(f"(b) --rescore from the embeddings table {b['rescore_from_embeddings_table_s']}s: "
          f"{b['speedup_rescore']}x faster; re-run with all scored {b['rerun_all_scored_s']}s: "
          f"{b['speedup_rerun']}x (goal >= 20x)")
    if "cli_fresh_process" in b:
        c = b["cli_fresh_process"]
        print(f"    fresh processes: first score {c['first_s']}s, --rescore {c['rescore_cached_s']}s "
              f"({c['speedup_rescore']}x), re-run {c['rerun_s']}s ({c['speedup_rerun']}x)")
    if "c_memory" in figures:
        m = figures["c_memory"]
        print(f"(c) {m['scored']} listings scored in {m['scoring_s']}s ({m['listings_per_s']}/s): peak RSS "
              f"{m['peak_rss_mb']} MB (goal <= 1200); RSS start {m['rss_start']['rss_mb']}, "
              f"mid {m['rss_mid']['rss_mb']}, end {m['rss_end']['rss_mb']} MB")
    print(f"machine: {figures['machine']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
