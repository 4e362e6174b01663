"""Scoring one listing: title level vs content level, skills with their lines, pay against the band."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from skillmatch.listings.score import annual_midpoint, compare_pay, score_listing
from skillmatch.match import pay_band
from skillmatch.read.listing import Listing, parse_listing, parse_listings
from skillmatch.read.pay import Pay
from skillmatch.taxonomy import load_ladder

FIXTURES = Path(__file__).parent / "fixtures" / "listings"

ANALYST_WORK = """About the role
We are a forty-person software company and need help keeping our sales numbers straight.
What you will do
- Build the weekly pipeline report in Salesforce and send it to the sales managers every Monday.
- Clean up duplicate accounts and fix missing close dates in the CRM.
- Pull win rates with SQL and refresh the Tableau dashboard before the monthly review.
- Answer data requests from account executives within one business day.
What you bring
- 1-2 years of experience in sales operations or reporting.
- Strong Excel skills.
"""


def fixture_listings() -> list[Listing]:
    out: list[Listing] = []
    for path in sorted(FIXTURES.iterdir()):
        out.extend(parse_listings(path.read_bytes()))
    return out


def with_title(title: str) -> Listing:
    return Listing(id=f"t-{title}", title=title, company="Acme", location=None, remote=None, text=ANALYST_WORK,
                   html=None, pay=None, years=None, url=None, source="html", date_posted=None, employment_type=None)


def test_compare_pay_against_the_band():
    ladder = load_ladder()
    band = pay_band("manager", ladder)  # 95K-135K base, bonus 15-30%
    assert compare_pay(Pay(80_000, 90_000, "USD", "year", "base", ""), band) == "below"
    assert compare_pay(Pay(90_000, 110_000, "USD", "year", "base", ""), band) == "within"
    assert compare_pay(Pay(140_000, 160_000, "USD", "year", "base", ""), band) == "above"
    assert compare_pay(Pay(55, 65, "USD", "hour", "base", ""), band) == "within"  # 124,800 a year
    # on-target earnings are compared with base plus bonus
    assert compare_pay(Pay(150_000, 160_000, "USD", "year", "ote", ""), band) == "within"
    assert compare_pay(Pay(150_000, 160_000, "USD", "year", "base", ""), band) == "above"
    assert compare_pay(Pay(None, 120_000, "USD", "year", "base", ""), band) == "within"
    assert compare_pay(Pay(100_000, 120_000, "EUR", "year", "base", ""), band) is None
    assert compare_pay(None, band) is None
    assert compare_pay(Pay(400_000, 500_000, "USD", "year", "base", ""), pay_band("vp", ladder)) == "within"  # open top
    assert annual_midpoint(Pay(40, 50, "USD", "hour", "base", "")) == 45 * 2080


def test_title_never_decides_the_content_level():
    plain = score_listing(with_title("Sales Operations"))
    director = score_listing(with_title("Director of Sales Operations"))
    assert plain.title_level is None and director.title_level == "director"
    assert director.level == plain.level and director.content.probabilities == plain.content.probabilities
    assert director.level in ("analyst", "manager")
    assert director.disagree and not plain.disagree
    assert any(e.reason == "title" for e in director.content.evidence)


def test_fixture_listings_score_with_evidence():
    ladder = load_ladder()
    scores = {x.title: (x, score_listing(x)) for x in fixture_listings()}
    assert len(scores) == 7
    for listing, s in scores.values():
        lines = listing.text.splitlines()
        assert s.listing_id == listing.id and s.level == s.content.level
        assert s.disagree == (s.title_level is not None and s.title_level != s.level)
        assert s.band == pay_band(s.level, ladder) and s.pay == listing.pay
        assert s.pay_vs_band == compare_pay(listing.pay, s.band)
        for m in s.skills:
            assert lines[m.line - 1] == m.text
        json.dumps(s.to_dict())
    _, manager = scores["Revenue Operations Manager"]
    assert manager.title_level == "manager" and manager.level == "manager" and not manager.disagree
    assert {"territory_design", "quota_setting"} <= {m.skill_id for m in manager.skills}
    # CRM administration is asked for on its own line ("Hands-on HubSpot or Salesforce administration")
    admin = [m for m in manager.skills if m.skill_id == "salesforce_admin"]
    assert admin and all("administration" in m.text for m in admin)
    _, analyst = scores["Sales Operations Analyst"]
    assert analyst.level == "analyst" and {"bi_tools", "pipeline_reporting"} <= {m.skill_id for m in analyst.skills}
    _, senior = scores["Senior Sales Operations Analyst"]
    assert senior.pay_vs_band == "above"  # $92K-$118K is above the analyst band


def test_structured_years_are_used():
    page = (FIXTURES / "jsonld_sales_ops.html").read_bytes()
    listing = parse_listing(page)
    assert listing.years is not None and listing.years.min == 4
    s = score_listing(listing)
    assert s.content.years == 4
    text = listing.text.replace("Four or more", "Many")
    no_years = score_listing(dataclasses.replace(listing, years=None, text=text))
    assert no_years.content.years is None


@pytest.mark.parametrize("title, expected", [("VP, Revenue Operations", "vp"), ("Sales Ops Lead", "manager"),
                                             ("Revenue Operations Associate", "analyst"), ("RevOps", None)])
def test_title_level(title, expected):
    assert score_listing(with_title(title)).title_level == expected


def test_a_listing_outside_sales_ops_is_not_levelled():
    engineer = dataclasses.replace(with_title("Senior Android Engineer"),
                                   pay=Pay(150_000, 180_000, "USD", "year", "base", "$150K-$180K"))
    s = score_listing(engineer)
    assert s.relevance.family == "other" and not s.relevance.in_family
    assert s.level is None and s.band is None and s.pay_vs_band is None and not s.disagree
    assert s.ladder_level in ("analyst", "manager", "director", "vp")  # the ladder's reading is kept
    assert s.level_note.startswith("not levelled: outside sales ops") and "Engineer" in s.level_note
    d = s.to_dict()
    assert d["level"] is None and d["band"] is None and d["relevance"]["family"] == "other"
    ops = score_listing(with_title("Sales Operations Analyst"))
    assert ops.relevance.family == "sales_ops" and ops.level == ops.ladder_level and ops.level_note is None
    assert ops.band is not None and ops.to_dict()["relevance"]["evidence"][0]["source"] == "title"
