"""Safe HTML pieces for the weekly report: escaped text and tables, offline plotly figures.

Customers' comments reach the report (quotes, call lists, theme labels built from their
words), so every value is escaped here before it becomes HTML: a comment
``<img src=x onerror=alert(1)>`` shows as text and runs nothing. Figures are drawn by the
plotly.js copy embedded once in the report (:func:`plotly_library`), never fetched from a CDN,
so the report opens offline and can be sent by e-mail.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import HTML

from passives_lib.core import mask_personal_data

FIGURE_CONFIG = {"displaylogo": False, "responsive": True}
_ABSOLUTE_PATH = re.compile(r"(?<![\w.~-])(?:/[^\s/'\"(),;:]+)+/([^\s/'\"(),;:]+)")
_URL_PASSWORD = re.compile(r"(://[^/\s:@]+):[^@\s/]+@")


def audience_text(value: Any) -> str:
    """Text for the report's readers: no absolute path of this machine, no password in a URL.

    An absolute path is shortened to its file name; a database URL keeps its user but not its
    password.

    Examples
    --------
    >>> audience_text("theme ids from the registry at sqlite:////srv/cx/ledger.sqlite: 3 known")
    'theme ids from the registry at sqlite:///ledger.sqlite: 3 known'
    >>> audience_text("postgresql://cx:s3cret@db.example/cx and /home/ana/survey.csv")
    'postgresql://cx:***@db.example/cx and survey.csv'
    """
    text = "" if value is None else str(value)
    text = _URL_PASSWORD.sub(r"\1:***@", text)
    return _ABSOLUTE_PATH.sub(r"\1", text)


# MathJax (loaded by the slides) typesets $...$ in any text it scans; this class tells
# MathJax 2 (and JupyterLab's MathJax 3) to leave an element alone, so names from the data
# are never read as maths.
NO_MATHS = "tex2jax_ignore"


def escape(value: Any) -> str:
    """Text safe to place in HTML (``&``, ``<``, ``>`` and quotes escaped).

    Examples
    --------
    >>> escape("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
    """
    return html.escape("" if value is None else str(value), quote=True)


def paragraph(text: Any, css_class: str = "passives-text") -> HTML:
    """A paragraph of escaped text, absolute paths shortened (:func:`audience_text`).

    Examples
    --------
    >>> paragraph("a < b").data
    '<p class="passives-text tex2jax_ignore">a &lt; b</p>'
    """
    return HTML(f'<p class="{escape(css_class)} {NO_MATHS}">{escape(audience_text(text))}</p>')


def heading(text: Any, level: int = 3) -> HTML:
    """An escaped heading (``<h3>`` by default)."""
    return HTML(f'<h{level} class="{NO_MATHS}">{escape(text)}</h{level}>')


def bullet_list(items: Iterable[Any]) -> HTML:
    """An unordered list of escaped items, absolute paths shortened (:func:`audience_text`)."""
    rows = "".join(f"<li>{escape(audience_text(item))}</li>" for item in items)
    return HTML(f'<ul class="{NO_MATHS}">{rows}</ul>')


def quotes(texts: Iterable[Any], mask: bool = True) -> HTML:
    """Customers' words as block quotes, masked for personal data and escaped.

    Parameters
    ----------
    texts : iterable of str
        The quotes.
    mask : bool
        Replace e-mail addresses, phone numbers and links with placeholders first.

    Returns
    -------
    IPython.display.HTML
        One ``<blockquote>`` per quote.
    """
    shown = [mask_personal_data(t) if mask else str(t) for t in texts]
    if not shown:
        return paragraph("(no quote from a detractor or passive)")
    return HTML("".join(f'<blockquote class="{NO_MATHS}">{escape(t)}</blockquote>' for t in shown))


def html_table(
    frame: pd.DataFrame,
    index: bool = False,
    float_format: str = "{:,.2f}",
    mask_columns: Iterable[str] = ("comment", "quotes"),
    max_rows: int | None = None,
    header: bool = True,
) -> HTML:
    """A table as escaped HTML (``DataFrame.to_html(escape=True)``), comments masked.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    index : bool
        Show the index.
    float_format : str
        Format of float cells.
    mask_columns : iterable of str
        Columns of customers' words: e-mail addresses, phone numbers and links are masked.
    max_rows : int, optional
        Show at most this many rows.
    header : bool
        Show the column names.

    Returns
    -------
    IPython.display.HTML
        The table; every cell and header is escaped.

    Examples
    --------
    >>> table = html_table(pd.DataFrame({"comment": ["<b>hi</b> jo@example.com"]}))
    >>> "&lt;b&gt;hi&lt;/b&gt; [email]" in table.data, "<b>" in table.data
    (True, False)
    """
    shown = frame.head(max_rows) if max_rows is not None else frame
    shown = shown.copy()
    for column in mask_columns:
        if column in shown:
            shown[column] = shown[column].map(_masked)
    table = shown.to_html(
        index=index,
        header=header,
        escape=True,
        border=0,
        na_rep="",
        float_format=float_format.format,
        classes=f"passives-table {NO_MATHS}",
    )
    return HTML(table)


def _masked(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return " | ".join(mask_personal_data(v) for v in value)
    return mask_personal_data(value) if isinstance(value, str) else value


def key_values(pairs: Mapping[str, Any]) -> HTML:
    """A two-column table of names and values, escaped, absolute paths shortened."""
    values = [audience_text(_text(v)) for v in pairs.values()]
    frame = pd.DataFrame({"name": list(pairs), "value": values})
    return html_table(frame, mask_columns=(), header=False)


def _text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def plotly_library() -> HTML:
    """The full plotly.js library in a ``<script>``, to display once before any figure.

    The report then draws its figures offline: nothing is loaded from a CDN.
    """
    from plotly.offline import get_plotlyjs

    config = "window.PlotlyConfig = {MathJaxConfig: 'local'};"
    return HTML(
        f'<script type="text/javascript">{config}</script>\n'
        f'<script type="text/javascript">{get_plotlyjs()}</script>'
    )


def figure(fig: go.Figure, height: int | None = None) -> HTML:
    r"""A plotly figure as an HTML ``<div>`` drawn by the embedded library.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure.
    height : int, optional
        Height in pixels (the figure's own or 450 when omitted).

    Returns
    -------
    IPython.display.HTML
        A ``<div class="plotly-graph-div">`` and the script that draws it; the figure's data
        is JSON with ``<`` written as ``\u003c``, so text in it cannot close the script.
    """
    markup = pio.to_html(
        fig,
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        config=FIGURE_CONFIG,
        default_width="100%",
        default_height=height or fig.layout.height or 450,
        validate=False,
    )
    return HTML(f'<div class="{NO_MATHS}">{markup}</div>')
