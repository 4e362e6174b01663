"""Sales-ops relevance: job families from title and content, the rules file, and what it changes in the store.

The real listing pages of ``../shared/data/listing_pages`` (engineering jobs and account executives) are
imported and scored through the real CLI beside the synthetic sales-ops fixtures: the engineering jobs
are flagged out of family, get no level, and neither market pay nor best listings use them until
``--include-other``. A database made before the change is migrated without losing a row.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from skillmatch.cli import cli
from skillmatch.errors import DataError
from skillmatch.listings.relevance import OTHER, load_relevance, relevance
from skillmatch.listings.store import MIGRATIONS, SCHEMA_VERSION, open_store

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "listing_pages"
FIXTURES = ROOT / "tests" / "fixtures" / "listings"
RESUME = ROOT / "tests" / "fixtures" / "resumes" / "level_manager.txt"
RULES = ROOT / "data" / "relevance.yaml"

SALES_OPS_TEXT = "\n".join([
    "Run the weekly forecast call and the pipeline reviews with the sales managers.",
    "Design territory planning and quota setting for the next fiscal year.",
    "Keep the CRM data clean and build Salesforce dashboards.",
])


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------------------------------
# families


@pytest.mark.parametrize(("title", "family"), [
    ("Sales Operations Analyst", "sales_ops"),
    ("VP of Sales Operations", "sales_ops"),
    ("Senior Manager, Revenue Operations", "revops"),
    ("RevOps Lead", "revops"),
    ("Deal Desk Manager", "deal_desk"),
    ("Commissions Analyst", "commissions"),
    ("Incentive Compensation Manager", "commissions"),
    ("Sales Enablement Lead", "enablement"),
    ("Salesforce Administrator", "crm_admin"),
    ("Senior Business Analyst", "analyst"),
    ("Sales Analyst", "analyst"),
    ("Android Software Engineer (Azar)", OTHER),
    ("Senior Salesforce Developer", OTHER),
    ("Software Engineer, Sales Enablement", OTHER),  # an engineer, whatever team
    ("Commissioning Engineer", OTHER),
    ("Account Executive - Italy", OTHER),
    ("Sales Development Representative", OTHER),
])
def test_family_from_the_title_even_against_the_text(title, family):
    rel = relevance(title, SALES_OPS_TEXT)
    assert rel.family == family
    assert rel.in_family is (family != OTHER)
    assert rel.evidence and rel.evidence[0].source == "title" and rel.evidence[0].text.lower() in title.lower()
    assert rel.reason


def test_a_neutral_title_is_decided_by_the_content_with_its_lines():
    rel = relevance("Operations Manager", SALES_OPS_TEXT)
    assert rel.in_family and rel.family == "sales_ops"
    lines = SALES_OPS_TEXT.splitlines()
    assert all(e.source == "content" and e.text == lines[e.line - 1] for e in rel.evidence)
    assert rel.score >= load_relevance().content_threshold
    thin = relevance("Operations Manager", "We value curiosity.\nOur office has a nice kitchen.")
    assert thin.family == OTHER and not thin.in_family and not thin.evidence
    weak = relevance("Operations Manager", "You will join pipeline reviews now and then.")
    assert weak.family == OTHER and "not enough" in weak.reason
    assert relevance("Operations Manager", SALES_OPS_TEXT, threshold=100).family == OTHER


@pytest.mark.parametrize(("edit", "problem"), [
    (("pattern: '\\bdeal\\s+desk\\b'", "pattern: '(unclosed'"), "families[deal_desk].cues[0]: bad pattern"),
    (("weight: 2.5}", "weight: -1}"), "families[deal_desk].cues[0]: 'weight' must be a positive number"),
    (("content_threshold: ", "content_threshold: x"), "content_threshold"),
    (("  - id: revops\n", "  - id: other\n"), "families[other]"),
    (("    strict: true\n", "    strict: maybe\n"), "other_titles[engineering]: 'strict'"),
])
def test_a_bad_rules_file_names_the_file_and_the_entry(tmp_path, edit, problem):
    text = RULES.read_text(encoding="utf-8")
    assert edit[0] in text
    bad = tmp_path / "relevance.yaml"
    bad.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_relevance(bad)
    assert str(bad) in str(e.value) and problem in str(e.value)


# --------------------------------------------------------------------------------------------------
# the real listing pages, through the CLI


@pytest.fixture(scope="module")
def scored_db(tmp_path_factory):
    if not REAL.is_dir():
        pytest.skip("the shared listing pages are not here")
    db = str(tmp_path_factory.mktemp("relevance") / "jobs.db")
    code, out, _ = invoke("listings", "import", str(REAL), str(FIXTURES), "--db", db)
    assert code == 0, out
    code, out, err = invoke("listings", "score", "--db", db, "-q")
    assert code == 0, err
    return db, out


def test_engineering_listings_are_out_of_family_and_not_levelled(scored_db):
    db, out = scored_db
    assert "outside sales ops not scored" in out
    with open_store(db, create=False) as store:
        every = store.search(limit=100)
        engineers = [x for x in every if "engineer" in x.title.lower()]
        sales_ops = [x for x in every if x.in_family]
        assert len(engineers) >= 8 and len(sales_ops) == 7
        assert all(x.family == OTHER and x.in_family is False for x in engineers)
        assert all(x.level is None and x.level_note.startswith("not levelled: outside sales ops") for x in engineers)
        assert all(x.level is not None and x.level_note is None for x in sales_ops)
        assert {x.family for x in sales_ops} >= {"sales_ops", "revops"}
        android = next(x for x in engineers if x.title == "Android Engineer III")
        assert android.annual_min == 150_000 and "Engineer" in android.relevance["reason"]
        # market pay and best listings: only sales-ops listings
        for level in ("analyst", "manager", "director", "vp"):
            market = store.market_pay(level)
            assert market is None or market.count <= sum(1 for x in sales_ops if x.level == level)
        best = store.best_listings(["sql", "crm_literacy", "pipeline_reporting", "forecasting"], "manager", limit=50)
        assert best and all(x.in_family for x, _ in best)
        code, out, _ = invoke("listings", "export", "--format", "json", "--db", db)
        assert code == 0 and {r["id"] for r in json.loads(out)} == {x.id for x in sales_ops}


def test_include_other_brings_them_in(scored_db):
    db, _ = scored_db
    code, out, err = invoke("listings", "score", "--include-other", "--db", db, "-q")
    # the Vercel board payload lists jobs without their text: those cannot be scored (exit 1), the rest are
    failed = [line for line in err.splitlines() if line.startswith("not scored ")]
    assert code == (1 if failed else 0) and all("no text" in line for line in failed), err
    with open_store(db, create=False) as store:
        android = next(x for x in store.search(limit=100) if x.title == "Android Engineer III")
        assert android.level is None and android.ladder_level in ("analyst", "manager", "director", "vp")
        assert android.skills is not None
        level = android.ladder_level
        without = store.market_pay(level)
        with_other = store.market_pay(level, include_other=True)
        assert with_other is not None and with_other.count == (without.count if without else 0) + sum(
            1 for x in store.search(limit=100)
            if x.in_family is False and x.ladder_level == level and x.pay_kind == "base" and x.currency == "USD"
            and (x.annual_min or x.annual_max))
        assert 165_000 in _mids(store, level) and "sales-ops" not in with_other.source
        assert without is None or without.count < with_other.count
        best = store.best_listings(["sql", "crm_literacy", "pipeline_reporting"], level, limit=50, include_other=True)
        assert best is not None
        demand_all = store.skill_demand(level, include_other=True)
        assert demand_all
    code, out, _ = invoke("listings", "stats", "--json", "--db", db)
    stats = json.loads(out)
    assert stats["outside"] >= 8 and stats["by_family"][OTHER] == stats["outside"]
    assert all("name" in x and x["name"] != x["id"] for x in stats["top_skills_named"])
    code, out, _ = invoke("listings", "stats", "--db", db)
    assert "most asked:" in out and "by family:" in out
    code, out, _ = invoke("listings", "export", "--format", "csv", "--include-other", "--db", db)
    assert code == 0 and "Android Engineer III" in out and "not levelled: outside sales ops" in out


def _mids(store, level):
    rows = store.conn.execute("SELECT annual_min, annual_max FROM listings WHERE ladder_level = ? AND "
                              "pay_kind = 'base' AND currency = 'USD'", (level,)).fetchall()
    return [(lo + hi) / 2 for lo, hi in rows if lo and hi]


def test_analyze_with_db_leaves_engineers_out_unless_asked(scored_db):
    db, _ = scored_db
    with open_store(db, create=False) as store:
        others = {x.id for x in store.search(limit=100) if x.in_family is False}
    code, out, _ = invoke("analyze", str(RESUME), "--format", "json", "--db", db)
    assert code == 0
    report = json.loads(out)
    assert report["listings"] and not {x["id"] for x in report["listings"]} & others
    code, out, _ = invoke("analyze", str(RESUME), "--format", "json", "--db", db, "--include-other")
    assert code == 0
    wide = json.loads(out)
    market = wide["band"]["market"]
    assert market is None or "sales-ops" not in market["source"]


# --------------------------------------------------------------------------------------------------
# migration


def test_a_database_from_before_relevance_is_migrated(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for version in range(2):
        for statement in MIGRATIONS[version]:
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    listing = ("INSERT INTO listings (id, source, title, text, content_hash, fetched_at, level, level_confidence, "
               "disagree, pay_kind, currency, annual_min, annual_max, scored_at) VALUES (?, 'lever', ?, ?, 'h', "
               "'2026-01-01T00:00:00+00:00', ?, 0.9, 0, 'base', 'USD', ?, ?, '2026-01-01T00:00:00+00:00')")
    conn.execute(listing, ("eng", "Android Engineer III", "Build Android apps in Kotlin.", "analyst", 150_000, 180_000))
    conn.execute(listing, ("ops", "Sales Operations Analyst", SALES_OPS_TEXT, "analyst", 70_000, 80_000))
    conn.execute("INSERT INTO scores (listing_id, taxonomy_version, model_id, ladder_version, content_hash, level, "
                 "level_confidence, probabilities, disagree, skills, scored_at) VALUES ('eng', 't', 'm', 'l', 'h', "
                 "'analyst', 0.9, '{}', 0, '[]', 'now')")
    conn.commit()
    conn.close()
    with open_store(path, create=False) as store:
        assert store.schema_version == SCHEMA_VERSION == 3
        eng, ops = store.get("eng"), store.get("ops")
        assert (eng.family, eng.in_family, eng.level, eng.ladder_level) == (OTHER, False, None, "analyst")
        assert (ops.family, ops.in_family, ops.level, ops.ladder_level) == ("sales_ops", True, "analyst", "analyst")
        assert store.market_pay("analyst").count == 1
        assert store.market_pay("analyst", include_other=True).count == 2
        scores = store.scores_of("eng")
        assert len(scores) == 1 and scores[0]["level"] == "analyst" and scores[0]["ladder_level"] == "analyst"
    with open_store(path, create=False) as again:  # opened again: nothing to migrate, nothing lost
        assert again.count() == 2 and again.schema_version == 3


def test_the_listings_page_filters_by_family(scored_db):
    from bs4 import BeautifulSoup
    from skillmatch.web import create_app

    db, _ = scored_db
    client = create_app({"TESTING": True, "DATABASE": db}).test_client()

    def titles(query: str) -> list[str]:
        page = client.get(f"/listings?{query}")
        assert page.status_code == 200
        soup = BeautifulSoup(page.data, "html.parser")
        assert soup.select_one("select#family") is not None and soup.select_one("label[for=family]") is not None
        return [a.get_text(strip=True) for a in soup.select(".listing-title a")]

    other = titles("family=other")
    assert other and "Android Engineer III" in other and all("Operations" not in t for t in other)
    revops = titles("family=revops")
    assert revops and all("Revenue Operations" in t for t in revops)
    every = titles("family=sales_ops_all")
    assert len(every) == 7 and "Android Engineer III" not in every
    page = client.get("/listings?family=nonsense")
    assert page.status_code == 200 and b"Unknown job family" in page.data
    soup = BeautifulSoup(client.get("/listings?family=other").data, "html.parser")
    badges = soup.select(".listing-family")
    assert badges and all("not levelled" in b.get_text() for b in badges)
