"""DOCX resumes (python-docx): the ZIP checked before it is opened, paragraphs and heading levels."""

from __future__ import annotations

import io
import re
import time
import zipfile
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from skillmatch.errors import InputError, TooComplexError, TooLargeError

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph
from .limits import (
    _MB,
    MAX_DOCX_PARAGRAPHS,
    MAX_DOCX_SECONDS,
    MAX_DOCX_UNCOMPRESSED,
    MAX_DOCX_XML_PART,
    MAX_TEXT_CHARS,
    MAX_ZIP_ENTRIES,
    MAX_ZIP_RATIO,
    _fmt_size,
    _too_much_text_message,
)
from .model import Document
from .sections import _build_document, _Raw

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _read_docx(data: bytes, name: str | None) -> Document:
    package = _safe_docx_package(data)
    import docx
    from docx.opc.exceptions import OpcError
    from lxml import etree

    docx_errors = (OpcError, KeyError, ValueError, IndexError, TypeError, AttributeError,
                   zipfile.BadZipFile, zlib.error, EOFError, etree.LxmlError)
    from skillmatch import budget

    raw: list[_Raw] = []
    levels: dict[str | None, int | None] = {}
    total = 0
    started = time.monotonic()
    try:
        document = docx.Document(io.BytesIO(package))
        for count, paragraph in enumerate(_docx_paragraphs(document), start=1):
            if count > MAX_DOCX_PARAGRAPHS:
                raise TooLargeError(f"DOCX has more than {MAX_DOCX_PARAGRAPHS:,} paragraphs "
                                    "(a long resume has a few hundred)")
            if count % 64 == 0:
                budget.check("Reading the DOCX")
                if time.monotonic() - started > MAX_DOCX_SECONDS:
                    raise TooComplexError(f"DOCX takes more than {MAX_DOCX_SECONDS:.0f} s to read "
                                          "(a resume takes well under 1 s)")
            text = paragraph.text.replace("\x00", "")
            total += len(text) + 1
            if total > MAX_TEXT_CHARS:
                raise TooLargeError(_too_much_text_message(total))
            style_id = paragraph._p.style  # python-docx finds a style by a slow search: once per style
            if style_id not in levels:
                levels[style_id] = _docx_heading_level(paragraph)
            level = levels[style_id]
            raw.extend(_Raw(line, heading_level=level) for line in (text.splitlines() or [""]))
    except docx_errors as exc:
        raise InputError(f"corrupt DOCX: it cannot be parsed ({type(exc).__name__})") from exc
    if not any(r.text.strip() for r in raw):
        raise InputError("DOCX has no text in its body (headers, footers and images are not read)")
    return _build_document(raw, "docx", name)


def _safe_docx_package(data: bytes) -> bytes:
    """Check a DOCX's ZIP structure and sizes, then copy it with honest sizes (stored, not deflated).

    The declared sizes are checked before anything is inflated. The copy reads each part in small
    chunks and never past its declared size, so python-docx, which inflates whole parts at once,
    only ever sees parts whose real size has been bounded.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise InputError(f"corrupt DOCX: not a valid ZIP archive ({type(exc).__name__})") from exc
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if "word/document.xml" not in names:
            raise InputError(_other_zip_message(archive, names))
        if len(infos) > MAX_ZIP_ENTRIES:
            raise TooLargeError(f"DOCX holds {len(infos):,} files, over the {MAX_ZIP_ENTRIES:,} limit")
        declared = sum(info.file_size for info in infos)
        if declared > MAX_DOCX_UNCOMPRESSED:
            raise InputError(
                f"DOCX would inflate to {_fmt_size(declared)}, over the {_fmt_size(MAX_DOCX_UNCOMPRESSED)} "
                "limit (a zip bomb?)"
            )
        for info in infos:
            if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_DOCX_XML_PART:
                raise InputError(
                    f"DOCX part {info.filename} would inflate to {_fmt_size(info.file_size)}, "
                    f"over the {_fmt_size(MAX_DOCX_XML_PART)} limit"
                )
            if info.file_size > _MB and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise InputError(
                    f"DOCX part {info.filename} is compressed {ratio:,}:1, "
                    f"over the {MAX_ZIP_RATIO}:1 limit (a zip bomb?)"
                )
        out = io.BytesIO()
        try:
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
                written: set[str] = set()
                for info in infos:
                    if info.is_dir() or info.filename in written:
                        continue
                    written.add(info.filename)
                    with archive.open(info) as src, copy.open(info.filename, "w") as dst:
                        while chunk := src.read(64 * 1024):  # bounded: stops at the declared size
                            dst.write(chunk)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError,
                zlib.error) as exc:
            raise InputError(f"corrupt DOCX: a part cannot be inflated ({type(exc).__name__})") from exc
    return out.getvalue()


def _other_zip_message(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "an Excel workbook (.xlsx), not a resume; save the resume as .docx or PDF"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint file (.pptx), not a resume; save the resume as .docx or PDF"
    if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
        try:
            mimetype = archive.read("mimetype")
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, zlib.error):
            mimetype = b""
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            return "an OpenDocument file (.odt), which is not supported; save it as .docx or PDF"
    return "a ZIP archive but not a Word document (no word/document.xml)"


def _docx_paragraphs(document: Any) -> Iterator[Paragraph]:
    """Body paragraphs in reading order: table cells (merged cells once) and text boxes included."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def walk(container: Any) -> Iterator[Paragraph]:
        for item in container.iter_inner_content():
            if isinstance(item, Table):
                for row in item.rows:
                    seen: set[int] = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        yield from walk(cell)
            elif isinstance(item, Paragraph):
                yield item
                for box in item._p.iter(_W_NS + "txbxContent"):
                    if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
                        continue  # the same text box again, as the VML fallback
                    for p in box.iterchildren(_W_NS + "p"):
                        yield Paragraph(p, item._parent)

    yield from walk(document)


_HEADING_STYLE_RE = re.compile(r"heading\s*([1-9])")


def _docx_heading_level(paragraph: Paragraph) -> int | None:
    """The level of a "Heading N" style (or a style based on one), else None."""
    style: Any = paragraph.style
    for _ in range(5):
        if style is None:
            return None
        match = _HEADING_STYLE_RE.fullmatch((style.name or "").strip().lower())
        if match:
            return int(match.group(1))
        style = style.base_style
    return None
