"""From gaps to a plan: what to do next toward a target level, and resume lines read at that level.

:func:`plan_career` turns a :class:`~skillmatch.report.Report` into a :class:`CareerPlan`:

* **gaps**: the skills the target level expects that the resume does not show, the detected background's
  typical gaps first, each with why the level needs it (the ladder's scope and what the level truly owns),
  two or three example bullets at the target level (built from the taxonomy's evidence statements; they
  are examples, not facts about the person), steps with a rough effort (``data/plans.yaml``) and, with a
  listings database, the share of stored listings at the target level that ask for it;
* **rewrites**: each resume line that shows a skill and reads below the target level (the line-level
  seniority reading of :mod:`skillmatch.seniority`), with the target level's wording asked as a question.
  A rewrite keeps the line's own words (numbers, tools, objects) and changes only its agency (the verb),
  reach (how far the object goes) or audience (who it was for), and says which;
* **fit_checks**: questions from the transitions guide a career switcher answers for themselves.

The steps, the wording per level and the fit checks live in ``data/plans.yaml`` (versioned, validated
like the taxonomy: a bad file raises :class:`~skillmatch.errors.DataError` naming the file and the entry).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from .errors import InputError
from .taxonomy import LEVEL_IDS, DataFile, Ladder, Level, Skill, Taxonomy, load_ladder, load_taxonomy

if TYPE_CHECKING:
    from .report import Report
    from .seniority import LineSeniority

__all__ = ["DIMENSIONS", "STEP_KINDS", "CareerPlan", "FitCheck", "PlanData", "PlanGap", "Rewrite", "Step",
           "Wording", "load_plans", "plan_career", "plan_to_html", "plan_to_markdown", "plan_to_text"]

STEP_KINDS = ("project", "course", "credential", "practice")
DIMENSIONS = ("agency", "reach", "audience")
MAX_GAPS = 8
TIER_BONUS = {"strategic": 0.3, "technical": 0.2, "foundational": 0.1}


# ------------------------------------------------------------------------------------------ the plan


@dataclass(frozen=True)
class Step:
    """One thing to do toward a skill, with a rough effort and its kind (project, course, credential, practice)."""

    text: str
    effort: str
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "effort": self.effort}


@dataclass(frozen=True)
class PlanGap:
    """A skill the target level expects that the resume does not show, and what to do about it."""

    id: str
    name: str
    tier: str
    expected_from: str
    why: str
    examples: tuple[str, ...]  # example bullets at the target level: examples, not the person's facts
    steps: tuple[Step, ...]
    listing_share: float | None  # share of stored listings at the target level asking for it (None: no store)
    typical: bool  # one of the detected background's typical gaps

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "why": self.why, "examples": list(self.examples),
                "steps": [s.to_dict() for s in self.steps],
                "listing_share": None if self.listing_share is None else round(self.listing_share, 4)}


@dataclass(frozen=True)
class Rewrite:
    """A resume line that reads below the target level, and the target level's wording, asked as a question."""

    line: int
    text: str  # the resume line, verbatim
    reads_as: str  # the level the line reads at now
    suggestion: str  # questions, then the line as the target level would word it
    changes: tuple[str, ...]  # the dimensions changed: agency, reach and/or audience
    wording: str  # the line as the target level would word it (inside ``suggestion``)
    reading: str  # why it reads as it does: "built (agency: deliver) · dashboards (reach: record)"

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "reads_as": self.reads_as, "suggestion": self.suggestion,
                "changes": list(self.changes)}


@dataclass(frozen=True)
class FitCheck:
    """A question to answer for yourself before a move, with the guide's point behind it."""

    question: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "why": self.why}


@dataclass(frozen=True)
class CareerPlan:
    """What to do toward ``target``: ranked gaps with steps, lines that undersell, fit checks.

    ``to_dict()`` is the JSON shape of ``skillmatch plan --format json``.
    """

    target: str
    current: str | None  # the level the resume reads as
    background: str | None  # the detected background's name
    gaps: tuple[PlanGap, ...]
    rewrites: tuple[Rewrite, ...]
    fit_checks: tuple[FitCheck, ...]
    version: str = ""  # of the plans file

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "gaps": [g.to_dict() for g in self.gaps],
                "rewrites": [r.to_dict() for r in self.rewrites],
                "fit_checks": [f.to_dict() for f in self.fit_checks]}


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
    from .seniority import default_lexicon

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


