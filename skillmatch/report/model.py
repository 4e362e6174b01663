"""The report's dataclasses: skill findings with their evidence, listing matches, and :class:`Report`
(``to_dict()`` is the documented JSON schema)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..extract.mentions import SkillMention
from ..level.infer import LevelEstimate
from ..match import BackgroundMatch, Gap, LevelFit, PayBand
from ..taxonomy import Taxonomy
from .rules import confidence_word


@dataclass(frozen=True)
class Evidence:
    text: str
    line: int
    method: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "line": self.line, "method": self.method, "score": self.score}


@dataclass(frozen=True)
class SkillFinding:
    """A skill the document shows, with every line that shows it."""

    id: str
    name: str
    tier: str
    pillar: str
    core_id: str
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "tier": self.tier, "pillar": self.pillar,
                "core_id": self.core_id, "evidence": [e.to_dict() for e in self.evidence]}


def group_mentions(mentions: Sequence[SkillMention], taxonomy: Taxonomy) -> tuple[SkillFinding, ...]:
    """One finding per skill, in taxonomy order, evidence in line order."""
    by_skill: dict[str, list[Evidence]] = {}
    for m in mentions:
        by_skill.setdefault(m.skill_id, []).append(Evidence(m.text, m.line, m.method, m.score))
    findings = []
    for skill in taxonomy:
        if skill.id in by_skill:
            evidence = tuple(sorted(by_skill[skill.id], key=lambda e: e.line))
            findings.append(SkillFinding(skill.id, skill.name, skill.tier, skill.pillar, skill.core_id, evidence))
    return tuple(findings)


@dataclass(frozen=True)
class ListingMatch:
    """A stored listing the person fits (``Store.best_listings``): the share of the core skills it asks
    for that the resume shows, times 0.8 when it is one level away."""

    id: str
    title: str
    company: str | None
    url: str | None
    level: str | None
    fit: float
    annual_min: float | None
    annual_max: float | None
    currency: str | None

    @classmethod
    def from_stored(cls, listing: Any, fit: float) -> ListingMatch:
        return cls(listing.id, listing.title, listing.company, listing.url, listing.level, fit,
                   listing.annual_min, listing.annual_max, listing.currency)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "company": self.company, "url": self.url, "level": self.level,
                "fit": round(self.fit, 4), "annual_min": self.annual_min, "annual_max": self.annual_max,
                "currency": self.currency}


@dataclass(frozen=True)
class Report:
    """What skillmatch says about one resume. ``to_dict()`` is the documented JSON schema."""

    skills: tuple[SkillFinding, ...]
    model: str
    taxonomy_version: str
    document: dict[str, Any] = field(default_factory=dict)
    estimate: LevelEstimate | None = None
    levels: tuple[LevelFit, ...] = ()
    gaps_current: tuple[Gap, ...] = ()
    gaps_next: tuple[Gap, ...] = ()
    next_level: str | None = None
    background: BackgroundMatch | None = None
    band: PayBand | None = None
    pillars: dict[str, float] = field(default_factory=dict)
    listings: tuple[ListingMatch, ...] | None = None  # None: no listings database was given
    # why there is no level, band or gaps: too little evidence (None when there is enough)
    evidence_note: str | None = None

    @property
    def best_level(self) -> str | None:
        return self.estimate.level if self.estimate else None

    @property
    def confidence_word(self) -> str | None:
        """How sure the best level is, in words ("confident", "fairly sure", "unsure..."; data/report.yaml)."""
        return None if self.estimate is None else confidence_word(self.estimate.confidence)

    @property
    def confidence(self) -> float | None:
        return self.estimate.confidence if self.estimate else None

    @property
    def years_experience(self) -> float | None:
        value = self.document.get("years_experience")
        return None if value is None else float(value)

    def to_dict(self) -> dict[str, Any]:
        est = self.estimate
        return {
            "best_level": self.best_level,
            "confidence": None if est is None else round(est.confidence, 4),
            "levels": {f.level: f.to_dict() for f in self.levels},
            "level_evidence": [] if est is None else [e.to_dict() for e in est.evidence],
            "skills": [s.to_dict() for s in self.skills],
            "pillars": {k: round(v, 4) for k, v in self.pillars.items()},
            "gaps": {"current": [g.to_dict() for g in self.gaps_current],
                     "next": [g.to_dict() for g in self.gaps_next], "next_level": self.next_level},
            "background": None if self.background is None else self.background.to_dict(),
            "band": None if self.band is None else self.band.to_dict(),
            "years_experience": self.years_experience,
            "document": self.document,
            "model": self.model,
            "taxonomy_version": self.taxonomy_version,
        } | ({} if self.listings is None else {"listings": [x.to_dict() for x in self.listings]}) | (
            {} if self.evidence_note is None else {"evidence_note": self.evidence_note})
