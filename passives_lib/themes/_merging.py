"""Near-duplicate themes merged before they are published.

The Ward tree can cut one subject in two when its opinions differ by something the
embeddings weigh heavily but a reader ignores: a product's name ("integration with Zapier"
beside "integration with Slack, Outlook, ..."), or two ways of saying one wait ("waiting
time", "too long"). A round-table reads such themes as one. Two themes of one polarity group
merge when both kinds of evidence agree (:func:`duplicate_pairs`):

- **embeddings**: each is the other's nearest theme of the group (centroid cosine). This is
  relative to the corpus: on the French garden-centre comments, which the English model
  embeds close together, unrelated themes' centroids are at 0.8-0.94, on the generated sample
  related ones at 0.45-0.65, so no absolute floor fits both. Mutual nearest pairs are
  disjoint, so merging never chains a subject into a catch-all;
- **words**: their class-based TF-IDF profiles (words and word pairs, names left out: what
  their keywords come from) have a cosine of at least ``overlap``, and one theme's first key
  phrase is said by the other's first ``HEAD_DEPTH`` key phrases (every word of it that
  carries its subject, by light stems: :func:`shares_head`). Names are left out, so two
  themes that differ by a product's name alone have near-identical profiles. The profiles
  alone are not enough: two themes can share what happened and differ in their subject
  ("waiting time" for care and "too long" to answer the phone share "wait", "long",
  "quicker").

Two known themes (anchored in the registry) never merge: each keeps its stable id, and the
analyst merges them with ``passives themes merge``. A new theme may merge into a known one,
which keeps its id and centroid. The evidence, figures and what was tried: issue 21 and
``docs/theme_targets_record.md``.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

from passives_lib.themes._clustering import unit_rows
from passives_lib.themes._labels import class_scores, distinct_phrases
from passives_lib.themes._name_words import name_stems
from passives_lib.themes._unit_clustering import GROUPS

MERGE_OVERLAP = 0.15  # default ThemeModel.merge_overlap
HEAD_DEPTH = 10  # a theme's first key phrase is among this many of the other's


def shares_head(first: list[str], second: list[str], depth: int = HEAD_DEPTH) -> bool:
    """Whether either theme's first key phrase is said by the other's first ``depth`` ones.

    Every word of the first phrase that carries its subject must appear among the words of
    the other theme's phrases, both read by
    :func:`passives_lib.themes._name_words.name_stems` (light stems, stop words left out).

    Examples
    --------
    >>> shares_head(["integration", "missing"], ["copy", "details", "integration"])
    True
    >>> shares_head(["waiting time", "wait"], ["phone", "calls", "answered", "quicker"])
    False
    """

    def said(head: list[str], other: list[str]) -> bool:
        stems = name_stems(head[0]) if head else frozenset()
        return bool(stems) and stems <= frozenset().union(*map(name_stems, other[:depth]))

    return said(first, second) or said(second, first)


def theme_centres(
    labels: np.ndarray,
    vectors: np.ndarray,
    weights: np.ndarray,
    n: int,
    given: dict[int, np.ndarray] | None = None,
) -> np.ndarray:
    """Unit weighted centroid of each theme ``0 .. n-1``; a known theme's given one instead."""
    themed = np.flatnonzero(labels >= 0)
    members = sparse.csr_matrix((weights[themed], (labels[themed], themed)), (n, len(labels)))
    summed = np.asarray(members @ vectors, dtype=np.float64)
    for label, vector in (given or {}).items():
        summed[label] = vector
    return unit_rows(summed)


