"""The novelty bench: a subject's comments, the shares of it and of the rest in new themes, and
steady weeks (with the tiny encoder: the bench's own measure is on the shared data)."""

import numpy as np
import pytest

from bench import theme_novelty
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


@pytest.fixture
def tiny_model(monkeypatch):
    """The bench's model, with the tiny encoder instead of the real one."""
    from passives_lib import ThemeModel
    from tests.tiny_embedding import TinyEncoder

    monkeypatch.setattr(
        theme_novelty,
        "model",
        lambda seed: ThemeModel(
            embedding_model=TinyEncoder(), language="en", min_themes=2, random_state=seed
        ),
    )


def test_two_weeks_sees_the_new_subject_only_when_the_registry_remembers(tiny_model):
    from tests.themes.test_opinion_memory import NEW, WEEK_1

    texts = WEEK_1 + NEW
    subject = mentions(texts, r"crash")
    forgetful = theme_novelty.two_weeks(texts, subject, remember=False)
    remembering = theme_novelty.two_weeks(texts, subject, remember=True)
    assert forgetful["subject"] == 0.0 and not forgetful["names"]
    assert remembering["subject"] == 1.0 and remembering["others"] == 0.0
    assert len(remembering["names"]) == 1


def test_steady_weeks_count_new_themes_and_kept_comments(tiny_model):
    from tests.themes.test_opinion_memory import WEEK_1

    texts = WEEK_1 * 2  # 72 comments: windows of 52, moving 5 at a time
    steady = theme_novelty.steady_weeks(texts, remember=True)
    assert [new for new, _ in steady] == [0, 0, 0, 0]
    assert all(kept == 1.0 for _, kept in steady)
