"""The web UI through Flask's test client; every page is parsed with BeautifulSoup (no substring matching of HTML)."""

from __future__ import annotations

import base64
import io
import json
import logging
import zipfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from flask import Flask, request
from flask.testing import FlaskClient
from skillmatch.web import MAX_UPLOAD, create_app
from skillmatch.web.security import CSP

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"
LEVEL_NAMES = {"analyst": "Sales Operations Analyst", "manager": "Sales Operations Manager",
               "director": "Director of Sales Operations", "vp": "VP of Sales Operations"}

# A resume of our own with a marker in every line, so the logs can be searched for any of them.
MARKED_RESUME = """Quillon Varga-Teshmar
Sales Operations Analyst · quillon.vt@example.test

Experience
Sales Operations Analyst, Brindlewood Tiles, Mar 2021 - Present
- Built the weekly pipeline dashboard in Salesforce and Tableau for 30 reps (Brindlewood dashboards)
- Wrote SQL against the Snowflake replica to reconcile bookings every month for Brindlewood finance
- Supported the annual territory refresh by scoring 2,100 Brindlewood accounts in Excel
- Cleaned duplicate Brindlewood accounts and kept the CRM data dictionary current

Skills
SQL, Excel, Salesforce reports, Tableau, pipeline reporting, Brindlewood data quality
"""

# A job description of our own: an analyst title, a VP-scope line, and no pay.
LINT_JD = """Sales Operations Analyst

About the role
You will support the sales team with reporting.

What you will do
- Build weekly pipeline dashboards in Salesforce and Tableau.
- Own the global go-to-market strategy and present the operating model to the board.
- Maintain data quality in the CRM.

What you bring
- 1-3 years in sales or revenue operations.
- SQL and Excel.
"""

HOSTILE_HTML = (
    "<p>Own the quarterly territory and quota models for the field team.</p>"
    "<script>window.__xss = 1; alert(1)</script>"
    '<img src=x onerror="window.__xss = 2; alert(2)">'
    "<ul><li>Run the weekly forecast call in Salesforce and flag slipped deals.</li>"
    "<li>Maintain the commission calculations and answer rep disputes.</li></ul>"
    '<a href="javascript:window.__xss=3">apply</a><svg onload="window.__xss=4"></svg>'
    '<iframe srcdoc="&lt;script&gt;parent.__xss=5&lt;/script&gt;"></iframe>'
    '<p style="position:fixed" onclick="window.__xss=6">Base salary $110,000 - $135,000 per year.</p>'
)


def posting(title: str, company: str, url: str, description: str, low: int | None = None,
            high: int | None = None) -> str:
    """A job page with a schema.org JobPosting, as a careers site would serve it."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "JobPosting", "title": title, "url": url,
                            "hiringOrganization": {"@type": "Organization", "name": company},
                            "description": description}
    if low is not None:
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "USD", "value": {
            "@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitText": "YEAR"}}
    block = json.dumps(data).replace("</", "<\\/")
    return f'<html><head><script type="application/ld+json">{block}</script></head><body></body></html>'


LISTINGS = [
    posting("Sales Operations Analyst", "Fernhollow Labs", "https://jobs.example.test/fernhollow/1",
            "<ul><li>Build weekly pipeline reports and Tableau dashboards for the sales managers.</li>"
            "<li>Write SQL queries and keep CRM data clean in Salesforce.</li>"
            "<li>1-3 years of experience in sales operations or analytics.</li></ul>", 65000, 80000),
    posting("Sales Operations Manager", "Quarrystone Health", "https://jobs.example.test/quarrystone/7",
            "<ul><li>Own the territory and quota models each quarter and run the weekly forecast.</li>"
            "<li>Administer Salesforce and evaluate sales tools; coach two analysts.</li>"
            "<li>Design the sales compensation plan mechanics with finance.</li>"
            "<li>4-7 years of experience in sales operations.</li></ul>", 110000, 140000),
    posting("Director of Sales Operations", "Lindqvist Freight", "https://jobs.example.test/lindqvist/3",
            "<ul><li>Set the go-to-market operating model and the annual planning process with the CRO.</li>"
            "<li>Lead a team of managers and analysts across forecasting, territories and compensation.</li>"
            "<li>Present the forecast and capacity plan to the executive team and the board.</li>"
            "<li>8+ years of experience, including 3 years leading teams.</li></ul>", 165000, 195000),
]


# --- fixtures ------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A listings database with three scored listings and one whose HTML carries script payloads."""
    from skillmatch.listings.batch import run_scoring
    from skillmatch.listings.store import Store
    from skillmatch.read.listing import parse_listing

    path = tmp_path_factory.mktemp("web") / "listings.db"
    pages = [*LISTINGS, posting("Sales Operations Manager", "Payload Corp", "https://jobs.example.test/payload/1",
                                HOSTILE_HTML)]
    with Store(path) as store:
        store.add_listings([parse_listing(p) for p in pages])
        run_scoring(store, progress=False)
    return path


