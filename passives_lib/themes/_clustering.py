"""Grouping comment embeddings into a usable number of themes.

The size of the corpus decides the method, so that 1 comment and 100,000 both work:

- 1 distinct comment: one theme.
- fewer than ``TINY`` distinct comments: average-linkage cosine clustering that joins comments
  while their mean similarity stays above ``TINY_SIMILARITY``.
- fewer than ``UMAP_MIN`` distinct comments: Ward clustering, the number of themes chosen by
  silhouette between ``min_themes`` and ``min(max_themes, sqrt(n))``.
- fewer than ``HDBSCAN_MIN``: UMAP to 5 dimensions, then the same Ward by silhouette (HDBSCAN
  finds only two or three groups in a few hundred short comments).
- otherwise BERTopic: UMAP to 5 dimensions (fixed seed) and HDBSCAN with a minimum cluster size
  of 1% of the corpus (at least 10); more than ``max_themes`` clusters are merged by centroid
  similarity, fewer than ``min_themes`` fall back to Ward on the reduced space.

UMAP keeps its compiled code on disk between processes (:mod:`passives_lib.themes._jit_cache`)
and gets exact cosine neighbours computed up front (up to ``EXACT_KNN_MAX`` comments; see
:mod:`passives_lib.themes._reducing`): faster
than its own exact search on small corpora and free of the randomness of its approximate one.

Above ``SUBSAMPLE_MIN`` distinct comments (a large export, such as 22,641 clothing reviews),
themes are learned on a subsample of ``SUBSAMPLE_SIZE`` of them, chosen by a hash of their text
(:func:`subsample`, so the same comments are chosen whatever the order and size of the rest, and
a weekly rerun keeps nearly the same subsample), by the method above for that size, UMAP running
``LARGE_EPOCHS`` epochs as it does by default on more than 10,000 points. Every other comment
then takes the theme of its ``PLACE_NEIGHBOURS`` nearest subsampled comments, by
similarity-weighted vote in the embedding space (:func:`place_by_neighbours`; "other" when the
outliers win, to be reassigned by :func:`assign_leftovers` as any outlier). Exact neighbours,
UMAP, HDBSCAN and BERTopic's c-TF-IDF all grow faster than the corpus. On the 22,634 distinct
clothing reviews (issue 12, warm fits side by side on a busy machine, UMAP seeds 42 and 1 to 4),
the whole fit took 0.44 to 0.75 of the time, with 12 to 16 themes (whole corpus: 12 to 14),
99.8% themed either way, and NMI to the reviews' ``Class Name`` 0.402 on average (whole corpus:
0.397) and to ``Department Name`` 0.374 (0.371). The partition is not the whole corpus's: NMI
0.71 to 0.74 to the whole-corpus themes of seed 42, where other seeds of the whole corpus give
0.82 to 0.95. HDBSCAN is sensitive to the sample here: with seed 42, a subsample of 10,000 gave
only 6 themes (NMI to ``Class Name`` 0.288) and one of 5,000 gave 15 (0.403). Corpora up to
``SUBSAMPLE_MIN`` distinct comments (the NHS, garden-centre and sample sets) are clustered
whole, as before.

A fixed ``n_themes`` always uses Ward with exactly that many groups. Every function here is
deterministic for a given input order; the theme model sorts its input first, which makes the
result independent of the order rows arrive in.
"""

from __future__ import annotations

import hashlib
import warnings
from typing import Any

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.metrics import silhouette_score

from passives_lib.themes._labels import feedback_stop_words
from passives_lib.themes._reducing import default_clusterer, default_reducer

TINY = 12
TINY_SIMILARITY = 0.40
UMAP_MIN = 100
HDBSCAN_MIN = 500
SUBSAMPLE_MIN = 10_000
SUBSAMPLE_SIZE = 8_000
LARGE_EPOCHS = 200
PLACE_NEIGHBOURS = 10


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Scale each row to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def centroids(labels: np.ndarray, vectors: np.ndarray, themes: list[int]) -> np.ndarray:
    """Unit-length mean vector of each theme, in the order of ``themes``."""
    return unit_rows(np.stack([vectors[labels == k].mean(axis=0) for k in themes]))


