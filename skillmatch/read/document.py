"""Read a resume (PDF, DOCX, TXT, Markdown or JSON Resume) into a :class:`Document`.

A Document is numbered lines, each with its PDF page and the resume section it sits in, plus the
employment date ranges found in experience-like lines (the basis of years of experience).

The lines are the document's logical lines (see :mod:`skillmatch.read.employment`): mis-decoded and
zero-width characters are repaired and NFKC-normalized, a date range that a PDF split over lines is
joined to the title beside it, and anonymised placeholders ("Company Name", "City", "State") and
layout debris are left out. ``Document.text`` is those lines joined, so every line shown as evidence
is in it.

The file type is sniffed from the bytes, never from the file name. Every input that cannot be read
raises :class:`~skillmatch.errors.InputError` with a one-line message that names the problem.
Limits are checked before anything is parsed or inflated, so bad input fails fast and in bounded
memory. Messages and logs never contain text from the document: a resume is personal data.
"""

from __future__ import annotations

import calendar
import codecs
import contextlib
import functools
import importlib.resources
import io
import json
import logging
import os
import re
import stat
import time
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PureWindowsPath
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from skillmatch.errors import DataError, DeadlineExceeded, InputError, TooComplexError, TooLargeError
from skillmatch.read.employment import (
    EmploymentRange,
    clean_text,
    find_employment,
    is_date_line,
    rebuild_lines,
    years_of_experience,
)
from skillmatch.read.linewrap import join_wrapped

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

__all__ = [
    "DEFAULT_MAX_SIZE",
    "MAX_DOCX_UNCOMPRESSED",
    "MAX_PDF_PAGES",
    "MAX_TEXT_CHARS",
    "Document",
    "EmploymentRange",
    "Line",
    "document_from_text",
    "read_document",
    "years_of_experience",
]

DEFAULT_MAX_SIZE = 10 * 1024 * 1024
"""Largest file read_document accepts unless told otherwise (the CLI's --max-size)."""
MAX_PDF_PAGES = 30
"""More pages than this is not a resume."""
MAX_PDF_STREAM = 10 * 1024 * 1024
"""Most bytes one PDF stream may inflate to (a resume page's content is well under 1 MB)."""
MAX_PDF_CONTENT_BYTES = 4 * 1024 * 1024
"""Most bytes of page content streams a PDF may have in all (a resume page has 5-100 KB)."""
MAX_PDF_PARSE_WORK = 400_000
"""Most operands and operators pypdf may parse in one content stream (its default is 2,000,000)."""
MAX_PDF_OPERATORS = 300_000
"""Most content-stream operators read in all pages (a resume has a few thousand)."""
MAX_PDF_TEXT_ITEMS = 60_000
"""Most strings text-show operators may show in all pages (the longest of 106 real resumes: 24,000)."""
MAX_PDF_TJ_ITEMS = 10_000
"""Most strings one text-show array (``TJ``) may hold (a line of text has at most a few hundred)."""
MAX_PDF_FORMS = 500
"""Most embedded forms (XObjects) drawn while reading a page."""
MAX_PDF_SECONDS = 10.0
"""Most seconds reading a PDF may take (a resume takes well under 1 s)."""
MAX_TEXT_CHARS = 200_000
"""Most characters of text a document may have (a long resume has about 20,000)."""
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024
"""Most bytes a DOCX may inflate to, summed over its parts."""
MAX_DOCX_XML_PART = 20 * 1024 * 1024
"""Most bytes one XML part of a DOCX may inflate to (lxml trees are several times larger)."""
MAX_DOCX_PARAGRAPHS = 5_000
"""Most paragraphs (table cells and text boxes included) read from a DOCX."""
MAX_DOCX_SECONDS = 10.0
"""Most seconds reading a DOCX's paragraphs may take."""
MAX_ZIP_RATIO = 200
"""Highest compression ratio accepted for a DOCX part larger than 1 MB (Word XML is about 5-20)."""
MAX_ZIP_ENTRIES = 5000
"""Most files a DOCX package may hold."""

_MB = 1024 * 1024
_MIN_PDF_LETTERS = 20


# --------------------------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Line:
    """One line of a document.

    Args:
        number: 1-based; line ``k`` is ``Document.text.splitlines()[k - 1]``.
        text: the line verbatim, trailing whitespace removed.
        page: the PDF page (1-based) the line is on; None for other kinds.
        section: the normalized section id ("experience", "skills", ...) the line is in, None
            before the first heading.
    """

    number: int
    text: str
    page: int | None
    section: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text, "page": self.page, "section": self.section}


