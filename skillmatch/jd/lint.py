"""Lint a job description: the level each line really describes, and what disagrees with what.

:func:`lint_jd` reads a JD (Markdown or plain text) and returns a :class:`JDLint`:

* ``level``: the level of the whole text from its content (:func:`skillmatch.level.infer.infer_level`, with
  the title and every level word removed first, so the title never decides it);
* ``title_level``: the level the title names, if any;
* ``lines``: each responsibility or requirement line (the sections come from
  :func:`skillmatch.nlp.line_kinds`) with the level it describes: its sentences are compared with the
  ladder's per-level statements (what each level does and owns, and what the level below does not own
  yet), all lines in one encoding batch;
* ``findings``: what disagrees, each with a severity, the line and how to fix it.

The level a JD is held to (the *reference* level) is the title's when the title names one, else the
content's. Every threshold, severity and message is in ``data/jd_lint.yaml``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..embed import Embedder, get_embedder
from ..errors import DataError, InputError
from ..extract.mentions import SkillMention, extract_skills
from ..level.infer import LevelEstimate, _scope_index, infer_level, strip_level_words, title_level
from ..level.lines import LineSeniority, read_lines
from ..match import pay_band
from ..nlp import line_kinds, memory_zone, sentence_units, strip_bullet, word_count
from ..read.pay import Pay, Years, parse_all_pay, parse_pay, parse_years
from ..taxonomy import LEVEL_IDS, TIERS, DataFile, Ladder, Level, Taxonomy, load_ladder, load_taxonomy
from .draft import TIER_FROM

__all__ = ["SEVERITIES", "Finding", "JDLint", "LineLevel", "LintSettings", "content_text", "find_title",
           "lint_jd", "load_lint_settings"]

SEVERITIES = ("error", "warning", "info")
_KIND = {"responsibilities": "responsibility", "requirements": "requirement", "nice_to_have": "requirement",
         "body": "responsibility"}
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪◦–]|\d{1,2}[.)])\s+\S")
_TITLE_MAX_WORDS = 10
_TITLE_MAX_CHARS = 90


# --------------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Finding:
    """Something in a JD that disagrees with the ladder or with the rest of the JD.

    Args:
        code: what is wrong (``title_level_mismatch``, ``scope_above_level``, ``scope_below_level``,
            ``years_out_of_range``, ``pay_missing``, ``pay_out_of_band``, ``tier_skills_missing``,
            ``not_yet_owned``).
        severity: ``error``, ``warning`` or ``info``.
        line: the 1-based line of the input it is about; None for the whole document.
        message: what is wrong and how to fix it.
        text: the verbatim line.
    """

    code: str
    severity: str
    line: int | None
    message: str
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "line": self.line, "message": self.message,
                "text": self.text}


@dataclass(frozen=True)
class LineLevel:
    """The level one responsibility or requirement line describes.

    Args:
        line: its 1-based line number.
        text: the verbatim line.
        kind: ``requirement`` or ``responsibility`` (the section it sits in).
        level: the level whose statements it is closest to.
        confidence: the probability of that level.
        probabilities: every level's probability (a softmax over the line's best similarity per level).
    """

    line: int
    text: str
    kind: str
    level: str
    confidence: float
    probabilities: dict[str, float]
    seniority: LineSeniority | None = None  # the line's wording: agency, reach, audience, people

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "kind": self.kind, "level": self.level,
                "confidence": round(self.confidence, 4),
                "probabilities": {k: round(v, 4) for k, v in self.probabilities.items()},
                "seniority": self.seniority.to_dict() if self.seniority else None}


@dataclass(frozen=True)
class JDLint:
    """The lint of one job description (see :func:`lint_jd`)."""

    level: LevelEstimate
    title: str | None
    title_level: str | None
    lines: tuple[LineLevel, ...]
    findings: tuple[Finding, ...]
    years: Years | None
    pay: Pay | None

    @property
    def reference_level(self) -> str:
        """The level the JD is held to: the title's when it names one, else the content's."""
        return self.title_level or self.level.level

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def counts(self) -> dict[str, int]:
        """How many findings of each severity."""
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "title_level": self.title_level,
            "reference_level": self.reference_level,
            "level": self.level.to_dict(),
            "years": None if self.years is None else self.years.to_dict(),
            "pay": None if self.pay is None else self.pay.to_dict(),
            "lines": [line.to_dict() for line in self.lines],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.counts(),
        }


# --------------------------------------------------------------------------------------------------
# Settings (data/jd_lint.yaml)


@dataclass(frozen=True)
class LintSettings:
    version: str
    body_min_words: int
    temperature: float
    years_line_min_words: int
    years_generic: tuple[re.Pattern[str], ...]
    pay_line: re.Pattern[str]
    support: re.Pattern[str]
    negation: re.Pattern[str]
    checks: dict[str, dict[str, Any]]
    not_yet_phrasings: dict[str, dict[str, tuple[str, ...]]]

    def not_yet_rows(self, level: Level) -> tuple[list[str], list[int]]:
        """The level's "not yet" items and their extra phrasings, with the item index of each row."""
        rows: list[str] = []
        owners: list[int] = []
        extra = self.not_yet_phrasings.get(level.id, {})
        for k, item in enumerate(level.not_yet):
            for text in (item, *extra.get(item, ())):
                rows.append(strip_level_words(text))
                owners.append(k)
        return rows, owners

    def check(self, code: str) -> dict[str, Any]:
        return self.checks[code]


