"""skillmatch: where a person stands on the sales-operations career ladder.

The public API is imported lazily (PEP 562), so ``import skillmatch`` and ``skillmatch --help``
do not load spaCy or torch.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import DataError, InputError, ModelError, SkillmatchError

__version__ = "0.1.0"

_LAZY = {
    "load_taxonomy": "taxonomy", "load_ladder": "taxonomy", "load_backgrounds": "taxonomy",
    "Taxonomy": "taxonomy", "Skill": "taxonomy", "Ladder": "taxonomy", "Level": "taxonomy",
    "Background": "taxonomy",
    "read_document": "documents", "document_from_text": "documents", "Document": "documents",
    "extract_skills": "extract", "SkillMention": "extract",
    "analyze_resume": "analyze", "Report": "report",
    "infer_level": "ladder", "LevelEstimate": "ladder", "strip_level_words": "ladder",
    "parse_pay": "pay", "parse_years": "pay", "Pay": "pay", "Years": "pay",
    "parse_listing": "listings", "parse_listings": "listings", "Listing": "listings",
    "draft_jd": "jd", "JobDescription": "jd",
    "lint_jd": "jd_lint", "JDLint": "jd_lint", "Finding": "jd_lint", "LineLevel": "jd_lint",
    "score_listing": "score", "ListingScore": "score",
    "plan_career": "plan", "CareerPlan": "plan",
}

__all__ = [
    "SkillmatchError", "InputError", "DataError", "ModelError", "__version__",
    "load_taxonomy", "load_ladder", "load_backgrounds", "Taxonomy", "Skill", "Ladder", "Level", "Background",
    "read_document", "document_from_text", "Document", "extract_skills", "SkillMention",
    "analyze_resume", "Report", "infer_level", "LevelEstimate", "strip_level_words",
    "parse_pay", "parse_years", "Pay", "Years", "parse_listing", "parse_listings", "Listing",
    "draft_jd", "JobDescription", "lint_jd", "JDLint", "Finding", "LineLevel", "score_listing", "ListingScore",
    "plan_career", "CareerPlan",
]

if TYPE_CHECKING:
    from .analyze import analyze_resume
    from .documents import Document, document_from_text, read_document
    from .extract import SkillMention, extract_skills
    from .jd import JobDescription, draft_jd
    from .jd_lint import Finding, JDLint, LineLevel, lint_jd
    from .ladder import LevelEstimate, infer_level, strip_level_words
    from .listings import Listing, parse_listing, parse_listings
    from .pay import Pay, Years, parse_pay, parse_years
    from .plan import CareerPlan, plan_career
    from .report import Report
    from .score import ListingScore, score_listing
    from .taxonomy import (
        Background,
        Ladder,
        Level,
        Skill,
        Taxonomy,
        load_backgrounds,
        load_ladder,
        load_taxonomy,
    )


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'skillmatch' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
