"""Score one job listing: the level its title names, the level its content describes, skills, pay.

* ``title_level``: the level the job title names (:func:`skillmatch.level.infer.title_level`), or None;
* ``content``: :func:`skillmatch.level.infer.infer_level` of the description, which removes title and level
  words before it reads anything, so a "Senior Manager" title never decides the level;
* ``relevance``: the listing's job family (:func:`skillmatch.listings.relevance.relevance`); a listing outside the
  sales-ops families is not levelled: ``level`` is None and ``level_note`` says why;
* ``level``: the level we report, the content level; ``disagree`` when the title names another one;
* ``ladder_level``: the level the ladder would give, also outside the family (``--include-other``);
* ``skills``: :func:`skillmatch.extract.mentions.extract_skills` mentions, each with the line that shows it;
* ``band`` and ``pay_vs_band``: the ladder's band for the content level, and whether the listing's
  annual base pay (its midpoint) falls below, within or above it.

Pure library code: no store, no network. :mod:`skillmatch.listings.batch` scores many listings with it;
:class:`ScoreRow` is the score as the store keeps it (imports flow one way: score → store → batch).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..embed import Embedder, VectorCache, get_embedder
from ..extract.mentions import SkillMention, extract_skills
from ..level.infer import LevelEstimate, infer_level, title_level
from ..match import PayBand, pay_band
from ..read.listing import Listing
from ..read.pay import Pay
from ..taxonomy import Ladder, Taxonomy, load_ladder, load_taxonomy
from .relevance import Relevance, not_levelled_reason, relevance

PAY_VS_BAND = ("below", "within", "above")


@dataclass(frozen=True)
class ListingScore:
    """What one listing asks for and pays, against the ladder.

    Args:
        listing_id: :attr:`Listing.id`.
        title_level: the level the title names ("Sales Operations Manager" -> manager); None when none.
        content: the level the description reads as, with probabilities and the lines behind it.
        level: the level we report (the content level); None outside the sales-ops families.
        disagree: the title names a level and it is not the content level.
        skills: the skills the description asks for, each with its line (1-based, in ``Listing.text``).
        pay: the listing's pay, when stated.
        band: the ladder's band for ``level``; None when not levelled.
        pay_vs_band: "below", "within" or "above" the band (annual base midpoint; OTE against base plus
            bonus), or None when there is no pay, it is in another currency, or the listing is not levelled.
        relevance: the listing's job family with the title words or lines that decided it.
        ladder_level: the level the ladder gives, whatever the family (what ``--include-other`` counts).
    """

    listing_id: str
    title_level: str | None
    content: LevelEstimate
    level: str | None
    disagree: bool
    skills: tuple[SkillMention, ...]
    pay: Pay | None
    band: PayBand | None
    pay_vs_band: str | None
    relevance: Relevance
    ladder_level: str

    @property
    def level_note(self) -> str | None:
        """Why there is no level ("not levelled: outside sales ops (...)"), or None."""
        return None if self.relevance.in_family else not_levelled_reason(self.relevance)

    @property
    def confidence(self) -> float:
        return self.content.confidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "listing_id": self.listing_id,
            "title_level": self.title_level,
            "level": self.level,
            "level_note": self.level_note,
            "ladder_level": self.ladder_level,
            "relevance": self.relevance.to_dict(),
            "confidence": round(self.content.confidence, 4),
            "disagree": self.disagree,
            "content": self.content.to_dict(),
            "skills": [m.to_dict() for m in self.skills],
            "pay": None if self.pay is None else self.pay.to_dict(),
            "band": None if self.band is None else self.band.to_dict(),
            "pay_vs_band": self.pay_vs_band,
        }


def annual_midpoint(pay: Pay) -> float | None:
    """The middle of a pay range per year (the one bound when the other is open)."""
    lo, hi = pay.annual_min, pay.annual_max
    if lo is None and hi is None:
        return None
    if lo is None or hi is None:
        return lo if hi is None else hi
    return (lo + hi) / 2


def compare_pay(pay: Pay | None, band: PayBand) -> str | None:
    """Whether ``pay`` sits below, within or above ``band``.

    Base pay is compared with the base band; on-target earnings (OTE) with the base band plus its
    bonus range. None when there is no pay or it is in another currency than the band.

    Args:
        pay: the listing's pay.
        band: the ladder band of the listing's level.
    """
    if pay is None or pay.currency != band.currency:
        return None
    mid = annual_midpoint(pay)
    if mid is None:
        return None
    lo, hi = float(band.base_min), float(band.base_max)
    if pay.kind == "ote":
        lo *= 1 + band.bonus_min_pct / 100
        hi *= 1 + band.bonus_max_pct / 100
    if mid < lo:
        return "below"
    if mid > hi and not band.open_ended:
        return "above"
    return "within"


def score_listing(
    listing: Listing,
    *,
    taxonomy: Taxonomy | None = None,
    ladder: Ladder | None = None,
    embedder: Embedder | None = None,
    cache: VectorCache | None = None,
) -> ListingScore:
    """Score one listing against the ladder.

    Args:
        listing: a parsed listing (:func:`skillmatch.parse_listing`).
        taxonomy: the skills to look for; the bundled taxonomy when None.
        ladder: the ladder; the bundled one when None.
        embedder: the sentence encoder; the packaged model when None.
        cache: a second-level cache of encodings (the store's ``embeddings`` table).

    Returns:
        The title level, the content level (the one reported), skills with their lines, and pay
        against the band.
    """
    taxonomy = taxonomy or load_taxonomy()
    ladder = ladder or load_ladder()
    embedder = embedder or get_embedder()
    mentions = extract_skills(listing.text, taxonomy=taxonomy, embedder=embedder, store=cache)
    # years from structured fields (JSON-LD monthsOfExperience) are passed on; years stated in the text are
    # found again by infer_level, with their line as evidence
    stated = listing.years
    years = stated.min if stated is not None and (not stated.text or stated.text not in listing.text) else None
    content = infer_level(listing.text, mentions=mentions, years=years, title=listing.title, ladder=ladder,
                          taxonomy=taxonomy, embedder=embedder, scope=False)
    named = title_level(listing.title, ladder)
    # a listing with too little text to read is held to the level its title names, when it names one
    reading = named if named is not None and content.thin else content.level
    rel = relevance(listing.title, listing.text)
    # outside sales ops the ladder does not apply: no level, no band (the reading is kept for --include-other)
    band = pay_band(reading, ladder) if rel.in_family else None
    return ListingScore(
        listing_id=listing.id,
        title_level=named,
        content=content,
        level=reading if rel.in_family else None,
        disagree=rel.in_family and named is not None and named != content.level,
        skills=tuple(mentions),
        pay=listing.pay,
        band=band,
        pay_vs_band=compare_pay(listing.pay, band) if band is not None else None,
        relevance=rel,
        ladder_level=reading,
    )


@dataclass(frozen=True)
class SkillRow:
    """One skill a listing asks for, with the line that shows it."""

    skill_id: str
    core_id: str
    line: int
    text: str
    method: str
    score: float

    def as_tuple(self) -> tuple[str, str, int, str, str, float]:
        return (self.skill_id, self.core_id, self.line, self.text, self.method, self.score)

    def to_dict(self) -> dict[str, Any]:
        return {"skill_id": self.skill_id, "core_id": self.core_id, "line": self.line, "text": self.text,
                "method": self.method, "score": self.score}


@dataclass(frozen=True)
class ScoreRow:
    """The score of one listing as the store keeps it (floats rounded to 4 places).

    Args:
        listing_id: :attr:`Listing.id`.
        taxonomy_version, ladder_version, model_id: what it was scored with.
        title_level: the level the title names; level: the level the content reads as (None outside
            the sales-ops families).
        level_confidence: the probability of the ladder's reading; probabilities: (level, probability).
        disagree: the title names another level than the content.
        pay_vs_band: "below", "within", "above" or None.
        skills: the skills found, in line order.
        family, in_family, relevance_score, relevance_evidence: the listing's job family
            (:class:`skillmatch.listings.relevance.Relevance`; the evidence as its JSON); None keeps what the
            store computed on import.
        ladder_level: the level the ladder gives whatever the family.
    """

    listing_id: str
    taxonomy_version: str
    ladder_version: str
    model_id: str
    title_level: str | None
    level: str | None
    level_confidence: float
    probabilities: tuple[tuple[str, float], ...]
    disagree: bool
    pay_vs_band: str | None
    skills: tuple[SkillRow, ...]
    family: str | None = None
    in_family: bool | None = None
    relevance_score: float | None = None
    relevance_evidence: str | None = None
    ladder_level: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"listing_id": self.listing_id, "taxonomy_version": self.taxonomy_version,
                "ladder_version": self.ladder_version, "model_id": self.model_id, "title_level": self.title_level,
                "level": self.level, "level_confidence": self.level_confidence,
                "probabilities": dict(self.probabilities), "disagree": self.disagree,
                "pay_vs_band": self.pay_vs_band, "skills": [s.to_dict() for s in self.skills],
                "family": self.family, "in_family": self.in_family, "relevance_score": self.relevance_score,
                "relevance_evidence": json.loads(self.relevance_evidence) if self.relevance_evidence else None,
                "ladder_level": self.ladder_level}


def score_row(score: ListingScore, taxonomy: Taxonomy, ladder: Ladder, model_id: str) -> ScoreRow:
    """The row the store keeps for ``score``."""
    skills = []
    for m in score.skills:
        skill = taxonomy.get(m.skill_id)
        core = skill.core_id if skill is not None else m.skill_id
        skills.append(SkillRow(m.skill_id, core, m.line, m.text, m.method, round(float(m.score), 4)))
    probs = tuple((lvl, round(float(p), 4)) for lvl, p in score.content.probabilities.items())
    rel = score.relevance
    return ScoreRow(
        listing_id=score.listing_id, taxonomy_version=taxonomy.version, ladder_version=ladder.version,
        model_id=model_id, title_level=score.title_level, level=score.level,
        level_confidence=round(float(score.confidence), 4), probabilities=probs, disagree=score.disagree,
        pay_vs_band=score.pay_vs_band, skills=tuple(skills), family=rel.family, in_family=rel.in_family,
        relevance_score=round(float(rel.score), 4),
        relevance_evidence=json.dumps(rel.to_dict(), ensure_ascii=False, sort_keys=True),
        ladder_level=score.ladder_level,
    )
