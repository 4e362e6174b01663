#!/usr/bin/env python3
"""Skill extraction on real postings, counted on the twenty core skill ids.

The gold labels are ours (evals/skills_gold.jsonl: posting id, split, core skill ids, labelled by
../shared/SKILLS_GUIDE.md); the texts are read at run time, by id, from the real postings in
../shared/data/postings/ (level_postings, broad_postings, dev_postings; never committed) and from the
invented job descriptions of evals/levels_synthetic.jsonl (ids jd-*, dev only) and our invented sales-ops
postings of evals/skill_lines/invented_*.jsonl (ids so-*, dev only). Each table is printed
beside two baselines on the same postings: a naive keyword lexicon (tool names and the skills' own names)
and, on test, TF-IDF + logistic regression (one per core id) trained on the dev split.

    python scripts/eval_skills.py                      # report on the test split (never tuned on)
    python scripts/eval_skills.py --split dev          # the split used for calibration
    python scripts/eval_skills.py --split both         # dev and test, side by side
    python scripts/eval_skills.py --real-only          # leave out our invented texts (jd-*, so-*)
    python scripts/eval_skills.py --calibrate          # sweep threshold x top_k on dev, print the best
    python scripts/eval_skills.py --calibrate --write   # ... and write it to data/extract.yaml
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from skillmatch.extract.mentions import ExtractSettings, SkillMention, content_lines, score_text  # noqa: E402
from skillmatch.taxonomy import CORE_IDS, load_taxonomy  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from skill_lines import invented_rows  # noqa: E402

DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "postings"
TEXT_FILES = ("level_postings.jsonl", "broad_postings.jsonl", "dev_postings.jsonl")
SYNTHETIC = ROOT / "evals" / "levels_synthetic.jsonl"
GOLD = ROOT / "evals" / "skills_gold.jsonl"
CACHE = ROOT / "out" / "eval_skills_vectors.npz"

# the naive baseline: a line names the skill in the plainest words (tools, the skill's own name)
LEXICON: dict[str, tuple[str, ...]] = {
    "crm_literacy": ("salesforce", "hubspot", "crm", "dynamics 365"),
    "spreadsheets": ("excel", "google sheets", "spreadsheet"),
    "documentation": ("documentation", "sop", "playbook"),
    "pipeline_reporting": ("dashboard", "pipeline report", "sales report", "kpi"),
    "cross_team_communication": ("communication skills", "presentation skills", "present to"),
    "sql": ("sql",),
    "bi_tools": ("tableau", "looker", "power bi", "metabase", "sisense"),
    "salesforce_admin": ("salesforce admin", "validation rules", "salesforce administrator"),
    "comp_plan_design": ("compensation plan", "commission", "comp plan"),
    "territory_quota_modeling": ("territory planning", "quota setting", "territory design"),
    "gtm_model_design": ("go-to-market strategy", "gtm strategy", "segmentation"),
    "capacity_planning": ("capacity planning", "headcount planning"),
    "change_management": ("change management", "adoption"),
    "board_narrative": ("board", "executive presentation"),
    "cross_functional_alignment": ("cross-functional", "cross functional"),
    "forecasting": ("forecast",),
    "deal_desk": ("deal desk", "cpq", "quote"),
    "data_quality": ("data quality", "data hygiene", "data integrity"),
    "sales_tech_stack": ("outreach", "gong", "zoominfo", "leandata", "clari", "salesloft"),
    "process_optimization": ("process improvement", "streamline", "optimize processes"),
}


def norm_company(name: str) -> str:
    """A company name as the dev/test split compares it: lower-case, no trailing Inc/LLC/Ltd."""
    name = re.sub(r"[,.]", " ", (name or "").lower()).strip()
    name = re.sub(r"\s+(inc|llc|ltd|gmbh|corp|co)$", "", name).strip()
    return re.sub(r"\s+", " ", name)


def read_texts(texts_dir: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    for name in TEXT_FILES:
        path = texts_dir / name
        if path.exists():
            with open(path, encoding="utf-8") as f:
                for line in f:
                    row = json.loads(line)
                    texts.setdefault(row["id"], row["text"])
    with open(SYNTHETIC, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["kind"] == "jd":
                texts[row["id"]] = row["text"]
    for row in invented_rows():  # our invented sales-ops postings (so-*), labelled line by line
        texts[row["id"]] = row["text"]
    return texts


def load(split: str, texts_dir: Path, *, real_only: bool = False) -> list[tuple[str, str, set[str]]]:
    texts = read_texts(texts_dir)
    items = []
    with open(GOLD, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if real_only and row["id"].startswith(("jd-", "so-")):
                continue
            if split in ("all", row["split"]):
                items.append((row["id"], texts[row["id"]], set(row["skills"])))
    return items


def lexicon_skills(text: str) -> set[str]:
    """The naive baseline: a skill counts when a content line contains one of its lexicon words."""
    lines = text.splitlines()
    body = " \n ".join(line.lower() for _, line in content_lines(lines, lines))
    return {cid for cid, words in LEXICON.items()
            if any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", body) for w in words)}


class FileVectors:
    """A VectorCache kept in one .npz file (out/), so repeated evaluations skip the encoder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict[str, np.ndarray] = {}
        self.dirty = False
        if path.exists():
            with np.load(path) as z:
                self.data = {k: z[k] for k in z.files}

    def get_many(self, model_id: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        return {k: self.data[k] for k in keys if k in self.data}

    def put_many(self, model_id: str, items: dict[str, np.ndarray]) -> None:
        self.data.update(items)
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(self.path, **self.data)  # type: ignore[arg-type]


def to_core(mentions: list[SkillMention], threshold: float) -> set[str]:
    tax = load_taxonomy()
    out = set()
    for m in mentions:
        if m.score >= threshold:
            skill = tax.get(m.skill_id)
            if skill is not None:
                out.add(skill.core_id)
    return out


def score(pairs: list[tuple[set[str], set[str]]]) -> dict[str, dict[str, float]]:
    """Per core id and micro: precision, recall, F1, support."""
    table = {}
    tp_all = fp_all = fn_all = 0
    for cid in CORE_IDS:
        tp = sum(1 for gold, pred in pairs if cid in gold and cid in pred)
        fp = sum(1 for gold, pred in pairs if cid not in gold and cid in pred)
        fn = sum(1 for gold, pred in pairs if cid in gold and cid not in pred)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        table[cid] = _prf(tp, fp, fn)
    table["micro"] = _prf(tp_all, fp_all, fn_all)
    return table


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": tp + fn, "predicted": tp + fp}


def scored_items(items, base: ExtractSettings, store: FileVectors):
    out = [score_text(text, min_words=base.min_words, store=store) for _, text, _ in items]
    store.save()
    return out


def calibrate(items, scored, base: ExtractSettings) -> tuple[ExtractSettings, float]:
    """Global threshold x top_k x margin, then one threshold per core id (coordinate ascent), on dev."""
    def f1(settings: ExtractSettings) -> float:
        pairs = [(gold, to_core(st.select(settings), 0.0)) for (_, _, gold), st in zip(items, scored, strict=True)]
        return score(pairs)["micro"]["f1"]

    best = (f1(base), base)
    for k in (1, 2, 3):
        for margin in (-0.05, 0.0, 0.05, 0.1):
            for t in [x / 100 for x in range(45, 76)]:
                cand = replace(base, threshold=t, top_k=k, none_margin=margin, per_skill={})
                value = f1(cand)
                if value > best[0]:
                    best = (value, cand)
    value, settings = best
    for _ in range(2):
        for cid in CORE_IDS:
            for t in [x / 100 for x in range(40, 96, 2)] + [2.0]:
                cand = replace(settings, per_skill={**settings.per_skill, cid: t})
                v = f1(cand)
                if v > value + 1e-9:
                    value, settings = v, cand
    return settings, value


def tfidf_skills(train: list[tuple[str, str, set[str]]], texts: list[str]) -> list[set[str]]:
    """The second baseline: TF-IDF of the whole text and one logistic regression per core id, trained
    on ``train`` (the dev split), an id predicted at probability 0.5."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(sublinear_tf=True, min_df=2, ngram_range=(1, 2), max_features=30000)
    X = vec.fit_transform([text for _, text, _ in train])
    Z = vec.transform(texts)
    out: list[set[str]] = [set() for _ in texts]
    for cid in CORE_IDS:
        y = np.array([cid in gold for _, _, gold in train], dtype=int)
        if y.min() == y.max():
            continue
        clf = LogisticRegression(C=10.0, max_iter=1000, class_weight="balanced").fit(X, y)
        for i, p in enumerate(clf.predict_proba(Z)[:, 1]):
            if p >= 0.5:
                out[i].add(cid)
    return out


def print_table(title: str, table: dict, baselines: dict[str, dict]) -> None:
    print(title)
    names = "".join(f"   {n + 'P':>6}{n + 'R':>6}{n + 'F1':>7}" for n in baselines)
    print(f"{'core id':<28}{'P':>6}{'R':>6}{'F1':>6}{'gold':>6}{'pred':>6}{names}")
    for cid, row in table.items():
        cols = "".join(f"   {b[cid]['precision']:>6.2f}{b[cid]['recall']:>6.2f}{b[cid]['f1']:>7.2f}"
                       for b in baselines.values())
        print(f"{cid:<28}{row['precision']:>6.2f}{row['recall']:>6.2f}{row['f1']:>6.2f}"
              f"{row['support']:>6.0f}{row['predicted']:>6.0f}{cols}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["dev", "test", "both", "all"], default="test")
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of the posting JSON-lines files")
    ap.add_argument("--real-only", action="store_true", help="leave out the synthetic job descriptions")
    ap.add_argument("--calibrate", action="store_true", help="sweep the settings on the dev split")
    ap.add_argument("--write", action="store_true", help="with --calibrate: write data/extract.yaml")
    ap.add_argument("--json", action="store_true", help="print the tables as JSON")
    ap.add_argument("--errors", action="store_true", help="list false positives/negatives by posting id")
    args = ap.parse_args()
    if not args.texts.exists():
        print(f"texts not found: {args.texts} (needs ../shared/data)", file=sys.stderr)
        return 2
    base = ExtractSettings.default()
    store = FileVectors(CACHE)
    if args.calibrate:
        items = load("dev", args.texts)
        scored = scored_items(items, base, store)
        settings, f1 = calibrate(items, scored, base)
        print(f"best on dev ({len(items)} postings): threshold={settings.threshold:.2f} "
              f"none_margin={settings.none_margin} top_k={settings.top_k} micro F1={f1:.3f}")
        print("per-skill thresholds:", json.dumps(settings.per_skill))
        if args.write:
            path = ROOT / "data" / "extract.yaml"
            text = path.read_text(encoding="utf-8").splitlines()
            head = [line for line in text if line.startswith("#")]
            raw = yaml.safe_load("\n".join(text))
            raw.update({"threshold": settings.threshold, "none_margin": settings.none_margin,
                        "top_k": settings.top_k, "per_skill": dict(sorted(settings.per_skill.items())),
                        "calibrated_on": f"evals/skills_gold.jsonl dev split, {len(items)} postings, "
                                         f"micro F1 {f1:.3f}"})
            path.write_text("\n".join(head) + "\n" + yaml.safe_dump(raw, sort_keys=False, width=110),
                            encoding="utf-8")
            print(f"wrote {path}")
        return 0
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    report = {}
    for split in splits:
        items = load(split, args.texts, real_only=args.real_only)
        scored = scored_items(items, base, store)
        pairs = [(gold, to_core(st.select(base), 0.0)) for (_, _, gold), st in zip(items, scored, strict=True)]
        lex = [(gold, lexicon_skills(text)) for _, text, gold in items]
        table, base_table = score(pairs), score(lex)
        report[split] = {"postings": len(items), "scores": table, "lexicon": base_table}
        baselines = {"lex": base_table}
        if split == "test":  # trained on dev, so only a test figure is out of sample
            train = load("dev", args.texts)
            tfidf = tfidf_skills(train, [text for _, text, _ in items])
            report[split]["tfidf_lr"] = baselines["tf"] = score(
                [(gold, pred) for (_, _, gold), pred in zip(items, tfidf, strict=True)])
        if not args.json:
            print_table(f"split={split} postings={len(items)}{' (real only)' if args.real_only else ''}   |  "
                        f"baselines: lex = keyword lexicon, tf = TF-IDF + logistic regression trained on dev",
                        table, baselines)
            print()
        if args.errors:
            for (pid, _, gold), (_, pred) in zip(items, pairs, strict=True):
                if gold != pred:
                    print(pid, "FP:", sorted(pred - gold), "FN:", sorted(gold - pred))
    if args.json:
        print(json.dumps({"settings": base.__dict__, **report}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
