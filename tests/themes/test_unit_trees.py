"""The Ward tree's distances and the silhouette of its cuts: faster, and the same results."""

import subprocess
import sys

import numpy as np
import pytest
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import pdist
from sklearn.metrics import silhouette_score

from passives_lib.themes import _ward_cut
from passives_lib.themes._clustering import unit_rows
from passives_lib.themes._ward_cut import divisive_cut, euclidean_condensed, silhouette_of


def clustered(n: int, centres: int, dimension: int = 24, seed: int = 0) -> np.ndarray:
    """Unit rows around a few random centres (as opinion embeddings group by subject)."""
    rng = np.random.default_rng(seed)
    middle = rng.normal(size=(centres, dimension))
    rows = middle[rng.integers(0, centres, n)] + 0.35 * rng.normal(size=(n, dimension))
    return unit_rows(rows)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 511, 512, 513, 1300])
def test_condensed_distances_equal_pdist_in_order(n, monkeypatch):
    monkeypatch.setattr(_ward_cut, "DISTANCE_BLOCK", 512)
    rng = np.random.default_rng(n)
    rows = rng.normal(size=(n, 16)) * rng.uniform(0.1, 3.0, size=(n, 1))  # not only unit rows
    got = euclidean_condensed(rows)
    assert got.shape == (n * (n - 1) // 2,)
    assert np.allclose(got, pdist(rows), rtol=0, atol=1e-12)


def test_identical_rows_are_at_distance_zero_not_nan():
    rows = unit_rows(np.array([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [3.0, 2.0, 1.0]]))
    got = euclidean_condensed(rows)
    assert np.isfinite(got).all() and got[0] == pytest.approx(0.0, abs=1e-7)


def test_the_ward_tree_and_its_cut_are_those_of_pdist(monkeypatch):
    monkeypatch.setattr(_ward_cut, "DISTANCE_BLOCK", 97)  # several blocks, uneven end
    points = clustered(600, 9)
    fast = linkage(euclidean_condensed(points), method="ward")
    stock = linkage(points, method="ward")
    assert np.array_equal(fast[:, :2], stock[:, :2])  # the same merges, in the same order
    assert np.allclose(fast[:, 2:], stock[:, 2:], rtol=0, atol=1e-9)
    weights = np.random.default_rng(1).integers(1, 4, len(points)).astype(float)
    labels = divisive_cut(points, weights, 8, 6.0, low=3)
    monkeypatch.setattr(_ward_cut, "euclidean_condensed", lambda v: pdist(v))
    assert np.array_equal(labels, divisive_cut(points, weights, 8, 6.0, low=3))


@pytest.mark.parametrize("sample", [2000, 150])
def test_silhouette_is_scikit_learns_on_the_same_sample(sample, monkeypatch):
    monkeypatch.setattr(_ward_cut, "SILHOUETTE_SAMPLE", sample)
    points = clustered(400, 5, seed=3)
    labels = np.random.default_rng(4).integers(-1, 6, len(points))
    labels[7] = 9  # a theme of one opinion scores 0, as in scikit-learn
    kept = labels >= 0
    expected = silhouette_score(
        points[kept],
        labels[kept],
        metric="cosine",
        sample_size=min(sample, int(kept.sum())),
        random_state=0,
    )
    assert silhouette_of(points, labels) == pytest.approx(expected, abs=1e-12)


def test_cuts_that_keep_the_same_opinions_share_one_distance_matrix(monkeypatch):
    import sklearn.metrics

    calls = []
    stock = sklearn.metrics.pairwise_distances

    def counted(*args, **kwargs):
        calls.append(1)
        return stock(*args, **kwargs)

    monkeypatch.setattr(sklearn.metrics, "pairwise_distances", counted)
    points = clustered(300, 6, seed=5)
    shared: dict[bytes, np.ndarray] = {}
    two = np.where(points[:, 0] > 0, 1, 0)
    three = np.where(points[:, 1] > 0.2, 2, two)
    first, second = silhouette_of(points, two, shared), silhouette_of(points, three, shared)
    assert len(calls) == 1 and first != second
    outliers = three.copy()
    outliers[:5] = -1  # other opinions kept: another sample, other distances
    silhouette_of(points, outliers, shared)
    assert len(calls) == 2 and len(shared) == 1


def test_the_best_cut_is_the_one_scikit_learns_silhouette_picks(monkeypatch):
    points = clustered(500, 7, seed=6)
    weights = np.ones(len(points))
    candidates: list[np.ndarray] = []
    chosen = _ward_cut._best_cut

    def spy(vectors, cuts):
        candidates.extend(cuts)
        return chosen(vectors, cuts)

    monkeypatch.setattr(_ward_cut, "_best_cut", spy)
    labels = divisive_cut(points, weights, 10, 4.0, low=2)
    assert len(candidates) >= 3
    scores = []
    for cut in candidates:
        kept = cut >= 0
        scores.append(
            silhouette_score(points[kept], cut[kept], metric="cosine", random_state=0)
            if 2 <= len(set(cut[kept].tolist())) < kept.sum()
            else -np.inf
        )
    best = next(i for i, s in enumerate(scores) if s > max(scores) - 1e-9)
    assert np.array_equal(labels, candidates[best])


def test_groups_clustered_side_by_side_equal_each_group_alone():
    from passives_lib.themes._unit_clustering import budgets, cluster_group, cluster_units

    rng = np.random.default_rng(3)
    centres = rng.normal(size=(6, 12))
    vectors = unit_rows(np.repeat(centres, 40, axis=0) + 0.2 * rng.normal(size=(240, 12)))
    texts = [f"opinion {i}" for i in range(240)]
    weights = np.ones(240)
    groups = np.repeat([0, 1], [120, 120])
    labels = cluster_units(texts, vectors, weights, groups, total=6, min_size=5, min_similarity=0.0)
    offset = 0
    for group, k in enumerate(budgets(weights, groups, 6, 5)):
        rows = np.flatnonzero(groups == group)
        alone = cluster_group([texts[i] for i in rows], vectors[rows], weights[rows], k, 5, 0.0)
        assert labels[rows].tolist() == np.where(alone >= 0, alone + offset, -1).tolist()
        offset += alone.max() + 1
    assert len(set(labels[:120].tolist()) & set(labels[120:].tolist())) == 0  # ids unique


def test_the_tree_builder_is_loaded_before_the_groups_trees_run_in_threads():
    # Two threads that import scipy's lazily loaded hierarchy module at once can see it half
    # made: a weekly plan failed with "partially initialized module 'scipy.cluster.hierarchy'
    # has no attribute 'linkage'". Loading the clustering module must load it, in one thread.
    code = (
        "import sys; import passives_lib.themes._unit_clustering; "
        "print('scipy.cluster.hierarchy' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "True"