@dataclass(frozen=True)
class Document:
    """A resume read into numbered lines.

    Args:
        text: ``"\\n".join(line.text for line in lines)``.
        lines: every line, in reading order.
        kind: "pdf", "docx", "txt", "md" or "json_resume".
        name: the file name (no directories), if known.
        employment: the employment date ranges, in document order.
    """

    text: str
    lines: tuple[Line, ...]
    kind: str
    name: str | None
    employment: tuple[EmploymentRange, ...]

    @property
    def years_experience(self) -> float | None:
        """Years covered by the employment ranges (overlaps merged, present = today), or None."""
        return years_of_experience(self.employment)

    @property
    def sections(self) -> tuple[str, ...]:
        """The section ids that occur, in document order."""
        return tuple(s for s in dict.fromkeys(line.section for line in self.lines) if s is not None)

    def lines_in(self, section: str) -> tuple[Line, ...]:
        """The lines of one section (by id), in order."""
        return tuple(line for line in self.lines if line.section == section)

    def to_dict(self) -> dict[str, Any]:
        """A summary fit for reports and logs: no text from the document except the date texts."""
        return {
            "kind": self.kind,
            "name": self.name,
            "line_count": len(self.lines),
            "sections": list(self.sections),
            "employment": [r.to_dict() for r in self.employment],
            "years_experience": self.years_experience,
        }


# ----------------------------------------------------------------------------------------- entry points


