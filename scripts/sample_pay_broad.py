#!/usr/bin/env python3
"""Draw a fixed random sample of broad postings for hand labels of pay and years (ids only).

The pool is every posting of ../shared/data/postings/broad_postings.jsonl + level_postings.jsonl
(first occurrence of an id) that is not in dev_postings.jsonl and not already in
evals/pay_broad_labels.jsonl. A posting is a pay candidate when its text has a currency figure (a
sign or ISO code next to a digit) and a years candidate when it has an "N years" phrase; each set is
sampled on its own, in id order, with ``random.Random(seed).sample``.

    python scripts/sample_pay_broad.py --seed 29 --pay 100 --years 70   # prints "set<TAB>id" lines
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "postings"
LABELS = ROOT / "evals" / "pay_broad_labels.jsonl"

_CODES = r"USD|EUR|GBP|CAD|AUD|NZD|CHF|PLN|MXN|BRL|INR|PHP|SGD|SEK|NOK|DKK|JPY|ZAR|CZK|HUF|RON"
CURRENCY_FIGURE = re.compile(rf"(?:[$€£¥₹]|\b(?:{_CODES})\b)\s?\d|\d[\d,.]*\s?(?:[kK]\s?)?(?:€|£|zł|\b(?:{_CODES})\b)")
YEARS_PHRASE = re.compile(r"\b\d{1,2}\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*\+?\s*)?(?:years?|yrs?)\b", re.I)


def _load(path: Path) -> list[dict[str, object]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--pay", type=int, default=100)
    ap.add_argument("--years", type=int, default=70)
    args = ap.parse_args(argv)
    taken = {str(r["id"]) for r in _load(DATA / "dev_postings.jsonl")}
    taken |= {str(r["id"]) for r in _load(LABELS)}
    texts: dict[str, str] = {}
    for name in ("broad_postings.jsonl", "level_postings.jsonl"):
        for r in _load(DATA / name):
            rid = str(r["id"])
            if rid not in taken and rid not in texts:
                texts[rid] = str(r["text"])
    pay = sorted(i for i, t in texts.items() if CURRENCY_FIGURE.search(t))
    yrs = sorted(i for i, t in texts.items() if YEARS_PHRASE.search(t))
    rng = random.Random(args.seed)
    for i in rng.sample(pay, args.pay):
        print(f"pay\t{i}")
    for i in rng.sample(yrs, args.years):
        print(f"years\t{i}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