@pytest.fixture
def app() -> Flask:
    return create_app({"TESTING": True, "DATABASE": None})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def db_client(store_path: Path) -> FlaskClient:
    return create_app({"TESTING": True, "DATABASE": str(store_path)}).test_client()


def soup_of(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def token(client: FlaskClient, path: str = "/") -> str:
    """The CSRF token of the form on ``path`` (the GET also sets the session cookie it is bound to)."""
    found = soup_of(client.get(path)).find("input", attrs={"name": "csrf_token"})
    assert isinstance(found, Tag)
    value = found.get("value")
    assert isinstance(value, str) and value
    return value


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    """A multipart/form-data body built in memory (the test client would spill a large one to a temp file)."""
    boundary = "----skillmatch-test-boundary-7e1f"
    out = io.BytesIO()
    for key, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    for key, (name, data, ctype) in files.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{name}"\r\n'
                  f"Content-Type: {ctype}\r\n\r\n".encode())
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def upload(client: FlaskClient, data: bytes, name: str, *, csrf: str | None = None,
           content_type: str = "application/octet-stream", path: str = "/report") -> Any:
    body, ctype = multipart({"csrf_token": csrf} if csrf is not None else {}, {"resume": (name, data, content_type)})
    return client.post(path, data=body, content_type=ctype)


def text_of(soup: BeautifulSoup | Tag, selector: str) -> str:
    found = soup.select_one(selector)
    assert found is not None, f"nothing matches {selector}"
    return " ".join(found.get_text(" ").split())


def problem(response: Any) -> str:
    """The friendly error page's detail line; fails when the page is not the friendly page."""
    soup = soup_of(response)
    assert soup.select_one("section.problem h1") is not None
    assert soup.find("pre") is None
    return text_of(soup, "#problem-detail")


def data_uri_text(soup: BeautifulSoup, filename: str) -> str:
    link = soup.find("a", attrs={"download": filename})
    assert isinstance(link, Tag)
    href = link.get("href")
    assert isinstance(href, str)
    head, _, payload = href.partition(",")
    assert head.startswith("data:") and head.endswith(";base64")
    return base64.b64decode(payload).decode("utf-8")


# --- headers, forms, accessibility ---------------------------------------------------------------------------------

PAGES = ["/", "/jd/draft", "/jd/lint", "/listings"]


@pytest.mark.parametrize("path", [*PAGES, "/static/style.css", "/static/app.js", "/no/such/page",
                                  "/api/openapi.json", "/listings/nope"])
