"""Reading resumes: every format round-trips its lines; pages, sections, employment ranges, years."""

from __future__ import annotations

import codecs
import datetime as dt
import importlib.resources
import io
import json
import runpy
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from pypdf import PdfReader, PdfWriter

from skillmatch.errors import InputError
from skillmatch.read.document import (
    Document,
    EmploymentRange,
    Line,
    document_from_text,
    read_document,
    years_of_experience,
)

ROOT = Path(__file__).resolve().parent.parent

RESUME_LINES = [
    "Casey Morgan",
    "casey.morgan@example.com",
    "",
    "Professional Summary",
    "Sales analyst who builds pipeline reports.",
    "",
    "WORK EXPERIENCE",
    "Sales Analyst, Bluefin Corp",
    "Jan 2019 - Present",
    "   - Built weekly pipeline dashboards in Tableau",
    "Reporting Analyst, Kestrel Inc. 03/2016 - 12/2018",
    "",
    "Education",
    "B.S. Statistics, State University, 2012 - 2016",
    "",
    "Skills & Tools:",
    "SQL, Excel, Salesforce",
]


def check_invariants(document: Document) -> None:
    assert [line.number for line in document.lines] == list(range(1, len(document.lines) + 1))
    assert document.text == "\n".join(line.text for line in document.lines)
    assert document.text.splitlines() == [line.text for line in document.lines]


def sections_of(document: Document) -> dict[str, str | None]:
    return {line.text: line.section for line in document.lines if line.text}


# ------------------------------------------------------------------------------------- round trips


def test_txt_lines_round_trip_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_text("\r\n".join(line + "  " for line in RESUME_LINES) + "\r\n\r\n", encoding="utf-8")
    document = read_document(path)
    check_invariants(document)
    assert [line.text for line in document.lines] == RESUME_LINES
    assert document.kind == "txt"
    assert document.name == "resume.txt"
    assert all(line.page is None for line in document.lines)


def test_txt_sections_follow_headings() -> None:
    document = document_from_text("\n".join(RESUME_LINES))
    sections = sections_of(document)
    assert sections["Casey Morgan"] is None
    assert sections["Professional Summary"] == "summary"
    assert sections["Sales analyst who builds pipeline reports."] == "summary"
    assert sections["   - Built weekly pipeline dashboards in Tableau"] == "experience"
    assert sections["B.S. Statistics, State University, 2012 - 2016"] == "education"
    assert sections["SQL, Excel, Salesforce"] == "skills"
    assert document.sections == ("summary", "experience", "education", "skills")
    skills = [line.text for line in document.lines_in("skills")]
    assert skills == ["Skills & Tools:", "SQL, Excel, Salesforce"]


def test_markdown_kind_and_heading_levels(tmp_path: Path) -> None:
    path = tmp_path / "cv.md"
    path.write_text(
        "# Casey Morgan\n\n## Experience\n### Analyst, Bluefin Corp\nJan 2020 - Dec 2021\n"
        "## Side Quests\nRan a chess club 2015 - 2019\n## Skills\nSQL\n",
        encoding="utf-8",
    )
    document = read_document(path)
    check_invariants(document)
    assert document.kind == "md"
    sections = sections_of(document)
    assert sections["# Casey Morgan"] is None
    assert sections["### Analyst, Bluefin Corp"] == "experience"  # a sub-heading stays in its section
    assert sections["Ran a chess club 2015 - 2019"] == "other"  # unknown heading at section level
    assert sections["SQL"] == "skills"
    assert [r.text for r in document.employment] == ["Jan 2020 - Dec 2021"]