_CHECK_KEYS = {
    "title_level_mismatch": ("error_confidence", "error_rungs", "message"),
    "scope_above_level": ("min_score", "error_min_score", "warning_margin", "error_margin", "message",
                          "support_message"),
    "scope_below_level": ("min_score", "info_margin", "warning_margin", "message"),
    "not_yet_owned": ("warning_score", "error_score", "message", "support_message"),
    "wording_level": ("above_rungs", "below_rungs", "above_message", "below_message"),
    "line_level": ("rungs", "min_confidence", "above_message", "below_message"),
    "years_out_of_range": ("error_years", "message"),
    "pay_missing": ("severity", "message"),
    "pay_out_of_band": ("message", "other_currency"),
    "tier_skills_missing": ("severity_own_tier", "severity_lower_tier", "message"),
}


def _support_pattern(phrases: Sequence[str], anywhere: Sequence[str]) -> re.Pattern[str]:
    alternatives = []
    for phrase in phrases:
        first, *rest = phrase.lower().split()
        stem = first[:-1] if first.endswith("e") else first
        forms = "|".join(re.escape(f) for f in dict.fromkeys(
            (first, first + "s", first + "es", stem + "ing", stem + "ed", first + "d")))
        alternatives.append(rf"^\W*(?:{forms})" + "".join(rf"\s+{re.escape(w)}" for w in rest) + r"\b")
    return re.compile("|".join([*alternatives, *anywhere]), re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def load_lint_settings() -> LintSettings:
    """The bundled lint settings, validated."""
    reader = DataFile(None, "jd_lint.yaml")
    name, raw = reader.name, reader.data
    try:
        lines = raw["lines"]
        checks = raw["checks"]
        for code, keys in _CHECK_KEYS.items():
            missing = [k for k in keys if k not in checks[code]]
            if missing:
                raise DataError(f"{name}: checks.{code}: missing {missing[0]!r}")
        severities = [checks["pay_missing"]["severity"], checks["tier_skills_missing"]["severity_own_tier"],
                      checks["tier_skills_missing"]["severity_lower_tier"]]
        if any(s not in SEVERITIES for s in severities):
            raise DataError(f"{name}: a severity must be one of {', '.join(SEVERITIES)}")
        return LintSettings(
            version=str(raw["version"]),
            body_min_words=int(lines["body_min_words"]),
            temperature=float(lines["temperature"]),
            years_line_min_words=int(lines["years_line_min_words"]),
            years_generic=tuple(re.compile(p, re.IGNORECASE) for p in lines.get("years_generic") or ()),
            pay_line=re.compile(lines["pay_line"], re.IGNORECASE),
            support=_support_pattern(raw["support_phrases"], raw.get("support_anywhere") or []),
            negation=re.compile(raw["negation"], re.IGNORECASE),
            checks={str(k): dict(v) for k, v in checks.items()},
            not_yet_phrasings={str(lvl): {str(item): tuple(str(t) for t in texts) for item, texts in items.items()}
                               for lvl, items in (raw.get("not_yet_phrasings") or {}).items()},
        )
    except (KeyError, TypeError, ValueError, re.error) as e:
        raise DataError(f"{name}: cannot read the lint settings: {e}") from None


# --------------------------------------------------------------------------------------------------
# Title and content


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


# --------------------------------------------------------------------------------------------------
# Lines


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


# --------------------------------------------------------------------------------------------------
# Checks


def _line_of(lines: Sequence[str], span: str) -> int | None:
    return next((i + 1 for i, line in enumerate(lines) if span and span in line), None)


def _range_text(level: Level) -> str:
    return f"{level.years_min:g}+ years" if level.years_max is None else (
        f"{level.years_min:g}–{level.years_max:g} years")


_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}


