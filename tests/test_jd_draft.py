"""Job-description drafts: level-accurate Markdown and a schema.org JobPosting, from library and CLI."""

from __future__ import annotations

import csv
import datetime
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from skillmatch.cli.jd import jd
from skillmatch.errors import InputError
from skillmatch.jd.draft import (
    NOT_YET_HEADING,
    JobDescription,
    draft_jd,
    load_phrasing,
    markdown_to_html,
    render_html,
)
from skillmatch.read.pay import Pay, parse_pay, parse_years
from skillmatch.taxonomy import LEVEL_IDS, load_ladder, load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
ONET = ROOT.parent / "shared" / "data" / "onet" / "occupations.csv"
LADDER = load_ladder()
TAXONOMY = load_taxonomy()
TIER_FROM = {"foundational": 0, "technical": 1, "strategic": 2}
SECTIONS = ("## About the role", "## What you will do", "## What you will own", "## What you bring", "## Pay")


def section(markdown: str, heading: str) -> str:
    """The text under a ``## heading``, up to the next ``## `` heading."""
    m = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    return m.group(1) if m else ""


def bullets(text: str) -> list[str]:
    return [line[2:] for line in text.splitlines() if line.startswith("- ")]


def skill_bullet_names(text: str) -> set[str]:
    """The skill names listed as bullets ("- Name" or "- Name: note"), leaving out the years line."""
    return {b.split(": ")[0] for b in bullets(text) if not re.match(r"\d", b)}


def core_names(tier: str) -> set[str]:
    return {s.name for s in TAXONOMY.core() if s.tier == tier}


# --------------------------------------------------------------------------------------------------
# A checker for what Google for Jobs requires and recommends (plus what the brief asks for)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SOC = re.compile(r"^(\d{2}-\d{4}\.\d{2}) (.+)$")


def job_posting_problems(d: dict[str, Any]) -> list[str]:
    """Every way ``d`` falls short of a schema.org JobPosting that Google can index."""
    problems: list[str] = []

    def need(cond: bool, what: str) -> None:
        if not cond:
            problems.append(what)

    def typed(value: Any, type_name: str) -> bool:
        return isinstance(value, dict) and value.get("@type") == type_name

    need(d.get("@context") == "https://schema.org", "@context")
    need(d.get("@type") == "JobPosting", "@type")
    for key in ("title", "description", "employmentType", "occupationalCategory"):
        need(isinstance(d.get(key), str) and bool(d[key].strip()), f"{key} must be non-empty text")
    need("<h2>" in str(d.get("description")) and "<li>" in str(d.get("description")), "description HTML")
    need(d.get("employmentType") == "FULL_TIME", "employmentType")
    dates = {}
    for key in ("datePosted", "validThrough"):
        value = d.get(key)
        if isinstance(value, str) and _ISO_DATE.match(value):
            dates[key] = datetime.date.fromisoformat(value)
        else:
            problems.append(f"{key} must be an ISO date")
    if len(dates) == 2:
        need(dates["validThrough"] > dates["datePosted"], "validThrough after datePosted")
    org: Any = d.get("hiringOrganization")
    need(typed(org, "Organization") and isinstance(org.get("name"), str) and bool(org["name"]),
         "hiringOrganization")
    remote = d.get("jobLocationType") == "TELECOMMUTE"
    if "jobLocation" in d:
        place: Any = d["jobLocation"]
        need(typed(place, "Place") and typed(place.get("address"), "PostalAddress")
             and bool(place["address"].get("addressCountry")), "jobLocation Place/PostalAddress/country")
    else:
        need(remote, "jobLocation or jobLocationType TELECOMMUTE")
    if remote:
        req: Any = d.get("applicantLocationRequirements")
        need(typed(req, "Country") and bool(req.get("name")), "applicantLocationRequirements Country")
    salary = d.get("baseSalary")
    need(typed(salary, "MonetaryAmount"), "baseSalary MonetaryAmount")
    if isinstance(salary, dict):
        need(isinstance(salary.get("currency"), str) and len(salary["currency"]) == 3, "baseSalary currency")
        value = salary.get("value")
        need(typed(value, "QuantitativeValue"), "baseSalary value QuantitativeValue")
        if isinstance(value, dict):
            need(value.get("unitText") in ("HOUR", "DAY", "WEEK", "MONTH", "YEAR"), "unitText")
            lo, hi = value.get("minValue"), value.get("maxValue")
            if lo is None and hi is None:
                need(isinstance(value.get("value"), int | float), "a salary value")
            else:
                need(isinstance(lo, int | float) and isinstance(hi, int | float) and 0 < lo <= hi,
                     "minValue <= maxValue")
    exp: Any = d.get("experienceRequirements")
    need(typed(exp, "OccupationalExperienceRequirements") and isinstance(exp.get("monthsOfExperience"), int)
         and exp["monthsOfExperience"] >= 0, "experienceRequirements monthsOfExperience")
    skills = d.get("skills")
    listed = isinstance(skills, list) and bool(skills) and all(isinstance(s, str) and s for s in skills)
    need((isinstance(skills, str) and bool(skills)) or listed, "skills")
    need(bool(_SOC.match(str(d.get("occupationalCategory")))), "occupationalCategory is an O*NET-SOC code")
    try:
        json.loads(json.dumps(d))
    except (TypeError, ValueError):
        problems.append("not JSON-serializable")
    return problems


