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

import heapq

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from passives_lib.themes._clustering import TINY, TINY_SIMILARITY, subsample, unit_rows

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


def divisive_cut(
    vectors: np.ndarray, weights: np.ndarray, k: int, min_size: float, low: int | None = None
) -> np.ndarray:
    """Labels from a Ward tree cut by splitting the heaviest branch until ``k`` remain.

    Parameters
    ----------
    vectors : numpy.ndarray
        Unit-length rows.
    weights : numpy.ndarray
        Weight of each row (how many comments hold the opinion).
    k : int
        Branches wanted at most.
    min_size : float
        A branch lighter than this split off a heavier one becomes outliers (``-1``).
    low : int, optional
        When given, the number of branches between ``low`` and ``k`` with the best
        silhouette (cosine, on at most ``SILHOUETTE_SAMPLE`` rows chosen with a fixed seed),
        so that a corpus of a few clear subjects is not cut into many.

    Returns
    -------
    numpy.ndarray
        Labels ``0 .. k-1`` (fewer when the tree runs out of splittable branches), ``-1``
        for outliers.

    Examples
    --------
    >>> points = unit_rows(np.array([[1, 0], [1, .1], [0, 1], [.1, 1], [1, 1.]]))
    >>> divisive_cut(points, np.ones(5), 2, 1).tolist()
    [1, 1, 0, 0, 1]
    """
    from scipy.cluster.hierarchy import linkage

    n = len(vectors)
    labels = np.full(n, -1, dtype=int)
    if n == 0:
        return labels
    if n == 1 or k <= 1:
        labels[:] = 0
        return labels
    tree = linkage(euclidean_condensed(vectors), method="ward")
    children = {n + i: (int(a), int(b)) for i, (a, b, _, _) in enumerate(tree)}
    mass = np.concatenate([weights, np.zeros(n - 1)])
    for i, (a, b, _, _) in enumerate(tree):
        mass[n + i] = mass[int(a)] + mass[int(b)]
    root = 2 * n - 2
    heap = [(-mass[root], root)]
    final: list[int] = []
    cuts: list[list[int]] = []
    while heap and len(heap) + len(final) < k:
        _, node = heapq.heappop(heap)
        if node < n or mass[node] < 2 * min_size:
            final.append(node)
            continue
        a, b = children[node]
        for child, other in ((a, b), (b, a)):
            if mass[child] < min_size <= mass[other]:
                heapq.heappush(heap, (-mass[other], other))  # peel the small branch off
                break
        else:
            heapq.heappush(heap, (-mass[a], a))
            heapq.heappush(heap, (-mass[b], b))
            cuts.append(sorted(final + [node for _, node in heap]))
    cuts.append(sorted(final + [node for _, node in heap]))
    if low is not None:
        cuts = [c for c in cuts if len(c) >= min(low, len(cuts[-1]))] or cuts[-1:]
        return _best_cut(vectors, [_labelled(c, children, n) for c in cuts])
    return _labelled(cuts[-1], children, n)


SILHOUETTE_SAMPLE = 2000
DISTANCE_BLOCK = 512  # rows per matrix product in :func:`euclidean_condensed`