def ward_by_silhouette(points: np.ndarray, low: int, high: int) -> np.ndarray:
    """Ward clustering with the number of groups in [low, high] that maximises silhouette."""
    if high <= low:
        k = max(1, high)
        if k == 1:
            return np.zeros(len(points), dtype=int)
        return AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(points)
    best_score, best = -np.inf, None
    for k in range(max(low, 2), high + 1):  # silhouette needs two groups at least
        labels = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(points)
        score = silhouette_score(points, labels)
        if score > best_score + 1e-12:
            best_score, best = score, labels
    return best


def cluster_embeddings(
    texts: list[str],
    vectors: np.ndarray,
    *,
    n_themes: int | None,
    min_themes: int,
    max_themes: int,
    random_state: int,
    reducer: Any = None,
    clusterer: Any = None,
    embedding_model: Any = None,
) -> tuple[np.ndarray, str, Any]:
    """Cluster distinct comments.

    Parameters
    ----------
    texts : list of str
        Distinct comments, sorted.
    vectors : numpy.ndarray
        Their unit-length embeddings.
    n_themes : int, optional
        Exactly this many themes (Ward).
    min_themes, max_themes : int
        Range of themes chosen from the data.
    random_state : int
        Seed for UMAP.
    reducer, clusterer : object, optional
        Replacements for UMAP and HDBSCAN (anything BERTopic accepts as ``umap_model`` and
        ``hdbscan_model``); when given, BERTopic is used whatever the corpus size.
    embedding_model : object, optional
        Handed to BERTopic so that its own ``transform`` works on the fitted model.

    Returns
    -------
    tuple
        Labels (``-1`` = outlier), the method used, and the fitted BERTopic model or ``None``
        (above ``SUBSAMPLE_MIN`` comments, the one fitted on the subsample).
    """
    options = {
        "n_themes": n_themes,
        "min_themes": min_themes,
        "max_themes": max_themes,
        "random_state": random_state,
        "reducer": reducer,
        "clusterer": clusterer,
        "embedding_model": embedding_model,
    }
    if len(texts) <= SUBSAMPLE_MIN or reducer is not None or clusterer is not None:
        return _cluster(texts, vectors, **options)
    sample = subsample(texts, SUBSAMPLE_SIZE)
    labels, method, topic_model = _cluster(
        [texts[i] for i in sample], vectors[sample], n_epochs=LARGE_EPOCHS, **options
    )
    placed = place_by_neighbours(vectors, sample, labels, PLACE_NEIGHBOURS)
    method += (
        f", learned on {len(sample):,} of {len(texts):,} comments, the rest placed by neighbours"
    )
    return placed, method, topic_model


