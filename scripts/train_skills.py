#!/usr/bin/env python3
"""Train the per-skill classifier of skillmatch/extract/classifier.py and write data/skill_model.npz.

Training units are the sentence units extraction embeds (skillmatch.extract.mentions.sentence_units over a
text's content lines), labelled per core id from three sources:

* weak labels across the posting corpus (../shared/data/postings: ``--weak`` business and other
  postings of broad_postings and level_postings, picked by the hash of their id): a unit is a
  positive of an id when an alias of the id occurs in it or its nearest evidence statement is that
  id's at cosine >= WEAK_POS; a negative when neither and its best cosine to the id < WEAK_NEG; else
  unlabelled for that id;
* the taxonomy: every evidence statement is a positive of its core id and a negative of the others;
  every "not a skill" statement is a negative of every id;
* the dev split of evals/skills_gold.jsonl, whose every line is labelled by ../shared/SKILLS_GUIDE.md
  in evals/skill_lines (scripts/skill_lines.py): a unit on a line labelled with an id is a positive of
  it, and every other unit of the text a negative (gold overrides weak labels).

Postings of test-split companies are never used. Thresholds are chosen per id on out-of-fold
predictions over the dev postings (folds by company), posting-level (an id counts when any unit
reaches it, or an alias names it), maximising F1 with a precision floor.

    python scripts/train_skills.py            # train, print out-of-fold dev figures, write the weights
    python scripts/train_skills.py --dry-run  # ... without writing
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_skills import CACHE, GOLD, SYNTHETIC, FileVectors, norm_company, score  # noqa: E402
from skill_lines import invented_rows, load_line_labels  # noqa: E402

from skillmatch.embed import get_embedder  # noqa: E402
from skillmatch.extract.classifier import KINDS, SkillModel, context_mask, terms  # noqa: E402
from skillmatch.extract.mentions import ExtractSettings, _skill_index, content_lines, unit_alias_ids  # noqa: E402
from skillmatch.nlp import line_kinds, sentence_units  # noqa: E402
from skillmatch.taxonomy import CORE_IDS, load_taxonomy  # noqa: E402

POSTINGS = ROOT.parent / "shared" / "data" / "postings"
OUT = ROOT / "data" / "skill_model.npz"
WEAK_POS, WEAK_NEG = 0.72, 0.55
FOLDS = 4
C = 2.0
W_WEAK, W_TAX, W_GOLD_POS, W_GOLD_NEG = 1.0, 3.0, 6.0, 2.0


def read_postings() -> tuple[dict[str, dict], dict[str, str]]:
    rows: dict[str, dict] = {}
    for name in ("level_postings.jsonl", "broad_postings.jsonl", "dev_postings.jsonl"):
        with open(POSTINGS / name, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                rows.setdefault(row["id"], row)
    with open(SYNTHETIC, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["kind"] == "jd":
                rows[row["id"]] = {"id": row["id"], "text": row["text"], "company": row["id"], "family": "jd"}
    for row in invented_rows():
        rows[row["id"]] = {"id": row["id"], "text": row["text"], "company": row["id"], "family": "jd"}
    return rows, {pid: norm_company(r.get("company") or pid) for pid, r in rows.items()}


def units_of(text: str, tax) -> list[tuple[int, str, str, set[str]]]:
    """(line number, unit text, listing part, alias core ids) of each unit of ``text``."""
    lines = text.splitlines()
    kinds = line_kinds(lines)
    units = sentence_units(content_lines(lines, lines), min_words=3)
    return [(number, unit, kinds[number - 1], ids)
            for (number, unit), ids in zip(units, unit_alias_ids(units, tax), strict=True)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--mode", choices=["gate", "add"], default="gate",
                    help="gate: the classifier decides every id on lines with units; "
                         "add: it only adds to the alias + embedding mentions")
    ap.add_argument("--min-precision", type=float, default=0.0,
                    help="prefer thresholds whose dev precision reaches this (0: plain F1)")
    ap.add_argument("--weak", type=int, default=150, help="corpus postings to weakly label (encoding is slow)")
    ap.add_argument("--vocabulary", type=int, default=3000,
                    help="words and word pairs of the term features (0: embedding, part and aliases only)")
    ap.add_argument("--C", type=float, default=C, help="inverse regularisation strength of each regression")
    ap.add_argument("--min-df", type=int, default=3, help="a vocabulary term is in at least this many units")
    args = ap.parse_args()
    tax = load_taxonomy()
    emb = get_embedder()
    store = FileVectors(CACHE)
    rows, company = read_postings()
    gold = [json.loads(line) for line in open(GOLD, encoding="utf-8")]
    test_companies = {company[g["id"]] for g in gold if g["split"] == "test"}
    dev = [g for g in gold if g["split"] == "dev"]
    dev_ids = {g["id"] for g in dev}
    k = len(CORE_IDS)
    col = {c: i for i, c in enumerate(CORE_IDS)}

    # --- which postings: weak corpus + dev gold
    weak_ids = []
    for pid, r in rows.items():
        if pid in dev_ids or company[pid] in test_companies or r.get("family") in ("jd", "engineering") \
                or "salary_column" in r:  # dev_postings: engineering roles, for pay
            continue
        weak_ids.append(pid)
    weak_ids = sorted(weak_ids, key=lambda p: hashlib.md5(p.encode()).hexdigest())[: args.weak]
    print(f"weak corpus: {len(weak_ids)} postings; dev gold: {len(dev)}; "
          f"test companies left out: {len(test_companies)}", file=sys.stderr)

    texts, kinds, aliases, groups, posting = [], [], [], [], []
    index = _skill_index(tax, emb)
    core_of_col = [tax.get(s).core_id for s in index.skill_ids]  # type: ignore[union-attr]

    def add_units(pid: str, units, grp: str):
        for number, unit, kind, ids in units:
            texts.append(unit)
            kinds.append(kind)
            aliases.append(ids)
            groups.append(grp)
            posting.append((pid, number))

    for pid in weak_ids:
        add_units(pid, units_of(rows[pid]["text"], tax), "weak")
    n_weak = len(texts)
    dev_units: dict[str, list[int]] = defaultdict(list)
    for g in dev:
        start = len(texts)
        add_units(g["id"], units_of(rows[g["id"]]["text"], tax), "dev")
        dev_units[g["id"]] = list(range(start, len(texts)))
    # de-duplicate the weak units' texts (EEO and blurbs repeat across postings)
    seen: set[str] = set()
    keep = []
    for i, t in enumerate(texts):
        if i >= n_weak or t not in seen:
            keep.append(i)
            seen.add(t)
    print(f"units: {len(texts)} ({n_weak} weak, {len(keep)} kept after de-duplication); encoding...", file=sys.stderr)
    vecs = emb.encode(texts, store=store)
    store.save()

    # --- weak labels
    sims = index.skill_scores(vecs)[:, : len(index.skill_ids)]
    core_sims = np.full((len(texts), k), -1.0, dtype=np.float32)
    for j, cid in enumerate(core_of_col):
        core_sims[:, col[cid]] = np.maximum(core_sims[:, col[cid]], sims[:, j])
    best = core_sims.argmax(axis=1)
    Y = np.full((len(texts), k), np.nan, dtype=np.float32)
    W = np.zeros((len(texts), k), dtype=np.float32)
    for i in range(len(texts)):
        for j in range(k):
            pos = CORE_IDS[j] in aliases[i] or (best[i] == j and core_sims[i, j] >= WEAK_POS)
            if pos:
                Y[i, j], W[i, j] = 1.0, W_WEAK
            elif core_sims[i, j] < WEAK_NEG:
                Y[i, j], W[i, j] = 0.0, W_WEAK
    # --- gold on dev overrides weak labels: every line of a dev text is decided (evals/skill_lines)
    line_labels = load_line_labels()
    unlabelled = [g["id"] for g in dev if g["id"] not in line_labels]
    if unlabelled:
        sys.exit(f"error: {len(unlabelled)} dev gold rows have no line labels in evals/skill_lines "
                 f"(first: {unlabelled[0]})")
    for g in dev:
        numbers = line_labels[g["id"]].numbers(rows[g["id"]]["text"])
        for i in dev_units[g["id"]]:
            for cid in CORE_IDS:
                j = col[cid]
                if posting[i][1] in numbers.get(cid, ()):
                    Y[i, j], W[i, j] = 1.0, W_GOLD_POS
                else:
                    Y[i, j], W[i, j] = 0.0, W_GOLD_NEG
    # --- taxonomy statements
    tax_texts, tax_y = [], []
    for skill in tax:
        for s in skill.evidence:
            tax_texts.append(s)
            tax_y.append(col[skill.core_id])
    for s in tax.not_skills:
        tax_texts.append(s)
        tax_y.append(-1)
    tvecs = emb.encode(tax_texts)
    TY = np.zeros((len(tax_texts), k), dtype=np.float32)
    for i, j in enumerate(tax_y):
        if j >= 0:
            TY[i, j] = 1.0
    TW = np.full_like(TY, W_TAX)

    # --- the term vocabulary: words and word pairs of at least --min-df kept units, the most frequent first
    df: dict[str, int] = defaultdict(int)
    for i in keep:
        for t in terms(texts[i]):
            df[t] += 1
    vocabulary = tuple(sorted((t for t, n in df.items() if n >= args.min_df), key=lambda t: (-df[t], t))
                       [: args.vocabulary])
    print(f"vocabulary: {len(vocabulary)} terms", file=sys.stderr)
    model0 = SkillModel(tuple(CORE_IDS), KINDS,
                        np.zeros((k, vecs.shape[1] + len(KINDS) + k + len(vocabulary)), np.float32),
                        np.zeros(k, np.float32), np.zeros(k, np.float32), emb.path.name, "", vocabulary)
    X = model0.features(vecs, kinds, aliases, texts)
    TX = model0.features(tvecs, ["requirements"] * len(tax_texts), [set() for _ in tax_texts], tax_texts)
    weak_rows = np.array(keep[: sum(1 for i in keep if i < n_weak)], dtype=int)

    def fit(dev_train: list[int]):
        rows_idx = np.concatenate([weak_rows, np.array(dev_train, dtype=int)])
        Xa = np.vstack([X[rows_idx], TX])
        Ya = np.vstack([Y[rows_idx], TY])
        Wa = np.vstack([W[rows_idx], TW])
        from sklearn.linear_model import LogisticRegression

        coef = np.zeros((k, Xa.shape[1]), np.float32)
        bias = np.zeros(k, np.float32)
        for j in range(k):
            m = ~np.isnan(Ya[:, j]) & (Wa[:, j] > 0)
            clf = LogisticRegression(C=args.C, max_iter=400)
            clf.fit(Xa[m], Ya[m, j].astype(int), sample_weight=Wa[m, j])
            coef[j], bias[j] = clf.coef_[0], clf.intercept_[0]
        return coef, bias

    # --- out-of-fold dev probabilities, folds by company
    # as extraction applies them (data/extract.yaml): context words, and the ids an alias decides under the gate
    needs = ExtractSettings.default().classifier_needs
    named = set(ExtractSettings.default().named_by_alias) if args.mode == "gate" else set()
    fold_of = {g["id"]: int(hashlib.md5(company[g["id"]].encode()).hexdigest(), 16) % FOLDS for g in dev}
    post_prob = {g["id"]: np.zeros(k) for g in dev}
    for f in range(FOLDS):
        train = [i for g in dev if fold_of[g["id"]] != f for i in dev_units[g["id"]]]
        coef, bias = fit(train)
        for g in dev:
            if fold_of[g["id"]] == f and dev_units[g["id"]]:
                idx = dev_units[g["id"]]
                p = 1 / (1 + np.exp(-(X[idx] @ coef.T + bias)))
                p *= context_mask([texts[i] for i in idx], CORE_IDS, needs)
                post_prob[g["id"]] = p.max(axis=0)
        print(f"fold {f} done", file=sys.stderr)
    base_post: dict[str, set[str]] = {}
    if args.mode == "add":
        from dataclasses import replace as _replace

        from skillmatch.extract.mentions import core_skills, score_text

        plain = _replace(ExtractSettings.default(), classifier="off")
        for g in dev:
            base_post[g["id"]] = core_skills(score_text(rows[g["id"]]["text"], store=store).select(plain), tax)
    alias_post = {g["id"]: set().union(*[aliases[i] for i in dev_units[g["id"]]]) if dev_units[g["id"]] else set()
                  for g in dev}
    thresholds = np.zeros(k, np.float32)
    tp_all = fp_all = fn_all = 0
    print(f"{'core id':<28}{'thr':>6}{'P':>6}{'R':>6}{'F1':>6}{'gold':>6}   (out-of-fold, dev)")
    for cid in CORE_IDS:
        j = col[cid]
        gold_pos = np.array([cid in g["skills"] for g in dev])
        al = np.array([cid in (base_post[g["id"]] if args.mode == "add" else alias_post[g["id"]]) for g in dev])
        pr = np.array([post_prob[g["id"]][j] for g in dev])
        best_t, best_key, best_stats = 0.99, (-1.0, 0.0), (0, 0, 0)
        for t in np.arange(0.2, 0.99, 0.02):
            pred = (al | (pr >= t)) if args.mode != "gate" or cid in named else (pr >= t)
            tp, fp, fn = int((pred & gold_pos).sum()), int((pred & ~gold_pos).sum()), int((~pred & gold_pos).sum())
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            key = (f1 if p >= args.min_precision else f1 - 1.0, t)
            if key > best_key:
                best_key, best_t, best_stats = key, float(t), (tp, fp, fn)
        thresholds[j] = best_t
        tp, fp, fn = best_stats
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        print(f"{cid:<28}{best_t:>6.2f}{p:>6.2f}{r:>6.2f}{(2 * p * r / (p + r) if p + r else 0):>6.2f}{tp + fn:>6}")
    p, r = tp_all / (tp_all + fp_all), tp_all / (tp_all + fn_all)
    print(f"{'micro':<28}{'':>6}{p:>6.2f}{r:>6.2f}{2 * p * r / (p + r):>6.2f}")

    def predicted(g: dict) -> set[str]:  # the ids a dev text gets at the chosen thresholds
        base = base_post[g["id"]] if args.mode == "add" else set()
        return {c for c in CORE_IDS if c in base or post_prob[g["id"]][col[c]] >= thresholds[col[c]]
                or (c in named and c in alias_post[g["id"]])}

    def invented(pid: str) -> bool:
        return pid.startswith(("jd-", "so-"))

    tables = {name: score([(set(g["skills"]), predicted(g)) for g in dev if invented(g["id"]) == inv])
              for name, inv in (("real postings only", False), ("invented only", True))}
    for name, table in tables.items():
        m = table["micro"]
        if m["f1"]:
            print(f"{'micro, ' + name:<28}{'':>6}{m['precision']:>6.2f}{m['recall']:>6.2f}{m['f1']:>6.2f}")
    print(f"{'core id, real postings only':<28}{'':>6}{'P':>6}{'R':>6}{'F1':>6}{'gold':>6}")
    for cid in CORE_IDS:
        row = tables["real postings only"][cid]
        print(f"{cid:<28}{'':>6}{row['precision']:>6.2f}{row['recall']:>6.2f}{row['f1']:>6.2f}{row['support']:>6.0f}")
    coef, bias = fit([i for g in dev for i in dev_units[g["id"]]])
    trained_on = (f"{len(weak_ids)} corpus postings (weak labels), {len(tax_texts)} taxonomy statements, "
                  f"{len(dev)} dev gold postings; thresholds out-of-fold on dev, micro F1 {2 * p * r / (p + r):.3f}")
    trained_on += f", mode {args.mode}"
    model = SkillModel(tuple(CORE_IDS), KINDS, coef, bias, thresholds, emb.path.name, trained_on, vocabulary)
    if not args.dry_run:
        model.save(str(OUT))
        print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
