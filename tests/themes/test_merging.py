"""Near-duplicate themes of one polarity merge before they are published; others stay apart."""

import numpy as np
import pandas as pd
import pytest

from passives_lib import ThemeModel
from passives_lib.config import config_from_dict
from passives_lib.core import InvalidParameterError
from passives_lib.pipeline import model_from_config
from passives_lib.themes._clustering import unit_rows
from passives_lib.themes._merging import duplicate_pairs, merge_duplicates, shares_head

ZAPIER = ["Zapier integration is missing", "no Zapier integration at all"] * 3
SLACK = ["Slack integration is missing", "no Slack integration at all"] * 3
CRASH = ["the app crashes at login", "app crashes on every login"] * 3


def _near(direction, n, seed):
    rng = np.random.RandomState(seed)
    return unit_rows(np.asarray(direction, dtype=float) + 0.03 * rng.randn(n, len(direction)))


def _merge(texts, labels, vectors, groups, **options):
    return merge_duplicates(
        np.asarray(labels),
        vectors,
        np.ones(len(texts)),
        np.asarray(groups),
        texts,
        overlap=options.pop("overlap", 0.35),
        language="en",
        names=frozenset({"zapier", "slack"}),
        **options,
    )


def test_two_themes_split_by_a_product_name_merge_and_another_subject_stays():
    texts = ZAPIER + SLACK + CRASH
    vectors = np.vstack(
        [_near([1, 0.7, 0], 6, 0), _near([1, -0.7, 0], 6, 1), _near([0, 0, 1], 6, 2)]
    )
    labels, pairs = _merge(texts, [0] * 6 + [1] * 6 + [2] * 6, vectors, [1] * 18)
    assert pairs == [(0, 1)]
    assert labels.tolist() == [0] * 12 + [2] * 6


def test_praise_and_complaint_in_the_same_words_stay_apart():
    texts = ["the support team is great"] * 6 + ["the support team is not great"] * 6
    vectors = np.vstack([_near([1, 0.2], 6, 0), _near([1, -0.2], 6, 1)])
    labels, pairs = _merge(texts, [0] * 6 + [1] * 6, vectors, [0] * 6 + [1] * 6)
    assert pairs == [] and labels.tolist() == [0] * 6 + [1] * 6


def test_nearest_themes_that_say_different_things_stay_apart():
    texts = ZAPIER + CRASH  # each the other's nearest theme, but no words in common
    vectors = np.vstack([_near([1, 0.3], 6, 0), _near([1, -0.3], 6, 1)])
    labels, pairs = _merge(texts, [0] * 6 + [1] * 6, vectors, [1] * 12)
    assert pairs == [] and labels.tolist() == [0] * 6 + [1] * 6


def test_themes_that_share_what_happened_but_not_the_subject_stay_apart():
    care = ["long wait for the ambulance", "waited hours for the ambulance"] * 3
    phone = ["long wait for the phone to be answered", "waited hours to answer the phone"] * 3
    vectors = np.vstack([_near([1, 0.3], 6, 0), _near([1, -0.3], 6, 1)])
    labels, pairs = _merge(care + phone, [0] * 6 + [1] * 6, vectors, [1] * 12)
    assert pairs == [] and labels.tolist() == [0] * 6 + [1] * 6
    assert _merge(care + phone, [0] * 6 + [1] * 6, vectors, [1] * 12, overlap=0.1)[1] == []
    assert not shares_head(["ambulance", "long wait"], ["phone", "answered", "long wait"])
    assert shares_head(["updates", "shipping"], ["tracking", "email", "updated"])


def test_only_mutual_nearest_themes_merge_so_a_subject_never_chains_into_a_catch_all():
    centres = unit_rows(np.array([[1.0, 0.0], [0.9, 0.45], [0.5, 0.87]]))
    profiles = np.ones((3, 4)) / 2  # every theme says the same words
    # 0 and 1 are each other's nearest; 2's nearest is 1, which is taken: 2 stays.
    assert duplicate_pairs(centres, profiles, np.array([1, 1, 1]), 0.35) == [(0, 1)]
    assert duplicate_pairs(centres, profiles, np.array([1, 1, 1]), 1.01) == []