# ------------------------------------------------------------------------------------------ gaps


class DemandSource(Protocol):
    def skill_demand(self, level: str) -> dict[str, float]: ...


_WORD = re.compile(r"[a-z][a-z&-]+")
_STOP = frozenset("""the and for with from into that this each every their your our all per its are was were
has have had not only more most than then them they who what when where which while about across after
before over under between such other same also very can will would should could sales operations revenue
team teams""".split())


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.lower()) if len(w) > 3 and w not in _STOP}


def _related_duty(skill: Skill, level: Level) -> str | None:
    """The target level's responsibility or scope statement nearest the skill: one that shares a word stem
    with the skill's name, or two with its aliases."""
    name = _stems(skill.name)
    words = name | _stems(" ".join((*skill.aliases, *skill.cased_aliases)))
    best: tuple[int, str] | None = None
    for duty in (*level.responsibilities, *level.scope_statements):
        stems = _stems(duty)
        overlap = len(words & stems) + len(name & stems)
        if overlap >= 2 and (best is None or overlap > best[0]):
            best = (overlap, duty)
    return best[1] if best else None


def _why(skill: Skill, level: Level, ladder: Ladder, typical_for: str | None) -> str:
    theme = " ".join(w if w.isupper() else w.lower() for w in level.theme.split())
    parts = [f"A {level.name} is judged on {theme}. What the level truly owns: "
             f"{level.owns[0].lower() + level.owns[1:]}"]
    duty = _related_duty(skill, level)
    if duty:
        parts.append(f"In the ladder's words the level \u201c{duty[0].lower() + duty[1:].rstrip('.')}\u201d, "
                     f"which takes {skill.name.lower()}.")
    try:
        since = ladder.get(skill.expected_from)
    except KeyError:
        since = level
    if since.id == level.id:
        parts.append(f"It is a {skill.tier} skill, first expected at this level.")
    else:
        parts.append(f"It is a {skill.tier} skill expected from {since.name}, and still needed here.")
    if typical_for:
        parts.append(f"It is also a typical gap for a {typical_for.lower()} moving into sales operations.")
    return " ".join(parts)


_REQUIREMENT = re.compile(r"^(experience|familiarity|working knowledge|comfortable|comfort|hands-on|knowledge|"
                          r"ability|proficiency|proficient|strong|understanding|expertise|background|exposure)\b",
                          re.IGNORECASE)
_REQUIRED_WORDS = re.compile(r"\b(required|preferred|a plus|years of)\b", re.IGNORECASE)
_PAST = {"builds": "Built", "leads": "Led", "runs": "Ran", "sets": "Set", "gets": "Got", "catches": "Caught",
         "drives": "Drove", "gives": "Gave", "makes": "Made", "takes": "Took", "keeps": "Kept", "brings": "Brought",
         "puts": "Put", "writes": "Wrote", "holds": "Held", "wins": "Won", "chooses": "Chose", "finds": "Found",
         "grows": "Grew", "teaches": "Taught", "sends": "Sent", "spends": "Spent", "sells": "Sold",
         "oversees": "Oversaw", "sits": "Sat", "speaks": "Spoke", "thinks": "Thought", "plans": "Planned",
         "ships": "Shipped", "steps": "Stepped", "stops": "Stopped", "audits": "Audited", "is": "Was"}


@functools.lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    from .seniority import default_lexicon

    return frozenset(default_lexicon().agency.lemmas) | {"present", "report", "partner", "translate", "act",
                                                         "turn", "persuade", "anticipate", "catch", "get"}