def read_document(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Document:
    """Read a resume file, or its bytes, into a Document.

    The type is sniffed from the content: ``%PDF`` is a PDF, a ZIP package with
    ``word/document.xml`` is a DOCX, a JSON object with "basics" or "work" is a JSON Resume, and
    UTF-8 (or UTF-16 with a byte order mark) text is plain text, or Markdown when the name ends in
    .md or .markdown.

    Args:
        source: a path, or the file's bytes (e.g. an upload; bytes are never written to disk).
        name: the file name to record (directories are dropped); defaults to the path's name.
        max_size: largest accepted size in bytes; a larger file is refused before it is read.

    Returns:
        The Document.

    Raises:
        InputError: the file is missing, empty, too large, of an unsupported type, corrupt,
            encrypted, a scan without text, or has more pages or text than a resume.
        ValueError: ``max_size`` is not a positive integer.
    """
    if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size <= 0:
        raise ValueError(f"max_size must be a positive number of bytes, not {max_size!r}")
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > max_size:
            raise TooLargeError(_too_large_message(len(data), max_size))
        file_name = _base_name(name)
    else:
        path = os.fspath(source)
        file_name = _base_name(name) if name is not None else _base_name(path)
        data = _read_file(path, max_size)
    return _parse_bytes(data, file_name)


def document_from_text(text: str, *, kind: str = "txt", name: str | None = None) -> Document:
    """Build a Document from text already in memory (a paste, a test, a rendered listing).

    Args:
        text: the text; lines are split with ``str.splitlines``.
        kind: recorded as the Document's kind. "md" also reads Markdown heading levels and
            "json_resume" parses ``text`` as a JSON Resume; anything else is plain text.
        name: file name to record, if any.

    Returns:
        The Document.

    Raises:
        InputError: the text is empty, only whitespace, too long, or not a valid JSON Resume.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    file_name = _base_name(name)
    if kind == "json_resume":
        return _json_resume_document(_load_json_resume(text), file_name)
    return _text_document(text, kind, file_name)


# ----------------------------------------------------------------------------------------- bytes → kind


def _base_name(name: str | None) -> str | None:
    if name is None:
        return None
    base = PureWindowsPath(name).name  # accepts both / and \ separators (browser uploads)
    return base or None


def _fmt_size(n: int) -> str:
    if n >= _MB:
        return f"{n / _MB:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def _too_large_message(size: int, limit: int) -> str:
    return (
        f"file is {_fmt_size(size)}, over the {_fmt_size(limit)} limit; "
        "pass a larger --max-size (max_size=) to read it"
    )


def _read_file(path: str, max_size: int) -> bytes:
    if "\n" in path or len(path) > 4096:  # resume text passed by mistake: do not echo it
        raise InputError("not a file path (it looks like text; use document_from_text for text)")
    shown = _base_name(path) or path
    try:
        info = os.stat(path)
    except ValueError:
        raise InputError("invalid file path (it contains a NUL character)") from None
    except FileNotFoundError:
        raise InputError(f"file not found: {path}") from None
    except PermissionError:
        raise InputError(f"permission denied: {shown}") from None
    except OSError as exc:
        raise InputError(f"cannot open {shown}: {exc.strerror or type(exc).__name__}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{shown} is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{shown} is not a regular file")
    if info.st_size > max_size:
        raise TooLargeError(_too_large_message(info.st_size, max_size))
    if info.st_size == 0:
        raise InputError("empty file (0 bytes)")
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_size + 1)  # never more than the limit, even if the file grew
    except OSError as exc:
        raise InputError(f"cannot read {shown}: {exc.strerror or type(exc).__name__}") from None
    if len(data) > max_size:
        raise TooLargeError(_too_large_message(len(data), max_size))
    return data


# (magic bytes, offset, what it is) for binary files that are certainly not resumes
_IMAGE = "an image ({}), not a document; a scanned resume needs OCR first"
_EXECUTABLE = "an executable program ({}), not a document"
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, _IMAGE.format("PNG")),
    (b"\xff\xd8\xff", 0, _IMAGE.format("JPEG")),
    (b"GIF87a", 0, _IMAGE.format("GIF")),
    (b"GIF89a", 0, _IMAGE.format("GIF")),
    (b"WEBP", 8, _IMAGE.format("WebP")),
    (b"II*\x00", 0, _IMAGE.format("TIFF")),
    (b"MM\x00*", 0, _IMAGE.format("TIFF")),
    (b"ftypheic", 4, _IMAGE.format("HEIC")),
    (b"ftypmif1", 4, _IMAGE.format("HEIF")),
    (b"\x7fELF", 0, _EXECUTABLE.format("ELF")),
    (b"\xfe\xed\xfa\xce", 0, _EXECUTABLE.format("Mach-O")),
    (b"\xfe\xed\xfa\xcf", 0, _EXECUTABLE.format("Mach-O")),
    (b"\xce\xfa\xed\xfe", 0, _EXECUTABLE.format("Mach-O")),
    (b"\xcf\xfa\xed\xfe", 0, _EXECUTABLE.format("Mach-O")),
    (b"\xca\xfe\xba\xbe", 0, _EXECUTABLE.format("Mach-O universal or Java class")),
    (b"\x00asm", 0, _EXECUTABLE.format("WebAssembly")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0,
     "a legacy Word .doc (Office 97-2003) file, which is not supported; save it as .docx or PDF"),
    (b"{\\rtf", 0, "an RTF file, which is not supported; save it as .docx, PDF or plain text"),
    (b"%!PS", 0, "a PostScript file, which is not supported; save it as PDF"),
    (b"\x1f\x8b", 0, "a gzip archive, not a document"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive, not a document"),
    (b"Rar!\x1a\x07", 0, "a RAR archive, not a document"),
    (b"\xfd7zXZ\x00", 0, "an xz archive, not a document"),
)


def _binary_kind(data: bytes) -> str | None:
    """A message naming a known non-document binary format, or None."""
    for magic, offset, message in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return message
    if data[:2] == b"MZ" and b"\x00" in data[:64]:
        return _EXECUTABLE.format("Windows MZ/PE")
    if data[:2] == b"BM" and len(data) >= 26 and data[6:10] == b"\x00\x00\x00\x00":
        return _IMAGE.format("BMP")
    return None


def _not_text_message(name: str | None, problem: str) -> str:
    suffix = (name or "").lower().rsplit(".", 1)[-1] if name and "." in name else ""
    if suffix == "pdf":
        return f"not a PDF: named .pdf but there is no %PDF header ({problem})"
    if suffix in ("docx", "docm", "dotx"):
        return f"not a DOCX: named .{suffix} but it is not a ZIP package ({problem})"
    return f"unrecognized binary file ({problem}); expected PDF, DOCX, JSON Resume or UTF-8 text"


def _parse_bytes(data: bytes, name: str | None) -> Document:
    if not data:
        raise InputError("empty file (0 bytes)")
    if b"%PDF-" in data[:1024]:
        return _read_pdf(data, name)
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return _read_docx(data, name)
    known = _binary_kind(data)
    if known is not None:
        raise InputError(known)
    suffix = name.lower().rsplit(".", 1)[-1] if name and "." in name else ""
    if suffix in ("pdf", "docx", "docm", "dotx"):
        # a file that says it is a PDF or DOCX but holds neither is broken, whatever its bytes are
        raise InputError(_not_text_message(name, "its content is plain bytes or text"))
    return _read_text(data, name)


# --------------------------------------------------------------------------------------------- text

_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_RATIO = 0.01
_CONTROL_SAMPLE = 100_000


def _read_text(data: bytes, name: str | None) -> Document:
    if data.startswith(codecs.BOM_UTF8):
        body, encoding = data[len(codecs.BOM_UTF8) :], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        body, encoding = data, "utf-16"
    else:
        if b"\x00" in data:
            raise InputError(_not_text_message(name, "it contains NUL bytes"))
        body, encoding = data, "utf-8"
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8" and _looks_binary(body[:4096]):
            raise InputError(_not_text_message(name, "it is not text")) from None
        raise InputError(
            f"not valid {encoding.upper()} text (bad byte at offset {exc.start}); save the file as UTF-8"
        ) from None
    sample = text[:_CONTROL_SAMPLE]  # binary shows early; counting all of a 10 MB file is slow
    if "\x00" in text or len(_CONTROL_RE.findall(sample)) > _MAX_CONTROL_RATIO * len(sample):
        raise InputError(_not_text_message(name, "it has many control characters"))
    if text.lstrip().startswith(("{", "[")):
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            if (name or "").lower().endswith(".json"):
                raise InputError(f"invalid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from None
        except RecursionError:
            raise InputError("invalid JSON: nested too deeply") from None
        else:
            return _json_resume_document(_check_json_resume(parsed), name)
    kind = "md" if (name or "").lower().endswith((".md", ".markdown")) else "txt"
    return _text_document(text, kind, name)


def _looks_binary(sample: bytes) -> bool:
    """True when a sample has many bytes that are neither printable ASCII nor whitespace."""
    if not sample:
        return False
    odd = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return odd > 0.05 * len(sample)


_MD_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:\s|$)")


def _text_document(text: str, kind: str, name: str | None) -> Document:
    if not text.strip():
        raise InputError("no text: the document is empty or only whitespace")
    if len(text) > MAX_TEXT_CHARS * 2:  # cheap early stop before splitting a huge paste
        raise TooLargeError(_too_much_text_message(len(text)))
    raw: list[_Raw] = []
    for line in text.splitlines():
        level = None
        if kind == "md":
            match = _MD_HEADING_RE.match(line)
            level = len(match.group(1)) if match else None
        raw.append(_Raw(line, heading_level=level))
    return _build_document(raw, kind, name)


def _too_much_text_message(chars: int) -> str:
    return (
        f"document has {chars:,} characters of text, over the {MAX_TEXT_CHARS:,} limit "
        "(a long resume has about 20,000)"
    )


# ---------------------------------------------------------------------------------------------- PDF


def _read_pdf(data: bytes, name: str | None) -> Document:
    """Read a PDF page by page within its budget (:class:`_PdfBudget`): pages, content-stream bytes,
    operators, text-show items, characters and seconds, each checked as the work is done."""
    import pypdf
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError, PdfReadWarning, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if data.rfind(b"%%EOF") == -1:
        raise InputError("truncated PDF: the %%EOF end marker is missing (incomplete download or copy?)")
    pdf_errors = (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, AssertionError,
                  RecursionError, OSError, zlib.error, PdfReadWarning)
    raw: list[_Raw] = []
    budget = _PdfBudget()
    limits: Any = contextlib.nullcontext()
    if hasattr(pypdf, "apply_configuration"):  # pypdf >= 7: per-context resource limits
        limits = pypdf.apply_configuration(
            zlib_maximum_output_length=MAX_PDF_STREAM,
            lzw_maximum_output_length=MAX_PDF_STREAM,
            run_length_maximum_output_length=MAX_PDF_STREAM,
            array_based_stream_maximum_output_length=MAX_PDF_STREAM,
            stream_decoding_work_maximum_length=4 * MAX_PDF_STREAM,
            stream_parsing_work_maximum_count=MAX_PDF_PARSE_WORK,
            xform_maximum_invocations_per_extraction=MAX_PDF_FORMS,
            jbig2dec_binary=None,  # never start an external decoder
        )
    try:
        with warnings.catch_warnings(), limits:
            warnings.simplefilter("ignore", PdfReadWarning)
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    opened = bool(reader.decrypt(""))
                except DependencyError:
                    opened = False
                if not opened:
                    raise InputError(
                        "encrypted PDF: it is password-protected; save or print an unprotected copy"
                    )
            pages = len(reader.pages)
            if pages == 0:
                raise InputError("PDF has no pages")
            if pages > MAX_PDF_PAGES:
                raise TooLargeError(
                    f"PDF has {pages} pages, over the {MAX_PDF_PAGES}-page limit (a resume has 1-3)"
                )
            for number, page in enumerate(reader.pages, start=1):
                budget.start_page(number, page)
                page_text = page.extract_text(visitor_operand_before=budget.visit) or ""
                budget.end_page(page_text)
                raw.extend(_pdf_page_lines(number, page_text))
    except LimitReachedError as exc:
        raise _pdf_limit_error(exc) from exc
    except pdf_errors as exc:
        raise InputError(f"corrupt PDF: it cannot be parsed ({type(exc).__name__})") from exc
    return _pdf_document(raw, name)


def _pdf_limit_error(exc: Exception) -> InputError:
    """pypdf's LimitReachedError in words: which limit it was; "a bomb" only for content that inflates."""
    message = str(exc).lower()
    if "decompress" in message or "stream length" in message or "declared size" in message:
        return TooLargeError(
            f"PDF content inflates past the {_fmt_size(MAX_PDF_STREAM)} limit (a decompression bomb?)")
    if "page tree" in message or "/pages" in message or "cycle" in message or "cyclic" in message:
        return TooComplexError("PDF page tree is nested too deeply, or loops back on itself (a crafted file?)")
    if "tokens" in message or "array" in message or "dictionary" in message:
        return TooComplexError("PDF page content holds more drawing commands or values than a resume page "
                               "(a crafted file?)")
    return TooComplexError(f"PDF is over one of the reader's structure limits ({str(exc).rstrip('.!')})")


class _PdfBudget:
    """What reading a PDF may cost, checked per page and per content-stream operator.

    pypdf parses a page's content stream whole before it reads any text, so the stream's size is checked
    first (:data:`MAX_PDF_CONTENT_BYTES` in all pages); then every operator counts against
    :data:`MAX_PDF_OPERATORS`, every string a text-show operator shows (one ``TJ`` array can hold 100,000)
    against :data:`MAX_PDF_TEXT_ITEMS`, before pypdf works on it; the seconds against
    :data:`MAX_PDF_SECONDS` and the caller's deadline (:mod:`skillmatch.budget`).
    """

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.content_bytes = self.operators = self.items = self.chars = 0
        self.page = 0
        self.stopped: InputError | DeadlineExceeded | None = None

    def start_page(self, number: int, page: Any) -> None:
        self.page = number
        self._check_time()
        contents = page.get_contents()
        self.content_bytes += len(contents.get_data()) if contents is not None else 0
        if self.content_bytes > MAX_PDF_CONTENT_BYTES:
            raise TooComplexError(
                f"PDF page content is over {_fmt_size(MAX_PDF_CONTENT_BYTES)} by page {number} "
                "(a resume has well under 1 MB)")

    def visit(self, operator: bytes, operands: Any, _cm: Any, _tm: Any) -> None:
        """pypdf's visitor, called before each operator: stop the page here when over budget."""
        if self.stopped is not None:
            raise self.stopped  # pypdf swallows errors inside embedded forms: stop at the next operator
        self.operators += 1
        if operator == b"TJ" and operands and isinstance(operands[0], list):
            self.items += len(operands[0])
            if len(operands[0]) > MAX_PDF_TJ_ITEMS:
                self.stopped = TooComplexError(
                    f"PDF page {self.page} shows one line in {len(operands[0]):,} pieces, over the "
                    f"{MAX_PDF_TJ_ITEMS:,} limit (a crafted file?)")
                raise self.stopped
        elif operator in _TEXT_SHOW:
            self.items += 1
        try:
            if self.operators > MAX_PDF_OPERATORS:
                raise TooComplexError(f"PDF has more than {MAX_PDF_OPERATORS:,} drawing commands by page "
                                      f"{self.page} (a resume has a few thousand)")
            if self.items > MAX_PDF_TEXT_ITEMS:
                raise TooComplexError(f"PDF shows more than {MAX_PDF_TEXT_ITEMS:,} pieces of text by page "
                                      f"{self.page} (a long resume has about 20,000)")
            if self.operators % 64 == 0 or operator == b"TJ":
                self._check_time()
        except (InputError, DeadlineExceeded) as exc:
            self.stopped = exc
            raise

    def end_page(self, page_text: str) -> None:
        if self.stopped is not None:
            raise self.stopped
        self.chars += len(page_text)
        if self.chars > MAX_TEXT_CHARS:
            raise TooLargeError(
                f"PDF has more than {MAX_TEXT_CHARS:,} characters of text by page {self.page}, "
                "over the limit (a long resume has about 20,000)"
            )
        self._check_time()

    def _check_time(self) -> None:
        from skillmatch import budget

        budget.check("Reading the PDF")
        if time.monotonic() - self.started > MAX_PDF_SECONDS:
            raise TooComplexError(f"PDF takes more than {MAX_PDF_SECONDS:.0f} s to read by page {self.page} "
                                  "(a resume takes well under 1 s); save it again, or send DOCX or text")


_TEXT_SHOW = frozenset({b"Tj", b"'", b'"'})


def _pdf_page_lines(number: int, page_text: str) -> Iterator[_Raw]:
    """A page's lines; a line after one that ends in a space continues its visual line (pypdf)."""
    previous = ""
    for line in page_text.replace("\x00", "").splitlines():
        yield _Raw(line, page=number, linked=bool(previous) and previous[-1].isspace())
        previous = line


def _pdf_document_from_pages(pages: Sequence[str], name: str | None) -> Document:
    """A Document from page texts some other extractor gave (scripts/eval_resumes.py compares them)."""
    raw = [r for number, text in enumerate(pages, start=1) for r in _pdf_page_lines(number, text)]
    return _pdf_document(raw, name)


def _pdf_document(raw: list[_Raw], name: str | None) -> Document:
    letters = sum(1 for r in raw for ch in r.text if ch.isalpha())
    if letters < _MIN_PDF_LETTERS:
        raise InputError("PDF has no text layer — scanned? run OCR first")
    if _unreadable_share(r.text for r in raw) > 0.3:
        raise InputError("PDF text layer is unreadable (fonts without a Unicode map) — run OCR first")
    return _build_document(raw, "pdf", name)


def _unreadable_share(texts: Iterable[str]) -> float:
    """Share of non-space characters that are control, private-use, unassigned or U+FFFD."""
    seen = bad = 0
    for text in texts:
        for ch in text:
            if ch.isspace():
                continue
            seen += 1
            if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs"):
                bad += 1
    return bad / seen if seen else 0.0


# --------------------------------------------------------------------------------------------- DOCX

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


# -------------------------------------------------------------------------------------- JSON Resume


def _load_json_resume(text: str) -> dict[str, Any]:
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    return _check_json_resume(parsed)


def _check_json_resume(parsed: object) -> dict[str, Any]:
    if not isinstance(parsed, dict) or not ("basics" in parsed or "work" in parsed):
        raise InputError('JSON, but not a JSON Resume (no "basics" or "work" object)')
    for key in ("work", "volunteer", "education", "awards", "certificates", "publications", "skills",
                "languages", "interests", "projects"):
        if key in parsed and parsed[key] is not None and not isinstance(parsed[key], list):
            raise InputError(f'JSON Resume: "{key}" must be a list')
    if "basics" in parsed and parsed["basics"] is not None and not isinstance(parsed["basics"], dict):
        raise InputError('JSON Resume: "basics" must be an object')
    return parsed


def _s(value: object) -> str:
    """A scalar JSON value as text; anything else as ''."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _json_date(value: object) -> str:
    text = _s(value)
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", text)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{calendar.month_abbr[int(match.group(2))]} {match.group(1)}"
    return text


def _json_dates(item: Mapping[str, Any], start_key: str = "startDate", end_key: str = "endDate") -> str:
    start, end = _json_date(item.get(start_key)), _json_date(item.get(end_key))
    if start:
        return f"{start} – {end or 'Present'}"
    return end


def _entries(resume: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    return [e for e in (resume.get(key) or []) if isinstance(e, dict)]


def _json_resume_document(resume: dict[str, Any], name: str | None) -> Document:
    raw: list[_Raw] = []
    section: str | None = None

    def add(text: str) -> None:
        raw.extend(_Raw(line, section=section, forced=True) for line in (text.splitlines() or [""]))

    def heading(title: str, section_id: str) -> None:
        nonlocal section
        if raw:
            add("")
        section = section_id
        add(title)

    def joined(*parts: str, sep: str = " — ") -> str:
        return sep.join(p for p in parts if p)

    basics: Mapping[str, Any] = resume.get("basics") or {}
    for key in ("name", "label"):
        if _s(basics.get(key)):
            add(_s(basics[key]))
    location: Mapping[str, Any] = basics["location"] if isinstance(basics.get("location"), dict) else {}
    place = joined(_s(location.get("city")), _s(location.get("region")), _s(location.get("countryCode")),
                   sep=", ")
    contact = joined(_s(basics.get("email")), _s(basics.get("phone")), _s(basics.get("url")), place,
                     sep=" · ")
    if contact:
        add(contact)
    if _s(basics.get("summary")):
        heading("Summary", "summary")
        add(_s(basics["summary"]))

    def dated_entries(key: str, title: str, section_id: str, role: str, org: str) -> None:
        entries = _entries(resume, key)
        if not entries:
            return
        heading(title, section_id)
        for i, entry in enumerate(entries):
            if i:
                add("")
            head = joined(_s(entry.get(role)), _s(entry.get(org)) or _s(entry.get("company")))
            add(joined(head, _s(entry.get("location")), sep=", "))
            if _json_dates(entry):
                add(_json_dates(entry))
            if _s(entry.get("summary")):
                add(_s(entry["summary"]))
            for highlight in entry.get("highlights") or []:
                if _s(highlight):
                    add(f"• {_s(highlight)}")

    dated_entries("work", "Experience", "experience", "position", "name")
    dated_entries("volunteer", "Volunteer", "volunteer", "position", "organization")
    if entries := _entries(resume, "education"):
        heading("Education", "education")
        for entry in entries:
            degree = joined(_s(entry.get("studyType")), _s(entry.get("area")), sep=" in ")
            add(joined(degree, _s(entry.get("institution")), sep=", "))
            if _json_dates(entry):
                add(_json_dates(entry))
            courses = [_s(c) for c in entry.get("courses") or [] if _s(c)]
            if courses:
                add("Courses: " + ", ".join(courses))
    if entries := _entries(resume, "certificates"):
        heading("Certifications", "certifications")
        for entry in entries:
            date = _json_date(entry.get("date"))
            add(joined(joined(_s(entry.get("name")), _s(entry.get("issuer"))), f"({date})" if date else "",
                       sep=" "))
    if entries := _entries(resume, "awards"):
        heading("Awards", "awards")
        for entry in entries:
            add(joined(_s(entry.get("title")), _s(entry.get("awarder")), _json_date(entry.get("date"))))
    if entries := _entries(resume, "publications"):
        heading("Publications", "publications")
        for entry in entries:
            add(joined(_s(entry.get("name")), _s(entry.get("publisher")),
                       _json_date(entry.get("releaseDate"))))
    if entries := _entries(resume, "skills"):
        heading("Skills", "skills")
        for entry in entries:
            keywords = ", ".join(_s(k) for k in entry.get("keywords") or [] if _s(k))
            add(joined(_s(entry.get("name")), keywords, sep=": "))
    if entries := _entries(resume, "projects"):
        heading("Projects", "projects")
        for entry in entries:
            add(joined(_s(entry.get("name")), _json_dates(entry), sep=", "))
            if _s(entry.get("description")):
                add(_s(entry["description"]))
            for highlight in entry.get("highlights") or []:
                if _s(highlight):
                    add(f"• {_s(highlight)}")
    if entries := _entries(resume, "languages"):
        heading("Languages", "languages")
        for entry in entries:
            fluency = _s(entry.get("fluency"))
            add(joined(_s(entry.get("language")), f"({fluency})" if fluency else "", sep=" "))
    if entries := _entries(resume, "interests"):
        heading("Interests", "interests")
        for entry in entries:
            keywords = ", ".join(_s(k) for k in entry.get("keywords") or [] if _s(k))
            add(joined(_s(entry.get("name")), keywords, sep=": "))

    if not any(r.text.strip() for r in raw):
        raise InputError("JSON Resume has no content")
    return _build_document(raw, "json_resume", name)


# ------------------------------------------------------------------------------------ lines → Document


class _Raw(NamedTuple):
    """A line before numbering: its text, page, heading style level, and a forced section."""

    text: str
    page: int | None = None
    heading_level: int | None = None
    section: str | None = None
    forced: bool = False
    linked: bool = False  # a PDF piece that sat on the same visual line as the line before it


def _rebuilt(raw: list[_Raw], kind: str) -> list[_Raw]:
    """Glyph hygiene on every line, then the logical lines (see :func:`rebuild_lines`)."""
    cleaned = [clean_text(r.text) for r in raw]
    if kind == "json_resume":  # our own rendering: its lines are already whole
        return [r._replace(text=t) for r, t in zip(raw, cleaned, strict=True)]
    pdf = kind == "pdf"
    vocab = _vocabulary()
    rebuilt = rebuild_lines(cleaned, [r.linked for r in raw] if pdf else None, blank_separators=pdf,
                            is_heading=lambda text: vocab.match(text) is not None)
    if pdf:  # a page wraps sentences: rebuild them whole (see skillmatch.read.linewrap)
        joined = join_wrapped([text for text, _ in rebuilt],
                              is_break=lambda text: vocab.match(text) is not None or is_date_line(text))
        rebuilt = [(text, rebuilt[k][1]) for text, k in joined]
    return [raw[i]._replace(text=text) for text, i in rebuilt]


def _build_document(raw: list[_Raw], kind: str, name: str | None) -> Document:
    raw = _rebuilt(raw, kind)
    while raw and not raw[-1].text.strip():
        raw.pop()
    if not raw:
        raise InputError("no text: the document is empty or only whitespace")
    vocab = _vocabulary()
    lines: list[Line] = []
    headings: set[int] = set()
    current: str | None = None
    current_level: int | None = None
    for number, item in enumerate(raw, start=1):
        text = item.text.rstrip()
        if item.forced:
            current = item.section
        elif (section := vocab.match(text)) is not None:
            current, current_level = section, item.heading_level
            headings.add(number)
        elif (
            item.heading_level is not None
            and current_level is not None
            and item.heading_level <= current_level
            and text.strip()
        ):
            current = "other"  # a styled heading at section level that is not in the vocabulary
        lines.append(Line(number, text, item.page, current))
    text = "\n".join(line.text for line in lines)
    if len(text) > MAX_TEXT_CHARS:
        raise TooLargeError(_too_much_text_message(len(text)))
    return Document(text, tuple(lines), kind, name, tuple(_find_employment(lines, vocab, frozenset(headings))))


# ------------------------------------------------------------------------------- section vocabulary


@dataclass(frozen=True)
class _Vocabulary:
    headings: Mapping[str, str]
    compact: Mapping[str, str]
    employment_sections: frozenset[str]
    neutral_sections: frozenset[str]
    job_words: re.Pattern[str]

    def match(self, line: str) -> str | None:
        """The section id when the line is a heading, else None."""
        stripped = line.strip()
        if not stripped or len(stripped) > 60 or _BULLET_RE.match(stripped):
            return None
        letters = stripped.strip(":").strip()
        if _SPACED_RE.fullmatch(letters):  # "E X P E R I E N C E", "W O R K   H I S T O R Y"
            words = [w.replace(" ", "") for w in re.split(r"\s{2,}", letters)]
            key = _normalize_heading(" ".join(words))
            return self.headings.get(key) or self.compact.get(key.replace(" ", ""))
        return self.headings.get(_normalize_heading(stripped))


_BULLET_RE = re.compile(r"[-+*•·▪◦●‣]\s")
_SPACED_RE = re.compile(r"(?:[^\W\d_]\s{1,4})+[^\W\d_]")


def _normalize_heading(text: str) -> str:
    text = re.sub(r"^\s*#{1,6}\s*", "", text).lower().replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@functools.cache
def _vocabulary() -> _Vocabulary:
    try:
        source = importlib.resources.files("skillmatch.data").joinpath("sections.yaml").read_text("utf-8")
    except (ModuleNotFoundError, OSError) as exc:
        raise DataError("skillmatch.data/sections.yaml is missing; reinstall skillmatch") from exc
    try:
        doc = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise DataError(f"sections.yaml is not valid YAML: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("sections"), dict):
        raise DataError("sections.yaml: expected a mapping with a 'sections' mapping")
    headings: dict[str, str] = {}
    compact: dict[str, str] = {}
    for section, phrases in doc["sections"].items():
        if not isinstance(section, str) or not _is_str_list(phrases):
            raise DataError(f"sections.yaml: section {section!r} must map to a list of phrases")
        for phrase in phrases:
            key = _normalize_heading(phrase)
            if not key:
                raise DataError(f"sections.yaml: empty heading phrase in {section!r}")
            if headings.get(key, section) != section:
                raise DataError(
                    f"sections.yaml: {phrase!r} is listed under {headings[key]!r} and {section!r}"
                )
            headings[key] = section
            compact.setdefault(key.replace(" ", ""), section)
    employment = doc.get("employment")
    if not isinstance(employment, dict):
        raise DataError("sections.yaml: expected an 'employment' mapping")
    lists = {key: employment.get(key) for key in ("sections", "neutral_sections", "job_words")}
    for key, value in lists.items():
        if not _is_str_list(value):
            raise DataError(f"sections.yaml: employment.{key} must be a list of strings")
    unknown = set(lists["sections"] or []) | set(lists["neutral_sections"] or [])
    unknown -= set(doc["sections"])
    if unknown:
        raise DataError(f"sections.yaml: employment names unknown sections {sorted(unknown)}")
    words = "|".join(re.escape(w.lower()).replace(r"\ ", r"\s+") for w in lists["job_words"] or [])
    return _Vocabulary(
        headings=headings,
        compact=compact,
        employment_sections=frozenset(lists["sections"] or []),
        neutral_sections=frozenset(lists["neutral_sections"] or []),
        job_words=re.compile(rf"\b(?:{words})\b", re.IGNORECASE),
    )


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


# --------------------------------------------------------------------------------- employment dates


def _find_employment(lines: Sequence[Line], vocab: _Vocabulary, headings: frozenset[int]) -> Iterator[EmploymentRange]:
    return find_employment(
        lines,
        sections=vocab.employment_sections,
        neutral_sections=vocab.neutral_sections,
        job_words=vocab.job_words,
        headings=headings,
    )
