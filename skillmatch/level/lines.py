"""Line-level seniority: how senior one responsibility, requirement or resume bullet reads.

A line's topic does not say its level ("participate in the annual planning process" is an analyst
line, "own the annual plan with the CFO" a director line); its wording does. Each line is read on
five dimensions, from ``data/seniority.yaml``:

* ``agency``: the head verb (spaCy's dependency parse, or the bullet's first word): support,
  deliver, own, define;
* ``reach``: the head verb's object: a record, a process or model, a function, the company;
* ``audience``: reps and frontline vs. leaders vs. the executive team vs. the board;
* ``people``: mentoring, managing a team, building an organisation;
* ``years``: a stated number of years.

Each grade sits somewhere on the ladder (0 analyst … 3 vp); a line's reading is the weighted mean of
the grades it shows, spread into a distribution over the four levels, with a short reason.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..nlp import get_parser, strip_bullet
from ..taxonomy import LEVEL_IDS, DataFile

WEIGHTS = {"agency": 1.0, "reach": 0.7, "audience": 0.8, "people": 1.6, "years": 1.4}
SPREAD = 0.65  # width (in rungs) of a line's level distribution around its score
YEARS_RE = re.compile(r"\b(\d{1,2})\s*(?:\+|-\s*\d{1,2}|–\s*\d{1,2}| or more)?\s*(?:years?|yrs?)\b", re.IGNORECASE)
_CLAUSE_DEPS = frozenset({"ROOT", "conj", "xcomp", "ccomp", "acl", "pcomp", "advcl", "relcl"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "prep", "xcomp", "ccomp", "attr", "dative"})
_EXPERIENCE_WORDS = frozenset({"experience", "expertise", "ability", "background", "record", "history", "skill",
                               "skills", "comfort", "success"})
_FIRST_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
_IRREGULAR = {"led": "lead", "built": "build", "set": "set", "ran": "run", "drove": "drive", "grew": "grow",
              "oversaw": "oversee", "overseen": "oversee", "wrote": "write", "made": "make", "took": "take",
              "founded": "found", "spearheaded": "spearhead", "sold": "sell", "hired": "hire"}


@dataclass(frozen=True)
class Grade:
    dimension: str
    name: str
    level: float


@dataclass(frozen=True)
class _Dimension:
    grades: tuple[Grade, ...]
    lemmas: dict[str, Grade]
    phrases: tuple[tuple[re.Pattern[str], Grade], ...]


@dataclass(frozen=True)
class SeniorityLexicon:
    version: str
    agency: _Dimension
    reach: _Dimension
    audience: _Dimension
    people: tuple[tuple[re.Pattern[str], Grade], ...]

    def grades(self, dimension: str) -> tuple[Grade, ...]:
        if dimension == "people":
            seen: dict[str, Grade] = {}
            for _, g in self.people:
                seen.setdefault(g.name, g)
            return tuple(seen.values())
        if dimension == "years":
            return tuple(Grade("years", lvl, float(i)) for i, lvl in enumerate(LEVEL_IDS))
        dim: _Dimension = getattr(self, dimension)
        return dim.grades


def _phrase_pattern(terms: Sequence[str]) -> re.Pattern[str]:
    alts = sorted({t.lower() for t in terms}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in alts) + r")(?![\w-])")


def _dimension(data: DataFile, name: str, *, lemma_terms: bool) -> _Dimension:
    raw = data.data.get(name)
    if not isinstance(raw, dict) or not raw:
        raise data.fail(name, "expected a mapping of grades")
    grades: list[Grade] = []
    lemmas: dict[str, Grade] = {}
    phrases: list[tuple[re.Pattern[str], Grade]] = []
    for grade_name, spec in raw.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("level"), int | float):
            raise data.fail(f"{name}.{grade_name}", "needs a numeric 'level'")
        grade = Grade(name, str(grade_name), float(spec["level"]))
        grades.append(grade)
        terms = spec.get("terms") or []
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise data.fail(f"{name}.{grade_name}", "'terms' must be a list of strings")
        if lemma_terms:
            for t in terms:
                if t in lemmas:
                    raise data.fail(f"{name}.{grade_name}", f"{t!r} is also in {lemmas[t].name}")
                lemmas[t] = grade
            extra = spec.get("phrases") or []
        else:
            extra = terms
        if extra:
            phrases.append((_phrase_pattern(extra), grade))
    return _Dimension(tuple(grades), lemmas, tuple(phrases))


def load_seniority(path: str | None = None) -> SeniorityLexicon:
    """The seniority lexicon (``data/seniority.yaml``, or ``path``), validated."""
    data = DataFile(path, "seniority.yaml")
    people: list[tuple[re.Pattern[str], Grade]] = []
    raw_people = data.data.get("people")
    if not isinstance(raw_people, dict):
        raise data.fail("people", "expected a mapping of grades")
    for grade_name, spec in raw_people.items():
        grade = Grade("people", str(grade_name), float(spec.get("level", 0)))
        for p in spec.get("patterns") or []:
            people.append((data.pattern(p, f"people.{grade_name}"), grade))
    return SeniorityLexicon(str(data.data["version"]), _dimension(data, "agency", lemma_terms=True),
                            _dimension(data, "reach", lemma_terms=False),
                            _dimension(data, "audience", lemma_terms=False), tuple(people))


@functools.lru_cache(maxsize=1)
def default_lexicon() -> SeniorityLexicon:
    return load_seniority()


@dataclass(frozen=True)
class Signal:
    """One dimension's grade on a line, with the words that show it."""

    grade: Grade
    words: str


