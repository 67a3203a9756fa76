"""The held-out multi-label metric of bench/theme_multilabel.py, on tiny inline data."""

import numpy as np
import pytest

from bench._multilabel import (
    coverage,
    held_out_scores,
    largest_themes,
    map_themes_to_codes,
    pair_counts,
)

# codes: 0 = staff, 1 = waiting, 2 = parking
CODES = np.array([[1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 1, 1], [0, 0, 1], [1, 0, 0]])


def test_largest_themes_counts_every_theme_of_a_comment_once():
    sets = [[0, 1], [1], [1, 1], [2], [-1]]
    assert largest_themes(sets, 2) == [1, 0]  # 1 in three comments; 0 beats 2 on the tie
    assert largest_themes(sets, 10) == [1, 0, 2]


def test_map_themes_to_codes_takes_the_most_co_occurring_code():
    sets = [[5], [5, 7], [7], [7], [9], [5]]
    mapping = map_themes_to_codes(sets, CODES, [5, 7, 9, 11])
    assert mapping == {5: 0, 7: 1, 9: 2}  # 11 occurs nowhere: not mapped


def test_pair_counts_over_comment_code_pairs():
    sets = [[5], [5, 7], [7], [-1]]
    hits, predicted, truth = pair_counts(sets, CODES[:4], {5: 0, 7: 1})
    # predicted pairs: (0,staff) (1,staff) (1,waiting) (2,waiting): all right; comment 3 none
    assert (hits, predicted, truth) == (4, 4, 6)
    wrong = pair_counts([[7], [5], [5], [5]], CODES[:4], {5: 0, 7: 1})
    assert wrong == (1, 4, 6)  # only comment 1 (staff) is right


def test_held_out_scores_are_perfect_when_themes_are_the_codes():
    rng = np.random.default_rng(0)
    codes = np.eye(3, dtype=int)[rng.integers(0, 3, 60)]
    sets = [[int(np.argmax(r)) + 10] for r in codes]
    assert held_out_scores(sets, codes) == pytest.approx(
        {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    )


def test_held_out_scores_reward_a_second_theme_that_matches_a_second_code():
    rng = np.random.default_rng(1)
    first = rng.integers(0, 3, 80)
    second = (first + 1) % 3
    codes = np.zeros((80, 3), dtype=int)
    codes[np.arange(80), first] = 1
    codes[np.arange(80), second] = 1
    one = held_out_scores([[int(f)] for f in first], codes)
    both = held_out_scores([[int(f), int(s)] for f, s in zip(first, second, strict=True)], codes)
    assert one["precision"] == pytest.approx(1.0)
    assert one["recall"] == pytest.approx(0.5)
    assert both["f1"] == pytest.approx(1.0) and both["f1"] > one["f1"]


def test_held_out_scores_count_only_the_largest_themes():
    codes = np.eye(2, dtype=int)[[0] * 40 + [1] * 4]
    sets = [[0]] * 40 + [[1]] * 4
    assert held_out_scores(sets, codes, top=1)["recall"] == pytest.approx(40 / 44)


def test_coverage_counts_outliers_as_zero_themes():
    result = coverage([[0, 1], [1], [-1], [2, 0, 1]])
    assert result == pytest.approx({"themes": 3, "assigned": 0.75, "per_comment": 1.5})
