#!/usr/bin/env python3
"""How well real resume PDFs read: files read / refused / crashed, dated employment, sections, skills, time.

Reads every PDF listed in ``../shared/data/resumes/index.jsonl`` (real, anonymised resumes; read at
run time, never copied into the project) with :func:`skillmatch.documents.read_document`, then finds
its skills with :func:`skillmatch.extract.extract_skills`. Long (the whole set takes several
minutes) and needs the shared data, so it is not part of CI; CI keeps the small synthetic fixtures of
the same layouts in ``tests/fixtures/resumes_real_layouts``.

    python scripts/eval_resumes.py                      # the whole set, with skills
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
* skills: distinct skills per resume (p50) and the share with 3 or more;
* time: p50 / p95 of reading, and of reading plus skills, per file.
"""

from __future__ import annotations

import argparse
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
    from skillmatch import documents

    if extractor == "pypdf":
        return documents.read_document
    page_texts = getattr(documents, "_pdf_document_from_pages", None)
    if page_texts is None:
        raise SystemExit("this version of skillmatch.documents has no hook for other extractors")

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
    ap.add_argument("--no-skills", action="store_true", help="read only; do not extract skills")
    ap.add_argument("--extractor", choices=EXTRACTORS, default="pypdf",
                    help="PDF text extractor (pypdf is what skillmatch uses; the others to compare)")
    ap.add_argument("--json", type=Path, default=None, help="write figures and per-file results here")
    ap.add_argument("--data", type=Path, default=DATA, help="the resumes folder (index.jsonl, pdf/)")
    args = ap.parse_args()

    from tqdm import tqdm

    from skillmatch.errors import InputError

    index = args.data / "index.jsonl"
    if not index.exists():
        print(f"no {index}: the shared resumes are not here", file=sys.stderr)
        return 2
    rows = pick([json.loads(line) for line in index.read_text("utf-8").splitlines() if line.strip()], args.limit)
    read = reader(args.extractor)
    extract = None
    if not args.no_skills:
        from skillmatch.embed import get_embedder
        from skillmatch.extract import extract_skills

        get_embedder().encode(["warm up"])  # load the model before the clock starts
        extract = extract_skills

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
                glyph_leak=bool(_GLYPH.search(doc.text)),
            )
            if extract is not None:
                try:
                    mentions = extract(doc.text)
                except Exception as exc:  # noqa: BLE001
                    out.update(status="crashed", error=f"extract: {type(exc).__name__}: {exc}")
                else:
                    out["skills"] = len({m.skill_id for m in mentions})
                    out["total_s"] = time.perf_counter() - t0
        results.append(out)

    figures = summarize(results, args)
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
        "glyph_leak_share": sum(r["glyph_leak"] for r in read) / n,
        "sections_share": {s: round(c / n, 3) for s, c in sections.most_common()},
        "read_s_p50": pct([r["read_s"] for r in read], 0.5),
        "read_s_p95": pct([r["read_s"] for r in read], 0.95),
    }
    skilled = [r for r in read if "skills" in r]
    if skilled:
        figures.update(
            skills_p50=statistics.median(r["skills"] for r in skilled),
            three_plus_skills_share=sum(1 for r in skilled if r["skills"] >= 3) / len(skilled),
            total_s_p50=pct([r["total_s"] for r in skilled], 0.5),
            total_s_p95=pct([r["total_s"] for r in skilled], 0.95),
        )
    return figures


def report(f: dict[str, Any]) -> None:
    print(f"extractor {f['extractor']}: {f['files']} files: read {f['read']}, refused {f['refused']}, "
          f"crashed {f['crashed']}")
    for example in f["crash_examples"]:
        print(f"  crash {example}")
    if f["refusals"]:
        print("  refused: " + "; ".join(f"{k} ({v})" for k, v in f["refusals"].items()))
    print(f"dated employment: {f['dated_employment_share']:.1%}   years p50: {f['years_p50']}")
    print(f"placeholder lines left: {f['placeholder_leak_share']:.1%}   stray glyphs left: {f['glyph_leak_share']:.1%}")
    print("sections: " + ", ".join(f"{s} {v:.0%}" for s, v in f["sections_share"].items()))
    if "skills_p50" in f:
        print(f"skills per resume p50: {f['skills_p50']}   >= 3 skills: {f['three_plus_skills_share']:.1%}")
        print(f"time per file: read p50 {f['read_s_p50'] * 1000:.0f} ms, p95 {f['read_s_p95'] * 1000:.0f} ms; "
              f"read + skills p50 {f['total_s_p50'] * 1000:.0f} ms, p95 {f['total_s_p95'] * 1000:.0f} ms")
    else:
        print(f"time per file: read p50 {f['read_s_p50'] * 1000:.0f} ms, p95 {f['read_s_p95'] * 1000:.0f} ms")


if __name__ == "__main__":
    sys.exit(main())
