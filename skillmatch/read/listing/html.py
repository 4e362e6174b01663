"""HTML to text: the visible lines of a page or a description, with bullets, cells and breaks kept."""

from __future__ import annotations

import html as html_lib
import re
import warnings
from typing import Any

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

# --------------------------------------------------------------------------------------------------
# HTML -> text

_DROP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "head",
     "nav", "header", "footer"}
)  # fmt: skip
_PAGE_DROP_TAGS = _DROP_TAGS | {"aside", "form", "button", "select", "dialog"}
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog",
     "div", "dl", "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6",
     "hr", "html", "legend", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody",
     "tfoot", "thead", "tr", "ul"}
)  # fmt: skip
_CELL_TAGS = frozenset({"td", "th"})
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_WS = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_BULLET = re.compile(r"^(?:[•·▪◦●○■□‣⁃∙➢➤►▶✓✔]|[-–—*](?=\s))\s*")
_TAG_LIKE = re.compile(r"<[a-zA-Z!/]")
_ESCAPED_TAG = re.compile(r"&lt;/?[a-zA-Z]")


class _LineWriter:
    """Collects inline text into lines; a block boundary ends the current line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._buf: list[str] = []
        self._prefix = ""

    def add(self, s: str) -> None:
        self._buf.append(s)

    def bullet(self) -> None:
        self.end()
        self._prefix = "- "

    def end(self) -> None:
        line = _clean_line("".join(self._buf))
        self._buf = []
        if not line:
            return
        if self._prefix:
            body = _BULLET.sub("", line)
            if not body:
                return  # a bare bullet sign: the item's text is still to come
            line = self._prefix + body
            self._prefix = ""
        self.lines.append(line)

    def end_bullet(self) -> None:
        self.end()
        self._prefix = ""


def _clean_line(s: str) -> str:
    s = _WS.sub(" ", _INVISIBLE.sub("", s)).strip()
    m = _BULLET.match(s)
    if m and m.end() < len(s):
        s = "- " + s[m.end() :]
    return s


def _lines_of(root: Tag | BeautifulSoup, drop: frozenset[str]) -> list[str]:
    """Walk the tree without recursion (pages nest deeply) and write one line per block."""
    out = _LineWriter()
    pre = 0
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            if isinstance(node, _SKIP_STRINGS):
                continue
            if pre:
                first, *rest = str(node).split("\n")
                out.add(first)
                for piece in rest:
                    out.end()
                    out.add(piece)
            else:
                out.add(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name.lower() if node.name else ""
        if leaving:
            if name == "li":
                out.end_bullet()
            elif name in _BLOCK_TAGS:
                out.end()
            elif name in _CELL_TAGS:
                out.add(" ")
            if name == "pre":
                pre -= 1
            continue
        if name in drop:
            continue
        if name == "li":
            out.bullet()
        elif name in _BLOCK_TAGS:
            out.end()
        if name == "pre":
            pre += 1
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    out.end()
    return out.lines


def _soup(markup: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4 warns when markup looks like a URL or a file name
        try:
            return BeautifulSoup(markup, "lxml")
        except Exception:  # lxml missing or failing on odd markup: the stdlib parser always works
            return BeautifulSoup(markup, "html.parser")


def _unescape_markup(markup: str) -> str:
    """Greenhouse sends ``&lt;p&gt;...``: unescape once when the markup holds no real tag."""
    if _ESCAPED_TAG.search(markup) and not _TAG_LIKE.search(markup):
        return html_lib.unescape(markup)
    return markup


def _plain_lines(text: str) -> list[str]:
    return [line for line in (_clean_line(x) for x in text.splitlines()) if line]


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment or page, one line per paragraph, heading or list item.

    Args:
        markup: HTML (entity-escaped HTML, as Greenhouse sends it, is unescaped first). A string with
            no tags at all is treated as plain text: its own line breaks are kept.

    Returns:
        The visible text; list items start with ``"- "`` (so do lines that began with a bullet sign);
        scripts, styles, navigation, headers and footers are dropped.
    """
    markup = _unescape_markup(markup)
    if not _TAG_LIKE.search(markup):
        return "\n".join(_plain_lines(html_lib.unescape(markup)))
    return "\n".join(_lines_of(_soup(markup), _DROP_TAGS))
