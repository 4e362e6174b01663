"""The labelled texts that level inference is trained and evaluated on, and their features.

* ``evals/levels_synthetic.jsonl``: 160 role and resume texts we wrote, in seven sources (five
  job-description house styles, two resume sets);
* ``../shared/data/postings/level_postings.jsonl`` (optional): 362 real business-role postings
  whose titles name a level (labels from the title, noisy), read at run time, never committed.

Every text has its title and level words removed before features are computed (``strip_level_words``
runs inside ``level_features``), so a model can only learn scope.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from skillmatch.ladder import FEATURE_NAMES, level_features  # noqa: E402

SYNTHETIC = ROOT / "evals" / "levels_synthetic.jsonl"
REAL = ROOT.parent / "shared" / "data" / "postings" / "level_postings.jsonl"
CACHE = ROOT / "out" / "level_features.npz"


@dataclass(frozen=True)
class Item:
    id: str
    source: str
    kind: str
    level: str
    background: str | None
    text: str


def load_items(with_real: bool = True) -> list[Item]:
    items = []
    with open(SYNTHETIC, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            items.append(Item(r["id"], r["source"], r["kind"], r["level"], r.get("background"), r["text"]))
    if with_real and REAL.exists():
        with open(REAL, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                items.append(Item(r["id"], "real_postings", "jd", r["level"], None, r["text"]))
    return items


def features(items: list[Item]) -> np.ndarray:
    """Feature rows for ``items``, cached by a hash of the texts and the feature names."""
    key = hashlib.sha1(json.dumps([FEATURE_NAMES, [i.text for i in items]]).encode()).hexdigest()
    if CACHE.exists():
        cached = np.load(CACHE)
        if str(cached["key"]) == key:
            return cached["x"]
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover
        def tqdm(x, **_):  # type: ignore[no-redef]
            return x
    rows = [level_features(i.text)[0] for i in tqdm(items, desc="features", unit="text")]
    x = np.stack(rows)
    CACHE.parent.mkdir(exist_ok=True)
    np.savez(CACHE, x=x, key=key)
    return x
