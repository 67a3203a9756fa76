"""The theme registry: recording a week, storage beside the ledger, sizes, upgrades.

Every test taking ``store`` (or ``registry``, ``known``) runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

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
from tests.store.registry_runs import (
    APP,
    DELIVERY,
    DIM,
    PRICE,
    W1,
    W2,
    W3,
    axis,
    first_week,
    ids,
    run_of,
    tilt,
)

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
        "DROP TABLE theme_registry_opinions",
        "UPDATE passives_schema SET version = 1 WHERE part = 'theme_registry'",
    )
    with ThemeRegistry(store.location) as registry:
        assert registry.schema_version() == SCHEMA_VERSION == 5
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
