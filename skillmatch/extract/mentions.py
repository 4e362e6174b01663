"""Hybrid skill extraction: alias hits plus embedding matches, each with the line that shows it.

Two ways a line becomes evidence of a skill:

* ``alias``: one of the skill's aliases or tool names occurs in the line (spaCy PhraseMatcher);
* ``embedding``: a sentence of the line is close (cosine >= a calibrated threshold) to one of the
  skill's evidence statements, closer by a margin than to any "not a skill" statement (generic soft
  skills, selling, pay and benefits), and the skill is among the sentence's ``top_k`` nearest skills;
* ``classifier``: the per-skill linear classifier of :mod:`skillmatch.extract.classifier`, over the same
  sentence vectors plus the listing part of the line and the sentence's alias hits, gives the core
  id a probability at or above that id's threshold.

``classifier`` in ``data/extract.yaml`` says how the classifier is used (the choice is made on
out-of-fold dev figures by ``scripts/train_skills.py --mode``):

* ``add``: a core id it finds on a line with no alias or embedding mention of that id becomes a
  ``classifier`` mention; the alias and embedding mentions stay as they are;
* ``gate``: as ``add``, and an alias or embedding mention on a line that has sentence units counts
  only when the classifier confirms its core id on that line (a bare alias on a short line, "SQL,
  Excel", still counts, and so does an alias of the ids the guide defines by naming a tool,
  ``named_by_alias``, and, in a resume, one in a list of names, "Tableau, Excel, MySQL, SAP");
* ``off``: no classifier.

Boilerplate (benefits, EEO, "about us") never counts. The threshold and ``top_k`` are calibrated on
a labelled development split by ``scripts/eval_skills.py --calibrate`` and kept in
``data/extract.yaml``.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import yaml

from ..embed import Embedder, VectorCache, get_embedder
from ..nlp import alias_matcher, line_kinds, sentence_units
from ..taxonomy import Taxonomy, load_taxonomy
from .classifier import SkillModel, context_mask, default_model

SKIP_KINDS = frozenset({"boilerplate", "not_owned", "heading", "blank"})


@dataclass(frozen=True)
class SkillMention:
    """One piece of evidence: a skill, the verbatim source line and how it was found."""

    skill_id: str
    text: str
    line: int
    method: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ExtractSettings:
    threshold: float
    none_margin: float
    top_k: int
    min_words: int
    calibrated_on: str
    # a core id's own embedding threshold, where it differs from ``threshold`` (above 1: aliases only)
    per_skill: dict[str, float] = field(default_factory=dict)
    # added to a sentence's similarities by the part of the listing its line sits in
    section_bonus: dict[str, float] = field(default_factory=dict)
    # the per-skill classifier (skillmatch/extract/classifier.py) gates and adds mentions when its weights ship
    classifier: str = "off"  # add | gate | off
    # core ids the classifier grants only to a sentence holding one of these words (classifier.context_mask)
    classifier_needs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # core ids the guide defines by naming a tool ("names SQL"): their alias mentions count under the gate
    named_by_alias: tuple[str, ...] = ()

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> ExtractSettings:
        raw = yaml.safe_load(
            importlib.resources.files("skillmatch.data").joinpath("extract.yaml").read_text("utf-8"))
        return cls(float(raw["threshold"]), float(raw["none_margin"]), int(raw["top_k"]),
                   int(raw["min_words"]), str(raw.get("calibrated_on", "")),
                   {str(k): float(v) for k, v in (raw.get("per_skill") or {}).items()},
                   {str(k): float(v) for k, v in (raw.get("section_bonus") or {}).items()},
                   str(raw.get("classifier", "off")),
                   {str(k): tuple(str(w) for w in v) for k, v in (raw.get("classifier_needs") or {}).items()},
                   tuple(str(c) for c in raw.get("named_by_alias") or ()))


class SkillIndex:
    """Every skill's evidence statements, encoded once, with the owning skill of each row."""

    def __init__(self, taxonomy: Taxonomy, embedder: Embedder) -> None:
        self.taxonomy = taxonomy
        self.skill_ids = [s.id for s in taxonomy]
        rows: list[str] = []
        owners: list[int] = []
        for i, skill in enumerate(taxonomy):
            for statement in skill.evidence:
                rows.append(statement)
                owners.append(i)
        # the last column is "no skill": generic sentences that must not match any skill
        self.none_column = len(self.skill_ids) if taxonomy.not_skills else None
        for statement in taxonomy.not_skills:
            rows.append(statement)
            owners.append(len(self.skill_ids))
        self.vectors = embedder.encode_statements(rows, kind="skills")
        # rows are grouped by owner: each block starts where its owner index first appears
        groups = len(self.skill_ids) + (1 if self.none_column is not None else 0)
        self.starts = np.searchsorted(np.asarray(owners), np.arange(groups))

    def skill_scores(self, units: np.ndarray) -> np.ndarray:
        """For each unit vector, the best cosine against each skill's statements (units × skills)."""
        sims = units @ self.vectors.T
        return np.maximum.reduceat(sims, self.starts, axis=1)