def test_pdf_round_trips_lines_with_pages_and_sections(make_pdf) -> None:
    page1 = ["Casey Morgan", "Experience", "Sales Analyst, Bluefin Corp", "Jan 2019 - Present",
             "  indented detail line"]
    page2 = ["Education", "B.S. Statistics, 2012 - 2016", "Skills", "SQL, Tableau, Excel"]
    document = read_document(make_pdf(page1, page2, name="casey.pdf"))
    check_invariants(document)
    assert document.kind == "pdf"
    assert [line.text for line in document.lines] == page1 + page2
    assert [line.page for line in document.lines] == [1] * len(page1) + [2] * len(page2)
    assert [line.section for line in document.lines] == [None] + ["experience"] * 4 + ["education"] * 2 + [
        "skills"
    ] * 2
    assert [r.text for r in document.employment] == ["Jan 2019 - Present"]


def test_pdf_unicode_text_survives(make_pdf) -> None:
    lines = ["Café Résumé", "E X P E R I E N C E", "Analyst — Bluefin • Denver", "Jan 2019 – Present"]
    document = read_document(make_pdf(lines))
    assert [line.text for line in document.lines] == lines
    assert document.lines[1].section == "experience"  # letter-spaced heading
    assert document.employment[0].text == "Jan 2019 – Present"


def test_pdf_with_blank_owner_only_encryption_still_reads(make_pdf) -> None:
    source = make_pdf(["Experience", "Revenue analyst building pipeline reports", "2018 - 2020"])
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    document = read_document(buffer.getvalue(), name="protected.pdf")
    assert document.lines[1].text == "Revenue analyst building pipeline reports"


def test_docx_round_trips_paragraphs_and_heading_styles(make_docx) -> None:
    path = make_docx(
        [
            ("Casey Morgan", "Title"),
            "casey.morgan@example.com",
            ("Experience", "Heading 1"),
            ("Sales Analyst, Bluefin Corp", "Heading 2"),
            "Jan 2019 – Present",
            ("Built weekly pipeline dashboards in Tableau", "List Bullet"),
            ("Community Chess", "Heading 1"),
            "Club treasurer 2010 - 2014",
            ("Skills", "Heading 1"),
            "SQL, Excel",
        ]
    )
    document = read_document(path)
    check_invariants(document)
    assert document.kind == "docx"
    assert document.lines[0].text == "Casey Morgan"
    assert all(line.page is None for line in document.lines)
    sections = sections_of(document)
    assert sections["Casey Morgan"] is None
    assert sections["Sales Analyst, Bluefin Corp"] == "experience"
    assert sections["Built weekly pipeline dashboards in Tableau"] == "experience"
    assert sections["Club treasurer 2010 - 2014"] == "other"  # a Heading 1 outside the vocabulary
    assert sections["SQL, Excel"] == "skills"
    assert [r.text for r in document.employment] == ["Jan 2019 – Present"]


