"""Words and sentences a PDF glued together where a line or list break was lost.

Resume PDFs made from web pages often draw a list with no space or line break between its items, so
the text layer holds "Microsoft ExcelMicrosoft PowerPoint" or "...to improve efficiency.Tracked
monthly spend": an alias ("Excel") hides inside a longer word, and two bullets read as one sentence.

* :func:`split_camel` splits a word at a lower-to-upper case step ("ExcelMicrosoft") only when both
  sides are words the reader knows: a word of the same document that stands on its own elsewhere, a
  word of a skill alias, or a name of :func:`camel_names`. A word that is itself known stays whole
  ("HubSpot", "PowerPoint", "QuickBooks"), and so does one whose left side is under three letters
  ("McKinsey", "DeVry", "iOS", "eLearning").
* :func:`split_sentences` breaks a line where a sentence's full stop runs into the next sentence's
  capital ("efficiency.Tracked"), and puts a space after a comma, semicolon or colon that runs into a
  capitalised word ("Payroll,Balance"). Web addresses, e-mail addresses and names such as ".NET"
  are left as they are.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Iterable

import yaml

__all__ = ["camel_names", "document_words", "split_camel", "split_sentences"]

@functools.cache
def camel_names() -> frozenset[str]:
    """Names written with an inner capital that are never split (lower case; ``data/camel_names.yaml``)."""
    raw = yaml.safe_load(importlib.resources.files("skillmatch.data").joinpath("camel_names.yaml").read_text("utf-8"))
    return frozenset(str(n).lower() for n in raw["names"])


_WORD_RE = re.compile(r"[^\W\d_]+")
_STEP_RE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_MIN_SIDE = 3


def document_words(texts: Iterable[str]) -> set[str]:
    """The words (lower case, three letters or more) that stand on their own somewhere in ``texts``:
    all lower case, or a capital and then lower case ("Microsoft", "excel"), or all capitals."""
    words: set[str] = set()
    for text in texts:
        for word in _WORD_RE.findall(text):
            if len(word) >= _MIN_SIDE and not _STEP_RE.search(word):
                words.add(word.lower())
    return words


@functools.cache
def _alias_words() -> frozenset[str]:
    """The words of every skill alias (lower case) and the aliases with an inner capital whole."""
    from skillmatch.taxonomy import load_taxonomy

    words: set[str] = set()
    for skill in load_taxonomy():
        for alias in (*skill.aliases, *skill.cased_aliases):
            words.update(w.lower() for w in _WORD_RE.findall(alias))
    return frozenset(words)


def split_camel(text: str, known: set[str] | frozenset[str]) -> str:
    """``text`` with glued words split at a case step where both sides are known words.

    Args:
        text: one line.
        known: the words of the document (:func:`document_words`); the alias words and
            :func:`camel_names` are added.

    >>> split_camel("Microsoft ExcelMicrosoft PowerPointMicrosoft", {"microsoft"})
    'Microsoft Excel Microsoft PowerPoint Microsoft'
    >>> split_camel("HubSpot, QuickBooks, McKinsey", {"hub", "spot", "quick", "books"})
    'HubSpot, QuickBooks, McKinsey'
    """
    if not _STEP_RE.search(text):
        return text
    aliases, names = _alias_words(), camel_names()

    def is_known(word: str) -> bool:
        low = word.lower()
        return low in known or low in aliases or low in names

    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        if is_known(word):
            return word
        ends = [m.start() for m in _STEP_RE.finditer(word)] + [len(word)]
        pieces: list[str] = []
        pos = 0
        while pos < len(word):  # the longest known piece first: "PowerPoint" before "Power"
            end = next((e for e in reversed(ends) if e > pos and e - pos >= _MIN_SIDE
                        and is_known(word[pos:e])), None)
            if end is None:  # the rest is no known word: it stays glued to the piece before it
                pieces[-1:] = [(pieces[-1] if pieces else "") + word[pos:]]
                break
            pieces.append(word[pos:end])
            pos = end
        return " ".join(pieces)

    return _WORD_RE.sub(split, text)


# a word of two lower-case letters or more, a stop, a capitalised word of three letters or more;
# not inside a web or e-mail address, and not ".NET", ".com" and the like
_ADDRESS_RE = re.compile(r"@|://|www\.", re.IGNORECASE)
_GLUED_STOP_RE = re.compile(r"(?<=[a-z]{2})([.!?]|[,;:])(?=[A-Z][a-z]{2,}\b)")
_NOT_A_SENTENCE = frozenset({"net", "com", "org", "edu", "gov", "io", "js"})


def split_sentences(text: str) -> list[str]:
    """``text`` as the lines it was before a PDF glued them: broken after a glued full stop, with a
    space after a glued comma, semicolon or colon.

    >>> split_sentences("Cut travel costs.Tracked spend weekly.Payroll,Balance sheets")
    ['Cut travel costs.', 'Tracked spend weekly.', 'Payroll, Balance sheets']
    >>> split_sentences("Built it in ASP.Net; see www.Example.com or Bob.Smith@Mail.com")
    ['Built it in ASP.Net; see www.Example.com or Bob.Smith@Mail.com']
    """
    if not _GLUED_STOP_RE.search(text):
        return [text]
    lines: list[str] = []
    start = 0
    pieces: list[str] = []
    for match in _GLUED_STOP_RE.finditer(text):
        at = match.end()
        token_start = max(text.rfind(" ", 0, at), text.rfind("\t", 0, at)) + 1
        token_end = len(text) if (sp := text.find(" ", at)) == -1 else sp
        token = text[token_start:token_end]
        after = _WORD_RE.match(text, at)
        if _ADDRESS_RE.search(token) or (after is not None and after.group(0).lower() in _NOT_A_SENTENCE):
            continue
        pieces.append(text[start:at])
        if match.group(1) in ".!?":
            lines.append("".join(pieces))
            pieces = []
        else:
            pieces.append(" ")
        start = at
    pieces.append(text[start:])
    lines.append("".join(pieces))
    return lines