def test_security_headers_on_every_response(client: FlaskClient, path: str) -> None:
    with client.get(path) as r:  # closes a static file's handle
        headers = r.headers
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("path", PAGES)
def test_pages_use_no_inline_script_or_style_and_label_every_input(client: FlaskClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "no-store"
    soup = soup_of(r)
    assert soup.html is not None and soup.html.get("lang") == "en"
    for script in soup.find_all("script"):
        assert script.get("src", "").startswith("/static/") and not script.get_text().strip()
    assert soup.find_all("style") == []
    assert [t.name for t in soup.find_all(style=True)] == []
    assert [(t.name, a) for t in soup.find_all(True) for a in t.attrs if a.lower().startswith("on")] == []
    for link in soup.find_all(["link", "script", "img"]):
        ref = link.get("href") or link.get("src") or ""
        assert ref.startswith("/"), f"external asset {ref}"
    for field in soup.find_all(["input", "select", "textarea"]):
        if field.get("type") == "hidden":
            continue
        ident = field.get("id")
        labelled = ident and soup.find("label", attrs={"for": ident})
        assert labelled or field.get("aria-label"), f"no label for {field}"
    skip = soup.find("a", class_="skip")
    assert isinstance(skip, Tag) and skip.get("href") == "#content" and soup.find(id="content") is not None
    assert soup.find("nav") is not None and soup.find("main") is not None and len(soup.find_all("h1")) == 1


def test_home_has_the_upload_form(client: FlaskClient) -> None:
    soup = soup_of(client.get("/"))
    form = soup.find("form", attrs={"action": "/report"})
    assert isinstance(form, Tag)
    assert form.get("method") == "post" and form.get("enctype") == "multipart/form-data"
    file_input = form.find("input", attrs={"type": "file", "name": "resume"})
    assert isinstance(file_input, Tag) and file_input.has_attr("required")
    assert text_of(form, "label[for=resume]") == "Your resume"
    csrf = form.find("input", attrs={"name": "csrf_token", "type": "hidden"})
    assert isinstance(csrf, Tag) and csrf.get("value")
    assert form.find("button", attrs={"type": "submit"}) is not None


def test_stylesheet_has_focus_styles_and_phone_layout(client: FlaskClient) -> None:
    with client.get("/static/style.css") as r:
        css = r.get_data(as_text=True)
    assert ":focus-visible" in css and "@media (max-width: 36rem)" in css
    assert "url(" not in css and "@import" not in css


# --- uploads: the report -------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", ["example_resume.pdf", "example_resume.docx", "example_resume.txt",
                                  "example_resume.json"])
def test_upload_gives_the_report(client: FlaskClient, name: str) -> None:
    from skillmatch.analyze import analyze_resume
    from skillmatch.read.document import read_document

    data = (EXAMPLES / name).read_bytes()
    r = upload(client, data, name, csrf=token(client))
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "no-store"
    soup = soup_of(r)
    expected = analyze_resume(read_document(data, name=name))

    level = soup.select_one(".headline .level")
    assert isinstance(level, Tag) and level.get("data-level") == expected.best_level
    assert text_of(soup, ".headline .level") == LEVEL_NAMES[str(expected.best_level)]
    assert text_of(soup, ".headline .conf strong") == f"{expected.confidence:.0%}"

    charts = soup.find_all("svg")
    assert len(charts) == 2
    for svg in charts:
        assert svg.get("role") == "img" and svg.get("aria-label") and svg.find("title") is not None
    assert soup.select_one("#levels svg") is not None and soup.select_one("#pillars svg") is not None

    # every skill, each with the lines that show it
    shown = {li["data-skill"]: [" ".join(q.get_text().split()) for q in li.select("q.quote")]
             for li in soup.select("#skills li[data-skill]")}
    assert set(shown) == {s.id for s in expected.skills}
    document_text = " ".join(read_document(data, name=name).text.split())
    for skill in expected.skills:
        assert len(shown[skill.id]) == len(skill.evidence) >= 1
        for quote in shown[skill.id]:
            assert quote in document_text

    # gaps for this level and the next, background, pay band
    for ident, gaps in (("gaps-current", expected.gaps_current), ("gaps-next", expected.gaps_next)):
        shown_gaps = [li["data-skill"] for li in soup.select(f"#{ident} li, #{ident}-more li")]
        assert shown_gaps == [g.skill_id for g in gaps]
        assert len(soup.select(f"#{ident} li")) == min(len(gaps), 8)  # the rest behind "N more"
    assert expected.background is not None
    assert text_of(soup, "#background .bg-name") == expected.background.name
    assert len(soup.select("#typical-gaps li")) == len(expected.background.typical_gaps)
    assert expected.band is not None
    assert text_of(soup, "#pay .pay strong") == f"${expected.band.base_min:,}–${expected.band.base_max:,}"
    assert soup.select_one("#listings") is None  # no database, no listings section

    # downloads: the same JSON as the CLI and the Markdown report, carried by the page itself
    assert json.loads(data_uri_text(soup, "skillmatch-report.json")) == json.loads(json.dumps(expected.to_dict()))
    assert data_uri_text(soup, "skillmatch-report.md").startswith("# skillmatch report")


@pytest.mark.slow
def test_type_comes_from_the_bytes_not_the_name(client: FlaskClient) -> None:
    pdf = (EXAMPLES / "example_resume.pdf").read_bytes()
    r = upload(client, pdf, "resume.txt", csrf=token(client), content_type="text/plain")
    assert r.status_code == 200
    assert soup_of(r).select_one(".headline .level") is not None
    assert "read as PDF" in text_of(soup_of(r), "main > p.muted")

    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    r = upload(client, png, "resume.pdf", csrf=token(client), content_type="application/pdf")
    assert r.status_code == 400
    assert "image (PNG)" in problem(r)


