"""Level inference: which rung of the ladder a text describes, from its wording, not titles or topics.

Features, each kept with the lines behind it:

* ``seniority``: every content line read by :mod:`skillmatch.level.lines` (agency, reach, audience,
  people, years), summed up as grade shares, people leadership and the spread of line scores;
* ``years``: stated years required (a listing) or years of employment (a resume), against each
  level's range;
* ``resume``: the dated roles: how many, how senior the latest one reads, people managed in it, and
  the progression from the older ones;
* ``cue``: scope phrases per level from ``data/level_cues.yaml`` (board, annual plan, team of …);
* ``scope`` and ``tier`` (for the report's fit, not read by the model): each sentence's similarity
  to the ladder's statements, and the core skills named, by tier.

Level and title words are removed first (:func:`strip_level_words`), so a title never decides the
level; a title cue is reported as evidence only. An ordinal logistic model trained by
``scripts/train_level.py`` (:mod:`skillmatch.level.model`, weights in ``data/level_model.json``)
turns the features into a seniority score and probabilities for the four levels.
"""

from __future__ import annotations

import functools
import importlib.resources
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import yaml

from ..embed import Embedder, get_embedder
from ..extract.mentions import SkillMention, alias_mentions, content_lines
from ..nlp import sentence_units, word_count
from ..read.document import Document, document_from_text
from ..read.pay import parse_years
from ..taxonomy import LEVEL_IDS, TIERS, Ladder, Taxonomy, load_ladder, load_taxonomy
from .lines import LineSeniority, default_lexicon, read_lines
from .model import load_level_model

SCOPE_FLOOR = 0.35
TOP_UNITS = 3


def _core_tier(taxonomy: Taxonomy, mention: SkillMention) -> str | None:
    skill = taxonomy.get(mention.skill_id)
    if skill is None:
        return None
    return (taxonomy.get(skill.core_id) or skill).tier


@dataclass(frozen=True)
class LevelEvidence:
    """A line that moved the estimate, the level it points to and why."""

    level: str
    reason: str  # "seniority" | "tier" | "years" | "cue" | "title"
    text: str
    line: int | None
    detail: str
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "reason": self.reason, "text": self.text, "line": self.line,
                "detail": self.detail, "weight": round(self.weight, 4)}


@dataclass(frozen=True)
class LevelEstimate:
    level: str
    probabilities: dict[str, float]
    evidence: tuple[LevelEvidence, ...]
    features: dict[str, float]
    years: float | None
    score: float = 0.0  # the model's seniority score: orders two texts (higher is more senior)
    lines: tuple[LineSeniority, ...] = ()  # each content line's seniority reading
    sentences: int = 0  # content sentences read: below level_cues' min_evidence_sentences, a thin text

    @property
    def thin(self) -> bool:
        """Too little text to be sure of a level (its probabilities were pulled toward an even split)."""
        return self.sentences < level_cues().min_evidence_sentences

    @property
    def confidence(self) -> float:
        return self.probabilities[self.level]

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "confidence": round(self.confidence, 4),
                "probabilities": {k: round(v, 4) for k, v in self.probabilities.items()},
                "years": self.years, "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(frozen=True)
class Cues:
    level_words: re.Pattern[str]
    cues: dict[str, re.Pattern[str]]  # one alternation per level
    min_evidence_sentences: int = 5


@functools.lru_cache(maxsize=1)
def level_cues() -> Cues:
    raw = yaml.safe_load(
        importlib.resources.files("skillmatch.data").joinpath("level_cues.yaml").read_text("utf-8"))
    words = re.compile(r"\b(?:" + "|".join(raw["level_words"]) + r")\b", re.IGNORECASE)
    cues = {lvl: re.compile("|".join(f"(?:{p})" for p in raw["cues"][lvl]), re.IGNORECASE) for lvl in LEVEL_IDS}
    return Cues(words, cues, int(raw.get("min_evidence_sentences", 5)))


