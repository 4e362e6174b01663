#!/usr/bin/env python3
"""Skill extraction on real postings, counted on the twenty core skill ids.

The gold labels are ours (evals/skills_gold.jsonl: posting id, split, core skill ids); the texts are
real postings read at run time from ../shared/data/postings/level_postings.jsonl and never committed.

    python scripts/eval_skills.py                      # report on the test split (never tuned on)
    python scripts/eval_skills.py --split dev          # the split used for calibration
    python scripts/eval_skills.py --calibrate          # sweep threshold x top_k on dev, print the best
    python scripts/eval_skills.py --calibrate --write   # ... and write it to data/extract.yaml
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from skillmatch.extract import ExtractSettings, SkillMention, extract_skills, score_text  # noqa: E402
from skillmatch.taxonomy import CORE_IDS, load_taxonomy  # noqa: E402

DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "postings" / "level_postings.jsonl"
GOLD = ROOT / "evals" / "skills_gold.jsonl"


def load(split: str, texts_path: Path) -> list[tuple[str, str, set[str]]]:
    texts = {}
    with open(texts_path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            texts[row["id"]] = row["text"]
    items = []
    with open(GOLD, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if split in ("all", row["split"]):
                items.append((row["id"], texts[row["id"]], set(row["skills"])))
    return items


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


def run(items, settings: ExtractSettings) -> list[list[SkillMention]]:
    return [extract_skills(text, settings=settings) for _, text, _ in items]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["dev", "test", "all"], default="test")
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    ap.add_argument("--calibrate", action="store_true", help="sweep threshold and top_k on the dev split")
    ap.add_argument("--write", action="store_true", help="with --calibrate: write data/extract.yaml")
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    ap.add_argument("--errors", action="store_true", help="list false positives/negatives by posting id")
    args = ap.parse_args()
    if not args.texts.exists():
        print(f"texts not found: {args.texts} (needs ../shared/data)", file=sys.stderr)
        return 2
    base = ExtractSettings.default()
    if args.calibrate:
        items = load("dev", args.texts)
        scored = [score_text(text, min_words=base.min_words) for _, text, _ in items]
        best = None
        for k in (1, 2, 3):
            for margin in (-0.1, -0.05, -0.02, 0.0, 0.02, 0.05, 0.1):
                for t in [x / 100 for x in range(40, 86)]:
                    settings = replace(base, threshold=t, top_k=k, none_margin=margin)
                    pairs = [(gold, to_core(st.select(settings), 0.0))
                             for (_, _, gold), st in zip(items, scored, strict=True)]
                    f1 = score(pairs)["micro"]["f1"]
                    if best is None or f1 > best[0]:
                        best = (f1, t, k, margin)
        assert best is not None
        f1, t, k, margin = best
        print(f"best on dev ({len(items)} postings): threshold={t:.2f} none_margin={margin} top_k={k} "
              f"micro F1={f1:.3f}")
        if args.write:
            path = ROOT / "data" / "extract.yaml"
            text = path.read_text(encoding="utf-8").splitlines()
            keep = [line for line in text if line.startswith("#")]
            keep += [f"threshold: {t:.2f}", f"none_margin: {margin}", f"top_k: {k}", f"min_words: {base.min_words}",
                     f'calibrated_on: "evals/skills_gold.jsonl dev split, {len(items)} postings, '
                     f'micro F1 {f1:.3f}"']
            path.write_text("\n".join(keep) + "\n", encoding="utf-8")
            print(f"wrote {path}")
        return 0
    items = load(args.split, args.texts)
    mentions = run(items, base)
    pairs = [(gold, to_core(ms, 0.0)) for (_, _, gold), ms in zip(items, mentions, strict=True)]
    table = score(pairs)
    if args.json:
        print(json.dumps({"split": args.split, "postings": len(items), "settings": base.__dict__,
                          "scores": table}, indent=2))
    else:
        print(f"split={args.split} postings={len(items)} threshold={base.threshold} top_k={base.top_k}")
        print(f"{'core id':<28}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}")
        for cid, row in table.items():
            print(f"{cid:<28}{row['precision']:>7.2f}{row['recall']:>7.2f}{row['f1']:>7.2f}"
                  f"{row['support']:>6.0f}{row['predicted']:>6.0f}")
    if args.errors:
        for (pid, _, gold), (_, pred) in zip(items, pairs, strict=True):
            if gold != pred:
                print(pid, "FP:", sorted(pred - gold), "FN:", sorted(gold - pred))
    return 0


if __name__ == "__main__":
    sys.exit(main())
