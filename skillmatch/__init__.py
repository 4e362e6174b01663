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
    "read_document": "read.document", "document_from_text": "read.document", "Document": "read.document",
    "extract_skills": "extract.mentions", "SkillMention": "extract.mentions",
    "analyze_resume": "analyze", "Report": "report.model",
    "infer_level": "level.infer", "LevelEstimate": "level.infer", "strip_level_words": "level.infer",
    "parse_pay": "read.pay", "parse_years": "read.pay", "Pay": "read.pay", "Years": "read.pay",
    "parse_listing": "read.listing", "parse_listings": "read.listing", "Listing": "read.listing",
    "draft_jd": "jd.draft", "JobDescription": "jd.draft",
    "lint_jd": "jd.lint", "JDLint": "jd.lint", "Finding": "jd.lint", "LineLevel": "jd.lint",
    "score_listing": "listings.score", "ListingScore": "listings.score",
    "plan_career": "planning", "CareerPlan": "planning",
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
    from .extract.mentions import SkillMention, extract_skills
    from .jd.draft import JobDescription, draft_jd
    from .jd.lint import Finding, JDLint, LineLevel, lint_jd
    from .level.infer import LevelEstimate, infer_level, strip_level_words
    from .listings.score import ListingScore, score_listing
    from .planning import CareerPlan, plan_career
    from .read.document import Document, document_from_text, read_document
    from .read.listing import Listing, parse_listing, parse_listings
    from .read.pay import Pay, Years, parse_pay, parse_years
    from .report.model import Report
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
