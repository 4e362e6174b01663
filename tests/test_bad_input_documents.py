"""Bad input to read_document: each case is an InputError with a one-line message naming the problem,
raised quickly and in bounded memory."""

from __future__ import annotations

import io
import json
import os
import struct
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject

from skillmatch.errors import InputError
from skillmatch.read.document import MAX_PDF_PAGES, read_document

SANITY_SECONDS = 5.0  # "does not hang"; the real bounds are the memory and ordering checks below

Builder = Callable[[Path, Callable[..., Path], Callable[..., Path]], Path]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def pdf_with_lines(make_pdf: Callable[..., Path], pages: int = 1) -> bytes:
    page = ["Experience", "Sales Analyst, Bluefin Corp", "Jan 2019 - Present", "Built pipeline reports"]
    return make_pdf(*([page] * pages)).read_bytes()


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 200, 200)).save(buffer, format=fmt)
    return buffer.getvalue()


def bomb_document_xml(size: int, zip64: bool = True) -> bytes:
    """A DOCX whose word/document.xml really inflates to ``size`` bytes (about 1000:1)."""
    buffer = io.BytesIO()
    chunk = b"<w:p><w:r><w:t>aaaaaaaaaaaaaaaa</w:t></w:r></w:p>" * 20_000
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=zip64) as member:
            written = 0
            while written < size:
                member.write(chunk)
                written += len(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    return bomb_document_xml(300 * 1024 * 1024)


def lying_sizes(data: bytes, member: str, declared: int) -> bytes:
    """The ZIP with ``member``'s uncompressed size in both headers rewritten to ``declared``."""
    patched = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    struct.pack_into("<I", patched, info.header_offset + 22, declared)  # local file header
    central = patched.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", patched, central + 28)[0]
        if patched[central + 46 : central + 46 + name_length] == member.encode():
            struct.pack_into("<I", patched, central + 24, declared)
            return bytes(patched)
        central = patched.find(b"PK\x01\x02", central + 4)
    raise AssertionError("central directory entry not found")


def lying_docx(real_size: int) -> bytes:
    """A DOCX whose document.xml declares 100 KB but inflates to ``real_size`` bytes."""
    return lying_sizes(bomb_document_xml(real_size, zip64=False), "word/document.xml", 100_000)


DOS_HEADER = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"


def encrypted_pdf(make_pdf: Callable[..., Path]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_lines(make_pdf))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def scanned_pdf(tmp_path: Path) -> bytes:
    image = tmp_path / "scan.png"
    Image.new("L", (300, 400), 255).save(image)
    pdf = FPDF(format="Letter")
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=180)
    return bytes(pdf.output())


def dense_pdf() -> bytes:
    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=4)
    for _ in range(25):
        pdf.cell(0, 2, "pipeline report " * 600, new_x="LMARGIN", new_y="NEXT")  # 9,600 chars a line
    return bytes(pdf.output())


