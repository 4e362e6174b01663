"""The line-label tooling (scripts/skill_lines.py): offsets, line numbers and the committed label files."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from skillmatch.taxonomy import CORE_IDS

ROOT = Path(__file__).resolve().parents[1]


def _module():
    spec = importlib.util.spec_from_file_location("skill_lines", ROOT / "scripts" / "skill_lines.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_spans_and_numbers_follow_split_and_splitlines():
    sl = _module()
    text = "Requirements\r\n\n  - Build quota models\n- Excellent written communication\u2028skills"
    lab = sl.LineLabels("x", {2: frozenset({"territory_quota_modeling"}), 3: frozenset({"cross_team_communication"})})
    spans = lab.spans(text)
    a, b = spans["territory_quota_modeling"][0]
    assert text[a:b] == "- Build quota models"
    # splitlines also breaks at "\r\n" (once) and at U+2028: line 3 of split("\n") is lines 4-5 there
    assert lab.numbers(text) == {"territory_quota_modeling": {3}, "cross_team_communication": {4, 5}}
    assert lab.skills == {"territory_quota_modeling", "cross_team_communication"}


def test_the_committed_line_labels_use_core_ids_and_real_rows_hold_no_text(tmp_path):
    sl = _module()
    labels = sl.load_line_labels()
    if not labels:
        pytest.skip("no line labels")
    for pid, lab in labels.items():
        assert lab.skills <= set(CORE_IDS), pid
        assert (lab.text is not None) == pid.startswith("so-"), pid
    for row in sl.invented_rows():
        assert row["text"].strip() and all(0 <= i < len(row["text"].split("\n")) for i, _ in row["lines"])


def test_write_gold_keeps_splits_and_unions_line_ids(tmp_path, monkeypatch):
    sl = _module()
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "p1", "split": "test", "skills": ["sql"], "evidence_span": {}}) + "\n")
    monkeypatch.setattr(sl, "GOLD", gold)
    monkeypatch.setattr(sl, "INVENTED", tmp_path / "none.jsonl")
    monkeypatch.setattr(sl, "invented_rows", lambda path=None: [])
    lines = {1: frozenset({"spreadsheets"}), 2: frozenset({"crm_literacy", "spreadsheets"})}
    labels = {"p1": sl.LineLabels("p1", lines)}
    assert sl.write_gold(labels, {"p1": "About\nExcel daily\nSalesforce and Sheets"}) == (1, 0)
    row = json.loads(gold.read_text())
    assert row["split"] == "test" and row["skills"] == ["crm_literacy", "spreadsheets"]
    assert row["evidence_span"] == {"crm_literacy": [18, 39], "spreadsheets": [6, 17]}


def test_write_gold_adds_labelled_real_postings_to_dev_unless_their_company_is_in_test(tmp_path, monkeypatch):
    sl = _module()
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "p1", "split": "test", "skills": [], "evidence_span": {}}) + "\n")
    monkeypatch.setattr(sl, "GOLD", gold)
    monkeypatch.setattr(sl, "invented_rows", lambda path=None: [])
    labels = {pid: sl.LineLabels(pid, {0: frozenset({"sql"})}) for pid in ("p1", "p2", "p3")}
    texts = {pid: "Write SQL daily" for pid in labels}
    companies = {"p1": "acme", "p2": "beta", "p3": "acme"}
    assert sl.write_gold(labels, texts, companies) == (1, 1)
    rows = [json.loads(line) for line in gold.read_text().splitlines()]
    assert [(r["id"], r["split"], r["skills"]) for r in rows] == [("p1", "test", ["sql"]), ("p2", "dev", ["sql"])]
