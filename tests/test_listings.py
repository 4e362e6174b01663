"""Listing pages and ATS payloads -> Listing: the real saved pages, synthetic fixtures, bad input, ids."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from skillmatch.errors import InputError
from skillmatch.read.listing import (
    MAX_INPUT_BYTES,
    Listing,
    canonical_url,
    html_to_text,
    listing_id,
    parse_listing,
    parse_listings,
)
from skillmatch.read.pay import Pay, Years, parse_all_pay

FIXTURES = Path(__file__).parent / "fixtures" / "listings"
REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "listing_pages"


def _real(name: str) -> bytes:
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"real listing page not available: {path}")
    return path.read_bytes()


def _pay(p: Pay | None) -> tuple[object, ...] | None:
    return None if p is None else (p.min, p.max, p.currency, p.period, p.kind)


def _years(y: Years | None) -> tuple[object, ...] | None:
    return None if y is None else (y.min, y.max)


def _shape(text: str) -> tuple[int, int]:
    """(lines, bullet lines): checks the real pages' structure without quoting their text."""
    lines = text.splitlines()
    return len(lines), sum(line.startswith("- ") for line in lines)


# ------------------------------------------------------------------------------------------------
# Real saved pages and payloads (../shared/data/listing_pages, never copied into the repo)


def test_real_indeed_jsonld_page() -> None:
    listing = parse_listing(_real("coverletterer_indeed_job.html"))
    assert listing.source == "jsonld"
    assert listing.title == "Senior DevOps Engineer"
    assert listing.company == "PaperCut Software"
    assert listing.location == "Camberwell, VIC, AU"
    assert _pay(listing.pay) == (130000, 160000, "AUD", "year", "base")
    assert listing.years is None  # the description states no number of years
    assert listing.date_posted == "2026-08-06"
    assert listing.employment_type == "FULL_TIME"
    # the canonical link keeps the job key "jk" (og:url also has a tracking parameter)
    assert listing.url == "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2"
    assert _shape(listing.text) == (28, 13)  # 13 <li> in the JSON-LD description
    assert "<" not in listing.text


def test_real_linkedin_page_ignores_similar_jobs_pay() -> None:
    listing = parse_listing(_real("coverletterer_linkedin_job.html"))
    assert listing.source == "html"
    assert listing.title == "Senior Software Engineer - Developer Experience"
    assert listing.company == "Heidi"
    assert listing.location == "Melbourne, Victoria, Australia"
    assert listing.employment_type == "FULL_TIME"
    assert listing.pay is None
    assert parse_all_pay(listing.text) == []
    assert "A$160,000.00" not in listing.text and "Similar jobs" not in listing.text
    assert _years(listing.years) == (3, 10)  # "3–10+ years experience"
    assert listing.url == (
        "https://au.linkedin.com/jobs/view/senior-software-engineer-developer-experience-at-heidi-4411867124"
    )


def test_real_seek_page() -> None:
    listing = parse_listing(_real("coverletterer_seek_job.html"))
    assert listing.source == "html"  # its JSON-LD is a WebSite, not a JobPosting
    assert listing.title == "Senior Platform Engineer | Remote | Australia"
    assert listing.company == "iterate"
    assert listing.location == "Melbourne VIC (Remote)"
    assert listing.remote is True
    assert listing.employment_type == "FULL_TIME"
    assert listing.pay is None
    assert _shape(listing.text) == (19, 14)  # the advert's own "- " lines, split at <br>
    assert "Report this job ad" not in listing.text


def test_real_greenhouse_gitlab_with_content() -> None:
    listings = parse_listings(_real("midat_greenhouse_gitlab_jobs_content.json"))
    assert [x.title for x in listings] == ["Account Executive - Italy", "AI Engineer"]
    assert {x.company for x in listings} == {"GitLab"}
    assert {x.source for x in listings} == {"greenhouse"}
    ae, ai = listings
    assert ae.pay is None
    assert _shape(ae.text) == (37, 23) and _shape(ai.text) == (53, 32)
    assert ae.location == "Remote, Italy" and ae.remote is True
    assert ae.date_posted == "2026-04-17"
    assert _pay(ai.pay) == (108400, 129600, "USD", "year", "base")
    assert ai.location == "Remote, US"
    assert ai.url == "https://job-boards.greenhouse.io/gitlab/jobs/8565469002"
    for x in listings:  # content arrived entity-escaped: no markup or entity may survive
        assert "&lt;" not in x.text and "<div" not in x.text and "&nbsp;" not in x.text
        assert x.html is not None and x.html.startswith('<div class="content-intro">')


