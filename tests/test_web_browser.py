"""The web UI in a real browser: Playwright driving Debian's chromium against ``skillmatch serve``.

Screenshots go to ``out/screenshots/`` (at 1280 px and at a 390 px phone width). Every page is also
watched for console errors, Content-Security-Policy violations, dialogs and uncaught exceptions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import running_server
from test_web import HOSTILE_HTML, LEVEL_NAMES, LINT_JD, LISTINGS, posting

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "example_resume.pdf"
SHOTS = ROOT / "out" / "screenshots"
WIDTHS = {"laptop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``skillmatch serve`` on a free loopback port over a database of scored listings, one of them hostile."""
    from skillmatch.listings.batch import run_scoring
    from skillmatch.listings.store import Store
    from skillmatch.read.listing import parse_listing

    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "listings.db"
    pages = [*LISTINGS, posting("Sales Operations Manager", "Payload Corp", "https://jobs.example.test/payload/1",
                                HOSTILE_HTML)]
    with Store(db) as store:
        store.add_listings([parse_listing(p) for p in pages])
        run_scoring(store, progress=False)
    with running_server(db, tmp / "server.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"], headless=True)
        yield b
        b.close()


@dataclass
class Watch:
    """What a page did besides rendering: console errors (CSP violations among them), dialogs, exceptions."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture(params=list(WIDTHS))
def width(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def page(browser: Any, width: str, base_url: str) -> Iterator[tuple[Any, Watch]]:
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, base_url=base_url, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    pg = context.new_page()
    watch = Watch()
    pg.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.exceptions.append(str(e)))
    pg.on("request", lambda r: watch.requests.append(r.url))

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    yield pg, watch
    context.close()
    assert watch.errors == [] and watch.exceptions == [] and watch.dialogs == []


def shot(pg: Any, name: str, width: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}-{WIDTHS[width][0]}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def fits_width(pg: Any) -> bool:
    return bool(pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_upload_through_the_form_and_read_the_report(page: tuple[Any, Watch], width: str) -> None:
    pg, _ = page
    pg.goto("/")
    shot(pg, "home", width)
    pg.get_by_label("Your resume", exact=True).set_input_files(str(EXAMPLE))
    pg.get_by_role("button", name="Analyze my resume").click()
    level = pg.locator(".headline .level")
    level.wait_for(timeout=120_000)
    assert level.inner_text() in LEVEL_NAMES.values()
    assert pg.locator("main svg[role=img]").count() == 2
    assert pg.locator("#levels svg").is_visible() and pg.locator("#pillars svg").is_visible()
    assert pg.locator("#skills li[data-skill]").count() >= 5
    assert pg.locator("#skills li[data-skill] q.quote").first.is_visible()
    assert pg.locator("#gaps-current li, p#gaps-current").count() >= 1
    assert pg.locator("#background .bg-name").is_visible()
    assert pg.locator("#listings ol.results li").count() >= 1
    assert fits_width(pg)
    shot(pg, "report", width)

    with pg.expect_download() as got:
        pg.get_by_role("link", name="Download JSON").click()
    report = json.loads(Path(got.value.path()).read_text(encoding="utf-8"))
    assert report["best_level"] == level.get_attribute("data-level")
    assert got.value.suggested_filename == "skillmatch-report.json"
    with pg.expect_download() as got:
        pg.get_by_role("link", name="Download Markdown").click()
    assert Path(got.value.path()).read_text(encoding="utf-8").startswith("# skillmatch report")


def test_draft_a_jd_and_copy_its_json_ld(page: tuple[Any, Watch], width: str) -> None:
    pg, _ = page
    pg.goto("/jd/draft")
    pg.get_by_label("Level", exact=True).select_option("director")
    pg.get_by_label("Company", exact=True).fill("Acme Tiles")
    pg.get_by_label("Can be done remotely from anywhere in the U.S.", exact=True).check()
    pg.get_by_role("button", name="Draft it").click()
    markdown = pg.locator("textarea#markdown")
    markdown.wait_for()
    assert markdown.input_value().startswith("# Director of Sales Operations\n")
    jsonld = pg.locator("textarea#jsonld").input_value()
    assert json.loads(jsonld)["hiringOrganization"]["name"] == "Acme Tiles"
    pg.get_by_role("button", name="Copy JSON-LD").click()
    pg.get_by_role("button", name="Copied").wait_for()
    assert pg.evaluate("navigator.clipboard.readText()") == jsonld
    assert fits_width(pg)
    shot(pg, "jd-draft", width)


def test_lint_a_jd(page: tuple[Any, Watch], width: str) -> None:
    pg, _ = page
    pg.goto("/jd/lint")
    pg.get_by_label("Job description", exact=True).fill(LINT_JD)
    pg.get_by_role("button", name="Check it").click()
    pg.locator("#lint-lines").wait_for(timeout=120_000)
    number = LINT_JD.splitlines().index(
        "- Own the global go-to-market strategy and present the operating model to the board.") + 1
    row = pg.locator(f"#line-{number}")
    assert row.locator(".finding.sev-error").count() >= 1
    assert row.locator(".finding.sev-error").is_visible()
    assert pg.locator("#general-findings [data-code=pay_missing]").is_visible()
    assert pg.locator("#lint-lines .line-level .badge").count() >= 5
    assert fits_width(pg)
    shot(pg, "jd-lint", width)


def test_search_listings_and_open_one(page: tuple[Any, Watch], width: str) -> None:
    pg, _ = page
    pg.goto("/listings")
    assert pg.locator("#results li.listing").count() == 4
    pg.get_by_label("Search", exact=True).fill("board capacity")
    pg.get_by_label("Search", exact=True).press("Enter")
    pg.wait_for_url(re.compile(r"q=board"))
    assert pg.locator("#results li.listing").count() == 1
    pg.get_by_label("Level", exact=True).select_option("analyst")
    pg.get_by_label("Search", exact=True).fill("")
    pg.get_by_role("button", name="Search").click()
    pg.wait_for_url(re.compile(r"level=analyst"))
    assert pg.locator("#result-count").inner_text().startswith("1 listing")
    shot(pg, "listings", width)
    pg.locator("#results .listing-title a").first.click()
    pg.locator("#listing-text").wait_for()
    assert pg.locator("h1").inner_text() == "Sales Operations Analyst"
    assert pg.locator(".facts").is_visible()
    assert fits_width(pg)
    shot(pg, "listing", width)


def test_listing_payloads_run_no_script(page: tuple[Any, Watch], width: str) -> None:
    pg, watch = page
    pg.goto("/listings?q=Payload")
    pg.locator("#results .listing-title a").first.click()
    text = pg.locator("#listing-text")
    text.wait_for()
    assert "Run the weekly forecast call in Salesforce and flag slipped deals." in text.inner_text()
    pg.locator("#listing-text a", has_text="apply").click()  # the javascript: link lost its href
    pg.wait_for_timeout(300)
    assert pg.evaluate("typeof window.__xss") == "undefined"
    assert pg.locator("#listing-text script, #listing-text img, #listing-text svg, #listing-text iframe").count() == 0
    assert pg.locator("[onerror], [onload], [onclick], [srcdoc]").count() == 0
    assert not [u for u in watch.requests if u.rstrip("/").endswith("/x")]
    assert watch.dialogs == []
    shot(pg, "listing-hostile", width)


def test_keyboard_reaches_the_form_with_visible_focus(page: tuple[Any, Watch], width: str) -> None:
    pg, _ = page
    pg.goto("/")
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.className") == "skip"
    assert pg.locator("a.skip").bounding_box()["y"] >= 0  # the skip link shows when focused
    pg.keyboard.press("Enter")
    assert pg.evaluate("document.activeElement.id") == "content"
    for _ in range(5):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.id") == "resume":
            break
    assert pg.evaluate("document.activeElement.id") == "resume"
    assert pg.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.textContent.trim()") == "Analyze my resume"
    assert pg.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