# --------------------------------------------------------------------------------------------------
# Markdown: sections, years, pay, scope


@pytest.mark.parametrize("level", LEVEL_IDS)
def test_each_level_drafts_with_its_sections(level):
    result = draft_jd(level, date_posted=datetime.date(2026, 6, 1))
    lvl = LADDER.get(level)
    assert isinstance(result, JobDescription)
    assert result.level == level and result.title == lvl.name
    assert result.markdown.startswith(f"# {lvl.name}\n")
    for heading in SECTIONS:
        assert heading in result.markdown, heading
    assert (f"## {NOT_YET_HEADING}" in result.markdown) == (level != "vp")
    for item in lvl.not_yet:
        assert item in bullets(section(result.markdown, NOT_YET_HEADING))
    assert bullets(section(result.markdown, "What you will do")) == list(lvl.responsibilities)
    assert lvl.owns in section(result.markdown, "What you will own")
    assert set(result.to_dict()) == {"level", "title", "markdown", "jsonld"}
    json.dumps(result.to_dict())


@pytest.mark.parametrize("level", LEVEL_IDS)
def test_years_and_band_in_the_markdown_match_the_ladder(level):
    lvl = LADDER.get(level)
    markdown = draft_jd(level).markdown
    years = parse_years(markdown)
    assert years is not None and years.min == lvl.years_min and years.max == lvl.years_max
    lo, hi = f"{lvl.years_min:g}", f"{lvl.years_max:g}" if lvl.years_max is not None else None
    assert (f"{lo}–{hi} years" if hi else f"{lo}+ years") in markdown
    pay = parse_pay(markdown)
    assert pay is not None and (pay.min, pay.max, pay.currency, pay.period) == (
        lvl.band.min, lvl.band.max, "USD", "year")
    assert f"${lvl.band.min:,}–${lvl.band.max:,} per year" in section(markdown, "Pay")
    assert f"{lvl.band.bonus_min_pct:g}–{lvl.band.bonus_max_pct:g}%" in section(markdown, "Pay")


@pytest.mark.parametrize("level", LEVEL_IDS)
def test_no_statement_of_a_higher_level_outside_the_not_yet_section(level):
    rank = LADDER.get(level).rank
    markdown = draft_jd(level).markdown
    outside = markdown.replace(section(markdown, NOT_YET_HEADING), "")
    for higher in LADDER.levels[rank + 1:]:
        for statement in (*higher.responsibilities, *higher.scope_statements, higher.owns, higher.theme):
            assert statement not in outside, (level, statement)


def test_an_analyst_draft_never_mentions_the_board():
    result = draft_jd("analyst", company="Acme", remote=True)
    assert not re.search(r"\bboards?\b", result.markdown, re.I)
    assert not re.search(r"\bboards?\b", json.dumps(result.jsonld), re.I)
    # the word is there at the top, so the check above can fail
    assert re.search(r"\bboard\b", draft_jd("vp").markdown)


# --------------------------------------------------------------------------------------------------
# Skills


@pytest.mark.parametrize("level", LEVEL_IDS)
def test_the_tiers_the_level_expects_and_no_others(level):
    rank = LADDER.get(level).rank
    markdown = draft_jd(level).markdown
    listed = skill_bullet_names(section(markdown, "What you bring")) | skill_bullet_names(
        section(markdown, "Nice to have"))
    for tier, from_rank in TIER_FROM.items():
        if rank >= from_rank:
            assert core_names(tier) <= listed, (level, tier, core_names(tier) - listed)
        else:
            assert not core_names(tier) & listed, (level, tier)
    for name in listed:
        skill = next(s for s in TAXONOMY if s.name == name)
        assert LADDER.get(skill.expected_from).rank <= rank, (level, name)


