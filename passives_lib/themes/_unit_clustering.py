"""Clustering opinions into themes of one polarity each, sized by the corpus.

Opinions are clustered within their polarity group (praise; everything else: complaints,
suggestions and neutral opinions), so that praise and complaint about one subject are different
themes by construction. A neutral opinion (no tone of its own, none taken from its comment)
mostly names what to change ("more staff"): alone, such opinions made catch-alls of
fragments; beside the complaints they join the subject they name (issue 21,
``docs/theme_targets_record.md``). Each group gets a share of the theme budget by its weight, and
its themes come from one Ward tree on the opinions' unit embeddings (no random step: another
``random_state`` gives the same themes), cut top-down: the heaviest branch is split first,
until the group has its number of themes (:func:`divisive_cut`). Splitting the heaviest first
is what keeps catch-alls out: no theme stays much larger than the rest while a smaller one is
split. A branch lighter than ``min_size`` split off a larger one is set aside as outliers.

A group of fewer than ``TINY`` opinions is clustered by average-linkage cosine instead, joining
opinions while their mean similarity stays above ``TINY_SIMILARITY`` (unless the number of
themes is fixed). Groups larger than ``TREE_MAX`` opinions build the tree on a subsample
chosen by a hash of the text (:func:`passives_lib.themes._clustering.subsample`). Finally
every opinion of the group takes its nearest theme centroid (``REFINE`` rounds, as k-means
does; one the tree set aside keeps it only at ``min_similarity`` or more): each theme is then
the opinions nearest its centroid, which lets next week's run give an unchanged opinion the
same theme from the centroids alone (see :mod:`passives_lib.themes._anchors`).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from passives_lib.themes._clustering import TINY, TINY_SIMILARITY, subsample, unit_rows
from passives_lib.themes._ward_cut import divisive_cut

TREE_MAX = 6000
REFINE = 6
LOW_SHARE = 1 / 3  # a group's themes are chosen between a third of its budget and all of it
GROUPS = ("praise", "complaint")  # the second holds suggestions and neutral opinions too
EMPHASIS = (1.0, 2.0)  # what went wrong weighs double: finer complaint themes
POLARITY_GROUP = {"praise": 0, "complaint": 1, "suggestion": 1, "neutral": 1}


def group_of(polarity: list[str]) -> np.ndarray:
    """Clustering group of each opinion: 0 praise, 1 complaint, suggestion or neutral.

    Examples
    --------
    >>> group_of(["praise", "complaint", "suggestion", "neutral"]).tolist()
    [0, 1, 1, 1]
    """
    return np.array([POLARITY_GROUP[p] for p in polarity], dtype=int)


def budgets(weights: np.ndarray, groups: np.ndarray, total: int, min_size: float) -> list[int]:
    """Themes per group: ``total`` shared by weight, at most one per ``min_size`` of weight.

    Complaints weigh double (``EMPHASIS``): what went wrong is what a team acts on, so its
    themes are finer than praise's.

    Examples
    --------
    >>> budgets(np.ones(100), np.repeat([0, 1], [60, 40]), 10, 5).tolist()
    [4, 6]
    """
    mass = np.array([weights[groups == g].sum() for g in range(len(GROUPS))])
    room = np.floor(mass / max(min_size, 1.0)).astype(int)
    emphasis = mass * np.array(EMPHASIS)
    share = emphasis / max(emphasis.sum(), 1e-12) * total
    out = np.minimum(np.floor(share).astype(int), room)
    out = np.where((mass >= min_size) & (out == 0) & (room > 0), 1, out)
    while out.sum() < total and (room > out).any():  # hand out the rest by largest remainder
        open_ = np.flatnonzero(room > out)
        g = open_[np.argmax((share - out)[open_])]
        out[g] += 1
    return out


def refine(
    vectors: np.ndarray, labels: np.ndarray, weights: np.ndarray, min_similarity: float
) -> np.ndarray:
    """Give every row its nearest theme centroid, ``REFINE`` rounds; ``-1`` below the floor."""
    labels = np.asarray(labels, dtype=int).copy()
    for _ in range(REFINE):
        themes = sorted(set(labels.tolist()) - {-1})
        if not themes:
            return labels
        centres = unit_rows(
            np.stack([(vectors[labels == t] * weights[labels == t, None]).sum(0) for t in themes])
        )
        similarity = vectors @ centres.T
        nearest = np.array(themes)[similarity.argmax(axis=1)]
        updated = np.where(similarity.max(axis=1) >= min_similarity, nearest, -1)
        if np.array_equal(updated, labels):
            break
        labels = updated
    return labels


def cluster_group(
    texts: list[str],
    vectors: np.ndarray,
    weights: np.ndarray,
    k: int,
    min_size: float,
    min_similarity: float,
    low_share: float = LOW_SHARE,
    fixed: bool = False,
) -> np.ndarray:
    """Themes of one polarity group: Ward tree (on a subsample when large), cut, refined.

    The number of themes is chosen by silhouette between ``low_share`` of ``k`` and ``k``.
    """
    if k < 1 or len(texts) == 0:
        return np.full(len(texts), -1, dtype=int)
    if len(texts) < TINY and not fixed:  # a handful: join while similar enough
        if len(texts) == 1:
            return np.zeros(1, dtype=int)
        return AgglomerativeClustering(
            n_clusters=None,
            metric="cosine",
            linkage="average",
            distance_threshold=1.0 - TINY_SIMILARITY,
        ).fit_predict(vectors)
    sample = np.arange(len(texts))
    if len(texts) > TREE_MAX:
        sample = subsample(texts, TREE_MAX)
    labels = np.full(len(texts), -1, dtype=int)
    low = max(2, int(np.ceil(k * low_share)))
    labels[sample] = divisive_cut(vectors[sample], weights[sample], k, min_size, low)
    outliers = labels < 0  # set aside by the tree, or left out of its subsample
    labels = refine(vectors, labels, weights, -1.0)
    if outliers.any() and (labels >= 0).any():  # ... keep their nearest theme when close
        themes = range(int(labels.max()) + 1)
        centres = unit_rows(
            np.stack([(vectors[labels == t] * weights[labels == t, None]).sum(0) for t in themes])
        )
        close = (vectors[outliers] @ centres.T).max(axis=1) >= min_similarity
        labels[np.flatnonzero(outliers)[~close]] = -1
    return labels


def cluster_units(
    texts: list[str],
    vectors: np.ndarray,
    weights: np.ndarray,
    groups: np.ndarray,
    *,
    total: int,
    min_size: float,
    min_similarity: float,
    low_share: float = LOW_SHARE,
    fixed: bool = False,
) -> np.ndarray:
    """Themes of opinions, each within one polarity group, ids unique across groups.

    Parameters
    ----------
    texts : list of str
        Distinct opinions (sorted).
    vectors : numpy.ndarray
        Their unit-length embeddings.
    weights : numpy.ndarray
        How many comments hold each.
    groups : numpy.ndarray
        Polarity group of each (:func:`group_of`).
    total : int
        Themes wanted in all (shared by :func:`budgets`).
    min_size : float
        Weight below which a branch is not a theme.
    min_similarity : float
        An opinion less similar than this to every theme centroid of its group is left out.
    low_share : float
        Each group's themes are chosen between this share of its budget and all of it.
    fixed : bool
        The number of themes is fixed: a tiny group is cut as a large one.

    Returns
    -------
    numpy.ndarray
        Theme of each opinion (``-1``: none).
    """
    labels = np.full(len(texts), -1, dtype=int)
    offset = 0
    alone = np.zeros(len(texts), dtype=bool)
    ks = budgets(weights, groups, total, min_size).tolist()
    members = [np.flatnonzero(groups == group) for group in range(len(ks))]

    def themes_of(group: int) -> np.ndarray:
        rows = members[group]
        return cluster_group(
            [texts[i] for i in rows],
            vectors[rows],
            weights[rows],
            ks[group],
            min_size,
            min_similarity,
            low_share,
            fixed,
        )

    # The groups are independent: their trees are built side by side (the distances and
    # the tree let go of Python's lock), each the same as alone.
    with ThreadPoolExecutor(max(1, min(len(ks), 2))) as pool:
        found_by_group = list(pool.map(themes_of, range(len(ks))))
    for group, (k, found) in enumerate(zip(ks, found_by_group, strict=True)):
        rows = members[group]
        alone[rows] = k == 0
        labels[rows] = np.where(found >= 0, found + offset, -1)
        offset += max(found.max(initial=-1) + 1, 0)
    if alone.any() and offset:  # too few to be themes of their own: nearest theme of any group
        centres = unit_rows(
            np.stack(
                [(vectors[labels == t] * weights[labels == t, None]).sum(0) for t in range(offset)]
            )
        )
        similarity = vectors[alone] @ centres.T
        labels[alone] = np.where(
            similarity.max(axis=1) >= min_similarity, similarity.argmax(axis=1), -1
        )
    return labels
