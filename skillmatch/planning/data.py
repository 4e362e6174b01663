"""data/plans.yaml: steps per skill, wording per level and fit checks, read and validated into PlanData."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..taxonomy import LEVEL_IDS, DataFile, Skill, Taxonomy, load_taxonomy
from .model import DIMENSIONS, STEP_KINDS, FitCheck, Step

# ------------------------------------------------------------------------------------------ the data file


@dataclass(frozen=True)
class Wording:
    """How one dimension of a line reads at a level: the grade, the question, the verb forms or the words."""

    dimension: str
    grade: str
    level: float  # the grade's place on the ladder (seniority lexicon)
    question: str
    verb: tuple[str, ...] = ()  # base, third person, past, -ing (agency)
    words: str = ""  # added to the line (reach, audience)


@dataclass(frozen=True)
class PlanData:
    version: str
    name: str
    steps: Mapping[str, tuple[Step, ...]]
    wording: Mapping[str, Mapping[str, Wording]]  # level id -> dimension -> wording
    fit_checks: tuple[FitCheck, ...]

    def steps_for(self, skill: Skill) -> tuple[Step, ...]:
        return self.steps.get(skill.id) or self.steps.get(skill.core_id) or ()


def _parse_plans(reader: DataFile, taxonomy: Taxonomy) -> PlanData:
    from ..level.lines import default_lexicon

    lexicon = default_lexicon()
    steps: dict[str, tuple[Step, ...]] = {}
    for item in reader.entries("skills"):
        entry = f"skills[{item['id']}]"
        if taxonomy.get(item["id"]) is None:
            raise reader.fail(entry, f"skill {item['id']!r} is not in the taxonomy")
        raw = item.get("steps")
        if not isinstance(raw, list) or not 1 <= len(raw) <= 5:
            raise reader.fail(entry, "'steps' must be a list of 1-5 steps")
        parsed = []
        for i, step in enumerate(raw):
            where = f"{entry}.steps[{i}]"
            if not isinstance(step, dict):
                raise reader.fail(where, "each step is a mapping with text, effort and kind")
            kind = step.get("kind")
            if kind not in STEP_KINDS:
                raise reader.fail(where, f"kind {kind!r} is not one of {', '.join(STEP_KINDS)}")
            parsed.append(Step(reader.text(step, "text", where).strip(), reader.text(step, "effort", where).strip(),
                               kind))
        steps[item["id"]] = tuple(parsed)
    missing = [s.id for s in taxonomy.core() if s.id not in steps]
    if missing:
        raise reader.fail("skills", f"core skill {missing[0]!r} has no steps")

    raw_wording = reader.data.get("wording")
    if not isinstance(raw_wording, dict):
        raise reader.fail("wording", "expected a mapping of level ids")
    wording: dict[str, dict[str, Wording]] = {}
    for level in LEVEL_IDS[1:]:
        spec = raw_wording.get(level)
        if not isinstance(spec, dict):
            raise reader.fail(f"wording[{level}]", "missing: each level above analyst needs its wording")
        per: dict[str, Wording] = {}
        for dim in DIMENSIONS:
            where = f"wording[{level}].{dim}"
            d = spec.get(dim)
            if not isinstance(d, dict):
                raise reader.fail(where, "missing: needs grade and question")
            grades = {g.name: g for g in lexicon.grades(dim)}
            grade = grades.get(d.get("grade"))  # type: ignore[arg-type]
            if grade is None:
                raise reader.fail(where, f"grade {d.get('grade')!r} is not one of {', '.join(grades)}")
            question = reader.text(d, "question", where).strip()
            if not question.endswith("?"):
                raise reader.fail(where, "'question' must be a question (end with '?')")
            if dim == "agency":
                verb = DataFile.strings(d, "verb", where, reader)
                if len(verb) != 4:
                    raise reader.fail(where, "'verb' needs four forms: base, third person, past, -ing")
                per[dim] = Wording(dim, grade.name, grade.level, question, verb=verb)
            else:
                words = reader.text(d, "words", where).strip()
                if re.search(r"\d", words):
                    raise reader.fail(where, "'words' may not hold numbers: a rewrite adds no facts")
                per[dim] = Wording(dim, grade.name, grade.level, question, words=words)
        wording[level] = per

    checks = []
    for item in reader.entries("fit_checks"):
        where = f"fit_checks[{item['id']}]"
        question = reader.text(item, "question", where).strip()
        if not question.endswith("?"):
            raise reader.fail(where, "'question' must be a question (end with '?')")
        checks.append(FitCheck(question, " ".join(reader.text(item, "why", where).split())))
    return PlanData(str(reader.data["version"]), reader.name, steps, wording, tuple(checks))


@functools.lru_cache(maxsize=8)
def _plans(path: str | None, taxonomy: str | None) -> PlanData:
    return _parse_plans(DataFile(path, "plans.yaml"), load_taxonomy(taxonomy))


def load_plans(path: str | os.PathLike[str] | None = None,
               taxonomy: str | os.PathLike[str] | None = None) -> PlanData:
    """Load and validate the plans file (cached per path).

    Args:
        path: a plans YAML file; the bundled ``plans.yaml`` when None.
        taxonomy: the taxonomy its skill ids refer to; the bundled one when None.

    Raises:
        DataError: naming the file, the entry and what is wrong.
    """
    return _plans(None if path is None else os.fspath(path), None if taxonomy is None else os.fspath(taxonomy))
