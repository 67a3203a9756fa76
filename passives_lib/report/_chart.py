"""The chart of the top themes of detractors and passives, as a static inline SVG.

One row per theme (``digest.json``'s ``themes``): the theme, a bar of the detractors, 7s and
8s who raised it, and its NPS impact in points. The deck shows it as an ``<svg>`` element (no
script, no plotly.js: the deck stays small and opens offline); the e-mailed digest shows the
same layout as a PNG (:mod:`passives_lib.report._chart_png`). Theme labels are customers'
words: they are escaped here and cut to fit their column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from passives_lib.report._html import escape
from passives_lib.report._narrative import signed

WIDTH = 1180
ROW = 58
TOP = 56
LABEL_CHARS = 30
BAR_X, BAR_WIDTH = 400, 520
IMPACT_X = WIDTH  # right edge of the impact column
GROUPS = (
    ("detractors", "detractors", "#c0392b"),
    ("passives_7", "7s", "#e67e22"),
    ("passives_8", "8s", "#f5c26b"),
)
LEGEND = "Detractors, 7s and 8s who raised it"
IMPACT_TITLE = "NPS impact"


def cut(text: str, limit: int) -> str:
    """Text of at most ``limit`` characters, cut with ``...`` at a word where it can.

    Examples
    --------
    >>> cut("delivery / late / parcel / courier", 20)
    'delivery / late...'
    >>> cut("short", 20)
    'short'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = text[: limit - 3]
    cut_at = head.rsplit(" ", 1)[0] if " " in head[limit // 2 :] else head
    return cut_at.rstrip(" /,;:.") + "..."


def number(value: float | None, digits: int = 1) -> str:
    """A signed number, without the "-0.0" of a value that rounds to zero.

    Examples
    --------
    >>> number(-0.04), number(-2.56), number(None)
    ('0.0', '-2.6', 'n/a')
    """
    text = signed(value, digits)
    return text[1:] if text.lstrip("+-").strip("0.") == "" and text != "n/a" else text


@dataclass(frozen=True)
class Bar:
    """One row of the chart, in pixels."""

    label: str
    y: float
    segments: tuple[tuple[float, float, str], ...]  # (x, width, colour)
    total: int
    impact: str
    negative: bool


def legend_step(name: str) -> int:
    """Pixels from one legend entry to the next (its swatch and name, then a gap)."""
    return 24 + 12 * len(name) + 36


def chart_height(rows: int) -> int:
    """Height in pixels of a chart of ``rows`` themes."""
    return TOP + ROW * max(rows, 1) + 8


def layout(
    themes: Sequence[Mapping[str, Any]],
    bar_x: float = BAR_X,
    bar_width: float = BAR_WIDTH,
    row: float = ROW,
    top: float = TOP,
    label_chars: int = LABEL_CHARS,
) -> list[Bar]:
    """The rows of the chart: bars scaled to the theme raised by most detractors and passives.

    The geometry (bar start and width, row height, top margin, label length) is the SVG's
    unless given (the PNG has its own, for larger type).

    Examples
    --------
    >>> bars = layout([{"theme": "price", "detractors": 6, "passives_7": 2, "passives_8": 2,
    ...     "nps_impact": -3.14}, {"theme": "app", "detractors": 1, "passives_7": 0,
    ...     "passives_8": 4, "nps_impact": 0.5}])
    >>> [(b.label, b.total, b.impact, round(sum(w for _, w, _ in b.segments))) for b in bars]
    [('price', 10, '-3.1', 520), ('app', 5, '+0.5', 260)]
    """
    totals = [sum(int(t.get(key) or 0) for key, _, _ in GROUPS) for t in themes]
    scale = bar_width / max([*totals, 1])
    bars = []
    for index, (theme, total) in enumerate(zip(themes, totals, strict=True)):
        x, segments = float(bar_x), []
        for key, _, colour in GROUPS:
            width = int(theme.get(key) or 0) * scale
            if width > 0:
                segments.append((x, width, colour))
            x += width
        impact = theme.get("nps_impact")
        bars.append(
            Bar(
                label=cut(theme.get("theme", ""), label_chars),
                y=top + index * row,
                segments=tuple(segments),
                total=total,
                impact=number(impact),
                negative=impact is not None and float(impact) < 0,
            )
        )
    return bars


def theme_chart_svg(themes: Sequence[Mapping[str, Any]]) -> str:
    """The chart as an inline ``<svg>`` element (escaped labels, no script).

    Parameters
    ----------
    themes : sequence of mapping
        ``theme``, ``detractors``, ``passives_7``, ``passives_8`` and ``nps_impact`` per
        theme, in the order to show (``digest.json``'s ``themes``).

    Returns
    -------
    str
        ``<svg ...>...</svg>``, scaled to the width of its container.
    """
    height = chart_height(len(themes))
    parts = [
        f'<svg class="theme-chart" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(LEGEND)}" '
        'font-family="Helvetica, Arial, sans-serif">'
    ]
    x = BAR_X
    for _, name, colour in GROUPS:
        parts.append(f'<rect x="{x}" y="12" width="18" height="18" fill="{colour}"/>')
        parts.append(f'<text x="{x + 24}" y="28" font-size="20">{escape(name)}</text>')
        x += legend_step(name)
    parts.append(
        f'<text x="{IMPACT_X}" y="28" font-size="20" text-anchor="end" '
        f'font-weight="bold">{IMPACT_TITLE}</text>'
    )
    for bar in layout(themes):
        middle = bar.y + ROW / 2
        parts.append(f'<text x="0" y="{middle + 8:.0f}" font-size="24">{escape(bar.label)}</text>')
        for x0, width, colour in bar.segments:
            parts.append(
                f'<rect x="{x0:.1f}" y="{bar.y + 12:.0f}" width="{width:.1f}" '
                f'height="{ROW - 24}" fill="{colour}"/>'
            )
        end = max((x0 + w for x0, w, _ in bar.segments), default=BAR_X)
        parts.append(
            f'<text x="{end + 8:.0f}" y="{middle + 8:.0f}" font-size="22">{bar.total}</text>'
        )
        colour = "#c0392b" if bar.negative else "#222"
        parts.append(
            f'<text x="{IMPACT_X}" y="{middle + 9:.0f}" font-size="28" font-weight="bold" '
            f'text-anchor="end" fill="{colour}">{escape(bar.impact)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
