"""Old import path of :mod:`skillmatch.planning` (from gaps to a career plan)."""

# shim: removed when the layout lands (issue 17)
from .planning import (
    DIMENSIONS,
    MAX_GAPS,
    STEP_KINDS,
    TIER_BONUS,
    CareerPlan,
    DemandSource,
    FitCheck,
    PlanData,
    PlanGap,
    Rewrite,
    Step,
    Wording,
    load_plans,
    plan_career,
    plan_to_html,
    plan_to_markdown,
    plan_to_text,
    tool_names,
)

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
