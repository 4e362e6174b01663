"""The report never contradicts itself (issue 18): a gap is never a skill found, a strength is never a
gap, working *with* a role is not being it, the years factor says what it means, confidence words follow
the calibrated thresholds, and too little evidence gets no level and no band."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from skillmatch import analyze_resume
from skillmatch.cli import cli
from skillmatch.match import found_cores, years_detail
from skillmatch.read.document import document_from_text
from skillmatch.report.model import Report
from skillmatch.report.render import to_html, to_markdown, to_text
from skillmatch.report.rules import confidence_word, load_report_rules
from skillmatch.taxonomy import load_ladder, load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
RESUMES = ROOT / "tests" / "fixtures" / "resumes"
EXAMPLE = ROOT / "data" / "examples" / "example_resume.pdf"
FILES = [*sorted(RESUMES.glob("bg_*.txt")), RESUMES / "level_manager.txt", EXAMPLE]


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {path.name: analyze_resume(path) for path in FILES}


def _found(report: Report) -> set[str]:
    taxonomy = load_taxonomy()
    ids = {s.id for s in report.skills}
    return ids | {taxonomy.get(i).core_id for i in ids if taxonomy.get(i) is not None}  # type: ignore[union-attr]


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_no_report_lists_a_found_skill_as_a_gap(name: str, reports: dict[str, Report]) -> None:
    report = reports[name]
    found = _found(report)
    gaps = {g.skill_id for g in (*report.gaps_current, *report.gaps_next)}
    assert not gaps & {s.id for s in report.skills}, name
    bg = report.background
    if bg is not None:
        assert not set(bg.typical_gaps) & found, (name, set(bg.typical_gaps) & found)
        assert not set(bg.strengths) & gaps, (name, set(bg.strengths) & gaps)  # never both a gap and a strength
        assert set(bg.already_shown) <= found and set(bg.already_shown) <= set(bg.strengths)
    text = to_text(report)
    gap_line = next((line for line in text.splitlines() if line.startswith(f"Gaps to {report.best_level}:")), "")
    for s in report.skills:
        assert s.name not in gap_line.split(": ", 1)[-1].split(", "), (name, s.name)


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_a_gap_is_typical_only_of_a_typical_gap_not_yet_shown(name: str, reports: dict[str, Report]) -> None:
    report = reports[name]
    taxonomy = load_taxonomy()
    bg = report.background
    for gap in (*report.gaps_current, *report.gaps_next):
        if any(r.startswith("a typical gap") for r in gap.reasons):
            assert bg is not None, name
            core = taxonomy.get(gap.skill_id).core_id  # type: ignore[union-attr]
            if gap.skill_id not in bg.typical_gaps:  # typical through its core skill, which is not yet shown
                assert core in bg.typical_gaps and core not in bg.already_shown, (name, gap.skill_id)


def test_typical_gaps_already_shown_become_strengths(reports: dict[str, Report]) -> None:
    shown = [r for r in reports.values() if r.background is not None and r.background.already_shown]
    assert shown, "no fixture shows a typical gap of its background"
    for report in shown:
        bg = report.background
        assert bg is not None
        names = [load_taxonomy().get(i).name for i in bg.already_shown]  # type: ignore[union-attr]
        text = to_text(report)
        assert "already shown: " + ", ".join(names[:4]) in text
        assert "Typical gaps you already show" in to_html(report)


def test_text_report_shows_names_not_ids(reports: dict[str, Report]) -> None:
    report = reports["bg_fpa.txt"]
    assert report.background is not None and report.background.typical_gaps
    line = next(x for x in to_text(report).splitlines() if x.startswith("Background:"))
    for skill_id in report.background.typical_gaps[:4]:
        assert skill_id not in line
        assert load_taxonomy().get(skill_id).name in line  # type: ignore[union-attr]


def test_working_with_a_role_is_not_being_it() -> None:
    text = ("Revenue Analyst, Harborline Software\nJan 2021 - Present\n"
            "- Worked with the Salesforce administrator to merge duplicate accounts.\n"
            "- Built the weekly pipeline report in Excel and SQL for the sales leaders.\n"
            "- Partnered with our CRM admin on clean lead routing rules for inbound leads.\n")
    report = analyze_resume(document_from_text(text))
    assert "salesforce_admin" not in {s.id for s in report.skills}
    admin = analyze_resume(document_from_text(text.replace(
        "Worked with the Salesforce administrator to merge", "As the Salesforce administrator, merged")))
    assert "salesforce_admin" in {s.id for s in admin.skills}  # being one still counts


def test_years_factor_says_what_it_means() -> None:
    ladder = load_ladder()
    assert years_detail(7, ladder.get("analyst")) == "7 years: above the 0-3 range, counts in full"
    assert years_detail(5, ladder.get("manager")).endswith("within the 3-7 range, counts in full")
    assert years_detail(6, ladder.get("vp")) == "6 years: below the 12+ range, counts 50%"


def test_years_factor_in_a_report(reports: dict[str, Report]) -> None:
    report = reports["example_resume.pdf"]
    analyst = next(f for f in report.levels if f.level == "analyst")
    years = next(f for f in analyst.factors if f.name == "years")
    assert years.score == 1.0 and "above the 0-3 range, counts in full" in years.detail


def test_confidence_words_follow_the_calibrated_thresholds() -> None:
    rules = load_report_rules()
    assert confidence_word(0.52) != "fairly sure" and confidence_word(0.52).startswith("unsure")
    for start, word in rules.confidence_words:
        assert confidence_word(start) == word
    assert confidence_word(0.99) == "confident"


def test_just_some_words_gets_no_band_and_says_why(tmp_path: Path) -> None:
    report = analyze_resume(document_from_text("just some words"))
    assert report.best_level is None and report.band is None and not report.levels
    assert not report.gaps_current and report.background is None
    assert report.evidence_note is not None and "Too little evidence" in report.evidence_note
    d = report.to_dict()
    assert d["best_level"] is None and d["band"] is None and d["evidence_note"] == report.evidence_note
    assert "Too little evidence" in to_markdown(report) and "Pay band" not in to_markdown(report)
    assert "Too little evidence" in to_html(report) and 'id="pay"' not in to_html(report)
    path = tmp_path / "words.txt"
    path.write_text("just some words\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    assert "No level estimate. Too little evidence" in result.output
    assert "Pay band" not in result.output and "Best fit" not in result.output
    planned = CliRunner().invoke(cli, ["plan", str(path)])  # no level, so no plan: one line, exit 2
    assert planned.exit_code == 2 and "no plan: Too little evidence" in planned.output, planned.output
    assert "Plan toward" not in planned.output and "Traceback" not in planned.output


def test_a_real_resume_still_gets_a_level(reports: dict[str, Report]) -> None:
    for name, report in reports.items():
        assert report.evidence_note is None and report.best_level is not None and report.band is not None, name
    assert found_cores  # the same helper the report uses


def test_html_footer_names_the_model_not_its_path(reports: dict[str, Report]) -> None:
    report = reports["level_manager.txt"]
    html = to_html(report)
    footer = html.split("<footer>")[1]
    assert report.model in footer and "site-packages" not in footer
