"""The checks: title against content level, lines above or below the reference level, years, pay band
and the skills a level is expected to ask for; each gives :class:`Finding` objects."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from ...extract.mentions import SkillMention
from ...level.infer import LevelEstimate
from ...match import pay_band
from ...read.pay import Pay, Years
from ...taxonomy import TIERS, Ladder, Level, Taxonomy
from ..draft import TIER_FROM
from .lines import _line_of, _Scored
from .model import Finding
from .settings import LintSettings


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