def test_real_greenhouse_vercel_list_only() -> None:
    listings = parse_listings(_real("vishal_greenhouse_vercel_jobs.json"))
    assert len(listings) == 8
    titles = [x.title for x in listings]
    assert "Account Executive, Majors" in titles
    assert "Director of Forward Deployed Engineering" in titles
    assert "Forward-Deployed Engineer" in titles  # the trailing no-break space is gone
    assert {x.company for x in listings} == {"Vercel"}
    assert all(x.pay is None and x.years is None and x.text == "" and x.html is None for x in listings)
    assert len({x.id for x in listings}) == 8
    assert listings[5].location == "Hybrid - London" and listings[5].remote is False


def test_real_lever_matchgroup() -> None:
    hinge, azar = parse_listings(_real("midat_lever_matchgroup_postings.json"))
    assert hinge.title == "Android Engineer III"
    assert hinge.source == "lever"
    assert hinge.company is None  # the Lever payload does not name the company
    assert hinge.location == "New York, New York"
    assert _pay(hinge.pay) == (150000, 180000, "USD", "year", "base")
    # the posting says "You have 3-5 years of experience in Android development"
    assert _years(hinge.years) == (3, 5)
    assert _shape(hinge.text) == (36, 14)  # description, 2 lists of 8 and 6 items, salary note, additional
    assert azar.title == "Android Software Engineer (Azar)"
    assert azar.location == "Seoul, South Korea"
    assert azar.pay is None


def test_real_ashby_linear() -> None:
    listings = parse_listings(_real("midat_ashby_linear_jobboard.json"))
    assert [x.title for x in listings] == ["Senior / Staff Fullstack Engineer"] * 2
    assert [x.location for x in listings] == ["Europe", "North America"]
    for x in listings:
        assert x.source == "ashby"
        assert x.pay is None  # compensation is present but empty
        assert _years(x.years) == (5, None)
        assert x.remote is True
        assert x.employment_type == "FULL_TIME"
    assert listings[0].id != listings[1].id


# ------------------------------------------------------------------------------------------------
# Synthetic fixtures


def test_synthetic_jsonld_page() -> None:
    listing = parse_listing((FIXTURES / "jsonld_sales_ops.html").read_bytes())
    url = "https://careers.tallgrass-robotics.example/jobs/4471-senior-sales-operations-analyst"
    assert listing == Listing(
        id=listing_id(url),
        title="Senior Sales Operations Analyst",
        company="Tallgrass Robotics",
        location="Omaha, NE, US",
        remote=True,
        text="\n".join(
            [
                "About the team",
                "Our revenue operations group keeps forty field sellers supplied with clean territories, fair "
                "quotas and forecasts the board can trust.",
                "What you will own",
                "- Run the weekly forecast call prep in Salesforce and flag deals that slipped a stage.",
                "- Rebuild territory assignments each January using account potential scores.",
                "- Maintain the commission calculations in CaptivateIQ and answer rep disputes within two "
                "business days.",
                "What you bring",
                "- Four or more years in sales operations, revenue operations or sales finance.",
                "- Comfort writing SQL against the CRM replica and building Tableau dashboards.",
                "On-target bonus of 10% paid quarterly. We are an equal opportunity employer.",
            ]
        ),
        html=listing.html,
        pay=Pay(92000.0, 118000.0, "USD", "year", "base", "USD 92,000–118,000 per year"),
        years=Years(4.0, None, "48 months of experience"),
        url=url,
        source="jsonld",
        date_posted="2026-03-02",
        employment_type="FULL_TIME",
    )
    assert listing.html is not None and listing.html.startswith("<p><strong>About the team</strong></p>")


