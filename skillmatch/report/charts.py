"""Small SVG charts for the HTML report: pure functions from numbers to an SVG string.

No plotting library and no script: each chart is one ``<svg>`` element with a ``viewBox`` (it scales
to the width of its container), ``role="img"``, an ``aria-label``, and ``<title>``/``<desc>`` that say
every value in words, so a screen reader gets what the bars show. Labels and values are escaped;
values are clamped to ``[0, max_value]``.

Bars are horizontal with the label on its own line above the bar: that keeps long labels readable at
phone width without shrinking the text.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence

from ..errors import InputError

__all__ = ["COLORS", "bar_chart", "grouped_bar_chart"]

WIDTH = 400
VALUE_SPACE = 78  # room right of the bar for the value text
ROW_LABEL = 18  # label baseline offset within a row
BAR_HEIGHT = 14
FONT = "system-ui,-apple-system,Segoe UI,Roboto,sans-serif"

# All bar colours reach at least 4.5:1 against white; the track is decorative.
COLORS = {
    "text": "#111827",
    "muted": "#374151",
    "track": "#e5e7eb",
    "bar": "#1d4ed8",
    "bar2": "#0f766e",
    "highlight": "#b45309",
    "band": "#fef3c7",
}


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def _clamp(value: float, max_value: float) -> float:
    v = float(value)
    if math.isnan(v):
        return 0.0
    return min(max(v, 0.0), max_value)


def _percent(value: float, max_value: float) -> str:
    return f"{value / max_value:.0%}"


def _check_max(max_value: float) -> float:
    m = float(max_value)
    if not m > 0 or math.isinf(m):
        raise InputError(f"max_value must be a positive finite number, got {max_value!r}")
    return m


def _svg(title: str, desc: str, height: float, body: list[str]) -> str:
    t = _esc(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{t}" '
        f'viewBox="0 0 {WIDTH} {height:g}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-family="{FONT}" font-size="15">'
        f"<title>{t}</title><desc>{_esc(desc)}</desc>" + "".join(body) + "</svg>"
    )


def _bar(
    y: float, value: float, max_value: float, color: str, text: str, bold: bool, space: float = VALUE_SPACE
) -> list[str]:
    track = WIDTH - space
    w = track * value / max_value
    weight = ' font-weight="700"' if bold else ""
    return [
        f'<rect x="0" y="{y:g}" width="{track:g}" height="{BAR_HEIGHT}" rx="3" fill="{COLORS["track"]}"/>',
        f'<rect x="0" y="{y:g}" width="{w:.1f}" height="{BAR_HEIGHT}" rx="3" fill="{color}"/>',
        f'<text x="{track + 8:g}" y="{y + BAR_HEIGHT - 2:g}" fill="{COLORS["text"]}"{weight}>{_esc(text)}</text>',
    ]


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    max_value: float = 1.0,
    highlight: str | None = None,
    title: str,
    fmt: Callable[[float], str] | None = None,
) -> str:
    """A horizontal bar chart: one labelled bar per item, its value written beside it.

    Args:
        items: ``(label, value)`` pairs, drawn top to bottom in the order given.
        max_value: the value of a full-width bar; values are clamped to ``[0, max_value]``.
        highlight: the label of the bar to emphasise (its own colour, bold text, a shaded row).
        title: the chart's accessible name (``<title>`` and ``aria-label``).
        fmt: how to write a value; a percent of ``max_value`` when None.

    Returns:
        One ``<svg>`` element as a string.
    """
    m = _check_max(max_value)
    show = fmt or (lambda v: _percent(v, m))
    row = ROW_LABEL + 6 + BAR_HEIGHT + 10
    body: list[str] = []
    words = []
    for i, (label, raw) in enumerate(items):
        value = _clamp(raw, m)
        y = i * row
        hi = highlight is not None and label == highlight
        if hi:
            body.append(f'<rect x="0" y="{y:g}" width="{WIDTH}" height="{row - 4}" rx="4" fill="{COLORS["band"]}"/>')
        weight = ' font-weight="700"' if hi else ""
        body.append(f'<text x="4" y="{y + ROW_LABEL:g}" fill="{COLORS["text"]}"{weight}>{_esc(label)}</text>')
        color = COLORS["highlight"] if hi else COLORS["bar"]
        body += _bar(y + ROW_LABEL + 6, value, m, color, show(value), hi)
        words.append(f"{label}: {show(value)}" + (" (highlighted)" if hi else ""))
    return _svg(title, "; ".join(words) or "no data", max(len(items), 1) * row, body)


def grouped_bar_chart(
    groups: Sequence[tuple[str, Sequence[float]]],
    *,
    series: Sequence[str],
    max_value: float = 1.0,
    highlight: str | None = None,
    title: str,
) -> str:
    """Several bars per label (e.g. fit and probability per level), with a legend.

    Args:
        groups: ``(label, values)`` pairs, one value per series, drawn top to bottom.
        series: the name of each series, in the order of the values; two colours alternate.
        max_value: the value of a full-width bar; values are clamped to ``[0, max_value]``.
        highlight: the label of the group to emphasise (bold label, "best" marker, a shaded row).
        title: the chart's accessible name.

    Returns:
        One ``<svg>`` element as a string.
    """
    m = _check_max(max_value)
    if any(len(values) != len(series) for _, values in groups):
        raise InputError("each group needs one value per series")
    colors = [COLORS["bar"], COLORS["bar2"]]
    body: list[str] = []
    x = 0.0
    for k, name in enumerate(series):
        c = colors[k % 2]
        body.append(f'<rect x="{x + 4:g}" y="4" width="14" height="14" rx="2" fill="{c}"/>')
        body.append(f'<text x="{x + 24:g}" y="16" fill="{COLORS["muted"]}">{_esc(name)}</text>')
        x += 24 + 8.5 * len(name) + 24
    top = 30
    space = 20 + 9 * (5 + max((len(n) for n in series), default=0))
    row = ROW_LABEL + 6 + len(series) * (BAR_HEIGHT + 4) + 10
    words = []
    for i, (label, values) in enumerate(groups):
        y = top + i * row
        hi = highlight is not None and label == highlight
        shown = f"{label} (best)" if hi else label
        if hi:
            body.append(f'<rect x="0" y="{y:g}" width="{WIDTH}" height="{row - 4}" rx="4" fill="{COLORS["band"]}"/>')
        weight = ' font-weight="700"' if hi else ""
        body.append(f'<text x="4" y="{y + ROW_LABEL:g}" fill="{COLORS["text"]}"{weight}>{_esc(shown)}</text>')
        parts = []
        for k, (name, raw) in enumerate(zip(series, values, strict=True)):
            value = _clamp(raw, m)
            pct = _percent(value, m)
            body += _bar(y + ROW_LABEL + 6 + k * (BAR_HEIGHT + 4), value, m, colors[k % 2], f"{pct} {name}", hi, space)
            parts.append(f"{name} {pct}")
        words.append(f"{shown}: " + ", ".join(parts))
    return _svg(title, "; ".join(words) or "no data", top + max(len(groups), 1) * row, body)
