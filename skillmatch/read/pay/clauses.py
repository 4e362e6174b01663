"""The words around an amount or a figure: the clause before it, the words after it, bracketed asides."""

from __future__ import annotations

import re

from .patterns import _CLAUSE_END

_BRACKETS = re.compile(r"\([^()\n]*\)|\[[^\[\]\n]*\]")
_NAME = re.compile(r"[\W\d_]*(?:[A-Z][\w'’&/.-]*[\W\d_]*){1,5}")


def _aside(m: re.Match[str]) -> str:
    # an aside that is a name ("(Annual Discretionary Bonus)", "(OTE)") says what the figure is: its
    # words are kept, its full stops do not end the clause ("(B. S.)")
    inner = m.group(0)[1:-1]
    return "\x00" + re.sub(r"[.!?;•|]", ",", inner) + "\x01" if _NAME.fullmatch(inner) else " "


def _unbracket(s: str) -> str:
    """s with every closed (...) or [...] aside on one line cut down to one space, innermost first.

    Only a qualifier is cut ("(depends on the cost of labor in your area)"); a name is kept.
    """
    while True:
        out = _BRACKETS.sub(_aside, s)
        if out == s:
            return out.replace("\x00", "(").replace("\x01", ")")
        s = out


def _clause_before(text: str, pos: int, limit: int = 160) -> str:
    """The text from the start of the clause (sentence, line, bullet) up to pos.

    A closed aside in brackets is skipped ("Salary range (depends on location; excl. bonus): $X"):
    its words and its full stops are not the clause's, and it does not count towards ``limit``.
    """
    window = _unbracket(text[max(0, pos - 3 * limit) : pos])[-limit:]
    cut = 0
    for m in _CLAUSE_END.finditer(window):
        cut = m.end()
    clause = window[cut:]
    if not clause.strip(" -–*()[]{}~:\t"):
        # a bare "- $90k" line: its label is the line above ("Salary Range:\n- $90k")
        prev = window[:cut].rstrip()
        line = prev[prev.rfind("\n") + 1 :]
        if line.rstrip().endswith(":"):
            clause = line + clause
    return clause


def _words_after(text: str, pos: int) -> str:
    window = text[pos : pos + 50]
    cut = re.search(r"[+&,;()\n|•·]|\.\s|\b(?:and|plus|with|depending|based|DOE|base)\b", window, re.I)
    return window[: cut.start()] if cut else window


def _last(pattern: re.Pattern[str], s: str) -> int:
    """End offset of the last match of pattern in s, or -1."""
    pos = -1
    for m in pattern.finditer(s):
        pos = m.end()
    return pos
