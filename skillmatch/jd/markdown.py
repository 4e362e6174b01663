"""The drafted job description's Markdown as safe HTML (headings, lists, bold; everything else escaped)."""

from __future__ import annotations

import html
import re

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ITEM = re.compile(r"^\s*[-*]\s+(.*)$")


def _inline(text: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(text, quote=False))


def markdown_to_html(markdown: str) -> str:
    """The small Markdown subset drafts use, as HTML: headings, bullet lists, paragraphs, ``**bold**``.

    Args:
        markdown: the text; every piece of it is escaped with :func:`html.escape`.
    """
    out: list[str] = []
    para: list[str] = []
    in_list = False

    def flush() -> None:
        nonlocal in_list
        if para:
            out.append(f"<p>{_inline(' '.join(para))}</p>")
            para.clear()
        if in_list:
            out.append("</ul>")
            in_list = False

    for line in markdown.splitlines():
        heading = _HEADING.match(line)
        item = _ITEM.match(line)
        if heading:
            flush()
            n = len(heading.group(1))
            out.append(f"<h{n}>{_inline(heading.group(2).strip())}</h{n}>")
        elif item:
            if para:
                out.append(f"<p>{_inline(' '.join(para))}</p>")
                para.clear()
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_inline(item.group(1).strip())}</li>")
        elif not line.strip():
            flush()
        else:
            if in_list:
                out.append("</ul>")
                in_list = False
            para.append(line.strip())
    flush()
    return "\n".join(out)
