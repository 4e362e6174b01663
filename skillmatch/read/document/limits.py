"""The resume readers' limits (file size, PDF pages, streams, operators and seconds, DOCX size and
paragraphs, text length, ZIP ratio and entries) and the messages that name them. Checked before
anything is parsed or inflated."""

from __future__ import annotations

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


def _too_much_text_message(chars: int) -> str:
    return (
        f"document has {chars:,} characters of text, over the {MAX_TEXT_CHARS:,} limit "
        "(a long resume has about 20,000)"
    )
