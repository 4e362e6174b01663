#!/usr/bin/env python3
"""Benchmarks for analyze, as ratios measured in one run (the machines are shared and noisy).

1. warm ``analyze_resume`` of a two-page resume (models loaded, the embedding cache emptied before
   each run, so every sentence is encoded again) against the raw ``model.encode`` of the same
   resume's lines;
2. ``skillmatch --help`` in a fresh process against ``python -c pass``;
3. peak RSS of a fresh process that analyzes the resume.

    python scripts/bench_analyze.py [--runs 7] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESUME = ROOT / "data" / "examples" / "example_resume.pdf"
EXE = Path(sys.executable).with_name("skillmatch")

RSS = """
import resource, sys
from skillmatch import analyze_resume
analyze_resume(sys.argv[1])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def cold(cmd: list[str], runs: int) -> float:
    return timed(lambda: subprocess.run(cmd, check=True, capture_output=True), runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from skillmatch import analyze_resume, read_document
    from skillmatch.embed import get_embedder

    embedder = get_embedder()
    analyze_resume(RESUME)  # warm: models and skill/scope indexes loaded
    document = read_document(RESUME)
    lines = [line for line in document.text.splitlines() if line.strip()]
    model = embedder.model

    def analyze() -> None:
        embedder._cache.clear()
        analyze_resume(RESUME)

    def raw() -> None:
        model.encode(lines, normalize_embeddings=True, show_progress_bar=False)  # the model's defaults

    raw()
    t_raw = timed(raw, args.runs)
    t_analyze = timed(analyze, args.runs)
    t_pass = cold([sys.executable, "-c", "pass"], args.runs)
    t_help = cold([str(EXE), "--help"], args.runs)
    rss = subprocess.run([sys.executable, "-c", RSS, str(RESUME)], capture_output=True, text=True, check=True)
    peak_mb = int(rss.stdout.strip().splitlines()[-1]) / 1024
    result = {
        "resume": f"{RESUME.name}: {len(document.lines)} lines, {len(lines)} non-empty",
        "warm_analyze_s": round(t_analyze, 4),
        "raw_encode_s": round(t_raw, 4),
        "analyze_over_encode": round(t_analyze / t_raw, 2),
        "help_s": round(t_help, 4),
        "python_pass_s": round(t_pass, 4),
        "help_over_pass": round(t_help / t_pass, 2),
        "analyze_peak_rss_mb": round(peak_mb),
        "goals": {"analyze_over_encode": "<= 1.3", "warm_analyze_s": "< 0.5", "help_over_pass": "<= 3",
                  "analyze_peak_rss_mb": "<= 1024"},
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            if k != "goals":
                print(f"{k:<22} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