def test_synthetic_plain_html_page() -> None:
    listing = parse_listing((FIXTURES / "plain_sales_ops.html").read_text(encoding="utf-8"))
    assert listing.source == "html"
    assert listing.title == "Revenue Operations Manager"
    assert listing.company == "Brightwater Logistics"
    assert listing.location == "Denver, CO (Hybrid)"
    assert listing.remote is False
    assert listing.employment_type == "FULL_TIME"
    assert listing.url == "https://jobs.brightwater-logistics.example/openings/revops-manager/"
    assert listing.id == listing_id("https://jobs.brightwater-logistics.example/openings/revops-manager")
    assert _pay(listing.pay) == (105000, 130000, "USD", "year", "base")
    assert listing.pay is not None and listing.pay.text == "$105,000 - $130,000 per year"
    assert _years(listing.years) == (6, None)
    lines = listing.text.splitlines()
    assert lines[0] == "The role"
    assert lines[1].startswith("Brightwater moves refrigerated freight for grocery chains across the Mountain West.")
    assert lines[3] == "- Own the quarterly planning calendar: capacity models, quota setting and territory carving."
    assert lines[-1] == "Base salary: $105,000 - $130,000 per year, plus an annual bonus."
    assert len(lines) == 11
    for chrome in ("About us", "Related openings", "48,000", "Privacy", "window.analytics", "float"):
        assert chrome not in listing.text


def test_synthetic_greenhouse_board() -> None:
    manager, analyst = parse_listings((FIXTURES / "greenhouse_board.json").read_bytes())
    assert (manager.title, manager.company, manager.source) == (
        "Sales Operations Manager",
        "Harborview Software",
        "greenhouse",
    )
    assert manager.location == "Remote - US" and manager.remote is True
    assert manager.employment_type == "FULL_TIME"  # from the "Employment Type" metadata field
    assert manager.date_posted == "2026-02-03"
    assert _pay(manager.pay) == (118000, 142000, "USD", "year", "base")  # read from the content
    assert _years(manager.years) == (5, None)
    assert manager.text.splitlines() == [
        "Harborview Software builds scheduling tools for home-health agencies.",
        "About the role",
        "As our Sales Operations Manager you will run the systems and the reporting that our thirty-person "
        "sales team depends on, and you will coach two analysts.",
        "In this role you will",
        "- Own forecasting cadence and the accuracy of the commit number.",
        "- Design territories and quotas with the CRO before each fiscal year.",
        "- Administer Salesforce and Clari together with the CRM admin.",
        "You have",
        "- At least 5 years of experience in sales operations or a related analytics role.",
        "- Experience running a comp plan end to end.",
        "US Base Salary Range",
        "$118,000—$142,000 USD",
        "Harborview is an equal opportunity employer.",
    ]
    # structured pay_input_ranges (cents) win over the text
    assert analyst.pay == Pay(72000.0, 86000.0, "USD", "year", "base", "USD 72,000–86,000 per year")
    assert _years(analyst.years) == (2, 4)
    assert analyst.remote is None and analyst.employment_type is None
    assert "- Run data hygiene checks on opportunities & accounts." in analyst.text.splitlines()
    assert analyst.id == listing_id("https://job-boards.greenhouse.io/harborview/jobs/7000002")


