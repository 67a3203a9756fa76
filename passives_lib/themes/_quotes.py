"""Which opinion of a comment put it in each of its themes: what a quote of the theme shows.

A comment holds several opinions and several themes ("Love the colour but it runs small":
praise of the colour, a complaint about the size). Quoting the whole comment under each theme
shows "Love the colour" under "runs small", which contradicts the name. The opinion that put a
comment in a theme is, for each theme of its set, its opinion labelled with that theme (the one
closest to the theme's centre when several are), or, for a further theme given by similarity
(:mod:`passives_lib.themes._multi`), its opinion closest to that theme's centre. Quotes come
from these opinions, of the theme's own polarity (see
:func:`passives_lib.findings.theme_findings`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from passives_lib.themes._opinions import Units

OPINION_COLUMNS = ["row", "theme_id", "opinion", "polarity", "similarity", "own"]


def theme_opinions(
    units: Units,
    vectors: np.ndarray,
    labels: np.ndarray,
    centroids: np.ndarray,
    sets: list[list[int]],
) -> list[dict[int, int]]:
    """For each distinct comment and each theme of its set, the opinion that put it there.

    Parameters
    ----------
    units : Units
        The comments' opinions.
    vectors : numpy.ndarray
        Unit-length vectors of the distinct opinions.
    labels : numpy.ndarray
        Theme of each distinct opinion (``-1`` none).
    centroids : numpy.ndarray
        Unit-length theme centroids.
    sets : list of list of int
        Each distinct comment's themes (``-1`` or ``-2`` for none).

    Returns
    -------
    list of dict of int to int
        Per distinct comment: theme id to the distinct opinion (position in ``units.texts``).

    Examples
    --------
    >>> units = Units(["fits", "runs small"], np.array([0, 0]), np.array([0, 1]))
    >>> vectors = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> theme_opinions(units, vectors, np.array([0, -1]), vectors, [[0, 1]])
    [{0: 0, 1: 1}]
    """
    own: list[list[int]] = [[] for _ in sets]
    for comment, unit in zip(units.owner.tolist(), units.unit.tolist(), strict=True):
        own[comment].append(unit)
    out: list[dict[int, int]] = []
    for comment, themes in enumerate(sets):
        chosen: dict[int, int] = {}
        held = own[comment]
        for theme in themes:
            if theme < 0 or theme >= len(centroids) or not held:
                continue
            closeness = vectors[held] @ centroids[theme]
            labelled = np.array([labels[u] == theme for u in held], dtype=bool)
            # its own opinions of the theme first, then the closest; ties to the earliest
            order = np.lexsort((np.arange(len(held)), -np.round(closeness, 6), ~labelled))
            chosen[theme] = held[int(order[0])]
        out.append(chosen)
    return out


def opinion_table(
    rows: np.ndarray,
    inverse: np.ndarray,
    chosen: list[dict[int, int]],
    units: Units,
    vectors: np.ndarray,
    centroids: np.ndarray,
    polarity: list[str],
    labels: np.ndarray | None = None,
) -> pd.DataFrame:
    """One row per (comment row, theme): the opinion, its polarity and closeness to the theme.

    Parameters
    ----------
    rows : numpy.ndarray
        Position (in the comments given to ``fit``) of each real comment.
    inverse : numpy.ndarray
        Its distinct comment.
    chosen : list of dict of int to int
        From :func:`theme_opinions`.
    units : Units
        The opinions (``units.texts``).
    vectors : numpy.ndarray
        Unit-length vectors of the distinct opinions.
    centroids : numpy.ndarray
        Unit-length theme centroids.
    polarity : list of str
        Each distinct opinion's polarity.
    labels : numpy.ndarray, optional
        Theme of each distinct opinion.

    Returns
    -------
    pandas.DataFrame
        ``row``, ``theme_id`` (the run's own), ``opinion`` (as written), ``polarity``,
        ``similarity`` (cosine to the theme's centre) and ``own`` (the opinion is the theme's
        own member, not only close to it), in row order, then the comment's order of themes.
    """
    records = []
    for row, distinct in zip(np.asarray(rows).tolist(), np.asarray(inverse).tolist(), strict=True):
        for theme, unit in chosen[distinct].items():
            similarity = float(vectors[unit] @ centroids[theme])
            own = labels is not None and int(labels[unit]) == theme
            records.append((row, theme, units.texts[unit], polarity[unit], similarity, own))
    return pd.DataFrame.from_records(records, columns=OPINION_COLUMNS)
