"""The per-skill classifier (skillmatch/extract/classifier.py) on synthetic text, with the real MiniLM model."""

from __future__ import annotations

import io
from dataclasses import replace

import numpy as np
import pytest

from skillmatch import extract_skills
from skillmatch.embed import get_embedder
from skillmatch.errors import DataError
from skillmatch.extract.classifier import SkillModel, default_model
from skillmatch.extract.mentions import ExtractSettings, core_skills, score_text

LISTING = """Revenue Operations Manager
Requirements
- You have led teams through new processes and tools and won buy-in from sales leaders for the change
- Excellent written and verbal communication skills
Benefits
- Generous paid time off and a learning budget
We are an equal opportunity employer and do not discriminate on the basis of race, religion or gender.
"""


def test_the_bundled_weights_load_as_plain_arrays():
    model = default_model()
    assert model is not None
    assert model.weights.shape == (len(model.core_ids), model.dimension + len(model.kinds) + len(model.core_ids)
                                   + len(model.vocabulary))
    assert np.all((model.thresholds > 0) & (model.thresholds < 1))


def test_a_change_management_requirement_is_found_and_the_eeo_line_is_not():
    mentions = extract_skills(LISTING)
    by_line: dict[int, set[str]] = {}
    for m in mentions:
        by_line.setdefault(m.line, set()).update(core_skills([m]))
    assert "change_management" in by_line.get(3, set())
    assert "cross_team_communication" in by_line.get(4, set())
    assert not set(by_line) & {5, 6, 7}


def test_classifier_probabilities_separate_a_requirement_from_an_eeo_sentence():
    scored = score_text(LISTING)
    assert scored.model_probs is not None
    j = scored.model_ids.index("change_management")
    rows = dict(zip(scored.unit_lines, scored.model_probs[:, j], strict=True))
    assert rows[3] >= scored.model_thresholds[j]
    # the EEO line is boilerplate, so extraction never embeds it; given to the classifier itself, as a
    # requirement, it is still no skill
    model = default_model()
    assert model is not None
    eeo = "We are an equal opportunity employer and do not discriminate on the basis of race or gender."
    probs = model.probabilities(model.features(get_embedder().encode([eeo]), ["requirements"], [set()], [eeo]))
    assert not np.any(probs[0] >= model.thresholds)


def test_off_adds_nothing_and_add_keeps_the_alias_mentions():
    text = "Requirements\n- Drive adoption of the new forecasting process across the sales team and its managers"
    scored = score_text(text)
    base = ExtractSettings.default()
    off = scored.select(replace(base, classifier="off"))
    add = scored.select(replace(base, classifier="add"))
    assert {(m.skill_id, m.line) for m in off} <= {(m.skill_id, m.line) for m in add}
    assert all(m.method != "classifier" for m in off)


def test_bad_weights_are_a_data_error():
    buf = io.BytesIO()
    np.savez(buf, core_ids=np.array(["sql"]), kinds=np.array(["body"]), weights=np.zeros((1, 3), np.float32),
             bias=np.zeros(2, np.float32), thresholds=np.zeros(1, np.float32),
             embedding_model=np.array("m"), trained_on=np.array(""))
    buf.seek(0)
    with pytest.raises(DataError):
        SkillModel.load(buf)
    with pytest.raises(DataError):
        SkillModel.load(io.BytesIO(b"not an npz file"))


def test_terms_are_words_and_word_pairs_with_plurals_folded():
    from skillmatch.extract.classifier import terms

    assert terms("Set quotas and carve Territories") >= {"quota", "territorie", "set quota", "carve territorie"}
    assert "process" in terms("process")  # a double s is not a plural


def test_a_model_with_a_vocabulary_needs_the_units_texts():
    model = default_model()
    assert model is not None and model.vocabulary
    with pytest.raises(ValueError, match="texts"):
        model.features(np.zeros((1, model.dimension), np.float32), ["body"], [set()])


def test_context_mask_needs_one_of_the_words_as_terms_reads_them():
    from skillmatch.extract.classifier import context_mask

    texts = ["Build weekly dashboards of bookings and win rates", "Build dashboards of campaign results",
             "Own the Sales reports"]
    mask = context_mask(texts, ["pipeline_reporting", "sql"], {"pipeline_reporting": ["Bookings", "sales"]})
    assert mask.tolist() == [[1.0, 1.0], [0.0, 1.0], [1.0, 1.0]]


def test_pipeline_reporting_needs_the_sales_object_the_guide_names():
    settings = ExtractSettings.default()
    assert "pipeline_reporting" in settings.classifier_needs
    text = ("Requirements\n- Build and own weekly pipeline and bookings dashboards for sales leaders\n"
            "- Build and own weekly dashboards of campaign engagement for the marketing team\n")
    scored = score_text(text)
    assert scored.model_probs is not None and scored.unit_texts
    found = {m.line for m in scored.select(settings) if m.skill_id == "pipeline_reporting"}
    assert found == {2}
    # the mask is the passed settings' rule: a classifier sure of every line grants line 3 only without it
    sure = replace(scored, model_probs=np.ones_like(scored.model_probs))
    assert {m.line for m in sure.select(settings) if m.skill_id == "pipeline_reporting"} == {2}
    bare = replace(settings, classifier_needs={})
    assert {m.line for m in sure.select(bare) if m.skill_id == "pipeline_reporting"} == {2, 3}


def test_under_the_gate_an_alias_still_decides_the_ids_the_guide_defines_by_naming_a_tool():
    settings = ExtractSettings.default()
    assert settings.classifier == "gate" and "crm_literacy" in settings.named_by_alias
    text = ("About the role\nYou will keep our books in order and support the team.\n\nRequirements\n"
            "- You have experience with SFDC, Tableau and Excel from a previous operations job\n"
            "- Strong knowledge of web analytics, CRMs and ad managers\n")
    scored = score_text(text)
    assert scored.model_probs is not None
    named = {(m.skill_id, m.line) for m in scored.select(replace(settings, classifier="off"))
             if m.method == "alias" and core_skills([m]) & set(settings.named_by_alias)}
    assert {line for _, line in named} == {5, 6}
    # a classifier that confirms nothing: the gate keeps the named ids' aliases, and only with the setting
    unsure = replace(scored, model_probs=np.zeros_like(scored.model_probs))
    assert named <= {(m.skill_id, m.line) for m in unsure.select(settings)}
    assert not named & {(m.skill_id, m.line) for m in unsure.select(replace(settings, named_by_alias=()))}
