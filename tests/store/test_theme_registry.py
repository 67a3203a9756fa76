"""The theme registry: stable ids across weekly runs, renames, merges, storage beside the ledger.

Every test taking ``store`` (or ``registry``, ``known``) runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from passives_lib.core._errors import PassivesError
from passives_lib.store.ledger._ledger import ContactLedger
from passives_lib.store.ledger._schema import SCHEMA_VERSION as LEDGER_SCHEMA_VERSION
from passives_lib.store.registry._registry import (
    SCHEMA_VERSION,
    MatchSettings,
    RegistryError,
    ThemeRegistry,
)
from tests.store.conftest import Store

DIM = 16
W1, W2, W3 = "2026-W27", "2026-W28", "2026-W29"

DELIVERY = ["delivery", "courier", "parcel"]
PRICE = ["price", "expensive", "discount"]
STAFF = ["staff", "friendly", "helpful"]
APP = ["app", "login", "crash"]


def axis(i: int) -> np.ndarray:
    vector = np.zeros(DIM)
    vector[i] = 1.0
    return vector


def tilt(base: int, towards: int, cosine: float) -> np.ndarray:
    """A unit vector at exactly ``cosine`` to axis ``base``, leaning towards axis ``towards``."""
    return cosine * axis(base) + math.sqrt(1.0 - cosine**2) * axis(towards)


def run_of(*themes: tuple[int, np.ndarray, list[str]]) -> tuple[pd.DataFrame, np.ndarray]:
    """A run's themes_ and centroids_ from (theme_id, centroid, keywords) triples."""
    count = max(theme_id for theme_id, _, _ in themes) + 1
    centroids = np.zeros((count, DIM))
    rows = []
    for theme_id, vector, keywords in themes:
        centroids[theme_id] = vector
        rows.append(
            {
                "theme_id": theme_id,
                "label": " / ".join(keywords) or f"theme {theme_id}",
                "keywords": list(keywords),
                "size": 10 - theme_id,
            }
        )
    return pd.DataFrame(rows), centroids


def first_week() -> tuple[pd.DataFrame, np.ndarray]:
    return run_of((0, axis(0), DELIVERY), (1, axis(2), PRICE), (2, axis(4), STAFF))


def ids(result: pd.DataFrame) -> dict[int, int]:
    return dict(zip(result["theme_id"], result["stable_id"], strict=True))


@pytest.fixture
def registry(store: Store):
    with ThemeRegistry(store.location) as opened:
        yield opened


@pytest.fixture
def known(registry: ThemeRegistry) -> ThemeRegistry:
    """A registry that has recorded week 1: delivery = 1, price = 2, staff = 3."""
    registry.assign(W1, *first_week())
    return registry


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


# -- recording ----------------------------------------------------------------------------------


def second_week() -> tuple[pd.DataFrame, np.ndarray]:
    return run_of((0, tilt(2, 3, 0.9), PRICE), (1, axis(6), APP), (2, tilt(0, 1, 0.93), DELIVERY))


def test_recording_a_week_again_changes_nothing(known: ThemeRegistry, store: Store) -> None:
    first = known.assign(W2, *second_week())
    before = store.dump()
    again = known.assign(W2, *second_week())

    pd.testing.assert_frame_equal(again, first)
    assert ids(again) == {0: 2, 1: 4, 2: 1}
    assert again["is_new"].tolist() == [False, True, False]  # still new in its own week
    assert store.dump() == before  # no duplicate, and centroids not averaged twice
    assert known.assign(W1, *first_week())["stable_id"].tolist() == [1, 2, 3]
    assert store.dump() == before


def test_recording_a_week_again_replaces_it(known: ThemeRegistry) -> None:
    known.assign(W2, *second_week())
    themes, centroids = run_of((0, tilt(2, 3, 0.9), PRICE), (1, axis(8), ["refund"]))
    result = known.assign(W2, themes, centroids)

    assert ids(result) == {0: 2, 1: 5}  # 4 (app) is not reused for an unrelated theme
    table = known.themes().set_index("stable_id")
    assert table.loc[1, "last_seen"] == W1  # delivery no longer seen in W2
    assert table.loc[4, "first_seen"] is None  # app was only seen in the replaced run


