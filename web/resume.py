"""``/``: upload a resume; ``/report``: where it stands (level, fit, skills with evidence, gaps, pay)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from flask import Blueprint, current_app, redirect, render_template, url_for
from werkzeug.wrappers import Response

from .forms import ResumeForm
from .plan import career_plan
from .present import clean_line, data_uri, level_name, pillar_name, skill_name
from .upload import Analysis, analyze_upload, upload_bytes

if TYPE_CHECKING:
    from skillmatch.level.infer import LevelEvidence

bp = Blueprint("resume", __name__)


@bp.get("/")
def index() -> str:
    """The upload form."""
    return render_template("resume/index.html", form=ResumeForm())


@bp.get("/report")
def report_get() -> Response:
    """A report exists only as the answer to an upload: send a visitor to the form."""
    return redirect(url_for("resume.index"))


@bp.post("/report")
def report() -> tuple[str, int] | str:
    """Read the uploaded resume in memory, analyze it and show the report; the file is not kept."""
    form = ResumeForm()
    if not form.validate_on_submit():
        return render_template("resume/index.html", form=form), 400
    data, name = upload_bytes(form.resume.data)
    # the page is made where the analysis is (the pool, the memory zone): it plans, and parses lines again
    page: str = analyze_upload(data, name, current_app.config.get("DATABASE"),
                               then=lambda analysis: render_template("resume/report.html", **report_context(analysis)))
    return page


def report_context(analysis: Analysis) -> dict[str, Any]:
    """What the report template needs: the report, its charts, and the downloads as data: URLs."""
    from skillmatch.report.charts import bar_chart, grouped_bar_chart
    from skillmatch.report.render import model_name, to_markdown

    report = analysis.report
    best = report.best_level
    levels_chart = grouped_bar_chart(
        [(level_name(f.level), (f.fit, f.probability)) for f in report.levels],
        series=("fit", "probability"), highlight=level_name(best) if best else None,
        title="Fit and probability for each level") if report.levels else ""
    pillars_chart = bar_chart([(pillar_name(p), v) for p, v in report.pillars.items()],
                              title="Share of each pillar's core skills the resume shows") if report.pillars else ""
    tiers = ["foundational", "technical", "strategic"]
    tiers += sorted({s.tier for s in report.skills} - set(tiers))
    skills_by_tier = [(t, [s for s in report.skills if s.tier == t]) for t in tiers]
    level_evidence: dict[tuple[int | None, str], list[tuple[str, str]]] = {}
    if report.estimate is not None:
        for e in report.estimate.evidence:
            level_evidence.setdefault((e.line, clean_line(e.text)), []).append((e.level, evidence_detail(e)))
    as_json = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    return {
        "analysis": analysis,
        "report": report,
        "levels_chart": levels_chart,
        "pillars_chart": pillars_chart,
        "skills_by_tier": [(t, found) for t, found in skills_by_tier if found],
        "level_evidence": level_evidence,
        "json_uri": data_uri(as_json, "application/json"),
        "md_uri": data_uri(to_markdown(report, career_plan(report)), "text/markdown"),
        "clean": clean_line,
        "model_name": model_name(report.model),
    }


def evidence_detail(e: LevelEvidence) -> str:
    """Why a line moved the level, with a skill id ("technical skill sql") written as its name."""
    words = e.detail.split()
    if e.reason == "tier" and words and skill_name(words[-1]) != words[-1]:
        return f"{' '.join(words[:-1])}: {skill_name(words[-1])}"
    return e.detail
