#!/usr/bin/env python3
"""Train the level model (multinomial logistic regression on scope, tier, years and cue features).

    python scripts/train_level.py              # train on every source, write data/level_model.json
    python scripts/train_level.py --no-real    # only our own texts (no shared postings)

The model is written as plain JSON (feature names, scaler, coefficients), read by skillmatch.ladder
with numpy only: no pickle, no scikit-learn at run time.
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np
from level_corpus import ROOT, features, load_items
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from skillmatch.ladder import FEATURE_NAMES
from skillmatch.taxonomy import LEVEL_IDS

C = 0.5
REAL_WEIGHT = 1.0  # weight of a real posting (labels from titles, noisy) relative to one of our texts


def fit(x: np.ndarray, y: np.ndarray, weights: np.ndarray) -> tuple[StandardScaler, LogisticRegression]:
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    model.fit(scaler.transform(x), y, sample_weight=weights)
    return scaler, model


def sample_weights(sources: list[str]) -> np.ndarray:
    return np.asarray([REAL_WEIGHT if s == "real_postings" else 1.0 for s in sources])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-real", action="store_true", help="train on our own texts only")
    args = ap.parse_args()
    items = load_items(with_real=not args.no_real)
    x = features(items)
    y = np.asarray([LEVEL_IDS.index(i.level) for i in items])
    sources = sorted({i.source for i in items})
    scaler, model = fit(x, y, sample_weights([i.source for i in items]))
    out = {
        "feature_names": list(FEATURE_NAMES),
        "classes": list(LEVEL_IDS),
        "mean": scaler.mean_.tolist(),
        "scale": scaler.scale_.tolist(),
        "coef": model.coef_.tolist(),
        "intercept": model.intercept_.tolist(),
        "meta": {"trained_on": sources, "texts": len(items), "C": C, "real_weight": REAL_WEIGHT,
                 "script": "scripts/train_level.py"},
    }
    path = ROOT / "data" / "level_model.json"
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"trained on {len(items)} texts from {', '.join(sources)}; wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
