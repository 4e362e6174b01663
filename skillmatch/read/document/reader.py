"""Read a file or a text into a Document: the size check, the type sniffed from the bytes, the
format's reader."""

from __future__ import annotations

import os
import stat
from pathlib import PureWindowsPath

from skillmatch.errors import InputError, TooLargeError

from .docx import _read_docx
from .jsonresume import _json_resume_document, _load_json_resume
from .limits import DEFAULT_MAX_SIZE, _too_large_message
from .model import Document
from .pdf import _read_pdf
from .text import _not_text_message, _read_text, _text_document


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


def _base_name(name: str | None) -> str | None:
    if name is None:
        return None
    base = PureWindowsPath(name).name  # accepts both / and \ separators (browser uploads)
    return base or None


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