def _money(value: float, currency: str) -> str:
    amount = f"{value / 1000:,.0f}K" if value >= 1000 else f"{value:,.0f}"
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


def _check_title(estimate: LevelEstimate, title_lvl: str | None, title_line: int | None, title: str | None,
                 lines: Sequence[str], ladder: Ladder, settings: LintSettings) -> list[Finding]:
    if title_lvl is None or title_lvl == estimate.level:
        return []
    cfg = settings.check("title_level_mismatch")
    rungs = abs(ladder.get(title_lvl).rank - ladder.get(estimate.level).rank)
    # two rungs or more between the title and the content is an error however sure the content reading is
    sure = estimate.confidence >= float(cfg["error_confidence"])
    severity = "error" if sure or rungs >= int(cfg["error_rungs"]) else "warning"
    message = _fmt(cfg["message"], title_level=title_lvl, level=estimate.level, confidence=estimate.confidence,
                   suggested_title=ladder.get(estimate.level).name)
    text = lines[title_line - 1] if title_line is not None else title  # the title given, when not in the text
    return [Finding("title_level_mismatch", severity, title_line, message, text)]


def _check_lines(scored: Sequence[_Scored], ref: Level, ladder: Ladder, settings: LintSettings) -> list[Finding]:
    above = settings.check("scope_above_level")
    below = settings.check("scope_below_level")
    not_yet = settings.check("not_yet_owned")
    wording = settings.check("wording_level")
    ranks = {lvl.id: lvl.rank for lvl in ladder.levels}
    nxt = ladder.next(ref.id)
    out: list[Finding] = []
    for s in scored:
        line = s.level
        if s.negated or not s.checked:
            continue  # "you will not own the comp plan" claims nothing; nor does "4+ years in sales ops"
        best = ranks[line.level]
        score, ref_score = float(s.scores[best]), float(s.scores[ref.rank])
        margin = score - ref_score
        fill = {"line_level": line.level, "level": ref.id, "score": score, "ref_score": ref_score}
        if best > ref.rank and score >= float(above["min_score"]) and margin >= float(above["warning_margin"]):
            strong = margin >= float(above["error_margin"]) and score >= float(above["error_min_score"])
            severity = "error" if strong else "warning"
            template = above["message"]
            if s.support:
                severity, template = "info", above["support_message"]
            out.append(Finding("scope_above_level", severity, line.line, _fmt(template, **fill), line.text))
        if (line.kind == "responsibility" and best < ref.rank and score >= float(below["min_score"])):
            gap = ref.rank - best
            if gap >= 2 and margin >= float(below["warning_margin"]):
                out.append(Finding("scope_below_level", "warning", line.line,
                                   _fmt(below["message"], **fill), line.text))
            elif gap == 1 and margin >= float(below["info_margin"]):
                out.append(Finding("scope_below_level", "info", line.line,
                                   _fmt(below["message"], **fill), line.text))
        reading = line.seniority
        done = {(f.code, f.line) for f in out}
        # two signals at least (a verb and its reach, audience or team): a wrapped fragment such as
        # "designed, measured and scaled." says too little to be held to a rung
        if reading is not None and reading.score is not None and len(reading.signals) >= 2:
            rungs = reading.score - ref.rank
            fill_w = {"level": ref.id, "line_level": reading.level, "reason": reading.reason,
                      "rungs": f"{abs(rungs):.1f}"}
            if rungs >= float(wording["above_rungs"]) and ("scope_above_level", line.line) not in done:
                severity = "info" if s.support else "error"
                out.append(Finding("scope_above_level", severity, line.line,
                                   _fmt(wording["above_message"], **fill_w), line.text))
            elif (-rungs >= float(wording["below_rungs"]) and line.kind == "responsibility"
                  and ("scope_below_level", line.line) not in done):
                out.append(Finding("scope_below_level", "warning", line.line,
                                   _fmt(wording["below_message"], **fill_w), line.text))
        out += _check_line_level(s, ref, ranks, settings, {(f.code, f.line) for f in out})
        if len(s.not_yet):
            k = int(np.argmax(s.not_yet))
            sim = float(s.not_yet[k])
            if sim >= float(not_yet["warning_score"]):
                severity = "error" if sim >= float(not_yet["error_score"]) else "warning"
                template = not_yet["message"]
                if s.support:
                    severity, template = "info", not_yet["support_message"]
                message = _fmt(template, level=ref.id, item=ref.not_yet[k], score=sim,
                               next_level=nxt.id if nxt else ref.id)
                out.append(Finding("not_yet_owned", severity, line.line, message, line.text))
    return out