def test_a_director_draft_contains_the_strategic_skills():
    required = section(draft_jd("director").markdown, "What you bring")
    assert "### Strategic range" in required
    assert core_names("strategic") <= skill_bullet_names(required)
    assert {"Headcount planning", "Annual sales planning"} <= skill_bullet_names(required)
    assert "Compensation philosophy" not in required  # a VP skill


def test_required_or_nice_to_have_follows_weight_and_expected_from():
    manager = draft_jd("manager").markdown
    director = draft_jd("director").markdown
    # SQL (weight 0.6, expected from manager): nice to have at manager, required once expected below
    assert "SQL" in skill_bullet_names(section(manager, "Nice to have"))
    assert "SQL" not in skill_bullet_names(section(manager, "What you bring"))
    assert "SQL" in skill_bullet_names(section(director, "What you bring"))
    # weight 1.0 at its own level: required
    assert "Territory and quota modeling" in skill_bullet_names(section(manager, "What you bring"))
    assert len(bullets(section(manager, "Nice to have"))) <= 6


def test_extra_skills_are_required_and_validated():
    result = draft_jd("analyst", skills=["sql", "sql", "bi_tools"])
    required = skill_bullet_names(section(result.markdown, "What you bring"))
    assert {"SQL", "BI tools (Tableau, Looker, Power BI)"} <= required
    assert result.jsonld["skills"].count("SQL") == 1
    with pytest.raises(InputError, match="no_such_skill"):
        draft_jd("manager", skills=["sql", "no_such_skill"])


def test_unknown_level_or_empty_title_is_an_input_error():
    with pytest.raises(InputError, match="analyst, manager, director, vp"):
        draft_jd("intern")
    with pytest.raises(InputError):
        draft_jd("manager", title="   ")
    assert draft_jd(" VP ").level == "vp"


# --------------------------------------------------------------------------------------------------
# Phrasing


def test_phrasing_differs_between_levels():
    phrasing = load_phrasing()
    assert set(phrasing.levels) == set(LEVEL_IDS)
    verb_sets = {lvl: set(phrasing.get(lvl).verbs) for lvl in LEVEL_IDS}
    for a in LEVEL_IDS:
        for b in LEVEL_IDS:
            if a < b:
                assert not verb_sets[a] & verb_sets[b], (a, b)
    abouts = {lvl: section(draft_jd(lvl).markdown, "About the role") for lvl in LEVEL_IDS}
    assert len(set(abouts.values())) == len(LEVEL_IDS)
    for lvl in LEVEL_IDS:
        for verb in phrasing.get(lvl).verbs:
            assert verb in abouts[lvl], (lvl, verb)
    assert "build and maintain" in abouts["analyst"] and "support" in abouts["analyst"]
    assert "own and run" in abouts["manager"] and "design" in abouts["manager"]
    assert "architect and own" in abouts["director"] and "set" in abouts["director"]
    assert "define" in abouts["vp"] and "lead the organization" in abouts["vp"]
    assert "own and run" not in abouts["analyst"] and "build and maintain" not in abouts["vp"]


def test_title_and_company_are_used():
    result = draft_jd("manager", title="Revenue Operations Manager", company="Acme Analytics")
    assert result.title == "Revenue Operations Manager" == result.jsonld["title"]
    assert result.markdown.startswith("# Revenue Operations Manager\n")
    assert "**Acme Analytics**" in result.markdown
    assert result.jsonld["hiringOrganization"] == {"@type": "Organization", "name": "Acme Analytics"}
    assert draft_jd("manager").jsonld["hiringOrganization"]["name"] == "Your company"


# --------------------------------------------------------------------------------------------------
# JSON-LD


@pytest.mark.parametrize("level", LEVEL_IDS)
@pytest.mark.parametrize("where", [{}, {"location": "Austin, TX"}, {"remote": True},
                                   {"location": "Denver, CO", "remote": True}])
