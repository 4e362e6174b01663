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
memory. Messages and logs never contain text from the document: a resume is personal data."""

from __future__ import annotations

from ..employment import EmploymentRange, years_of_experience
from .limits import DEFAULT_MAX_SIZE, MAX_DOCX_UNCOMPRESSED, MAX_PDF_PAGES, MAX_TEXT_CHARS
from .limits import MAX_DOCX_PARAGRAPHS as MAX_DOCX_PARAGRAPHS
from .limits import MAX_PDF_TEXT_ITEMS as MAX_PDF_TEXT_ITEMS
from .limits import MAX_PDF_TJ_ITEMS as MAX_PDF_TJ_ITEMS
from .model import Document, Line
from .pdf import _pdf_document_from_pages as _pdf_document_from_pages
from .reader import document_from_text, read_document

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
