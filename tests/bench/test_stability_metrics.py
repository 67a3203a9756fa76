"""The figures of bench/theme_stability.py, on tiny inline data."""

from __future__ import annotations

import math

import numpy as np

from bench._stability_data import DataSet
from bench._stability_metrics import (
    duplicate_names,
    keep_share,
    largest_share,
    mixed_share,
    themes_per_comment,
)
from bench.theme_stability import synthetic_weeks


def test_largest_share_leaves_non_answers_out_and_counts_other_in():
    assert largest_share(np.array([0, 0, 0, 1, -1, -2, -2])) == 3 / 5
    assert largest_share(np.array([-1, -2])) == 0.0
    assert largest_share(np.array([], dtype=int)) == 0.0


def test_mixed_share_needs_both_groups_over_a_quarter():
    labels = np.array([0, 0, 0, 0, 1, 1, 1, 1, -1, -2])
    low = np.array([1, 0, 0, 0, 1, 1, 0, 0, 1, 1], bool)  # theme 0: 25% low, not over
    high = np.array([0, 1, 1, 1, 0, 0, 1, 1, 0, 0], bool)
    assert mixed_share(labels, low, high) == 4 / 9  # theme 1 only, of 9 real comments
    assert mixed_share(labels, low, high, threshold=0.2) == 8 / 9


def test_duplicate_names_compares_case_folded_with_spaces_collapsed():
    assert duplicate_names(["fits  well", "Fits well", "runs small"]) == 1
    assert duplicate_names([]) == 0


def test_themes_per_comment_counts_distinct_real_themes():
    assert themes_per_comment([[0, 0, 1], [2], [-1], [-2]]) == 1.0  # 2, 1, 0 over 3 comments
    assert themes_per_comment([[-2]]) == 0.0


def test_keep_share_is_over_the_comments_of_both_weeks():
    assert keep_share({"a": 1, "b": -1}, {"a": 1, "b": -1, "c": 2}) == 1.0
    assert keep_share({"a": 1, "b": 2}, {"a": 3, "b": 2}) == 0.5
    assert math.isnan(keep_share({"a": 1}, {"b": 1}))


def test_synthetic_weeks_spread_the_comments_over_fourteen_iso_weeks():
    data = DataSet(
        "x",
        [str(i) for i in range(140)],
        np.zeros(140, bool),
        np.zeros(140, bool),
        np.zeros(140, int),
        "none",
    )
    days = synthetic_weeks(data)
    weeks = {np.datetime64(d, "D").astype(object).isocalendar()[:2] for d in days}
    assert weeks == {(2026, w) for w in range(1, 15)}
    assert synthetic_weeks(data) == days  # the same every run