def test_docx_reads_tables_line_breaks_and_text_boxes_once(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Experience")
    document.add_paragraph("Analyst, Bluefin Corp\nJan 2019 - Dec 2020")  # a manual line break
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "Left cell"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Merged cell"
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    box = '<w:txbxContent><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:txbxContent>'
    run = parse_xml(
        f'<w:r {w} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><wps:txbx>' + box.format("Boxed text") +
        '</wps:txbx></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>' + box.format("Boxed text") +
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    document.add_paragraph("Anchor")._p.append(run)
    path = tmp_path / "tables.docx"
    document.save(str(path))
    result = read_document(path)
    check_invariants(result)
    assert [line.text for line in result.lines] == [
        "Experience",
        "Analyst, Bluefin Corp",
        "Jan 2019 - Dec 2020",
        "Left cell",
        "Merged cell",
        "Anchor",
        "Boxed text",
    ]
    assert result.employment[0].line == 3


def test_json_resume_renders_sections_and_work_dates(tmp_path: Path) -> None:
    resume = {
        "basics": {"name": "Casey Morgan", "label": "Sales Analyst", "email": "casey@example.com",
                   "summary": "Builds pipeline reports."},
        "work": [
            {"name": "Bluefin Corp", "position": "Sales Analyst", "startDate": "2019-01-15",
             "highlights": ["Owns the weekly pipeline report"]},
            {"company": "Kestrel Inc", "position": "Reporting Analyst", "startDate": "2016-03",
             "endDate": "2018-12", "summary": "Excel and SQL reporting."},
        ],
        "education": [{"institution": "State University", "studyType": "B.S.", "area": "Statistics",
                       "startDate": "2012", "endDate": "2016"}],
        "skills": [{"name": "Data", "keywords": ["SQL", "Excel"]}],
        "certificates": [{"name": "Tableau Desktop Specialist", "issuer": "Tableau", "date": "2021-05-01"}],
    }
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(resume), encoding="utf-8")
    document = read_document(path)
    check_invariants(document)
    assert document.kind == "json_resume"
    texts = [line.text for line in document.lines]
    assert "Sales Analyst — Bluefin Corp" in texts
    assert "• Owns the weekly pipeline report" in texts
    assert "Reporting Analyst — Kestrel Inc" in texts
    assert "Data: SQL, Excel" in texts
    assert "Tableau Desktop Specialist — Tableau (May 2021)" in texts
    sections = sections_of(document)
    assert sections["Casey Morgan"] is None
    assert sections["Builds pipeline reports."] == "summary"
    assert sections["Excel and SQL reporting."] == "experience"
    assert sections["B.S. in Statistics, State University"] == "education"
    assert sections["Data: SQL, Excel"] == "skills"
    assert [(r.start, r.end) for r in document.employment] == [
        (dt.date(2019, 1, 1), None),
        (dt.date(2016, 3, 1), dt.date(2018, 12, 31)),
    ]
    same = document_from_text(path.read_text(encoding="utf-8"), kind="json_resume", name="resume.json")
    assert same == document


# ------------------------------------------------------------------------------------ employment


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Jan 2019 – Present", dt.date(2019, 1, 1), None),
        ("January, 2019 - current", dt.date(2019, 1, 1), None),
        ("Sept. 2018 — Now", dt.date(2018, 9, 1), None),
        ("2015–Current", dt.date(2015, 1, 1), None),
        ("2016 to date", dt.date(2016, 1, 1), None),
        ("2019 - 2024", dt.date(2019, 1, 1), dt.date(2024, 1, 1)),
        ("2019-2024", dt.date(2019, 1, 1), dt.date(2024, 1, 1)),
        ("2020 - 2020", dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
        ("03/2018 – 06/2021", dt.date(2018, 3, 1), dt.date(2021, 6, 30)),
        ("3/2018-6/2021", dt.date(2018, 3, 1), dt.date(2021, 6, 30)),
        ("2018-03 to 2021-06", dt.date(2018, 3, 1), dt.date(2021, 6, 30)),
        ("03.2018 - 02.2020", dt.date(2018, 3, 1), dt.date(2020, 2, 29)),
        ("March 2017 to Dec 2019", dt.date(2017, 3, 1), dt.date(2019, 12, 31)),
        ("Jan '14 - Feb '15", dt.date(2014, 1, 1), dt.date(2015, 2, 28)),
        ("Summer 2016 - Fall 2016", dt.date(2016, 6, 1), dt.date(2016, 9, 30)),
        ("Mar 2017 – 2019", dt.date(2017, 3, 1), dt.date(2019, 1, 1)),
    ],
)
def test_employment_range_formats(text: str, start: dt.date, end: dt.date | None) -> None:
    document = document_from_text(f"Experience\nAnalyst, Bluefin Corp | {text} | Denver")
    assert [(r.start, r.end, r.text, r.line) for r in document.employment] == [(start, end, text, 2)]


@pytest.mark.parametrize(
    "text",
    [
        "Phone 555-2019-2024",  # digits of a phone number
        "Issued 12/03/2018 - renewed",  # a full date is not a month/year
        "Dec 2019 - Jan 2018",  # ends before it starts
        "2040 - 2042",  # in the future
        "Grew revenue 2019 by 14%",  # a single year is not a range
    ],
)
def test_not_employment_ranges(text: str) -> None:
    assert document_from_text(f"Experience\n{text}").employment == ()


