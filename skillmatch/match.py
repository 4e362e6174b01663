"""Fit per level, ranked gaps, adjacent background and pay band.

* **Fit** for a level: how much of what the level expects is evidenced, factor by factor — each
  skill tier the level expects (weighted coverage of its core skills), scope (the share of the text's
  scope statements that reach the level) and years — each factor with the lines behind it.
* **Gaps**: core skills a level expects with no evidence, ranked by weight, by how often stored
  listings at that level ask for them (when a store is given), and the detected background's typical
  gaps first.
* **Background**: which of the six adjacent backgrounds the resume shows (title and phrase signals),
  or None when the latest role is already in sales or revenue operations.
* **Band**: the ladder's base and bonus range for a level, labelled with its source; observed market
  pay when stored listings give it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .embed import Embedder, get_embedder
from .extract.mentions import SkillMention
from .level.infer import LevelEstimate
from .nlp import strip_bullet, word_count
from .read.document import Document
from .taxonomy import LEVEL_IDS, Backgrounds, Ladder, Taxonomy

TIER_FROM = {"foundational": "analyst", "technical": "manager", "strategic": "director"}
FACTOR_WEIGHTS = {"skills": 0.6, "scope": 0.25, "years": 0.15}
PHRASE_THRESHOLD = 0.62
SALES_OPS_TITLE = re.compile(r"\b(sales|revenue|rev|gtm|go-to-market|commercial)[ -]?op(eration)?s\b", re.I)


@dataclass(frozen=True)
class FactorEvidence:
    text: str
    line: int | None
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "line": self.line, "detail": self.detail}


@dataclass(frozen=True)
class Factor:
    """One part of a level's fit: a score in [0, 1], its weight, and the evidence behind it."""

    name: str
    score: float
    weight: float
    detail: str
    evidence: tuple[FactorEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "score": round(self.score, 4), "weight": round(self.weight, 4),
                "detail": self.detail, "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(frozen=True)
class LevelFit:
    level: str
    fit: float
    probability: float
    factors: tuple[Factor, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"fit": round(self.fit, 4), "probability": round(self.probability, 4),
                "factors": [f.to_dict() for f in self.factors]}


@dataclass(frozen=True)
class Gap:
    skill_id: str
    name: str
    tier: str
    level: str
    weight: float
    rank: float
    reasons: tuple[str, ...]
    listing_share: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.skill_id, "name": self.name, "tier": self.tier, "expected_from": self.level,
                "weight": self.weight, "rank": round(self.rank, 4), "reasons": list(self.reasons),
                "listing_share": None if self.listing_share is None else round(self.listing_share, 4)}


@dataclass(frozen=True)
class BackgroundSignal:
    kind: str  # "title" | "phrase"
    text: str
    line: int
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "line": self.line, "detail": self.detail}


@dataclass(frozen=True)
class BackgroundMatch:
    id: str
    name: str
    score: float
    signals: tuple[BackgroundSignal, ...]
    typical_gaps: tuple[str, ...]
    strengths: tuple[str, ...]
    note: str
    # the background's typical gaps this person already shows (also listed in ``strengths``)
    already_shown: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "score": round(self.score, 4),
                "signals": [s.to_dict() for s in self.signals], "typical_gaps": list(self.typical_gaps),
                "strengths": list(self.strengths), "already_shown": list(self.already_shown), "note": self.note}


@dataclass(frozen=True)
class MarketPay:
    median: float
    p25: float
    p75: float
    count: int
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"median": self.median, "p25": self.p25, "p75": self.p75, "count": self.count, "source": self.source}


@dataclass(frozen=True)
class PayBand:
    level: str
    base_min: int
    base_max: int
    open_ended: bool
    currency: str
    bonus_min_pct: float
    bonus_max_pct: float
    source: str
    market: MarketPay | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "base_min": self.base_min, "base_max": self.base_max,
                "open_ended": self.open_ended, "currency": self.currency,
                "bonus_pct": [self.bonus_min_pct, self.bonus_max_pct], "source": self.source,
                "market": None if self.market is None else self.market.to_dict()}


def found_cores(mentions: Sequence[SkillMention], taxonomy: Taxonomy) -> dict[str, SkillMention]:
    """The first mention of each core skill the mentions show."""
    out: dict[str, SkillMention] = {}
    for m in mentions:
        skill = taxonomy.get(m.skill_id)
        if skill is not None:
            out.setdefault(skill.core_id, m)
    return out


def expected_cores(level: str, taxonomy: Taxonomy) -> list[str]:
    """Core skills a level expects: those expected from this level or below."""
    rank = LEVEL_IDS.index(level)
    return [s.id for s in taxonomy.core() if LEVEL_IDS.index(s.expected_from) <= rank]