def _cluster(
    texts: list[str],
    vectors: np.ndarray,
    *,
    n_themes: int | None,
    min_themes: int,
    max_themes: int,
    random_state: int,
    reducer: Any,
    clusterer: Any,
    embedding_model: Any,
    n_epochs: int | None = None,
) -> tuple[np.ndarray, str, Any]:
    """The method that follows the corpus size (see the module docstring), on every comment."""
    n = len(texts)
    if n == 0:
        return np.zeros(0, dtype=int), "empty", None
    if n == 1:
        return np.zeros(1, dtype=int), "single comment", None
    injected = reducer is not None or clusterer is not None
    if n_themes is not None and not injected:
        k = max(1, min(int(n_themes), n))
        points = _reduce(vectors, random_state, n_epochs) if n >= UMAP_MIN else vectors
        labels = ward_by_silhouette(points, k, k)
        return labels, f"Ward, fixed at {k} themes", None
    if n < TINY and not injected:
        labels = AgglomerativeClustering(
            n_clusters=None,
            metric="cosine",
            linkage="average",
            distance_threshold=1.0 - TINY_SIMILARITY,
        ).fit_predict(vectors)
        return labels, "average-linkage cosine (tiny corpus)", None
    high = int(min(max_themes, max(2, np.floor(np.sqrt(n)))))
    low = min(min_themes, high)
    if n < UMAP_MIN and not injected:
        return ward_by_silhouette(vectors, low, high), "Ward by silhouette (small corpus)", None
    if n < HDBSCAN_MIN and not injected:
        points = _reduce(vectors, random_state, n_epochs)
        return ward_by_silhouette(points, low, high), "UMAP + Ward by silhouette", None
    labels, topic_model = _bertopic(
        texts, vectors, random_state, reducer, clusterer, embedding_model, n_epochs
    )
    found = sorted(set(labels.tolist()) - {-1})
    if len(found) < low and not injected:
        points = topic_model.umap_model.embedding_
        return (
            ward_by_silhouette(points, low, high),
            "BERTopic UMAP + Ward (few clusters)",
            topic_model,
        )
    if len(found) > max_themes:
        merge = AgglomerativeClustering(n_clusters=max_themes, metric="cosine", linkage="average")
        merged = merge.fit_predict(centroids(labels, vectors, found))
        labels = np.where(labels == -1, -1, merged[np.searchsorted(found, labels)])
        return labels, f"BERTopic UMAP + HDBSCAN, merged to {max_themes}", topic_model
    return labels, "BERTopic UMAP + HDBSCAN", topic_model


def _reduce(vectors: np.ndarray, random_state: int, n_epochs: int | None) -> np.ndarray:
    with warnings.catch_warnings():
        _quiet_umap()
        return default_reducer(vectors, random_state, n_epochs).fit_transform(vectors)


def _quiet_umap() -> None:
    # Expected with a seed and with precomputed neighbours; neither is a problem here.
    warnings.filterwarnings("ignore", message=".*n_jobs value 1 overridden.*")
    warnings.filterwarnings("ignore", message=".*knn_search_index.*")
    warnings.filterwarnings("ignore", message=".*precomputed_knn.*")


def _bertopic(
    texts: list[str],
    vectors: np.ndarray,
    random_state: int,
    reducer: Any,
    clusterer: Any,
    embedding_model: Any,
    n_epochs: int | None = None,
) -> tuple[np.ndarray, Any]:
    from bertopic import BERTopic
    from sklearn.feature_extraction.text import CountVectorizer

    model = BERTopic(
        embedding_model=embedding_model,
        umap_model=reducer
        if reducer is not None
        else default_reducer(vectors, random_state, n_epochs),
        hdbscan_model=clusterer if clusterer is not None else default_clusterer(len(texts)),
        vectorizer_model=CountVectorizer(stop_words=feedback_stop_words(), ngram_range=(1, 2)),
        calculate_probabilities=False,
        verbose=False,
    )
    with warnings.catch_warnings():
        _quiet_umap()
        topics, _ = model.fit_transform(texts, embeddings=vectors)
    return np.asarray(topics, dtype=int), model


def assign_leftovers(labels: np.ndarray, vectors: np.ndarray, min_similarity: float) -> np.ndarray:
    """Give comments left over (``-1``) the nearest theme when it is close enough.

    Examples
    --------
    >>> vectors = np.array([[1.0, 0.0], [0.0, 1.0], [0.9, 0.1], [-1.0, 0.0]])
    >>> assign_leftovers(np.array([0, 1, -1, -1]), unit_rows(vectors), 0.3).tolist()
    [0, 1, 0, -1]
    """
    labels = np.asarray(labels, dtype=int).copy()
    themes = sorted(set(labels.tolist()) - {-1})
    left = labels == -1
    if left.any() and themes:
        similarity = vectors[left] @ centroids(labels, vectors, themes).T
        nearest = np.array(themes)[similarity.argmax(axis=1)]
        labels[left] = np.where(similarity.max(axis=1) >= min_similarity, nearest, -1)
    return labels