def test_synthetic_lever_postings() -> None:
    comp, contractor = parse_listings((FIXTURES / "lever_postings.json").read_bytes())
    assert comp.title == "Sales Compensation Analyst" and comp.source == "lever"
    assert comp.location == "Chicago, Illinois" and comp.remote is False
    assert comp.employment_type == "FULL_TIME"
    assert comp.date_posted == "2026-01-01"
    assert comp.pay == Pay(78000.0, 94000.0, "USD", "year", "base", "USD 78,000–94,000 per year")
    assert _years(comp.years) == (3, None)
    assert comp.text.splitlines() == [
        "Who we are",
        "Pinecrest Payments processes card payments for independent clinics.",
        "You will keep our sellers paid correctly and on time.",
        "What you'll do",
        "- Calculate monthly commissions and SPIFFs in Xactly.",
        "- Audit crediting splits when territories change.",
        "What you'll need",
        "- 3+ years of experience in sales compensation or payroll.",
        "- Strong Excel skills.",
        "The range reflects base pay in Chicago.",
        "Pinecrest offers medical, dental and a 401(k) match.",
    ]
    # no HTML at all: the plain text is used, its "•" bullets become "- ", pay comes from the text
    assert contractor.html is None
    assert contractor.text.splitlines()[1:3] == ["- Approve discounts within policy", "- Escalate legal redlines"]
    assert _pay(contractor.pay) == (55, 65, "USD", "hour", "base")
    assert contractor.employment_type == "CONTRACTOR" and contractor.remote is True


def test_synthetic_ashby_board() -> None:
    (listing,) = parse_listings((FIXTURES / "ashby_board.json").read_bytes())
    assert listing == Listing(
        id=listing_id("https://jobs.ashbyhq.com/cobaltgrid/cccccccc-1111-4222-8333-444444444444"),
        title="Director of Revenue Operations",
        company=None,
        location="Austin, TX",
        remote=False,
        text="\n".join(
            [
                "About Cobalt Grid",
                "Cobalt Grid sells battery monitoring to utilities. Our go-to-market team is 60 people.",
                "What you will do",
                "- Set the go-to-market strategy for revenue operations with the CRO.",
                "- Lead the RevOps, deal desk and enablement teams (eight people).",
                "What we look for",
                "- 10+ years in sales or revenue operations, five of them leading managers.",
            ]
        ),
        html=listing.html,
        pay=Pay(190000.0, 225000.0, "USD", "year", "base", "USD 190,000–225,000 per year"),
        years=Years(10.0, None, "10+ years"),
        url="https://jobs.ashbyhq.com/cobaltgrid/cccccccc-1111-4222-8333-444444444444",
        source="ashby",
        date_posted="2026-01-20",
        employment_type="FULL_TIME",
    )


def test_single_job_and_parsed_payloads() -> None:
    board = json.loads((FIXTURES / "greenhouse_board.json").read_text(encoding="utf-8"))
    one = parse_listing(json.dumps(board["jobs"][1]))
    assert one.title == "Sales Operations Analyst"
    assert parse_listings(board) == parse_listings(json.dumps(board).encode())
    assert parse_listing(board["jobs"][1]) == one
    assert parse_listings(board["jobs"][1]) == [one]


def test_to_dict_is_json() -> None:
    listing = parse_listing((FIXTURES / "jsonld_sales_ops.html").read_bytes())
    d = json.loads(json.dumps(listing.to_dict()))
    assert d["pay"]["annual_min"] == 92000 and d["years"]["min"] == 4
    assert set(d) == set(Listing.__dataclass_fields__)


# ------------------------------------------------------------------------------------------------
# JSON-LD shapes

_LD = """<html><head><script type="application/ld+json">{ld}</script></head>
<body><h1>Ignored visible title</h1></body></html>"""


def _ld_page(obj: object) -> str:
    return _LD.format(ld=json.dumps(obj))


def test_jsonld_list_hourly_salary_and_text_experience() -> None:
    page = _ld_page(
        [
            {"@type": "BreadcrumbList"},
            {
                "@type": ["JobPosting"],
                "title": "Sales Ops Coordinator &amp; Admin",
                "hiringOrganization": "Quarry Lane Foods",
                "baseSalary": {"currency": "cad", "value": {"value": "28.50", "unitText": "HOUR"}},
                "experienceRequirements": "At least two years of experience supporting a sales team",
                "employmentType": ["PART_TIME", "TEMPORARY"],
                "description": "Keep the CRM tidy.\n• Log new accounts\n• Send the weekly pipeline email",
            },
        ]
    )
    listing = parse_listing(page)
    assert listing.title == "Sales Ops Coordinator & Admin"
    assert listing.company == "Quarry Lane Foods"
    assert listing.pay == Pay(28.5, 28.5, "CAD", "hour", "base", "CAD 28.50 per hour")
    assert _years(listing.years) == (2, None)
    assert listing.employment_type == "PART_TIME, TEMPORARY"
    assert listing.text.splitlines() == [
        "Keep the CRM tidy.",
        "- Log new accounts",
        "- Send the weekly pipeline email",
    ]
    assert listing.remote is None and listing.url is None