@dataclass(frozen=True)
class LineSeniority:
    """How senior one line reads: its grades, a score on the ladder (0 analyst … 3 vp) and why."""

    line: int | None
    text: str  # the line, verbatim
    signals: tuple[Signal, ...]
    score: float | None  # None when the line shows no seniority wording
    probabilities: dict[str, float] = field(default_factory=dict)

    def grade(self, dimension: str) -> Grade | None:
        return next((s.grade for s in self.signals if s.grade.dimension == dimension), None)

    @property
    def level(self) -> str | None:
        if self.score is None:
            return None
        return max(self.probabilities, key=self.probabilities.__getitem__)

    @property
    def reason(self) -> str:
        """ "owns (agency: own) · the annual plan (reach: function) · the CFO (audience: executive)"."""
        return " · ".join(f"{s.words} ({s.grade.dimension}: {s.grade.name})" for s in self.signals)

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "level": self.level,
                "score": None if self.score is None else round(self.score, 3),
                "agency": _name(self.grade("agency")), "reach": _name(self.grade("reach")),
                "audience": _name(self.grade("audience")), "people": _name(self.grade("people")),
                "reason": self.reason}


def _name(grade: Grade | None) -> str | None:
    return grade.name if grade else None


def level_distribution(score: float) -> dict[str, float]:
    weights = [math.exp(-((i - score) ** 2) / (2 * SPREAD**2)) for i in range(len(LEVEL_IDS))]
    total = sum(weights)
    return {lvl: w / total for lvl, w in zip(LEVEL_IDS, weights, strict=True)}


def years_level(years: float) -> float:
    """Where a stated number of years sits on the ladder (0–3 yrs analyst … 12+ vp), as a score."""
    points = ((0.0, 0.0), (2.0, 0.2), (4.0, 0.9), (6.0, 1.4), (8.0, 2.0), (10.0, 2.4), (12.0, 2.9), (15.0, 3.0))
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if years <= x1:
            return y0 + (y1 - y0) * (max(years, x0) - x0) / (x1 - x0)
    return 3.0


def _verb_lemma(word: str) -> list[str]:
    """Candidate base forms of a bullet's first word ("Owned" → own, "drives" → drive)."""
    w = word.lower()
    out = [w]
    if w in _IRREGULAR:
        out.insert(0, _IRREGULAR[w])
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            out.append(w[: len(w) - len(suffix)] + repl)
    if len(w) > 4 and w[-3:-2] == w[-4:-3] and w.endswith(("ed", "ing")):  # "planned", "mapping"
        out.append(w[: -3 if w.endswith("ed") else -4])
    return out


