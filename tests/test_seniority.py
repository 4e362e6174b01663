"""Line-level seniority: agency, reach, audience and people read from the wording, not the topic."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from skillmatch import infer_level
from skillmatch.errors import DataError
from skillmatch.level.lines import load_seniority, read_lines, years_level
from skillmatch.level.model import OrdinalModel, load_level_model

DATA = Path(__file__).resolve().parents[1] / "data"


def reading(text: str):
    return read_lines([(1, text)])[0]


@pytest.mark.parametrize("text, agency", [
    ("- Participate in the annual planning process", "support"),
    ("Assist the team with the quarterly quota refresh", "support"),
    ("Build weekly pipeline dashboards in Tableau", "deliver"),
    ("Owned the quarterly forecast call for 45 reps", "own"),
    ("- Define the long-term go-to-market model", "define"),
    ("Experience building processes in a fast-growing environment", "deliver"),
])
def test_agency_comes_from_the_head_verb(text, agency):
    assert reading(text).grade("agency").name == agency


def test_same_topic_different_seniority():
    # the topic (annual planning) is the same; the wording is not
    junior = reading("Participate in the annual planning process")
    senior = reading("Own the annual plan with the CFO and present it to the board")
    assert junior.level == "analyst"
    assert senior.level in ("director", "vp")
    assert senior.score > junior.score + 1
    assert senior.grade("audience").name == "board"
    assert "agency: own" in senior.reason and "audience: board" in senior.reason


def test_reach_is_read_on_the_object():
    assert reading("Maintain the lead routing reports").grade("reach").name == "record"
    assert reading("Set the strategy for the revenue operations function").grade("reach").name == "function"
    # "company" outside the verb's object is no reach: a company blurb reads nothing
    assert reading("Company Description").score is None


@pytest.mark.parametrize("text, people", [
    ("Lead a team of four analysts", "team"),
    ("5+ years of experience, 2+ years managing people", "team"),
    ("Mentor new hires on Salesforce reporting", "mentor"),
    ("Build and scale a global sales operations organization", "organization"),
])
def test_people_leadership(text, people):
    assert reading(text).grade("people").name == people


def test_lines_without_seniority_wording_read_nothing():
    r = reading("Strong Excel skills and working knowledge of SQL")
    assert r.score is None and r.level is None and r.probabilities == {}


def test_reading_keeps_the_line_verbatim_and_sums_to_one():
    text = "  - Owned the quarterly forecast call for 45 reps"
    r = read_lines([(7, text)])[0]
    assert r.text == text and r.line == 7
    assert sum(r.probabilities.values()) == pytest.approx(1.0)
    assert r.to_dict()["agency"] == "own"


def test_years_sit_on_the_ladder_in_order():
    values = [years_level(y) for y in (0, 2, 4, 6, 8, 10, 12, 20)]
    assert values == sorted(values) and values[0] == 0 and values[-1] == 3


def test_infer_level_lines_and_score_order_two_roles_of_one_family():
    analyst = ("Responsibilities\n- Support reps with Salesforce requests and data fixes\n"
               "- Maintain the weekly pipeline reports\n- Assist with the quarterly territory refresh\n"
               "Requirements\n- 1-2 years of experience in sales operations\n")
    director = ("Responsibilities\n- Build and lead the sales operations team\n"
                "- Own the annual operating plan with the CFO\n- Present revenue performance to the board\n"
                "Requirements\n- 10+ years of experience, 4+ years leading teams\n")
    a, d = infer_level(analyst), infer_level(director)
    assert d.score > a.score
    assert a.level == "analyst" and d.level in ("director", "vp")
    assert any(e.reason == "seniority" for e in d.evidence)
    lines = director.splitlines()
    for r in d.lines:
        assert lines[r.line - 1] == r.text


def test_bad_lexicon_names_the_file_and_the_entry(tmp_path):
    bad = tmp_path / "seniority.yaml"
    raw = (DATA / "seniority.yaml").read_text(encoding="utf-8")
    bad.write_text(raw.replace("  own:\n    level: 1.7", "  own:\n    level: high"), encoding="utf-8")
    with pytest.raises(DataError, match=r"seniority\.yaml: agency\.own: needs a numeric 'level'"):
        load_seniority(str(bad))
    dup = tmp_path / "dup.yaml"
    dup.write_text(raw.replace("terms: [own, lead,", "terms: [own, assist, lead,"), encoding="utf-8")
    with pytest.raises(DataError, match=r"dup\.yaml: agency\.own: 'assist' is also in support"):
        load_seniority(str(dup))


def test_level_model_is_plain_json_and_ordinal():
    raw = json.loads((DATA / "level_model.json").read_text(encoding="utf-8"))
    assert raw["kind"] == "ordinal-logit"
    model = load_level_model()
    assert isinstance(model, OrdinalModel)
    assert list(model.cuts) == sorted(model.cuts)
    p = model.proba_from_score(np.linspace(-10, 10, 41))
    assert np.allclose(p.sum(axis=1), 1)
    expected = p @ np.arange(4)
    assert np.all(np.diff(expected) > 0)  # a higher score never reads as a lower level
    with pytest.raises(ValueError):
        OrdinalModel.from_dict({**raw, "cuts": raw["cuts"][:1]})


# Lines with no word that could head them skip the parse; the reading is the same as with it.
GATE_LINES = [
    "Microsoft Office, public speaking, proficient in Spanish",
    "Psychology Economics Markets and Management",
    "Co-led the annual planning process with the CFO",
    "Oversaw a team of 12 analysts and mentored two managers",
    "Taught basic and advanced Excel classes to 40 reps",
    "Won the President's Club award twice",
    "Drove adoption of Gong across three regions",
    "01/2010 to Current Sales Manager",
    "Spearheading the CPQ rollout; began the deal-desk review",
    "Reporting to the VP of Sales, 5+ years of experience",
]


def test_skipping_the_parse_of_headless_lines_reads_every_line_the_same():
    from skillmatch.level.lines import _may_have_head, default_lexicon, read_line
    from skillmatch.nlp import get_parser, strip_bullet

    lex, nlp = default_lexicon(), get_parser()
    lines = list(enumerate(GATE_LINES, 1))
    gated = read_lines(lines)
    docs = nlp.pipe(strip_bullet(t) for t in GATE_LINES)
    full = [read_line(doc, text, n, lex) for (n, text), doc in zip(lines, docs, strict=True)]
    assert [g.to_dict() for g in gated] == [f.to_dict() for f in full]
    skipped = [t for t in GATE_LINES if not _may_have_head(strip_bullet(t), lex.agency.lemmas, nlp)]
    # the gate does skip some lines (else it saves nothing), and never one with a lexicon verb
    assert "Psychology Economics Markets and Management" in skipped
    assert not any(t.startswith(("Co-led", "Oversaw", "Drove", "Spearheading")) for t in skipped)
