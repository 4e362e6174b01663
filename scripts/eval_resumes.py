#!/usr/bin/env python3
"""How well real resume PDFs read: files read / refused / crashed, dated employment, sections, skills, time.

Reads every PDF listed in ``../shared/data/resumes/index.jsonl`` (real, anonymised resumes; read at
run time, never copied into the project) with :func:`skillmatch.read.document.read_document`, then finds
its skills with :func:`skillmatch.extract.mentions.extract_skills`. Long (the whole set takes several
minutes) and needs the shared data, so it is not part of CI; CI keeps the small synthetic fixtures of
the same layouts in ``tests/fixtures/resumes_real_layouts``.

    python scripts/eval_resumes.py                      # the whole set; skills on 200 of them
    python scripts/eval_resumes.py --skills-sample 0    # skills on every file (slow: seconds a file)
    python scripts/eval_resumes.py --limit 200          # 200 files spread over the categories
    python scripts/eval_resumes.py --no-skills          # reading only (fast)
    python scripts/eval_resumes.py --extractor pdfminer --no-skills --limit 200   # compare extractors
    python scripts/eval_resumes.py --json out.json      # figures (and per-file results) as JSON

Figures:

* read / refused (InputError: a scan, encrypted, ...) / crashed (any other exception);
* dated employment: share of read files with at least one employment date range, and years found;
* leaks: share of read files whose text still holds a placeholder line ("Company Name", "City",
  "State") or a stray glyph (mis-decoded "ï¼", "Â", "â€", a zero-width character);
* sections: share of read files in which each section was found;
* skills: distinct skills per resume (p50) and the share with 3 or more, on ``--skills-sample``
  files spread over the set (encoding every sentence of 2,100 resumes takes hours on two cores);
* years: agreement (within one year) with ``evals/resume_years_labels.jsonl``, 50 files spread over
  the set whose employment ranges were written down by hand from the raw extracted text (every
  date-bearing line and the section headings, read by a person): each role a reader would count,
  concurrent and military roles included; education, volunteering, dates inside sentences and a
  role with a start date only left out. A label with no range means "no dated employment". The
  labels hold ids and dates only, no resume text. "Current" ends today, for both sides;
* time: p50 / p95 of reading, and of reading plus skills, per file.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "resumes"
LABELS = ROOT / "evals" / "resume_years_labels.jsonl"
EXTRACTORS = ("pypdf", "pypdfium2", "pdfminer")
_LEAK_LINE = re.compile(r"^\s*(?:company name|city|state)\s*$", re.IGNORECASE | re.MULTILINE)
_GLYPH = re.compile("ï¼|Â|â€|[\u200b\u200c\u200d\u2060\ufeff]")


def pick(rows: list[dict[str, Any]], limit: int | None) -> list[dict[str, Any]]:
    """``limit`` rows spread evenly over the index (so every category is in a small run), or all."""
    if not limit or limit >= len(rows):
        return rows
    step = len(rows) / limit
    return [rows[int(i * step)] for i in range(limit)]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def reader(extractor: str):  # noqa: ANN201 - a callable path -> Document
    from skillmatch.read import document as documents

    if extractor == "pypdf":
        return documents.read_document
    page_texts = getattr(documents, "_pdf_document_from_pages", None)
    if page_texts is None:
        raise SystemExit("this version of skillmatch.read.document has no hook for other extractors")

    def pdfium_pages(path: Path) -> list[str]:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            return [pdf[i].get_textpage().get_text_bounded().replace("\r\n", "\n") for i in range(len(pdf))]
        finally:
            pdf.close()

    def pdfminer_pages(path: Path) -> list[str]:
        from pdfminer.high_level import extract_text

        return extract_text(str(path)).split("\f")

    pages = pdfium_pages if extractor == "pypdfium2" else pdfminer_pages

    def read(path: Path) -> Any:
        return page_texts(pages(path), path.name)

    return read


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="read only N files, spread over the categories")
    ap.add_argument("--categories", default="",
                    help="only these categories, comma-separated (e.g. ACCOUNTANT,BANKING,CONSULTANT,BPO: "
                         "the ones nearest sales and finance)")
    ap.add_argument("--no-skills", action="store_true", help="read only; do not extract skills")
    ap.add_argument("--skills-sample", type=int, default=200,
                    help="extract skills from N files spread over those read (0: every file; default 200)")
    ap.add_argument("--extractor", choices=EXTRACTORS, default="pypdf",
                    help="PDF text extractor (pypdf is what skillmatch uses; the others to compare)")
    ap.add_argument("--json", type=Path, default=None, help="write figures and per-file results here")
    ap.add_argument("--data", type=Path, default=DATA, help="the resumes folder (index.jsonl, pdf/)")
    ap.add_argument("--labels", type=Path, default=LABELS, help="hand-labelled employment ranges (JSON lines)")
    args = ap.parse_args()

    from tqdm import tqdm

    from skillmatch.errors import InputError

    index = args.data / "index.jsonl"
    if not index.exists():
        print(f"no {index}: the shared resumes are not here", file=sys.stderr)
        return 2
    wanted = {c.strip().upper() for c in args.categories.split(",") if c.strip()}
    rows = [json.loads(line) for line in index.read_text("utf-8").splitlines() if line.strip()]
    rows = pick([r for r in rows if not wanted or r["category"] in wanted], args.limit)
    read = reader(args.extractor)
    extract = None
    if not args.no_skills:
        from skillmatch.embed import get_embedder
        from skillmatch.extract.mentions import core_skills, extract_skills

        get_embedder().encode(["warm up"])  # load the model and build the skill index before the clock
        extract_skills("Experience\nBuilt weekly pipeline reports in Salesforce and Excel.")
        extract = extract_skills
    with contextlib.suppress(InputError):  # first read imports the PDF library: not timed
        first = rows[0]
        read(args.data / "pdf" / first["category"] / f"{first['id']}.pdf")

    skill_ids = {r["id"] for r in pick(rows, args.skills_sample or None)}
    results: list[dict[str, Any]] = []
    for row in tqdm(rows, unit="file", desc="resumes"):
        path = args.data / "pdf" / row["category"] / f"{row['id']}.pdf"
        out: dict[str, Any] = {"id": row["id"], "category": row["category"]}
        t0 = time.perf_counter()
        try:
            doc = read(path)
        except InputError as exc:
            out.update(status="refused", error=str(exc))
        except Exception as exc:  # noqa: BLE001 - a crash is what we count
            out.update(status="crashed", error=f"{type(exc).__name__}: {exc}")
        else:
            out.update(
                status="read",
                read_s=time.perf_counter() - t0,
                employment=len(doc.employment),
                years=doc.years_experience,
                sections=list(doc.sections),
                placeholder_leak=bool(_LEAK_LINE.search(doc.text)),
                company_name="company name" in doc.text.lower(),
                glyph_leak=bool(_GLYPH.search(doc.text)),
            )
            if extract is not None and row["id"] in skill_ids:
                try:
                    mentions = extract(doc.text, resume=True)  # as skillmatch.analyze reads a resume
                except Exception as exc:  # noqa: BLE001
                    out.update(status="crashed", error=f"extract: {type(exc).__name__}: {exc}")
                else:
                    out["skills"] = len({m.skill_id for m in mentions})
                    out["core_skills"] = len(core_skills(mentions))
                    out["skill_methods"] = dict(Counter(m.method for m in mentions))
                    out["total_s"] = time.perf_counter() - t0
        results.append(out)

    figures = summarize(results, args)
    if args.labels.exists():
        figures.update(years_agreement(results, args.labels))
    report(figures)
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "files": results}, indent=1), "utf-8")
    return 0


def summarize(results: list[dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    status = Counter(r["status"] for r in results)
    read = [r for r in results if r["status"] == "read"]
    n = len(read) or 1
    sections = Counter(s for r in read for s in r["sections"])
    years = [r["years"] for r in read if r["years"] is not None]
    figures: dict[str, Any] = {
        "extractor": args.extractor,
        "files": len(results),
        "read": status["read"],
        "refused": status["refused"],
        "crashed": status["crashed"],
        "crash_examples": [f"{r['id']}: {r['error']}" for r in results if r["status"] == "crashed"][:5],
        "refusals": dict(Counter(r["error"].split(":")[0] for r in results if r["status"] == "refused")),
        "dated_employment_share": sum(1 for r in read if r["employment"]) / n,
        "years_p50": statistics.median(years) if years else None,
        "placeholder_leak_share": sum(r["placeholder_leak"] for r in read) / n,
        "company_name_anywhere_share": sum(r.get("company_name", False) for r in read) / n,
        "glyph_leak_share": sum(r["glyph_leak"] for r in read) / n,
        "sections_share": {s: round(c / n, 3) for s, c in sections.most_common()},
        "read_s_p50": pct([r["read_s"] for r in read], 0.5),
        "read_s_p95": pct([r["read_s"] for r in read], 0.95),
    }
    if not years:
        figures["years_p50"] = float("nan")
    skilled = [r for r in read if "skills" in r]
    if skilled:
        figures.update(
            skills_files=len(skilled),
            skills_p50=statistics.median(r["skills"] for r in skilled),
            three_plus_skills_share=sum(1 for r in skilled if r["skills"] >= 3) / len(skilled),
            three_plus_core_share=sum(1 for r in skilled if r.get("core_skills", 0) >= 3) / len(skilled),
            total_s_p50=pct([r["total_s"] for r in skilled], 0.5),
            total_s_p95=pct([r["total_s"] for r in skilled], 0.95),
        )
    return figures


def label_years(ranges: list[list[str | None]], today: dt.date) -> float | None:
    """Years of the union of labelled month ranges ("YYYY-MM", end None = today), by whole months."""
    months: set[int] = set()
    for start, end in ranges:
        y0, m0 = map(int, str(start).split("-"))
        y1, m1 = (today.year, today.month) if end is None else map(int, end.split("-"))
        months.update(range(y0 * 12 + m0 - 1, y1 * 12 + m1))
    return round(len(months) / 12, 1) if months else None


def years_agreement(results: list[dict[str, Any]], path: Path) -> dict[str, Any]:
    labels = {row["id"]: row for row in map(json.loads, path.read_text("utf-8").splitlines()) if row}
    today = dt.date.today()
    checked = [(r, label_years(labels[r["id"]]["ranges"], today)) for r in results
               if r["id"] in labels and r["status"] == "read"]
    if not checked:
        return {}
    agree = [
        (years is None and r["years"] is None)
        or (years is not None and r["years"] is not None and abs(years - r["years"]) <= 1.0)
        for r, years in checked
    ]
    return {
        "years_labelled": len(checked),
        "years_within_one_share": sum(agree) / len(checked),
        "years_disagreements": [
            {"id": r["id"], "label": years, "read": r["years"]} for (r, years), ok in zip(checked, agree, strict=True)
            if not ok
        ],
    }


def report(f: dict[str, Any]) -> None:
    print(f"extractor {f['extractor']}: {f['files']} files: read {f['read']}, refused {f['refused']}, "
          f"crashed {f['crashed']}")
    for example in f["crash_examples"]:
        print(f"  crash {example}")
    if f["refusals"]:
        print("  refused: " + "; ".join(f"{k} ({v})" for k, v in f["refusals"].items()))
    print(f"dated employment: {f['dated_employment_share']:.1%}   years p50: {f['years_p50']:.1f}")
    print(f"placeholder lines left: {f['placeholder_leak_share']:.1%}   \"Company Name\" anywhere: "
          f"{f['company_name_anywhere_share']:.1%}   stray glyphs left: {f['glyph_leak_share']:.1%}")
    print("sections: " + ", ".join(f"{s} {v:.0%}" for s, v in f["sections_share"].items()))
    if "years_labelled" in f:
        print(f"years within one year of the hand labels: {f['years_within_one_share']:.0%} "
              f"of {f['years_labelled']}" + "".join(f"\n  {d['id']}: labelled {d['label']}, read {d['read']}"
                                                 for d in f["years_disagreements"]))
    if "skills_p50" in f:
        print(f"skills per resume ({f['skills_files']} files) p50: {f['skills_p50']}   "
              f">= 3 skills: {f['three_plus_skills_share']:.1%}   >= 3 core ids: {f['three_plus_core_share']:.1%}")
        print(f"time per file: read p50 {f['read_s_p50'] * 1000:.0f} ms, p95 {f['read_s_p95'] * 1000:.0f} ms; "
              f"read + skills p50 {f['total_s_p50'] * 1000:.0f} ms, p95 {f['total_s_p95'] * 1000:.0f} ms")
    else:
        print(f"time per file: read p50 {f['read_s_p50'] * 1000:.0f} ms, p95 {f['read_s_p95'] * 1000:.0f} ms")


if __name__ == "__main__":
    sys.exit(main())