def pdf_bomb(make_pdf: Callable[..., Path]) -> bytes:
    """A small PDF whose page content inflates to 40 MB (mostly spaces)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_lines(make_pdf))))
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 10 Tf 72 720 Td (Experience) Tj ET\n" + b" " * (40 * 1024 * 1024))
    writer.pages[0].replace_contents(content.flate_encode(level=9))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def xlsx_like() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Experience")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


CASES: dict[str, tuple[Builder, str]] = {
    "empty file": (lambda t, p, d: write(t, "cv.pdf", b""), r"empty file"),
    "whitespace only": (lambda t, p, d: write(t, "cv.txt", b" \n\t\n  \n"), r"no text"),
    "truncated PDF": (
        lambda t, p, d: write(t, "cv.pdf", pdf_with_lines(p)[: len(pdf_with_lines(p)) // 2]),
        r"truncated PDF",
    ),
    "corrupt PDF": (
        lambda t, p, d: write(t, "cv.pdf", b"%PDF-1.7\n" + os.urandom(4000) + b"\n%%EOF\n"),
        r"corrupt PDF",
    ),
    "encrypted PDF": (lambda t, p, d: write(t, "cv.pdf", encrypted_pdf(p)), r"encrypted PDF"),
    "random bytes named .pdf": (lambda t, p, d: write(t, "cv.pdf", os.urandom(5000)), r"not a PDF"),
    "PDF without a text layer": (
        lambda t, p, d: write(t, "scan.pdf", scanned_pdf(t)),
        r"no text layer — scanned\? run OCR first",
    ),
    "PDF decompression bomb": (
        lambda t, p, d: write(t, "cv.pdf", pdf_bomb(p)),
        r"PDF content inflates past the 10\.0 MB limit",
    ),
    "PDF over the page limit": (
        lambda t, p, d: write(t, "cv.pdf", pdf_with_lines(p, pages=MAX_PDF_PAGES + 1)),
        rf"{MAX_PDF_PAGES + 1} pages, over the {MAX_PDF_PAGES}-page limit",
    ),
    "PDF over the text limit": (
        lambda t, p, d: write(t, "cv.pdf", dense_pdf()),
        r"more than 200,000 characters of text by page 1",
    ),
    "corrupt DOCX": (
        lambda t, p, d: write(t, "cv.docx", b"PK\x03\x04" + os.urandom(3000)),
        r"corrupt DOCX: not a valid ZIP",
    ),
    "truncated DOCX": (lambda t, p, d: write(t, "cv.docx", docx_bytes()[:5000]), r"corrupt DOCX"),
    "DOCX that lies about its sizes": (
        lambda t, p, d: write(t, "cv.docx", lying_docx(50 * 1024 * 1024)),
        r"corrupt DOCX: a part cannot be inflated",
    ),
    "ZIP that is not a DOCX": (lambda t, p, d: write(t, "cv.docx", xlsx_like()), r"Excel workbook"),
    "binary .txt": (
        lambda t, p, d: write(t, "cv.txt", b"Experience\n\x00\x01\x02\x00binary\x00" * 50),
        r"contains NUL bytes",
    ),
    "control characters": (
        lambda t, p, d: write(t, "cv.txt", b"Experience \x01\x02\x03\x04\x05\x06\x07 " * 40),
        r"many control characters",
    ),
    "Latin-1 text": (
        lambda t, p, d: write(t, "cv.txt", "Résumé of Zoë Müller".encode("latin-1")),
        r"not valid UTF-8 text .*save the file as UTF-8",
    ),
    "PNG image": (lambda t, p, d: write(t, "cv.pdf", image_bytes("PNG")), r"an image \(PNG\)"),
    "JPEG image": (lambda t, p, d: write(t, "cv.txt", image_bytes("JPEG")), r"an image \(JPEG\)"),
    "ELF executable": (
        lambda t, p, d: write(t, "cv.pdf", Path(sys.executable).read_bytes()[:65536]),
        r"an executable program",
    ),
    "Windows executable": (
        lambda t, p, d: write(t, "cv.docx", DOS_HEADER + bytes(500)),
        r"an executable program \(Windows",
    ),
    "legacy .doc": (
        lambda t, p, d: write(t, "cv.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)),
        r"legacy Word \.doc",
    ),
    "text over the text limit": (
        lambda t, p, d: write(t, "cv.txt", ("Built pipeline reports in SQL.\n" * 8000).encode()),
        r"characters of text, over the 200,000 limit",
    ),
    "JSON that is not a resume": (
        lambda t, p, d: write(t, "cv.json", json.dumps({"title": "x", "items": [1, 2]}).encode()),
        r"not a JSON Resume",
    ),
    "broken JSON": (lambda t, p, d: write(t, "cv.json", b'{"basics": {"name": '), r"invalid JSON"),
    "JSON Resume with a bad field": (
        lambda t, p, d: write(t, "cv.json", json.dumps({"basics": {}, "work": "Acme"}).encode()),
        r'"work" must be a list',
    ),
    "missing file": (lambda t, p, d: t / "nowhere.pdf", r"file not found: .*nowhere\.pdf"),
    "text passed as a path": (lambda t, p, d: Path("Casey Morgan\nExperience\nAnalyst"), r"not a file path"),
    "directory": (lambda t, p, d: t, r"is a directory"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_one_line_input_error(case: str, tmp_path: Path, make_pdf, make_docx) -> None:
    build, expected = CASES[case]
    path = build(tmp_path, make_pdf, make_docx)
    started = time.perf_counter()
    with pytest.raises(InputError, match=expected) as caught:
        read_document(path)
    elapsed = time.perf_counter() - started
    message = str(caught.value)
    assert "\n" not in message and 10 < len(message) < 200
    assert elapsed < SANITY_SECONDS
    if path.is_file():  # the same bytes, uploaded: same verdict
        with pytest.raises(InputError, match=expected):
            read_document(path.read_bytes(), name=path.name)


def test_messages_never_quote_the_document(make_pdf, tmp_path: Path) -> None:
    secret = "Zyxwvut Qponmlk 555-0199"
    samples = [
        ("cv.txt", (secret + "\n").encode() * 9000),  # too much text
        ("cv.txt", secret.encode("latin-1") + b"\xe9"),  # not UTF-8
        ("cv.json", json.dumps({"basics": {"name": secret}, "skills": secret}).encode()),
    ]
    for name, data in samples:
        with pytest.raises(InputError) as caught:
            read_document(data, name=name)
        assert "Zyxwvut" not in str(caught.value)


def test_zip_bomb_is_refused_before_inflating(zip_bomb: bytes, tmp_path: Path) -> None:
    path = write(tmp_path, "bomb.docx", zip_bomb)
    assert path.stat().st_size < 2 * 1024 * 1024  # a small file ...
    with zipfile.ZipFile(path) as archive:  # ... that declares hundreds of MB
        assert archive.getinfo("word/document.xml").file_size >= 300 * 1024 * 1024
    tracemalloc.start()
    try:
        started = time.perf_counter()
        with pytest.raises(InputError, match=r"DOCX would inflate to 300\.\d MB, over the 50\.0 MB limit"):
            read_document(path)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024
    assert elapsed < SANITY_SECONDS


def test_lying_zip_sizes_are_caught_in_bounded_memory(tmp_path: Path) -> None:
    data = lying_docx(60 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="corrupt DOCX"):
            read_document(data, name="cv.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024 * 1024  # the 60 MB part was never inflated whole


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as fh:  # sparse: 11 MB on paper, nothing to read on disk
        fh.truncate(11 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as caught:
            read_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(caught.value) == (
        "file is 11.0 MB, over the 10.0 MB limit; pass a larger --max-size (max_size=) to read it"
    )
    assert peak < 1024 * 1024  # refused from os.stat, the file was not read
    with pytest.raises(InputError, match=r"file is 11\.0 MB, over the 2\.0 MB limit"):
        read_document(b"x" * (11 * 1024 * 1024), max_size=2 * 1024 * 1024)