@pytest.mark.slow
def test_resume_markup_is_shown_as_text(client: FlaskClient) -> None:
    payload = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    hostile = MARKED_RESUME.replace("- Built the weekly", f"- {payload}Built the weekly")
    r = upload(client, hostile.encode(), "resume.md", csrf=token(client))
    assert r.status_code == 200
    soup = soup_of(r)
    main = soup.find("main")
    assert isinstance(main, Tag)
    assert main.find_all(["img", "script", "iframe"]) == []
    quotes = [q.get_text() for q in main.select("q.quote")]
    assert any(q.startswith(f"{payload}Built") for q in quotes)


@pytest.mark.slow
def test_uploads_stay_in_memory_and_out_of_the_logs(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    streams: list[str] = []

    @app.post("/probe-stream")
    def probe() -> str:
        streams.append(type(request.files["resume"].stream).__name__)
        return "ok"

    client = app.test_client()
    big = MARKED_RESUME.encode() + b"\n" + b"Brindlewood padding line for size\n" * 40_000  # ~1.4 MB: Werkzeug spills
    assert upload(client, big, "big.txt", csrf=token(client), path="/probe-stream").status_code == 200
    assert streams == ["BytesIO"]

    caplog.set_level(logging.DEBUG)
    r = upload(client, MARKED_RESUME.encode(), "quillon.txt", csrf=token(client))
    assert r.status_code == 200
    client.post("/api/analyze", data=MARKED_RESUME.encode(), content_type="text/plain")
    logged = "\n".join(f"{rec.name} {rec.getMessage()}" for rec in caplog.records)
    assert "POST /report 200" in logged  # the access log is on
    for line in MARKED_RESUME.splitlines():
        if line.strip():
            assert line.strip() not in logged
    assert "Brindlewood" not in logged and "Quillon" not in logged


# --- bad uploads: friendly 400 / 413 -------------------------------------------------------------------------------


def _zip_without_document() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a word document")
    return buf.getvalue()


@pytest.mark.parametrize(("data", "name", "says"), [
    (b"", "empty.pdf", "empty file"),
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "photo.png", "image (PNG)"),
    (b"\x7fELF" + bytes(64), "resume.docx", "executable"),
    (bytes(range(256)) * 8, "noise.bin", "binary"),
    (b"%PDF-1.7\n" + b"\x00garbage" * 20, "broken.pdf", "PDF"),
    (_zip_without_document(), "resume.docx", "not a Word document"),
    (b'{"basics": "not an object"', "resume.json", "invalid JSON"),
], ids=["empty", "png", "elf", "noise", "broken-pdf", "zip-not-docx", "bad-json"])
def test_unreadable_files_get_a_friendly_400(client: FlaskClient, data: bytes, name: str, says: str) -> None:
    r = upload(client, data, name, csrf=token(client))
    assert r.status_code == 400
    assert r.mimetype == "text/html"
    detail = problem(r)
    assert detail.startswith("The file could not be read:")
    assert says in detail


def test_no_file_chosen_is_400_with_the_form_again(client: FlaskClient) -> None:
    r = client.post("/report", data={"csrf_token": token(client)}, content_type="multipart/form-data")
    assert r.status_code == 400
    soup = soup_of(r)
    assert text_of(soup, "#resume-error") == "Choose a resume file to upload."
    assert soup.find("input", attrs={"type": "file", "aria-invalid": "true"}) is not None


def test_missing_or_wrong_csrf_token_is_400(client: FlaskClient) -> None:
    data = (EXAMPLES / "example_resume.txt").read_bytes()
    token(client)
    r = upload(client, data, "resume.txt")
    assert r.status_code == 400
    assert "security token" in problem(r)
    r = upload(client, data, "resume.txt", csrf="forged")
    assert r.status_code == 400
    fresh = create_app({"TESTING": True}).test_client()  # a token without its session cookie
    r = upload(fresh, data, "resume.txt", csrf=token(client))
    assert r.status_code == 400


def test_upload_over_10_mb_is_413(client: FlaskClient) -> None:
    r = upload(client, b"a" * (MAX_UPLOAD + 1024), "big.txt", csrf=token(client))
    assert r.status_code == 413
    assert "10 MB" in problem(r)


