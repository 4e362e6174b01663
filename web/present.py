"""Small helpers the templates use: names for ids, money, sanitized listing HTML, download links.

Registered on the app as Jinja filters and globals by :func:`init_app`.
"""

from __future__ import annotations

import base64
import functools
import re
from typing import Any

import nh3
from flask import Flask
from markupsafe import Markup

__all__ = ["LISTING_TAGS", "clean_line", "data_uri", "http_url", "init_app", "level_name", "money", "pay_range",
           "pillar_name", "sanitize_listing_html", "skill_name"]

LISTING_TAGS = frozenset({
    "p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "a", "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "hr", "span", "div", "dl", "dt", "dd",
    "small", "sub", "sup",
})
"""Tags kept in a listing's description; everything else (script, style, img, iframe, form ...) goes."""


@functools.lru_cache(maxsize=1)
def _ladder() -> Any:
    from skillmatch.taxonomy import load_ladder

    return load_ladder()


@functools.lru_cache(maxsize=1)
def _taxonomy() -> Any:
    from skillmatch.taxonomy import load_taxonomy

    return load_taxonomy()


def level_ids() -> tuple[str, ...]:
    """The ladder's level ids, bottom to top."""
    return tuple(_ladder().ids)


def level_name(level_id: str | None) -> str:
    """"Sales Operations Manager" for "manager"; the id itself when the ladder does not know it."""
    if not level_id:
        return "unknown"
    try:
        return str(_ladder().get(level_id).name)
    except KeyError:
        return level_id


def level_short(level_id: str) -> str:
    """"Manager" for "manager", "VP" for "vp": the level without the function's words."""
    return level_id.upper() if len(level_id) <= 2 else level_id.capitalize()


def pillar_name(pillar_id: str) -> str:
    """The pillar's name ("Data & Analytics") for its id."""
    try:
        return str(_ladder().pillar(pillar_id).name)
    except KeyError:
        return pillar_id


def skill_name(skill_id: str) -> str:
    """The skill's name for its id."""
    skill = _taxonomy().get(skill_id)
    return str(skill.name) if skill is not None else skill_id


def skills_by_tier() -> list[tuple[str, list[tuple[str, str]]]]:
    """``(tier, [(skill id, name), ...])`` for every tier in the taxonomy, in taxonomy order."""
    out: dict[str, list[tuple[str, str]]] = {}
    for s in _taxonomy():
        out.setdefault(s.tier, []).append((s.id, s.name))
    return list(out.items())


def money(amount: float | None, currency: str | None = "USD") -> str:
    """``$95,000`` (other currencies as ``EUR 95,000``); an em dash for None."""
    if amount is None:
        return "—"
    if currency in (None, "USD"):
        return f"${amount:,.0f}"
    return f"{currency} {amount:,.0f}"


def pay_range(low: float | None, high: float | None, currency: str | None = "USD") -> str:
    """``$95,000–$135,000``, ``from $95,000``, ``up to $135,000`` or "not stated"."""
    if low is None and high is None:
        return "not stated"
    if low is not None and high is not None:
        return money(low, currency) if low == high else f"{money(low, currency)}–{money(high, currency)}"
    if low is not None:
        return f"from {money(low, currency)}"
    return f"up to {money(high, currency)}"


def sanitize_listing_html(markup: str | None) -> Markup:
    """A listing's description HTML made safe to show: only text-formatting tags, links with http(s) or
    mailto targets, no attributes but ``href``, and script/style removed with their content.

    Args:
        markup: the HTML as stored (untrusted: it came from a job board).
    """
    if not markup:
        return Markup("")
    cleaned = nh3.clean(
        markup,
        tags=set(LISTING_TAGS),
        clean_content_tags={"script", "style", "template", "noscript", "title"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return Markup(cleaned)  # nh3 output is safe by construction


def data_uri(content: str, mimetype: str) -> str:
    """A ``data:`` URL holding ``content`` (UTF-8, base64): a download that keeps nothing on the server."""
    encoded = base64.b64encode(content.encode("utf-8")).decode("ascii")
    return f"data:{mimetype};charset=utf-8;base64,{encoded}"


def http_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (a stored ``javascript:`` URL is never a link)."""
    if not url:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


_BULLET = re.compile(r"^[*\-•·–▪◦]\s+")


def clean_line(text: str) -> str:
    """A line as shown: stripped, without its bullet marker."""
    return _BULLET.sub("", text.strip())


SOURCES = {"jsonld": "schema.org JobPosting", "greenhouse": "Greenhouse", "lever": "Lever", "ashby": "Ashby",
           "html": "the page's text"}


def source_name(source: str | None) -> str:
    """Where a listing was read from, in words ("Greenhouse", "schema.org JobPosting")."""
    return SOURCES.get(source or "", source or "unknown")


def percent(value: float | None) -> str:
    """``57%``; an em dash for None."""
    return "—" if value is None else f"{value:.0%}"


def init_app(app: Flask) -> None:
    """Make the helpers available in every template."""
    app.jinja_env.filters.update(level_name=level_name, pillar_name=pillar_name, skill_name=skill_name,
                                 money=money, percent=percent, sanitize=sanitize_listing_html,
                                 http_url=http_url, clean_line=clean_line,
                                 source_name=source_name, level_short=level_short)
    app.jinja_env.globals.update(level_ids=level_ids, level_name=level_name, pay_range=pay_range)
