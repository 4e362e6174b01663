"""``/listings``: browse stored listings (full-text search, job family, level, pay and skill filters);
``/listings/<id>``: one listing's parsed facts, level score, skills and its text, sanitized (nh3).

The web UI only reads listings that ``skillmatch listings import`` or ``scrape`` stored: it never
fetches a page itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, render_template, request, url_for

from .db import get_db
from .present import _taxonomy, level_ids

bp = Blueprint("listings", __name__, url_prefix="/listings")

PAGE_SIZE = 20
MAX_QUERY = 200


@dataclass(frozen=True)
class Filters:
    """The search: every field optional."""

    q: str | None = None
    level: str | None = None
    min_pay: int | None = None
    skill: str | None = None
    family: str | None = None

    def to_kwargs(self) -> dict[str, Any]:
        return {"q": self.q, "level": self.level, "min_pay": self.min_pay, "skill": self.skill, "family": self.family}

    def to_args(self) -> dict[str, str]:
        """The filters as query arguments (for links to other pages of results)."""
        return {k: str(v) for k, v in self.to_kwargs().items() if v not in (None, "")}


def parse_filters(args: Mapping[str, str]) -> tuple[Filters, list[str]]:
    """Filters from query arguments, and a message for each argument that was ignored.

    Args:
        args: ``q`` (full-text search), ``level`` (a level id), ``min_pay`` (yearly pay in dollars:
            "90000", "90,000", "$90K"), ``skill`` (a skill id), ``family`` (a job family id of
            :mod:`skillmatch.listings.relevance`, "other", or "sales_ops_all" for every sales-ops family).
    """
    problems: list[str] = []
    q = " ".join((args.get("q") or "").split())[:MAX_QUERY] or None
    level = (args.get("level") or "").strip().lower() or None
    if level is not None and level not in level_ids():
        problems.append(f"Unknown level {level!r}; showing every level.")
        level = None
    min_pay = None
    raw_pay = (args.get("min_pay") or "").strip()
    if raw_pay:
        m = re.fullmatch(r"\$?\s*(\d[\d,]*(?:\.\d+)?)\s*([kK])?", raw_pay)
        if m:
            value = float(m.group(1).replace(",", "")) * (1000 if m.group(2) else 1)
            min_pay = int(value) if value < 10_000_000 else None
        if min_pay is None:
            problems.append("Minimum pay must be a yearly amount such as 90000 or $90K; it was ignored.")
    skill = (args.get("skill") or "").strip() or None
    if skill is not None and _taxonomy().get(skill) is None:
        problems.append(f"Unknown skill {skill!r}; showing every skill.")
        skill = None
    family = (args.get("family") or "").strip().lower() or None
    if family is not None and family not in dict(family_choices()):
        problems.append(f"Unknown job family {family!r}; showing every family.")
        family = None
    return Filters(q, level, min_pay, skill, family), problems


def family_choices() -> list[tuple[str, str]]:
    """(value, label) of the family filter: every sales-ops family together, each one, and the rest."""
    from skillmatch.listings.relevance import OTHER, default_rules

    rules = default_rules()
    return [("sales_ops_all", "Sales ops (every family)"), *((f.id, f.name) for f in rules.families),
            (OTHER, rules.name(OTHER))]


def _int_arg(name: str, default: int, lo: int, hi: int) -> int:
    try:
        value = int(request.args.get(name, default))
    except ValueError:
        return default
    return min(max(value, lo), hi)


@bp.get("")
def index() -> str:
    """Search and browse the stored listings."""
    filters, problems = parse_filters(request.args)
    page = _int_arg("page", 1, 1, 10_000)
    store = get_db()
    skills = [(s.id, s.name) for s in _taxonomy()]
    if store is None:
        return render_template("listings/index.html", filters=filters, problems=problems, store=False, results=[],
                               total=0, page=1, pages=1, skills=skills, page_url=None, families=family_choices())
    total = store.count(**filters.to_kwargs())
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    results = store.search(**filters.to_kwargs(), limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)

    def page_url(n: int) -> str:
        args: dict[str, Any] = {**filters.to_args(), "page": n}
        return url_for("listings.index", **args)

    return render_template("listings/index.html", filters=filters, problems=problems, store=True, results=results,
                           total=total, page=page, pages=pages, skills=skills, page_url=page_url,
                           families=family_choices())


@bp.get("/<listing_id>")
def detail(listing_id: str) -> str:
    """One listing: facts, level score, skills with evidence, and its text (sanitized HTML or plain text)."""
    store = get_db()
    if store is None or len(listing_id) > 200:
        abort(404)
    listing = store.get(listing_id)
    if listing is None:
        abort(404)
    return render_template("listings/detail.html", listing=listing)