def test_get_report_goes_back_to_the_form(client: FlaskClient) -> None:
    r = client.get("/report")
    assert r.status_code == 302 and r.headers["Location"] == "/"


def test_unexpected_errors_are_a_friendly_500_logged_without_their_message(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app({"TESTING": False})

    @app.get("/boom")
    def boom() -> str:
        raise ValueError("Quillon Varga-Teshmar, Brindlewood Tiles")  # as if a library quoted the resume

    caplog.set_level(logging.DEBUG)
    r = app.test_client().get("/boom")
    assert r.status_code == 500
    assert text_of(soup_of(r), "section.problem h1") == "Something went wrong on our side"
    assert "Quillon" not in r.get_data(as_text=True)
    assert r.headers["Content-Security-Policy"] == CSP
    logged = "\n".join(rec.getMessage() for rec in caplog.records)
    assert "unhandled ValueError on GET /boom" in logged
    assert "Quillon" not in logged and "Brindlewood" not in logged


def test_the_web_package_never_fetches_anything() -> None:
    """The UI only reads what the CLI stored: no scrape route, and no module of web/ imports a network client."""
    import ast

    app = create_app({"TESTING": True})
    assert not [r.rule for r in app.url_map.iter_rules() if "scrape" in r.rule or "fetch" in r.rule]
    banned = {"skillmatch.fetch", "urllib.request", "http.client", "requests", "httpx", "socket", "aiohttp"}
    for path in (ROOT / "web").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not imported & banned, path.name
        assert not any(m == "scrape" or m.endswith(".scrape") for m in imported), path.name


def test_unknown_page_is_a_friendly_404(client: FlaskClient) -> None:
    r = client.get("/wp-admin")
    assert r.status_code == 404
    assert text_of(soup_of(r), "section.problem h1") == "Page not found"


# --- JD pages ------------------------------------------------------------------------------------------------------


def test_jd_draft(client: FlaskClient) -> None:
    form = soup_of(client.get("/jd/draft")).find("form")
    assert isinstance(form, Tag)
    assert [o["value"] for o in form.select("select#level option")] == list(LEVEL_NAMES)
    r = client.post("/jd/draft", data={"csrf_token": token(client, "/jd/draft"), "level": "director",
                                       "company": "Acme Tiles", "remote": "y", "skills": ["sql"]})
    assert r.status_code == 200
    soup = soup_of(r)
    markdown = soup.find("textarea", id="markdown")
    assert isinstance(markdown, Tag) and markdown.has_attr("readonly")
    assert markdown.get_text().startswith("# Director of Sales Operations\n")
    jsonld = soup.find("textarea", id="jsonld")
    assert isinstance(jsonld, Tag)
    posting_ = json.loads(jsonld.get_text())
    assert posting_["@type"] == "JobPosting" and posting_["hiringOrganization"]["name"] == "Acme Tiles"
    assert posting_["jobLocationType"] == "TELECOMMUTE" and "SQL" in posting_["skills"]
    for button in soup.select("button[data-copy]"):
        assert soup.find(id=button["data-copy"]) is not None
    preview = soup.select_one("article.preview")
    assert isinstance(preview, Tag) and preview.find("h2") is not None and preview.find("script") is None


def test_jd_draft_bad_input_is_400_on_the_form(client: FlaskClient) -> None:
    r = client.post("/jd/draft", data={"csrf_token": token(client, "/jd/draft"), "level": "director",
                                       "pay": "lots of money"})
    assert r.status_code == 400
    assert soup_of(r).select_one("form .error[role=alert]") is not None
    r = client.post("/jd/draft", data={"csrf_token": token(client, "/jd/draft"), "level": "intern"})
    assert r.status_code == 400 and soup_of(r).select_one("#level-error") is not None
    r = client.post("/jd/draft", data={"level": "director"})
    assert r.status_code == 400 and "security token" in problem(r)


@pytest.mark.slow
def test_jd_lint_marks_each_line_and_puts_findings_beside_it(client: FlaskClient) -> None:
    from skillmatch.jd.lint import lint_jd

    expected = lint_jd(LINT_JD)
    r = client.post("/jd/lint", data={"csrf_token": token(client, "/jd/lint"), "text": LINT_JD.replace("\n", "\r\n")})
    assert r.status_code == 200
    soup = soup_of(r)
    rows = {int(li["data-line"]): li for li in soup.select("#lint-lines > li")}
    lines = LINT_JD.splitlines()
    assert set(rows) == {n for n, line in enumerate(lines, 1) if line.strip()}
    for ll in expected.lines:
        badge = rows[ll.line].select_one(".line-level .badge")
        assert badge is not None and " ".join(badge.get_text().split()) == LEVEL_NAMES[ll.level]
    for f in expected.findings:
        where = rows[f.line] if f.line is not None else soup.select_one("#general-findings")
        assert where is not None
        assert f.code in [li["data-code"] for li in where.select(".finding")]
    vp_line = lines.index("- Own the global go-to-market strategy and present the operating model to the board.") + 1
    assert [li["data-code"] for li in rows[vp_line].select(".finding.sev-error")]
    assert "pay_missing" in [li["data-code"] for li in soup.select("#general-findings .finding")]
    summary = text_of(soup, "#lint-summary")
    assert f"{len(expected.errors)} error" in summary


def test_jd_lint_empty_text_is_400(client: FlaskClient) -> None:
    r = client.post("/jd/lint", data={"csrf_token": token(client, "/jd/lint"), "text": "  "})
    assert r.status_code == 400
    assert text_of(soup_of(r), "#text-error") == "Paste a job description to check."


# --- listings ------------------------------------------------------------------------------------------------------


def test_listings_without_a_database(client: FlaskClient) -> None:
    soup = soup_of(client.get("/listings"))
    assert soup.select_one("p.notice") is not None and soup.select_one("#results") is None
    assert client.get("/listings/abc").status_code == 404


def _titles(soup: BeautifulSoup) -> list[str]:
    return [" ".join(a.get_text().split()) for a in soup.select("#results .listing-title a")]


@pytest.mark.slow
def test_listings_search_and_filters(db_client: FlaskClient) -> None:
    soup = soup_of(db_client.get("/listings"))
    assert text_of(soup, "#result-count") == "4 listings"
    assert len(_titles(soup)) == 4
    assert _titles(soup_of(db_client.get("/listings?q=compensation+mechanics"))) == ["Sales Operations Manager"]
    assert _titles(soup_of(db_client.get("/listings?q=board+capacity"))) == ["Director of Sales Operations"]
    rich = soup_of(db_client.get("/listings?min_pay=%24150K"))
    assert _titles(rich) == ["Director of Sales Operations"]
    field = rich.find("input", id="min_pay")
    assert isinstance(field, Tag) and field.get("value") == "150000"
    analysts = soup_of(db_client.get("/listings?level=analyst"))
    assert "Sales Operations Analyst" in _titles(analysts)
    selected = analysts.select_one("select#level option[selected]")
    assert selected is not None and selected["value"] == "analyst"
    assert "Sales Operations Analyst" in _titles(soup_of(db_client.get("/listings?skill=sql")))
    odd = soup_of(db_client.get('/listings?q=%22unbalanced&min_pay=lots&level=ceo'))
    assert len(odd.select("p.error")) == 2
    assert text_of(odd, "#result-count").endswith("listings")


@pytest.mark.slow
def test_listing_page_shows_facts_and_sanitized_text(db_client: FlaskClient) -> None:
    from skillmatch.listings.store import Store

    with Store(db_client.application.config["DATABASE"]) as store:
        hostile = store.search(q="Payload")[0]
        director = store.search(q="Lindqvist")[0]
    soup = soup_of(db_client.get(f"/listings/{director.id}"))
    assert text_of(soup, "h1") == "Director of Sales Operations"
    facts = {" ".join(dt.get_text().split()): " ".join(dt.find_next_sibling("dd").get_text().split())
             for dt in soup.select(".facts dt")}
    assert facts["Pay"].startswith("$165,000–$195,000 a year")
    assert facts["Reads as"].startswith(LEVEL_NAMES[str(director.level)])
    assert soup.select_one("#level-score") is not None
    assert [li["data-skill"] for li in soup.select("#listing-skills li")] == [s for s, _ in director.skills]

    r = db_client.get(f"/listings/{hostile.id}")
    assert r.status_code == 200
    soup = soup_of(r)
    article = soup.select_one("#listing-text")
    assert isinstance(article, Tag)
    assert article.find_all(["script", "img", "svg", "iframe", "style"]) == []
    risky = [(t.name, a) for t in soup.find_all(True) for a in t.attrs if a.lower().startswith("on") or a == "style"]
    assert risky == []
    assert [a.get("href") for a in article.find_all("a")] == [None]
    assert "Run the weekly forecast call in Salesforce and flag slipped deals." in [li.get_text() for li in
                                                                                    article.find_all("li")]
    external = soup.select_one("a.ext")
    assert isinstance(external, Tag) and external.get("href") == "https://jobs.example.test/payload/1"


@pytest.mark.slow
def test_report_with_a_database_shows_market_pay_and_best_listings(db_client: FlaskClient) -> None:
    data = (EXAMPLES / "example_resume.txt").read_bytes()
    soup = soup_of(upload(db_client, data, "resume.txt", csrf=token(db_client)))
    level = soup.select_one(".headline .level")
    assert isinstance(level, Tag)
    items = soup.select("#listings ol.results li")
    assert items, "no best-fit listings"
    for item in items:
        a = item.find("a")
        assert isinstance(a, Tag) and str(a["href"]).startswith("/listings/")
    if level["data-level"] in ("analyst", "manager", "director"):
        assert soup.select_one("#pay .market") is not None


# --- API -----------------------------------------------------------------------------------------------------------


def test_openapi_describes_every_api_route(client: FlaskClient, app: Flask) -> None:
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    documented = {p.replace("{listing_id}", "<listing_id>") for p in spec["paths"]}
    routed = {rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")}
    assert documented == routed
    for item in spec["paths"].values():
        for op in item.values():
            assert op["summary"] and "200" in op["responses"]


@pytest.mark.slow
def test_api_analyze_is_the_cli_json_and_needs_no_csrf(client: FlaskClient) -> None:
    from skillmatch.analyze import analyze_resume
    from skillmatch.read.document import read_document

    data = (EXAMPLES / "example_resume.pdf").read_bytes()
    expected = json.loads(json.dumps(analyze_resume(read_document(data, name="example_resume.pdf")).to_dict()))
    r = client.post("/api/analyze", data={"file": (io.BytesIO(data), "example_resume.pdf")},
                    content_type="multipart/form-data")
    assert r.status_code == 200 and r.get_json() == expected
    assert list(r.get_json()) == list(expected)  # same key order as the CLI
    r = client.post("/api/analyze?name=example_resume.pdf", data=data, content_type="application/pdf")
    assert r.get_json() == expected


def test_api_errors_are_json(client: FlaskClient) -> None:
    r = client.post("/api/analyze", data=b"\x89PNG\r\n\x1a\n" + bytes(32), content_type="application/octet-stream")
    assert r.status_code == 400 and "image" in r.get_json()["error"]
    r = client.post("/api/analyze", data=b"", content_type="application/octet-stream")
    assert r.status_code == 400 and r.get_json()["status"] == 400
    r = client.post("/api/analyze", data=b"x" * (MAX_UPLOAD + 1), content_type="text/plain")
    assert r.status_code == 413 and r.is_json
    assert client.get("/api/analyze").status_code == 405
    assert client.get("/api/listings").status_code == 503
    r = client.post("/api/jd/lint", json={"text": "   "})
    assert r.status_code == 400 and r.get_json()["error"] == "The job description text is empty."
    r = client.post("/api/jd/lint", json=["not", "an", "object"])
    assert r.status_code == 400


@pytest.mark.slow
def test_api_jd_lint(client: FlaskClient) -> None:
    from skillmatch.jd.lint import lint_jd

    r = client.post("/api/jd/lint", json={"text": LINT_JD, "title": "Sales Operations Analyst"})
    assert r.status_code == 200
    assert r.get_json() == json.loads(json.dumps(lint_jd(LINT_JD, title="Sales Operations Analyst").to_dict()))


@pytest.mark.slow
def test_api_listings(db_client: FlaskClient) -> None:
    body = db_client.get("/api/listings?limit=2").get_json()
    assert body["total"] == 4 and body["limit"] == 2 and len(body["listings"]) == 2
    body = db_client.get("/api/listings?q=Lindqvist").get_json()
    assert [x["company"] for x in body["listings"]] == ["Lindqvist Freight"]
    one = db_client.get(f"/api/listings/{body['listings'][0]['id']}").get_json()
    assert one == body["listings"][0]
    assert db_client.get("/api/listings?level=ceo").status_code == 400
    assert db_client.get("/api/listings?limit=0").status_code == 400
    assert db_client.get("/api/listings/nope").status_code == 404
