"""A faster reading of a page's content stream into pypdf's operations, for the plain streams resumes have.

pypdf reads a content stream a byte at a time (about half of reading a resume PDF). Most resume pages
hold only numbers, names, strings, arrays of those and operators: :func:`operations` reads those with
regular expressions into the very objects pypdf would make (``NumberObject``, ``FloatObject``,
``NameObject``, strings from ``create_string_object``, ``ArrayObject``), and gives up (None) on anything
else (dictionaries, inline images, comments, escapes it does not know, odd bytes, a stream over pypdf's
token limits): pypdf then reads that stream itself, with its own checks and errors. The text pypdf
extracts is the same either way (tests/test_read_pdf_content.py).

Real resume pages repeat a few operations thousands of times (one glyph a ``Tj``: ``7 0 Td <0027> Tj``), so
an operation of plain operands (no array, no string with an escape or a parenthesis) is matched whole and
read once per stream: its repeats share the immutable operand objects (each gets its own list).
"""

from __future__ import annotations

import re
from typing import Any

# whitespace between tokens: NUL and VT are left out (pypdf skips NUL there but not VT, and ends a name
# or an operator at VT but not at NUL), so a stream with either between tokens is pypdf's to read
_WS = rb"[\t\n\f\r ]"
_NUMBER_END = rb"(?![+,\-.0-9])"  # pypdf reads a number up to the first byte not in "+,-.0-9"
# one token at the top level of a stream or in an array, after any whitespace: an integer, a real, a name, a hex
# string, the start of a literal string or an array, an operator (the longest run up to a delimiter, as
# pypdf reads it); a run of number bytes that is no number ("1,5", "1.2.3") is left to pypdf
_TOKEN = re.compile(
    _WS + rb"*+(?:"
    rb"(?P<int>[+-]?\d++)" + _NUMBER_END +
    rb"|(?P<real>[+-]?(?:\d+\.\d*|\.\d+))" + _NUMBER_END +
    rb"|(?P<op>[A-Za-z'\"][^\t\n\f\r \x0b()<>\[\]{}/%]*)"
    rb"|(?P<name>/[^\t\n\f\r \x0b()<>\[\]{}/%#]*+)(?!#)"  # possessive: "/a#20" is not "/a"
    rb"|<(?P<hex>[0-9A-Fa-f\t\n\f\r ]*)>"
    rb"|(?P<str>\()"
    rb"|(?P<arr>\[)"
    rb"|(?P<end>\])"
    rb")"
)
# one whole operation of plain operands (numbers, names, hex strings, literal strings with no escape or
# parenthesis) and its operator, after any whitespace: the tokens are _TOKEN's, so reading the match with
# _TOKEN gives what reading it in place would
_PLAIN_OPERAND = (rb"(?:[+-]?\d++" + _NUMBER_END + rb"|[+-]?(?:\d+\.\d*|\.\d+)" + _NUMBER_END +
                  rb"|/[^\t\n\f\r \x0b()<>\[\]{}/%#]*+(?!#)|<[0-9A-Fa-f\t\n\f\r ]*>|\([^()\\]*\))")
_PLAIN_OPERATION = re.compile(_WS + rb"*+((?:" + _PLAIN_OPERAND + _WS + rb"*+)*+"
                              rb"[A-Za-z'\"][^\t\n\f\r \x0b()<>\[\]{}/%]*)")
_TRAILING_WS = re.compile(_WS + rb"*")
_PLAIN = re.compile(rb"[^()\\]+")
_HEX_WS = re.compile(_WS)
_ESCAPES = {ord(k): ord(v) for k, v in {
    "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "(": "(", ")": ")", "/": "/", "\\": "\\",
    " ": " ", "%": "%", "<": "<", ">": ">", "[": "[", "]": "]", "#": "#", "_": "_", "&": "&", "$": "$",
}.items()}
_OCTAL = re.compile(rb"[0-7]{1,3}")
_MAX_NAME = 1024
_MAX_OPERATOR = 100


class _GiveUp(Exception):
    """Something this reader does not read as pypdf would: pypdf reads the stream."""


def operations(data: bytes, forced_encoding: Any) -> list[tuple[Any, bytes]] | None:
    """pypdf's ``ContentStream.operations`` for ``data``, or None when pypdf must read it itself."""
    return read_operations(data, forced_encoding)[0]


