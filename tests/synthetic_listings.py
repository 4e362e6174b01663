"""Synthetic sales-operations job listings for tests and benchmarks (written for skillmatch, not copied).

``make_page(i)`` gives a schema.org JobPosting HTML page and ``make_board(start, n)`` a Greenhouse
board payload; the same index always gives the same listing. Each listing picks a level, a company,
a title that names the level (or, every seventh listing, another level), lines from the level's pool,
requirements, boilerplate, pay and years. ``unique`` adds sentences no other listing has, so a
benchmark can choose how much of the text the embedding cache already knows.
"""

from __future__ import annotations

import html
import json
import random
from typing import Any

LEVELS = ("analyst", "manager", "director", "vp")

TITLES = {
    "analyst": ("Sales Operations Analyst", "Revenue Operations Analyst", "Sales Ops Specialist",
                "Senior Sales Operations Analyst", "Sales Reporting Analyst"),
    "manager": ("Sales Operations Manager", "Revenue Operations Manager", "Senior Manager, Sales Operations",
                "Sales Ops Lead"),
    "director": ("Director of Sales Operations", "Director, Revenue Operations", "Senior Director of GTM Operations"),
    "vp": ("VP of Revenue Operations", "Vice President, Sales Operations", "Head of Revenue Operations"),
}

DUTIES = {
    "analyst": (
        "Build and refresh the weekly pipeline report in Salesforce for the regional sales managers.",
        "Clean up duplicate accounts and contacts so the CRM stays trustworthy.",
        "Pull win rate and deal cycle figures with SQL for the monthly business review.",
        "Maintain Tableau dashboards that show bookings against quota by rep.",
        "Answer ad hoc data requests from sellers within one business day.",
        "Check opportunity stages and close dates before the forecast call.",
        "Load new territory assignments into the CRM when reps join or leave.",
        "Reconcile bookings in the CRM with the finance ledger at month end.",
        "Document report definitions so everyone reads the numbers the same way.",
        "Help the commission team gather crediting data each month.",
    ),
    "manager": (
        "Run the forecasting cadence and own the accuracy of the weekly commit number.",
        "Design territories and set quotas with the sales leaders before each fiscal year.",
        "Administer Salesforce together with the systems admin and prioritise the change backlog.",
        "Coach two analysts and review their dashboards before they go to leadership.",
        "Define pipeline stage exit criteria and make sure the team follows them.",
        "Model capacity: how many reps we need to hit next year's number.",
        "Run the commission plan end to end, from crediting rules to payout disputes.",
        "Roll out Gong and Clari to the field and track adoption.",
        "Present funnel conversion and coverage trends to the CRO every month.",
        "Improve lead routing rules in LeanData with marketing operations.",
    ),
    "director": (
        "Own the annual operating plan for sales: headcount, quotas, territories and budget.",
        "Lead a team of managers and analysts across sales, partner and customer success operations.",
        "Set the go-to-market systems roadmap and decide which tools we buy or retire.",
        "Design the compensation philosophy with finance and people teams.",
        "Partner with the CRO on segmentation and coverage models for new markets.",
        "Report forecast risk and pipeline health to the executive team every week.",
        "Standardise deal desk policy and discount approval levels across regions.",
        "Build the planning model that links bookings targets to hiring plans.",
    ),
    "vp": (
        "Report to the CEO and present the revenue plan to the board each quarter.",
        "Set the multi-year go-to-market strategy together with the executive team.",
        "Own revenue operations across sales, marketing and customer success worldwide.",
        "Build and lead an organisation of directors, managers and analysts.",
        "Decide pricing and packaging changes with product and finance leadership.",
        "Shape the company's compensation philosophy for every revenue role.",
        "Lead the integration of acquired sales teams into one operating model.",
    ),
}

REQUIREMENTS = {
    "analyst": ("1-3 years of experience in sales operations, finance or analytics.",
                "Strong Excel or Google Sheets skills; some SQL is a plus.",
                "Curiosity about how sales teams work."),
    "manager": ("4-6 years of experience in sales or revenue operations.",
                "Hands-on Salesforce or HubSpot administration.",
                "Experience building territory and quota models."),
    "director": ("8+ years of experience in sales operations, including leading managers.",
                 "A track record of running annual planning for a sales organisation.",
                 "Comfort presenting to executives."),
    "vp": ("12+ years of experience in revenue operations or sales strategy.",
           "Experience presenting to a board of directors.",
           "You have led operations teams through rapid growth."),
}

PAY = {"analyst": (60_000, 85_000), "manager": (95_000, 135_000), "director": (150_000, 200_000),
       "vp": (210_000, 280_000)}

COMPANIES = ("Harborview Software", "Tallgrass Robotics", "Pinecrest Payments", "Brightwater Logistics",
             "Northwind Analytics", "Cedar Peak Health", "Bluefin Security", "Copperleaf Energy",
             "Juniper Freight", "Lakeshore Learning Systems", "Redwood Clinics", "Silverline Media")
