"""The Ward tree's distances and the silhouette of its cuts: faster, and the same results."""

import subprocess
import sys

import numpy as np
import pytest
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import pdist
from sklearn.metrics import silhouette_samples, silhouette_score

from passives_lib.themes import _ward_cut
from passives_lib.themes._clustering import unit_rows
from passives_lib.themes._ward_cut import (
    divisive_cut,
    euclidean_condensed,
    row_silhouettes,
)


def silhouette_of(points, labels, shared=None) -> float:
    """The mean of :func:`row_silhouettes`: the silhouette a cut is scored by."""
    return float(row_silhouettes(points, labels, shared)[1].mean())


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


def noisy(n: int, centres: int, noise: float, seed: int) -> np.ndarray:
    """Unit rows whose subjects overlap, so that many cuts score nearly the same silhouette."""
    rng = np.random.default_rng(seed)
    middle = rng.normal(size=(centres, 24))
    return unit_rows(middle[rng.integers(0, centres, n)] + noise * rng.normal(size=(n, 24)))


def one_standard_error_pick(
    points: np.ndarray, candidates: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The best cut by scikit-learn's silhouette, and the fewest-themes cut within one error."""
    usable = [c for c in candidates if 2 <= len(set(c[c >= 0].tolist())) < (c >= 0).sum()]
    everywhere = np.logical_and.reduce([c >= 0 for c in usable])
    rows = [silhouette_samples(points[everywhere], c[everywhere], metric="cosine") for c in usable]
    means = [r.mean() for r in rows]
    best = int(np.argmax(means))
    for i in range(best + 1):
        error = (rows[i] - rows[best]).std() / np.sqrt(len(rows[best]))
        if means[i] >= means[best] - error - 1e-9:
            return usable[best], usable[i]
    raise AssertionError("the best cut is within its own error")


@pytest.mark.parametrize(
    ("points", "rule_matters"),
    [
        (clustered(500, 7, seed=6), False),  # clear subjects: the best silhouette wins
        (noisy(500, 12, 1.8, seed=10), True),  # overlapping ones: fewer themes, same score
        (noisy(500, 12, 1.8, seed=11), True),
    ],
)
def test_the_cut_is_the_fewest_themes_within_one_standard_error_of_the_best(
    points, rule_matters, monkeypatch
):
    weights = np.ones(len(points))
    candidates: list[np.ndarray] = []
    chosen = _ward_cut._best_cut

    def spy(vectors, cuts):
        candidates.extend(cuts)
        return chosen(vectors, cuts)

    monkeypatch.setattr(_ward_cut, "_best_cut", spy)
    labels = divisive_cut(points, weights, 14, 4.0, low=2)
    assert len(candidates) >= 3
    best, pick = one_standard_error_pick(points, candidates)
    assert np.array_equal(labels, pick)
    themes = len(set(labels[labels >= 0].tolist()))
    assert (themes < len(set(best[best >= 0].tolist()))) is rule_matters
    if rule_matters:  # the finer cut did score higher: it is its margin that is too small
        assert silhouette_of(points, best) > silhouette_of(points, labels)


def test_row_silhouettes_share_a_key_per_sample():
    points = clustered(300, 5, seed=7)
    two = np.where(points[:, 0] > 0, 1, 0)
    key, rows = row_silhouettes(points, two)
    assert len(rows) == 300
    assert key == row_silhouettes(points, np.where(points[:, 1] > 0, 3, 0))[0]
    fewer = two.copy()
    fewer[0] = -1
    other_key, other_rows = row_silhouettes(points, fewer)
    assert other_key != key and len(other_rows) == 299


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


def test_a_clearly_better_cut_wins_though_it_set_opinions_aside():
    rng = np.random.default_rng(8)
    centres = np.array([[1.0, 0, 0], [-1.0, 0, 0], [0, 1.0, 0], [0, -1.0, 0]])
    truth = rng.integers(0, 4, 200)
    points = unit_rows(centres[truth] + 0.15 * rng.normal(size=(200, 3)))
    coarse = truth // 2  # two themes, each of two subjects
    peeled = truth.copy()
    peeled[:20] = -1  # the four subjects, twenty opinions set aside: all scored without them
    kept = np.arange(200) >= 20
    assert (
        silhouette_score(points[kept], peeled[kept], metric="cosine")
        > silhouette_score(points[kept], coarse[kept], metric="cosine") + 0.1
    )
    assert _ward_cut._best_cut(points, [coarse, peeled]) is peeled


def test_a_cut_choice_without_two_themes_to_score_keeps_the_last_candidate():
    one = np.zeros(6, dtype=int)
    points = unit_rows(np.random.default_rng(9).normal(size=(6, 3)))
    assert _ward_cut._best_cut(points, [one, one + 1]) is not None
    assert np.array_equal(_ward_cut._best_cut(points, [one, one + 1]), one + 1)
