"""Level inference: which rung of the ladder a text describes, from scope, not titles.

Features, each kept with the lines behind it:

* ``scope``: every sentence is compared with the ladder's scope statements for each level (what the
  level does, owns, and what the level below does not own yet);
* ``tier``: the core skills found, counted by tier (foundational, technical, strategic);
* ``years``: stated years required (a listing) or years of employment (a resume), against each
  level's range;
* ``cue``: scope phrases per level from ``data/level_cues.yaml`` (board, annual plan, team of …).

Level and title words are removed first (:func:`strip_level_words`), so a title never decides the
level; a title cue is reported as evidence only. A multinomial logistic regression trained by
``scripts/train_level.py`` (weights in ``data/level_model.json``) turns the features into
probabilities for the four levels.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import yaml

from .documents import document_from_text
from .embed import Embedder, get_embedder
from .errors import DataError
from .extract import SkillMention, content_lines, extract_skills
from .nlp import sentence_units
from .pay import parse_years
from .taxonomy import LEVEL_IDS, TIERS, Ladder, Taxonomy, load_ladder, load_taxonomy

SCOPE_FLOOR = 0.35
TOP_UNITS = 3


@dataclass(frozen=True)
class LevelEvidence:
    """A line that moved the estimate, the level it points to and why."""

    level: str
    reason: str  # "scope" | "tier" | "years" | "cue" | "title"
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
        self.vectors = embedder.encode(rows)
        self.starts = np.searchsorted(np.asarray(owners), np.arange(len(ladder.levels)))

    def level_scores(self, units: np.ndarray) -> np.ndarray:
        """units × levels: each unit's best cosine against each level's statements."""
        return np.maximum.reduceat(units @ self.vectors.T, self.starts, axis=1)


@functools.lru_cache(maxsize=4)
def _scope_index(ladder: Ladder, embedder: Embedder) -> ScopeIndex:
    return ScopeIndex(ladder, embedder)


@dataclass(frozen=True)
class LevelModel:
    feature_names: tuple[str, ...]
    classes: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    meta: dict[str, Any]

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef.T + self.intercept
        z = z - z.max(axis=-1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=-1, keepdims=True)

    def contributions(self, x: np.ndarray, cls: int) -> np.ndarray:
        """Each feature's push toward class ``cls`` relative to the mean of the classes."""
        zs = ((x - self.mean) / self.scale)
        c = self.coef[cls] - self.coef.mean(axis=0)
        return zs * c

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> LevelModel:
        return cls(tuple(raw["feature_names"]), tuple(raw["classes"]), np.asarray(raw["mean"]),
                   np.asarray(raw["scale"]), np.asarray(raw["coef"]), np.asarray(raw["intercept"]),
                   dict(raw.get("meta", {})))


@functools.lru_cache(maxsize=1)
def load_level_model() -> LevelModel:
    resource = importlib.resources.files("skillmatch.data").joinpath("level_model.json")
    try:
        raw = json.loads(resource.read_text("utf-8"))
        model = LevelModel.from_dict(raw)
    except (OSError, KeyError, ValueError) as e:
        raise DataError(f"skillmatch/data/level_model.json: cannot load the level model: {e}") from None
    if model.feature_names != FEATURE_NAMES or model.classes != LEVEL_IDS:
        raise DataError("skillmatch/data/level_model.json: features or classes differ from the code; "
                        "run scripts/train_level.py")
    return model


FEATURE_NAMES: tuple[str, ...] = (
    *(f"scope_top_{lvl}" for lvl in LEVEL_IDS),
    *(f"scope_share_{lvl}" for lvl in LEVEL_IDS),
    *(f"tier_{t}" for t in TIERS),
    "years_known", "years_log",
    *(f"years_in_{lvl}" for lvl in LEVEL_IDS),
    *(f"cue_{lvl}" for lvl in LEVEL_IDS),
)


@dataclass(frozen=True)
class _Unit:
    line: int
    text: str
    scores: np.ndarray


def level_features(
    text: str,
    *,
    mentions: Sequence[SkillMention] | None = None,
    years: float | None = None,
    ladder: Ladder | None = None,
    taxonomy: Taxonomy | None = None,
    embedder: Embedder | None = None,
) -> tuple[np.ndarray, list[LevelEvidence], float | None]:
    """The feature vector (in ``FEATURE_NAMES`` order), the evidence behind it and the years used.

    Args:
        text: a resume or a role description; level words are removed before anything is read.
        mentions: skill mentions already extracted from ``text`` (extracted here when None).
        years: years of experience when known (a resume's employment history); else read from text.
    """
    vector, evidence, years, _ = _level_features(text, mentions=mentions, years=years, ladder=ladder,
                                                 taxonomy=taxonomy, embedder=embedder)
    return vector, evidence, years


