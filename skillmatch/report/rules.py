"""How a resume report words what it found: confidence words, too little evidence, working *with* a role.

The rules are data (``data/report.yaml``):

* :func:`confidence_word`: the word beside the best level's probability ("confident", "fairly sure",
  "unsure"), from thresholds calibrated by ``scripts/calibrate_confidence.py``;
* :func:`too_little_evidence`: why a text gets no level and no band, or None when it has enough;
* :func:`drop_role_relations`: "Worked with the Salesforce administrator" is evidence of working with
  one, not of being one: alias mentions of a role right after such a phrase are dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import DataError
from ..extract.mentions import SkillMention
from ..taxonomy import DataFile, Taxonomy

__all__ = ["ReportRules", "confidence_word", "drop_role_relations", "load_report_rules", "too_little_evidence"]


@dataclass(frozen=True)
class ReportRules:
    version: str
    confidence_words: tuple[tuple[float, str], ...]  # (from, word), highest first
    min_skills: int
    too_little_evidence: str
    role_nouns: frozenset[str]
    with_phrase: re.Pattern[str]  # a "worked with the" phrase, ending where the role's name starts


@functools.cache
def load_report_rules() -> ReportRules:
    """The bundled ``data/report.yaml``, checked."""
    reader = DataFile(None, "report.yaml")
    raw = reader.data
    try:
        words = tuple(sorted(((float(r["from"]), str(r["word"])) for r in raw["confidence_words"]), reverse=True))
        if not words or words[-1][0] > 0:
            raise ValueError("confidence_words needs a row from 0")
        phrases = "|".join(f"(?:{p})" for p in raw["with_phrases"])
        return ReportRules(
            version=str(raw["version"]),
            confidence_words=words,
            min_skills=int(raw["min_skills"]),
            too_little_evidence=" ".join(str(raw["too_little_evidence"]).split()),
            role_nouns=frozenset(str(w).lower() for w in raw["role_nouns"]),
            with_phrase=re.compile(rf"\b(?:{phrases}){raw['with_filler']}\s+$", re.IGNORECASE),
        )
    except (KeyError, TypeError, ValueError, re.error) as e:
        raise DataError(f"{reader.name}: {e}") from e


def confidence_word(probability: float) -> str:
    """The word for how sure a best level of this probability is."""
    return next(word for start, word in load_report_rules().confidence_words if probability >= start)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def too_little_evidence(sentences: int, thin: bool, skills: int) -> str | None:
    """Why the text gets no level and no band; None when it has enough evidence for them."""
    rules = load_report_rules()
    if not thin or skills >= rules.min_skills:
        return None
    return rules.too_little_evidence.format(sentences=_plural(sentences, "content sentence"),
                                            skills=_plural(skills, "skill"))


@functools.lru_cache(maxsize=4)
def _role_aliases(taxonomy: Taxonomy) -> dict[str, re.Pattern[str]]:
    """Per skill, its aliases that name a role ("Salesforce administrator", "CRM admin")."""
    nouns = load_report_rules().role_nouns
    out = {}
    for skill in taxonomy:
        roles = [a for a in skill.aliases if a.split() and a.split()[-1].lower() in nouns]
        if roles:
            alternation = "|".join(re.escape(a) for a in sorted(roles, key=len, reverse=True))
            out[skill.id] = re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)
    return out


def _only_as_relation(pattern: re.Pattern[str], text: str, with_phrase: re.Pattern[str]) -> bool:
    """Whether every time the line names the role, it names someone the person worked with."""
    hits = list(pattern.finditer(text))
    return bool(hits) and all(with_phrase.search(text[: h.start()]) for h in hits)


def drop_role_relations(mentions: Sequence[SkillMention], taxonomy: Taxonomy) -> list[SkillMention]:
    """The mentions without those that only name a role the person worked with.

    >>> from skillmatch.taxonomy import load_taxonomy
    >>> m = SkillMention("salesforce_admin", "Worked with the Salesforce administrator on fields.", 3, "alias", 1.0)
    >>> drop_role_relations([m], load_taxonomy())
    []
    """
    rules = load_report_rules()
    roles = _role_aliases(taxonomy)
    return [m for m in mentions
            if not (m.method == "alias" and m.skill_id in roles
                    and _only_as_relation(roles[m.skill_id], m.text, rules.with_phrase))]
