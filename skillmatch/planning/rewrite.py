"""Rewrites: resume lines that read below the target level, with the level's wording asked as a question."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..taxonomy import LEVEL_IDS, Taxonomy, load_taxonomy
from .data import PlanData, Wording
from .model import DIMENSIONS, Rewrite

if TYPE_CHECKING:
    from ..level.lines import LineSeniority
    from ..report.model import Report


# ------------------------------------------------------------------------------------------ rewrites

_BULLET = re.compile(r"^\s*(?:[*\-•·–—▪◦‣●]|\d{1,2}[.)])\s*")
_CONTINUED = re.compile(r"\b(?:from|and|or|to|of|the|a|an|for|with|in|on|by|at|into|across|than|as)$|[,:;(-]$",
                        re.IGNORECASE)
_RESPONSIBLE = re.compile(r"^(?:was |am )?responsible for\b\s*", re.IGNORECASE)


def _verb_form(word: str, forms: Sequence[str]) -> str:
    """The target verb in the form of the line's verb: base, third person, past or -ing, and its case."""
    base, third, past, ing = forms
    low = word.lower()
    if low.endswith("ing"):
        new = ing
    elif low.endswith("ed") or low in {"built", "led", "ran", "set", "drove", "grew", "oversaw", "wrote", "made",
                                        "took", "sold", "hired", "founded", "spearheaded", "held", "kept", "won",
                                        "brought", "sent", "chose", "taught", "found", "put"}:
        new = past
    elif low.endswith("s") and not low.endswith("ss"):
        new = third
    else:
        new = base
    return new[:1].upper() + new[1:] if word[:1].isupper() else new


def _add_words(body: str, words: str) -> str:
    """``words`` added to the line's first clause (before a ';' or a final full stop)."""
    head, sep, tail = body.partition(";")
    core = head.rstrip()
    stop = ""
    if not sep and core.endswith("."):
        core, stop = core[:-1], "."
    joiner = " " if words.split()[0] in ("across", "company-wide", "for", "as") else ", "
    return f"{core}{joiner}{words}{stop}" + (f";{tail}" if sep else "")


def _candidate(body: str, head: str, changes: Sequence[str], wording: Mapping[str, Wording]) -> str:
    out = body
    if "agency" in changes:
        verb = wording["agency"].verb
        m = _RESPONSIBLE.match(out)
        if m:
            out = _verb_form("owned", verb) + " " + out[m.end():]
        else:
            out = _verb_form(head, verb) + out[len(head):]
    for dim in ("reach", "audience"):
        if dim in changes:
            out = _add_words(out, wording[dim].words)
    return out


def _rewrites(report: Report, target: str, plans: PlanData) -> tuple[Rewrite, ...]:
    from ..level.lines import read_lines

    if target not in plans.wording or report.estimate is None:
        return ()
    wording = plans.wording[target]
    rank = LEVEL_IDS.index(target)
    skill_lines = {e.line for s in report.skills for e in s.evidence}
    todo: list[tuple[LineSeniority, str, str, list[list[str]]]] = []
    for reading in report.estimate.lines:
        if reading.line not in skill_lines or reading.level is None or reading.level not in LEVEL_IDS:
            continue
        if LEVEL_IDS.index(reading.level) >= rank:
            continue  # already at (or above) the target: nothing to suggest
        body = _BULLET.sub("", reading.text.strip(), count=1)
        agency = reading.grade("agency")
        first = body.split(" ", 1)[0]
        responsible = _RESPONSIBLE.match(body) is not None
        if agency is None or not first or not (responsible or first.lower().strip(",") == _agency_word(reading)):
            continue  # not a line that starts with what the person did (a skills list, a heading, a sentence)
        if not first[:1].isupper() or _CONTINUED.search(body):
            continue  # a piece of a line broken in two (a PDF's wrapped bullet): its words are not all there
        lifts = [dim for dim in DIMENSIONS
                 if (g := reading.grade(dim)) is None or g.level < wording[dim].level]
        if not lifts:
            continue
        combos = [lifts[:n] for n in range(1, len(lifts) + 1)]
        if "agency" in lifts and len(lifts) > 1:  # the verb alone, then the verb and one more, then all
            combos = [["agency"], *(["agency", d] for d in lifts if d != "agency"), lifts]
        todo.append((reading, body, first, combos))
    if not todo:
        return ()
    texts = [(None, _candidate(body, first, combo, wording)) for _, body, first, combos in todo for combo in combos]
    read = iter(read_lines(texts))
    out = []
    for reading, body, first, combos in todo:
        chosen: tuple[list[str], str] | None = None
        best: tuple[float, list[str], str] | None = None
        for combo in combos:  # fewest changes first: the first wording that reaches the target wins
            text = _candidate(body, first, combo, wording)
            r = next(read)
            if chosen is None and r.level is not None and LEVEL_IDS.index(r.level) >= rank:
                chosen = (combo, text)
            score = -1.0 if r.score is None else r.score
            if best is None or score > best[0]:
                best = (score, combo, text)
        if chosen is None and best is not None and best[0] > (reading.score or 0.0):
            chosen = (best[1], best[2])
        if chosen is None:
            continue
        combo, text = chosen
        questions = " ".join(wording[d].question for d in DIMENSIONS if d in combo)
        suggestion = f"{questions} If so, it could read: \u201c{text}\u201d"
        out.append(Rewrite(line=int(reading.line or 0), text=reading.text, reads_as=str(reading.level),
                           suggestion=suggestion, changes=tuple(d for d in DIMENSIONS if d in combo), wording=text,
                           reading=reading.reason))
    return tuple(out)


def _agency_word(reading: LineSeniority) -> str:
    """The words that gave the line its agency grade: the verb as written, lower-cased."""
    return next((s.words for s in reading.signals if s.grade.dimension == "agency"), "")


def tool_names(text: str, taxonomy: Taxonomy | None = None) -> list[str]:
    """The tool and product names (taxonomy aliases written with capitals) a line holds, as written."""
    tax = taxonomy or load_taxonomy()
    names: Iterable[str] = {a for s in tax for a in (*s.aliases, *s.cased_aliases) if any(c.isupper() for c in a)}
    return [n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)]
