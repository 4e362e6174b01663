"""Resume lines read as a resume, not as a job listing (skillmatch.extract.mentions, ``resume=True``).

Shapes from the real resume PDFs (synthetic text): a skills list item that names a listing's boilerplate
heading ("Compensation/benefits administration") must not turn the rest of the resume into an employer
blurb; "Excel in customer service" is the verb, not the spreadsheet.
"""

from __future__ import annotations

from skillmatch.extract.mentions import alias_mentions, content_lines
from skillmatch.nlp import line_kinds

RESUME = """ADMINISTRATION MANAGER
Core Qualifications
Compensation/benefits administration
Change management
Spreadsheet development
Experience
Wrote the office procedures handbook and trained new staff on it.
Skills
Proven written and oral communication skills"""


def test_a_benefits_item_does_not_hide_the_rest_of_a_resume() -> None:
    lines = RESUME.splitlines()
    assert line_kinds(lines)[3] == "boilerplate"  # as a listing: the benefits blurb starts there
    assert "boilerplate" not in line_kinds(lines, resume=True)
    kept = {text for _, text in content_lines(lines, lines, resume=True)}
    assert {"Change management", "Spreadsheet development"} <= kept
    found = {m.skill_id for m in alias_mentions(RESUME, resume=True)}
    assert {"change_management", "spreadsheets", "cross_team_communication"} <= found
    assert not {m.skill_id for m in alias_mentions(RESUME)} & {"change_management", "spreadsheets"}


def test_boilerplate_lines_still_do_not_count_on_a_resume() -> None:
    lines = ["Skills", "401(k) and medical insurance benefits enrollment in Excel"]
    assert line_kinds(lines, resume=True)[1] == "boilerplate"


def test_excel_the_verb_is_not_the_spreadsheet() -> None:
    for text in ("Excel in customer service", "• Excel at multitasking", "Quick learner; excel in sales"):
        assert not alias_mentions(f"Skills\n{text}", resume=True), text
    for text in ("Excel, Word, PowerPoint", "Proficient in Excel in a team", "MS Excel at work",
                 "Built the ledger in Excel"):
        assert {m.skill_id for m in alias_mentions(f"Skills\n{text}", resume=True)} == {"spreadsheets"}, text


def test_the_gate_keeps_the_aliases_of_a_resumes_list_of_names():
    from dataclasses import replace

    import numpy as np

    from skillmatch.extract.mentions import ExtractSettings, core_skills, is_list_line, score_text

    line = "Tableau, Excel, MySQL, SAP, Change Management, Budget forecasting"
    assert is_list_line(line) and is_list_line("Tools: Tableau, Excel, MySQL, SAP")
    assert not is_list_line("Built dashboards in Tableau, Looker and Excel for the sales team")
    settings = ExtractSettings.default()
    for resume, expected in ((True, {"change_management", "forecasting"}), (False, set())):
        scored = score_text("Skills\n" + line + "\n", resume=resume)
        assert scored.model_probs is not None and scored.unit_lines == (2,)
        # a classifier that confirms nothing: only a resume's list keeps its aliases
        unsure = replace(scored, model_probs=np.zeros_like(scored.model_probs))
        found = core_skills(unsure.select(settings)) - set(settings.named_by_alias)
        assert found == expected, resume
