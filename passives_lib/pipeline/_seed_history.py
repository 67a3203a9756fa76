"""A first run with a small window learns its themes from the responses before it too.

Themes found in a few hundred comments are fragments named by one customer's phrase: the NHS
FFT export's last 13 weeks hold 227 responses, whose themes were "car was no time" and "too by
a really nice lady". Later weeks are anchored in the themes the registry has recorded, so only
a run whose registry knows no theme yet (a first run, a dry run on a fresh ledger, a run
without a registry) is worth more text. Such a run with fewer than ``themes.seed_comments``
commented responses in its window first fits the window together with the latest earlier
comments of the export (never later ones), then fits the window alone, anchored in those
themes, with each opinion keeping the theme it had (as a remembered opinion does): every
output of the model still describes the window, and every count stays the window's.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from passives_lib.themes import ThemeModel


def history_before(responses: pd.DataFrame, window: pd.DataFrame, wanted: int) -> list[str]:
    """The latest comments before the window that bring the comments up to ``wanted``.

    Parameters
    ----------
    responses : pandas.DataFrame
        Every response of the export (``responded_at``, ``comment``; ``source_row`` orders
        responses of one time).
    window : pandas.DataFrame
        The report window's responses.
    wanted : int
        How many comments the themes should be learnt from (``themes.seed_comments``); 0
        for none.

    Returns
    -------
    list of str
        Earlier comments with text, oldest first; empty when the window has ``wanted``
        comments or more, or nothing came before it.

    Examples
    --------
    >>> times = pd.to_datetime(["2026-01-05", "2026-01-12", "2026-01-19", "2026-02-02"])
    >>> responses = pd.DataFrame({"responded_at": times, "comment": ["a b", "", "c d", "e f"]})
    >>> history_before(responses, responses.tail(1), 3)
    ['a b', 'c d']
    >>> history_before(responses, responses.tail(1), 2), history_before(responses, responses, 9)
    (['c d'], [])
    """
    said = _with_text(window["comment"])
    if wanted <= said or window.empty:
        return []
    start = window["responded_at"].min()
    earlier = responses[responses["responded_at"] < start]
    order = ["responded_at", "source_row"] if "source_row" in earlier else ["responded_at"]
    earlier = earlier.sort_values(order, kind="stable")
    comments = [c for c in earlier["comment"].tolist() if isinstance(c, str) and c.strip()]
    return comments[len(comments) - min(len(comments), wanted - said) :]


def seed_anchors(
    model: ThemeModel, comments: Sequence[object], history: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fit ``model`` on the history and the window; its themes as anchors and memory.

    Parameters
    ----------
    model : ThemeModel
        The model (fitted here, to be fitted again on the window with the result).
    comments : sequence
        The window's comments.
    history : sequence of str
        The earlier comments (:func:`history_before`).

    Returns
    -------
    tuple of pandas.DataFrame
        Anchors (``anchor_id``, ``name``, ``centroid``, ``polarity``: one row per theme) and
        the remembered opinions (``opinion_key``, ``anchor_id``), as
        :meth:`ThemeModel.fit` takes them.
    """
    model.fit([*history, *comments])
    themes = model.themes_[model.themes_["theme_id"] >= 0]
    ids = themes["theme_id"].astype(int).tolist()
    anchors = pd.DataFrame(
        {
            "anchor_id": ids,
            "name": themes["label"].tolist(),
            "centroid": [model.centroids_[k] for k in ids],
            "polarity": themes["polarity"].tolist(),
        }
    )
    opinions = model.opinions_[model.opinions_["theme_id"] >= 0]
    remembered = (
        opinions[["opinion_key", "theme_id"]]
        .drop_duplicates("opinion_key")
        .rename(columns={"theme_id": "anchor_id"})
        .reset_index(drop=True)
    )
    return anchors, remembered


def _with_text(comments: pd.Series) -> int:
    return sum(isinstance(c, str) and bool(c.strip()) for c in comments.tolist())