def _check_line_level(s: _Scored, ref: Level, ranks: dict[str, int], settings: LintSettings,
                      done: set[tuple[str, int | None]]) -> list[Finding]:
    """A line whose level reads two rungs or more from the JD's is a finding, always, with its fix
    (when neither its similarity margin nor its wording made it one already)."""
    cfg = settings.check("line_level")
    line = s.level
    rungs = ranks[line.level] - ref.rank
    if (abs(rungs) < int(cfg["rungs"]) or line.confidence < float(cfg["min_confidence"])
            or line.kind != "responsibility"):
        return []  # a requirement's skill list ("Funnel and conversion metrics") reads loosely
    fill = {"level": ref.id, "line_level": line.level, "rungs": abs(rungs), "confidence": line.confidence}
    if rungs > 0 and ("scope_above_level", line.line) not in done:
        severity = "info" if s.support else "error"
        template = settings.check("scope_above_level")["support_message"] if s.support else cfg["above_message"]
        fill |= {"score": float(s.scores[ranks[line.level]]), "ref_score": float(s.scores[ref.rank])}
        return [Finding("scope_above_level", severity, line.line, _fmt(template, **fill), line.text)]
    if rungs < 0 and ("scope_below_level", line.line) not in done:
        return [Finding("scope_below_level", "warning", line.line, _fmt(cfg["below_message"], **fill), line.text)]
    return []


def _check_years(years: Years | None, lines: Sequence[str], ref: Level, ladder: Ladder,
                 settings: LintSettings) -> list[Finding]:
    if years is None:
        return []
    stated = years.min
    if ref.years_fit(stated):
        return []
    cfg = settings.check("years_out_of_range")
    distance = ref.years_min - stated if stated < ref.years_min else stated - (ref.years_max or math.inf)
    severity = "error" if distance >= float(cfg["error_years"]) else "warning"
    fits = [lvl.id for lvl in ladder.levels if lvl.years_fit(stated)]
    stated_text = f"{stated:g}+ years" if years.max is None else f"{stated:g}–{years.max:g} years"
    message = _fmt(cfg["message"], years=years.text, stated=stated_text, level=ref.id, range=_range_text(ref),
                   fits=" or ".join(fits) or "no level")
    number = _line_of(lines, years.text)
    return [Finding("years_out_of_range", severity, number, message,
                    lines[number - 1] if number else None)]


