"""Whole sentences from a PDF's wrapped lines.

A PDF has no paragraphs, only visual lines: a sentence that the page wrapped comes out of the text
extractor as two or more lines ("...worked with the Salesforce administrator to" / "merge duplicate
accounts."). :func:`join_wrapped` joins such a line to the one before it, after
:func:`skillmatch.read.logical_lines.rebuild_lines` has rebuilt the role headers, so that every line read
(and every line shown as evidence) is a whole sentence, as in the DOCX, TXT and JSON versions of the
same resume.

A line continues the one before it when nothing marks a new line: the line before does not end a
sentence (``.``, ``!``, ``?``, ``:``), and the line

* starts in lower case or with a digit ("deals by segment", "3,800 accounts") after a line of four
  words or more (and is not an e-mail or web address), or follows a line
  ending in a comma, a hyphen, an ampersand or a word that cannot end a sentence ("and", "to",
  "the", "of", ...);
* is not a bullet, a section heading, a date or a role header with a date range, and does not
  follow one.

Everything else stays as it is (a skills list of short lines, a title above its company).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

__all__ = ["join_wrapped"]

# words after which a sentence goes on: a line ending in one of them was wrapped
_CONNECTORS = frozenset(
    "a an the and or nor but of to for with in on at by from into onto over under as than via per "
    "including such across between within without about against toward towards through their our "
    "its his her my your this that these those which who whose where while when using".split()
)
_BULLET_RE = re.compile(r"^\s*(?:[-+*•·▪◦●‣➢❖■□✓✔→>]|\d{1,2}[.)]\s)")
_END_RE = re.compile(r"[.!?:;]['\"”’)]*$")
_LAST_WORD_RE = re.compile(r"([^\W\d_]+)\W*$")
_CONTACT_RE = re.compile(r"@|https?://|www\.|linkedin\.com", re.IGNORECASE)
_MAX_JOINED = 800  # characters: a run of lines longer than this is not one sentence


def _ends_open(text: str) -> bool:
    """Whether a line ends where a sentence cannot: a comma, a hyphen, '&' or a connector word."""
    stripped = text.rstrip()
    if stripped.endswith((",", "&", "-", "–", "/", "(")):
        return True
    last = _LAST_WORD_RE.search(stripped)
    return last is not None and last.group(0) == last.group(1) and last.group(1).lower() in _CONNECTORS


def _starts_continuation(previous: str, text: str) -> bool:
    """A line in lower case (or a number) after a line of four words or more."""
    stripped = text.lstrip()
    return (bool(stripped) and (stripped[0].islower() or stripped[0].isdigit())
            and len(previous.split()) >= 4 and not _CONTACT_RE.search(stripped))


def join_wrapped(
    texts: Sequence[str],
    *,
    is_break: Callable[[str], bool] = lambda text: False,
) -> list[tuple[str, int]]:
    """Join lines that a page wrapped mid-sentence.

    Args:
        texts: the logical lines (after :func:`skillmatch.read.logical_lines.rebuild_lines`).
        is_break: lines that are never joined to anything, nor anything to them (section headings,
            dates and role headers).

    Returns:
        (text, index of its first line in ``texts``) for each line kept, in order.

    >>> join_wrapped(["• Worked with the admin to", "merge duplicate accounts.", "• Next"])
    [('• Worked with the admin to merge duplicate accounts.', 0), ('• Next', 2)]
    """
    out: list[tuple[str, int]] = []
    open_line = False  # whether the last kept line may be continued
    for i, text in enumerate(texts):
        stripped = text.strip()
        breaks = not stripped or is_break(text)
        if (open_line and not breaks and out and not _BULLET_RE.match(text)
                and (_starts_continuation(out[-1][0], stripped) or _ends_open(out[-1][0]))
                and len(out[-1][0]) + len(stripped) < _MAX_JOINED):
            previous, first = out[-1]
            glue = "" if re.search(r"[^\W\d_]-$", previous) and stripped[0].islower() else " "
            out[-1] = (previous.rstrip() + glue + stripped, first)
        else:
            out.append((text, i))
        open_line = not breaks and not _END_RE.search(out[-1][0].rstrip())
    return out
