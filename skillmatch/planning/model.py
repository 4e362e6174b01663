"""The plan's dataclasses (CareerPlan, PlanGap, Step, Rewrite, FitCheck) and its fixed vocabularies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
