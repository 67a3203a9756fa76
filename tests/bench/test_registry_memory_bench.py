"""The registry memory bench: its run's themes, and what it measures on a few small weeks."""

import numpy as np

from bench.registry_memory import DIMENSION, THEMES, median_seconds, run_themes


def test_the_bench_run_has_its_themes_with_unit_centroids():
    table, centroids = run_themes()
    assert table["theme_id"].tolist() == list(range(THEMES))
    assert centroids.shape == (THEMES, DIMENSION)
    assert np.allclose(np.linalg.norm(centroids, axis=1), 1.0)


def test_memory_makes_the_file_larger_and_every_figure_is_a_time_or_a_size():
    without = median_seconds(3, 50, remember=False)
    remembering = median_seconds(3, 50, remember=True)
    assert all(value > 0 for value in without + remembering)
    assert remembering[3] > without[3]