def euclidean_condensed(vectors: np.ndarray) -> np.ndarray:
    """Euclidean distances between rows, condensed as ``scipy.spatial.distance.pdist`` gives.

    Computed from matrix products (``|a|^2 + |b|^2 - 2 a.b``) in blocks of
    ``DISTANCE_BLOCK`` rows instead of pair by pair: on 6,000 opinions of 384 dimensions
    about 0.3 s instead of 3 s, equal to ``pdist`` to about 1e-7 (checked in the tests, and
    the same Ward trees on the shared data sets).

    Examples
    --------
    >>> from scipy.spatial.distance import pdist
    >>> points = np.array([[0.0, 0.0], [3.0, 4.0], [1.0, 0.0]])
    >>> euclidean_condensed(points).round(6).tolist(), pdist(points).round(6).tolist()
    ([5.0, 1.0, 4.472136], [5.0, 1.0, 4.472136])
    """
    rows = np.ascontiguousarray(vectors, dtype=np.float64)
    n = len(rows)
    squared = np.einsum("ij,ij->i", rows, rows)
    out = np.empty(n * (n - 1) // 2, dtype=np.float64)
    at = 0
    for start in range(0, n, DISTANCE_BLOCK):
        stop = min(start + DISTANCE_BLOCK, n)
        block = rows[start:stop] @ rows[start:].T  # only the pairs to the right are kept
        block *= -2.0
        block += squared[start:stop, None]
        block += squared[None, start:]
        np.maximum(block, 0.0, out=block)
        np.sqrt(block, out=block)
        for i in range(stop - start):
            width = n - start - i - 1
            out[at : at + width] = block[i, i + 1 :]
            at += width
    return out


def _labelled(nodes: list[int], children: dict[int, tuple[int, int]], n: int) -> np.ndarray:
    labels = np.full(n, -1, dtype=int)
    for label, node in enumerate(nodes):
        labels[_leaves(node, children, n)] = label
    return labels


def _best_cut(vectors: np.ndarray, candidates: list[np.ndarray]) -> np.ndarray:
    """The candidate labelling with the best cosine silhouette (ties: fewer themes).

    Each score is scikit-learn's ``silhouette_score(vectors[kept], labels[kept],
    metric="cosine", sample_size=SILHOUETTE_SAMPLE, random_state=0)``; candidates that set
    the same opinions aside draw the same sample, so its cosine distances are computed once
    and shared (:func:`silhouette_of`) instead of once per candidate.
    """
    best, best_score = candidates[-1], -np.inf
    shared: dict[bytes, np.ndarray] = {}
    for labels in candidates:
        kept = labels >= 0
        if not 2 <= len(set(labels[kept].tolist())) < int(kept.sum()):
            continue
        score = silhouette_of(vectors, labels, shared)
        if score > best_score + 1e-9:
            best, best_score = labels, score
    return best


def silhouette_of(
    vectors: np.ndarray, labels: np.ndarray, shared: dict[bytes, np.ndarray] | None = None
) -> float:
    """Mean cosine silhouette of the rows labelled ``>= 0``, on scikit-learn's sample.

    Equal (to about 1e-15) to ``silhouette_score(vectors[kept], labels[kept],
    metric="cosine", sample_size=min(SILHOUETTE_SAMPLE, n_kept), random_state=0)``: the same
    rows drawn the same way, the same distances, each row's summed distance to every theme
    taken in one matrix product instead of row by row. ``shared`` keeps the sample's
    distances for the next call that draws the same rows.

    Examples
    --------
    >>> points = unit_rows(np.array([[1, 0], [1, .1], [0, 1], [.1, 1], [1, 1.]]))
    >>> round(silhouette_of(points, np.array([0, 0, 1, 1, -1])), 4)
    0.9945
    """
    from sklearn.metrics import pairwise_distances

    rows = np.flatnonzero(labels >= 0)
    sample = rows[np.random.RandomState(0).permutation(len(rows))[:SILHOUETTE_SAMPLE]]
    key = sample.tobytes()
    shared = {} if shared is None else shared
    if key not in shared:
        shared.clear()  # one sample's distances at a time (2,000 x 2,000: 32 MB)
        shared[key] = pairwise_distances(vectors[sample], metric="cosine")
    _, code = np.unique(labels[sample], return_inverse=True)
    members = np.zeros((len(sample), int(code.max()) + 1))
    members[np.arange(len(sample)), code] = 1.0
    summed = shared[key] @ members  # each row's summed distance to each theme
    sizes = members.sum(axis=0)
    position = np.arange(len(sample))
    with np.errstate(divide="ignore", invalid="ignore"):
        intra = summed[position, code] / (sizes[code] - 1)
        summed[position, code] = np.inf
        inter = (summed / sizes).min(axis=1)
        scores = np.nan_to_num((inter - intra) / np.maximum(intra, inter))
    return float(np.mean(scores))


def _leaves(node: int, children: dict[int, tuple[int, int]], n: int) -> list[int]:
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        if current < n:
            out.append(current)
        else:
            stack.extend(children[current])
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
    for group, k in enumerate(budgets(weights, groups, total, min_size).tolist()):
        rows = np.flatnonzero(groups == group)
        alone[rows] = k == 0
        found = cluster_group(
            [texts[i] for i in rows],
            vectors[rows],
            weights[rows],
            k,
            min_size,
            min_similarity,
            low_share,
            fixed,
        )
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
