"""Several themes per comment: the primary theme and every further theme a comment clearly raises.

Real comments raise several issues ("friendly staff but the wait was far too long"). A comment
keeps its primary theme (its cluster) and gains each further theme whose centroid it is close
to: cosine similarity at least ``threshold``, at least as close as most of that theme's own
members (``floors``), and within ``margin`` of its best theme, at most ``max_per_comment``
themes in all, most similar first. The comment's own clauses are also
compared with the centroids when clause vectors are given, so that "staff were lovely, parking
was a nightmare" can raise both themes even when the whole comment sits between them.
"""

from __future__ import annotations

import re

import numpy as np

_CONNECTORS = r"but|however|although|though|whereas|mais|cependant|par contre|sauf"
_CLAUSE_BREAK = re.compile(
    rf"\s*[.!?;\n]+\s+|\s*[;\n]\s*|[.!?]+$|\s*,?\s+(?:{_CONNECTORS})\s+", re.IGNORECASE
)
_LEADING_CONNECTOR = re.compile(rf"^(?:{_CONNECTORS})\b[\s,]*", re.IGNORECASE)


def split_clauses(text: str, min_words: int = 2) -> list[str]:
    """Split a comment into clauses at sentence ends, semicolons and "but".

    Parameters
    ----------
    text : str
        A comment.
    min_words : int
        Shorter pieces are joined to the clause before them.

    Returns
    -------
    list of str
        The clauses, in order; the whole comment when it has only one.

    Examples
    --------
    >>> split_clauses("Lovely staff. But the wait was far too long; parking awful")
    ['Lovely staff', 'the wait was far too long', 'parking awful']
    """
    pieces = [_LEADING_CONNECTOR.sub("", p.strip()) for p in _CLAUSE_BREAK.split(str(text))]
    pieces = [p for p in pieces if p]
    clauses: list[str] = []
    for piece in pieces:
        short = len(piece.split()) < min_words
        if clauses and (short or len(clauses[-1].split()) < min_words):
            clauses[-1] = f"{clauses[-1]} {piece}"
        else:
            clauses.append(piece)
    return clauses or [str(text).strip()]


def theme_sets(
    primary: np.ndarray,
    similarity: np.ndarray,
    *,
    threshold: float,
    margin: float,
    max_per_comment: int,
    floors: np.ndarray | None = None,
) -> list[list[int]]:
    """Each comment's themes: its primary theme first, then the further themes it raises.

    Parameters
    ----------
    primary : numpy.ndarray
        Primary theme of each comment (negative for "other" or a non-answer: no further
        themes, except that an "other" comment close enough to a theme gains it).
    similarity : numpy.ndarray
        Cosine similarity of each comment to each theme centroid (``n x themes``); for clause
        splitting, the best similarity over the comment's clauses.
    threshold : float
        A further theme needs at least this similarity.
    margin : float
        ... and at most this much below the comment's best similarity.
    max_per_comment : int
        Themes per comment at most, primary included.
    floors : numpy.ndarray, optional
        Per theme, a similarity a further theme also needs (see :func:`member_floors`), so
        that a loose model or language, where everything is fairly similar, does not give
        every comment every theme.

    Returns
    -------
    list of list of int
        One list per comment; ``[-1]`` for "other" and ``[-2]`` for a non-answer.
    """
    needed = np.full(similarity.shape[1], float(threshold))
    if floors is not None:
        needed = np.maximum(needed, floors)
    out: list[list[int]] = []
    for i, first in enumerate(np.asarray(primary, dtype=int).tolist()):
        if first < 0 or similarity.shape[1] == 0:
            out.append([first])
            continue
        row = similarity[i]
        order = np.lexsort((np.arange(len(row)), -np.round(row, 6)))
        best = max(float(row.max()), float(row[first]))
        chosen = [first]
        for theme in order.tolist():
            if len(chosen) >= max_per_comment:
                break
            if theme != first and row[theme] >= needed[theme] and row[theme] >= best - margin:
                chosen.append(int(theme))
        out.append(chosen)
    return out


def member_floors(similarity: np.ndarray, labels: np.ndarray, percentile: float) -> np.ndarray:
    """Per theme, the ``percentile`` of its own members' similarity to its centroid.

    A comment raises a further theme only when it is at least as close to it as that share of
    the theme's own members (1 for a theme without members: never a further theme).

    Examples
    --------
    >>> sim = np.array([[0.9, 0.1], [0.7, 0.2], [0.3, 0.8]])
    >>> member_floors(sim, np.array([0, 0, 1]), 50).tolist()
    [0.8, 0.8]
    """
    floors = np.ones(similarity.shape[1])
    for theme in range(similarity.shape[1]):
        own = similarity[np.asarray(labels) == theme, theme]
        if len(own):
            floors[theme] = float(np.percentile(own, percentile))
    return floors


def clause_similarity(
    owners: np.ndarray, clause_vectors: np.ndarray, centroids: np.ndarray, n_comments: int
) -> np.ndarray:
    """Best similarity of any clause of each comment to each centroid.

    Parameters
    ----------
    owners : numpy.ndarray
        Comment index of each clause.
    clause_vectors : numpy.ndarray
        Unit-length clause embeddings.
    centroids : numpy.ndarray
        Unit-length theme centroids.
    n_comments : int
        Number of comments.

    Returns
    -------
    numpy.ndarray
        ``n_comments x themes``; ``-1`` where a comment has no clause.
    """
    best = np.full((n_comments, len(centroids)), -1.0)
    if len(owners):
        np.maximum.at(best, np.asarray(owners, dtype=int), clause_vectors @ centroids.T)
    return best
