"""Words, list items and sentences a PDF glued together (skillmatch.read.glue), read from real PDFs.

The shapes are those of the real resume PDFs (synthetic text): a list of "Microsoft X" items wrapped
in a narrow column, each item drawn right against the next ("ExcelMicrosoft"); bullets with no break
between them ("efficiency.Tracked"); comma lists with no spaces; HTML entities left as text.
"""

from __future__ import annotations

from pathlib import Path

from conftest import PdfMaker

from skillmatch.extract.mentions import alias_mentions
from skillmatch.read.document import read_document
from skillmatch.read.glue import document_words, split_camel, split_sentences
from skillmatch.read.logical_lines import clean_text


def glued_list_pdf(path: Path, items: list[tuple[str, str]], top: list[str]) -> Path:
    """A PDF whose lines ``top`` are written one per line, then each (end, start) pair drawn on one
    baseline with the second word right against the first, as the real files draw a wrapped list."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    y = 20.0
    for line in top:
        pdf.text(20, y, line)
        y += 5
    for end, start in items:
        pdf.text(20, y, end)
        if start:
            pdf.text(20 + pdf.get_string_width(end), y, start)
        y += 5
    path.write_bytes(bytes(pdf.output()))
    return path


def test_a_wrapped_list_drawn_item_against_item_reads_as_words(tmp_path: Path) -> None:
    path = glued_list_pdf(tmp_path / "list.pdf",
                          [("Word", "Microsoft"), ("Excel", "Microsoft"), ("PowerPoint", "Microsoft"),
                           ("Outlook", "")],
                          ["Analyst", "Skills", "Microsoft"])
    doc = read_document(path)
    assert "Excel Microsoft" in doc.text and "PowerPoint Microsoft" in doc.text
    assert "ExcelMicrosoft" not in doc.text
    assert {m.skill_id for m in alias_mentions(doc.text, resume=True)} >= {"spreadsheets"}


def test_names_with_an_inner_capital_stay_whole(make_pdf: PdfMaker) -> None:
    lines = ["Analyst", "Skills", "HubSpot, QuickBooks, PowerPoint, SharePoint, McKinsey, LinkedIn, iOS",
             "SalesforceHubSpot", "Power Point Quick Books Hub Spot Share"]
    doc = read_document(make_pdf(lines))
    assert "HubSpot, QuickBooks, PowerPoint, SharePoint, McKinsey, LinkedIn, iOS" in doc.text
    assert "Salesforce HubSpot" in doc.text
    assert {"crm_literacy"} <= {m.skill_id for m in alias_mentions(doc.text, resume=True)}


def test_glued_bullets_become_lines_and_glued_commas_get_a_space(make_pdf: PdfMaker) -> None:
    lines = ["Analyst", "Experience",
             "Cut travel costs by a fifth.Tracked monthly spend in Excel.Built the weekly sales forecast.",
             "Skills", "Payroll,Balance sheets,Forecasting;Budgets",
             "Built it in ASP.Net and Center.Net; mail jo.Smith@Example.com or www.Example.com"]
    texts = [line.text for line in read_document(make_pdf(lines)).lines]
    assert "Cut travel costs by a fifth." in texts
    assert "Tracked monthly spend in Excel." in texts
    assert "Built the weekly sales forecast." in texts
    assert "Payroll, Balance sheets, Forecasting; Budgets" in texts
    assert "Built it in ASP.Net and Center.Net; mail jo.Smith@Example.com or www.Example.com" in texts


def test_html_entities_left_in_the_text_are_characters(make_pdf: PdfMaker) -> None:
    lines = ["Analyst", "Experience", "Network Administrator 4-2007 &ndash; 5-2013",
             "Supported Blackberry&rsquo;s for AT&T; and R&D teams."]
    doc = read_document(make_pdf(lines))
    assert "&ndash;" not in doc.text and "&rsquo;" not in doc.text
    assert "Blackberry’s for AT&T; and R&D" in doc.text
    assert clean_text("a &amp; b &nbsp;c") == "a & b  c"


def test_split_camel_needs_both_sides_known() -> None:
    known = document_words(["Maintained the ledger", "Researched vendors", "Microsoft Word"])
    assert split_camel("MaintainedResearched", known) == "Maintained Researched"
    assert split_camel("ExcelMicrosoft", known) == "Excel Microsoft"  # "Excel" is an alias word
    assert split_camel("ExcelFrobnitz", known) == "ExcelFrobnitz"  # the right side is no known word
    assert split_camel("FrobnitzExcel", known) == "FrobnitzExcel"
    assert split_camel("SalesForce DeVry eLearning", known | {"sales", "force"}) == "SalesForce DeVry eLearning"


def test_split_sentences_leaves_addresses_and_abbreviations() -> None:
    assert split_sentences("U.S.Bank, e.g.Excel, Ph.D.") == ["U.S.Bank, e.g.Excel, Ph.D."]
    assert split_sentences("Join.Me and Example.Com") == ["Join.Me and Example.Com"]
    assert split_sentences("process.Created SOPs") == ["process.", "Created SOPs"]