@functools.lru_cache(maxsize=4)
def _skill_index(taxonomy: Taxonomy, embedder: Embedder) -> SkillIndex:
    return SkillIndex(taxonomy, embedder)


def content_lines(original: Sequence[str], shown: Sequence[str], *, resume: bool = False) -> list[tuple[int, str]]:
    """(line number, text) of the lines that can be evidence: not headings, blanks or boilerplate.

    Args:
        original: the text's lines, used to find the sections.
        shown: the lines to return (the original, or a rewritten copy such as level words removed).
        resume: the text is a resume: no line of it heads a listing's boilerplate (see :func:`line_kinds`).
    """
    kinds = line_kinds(original, resume=resume)
    return [(i + 1, line) for i, (line, kind) in enumerate(zip(shown, kinds, strict=True)) if kind not in SKIP_KINDS]


def unit_texts(text: str, *, min_words: int | None = None, resume: bool = False) -> list[str]:
    """The sentences :func:`extract_skills` encodes for ``text`` (to batch encodings ahead)."""
    if min_words is None:
        min_words = ExtractSettings.default().min_words
    lines = text.splitlines()
    return [u for _, u in sentence_units(content_lines(lines, lines, resume=resume), min_words=min_words)]


@dataclass(frozen=True)
class ScoredText:
    """A text's alias hits and every sentence unit's similarity to every skill, before any threshold."""

    lines: tuple[str, ...]
    alias_mentions: tuple[SkillMention, ...]
    unit_lines: tuple[int, ...]
    scores: np.ndarray  # units × (skills [+ "no skill"])
    skill_ids: tuple[str, ...]
    none_column: int | None
    unit_kinds: tuple[str, ...] = ()  # the listing part of each unit's line (see nlp.line_kinds)
    core_ids: tuple[str, ...] = ()  # the core id of each skill column
    # the classifier's units × core ids probabilities, its core ids and thresholds (None: no classifier)
    model_probs: np.ndarray | None = None
    model_ids: tuple[str, ...] = ()
    model_thresholds: tuple[float, ...] = ()
    resume: bool = False  # a resume: the gate keeps the aliases of its lists of names (is_list_line)
    unit_texts: tuple[str, ...] = ()  # each unit's text (the classifier's context words are read from it)

    def select(self, settings: ExtractSettings) -> list[SkillMention]:
        """Apply threshold, margin over "no skill" and top-k; one mention per (skill, line)."""
        found = {(m.skill_id, m.line): m for m in self.alias_mentions}
        n_skills = len(self.skill_ids)
        kinds = self.unit_kinds or ("body",) * len(self.unit_lines)
        cores = self.core_ids or self.skill_ids
        floors = np.array([settings.per_skill.get(c, settings.threshold) for c in cores], dtype=np.float32)
        for number, kind, row in zip(self.unit_lines, kinds, self.scores, strict=True):
            bonus = settings.section_bonus.get(kind, 0.0)
            floor = 0.0
            if self.none_column is not None:
                floor = float(row[self.none_column]) + settings.none_margin
            for j in np.argsort(-row[:n_skills])[: settings.top_k]:
                score = float(row[j])
                if score + bonus < max(floor, float(floors[j])):
                    continue
                key = (self.skill_ids[j], number)
                if key in found and found[key].score >= score:
                    continue
                found[key] = SkillMention(key[0], self.lines[number - 1], number, "embedding", round(score, 4))
        mentions = list(found.values())
        if settings.classifier in ("add", "gate") and self.model_probs is not None:
            mentions = self._classified(mentions, gate=settings.classifier == "gate",
                                        named=frozenset(settings.named_by_alias), needs=settings.classifier_needs)
        return sorted(mentions, key=lambda m: (m.line, m.skill_id))

    def _classified(self, mentions: list[SkillMention], *, gate: bool, named: frozenset[str] = frozenset(),
                    needs: dict[str, tuple[str, ...]] | None = None) -> list[SkillMention]:
        """Add the ids the classifier finds on a line; with ``gate``, keep only the confirmed mentions,
        the alias mentions of the ``named`` core ids and, in a resume, those in a list of names
        (:func:`is_list_line`)."""
        needs = needs or {}
        assert self.model_probs is not None
        confirmed: dict[tuple[str, int], float] = {}
        thresholds = np.asarray(self.model_thresholds, dtype=np.float32)
        probs = self.model_probs
        if needs:  # the ids granted only to a sentence naming their object (classifier.context_mask)
            probs = probs * context_mask(self.unit_texts, self.model_ids, needs)
        for number, row in zip(self.unit_lines, probs, strict=True):
            for j in np.flatnonzero(row >= thresholds):
                key = (self.model_ids[j], number)
                confirmed[key] = max(confirmed.get(key, 0.0), float(row[j]))
        core_of = dict(zip(self.skill_ids, self.core_ids or self.skill_ids, strict=True))
        with_units = set(self.unit_lines)

        def passes(m: SkillMention) -> bool:
            cid = core_of.get(m.skill_id, m.skill_id)
            if not gate or m.line not in with_units or (cid, m.line) in confirmed:
                return True
            if m.method != "alias":
                return False
            line = self.lines[m.line - 1]  # an alias in a resume's list of names, with the object its id needs
            return cid in named or (self.resume and is_list_line(line)
                                    and bool(context_mask([line], [cid], needs)[0, 0]))

        kept = [m for m in mentions if passes(m)]
        shown = {(core_of.get(m.skill_id, m.skill_id), m.line) for m in kept}
        for (cid, number), p in confirmed.items():
            if (cid, number) not in shown:
                kept.append(SkillMention(cid, self.lines[number - 1], number, "classifier", round(p, 4)))
        return kept