def _imperative(first: Any) -> bool:
    """Whether a line's first word acts as its verb: "Own the plan", "Partner with", "Built and led"; not
    "Process documentation" or "Pipeline reporting" (a skill list), which the tagger may call verbs too."""
    word = first.text.lower()
    if first.pos_ in ("VERB", "AUX") and first.tag_ != "VBG" or word.endswith("ed") or word in _IRREGULAR:
        return True
    nxt = first.nbor(1) if first.i + 1 < len(first.doc) else None
    if nxt is None:
        return False
    if nxt.pos_ in ("DET", "ADP", "PRON", "CCONJ", "PART", "NUM") or nxt.text in (",", "/"):
        return True
    return sum(1 for t in first.doc if t.is_alpha) >= 4 and not word.endswith("ing")


def _names_a_skill(t: Any) -> bool:
    """An -ing word with no object of its own ends a skill's name ("Pipeline reporting")."""
    return bool(t.text.lower().endswith("ing") and not any(c.dep_ in _OBJECT_DEPS for c in t.children))


def _head(doc: Any, lex: SeniorityLexicon) -> tuple[Any | None, Grade | None]:
    """The head verb of a line and its agency grade."""
    lemmas = lex.agency.lemmas
    first = next((t for t in doc if not t.is_punct and not t.is_space), None)
    if first is not None and _FIRST_WORD.fullmatch(first.text) and _imperative(first):
        for cand in _verb_lemma(first.text):
            if cand in lemmas:
                return first, lemmas[cand]
    roots = [t for t in doc if t.dep_ == "ROOT"]
    for root in roots:
        if root.lemma_.lower() in lemmas and root.pos_ in ("VERB", "AUX") and not _names_a_skill(root):
            return root, lemmas[root.lemma_.lower()]
    for t in doc:  # a clause's verb, not a participle used as an adjective ("data-driven", "defined")
        after_noun = t.i > 0 and doc[t.i - 1].lower_ in _EXPERIENCE_WORDS  # "Experience building …"
        if t.i == 0 or t.dep_ in ("amod", "compound") and not after_noun:
            continue
        if _names_a_skill(t) and not after_noun:
            continue  # "Territory and quota modeling": a skill named, not a thing done
        if t.pos_ == "VERB" and t.dep_ in _CLAUSE_DEPS and t.lemma_.lower() in lemmas:
            return t, lemmas[t.lemma_.lower()]
        if t.text.lower().endswith("ing"):  # "Experience building …": a gerund the tagger calls a noun
            for cand in _verb_lemma(t.text):
                if cand in lemmas:
                    return t, lemmas[cand]
    return None, None


def _object_text(head: Any) -> str:
    """The words of the head verb's object(s): direct objects, and objects of its prepositions, as written
    ("go-to-market" stays one phrase)."""
    doc = head.doc
    parts = []
    for child in head.children:
        if child.dep_ in ("dobj", "obj", "attr", "xcomp", "ccomp", "oprd", "prep", "conj", "appos", "npadvmod"):
            sub = list(child.subtree)
            parts.append(doc.text[sub[0].idx: sub[-1].idx + len(sub[-1].text)])
    if not parts or head.pos_ not in ("VERB", "AUX"):  # an imperative bullet the tagger misread: the rest
        parts.append(doc.text[head.idx + len(head.text):])
    return " ".join(parts).lower()


def _without_audience(text: str, lex: SeniorityLexicon) -> str:
    """The object's words less the people it is for ("the executive team" is an audience, not a team)."""
    for pattern, _ in lex.audience.phrases:
        text = pattern.sub(" ", text)
    return text


def _best(dim: _Dimension, text: str) -> Signal | None:
    """The highest grade whose phrase the text holds, a longer phrase first: "account executives" is
    the frontline, not the executives."""
    spans: list[tuple[int, int, Grade, str]] = []
    for pattern, grade in dim.phrases:
        spans.extend((m.start(), m.end(), grade, m.group(0)) for m in pattern.finditer(text))
    spans.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: list[tuple[int, int]] = []
    best: Signal | None = None
    for start, end, grade, words in spans:
        if any(start < e and s < end for s, e in taken):
            continue  # inside a longer phrase already read
        taken.append((start, end))
        if best is None or grade.level > best.grade.level:
            best = Signal(grade, words)
    return best