def test_record_false_writes_nothing(registry: ThemeRegistry, store: Store) -> None:
    before = store.dump()
    preview = registry.assign(W1, *first_week(), record=False)
    assert store.dump() == before
    assert registry.themes().empty

    recorded = registry.assign(W1, *first_week())
    pd.testing.assert_frame_equal(preview, recorded)
    before = store.dump()
    registry.assign(W2, *second_week(), record=False)
    assert store.dump() == before


def test_centroids_of_another_dimension_are_refused(known: ThemeRegistry, store: Store) -> None:
    before = store.dump()
    themes = pd.DataFrame([{"theme_id": 0, "label": "x", "keywords": ["x"], "size": 1}])
    for record in (True, False):
        with pytest.raises(RegistryError, match="dimension 8 .* dimension 16"):
            known.assign(W2, themes, np.eye(8)[:1], record=record)
    assert store.dump() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t, c: ("2026-27", t, c), "not an ISO week"),
        (lambda t, c: (W2, t.drop(columns="keywords"), c), "missing ['keywords']"),
        (lambda t, c: (W2, t.assign(theme_id=[0, 0, 1]), c), "must not repeat"),
        (lambda t, c: (W2, t, c[:2]), "row i for theme i"),
        (lambda t, c: (W2, t, c * np.nan), "finite and non-zero"),
        (lambda t, c: (W2, t.assign(keywords="delivery"), c), "must be a list of str"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    known: ThemeRegistry, store: Store, change, message: str
) -> None:
    before = store.dump()
    with pytest.raises(RegistryError, match=re.escape(message)):
        known.assign(*change(*first_week()))
    assert store.dump() == before


def test_match_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="'min_similarity' parameter of MatchSettings"):
        MatchSettings(min_similarity=1.5)
    with pytest.raises(ValueError, match="'centroid_weight'"):
        MatchSettings(centroid_weight=-0.1)


# -- storage ----------------------------------------------------------------------------------


def test_registry_and_contact_ledger_share_one_sqlite_file(store: Store) -> None:
    plan = pd.DataFrame({"respondent_id": ["R1", "R2"], "list": ["call_list", "call_list"]})
    with ContactLedger(store.location) as ledger:
        ledger.record_assignments(W1, plan, recorded_at=datetime(2026, 6, 29, 9))
    with ThemeRegistry(store.location) as registry:
        registry.assign(W1, *first_week())
        registry.rename(1, "Delivery")
    with ContactLedger(store.location) as ledger, ThemeRegistry(store.location) as registry:
        ledger.record_status("R1", "responded", date(2026, 7, 1))
        registry.assign(W2, *second_week())
        assert ledger.awaiting_response() == {"R2"}
        assert ledger.schema_version() == LEDGER_SCHEMA_VERSION
        assert registry.schema_version() == SCHEMA_VERSION
        assert registry.themes()["name"].tolist()[0] == "Delivery"
    tables = store.tables()
    assert {
        "passives_schema",
        "assignments",
        "theme_registry_themes",
        "theme_registry_sightings",
    } <= tables
    assert not {"ledger_meta", "theme_registry_meta"} & tables
    versions = store.execute("SELECT part, version FROM passives_schema ORDER BY part")
    assert versions == [("ledger", LEDGER_SCHEMA_VERSION), ("theme_registry", SCHEMA_VERSION)]