def read_operations(data: bytes, forced_encoding: Any) -> tuple[list[tuple[Any, bytes]] | None, int]:
    """:func:`operations`, and the length of the stream's widest array when it was read (else 0): a
    caller can refuse a crafted page before pypdf spends seconds reading an array this reader saw."""
    import pypdf

    if not hasattr(pypdf, "get_configuration"):  # pypdf < 7: its limits are not ours to read
        return None, 0
    config = pypdf.get_configuration()
    try:
        ops, tokens, widest = _read(data, forced_encoding)
    except _GiveUp:
        return None, 0
    # a stream near pypdf's limits is read by pypdf, which raises its own LimitReachedError
    if tokens * 2 > config.stream_parsing_work_maximum_count or widest * 2 > config.array_maximum_element_count:
        return None, widest
    return ops, widest


def _read(data: bytes, forced_encoding: Any, *, whole: bool = True) -> tuple[list[tuple[Any, bytes]], int, int]:
    """The operations, the tokens read and the widest array; ``whole``: plain operations are matched whole
    and read once each (:data:`_PLAIN_OPERATION`), the rest a token at a time."""
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject, create_string_object

    ops: list[tuple[Any, bytes]] = []
    operands: list[Any] = []
    array: list[Any] | None = None  # the array being read, if any (they do not nest here)
    pos, end, tokens, widest = 0, len(data), 0, 0
    match = _TOKEN.match
    plain = _PLAIN_OPERATION.match if whole else None
    seen: dict[bytes, tuple[list[Any], bytes, int]] = {}  # a plain operation's bytes: operands, operator, tokens
    new_int, new_float = int.__new__, float.__new__
    while pos < end:
        if plain is not None and not operands and array is None and (w := plain(data, pos)) is not None:
            key = w.group(1)
            known = seen.get(key)
            if known is None:
                read, count, _ = _read(key, forced_encoding, whole=False)  # exactly one operation
                known = seen[key] = (read[0][0], read[0][1], count)
            ops.append((list(known[0]), known[1]))
            tokens += known[2]
            pos = w.end()
            continue
        m = match(data, pos)
        if m is None:
            if _TRAILING_WS.fullmatch(data, pos):
                break
            raise _GiveUp  # a dictionary, a comment, a byte pypdf reads its own way (or refuses)
        kind = m.lastgroup
        pos = m.end()
        tokens += 1
        value: Any
        if kind == "int":  # as NumberObject(b"12") and FloatObject(b"1.5") make them, less their checks
            value = new_int(NumberObject, int(m.group("int")))
        elif kind == "real":
            value = new_float(FloatObject, float(m.group("real")))
        elif kind == "name":
            text = m.group("name")
            if len(text) > _MAX_NAME:
                raise _GiveUp
            try:
                value = NameObject(text.decode("utf-8"))
            except UnicodeDecodeError:
                raise _GiveUp from None
        elif kind == "hex":
            digits = _HEX_WS.sub(b"", m.group("hex"))
            value = create_string_object(bytes.fromhex((digits + b"0" if len(digits) % 2 else digits).decode()),
                                         forced_encoding)
        elif kind == "str":
            raw, pos = _literal(data, pos)
            value = create_string_object(raw, forced_encoding)
        elif kind == "op" and array is None:
            op = m.group("op")
            if op in (b"BI", b"R") or len(op) > _MAX_OPERATOR:
                raise _GiveUp  # an inline image, an object reference: pypdf's own readers
            ops.append((operands, op))
            operands = []
            continue
        elif kind == "arr" and array is None:
            tokens -= 1
            array = ArrayObject()
            continue
        elif kind == "end" and array is not None:
            tokens -= 1
            widest = max(widest, len(array))
            operands.append(array)
            array = None
            continue
        else:
            raise _GiveUp  # nested arrays, true/false/null in one, a stray "]": left to pypdf
        (operands if array is None else array).append(value)
    if operands or array is not None:
        raise _GiveUp  # operands with no operator at the end, an open array: left to pypdf
    return ops, tokens, widest


def _literal(data: bytes, pos: int) -> tuple[bytes, int]:
    """A literal string's bytes from just after its "(" (balanced parentheses, pypdf's escapes)."""
    out = bytearray()
    depth = 1
    end = len(data)
    while pos < end:
        m = _PLAIN.match(data, pos)
        if m is not None:
            out += m.group()
            pos = m.end()
            continue
        c = data[pos]
        if c == 0x28:  # (
            depth += 1
            out.append(c)
            pos += 1
        elif c == 0x29:  # )
            depth -= 1
            pos += 1
            if depth == 0:
                return bytes(out), pos
            out.append(c)
        else:  # a backslash
            if pos + 1 >= end:
                raise _GiveUp
            nxt = data[pos + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                pos += 2
                continue
            o = _OCTAL.match(data, pos + 1)
            if o is None or int(o.group(), 8) > 255:
                raise _GiveUp  # a line break or unknown escape, an octal over 255: pypdf's own ways
            out.append(int(o.group(), 8))
            pos = o.end()
    raise _GiveUp
