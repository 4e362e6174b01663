"""Gaps toward a target level: which skills are missing, why the level needs them, ranked by weight and demand."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Protocol

from ..taxonomy import LEVEL_IDS, Ladder, Level, Skill, Taxonomy
from .data import PlanData
from .examples import _examples
from .model import TIER_BONUS, PlanGap

if TYPE_CHECKING:
    from ..report.model import Report


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
    """The target level's responsibility or scope statement nearest the skill: one that shares two word stems
    with the skill's name, or one with its name and one with its aliases."""
    name = _stems(skill.name)
    words = name | _stems(" ".join((*skill.aliases, *skill.cased_aliases)))
    best: tuple[int, str] | None = None
    for duty in (*level.responsibilities, *level.scope_statements):
        stems = _stems(duty)
        overlap = len(words & stems) + len(name & stems)
        if overlap >= 3 and (best is None or overlap > best[0]):  # one shared word ("administration") is chance
            best = (overlap, duty)
    return best[1] if best else None


def _in_a_sentence(name: str) -> str:
    """A skill's name inside a sentence: its first word in lower case unless it is an acronym ("CRM")."""
    first, _, rest = name.partition(" ")
    return (first if first.isupper() else first.lower()) + (f" {rest}" if rest else "")


def _why(skill: Skill, level: Level, ladder: Ladder, typical_for: str | None) -> str:
    theme = " ".join(w if w.isupper() else w.lower() for w in level.theme.split())
    parts = [f"A {level.name} is judged on {theme}. What the level truly owns: "
             f"{level.owns[0].lower() + level.owns[1:]}"]
    duty = _related_duty(skill, level)
    if duty:
        parts.append(f"In the ladder's words the level \u201c{duty[0].lower() + duty[1:].rstrip('.')}\u201d, "
                     f"which takes {_in_a_sentence(skill.name)}.")
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


def _mentions(report: Report) -> list[Any]:
    from ..extract.mentions import SkillMention

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
    from ..match import found_cores

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