def duplicate_pairs(
    centres: np.ndarray,
    profiles: np.ndarray,
    owners: np.ndarray,
    overlap: float,
    known: frozenset[int] = frozenset(),
    keywords: list[list[str]] | None = None,
) -> list[tuple[int, int]]:
    """Pairs of themes to merge, ``(kept, absorbed)``, by kept theme.

    Parameters
    ----------
    centres : numpy.ndarray
        Unit centroid of each theme.
    profiles : numpy.ndarray
        Unit class-based TF-IDF row of each theme (zero rows: no words).
    owners : numpy.ndarray
        Polarity group of each theme.
    overlap : float
        Least cosine of two profiles.
    known : frozenset of int
        Known themes: two of them never merge, and one absorbs a new one.
    keywords : list of list of str, optional
        Each theme's key phrases, best first: a pair merges only when it
        :func:`shares_head`; left out, the profiles decide alone.

    Returns
    -------
    list of tuple of int
        Each pair's kept theme (the known one, else the lower label: the heavier after
        :func:`passives_lib.themes._unit_themes.by_weight`) and the theme it absorbs.

    Examples
    --------
    >>> centres = unit_rows(np.array([[1, 0, 0], [1, .3, 0], [0, 1, 0], [0, 1, .2]]))
    >>> profiles = unit_rows(np.array([[1, 1, 0], [1, .8, 0], [0, 1, 1], [1, 0, 0]]))
    >>> duplicate_pairs(centres, profiles, np.array([1, 1, 1, 1]), 0.35)
    [(0, 1)]
    >>> duplicate_pairs(centres, profiles, np.array([1, 0, 1, 1]), 0.35)  # two polarities
    []
    """
    n = len(centres)
    if n < 2:
        return []
    similarity = centres @ centres.T
    similarity[np.arange(n), np.arange(n)] = -np.inf
    similarity = np.where(owners[:, None] == owners[None, :], similarity, -np.inf)
    nearest = similarity.argmax(axis=1)
    words = profiles @ profiles.T
    pairs = []
    for a in range(n):
        b = int(nearest[a])
        if not a < b or nearest[b] != a or not np.isfinite(similarity[a, b]):
            continue
        if words[a, b] < overlap or (a in known and b in known):
            continue
        if keywords is not None and not shares_head(keywords[a], keywords[b]):
            continue
        pairs.append((b, a) if b in known else (a, b))
    return sorted(pairs)


def merge_duplicates(
    labels: np.ndarray,
    vectors: np.ndarray,
    weights: np.ndarray,
    groups: np.ndarray,
    words: list[str],
    *,
    overlap: float,
    language: str,
    names: frozenset[str] = frozenset(),
    given: dict[int, np.ndarray] | None = None,
) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Opinions' themes with near-duplicate themes merged (see the module's docstring).

    Parameters
    ----------
    labels : numpy.ndarray
        Theme of each opinion, ``0 .. n-1`` (``-1``: none).
    vectors : numpy.ndarray
        Unit embeddings of the opinions.
    weights : numpy.ndarray
        How many comments hold each opinion.
    groups : numpy.ndarray
        Polarity group of each opinion; a theme belongs to the group of most of its opinions.
    words : list of str
        The opinions as labels read them (:func:`passives_lib.themes._labels.label_text`).
    overlap : float
        Least cosine of two themes' TF-IDF profiles; 1 turns merging off.
    language : str
        ``en`` or ``fr`` (stop words).
    names : frozenset of str
        Words written like names, left out of the profiles.
    given : dict of int to numpy.ndarray, optional
        Known themes' centroids, by label.

    Returns
    -------
    tuple
        The labels (an absorbed theme's opinions take the kept theme's label; labels are not
        renumbered) and the merged pairs ``(kept, absorbed)``.
    """
    n = int(labels.max(initial=-1)) + 1
    if n < 2 or overlap >= 1.0:
        return labels, []
    given = given or {}
    themed = labels >= 0
    owners = np.zeros(n, dtype=int)
    for k in range(n):
        counts = np.bincount(groups[labels == k], minlength=len(GROUPS))
        owners[k] = int(counts.argmax())
    themes, scores, vocabulary = class_scores(words, labels, weights, language, names)
    profiles = np.zeros((n, scores.shape[1] if vocabulary is not None else 1))
    keywords: list[list[str]] = [[] for _ in range(n)]
    if vocabulary is not None:
        profiles[themes] = normalize(scores)
        for row, theme in enumerate(themes):
            keywords[theme] = distinct_phrases(scores[row], vocabulary, HEAD_DEPTH)
    centres = theme_centres(labels, vectors, weights, n, given)
    pairs = duplicate_pairs(centres, profiles, owners, overlap, frozenset(given), keywords)
    merged = labels.copy()
    for kept, absorbed in pairs:
        merged[themed & (labels == absorbed)] = kept
    return merged, pairs