def test_only_job_lines_count_as_employment() -> None:
    document = document_from_text(
        "\n".join(
            [
                "Casey Morgan",
                "Senior Sales Analyst, Bluefin Corp",  # no heading yet: a job-like line
                "Jan 2020 - Dec 2021",  # counts: the line above looks like a job entry
                "Lived in Denver 2001 - 2010",  # not a job entry
                "Education",
                "B.S. Statistics 2012 - 2016",
                "Certifications",
                "Tableau Desktop Specialist 2019 - 2022",
                "Projects",
                "Churn model 2018 - 2019",
                "Experience",
                "Bookkeeper at a bakery 2017 - 2018",  # any range in the experience section counts
            ]
        )
    )
    found = [(r.text, r.line) for r in document.employment]
    assert found == [("Jan 2020 - Dec 2021", 3), ("2017 - 2018", 12)]


def spans(*pairs: tuple[str, str | None]) -> list[EmploymentRange]:
    return [
        EmploymentRange(dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None, "x", 1)
        for start, end in pairs
    ]


def test_years_merge_overlaps_and_keep_gaps() -> None:
    today = dt.date(2025, 1, 1)
    overlapping = spans(("2015-01-01", "2017-12-31"), ("2017-01-01", "2018-12-31"))
    assert years_of_experience(overlapping, today=today) == 4.0
    nested = spans(("2010-01-01", "2019-12-31"), ("2012-01-01", "2013-12-31"))
    assert years_of_experience(nested, today=today) == 10.0
    gap = spans(("2010-01-01", "2010-12-31"), ("2013-01-01", "2014-12-31"))
    assert years_of_experience(gap, today=today) == 3.0
    present = spans(("2020-01-01", None), ("2022-01-01", "2030-01-01"))
    assert years_of_experience(present, today=today) == 5.0  # present and future ends stop today
    assert years_of_experience([], today=today) is None


def test_document_years_use_union_of_ranges() -> None:
    document = document_from_text(
        "Experience\nAnalyst 2015 - 2018\nConsultant Jan 2017 - Dec 2018\nManager Jan 2021 - Dec 2022\n"
        "Education\nB.A. 2005 - 2009"
    )
    assert len(document.employment) == 3
    assert document.years_experience == 6.0  # 2015-2018 ∪ 2017-2018 (4 years) + 2021-2022 (2 years)
    summary = document.to_dict()
    assert summary["years_experience"] == 6.0
    first = {"start": "2015-01-01", "end": "2018-01-01", "text": "2015 - 2018", "line": 2}
    assert summary["employment"][0] == first


def test_present_counts_to_today() -> None:
    start = dt.date.today().replace(day=1) - dt.timedelta(days=3 * 365)
    document = document_from_text(f"Experience\nAnalyst {start:%b %Y} - Present")
    expected = round(((dt.date.today() - start.replace(day=1)).days + 1) / 365.25, 1)
    assert document.years_experience == expected
    assert document_from_text("Skills\nSQL").years_experience is None


# ------------------------------------------------------------------------------ inputs and sniffing


def test_bytes_input_keeps_only_the_file_name(make_pdf) -> None:
    data = make_pdf(["Experience", "Sales Analyst, Bluefin Corp 2019 - 2021"]).read_bytes()
    document = read_document(data, name="C:\\Users\\casey\\Documents\\cv.pdf")
    assert document.kind == "pdf"
    assert document.name == "cv.pdf"
    assert read_document(data).name is None
    assert read_document(b"Skills\nSQL\n", name="uploads/cv.txt").lines[1].text == "SQL"


def test_type_is_sniffed_from_bytes_not_the_name(make_pdf, make_docx, tmp_path: Path) -> None:
    pdf = make_pdf(["Experience", "Sales Analyst, Bluefin Corp"], name="really-a-pdf.txt")
    assert read_document(pdf).kind == "pdf"
    docx_file = make_docx(["Skills", "SQL"], name="really-a-docx.pdf")
    assert read_document(docx_file).kind == "docx"
    text = tmp_path / "really-text.docx"
    text.write_text("Skills\nSQL\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a DOCX"):  # says DOCX, holds neither DOCX nor PDF: broken
        read_document(text)
    resume = tmp_path / "resume.txt"
    resume.write_text(json.dumps({"basics": {"name": "Casey Morgan"}}), encoding="utf-8")
    assert read_document(resume).kind == "json_resume"