def _past(word: str) -> str | None:
    """The past tense of a verb in the present ("Architects", "Partner") or None when it is not one."""
    low = word.lower()
    verbs = _verbs()
    if low in _PAST:
        new = _PAST[low]
    elif low.endswith("ies") and low[:-3] + "y" in verbs:
        new = word[:-3] + "ied"
    elif low.endswith("es") and low[:-2] in verbs and low.endswith(("ches", "shes", "sses", "xes", "zes")):
        new = word[:-2] + "ed"
    elif low.endswith("s") and low[:-1] in verbs:
        new = word[:-1] + ("d" if low[:-1].endswith("e") else "ed")
    elif low in verbs and not low.endswith("ed"):
        past = _PAST.get(low + "s")
        new = past if past else word + ("d" if low.endswith("e") else "ed")
    else:
        return None
    return new if word[:1].isupper() else new.lower()


def _past_tense(sentences: Sequence[str]) -> list[str]:
    """Evidence statements in a resume's past tense ("Architects the GTM model" -> "Architected ..."), with a
    verb joined by "and" ("Defines and documents the process"), as spaCy tags it."""
    from .nlp import get_parser

    out = []
    for sentence, doc in zip(sentences, get_parser().pipe(sentences), strict=True):
        words = [t.text_with_ws for t in doc]
        first = _past(doc[0].text) if len(doc) else None
        if first is None:
            out.append(sentence)
            continue
        words[0] = first + doc[0].whitespace_
        for t in doc[1:]:
            joined = doc[t.i - 1].lower_ in ("and", "then")
            if joined and t.text.endswith("s") and (t.pos_ == "VERB" or t.i == 2):  # "Defines and documents"
                words[t.i] = (_past(t.text) or t.text) + t.whitespace_
        out.append("".join(words))
    return out


def _examples(skill: Skill, taxonomy: Taxonomy, rank: int, count: int = 3) -> tuple[str, ...]:
    """Two or three evidence statements for the skill, in the past tense, that read nearest the target level."""
    from .seniority import read_lines

    pool = list(skill.evidence)
    parent = taxonomy.get(skill.core_id)
    if parent is not None and parent.id != skill.id:
        pool += list(parent.evidence)
    kept = [s.strip() for s in pool if not _REQUIREMENT.match(s.strip()) and not _REQUIRED_WORDS.search(s)]
    sentences = list(dict.fromkeys(_past_tense(kept)))
    if not sentences:
        return ()
    readings = read_lines([(None, s) for s in sentences])

    def order(i: int) -> tuple[bool, float, int]:
        score = readings[i].score
        value = -1.0 if score is None else score
        return (value < rank - 0.5, abs(value - rank), i)

    return tuple(sentences[i] for i in sorted(range(len(sentences)), key=order)[:count])


def _mentions(report: Report) -> list[Any]:
    from .extract import SkillMention

    return [SkillMention(s.id, e.text, e.line, e.method, e.score) for s in report.skills for e in s.evidence]


def _demand(report: Report, target: str, store: DemandSource | None, taxonomy: Taxonomy) -> dict[str, float] | None:
    if store is not None:
        demand = store.skill_demand(target)
        return {s.id: 0.0 for s in taxonomy.core()} | demand if demand else None
    gaps = report.gaps_next if target == report.next_level else report.gaps_current \
        if target == report.best_level else ()
    shares = {taxonomy.get(g.skill_id).core_id if taxonomy.get(g.skill_id) else g.skill_id: g.listing_share  # type: ignore[union-attr]
              for g in gaps if g.listing_share is not None}
    return shares or None