CITIES = ("Austin, TX", "Denver, CO", "Chicago, IL", "Atlanta, GA", "Boston, MA", "Seattle, WA", "Remote (US)")
INDUSTRIES = ("scheduling software for clinics", "warehouse robots", "card payments for small merchants",
              "refrigerated freight", "analytics for retailers", "security cameras for schools",
              "solar installations", "freight brokerage", "online courses for nurses")
TOOLS = ("Salesforce", "HubSpot", "Tableau", "Looker", "Power BI", "Gong", "Clari", "Xactly", "CaptivateIQ",
         "Anaplan", "LeanData", "Snowflake")
BOILERPLATE = (
    "We offer medical, dental and vision coverage and a 401(k) match.",
    "We are an equal opportunity employer and value a diverse team.",
    "Flexible paid time off and a yearly learning budget.",
)


def listing_parts(i: int, *, unique: int = 1) -> dict[str, Any]:
    """The fields of synthetic listing ``i``: title, company, location, level, lines, pay, years, url."""
    rnd = random.Random(i)
    level = LEVELS[rnd.randrange(4)]
    title_level = LEVELS[(LEVELS.index(level) + 1) % 4] if i % 7 == 3 else level
    company = rnd.choice(COMPANIES)
    title = rnd.choice(TITLES[title_level])
    duties = rnd.sample(DUTIES[level], k=min(5, len(DUTIES[level])))
    other = LEVELS[max(0, LEVELS.index(level) - 1)]
    duties.append(rnd.choice(DUTIES[other]))
    extra = []
    for u in range(unique):
        tool = rnd.choice(TOOLS)
        n = rnd.randrange(5, 400)
        extra.append(f"Support {n} sellers in {rnd.choice(CITIES).split(',')[0]} with {tool} reporting "
                     f"for listing {i}-{u}.")
    lo, hi = PAY[level]
    shift = rnd.randrange(-8, 9) * 1000
    lines = [
        "About us",
        f"{company} builds {rnd.choice(INDUSTRIES)} and is hiring for its revenue team.",
        "What you will do",
        *(f"- {d}" for d in duties + extra),
        "What you bring",
        *(f"- {r}" for r in REQUIREMENTS[level]),
        "Benefits",
        *(f"- {b}" for b in BOILERPLATE[: rnd.randrange(1, 4)]),
    ]
    return {
        "i": i, "level": level, "title": title, "company": company, "location": rnd.choice(CITIES),
        "lines": lines, "pay": (lo + shift, hi + shift),
        "url": f"https://careers.{company.split()[0].lower()}.example/jobs/{100000 + i}",
    }


def make_page(i: int, *, unique: int = 1) -> str:
    """Synthetic listing ``i`` as a job page with schema.org JobPosting JSON-LD."""
    p = listing_parts(i, unique=unique)
    body = []
    for line in p["lines"]:
        body.append(f"<li>{html.escape(line[2:])}</li>" if line.startswith("- ") else f"<p>{html.escape(line)}</p>")
    city, _, region = p["location"].partition(", ")
    posting = {
        "@context": "https://schema.org", "@type": "JobPosting", "title": p["title"], "url": p["url"],
        "datePosted": "2026-03-01", "employmentType": "FULL_TIME",
        "hiringOrganization": {"@type": "Organization", "name": p["company"]},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": city,
                                                      "addressRegion": region or None, "addressCountry": "US"}},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                       "value": {"@type": "QuantitativeValue", "minValue": p["pay"][0], "maxValue": p["pay"][1],
                                 "unitText": "YEAR"}},
        "description": "".join(body),
    }
    return (f"<!DOCTYPE html><html><head><title>{html.escape(p['title'])}</title>"
            f"<script type=\"application/ld+json\">{json.dumps(posting)}</script></head>"
            f"<body><h1>{html.escape(p['title'])}</h1></body></html>")


def make_board(start: int, n: int, *, unique: int = 1) -> dict[str, Any]:
    """Synthetic listings ``start`` .. ``start + n - 1`` as a Greenhouse board payload (with content)."""
    jobs = []
    for i in range(start, start + n):
        p = listing_parts(i, unique=unique)
        content = "".join(f"<li>{html.escape(x[2:])}</li>" if x.startswith("- ") else f"<p>{html.escape(x)}</p>"
                          for x in p["lines"])
        content += f"<p>The base salary range is ${p['pay'][0]:,} - ${p['pay'][1]:,} per year.</p>"
        jobs.append({
            "id": 7_000_000 + i, "internal_job_id": 9_000_000 + i, "title": p["title"], "company_name": p["company"],
            "absolute_url": p["url"], "location": {"name": p["location"]}, "updated_at": "2026-03-01T09:00:00-05:00",
            "first_published": "2026-03-01T09:00:00-05:00", "requisition_id": f"SO-{i}", "language": "en",
            "metadata": [], "content": html.escape(content),
        })
    return {"jobs": jobs, "meta": {"total": len(jobs)}}
