#!/usr/bin/env python3
"""Line-level skill labels (``evals/skill_lines/*.jsonl``) and the posting-level gold made from them.

Each row names a text and the core ids each of its lines supports, labelled by
``../shared/SKILLS_GUIDE.md`` one line at a time: ``{"id", "lines": [[index, [core ids]], ...]}``, the
index counting ``text.split("\\n")``. Rows for real postings hold ids and line numbers only (the texts are
read from ``../shared/data/postings`` at run time); rows of our own invented postings (``so-*``, in
``invented_*.jsonl``) also hold their ``text``, ``title`` and ``level``.

    python scripts/skill_lines.py            # counts per id, real and invented
    python scripts/skill_lines.py --write    # rewrite evals/skills_gold.jsonl from the line labels

``--write`` keeps every gold row's split, sets its ``skills`` to the union of its lines' ids and its
``evidence_span`` to the first such line (character offsets, stripped), and adds the other labelled texts
to the dev split: the invented postings, and real postings of companies outside the test split. Gold rows
without line labels are kept as they are.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINES_DIR = ROOT / "evals" / "skill_lines"
GOLD = ROOT / "evals" / "skills_gold.jsonl"
INVENTED = LINES_DIR / "invented_salesops.jsonl"  # the first file; invented_rows() reads every invented_*.jsonl


@dataclass(frozen=True)
class LineLabels:
    """One text's labels: the core ids of each labelled line (index in ``text.split("\\n")``)."""

    id: str
    lines: dict[int, frozenset[str]]
    text: str | None = None  # only for our own invented postings

    @property
    def skills(self) -> set[str]:
        return set().union(*self.lines.values()) if self.lines else set()

    def spans(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Character offsets (stripped) in ``text`` of every line labelled with each id."""
        starts, pos = [], 0
        parts = text.split("\n")
        for part in parts:
            starts.append(pos)
            pos += len(part) + 1
        out: dict[str, list[tuple[int, int]]] = {}
        for index in sorted(self.lines):
            line = parts[index]
            a = starts[index] + len(line) - len(line.lstrip())
            b = starts[index] + len(line.rstrip())
            for cid in sorted(self.lines[index]):
                out.setdefault(cid, []).append((a, b))
        return out

    def numbers(self, text: str) -> dict[str, set[int]]:
        """The 1-based ``text.splitlines()`` numbers (what extraction counts) of each id's lines."""
        ends, pos = [], 0
        for line in text.splitlines(keepends=True):
            pos += len(line)
            ends.append(pos)
        out: dict[str, set[int]] = {}
        for cid, spans in self.spans(text).items():
            for a, b in spans:
                first = next(i for i, end in enumerate(ends) if end > a)
                last = next(i for i, end in enumerate(ends) if end >= b)
                out.setdefault(cid, set()).update(range(first + 1, last + 2))
        return out


def load_line_labels(directory: Path = LINES_DIR) -> dict[str, LineLabels]:
    """Every labelled text, by id (a later file does not override an earlier one)."""
    out: dict[str, LineLabels] = {}
    for path in sorted(directory.glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                row = json.loads(line)
                lines: dict[int, set[str]] = {}
                for index, ids in row["lines"]:
                    lines.setdefault(int(index), set()).update(ids)
                out.setdefault(row["id"], LineLabels(row["id"], {i: frozenset(s) for i, s in lines.items()},
                                                     row.get("text")))
    return out


def invented_rows(path: Path | None = None) -> list[dict]:
    """Our invented sales-ops postings (id, title, level, text), for training and the dev split.

    With no ``path``, every ``invented_*.jsonl`` in ``LINES_DIR``, sorted by name; else that one file.
    """
    paths = sorted(LINES_DIR.glob("invented_*.jsonl")) if path is None else [path]
    rows: list[dict] = []
    for one in paths:
        if not one.exists():
            continue
        with open(one, encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    return rows


def _dev_row(lab: LineLabels, text: str, split: str = "dev") -> dict:
    """A gold row: the union of the lines' ids and each id's first line as its evidence span."""
    return {"id": lab.id, "split": split, "skills": sorted(lab.skills),
            "evidence_span": {cid: list(spans[0]) for cid, spans in sorted(lab.spans(text).items())}}


def write_gold(labels: dict[str, LineLabels], texts: dict[str, str],
               companies: dict[str, str] | None = None) -> tuple[int, int]:
    """Rewrite the gold file from ``labels``; returns (rows relabelled, rows added to dev).

    A labelled text without a gold row joins the dev split: our invented postings, and real postings
    (``companies``: posting id to normalised company) whose company is not in the test split.
    """
    with open(GOLD, encoding="utf-8") as f:
        gold = [json.loads(line) for line in f]
    have = {g["id"] for g in gold}
    relabelled = 0
    for g in gold:
        lab = labels.get(g["id"])
        if lab is None:
            continue
        relabelled += 1
        g.update(_dev_row(lab, texts[g["id"]], g["split"]))
    added = 0
    invented = invented_rows()
    for row in invented:
        lab = labels.get(row["id"])
        if lab is None or row["id"] in have:
            continue
        added += 1
        gold.append(_dev_row(lab, row["text"]))
    companies = companies or {}
    test_companies = {companies[g["id"]] for g in gold if g["split"] == "test" and g["id"] in companies}
    have |= {row["id"] for row in invented}
    for pid in sorted(set(labels) - have):
        if pid not in texts or labels[pid].text is not None:
            continue
        if pid not in companies or companies[pid] in test_companies:
            print(f"skipped {pid}: its company is in the test split (or unknown)", file=sys.stderr)
            continue
        added += 1
        gold.append(_dev_row(labels[pid], texts[pid]))
    with open(GOLD, "w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps(g) + "\n")
    return relabelled, added


def main() -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_skills import DEFAULT_TEXTS, norm_company, read_texts

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="rewrite evals/skills_gold.jsonl from the line labels")
    args = ap.parse_args()
    labels = load_line_labels()
    kinds: Counter[str] = Counter()
    per_id: Counter[tuple[str, str]] = Counter()
    for pid, lab in labels.items():
        kind = "invented" if lab.text else "jd" if pid.startswith("jd-") else "real"
        kinds[kind] += 1
        for cid in lab.skills:
            per_id[(cid, kind)] += 1
    print(f"labelled texts: {dict(kinds)}")
    for cid in sorted({c for c, _ in per_id}):
        print(f"{cid:<28}" + "".join(f"{k}={per_id[(cid, k)]:<5}" for k in ("real", "jd", "invented")))
    if args.write:
        texts = read_texts(DEFAULT_TEXTS)
        companies: dict[str, str] = {}
        for name in ("level_postings.jsonl", "broad_postings.jsonl", "dev_postings.jsonl"):
            with open(DEFAULT_TEXTS / name, encoding="utf-8") as f:
                for line in f:
                    row = json.loads(line)
                    companies.setdefault(row["id"], norm_company(row.get("company") or row["id"]))
        relabelled, added = write_gold(labels, texts, companies)
        print(f"wrote {GOLD}: {relabelled} rows relabelled, {added} rows added to dev")
    return 0


if __name__ == "__main__":
    sys.exit(main())
