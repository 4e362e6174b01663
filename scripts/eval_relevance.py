"""Evaluate the sales-ops relevance rules (skillmatch.listings.relevance) on real postings of every function.

Data: ``../shared/data/postings/broad_postings.jsonl`` (6,359 real postings; ``family`` is
``engineering``, ``business`` or ``other`` by title keywords, see its README). Nothing of it is copied.

The companies are split in two halves by a hash of their name: ``--tune`` chooses the content
threshold on the tuning half (best F1 with a precision of at least 0.9); the figures are reported on
the other half. "In family" is measured against ``business`` (business-function roles: operations,
sales, revenue, marketing, finance, analytics...), which is broader than sales ops: our families
leave out sales reps, marketing, finance, customer success, so recall against ``business`` is low by
design, and precision and the rate of engineering postings let in are the figures that matter. The
baseline is TF-IDF (title + text) and a logistic regression trained on the tuning half for business
vs the rest.

    .venv/bin/python scripts/eval_relevance.py            # report half, bundled threshold
    .venv/bin/python scripts/eval_relevance.py --tune     # choose the threshold on the tuning half first
    .venv/bin/python scripts/eval_relevance.py --json
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from skillmatch.listings.relevance import OTHER, Relevance, default_rules, relevance

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "postings" / "broad_postings.jsonl"
GOLD_FAMILIES = ("engineering", "business", "other")
MIN_PRECISION = 0.9
GRID = (1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 8.0)


def half(company: str | None) -> str:
    """"tune" or "report", by a hash of the company name (every posting of a company in one half)."""
    key = (company or "").strip().lower().encode("utf-8")
    return "tune" if hashlib.sha1(key).digest()[0] % 2 == 0 else "report"


def load(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        sys.exit(f"no postings at {path}: give --data")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def prf(pred: list[bool], gold: list[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "predicted_in": tp + fp, "gold_in": tp + fn}


def read_all(rows: list[dict[str, Any]]) -> list[Relevance]:
    """Each posting read once with no content threshold (the threshold is applied by :func:`families`)."""
    return [relevance(r["title"], r.get("text") or "", threshold=1e-9) for r in rows]


def families(read: list[Relevance], threshold: float) -> list[str]:
    """The family of each reading under ``threshold``: a family decided by the title stays, one decided
    by the content alone needs ``threshold`` points."""
    out = []
    for x in read:
        by_title = bool(x.evidence) and x.evidence[0].source == "title"
        out.append(x.family if by_title or x.score >= threshold else OTHER)
    return out


def tune(rows: list[dict[str, Any]]) -> tuple[float, list[dict[str, Any]]]:
    """The threshold with the best F1 whose precision on the tuning half is at least MIN_PRECISION
    (a listing let in wrongly poisons market pay; one left out only goes unused)."""
    gold = [r["family"] == "business" for r in rows]
    read = read_all(rows)
    table = []
    for t in GRID:
        m = prf([f != OTHER for f in families(read, t)], gold)
        table.append({"threshold": t, **m})
    ok = [m for m in table if m["precision"] >= MIN_PRECISION] or table
    best = max(ok, key=lambda m: (m["f1"], m["precision"], m["threshold"]))
    return float(best["threshold"]), table


def baseline(train: list[dict[str, Any]], test: list[dict[str, Any]]) -> list[bool]:
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from sklearn.pipeline import make_pipeline  # type: ignore[import-untyped]

    def doc(r: dict[str, Any]) -> str:
        return f"{r['title']}\n{r['title']}\n{(r.get('text') or '')[:4000]}"

    model = make_pipeline(TfidfVectorizer(sublinear_tf=True, min_df=2, ngram_range=(1, 2), max_features=50000),
                          LogisticRegression(max_iter=2000, class_weight="balanced", C=2.0))
    model.fit([doc(r) for r in train], [r["family"] == "business" for r in train])
    return [bool(p) for p in model.predict([doc(r) for r in test])]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--tune", action="store_true", help="Choose the content threshold on the tuning half first.")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    rows = load(args.data)
    tune_rows = [r for r in rows if half(r.get("company")) == "tune"]
    test = [r for r in rows if half(r.get("company")) == "report"]
    threshold: float | None = None
    grid: list[dict[str, Any]] = []
    if args.tune:
        threshold, grid = tune(tune_rows)
    used = threshold if threshold is not None else default_rules().content_threshold
    gold = [r["family"] == "business" for r in test]
    fams = families(read_all(test), used)
    ours_in = [f != OTHER for f in fams]
    base_in = baseline(tune_rows, test)
    confusion: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for f, r in zip(fams, test, strict=True):
        confusion[f][r["family"]] += 1
    base_conf: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for p, r in zip(base_in, test, strict=True):
        base_conf["in family" if p else OTHER][r["family"]] += 1
    eng = [i for i, r in enumerate(test) if r["family"] == "engineering"]
    result: dict[str, Any] = {
        "data": str(args.data), "split": "report half of companies (sha1 of the company name, odd first byte)",
        "postings": {"tune": len(tune_rows), "report": len(test)},
        "companies": {"tune": len({r.get("company") for r in tune_rows}),
                      "report": len({r.get("company") for r in test})},
        "content_threshold": used, "tuning_grid": grid,
        "ours": {**prf(ours_in, gold), "engineering_let_in": sum(ours_in[i] for i in eng), "engineering": len(eng)},
        "baseline_tfidf_lr": {**prf(base_in, gold), "engineering_let_in": sum(base_in[i] for i in eng),
                              "engineering": len(eng)},
        "confusion": {f: dict(c) for f, c in sorted(confusion.items())},
        "baseline_confusion": {f: dict(c) for f, c in sorted(base_conf.items())},
        "in_family_titles": sorted(r["title"][:70] + f" [{f}|{r['family']}]"
                                   for f, r in zip(fams, test, strict=True) if f != OTHER),
    }
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"{args.data.name}: tune {len(tune_rows)} postings / report {len(test)} postings "
          f"({result['companies']['report']} companies); content threshold {used:g}")
    if grid:
        print("tuning half: " + ", ".join(f"{g['threshold']:g}: P {g['precision']:.2f} R {g['recall']:.2f} "
                                           f"F1 {g['f1']:.2f}" for g in grid))
    print("\nin family vs the rest, gold = family 'business', report half:")
    print(f"{'':22} {'precision':>9} {'recall':>7} {'F1':>6} {'predicted in':>12} {'engineering let in':>19}")
    for name, key in (("relevance rules", "ours"), ("TF-IDF + LR", "baseline_tfidf_lr")):
        m = result[key]
        print(f"{name:22} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:6.3f} {m['predicted_in']:12d} "
              f"{m['engineering_let_in']:>11d} of {m['engineering']}")
    print("\nconfusion, report half (rows: our family; columns: the dataset's family)")
    print(f"{'':22}" + "".join(f"{g:>13}" for g in GOLD_FAMILIES))
    for table in (result["confusion"], result["baseline_confusion"]):
        for f, c in table.items():
            print(f"{f:22}" + "".join(f"{c.get(g, 0):13d}" for g in GOLD_FAMILIES))
        print("(TF-IDF + LR)" if table is result["confusion"] else "")
    print("listings we put in a family (report half):")
    for t in result["in_family_titles"]:
        print("  " + t)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
