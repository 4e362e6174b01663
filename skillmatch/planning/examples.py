"""Example bullets at a target level, built from the taxonomy's evidence statements in the past tense."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..taxonomy import Skill, Taxonomy

_REQUIREMENT = re.compile(r"^(experience|familiarity|working knowledge|comfortable|comfort|hands-on|knowledge|"
                          r"ability|proficiency|proficient|strong|understanding|expertise|background|exposure)\b",
                          re.IGNORECASE)
_REQUIRED_WORDS = re.compile(r"\b(required|preferred|a plus|years of)\b", re.IGNORECASE)
_PAST = {"builds": "Built", "leads": "Led", "runs": "Ran", "sets": "Set", "gets": "Got", "catches": "Caught",
         "drives": "Drove", "gives": "Gave", "makes": "Made", "takes": "Took", "keeps": "Kept", "brings": "Brought",
         "puts": "Put", "writes": "Wrote", "holds": "Held", "wins": "Won", "chooses": "Chose", "finds": "Found",
         "grows": "Grew", "teaches": "Taught", "sends": "Sent", "spends": "Spent", "sells": "Sold",
         "oversees": "Oversaw", "sits": "Sat", "speaks": "Spoke", "thinks": "Thought", "plans": "Planned",
         "ships": "Shipped", "steps": "Stepped", "stops": "Stopped", "audits": "Audited", "is": "Was"}


@functools.lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    from ..level.lines import default_lexicon

    return frozenset(default_lexicon().agency.lemmas) | {"present", "report", "partner", "translate", "act",
                                                         "turn", "persuade", "anticipate", "catch", "get"}


def _past(word: str) -> str | None:
    """The past tense of a verb in the present ("Architects", "Partner") or None when it is not one."""
    low = word.lower()
    verbs = _verbs()
    if low in _PAST:
        new = _PAST[low]
    elif low.endswith("ies") and low[:-3] + "y" in verbs:
        new = word[:-3] + "ied"
    elif low.endswith("es") and low[:-2] in verbs and low.endswith(("ches", "shes", "sses", "xes", "zes")):
        new = word[:-2] + "ed"
    elif low.endswith("s") and low[:-1] in verbs:
        new = word[:-1] + ("d" if low[:-1].endswith("e") else "ed")
    elif low in verbs and not low.endswith("ed"):
        past = _PAST.get(low + "s")
        new = past if past else word + ("d" if low.endswith("e") else "ed")
    else:
        return None
    return new if word[:1].isupper() else new.lower()


def _past_tense(sentences: Sequence[str]) -> list[str]:
    """Evidence statements in a resume's past tense ("Architects the GTM model" -> "Architected ..."), with a
    verb joined by "and" ("Defines and documents the process"), as spaCy tags it."""
    from ..nlp import get_parser

    out = []
    for sentence, doc in zip(sentences, get_parser().pipe(sentences), strict=True):
        words = [t.text_with_ws for t in doc]
        first = _past(doc[0].text) if len(doc) else None
        if first is None:
            out.append(sentence)
            continue
        words[0] = first + doc[0].whitespace_
        for t in doc[1:]:
            joined = doc[t.i - 1].lower_ in ("and", "then")
            if joined and t.text.endswith("s") and (t.pos_ == "VERB" or t.i == 2):  # "Defines and documents"
                words[t.i] = (_past(t.text) or t.text) + t.whitespace_
        out.append("".join(words))
    return out


@functools.lru_cache(maxsize=1024)
def _read_statements(kept: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """The statements in the past tense, each with its seniority score (-1 when it reads none).

    Cached: these are the taxonomy's own statements (never a resume's lines), and parsing them on every
    plan cost most of a report page.
    """
    from ..level.lines import read_lines

    sentences = list(dict.fromkeys(_past_tense(kept)))
    if not sentences:
        return ()
    readings = read_lines([(None, s) for s in sentences])
    return tuple((s, -1.0 if r.score is None else r.score) for s, r in zip(sentences, readings, strict=True))


def _examples(skill: Skill, taxonomy: Taxonomy, rank: int, count: int = 3) -> tuple[str, ...]:
    """Two or three evidence statements for the skill, in the past tense, that read nearest the target level."""
    pool = list(skill.evidence)
    parent = taxonomy.get(skill.core_id)
    if parent is not None and parent.id != skill.id:
        pool += list(parent.evidence)
    kept = tuple(s.strip() for s in pool if not _REQUIREMENT.match(s.strip()) and not _REQUIRED_WORDS.search(s))
    read = _read_statements(kept)

    def order(i: int) -> tuple[bool, float, int]:
        value = read[i][1]
        return (value < rank - 0.5, abs(value - rank), i)

    return tuple(read[i][0] for i in sorted(range(len(read)), key=order)[:count])