def test_two_known_themes_never_merge_and_a_known_theme_absorbs_a_new_one():
    texts = ZAPIER + SLACK
    vectors = np.vstack([_near([1, 0.7], 6, 0), _near([1, -0.7], 6, 1)])
    labels = [0] * 6 + [1] * 6
    given = {0: unit_rows(np.array([[1.0, 0.7]]))[0], 1: unit_rows(np.array([[1.0, -0.7]]))[0]}
    kept, pairs = _merge(texts, labels, vectors, [1] * 12, given=given)
    assert pairs == [] and kept.tolist() == labels
    merged, pairs = _merge(texts, labels, vectors, [1] * 12, given={1: given[1]})
    assert pairs == [(1, 0)] and merged.tolist() == [1] * 12  # the known theme keeps its label


def _fit(anchors=None, **options):
    rng = np.random.RandomState(0)
    axes = np.eye(8)
    directions = [
        axes[0] + 0.8 * axes[1],
        axes[0] - 0.8 * axes[1] + 0.1 * axes[2],
        axes[3],
        axes[5],
    ]
    vectors = np.vstack([d + 0.05 * rng.randn(12, 8) for d in directions])
    texts = [  # four distinct comments a subject (the budget grows with distinct opinions)
        f"{start} {subject} {end}"
        for subject in ("Zapier integration", "Slack integration", "app crash", "support team")
        for start, end in (("the", "is it"), ("our", "at all"), ("this", "again"), ("a", "today"))
        for _ in range(3)
    ]
    texts[36:] = [t.replace("support team", "great support team") for t in texts[36:]]
    model = ThemeModel(min_themes=2, max_themes=6, **options)
    return model.fit(texts, embeddings=vectors, anchors=anchors)


def test_the_model_publishes_one_integration_theme_and_keeps_the_others():
    apart = _fit(merge_overlap=1.0)
    merged = _fit()
    assert apart.n_themes_ == 4 and merged.n_themes_ == 3
    assert "1 near-duplicate theme(s) merged" in merged.method_
    integration = set(merged.labels_[:24].tolist())
    assert len(integration) == 1  # Zapier and Slack comments share one theme ...
    assert integration.isdisjoint(merged.labels_[24:].tolist())  # ... apart from the rest
    assert len(set(merged.labels_[24:36].tolist()) | set(merged.labels_[36:].tolist())) == 2
    assert merged.themes_["label"].is_unique
    assert np.array_equal(_fit().labels_, merged.labels_)  # same input, same themes
    fixed = _fit(n_themes=4)  # exactly n themes: nothing merges
    assert fixed.n_themes_ == 4


def test_next_week_anchored_in_the_merged_theme_keeps_every_comment_in_its_theme():
    first = _fit()
    known = first.themes_[first.themes_["theme_id"] >= 0]
    anchors = pd.DataFrame(
        {
            "anchor_id": known["theme_id"] + 100,
            "name": known["label"],
            "centroid": list(first.centroids_),
            "polarity": known["polarity"],
        }
    )
    again = _fit(anchors=anchors)
    assert "anchored in 3 known themes, 0 new" in again.method_
    stable = dict(zip(again.themes_["theme_id"], again.themes_["anchor_id"], strict=True))
    assert [stable[k] - 100 for k in again.labels_] == first.labels_.tolist()


def test_merge_overlap_is_checked_and_comes_from_the_config():
    with pytest.raises(InvalidParameterError, match="merge_overlap"):
        ThemeModel(merge_overlap=1.5).fit(["a comment", "another one"])
    config = config_from_dict({"themes": {"merge_overlap": 0.5}})
    assert model_from_config(config).merge_overlap == 0.5
    assert model_from_config(config_from_dict({})).merge_overlap == 0.15


def test_theme_centres_are_the_weighted_means_and_a_known_theme_keeps_its_own():
    from passives_lib.themes._merging import theme_centres
    from passives_lib.themes._unit_themes import weighted_centroids

    rng = np.random.RandomState(0)
    vectors, weights = unit_rows(rng.randn(30, 5)), rng.randint(1, 4, 30).astype(float)
    labels = rng.randint(-1, 4, 30)
    assert np.allclose(
        theme_centres(labels, vectors, weights, 4), weighted_centroids(labels, vectors, weights, 4)
    )
    given = unit_rows(np.ones((1, 5)))[0]
    assert np.allclose(theme_centres(labels, vectors, weights, 4, {2: given})[2], given)
