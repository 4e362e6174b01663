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