def strip_level_words(text: str) -> str:
    """The text with title and level words removed ("Senior", "Manager", "Director", "VP", "Lead" …)."""
    stripped = level_cues().level_words.sub("", text)
    return re.sub(r"[ \t]{2,}", " ", stripped)


def title_level(title: str, ladder: Ladder | None = None) -> str | None:
    """The level a job title names, from its level words (None when it names none)."""
    t = title.lower()
    if re.search(r"\b(vp|vice president|svp|evp|head of|chief)\b", t):
        return "vp"
    if re.search(r"\bdirector\b", t):
        return "director"
    if re.search(r"\b(manager|lead|head)\b", t):
        return "manager"
    if re.search(r"\b(analyst|specialist|coordinator|associate|administrator|intern)\b", t):
        return "analyst"
    return None


def scope_texts(text: str) -> list[str]:
    """The sentences :func:`level_features` encodes for ``text`` (to batch encodings ahead)."""
    return [u for _, u in sentence_units(content_lines(text.splitlines(), strip_level_words(text).splitlines()))]


class ScopeIndex:
    """Each level's scope statements, encoded once."""

    def __init__(self, ladder: Ladder, embedder: Embedder) -> None:
        rows: list[str] = []
        owners: list[int] = []
        for i, level in enumerate(ladder.levels):
            below = ladder.levels[i - 1].not_yet if i > 0 else ()
            for statement in (*level.scope_statements, *level.responsibilities, *below):
                rows.append(strip_level_words(statement))
                owners.append(i)
        self.rows = rows
        self.vectors = embedder.encode_statements(rows, kind="scope")
        self.starts = np.searchsorted(np.asarray(owners), np.arange(len(ladder.levels)))

    def level_scores(self, units: np.ndarray) -> np.ndarray:
        """units × levels: each unit's best cosine against each level's statements."""
        return np.maximum.reduceat(units @ self.vectors.T, self.starts, axis=1)


@functools.lru_cache(maxsize=4)
def _scope_index(ladder: Ladder, embedder: Embedder) -> ScopeIndex:
    return ScopeIndex(ladder, embedder)


def scope_features(kept: Sequence[tuple[int, str]], original: Sequence[str], ladder: Ladder,
                   embedder: Embedder) -> tuple[dict[str, float], list[LevelEvidence]]:
    """How close the text's sentences are to each level's scope statements (the topic side)."""
    feats: dict[str, float] = {}
    evidence: list[LevelEvidence] = []
    units = sentence_units(kept)
    scores = (_scope_index(ladder, embedder).level_scores(embedder.encode([u for _, u in units]))
              if units else np.zeros((0, len(LEVEL_IDS))))
    for j, lvl in enumerate(LEVEL_IDS):
        col = sorted(scores[:, j].tolist(), reverse=True)[:TOP_UNITS]
        feats[f"scope_top_{lvl}"] = float(np.mean(col)) if col else 0.0
    votes = [int(np.argmax(r)) for r in scores if r.max() >= SCOPE_FLOOR]
    for j, lvl in enumerate(LEVEL_IDS):
        feats[f"scope_share_{lvl}"] = votes.count(j) / len(votes) if votes else 1 / len(LEVEL_IDS)
    order: list[int] = np.argsort(-scores.max(axis=1)).tolist() if len(units) else []
    for k in order[:6]:
        j = int(np.argmax(scores[k]))
        if scores[k, j] >= SCOPE_FLOOR:
            n = units[k][0]
            evidence.append(LevelEvidence(LEVEL_IDS[j], "scope", original[n - 1], n,
                                          f"reads like {LEVEL_IDS[j]} scope (similarity {scores[k, j]:.2f})",
                                          float(scores[k, j])))
    return feats, evidence