@pytest.mark.parametrize(("bom", "encoding"), [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                               (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_text_with_byte_order_marks(bom: bytes, encoding: str) -> None:
    document = read_document(bom + "Skills\nSQL, Café\n".encode(encoding), name="cv.txt")
    assert [line.text for line in document.lines] == ["Skills", "SQL, Café"]


def test_max_size_is_adjustable(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_text("Skills\n" + "SQL\n" * 400, encoding="utf-8")
    assert read_document(path, max_size=2000).lines[0].text == "Skills"
    with pytest.raises(ValueError, match="max_size"):
        read_document(path, max_size=0)


def test_to_dict_leaves_out_the_text() -> None:
    document = document_from_text("Casey Morgan\nExperience\nAnalyst, Bluefin Corp Jan 2019 - Dec 2020")
    summary = document.to_dict()
    assert "Casey Morgan" not in json.dumps(summary)
    assert "Bluefin" not in json.dumps(summary)
    assert summary == {
        "kind": "txt",
        "name": None,
        "line_count": 3,
        "sections": ["experience"],
        "employment": [
            {"start": "2019-01-01", "end": "2020-12-31", "text": "Jan 2019 - Dec 2020", "line": 3}
        ],
        "years_experience": 2.0,
    }
    assert Line(2, "Experience", None, "experience").to_dict() == {
        "number": 2, "text": "Experience", "page": None, "section": "experience"
    }


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("EXPERIENCE", "experience"),
        ("Work History:", "experience"),
        ("W O R K   H I S T O R Y", "experience"),
        ("**Core Competencies**", "skills"),
        ("Licenses & Certifications", "certifications"),
        ("— Education —", "education"),
        ("- Skills", None),  # a list item, not a heading
        ("Skills: SQL, Excel", None),  # a label with content stays in its section
        ("Experience with Salesforce reports", None),
    ],
)
def test_heading_vocabulary(line: str, section: str | None) -> None:
    assert document_from_text(f"Casey Morgan\n{line}").lines[1].section == section


# ------------------------------------------------------------------------------- bundled example


EXAMPLE_KINDS = {"txt": "txt", "pdf": "pdf", "docx": "docx", "json": "json_resume"}


@pytest.mark.parametrize("suffix", sorted(EXAMPLE_KINDS))
def test_bundled_example_resume(suffix: str) -> None:
    resource = importlib.resources.files("skillmatch.data").joinpath(f"examples/example_resume.{suffix}")
    document = read_document(resource.read_bytes(), name=resource.name)
    check_invariants(document)
    assert document.kind == EXAMPLE_KINDS[suffix]
    assert document.sections == ("summary", "experience", "education", "certifications", "skills")
    assert [r.text for r in document.employment] == ["Apr 2023 – Present", "Jan 2021 – Mar 2023",
                                                     "Jun 2019 – Feb 2021"]
    # Jun 2019 to today; the overlapping months count once and the 2015-2019 degree not at all
    expected = round(((dt.date.today() - dt.date(2019, 6, 1)).days + 1) / 365.25, 1)
    assert document.years_experience == expected
    if suffix == "pdf":
        assert {line.page for line in document.lines} == {1, 2}
        assert document.lines_in("education")[0].page == 2


def test_bundled_examples_match_the_generator() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "make_examples.py"), run_name="make_examples")
    examples = ROOT / "data" / "examples"
    assert (examples / "example_resume.txt").read_text(encoding="utf-8") == script["render_txt"]()
    assert (examples / "example_resume.json").read_text(encoding="utf-8") == script["render_json"]()
    generated = read_document(script["render_docx"](), name="example_resume.docx")
    assert read_document(examples / "example_resume.docx").lines == generated.lines
