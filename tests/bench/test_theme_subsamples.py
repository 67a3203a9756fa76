"""The subsamples bench compares versions on the same rows every time."""

import numpy as np

from bench.theme_subsamples import subsample


def test_run_zero_is_the_whole_set_and_later_runs_are_fixed_95_percent_samples():
    assert subsample(40, 0).tolist() == list(range(40))
    first, again, other = subsample(1000, 1), subsample(1000, 1), subsample(1000, 2)
    assert len(first) == 950 and np.array_equal(first, again)
    assert not np.array_equal(first, other)
    assert (np.diff(first) > 0).all()  # in the set's order, no row twice