def seniority_features(readings: Sequence[LineSeniority], n_content: int) -> dict[str, float]:
    """Whole-text features from the line readings: grade shares, people leadership, score spread."""
    lex = default_lexicon()
    feats: dict[str, float] = {}
    read = [r for r in readings if r.score is not None]
    feats["sen_lines"] = math.log1p(len(read))
    feats["sen_share"] = len(read) / n_content if n_content else 0.0
    for dim in ("agency", "reach"):
        shown = [r.grade(dim) for r in read]
        shown_names = [g.name for g in shown if g is not None]
        for g in lex.grades(dim):
            feats[f"{dim}_{g.name}"] = shown_names.count(g.name) / len(shown_names) if shown_names else 0.0
    for dim in ("agency", "reach"):
        levels_shown = [a.level for r in read if (a := r.grade(dim)) is not None]
        feats[f"{dim}_mean"] = float(np.mean(levels_shown)) if levels_shown else 0.0
        feats[f"{dim}_known"] = len(levels_shown) / len(read) if read else 0.0
    feats["agency_high"] = feats["agency_own"] + feats["agency_define"]
    feats["reach_high"] = feats["reach_function"] + feats["reach_company"]
    for dim in ("audience", "people"):
        names = [a.name for r in read if (a := r.grade(dim)) is not None]
        for g in lex.grades(dim):
            feats[f"{dim}_{g.name}"] = math.log1p(names.count(g.name))
    scores = sorted((r.score for r in read if r.score is not None), reverse=True)
    feats["score_mean"] = float(np.mean(scores)) if scores else 0.0
    feats["score_p75"] = float(np.quantile(scores, 0.75)) if scores else 0.0
    feats["score_top3"] = float(np.mean(scores[:3])) if scores else 0.0
    feats["score_hi"] = sum(s >= 1.5 for s in scores) / len(scores) if scores else 0.0
    feats["score_vhi"] = sum(s >= 2.2 for s in scores) / len(scores) if scores else 0.0
    feats["score_lo"] = sum(s <= 0.5 for s in scores) / len(scores) if scores else 0.0
    levels = [r.level for r in read]
    for lvl in LEVEL_IDS:
        feats[f"sen_share_{lvl}"] = levels.count(lvl) / len(levels) if levels else 0.25
    return feats


def _years_features(years: float | None, ladder: Ladder) -> dict[str, float]:
    feats = {"years_known": 1.0 if years is not None else 0.0,
             "years_log": math.log1p(min(years, 25.0)) if years is not None else 0.0}
    for lvl in LEVEL_IDS:
        feats[f"years_in_{lvl}"] = 1.0 if years is not None and ladder.get(lvl).years_fit(years) else 0.0
    return feats


def _resume_features(document: Document, readings: Sequence[LineSeniority]) -> dict[str, float]:
    """A resume's own reading: how many dated roles, how senior the latest reads, and the progression.

    The lines from the latest role's date line to the next role's are that role's; they weigh most.
    """
    feats = {"is_resume": 0.0, "roles_log": 0.0, "recent_score": 0.0, "recent_known": 0.0,
             "recent_people": 0.0, "progression": 0.0}
    if not document.employment:  # no dated roles: read as a role description
        return feats
    feats["is_resume"] = 1.0
    ranges = sorted(document.employment, key=lambda r: (r.end is None, r.end or r.start, r.start), reverse=True)
    feats["roles_log"] = math.log1p(len(ranges))
    starts = sorted({r.line for r in ranges})
    first = ranges[0].line
    later = [n for n in starts if n > first]
    stop = later[0] if later else first + 15
    recent = [r for r in readings if r.score is not None and r.line is not None and first - 1 <= r.line < stop]
    older = [r.score for r in readings if r.score is not None and r.line is not None and r.line >= stop]
    if recent:
        top = sorted((r.score for r in recent if r.score is not None), reverse=True)[:4]
        feats["recent_score"] = float(np.mean(top))
        feats["recent_known"] = 1.0
        feats["recent_people"] = max((g.level for r in recent if (g := r.grade("people")) is not None), default=0.0)
        if older:
            feats["progression"] = feats["recent_score"] - float(np.mean(sorted(older, reverse=True)[:4]))
    return feats


