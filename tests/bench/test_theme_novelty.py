"""The novelty bench: a subject's comments, and the shares of it and of the rest in new themes."""

import numpy as np
import pytest

from bench.theme_novelty import SUBJECTS, mentions, new_shares
from tests.conftest import shared_file


def test_a_subject_is_found_by_its_pattern_whatever_the_case():
    texts = ["Food was cold", "Lovely staff", "no MEALS at night"]
    assert mentions(texts, r"food|meal").tolist() == [True, False, True]


def test_new_shares_count_the_subject_and_the_others_apart():
    labels = np.array([7, 3, 7, 1, 7])
    subject = np.array([True, True, False, False, False])
    assert new_shares(labels, [7], subject) == (0.5, 2 / 3)
    assert new_shares(labels, [], subject) == (0.0, 0.0)


@pytest.mark.integration
def test_every_set_has_subjects_found_in_its_comments():
    from bench.theme_targets import load

    for data in (
        "nhs_fft_themes/v6framework_230831.csv",
        "clothing_reviews/reviews.csv",
        "garden_centre_nps_fr/nps.csv",
    ):
        shared_file(data)  # skips without ../shared

    for name, patterns in SUBJECTS.items():
        texts = load(name)[0]
        for pattern in patterns:
            assert 20 <= mentions(texts, pattern).sum() < len(texts) / 4, (name, pattern)