def test_a_registry_created_first_leaves_room_for_the_ledger(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.assign(W1, *first_week())
    plan = pd.DataFrame({"respondent_id": ["R1"], "list": ["call_list"]})
    with ContactLedger(store.location) as ledger:
        assert ledger.record_assignments(W1, plan) == 1
    with ThemeRegistry(store.url) as registry:  # a URL works as well as a path
        assert registry.themes()["stable_id"].tolist() == [1, 2, 3]


def test_centroids_are_stored_as_float32_with_their_dimension(known: ThemeRegistry, store: Store):
    [(blob, dimension)] = store.execute(
        "SELECT centroid, dimension FROM theme_registry_themes WHERE stable_id = 1"
    )
    assert dimension == DIM
    assert np.frombuffer(blob, dtype="<f4").tolist() == axis(0).tolist()


def test_a_newer_schema_is_refused(store: Store) -> None:
    ThemeRegistry(store.location).close()
    store.execute("UPDATE passives_schema SET version = 99 WHERE part = 'theme_registry'")
    with pytest.raises(RegistryError, match="schema version 99, newer"):
        ThemeRegistry(store.location)


def test_a_closed_registry_refuses_to_work(store: Store) -> None:
    registry = ThemeRegistry(store.location)
    registry.close()
    with pytest.raises(PassivesError, match="closed"):
        registry.themes()
    if store.kind == "sqlite":
        with pytest.raises(RegistryError, match="is a folder"):
            ThemeRegistry(store.location.parent)


def test_registry_has_themes_looks_without_creating(store: Store):
    from passives_lib.store.registry._registry import registry_has_themes

    assert not registry_has_themes(store.location) and not store.tables()
    with ThemeRegistry(store.location):
        pass
    assert not registry_has_themes(store.location)  # tables, no theme yet
    themes = pd.DataFrame({"theme_id": [0], "label": ["a"], "keywords": [["a"]], "size": [1]})
    with ThemeRegistry(store.location) as registry:
        registry.assign("2026-W45", themes, np.eye(1, 4))
    assert registry_has_themes(store.location)
    assert registry_has_themes(store.url)


# -- sizes --------------------------------------------------------------------------------


def test_latest_size_counts_the_latest_recorded_week(known: ThemeRegistry) -> None:
    assert known.latest_size(1) == (W1, 10)  # theme 0 of week 1: 10 comments
    known.assign(W2, *second_week())  # delivery is theme 2 (8 comments), price theme 0 (10)
    assert known.latest_size(1) == (W2, 8)
    assert known.latest_size(3) == (W1, 8)  # staff was not seen again
    known.merge(1, 2)
    assert known.latest_size(2) == known.latest_size(1) == (W2, 18)
    with pytest.raises(RegistryError, match="no theme has stable id 99"):
        known.latest_size(99)


def test_a_theme_recorded_again_without_it_has_no_latest_size(registry: ThemeRegistry) -> None:
    registry.assign(W1, *run_of((0, axis(0), DELIVERY)))
    registry.assign(W1, *run_of((0, axis(2), PRICE)))  # week 1 again: delivery is gone
    assert registry.latest_size(1) is None
    assert registry.latest_size(2) == (W1, 10)


def test_a_version_1_registry_is_upgraded_and_keeps_its_history(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.assign(W1, *first_week())
    store.execute(
        "ALTER TABLE theme_registry_sightings DROP COLUMN size",
        "ALTER TABLE theme_registry_themes DROP COLUMN polarity",
        "UPDATE passives_schema SET version = 1 WHERE part = 'theme_registry'",
    )
    with ThemeRegistry(store.location) as registry:
        assert registry.schema_version() == SCHEMA_VERSION == 4
        assert registry.latest_size(1) == (W1, None)  # recorded before sizes were
        assert registry.assign(W2, *second_week())["stable_id"].tolist() == [2, 4, 1]
        assert registry.latest_size(1) == (W2, 8)


def test_a_keyword_label_gives_way_to_the_first_phrase_then_stays(known: ThemeRegistry) -> None:
    # week 1 was labelled with keyword lists, as theme models before phrase names did
    assert known.themes().set_index("stable_id").at[1, "name"] == "delivery / courier / parcel"
    themes, centroids = first_week()
    themes["label"] = ["parcel arrived late", "prices went up", "staff were helpful"]
    again = known.assign(W2, themes, centroids)
    assert again["name"].tolist() == ["parcel arrived late", "prices went up", "staff were helpful"]
    themes["label"] = ["courier never came", "too expensive now", "friendly staff"]
    later = known.assign(W3, themes, centroids)
    assert later["name"].tolist() == ["parcel arrived late", "prices went up", "staff were helpful"]
    assert known.themes()["label"].tolist()[:3] == later["name"].tolist()
    known.rename(1, "Late parcels")  # the analyst's name wins over any label
    assert known.assign(W3, themes, centroids)["name"].tolist()[0] == "Late parcels"
