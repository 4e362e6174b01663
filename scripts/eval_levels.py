#!/usr/bin/env python3
"""Level inference on real texts, on splits it was not tuned on, beside two baselines.

    python scripts/eval_levels.py                 # the table (Markdown), as in the README
    python scripts/eval_levels.py --json          # figures and confusion matrices as JSON
    python scripts/eval_levels.py --no-synthetic  # train on real texts only

Splits (a text is never scored by a model that saw its company or category):
* postings (level_postings.jsonl + broad_postings.jsonl, level from the title): grouped by company,
  ten folds; reported for business postings and for engineering postings apart;
* resumes (../shared/data/resumes, headline removed): leave one category out;
* our own texts: leave one house style out (reported, never alone).
Each fold trains the ordinal model (scripts/train_level.py) on every other text, of every source.

Figures: exact, within one level, macro-F1, the share of same-company (same-category) pairs of
different levels put in the right order, and the expected calibration error (10 bins, top label).
Baselines on the same folds: the training fold's majority level, and TF-IDF + logistic regression on
the texts with level words removed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict

import numpy as np
from level_corpus import labelled, resume_document
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, f1_score
from sklearn.model_selection import GroupKFold
from tqdm import tqdm
from train_level import MODEL_FEATURES, item_weights, train

from skillmatch.level.infer import strip_level_words
from skillmatch.taxonomy import LEVEL_IDS

K = len(LEVEL_IDS)


def ece(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    conf = probs.max(axis=1)
    right = probs.argmax(axis=1) == y
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            total += m.mean() * abs(right[m].mean() - conf[m].mean())
    return float(total)


def pair_order(score: np.ndarray, y: np.ndarray, groups: list[str]) -> tuple[float, int]:
    by: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        by[g].append(i)
    good = n = 0.0
    for idx in by.values():
        for a in range(len(idx)):
            for b in range(a + 1, len(idx)):
                i, j = idx[a], idx[b]
                if y[i] == y[j]:
                    continue
                n += 1
                d = (score[i] - score[j]) * (y[i] - y[j])
                good += 1.0 if d > 0 else 0.5 if d == 0 else 0.0
    return (good / n if n else float("nan")), int(n)


def title_family(title: str) -> str:
    """A title without its level words and qualifiers: "Senior Data Engineer (Remote)" -> "data engineer"."""
    t = strip_level_words(title.lower())
    t = re.sub(r"\(.*?\)|\[.*?\]|\s[-,|/–].*$|,.*$", " ", t)
    t = re.sub(r"\b(of|the|and|&|remote|i|ii|iii|iv|staff|head|vice|president)\b", " ", t)
    return " ".join(t.split())


def figures(y: np.ndarray, probs: np.ndarray, score: np.ndarray, groups: list[str],
            families: list[str] | None = None) -> dict:
    pred = probs.argmax(axis=1)
    order, pairs = pair_order(score, y, groups)
    fam_order, fam_pairs = pair_order(score, y, families) if families else (float("nan"), 0)
    return {"n": int(len(y)), "exact": float(np.mean(pred == y)), "within_one": float(np.mean(np.abs(pred - y) <= 1)),
            "macro_f1": float(f1_score(y, pred, labels=list(range(K)), average="macro", zero_division=0)),
            "pair_order": order, "pairs": pairs, "family_order": fam_order, "family_pairs": fam_pairs,
            "ece": ece(probs, y),
            "confusion": confusion_matrix(y, pred, labels=list(range(K))).tolist()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print JSON instead of the Markdown table")
    ap.add_argument("--json-out", help="also write the figures as JSON to this file")
    ap.add_argument("--no-synthetic", action="store_true", help="leave our own texts out of training")
    ap.add_argument("--no-balance", action="store_true", help="do not weigh the levels equally")
    ap.add_argument("--no-resumes", action="store_true", help="postings (and ours) only: quicker")
    ap.add_argument("--no-baseline", action="store_true", help="skip TF-IDF + LR (quicker, while developing)")
    args = ap.parse_args()
    sources = ("level_postings", "broad") + (() if args.no_resumes else ("resumes",)) + (
        () if args.no_synthetic else ("synthetic",))
    items, x, y = labelled(sources, list(MODEL_FEATURES))
    texts = []
    for i in tqdm([] if args.no_baseline else items, desc="texts for the TF-IDF baseline", unit="text",
                  mininterval=10):
        texts.append(strip_level_words(resume_document(i)[1] if i.path else i.text))

    # folds: postings by company (10 groups of companies), resumes by category, ours by style
    fold = np.full(len(items), -1)
    posting = np.asarray([i.source in ("level_postings", "broad") for i in items])
    companies = [i.group for i, p in zip(items, posting, strict=True) if p]
    gkf = GroupKFold(n_splits=10)
    pidx = np.flatnonzero(posting)
    for f, (_, te) in enumerate(gkf.split(pidx, groups=companies)):
        fold[pidx[te]] = f
    nxt = 10
    for src in ("resumes", "synthetic"):
        for g in sorted({i.group for i in items if i.source == src}):
            fold[[k for k, i in enumerate(items) if i.source == src and i.group == g]] = nxt
            nxt += 1
    # a test fold's company or category never appears in its training set
    gkey = np.asarray([("co:" if i.source in ("level_postings", "broad") else i.source + ":") + i.group for i in items])

    probs = np.zeros((len(items), K))
    score = np.zeros(len(items))
    tf_probs = np.zeros((len(items), K))
    major = np.zeros((len(items), K))
    for f in tqdm(sorted(set(fold.tolist())), desc="folds", unit="fold"):
        te = fold == f
        tr = ~np.isin(gkey, np.unique(gkey[te]))
        tr_items = [i for i, t in zip(items, tr, strict=True) if t]
        model = train(tr_items, x[tr], y[tr], balance=not args.no_balance, calibrate_folds=5)
        xt = np.nan_to_num(x[te], nan=0.0)
        probs[te] = model.predict_proba(xt)
        score[te] = model.score(xt)
        major[te, Counter(y[tr].tolist()).most_common(1)[0][0]] = 1.0
        if args.no_baseline:
            continue
        vec = TfidfVectorizer(min_df=2, max_features=30000, ngram_range=(1, 2), sublinear_tf=True)
        xtr = vec.fit_transform([t for t, m in zip(texts, tr, strict=True) if m])
        lr = LogisticRegression(max_iter=2000, C=4.0)
        lr.fit(xtr, y[tr], sample_weight=item_weights(tr_items, y[tr], balance=False))
        p = np.zeros((int(te.sum()), K))
        p[:, lr.classes_] = lr.predict_proba(vec.transform([t for t, m in zip(texts, te, strict=True) if m]))
        tf_probs[te] = p

    sets = {
        "business postings (level_postings)": [i.source == "level_postings" for i in items],
        "broad postings, business + other": [i.source == "broad" and i.family != "engineering" for i in items],
        "broad postings, engineering": [i.source == "broad" and i.family == "engineering" for i in items],
        "all real postings": list(posting),
        "resumes (headline removed)": [i.source == "resumes" for i in items],
        "our own texts (never alone)": [i.source == "synthetic" for i in items],
    }
    report: dict[str, dict] = {}
    for name, mask in sets.items():
        m = np.asarray(mask)
        if not m.any():
            continue
        groups = [i.group for i, k in zip(items, m, strict=True) if k]
        fams = [title_family(i.title) if i.title else "" for i, k in zip(items, m, strict=True) if k]
        fams = [f or f"_{n}" for n, f in enumerate(fams)]
        report[name] = {
            "model": figures(y[m], probs[m], score[m], groups, fams),
            "tfidf_lr": figures(y[m], tf_probs[m], tf_probs[m] @ np.arange(K), groups, fams),
            "majority": figures(y[m], major[m], major[m] @ np.arange(K), groups, fams),
        }
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print("| texts (split) | n | exact | within one | macro-F1 | same-company pairs in order "
          "| same-title-family pairs in order | ECE |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in report.items():
        for who, f in (("**model**", r["model"]), ("TF-IDF + LR", r["tfidf_lr"]), ("majority", r["majority"])):
            if who != "**model**" and args.no_baseline:
                continue
            fam = f"{f['family_order']:.1%} ({f['family_pairs']})" if f["family_pairs"] else "–"
            print(f"| {name}: {who} | {f['n']} | {f['exact']:.1%} | {f['within_one']:.1%} | {f['macro_f1']:.2f} "
                  f"| {f['pair_order']:.1%} ({f['pairs']}) | {fam} | {f['ece']:.3f} |")
    print()
    for name, r in report.items():
        print(f"confusion, {name} (rows true, columns predicted: {', '.join(LEVEL_IDS)}): {r['model']['confusion']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
