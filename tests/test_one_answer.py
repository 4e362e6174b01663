"""One resume, one answer: the bundled example in PDF, DOCX, TXT and JSON Resume reads the same.

The PDF's wrapped lines are rebuilt into whole sentences (``skillmatch.read.linewrap``), so its evidence
lines are the same sentences as the other formats' and its level is read from the same text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from skillmatch import analyze_resume
from skillmatch.read.document import read_document
from skillmatch.read.linewrap import join_wrapped

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "examples"
FORMATS = ("pdf", "docx", "txt", "json")


def _sentences(suffix: str) -> list[str]:
    return [line.text for line in read_document(EXAMPLES / f"example_resume.{suffix}").lines if line.text.strip()]


def test_pdf_lines_are_the_text_lines() -> None:
    pdf = _sentences("pdf")
    assert pdf == _sentences("txt")
    assert any(line.endswith("worked with the Salesforce administrator to merge duplicate accounts.") for line in pdf)
    assert "merge duplicate accounts." not in pdf


def test_join_wrapped_keeps_what_is_not_a_wrap() -> None:
    lines = ["Revenue Analyst", "jordan@example.com", "Skills", "SQL", "Excel",
             "• Built the forecast model for the", "VP of Sales.", "Sales Manager,", "Jan 2020 - Present",
             "• Automated reports for forty", "stores and trained staff."]
    joined = [text for text, _ in join_wrapped(lines, is_break=lambda t: t == "Skills" or t.startswith("Jan"))]
    assert joined == ["Revenue Analyst", "jordan@example.com", "Skills", "SQL", "Excel",
                      "• Built the forecast model for the VP of Sales.", "Sales Manager,", "Jan 2020 - Present",
                      "• Automated reports for forty stores and trained staff."]


@pytest.fixture(scope="module")
def reports() -> dict[str, object]:
    return {suffix: analyze_resume(EXAMPLES / f"example_resume.{suffix}") for suffix in FORMATS}


def test_four_formats_agree(reports: dict[str, object]) -> None:
    dicts = {suffix: r.to_dict() for suffix, r in reports.items()}  # type: ignore[attr-defined]
    reference = dicts["txt"]
    ref_skills = {s["id"] for s in reference["skills"]}
    for suffix, d in dicts.items():
        assert d["best_level"] == reference["best_level"], suffix
        assert {s["id"] for s in d["skills"]} == ref_skills, suffix
        for level, fit in d["levels"].items():
            assert abs(fit["probability"] - reference["levels"][level]["probability"]) <= 0.05, (suffix, level)


def test_pdf_evidence_lines_are_whole_sentences(reports: dict[str, object]) -> None:
    d = reports["pdf"].to_dict()  # type: ignore[attr-defined]
    texts = _sentences("txt")
    for skill in d["skills"]:
        for ev in skill["evidence"]:
            assert ev["text"] in texts, ev["text"]
