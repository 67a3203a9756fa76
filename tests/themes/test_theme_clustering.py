import numpy as np
from sklearn.metrics import adjusted_rand_score
from sklearn.neighbors import NearestNeighbors

from passives_lib.themes._clustering import (
    cluster_embeddings,
    default_reducer,
    place_by_neighbours,
    subsample,
    unit_rows,
    ward_by_silhouette,
)
from passives_lib.themes._reducing import exact_neighbours


def test_exact_neighbours_match_brute_force_and_put_each_point_first():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(700, 16))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    indices, distances = exact_neighbours(points, 10)
    reference_d, reference_i = (
        NearestNeighbors(n_neighbors=10, metric="cosine", algorithm="brute")
        .fit(points)
        .kneighbors(points)
    )
    assert (indices[:, 0] == np.arange(700)).all() and (distances[:, 0] == 0).all()
    assert (np.sort(indices[:, 1:], axis=1) == np.sort(reference_i[:, 1:], axis=1)).all()
    assert np.allclose(distances[:, 1:], reference_d[:, 1:], atol=1e-5)
    assert (np.diff(distances, axis=1) >= -1e-7).all()  # nearest first


def test_ward_by_silhouette_finds_the_obvious_number_of_groups():
    rng = np.random.default_rng(1)
    centres = np.array([[0, 0], [10, 0], [0, 10], [10, 10]])
    points = np.concatenate([c + rng.normal(scale=0.3, size=(25, 2)) for c in centres])
    labels = ward_by_silhouette(points, 2, 8)
    assert len(set(labels)) == 4
    assert ward_by_silhouette(points, 1, 1).tolist() == [0] * 100


def _groups(per_group: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors around four well separated directions, and which direction each is."""
    rng = np.random.default_rng(seed)
    centres = np.eye(4, 8)
    truth = np.repeat(np.arange(4), per_group)
    points = centres[truth] + rng.normal(scale=0.15, size=(len(truth), 8))
    return unit_rows(points), truth


def test_subsample_depends_only_on_the_texts():
    texts = [f"comment {i}" for i in range(300)]
    chosen = {texts[i] for i in subsample(texts, 50)}
    assert len(chosen) == 50
    shuffled = list(np.random.default_rng(3).permutation(texts))
    picked = subsample(shuffled, 50)
    assert {shuffled[i] for i in picked} == chosen
    assert np.all(np.diff(picked) > 0)  # positions come back in input order
    grown = texts + [f"new comment {i}" for i in range(30)]
    kept = {grown[i] for i in subsample(grown, 50)} & chosen
    assert len(kept) >= 40  # a few new texts move only a few choices
    assert subsample(texts[:10], 50).tolist() == list(range(10))


def test_place_by_neighbours_labels_every_row_from_its_nearest_sampled_rows():
    vectors, truth = _groups(30)
    sample = np.arange(0, len(vectors), 3)
    sample_labels = truth[sample] + 10
    sample_labels[truth[sample] == 3] = -1  # an outlier group keeps winning as -1
    labels = place_by_neighbours(vectors, sample, sample_labels, 5)
    assert len(labels) == len(vectors)
    assert np.array_equal(labels[sample], sample_labels)
    expected = np.where(truth == 3, -1, truth + 10)
    assert np.array_equal(labels, expected)


def test_place_by_neighbours_weights_votes_by_similarity():
    vectors = unit_rows(np.array([[1.0, 0.0], [0.6, 0.8], [0.5, 0.87], [0.95, 0.3]]))
    # row 3 is closest to row 0 (label 7), but rows 1 and 2 (label 4) together outweigh it
    labels = place_by_neighbours(vectors, np.array([0, 1, 2]), np.array([7, 4, 4]), 3)
    assert labels.tolist() == [7, 4, 4, 4]
    labels = place_by_neighbours(vectors, np.array([0, 1]), np.array([7, 4]), 2)  # one each
    assert labels[2:].tolist() == [4, 7]


def test_place_by_neighbours_does_not_depend_on_the_order_of_the_rest():
    vectors, truth = _groups(25, seed=2)
    sample = np.arange(0, 100, 4)
    labels = place_by_neighbours(vectors, sample, truth[sample], 7)
    order = np.random.default_rng(5).permutation(100)
    moved = place_by_neighbours(vectors[order], np.argsort(order)[sample], truth[sample], 7)
    assert np.array_equal(moved, labels[order])


def test_default_reducer_passes_the_epochs_on():
    vectors, _ = _groups(10)
    assert default_reducer(vectors, 0, 123).n_epochs == 123
    assert default_reducer(vectors, 0).n_epochs is None


def test_large_corpora_are_clustered_on_a_subsample_and_every_comment_is_placed(monkeypatch):
    from passives_lib.themes import _clustering

    monkeypatch.setattr(_clustering, "SUBSAMPLE_MIN", 150)
    monkeypatch.setattr(_clustering, "SUBSAMPLE_SIZE", 120)
    vectors, truth = _groups(50, seed=4)
    texts = [f"comment {i}" for i in range(len(vectors))]
    options = {"n_themes": None, "min_themes": 2, "max_themes": 8, "random_state": 0}
    labels, method, _ = cluster_embeddings(texts, vectors, **options)
    assert "learned on 120 of 200 comments" in method
    assert len(labels) == 200 and adjusted_rand_score(truth, labels) > 0.9
    again, _, _ = cluster_embeddings(texts, vectors, **options)
    assert np.array_equal(again, labels)
    fixed, method, _ = cluster_embeddings(texts, vectors, **(options | {"n_themes": 4}))
    assert "fixed at 4 themes, learned on 120" in method and set(fixed.tolist()) == {0, 1, 2, 3}
    monkeypatch.setattr(_clustering, "SUBSAMPLE_MIN", 200)  # at the threshold: all of them
    _, method, _ = cluster_embeddings(texts, vectors, **options)
    assert "learned on" not in method
