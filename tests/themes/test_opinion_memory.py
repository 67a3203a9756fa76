"""Opinions the registry remembers keep their theme; new ones must earn a known theme (issue 21).

Without memory, known themes took nearly every opinion of a week at cosine 0.30, and a
subject first raised that week never became a theme (``python -m bench.theme_novelty``).
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from passives_lib import ThemeModel
from passives_lib.core import InvalidParameterError
from passives_lib.themes import opinion_key
from passives_lib.themes._anchors import distinct_clusters, member_floors
from passives_lib.themes._memory import remembered_units
from passives_lib.themes._unit_themes import Budget, first_anchoring, settle
from tests.tiny_embedding import TinyEncoder

WEEK_1 = [
    "The staff were lovely and kind",
    "Lovely staff, very kind",
    "Kind and lovely staff",
    "Staff were so kind",
    "Really lovely staff",
    "The staff were kind to us",
    "Waited far too long for the parcel",
    "The parcel arrived late",
    "Parcel late again",
    "My parcel came late",
    "The parcel was a week late",
    "Late parcel once more",
    "Price went up again, too expensive",
    "Too expensive this year",
    "Far too expensive now",
    "The price is too high",
    "Expensive for what it is",
    "Prices went up again",
] * 2
# A new subject that shares a word with a known theme ("parcel"): close enough to it for the
# fixed floor, not as close as that theme's own opinions are.
NEW = [
    "The parcel app crashes at login",
    "Parcel app crashes at login",
    "Login crashes the parcel app",
] * 4


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=float)
    return vector / np.linalg.norm(vector)


def model() -> ThemeModel:
    return ThemeModel(embedding_model=TinyEncoder(), language="en", min_themes=2)


def memory_of(fitted: ThemeModel, offset: int = 100) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Anchors and remembered opinions, as the registry gives them after recording ``fitted``."""
    anchors = pd.DataFrame(
        {
            "anchor_id": np.arange(fitted.n_themes_) + offset,
            "name": [f"known {k}" for k in range(fitted.n_themes_)],
            "centroid": list(fitted.centroids_),
        }
    )
    opinions = fitted.opinions_[fitted.opinions_["theme_id"] >= 0]
    opinions = opinions.drop_duplicates("opinion_key")
    remembered = pd.DataFrame(
        {"opinion_key": opinions["opinion_key"], "anchor_id": opinions["theme_id"] + offset}
    )
    return anchors, remembered


# -- keys and lookups ------------------------------------------------------------------------


def test_an_opinion_key_is_the_start_of_the_sha256_of_the_exact_text():
    text = "Zebediah Quuxley here, the engineer never came"
    key = opinion_key(text)
    assert key == hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    assert key == opinion_key(text) != opinion_key(text + ".")
    assert opinion_key("Émile") != opinion_key("Emile")


def test_remembered_units_finds_each_opinion_s_theme_among_the_anchors():
    memory = pd.DataFrame(
        {"opinion_key": [opinion_key("late"), opinion_key("gone")], "anchor_id": [7, 3]}
    )
    keys = [opinion_key(text) for text in ["kind", "late", "gone"]]
    assert remembered_units(keys, memory, [7, 9]).tolist() == [-1, 0, -1]
    assert remembered_units(keys[1:2], None, [7]).tolist() == [-1]
    # a theme no run has matched (a codebook's) takes no single opinion, remembered or not
    assert remembered_units(keys[1:2], memory, [7, 9], seen=[False, True]).tolist() == [-1]


@pytest.mark.parametrize(
    ("memory", "message"),
    [
        (pd.DataFrame({"opinion_key": ["k"]}), "opinion_key and anchor_id"),
        ({"opinion_key": "k", "anchor_id": 1}, "got dict"),
        (pd.DataFrame({"opinion_key": ["k", "k"], "anchor_id": [1, 2]}), "twice"),
        (pd.DataFrame({"opinion_key": ["k"], "anchor_id": [np.nan]}), "lacks an anchor_id"),
    ],
)
def test_a_bad_memory_is_a_clear_error(memory, message):
    with pytest.raises(InvalidParameterError, match=message):
        remembered_units([opinion_key("late")], memory, [1, 2])


