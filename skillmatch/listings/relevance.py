"""Sales-ops relevance of a job listing: its job family, and the title words or lines that decided it.

The ladder only describes sales-operations work, so a listing for another job (an Android engineer, an
account executive) must not be levelled on it, nor count in market pay, skill demand or the best-fitting
listings. :func:`relevance` reads a listing's title and description with the rules of
``data/relevance.yaml`` and returns a :class:`Relevance`: one of the families (sales ops, revenue ops,
deal desk, commissions, enablement, CRM admin, sales or business analyst) or ``"other"``, with the
evidence for it.

Pure and fast (regular expressions, no model): the store computes it on import and on scoring.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from typing import Any

from ..taxonomy import DataFile

OTHER = "other"


@dataclass(frozen=True)
class RelevanceEvidence:
    """One thing that decided a listing's family.

    Args:
        source: "title" (a title pattern matched) or "content" (a line of the description).
        family: the family it speaks for (``"other"`` for a title that names another kind of job).
        text: the title words matched, or the whole line of the description.
        line: the line number (1-based, in ``Listing.text``) of a content line; 0 for the title.
        weight: what it adds to the family's score.
        detail: a few words on what it shows ("title names an engineering or technical role").
    """

    source: str
    family: str
    text: str
    line: int
    weight: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "family": self.family, "text": self.text, "line": self.line,
                "weight": self.weight, "detail": self.detail}


@dataclass(frozen=True)
class Relevance:
    """A listing's job family and whether it is sales-ops work the ladder can level.

    Args:
        family: a family id of ``data/relevance.yaml`` or ``"other"``.
        in_family: the family is one of the sales-ops families (not ``"other"``).
        score: the points behind the family (title weight plus the weights of its content cues).
        evidence: what decided it, strongest first.
        reason: one line that says why ("title: 'Revenue Operations'", "title names an engineering role").
    """

    family: str
    in_family: bool
    score: float
    evidence: tuple[RelevanceEvidence, ...]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"family": self.family, "in_family": self.in_family, "score": round(self.score, 4),
                "reason": self.reason, "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    weight: float


@dataclass(frozen=True)
class Family:
    id: str
    name: str
    titles: tuple[re.Pattern[str], ...]
    cues: tuple[Cue, ...]


@dataclass(frozen=True)
class OtherTitle:
    id: str
    name: str
    patterns: tuple[re.Pattern[str], ...]
    strict: bool  # wins over a family title too ("Salesforce Engineer, Sales Ops")


@dataclass(frozen=True)
class RelevanceRules:
    """``data/relevance.yaml``, validated."""

    version: str
    title_weight: float
    content_threshold: float
    families: tuple[Family, ...]
    other_titles: tuple[OtherTitle, ...]

    def name(self, family_id: str) -> str:
        for f in self.families:
            if f.id == family_id:
                return f.name
        return "Other (outside sales ops)" if family_id == OTHER else family_id

    @property
    def ids(self) -> tuple[str, ...]:
        return (*(f.id for f in self.families), OTHER)


def _compile(reader: DataFile, pattern: Any, entry: str) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern.strip():
        raise reader.fail(entry, "each pattern must be a non-empty string")
    return reader.pattern(pattern, entry, re.IGNORECASE)


def _weight(reader: DataFile, value: Any, entry: str, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise reader.fail(entry, f"'{what}' must be a positive number")
    return float(value)


def load_relevance(path: str | os.PathLike[str] | None = None) -> RelevanceRules:
    """The relevance rules (``data/relevance.yaml``, or ``path``), validated.

    Raises:
        DataError: the file, the entry and the problem, when the file is wrong.
    """
    reader = DataFile(path, "relevance.yaml")
    data = reader.data
    title_weight = _weight(reader, data.get("title_weight"), "title_weight", "title_weight")
    threshold = _weight(reader, data.get("content_threshold"), "content_threshold", "content_threshold")
    families = []
    for item in reader.entries("families"):
        entry = f"families[{item['id']}]"
        if item["id"] == OTHER:
            raise reader.fail(entry, f"{OTHER!r} is the family of everything else; give it no entry")
        name = reader.text(item, "name", entry)
        titles = tuple(_compile(reader, p, f"{entry}.titles") for p in DataFile.strings(item, "titles", entry, reader))
        cues = []
        raw = item.get("cues")
        if not isinstance(raw, list) or not raw:
            raise reader.fail(entry, "'cues' must be a non-empty list of {pattern, weight}")
        for i, cue in enumerate(raw):
            where = f"{entry}.cues[{i}]"
            if not isinstance(cue, dict):
                raise reader.fail(where, "expected {pattern, weight}")
            cues.append(Cue(_compile(reader, cue.get("pattern"), where), _weight(reader, cue.get("weight"), where,
                                                                               "weight")))
        families.append(Family(item["id"], name, titles, tuple(cues)))
    others = []
    for item in reader.entries("other_titles"):
        entry = f"other_titles[{item['id']}]"
        patterns = tuple(_compile(reader, p, f"{entry}.patterns")
                         for p in DataFile.strings(item, "patterns", entry, reader))
        strict = item.get("strict", False)
        if not isinstance(strict, bool):
            raise reader.fail(entry, "'strict' must be true or false")
        others.append(OtherTitle(item["id"], reader.text(item, "name", entry), patterns, strict))
    return RelevanceRules(str(data["version"]), title_weight, threshold, tuple(families), tuple(others))


@functools.lru_cache(maxsize=1)
def default_rules() -> RelevanceRules:
    return load_relevance()


def _title_hits(rules: RelevanceRules, title: str) -> list[RelevanceEvidence]:
    hits = []
    for family in rules.families:
        for pattern in family.titles:
            m = pattern.search(title)
            if m:
                hits.append(RelevanceEvidence("title", family.id, m.group(0).strip(), 0, rules.title_weight,
                                              f"title names {family.name.lower()}"))
                break
    return hits


def _other_title(rules: RelevanceRules, title: str, *, strict_only: bool) -> RelevanceEvidence | None:
    for other in rules.other_titles:
        if strict_only and not other.strict:
            continue
        for pattern in other.patterns:
            m = pattern.search(title)
            if m:
                article = "an" if other.name[0] in "aeiou" else "a"
                return RelevanceEvidence("title", OTHER, m.group(0).strip(), 0, rules.title_weight,
                                         f"title names {article} {other.name}")
    return None


def content_scores(rules: RelevanceRules, text: str) -> dict[str, tuple[float, list[RelevanceEvidence]]]:
    """For each family, the sum of the weights of its cues that the description shows (each cue once)
    and the first line that shows each."""
    lines = text.splitlines()
    out: dict[str, tuple[float, list[RelevanceEvidence]]] = {}
    for family in rules.families:
        total = 0.0
        evidence = []
        for cue in family.cues:
            for n, line in enumerate(lines, 1):
                if cue.pattern.search(line):
                    total += cue.weight
                    evidence.append(RelevanceEvidence("content", family.id, line.strip()[:300], n, cue.weight,
                                                      f"reads like {family.name.lower()}"))
                    break
        if total:
            out[family.id] = (total, evidence)
    return out


def relevance(title: str, text: str, *, rules: RelevanceRules | None = None,
              threshold: float | None = None) -> Relevance:
    """The job family of a listing, from its title and description.

    Args:
        title: the listing's title.
        text: its description (plain text, one line per paragraph or bullet).
        rules: the bundled ``data/relevance.yaml`` when None.
        threshold: the content score a listing with a neutral title needs (``content_threshold`` when None).
    """
    rules = rules or default_rules()
    need = rules.content_threshold if threshold is None else threshold
    title = " ".join((title or "").split())
    named = _title_hits(rules, title)
    # a title that names another job wins; over a sales-ops title only when strict ("Salesforce Developer")
    veto = _other_title(rules, title, strict_only=bool(named))
    content = content_scores(rules, text or "")
    if veto is not None:
        return Relevance(OTHER, False, veto.weight, (veto,), f"{veto.detail}: {veto.text!r}")
    if named:
        def points(ev: RelevanceEvidence) -> float:
            return ev.weight + content.get(ev.family, (0.0, []))[0]

        best = max(named, key=points)  # several title patterns: the one the content backs most
        lines = content.get(best.family, (0.0, []))[1]
        return Relevance(best.family, True, points(best), (best, *_strongest(lines)),
                         f"title: {best.text!r} ({rules.name(best.family).lower()})")
    if content:
        family, (total, lines) = max(content.items(), key=lambda kv: (kv[1][0], kv[0]))
        if total >= need:
            return Relevance(family, True, total, tuple(_strongest(lines)),
                             f"{len(lines)} lines read like {rules.name(family).lower()} (score {total:g})")
        return Relevance(OTHER, False, total, tuple(_strongest(lines)),
                         f"not enough sales-ops content: score {total:g} of the {need:g} needed, "
                         "and the title names no sales-ops role")
    return Relevance(OTHER, False, 0.0, (), "neither the title nor the text reads like sales ops")


def _strongest(lines: list[RelevanceEvidence], limit: int = 5) -> list[RelevanceEvidence]:
    return sorted(lines, key=lambda e: (-e.weight, e.line))[:limit]


def not_levelled_reason(rel: Relevance) -> str:
    """What a listing outside the family shows instead of a level."""
    return f"not levelled: outside sales ops ({rel.reason})"