def test_jsonld_salary_without_unit_and_broken_block() -> None:
    broken = '<script type="application/ld+json">{"@type": "JobPosting", "title": </script>'
    good = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Sales Operations Lead",
        "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR", "minValue": 64000, "maxValue": 76000},
        "description": "<p>Own the forecast.</p>",
    }
    listing = parse_listing(broken + _ld_page(good))
    assert _pay(listing.pay) == (64000, 76000, "EUR", "year", "base")  # period judged from the size
    assert listing.text == "Own the forecast."


def test_page_with_several_postings() -> None:
    postings = [
        {"@type": "JobPosting", "title": "Sales Operations Analyst", "description": "<p>Reports.</p>"},
        {"@type": "JobPosting", "title": "Sales Operations Manager", "description": "<p>Planning.</p>"},
    ]
    page = _ld_page({"@context": "https://schema.org", "@graph": postings})
    listings = parse_listings(page, url="https://careers.example/jobs")
    assert [x.title for x in listings] == ["Sales Operations Analyst", "Sales Operations Manager"]
    assert listings[0].id != listings[1].id  # the board URL is not either job's URL
    assert parse_listing(page).title == "Sales Operations Analyst"


def test_lever_grouped_and_empty_boards() -> None:
    postings = json.loads((FIXTURES / "lever_postings.json").read_text(encoding="utf-8"))
    grouped = [{"title": "Revenue Operations", "postings": postings}]
    assert [x.title for x in parse_listings(grouped)] == ["Sales Compensation Analyst", "Deal Desk Contractor"]
    assert parse_listings('{"jobs": [], "meta": {"total": 0}}') == []
    assert parse_listings(b"[]") == []


# ------------------------------------------------------------------------------------------------
# HTML -> text


def test_html_to_text_lines_and_bullets() -> None:
    markup = (
        "<div><h2>Scope</h2><p>Line one<br>line two</p>"
        "<ul><li><p>Outer</p><ul><li>Inner</li></ul></li><li>• Glyph bullet</li></ul>"
        "<p>* Star bullet</p><p>*Footnote, not a bullet</p>"
        "<script>var x = 1;</script><style>p {}</style><nav>Menu</nav>"
        "<p><b>Pay:</b> $90,000&nbsp;&ndash;&nbsp;$100,000</p></div>"
    )
    assert html_to_text(markup).splitlines() == [
        "Scope",
        "Line one",
        "line two",
        "- Outer",
        "- Inner",
        "- Glyph bullet",
        "- Star bullet",
        "*Footnote, not a bullet",
        "Pay: $90,000 – $100,000",
    ]
    assert html_to_text(html.escape("<p>A &amp; B</p><ul><li>C</li></ul>")) == "A & B\n- C"
    assert html_to_text("plain\n\n  text  ") == "plain\ntext"


# ------------------------------------------------------------------------------------------------
# Bad input


BAD_INPUT = [
    ("", "empty"),
    (b"  \n\t ", "empty"),
    (b"%PDF-1.7\x00\x01\x02\x03", "binary"),
    ("Sales operations manager wanted, apply today.", "neither an HTML page nor a JSON payload"),
    ('{"jobs": [', "not valid JSON"),
    ('{"name": "not a job"}', "no job found"),
    ("<html><body></body></html>", "no job listing found"),
    ("<html><head><title>Careers</title></head><body><nav>Jobs</nav></body></html>", "no job listing found"),
    ('{"title": "", "absolute_url": "https://x.example/jobs/1"}', "has no title"),
]