def _gaps(report: Report, target: str, taxonomy: Taxonomy, ladder: Ladder, plans: PlanData,
          store: DemandSource | None, limit: int) -> tuple[PlanGap, ...]:
    from .match import found_cores

    mentions = _mentions(report)
    have_core = set(found_cores(mentions, taxonomy))
    have = {m.skill_id for m in mentions}
    rank = LEVEL_IDS.index(target)
    bg = report.background
    typical = [g for g in (bg.typical_gaps if bg else ()) if taxonomy.get(g) is not None]
    demand = _demand(report, target, store, taxonomy)

    def missing(skill: Skill) -> bool:
        return skill.id not in have and not (skill.parent is None and skill.id in have_core)

    def within(skill: Skill) -> bool:
        return skill.expected_from in LEVEL_IDS and LEVEL_IDS.index(skill.expected_from) <= rank

    pool: dict[str, Skill] = {}
    for sid in typical:  # the background's typical gaps first, in the background's order
        skill = taxonomy.get(sid)
        if skill is not None and within(skill) and missing(skill):
            pool[sid] = skill
    ranked = [s for s in taxonomy
              if (s.parent is None and within(s) or s.expected_from == target) and missing(s) and s.id not in pool]
    # a finer skill whose core skill is itself a gap adds nothing to the plan
    ranked = [s for s in ranked if s.parent is None or s.parent not in {r.id for r in ranked} | set(pool)]

    def score(skill: Skill) -> float:
        share = demand.get(skill.core_id, 0.0) if demand else 0.0
        return skill.weight + TIER_BONUS.get(skill.tier, 0.0) + share

    ranked.sort(key=lambda s: -score(s))
    seen_core = {s.core_id for s in pool.values()}
    ranked = [s for s in ranked if not (s.core_id in seen_core or seen_core.add(s.core_id))]  # type: ignore[func-returns-value]
    level = ladder.get(target)
    out = []
    for skill in [*pool.values(), *ranked][:limit]:
        share = demand.get(skill.core_id) if demand else None
        out.append(PlanGap(
            id=skill.id, name=skill.name, tier=skill.tier, expected_from=skill.expected_from,
            why=_why(skill, level, ladder, bg.name if bg and skill.id in pool else None),
            examples=_examples(skill, taxonomy, rank), steps=plans.steps_for(skill), listing_share=share,
            typical=skill.id in pool))
    return tuple(out)


# ------------------------------------------------------------------------------------------ rewrites

_BULLET = re.compile(r"^\s*(?:[*\-•·–—▪◦‣●]|\d{1,2}[.)])\s*")
_CONTINUED = re.compile(r"\b(?:from|and|or|to|of|the|a|an|for|with|in|on|by|at|into|across|than|as)$|[,:;(-]$",
                        re.IGNORECASE)
_RESPONSIBLE = re.compile(r"^(?:was |am )?responsible for\b\s*", re.IGNORECASE)


def _verb_form(word: str, forms: Sequence[str]) -> str:
    """The target verb in the form of the line's verb: base, third person, past or -ing, and its case."""
    base, third, past, ing = forms
    low = word.lower()
    if low.endswith("ing"):
        new = ing
    elif low.endswith("ed") or low in {"built", "led", "ran", "set", "drove", "grew", "oversaw", "wrote", "made",
                                        "took", "sold", "hired", "founded", "spearheaded", "held", "kept", "won",
                                        "brought", "sent", "chose", "taught", "found", "put"}:
        new = past
    elif low.endswith("s") and not low.endswith("ss"):
        new = third
    else:
        new = base
    return new[:1].upper() + new[1:] if word[:1].isupper() else new


def _add_words(body: str, words: str) -> str:
    """``words`` added to the line's first clause (before a ';' or a final full stop)."""
    head, sep, tail = body.partition(";")
    core = head.rstrip()
    stop = ""
    if not sep and core.endswith("."):
        core, stop = core[:-1], "."
    joiner = " " if words.split()[0] in ("across", "company-wide", "for", "as") else ", "
    return f"{core}{joiner}{words}{stop}" + (f";{tail}" if sep else "")


def _candidate(body: str, head: str, changes: Sequence[str], wording: Mapping[str, Wording]) -> str:
    out = body
    if "agency" in changes:
        verb = wording["agency"].verb
        m = _RESPONSIBLE.match(out)
        if m:
            out = _verb_form("owned", verb) + " " + out[m.end():]
        else:
            out = _verb_form(head, verb) + out[len(head):]
    for dim in ("reach", "audience"):
        if dim in changes:
            out = _add_words(out, wording[dim].words)
    return out