def read_line(doc: Any, text: str, line: int | None, lex: SeniorityLexicon) -> LineSeniority:
    """The seniority reading of one parsed line (``doc`` is spaCy's parse of the bullet-stripped text)."""
    lower = doc.text.lower()
    signals: list[Signal] = []
    head, agency = _head(doc, lex)
    phrase = _best(lex.agency, lower)
    if agency is not None and head is not None:
        words = head.text
        if phrase is not None and phrase.grade.level > agency.level and agency.name != "support":
            agency, words = phrase.grade, phrase.words
        signals.append(Signal(agency, words.lower()))
    elif phrase is not None:
        signals.append(phrase)
    # reach is read on the head verb's object only: "company" in "Company Description" is no reach
    reach = _best(lex.reach, _without_audience(_object_text(head), lex)) if head is not None else None
    if reach is not None:
        signals.append(reach)
    audience = _best(lex.audience, lower)
    if audience is not None and signals:
        signals.append(audience)
    people = None
    for pattern, grade in lex.people:
        m = pattern.search(lower)
        if m and (people is None or grade.level > people.grade.level):
            people = Signal(grade, m.group(0))
    if people is not None:
        signals.append(people)
    ym = YEARS_RE.search(doc.text)
    if ym and int(ym.group(1)) <= 30:
        y = float(ym.group(1))
        signals.append(Signal(Grade("years", f"{y:g}", years_level(y)), ym.group(0)))
    if not signals:
        return LineSeniority(line, text, (), None, {})
    total = sum(WEIGHTS[s.grade.dimension] for s in signals)
    score = sum(WEIGHTS[s.grade.dimension] * s.grade.level for s in signals) / total
    return LineSeniority(line, text, tuple(signals), score, level_distribution(score))


_WORD = re.compile(r"[a-z][a-z'’-]*")
_NONE: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=2)
def _lemma_tables(nlp: Any) -> tuple[dict[str, frozenset[str]], tuple[tuple[str, str], ...]]:
    """The lemmatizer's exceptions (form -> lemmas, every part of speech) and suffix rules, merged."""
    tables = nlp.get_pipe("lemmatizer").lookups
    exceptions: dict[str, set[str]] = {}
    for by_pos in tables.get_table("lemma_exc").values():
        for form, lemmas in by_pos.items():
            exceptions.setdefault(form, set()).update(lemmas)
    rules = {(old, new) for by_pos in tables.get_table("lemma_rules").values() for old, new in by_pos if old}
    return {k: frozenset(v) for k, v in exceptions.items()}, tuple(sorted(rules))


def _may_have_head(body: str, lemmas: dict[str, Grade], nlp: Any) -> bool:
    """Could any word of ``body`` be read as a head verb of the lexicon (by its form, the bullet rule's
    stems, or any lemma spaCy's rule lemmatizer could give it)? When not, the parse cannot find one and
    is skipped: the line's other readings need no parse. A superset by construction; nothing is kept."""
    exceptions, rules = _lemma_tables(nlp)
    for word in _WORD.findall(body.lower()):
        for w in (word, *re.split(r"[-'’]", word)):
            if any(c in lemmas for c in _verb_lemma(w)):  # the word itself first
                return True
            if not exceptions.get(w, _NONE).isdisjoint(lemmas):
                return True
            if any(w.endswith(old) and w[: len(w) - len(old)] + new in lemmas for old, new in rules):
                return True
    return False


def read_lines(lines: Sequence[tuple[int | None, str]], lexicon: SeniorityLexicon | None = None,
               ) -> list[LineSeniority]:
    """The seniority reading of each (line number, verbatim text); bullets are stripped before parsing.

    Only lines with a word that could head them (:func:`_may_have_head`) are parsed; the others are
    tokenized only (the same reading: no head, so no agency or reach from the parse).
    """
    lex = lexicon or default_lexicon()
    bodies = [strip_bullet(t) for _, t in lines]
    nlp = get_parser()
    lemmas = lex.agency.lemmas
    parse = [i for i, body in enumerate(bodies) if _may_have_head(body, lemmas, nlp)]
    docs: list[Any] = [None] * len(bodies)
    for i, doc in zip(parse, nlp.pipe([bodies[i] for i in parse], batch_size=64), strict=True):
        docs[i] = doc
    return [read_line(doc if doc is not None else nlp.make_doc(body), text, number, lex)
            for (number, text), body, doc in zip(lines, bodies, docs, strict=True)]