def level_fits(
    mentions: Sequence[SkillMention],
    estimate: LevelEstimate,
    ladder: Ladder,
    taxonomy: Taxonomy,
) -> list[LevelFit]:
    """Fit for every level, factor by factor, each factor with the lines behind it."""
    cores = found_cores(mentions, taxonomy)
    shares = {lvl: estimate.features.get(f"scope_share_{lvl}", 0.0) for lvl in LEVEL_IDS}
    scope_lines = [e for e in estimate.evidence if e.reason == "scope"]
    fits = []
    for lvl in ladder.ids:
        rank = LEVEL_IDS.index(lvl)
        factors: list[Factor] = []
        tiers = [t for t, frm in TIER_FROM.items() if LEVEL_IDS.index(frm) <= rank]
        for tier in tiers:
            expected = [s for s in taxonomy.core() if s.tier == tier and LEVEL_IDS.index(s.expected_from) <= rank]
            total = sum(s.weight for s in expected) or 1.0
            have = [s for s in expected if s.id in cores]
            score = sum(s.weight for s in have) / total
            ev = tuple(FactorEvidence(cores[s.id].text, cores[s.id].line, s.id) for s in have)
            factors.append(Factor(tier, score, FACTOR_WEIGHTS["skills"] / len(tiers),
                                  f"{len(have)} of {len(expected)} {tier} skills evidenced", ev))
        reach = sum(shares[other] for other in LEVEL_IDS[rank:])
        ev = tuple(FactorEvidence(e.text, e.line, e.detail) for e in scope_lines
                   if LEVEL_IDS.index(e.level) >= rank)[:5]
        factors.append(Factor("scope", min(1.0, reach), FACTOR_WEIGHTS["scope"],
                              f"{reach:.0%} of scope statements read at {lvl} level or above", ev))
        years = estimate.years
        level = ladder.get(lvl)
        if years is None:
            factors.append(Factor("years", 0.5, FACTOR_WEIGHTS["years"], "years of experience not found", ()))
        else:
            score = 1.0 if years >= level.years_min else years / level.years_min
            ev = tuple(FactorEvidence(e.text, e.line, e.detail) for e in estimate.evidence if e.reason == "years")[:1]
            factors.append(Factor("years", score, FACTOR_WEIGHTS["years"], years_detail(years, level), ev))
        fit = sum(f.score * f.weight for f in factors) / sum(f.weight for f in factors)
        fits.append(LevelFit(lvl, fit, estimate.probabilities[lvl], tuple(factors)))
    return fits


def years_detail(years: float, level: Any) -> str:
    """What the years factor means: within, above or below the level's range, and how much it counts."""
    rng = f"{level.years_min:g}+" if level.years_max is None else f"{level.years_min:g}-{level.years_max:g}"
    if years < level.years_min:
        return f"{years:g} years: below the {rng} range, counts {years / level.years_min:.0%}"
    if level.years_max is not None and years > level.years_max:
        return f"{years:g} years: above the {rng} range, counts in full"
    return f"{years:g} years: within the {rng} range, counts in full"


def settle_background(background: BackgroundMatch | None, mentions: Sequence[SkillMention],
                      gaps: Sequence[Gap], taxonomy: Taxonomy) -> BackgroundMatch | None:
    """The background as the report shows it, so that it never contradicts the skills and gaps found.

    A typical gap the person already shows is no gap: it moves to ``already_shown`` (and to the
    strengths); a strength that carries over but is a gap of the level is not shown as a strength.
    """
    if background is None:
        return None
    found = {m.skill_id for m in mentions} | set(found_cores(mentions, taxonomy))
    gap_ids = {g.skill_id for g in gaps}
    shown = tuple(g for g in background.typical_gaps if g in found)
    typical = tuple(g for g in background.typical_gaps if g not in found)
    strengths = tuple(dict.fromkeys(
        [s for s in background.strengths if s not in gap_ids and s not in typical] + list(shown)))
    return BackgroundMatch(background.id, background.name, background.score, background.signals, typical,
                           strengths, background.note, shown)


def rank_gaps(
    mentions: Sequence[SkillMention],
    level: str,
    taxonomy: Taxonomy,
    *,
    only_new: bool = False,
    background: BackgroundMatch | None = None,
    listing_demand: Mapping[str, float] | None = None,
) -> list[Gap]:
    """Skills that ``level`` expects and the text does not show, most important first.

    Args:
        only_new: only the skills first expected at ``level`` (for "the next level"): core skills and
            the finer skills that start there (e.g. compensation philosophy at VP).
        background: its typical gaps rank first.
        listing_demand: share of stored listings at ``level`` asking for each core skill.
    """
    have = found_cores(mentions, taxonomy)
    have_fine = {m.skill_id for m in mentions}
    # a typical gap the person already shows (as the report's background says) tags none of its finer skills
    typical = [g for g in (background.typical_gaps if background else ())
               if taxonomy.get(g) is not None and g not in have and g not in have_fine]
    if only_new:
        pool = [s for s in taxonomy if s.expected_from == level]
    else:
        pool = [s for s in taxonomy.core() if LEVEL_IDS.index(s.expected_from) <= LEVEL_IDS.index(level)]
    gaps = []
    for skill in pool:
        if skill.id in have_fine or (skill.parent is None and skill.id in have):
            continue
        reasons = [f"{skill.tier} skill expected from {skill.expected_from}"]
        rank = skill.weight + {"strategic": 0.3, "technical": 0.2, "foundational": 0.1}[skill.tier]
        share = listing_demand.get(skill.core_id) if listing_demand else None
        if share is not None:
            rank += share
            core = taxonomy.get(skill.core_id)
            if skill.parent is None or core is None:
                reasons.append(f"asked for by {share:.0%} of stored {level} listings")
            else:  # listings are counted by core skill: say so rather than credit the finer one
                reasons.append(f"its core skill, {core.name}, is asked for by {share:.0%} of stored {level} listings")
        typical_ids = [g for g in typical if g in (skill.id, skill.core_id)]
        if typical_ids and background is not None:
            rank += 2.0 - typical.index(typical_ids[0]) * 0.1
            reasons.insert(0, f"a typical gap for a {background.name.lower()}")
        gaps.append(Gap(skill.id, skill.name, skill.tier, skill.expected_from, skill.weight, rank, tuple(reasons),
                        share))
    return sorted(gaps, key=lambda g: -g.rank)