def _level_features(
    text: str,
    *,
    mentions: Sequence[SkillMention] | None,
    years: float | None,
    ladder: Ladder | None,
    taxonomy: Taxonomy | None,
    embedder: Embedder | None,
) -> tuple[np.ndarray, list[LevelEvidence], float | None, int]:
    """:func:`level_features`, plus how many content sentences the text has."""
    ladder = ladder or load_ladder()
    taxonomy = taxonomy or load_taxonomy()
    embedder = embedder or get_embedder()
    original = text.splitlines()
    kept = content_lines(original, strip_level_words(text).splitlines())
    evidence: list[LevelEvidence] = []
    feats: dict[str, float] = {}

    units = sentence_units(kept)
    n_levels = len(LEVEL_IDS)
    if units:
        scores = _scope_index(ladder, embedder).level_scores(embedder.encode([u for _, u in units]))
        rows = [_Unit(n, u, s) for (n, u), s in zip(units, scores, strict=True)]
    else:
        rows = []
    for j, lvl in enumerate(LEVEL_IDS):
        col = sorted((r.scores[j] for r in rows), reverse=True)[:TOP_UNITS]
        feats[f"scope_top_{lvl}"] = float(np.mean(col)) if col else 0.0
    votes = [int(np.argmax(r.scores)) for r in rows if r.scores.max() >= SCOPE_FLOOR]
    for j, lvl in enumerate(LEVEL_IDS):
        feats[f"scope_share_{lvl}"] = votes.count(j) / len(votes) if votes else 1 / n_levels
    for r in sorted(rows, key=lambda r: -float(r.scores.max()))[:8]:
        j = int(np.argmax(r.scores))
        if r.scores[j] >= SCOPE_FLOOR:
            evidence.append(LevelEvidence(LEVEL_IDS[j], "scope", original[r.line - 1], r.line,
                                          f"reads like {LEVEL_IDS[j]} scope (similarity {r.scores[j]:.2f})",
                                          float(r.scores[j])))

    if mentions is None:
        mentions = extract_skills(text, taxonomy=taxonomy, embedder=embedder)
    by_tier: dict[str, set[str]] = {t: set() for t in TIERS}
    first_line: dict[str, SkillMention] = {}
    for m in mentions:
        skill = taxonomy.get(m.skill_id)
        if skill is None:
            continue
        core = taxonomy.get(skill.core_id) or skill
        by_tier[core.tier].add(core.id)
        first_line.setdefault(core.id, m)
    for tier in TIERS:
        feats[f"tier_{tier}"] = min(len(by_tier[tier]), 5) / 5
    tier_level = {"foundational": "analyst", "technical": "manager", "strategic": "director"}
    for tier in ("strategic", "technical"):
        for cid in sorted(by_tier[tier]):
            m = first_line[cid]
            evidence.append(LevelEvidence(tier_level[tier], "tier", m.text, m.line,
                                          f"{tier} skill {cid}", 0.5))

    if years is None:
        stated = parse_years(text)
        if stated is not None:
            years = stated.min
            line = next((i + 1 for i, s in enumerate(original) if stated.text in s), None)
            years_text = original[line - 1] if line else stated.text
        else:
            employment = document_from_text(text).years_experience
            years, line, years_text = employment, None, f"{employment} years of employment"
    else:
        line, years_text = None, f"{years} years of employment"
    feats["years_known"] = 1.0 if years is not None else 0.0
    feats["years_log"] = math.log1p(min(years, 25.0)) if years is not None else 0.0
    for lvl in LEVEL_IDS:
        feats[f"years_in_{lvl}"] = 1.0 if years is not None and ladder.get(lvl).years_fit(years) else 0.0
    if years is not None:
        for lvl in LEVEL_IDS:
            if ladder.get(lvl).years_fit(years):
                evidence.append(LevelEvidence(lvl, "years", years_text, line,
                                              f"{years:g} years is in the {lvl} range", 0.6))

    cues = level_cues()
    for lvl in LEVEL_IDS:
        count = 0
        for number, line_text in kept:
            if cues.cues[lvl].search(line_text):
                count += 1
                evidence.append(LevelEvidence(lvl, "cue", original[number - 1], number,
                                              f"{lvl} scope cue", 0.3))
        feats[f"cue_{lvl}"] = math.log1p(count)
    vector = np.asarray([feats[name] for name in FEATURE_NAMES], dtype=np.float64)
    return vector, evidence, years, len(units)


def infer_level(
    text: str,
    *,
    mentions: Sequence[SkillMention] | None = None,
    years: float | None = None,
    title: str | None = None,
    ladder: Ladder | None = None,
    taxonomy: Taxonomy | None = None,
    embedder: Embedder | None = None,
) -> LevelEstimate:
    """Which level a resume or role text describes, with probabilities and the lines behind it.

    Args:
        text: the resume or role description.
        mentions: skills already extracted from ``text`` (saves a second pass).
        years: years of experience when the caller knows them (a resume's employment history).
        title: a job title; reported as evidence only, it never changes the probabilities.
    """
    model = load_level_model()
    x, evidence, years, sentences = _level_features(text, mentions=mentions, years=years, ladder=ladder,
                                                    taxonomy=taxonomy, embedder=embedder)
    probs = model.predict_proba(x[None, :])[0]
    # little text, little certainty: shrink toward an even split below the evidence threshold
    weight = min(1.0, sentences / max(1, level_cues().min_evidence_sentences))
    probs = weight * probs + (1.0 - weight) / len(probs)
    best = int(np.argmax(probs))
    contrib = model.contributions(x, best)
    push = {name: float(c) for name, c in zip(FEATURE_NAMES, contrib, strict=True)}
    reason_weight = {
        "scope": sum(v for k, v in push.items() if k.startswith("scope_")),
        "tier": sum(v for k, v in push.items() if k.startswith("tier_")),
        "years": sum(v for k, v in push.items() if k.startswith("years_")),
        "cue": sum(v for k, v in push.items() if k.startswith("cue_")),
    }
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
        features={name: float(v) for name, v in zip(FEATURE_NAMES, x, strict=True)},
        years=years,
    )