# -- floors and new clusters -----------------------------------------------------------------


def test_a_known_theme_s_floor_follows_its_remembered_opinions():
    similarity = np.array(
        [[0.9, 0.1], [0.8, 0.1], [0.7, 0.1], [0.6, 0.1], [0.5, 0.1], [0.2, 0.4], [0.2, 0.1]]
    )
    memory = np.array([0, 0, 0, 0, 0, 1, -1])
    # theme 0: its five opinions' median; theme 1, with one: the median of all six
    assert member_floors(similarity, memory, 0.3, 0.5).tolist() == pytest.approx([0.7, 0.65])
    assert member_floors(similarity, memory, 0.3, 0.0).tolist() == pytest.approx([0.5, 0.4])
    assert member_floors(similarity, memory, 0.75, 0.5).tolist() == [0.75, 0.75]  # never below
    assert member_floors(similarity, np.full(7, -1), 0.3, 0.5).tolist() == [0.3, 0.3]
    # a theme that takes no single opinion (similarity -inf) sets no floor
    blocked = similarity.copy()
    blocked[:, 1] = -np.inf
    assert member_floors(blocked, memory, 0.3, 0.5).tolist() == pytest.approx([0.7, 0.7])


def test_first_anchoring_keeps_the_remembered_and_holds_new_opinions_to_the_floors():
    plan = Budget(4, 1.0, 0.3, 0.3, new_opinion_quantile=0.5)
    # two known themes, one per polarity group: theme 0's five remembered opinions (rows 0-4,
    # median 0.8) set its floor; theme 1 has too few and takes the median of all six (0.775)
    direct = np.array(
        [[0.9, 0.1], [0.8, 0.1], [0.7, 0.1], [0.85, 0.1], [0.75, 0.1]]
        + [[0.4, 0.1], [0.82, 0.1], [0.9, 0.8], [0.9, 0.1]]
    )
    groups = np.array([0, 0, 0, 0, 0, 0, 0, 1, 0])
    owners = np.array([0, 1])
    memory = np.array([0, 0, 0, 0, 0, -1, -1, -1, 1])  # row 8 remembered in the other theme
    anchored = first_anchoring(direct, groups, owners, memory, plan)
    assert anchored.tolist() == [0, 0, 0, 0, 0, -1, 0, 1, 1]
    without = first_anchoring(direct, groups, owners, np.full(9, -1), plan)
    assert without.tolist() == [0, 0, 0, 0, 0, 0, 0, 1, 0]
    few = np.array([0, 0, 0, 0, -1, -1, -1, -1, -1])  # fewer than five remembered: no floors
    assert first_anchoring(direct, groups, owners, few, plan).tolist() == [0] * 7 + [1, 0]


def test_a_tight_cluster_apart_from_the_known_themes_is_new_and_a_loose_one_is_not():
    known = np.array([unit(1, 0, 0, 0)])
    tight = [unit(0, 1, 0.05, 0), unit(0, 1, -0.05, 0), unit(0, 1, 0, 0.05)]
    loose = [unit(1, 0.6, 0, 0), unit(1, 0, 0.6, 0), unit(1, 0, 0, 0.6)]
    vectors = np.array(tight + loose)
    labels = np.array([0, 0, 0, 1, 1, 1])
    assert distinct_clusters(labels, vectors, np.ones(6), known, 2.0) == {0: True, 1: False}
    assert distinct_clusters(labels, vectors, np.ones(6), known, 4.0) == {0: False, 1: False}
    nothing_known = np.zeros((0, 4))
    assert distinct_clusters(labels, vectors, np.ones(6), nothing_known, 2.0) == {
        0: True,
        1: True,
    }


def test_settle_leaves_pinned_opinions_where_they_are():
    vectors = np.array([unit(1, 0), unit(0.9, 0.1), unit(0, 1), unit(0.95, 0.05)])
    labels = np.array([0, 0, 1, 1])  # opinion 3 is nearer theme 0 but remembered in theme 1
    weights = np.ones(4)
    groups = np.zeros(4, dtype=int)
    moved, *_ = settle(labels, vectors, weights, groups, {}, {})
    assert moved.tolist() == [0, 0, 1, 0]
    pinned = np.array([False, False, False, True])
    kept, *_ = settle(labels, vectors, weights, groups, {}, {}, pinned=pinned)
    assert kept.tolist() == [0, 0, 1, 1]


