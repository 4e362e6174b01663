"""Read an uploaded resume in memory and analyze it; nothing is written, kept or logged.

The file's type comes from its bytes (``%PDF`` header, a ZIP package holding ``word/document.xml``, a JSON
Resume object, UTF-8 text), as :func:`skillmatch.read.document.read_document` sniffs it: the file name and
the browser's content type are never trusted. The name is only recorded for display, and picks Markdown
over plain text for a text file named ``.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from werkzeug.datastructures import FileStorage

from .errors import FriendlyError
from .limits import MAX_UPLOAD

T = TypeVar("T")

if TYPE_CHECKING:
    from skillmatch.listings.store import Store
    from skillmatch.read.document import Document
    from skillmatch.report.model import Report

__all__ = ["MAX_RESUME_CHARS", "Analysis", "analyze_document", "analyze_upload", "read_document_bytes",
           "read_upload", "upload_bytes"]


def read_upload(upload: FileStorage | None, *, max_size: int = MAX_UPLOAD) -> Document:
    """The uploaded file as a Document, read from memory.

    Args:
        upload: the form's file field (None or an empty one when nothing was chosen).
        max_size: largest accepted file in bytes.

    Raises:
        FriendlyError: no file was sent.
        InputError: the file is empty, too large, of an unsupported type or unreadable.
    """
    if upload is None or not (upload.filename or upload.content_length):
        raise FriendlyError("No file was sent. Choose a resume file, then press Analyze.")
    data = upload.stream.read(max_size + 1)
    return read_document_bytes(data, upload.filename, max_size=max_size)


def read_document_bytes(data: bytes, name: str | None, *, max_size: int = MAX_UPLOAD) -> Document:
    """Bytes (an upload or a raw API body) as a Document; the type is sniffed from ``data``.

    Args:
        data: the file's bytes.
        name: the file name as sent, if any (display only).
        max_size: largest accepted size in bytes.

    Raises:
        InputError: the bytes are empty, too large, of an unsupported type or unreadable.
    """
    from skillmatch.read.document import read_document

    return read_document(data, name=name or None, max_size=max_size)


MAX_RESUME_CHARS = 30_000
"""Most characters of resume text analyzed per request (about 12 dense pages); longer gets 413. The
analysis costs time in proportion to the text, so this is the request's work budget."""


def analyze_upload(data: bytes, name: str | None, db_path: str | None, *, max_size: int = MAX_UPLOAD,
                   then: Callable[[Analysis], T] | None = None) -> Any:
    """Read and analyze an upload's bytes in the work pool (:mod:`skillmatch.web.work`), within its budget;
    with ``then``, also what is made of the analysis (the page, the JSON), in the same place.

    Everything runs in the pool's thread, inside the shared spaCy memory zone and the current request's
    context: the report page and its plan parse lines again, and that parsing must neither run outside
    the pool's bounds nor see its strings evicted by another request's zone closing. The listings store
    is opened there too (SQLite connections stay in the thread that made them).

    Returns:
        The :class:`Analysis`, or what ``then`` returned for it.

    Raises:
        InputError: unreadable bytes; FriendlyError: 413 over :data:`MAX_RESUME_CHARS`, 503 over budget.
    """
    from flask import copy_current_request_context, has_request_context

    from . import work

    job = copy_current_request_context(_job) if has_request_context() else _job
    return work.run("Reading and analyzing the resume", job, data, name, db_path, max_size, then)


def _job(data: bytes, name: str | None, db_path: str | None, max_size: int,
         then: Callable[[Analysis], Any] | None) -> Any:
    from skillmatch.nlp import memory_zone
    from skillmatch.taxonomy import load_taxonomy

    with memory_zone(load_taxonomy()):  # its alias matcher built before the zone opens, so it stays
        analysis = _read_and_analyze(data, name, db_path, max_size)
        return analysis if then is None else then(analysis)


def _read_and_analyze(data: bytes, name: str | None, db_path: str | None, max_size: int) -> Analysis:
    document = read_document_bytes(data, name, max_size=max_size)
    if len(document.text) > MAX_RESUME_CHARS:
        raise FriendlyError(f"The resume holds {len(document.text):,} characters of text; up to "
                            f"{MAX_RESUME_CHARS:,} are analyzed. Send the resume itself, without appendices.", 413)
    if not db_path:
        return analyze_document(document, None)
    from .db import open_db

    store = open_db(db_path)
    try:
        return analyze_document(document, store)
    finally:
        store.close()


def upload_bytes(upload: FileStorage | None, *, max_size: int = MAX_UPLOAD) -> tuple[bytes, str | None]:
    """The uploaded file's bytes and name (read in memory).

    Raises:
        FriendlyError: no file was sent.
    """
    if upload is None or not (upload.filename or upload.content_length):
        raise FriendlyError("No file was sent. Choose a resume file, then press Analyze.")
    return upload.stream.read(max_size + 1), upload.filename


@dataclass(frozen=True)
class Analysis:
    """A report, and whether a listings database took part in it.

    Args:
        report: the library's report; with a store, its band carries the observed market pay, its gaps
            how often listings ask for them, and ``report.listings`` the best-fitting stored listings.
        has_store: whether a listings database is configured.
    """

    report: Report
    has_store: bool


def analyze_document(document: Document, store: Store | None) -> Analysis:
    """Analyze a document, with what the listings store adds when one is given.

    Args:
        document: the resume, read.
        store: the listings store, or None.
    """
    from skillmatch.analyze import analyze_resume

    return Analysis(analyze_resume(document, store=store), store is not None)