def number_by_size(labels: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Renumber themes 0, 1, ... from the largest (by comment count) down; ``-1`` stays.

    Examples
    --------
    >>> number_by_size(np.array([5, 7, 7, -1]), np.array([1.0, 1.0, 1.0, 4.0])).tolist()
    [1, 0, 0, -1]
    """
    themes = sorted(set(labels.tolist()) - {-1})
    size = {k: counts[labels == k].sum() for k in themes}
    first = {k: int(np.argmax(labels == k)) for k in themes}
    order = sorted(themes, key=lambda k: (-size[k], first[k]))
    mapping = {k: i for i, k in enumerate(order)} | {-1: -1}
    return np.array([mapping[k] for k in labels.tolist()], dtype=int)


def subsample(texts: list[str], size: int) -> np.ndarray:
    """Positions of the ``size`` texts whose SHA-256 digest is smallest, in input order.

    The choice depends only on the texts: the same text is chosen whatever the order of the
    others, and adding a few texts changes few choices.

    Parameters
    ----------
    texts : list of str
        Distinct texts.
    size : int
        How many to choose (all when there are no more).

    Returns
    -------
    numpy.ndarray
        Sorted positions into ``texts``.

    Examples
    --------
    >>> subsample(["a", "b", "c", "d"], 2).tolist()  # "c" and "d"
    [2, 3]
    >>> subsample(["d", "c", "b", "a"], 2).tolist()
    [0, 1]
    """
    digests = [hashlib.sha256(t.encode("utf-8", errors="surrogatepass")).digest() for t in texts]
    order = sorted(range(len(texts)), key=lambda i: (digests[i], texts[i]))
    return np.sort(np.array(order[: max(0, size)], dtype=int))


def place_by_neighbours(
    vectors: np.ndarray, sample: np.ndarray, sample_labels: np.ndarray, k: int
) -> np.ndarray:
    """Labels of every row: the sample keeps its own, the rest vote among their neighbours.

    Each row outside the sample takes the label with the highest summed cosine similarity
    among its ``k`` most similar sampled rows (``-1`` can win, as any label; ties go to the
    lowest label).

    Parameters
    ----------
    vectors : numpy.ndarray
        Unit-length rows, all of them.
    sample : numpy.ndarray
        Positions of the sampled rows.
    sample_labels : numpy.ndarray
        Label of each sampled row, in the order of ``sample``.
    k : int
        Neighbours that vote.

    Returns
    -------
    numpy.ndarray
        One label per row of ``vectors``.

    Examples
    --------
    >>> vectors = unit_rows(np.array([[1.0, 0.0], [0.0, 1.0], [0.9, 0.2], [0.1, 1.0]]))
    >>> place_by_neighbours(vectors, np.array([0, 1]), np.array([3, -1]), 1).tolist()
    [3, -1, 3, -1]
    """
    sample = np.asarray(sample, dtype=int)
    sample_labels = np.asarray(sample_labels, dtype=int)
    labels = np.full(len(vectors), -1, dtype=int)
    labels[sample] = sample_labels
    rest = np.setdiff1d(np.arange(len(vectors)), sample)
    if len(rest) == 0 or len(sample) == 0:
        return labels
    choices, codes = np.unique(sample_labels, return_inverse=True)
    k = max(1, min(int(k), len(sample)))
    points = np.ascontiguousarray(vectors[sample], dtype=np.float32)
    chunk = max(1, 2**22 // len(sample))  # about 16 MB of similarities at a time
    for start in range(0, len(rest), chunk):
        rows = rest[start : start + chunk]
        similarity = np.asarray(vectors[rows], dtype=np.float32) @ points.T
        nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        weight = np.maximum(np.take_along_axis(similarity, nearest, axis=1), 0.0)
        votes = np.zeros((len(rows), len(choices)))
        for column in range(k):
            votes[np.arange(len(rows)), codes[nearest[:, column]]] += weight[:, column]
        labels[rows] = choices[votes.argmax(axis=1)]
    return labels
