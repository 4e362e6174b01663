"""Issue 18, the web items: no dead-end error page, the JD draft page lints its draft, the report's footer
names the model (not where it sits on disk), and a listing without text says why its section is empty."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from skillmatch.web import create_app


def soup_of(response: object) -> BeautifulSoup:
    return BeautifulSoup(response.data, "html.parser")  # type: ignore[attr-defined]


def token(client: FlaskClient, path: str) -> str:
    found = soup_of(client.get(path)).find("input", attrs={"name": "csrf_token"})
    assert found is not None
    return str(found["value"])


@pytest.fixture
def client() -> FlaskClient:
    return create_app({"TESTING": True, "DATABASE": None}).test_client()


def test_an_unreadable_file_gets_the_upload_form_again(client: FlaskClient) -> None:
    r = client.post("/report", data={"csrf_token": token(client, "/"),
                                     "resume": (io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), "cv.png")},
                    content_type="multipart/form-data")
    assert r.status_code == 400
    page = soup_of(r)
    assert "an image (PNG)" in page.find(id="problem-detail").get_text()
    form = page.find("form", id="upload-again")
    assert form is not None and form["action"] == "/report" and form["enctype"] == "multipart/form-data"
    assert form.find("input", type="file", attrs={"name": "resume"}) is not None
    sent = form.find("input", attrs={"name": "csrf_token"})
    assert sent is not None and sent["value"]  # a working form, not a picture of one


def test_the_draft_page_can_lint_its_draft(client: FlaskClient) -> None:
    r = client.post("/jd/draft", data={"csrf_token": token(client, "/jd/draft"), "level": "manager",
                                       "company": "Quarrystone Health"})
    assert r.status_code == 200
    page = soup_of(r)
    form = page.find("form", id="lint-draft")
    assert form is not None and form["action"] == "/jd/lint"
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    fields["text"] = form.find("textarea", attrs={"name": "text"}).get_text()
    assert fields["text"] == page.find("textarea", id="markdown").get_text()  # the draft, as drafted
    r = client.post("/jd/lint", data=fields)
    assert r.status_code == 200
    lint = soup_of(r)
    assert "Sales Operations Manager" in lint.find(id="lint-h").get_text()
    assert lint.find(id="lint-summary").get_text(" ", strip=True).startswith("0 errors")


def test_the_report_footer_names_the_model_not_its_path(client: FlaskClient) -> None:
    resume = (b"Pat Example\nExperience\nSales Operations Analyst, Example Co, Jan 2021 - Present\n"
              b"- Built pipeline dashboards in Salesforce for 40 account executives.\n")
    r = client.post("/report", data={"csrf_token": token(client, "/"), "resume": (io.BytesIO(resume), "cv.txt")},
                    content_type="multipart/form-data")
    assert r.status_code == 200
    footer = [p for p in soup_of(r).find_all("p") if p.get_text().startswith("Model:")]
    assert footer, "no model line"
    name = footer[-1].find("code").get_text()
    assert name and not name.startswith("/") and "site-packages" not in name and str(Path.home()) not in name


def test_a_listing_without_text_says_why_its_section_is_empty(tmp_path: Path) -> None:
    from skillmatch.listings.store import Store
    from skillmatch.read.listing import parse_listing

    data = {"@context": "https://schema.org", "@type": "JobPosting", "title": "Sales Operations Analyst",
            "url": "https://jobs.example.test/acme/1", "hiringOrganization": {"@type": "Organization", "name": "Acme"}}
    page = f'<html><head><script type="application/ld+json">{json.dumps(data)}</script></head><body></body></html>'
    db = tmp_path / "listings.db"
    with Store(db) as store:
        store.add_listings([parse_listing(page)])
        listing_id = store.search()[0].id
    client = create_app({"TESTING": True, "DATABASE": str(db)}).test_client()
    soup = soup_of(client.get(f"/listings/{listing_id}"))
    why = soup.find(id="no-text")
    assert why is not None and "stored without its text" in why.get_text()
    assert why.find("a", href="https://jobs.example.test/acme/1") is not None
    skills = soup.find(id="skills-h").find_next("p").get_text()
    assert "no text to read skills from" in skills
