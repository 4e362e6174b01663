"""PDF resumes (pypdf): text per page within a work budget (:class:`_PdfBudget`), unreadable-page checks."""

from __future__ import annotations

import contextlib
import io
import logging
import time
import unicodedata
import warnings
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from skillmatch.errors import DeadlineExceeded, InputError, TooComplexError, TooLargeError

from .limits import (
    _MIN_PDF_LETTERS,
    MAX_PDF_CONTENT_BYTES,
    MAX_PDF_FORMS,
    MAX_PDF_OPERATORS,
    MAX_PDF_PAGES,
    MAX_PDF_PARSE_WORK,
    MAX_PDF_SECONDS,
    MAX_PDF_STREAM,
    MAX_PDF_TEXT_ITEMS,
    MAX_PDF_TJ_ITEMS,
    MAX_TEXT_CHARS,
    _fmt_size,
)
from .model import Document
from .pdf_content import read_operations
from .sections import _build_document, _Raw


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
                budget.ahead(*_preparse(page, reader))
                page_text = page.extract_text(visitor_operand_before=budget.visit) or ""
                budget.end_page(page_text)
                raw.extend(_pdf_page_lines(number, page_text))
    except LimitReachedError as exc:
        raise _pdf_limit_error(exc) from exc
    except pdf_errors as exc:
        raise InputError(f"corrupt PDF: it cannot be parsed ({type(exc).__name__})") from exc
    return _pdf_document(raw, name)


def _preparse(page: Any, reader: Any) -> tuple[int, int]:
    """Read the page's content stream with :mod:`.pdf_content` when it can (the same operations pypdf
    would read, faster) and hand them to the page; else leave the page as it is, for pypdf to read.

    Returns what that reading saw ahead of pypdf: the widest array and the pieces of text its text-show
    operators show (0, 0 when it did not read the stream)."""
    from pypdf.generic import ArrayObject, ContentStream, NameObject, StreamObject

    try:
        contents = page.get("/Contents")
        source = contents.get_object() if contents is not None else None
        if not isinstance(source, ArrayObject | StreamObject) or isinstance(source, ContentStream):
            return 0, 0
        stream = ContentStream(source, reader, "bytes")  # as pypdf's text extraction makes it
    except Exception:  # noqa: BLE001 - pypdf makes it again in extract_text, and reports what is wrong
        return 0, 0
    ops, widest = read_operations(stream.get_data(), stream.forced_encoding)
    if ops is None:
        return widest, 0
    stream.operations = ops
    page[NameObject("/Contents")] = stream
    return widest, sum(_text_pieces(op, operands) for operands, op in ops)


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

    def ahead(self, widest: int, items: int) -> None:
        """Refuse the page before pypdf reads it when its content stream, as read ahead, is already over
        a limit :meth:`visit` would stop it at (a crafted array pypdf takes seconds to read): the widest
        array against :data:`MAX_PDF_TJ_ITEMS`, its text pieces (form XObjects not counted, so never
        more than :meth:`visit` counts) against :data:`MAX_PDF_TEXT_ITEMS`."""
        if widest > MAX_PDF_TJ_ITEMS:
            raise TooComplexError(f"PDF page {self.page} shows one line in {widest:,} pieces, over the "
                                  f"{MAX_PDF_TJ_ITEMS:,} limit (a crafted file?)")
        if self.items + items > MAX_PDF_TEXT_ITEMS:
            raise TooComplexError(f"PDF shows more than {MAX_PDF_TEXT_ITEMS:,} pieces of text by page "
                                  f"{self.page} (a long resume has about 20,000)")

    def visit(self, operator: bytes, operands: Any, _cm: Any, _tm: Any) -> None:
        """pypdf's visitor, called before each operator: stop the page here when over budget."""
        if self.stopped is not None:
            raise self.stopped  # pypdf swallows errors inside embedded forms: stop at the next operator
        self.operators += 1
        pieces = _text_pieces(operator, operands)
        self.items += pieces
        if operator == b"TJ" and pieces > MAX_PDF_TJ_ITEMS:
            self.stopped = TooComplexError(
                f"PDF page {self.page} shows one line in {pieces:,} pieces, over the "
                f"{MAX_PDF_TJ_ITEMS:,} limit (a crafted file?)")
            raise self.stopped
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


def _text_pieces(operator: bytes, operands: Any) -> int:
    """The pieces of text one content-stream operator shows: a ``TJ`` array's items, one for each other
    text-show operator, none for the rest (a ``TJ`` without an array shows none)."""
    if operator == b"TJ":
        return len(operands[0]) if operands and isinstance(operands[0], list) else 0
    return int(operator in _TEXT_SHOW)


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
