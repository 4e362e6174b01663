#!/usr/bin/env python3
"""Leave-one-source-out evaluation of level inference, with baselines.

For each source (five job-description styles, two resume sets, the real postings) the model is
trained on every other source and scored on the held-out one; level words are removed first.

    python scripts/eval_levels.py            # table per source + overall, with baselines
    python scripts/eval_levels.py --json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

import numpy as np
from level_corpus import features, load_items
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from train_level import fit, sample_weights

from skillmatch.ladder import strip_level_words
from skillmatch.taxonomy import LEVEL_IDS


def rates(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    return float(np.mean(y == p)), float(np.mean(np.abs(y - p) <= 1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-real", action="store_true", help="leave the shared real postings out entirely")
    args = ap.parse_args()
    items = load_items(with_real=not args.no_real)
    x = features(items)
    y = np.asarray([LEVEL_IDS.index(i.level) for i in items])
    src = np.asarray([i.source for i in items])
    texts = [strip_level_words(i.text) for i in items]
    w = sample_weights(list(src))
    pred = np.zeros_like(y)
    tfidf_pred = np.zeros_like(y)
    major_pred = np.zeros_like(y)
    for s in sorted(set(src)):
        test = src == s
        train = ~test
        scaler, model = fit(x[train], y[train], w[train])
        pred[test] = model.predict(scaler.transform(x[test]))
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        xt = vec.fit_transform([t for t, m in zip(texts, train, strict=True) if m])
        lr = LogisticRegression(max_iter=2000, class_weight="balanced").fit(xt, y[train])
        tfidf_pred[test] = lr.predict(vec.transform([t for t, m in zip(texts, test, strict=True) if m]))
        major_pred[test] = Counter(y[train].tolist()).most_common(1)[0][0]
    table = {}
    for s in [*sorted(set(src)), "synthetic (all ours)", "all"]:
        if s == "all":
            m = np.ones_like(y, dtype=bool)
        elif s.startswith("synthetic"):
            m = src != "real_postings"
        else:
            m = src == s
        exact, within = rates(y[m], pred[m])
        table[s] = {"n": int(m.sum()), "exact": exact, "within_one": within,
                    "tfidf_lr_exact": rates(y[m], tfidf_pred[m])[0],
                    "majority_exact": rates(y[m], major_pred[m])[0]}
    real = np.where(src == "real_postings")[0]
    if len(real):
        # the real postings again, in 5 company-grouped folds, with our own texts always in training
        from sklearn.model_selection import GroupKFold

        ours = np.where(src != "real_postings")[0]
        groups = [items[i].id.rstrip("/").split("/")[-1].rsplit("-", 1)[0] for i in real]
        fold_pred = np.zeros(len(real), dtype=int)
        for tr, te in GroupKFold(5).split(real, groups=groups):
            idx = np.concatenate([ours, real[tr]])
            scaler, model = fit(x[idx], y[idx], w[idx])
            fold_pred[te] = model.predict(scaler.transform(x[real[te]]))
        exact, within = rates(y[real], fold_pred)
        table["real_postings, 5-fold by posting"] = {"n": len(real), "exact": exact, "within_one": within}
    if args.json:
        print(json.dumps(table, indent=2))
        return 0
    print(f"{'held-out source':<22}{'n':>5}{'exact':>8}{'±1':>8}{'tfidf+LR':>10}{'majority':>10}")
    for s, r in table.items():
        if "tfidf_lr_exact" in r:
            print(f"{s:<22}{r['n']:>5}{r['exact']:>8.1%}{r['within_one']:>8.1%}{r['tfidf_lr_exact']:>10.1%}"
                  f"{r['majority_exact']:>10.1%}")
        else:
            print(f"\n{s} (our texts always in training): n={r['n']} exact {r['exact']:.1%}, "
                  f"within one {r['within_one']:.1%}")
    syn = src != "real_postings"
    cm = np.zeros((4, 4), dtype=int)
    for a, b in zip(y[syn], pred[syn], strict=True):
        cm[a, b] += 1
    print("\nconfusion on our texts (rows true, columns predicted):", *LEVEL_IDS)
    for lvl, row in zip(LEVEL_IDS, cm, strict=True):
        print(f"  {lvl:<9}", *(f"{v:>4}" for v in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
