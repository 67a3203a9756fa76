"""A Ward tree cut top-down: the heaviest branch split first, the cut chosen by silhouette.

:func:`divisive_cut` builds one Ward tree on unit-length opinion embeddings (distances from
blocked matrix products, :func:`euclidean_condensed`) and splits its heaviest branch until
``k`` branches remain; with ``low`` given, the fewest branches between ``low`` and ``k``
whose cosine silhouette (:func:`row_silhouettes`, on a fixed sample) is within one standard
error of the best is kept. Used by :mod:`passives_lib.themes._unit_clustering`, one tree per
polarity group.
"""

from __future__ import annotations

import heapq

import numpy as np

# Imported here, not where it is used: the polarity groups' trees are built in two threads,
# and two threads importing scipy's lazily loaded submodule at once can see it half made
# ("partially initialized module 'scipy.cluster.hierarchy' has no attribute 'linkage'").
from scipy.cluster.hierarchy import linkage

from passives_lib.themes._clustering import unit_rows  # noqa: F401 (the doctests use it)


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
        When given, the fewest branches between ``low`` and ``k`` whose silhouette (cosine,
        on at most ``SILHOUETTE_SAMPLE`` rows chosen with a fixed seed) is within one
        standard error of the best cut's (:func:`_best_cut`), so that a corpus of a few clear
        subjects is not cut into many.

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
    """The candidate with fewest themes whose silhouette the best one does not clearly beat.

    Each candidate is scored by :func:`row_silhouettes` on the opinions that every candidate
    gives a theme (a branch peeled off as outliers in one cut is left out of all), so all
    draw the same sample, whose cosine distances are computed once and shared.

    The best mean silhouette of a corpus's cuts is small (0.03-0.08 on the shared sets) and
    flat: on the garden centre's complaints 19 and 37 themes score 0.0305 and 0.0314, and
    which of them won moved from one subsample to the next (19 to 40 themes). So a cut with
    fewer themes is kept when its mean is within one standard error of the best's (the
    "one-standard-error rule" of model selection), the error taken over the sampled rows'
    differences between the two cuts.
    """
    usable = [
        labels
        for labels in candidates
        if 2 <= len(set(labels[labels >= 0].tolist())) < int((labels >= 0).sum())
    ]
    if not usable:
        return candidates[-1]
    everywhere = np.logical_and.reduce([labels >= 0 for labels in usable])
    shared: dict[bytes, np.ndarray] = {}
    scores = [
        row_silhouettes(vectors, np.where(everywhere, labels, -1), shared)[1]
        if len(set(labels[everywhere].tolist())) >= 2
        else None
        for labels in usable
    ]
    means = [-np.inf if rows is None else float(rows.mean()) for rows in scores]
    best = int(np.argmax(means))  # the first of equal means: fewer themes
    best_rows = scores[best]
    if best_rows is None:
        return usable[-1]
    for labels, rows in zip(usable[:best], scores[:best], strict=True):  # fewest first
        if rows is None:
            continue
        difference = rows - best_rows
        error = difference.std() / np.sqrt(len(difference))
        if rows.mean() >= best_rows.mean() - error - 1e-9:
            return labels
    return usable[best]


def row_silhouettes(
    vectors: np.ndarray, labels: np.ndarray, shared: dict[bytes, np.ndarray] | None = None
) -> tuple[bytes, np.ndarray]:
    """The sample the silhouette is scored on (as a key) and each of its rows' silhouette.

    Their mean equals (to about 1e-15) ``silhouette_score(vectors[kept], labels[kept],
    metric="cosine", sample_size=min(SILHOUETTE_SAMPLE, n_kept), random_state=0)``: the same
    rows drawn the same way, the same distances, each row's summed distance to every theme
    taken in one matrix product instead of row by row. ``shared`` keeps the sample's
    distances for the next call that draws the same rows. Two labellings with the same key
    scored the same rows, in the same order, so their silhouettes can be compared row by row.

    Examples
    --------
    >>> points = unit_rows(np.array([[1, 0], [1, .1], [0, 1], [.1, 1], [1, 1.]]))
    >>> key, rows = row_silhouettes(points, np.array([0, 0, 1, 1, -1]))
    >>> round(float(rows.mean()), 4), len(rows)
    (0.9945, 4)
    >>> key == row_silhouettes(points, np.array([1, 0, 1, 0, -1]))[0]
    True
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
    return key, scores


def _leaves(node: int, children: dict[int, tuple[int, int]], n: int) -> list[int]:
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        if current < n:
            out.append(current)
        else:
            stack.extend(children[current])
    return out
