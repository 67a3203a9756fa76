"""Figures of the theme stability bench, as pure functions over theme labels and names.

A comment's primary theme is an id ``>= 0``, ``-1`` for "other" (a BERTopic outlier) and
``-2`` for a non-answer; non-answers are left out of every share.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

MIXED = 0.25  # a theme is mixed when both groups exceed this share of its members


def largest_share(labels: np.ndarray) -> float:
    """The largest theme's share of the real comments (non-answers left out).

    Examples
    --------
    >>> largest_share(np.array([0, 0, 1, -1, -2]))
    0.5
    """
    labels = np.asarray(labels)
    real = labels[labels != -2]
    themed = real[real >= 0]
    if not len(real) or not len(themed):
        return 0.0
    return float(np.bincount(themed).max() / len(real))


def mixed_share(
    labels: np.ndarray, low: np.ndarray, high: np.ndarray, threshold: float = MIXED
) -> float:
    """Share of the real comments whose primary theme mixes both groups (each > ``threshold``).

    Examples
    --------
    >>> labels = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    >>> low = np.array([1, 1, 0, 0, 1, 1, 1, 1], bool)
    >>> mixed_share(labels, low, ~low)
    0.5
    """
    labels = np.asarray(labels)
    real = labels != -2
    mixed = 0
    for theme in set(labels[labels >= 0].tolist()):
        members = labels == theme
        if low[members].mean() > threshold and high[members].mean() > threshold:
            mixed += int(members.sum())
    return mixed / int(real.sum()) if real.any() else 0.0


def duplicate_names(names: Sequence[str]) -> int:
    """How many themes share their name with an earlier one (case-folded, spaces collapsed).

    Examples
    --------
    >>> duplicate_names(["Price", "price ", "delivery", "price"])
    2
    """
    counts = Counter(" ".join(str(n).casefold().split()) for n in names)
    return sum(count - 1 for count in counts.values())


def themes_per_comment(theme_sets: Sequence[Sequence[int]]) -> float:
    """Mean number of themes of the real comments ("other" counts none).

    Examples
    --------
    >>> themes_per_comment([[0, 2], [1], [-1], [-2]])
    1.0
    """
    real = [s for s in theme_sets if list(s) != [-2]]
    if not real:
        return 0.0
    return float(np.mean([len({t for t in s if t >= 0}) for s in real]))


def keep_share(first: Mapping[str, int], second: Mapping[str, int]) -> float:
    """Share of the comments in both weeks (by id) whose primary theme id is the same.

    Comments without a theme in either week (``-1``, ``-2``) count when both weeks agree.

    Examples
    --------
    >>> keep_share({"a": 1, "b": 2, "c": 3}, {"b": 2, "c": 4, "d": 5})
    0.5
    """
    both = sorted(set(first) & set(second))
    if not both:
        return float("nan")
    return float(np.mean([first[k] == second[k] for k in both]))