def _check_pay(pay: Pay | None, lines: Sequence[str], ref: Level, ladder: Ladder,
               settings: LintSettings) -> list[Finding]:
    band = pay_band(ref.id, ladder)
    cur = band.currency
    band_text = _money(band.base_min, cur) + ("+" if band.open_ended else f"–{_money(band.base_max, cur)}")
    if pay is None:
        cfg = settings.check("pay_missing")
        message = _fmt(cfg["message"], band=band_text, level=ref.id)
        return [Finding("pay_missing", str(cfg["severity"]), None, message)]
    cfg = settings.check("pay_out_of_band")
    number = _line_of(lines, pay.text)
    text = lines[number - 1] if number else None
    if pay.currency != band.currency:
        message = _fmt(cfg["other_currency"], currency=pay.currency, level=ref.id, band_currency=band.currency)
        return [Finding("pay_out_of_band", "info", number, message, text)]
    lo = pay.annual_min if pay.annual_min is not None else pay.annual_max
    hi = pay.annual_max if pay.annual_max is not None else pay.annual_min
    assert lo is not None and hi is not None
    b_lo, b_hi = float(band.base_min), math.inf if band.open_ended else float(band.base_max)
    if pay.kind == "ote":  # on-target earnings: the band's base plus its bonus range
        b_lo *= 1 + band.bonus_min_pct / 100
        b_hi *= 1 + band.bonus_max_pct / 100
        band_text = _money(b_lo, cur) + ("+" if band.open_ended else f"–{_money(b_hi, cur)}") + " on-target"
    mid = (lo + hi) / 2
    if hi < b_lo or lo > b_hi:
        severity, where = "error", "is entirely below" if hi < b_lo else "is entirely above"
    elif not b_lo <= mid <= b_hi:
        severity, where = "warning", "is mostly below" if mid < b_lo else "is mostly above"
    else:
        return []
    annual = _money(lo, cur) if lo == hi else f"{_money(lo, cur)}–{_money(hi, cur)}"
    message = _fmt(cfg["message"], pay=pay.text, annual=annual, where=where, level=ref.id, band=band_text)
    return [Finding("pay_out_of_band", severity, number, message, text)]


def expected_skills(level: Level, ladder: Ladder, taxonomy: Taxonomy) -> dict[str, list[str]]:
    """The core skill ids a level's JD should ask for, by tier.

    A tier is in scope from its level (foundational always, technical from manager, strategic from
    director); a core skill of a tier in scope is expected when the taxonomy expects it at or below the
    level and either fully (weight 1.0) or from a lower level.
    """
    ranks = {lvl.id: lvl.rank for lvl in ladder.levels}
    out: dict[str, list[str]] = {t: [] for t in TIERS}
    for skill in taxonomy.core():
        from_rank = ranks.get(skill.expected_from, len(ranks))
        if from_rank > level.rank or TIER_FROM[skill.tier] > level.rank:
            continue
        if skill.weight >= 1.0 or from_rank < level.rank:
            out[skill.tier].append(skill.id)
    return out


def _check_skills(mentions: Sequence[SkillMention], ref: Level, ladder: Ladder, taxonomy: Taxonomy,
                  settings: LintSettings) -> list[Finding]:
    found = set()
    for m in mentions:
        skill = taxonomy.get(m.skill_id)
        if skill is not None:
            found.add(skill.core_id)
    cfg = settings.check("tier_skills_missing")
    own_tier = max((t for t in TIERS if TIER_FROM[t] <= ref.rank), key=lambda t: TIER_FROM[t])
    out = []
    for tier, ids in expected_skills(ref, ladder, taxonomy).items():
        missing = [i for i in ids if i not in found]
        if missing:
            names = ", ".join(s.name for i in missing if (s := taxonomy.get(i)) is not None)
            severity = cfg["severity_own_tier"] if tier == own_tier else cfg["severity_lower_tier"]
            message = _fmt(cfg["message"], level=ref.id, tier=tier, skills=names)
            out.append(Finding("tier_skills_missing", str(severity), None, message))
    return out


