"""Plain text and Markdown resumes: decoding, binary and control-character checks, Markdown headings."""

from __future__ import annotations

import codecs
import json
import re

from skillmatch.errors import InputError, TooLargeError

from .jsonresume import _check_json_resume, _json_resume_document
from .limits import MAX_TEXT_CHARS, _too_much_text_message
from .model import Document
from .sections import _build_document, _Raw


def _not_text_message(name: str | None, problem: str) -> str:
    suffix = (name or "").lower().rsplit(".", 1)[-1] if name and "." in name else ""
    if suffix == "pdf":
        return f"not a PDF: named .pdf but there is no %PDF header ({problem})"
    if suffix in ("docx", "docm", "dotx"):
        return f"not a DOCX: named .{suffix} but it is not a ZIP package ({problem})"
    return f"unrecognized binary file ({problem}); expected PDF, DOCX, JSON Resume or UTF-8 text"


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
