"""Draft a level-accurate job description: Markdown plus a schema.org JobPosting (JSON-LD).

Everything a draft states comes from the data files: the level's theme, responsibilities, what it owns
and does not own yet, its years range and pay band from ``ladder.yaml``; the skills it expects, by tier,
from ``taxonomy.yaml``; and the wording that makes each level read as itself (verb sets, section intros)
from ``jd_phrasing.yaml``. Only the level's own statements are used, never the level above's, so a draft
reads as the level it names.

Skills in a draft:

* a tier is in scope from its level: foundational always, technical from manager, strategic from
  director;
* a core skill of a tier in scope is listed when the taxonomy expects it at or below the level. It is
  *required* when its weight is 1.0 or it is expected from a lower level, otherwise *nice to have*;
* a narrower skill is listed only at the level that first expects it: required at weight 1.0, nice to
  have otherwise (at most ``NICE_MAX`` of those, the level's focus pillars first);
* a skill of a tier not in scope yet is left out, even when the taxonomy says a level this low may
  show it (the Salesforce Administrator certification for an analyst);
* ``skills=`` adds skill ids as required.

Cheap to import: no spaCy, no torch."""

from __future__ import annotations

import datetime
import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import DataError, InputError
from ..read.pay import Pay, parse_pay
from ..taxonomy import TIERS, Band, DataFile, Ladder, Level, Skill, Taxonomy, load_ladder, load_taxonomy
from .jsonld import _address, _salary_jsonld
from .markdown import markdown_to_html

__all__ = ["NOT_YET_HEADING", "JobDescription", "Phrasing", "draft_jd", "load_phrasing", "markdown_to_html",
           "render_html"]

NICE_MAX = 6
# The heading over what a level does not own yet: text under it names higher-level work on purpose, so a
# reader of the draft (level inference, the lint) should skip that section.
NOT_YET_HEADING = "What this role does not own yet"
VALID_DAYS = 60
DEFAULT_COMPANY = "Your company"
TIER_FROM = {"foundational": 0, "technical": 1, "strategic": 2}  # ladder rank from which a tier is expected
_PHRASING_KEYS = ("verbs", "about", "focus", "do_intro", "owns_intro", "bring_intro", "experience",
                  "nice_intro", "closing", "occupation")
_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}


@dataclass(frozen=True)
class JobDescription:
    """A drafted job description.

    Args:
        level: the ladder level it is written for (analyst | manager | director | vp).
        title: the job title.
        markdown: the full description as Markdown, title first.
        jsonld: a schema.org JobPosting (a JSON-ready dict).
    """

    level: str
    title: str
    markdown: str
    jsonld: dict[str, Any]

    @property
    def description_html(self) -> str:
        """The body of the description (everything under the title) as HTML."""
        return markdown_to_html(_body(self.markdown))

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "title": self.title, "markdown": self.markdown, "jsonld": self.jsonld}


@dataclass(frozen=True)
class LevelPhrasing:
    """The wording of one level's drafts (see ``data/jd_phrasing.yaml``)."""

    verbs: tuple[str, ...]
    about: str
    focus: str
    do_intro: str
    owns_intro: str
    not_yet_intro: str | None
    bring_intro: str
    experience: str
    nice_intro: str
    closing: str
    occupation: str  # "15-2031.00 Operations Research Analysts"


@dataclass(frozen=True)
class Phrasing:
    version: str
    tiers: dict[str, str]
    levels: dict[str, LevelPhrasing]
    skill_notes: dict[str, str]

    def skill_line(self, skill: Skill) -> str:
        """How a skill is listed: its name, and a few words after it when the name says too little."""
        note = self.skill_notes.get(skill.id)
        return f"{skill.name}: {note}" if note else skill.name

    def get(self, level_id: str) -> LevelPhrasing:
        try:
            return self.levels[level_id]
        except KeyError:
            raise DataError(f"skillmatch/data/jd_phrasing.yaml: no wording for level {level_id!r}") from None


