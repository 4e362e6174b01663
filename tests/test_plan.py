"""The plan (`skillmatch plan`, `skillmatch.plan_career`): gaps with steps and examples, rewrites that keep a
line's facts, fit checks, the plans file's validation, and the Plan section of the reports and the web."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from skillmatch import CareerPlan, DataError, Report, analyze_resume, plan_career
from skillmatch.cli import cli
from skillmatch.planning import load_plans, plan_to_markdown, tool_names
from skillmatch.taxonomy import LEVEL_IDS, load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
RESUMES = ROOT / "tests" / "fixtures" / "resumes"
EXPECTED = json.loads((RESUMES / "EXPECTED.json").read_text(encoding="utf-8"))
BACKGROUND_FIXTURES = sorted(name for name, exp in EXPECTED.items() if exp["background"])
DIRECTOR_TIER = {"gtm_model_design", "capacity_planning", "change_management", "board_narrative",
                 "cross_functional_alignment"}
PLANS = ROOT / "data" / "plans.yaml"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {name: analyze_resume(RESUMES / name) for name in EXPECTED}


def digits(text: str) -> Counter[str]:
    return Counter(re.findall(r"\d+", text))


def quoted(suggestion: str) -> str:
    """The reworded line inside a suggestion."""
    m = re.search(r"\u201c(.*)\u201d$", suggestion)
    assert m, suggestion
    return m.group(1)


# --- gaps ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", BACKGROUND_FIXTURES)
def test_plan_starts_with_the_backgrounds_typical_gaps(reports: dict[str, Report], name: str) -> None:
    report = reports[name]
    assert report.background is not None and report.background.id == EXPECTED[name]["background"]
    plan = plan_career(report)
    assert plan.target == report.next_level
    typical = list(report.background.typical_gaps)
    firsts = [g for g in plan.gaps if g.typical]
    assert firsts, f"{name}: no typical gap in the plan"
    # the typical gaps come first, in the background's order, and nothing else comes before them
    assert [g.id for g in plan.gaps[:len(firsts)]] == [g.id for g in firsts]
    assert [g.id for g in firsts] == [t for t in typical if t in {g.id for g in firsts}]
    assert all(g.id in typical for g in firsts)
    assert all("typical gap for a" in g.why for g in firsts)
    assert plan.fit_checks and len(plan.fit_checks) == 4  # a switcher gets the fit checks


def test_manager_toward_director_gets_director_tier_gaps(reports: dict[str, Report]) -> None:
    report = reports["level_manager.txt"]
    assert report.best_level == "manager"
    plan = plan_career(report, "director")
    ids = [g.id for g in plan.gaps]
    # the resume shows part of the tier by the guide (the forecast sent to the VP Sales and CFO, capacity
    # numbers for the annual plan), not the rollout-led change or the cross-functional alignment
    assert {"change_management", "cross_functional_alignment"} <= set(ids)
    assert ids[0] in DIRECTOR_TIER  # the level's own tier ranks first
    taxonomy = load_taxonomy()
    for g in plan.gaps:
        assert g.steps and all(s.text and s.effort for s in g.steps)
        assert 2 <= len(g.examples) <= 3
        skill = taxonomy.get(g.id)
        assert skill is not None
        assert "Director of Sales Operations" in g.why
    for g in plan.gaps:
        if g.id in DIRECTOR_TIER:
            assert "first expected at this level" in g.why


def test_cli_plan_json_shape(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["plan", str(RESUMES / "level_manager.txt"), "--target", "director",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["target", "gaps", "rewrites", "fit_checks"]
    assert data["target"] == "director"
    assert data["gaps"] and all(list(g) == ["id", "name", "why", "examples", "steps", "listing_share"]
                                for g in data["gaps"])
    assert all(list(s) == ["text", "effort"] for g in data["gaps"] for s in g["steps"])
    assert all(g["listing_share"] is None for g in data["gaps"])  # no listings database
    assert all(list(r) == ["line", "text", "reads_as", "suggestion", "changes"] for r in data["rewrites"])
    lines = (RESUMES / "level_manager.txt").read_text(encoding="utf-8").splitlines()
    assert all(r["text"] == lines[r["line"] - 1] for r in data["rewrites"])  # verbatim


def test_cli_plan_md_and_text_and_bad_target() -> None:
    runner = CliRunner()
    md = runner.invoke(cli, ["plan", str(RESUMES / "bg_fpa.txt"), "--format", "md"])
    assert md.exit_code == 0, md.output
    assert md.stdout.startswith("# Plan: toward Director of Sales Operations")
    assert "- [ ] " in md.output and "## Fit checks" in md.output and "examples only" in md.output
    text = runner.invoke(cli, ["plan", str(RESUMES / "bg_fpa.txt")])
    assert text.exit_code == 0 and "Gaps, most important first:" in text.output
    bad = runner.invoke(cli, ["plan", str(RESUMES / "bg_fpa.txt"), "--target", "ceo"])
    assert bad.exit_code == 2


def test_unknown_target_is_an_input_error(reports: dict[str, Report]) -> None:
    from skillmatch import InputError

    with pytest.raises(InputError, match="unknown target level"):
        plan_career(reports["level_manager.txt"], "chief")


# --- rewrites --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["manager", "director", "vp"])
def test_rewrites_keep_numbers_and_tools_and_ask(reports: dict[str, Report], target: str) -> None:
    taxonomy = load_taxonomy()
    seen = 0
    for name, report in reports.items():
        plan = plan_career(report, target)
        for r in plan.rewrites:
            seen += 1
            new = quoted(r.suggestion)
            assert digits(new) == digits(r.text), (name, r.text, new)
            for tool in tool_names(r.text, taxonomy):
                assert tool in new, (name, tool, new)
            assert r.suggestion.split("If so")[0].strip().endswith("?")  # asked, never claimed
            assert r.changes and set(r.changes) <= {"agency", "reach", "audience"}
            assert LEVEL_IDS.index(r.reads_as) < LEVEL_IDS.index(target)
    assert seen, f"no rewrite at all toward {target}"


@pytest.mark.parametrize("target", ["manager", "director", "vp"])
def test_a_line_already_at_the_target_gets_none(reports: dict[str, Report], target: str) -> None:
    for report in reports.values():
        assert report.estimate is not None
        plan = plan_career(report, target)
        at_target = {r.line for r in report.estimate.lines
                     if r.level is not None and LEVEL_IDS.index(r.level) >= LEVEL_IDS.index(target)}
        assert not at_target & {r.line for r in plan.rewrites}


def test_rewrite_changes_only_the_named_dimensions(reports: dict[str, Report]) -> None:
    plan = plan_career(reports["level_manager.txt"], "director")
    assert plan.rewrites
    for r in plan.rewrites:
        body = re.sub(r"^\s*[*\-•]\s*", "", r.text)
        new = quoted(r.suggestion)
        if "agency" not in r.changes:
            assert new.split()[0] == body.split()[0]  # the verb stays
        else:
            assert new.split()[0] != body.split()[0]
        if {"reach", "audience"} & set(r.changes):
            assert len(new.split()) > len(body.split())
        rest = body.split(" ", 1)[1]
        assert all(w in new for w in rest.replace(";", " ").split())  # every other word is kept


# --- the plans file --------------------------------------------------------------------------------------------


def test_bundled_plans_validate() -> None:
    plans = load_plans()
    taxonomy = load_taxonomy()
    assert all(plans.steps_for(s) for s in taxonomy)  # every skill has steps (its own, or its core skill's)
    cert = " ".join(s.text for s in plans.steps["salesforce_admin"])
    assert "Salesforce Certified Administrator" in cert and "12-18 months" in cert
    assert any(s.kind == "credential" for s in plans.steps["salesforce_admin"])


def write(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(PLANS.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "plans.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def skill(data: dict, sid: str) -> dict:  # type: ignore[type-arg]
    return next(s for s in data["skills"] if s["id"] == sid)


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d.pop("version"), "missing 'version'"),
    (lambda d: skill(d, "sql")["steps"][0].update(kind="webinar"), r"skills\[sql\]\.steps\[0\]: kind 'webinar'"),
    (lambda d: skill(d, "sql")["steps"][1].pop("effort"), r"skills\[sql\]\.steps\[1\]: missing or empty 'effort'"),
    (lambda d: skill(d, "forecasting").update(steps=[]), r"skills\[forecasting\]: 'steps' must be a list"),
    (lambda d: d["skills"].append({"id": "juggling", "steps": [{"text": "x", "effort": "y", "kind": "course"}]}),
     r"skills\[juggling\]: skill 'juggling' is not in the taxonomy"),
    (lambda d: d.update(skills=[s for s in d["skills"] if s["id"] != "deal_desk"]),
     r"skills: core skill 'deal_desk' has no steps"),
    (lambda d: d["wording"]["director"]["agency"].update(grade="boss"), r"wording\[director\]\.agency: grade 'boss'"),
    (lambda d: d["wording"]["vp"]["audience"].update(question="It reached the board."),
     r"wording\[vp\]\.audience: 'question' must be a question"),
    (lambda d: d["wording"]["manager"]["reach"].update(words="for 40 reps"),
     r"wording\[manager\]\.reach: 'words' may not hold numbers"),
    (lambda d: d["fit_checks"][0].pop("why"), r"fit_checks\[ambiguous_data\]: missing or empty 'why'"),
])
def test_a_bad_plans_file_names_the_file_and_the_entry(tmp_path: Path, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, mutate)
    with pytest.raises(DataError, match=re.escape(str(path)) + ": " + message):
        load_plans(path)


def test_cli_plan_with_a_bad_plans_file(tmp_path: Path) -> None:
    path = write(tmp_path, lambda d: skill(d, "sql")["steps"][0].update(kind="webinar"))
    result = CliRunner().invoke(cli, ["plan", str(RESUMES / "level_manager.txt"), "--plans", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.output and "skills[sql]" in result.output and "Traceback" not in result.output


def test_a_users_own_plans_file_is_used(tmp_path: Path, reports: dict[str, Report]) -> None:
    def mutate(d: dict) -> None:  # type: ignore[type-arg]
        skill(d, "change_management")["steps"] = [{"text": "Shadow the rollout of the next sales tool.",
                                                   "effort": "two weeks", "kind": "practice"}]

    plan = plan_career(reports["level_manager.txt"], "director", plans_path=write(tmp_path, mutate))
    gap = next(g for g in plan.gaps if g.id == "change_management")
    assert [s.text for s in gap.steps] == ["Shadow the rollout of the next sales tool."]


# --- the reports -----------------------------------------------------------------------------------------------


def test_plan_section_in_markdown_and_html(reports: dict[str, Report]) -> None:
    from bs4 import BeautifulSoup

    from skillmatch.report.render import to_html, to_markdown

    report = reports["bg_fpa.txt"]
    plan = plan_career(report)
    assert isinstance(plan, CareerPlan)
    md = to_markdown(report)
    assert "## Plan: toward Director of Sales Operations" in md and "### Fit checks" in md
    assert plan_to_markdown(plan, heading=2).strip() in md
    soup = BeautifulSoup(to_html(report), "html.parser")
    section = soup.find("section", id="plan")
    assert section is not None
    assert [li["data-skill"] for li in section.select("ol.plan-gaps > li")] == [g.id for g in plan.gaps]
    assert len(section.select("ul.fit > li")) == 4
    ids = [s["id"] for s in soup.find_all("section") if s.has_attr("id")]
    assert ids.index("plan") == ids.index("background") + 1  # beside the background


def test_web_plan_page_and_report_section(reports: dict[str, Report]) -> None:
    import base64

    from bs4 import BeautifulSoup
    from skillmatch.web import create_app

    client = create_app({"TESTING": True, "DATABASE": None, "WTF_CSRF_ENABLED": False}).test_client()
    assert client.get("/plan").status_code == 200
    data = (RESUMES / "level_manager.txt").read_bytes()
    resp = client.post("/plan", data={"resume": (__import__("io").BytesIO(data), "cv.txt"), "target": "director"},
                       content_type="multipart/form-data")
    assert resp.status_code == 200
    soup = BeautifulSoup(resp.get_data(as_text=True), "html.parser")
    section = soup.find("section", id="plan")
    assert section is not None and "Director of Sales Operations" in section.find("h2").get_text()
    link = section.find("a", download="skillmatch-plan.md")
    assert link is not None and link["href"].startswith("data:text/markdown")
    checklist = base64.b64decode(link["href"].split(",", 1)[1]).decode("utf-8")
    assert checklist.startswith("# Plan: toward Director of Sales Operations") and "- [ ] " in checklist
    assert soup.find("script", src=False) is None  # nothing inline
    report = client.post("/report", data={"resume": (__import__("io").BytesIO(data), "cv.txt")},
                         content_type="multipart/form-data")
    assert report.status_code == 200
    rsoup = BeautifulSoup(report.get_data(as_text=True), "html.parser")
    assert rsoup.find("section", id="plan") is not None
    assert client.post("/plan", data={}, content_type="multipart/form-data").status_code == 400


def test_readme_example_plan() -> None:
    """The README's command: `skillmatch plan data/examples/example_resume.pdf --format md`."""
    result = CliRunner().invoke(cli, ["plan", str(ROOT / "data" / "examples" / "example_resume.pdf"), "--format", "md"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("# Plan: toward Sales Operations Manager\n\nReads as Sales Operations Analyst today; "
                          "background: Business analyst.")
    first = out.split("### 1. ", 1)[1].splitlines()[0]
    assert first.endswith("(typical for your background)")
    assert "Salesforce" not in first or "Certified Administrator" in out
    assert "## Lines that undersell" in out and "## Fit checks: questions to answer for yourself" in out
