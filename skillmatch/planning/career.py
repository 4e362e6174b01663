"""plan_career: a Report and a target level in, a CareerPlan out."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..errors import InputError
from ..taxonomy import load_ladder, load_taxonomy
from .data import load_plans
from .gaps import DemandSource, _gaps
from .model import MAX_GAPS, CareerPlan
from .rewrite import _rewrites

if TYPE_CHECKING:
    from ..report.model import Report


# ------------------------------------------------------------------------------------------ entry point


def plan_career(
    report: Report,
    target: str | None = None,
    *,
    store: DemandSource | None = None,
    plans_path: str | os.PathLike[str] | None = None,
    taxonomy_path: str | os.PathLike[str] | None = None,
    ladder_path: str | os.PathLike[str] | None = None,
    max_gaps: int = MAX_GAPS,
) -> CareerPlan:
    """A plan toward ``target`` (by default the level above the one the resume reads as).

    Args:
        report: what :func:`skillmatch.analyze_resume` returned.
        target: ``analyst``, ``manager``, ``director`` or ``vp``; None for the next level (the top level
            stays the target at the top).
        store: a listings database: each gap gets the share of stored listings at the target level asking
            for it. Without one, the shares the report already holds for that level are used, if any.
        plans_path: a plans file of your own (the bundled ``plans.yaml`` when None).
        taxonomy_path: the taxonomy the report was made with.
        ladder_path: the ladder the report was made with.
        max_gaps: most gaps in the plan.

    Raises:
        InputError: ``target`` is not a level id, or the report has no level estimate (too little evidence).
        DataError: a data file does not validate.
    """
    if report.estimate is None:  # too little evidence: the report gives no level, so nothing to plan from
        raise InputError(f"no plan: {report.evidence_note or 'the resume gives no level estimate'}")
    taxonomy = load_taxonomy(taxonomy_path)
    ladder = load_ladder(ladder_path)
    plans = load_plans(plans_path, taxonomy_path)
    if target is None:
        target = report.next_level or report.best_level or ladder.ids[1]
    target = target.strip().lower()
    if target not in ladder.ids:
        raise InputError(f"unknown target level {target!r}: use one of {', '.join(ladder.ids)}")
    bg = report.background
    return CareerPlan(
        target=target, current=report.best_level, background=bg.name if bg else None,
        gaps=_gaps(report, target, taxonomy, ladder, plans, store, max_gaps),
        rewrites=_rewrites(report, target, plans),
        fit_checks=plans.fit_checks if bg is not None else (),
        version=plans.version,
    )