@pytest.mark.parametrize(("page", "message"), BAD_INPUT)
def test_bad_input_parse_listing(page: str | bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        parse_listing(page)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("[1, 2]", "entry 0 of the payload is not a Greenhouse, Lever or Ashby job"),
        ('{"jobs": [{"title": "x"}]}', "entry 0 of the payload is not"),
        ("", "empty"),
    ],
)
def test_bad_input_parse_listings(payload: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        parse_listings(payload)
    assert "\n" not in str(info.value)


def test_board_given_to_parse_listing() -> None:
    with pytest.raises(InputError, match="job board with 2 jobs; use parse_listings"):
        parse_listing((FIXTURES / "greenhouse_board.json").read_bytes())


def test_too_large_and_wrong_type() -> None:
    with pytest.raises(InputError, match="limit"):
        parse_listing(b"<html>" + b" " * MAX_INPUT_BYTES)
    with pytest.raises(InputError, match="limit"):
        parse_listings("[" + " " * MAX_INPUT_BYTES + "]")
    with pytest.raises(InputError, match="got int"):
        parse_listing(42)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="not an absolute http"):
        parse_listing((FIXTURES / "plain_sales_ops.html").read_bytes(), url="ftp://files.example/job")


# ------------------------------------------------------------------------------------------------
# Canonical id


def test_same_url_same_id() -> None:
    page = (FIXTURES / "plain_sales_ops.html").read_bytes()
    urls = [
        "https://Jobs.Example.com/openings/revops-manager",
        "https://jobs.example.com/openings/revops-manager/",
        "https://jobs.example.com/openings/revops-manager?utm_source=linkedin&ref=feed",
        "http://jobs.example.com:80/openings/revops-manager#apply",
        "https://jobs.example.com:443/openings//revops-manager/?src=email",
    ]
    ids = {parse_listing(page, url=u).id for u in urls}
    assert len(ids) == 1
    assert canonical_url(urls[2]) == "https://jobs.example.com/openings/revops-manager"
    assert parse_listing(page, url="https://jobs.example.com/openings/sales-ops-analyst").id not in ids


def test_job_key_parameters_are_kept() -> None:
    a = canonical_url("https://au.indeed.com/viewjob?from=social_other&jk=abc123")
    assert a == "https://au.indeed.com/viewjob?jk=abc123"
    assert listing_id(a) != listing_id("https://au.indeed.com/viewjob?jk=def456")
    assert canonical_url("https://acme.example/careers?gh_jid=42&gh_src=x") == "https://acme.example/careers?gh_jid=42"


def test_text_ids() -> None:
    page = "<html><body><h1>{title}</h1><main><p>{body}</p></main></body></html>"
    one = parse_listing(page.format(title="Sales Ops Analyst", body="Build pipeline reports."))
    same = parse_listing(page.format(title="Sales  Ops Analyst", body="Build   pipeline\nreports."))
    other = parse_listing(page.format(title="Sales Ops Analyst", body="Build territory plans."))
    assert one.url is None
    assert one.id == same.id == listing_id(None, "Sales Ops Analyst", "Build pipeline reports.")
    assert one.id != other.id
    assert listing_id(None, "a", "b") != listing_id("https://x.example/a")


def test_jsonld_without_description_takes_the_page_text() -> None:
    ld = {"@type": "JobPosting", "title": "Sales Operations Specialist", "datePosted": "2026-04-01"}
    page = (
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
        '<h1>Sales Operations Specialist</h1><span class="company-name">Fernhill Tools</span>'
        '<div class="job-description"><p>Keep quotes and orders in step.</p>'
        "<p>You bring 2+ years of experience with CPQ. Salary: $64,000 - $72,000 per year.</p></div>"
        "</body></html>"
    )
    listing = parse_listing(page)
    assert listing.source == "jsonld" and listing.date_posted == "2026-04-01"
    assert listing.company == "Fernhill Tools"
    assert listing.text.splitlines()[0] == "Keep quotes and orders in step."
    assert _pay(listing.pay) == (64000, 72000, "USD", "year", "base")
    assert _years(listing.years) == (2, None)
    assert listing.id == listing_id(None, "Sales Operations Specialist", listing.text)
