"""From gaps to a plan: what to do next toward a target level, and resume lines read at that level.

:func:`plan_career` turns a :class:`~skillmatch.report.model.Report` into a :class:`CareerPlan`:

* **gaps**: the skills the target level expects that the resume does not show, the detected background's
  typical gaps first, each with why the level needs it (the ladder's scope and what the level truly owns),
  two or three example bullets at the target level (built from the taxonomy's evidence statements; they
  are examples, not facts about the person), steps with a rough effort (``data/plans.yaml``) and, with a
  listings database, the share of stored listings at the target level that ask for it;
* **rewrites**: each resume line that shows a skill and reads below the target level (the line-level
  seniority reading of :mod:`skillmatch.level.lines`), with the target level's wording asked as a question.
  A rewrite keeps the line's own words (numbers, tools, objects) and changes only its agency (the verb),
  reach (how far the object goes) or audience (who it was for), and says which;
* **fit_checks**: questions from the transitions guide a career switcher answers for themselves.

The steps, the wording per level and the fit checks live in ``data/plans.yaml`` (versioned, validated
like the taxonomy: a bad file raises :class:`~skillmatch.errors.DataError` naming the file and the entry).
"""

from __future__ import annotations

from .career import plan_career
from .data import PlanData, Wording, load_plans
from .gaps import DemandSource
from .model import DIMENSIONS, MAX_GAPS, STEP_KINDS, TIER_BONUS, CareerPlan, FitCheck, PlanGap, Rewrite, Step
from .render import plan_to_html, plan_to_markdown, plan_to_text
from .rewrite import tool_names

__all__ = [
    "DIMENSIONS",
    "MAX_GAPS",
    "STEP_KINDS",
    "TIER_BONUS",
    "CareerPlan",
    "DemandSource",
    "FitCheck",
    "PlanData",
    "PlanGap",
    "Rewrite",
    "Step",
    "Wording",
    "load_plans",
    "plan_career",
    "plan_to_html",
    "plan_to_markdown",
    "plan_to_text",
    "tool_names",
]