def level_features(
    text: str,
    *,
    mentions: Sequence[SkillMention] | None = None,
    years: float | None = None,
    ladder: Ladder | None = None,
    taxonomy: Taxonomy | None = None,
    embedder: Embedder | None = None,
    document: Document | None = None,
    scope: bool = True,
) -> tuple[dict[str, float], list[LevelEvidence], float | None]:
    """Every feature level inference can use (by name), the evidence behind them and the years used.

    Args:
        text: a resume or a role description; level words are removed before anything is read.
        mentions: skill mentions already extracted from ``text`` (alias hits only when None).
        years: years of experience when known (a resume's employment history); else read from text.
        document: the resume's :class:`Document`, for its dated roles.
        scope: also compute the scope-statement similarities (sentence embeddings; the report's fit
            reads them, the level model does not).
    """
    feats, evidence, years, _, _ = _level_features(text, mentions=mentions, years=years, ladder=ladder,
                                                   taxonomy=taxonomy, document=document, embedder=embedder,
                                                   scope=scope)
    return feats, evidence, years


def _level_features(
    text: str,
    *,
    mentions: Sequence[SkillMention] | None,
    years: float | None,
    ladder: Ladder | None,
    taxonomy: Taxonomy | None,
    document: Document | None,
    embedder: Embedder | None = None,
    scope: bool = True,
) -> tuple[dict[str, float], list[LevelEvidence], float | None, int, list[LineSeniority]]:
    """:func:`level_features`, plus how many content sentences the text has and the line readings."""
    ladder = ladder or load_ladder()
    taxonomy = taxonomy or load_taxonomy()
    original = text.splitlines()
    kept = content_lines(original, strip_level_words(text).splitlines())
    kept = [(n, t) for n, t in kept if word_count(t) >= 2]
    evidence: list[LevelEvidence] = []
    readings = read_lines([(n, t) for n, t in kept])
    # the reading was made on the level-stripped line; evidence shows the line verbatim
    readings = [LineSeniority(r.line, original[r.line - 1], r.signals, r.score, r.probabilities)
                for r in readings if r.line is not None]
    feats = seniority_features(readings, len(kept))
    if scope:
        scope_feats, scope_evidence = scope_features(kept, original, ladder, embedder or get_embedder())
        feats.update(scope_feats)
        evidence.extend(scope_evidence)
    for r in sorted((r for r in readings if r.score is not None), key=lambda r: -abs((r.score or 0) - 1.5))[:12]:
        lvl = r.level or LEVEL_IDS[0]
        evidence.append(LevelEvidence(lvl, "seniority", r.text, r.line, f"reads at {lvl} level: {r.reason}",
                                      float(r.probabilities.get(lvl, 0.0))))

    # tier features come from alias hits only, whoever calls: the model is trained on them
    named = alias_mentions(text, taxonomy=taxonomy)
    by_tier: dict[str, set[str]] = {t: set() for t in TIERS}
    first_line: dict[str, SkillMention] = {}
    for m in (*named, *(mentions or ())):
        skill = taxonomy.get(m.skill_id)
        if skill is None:
            continue
        core = taxonomy.get(skill.core_id) or skill
        if m.method == "alias":
            by_tier[core.tier].add(core.id)
        first_line.setdefault(core.id, m)
    for tier in TIERS:
        feats[f"tier_{tier}"] = min(len(by_tier[tier]), 5) / 5
    tier_level = {"foundational": "analyst", "technical": "manager", "strategic": "director"}
    for tier in ("strategic", "technical"):
        for cid in sorted(c for c, m in first_line.items() if _core_tier(taxonomy, m) == tier):
            m = first_line[cid]
            evidence.append(LevelEvidence(tier_level[tier], "tier", m.text, m.line, f"{tier} skill {cid}", 0.5))

    if years is None:
        stated = parse_years(text)
        if stated is not None:
            years = stated.min
            line = next((i + 1 for i, s in enumerate(original) if stated.text in s), None)
            years_text = original[line - 1] if line else stated.text
        else:
            employment = (document or document_from_text(text)).years_experience
            years, line, years_text = employment, None, f"{employment} years of employment"
    else:
        line, years_text = None, f"{years} years of employment"
    feats.update(_years_features(years, ladder))
    if years is not None:
        for lvl in LEVEL_IDS:
            if ladder.get(lvl).years_fit(years):
                evidence.append(LevelEvidence(lvl, "years", years_text, line,
                                              f"{years:g} years is in the {lvl} range", 0.6))
    feats.update(_resume_features(document or document_from_text(text), readings))

    cues = level_cues()
    for lvl in LEVEL_IDS:
        count = 0
        for number, line_text in kept:
            if cues.cues[lvl].search(line_text):
                count += 1
                evidence.append(LevelEvidence(lvl, "cue", original[number - 1], number, f"{lvl} scope cue", 0.3))
        feats[f"cue_{lvl}"] = math.log1p(count)
    feats["lines_log"] = math.log1p(len(kept))
    return feats, evidence, years, len(kept), readings