def _article(level_id: str) -> str:
    name = "VP" if level_id == "vp" else level_id
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


def _fmt(template: Any, **fields: Any) -> str:
    """A message from its template, on one line; every ``*level`` field also comes as ``a_*level``."""
    for key, value in list(fields.items()):
        if key.endswith("level") and isinstance(value, str):
            fields[f"a_{key}"] = _article(value)
    return " ".join(str(template).format(**fields).split())


# --------------------------------------------------------------------------------------------------
# The lint


def lint_jd(
    text: str,
    *,
    title: str | None = None,
    taxonomy: Taxonomy | None = None,
    ladder: Ladder | None = None,
    embedder: Embedder | None = None,
) -> JDLint:
    """Lint a job description: the level of the whole text and of each line, and what disagrees.

    Args:
        text: the JD as Markdown or plain text; finding line numbers count its lines from 1.
        title: the job title; when None, the first line is taken as the title if it is a Markdown
            ``# heading`` or a short line that is not a section heading.
        taxonomy: the skills; the bundled taxonomy when None.
        ladder: the ladder; the bundled one when None.
        embedder: the sentence encoder; the packaged model when None.

    Raises:
        InputError: the text is empty, or holds nothing but a title.
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError("the job description is empty")
    ladder = ladder or load_ladder()
    taxonomy = taxonomy or load_taxonomy()
    embedder = embedder or get_embedder()
    # inside the spaCy memory zone shared with resume analyses, so that a zone closing in another
    # request never evicts strings this lint is still using
    with memory_zone(taxonomy):
        return _lint(text, title, taxonomy, ladder, embedder)


def _lint(text: str, title: str | None, taxonomy: Taxonomy, ladder: Ladder, embedder: Embedder) -> JDLint:
    settings = load_lint_settings()
    if tuple(ladder.ids) != LEVEL_IDS:
        raise DataError(f"the lint needs the levels {', '.join(LEVEL_IDS)}")

    lines = text.splitlines()
    title_line: int | None = None
    if title is not None and title.strip():
        title = " ".join(title.split())
        found = find_title(text)
        if found is not None and found[0].lower() == title.lower():
            title_line = found[1]
    else:
        found = find_title(text)
        title, title_line = found if found is not None else (None, None)
    content = content_text(text, title, title_line)
    if not content.strip():
        raise InputError("the job description has nothing but a title; paste the whole description")
    content_lines = content.splitlines()

    mentions = extract_skills(content, taxonomy=taxonomy, embedder=embedder)
    estimate = infer_level(content, mentions=mentions, ladder=ladder, taxonomy=taxonomy, embedder=embedder,
                           scope=False)
    title_lvl = title_level(title) if title else None
    ref = ladder.get(title_lvl or estimate.level)

    scored = _score_lines(lines, content_lines, ref, ladder, embedder, settings)
    years = parse_years(content)
    pay = parse_pay(content)
    findings = [
        *_check_title(estimate, title_lvl, title_line, title, lines, ladder, settings),
        *_check_lines(scored, ref, ladder, settings),
        *_check_years(years, lines, ref, ladder, settings),
        *_check_pay(pay, lines, ref, ladder, settings),
        *_check_skills(mentions, ref, ladder, taxonomy, settings),
    ]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (f.line is None, f.line or 0, order[f.severity], f.code))
    return JDLint(level=estimate, title=title, title_level=title_lvl, lines=tuple(s.level for s in scored),
                  findings=tuple(findings), years=years, pay=pay)