def test_jsonld_is_a_complete_job_posting(level, where):
    lvl = LADDER.get(level)
    d = draft_jd(level, date_posted=datetime.date(2026, 6, 1), **where).jsonld
    assert job_posting_problems(d) == []
    assert d["datePosted"] == "2026-06-01" and d["validThrough"] == "2026-07-31"
    assert d["baseSalary"]["value"]["minValue"] == lvl.band.min
    assert d["baseSalary"]["value"]["maxValue"] == lvl.band.max
    assert d["baseSalary"]["currency"] == "USD" and d["baseSalary"]["value"]["unitText"] == "YEAR"
    assert d["experienceRequirements"]["monthsOfExperience"] == int(lvl.years_min * 12)
    assert d["description"] == markdown_to_html(draft_jd(level, **where).markdown.split("\n", 1)[1])
    expected = "15-2031.00" if level == "analyst" else "11-2022.00"
    assert d["occupationalCategory"].startswith(expected)


def test_the_checker_finds_what_is_missing():
    good = draft_jd("manager").jsonld
    assert job_posting_problems(good) == []
    bad = {**good, "@type": "Job", "datePosted": "June 1"}
    bad.pop("jobLocation")
    value = {"@type": "QuantitativeValue", "minValue": 9, "maxValue": 5, "unitText": "YEAR"}
    bad["baseSalary"] = {"@type": "MonetaryAmount", "currency": "USD", "value": value}
    problems = job_posting_problems(bad)
    assert {"@type", "datePosted must be an ISO date", "jobLocation or jobLocationType TELECOMMUTE",
            "minValue <= maxValue"} <= set(problems)


def test_occupational_categories_are_real_onet_codes():
    if not ONET.is_file():
        pytest.skip(f"needs {ONET}")
    with ONET.open(encoding="utf-8") as f:
        titles = {row["onet_soc_code"]: row["title"] for row in csv.DictReader(f)}
    for level in LEVEL_IDS:
        m = _SOC.match(draft_jd(level).jsonld["occupationalCategory"])
        assert m is not None and titles.get(m.group(1)) == m.group(2), level


def test_remote_is_telecommute_in_the_usa():
    d = draft_jd("director", remote=True).jsonld
    assert d["jobLocationType"] == "TELECOMMUTE"
    assert d["applicantLocationRequirements"] == {"@type": "Country", "name": "USA"}
    assert "jobLocation" not in d
    assert "Remote (United States)" in draft_jd("director", remote=True).markdown
    onsite = draft_jd("director", location="Austin, TX").jsonld
    assert "jobLocationType" not in onsite and "applicantLocationRequirements" not in onsite
    assert onsite["jobLocation"]["address"] == {"@type": "PostalAddress", "addressLocality": "Austin",
                                                "addressRegion": "TX", "addressCountry": "US"}
    abroad = draft_jd("director", location="Toronto, ON, Canada").jsonld["jobLocation"]["address"]
    assert (abroad["addressLocality"], abroad["addressRegion"], abroad["addressCountry"]) == (
        "Toronto", "ON", "Canada")


def test_a_pay_string_overrides_the_band():
    result = draft_jd("manager", pay="$100K-$120K")
    value = result.jsonld["baseSalary"]["value"]
    assert (value["minValue"], value["maxValue"]) == (100000, 120000)
    assert "$100,000–$120,000 per year" in result.markdown and "$95,000" not in result.markdown
    stated = parse_pay(result.markdown)
    assert stated is not None and (stated.min, stated.max) == (100000, 120000)
    hourly = draft_jd("analyst", pay="$30-$40 per hour")
    assert hourly.jsonld["baseSalary"]["value"]["unitText"] == "HOUR"
    assert "$30–$40 per hour" in hourly.markdown
    assert draft_jd("manager", pay=(101000, 125000)).jsonld["baseSalary"]["value"]["minValue"] == 101000
    pay = Pay(80000, 90000, "EUR", "year", "base", "")
    assert draft_jd("analyst", pay=pay).jsonld["baseSalary"]["currency"] == "EUR"
    assert draft_jd("analyst", pay=Pay(None, 90000, "USD", "year", "base", "")).jsonld[
        "baseSalary"]["value"]["value"] == 90000


@pytest.mark.parametrize("pay", ["competitive salary", (120000, 100000), (0, 5), ("a", "b")])
def test_pay_that_cannot_be_read_is_an_input_error(pay):
    with pytest.raises(InputError):
        draft_jd("manager", pay=pay)


def test_date_posted_defaults_to_today():
    d = draft_jd("analyst").jsonld
    today = datetime.date.today()
    assert d["datePosted"] in (today.isoformat(), (today + datetime.timedelta(days=1)).isoformat())


# --------------------------------------------------------------------------------------------------
# HTML


