"""Plotly figures of the passives for the weekly report: 7s against 8s by week and segment."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from passives_lib.findings import GROUP_COLOURS, plot_texts

LEGEND_ON_TOP = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1}


def passives_trend_figure(by_week: pd.DataFrame) -> go.Figure:
    """Share of respondents scoring 7 and 8 per ISO week, stacked.

    Parameters
    ----------
    by_week : pandas.DataFrame
        :func:`passives_lib.report._build.passive_counts` by ``iso_week``.

    Returns
    -------
    plotly.graph_objects.Figure
        Stacked areas: 8s (lean promoter) above 7s (lean detractor).
    """
    weeks = plot_texts(by_week.index)
    figure = go.Figure()
    for column, name, colour in (
        ("sevens", "7 (leans detractor)", GROUP_COLOURS["passives_7"]),
        ("eights", "8 (leans promoter)", GROUP_COLOURS["passives_8"]),
    ):
        figure.add_scatter(
            x=weeks,
            y=by_week[column] / by_week["respondents"],
            name=name,
            mode="lines+markers",
            stackgroup="passives",
            line_color=colour,
        )
    figure.update_layout(
        title="Passives by ISO week: share of respondents",
        height=400,
        yaxis_tickformat=".0%",
        xaxis_title="ISO week",
        legend=LEGEND_ON_TOP,
    )
    return figure


def passives_by_segment_figure(by_segment: pd.DataFrame) -> go.Figure:
    """Share of each segment's respondents scoring 7 and 8, as stacked bars.

    Parameters
    ----------
    by_segment : pandas.DataFrame
        :func:`passives_lib.report._build.passive_counts` by ``segment``.

    Returns
    -------
    plotly.graph_objects.Figure
        Horizontal stacked bars, one per segment.
    """
    shown = by_segment.sort_values("share_passives")
    segments = plot_texts(shown.index)
    figure = go.Figure()
    for column, name, colour in (
        ("sevens", "7 (leans detractor)", GROUP_COLOURS["passives_7"]),
        ("eights", "8 (leans promoter)", GROUP_COLOURS["passives_8"]),
    ):
        figure.add_bar(
            y=segments,
            x=shown[column] / shown["respondents"],
            name=name,
            orientation="h",
            marker_color=colour,
            customdata=shown["respondents"],
            hovertemplate="%{x:.1%} of %{customdata} respondents",
        )
    figure.update_layout(
        barmode="stack",
        title="Passives by segment: share of respondents",
        xaxis_tickformat=".0%",
        legend=LEGEND_ON_TOP,
        height=max(300, 40 * len(shown) + 140),
    )
    return figure
