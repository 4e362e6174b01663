"""The JD lint: per-line levels and findings, on drafts and on job descriptions written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from skillmatch.cli.jd import jd
from skillmatch.errors import InputError
from skillmatch.jd.draft import draft_jd
from skillmatch.jd.lint import (
    Finding,
    JDLint,
    LineLevel,
    content_text,
    expected_skills,
    find_title,
    lint_jd,
    load_lint_settings,
)
from skillmatch.taxonomy import LEVEL_IDS, load_ladder, load_taxonomy

FIXTURES = Path(__file__).parent / "fixtures" / "jds"
EXPECTED: dict[str, dict[str, Any]] = {
    k: v for k, v in json.loads((FIXTURES / "EXPECTED.json").read_text("utf-8")).items() if not k.startswith("_")
}
CODES = {"title_level_mismatch", "scope_above_level", "scope_below_level", "years_out_of_range", "pay_missing",
         "pay_out_of_band", "tier_skills_missing", "not_yet_owned"}
BOARD_LINE = "- Present the go-to-market strategy and revenue narrative to the board each quarter"


@pytest.fixture(scope="module")
def linted() -> dict[str, JDLint]:
    """Every fixture JD, linted once."""
    return {name: lint_jd((FIXTURES / name).read_text("utf-8")) for name in EXPECTED}


@pytest.fixture(scope="module")
def drafts() -> dict[str, tuple[str, JDLint]]:
    """A draft at each level and its lint."""
    out = {}
    for level in LEVEL_IDS:
        markdown = draft_jd(level).markdown
        out[level] = (markdown, lint_jd(markdown))
    return out


def _matches(finding: Finding, spec: str | dict[str, Any]) -> bool:
    if isinstance(spec, str):
        return finding.code == spec
    return (finding.code == spec["code"]
            and ("line" not in spec or finding.line == spec["line"])
            and ("severity" not in spec or finding.severity == spec["severity"]))


# --------------------------------------------------------------------------------------------------
# Hand-written JDs


def test_every_fixture_has_expectations() -> None:
    files = {p.name for p in FIXTURES.iterdir() if p.suffix in (".md", ".txt")}
    assert files == set(EXPECTED)
    for spec in EXPECTED.values():
        for item in [*spec["must"], *spec["must_not"]]:
            assert (item if isinstance(item, str) else item["code"]) in CODES


# Known misses of the content level (strict: a fix shows up as XPASS). manager_junior_years.md reads
# analyst: it asks for 1-2 years, and the years weigh on the content level as well as in their own
# finding. manager_support.md reads director: its "support the VP with the board deck" and "define
# stage exit criteria" lines carry board and define wording. director_low_pay.md reads VP by four
# points (0.46 against 0.42): its board and CFO lines.
KNOWN_MISSES = {"manager_junior_years.md", "manager_support.md", "director_low_pay.md"}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="known miss"))
                                  if n in KNOWN_MISSES else n for n in sorted(EXPECTED)])
def test_fixture_findings(name: str, linted: dict[str, JDLint]) -> None:
    spec = EXPECTED[name]
    result = linted[name]
    shown = [(f.code, f.severity, f.line) for f in result.findings]
    for want in spec["must"]:
        assert any(_matches(f, want) for f in result.findings), f"{name}: missing {want}; got {shown}"
    for unwanted in spec["must_not"]:
        hits = [f for f in result.findings if _matches(f, unwanted)]
        assert not hits, f"{name}: must not raise {unwanted}; got {[(f.code, f.severity, f.line) for f in hits]}"
    assert bool(result.errors) is spec["errors"], f"{name}: errors {[(f.code, f.line) for f in result.errors]}"
    if "level" in spec:
        assert result.level.level == spec["level"]
    if "title" in spec:
        assert result.title == spec["title"]


def test_findings_point_at_their_lines(linted: dict[str, JDLint]) -> None:
    for name, result in linted.items():
        lines = (FIXTURES / name).read_text("utf-8").splitlines()
        for f in result.findings:
            assert f.severity in ("error", "warning", "info")
            assert f.message.strip() and "{" not in f.message
            if f.line is None:
                assert f.text is None or f.code == "title_level_mismatch"
            else:
                assert f.text == lines[f.line - 1], (name, f)
        for line in result.lines:
            assert line.text == lines[line.line - 1]
            assert line.kind in ("requirement", "responsibility")
            assert line.level in LEVEL_IDS
            assert sum(line.probabilities.values()) == pytest.approx(1.0)
            assert line.confidence == pytest.approx(max(line.probabilities.values()))


def test_findings_sorted_by_line_then_document(linted: dict[str, JDLint]) -> None:
    result = linted["analyst_inflated.md"]
    numbered = [f.line for f in result.findings if f.line is not None]
    assert numbered == sorted(numbered)
    first_document = next(i for i, f in enumerate(result.findings) if f.line is None)
    assert all(f.line is None for f in result.findings[first_document:])


def test_title_never_decides_the_content_level(linted: dict[str, JDLint]) -> None:
    text = (FIXTURES / "analyst_clean.md").read_text("utf-8")
    retitled = text.replace("# Revenue Operations Analyst", "# VP of Revenue Operations", 1)
    result = lint_jd(retitled)
    assert result.title_level == "vp"
    assert result.level.level == linted["analyst_clean.md"].level.level == "analyst"
    mismatch = [f for f in result.findings if f.code == "title_level_mismatch"]
    assert mismatch and mismatch[0].severity == "error" and mismatch[0].line == 1
    # held to the title's level, the analyst duties now read below it
    assert any(f.code == "scope_below_level" for f in result.findings)


def test_title_argument_wins_over_the_first_line() -> None:
    text = (FIXTURES / "analyst_plain.txt").read_text("utf-8")
    result = lint_jd(text, title="Director of Revenue Operations")
    assert result.title == "Director of Revenue Operations"
    assert result.title_level == "director"
    assert result.reference_level == "director"
    assert any(f.code == "title_level_mismatch" and f.line is None for f in result.findings)
    assert any(f.code == "years_out_of_range" for f in result.findings)  # 0-2 years for a director


# --------------------------------------------------------------------------------------------------
# Drafts


@pytest.mark.parametrize("level", [pytest.param("director", marks=pytest.mark.xfail(
    strict=True, reason="known miss: the director draft's board and CFO lines read VP")) if lvl == "director" else lvl
    for lvl in LEVEL_IDS])
def test_draft_lints_clean_and_reads_as_its_level(level: str, drafts: dict[str, tuple[str, JDLint]]) -> None:
    _, result = drafts[level]
    assert result.errors == []
    assert result.level.level == level
    assert result.title_level == level
    assert result.pay is not None and result.years is not None
    assert not [f for f in result.findings if f.code in ("scope_above_level", "not_yet_owned", "pay_missing")]
    assert len(result.lines) >= 8


def test_director_draft_asking_two_years_is_out_of_range(drafts: dict[str, tuple[str, JDLint]]) -> None:
    markdown, _ = drafts["director"]
    assert "7–12 years" in markdown
    changed = markdown.replace("7–12 years", "2+ years")
    number = next(i + 1 for i, line in enumerate(changed.splitlines()) if "2+ years" in line)
    result = lint_jd(changed)
    found = [f for f in result.findings if f.code == "years_out_of_range"]
    assert len(found) == 1 and found[0].line == number
    assert found[0].severity == "error"
    assert "7–12 years" in found[0].message
    assert result.years is not None and result.years.min == 2


def test_analyst_draft_with_a_board_line_is_above_level(drafts: dict[str, tuple[str, JDLint]]) -> None:
    markdown, _ = drafts["analyst"]
    lines = markdown.splitlines()
    at = max(i for i, line in enumerate(lines) if line.startswith("- ") and i < lines.index("## What you will own"))
    lines.insert(at + 1, BOARD_LINE)
    result = lint_jd("\n".join(lines))
    above = [f for f in result.findings if f.code == "scope_above_level"]
    assert [f.line for f in above] == [at + 2]
    assert above[0].text == BOARD_LINE and above[0].severity == "error"
    line = next(x for x in result.lines if x.line == at + 2)
    assert LEVEL_IDS.index(line.level) >= LEVEL_IDS.index("director")
    assert result.level.level == "analyst"  # one line does not change what the JD reads as


def test_not_yet_section_of_a_draft_is_not_read(drafts: dict[str, tuple[str, JDLint]]) -> None:
    markdown, result = drafts["manager"]
    lines = markdown.splitlines()
    start = lines.index("## What this role does not own yet")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("## "))
    assert not [x for x in result.lines if start < x.line <= end]


# --------------------------------------------------------------------------------------------------
# Pieces


def test_find_title() -> None:
    assert find_title("# Sales Ops Analyst\n\nBody text here.") == ("Sales Ops Analyst", 1)
    assert find_title("\n\nRevenue Operations Manager\nWe are hiring.") == ("Revenue Operations Manager", 3)
    assert find_title("**Director, Sales Operations**\n- Own the plan") == ("Director, Sales Operations", 1)
    assert find_title("Requirements\n- SQL") is None  # a section heading, not a title
    assert find_title("- Build dashboards for the sales team\n") is None
    assert find_title("Join our revenue team as its data person. You will make sure every report is right.") is None
    assert find_title("") is None


def test_content_text_removes_the_title_and_keeps_line_numbers() -> None:
    text = "# Sales Operations Manager\n\nAs our Sales Operations Manager you own the forecast.\n- Run win/loss"
    out = content_text(text, "Sales Operations Manager", 1)
    assert out.splitlines()[0] == ""
    assert "Sales Operations Manager" not in out
    assert len(out.splitlines()) == len(text.splitlines())


def test_result_to_dict_is_json() -> None:
    result = lint_jd((FIXTURES / "manager_inflated.md").read_text("utf-8"))
    data = json.loads(json.dumps(result.to_dict()))
    assert data["title"] == "Revenue Operations Manager" and data["title_level"] == "manager"
    assert data["level"]["level"] == "manager"
    assert data["summary"]["error"] == len(result.errors) > 0
    assert {f["code"] for f in data["findings"]} >= {"not_yet_owned", "pay_out_of_band"}
    assert data["pay"]["min"] == 85000 and data["years"]["min"] == 5
    assert all(set(x) == {"line", "text", "kind", "level", "confidence", "probabilities", "seniority"}
               for x in data["lines"])
    read = [x["seniority"] for x in data["lines"] if x["seniority"] and x["seniority"]["level"]]
    assert read and all(r["reason"] for r in read)


def test_dataclasses_are_frozen() -> None:
    f = Finding("pay_missing", "warning", None, "State the pay.")
    assert f.to_dict() == {"code": "pay_missing", "severity": "warning", "line": None, "message": "State the pay.",
                           "text": None}
    with pytest.raises(AttributeError):
        f.code = "x"  # type: ignore[misc]
    line = LineLevel(3, "- x", "requirement", "analyst", 0.9, {"analyst": 0.9, "manager": 0.1})
    assert line.to_dict()["probabilities"] == {"analyst": 0.9, "manager": 0.1}


@pytest.mark.parametrize("text", ["", "   \n\t\n", "# Sales Operations Analyst\n", "Sales Ops Manager\n\n"])
def test_empty_text_or_a_title_alone_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError):
        lint_jd(text)


def test_a_short_jd_without_sections_lints() -> None:
    result = lint_jd("Pull the weekly pipeline report and send it to the sales team every Monday.")
    assert result.title is None and result.title_level is None
    assert [x.line for x in result.lines] == [1]
    assert result.reference_level == result.level.level
    assert any(f.code == "pay_missing" for f in result.findings)


def test_settings_match_the_ladder() -> None:
    """Every extra phrasing of a "not yet" item names an item the ladder has, so none is silently unused."""
    settings = load_lint_settings()
    ladder = load_ladder()
    for level_id, items in settings.not_yet_phrasings.items():
        assert set(items) <= set(ladder.get(level_id).not_yet), level_id
    assert settings.support.search("- Supports the VP in preparing the board deck")
    assert settings.support.search("Help the sales leaders build the annual plan")
    assert not settings.support.search("- Own the revenue narrative presented to the board")
    assert settings.negation.search("You will not design quotas")
    assert not settings.negation.search("Design quotas for each territory")


def test_expected_skills_follow_the_tiers() -> None:
    ladder, taxonomy = load_ladder(), load_taxonomy()
    analyst = expected_skills(ladder.get("analyst"), ladder, taxonomy)
    director = expected_skills(ladder.get("director"), ladder, taxonomy)
    assert analyst["foundational"] and not analyst["technical"] and not analyst["strategic"]
    assert director["strategic"] and set(analyst["foundational"]) <= set(director["foundational"])


# --------------------------------------------------------------------------------------------------
# CLI


def test_cli_exit_0_without_errors() -> None:
    result = CliRunner().invoke(jd, ["lint", str(FIXTURES / "analyst_clean.md")])
    assert result.exit_code == 0, result.output
    assert "content level: analyst" in result.output
    assert "0 errors" in result.output
    assert "- Merge duplicate accounts" in result.output


def test_cli_exit_1_with_errors_and_findings_beside_lines() -> None:
    result = CliRunner().invoke(jd, ["lint", str(FIXTURES / "analyst_inflated.md")])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("7 ") and "Brief the board" in line)
    assert "error: scope_above_level" in lines[at + 1]
    assert "errors" in lines[-1] and "lines read" in lines[-1]


def test_cli_json_and_stdin() -> None:
    text = (FIXTURES / "manager_no_pay.txt").read_text("utf-8")
    result = CliRunner().invoke(jd, ["lint", "-", "--format", "json"], input=text)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["title"] == "Revenue Operations Manager"
    assert any(f["code"] == "pay_missing" for f in data["findings"])


def test_cli_title_option() -> None:
    result = CliRunner().invoke(jd, ["lint", str(FIXTURES / "analyst_plain.txt"), "--title", "Director of RevOps",
                                     "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["title_level"] == "director"


@pytest.mark.parametrize("content", [None, b"", b"  \n\n", b"%PDF-1.4\x00\x01\x02binary", b"\xff\xfe\xfa bad"])
def test_cli_exit_2_on_bad_input(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "jd.md"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(jd, ["lint", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and result.output.startswith("Error: ")


def test_a_line_two_rungs_above_is_always_a_finding() -> None:
    # an analyst JD whose one line is board-level work: the wording alone makes it a finding
    jd = ("# Sales Operations Analyst\n\n## Responsibilities\n\n"
          "- Maintain the weekly pipeline reports in Salesforce.\n"
          "- Fix duplicate accounts and missing close dates.\n"
          "- Present the GTM strategy to the board every quarter.\n\n"
          "## Requirements\n\n- 1-2 years of experience with Excel and Salesforce reports.\n")
    result = lint_jd(jd)
    line = jd.splitlines().index("- Present the GTM strategy to the board every quarter.") + 1
    hits = [f for f in result.findings if f.line == line and f.code == "scope_above_level"]
    assert hits and hits[0].severity == "error"
    assert not [f for f in result.findings if f.code == "scope_above_level" and f.line != line]


# --------------------------------------------------------------------------------------------------
# The board line in an analyst JD (issue 18): always a finding, on its own line, from text, PDF and DOCX

BOARD = "Present the GTM strategy to the board every quarter."
ANALYST_JD = ["Sales Operations Analyst", "Responsibilities",
              "- Maintain the weekly pipeline reports and dashboards in Salesforce.",
              f"- {BOARD}",
              "- Set the quota for each rep and each territory.",
              "- Build ad hoc reports for the regional sales managers.",
              "Requirements", "- 1-3 years of experience with Excel, SQL and Salesforce reports."]


def _board_findings(output: str) -> list[str]:
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.rstrip().endswith(BOARD))
    below = []
    for line in lines[at + 1:]:
        if not line.strip().startswith("^"):
            break
        below.append(line)
    return below


def test_board_line_in_an_analyst_jd_is_a_finding_library() -> None:
    text = "\n".join(ANALYST_JD)
    result = lint_jd(text)
    line = ANALYST_JD.index(f"- {BOARD}") + 1
    hits = [f for f in result.findings if f.line == line]
    assert [f.code for f in hits] == ["scope_above_level"] and hits[0].severity == "error"
    assert "Cut it, move it to" in hits[0].message  # with its fix
    # the not-yet item sits on the quota line, not on the board line or elsewhere
    not_yet = [f for f in result.findings if f.code == "not_yet_owned"]
    assert [f.line for f in not_yet] == [ANALYST_JD.index("- Set the quota for each rep and each territory.") + 1]
    assert all(f.text == text.splitlines()[f.line - 1] for f in result.findings if f.line is not None)


def test_board_line_in_an_analyst_jd_is_a_finding_cli(tmp_path: Path) -> None:
    path = tmp_path / "analyst.md"
    path.write_text("\n".join(ANALYST_JD) + "\n", encoding="utf-8")
    result = CliRunner().invoke(jd, ["lint", str(path)])
    assert result.exit_code == 1, result.output
    below = _board_findings(result.output)
    assert below and "error: scope_above_level" in below[0]


def test_jd_lint_reads_pdf_and_docx(make_pdf: Any, make_docx: Any) -> None:
    # the PDF wraps the board line over two lines: it is rebuilt into one sentence before it is read
    wrapped = [line for line in ANALYST_JD if line != f"- {BOARD}"]
    at = ANALYST_JD.index(f"- {BOARD}")
    pdf = make_pdf([*wrapped[:at], "- Present the GTM strategy to the board every", "quarter.", *wrapped[at:]],
                   name="jd.pdf")
    docx = make_docx([("Sales Operations Analyst", "Title"), ("Responsibilities", "Heading 1"),
                      *ANALYST_JD[2:6], ("Requirements", "Heading 1"), ANALYST_JD[7]], name="jd.docx")
    for path in (pdf, docx):
        result = CliRunner().invoke(jd, ["lint", str(path)])
        assert result.exit_code == 1, (path.name, result.output)
        assert "content level: analyst" in result.output, result.output
        below = _board_findings(result.output)
        assert below and "error: scope_above_level" in below[0], (path.name, result.output)


def test_a_title_two_rungs_from_the_content_is_an_error() -> None:
    text = "\n".join(["Director of Sales Operations", *ANALYST_JD[1:3], *ANALYST_JD[5:]])
    result = lint_jd(text)
    assert result.level.level == "analyst"
    hits = [f for f in result.findings if f.code == "title_level_mismatch"]
    assert len(hits) == 1 and hits[0].severity == "error" and hits[0].line == 1


@pytest.mark.parametrize(("suffix", "says"), [(".pdf", "not a PDF"), (".docx", "not a DOCX")])
def test_a_damaged_pdf_or_docx_jd_is_named_as_one(tmp_path: Path, suffix: str, says: str) -> None:
    path = tmp_path / f"jd{suffix}"
    path.write_bytes(bytes(range(256)) * 8)  # binary, and not the format its name says
    result = CliRunner().invoke(jd, ["lint", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and "binary file" not in lines[0], result.output
