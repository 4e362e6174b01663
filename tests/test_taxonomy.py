"""The bundled data files validate, and a bad file is reported with its file, entry and problem."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from skillmatch import DataError, load_ladder, load_taxonomy
from skillmatch.taxonomy import BACKGROUND_IDS, CORE_IDS, LEVEL_IDS, TIERS, load_backgrounds

SEED_TIERS = {
    "foundational": {"crm_literacy", "spreadsheets", "documentation", "pipeline_reporting",
                     "cross_team_communication"},
    "technical": {"sql", "bi_tools", "salesforce_admin", "comp_plan_design", "territory_quota_modeling"},
    "strategic": {"gtm_model_design", "capacity_planning", "change_management", "board_narrative",
                  "cross_functional_alignment"},
}


def test_core_ids_and_size():
    tax = load_taxonomy()
    assert 40 <= len(tax) <= 80
    assert {s.id for s in tax.core()} == set(CORE_IDS)
    for sid in CORE_IDS:
        skill = tax.get(sid)
        assert skill is not None and skill.parent is None and skill.core_id == sid


@pytest.mark.parametrize("tier", TIERS)
def test_seed_tiers(tier):
    tax = load_taxonomy()
    for sid in SEED_TIERS[tier]:
        assert tax.get(sid).tier == tier  # type: ignore[union-attr]


def test_every_skill_is_complete():
    tax = load_taxonomy()
    ladder = load_ladder()
    pillars = {p.id for p in ladder.pillars}
    for s in tax:
        assert s.parent is None or s.parent in CORE_IDS
        assert s.pillar in pillars and s.expected_from in LEVEL_IDS
        assert 3 <= len(s.evidence) <= 10
    assert tax.version and tax.attribution


def test_ladder_facts():
    ladder = load_ladder()
    assert ladder.ids == LEVEL_IDS
    bands = {lvl.id: (lvl.band.min, lvl.band.max) for lvl in ladder.levels}
    assert bands == {"analyst": (55000, 85000), "manager": (95000, 135000),
                     "director": (140000, 190000), "vp": (200000, 280000)}
    years = {lvl.id: (lvl.years_min, lvl.years_max) for lvl in ladder.levels}
    assert years == {"analyst": (0, 3), "manager": (3, 7), "director": (7, 12), "vp": (12, None)}
    assert ladder.get("vp").band.open_ended
    assert all(lvl.band.bonus_min_pct == 15 and lvl.band.bonus_max_pct == 30 for lvl in ladder.levels)
    assert ladder.next("director").id == "vp" and ladder.next("vp") is None  # type: ignore[union-attr]
    assert not ladder.get("vp").not_yet and all(ladder.get(i).not_yet for i in LEVEL_IDS[:3])


def test_backgrounds():
    bgs = load_backgrounds()
    assert sorted(b.id for b in bgs) == sorted(BACKGROUND_IDS)
    assert all(b.typical_gaps and b.strengths and b.phrases for b in bgs)


def _bundled(name: str) -> dict:
    import importlib.resources

    return yaml.safe_load(importlib.resources.files("skillmatch.data").joinpath(name).read_text("utf-8"))


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "custom.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, message", [
    (lambda d: d["skills"][0].update(tier="expert"), "tier 'expert'"),
    (lambda d: d["skills"][0].update(evidence=["only one"]), "3-10 evidence"),
    (lambda d: d["skills"][-1].update(parent="not_a_skill"), "parent 'not_a_skill'"),
    (lambda d: d.pop("version"), "missing 'version'"),
    (lambda d: d["skills"].append(dict(d["skills"][0])), "duplicate id"),
])
def test_bad_taxonomy_names_file_entry_problem(tmp_path, change, message):
    data = _bundled("taxonomy.yaml")
    change(data)
    path = _write(tmp_path, data)
    with pytest.raises(DataError) as err:
        load_taxonomy(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_bad_ladder_order(tmp_path):
    data = _bundled("ladder.yaml")
    data["levels"].reverse()
    with pytest.raises(DataError, match="in that order"):
        load_ladder(_write(tmp_path, data))


def test_not_yaml(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("skills: [unclosed", encoding="utf-8")
    with pytest.raises(DataError, match="not valid YAML"):
        load_taxonomy(path)


def test_custom_taxonomy_is_used(tmp_path):
    data = _bundled("taxonomy.yaml")
    data["version"] = "custom-1"
    assert load_taxonomy(_write(tmp_path, data)).version == "custom-1"