def test_markdown_to_html_escapes_and_structures():
    out = markdown_to_html("## A & B\n\nText <b>here</b> **bold**\n\n- one\n- <two>\n\n### Sub\n")
    assert out == ("<h2>A &amp; B</h2>\n<p>Text &lt;b&gt;here&lt;/b&gt; <strong>bold</strong></p>\n"
                   "<ul>\n<li>one</li>\n<li>&lt;two&gt;</li>\n</ul>\n<h3>Sub</h3>")


def test_html_page_carries_the_jsonld_and_survives_hostile_input():
    hostile = "</script><script>alert(1)</script>"
    result = draft_jd("manager", title=f"Ops Manager {hostile}", company="<b>Acme & Co</b>")
    page = render_html(result)
    soup = BeautifulSoup(page, "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and scripts[0]["type"] == "application/ld+json"
    assert json.loads(scripts[0].string) == result.jsonld
    assert soup.find("h1").get_text() == result.title
    assert [h.get_text() for h in soup.find_all("h2")][:2] == ["About the role", "What you will do"]
    assert "<b>Acme" not in result.jsonld["description"] and "&lt;b&gt;Acme &amp; Co&lt;/b&gt;" in page


# --------------------------------------------------------------------------------------------------
# Read back with the real models: the level and the skills a draft states are the ones it means


@pytest.mark.slow
@pytest.mark.parametrize("level", [pytest.param("director", marks=pytest.mark.xfail(
    strict=True, reason="known miss: the director draft's board and CFO lines read VP (tests/test_jd_lint.py)"))
    if lvl == "director" else lvl for lvl in LEVEL_IDS])
def test_a_draft_reads_as_its_level_with_its_tier_skills(level):
    from skillmatch.errors import DataError
    from skillmatch.extract.mentions import extract_skills
    from skillmatch.level.infer import infer_level

    markdown = draft_jd(level, company="Acme", remote=True).markdown
    mentions = extract_skills(markdown)
    found = {TAXONOMY.get(m.skill_id).core_id for m in mentions}
    rank = LADDER.get(level).rank
    expected = {s.id for s in TAXONOMY.core() if TIER_FROM[s.tier] <= rank}
    assert expected <= found, expected - found
    try:
        estimate = infer_level(markdown, mentions=mentions)
    except DataError as e:  # the level model is trained by scripts/train_level.py
        pytest.skip(str(e))
    assert estimate.level == level, estimate.probabilities


# --------------------------------------------------------------------------------------------------
# Light import and CLI


def test_drafting_loads_no_model():
    code = ("import sys; from skillmatch.jd.draft import draft_jd; draft_jd('vp'); "
            "print(sorted(m for m in ('torch', 'spacy', 'sentence_transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@click.group()
def _cli() -> None:
    """Stands in for the main group until cli.py registers ``jd``."""


_cli.add_command(jd)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(_cli, ["jd", "draft", *args], catch_exceptions=False)


def test_cli_draft_jsonld():
    result = invoke("--level", "manager", "--format", "jsonld", "--date", "2026-06-01", "--company", "Acme")
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert d["@type"] == "JobPosting" and d["baseSalary"]["@type"] == "MonetaryAmount"
    assert job_posting_problems(d) == [] and d["datePosted"] == "2026-06-01"


def test_cli_draft_markdown_and_html(tmp_path):
    result = invoke("--level", "analyst", "--company", "Acme", "--remote", "--pay", "$60K-$75K",
                    "--skill", "sql")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Sales Operations Analyst\n")
    assert "$60,000–$75,000 per year" in result.stdout and "- SQL" in result.stdout
    out = tmp_path / "jd.html"
    result = invoke("--level", "vp", "--location", "New York, NY", "--format", "html", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    script = soup.find("script", type="application/ld+json")
    assert json.loads(script.string)["title"] == "VP of Sales Operations"


@pytest.mark.parametrize("args, message", [
    (["--level", "intern"], "unknown level"),
    (["--level", "manager", "--pay", "competitive"], "no pay range"),
    (["--level", "manager", "--skill", "juggling"], "unknown skill id 'juggling'"),
    (["--level", "manager", "--date", "tomorrow"], "--date"),
])
def test_cli_bad_input_is_one_line_and_exit_2(args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0]


def test_cli_help():
    result = CliRunner().invoke(_cli, ["jd", "draft", "--help"], catch_exceptions=False)
    assert result.exit_code == 0 and "--level" in result.output and "jsonld" in result.output
