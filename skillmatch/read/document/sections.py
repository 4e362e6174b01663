"""From raw lines to a :class:`~skillmatch.read.document.model.Document`: logical lines, section headings
(``data/sections.yaml``) and employment date ranges."""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import yaml

from skillmatch.errors import DataError, InputError, TooLargeError
from skillmatch.read.employment import EmploymentRange, find_employment
from skillmatch.read.glue import document_words, split_camel, split_sentences
from skillmatch.read.linewrap import join_wrapped
from skillmatch.read.logical_lines import clean_text, is_date_line, rebuild_lines

from .limits import MAX_TEXT_CHARS, _too_much_text_message
from .model import Document, Line


class _Raw(NamedTuple):
    """A line before numbering: its text, page, heading style level, and a forced section."""

    text: str
    page: int | None = None
    heading_level: int | None = None
    section: str | None = None
    forced: bool = False
    linked: bool = False  # a PDF piece that sat on the same visual line as the line before it


def _rebuilt(raw: list[_Raw], kind: str) -> list[_Raw]:
    """Glyph hygiene on every line, then the logical lines (see :func:`rebuild_lines`)."""
    cleaned = [clean_text(r.text) for r in raw]
    if kind == "json_resume":  # our own rendering: its lines are already whole
        return [r._replace(text=t) for r, t in zip(raw, cleaned, strict=True)]
    pdf = kind == "pdf"
    if pdf:  # list items and bullets the PDF glued together (see skillmatch.read.glue)
        raw, cleaned = _unglued(raw, cleaned)
    vocab = _vocabulary()
    rebuilt = rebuild_lines(cleaned, [r.linked for r in raw] if pdf else None, blank_separators=pdf,
                            is_heading=lambda text: vocab.match(text) is not None)
    if pdf:  # a page wraps sentences: rebuild them whole (see skillmatch.read.linewrap)
        joined = join_wrapped([text for text, _ in rebuilt],
                              is_break=lambda text: vocab.match(text) is not None or is_date_line(text))
        rebuilt = [(text, rebuilt[k][1]) for text, k in joined]
    return [raw[i]._replace(text=text) for text, i in rebuilt]


def _unglued(raw: list[_Raw], cleaned: list[str]) -> tuple[list[_Raw], list[str]]:
    """Each line with its glued words split and its glued sentences on lines of their own."""
    known = document_words(cleaned)
    out_raw: list[_Raw] = []
    out_text: list[str] = []
    for item, text in zip(raw, cleaned, strict=True):
        for n, piece in enumerate(split_sentences(split_camel(text, known))):
            out_raw.append(item if n == 0 else item._replace(linked=False))
            out_text.append(piece)
    return out_raw, out_text


def _build_document(raw: list[_Raw], kind: str, name: str | None) -> Document:
    raw = _rebuilt(raw, kind)
    while raw and not raw[-1].text.strip():
        raw.pop()
    if not raw:
        raise InputError("no text: the document is empty or only whitespace")
    vocab = _vocabulary()
    lines: list[Line] = []
    headings: set[int] = set()
    current: str | None = None
    current_level: int | None = None
    for number, item in enumerate(raw, start=1):
        text = item.text.rstrip()
        if item.forced:
            current = item.section
        elif (section := vocab.match(text)) is not None:
            current, current_level = section, item.heading_level
            headings.add(number)
        elif (
            item.heading_level is not None
            and current_level is not None
            and item.heading_level <= current_level
            and text.strip()
        ):
            current = "other"  # a styled heading at section level that is not in the vocabulary
        lines.append(Line(number, text, item.page, current))
    text = "\n".join(line.text for line in lines)
    if len(text) > MAX_TEXT_CHARS:
        raise TooLargeError(_too_much_text_message(len(text)))
    return Document(text, tuple(lines), kind, name, tuple(_find_employment(lines, vocab, frozenset(headings))))


@dataclass(frozen=True)
class _Vocabulary:
    headings: Mapping[str, str]
    compact: Mapping[str, str]
    employment_sections: frozenset[str]
    neutral_sections: frozenset[str]
    job_words: re.Pattern[str]

    def match(self, line: str) -> str | None:
        """The section id when the line is a heading, else None."""
        stripped = line.strip()
        if not stripped or len(stripped) > 60 or _BULLET_RE.match(stripped):
            return None
        letters = stripped.strip(":").strip()
        if _SPACED_RE.fullmatch(letters):  # "E X P E R I E N C E", "W O R K   H I S T O R Y"
            words = [w.replace(" ", "") for w in re.split(r"\s{2,}", letters)]
            key = _normalize_heading(" ".join(words))
            return self.headings.get(key) or self.compact.get(key.replace(" ", ""))
        return self.headings.get(_normalize_heading(stripped))


_BULLET_RE = re.compile(r"[-+*•·▪◦●‣]\s")
_SPACED_RE = re.compile(r"(?:[^\W\d_]\s{1,4})+[^\W\d_]")


def _normalize_heading(text: str) -> str:
    text = re.sub(r"^\s*#{1,6}\s*", "", text).lower().replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@functools.cache
def _vocabulary() -> _Vocabulary:
    try:
        source = importlib.resources.files("skillmatch.data").joinpath("sections.yaml").read_text("utf-8")
    except (ModuleNotFoundError, OSError) as exc:
        raise DataError("skillmatch.data/sections.yaml is missing; reinstall skillmatch") from exc
    try:
        doc = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise DataError(f"sections.yaml is not valid YAML: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("sections"), dict):
        raise DataError("sections.yaml: expected a mapping with a 'sections' mapping")
    headings: dict[str, str] = {}
    compact: dict[str, str] = {}
    for section, phrases in doc["sections"].items():
        if not isinstance(section, str) or not _is_str_list(phrases):
            raise DataError(f"sections.yaml: section {section!r} must map to a list of phrases")
        for phrase in phrases:
            key = _normalize_heading(phrase)
            if not key:
                raise DataError(f"sections.yaml: empty heading phrase in {section!r}")
            if headings.get(key, section) != section:
                raise DataError(
                    f"sections.yaml: {phrase!r} is listed under {headings[key]!r} and {section!r}"
                )
            headings[key] = section
            compact.setdefault(key.replace(" ", ""), section)
    employment = doc.get("employment")
    if not isinstance(employment, dict):
        raise DataError("sections.yaml: expected an 'employment' mapping")
    lists = {key: employment.get(key) for key in ("sections", "neutral_sections", "job_words")}
    for key, value in lists.items():
        if not _is_str_list(value):
            raise DataError(f"sections.yaml: employment.{key} must be a list of strings")
    unknown = set(lists["sections"] or []) | set(lists["neutral_sections"] or [])
    unknown -= set(doc["sections"])
    if unknown:
        raise DataError(f"sections.yaml: employment names unknown sections {sorted(unknown)}")
    words = "|".join(re.escape(w.lower()).replace(r"\ ", r"\s+") for w in lists["job_words"] or [])
    return _Vocabulary(
        headings=headings,
        compact=compact,
        employment_sections=frozenset(lists["sections"] or []),
        neutral_sections=frozenset(lists["neutral_sections"] or []),
        job_words=re.compile(rf"\b(?:{words})\b", re.IGNORECASE),
    )


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _find_employment(lines: Sequence[Line], vocab: _Vocabulary, headings: frozenset[int]) -> Iterator[EmploymentRange]:
    return find_employment(
        lines,
        sections=vocab.employment_sections,
        neutral_sections=vocab.neutral_sections,
        job_words=vocab.job_words,
        headings=headings,
    )
