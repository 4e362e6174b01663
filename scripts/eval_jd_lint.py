#!/usr/bin/env python3
"""How well the JD lint reads a role's level from its content, on real postings it was not tuned on.

Each posting of ``../shared/data/postings/level_postings.jsonl`` (read at run time, never copied) is
linted with its title given, so the lint removes the title and every level word before it reads the
level (``JDLint.level``). The label is the level the title names (noisy: see that folder's README).

Three figures, because the bundled level model was trained with these very postings in its data:

* ``shipped model``: ``lint_jd`` as it ships (in-sample for these postings, an upper bound);
* ``held out: our texts only``: the same features, with a model trained only on our own texts
  (``evals/levels_synthetic.jsonl``): no real posting seen;
* ``held out: 5 folds by company``: our texts plus four fifths of the postings, grouped by company so no
  company is on both sides, scored on the fifth.

Also: how often the lint's findings fire on these postings (real JDs, not written for the ladder).

    python scripts/eval_jd_lint.py              # table
    python scripts/eval_jd_lint.py --json
    python scripts/eval_jd_lint.py --limit 40   # a quick look on the first 40 postings
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

REAL = ROOT.parent / "shared" / "data" / "postings" / "level_postings.jsonl"


def rates(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    return {"exact": float(np.mean(y == p)), "within_one": float(np.mean(np.abs(y - p) <= 1))}


def per_level(y: np.ndarray, p: np.ndarray, levels: tuple[str, ...]) -> dict[str, dict[str, float]]:
    out = {}
    for k, lvl in enumerate(levels):
        m = y == k
        out[lvl] = {"n": int(m.sum()), "recall": float(np.mean(p[m] == k)) if m.any() else 0.0}
    return out


def confusion(y: np.ndarray, p: np.ndarray, n: int) -> list[list[int]]:
    cm = np.zeros((n, n), dtype=int)
    for a, b in zip(y, p, strict=True):
        cm[a, b] += 1
    return cm.tolist()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--limit", type=int, default=0, help="only the first N postings (a quick look)")
    args = ap.parse_args()
    if not REAL.exists():
        print(f"skipped: {REAL} is not here (the shared postings are read at run time, never copied)")
        return 0

    from level_corpus import load_items
    from sklearn.model_selection import GroupKFold
    from train_level import train

    from skillmatch.jd.lint import lint_jd
    from skillmatch.level.model import load_level_model
    from skillmatch.taxonomy import LEVEL_IDS

    names = list(load_level_model().feature_names)
    with open(REAL, encoding="utf-8") as f:
        postings = [json.loads(line) for line in f]
    if args.limit:
        postings = postings[: args.limit]
    started = time.perf_counter()
    y = np.asarray([LEVEL_IDS.index(p["level"]) for p in postings])
    shipped = np.zeros_like(y)
    x_real = np.zeros((len(postings), len(names)))
    codes: Counter[tuple[str, str]] = Counter()
    with_error = 0
    lines_read = 0
    for i, p in enumerate(postings):
        lint = lint_jd(p["text"], title=p["title"])
        shipped[i] = LEVEL_IDS.index(lint.level.level)
        x_real[i] = [lint.level.features.get(name, 0.0) for name in names]
        lines_read += len(lint.lines)
        with_error += bool(lint.errors)
        for code, severity in {(f.code, f.severity) for f in lint.findings}:
            codes[(code, severity)] += 1
    lint_seconds = time.perf_counter() - started
    x_real = np.nan_to_num(x_real, nan=0.0)

    from level_corpus import features as corpus_features

    ours = load_items(("synthetic",))
    x_ours, _ = corpus_features(ours, names)
    x_ours = np.nan_to_num(x_ours, nan=0.0)
    y_ours = np.asarray([LEVEL_IDS.index(item.level) for item in ours])

    held_out = train(ours, x_ours, y_ours, calibrate_folds=0).predict_proba(x_real).argmax(axis=1)

    real_items = load_items(("level_postings",))
    by_id = {item.id: item for item in real_items}
    groups = [p.get("company") or p["id"] for p in postings]
    folds = min(5, len(set(groups)))
    by_company = np.zeros_like(y)
    for tr, te in GroupKFold(folds).split(x_real, y, groups=groups):
        tr_items = ours + [by_id[postings[k]["id"]] for k in tr]
        x = np.concatenate([x_ours, x_real[tr]])
        yy = np.concatenate([y_ours, y[tr]])
        model = train(tr_items, x, yy, calibrate_folds=0)
        by_company[te] = model.predict_proba(x_real[te]).argmax(axis=1)

    majority = np.full_like(y, Counter(y_ours.tolist()).most_common(1)[0][0])
    result = {
        "postings": len(postings),
        "labels": dict(Counter(p["level"] for p in postings)),
        "models": {
            "shipped model (saw these postings in training)": {**rates(y, shipped),
                                                               "per_level": per_level(y, shipped, LEVEL_IDS)},
            "held out: our texts only": {**rates(y, held_out), "per_level": per_level(y, held_out, LEVEL_IDS),
                                         "confusion": confusion(y, held_out, len(LEVEL_IDS))},
            "held out: 5 folds by company": {**rates(y, by_company),
                                             "per_level": per_level(y, by_company, LEVEL_IDS),
                                             "confusion": confusion(y, by_company, len(LEVEL_IDS))},
            "majority class of our texts": rates(y, majority),
        },
        "findings": {
            "postings_with_an_error": with_error,
            "lines_read": lines_read,
            "postings_per_code": {f"{c} ({s})": n for (c, s), n in sorted(codes.items())},
        },
        "lint_seconds": round(lint_seconds, 1),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"JD lint content level on {len(postings)} real postings (title and level words removed; "
          f"labels from titles: {', '.join(f'{k} {v}' for k, v in result['labels'].items())})\n")
    print(f"{'model':<50}{'exact':>8}{'±1':>8}   recall per level ({', '.join(LEVEL_IDS)})")
    for name, r in result["models"].items():
        recall = " ".join(f"{v['recall']:.0%}" for v in r.get("per_level", {}).values())
        print(f"{name:<50}{r['exact']:>8.1%}{r['within_one']:>8.1%}   {recall}")
    for name in ("held out: our texts only", "held out: 5 folds by company"):
        print(f"\nconfusion, {name} (rows true, columns predicted):", *LEVEL_IDS)
        for lvl, row in zip(LEVEL_IDS, result["models"][name]["confusion"], strict=True):
            print(f"  {lvl:<9}", *(f"{v:>4}" for v in row))
    print(f"\nfindings (postings with each code; {lines_read} lines read, "
          f"{with_error}/{len(postings)} postings with an error):")
    for key, n in result["findings"]["postings_per_code"].items():
        print(f"  {key:<40}{n:>5}")
    print(f"\nlinted in {lint_seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
