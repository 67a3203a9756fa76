"""The theme table: each theme's name, keywords, size, share and representative comments.

Names and keywords are built from :func:`passives_lib.themes._labels.label_text` (openers
stripped, personal data masked, placeholders dropped), and words written like names (see
:func:`passives_lib.themes._phrases.proper_nouns`) are kept out of both, so no personal data
reaches a label, a keyword or the theme registry.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from passives_lib.core import OTHER_THEME_ID
from passives_lib.themes._labels import (
    label_text,
    representative_comments,
    theme_keywords,
    theme_label,
)
from passives_lib.themes._phrases import proper_nouns, theme_names

OTHER_LABEL = "other"
THEME_COLUMNS = ["theme_id", "label", "keywords", "size", "share", "representative_comments"]


def theme_table(
    texts: list[str],
    vectors: np.ndarray,
    labels: np.ndarray,
    counts: np.ndarray,
    centroids: np.ndarray,
    *,
    language: str,
    top_keywords: int,
    encode: Callable[[list[str]], np.ndarray] | None = None,
) -> tuple[pd.DataFrame, dict[int, list[str]]]:
    """One row per theme, largest first, "other" last when it is not empty.

    Parameters
    ----------
    texts : list of str
        Distinct comments (sorted), as written.
    vectors : numpy.ndarray
        Their unit-length embeddings.
    labels : numpy.ndarray
        Theme of each, numbered by size (``-1`` for "other").
    counts : numpy.ndarray
        How often each distinct comment occurred.
    centroids : numpy.ndarray
        Unit-length theme centroids.
    language : str
        ``en`` or ``fr``.
    top_keywords : int
        Keywords per theme.
    encode : callable, optional
        Texts to vectors with the comments' model, to rerank candidate names.

    Returns
    -------
    tuple
        The table (``theme_id``, ``label``, ``keywords``, ``size``, ``share``,
        ``representative_comments``) and the keywords per theme.
    """
    n_themes = len(centroids)
    words = [label_text(t, language) for t in texts]
    names = proper_nouns(texts)
    keywords = theme_keywords(words, labels, counts, top_keywords, language, names)
    closeness = np.zeros(len(texts))
    themed = labels >= 0
    if n_themes:
        closeness[themed] = np.einsum("ij,ij->i", vectors[themed], centroids[labels[themed]])
    phrases = theme_names(words, labels, counts, closeness, centroids, language, names, encode)
    total = counts.sum()
    rows = []
    for theme in range(n_themes):
        size = int(counts[labels == theme].sum())
        rows.append(
            {
                "theme_id": theme,
                "label": phrases.get(theme) or theme_label(keywords.get(theme, []), theme),
                "keywords": keywords.get(theme, []),
                "size": size,
                "share": size / total,
                "representative_comments": representative_comments(
                    texts, vectors, labels, centroids[theme], theme
                ),
            }
        )
    other = int(counts[labels == OTHER_THEME_ID].sum())
    if other:
        rows.append(
            {
                "theme_id": OTHER_THEME_ID,
                "label": OTHER_LABEL,
                "keywords": [],
                "size": other,
                "share": other / total,
                "representative_comments": [],
            }
        )
    return pd.DataFrame(rows, columns=THEME_COLUMNS), keywords
