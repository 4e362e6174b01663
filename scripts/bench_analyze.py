#!/usr/bin/env python3
"""Benchmarks for analyze, as ratios measured in one run (the machines are shared and noisy).

1. cold ``skillmatch analyze data/examples/example_resume.pdf`` (a fresh process), with the statement
   vector cache populated and with it empty, against the floor: a fresh process that imports the
   same third-party libraries (read from a probe run of the same command), loads the embedding and
   spaCy models and encodes the resume's lines once;
2. warm ``analyze_resume`` (models loaded) against the raw ``model.encode`` of the same resume's lines,
   on distinct inputs: the bundled resume and, with ``--real N``, N real resume PDFs from
   ``../shared/data/resumes`` (each analyzed once per run, raw and analyze interleaved);
3. ``skillmatch --help`` in a fresh process against ``python -c pass``;
4. peak RSS of a fresh process that analyzes the resume.

    python scripts/bench_analyze.py [--runs 7] [--cold-runs 3] [--real 0] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESUME = ROOT / "data" / "examples" / "example_resume.pdf"
REAL = ROOT.parent / "shared" / "data" / "resumes" / "pdf"
EXE = Path(sys.executable).with_name("skillmatch")

RSS = """
import resource, sys
from skillmatch import analyze_resume
analyze_resume(sys.argv[1])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

# the CLI command, then the third-party top-level modules it imported (what the floor imports)
PROBE = """
import sys
from skillmatch.cli import cli
try:
    cli(["analyze", sys.argv[1]], standalone_mode=False)
finally:
    std = set(sys.stdlib_module_names) | set(sys.builtin_module_names)
    tops = sorted({m.split(".")[0] for m in list(sys.modules)} - std - {"skillmatch", "__main__"})
    with open(sys.argv[2], "w") as fh:
        fh.write("\\n".join(t for t in tops if not t.startswith("_")))
"""

FLOOR = """
import importlib, sys
for name in open(sys.argv[1]).read().split():
    try:
        importlib.import_module(name)
    except Exception:
        pass
import spacy
from sentence_transformers import SentenceTransformer
from skillmatch.embed import model_path, one_blas_thread
from skillmatch.nlp import SPACY_MODEL
one_blas_thread()
spacy.load(SPACY_MODEL, exclude=["ner"])
model = SentenceTransformer(str(model_path()), device="cpu")
lines = [l for l in open(sys.argv[2], encoding="utf-8").read().splitlines() if l.strip()]
model.encode(lines, normalize_embeddings=True, show_progress_bar=False)
"""


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run(cmd: list[str], env: dict[str, str] | None = None) -> None:
    subprocess.run(cmd, check=True, capture_output=True, env=env)


def cold(cmd: list[str], runs: int) -> float:
    return timed(lambda: run(cmd), runs)


def cold_start(runs: int, work: Path) -> dict[str, float]:
    """Cold analyze with the vector cache populated, with it empty, and the floor, interleaved."""
    from skillmatch import read_document

    cache = work / "cache"
    env = {**os.environ, "SKILLMATCH_CACHE_DIR": str(cache)}
    modules = work / "modules.txt"
    lines = work / "lines.txt"
    lines.write_text(read_document(RESUME).text, encoding="utf-8")
    run([sys.executable, "-c", PROBE, str(RESUME), str(modules)], env)  # also fills the cache
    analyze = [str(EXE), "analyze", str(RESUME)]
    floor_cmd = [sys.executable, "-c", FLOOR, str(modules), str(lines)]
    warm_cache, empty_cache, floor = [], [], []
    for _ in range(runs):
        t = time.perf_counter()
        run(analyze, env)
        warm_cache.append(time.perf_counter() - t)
        shutil.rmtree(cache, ignore_errors=True)  # all of it: vectors and the model hash
        t = time.perf_counter()
        run(analyze, env)
        empty_cache.append(time.perf_counter() - t)
        t = time.perf_counter()
        run(floor_cmd, env)
        floor.append(time.perf_counter() - t)
    return {"cold_cached_s": statistics.median(warm_cache), "cold_empty_cache_s": statistics.median(empty_cache),
            "floor_s": statistics.median(floor), "floor_modules": len(modules.read_text().split())}