def _rewrites(report: Report, target: str, plans: PlanData) -> tuple[Rewrite, ...]:
    from .seniority import read_lines

    if target not in plans.wording or report.estimate is None:
        return ()
    wording = plans.wording[target]
    rank = LEVEL_IDS.index(target)
    skill_lines = {e.line for s in report.skills for e in s.evidence}
    todo: list[tuple[LineSeniority, str, str, list[list[str]]]] = []
    for reading in report.estimate.lines:
        if reading.line not in skill_lines or reading.level is None or reading.level not in LEVEL_IDS:
            continue
        if LEVEL_IDS.index(reading.level) >= rank:
            continue  # already at (or above) the target: nothing to suggest
        body = _BULLET.sub("", reading.text.strip(), count=1)
        agency = reading.grade("agency")
        first = body.split(" ", 1)[0]
        responsible = _RESPONSIBLE.match(body) is not None
        if agency is None or not first or not (responsible or first.lower().strip(",") == _agency_word(reading)):
            continue  # not a line that starts with what the person did (a skills list, a heading, a sentence)
        if not first[:1].isupper() or _CONTINUED.search(body):
            continue  # a piece of a line broken in two (a PDF's wrapped bullet): its words are not all there
        lifts = [dim for dim in DIMENSIONS
                 if (g := reading.grade(dim)) is None or g.level < wording[dim].level]
        if not lifts:
            continue
        combos = [lifts[:n] for n in range(1, len(lifts) + 1)]
        if "agency" in lifts and len(lifts) > 1:  # the verb alone, then the verb and one more, then all
            combos = [["agency"], *(["agency", d] for d in lifts if d != "agency"), lifts]
        todo.append((reading, body, first, combos))
    if not todo:
        return ()
    texts = [(None, _candidate(body, first, combo, wording)) for _, body, first, combos in todo for combo in combos]
    read = iter(read_lines(texts))
    out = []
    for reading, body, first, combos in todo:
        chosen: tuple[list[str], str] | None = None
        best: tuple[float, list[str], str] | None = None
        for combo in combos:  # fewest changes first: the first wording that reaches the target wins
            text = _candidate(body, first, combo, wording)
            r = next(read)
            if chosen is None and r.level is not None and LEVEL_IDS.index(r.level) >= rank:
                chosen = (combo, text)
            score = -1.0 if r.score is None else r.score
            if best is None or score > best[0]:
                best = (score, combo, text)
        if chosen is None and best is not None and best[0] > (reading.score or 0.0):
            chosen = (best[1], best[2])
        if chosen is None:
            continue
        combo, text = chosen
        questions = " ".join(wording[d].question for d in DIMENSIONS if d in combo)
        suggestion = f"{questions} If so, it could read: \u201c{text}\u201d"
        out.append(Rewrite(line=int(reading.line or 0), text=reading.text, reads_as=str(reading.level),
                           suggestion=suggestion, changes=tuple(d for d in DIMENSIONS if d in combo), wording=text,
                           reading=reading.reason))
    return tuple(out)


def _agency_word(reading: LineSeniority) -> str:
    """The words that gave the line its agency grade: the verb as written, lower-cased."""
    return next((s.words for s in reading.signals if s.grade.dimension == "agency"), "")


# ------------------------------------------------------------------------------------------ entry point


