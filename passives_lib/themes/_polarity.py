"""Splitting a theme that mixes praise and complaint about the same subject.

Embeddings group comments by subject, so "the broadband is slow" and "fastest broadband in the
area" can land in one theme, and a round-table cannot act on it. A theme is split in two when
at least ``MIXED_SHARE`` of its comments are clearly positive (VADER compound at least
``CLEAR``) and as many are clearly negative (at most ``-CLEAR``), and both halves would keep
``min_size`` comments: the positive comments become a theme of their own, the rest stay. Themes
are split largest first while the total stays within ``max_themes``.
"""

from __future__ import annotations

import numpy as np

CLEAR = 0.3
MIXED_SHARE = 0.25


def split_mixed_themes(
    labels: np.ndarray, tone: np.ndarray, weights: np.ndarray, min_size: int, max_themes: int
) -> np.ndarray:
    """Labels with each mixed theme split into its praise and the rest.

    Parameters
    ----------
    labels : numpy.ndarray
        Theme of each distinct comment (``-1`` for "other", never split).
    tone : numpy.ndarray
        VADER compound score of each comment, in [-1, 1].
    weights : numpy.ndarray
        How often each distinct comment occurred.
    min_size : int
        Comments each half must keep.
    max_themes : int
        Themes at most after splitting.

    Returns
    -------
    numpy.ndarray
        New labels; a split-off half gets the next unused id.

    Examples
    --------
    >>> labels = np.array([0, 0, 0, 0, 1, 1])
    >>> tone = np.array([0.8, 0.7, -0.6, -0.5, 0.9, -0.9])
    >>> split_mixed_themes(labels, tone, np.ones(6), 2, 5).tolist()
    [2, 2, 0, 0, 1, 1]
    """
    labels = np.asarray(labels, dtype=int).copy()
    themes = sorted(set(labels.tolist()) - {-1})
    sizes = {k: float(weights[labels == k].sum()) for k in themes}
    next_id = max(themes, default=-1) + 1
    count = len(themes)
    for theme in sorted(themes, key=lambda k: (-sizes[k], k)):
        if count >= max_themes:
            break
        members = labels == theme
        positive = members & (tone >= CLEAR)
        negative = members & (tone <= -CLEAR)
        kept = float(weights[members & ~positive].sum())
        praised = float(weights[positive].sum())
        mixed = min(praised, float(weights[negative].sum())) >= MIXED_SHARE * sizes[theme]
        if mixed and min(praised, kept) >= min_size:
            labels[positive] = next_id
            next_id += 1
            count += 1
    return labels
