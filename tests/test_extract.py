"""Skill extraction with the real spaCy and MiniLM models (loaded once per test run)."""

from __future__ import annotations

import pytest

from skillmatch import extract_skills, load_taxonomy
from skillmatch.extract.mentions import core_skills

RESUME = """Dana Example
Revenue Analyst, Example Co (2020 - 2024)
- Built weekly pipeline dashboards in Tableau for the sales leadership team
- Wrote SQL queries against the warehouse to answer questions from account executives
- Designed the annual commission plan and modeled payout scenarios in Excel
- Cleaned up duplicate accounts and contacts in Salesforce every month
"""

LISTING = """Sales Operations Analyst
What you'll do
- Own the weekly forecast call prep and pipeline reporting for our sales leaders
- Configure Salesforce fields, validation rules and flows
Benefits
- Salesforce training budget and a Tableau licence for everyone
- Comprehensive medical, dental and vision insurance
We are an equal opportunity employer and value SQL diversity at our company.
"""


def test_mentions_are_verbatim_lines():
    lines = RESUME.splitlines()
    mentions = extract_skills(RESUME)
    assert mentions
    for m in mentions:
        assert m.text == lines[m.line - 1]
        assert m.method in ("alias", "embedding", "classifier") and 0 < m.score <= 1


def test_core_skills_found_with_their_lines():
    mentions = extract_skills(RESUME)
    found = core_skills(mentions)
    assert {"bi_tools", "sql", "comp_plan_design", "spreadsheets", "crm_literacy", "data_quality",
            "pipeline_reporting"} <= found
    by_skill = {m.skill_id: m.line for m in mentions}
    assert by_skill["bi_tools"] == 3 and by_skill["sql"] == 4


def test_finer_skill_counts_as_its_parent():
    tax = load_taxonomy()
    mentions = extract_skills("Administered Xactly commission calculations for 300 reps.")
    ids = {m.skill_id for m in mentions}
    assert "commission_administration" in ids
    assert tax.get("commission_administration").core_id == "comp_plan_design"  # type: ignore[union-attr]
    assert {"comp_plan_design", "sales_tech_stack"} <= core_skills(mentions)


def test_boilerplate_never_counts():
    mentions = extract_skills(LISTING)
    lines = {m.line for m in mentions}
    assert {3, 4} <= lines  # the two responsibilities
    assert not lines & {5, 6, 7, 8}  # the benefits heading, its lines, and the EEO line
    assert "bi_tools" not in core_skills(mentions)


@pytest.mark.parametrize("text, core", [
    ("Wrote step-by-step written procedures for how reps log calls and update deals.", "documentation"),
    ("Brought sales, marketing and finance onto one shared plan and one set of targets.",
     "cross_functional_alignment"),
])
def test_embedding_finds_a_skill_without_its_alias(text, core):
    mentions = extract_skills(text)
    assert core in core_skills(mentions)
    assert all(m.method == "embedding" for m in mentions)


@pytest.mark.parametrize("text", [
    "Line cook at a busy downtown bistro.\n- Prepared 200 covers a night on the grill station\n"
    "- Kept the walk-in fridge stocked and rotated",
    "Strong attention to detail.\nA collaborative, team-first attitude.",
    "Nurse on a cardiac ward, caring for twelve patients per shift.",
])
def test_text_without_skills_gets_no_mention(text):
    assert extract_skills(text) == []


def test_communication_skills_are_cross_team_communication():
    # the skills guide: "excellent written and verbal communication" asks for cross_team_communication
    mentions = extract_skills("Excellent verbal and written communication skills.")
    assert core_skills(mentions) == {"cross_team_communication"}


@pytest.mark.parametrize(("line", "core"), [
    ("Own territory and quota models for the annual plan.", "territory_quota_modeling"),
    ("Run the deal desk: quote approvals and non-standard terms.", "deal_desk"),
    ("Work cross-functionally with marketing, finance and customer success on the plan.",
     "cross_functional_alignment"),
    ("Keep CRM data hygiene high: dedupe accounts and contacts monthly.", "data_quality"),
])
def test_judgement_skills_found_by_their_usual_wording(line, core):
    assert core in core_skills(extract_skills(line))


def test_selling_against_a_quota_is_not_territory_modeling():
    mentions = extract_skills("Consistently exceed your quarterly quota by closing new business.")
    assert "territory_quota_modeling" not in core_skills(mentions)


def test_longest_alias_wins():
    mentions = extract_skills("Defined the MQL to SQL handoff with marketing.")
    assert "sql" not in {m.skill_id for m in mentions}


def test_excel_the_verb_is_not_excel_the_tool():
    mentions = extract_skills("You will learn and excel in a fast-paced team of sellers.")
    assert "spreadsheets" not in core_skills(mentions)


@pytest.mark.parametrize(("line", "core"), [
    ("Strong analytical skills, proficient in excel and Python.", "spreadsheets"),
    ("Comfortable with Docs, Slides and Sheets.", "spreadsheets"),
    ("Experience with relational databases and reporting.", "sql"),
])
def test_tool_named_in_lower_case_or_by_its_family(line, core):
    assert core in core_skills(extract_skills(line))


def test_sections_are_read_from_their_headings():
    from skillmatch.nlp import line_kinds

    lines = ["✅ Your mission:", "  - Own the weekly forecast", "  - SQL skills and experience",
             "You’ll be a great fit if you have:", "  - Five years in sales operations",
             "Our mission", "We build software.", "Benefits", "  - Dental cover"]
    assert line_kinds(lines) == ["heading", "responsibilities", "responsibilities", "heading", "requirements",
                                 "heading", "boilerplate", "heading", "boilerplate"]
