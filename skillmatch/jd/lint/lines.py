"""The JD's title and content lines, and the level each responsibility or requirement line describes
(its sentences against the ladder's per-level statements, in one encoding batch)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ...embed import Embedder
from ...level.infer import _scope_index, strip_level_words
from ...level.lines import LineSeniority, read_lines
from ...nlp import line_kinds, sentence_units, strip_bullet, word_count
from ...read.pay import parse_all_pay, parse_years
from ...taxonomy import Ladder, Level
from .model import _KIND, LineLevel
from .settings import LintSettings

_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪◦–]|\d{1,2}[.)])\s+\S")
_TITLE_MAX_WORDS = 10
_TITLE_MAX_CHARS = 90


def _clean_title(line: str) -> str:
    return " ".join(line.strip().lstrip("#").strip().strip("*_").split())


def find_title(text: str) -> tuple[str, int] | None:
    """The title a JD starts with and its 1-based line: a Markdown ``# heading`` or a short first line.

    Args:
        text: the job description.
    """
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if re.match(r"^#\s+\S", line):
            return _clean_title(line), i + 1
        candidate = _clean_title(line)
        if (
            candidate
            and not line.lstrip().startswith("#")
            and not _LIST_ITEM.match(line)
            and word_count(candidate) <= _TITLE_MAX_WORDS
            and len(candidate) <= _TITLE_MAX_CHARS
            and not candidate.endswith((".", ":", "!", "?"))
            and line_kinds([line]) == ["body"]  # not a section heading ("Requirements")
            and not re.search(r"[$€£]|\d{2,}", candidate)
        ):
            return candidate, i + 1
        return None
    return None


def content_text(text: str, title: str | None = None, title_line: int | None = None) -> str:
    """The text the content level is read from: the title line blanked and the title removed elsewhere.

    Line numbers stay those of ``text``. Level words are removed later, by the level model itself.

    Args:
        text: the job description.
        title: the job title, removed wherever it occurs (case is ignored).
        title_line: the 1-based line holding the title, blanked.
    """
    lines = text.splitlines()
    if title_line is not None and 1 <= title_line <= len(lines):
        lines[title_line - 1] = ""
    if title and title.strip():
        pattern = re.compile(r"(?<!\w)" + re.escape(title.strip()) + r"(?!\w)", re.IGNORECASE)
        lines = [pattern.sub("", line) for line in lines]
    return "\n".join(lines)


@dataclass(frozen=True)
class _Scored:
    level: LineLevel
    scores: np.ndarray  # best similarity per level
    not_yet: np.ndarray  # best similarity to each not-yet item of the reference level
    negated: bool
    support: bool
    checked: bool  # says enough about scope to be held to it (a bare years line does not)


def _selected_lines(lines: Sequence[str], settings: LintSettings) -> list[tuple[int, str, str]]:
    """(line number, text, kind) of the responsibility and requirement lines worth a level."""
    pay_texts = [p.text for p in parse_all_pay("\n".join(lines)) if p.text]
    kinds = line_kinds(lines)
    # loose lines count only in a JD without sections; above its sections they are a company blurb
    sections = any(k in _KIND and k != "body" for k in kinds)
    out = []
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind not in _KIND or (kind == "body" and sections):
            continue
        body = strip_bullet(line).strip("*_ ")
        if body.endswith(":") or word_count(body) < 3:
            continue  # a lead-in ("In a typical week, you will:") or a fragment
        if kind == "body" and not _LIST_ITEM.match(line) and word_count(body) < settings.body_min_words:
            continue
        if any(t in line for t in pay_texts) or (settings.pay_line.search(line) and re.search(r"\d", line)):
            continue  # a pay line says nothing about scope
        out.append((i + 1, line, _KIND[kind]))
    return out


def _scope_part(line: str, settings: LintSettings) -> tuple[str, bool]:
    """The part of a line that says something about scope, and whether the line asks for years.

    Level words are removed; from a years line, the years and where they were gained ("of experience in
    sales operations") too.
    """
    years = parse_years(line)
    if years is not None and years.text:
        line = line.replace(years.text, " ")
        for pattern in settings.years_generic:
            line = pattern.sub(" ", line)
        line = re.sub(r"^(\W*)(?:in|with|as)\b", r"\1", re.sub(r"\s+", " ", line))
    return strip_level_words(line), years is not None


def _score_lines(
    original: Sequence[str],
    content: Sequence[str],
    ref: Level,
    ladder: Ladder,
    embedder: Embedder,
    settings: LintSettings,
) -> list[_Scored]:
    selected = _selected_lines(content, settings)
    if not selected:
        return []
    parts = {n: _scope_part(content[n - 1], settings) for n, _, _ in selected}
    units = sentence_units([(n, parts[n][0]) for n, _, _ in selected], min_words=3)
    if not units:
        return []
    vectors = embedder.encode([u for _, u in units])  # one batch for every line of the JD
    unit_scores = _scope_index(ladder, embedder).level_scores(vectors)
    not_yet_rows, owners = settings.not_yet_rows(ref)
    not_yet = np.zeros((len(units), len(ref.not_yet)))
    if not_yet_rows:
        sims = vectors @ embedder.encode_statements(not_yet_rows, kind="not-yet").T
        for k in range(len(ref.not_yet)):
            not_yet[:, k] = sims[:, [j for j, o in enumerate(owners) if o == k]].max(axis=1)
    by_line: dict[int, list[int]] = {}
    for k, (number, _) in enumerate(units):
        by_line.setdefault(number, []).append(k)
    readings = {r.line: r for r in read_lines([(n, parts[n][0]) for n, _, _ in selected])}
    out = []
    for number, _, kind in selected:
        rows = by_line.get(number)
        if not rows:
            continue
        scores = unit_scores[rows].max(axis=0)
        z = scores / settings.temperature
        p = np.exp(z - z.max())
        p = p / p.sum()
        best = int(np.argmax(scores))
        probabilities = {lvl.id: float(v) for lvl, v in zip(ladder.levels, p, strict=True)}
        text = original[number - 1]
        body = strip_bullet(content[number - 1])
        reading = readings.get(number)
        if reading is not None:  # shown with the verbatim line
            reading = LineSeniority(number, text, reading.signals, reading.score, reading.probabilities)
        level = LineLevel(number, text, kind, ladder.levels[best].id, float(p[best]), probabilities, reading)
        scope_text, has_years = parts[number]
        checked = not has_years or word_count(strip_bullet(scope_text)) >= settings.years_line_min_words
        out.append(_Scored(level, scores, not_yet[rows].max(axis=0), bool(settings.negation.search(body)),
                           bool(settings.support.search(body)), checked))
    return out


def _line_of(lines: Sequence[str], span: str) -> int | None:
    return next((i + 1 for i, line in enumerate(lines) if span and span in line), None)
