"""The theme registry: stable ids across weekly runs, renames and merges.

Every test taking ``store`` (or ``registry``, ``known``) runs on SQLite and on PostgreSQL.
Recording, storage beside the ledger and sizes are in ``test_theme_registry_storage.py``.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from passives_lib.store.registry._registry import (
    MatchSettings,
    RegistryError,
    ThemeRegistry,
)
from tests.store.conftest import Store
from tests.store.registry_runs import (
    APP,
    DELIVERY,
    DIM,
    PRICE,
    STAFF,
    W1,
    W2,
    W3,
    axis,
    first_week,
    ids,
    run_of,
    tilt,
)

# -- matching ---------------------------------------------------------------------------------


def test_first_run_all_new_with_ids_1_to_k(registry: ThemeRegistry) -> None:
    themes, centroids = first_week()
    other = pd.DataFrame([{"theme_id": -1, "label": "other", "keywords": [], "size": 3}])
    result = registry.assign(W1, pd.concat([themes, other]), centroids)

    assert list(result.columns) == [
        "theme_id",
        "stable_id",
        "name",
        "label",
        "is_new",
        "similarity",
    ]
    assert ids(result) == {0: 1, 1: 2, 2: 3}
    assert result["is_new"].tolist() == [True, True, True]
    assert result["similarity"].isna().all()
    assert result["name"].tolist() == result["label"].tolist() == themes["label"].tolist()
    table = registry.themes()
    assert table["stable_id"].tolist() == [1, 2, 3]
    assert table["keywords"].tolist() == [DELIVERY, PRICE, STAFF]
    assert set(table["first_seen"]) == set(table["last_seen"]) == {W1}
    assert table["merged_into"].isna().all()


def test_perturbed_and_renumbered_themes_keep_their_ids(known: ThemeRegistry) -> None:
    # Run-local ids shuffled; every centroid moved to cosine 0.95; new labels.
    themes, centroids = run_of(
        (0, tilt(4, 5, 0.95), STAFF[::-1]),
        (1, tilt(0, 1, 0.95), DELIVERY[:2] + ["late"]),
        (2, tilt(2, 3, 0.95), PRICE),
    )
    result = known.assign(W2, themes, centroids)

    assert ids(result) == {0: 3, 1: 1, 2: 2}
    assert not result["is_new"].any()
    assert result["similarity"].to_numpy() == pytest.approx([0.95] * 3, abs=1e-6)
    by_id = result.set_index("stable_id")
    assert by_id.loc[1, "name"] == "delivery / courier / parcel"  # the first label
    assert by_id.loc[1, "label"] == "delivery / courier / late"  # this run's
    table = known.themes().set_index("stable_id")
    assert table.loc[1, "keywords"] == ["delivery", "courier", "late"]  # latest
    assert table.loc[1, "label"] == "delivery / courier / parcel"
    assert (table["first_seen"] == W1).all() and (table["last_seen"] == W2).all()


def test_a_genuinely_new_theme_gets_a_new_id(known: ThemeRegistry) -> None:
    themes, centroids = run_of(
        (0, tilt(0, 1, 0.95), DELIVERY), (1, axis(6), APP), (2, tilt(2, 3, 0.95), PRICE)
    )
    result = known.assign(W2, themes, centroids).set_index("theme_id")

    assert result.loc[1, "stable_id"] == 4
    assert result.loc[1, "is_new"]
    assert math.isnan(result.loc[1, "similarity"])
    assert result.loc[1, "name"] == "app / login / crash"
    assert result["is_new"].tolist() == [False, True, False]
    table = known.themes().set_index("stable_id")
    assert table.loc[4, "first_seen"] == W2
    assert table.loc[3, "last_seen"] == W1  # staff was not seen this week


def test_matching_is_one_to_one_and_the_better_pair_wins(known: ThemeRegistry) -> None:
    # Both close to delivery (1); the closer one comes second, so first-come would be wrong.
    themes, centroids = run_of((0, tilt(0, 1, 0.85), DELIVERY), (1, tilt(0, 3, 0.95), DELIVERY))
    result = known.assign(W2, themes, centroids, record=False).set_index("theme_id")

    assert result.loc[1, "stable_id"] == 1 and not result.loc[1, "is_new"]
    assert result.loc[0, "stable_id"] == 4 and result.loc[0, "is_new"]


def test_greedy_order_is_the_combined_score_not_the_cosine(known: ThemeRegistry) -> None:
    # Theme 0: cosine 0.80, no shared keyword -> score 0.64.
    # Theme 1: cosine 0.76, same keywords    -> score 0.808: it takes delivery (1).
    themes, centroids = run_of((0, tilt(0, 1, 0.80), APP), (1, tilt(0, 3, 0.76), DELIVERY))
    result = known.assign(W2, themes, centroids, record=False)

    assert ids(result) == {0: 4, 1: 1}


def test_equal_scores_go_to_the_lower_stable_id(known: ThemeRegistry) -> None:
    between = (axis(0) + axis(2)) / math.sqrt(2)  # cosine 0.707 to delivery and to price
    themes, centroids = run_of((0, between, ["delivery", "price"]))
    result = known.assign(W2, themes, centroids, record=False)

    assert ids(result) == {0: 1}


@pytest.mark.parametrize(
    ("cosine", "keywords", "matches"),
    [
        (0.68, DELIVERY, True),  # borderline, same keywords: rescued
        (0.68, ["Delivery", " COURIER ", "Parcel"], True),  # keywords compared in lower case
        (0.68, ["delivery", "late"], True),  # jaccard 1/4 >= 0.2
        (0.68, ["delivery", "late", "slow", "box"], False),  # jaccard 1/6 < 0.2
        (0.68, APP, False),  # borderline, nothing shared
        (0.62, DELIVERY, False),  # more than 0.1 below min_similarity
        (0.76, APP, True),  # similar enough without keywords
    ],
)
def test_keyword_overlap_rescues_a_borderline_cosine(
    known: ThemeRegistry, cosine: float, keywords: list[str], matches: bool
) -> None:
    themes, centroids = run_of((0, tilt(0, 1, cosine), keywords))
    result = known.assign(W2, themes, centroids, record=False)

    assert bool(result.loc[0, "stable_id"] == 1) is matches
    assert bool(result.loc[0, "is_new"]) is not matches


def test_settings_change_the_threshold(known: ThemeRegistry) -> None:
    themes, centroids = run_of((0, tilt(0, 1, 0.85), APP))
    assert ids(known.assign(W2, themes, centroids, record=False)) == {0: 1}
    strict = MatchSettings(min_similarity=0.9)
    assert ids(known.assign(W2, themes, centroids, settings=strict, record=False)) == {0: 4}


def test_slowly_drifting_themes_keep_their_ids_over_three_weeks(
    registry: ThemeRegistry, store: Store
) -> None:
    # Each theme turns 25 degrees a week in its own plane: 0.906 from week to week, but
    # week 3 is at cosine 0.643 to week 1, too far to match without the centroid following.
    def week(step: int) -> tuple[pd.DataFrame, np.ndarray]:
        angle = math.radians(25 * step)
        return run_of(
            *[
                (k, math.cos(angle) * axis(2 * k) + math.sin(angle) * axis(2 * k + 1), [f"w{step}"])
                for k in range(3)
            ]
        )

    first = registry.assign(W1, *week(0))
    with ThemeRegistry(store.location) as only_week_one:
        assert only_week_one.assign(W3, *week(2), record=False)["is_new"].all()
    second = registry.assign(W2, *week(1))
    third = registry.assign(W3, *week(2))

    assert ids(first) == ids(second) == ids(third) == {0: 1, 1: 2, 2: 3}
    assert not second["is_new"].any() and not third["is_new"].any()
    assert registry.themes()["last_seen"].tolist() == [W3] * 3


def test_only_real_themes_count_and_an_empty_run_is_fine(known: ThemeRegistry) -> None:
    other = pd.DataFrame([{"theme_id": -1, "label": "other", "keywords": [], "size": 3}])
    result = known.assign(W2, other, np.zeros((0, DIM)))

    assert result.empty
    assert list(result.columns) == [
        "theme_id",
        "stable_id",
        "name",
        "label",
        "is_new",
        "similarity",
    ]


# -- the analyst's edits ------------------------------------------------------------------------


def test_a_rename_holds_in_later_runs(known: ThemeRegistry, store: Store) -> None:
    known.rename(1, "  Delivery updates ")
    themes, centroids = run_of((0, tilt(0, 1, 0.95), ["parcel"]), (1, tilt(2, 3, 0.95), PRICE))
    result = known.assign(W2, themes, centroids).set_index("stable_id")

    assert result.loc[1, "name"] == "Delivery updates"
    assert result.loc[1, "label"] == "parcel"
    assert result.loc[2, "name"] == "price / expensive / discount"
    with ThemeRegistry(store.location) as reopened:
        table = reopened.themes().set_index("stable_id")
        later = reopened.assign(W3, themes, centroids)
    assert table.loc[1, "name"] == "Delivery updates"
    assert table.loc[1, "label"] == "parcel"  # the first label that is not a keyword list
    assert later.set_index("stable_id").loc[1, "name"] == "Delivery updates"


def test_after_a_merge_the_absorbed_theme_resolves_to_the_survivor(known: ThemeRegistry) -> None:
    known.rename(1, "Delivery")
    known.merge(1, 2)  # price merged into delivery
    themes, centroids = run_of((0, tilt(2, 3, 0.95), PRICE), (1, tilt(4, 5, 0.95), STAFF))
    result = known.assign(W2, themes, centroids).set_index("theme_id")

    assert result.loc[0, "stable_id"] == 1
    assert result.loc[0, "name"] == "Delivery"
    assert not result.loc[0, "is_new"]
    assert result.loc[0, "similarity"] == pytest.approx(0.95, abs=1e-6)
    assert result.loc[1, "stable_id"] == 3
    assert known.resolve(2) == 1 and known.resolve(1) == 1
    table = known.themes().set_index("stable_id")
    assert table.loc[2, "merged_into"] == 1 and pd.isna(table.loc[1, "merged_into"])


def test_merged_themes_each_still_match_their_own_cluster(known: ThemeRegistry) -> None:
    known.merge(1, 2)
    themes, centroids = run_of((0, axis(0), DELIVERY), (1, axis(2), PRICE))
    result = known.assign(W2, themes, centroids)

    assert ids(result) == {0: 1, 1: 1}  # the analyst said they are one theme
    assert not result["is_new"].any()


def test_merges_follow_chains(known: ThemeRegistry) -> None:
    known.merge(1, 2)
    known.merge(3, 1)
    known.rename(3, "Service")
    themes, centroids = run_of((0, axis(2), PRICE))

    assert known.resolve(2) == 3
    result = known.assign(W2, themes, centroids)
    assert ids(result) == {0: 3}
    assert result.loc[0, "name"] == "Service"


@pytest.mark.parametrize(
    ("keep", "absorb", "message"),
    [
        (1, 1, "cannot merge theme 1 into itself"),
        (9, 1, "no theme has stable id 9"),
        (1, 9, "no theme has stable id 9"),
        (3, 2, "theme 2 is already merged into theme 1"),
        (2, 3, "theme 2 is already merged into theme 1"),
    ],
)
def test_bad_merges_are_refused(known: ThemeRegistry, keep: int, absorb: int, message: str):
    known.merge(1, 2)
    with pytest.raises(RegistryError, match=re.escape(message)):
        known.merge(keep, absorb)
    assert known.resolve(3) == 3 and known.resolve(2) == 1


def test_bad_renames_are_refused(known: ThemeRegistry) -> None:
    with pytest.raises(RegistryError, match="no theme has stable id 7"):
        known.rename(7, "Anything")
    with pytest.raises(RegistryError, match="non-blank"):
        known.rename(1, "   ")
    known.merge(1, 2)
    with pytest.raises(RegistryError, match="merged into theme 1; rename theme 1 instead"):
        known.rename(2, "Prices")
    with pytest.raises(RegistryError, match="no theme has stable id 7"):
        known.resolve(7)
    assert known.themes()["name"].tolist() == [
        "delivery / courier / parcel",
        "price / expensive / discount",
        "staff / friendly / helpful",
    ]