def plan_career(
    report: Report,
    target: str | None = None,
    *,
    store: DemandSource | None = None,
    plans_path: str | os.PathLike[str] | None = None,
    taxonomy_path: str | os.PathLike[str] | None = None,
    ladder_path: str | os.PathLike[str] | None = None,
    max_gaps: int = MAX_GAPS,
) -> CareerPlan:
    """A plan toward ``target`` (by default the level above the one the resume reads as).

    Args:
        report: what :func:`skillmatch.analyze_resume` returned.
        target: ``analyst``, ``manager``, ``director`` or ``vp``; None for the next level (the top level
            stays the target at the top).
        store: a listings database: each gap gets the share of stored listings at the target level asking
            for it. Without one, the shares the report already holds for that level are used, if any.
        plans_path: a plans file of your own (the bundled ``plans.yaml`` when None).
        taxonomy_path: the taxonomy the report was made with.
        ladder_path: the ladder the report was made with.
        max_gaps: most gaps in the plan.

    Raises:
        InputError: ``target`` is not a level id.
        DataError: a data file does not validate.
    """
    taxonomy = load_taxonomy(taxonomy_path)
    ladder = load_ladder(ladder_path)
    plans = load_plans(plans_path, taxonomy_path)
    if target is None:
        target = report.next_level or report.best_level or ladder.ids[1]
    target = target.strip().lower()
    if target not in ladder.ids:
        raise InputError(f"unknown target level {target!r}: use one of {', '.join(ladder.ids)}")
    bg = report.background
    return CareerPlan(
        target=target, current=report.best_level, background=bg.name if bg else None,
        gaps=_gaps(report, target, taxonomy, ladder, plans, store, max_gaps),
        rewrites=_rewrites(report, target, plans),
        fit_checks=plans.fit_checks if bg is not None else (),
        version=plans.version,
    )


# ------------------------------------------------------------------------------------------ renderings


def _level_name(level_id: str | None) -> str:
    if not level_id:
        return "unknown"
    try:
        return load_ladder().get(level_id).name
    except KeyError:
        return level_id


def _share(share: float | None) -> str:
    return "" if share is None else f"Asked for by {share:.0%} of stored listings at this level."


def plan_to_markdown(plan: CareerPlan, *, heading: int = 1) -> str:
    """The plan as a Markdown checklist (the web offers it as a download; ``skillmatch plan --format md``)."""
    h = "#" * heading
    out = [f"{h} Plan: toward {_level_name(plan.target)}", ""]
    if plan.current:
        out += [f"Reads as {_level_name(plan.current)} today"
                + (f"; background: {plan.background}." if plan.background else "."), ""]
    out += [f"{h}# Gaps, most important first", ""]
    if not plan.gaps:
        out += ["None: the resume shows every skill this level expects.", ""]
    for i, g in enumerate(plan.gaps, 1):
        tag = " (typical for your background)" if g.typical else ""
        out += [f"{h}## {i}. {g.name}{tag}", "", g.why]
        if g.listing_share is not None:
            out[-1] += " " + _share(g.listing_share)
        out += ["", "Steps:", ""]
        out += [f"- [ ] {s.text} _({s.kind}; {s.effort})_" for s in g.steps] or ["- [ ] (no steps in the plans file)"]
        if g.examples:
            out += ["", "Example bullets at this level (examples only, not from your resume; use your own facts):",
                    ""]
            out += [f"- _Example:_ {e}" for e in g.examples]
        out.append("")
    out += [f"{h}# Lines that undersell", ""]
    if not plan.rewrites:
        out += ["None: every line that shows a skill already reads at this level, or gives nothing to lift.", ""]
    for r in plan.rewrites:
        out += [f"- [ ] line {r.line} reads as {_level_name(r.reads_as)} ({r.reading}): "
                f"\u201c{_BULLET.sub('', r.text.strip(), count=1)}\u201d",
                f"  - {r.suggestion} _(changes: {', '.join(r.changes)})_"]
    if plan.rewrites:
        out.append("")
    if plan.fit_checks:
        out += [f"{h}# Fit checks: questions to answer for yourself", ""]
        for f in plan.fit_checks:
            out += [f"- [ ] **{f.question}** {f.why}"]
        out.append("")
    return "\n".join(out)


