"""Input decoding: bytes or text to HTML or JSON, with the size, binary and JSON depth checks."""

from __future__ import annotations

import json
import re
from typing import Any

from bs4.dammit import UnicodeDammit

from ...errors import InputError
from .model import MAX_INPUT_BYTES

# --------------------------------------------------------------------------------------------------
# Input decoding


def _decode(page: str | bytes) -> str:
    if isinstance(page, bytes | bytearray):
        data = bytes(page)
        if len(data) > MAX_INPUT_BYTES:
            raise InputError(f"input is {len(data):,} bytes; the limit is {MAX_INPUT_BYTES:,} bytes")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            guessed = UnicodeDammit(data, is_html=True).unicode_markup
            if guessed is None:
                raise InputError("input is not text in a known encoding") from None
            text = guessed
    elif isinstance(page, str):
        text = page
        if len(text) > MAX_INPUT_BYTES:
            raise InputError(f"input is {len(text):,} characters; the limit is {MAX_INPUT_BYTES:,}")
        text = text.removeprefix("\ufeff")
    else:
        raise InputError(f"expected HTML or JSON as str or bytes, got {type(page).__name__}")
    if not text.strip():
        raise InputError("input is empty")
    if "\x00" in text[:4096]:
        raise InputError("input is binary data, not an HTML page or a JSON payload")
    return text


MAX_JSON_DEPTH = 64
"""Deepest JSON nesting read (JobPosting JSON-LD and ATS payloads need well under 10 levels)."""


def json_depth_problem(text: str, limit: int = MAX_JSON_DEPTH) -> str | None:
    """A message when ``text`` nests arrays and objects deeper than ``limit``, else None.

    Counts brackets outside strings without parsing, so 100,000 nested arrays cost a scan, not the
    parser's recursion (a RecursionError).
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    for m in _JSON_TOKENS.finditer(text):
        ch = m.group()
        if ch in "[{":
            depth += 1
            if depth > limit:
                return f"JSON nested more than {limit} levels deep"
        elif ch in "]}":
            depth -= 1
    return None


_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]')


def _json_loads(text: str, *, strict: bool = True) -> Any:
    """``json.loads``, with nesting over :data:`MAX_JSON_DEPTH` and bad JSON as :class:`InputError`."""
    problem = json_depth_problem(text)
    if problem:
        raise InputError(f"refused: {problem}")
    try:
        return json.loads(text, strict=strict)
    except json.JSONDecodeError as e:
        raise InputError(f"not valid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    except RecursionError:
        raise InputError(f"refused: JSON nested more than {MAX_JSON_DEPTH} levels deep") from None


_HTML_START = re.compile(
    r"<\s*(?:!doctype|html|head|body|meta|title|div|p|h[1-6]|main|article|section|script|span|ul|table)\b", re.I
)


def _load(page: str | bytes | dict[str, Any] | list[Any]) -> tuple[str, Any]:
    """("json", value) or ("html", markup)."""
    if isinstance(page, dict | list):
        return "json", page
    text = _decode(page)
    head = text.lstrip()
    if head[:1] in "{[":
        return "json", _json_loads(head)
    if _HTML_START.search(text[:200_000]):
        return "html", text
    raise InputError("input is neither an HTML page nor a JSON payload")
