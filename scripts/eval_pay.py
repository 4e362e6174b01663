#!/usr/bin/env python3
"""Pay and years-of-experience parsing on real postings, against the site's own salary field.

The postings are read at run time from ../shared/data/postings/dev_postings.jsonl (never committed).
Each has the pay its text states (salary_min, salary_max, currency, period) and, for most, the
lower bound of the years of experience asked for (years_min, present only when every statement in
the text agrees).

    python scripts/eval_pay.py                 # figures for skillmatch.read.pay and for a naive baseline
    python scripts/eval_pay.py --verbose       # ... and every miss: posting id, parsed vs expected
    python scripts/eval_pay.py --json          # the figures as JSON
    python scripts/eval_pay.py --broad         # also the hand-labelled sample of the broad postings

``--broad`` scores evals/pay_broad_labels.jsonl: ids (no text) of a fixed random sample of
../shared/data/postings/broad_postings.jsonl + level_postings.jsonl (not in dev_postings), each with
the pay it states (null when it states none: money that is not pay must give no pay) or its main
years requirement (null when it asks none). Rows are split "tune" (read while fixing the rules),
"held_out" (labelled after the first fixes, scored once, then read while fixing its misses),
"held_out_2" (seed 29), "held_out_3" (seed 41) and "held_out_4" (seed 53): fresh samples drawn by
scripts/sample_pay_broad.py, labelled by hand before a round of fixes and scored once before it
(then read while fixing; see evals/README.md for the figures as first scored); each is reported in
its own column.
``--splits tune,held_out`` scores only those (the misses listed too).

A single figure is labelled min == max in the data; the parser says "up to X" as (None, X) and
"X+" / "at least X" as (X, None), so an open bound is compared as the other bound. The "strict"
rows compare the bounds as parsed (an open bound is a miss).
Posting text is never printed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from skillmatch.read.pay import parse_pay, parse_years  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "postings" / "dev_postings.jsonl"
BROAD_LABELS = ROOT / "evals" / "pay_broad_labels.jsonl"
BROAD_TEXTS = ("broad_postings.jsonl", "level_postings.jsonl")
BROAD_SPLITS = ("tune", "held_out", "held_out_2", "held_out_3", "held_out_4", "held_out_5", "held_out_6", "held_out_7",
                "held_out_8", "held_out_9", "held_out_10",
                "held_out_11", "held_out_12", "held_out_13",
                "held_out_14", "held_out_15", "held_out_16",
                "held_out_17", "held_out_18", "held_out_19", "held_out_20", "held_out_21", "held_out_22")


def load(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ------------------------------------------------------------------------------------------------
# Naive baseline: the first "$95,000 - $135,000"-like range (or first single amount), read as yearly;
# the first "N years" for experience.

_B_RANGE = re.compile(
    r"(?P<sym>[$€£])\s?(?P<a>\d[\d,]*)(?P<ka>[kK]?)\s*(?:-|–|to)\s*[$€£]?\s?(?P<b>\d[\d,]*)(?P<kb>[kK]?)"
)
_B_ONE = re.compile(r"(?P<sym>[$€£])\s?(?P<a>\d[\d,]*)(?P<ka>[kK]?)")
_B_YEARS = re.compile(r"(\d{1,2})\+?\s*(?:-\s*\d{1,2}\s*)?\+?\s*years", re.I)
_B_CUR = {"$": "USD", "€": "EUR", "£": "GBP"}


def _num(digits: str, k: str) -> float | None:
    digits = digits.replace(",", "")
    if not digits:
        return None
    return float(digits) * (1000 if k else 1)


def baseline_pay(text: str) -> tuple[float | None, float | None, str | None, str | None]:
    m = _B_RANGE.search(text)
    if m:
        return _num(m["a"], m["ka"]), _num(m["b"], m["kb"]), _B_CUR[m["sym"]], "year"
    m = _B_ONE.search(text)
    if m:
        v = _num(m["a"], m["ka"])
        return v, v, _B_CUR[m["sym"]], "year"
    return None, None, None, None


def baseline_years(text: str) -> float | None:
    m = _B_YEARS.search(text)
    return float(m.group(1)) if m else None


# ------------------------------------------------------------------------------------------------


def ours_pay(text: str) -> tuple[float | None, float | None, str | None, str | None]:
    pay = parse_pay(text)
    if pay is None:
        return None, None, None, None
    lo = pay.min if pay.min is not None else pay.max
    hi = pay.max if pay.max is not None else pay.min
    return lo, hi, pay.currency, pay.period


def ours_pay_strict(text: str) -> tuple[float | None, float | None, str | None, str | None]:
    """As parsed: an open bound ("up to X", "X+") stays None and counts as a miss."""
    pay = parse_pay(text)
    return (None, None, None, None) if pay is None else (pay.min, pay.max, pay.currency, pay.period)


def ours_years(text: str) -> float | None:
    y = parse_years(text)
    return None if y is None else y.min


def _eq(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) < 0.005


def evaluate(rows: list[dict[str, Any]], pay_fn: Any, years_fn: Any) -> tuple[dict[str, Any], list[str]]:
    n = len(rows)
    c = {"min": 0, "max": 0, "both": 0, "currency": 0, "period": 0}
    fails: list[str] = []
    ny = ky = 0
    for r in rows:
        lo, hi, cur, per = pay_fn(r["text"])
        ok_min, ok_max = _eq(lo, r["salary_min"]), _eq(hi, r["salary_max"])
        ok_cur, ok_per = cur == r["currency"], per == r["period"]
        c["min"] += ok_min
        c["max"] += ok_max
        c["both"] += ok_min and ok_max
        c["currency"] += ok_cur
        c["period"] += ok_per
        if not (ok_min and ok_max and ok_cur and ok_per):
            fails.append(
                f"PAY   {r['id']}: parsed {lo} - {hi} {cur}/{per}; "
                f"expected {r['salary_min']} - {r['salary_max']} {r['currency']}/{r['period']}"
            )
        if r.get("years_min") is not None:
            ny += 1
            got = years_fn(r["text"])
            if _eq(got, float(r["years_min"])):
                ky += 1
            else:
                fails.append(f"YEARS {r['id']}: parsed {got}; expected {r['years_min']}")
    pct = {k: round(100 * v / n, 1) for k, v in c.items()}
    pct["years"] = round(100 * ky / ny, 1) if ny else 0.0
    figures = {"postings": n, "with_years": ny, **{f"{k}_exact_pct": v for k, v in pct.items()}}
    return figures, fails


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or _eq(a, b)


def evaluate_broad(
    labels: list[dict[str, Any]],
    texts: dict[str, str],
    pay_fn: Any,
    years_fn: Any,
    splits: tuple[str, ...] = BROAD_SPLITS,
) -> dict[str, Any]:
    """Exact-match % per split (BROAD_SPLITS) on the broad labels; a null label wants no reading."""
    out: dict[str, Any] = {}
    for split in splits:
        pay = [r for r in labels if r["split"] == split and r["set"] == "pay"]
        yrs = [r for r in labels if r["split"] == split and r["set"] == "years"]
        c = {"min": 0, "max": 0, "both": 0, "currency": 0, "period": 0}
        for r in pay:
            lo, hi, cur, per = pay_fn(texts[r["id"]])
            ok_min, ok_max = _same(lo, r["salary_min"]), _same(hi, r["salary_max"])
            c["min"] += ok_min
            c["max"] += ok_max
            c["both"] += ok_min and ok_max
            c["currency"] += cur == r["currency"]
            c["period"] += per == r["period"]
        ky = sum(_same(years_fn(texts[r["id"]]), r["years_min"]) for r in yrs)
        fig: dict[str, Any] = {"pay_postings": len(pay), "years_postings": len(yrs)}
        # None (JSON null, "n/a" in the table) for a split with no postings of that set
        fig.update({f"{k}_exact_pct": round(100 * v / len(pay), 1) if pay else None for k, v in c.items()})
        fig["years_exact_pct"] = round(100 * ky / len(yrs), 1) if yrs else None
        out[split] = fig
    return out


def broad_misses(
    labels: list[dict[str, Any]], texts: dict[str, str], splits: tuple[str, ...] = BROAD_SPLITS
) -> list[str]:
    lines = []
    for r in labels:
        if r["split"] not in splits:
            continue
        t = texts[r["id"]]
        if r["set"] == "pay":
            got = ours_pay(t)
            want = (r["salary_min"], r["salary_max"], r["currency"], r["period"])
            if not (_same(got[0], want[0]) and _same(got[1], want[1]) and got[2:] == want[2:]):
                lines.append(f"PAY   [{r['split']}] {r['id']}: parsed {got}; expected {want}")
        elif not _same(ours_years(t), r["years_min"]):
            lines.append(f"YEARS [{r['split']}] {r['id']}: parsed {ours_years(t)}; expected {r['years_min']}")
    return lines


def load_broad(data_dir: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    labels = load(BROAD_LABELS)
    wanted = {r["id"] for r in labels}
    texts: dict[str, str] = {}
    for name in BROAD_TEXTS:
        for r in load(data_dir / name):
            if r["id"] in wanted and r["id"] not in texts:
                texts[r["id"]] = r["text"]
    missing = wanted - texts.keys()
    if missing:
        raise SystemExit(f"{len(missing)} labelled ids not found under {data_dir}")
    return labels, texts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="dev_postings.jsonl")
    ap.add_argument("--verbose", action="store_true", help="list every miss (ids and values, no text)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--broad", action="store_true", help="also score evals/pay_broad_labels.jsonl")
    ap.add_argument(
        "--splits", default=",".join(BROAD_SPLITS), help="broad splits to score, comma-separated (default: all)"
    )
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    rows = load(args.data)
    ours, fails = evaluate(rows, ours_pay, ours_years)
    strict, _ = evaluate(rows, ours_pay_strict, ours_years)
    base, _ = evaluate(rows, baseline_pay, baseline_years)
    for key in ("min", "max", "both"):
        ours[f"{key}_strict_exact_pct"] = strict[f"{key}_exact_pct"]
        base[f"{key}_strict_exact_pct"] = base[f"{key}_exact_pct"]  # the baseline leaves no bound open
    broad: dict[str, Any] = {}
    broad_fails: list[str] = []
    if args.broad:
        splits = tuple(s for s in args.splits.split(",") if s)
        unknown = set(splits) - set(BROAD_SPLITS)
        if unknown:
            print(f"unknown split(s): {sorted(unknown)}", file=sys.stderr)
            return 2
        labels, texts = load_broad(args.data.parent)
        broad = {
            "skillmatch.read.pay": evaluate_broad(labels, texts, ours_pay, ours_years, splits),
            "baseline": evaluate_broad(labels, texts, baseline_pay, baseline_years, splits),
        }
        broad_fails = broad_misses(labels, texts, splits)
    if args.json:
        out: dict[str, Any] = {"skillmatch.read.pay": ours, "baseline": base}
        if broad:
            out["broad"] = broad
        print(json.dumps(out, indent=2))
    else:
        print(f"{len(rows)} postings, {ours['with_years']} with years_min ({args.data.name})")
        print(f"{'field':28}{'pay.py':>10}{'baseline':>10}")
        for key in ("min", "max", "both", "min_strict", "max_strict", "both_strict", "currency", "period", "years"):
            k = f"{key}_exact_pct"
            label = key.replace("_strict", " exact % (strict)") if "strict" in key else f"{key} exact %"
            print(f"{label:28}{ours[k]:>10}{base[k]:>10}")
        if broad:
            ours_b, base_b = broad["skillmatch.read.pay"], broad["baseline"]
            print(f"\nbroad sample ({BROAD_LABELS.name}), pay.py / baseline per split")
            print(f"{'field':16}" + "".join(f"{sp:>22}" for sp in ours_b))
            counts = "".join(
                f"{f'{f[0]} pay, {f[1]} years':>22}"
                for f in ((ours_b[sp]["pay_postings"], ours_b[sp]["years_postings"]) for sp in ours_b)
            )
            print(f"{'postings':16}" + counts)
            for key in ("min", "max", "both", "currency", "period", "years"):
                k = f"{key}_exact_pct"
                cells = "".join(
                    f"{(f'{ours_b[sp][k]} / {base_b[sp][k]}' if ours_b[sp][k] is not None else 'n/a'):>22}"
                    for sp in ours_b
                )
                print(f"{key + ' exact %':16}" + cells)
    if args.verbose:
        for line in fails + broad_fails:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