def plan_to_text(plan: CareerPlan) -> str:
    """The plan for a terminal."""
    out = [f"Plan toward {_level_name(plan.target)}"
           + (f" (reads as {_level_name(plan.current)} today)" if plan.current else "")
           + (f"; background: {plan.background}" if plan.background else "")]
    out.append("")
    out.append("Gaps, most important first:" if plan.gaps else "Gaps: none.")
    for i, g in enumerate(plan.gaps, 1):
        out.append(f"{i}. {g.name}" + (" (typical for your background)" if g.typical else ""))
        out.append(f"   Why: {g.why}" + (f" {_share(g.listing_share)}" if g.listing_share is not None else ""))
        for s in g.steps:
            out.append(f"   [ ] {s.text} ({s.kind}; {s.effort})")
        for e in g.examples:
            out.append(f"   Example (not from your resume): {e}")
    out.append("")
    out.append("Lines that undersell:" if plan.rewrites else "Lines that undersell: none.")
    for r in plan.rewrites:
        out.append(f"  line {r.line} reads as {r.reads_as}: {_BULLET.sub('', r.text.strip(), count=1)}")
        out.append(f"    {r.suggestion} (changes: {', '.join(r.changes)})")
    if plan.fit_checks:
        out.append("")
        out.append("Fit checks (answer for yourself):")
        for f in plan.fit_checks:
            out.append(f"  - {f.question}")
            out.append(f"    {f.why}")
    return "\n".join(out) + "\n"


def plan_to_html(plan: CareerPlan, *, ident: str = "plan") -> str:
    """The plan as an HTML ``<section>`` (for :func:`skillmatch.report.to_html`); every text is escaped."""
    import html

    esc = html.escape
    items = []
    for g in plan.gaps:
        tag = ' <span class="tag">typical for your background</span>' if g.typical else ""
        share = f" {esc(_share(g.listing_share))}" if g.listing_share is not None else ""
        steps = "".join(f'<li>{esc(s.text)} <span class="muted">({esc(s.kind)}; {esc(s.effort)})</span></li>'
                        for s in g.steps)
        examples = "".join(f"<li>{esc(e)}</li>" for e in g.examples)
        items.append(
            f'<li data-skill="{esc(g.id)}"><h4>{esc(g.name)}{tag}</h4><p>{esc(g.why)}{share}</p>'
            f'<p class="sub">Steps</p><ul class="steps">{steps}</ul>'
            + (f'<p class="sub">Example bullets at this level (examples only, not from your resume)</p>'
               f'<ul class="examples">{examples}</ul>' if examples else "") + "</li>")
    gaps = (f'<ol class="plan-gaps">{"".join(items)}</ol>' if items
            else "<p>None: the resume shows every skill this level expects.</p>")
    rewrites = "".join(
        f'<li><span class="ln">line {r.line}</span><span><span class="quote">'
        f"{esc(_BULLET.sub('', r.text.strip(), count=1))}</span>"
        f'<span class="note">reads as {esc(_level_name(r.reads_as))}: {esc(r.reading)}</span>'
        f'<br><span class="suggest">{esc(r.suggestion)}</span> '
        f'<span class="muted">(changes: {esc(", ".join(r.changes))})</span></span></li>' for r in plan.rewrites)
    body = (f'<p class="muted">Toward {esc(_level_name(plan.target))}'
            + (f"; reads as {esc(_level_name(plan.current))} today" if plan.current else "") + ".</p>"
            f"<h3>Gaps, most important first</h3>{gaps}<h3>Lines that undersell</h3>"
            + (f'<ul class="ev rewrites">{rewrites}</ul>' if rewrites else
               "<p>None: every line that shows a skill already reads at this level.</p>"))
    if plan.fit_checks:
        checks = "".join(f"<li><strong>{esc(f.question)}</strong><br>"
                         f'<span class="muted">{esc(f.why)}</span></li>' for f in plan.fit_checks)
        body += f'<h3>Fit checks: questions to answer for yourself</h3><ul class="fit">{checks}</ul>'
    return f'<section id="{ident}" aria-labelledby="{ident}-h"><h2 id="{ident}-h">Plan</h2>{body}</section>'


def tool_names(text: str, taxonomy: Taxonomy | None = None) -> list[str]:
    """The tool and product names (taxonomy aliases written with capitals) a line holds, as written."""
    tax = taxonomy or load_taxonomy()
    names: Iterable[str] = {a for s in tax for a in (*s.aliases, *s.cased_aliases) if any(c.isupper() for c in a)}
    return [n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)]
