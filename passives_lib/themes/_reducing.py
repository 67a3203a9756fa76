"""UMAP and HDBSCAN as the theme model runs them: seeded, with exact neighbours given.

UMAP keeps its compiled code on disk between processes (:mod:`passives_lib.themes._jit_cache`)
and gets exact cosine neighbours computed up front (up to ``EXACT_KNN_MAX`` comments): faster
than its own exact search on small corpora and free of the randomness of its approximate one.
HDBSCAN's minimum cluster size grows with the corpus. Used by
:mod:`passives_lib.themes._clustering`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from passives_lib.themes._jit_cache import cache_umap_compilation

EXACT_KNN_MAX = 30_000


def default_reducer(vectors: np.ndarray, random_state: int, n_epochs: int | None = None) -> Any:
    """UMAP as BERTopic uses it, seeded (so single-threaded), with exact neighbours given.

    Parameters
    ----------
    vectors : numpy.ndarray
        Unit-length rows to reduce.
    random_state : int
        UMAP's seed.
    n_epochs : int, optional
        Layout epochs; UMAP's default (500 up to 10,000 points, 200 above) when omitted.

    Returns
    -------
    umap.UMAP
        The unfitted reducer.
    """
    from umap import UMAP

    cache_umap_compilation()
    n_neighbors = min(15, len(vectors) - 1)
    extra: dict[str, Any] = {}
    if len(vectors) <= EXACT_KNN_MAX:
        extra["precomputed_knn"] = (*exact_neighbours(vectors, n_neighbors), None)
    return UMAP(
        n_neighbors=n_neighbors,
        n_components=5,
        min_dist=0.0,
        metric="cosine",
        random_state=random_state,
        n_jobs=1,
        low_memory=True,
        n_epochs=n_epochs,
        **extra,
    )


def exact_neighbours(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact cosine k-nearest neighbours, each point first in its own row (UMAP's convention).

    Parameters
    ----------
    vectors : numpy.ndarray
        Unit-length rows.
    k : int
        Neighbours per row, the point itself included.

    Returns
    -------
    tuple of numpy.ndarray
        Indices (int32) and cosine distances (float32), both ``n x k``.
    """
    n = len(vectors)
    points = np.ascontiguousarray(vectors, dtype=np.float32)
    out_indices = np.empty((n, k), dtype=np.int32)
    out_distances = np.empty((n, k), dtype=np.float32)
    chunk = max(1, min(n, 2**24 // max(n, 1)))  # about 64 MB of similarities at a time
    for start in range(0, n, chunk):
        rows = np.arange(start, min(n, start + chunk))
        similarity = points[rows] @ points.T
        similarity[np.arange(len(rows)), rows] = -np.inf  # the point itself goes first anyway
        nearest = (
            np.argpartition(-similarity, k - 2, axis=1)[:, : k - 1]
            if k > 1
            else np.zeros((len(rows), 0), dtype=int)
        )
        picked = np.take_along_axis(similarity, nearest, axis=1)
        order = np.lexsort((nearest, -picked), axis=1) if k > 1 else nearest
        nearest = np.take_along_axis(nearest, order, axis=1)
        picked = np.take_along_axis(picked, order, axis=1)
        out_indices[rows, 0], out_distances[rows, 0] = rows, 0.0
        out_indices[rows, 1:] = nearest
        out_distances[rows, 1:] = np.maximum(1.0 - picked, 0.0)
    return out_indices, out_distances


def default_clusterer(n_docs: int) -> Any:
    """HDBSCAN whose minimum cluster size grows with the corpus (1% of it, at least 10)."""
    from hdbscan import HDBSCAN

    size = max(10, n_docs // 100)
    return HDBSCAN(min_cluster_size=size, min_samples=min(5, size), prediction_data=False)
