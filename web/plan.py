"""``/plan``: from gaps to a plan toward a target level (upload a resume, pick the level), and the "Plan"
section of the resume report (``plan/_section.html``, included by ``resume/report.html``).

The plan page needs no script: the checklist download is a ``data:`` link holding the Markdown, and the
page's layout (``static/plan.css``) reads at a phone's 390 px as well as at 1280 px.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import Blueprint, current_app, render_template
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField

from .present import clean_line, data_uri, level_ids, level_name
from .upload import Analysis, analyze_upload, upload_bytes

if TYPE_CHECKING:
    from skillmatch.planning import CareerPlan
    from skillmatch.report.model import Report

__all__ = ["PlanForm", "bp", "career_plan", "plan_md_uri"]

bp = Blueprint("plan", __name__)


class PlanForm(FlaskForm):
    """A resume to plan from, and the level to plan toward."""

    resume = FileField(
        "Your resume",
        validators=[FileRequired("Choose a resume file to upload.")],
        description="PDF, Word (.docx), plain text, Markdown or JSON Resume; up to 10 MB. "
                    "It is read in memory for this page only: never stored, never logged.",
    )
    target = SelectField("Plan toward", default="")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.target.choices = [("", "The next level up"), *((i, level_name(i)) for i in level_ids())]


def career_plan(report: Report, target: str | None = None) -> CareerPlan | None:
    """The plan for a report (toward ``target``, by default the next level); None without a level estimate."""
    if report.estimate is None:
        return None
    from flask import g, has_app_context

    from skillmatch.planning import plan_career

    if not has_app_context():
        return plan_career(report, target or None)
    # once per request: the report page's Markdown download and its Plan section show the same plan
    made: dict[tuple[int, str | None], CareerPlan] = g.setdefault("career_plans", {})
    key = (id(report), target or None)
    if key not in made:
        made[key] = plan_career(report, target or None)
    return made[key]


def plan_md_uri(plan: CareerPlan) -> str:
    """The plan as a Markdown checklist, as a ``data:`` URL to download."""
    from skillmatch.planning import plan_to_markdown

    return data_uri(plan_to_markdown(plan), "text/markdown")


@bp.app_context_processor
def _helpers() -> dict[str, Any]:
    return {"career_plan": career_plan, "plan_md_uri": plan_md_uri, "plan_line": _bare}


def _bare(text: str) -> str:
    return clean_line(text)


@bp.get("/plan")
def index() -> str:
    """The form: a resume and a target level."""
    return render_template("plan/index.html", form=PlanForm())


@bp.post("/plan")
def plan() -> tuple[str, int] | str:
    """Read the resume in memory, analyze it and show the plan toward the chosen level; nothing is kept."""
    form = PlanForm()
    if not form.validate_on_submit():
        return render_template("plan/index.html", form=form), 400
    data, name = upload_bytes(form.resume.data)
    target = form.target.data or None
    db_path = current_app.config.get("DATABASE")
    # the plan parses lines again: made where the analysis is (the pool, the memory zone; see analyze_upload)
    page: str = analyze_upload(data, name, db_path, then=lambda analysis: _plan_page(analysis, target, db_path))
    return page


def _plan_page(analysis: Analysis, target: str | None, db_path: str | None) -> str:
    report = analysis.report
    career: CareerPlan | None
    if (report.estimate is not None and analysis.has_store and db_path and target
            and target not in (report.next_level, report.best_level)):
        from .db import open_db  # listing shares at a level the report does not hold

        store = open_db(db_path)
        try:
            from skillmatch.planning import plan_career

            career = plan_career(report, target, store=store)
        finally:
            store.close()
    else:
        career = career_plan(report, target)
    return render_template("plan/plan.html", report=report, plan=career)
