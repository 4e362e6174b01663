"""The labelled texts that level inference is trained and evaluated on, and their features.

Real texts, read at run time from ``../shared/data`` (never committed):

* ``postings/level_postings.jsonl``: 362 business postings, level from the title (``level_postings``);
* ``postings/broad_postings.jsonl``: the postings of every function whose title names a level and
  that are not already in the first file (``broad``; family engineering/business/other);
* ``resumes/``: the resume PDFs whose headline names a level (``resumes``); every line equal to the
  headline is blanked before reading, the rest of the resume stays.

Ours: ``evals/levels_synthetic.jsonl``, 160 role and resume texts we wrote (``synthetic``).

Every text has its title and level words removed before features are computed (``strip_level_words``
runs inside ``level_features``), so a model can only learn scope. Features are cached in
``out/level_features.jsonl`` by a hash of the item id, the text and the feature code's version.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "data"
SYNTHETIC = ROOT / "evals" / "levels_synthetic.jsonl"
CACHE = ROOT / "out" / "level_features.jsonl"
FEATURES_VERSION = "2026-12-01.11"  # bump when the feature code changes


@dataclass(frozen=True)
class Item:
    id: str
    source: str  # synthetic | level_postings | broad | resumes
    group: str  # company (postings), category (resumes), style (ours)
    kind: str  # jd | resume
    level: str
    family: str | None = None
    path: str | None = None  # a resume PDF
    title: str | None = None  # a posting's title (never read by the model: it names the level)
    headline: str | None = None
    text: str = ""


def _jsonl(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def load_items(sources: tuple[str, ...] = ("synthetic", "level_postings", "broad", "resumes")) -> list[Item]:
    items: list[Item] = []
    if "synthetic" in sources:
        for r in _jsonl(SYNTHETIC):
            items.append(Item(r["id"], "synthetic", r["source"], r["kind"], r["level"], text=r["text"]))
    seen: set[str] = set()
    level_file = SHARED / "postings" / "level_postings.jsonl"
    if level_file.exists():
        for r in _jsonl(level_file):
            seen.add(r["id"])
            if "level_postings" in sources:
                items.append(Item(r["id"], "level_postings", r["company"], "jd", r["level"], "business",
                                  title=r["title"], text=r["text"]))
    broad_file = SHARED / "postings" / "broad_postings.jsonl"
    if "broad" in sources and broad_file.exists():
        for r in _jsonl(broad_file):
            if r.get("level") and r["id"] not in seen and r.get("text", "").strip():
                seen.add(r["id"])
                items.append(Item(r["id"], "broad", r["company"], "jd", r["level"], r.get("family"),
                                  title=r["title"], text=r["text"]))
    index = SHARED / "resumes" / "index.jsonl"
    if "resumes" in sources and index.exists():
        for r in _jsonl(index):
            if r.get("headline_level"):
                pdf = SHARED / "resumes" / "pdf" / r["category"] / f"{r['id']}.pdf"
                if pdf.exists():
                    items.append(Item(r["id"], "resumes", r["category"], "resume", r["headline_level"],
                                      path=str(pdf), headline=r["headline"]))
    return items


def resume_document(item: Item):
    """The resume's Document with every line equal to its headline blanked (line numbers kept)."""
    from skillmatch.read.document import Document, read_document

    doc = read_document(item.path)
    head = (item.headline or "").strip().lower()
    lines = ["" if line.strip().lower() == head else line for line in doc.text.splitlines()]
    text = "\n".join(lines)
    fields = {k: getattr(doc, k) for k in doc.__dataclass_fields__}
    fields["text"] = text
    if "lines" in fields:
        fields["lines"] = tuple(ln for ln in doc.lines if ln.text.strip().lower() != head)
    return Document(**fields), text


def item_features(item: Item) -> dict[str, float]:
    from skillmatch.level.infer import level_features

    if item.kind == "resume" and item.path:
        doc, text = resume_document(item)
        return level_features(text, document=doc, years=doc.years_experience, scope=False)[0]
    return level_features(item.text, scope=False)[0]


def _key(item: Item) -> str:
    return hashlib.sha1(json.dumps([FEATURES_VERSION, item.source, item.id, item.text, item.path]).encode()).hexdigest()


def features(items: list[Item], names: list[str] | None = None) -> tuple[np.ndarray, list[str]]:
    """Feature rows for ``items`` (columns ``names``, or every feature), cached on disk."""
    from tqdm import tqdm

    cache: dict[str, dict[str, float]] = {}
    if CACHE.exists():
        for r in _jsonl(CACHE):
            cache[r["key"]] = r["f"]
    CACHE.parent.mkdir(exist_ok=True)
    todo = [i for i in items if _key(i) not in cache]
    with open(CACHE, "a", encoding="utf-8") as out:
        for item in tqdm(todo, desc="features", unit="text", disable=not todo, mininterval=10):
            try:
                f = item_features(item)
            except Exception as e:  # a PDF that cannot be read: skipped, named
                print(f"skipped {item.source}:{item.id}: {type(e).__name__}: {e}", file=sys.stderr)
                f = {}
            cache[_key(item)] = f
            out.write(json.dumps({"key": _key(item), "f": f}) + "\n")
    rows = [cache[_key(i)] for i in items]
    if names is None:
        names = sorted({k for r in rows for k in r})
    x = np.asarray([[r.get(n, np.nan) for n in names] for r in rows], dtype=np.float64)
    return x, names


def labelled(sources: tuple[str, ...], names: list[str]) -> tuple[list[Item], np.ndarray, np.ndarray]:
    """The items of ``sources`` that have features (a PDF that cannot be read has none), their feature
    rows (columns ``names``) and their level indices."""
    from skillmatch.taxonomy import LEVEL_IDS

    items = load_items(sources)
    x, _ = features(items, names)
    keep = ~np.isnan(x).all(axis=1)
    items = [i for i, k in zip(items, keep, strict=True) if k]
    return items, x[keep], np.asarray([LEVEL_IDS.index(i.level) for i in items])
