"""Issue 15: the readers enforce a work budget while they read (pages, content-stream bytes and operators,
text-show items, characters, paragraphs, seconds, the caller's deadline), so a crafted file is refused
within its budget with a clear message, not after seconds of work and hundreds of MB."""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

from skillmatch import budget
from skillmatch.errors import DeadlineExceeded, InputError, TooComplexError, TooLargeError
from skillmatch.read.document import MAX_DOCX_PARAGRAPHS, MAX_PDF_TEXT_ITEMS, MAX_PDF_TJ_ITEMS, read_document

RESUME_LINES = ["Pat Example", "Experience", "Sales Operations Analyst, Example Co, Jan 2021 - Present",
                "- Built pipeline dashboards in Salesforce and Tableau for 40 account executives.",
                "- Wrote SQL to reconcile bookings with finance every month."]


def content_pdf(content: bytes, pages: int = 1) -> bytes:
    """A PDF whose every page draws ``content`` with Helvetica (compressed: a few KB on disk)."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        stream = StreamObject()
        stream._data = zlib.compress(content, 9)
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def text_show_pdf(arrays: int, per_array: int) -> bytes:
    """``arrays`` text-show (``TJ``) arrays of ``per_array`` one-letter strings each."""
    return content_pdf(b"BT /F1 12 Tf 72 700 Td " + (b"[" + b"(a)" * per_array + b"] TJ\n") * arrays + b"ET")


def normal_pdf() -> bytes:
    lines = b"".join(b"(" + line.encode() + b") Tj 0 -14 Td\n" for line in RESUME_LINES)
    return content_pdf(b"BT /F1 11 Tf 72 720 Td\n" + lines + b"ET")


def read_within(data: bytes, seconds: float, name: str = "cv.pdf", *,
                memory: bool = False) -> tuple[BaseException, float, float]:
    """Read ``data``; the error it raised, the seconds it took and (with ``memory``, slower) the peak MB
    it allocated."""
    if memory:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(InputError) as caught:
            read_document(data, name=name)
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if memory else 0.0
        if memory:
            tracemalloc.stop()
    assert elapsed <= seconds, elapsed
    return caught.value, elapsed, peak


def test_one_huge_text_show_array_is_refused_fast() -> None:
    """The issue's crafted PDF: one page, one ``TJ`` array of 99,000 strings (6 KB on disk)."""
    data = text_show_pdf(1, 99_000)
    assert len(data) < 30_000
    error, _, peak = read_within(data, 8.0, memory=True)
    assert isinstance(error, TooComplexError)
    assert re.search(rf"one line in 99,000 pieces, over the {MAX_PDF_TJ_ITEMS:,} limit", str(error))
    assert peak < 120, peak  # was 250 MB


def test_many_text_show_arrays_are_refused_at_the_items_budget() -> None:
    """Arrays under the per-array cap, but more strings in all than a resume shows."""
    error, _, _ = read_within(text_show_pdf(8, 9_000), 8.0)
    assert isinstance(error, TooComplexError)
    assert f"more than {MAX_PDF_TEXT_ITEMS:,} pieces of text by page 1" in str(error)


def test_page_content_over_its_byte_budget_is_refused_before_parsing() -> None:
    error, seconds, _ = read_within(text_show_pdf(200, 9_000), 3.0)
    assert isinstance(error, TooComplexError) and "page content is over 4.0 MB by page 1" in str(error)
    assert seconds < 2.0


def deep_page_tree_pdf(depth: int) -> bytes:
    """A valid PDF whose one page sits under ``depth`` nested /Pages nodes."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for i in range(depth):
        number = 2 + i
        parent = b"" if i == 0 else f" /Parent {number - 1} 0 R".encode()
        objects.append(f"<< /Type /Pages /Kids [{number + 1} 0 R] /Count 1".encode() + parent + b" >>")
    page = 2 + depth
    objects.append(f"<< /Type /Page /Parent {page - 1} 0 R /MediaBox [0 0 612 792] >>".encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_a_deep_page_tree_is_not_called_a_decompression_bomb() -> None:
    error, _, _ = read_within(deep_page_tree_pdf(300), 5.0)
    assert isinstance(error, TooComplexError)
    assert "page tree is nested too deeply" in str(error) and "bomb" not in str(error)


def test_too_many_pages_is_too_large() -> None:
    error, _, _ = read_within(content_pdf(b"BT /F1 11 Tf 72 720 Td (Page) Tj ET", pages=31), 10.0)
    assert isinstance(error, TooLargeError) and "31 pages, over the 30-page limit" in str(error)


def test_a_normal_pdf_is_read_within_the_budget() -> None:
    document = read_document(normal_pdf(), name="cv.pdf")
    assert "Sales Operations Analyst" in document.text


def test_a_passed_deadline_stops_the_reading() -> None:
    data = text_show_pdf(6, 9_000)  # under every count limit (54,000 pieces): about a second of work
    started = time.perf_counter()
    with budget.deadline(0.05), pytest.raises(DeadlineExceeded, match="Reading the PDF did not finish"):
        read_document(data, name="cv.pdf")
    assert time.perf_counter() - started < 1.5
    assert budget.remaining() is None  # the deadline ends with its block


def test_deadlines_nest_and_the_earlier_wins() -> None:
    with budget.deadline(30):
        outer = budget.remaining()
        with budget.deadline(1):
            assert budget.remaining() is not None and budget.remaining() <= 1  # type: ignore[operator]
        with budget.deadline(100):
            inner = budget.remaining()
            assert inner is not None and outer is not None and inner <= outer
        budget.check()  # not past it


def many_paragraph_docx(paragraphs: int) -> bytes:
    """A DOCX whose body holds ``paragraphs`` one-word paragraphs (written as XML: python-docx is slow)."""
    document = docx.Document()
    document.add_paragraph("Experience")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    xml = source.read("word/document.xml").decode()
    body = "<w:p><w:r><w:t>word</w:t></w:r></w:p>" * paragraphs
    xml = xml.replace("<w:body>", "<w:body>" + body, 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, xml if info.filename == "word/document.xml" else source.read(info))
    return out.getvalue()


def test_a_docx_with_too_many_paragraphs_is_too_large() -> None:
    error, _, _ = read_within(many_paragraph_docx(MAX_DOCX_PARAGRAPHS + 10), 20.0, name="cv.docx")
    assert isinstance(error, TooLargeError)
    assert f"more than {MAX_DOCX_PARAGRAPHS:,} paragraphs" in str(error)


SHARED_RESUMES = Path(__file__).resolve().parents[2] / "shared" / "data" / "resumes" / "pdf"


@pytest.mark.skipif(not SHARED_RESUMES.is_dir(), reason="the shared real resumes are not on this machine")
def test_real_resumes_are_within_the_budget() -> None:
    """Every 40th real resume PDF (public anonymised samples) reads within the limits; none is refused by them."""
    files = sorted(SHARED_RESUMES.glob("*/*.pdf"))[::40]
    assert len(files) >= 40
    for path in files:
        try:
            read_document(path)
        except (TooComplexError, TooLargeError) as e:  # pragma: no cover - the assertion's message
            pytest.fail(f"{path.name}: {e}")
        except InputError:
            pass  # a scan without a text layer: refused for that, not for its size
