"""Plotly figures for the round-table: themes by NPS group, NPS impact, trends, weekly NPS.

Theme labels and segment names come from customers' words and the export, and plotly draws a
subset of HTML in any text (``<b style=...>``, ``<a href="javascript:...">``) and typesets
``$...$`` as maths when MathJax is on the page. Every such text goes through
:func:`plot_text` first, so that it is shown exactly as written.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

GROUP_COLOURS = {
    "detractors": "#d62728",
    "passives_7": "#ff9f40",
    "passives_8": "#ffd24d",
    "promoters": "#2ca02c",
}
GROUP_NAMES = {
    "detractors": "Detractors (0-6)",
    "passives_7": "Passives: 7",
    "passives_8": "Passives: 8",
    "promoters": "Promoters (9-10)",
}


def plot_text(value: object) -> str:
    """Text that plotly shows literally: markup escaped as entities, ``$`` as ``&#36;``.

    Parameters
    ----------
    value : object
        A label, name or category from the data.

    Returns
    -------
    str
        ``<``, ``>``, ``&`` and quotes as HTML entities (plotly turns them back into the
        characters when drawing) and ``$`` as ``&#36;`` (so no ``$...$`` reaches MathJax).

    Examples
    --------
    >>> plot_text('<b style="font-size:400px">$x$</b>')
    '&lt;b style=&quot;font-size:400px&quot;&gt;&#36;x&#36;&lt;/b&gt;'
    """
    return html.escape(str(value), quote=True).replace("$", "&#36;")


def plot_texts(values: Iterable[object]) -> list[str]:
    """:func:`plot_text` of each value, as a list."""
    return [plot_text(v) for v in values]


def themes_by_group_figure(findings: pd.DataFrame, top: int = 15) -> go.Figure:
    """Stacked bars: who raised each theme (detractors, 7s, 8s, promoters)."""
    shown = findings.head(top).iloc[::-1]
    figure = go.Figure()
    for column, name in GROUP_NAMES.items():
        figure.add_bar(
            y=plot_texts(shown["label"]),
            x=shown[column],
            name=name,
            orientation="h",
            marker_color=GROUP_COLOURS[column],
        )
    figure.update_layout(
        barmode="stack",
        title="Who raised each theme",
        xaxis_title="comments",
        height=max(350, 28 * len(shown) + 120),
        legend_orientation="h",
    )
    return figure


def impact_figure(findings: pd.DataFrame, top: int = 15) -> go.Figure:
    """NPS impact of each theme with its 95% interval (points of NPS the theme costs or adds)."""
    shown = findings.head(top).iloc[::-1]
    figure = go.Figure(
        go.Scatter(
            x=shown["nps_impact"],
            y=plot_texts(shown["label"]),
            mode="markers",
            error_x={
                "type": "data",
                "symmetric": False,
                "array": shown["nps_impact_high"] - shown["nps_impact"],
                "arrayminus": shown["nps_impact"] - shown["nps_impact_low"],
            },
            marker={"size": 9, "color": "#1f77b4"},
            name="NPS impact",
        )
    )
    figure.add_vline(x=0, line_dash="dot", line_color="grey")
    figure.update_layout(
        title="NPS impact by theme (95% interval)",
        xaxis_title="NPS of all minus NPS without the theme's respondents",
        height=max(350, 28 * len(shown) + 120),
    )
    return figure


def trend_figure(weekly_shares: pd.DataFrame, title: str = "Theme share by week") -> go.Figure:
    """Lines of each theme's share of commenters per ISO week.

    ``weekly_shares`` has one row per week (index) and one column per theme label.
    """
    figure = go.Figure()
    for label in weekly_shares.columns:
        figure.add_scatter(
            x=plot_texts(weekly_shares.index),
            y=weekly_shares[label],
            mode="lines+markers",
            name=plot_text(label),
        )
    figure.update_layout(
        title=title, yaxis_tickformat=".0%", xaxis_title="ISO week", legend_orientation="h"
    )
    return figure


def weekly_nps_figure(weekly: pd.DataFrame) -> go.Figure:
    """Weekly NPS with its 95% margin as a band (``weekly_nps`` output)."""
    weeks = plot_texts(weekly.index)
    figure = go.Figure()
    figure.add_scatter(
        x=weeks + weeks[::-1],
        y=list(weekly["nps_high_95"]) + list(weekly["nps_low_95"])[::-1],
        fill="toself",
        fillcolor="rgba(31,119,180,0.15)",
        line={"width": 0},
        mode="lines",
        name="95% interval",
        hoverinfo="skip",
    )
    figure.add_scatter(
        x=weeks, y=weekly["nps"], mode="lines+markers", name="NPS", line={"color": "#1f77b4"}
    )
    figure.update_layout(title="NPS by ISO week", yaxis_title="NPS", xaxis_title="ISO week")
    return figure
