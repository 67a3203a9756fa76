"""A codebook theme known only by its examples takes the run's clusters that stand out to it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from passives_lib import ThemeModel
from passives_lib.themes import codebook_centroids, codebook_polarity
from passives_lib.themes._anchors import (
    Anchors,
    checked_anchors,
    given_centroids,
    standout_clusters,
)
from tests.tiny_embedding import TinyEncoder

DIMENSION = 12


def clusters_at(closeness: list[float], groups: list[int] | None = None):
    """One opinion per cluster, cluster ``k`` at cosine ``closeness[k]`` from axis 0."""
    vectors = np.zeros((len(closeness), DIMENSION))
    for k, value in enumerate(closeness):
        vectors[k, 0] = value
        vectors[k, k + 1] = np.sqrt(1.0 - value**2)
    tones = np.zeros(len(closeness), dtype=int) if groups is None else np.array(groups)
    return np.arange(len(closeness)), vectors, np.ones(len(closeness)), tones


THEME = np.eye(DIMENSION)[:1]  # a codebook theme along axis 0


def test_a_cluster_that_stands_out_and_comes_close_is_taken():
    labels, vectors, weights, groups = clusters_at([0.80, 0.10, 0.15, 0.05, 0.12, 0.08, 0.11])
    assert standout_clusters(labels, vectors, weights, groups, THEME) == {0: 0}


def test_every_cluster_that_stands_out_is_taken_and_no_other():
    closeness = [0.80, 0.70, 0.10, 0.15, 0.05, 0.12, 0.08, 0.11, 0.09]
    labels, vectors, weights, groups = clusters_at(closeness)
    assert standout_clusters(labels, vectors, weights, groups, THEME) == {0: 0, 1: 0}


def test_the_nearest_cluster_of_a_theme_without_one_of_its_own_is_not_taken():
    # "login problems" beside app crashes: the crashes stand out but stay far from the theme.
    labels, vectors, weights, groups = clusters_at([0.35, 0.10, 0.12, 0.08, 0.11, 0.09, 0.13])
    assert standout_clusters(labels, vectors, weights, groups, THEME) == {}


def test_a_cluster_of_the_other_polarity_group_is_not_taken():
    # "rude staff" must not take "friendly staff", however close the words.
    closeness = [0.80, 0.75, 0.10, 0.15, 0.05, 0.12, 0.08, 0.11]
    labels, vectors, weights, groups = clusters_at(closeness, [0, 1, 1, 1, 0, 1, 0, 1])
    complaint = np.array([1])
    assert standout_clusters(labels, vectors, weights, groups, THEME, complaint) == {1: 0}
    # without a tone of its own, the theme takes the group of its nearest cluster
    assert standout_clusters(labels, vectors, weights, groups, THEME, np.array([-1])) == {0: 0}


def test_a_cluster_goes_to_the_codebook_theme_it_is_nearest():
    labels, vectors, weights, groups = clusters_at([0.80, 0.10, 0.15, 0.05, 0.12, 0.08, 0.11])
    other = np.zeros((1, DIMENSION))
    other[0, 0], other[0, 1] = 0.9, np.sqrt(1 - 0.81)  # nearer cluster 0 than THEME is
    assert standout_clusters(labels, vectors, weights, groups, np.vstack([THEME, other])) == {0: 1}


def test_a_cluster_whose_opinions_do_not_use_the_themes_words_is_not_taken():
    # NHS transport complaints stand out towards "parking is difficult", but few say parking.
    labels, vectors, weights, groups = clusters_at([0.80, 0.10, 0.15, 0.05, 0.12, 0.08, 0.11])
    labels = np.concatenate([labels, [0, 0, 0, 0]])
    vectors = np.vstack([vectors, np.repeat(vectors[:1], 4, axis=0)])
    weights, groups = np.ones(len(labels)), np.zeros(len(labels), dtype=int)
    texts = ["the taxi never came"] * 7 + ["taxi late", "no taxi", "parking full", "taxi"]
    parking = [frozenset({"park", "diffi"})]
    weights[[0, 7, 8, 10]] = 2.0  # parking: 1 of the cluster's weight 9
    assert standout_clusters(labels, vectors, weights, groups, THEME, None, texts, parking) == {}
    texts[0] = "parking was difficult"  # now 3 of 9
    assert standout_clusters(labels, vectors, weights, groups, THEME, None, texts, parking) == {
        0: 0
    }
    words = [frozenset()]  # no phrase: no word test
    assert standout_clusters(labels, vectors, weights, groups, THEME, None, texts, words) == {0: 0}


def test_no_cluster_or_no_theme_takes_nothing():
    labels, vectors, weights, groups = clusters_at([0.8, 0.1])
    assert standout_clusters(np.full(2, -1), vectors, weights, groups, THEME) == {}
    assert standout_clusters(labels, vectors, weights, groups, THEME[:0]) == {}


def test_a_seen_theme_keeps_its_centroid_and_a_new_codebook_theme_takes_its_members_mean():
    known = Anchors(
        [1, 2, 3], ["seen", "new", "empty"], np.eye(3), seen=np.array([True, False, False])
    )
    vectors = np.array([[0.0, 1.0, 0.0], [0.0, 0.6, 0.8], [0.0, 0.0, 1.0], [0.0, 0.0, 1.0]])
    labels = np.array([0, 0, 1, 1])
    given = given_centroids(known, {0: 0, 1: 1, 5: 2}, labels, vectors, np.ones(4))
    assert np.allclose(given[0], [1.0, 0.0, 0.0])  # as it came, whatever its members
    assert np.allclose(given[1], [0.0, 0.0, 1.0])  # its members' mean
    assert np.allclose(given[5], [0.0, 0.0, 1.0])  # no member: its examples' centroid
    old = Anchors([1], ["seen"], np.eye(3)[:1])  # no "seen" column: every theme seen
    assert np.allclose(given_centroids(old, {1: 0}, labels, vectors, np.ones(4))[1], np.eye(3)[0])


def test_the_seen_and_phrases_columns_are_read_from_the_anchor_table():
    table = pd.DataFrame(
        {
            "anchor_id": [1, 2],
            "name": ["a", "b"],
            "centroid": list(np.eye(2)),
            "seen": [1, 0],
            "phrases": [[], ["late parcels", "the parcel came late"]],
        }
    )
    known = checked_anchors(table, 2)
    assert known.seen.tolist() == [True, False]
    assert known.words == (frozenset(), frozenset({"lat", "parce"}))
    plain = checked_anchors(table.drop(columns=["seen", "phrases"]), 2)
    assert plain.seen is None and plain.words is None
    loose = table.assign(
        seen=pd.array([pd.NA, False], dtype="boolean"), phrases=["late parcels", None]
    )
    known = checked_anchors(loose, 2)
    assert known.seen.tolist() == [True, False]  # a missing value: seen, as without the column
    assert known.words == (frozenset({"lat", "parce"}), frozenset())  # one text is one phrase


@pytest.mark.parametrize(
    ("examples", "expected"),
    [
        (["the staff were rude", "receptionist was rude and unhelpful"], "complaint"),
        (["lovely caring nurses", "staff were so kind"], "praise"),
        (["les prix sont trop élevés", "trop cher"], "complaint"),
        (["delivery", "the parcel"], None),  # a subject without a tone
        (["lovely caring nurses", "the staff were rude"], None),  # two tones tie
        ([], None),
    ],
)
def test_a_codebook_theme_has_the_tone_its_examples_say(examples, expected):
    assert codebook_polarity(examples) == expected


WEEK = [
    "The parcel arrived late",
    "Parcel late again",
    "Late parcel, arrived a week late",
    "Lovely staff, very kind",
    "The staff were lovely and kind",
    "Price went up again, too expensive",
    "Too expensive this year",
] * 6


def codebook(model: ThemeModel, seen: bool, examples: list[list[str]] | None = None):
    examples = examples or [["parcel arrived late", "late parcel"], ["the dog barked at the moon"]]
    return pd.DataFrame(
        {
            "anchor_id": range(1, len(examples) + 1),
            "name": ["late parcels", "barking dogs"][: len(examples)],
            "centroid": list(codebook_centroids(model, examples)),
            "polarity": ["complaint"] * len(examples),
            "seen": [seen] * len(examples),
        }
    )


def model() -> ThemeModel:
    return ThemeModel(embedding_model=TinyEncoder(), language="en", min_themes=2)


def test_a_codebook_theme_takes_the_whole_cluster_of_its_subject_and_an_absent_one_nothing():
    plain = model().fit(WEEK)
    fitted = model()
    fitted.fit(WEEK, anchors=codebook(fitted, seen=False))
    named = fitted.themes_.dropna(subset=["anchor_id"])
    assert named["label"].tolist() == ["late parcels"]  # "barking dogs" took nothing
    assert "anchored in 0 known themes and 2 codebook themes (1 found)" in fitted.method_
    late = fitted.labels_ == int(named["theme_id"].iloc[0])
    parcel = np.array(["arcel" in text for text in WEEK])
    assert np.array_equal(late, parcel)
    # the same cluster as without the codebook, only named by the analyst
    plain_parcel = set(plain.labels_[parcel].tolist())
    assert len(plain_parcel) == 1 and np.array_equal(plain.labels_ == plain_parcel.pop(), late)


def test_a_codebook_theme_takes_no_opinion_of_another_cluster_that_shares_its_words():
    # Its examples mention the price too: known themes take single opinions at 0.30, and the
    # price complaints would join the only known complaint theme.
    examples = [["late parcel", "price went up again, too expensive, parcel late"]]
    fitted = model()
    fitted.fit(WEEK, anchors=codebook(fitted, seen=False, examples=examples))
    named = fitted.themes_.dropna(subset=["anchor_id"])
    late = fitted.labels_ == int(named["theme_id"].iloc[0])
    assert np.array_equal(late, np.array(["arcel" in text for text in WEEK]))
    seen = model()
    seen.fit(WEEK, anchors=codebook(seen, seen=True, examples=examples))
    known = seen.labels_ == int(seen.themes_.dropna(subset=["anchor_id"])["theme_id"].iloc[0])
    price = [text == "Price went up again, too expensive" for text in WEEK]
    assert known[price].all()  # a theme seen before takes single opinions