def _latest_role_lines(document: Document) -> list[int]:
    """Line numbers (1-based) that hold the title of the most recent job: its date line and the one above."""
    if not document.employment:
        return []
    latest = max(document.employment, key=lambda r: (r.end is None, r.end or r.start, r.start))
    return [n for n in (latest.line - 1, latest.line) if n >= 1]


def background_candidates(lines: Sequence[str]) -> list[tuple[int, str]]:
    """Lines compared with the backgrounds' phrases: bullet-stripped (as the extractor encodes them),
    with at least three words."""
    return [(i + 1, strip_bullet(t)) for i, t in enumerate(lines) if word_count(t) >= 3]


@functools.lru_cache(maxsize=16)
def _title_pattern(titles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(t.lower()) for t in titles) + r")\b")


@functools.lru_cache(maxsize=4)
def _phrase_vectors(backgrounds: Backgrounds, embedder: Embedder) -> dict[str, np.ndarray]:
    """Each background's typical phrases, encoded once."""
    return {bg.id: embedder.encode_statements(list(bg.phrases), kind="background") for bg in backgrounds}


def detect_background(
    document: Document,
    backgrounds: Backgrounds,
    ladder: Ladder,
    *,
    embedder: Embedder | None = None,
) -> BackgroundMatch | None:
    """The adjacent background a resume shows, with its signals; None when already in sales ops."""
    lines = document.text.splitlines()
    latest = _latest_role_lines(document)
    ops_titles = [t.lower() for lvl in ladder.levels for t in lvl.titles]
    for n in latest:
        text = lines[n - 1].lower()
        if SALES_OPS_TITLE.search(text) or any(t in text for t in ops_titles):
            return None
    embedder = embedder or get_embedder()
    candidates = background_candidates(lines)
    scores: dict[str, float] = {}
    signals: dict[str, list[BackgroundSignal]] = {}
    unit_vectors = embedder.encode([t for _, t in candidates]) if candidates else np.zeros((0, 1))
    for bg in backgrounds:
        found: list[BackgroundSignal] = []
        score = 0.0
        for i, text in enumerate(lines, start=1):
            low = text.lower()
            hit = _title_pattern(bg.titles).search(low)
            if hit:
                score += 3.0 if i in latest else 1.5
                found.append(BackgroundSignal("title", text, i, f"title '{hit.group(0)}'"))
        if candidates:
            sims = unit_vectors @ _phrase_vectors(backgrounds, embedder)[bg.id].T
            best = sims.max(axis=1)
            for (n, _), s in zip(candidates, best, strict=True):
                if s >= PHRASE_THRESHOLD:
                    score += float(s)
                    detail = f"reads like a {bg.name.lower()} ({s:.2f})"
                    found.append(BackgroundSignal("phrase", lines[n - 1], n, detail))
        scores[bg.id] = score
        signals[bg.id] = found
    best_id = max(scores, key=lambda k: scores[k])
    if scores[best_id] < 1.5:
        return None
    chosen = backgrounds.get(best_id)
    assert chosen is not None
    ordered = sorted(signals[best_id], key=lambda s: (s.kind != "title", s.line))[:8]
    return BackgroundMatch(chosen.id, chosen.name, scores[best_id], tuple(ordered), chosen.typical_gaps,
                           chosen.strengths, chosen.note)


def pay_band(level: str, ladder: Ladder, market: MarketPay | None = None) -> PayBand:
    """The ladder band for ``level`` (base and bonus), with observed market pay when given."""
    band = ladder.get(level).band
    return PayBand(level, band.min, band.max, band.open_ended, band.currency, band.bonus_min_pct,
                   band.bonus_max_pct, band.source or f"ladder {ladder.version}", market)


def pillar_coverage(mentions: Sequence[SkillMention], taxonomy: Taxonomy, ladder: Ladder) -> dict[str, float]:
    """For each pillar, the weighted share of its core skills that the text evidences."""
    have = found_cores(mentions, taxonomy)
    out = {}
    for pillar in ladder.pillars:
        skills = [s for s in taxonomy.core() if s.pillar == pillar.id]
        total = sum(s.weight for s in skills)
        out[pillar.id] = sum(s.weight for s in skills if s.id in have) / total if total else 0.0
    return out
