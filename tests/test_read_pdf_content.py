"""The fast content-stream reader gives pypdf's own operations, or gives the stream back to pypdf."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream, DecodedStreamObject

from skillmatch.read.document.pdf_content import operations

pytest.importorskip("pypdf", minversion="7")
ROOT = Path(__file__).resolve().parents[1]


def _pypdf(data: bytes, encoding: str | None = "bytes") -> list[tuple[object, bytes]]:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return ContentStream(stream, None, encoding).operations


def _shape(ops: object) -> object:
    """Values with their pypdf types, so a NumberObject never passes for a FloatObject."""
    if isinstance(ops, list | tuple):
        return (type(ops).__name__, tuple(_shape(x) for x in ops))
    return (type(ops).__name__, ops)


@pytest.mark.parametrize("data", [
    b"BT /F1 12 Tf 72 712.5 Td (Sales operations) Tj ET",
    b"BT\n/F2 9.96 Tf\n1 0 0 1 56.8 -.5 Tm\n[(Pipe)-12(line) 250.5 (review)]TJ\nET\n",
    b"q 0.5 0 0 0.5 0 0 cm /Im0 Do Q 1 0 0 RG 0 g",
    b"BT <00410042> Tj <4 14> Tj (a\\(b\\)c \\101\\12\\0073 \\\\ \\n) Tj (nested (paren) here) Tj ET",
    b"BT (x) ' 1 2 (y) \" T* ET",
    b"BT (\x00\x01\x0b\x00 ) Tj /F\x00 1 Tf ET",  # NUL and VT inside a string or a name
    b"/GS1 gs /a-b_c.d gs +5 -3 .25 4. w",
    b"",
    b"   \n\t ",
    # repeats of plain operations (read once each) among arrays, escapes and nested parentheses
    b"BT\n7 0 Td <0027> Tj\n7 0 Td <0027> Tj [(a)-5(b)] TJ 7 0 Td <0027> Tj (a\\(b) Tj 7 0 Td (x)Tj\n"
    b"(p (q) r) Tj 7 0 Td <0027> Tj 12Tz 12Tz /F1 9 Tf/F1 9 Tf ET",
])
def test_same_operations_as_pypdf(data: bytes) -> None:
    for encoding in ("bytes", None):
        ops = operations(data, encoding)
        assert ops is not None
        assert _shape(ops) == _shape(_pypdf(data, encoding))


@pytest.mark.parametrize("data", [
    b"/P <</MCID 0>> BDC (x) Tj EMC",  # a dictionary
    b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI",  # an inline image
    b"% a comment\n(x) Tj",
    b"/A#20B gs",  # a name with an escape
    b"1,5 Tw",  # number bytes that are no number
    b"[1 [2]] TJ",  # a nested array
    b"[true] TJ",
    b"(open Tj",  # an unclosed string
    b"(a\\q) Tj",  # an escape pypdf warns about
    b"(a\\\nb) Tj",  # an escaped line break
    b"(\\777) Tj",  # an octal over 255
    b"1 0 R",  # an object reference
    b"12 34",  # operands with no operator
    b"(x) Tj ] ",
    b"(x)\x0bTj",  # VT or NUL between tokens
    b"(x)\x00Tj",
    b"<41\x0042> Tj",
])
def test_gives_up_on_what_pypdf_reads_its_own_way(data: bytes) -> None:
    assert operations(data, "bytes") is None


def test_bundled_resume_pages_read_the_same() -> None:
    reader = PdfReader(io.BytesIO((ROOT / "data" / "examples" / "example_resume.pdf").read_bytes()))
    for page in reader.pages:
        stream = ContentStream(page["/Contents"].get_object(), reader, "bytes")
        ops = operations(stream.get_data(), "bytes")
        assert ops is not None
        assert _shape(ops) == _shape(stream.operations)


def test_a_repeated_operation_gets_its_own_operand_list() -> None:
    ops = operations(b"7 0 Td <0027> Tj 7 0 Td <0027> Tj", "bytes")
    assert ops is not None and len(ops) == 4
    assert ops[0] == ops[2] and ops[0][0] is not ops[2][0]
    ops[0][0].append(1)  # a caller changing one operation's operands leaves its repeats as they were
    assert ops[2][0] == [7, 0]


REAL = ROOT.parent / "shared" / "data" / "resumes" / "pdf"


@pytest.mark.skipif(not REAL.is_dir(), reason="needs ../shared/data/resumes")
def test_real_resume_pages_read_the_same() -> None:
    files = sorted(REAL.glob("*/*.pdf"))[::300]  # one in 300, across the categories
    read = 0
    for path in files:
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        for page in reader.pages:
            stream = ContentStream(page["/Contents"].get_object(), reader, "bytes")
            ops = operations(stream.get_data(), "bytes")
            if ops is not None:
                read += 1
                assert _shape(ops) == _shape(stream.operations), path.name
    assert read >= len(files)