_LIST_SEPARATORS = re.compile(r"[,;|•·▪●◦]|\s[-–/]\s")


def is_list_line(line: str, *, min_items: int = 4, max_words: int = 3) -> bool:
    """Whether ``line`` is a list of names rather than a sentence ("Tools: Tableau, Excel, MySQL, SAP").

    An alias there names a skill as a short line's does, so the gate keeps it: at least ``min_items``
    items, three in four of them of at most ``max_words`` words (a label before a colon aside).
    """
    body = line.split(":", 1)[1] if ":" in line[:40] else line
    items = [item for item in (part.strip() for part in _LIST_SEPARATORS.split(body)) if item]
    short = sum(1 for item in items if len(item.split()) <= max_words)
    return len(items) >= min_items and 4 * short >= 3 * len(items)


# "Excel in customer service", "Excel at multitasking": the verb, not the spreadsheet (a resume's list of
# strengths starts an item with it); "in Excel", "MS Excel" are other aliases and stay
_VERB_BEFORE = re.compile(r"(?:^|[.;:•*·▪●◦|]|\s-)\s*$")
_VERB_AFTER = re.compile(r"\s+(?:in|at)\b", re.IGNORECASE)


def _is_verb_use(text: str, start: int, end: int) -> bool:
    """Whether the alias at ``text[start:end]`` is the verb "excel" heading a phrase ("Excel in sales")."""
    return (text[start:end].lower() == "excel" and _VERB_BEFORE.search(text[:start]) is not None
            and _VERB_AFTER.match(text, end) is not None)


def _alias_mentions(lines: Sequence[str], kept: Sequence[tuple[int, str]], taxonomy: Taxonomy) -> list[SkillMention]:
    aliases: list[SkillMention] = []
    for hit in alias_matcher(taxonomy).find(kept):
        if _is_verb_use(lines[hit.line - 1], hit.start, hit.end):
            continue
        aliases.append(SkillMention(hit.skill_id, lines[hit.line - 1], hit.line, "alias", 1.0))
        stack = _stack_of(hit.alias, taxonomy)
        if stack:
            aliases.append(SkillMention(stack, lines[hit.line - 1], hit.line, "alias", 1.0))
    return aliases


def _stack_of(alias: str, taxonomy: Taxonomy) -> str | None:
    """``sales_tech_stack`` when ``alias`` is one of the taxonomy's sales tools (it names the stack too)."""
    if alias.lower() in _sales_tools(taxonomy) and taxonomy.get("sales_tech_stack"):
        return "sales_tech_stack"
    return None


@functools.lru_cache(maxsize=4)
def _sales_tools(taxonomy: Taxonomy) -> frozenset[str]:
    return frozenset(t.lower() for t in taxonomy.sales_tools)


def alias_mentions(text: str, *, taxonomy: Taxonomy | None = None, resume: bool = False) -> list[SkillMention]:
    """The skills ``text`` names by alias (no embeddings): fast, and the same whoever calls it."""
    lines = text.splitlines()
    return _alias_mentions(lines, content_lines(lines, lines, resume=resume), taxonomy or load_taxonomy())