def warm(runs: int, real: int, seed: int, per_file: bool = False) -> dict[str, object]:
    """Median over runs of (sum of analyze times) / (sum of raw encode times), per input set."""
    from skillmatch import analyze_resume, read_document
    from skillmatch.embed import get_embedder

    inputs: dict[str, list[Path]] = {"bundled": [RESUME]}
    if real:
        files = sorted(REAL.glob("*/*.pdf"))
        inputs["real"] = random.Random(seed).sample(files, min(real, len(files)))
    embedder = get_embedder()
    analyze_resume(RESUME)  # warm: models and skill/scope indexes loaded
    model = embedder.model
    out: dict[str, object] = {}
    for name, paths in inputs.items():
        docs = [(p, [x for x in read_document(p).text.splitlines() if x.strip()]) for p in paths]
        ratios, t_an, t_raw = [], [], []
        each: dict[Path, tuple[list[float], list[float]]] = {p: ([], []) for p, _ in docs}
        for _ in range(runs):
            sa = sr = 0.0
            for path, lines in docs:
                t = time.perf_counter()
                model.encode(lines, normalize_embeddings=True, show_progress_bar=False)  # the model's defaults
                raw = time.perf_counter() - t
                t = time.perf_counter()
                analyze_resume(path)  # reads the file too: what a user meets
                an = time.perf_counter() - t
                sr += raw
                sa += an
                each[path][0].append(an)
                each[path][1].append(raw)
            ratios.append(sa / sr)
            t_an.append(sa / len(docs))
            t_raw.append(sr / len(docs))
        out[name] = {"files": len(docs), "lines": sum(len(x) for _, x in docs),
                     "analyze_s": round(statistics.median(t_an), 4), "raw_encode_s": round(statistics.median(t_raw), 4),
                     "ratio": round(statistics.median(ratios), 2)}
        if per_file:  # ids, sizes and times only: never the resume's text
            rows = []
            for path, lines in docs:
                an_s, raw_s = statistics.median(each[path][0]), statistics.median(each[path][1])
                rows.append({"id": f"{path.parent.name}/{path.stem}", "lines": len(lines),
                             "chars": sum(len(x) for x in lines), "max_line_chars": max(map(len, lines), default=0),
                             "analyze_s": round(an_s, 3), "raw_encode_s": round(raw_s, 3),
                             "ratio": round(an_s / raw_s, 2)})
            out[name + "_files"] = sorted(rows, key=lambda r: -float(r["ratio"]))  # type: ignore[arg-type]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7, help="warm runs and --help runs")
    ap.add_argument("--cold-runs", type=int, default=3, help="fresh processes per cold variant")
    ap.add_argument("--real", type=int, default=0, help="also time N real resume PDFs from ../shared/data")
    ap.add_argument("--seed", type=int, default=14, help="which N real PDFs (a fixed sample per seed)")
    ap.add_argument("--per-file", action="store_true", help="also each file's id, sizes, times and ratio")
    ap.add_argument("--skip-cold", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="skillmatch-bench-") as tmp:
        if not args.skip_cold:
            c = cold_start(args.cold_runs, Path(tmp))
            result.update({k: round(v, 3) for k, v in c.items()})
            result["cold_cached_over_floor"] = round(c["cold_cached_s"] / c["floor_s"], 2)
            result["cold_empty_over_floor"] = round(c["cold_empty_cache_s"] / c["floor_s"], 2)
        saved = os.environ.get("SKILLMATCH_CACHE_DIR")
        os.environ["SKILLMATCH_CACHE_DIR"] = str(Path(tmp) / "cache")
        try:
            result["warm"] = warm(args.runs, args.real, args.seed, args.per_file)
        finally:  # the processes started below must not write into the removed tmp dir
            if saved is None:
                os.environ.pop("SKILLMATCH_CACHE_DIR", None)
            else:
                os.environ["SKILLMATCH_CACHE_DIR"] = saved
    t_pass = cold([sys.executable, "-c", "pass"], args.runs)
    t_help = cold([str(EXE), "--help"], args.runs)
    result.update({"help_s": round(t_help, 4), "python_pass_s": round(t_pass, 4),
                   "help_over_pass": round(t_help / t_pass, 2)})
    rss = subprocess.run([sys.executable, "-c", RSS, str(RESUME)], capture_output=True, text=True, check=True)
    result["analyze_peak_rss_mb"] = round(int(rss.stdout.strip().splitlines()[-1]) / 1024)
    result["goals"] = {"cold_cached_over_floor": "<= 1.15", "warm.bundled.ratio": "<= 1.3",
                       "help_over_pass": "<= 3", "analyze_peak_rss_mb": "<= 1024"}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{'measure':<34} {'value':>10}  goal")
    goals = result["goals"]
    assert isinstance(goals, dict)
    for k, v in result.items():
        if k in ("goals", "warm"):
            continue
        print(f"{k:<34} {v!s:>10}  {goals.get(k, '')}")
    warm_rows = result["warm"]
    assert isinstance(warm_rows, dict)
    print(f"\n{'warm analyze':<12} {'files':>5} {'lines':>6} {'analyze_s':>10} {'raw_encode_s':>12} {'ratio':>6}")
    for name, row in warm_rows.items():
        if name.endswith("_files"):
            continue
        print(f"{name:<12} {row['files']:>5} {row['lines']:>6} {row['analyze_s']:>10} {row['raw_encode_s']:>12} "
              f"{row['ratio']:>6}  {goals['warm.bundled.ratio'] if name == 'bundled' else ''}")
    for name, rows in warm_rows.items():
        if name.endswith("_files"):
            print(f"\n{'file':<34} {'lines':>5} {'chars':>6} {'max_line':>8} "
                  f"{'analyze_s':>9} {'raw_s':>6} {'ratio':>6}")
            for r in rows:
                print(f"{r['id']:<34} {r['lines']:>5} {r['chars']:>6} {r['max_line_chars']:>8} {r['analyze_s']:>9} "
                      f"{r['raw_encode_s']:>6} {r['ratio']:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