@functools.lru_cache(maxsize=1)
def load_phrasing() -> Phrasing:
    """The bundled per-level wording for drafts, validated."""
    reader = DataFile(None, "jd_phrasing.yaml")
    name, raw = reader.name, reader.data
    if not isinstance(raw.get("levels"), dict):
        raise DataError(f"{name}: needs a 'levels' mapping")
    tiers = raw.get("tiers") or {}
    if sorted(tiers) != sorted(TIERS):
        raise DataError(f"{name}: 'tiers' must name {', '.join(TIERS)}")
    levels = {}
    for level_id, item in raw["levels"].items():
        missing = [k for k in _PHRASING_KEYS if not item.get(k)]
        if missing:
            raise DataError(f"{name}: levels[{level_id}]: missing {missing[0]!r}")
        verbs = item["verbs"]
        if not isinstance(verbs, list) or len(verbs) < 2 or not all(isinstance(v, str) for v in verbs):
            raise DataError(f"{name}: levels[{level_id}]: 'verbs' must be a list of at least two strings")
        occupation = item["occupation"]
        code = str(occupation.get("code")) if isinstance(occupation, dict) else ""
        if not re.fullmatch(r"\d{2}-\d{4}\.\d{2}", code) or not occupation.get("title"):
            raise DataError(f"{name}: levels[{level_id}]: 'occupation' needs an O*NET-SOC code and title")
        levels[str(level_id)] = LevelPhrasing(
            verbs=tuple(verbs),
            about=_oneline(item["about"]),
            focus=_oneline(item["focus"]),
            do_intro=_oneline(item["do_intro"]),
            owns_intro=_oneline(item["owns_intro"]),
            not_yet_intro=_oneline(item["not_yet_intro"]) if item.get("not_yet_intro") else None,
            bring_intro=_oneline(item["bring_intro"]),
            experience=_oneline(item["experience"]),
            nice_intro=_oneline(item["nice_intro"]),
            closing=_oneline(item["closing"]),
            occupation=f"{occupation['code']} {occupation['title']}",
        )
    notes = raw.get("skill_notes") or {}
    if not isinstance(notes, dict) or not all(isinstance(v, str) and v.strip() for v in notes.values()):
        raise DataError(f"{name}: 'skill_notes' must map skill ids to non-empty text")
    return Phrasing(str(raw["version"]), {str(k): str(v) for k, v in tiers.items()}, levels,
                    {str(k): _oneline(v) for k, v in notes.items()})


