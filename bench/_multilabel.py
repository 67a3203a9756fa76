"""Held-out multi-label scores of themes against human codes, over (comment, code) pairs.

Each comment has a set of themes (possibly empty: an outlier) and a set of human codes. On one
half of the comments, each of the ``top`` largest themes is mapped to the human code it
co-occurs with most; on the other half, a comment is predicted to carry the codes its themes map
to, and precision, recall and F1 are counted over (comment, code) pairs. The halves are swapped
and the split repeated with several seeds; the figures are pooled over every held-out half
(micro-averaged), so no theme is ever scored on the comments that named it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def theme_sizes(theme_sets: Sequence[Sequence[int]]) -> dict[int, int]:
    """How many comments carry each theme (``-1`` and other negative ids ignored)."""
    sizes: dict[int, int] = {}
    for themes in theme_sets:
        for theme in set(themes):
            if theme >= 0:
                sizes[theme] = sizes.get(theme, 0) + 1
    return sizes


def largest_themes(theme_sets: Sequence[Sequence[int]], top: int) -> list[int]:
    """The ``top`` themes carried by most comments, ties broken by smaller id."""
    sizes = theme_sizes(theme_sets)
    return sorted(sizes, key=lambda t: (-sizes[t], t))[:top]


def map_themes_to_codes(
    theme_sets: Sequence[Sequence[int]], codes: np.ndarray, themes: Sequence[int]
) -> dict[int, int]:
    """Each theme's most frequent co-occurring human code (column index of ``codes``).

    Parameters
    ----------
    theme_sets : sequence of sequences of int
        Themes of each comment.
    codes : numpy.ndarray
        One-hot human codes, one row per comment.
    themes : sequence of int
        The themes to map; a theme that no comment here carries is left out.

    Returns
    -------
    dict of int to int
        Theme id to code column (ties broken by the smaller column).
    """
    wanted = set(themes)
    table: dict[int, np.ndarray] = {}
    for themes_of, row in zip(theme_sets, codes, strict=True):
        for theme in set(themes_of) & wanted:
            table[theme] = table.get(theme, 0) + row
    return {t: int(np.argmax(counts)) for t, counts in table.items() if counts.sum() > 0}


def pair_counts(
    theme_sets: Sequence[Sequence[int]], codes: np.ndarray, mapping: dict[int, int]
) -> tuple[int, int, int]:
    """True positives, predicted pairs and true pairs over (comment, code) pairs."""
    hits = predicted = 0
    for themes_of, row in zip(theme_sets, codes, strict=True):
        guessed = {mapping[t] for t in themes_of if t in mapping}
        predicted += len(guessed)
        hits += sum(int(row[c] > 0) for c in guessed)
    return hits, predicted, int((codes > 0).sum())


def held_out_scores(
    theme_sets: Sequence[Sequence[int]],
    codes: np.ndarray,
    seeds: Sequence[int] = (0, 1, 2, 3, 4),
    top: int = 30,
) -> dict[str, float]:
    """Held-out multi-label precision, recall and F1 (see the module docstring).

    Parameters
    ----------
    theme_sets : sequence of sequences of int
        Themes of each comment, primary first; empty or ``[-1]`` for an outlier.
    codes : numpy.ndarray
        One-hot human codes, one row per comment.
    seeds : sequence of int
        Seeds of the random halvings.
    top : int
        Only the ``top`` largest themes are mapped and scored.

    Returns
    -------
    dict of str to float
        ``precision``, ``recall`` and ``f1``, pooled over every held-out half.
    """
    codes = np.asarray(codes)
    sets = [list(s) for s in theme_sets]
    kept = set(largest_themes(sets, top))
    sets = [[t for t in s if t in kept] for s in sets]
    hits = predicted = truth = 0
    for seed in seeds:
        order = np.random.default_rng(seed).permutation(len(sets))
        halves = (order[: len(order) // 2], order[len(order) // 2 :])
        for fit, score in (halves, halves[::-1]):
            mapping = map_themes_to_codes([sets[i] for i in fit], codes[fit], sorted(kept))
            h, p, t = pair_counts([sets[i] for i in score], codes[score], mapping)
            hits, predicted, truth = hits + h, predicted + p, truth + t
    precision = hits / predicted if predicted else 0.0
    recall = hits / truth if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def coverage(theme_sets: Sequence[Sequence[int]]) -> dict[str, float]:
    """Number of themes, share of comments with a theme, mean themes per comment (all of them)."""
    sets = [[t for t in s if t >= 0] for s in theme_sets]
    themed = [s for s in sets if s]
    return {
        "themes": float(len(theme_sizes(sets))),
        "assigned": len(themed) / len(sets) if sets else 0.0,
        "per_comment": float(np.mean([len(set(s)) for s in sets])) if sets else 0.0,
    }
