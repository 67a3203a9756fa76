import numpy as np
from sklearn.neighbors import NearestNeighbors

from passives_lib.themes._clustering import exact_neighbours, ward_by_silhouette


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