def score_text(
    text: str,
    *,
    taxonomy: Taxonomy | None = None,
    embedder: Embedder | None = None,
    min_words: int | None = None,
    store: VectorCache | None = None,
    resume: bool = False,
) -> ScoredText:
    """Alias hits and per-sentence skill similarities for ``text`` (see :func:`extract_skills`)."""
    taxonomy = taxonomy or load_taxonomy()
    embedder = embedder or get_embedder()
    if min_words is None:
        min_words = ExtractSettings.default().min_words
    lines = text.splitlines()
    kept = content_lines(lines, lines, resume=resume)
    aliases = _alias_mentions(lines, kept, taxonomy)
    index = _skill_index(taxonomy, embedder)
    units = sentence_units(kept, min_words=min_words)
    kinds = line_kinds(lines, resume=resume)
    unit_kinds = tuple(kinds[n - 1] for n, _ in units)
    model = _model_for(embedder)
    probs = None
    if units:
        vectors = embedder.encode([u for _, u in units], store=store)
        scores = index.skill_scores(vectors)
        if model is not None and vectors.shape[1] == model.dimension:
            texts = [u for _, u in units]
            probs = model.probabilities(model.features(vectors, unit_kinds, unit_alias_ids(units, taxonomy), texts))
    else:
        scores = np.zeros((0, len(index.starts)), dtype=np.float32)
        if model is not None:
            probs = np.zeros((0, len(model.core_ids)), dtype=np.float32)
    cores = tuple((taxonomy.get(sid).core_id if taxonomy.get(sid) else sid) for sid in index.skill_ids)  # type: ignore[union-attr]
    return ScoredText(tuple(lines), tuple(aliases), tuple(n for n, _ in units), scores,
                      tuple(index.skill_ids), index.none_column, unit_kinds, cores, probs,
                      model.core_ids if model else (), tuple(float(t) for t in model.thresholds) if model else (),
                      resume, tuple(u for _, u in units))


def _model_for(embedder: Embedder) -> SkillModel | None:
    """The bundled classifier when it was trained on this embedder's model (else None: no classifier)."""
    if ExtractSettings.default().classifier == "off":
        return None
    model = default_model()
    if model is None or model.embedding_model != embedder.path.name:
        return None
    return model


def unit_alias_ids(units: Sequence[tuple[int, str]], taxonomy: Taxonomy) -> list[set[str]]:
    """The core ids an alias names inside each sentence unit (a feature of the classifier)."""
    matcher = alias_matcher(taxonomy)
    out: list[set[str]] = []
    for number, unit in units:
        ids = set()
        for hit in matcher.find([(number, unit)]):
            if _is_verb_use(unit, hit.start, hit.end):
                continue
            skill = taxonomy.get(hit.skill_id)
            if skill is not None:
                ids.add(skill.core_id)
            stack = _stack_of(hit.alias, taxonomy)
            if stack:
                ids.add(stack)
        out.append(ids)
    return out


def extract_skills(
    text: str,
    *,
    taxonomy: Taxonomy | None = None,
    embedder: Embedder | None = None,
    settings: ExtractSettings | None = None,
    store: VectorCache | None = None,
    resume: bool = False,
) -> list[SkillMention]:
    """Find the skills a resume or listing shows, each with the line that shows it.

    Args:
        text: the document text; line numbers in the result count its lines from 1.
        taxonomy: the skills to look for; the bundled taxonomy when None.
        embedder: the sentence encoder; the packaged model when None.
        settings: threshold, margin and top-k; the calibrated defaults when None.
        store: an optional second-level cache of encodings.
        resume: the text is a resume, not a listing: a line such as "Compensation/benefits administration"
            is a skill, not the heading of an employer's benefits blurb (see :func:`skillmatch.nlp.line_kinds`).

    Returns:
        Mentions sorted by line, one per (skill, line), the alias hit preferred over an embedding match.
    """
    settings = settings or ExtractSettings.default()
    scored = score_text(text, taxonomy=taxonomy, embedder=embedder, min_words=settings.min_words, store=store,
                        resume=resume)
    return scored.select(settings)


def core_skills(mentions: Sequence[SkillMention], taxonomy: Taxonomy | None = None) -> set[str]:
    """The core skill ids the mentions count as (a finer skill counts as its parent)."""
    taxonomy = taxonomy or load_taxonomy()
    out = set()
    for m in mentions:
        skill = taxonomy.get(m.skill_id)
        if skill is not None:
            out.add(skill.core_id)
    return out
