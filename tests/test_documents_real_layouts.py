"""Reading resumes laid out the way real PDFs come out of the extractor.

Real resume PDFs hand a role's header out as separate short lines (``01/2010``, ``to``, ``Current``,
``Sales Manager``, ``Company Name``, ``City``, ``,``, ``State``), carry anonymised placeholders, and
mis-decoded glyphs (``ï¼`` plus a zero-width space for a full-width colon). The fixtures in
``fixtures/resumes_real_layouts`` are synthetic resumes of those shapes, each read twice: as the
page text pypdf extracts (through the same path as a PDF's text) and as a generated PDF whose
pieces are placed one by one, the way the real files are built, so pypdf splits them again.
``scripts/eval_resumes.py`` measures the same reading on the real set (not in CI).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from skillmatch.read import document as documents
from skillmatch.read.document import Document, document_from_text, read_document
from skillmatch.read.employment import years_of_experience
from skillmatch.read.logical_lines import clean_text, is_placeholder, rebuild_lines

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "resumes_real_layouts"
EXPECTED = {k: v for k, v in json.loads((FIXTURES / "EXPECTED.json").read_text("utf-8")).items() if k != "_about"}
TODAY = dt.date(2026, 1, 1)
STRAY = re.compile("ï¼|Â|â€|[\u200b\u200c\u200d\u2060\ufeff]")


def layout_pdf(text: str, path: Path) -> Path:
    """A one-page PDF with each line of ``text`` placed as its own text object.

    Pieces of one visual line (the line before ends in a space, or a line of spaces sits between)
    share a baseline; the y axis is flipped as in the real files, which makes pypdf put every
    piece on a line of its own, as it does for them.
    """
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    ops = ["0.75 0 0 -0.75 0 792 cm"]
    lines = text.splitlines()
    x, y, same_line = 40.0, 40.0, False
    for i, line in enumerate(lines):
        if line and not line.strip():
            same_line = True
            continue
        if not same_line:
            x, y = 40.0, y + 18
        piece = line + (" " if i + 1 < len(lines) and lines[i + 1] and not lines[i + 1].strip() else "")
        data = piece.encode("cp1252", "ignore").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(f"q BT /F1 13 Tf 1 0 0 -1 0 0 Tm {x:.1f} {-y:.1f} Td (".encode("latin-1") + data + b") Tj ET Q")
        x += 7.5 * len(piece) + 12
        same_line = line.endswith(" ")
    stream = StreamObject()
    stream.set_data(b"\n".join(o if isinstance(o, bytes) else o.encode("latin-1") for o in ops))
    page[NameObject("/Contents")] = writer._add_object(stream)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def read_fixture(name: str, how: str, tmp_path: Path) -> Document:
    text = (FIXTURES / name).read_text("utf-8")
    if how == "extracted":
        return documents._pdf_document_from_pages([text], name)
    return read_document(layout_pdf(text, tmp_path / name.replace(".txt", ".pdf")))


@pytest.fixture(params=["extracted", "pdf"])
def how(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_layouts_read_dates_titles_sections_and_years(name: str, how: str, tmp_path: Path) -> None:
    expected = EXPECTED[name]
    document = read_fixture(name, how, tmp_path)
    assert document.text == "\n".join(line.text for line in document.lines)
    assert list(document.sections) == expected["sections"]
    found = [[r.start.isoformat(), r.end.isoformat() if r.end else None, r.title] for r in document.employment]
    assert found == expected["employment"]
    assert years_of_experience(document.employment, today=TODAY) == expected["years"]
    texts = [line.text for line in document.lines]
    for line in expected["lines"]:
        assert line in texts
    for r in document.employment:  # the date text and title are verbatim from their line
        assert r.text in document.lines[r.line - 1].text
        assert r.title is None or r.title in document.text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_placeholders_and_stray_glyphs_are_not_in_the_text(name: str, how: str, tmp_path: Path) -> None:
    document = read_fixture(name, how, tmp_path)
    assert "Company Name" not in document.text
    assert not any(is_placeholder(line.text) for line in document.lines)
    assert not any(line.text.strip() in {",", ":", "-"} for line in document.lines)
    assert not STRAY.search(document.text)


# ----------------------------------------------------------------------------------- glyph hygiene


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("University ï¼\u200b City", "University : City"),  # full-width colon that lost a byte
        ("Personable and friendlyÂ ", "Personable and friendly "),  # no-break space as Windows-1252
        ("Company Name â€“ City", "Company Name – City"),
        ("donâ€™t", "don’t"),
        ("CafÃ© crÃ¨me", "Café crème"),
        ("â€¢ Pipeline reports", "• Pipeline reports"),
        ("Built\u200b dash\u200dboards\ufeff", "Built dashboards"),
        ("ﬁnance ｆｏｒｅｃａｓｔ", "finance forecast"),  # NFKC: ligature, full-width letters
        ("Café, Zürich, naïve, Penn State", "Café, Zürich, naïve, Penn State"),  # real text stays
        ("Sales Analyst 03/2018 – 06/2021", "Sales Analyst 03/2018 – 06/2021"),
    ],
)
def test_clean_text_repairs(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


# --------------------------------------------------------------------------------- line rebuilding


@pytest.mark.parametrize(
    ("pieces", "start", "end"),
    [
        (["01/2010", "to", "Current"], dt.date(2010, 1, 1), None),
        (["Jan 2015", "to", "Dec 2017"], dt.date(2015, 1, 1), dt.date(2017, 12, 31)),
        (["2012", "-", "2014"], dt.date(2012, 1, 1), dt.date(2014, 1, 1)),
        (["March 2013", "–", "Present"], dt.date(2013, 3, 1), None),
        (["Sept. 2018 to", "Now"], dt.date(2018, 9, 1), None),
        (["Jun 2019", "- Present"], dt.date(2019, 6, 1), None),
        (["10/2013", "Current"], dt.date(2013, 10, 1), None),  # start above end, no separator
        (["08/2014", "ï¼\u200b", "02/2015"], dt.date(2014, 8, 1), dt.date(2015, 2, 28)),
        (["Sales Manager 2016 -", "2019"], dt.date(2016, 1, 1), dt.date(2019, 1, 1)),
    ],
)
def test_a_range_split_over_lines_is_one_range(pieces: list[str], start: dt.date, end: dt.date | None) -> None:
    document = document_from_text("\n".join(["Experience", "Sales Manager", *pieces, "Ran the forecast."]))
    assert [(r.start, r.end) for r in document.employment] == [(start, end)]
    assert document.employment[0].title == "Sales Manager"
    assert len(document.lines) == 4  # heading, title, the joined dates, the bullet


def test_whole_lines_are_left_alone() -> None:
    # a title above a complete range, two years of two entries, a heading: nothing is joined
    lines = ["Experience", "Sales Analyst, Bluefin Corp", "Jan 2019 - Present", "2012", "2014",
             "  indented detail", "", "Education", "2008"]
    assert rebuild_lines(lines) == [(line, i) for i, line in enumerate(lines)]


def test_placeholders_and_debris_are_dropped_or_cut_off() -> None:
    lines = ["Experience", "Company Name", "City", ",", "State", "Sales Manager Company Name - City , State",
             "Graduated from Penn State", "Worked with the City of Denver"]
    assert [t for t, _ in rebuild_lines(lines)] == ["Experience", "Sales Manager", "Graduated from Penn State",
                                                    "Worked with the City of Denver"]


def test_pieces_of_one_visual_line_join_but_a_heading_does_not() -> None:
    texts = ["Experience", "Company Name", " ", "Case Manager", " ", "12/2013", " ", "to ", "Current",
             "Provides case management services to families."]
    linked = [False] * len(texts)
    got = [t for t, _ in rebuild_lines(texts, linked, blank_separators=True, is_heading=lambda t: t == "Experience")]
    assert got == ["Experience", "Case Manager 12/2013 to Current", "Provides case management services to families."]


def test_overlapping_roles_from_split_dates_count_once() -> None:
    document = document_from_text("\n".join([
        "Work History", "Manager", "01/2015", "to", "12/2018", "Consultant", "06/2017", "to", "05/2019",
    ]))
    assert len(document.employment) == 2
    assert years_of_experience(document.employment, today=TODAY) == 4.4  # 2015-01 .. 2019-05


def test_inline_layout_pdf_drops_placeholders(make_pdf) -> None:
    document = read_document(make_pdf([
        "Experience", "Staff Accountant 01/2010 to 05/2014 Company Name City , State", "Closed the books monthly.",
    ]))
    assert [line.text for line in document.lines] == [
        "Experience", "Staff Accountant 01/2010 to 05/2014", "Closed the books monthly."]
    assert [(r.text, r.title) for r in document.employment] == [("01/2010 to 05/2014", "Staff Accountant")]