def _lower_first(text: str) -> str:
    """ "Data accuracy" -> "data accuracy", but "GTM architecture" stays as it is."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _oneline(text: Any) -> str:
    return " ".join(str(text).split())


@dataclass(frozen=True)
class _SkillPlan:
    required: tuple[Skill, ...]
    nice: tuple[Skill, ...]


def _plan_skills(level: Level, ladder: Ladder, taxonomy: Taxonomy, extra: Sequence[str]) -> _SkillPlan:
    rank = level.rank
    ranks = {lvl.id: lvl.rank for lvl in ladder.levels}
    focus = set(level.focus_pillars)
    required: list[Skill] = []
    nice_core: list[Skill] = []
    nice_sub: list[Skill] = []
    for skill in taxonomy:
        from_rank = ranks.get(skill.expected_from, len(ranks))
        if from_rank > rank:
            continue
        if TIER_FROM[skill.tier] > rank:
            continue  # its tier is not expected at this level yet
        if skill.parent is None:
            if skill.weight >= 1.0 or from_rank < rank:
                required.append(skill)
            else:
                nice_core.append(skill)
        elif from_rank == rank:
            (required if skill.weight >= 1.0 else nice_sub).append(skill)
    nice_sub.sort(key=lambda s: (-s.weight, s.pillar not in focus))
    nice = (nice_core + nice_sub)[:max(NICE_MAX, len(nice_core))]
    for skill_id in extra:
        wanted = taxonomy.get(skill_id)
        assert wanted is not None  # validated by the caller
        if wanted not in required:
            required.append(wanted)
    nice = [s for s in nice if s not in required]
    return _SkillPlan(tuple(required), tuple(nice))


def _years_text(level: Level) -> str:
    lo = f"{level.years_min:g}"
    return f"{lo}+ years" if level.years_max is None else f"{lo}–{level.years_max:g} years"


def _coerce_pay(pay: Pay | tuple[int, int] | str | None, level: Level) -> Pay:
    band = level.band
    if pay is None:
        return Pay(float(band.min), float(band.max), band.currency, "year", "base", "")
    if isinstance(pay, Pay):
        if pay.min is None and pay.max is None:
            raise InputError("pay has neither a minimum nor a maximum")
        if pay.min is not None and pay.max is not None and pay.min > pay.max:
            raise InputError(f"pay minimum {pay.min:g} is above its maximum {pay.max:g}")
        return pay
    if isinstance(pay, str):
        found = parse_pay(pay)
        if found is None:
            raise InputError(f"no pay range found in {pay!r}; write it like \"$95,000-$135,000 per year\"")
        return found
    if isinstance(pay, tuple) and len(pay) == 2:
        lo, hi = pay
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lo, hi))
        if not numbers or lo <= 0 or hi < lo:
            raise InputError(f"pay must be (min, max) with 0 < min <= max, got {pay!r}")
        return Pay(float(lo), float(hi), band.currency, "year", "base", "")
    raise InputError(f"pay must be a Pay, a (min, max) tuple or a string, got {type(pay).__name__}")


def _bonus_text(band: Band) -> str:
    return f"{band.bonus_min_pct:g}–{band.bonus_max_pct:g}%"


def _money(value: float, currency: str) -> str:
    number = f"{value:,.2f}" if value != int(value) else f"{int(value):,}"
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{number} {currency}"


def _pay_text(pay: Pay) -> str:
    per = f"per {pay.period}"
    if pay.min is not None and pay.max is not None:
        amount = _money(pay.min, pay.currency) if pay.min == pay.max else (
            f"{_money(pay.min, pay.currency)}–{_money(pay.max, pay.currency)}")
    elif pay.min is not None:
        amount = f"from {_money(pay.min, pay.currency)}"
    else:
        assert pay.max is not None
        amount = f"up to {_money(pay.max, pay.currency)}"
    label = "On-target earnings" if pay.kind == "ote" else "Base salary"
    return f"{label}: {amount} {per}"


def _pillar_names(level: Level, ladder: Ladder) -> str:
    names = [ladder.pillar(p).name for p in level.focus_pillars]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _markdown(level: Level, ladder: Ladder, phrasing: Phrasing, *, title: str, company: str, where: str,
              plan: _SkillPlan, pay: Pay) -> str:
    words = phrasing.get(level.id)
    fill = {"company": company, "title": title, "verbs": words.verbs, "theme": _lower_first(level.theme),
            "pillars": _pillar_names(level, ladder), "years": _years_text(level)}
    about = words.about.format(**fill) + " " + words.focus.format(**fill)
    out = [f"# {title}", "", f"**{company}** · {where} · Full-time", "", "## About the role", "", about, "",
           words.closing.format(**fill), "", "## What you will do", "", words.do_intro.format(**fill), ""]
    out += [f"- {r}" for r in level.responsibilities]
    out += ["", "## What you will own", "", words.owns_intro.format(**fill), "", level.owns, ""]
    if level.not_yet and words.not_yet_intro:
        out += [f"## {NOT_YET_HEADING}", "", words.not_yet_intro.format(**fill), ""]
        out += [f"- {item}" for item in level.not_yet]
        out.append("")
    out += ["## What you bring", "", words.bring_intro.format(**fill), "",
            f"- {words.experience.format(**fill)}.", ""]
    for tier in TIERS:
        lines = [phrasing.skill_line(s) for s in plan.required if s.tier == tier]
        if lines:
            out += [f"### {phrasing.tiers[tier]}", ""] + [f"- {line}" for line in lines] + [""]
    if plan.nice:
        out += ["## Nice to have", "", words.nice_intro.format(**fill), ""]
        out += [f"- {phrasing.skill_line(s)}" for s in plan.nice] + [""]
    band = level.band
    out += ["## Pay", "", f"- {_pay_text(pay)}.",
            f"- Annual bonus: {_bonus_text(band)} of base salary.", ""]
    return "\n".join(out)


def _body(markdown: str) -> str:
    lines = markdown.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines).strip() + "\n"


def render_html(jd: JobDescription) -> str:
    """A self-contained HTML page: the description, with its JobPosting in a JSON-LD script block.

    Args:
        jd: a draft from :func:`draft_jd`.
    """
    import json

    data = json.dumps(jd.jsonld, indent=2, ensure_ascii=False)
    # inside <script> nothing may close the element: escape the characters HTML reads there
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    title = html.escape(jd.title)
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{title}</title>\n"
        f"<script type=\"application/ld+json\">\n{data}\n</script>\n"
        "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.5;color:#1d1d1f}h2{margin-top:2rem}</style>\n"
        f"</head>\n<body>\n<main>\n<h1>{title}</h1>\n{jd.description_html}\n</main>\n</body>\n</html>\n"
    )


def draft_jd(
    level: str,
    *,
    title: str | None = None,
    company: str | None = None,
    location: str | None = None,
    remote: bool = False,
    pay: Pay | tuple[int, int] | str | None = None,
    skills: Sequence[str] | None = None,
    date_posted: datetime.date | None = None,
    ladder: Ladder | None = None,
    taxonomy: Taxonomy | None = None,
) -> JobDescription:
    """Draft a job description that reads as ``level``: Markdown plus a schema.org JobPosting.

    Args:
        level: a ladder level id (analyst, manager, director, vp); case is ignored.
        title: the job title; the level's name in the ladder when None.
        company: the hiring organization; "Your company" when None.
        location: "City, ST" (a U.S. state code), "City, Country" or "City, Region, Country".
        remote: the job can be done from anywhere in the United States.
        pay: the pay to state instead of the level's band: a :class:`Pay`, a ``(min, max)`` yearly
            base in the ladder's currency, or text such as "$100K-$120K".
        skills: extra skill ids to require, on top of what the level expects.
        date_posted: the posting date; today when None. The posting is valid for 60 days.
        ladder: the ladder to use; the bundled one when None.
        taxonomy: the taxonomy to use; the bundled one when None.

    Raises:
        InputError: an unknown level or skill id, an empty title, or pay that cannot be read.
    """
    ladder = ladder or load_ladder()
    taxonomy = taxonomy or load_taxonomy()
    level_id = str(level).strip().lower()
    if level_id not in ladder.ids:
        raise InputError(f"unknown level {level!r}; use one of {', '.join(ladder.ids)}")
    lvl = ladder.get(level_id)
    extra = list(dict.fromkeys(skills or ()))
    unknown = [s for s in extra if taxonomy.get(s) is None]
    if unknown:
        raise InputError(f"unknown skill id {unknown[0]!r}; see `skillmatch taxonomy show`")
    if title is not None and not title.strip():
        raise InputError("the title is empty")
    title = " ".join((title or lvl.name).split())
    company = " ".join((company or DEFAULT_COMPANY).split()) or DEFAULT_COMPANY
    location = " ".join(location.split()) if location else None
    stated_pay = _coerce_pay(pay, lvl)
    posted = date_posted or datetime.date.today()

    phrasing = load_phrasing()
    words = phrasing.get(level_id)
    plan = _plan_skills(lvl, ladder, taxonomy, extra)
    places = [p for p in (location, "Remote (United States)" if remote else None) if p]
    where = " or ".join(places) if places else "United States"
    markdown = _markdown(lvl, ladder, phrasing, title=title, company=company, where=where, plan=plan,
                         pay=stated_pay)

    band = lvl.band
    jsonld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": title,
        "description": markdown_to_html(_body(markdown)),
        "datePosted": posted.isoformat(),
        "validThrough": (posted + datetime.timedelta(days=VALID_DAYS)).isoformat(),
        "employmentType": "FULL_TIME",
        "hiringOrganization": {"@type": "Organization", "name": company},
        "baseSalary": _salary_jsonld(stated_pay),
        "incentiveCompensation": f"Annual bonus of {_bonus_text(band)} of base salary",
        "experienceRequirements": {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": int(round(lvl.years_min * 12)),
        },
        "qualifications": words.experience.format(years=_years_text(lvl)) + ".",
        "responsibilities": " ".join(lvl.responsibilities),
        "skills": [s.name for s in plan.required],
        "occupationalCategory": words.occupation,
    }
    if location:
        jsonld["jobLocation"] = {"@type": "Place", "address": _address(location)}
    elif not remote:  # Google needs a place for an on-site job: the country the band is for
        country = {"@type": "PostalAddress", "addressCountry": "US"}
        jsonld["jobLocation"] = {"@type": "Place", "address": country}
    if remote:
        jsonld["jobLocationType"] = "TELECOMMUTE"
        jsonld["applicantLocationRequirements"] = {"@type": "Country", "name": "USA"}
    return JobDescription(level=level_id, title=title, markdown=markdown, jsonld=jsonld)
