"""A CareerPlan as Markdown, plain text and an HTML section."""

from __future__ import annotations

from ..taxonomy import load_ladder
from .model import CareerPlan
from .rewrite import _BULLET

# ------------------------------------------------------------------------------------------ renderings


def _level_name(level_id: str | None) -> str:
    if not level_id:
        return "unknown"
    try:
        return load_ladder().get(level_id).name
    except KeyError:
        return level_id


def _share(share: float | None) -> str:
    return "" if share is None else f"Asked for by {share:.0%} of stored listings at this level."


def plan_to_markdown(plan: CareerPlan, *, heading: int = 1) -> str:
    """The plan as a Markdown checklist (the web offers it as a download; ``skillmatch plan --format md``)."""
    h = "#" * heading
    out = [f"{h} Plan: toward {_level_name(plan.target)}", ""]
    if plan.current:
        out += [f"Reads as {_level_name(plan.current)} today"
                + (f"; background: {plan.background}." if plan.background else "."), ""]
    out += [f"{h}# Gaps, most important first", ""]
    if not plan.gaps:
        out += ["None: the resume shows every skill this level expects.", ""]
    for i, g in enumerate(plan.gaps, 1):
        tag = " (typical for your background)" if g.typical else ""
        out += [f"{h}## {i}. {g.name}{tag}", "", g.why]
        if g.listing_share is not None:
            out[-1] += " " + _share(g.listing_share)
        out += ["", "Steps:", ""]
        out += [f"- [ ] {s.text} _({s.kind}; {s.effort})_" for s in g.steps] or ["- [ ] (no steps in the plans file)"]
        if g.examples:
            out += ["", "Example bullets at this level (examples only, not from your resume; use your own facts):",
                    ""]
            out += [f"- _Example:_ {e}" for e in g.examples]
        out.append("")
    out += [f"{h}# Lines that undersell", ""]
    if not plan.rewrites:
        out += ["None: every line that shows a skill already reads at this level, or gives nothing to lift.", ""]
    for r in plan.rewrites:
        out += [f"- [ ] line {r.line} reads as {_level_name(r.reads_as)} ({r.reading}): "
                f"\u201c{_BULLET.sub('', r.text.strip(), count=1)}\u201d",
                f"  - {r.suggestion} _(changes: {', '.join(r.changes)})_"]
    if plan.rewrites:
        out.append("")
    if plan.fit_checks:
        out += [f"{h}# Fit checks: questions to answer for yourself", ""]
        for f in plan.fit_checks:
            out += [f"- [ ] **{f.question}** {f.why}"]
        out.append("")
    return "\n".join(out)


def plan_to_text(plan: CareerPlan) -> str:
    """The plan for a terminal."""
    out = [f"Plan toward {_level_name(plan.target)}"
           + (f" (reads as {_level_name(plan.current)} today)" if plan.current else "")
           + (f"; background: {plan.background}" if plan.background else "")]
    out.append("")
    out.append("Gaps, most important first:" if plan.gaps else "Gaps: none.")
    for i, g in enumerate(plan.gaps, 1):
        out.append(f"{i}. {g.name}" + (" (typical for your background)" if g.typical else ""))
        out.append(f"   Why: {g.why}" + (f" {_share(g.listing_share)}" if g.listing_share is not None else ""))
        for s in g.steps:
            out.append(f"   [ ] {s.text} ({s.kind}; {s.effort})")
        for e in g.examples:
            out.append(f"   Example (not from your resume): {e}")
    out.append("")
    out.append("Lines that undersell:" if plan.rewrites else "Lines that undersell: none.")
    for r in plan.rewrites:
        out.append(f"  line {r.line} reads as {r.reads_as}: {_BULLET.sub('', r.text.strip(), count=1)}")
        out.append(f"    {r.suggestion} (changes: {', '.join(r.changes)})")
    if plan.fit_checks:
        out.append("")
        out.append("Fit checks (answer for yourself):")
        for f in plan.fit_checks:
            out.append(f"  - {f.question}")
            out.append(f"    {f.why}")
    return "\n".join(out) + "\n"


def plan_to_html(plan: CareerPlan, *, ident: str = "plan") -> str:
    """The plan as an HTML ``<section>`` (for :func:`skillmatch.report.render.to_html`); every text is escaped."""
    import html

    esc = html.escape
    items = []
    for g in plan.gaps:
        tag = ' <span class="tag">typical for your background</span>' if g.typical else ""
        share = f" {esc(_share(g.listing_share))}" if g.listing_share is not None else ""
        steps = "".join(f'<li>{esc(s.text)} <span class="muted">({esc(s.kind)}; {esc(s.effort)})</span></li>'
                        for s in g.steps)
        examples = "".join(f"<li>{esc(e)}</li>" for e in g.examples)
        items.append(
            f'<li data-skill="{esc(g.id)}"><h4>{esc(g.name)}{tag}</h4><p>{esc(g.why)}{share}</p>'
            f'<p class="sub">Steps</p><ul class="steps">{steps}</ul>'
            + (f'<p class="sub">Example bullets at this level (examples only, not from your resume)</p>'
               f'<ul class="examples">{examples}</ul>' if examples else "") + "</li>")
    gaps = (f'<ol class="plan-gaps">{"".join(items)}</ol>' if items
            else "<p>None: the resume shows every skill this level expects.</p>")
    rewrites = "".join(
        f'<li><span class="ln">line {r.line}</span><span><span class="quote">'
        f"{esc(_BULLET.sub('', r.text.strip(), count=1))}</span>"
        f'<span class="note">reads as {esc(_level_name(r.reads_as))}: {esc(r.reading)}</span>'
        f'<br><span class="suggest">{esc(r.suggestion)}</span> '
        f'<span class="muted">(changes: {esc(", ".join(r.changes))})</span></span></li>' for r in plan.rewrites)
    body = (f'<p class="muted">Toward {esc(_level_name(plan.target))}'
            + (f"; reads as {esc(_level_name(plan.current))} today" if plan.current else "") + ".</p>"
            f"<h3>Gaps, most important first</h3>{gaps}<h3>Lines that undersell</h3>"
            + (f'<ul class="ev rewrites">{rewrites}</ul>' if rewrites else
               "<p>None: every line that shows a skill already reads at this level.</p>"))
    if plan.fit_checks:
        checks = "".join(f"<li><strong>{esc(f.question)}</strong><br>"
                         f'<span class="muted">{esc(f.why)}</span></li>' for f in plan.fit_checks)
        body += f'<h3>Fit checks: questions to answer for yourself</h3><ul class="fit">{checks}</ul>'
    return f'<section id="{ident}" aria-labelledby="{ident}-h"><h2 id="{ident}-h">Plan</h2>{body}</section>'
