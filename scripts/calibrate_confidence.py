#!/usr/bin/env python3
"""Which confidence deserves which word: the accuracy of the level model's top level by its probability.

The report calls a level "confident", "fairly sure" or "unsure" by the probability of the best level
(``data/report.yaml``, ``confidence_words``). This script measures what those probabilities are worth:
out-of-fold probabilities of the ordinal level model (``scripts/train_level.py``) on the real business
postings (``../shared/data/postings/level_postings.jsonl``, ten folds grouped by company, so a posting is
never scored by a model that saw its company) plus our own texts (by house style, in training only),
then, for each threshold, the share of texts at or above it whose best level is right.

A word's threshold is the lowest probability from which the best level is right at least as often as the
word promises (``--confident 0.85``, ``--fairly 0.7``) in every window of 0.1 from there up, each of at
least ``--min-n`` texts: the accuracy at a probability, not the average over all the more confident texts.

    python scripts/calibrate_confidence.py            # table and suggested thresholds
    python scripts/calibrate_confidence.py --json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from level_corpus import labelled  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402
from train_level import MODEL_FEATURES, train  # noqa: E402

from skillmatch.taxonomy import LEVEL_IDS  # noqa: E402


def out_of_fold(sources: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(probabilities, labels, whether real) for every text, each scored by a model blind to its group."""
    items, x, y = labelled(sources, list(MODEL_FEATURES))
    real = np.asarray([i.source != "synthetic" for i in items])
    fold = np.full(len(items), -1)
    pidx = np.flatnonzero(real)
    for f, (_, te) in enumerate(GroupKFold(n_splits=10).split(pidx, groups=[items[k].group for k in pidx])):
        fold[pidx[te]] = f
    for n, g in enumerate(sorted({i.group for i in items if i.source == "synthetic"}), start=10):
        fold[[k for k, i in enumerate(items) if i.source == "synthetic" and i.group == g]] = n
    gkey = np.asarray([i.source + ":" + i.group for i in items])
    probs = np.zeros((len(items), len(LEVEL_IDS)))
    for f in sorted(set(fold.tolist())):
        te = fold == f
        tr = ~np.isin(gkey, np.unique(gkey[te]))
        model = train([i for i, t in zip(items, tr, strict=True) if t], x[tr], y[tr], balance=True, calibrate_folds=5)
        probs[te] = model.predict_proba(np.nan_to_num(x[te], nan=0.0))
    return probs, y, real


def threshold(conf: np.ndarray, right: np.ndarray, target: float, min_n: int, width: float = 0.1) -> float | None:
    """The lowest probability from which the best level is right at least ``target`` of the time *at that
    probability*: in every window of ``width`` from there up (at least ``min_n`` texts a window; the last
    window reaches 1), not merely on average over the texts above it."""
    found = None
    for t in np.round(np.arange(0.95 - width, 0.29, -0.01), 2):
        m = (conf >= t) & (conf < t + width) if t + width < 0.96 else conf >= t
        if m.sum() < min_n or right[m].mean() < target:
            break
        found = float(t)
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--confident", type=float, default=0.85, help="accuracy 'confident' promises")
    ap.add_argument("--fairly", type=float, default=0.7, help="accuracy 'fairly sure' promises")
    ap.add_argument("--min-n", type=int, default=30, help="fewest texts at or above a threshold")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    probs, y, real = out_of_fold(("synthetic", "level_postings"))
    conf, right = probs.max(axis=1)[real], (probs.argmax(axis=1) == y)[real]
    rows = []
    for lo, hi in zip(np.arange(0.2, 1.0, 0.1), np.arange(0.3, 1.01, 0.1), strict=True):
        m = (conf >= lo) & (conf < hi if hi < 1.0 else conf <= hi)
        rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(m.sum()),
                     "accuracy": None if not m.any() else round(float(right[m].mean()), 3)})
    out = {"texts": int(real.sum()), "accuracy": round(float(right.mean()), 3), "bins": rows,
           "confident_from": threshold(conf, right, args.confident, args.min_n),
           "fairly_sure_from": threshold(conf, right, args.fairly, args.min_n),
           "targets": {"confident": args.confident, "fairly_sure": args.fairly}}
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"{out['texts']} real postings, out of fold; best level right {out['accuracy']:.1%}")
    print("| probability of the best level | texts | best level right |\n|---|---:|---:|")
    for r in rows:
        acc = "-" if r["accuracy"] is None else f"{r['accuracy']:.0%}"
        print(f"| {r['bin']} | {r['n']} | {acc} |")
    print(f"confident from {out['confident_from']} (right >= {args.confident:.0%}); "
          f"fairly sure from {out['fairly_sure_from']} (right >= {args.fairly:.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