def infer_level(
    text: str,
    *,
    mentions: Sequence[SkillMention] | None = None,
    years: float | None = None,
    title: str | None = None,
    ladder: Ladder | None = None,
    taxonomy: Taxonomy | None = None,
    embedder: Embedder | None = None,
    document: Document | None = None,
    scope: bool = True,
) -> LevelEstimate:
    """Which level a resume or role text describes, with probabilities and the lines behind it.

    Args:
        text: the resume or role description.
        mentions: skills already extracted from ``text`` (shown as evidence).
        years: years of experience when the caller knows them (a resume's employment history).
        title: a job title; reported as evidence only, it never changes the probabilities.
        document: the resume's :class:`Document` (its dated roles are read too).
        scope: also compute the scope-statement similarities (sentence encodes) and their evidence: the
            resume report's fit reads them; the level model does not, so the probabilities and the
            level are the same either way (listing scores and JD lints pass False).
    """
    model = load_level_model()
    feats, evidence, years, sentences, readings = _level_features(
        text, mentions=mentions, years=years, ladder=ladder, taxonomy=taxonomy, document=document,
        embedder=embedder, scope=scope)
    x = model.vector(feats)
    probs = model.predict_proba(x)[0]
    # little text, little certainty: shrink toward an even split below the evidence threshold
    weight = min(1.0, sentences / max(1, level_cues().min_evidence_sentences))
    probs = weight * probs + (1.0 - weight) / len(probs)
    best = int(np.argmax(probs))
    push = dict(zip(model.feature_names, model.contributions(x), strict=True))
    toward = 1.0 if best >= len(LEVEL_IDS) / 2 else -1.0  # features that push toward the estimate's end
    reason_weight = {reason: toward * sum(v for k, v in push.items() if k.startswith(prefixes))
                     for reason, prefixes in REASON_FEATURES.items()}
    if title:
        tl = title_level(title)
        if tl is not None:
            evidence.append(LevelEvidence(tl, "title", title, None, "level named in the title (not scored)", 0.0))
    # keep the evidence that points at the estimate first, strongest reasons first
    evidence.sort(key=lambda e: (e.level != LEVEL_IDS[best], -reason_weight.get(e.reason, 0.0), -e.weight))
    return LevelEstimate(
        level=LEVEL_IDS[best],
        probabilities={lvl: float(p) for lvl, p in zip(LEVEL_IDS, probs, strict=True)},
        evidence=tuple(evidence[:20]),
        features=feats,
        years=years,
        score=float(model.score(x[None, :])[0]),
        lines=tuple(readings),
        sentences=sentences,
    )


REASON_FEATURES: dict[str, tuple[str, ...]] = {
    "seniority": ("sen_", "agency_", "reach_", "audience_", "people_", "score_", "recent_"),
    "scope": ("scope_",),
    "tier": ("tier_",),
    "years": ("years_",),
    "cue": ("cue_",),
}
