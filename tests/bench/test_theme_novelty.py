"""The novelty bench: a subject's comments, and the shares of it and of the rest in new themes."""

import numpy as np

from bench.theme_novelty import SUBJECTS, mentions, new_shares


def test_a_subject_is_found_by_its_pattern_whatever_the_case():
    texts = ["Food was cold", "Lovely staff", "no MEALS at night"]
    assert mentions(texts, r"food|meal").tolist() == [True, False, True]


def test_new_shares_count_the_subject_and_the_others_apart():
    labels = np.array([7, 3, 7, 1, 7])
    subject = np.array([True, True, False, False, False])
    assert new_shares(labels, [7], subject) == (0.5, 2 / 3)
    assert new_shares(labels, [], subject) == (0.0, 0.0)


def test_every_set_has_subjects_found_in_its_comments():
    from bench.theme_targets import load

    for name, patterns in SUBJECTS.items():
        texts = load(name)[0]
        for pattern in patterns:
            assert 20 <= mentions(texts, pattern).sum() < len(texts) / 4, (name, pattern)