# -- the model --------------------------------------------------------------------------------


def test_without_memory_the_new_subject_joins_a_known_theme_and_with_it_stands_apart():
    first = model().fit(WEEK_1)
    anchors, memory = memory_of(first)
    forgetful = model().fit(WEEK_1 + NEW, anchors=anchors)
    remembering = model().fit(WEEK_1 + NEW, anchors=anchors, remembered=memory)

    def new_share(fitted: ThemeModel) -> float:
        known = set(fitted.themes_.dropna(subset=["anchor_id"])["theme_id"])
        rows = fitted.labels_[len(WEEK_1) :]
        return float(np.mean([label >= 0 and label not in known for label in rows]))

    assert new_share(forgetful) == 0.0  # every crash comment filed under a known theme
    assert new_share(remembering) == 1.0
    assert "kept their remembered theme" in remembering.method_
    by_anchor = remembering.themes_.dropna(subset=["anchor_id"])
    to_anchor = dict(zip(by_anchor["theme_id"], by_anchor["anchor_id"] - 100, strict=True))
    old = [to_anchor.get(k, -9) for k in remembering.labels_[: len(WEEK_1)]]
    assert old == first.labels_.tolist()  # every unchanged comment keeps its theme


def test_a_remembered_opinion_keeps_its_theme_even_when_another_is_nearer():
    first = model().fit(WEEK_1)
    anchors, memory = memory_of(first)
    price = first.labels_[WEEK_1.index("Too expensive this year")]
    staff = first.labels_[WEEK_1.index("Lovely staff, very kind")]
    moved = memory["opinion_key"] == opinion_key("Too expensive this year")
    memory.loc[moved, "anchor_id"] = staff + 100  # as if an analyst's merge had put it there
    second = model().fit(WEEK_1, anchors=anchors, remembered=memory)
    anchor_of = dict(zip(second.themes_["theme_id"], second.themes_["anchor_id"], strict=True))
    row = WEEK_1.index("Too expensive this year")
    assert anchor_of[second.labels_[row]] == staff + 100 != price + 100


def test_opinions_carry_the_key_they_are_remembered_by():
    fitted = model().fit(["Parcel late. Staff kind", "Rude driver"] * 3)
    table = fitted.opinions_.drop_duplicates("opinion")
    by_text = dict(zip(table["opinion"], table["opinion_key"], strict=True))
    assert len(by_text) == 3
    for text in ("Staff kind", "Rude driver"):
        assert by_text[text] == opinion_key(text)


def test_a_codebook_theme_is_never_given_a_remembered_opinion():
    first = model().fit(WEEK_1)
    anchors, memory = memory_of(first)
    anchors["seen"] = True
    anchors.loc[0, "seen"] = False  # as a codebook theme no run has matched, its examples
    anchors.at[0, "centroid"] = np.eye(256)[0]  # unlike any of these comments
    second = model().fit(WEEK_1, anchors=anchors, remembered=memory)
    held = second.themes_.dropna(subset=["anchor_id"])
    assert 100 not in set(held["anchor_id"])  # its opinions were not pinned into it
    assert "opinions kept their remembered theme" in second.method_


def test_a_run_with_few_remembered_opinions_keeps_the_rule_before():
    first = model().fit(WEEK_1)
    anchors, memory = memory_of(first)
    few = memory.head(3)
    forgetful = model().fit(WEEK_1 + NEW, anchors=anchors)
    scarce = model().fit(WEEK_1 + NEW, anchors=anchors, remembered=few)
    assert scarce.labels_.tolist() == forgetful.labels_.tolist()
    assert "3 opinions kept their remembered theme" in scarce.method_


@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_a_quantile_outside_0_1_is_a_clear_error(value):
    with pytest.raises(InvalidParameterError, match="new_opinion_quantile"):
        ThemeModel(new_opinion_quantile=value).fit(["a comment", "another one"])
