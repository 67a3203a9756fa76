"""The theme registry never holds two themes with one name (issue 21, item 5).

Every test taking ``store`` (or ``registry``) runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from passives_lib.store.registry._names import Named, distinguished, name_key, unique_names
from passives_lib.store.registry._registry import SCHEMA_VERSION, RegistryError, ThemeRegistry
from tests.store.conftest import Store
from tests.store.test_theme_registry import DIM, axis, tilt

W1, W2, W3 = "2026-W27", "2026-W28", "2026-W29"
SUPPORT = "support was fantastic"


def run(*themes: tuple[int, np.ndarray, str, list[str]]) -> tuple[pd.DataFrame, np.ndarray]:
    """A run's themes_ and centroids_ from (theme_id, centroid, label, keywords)."""
    centroids = np.zeros((max(t[0] for t in themes) + 1, DIM))
    rows = []
    for theme_id, vector, label, keywords in themes:
        centroids[theme_id] = vector
        rows.append({"theme_id": theme_id, "label": label, "keywords": keywords, "size": 5})
    return pd.DataFrame(rows), centroids


def keys(names: list[str]) -> set[str]:
    return {name_key(n) for n in names}


def test_two_new_themes_of_one_label_get_distinguishing_words(registry: ThemeRegistry) -> None:
    themes, centroids = run(
        (0, axis(0), SUPPORT, ["support", "fantastic", "staff"]),
        (1, axis(2), "Support was fantastic", ["support", "billing", "invoice"]),
    )
    preview = registry.assign(W1, themes, centroids, record=False)
    result = registry.assign(W1, themes, centroids)

    assert result["name"].tolist() == [SUPPORT, "Support was fantastic (billing)"]
    pd.testing.assert_frame_equal(preview, result)  # a dry run shows the names it would give
    table = registry.themes()
    assert len(keys(table["name"].tolist())) == len(table) == 2


def test_a_later_theme_that_clashes_keeps_its_distinct_name(registry: ThemeRegistry) -> None:
    registry.assign(W1, *run((0, axis(0), SUPPORT, ["support", "staff"])))
    # The case: another cluster in a later week is labelled with the same phrase.
    week2 = run(
        (0, tilt(0, 1, 0.95), SUPPORT, ["support", "staff"]),
        (1, axis(4), SUPPORT, ["support", "helpline"]),
    )
    second = registry.assign(W2, *week2).set_index("stable_id")
    assert second["name"].to_dict() == {1: SUPPORT, 2: "support was fantastic (helpline)"}

    # Later weeks keep the name even when the keywords change.
    week3 = run(
        (0, tilt(0, 1, 0.95), SUPPORT, ["support"]),
        (1, tilt(4, 5, 0.95), SUPPORT, ["support", "phone", "queue"]),
    )
    third = registry.assign(W3, *week3).set_index("stable_id")
    assert third["name"].to_dict() == {1: SUPPORT, 2: "support was fantastic (helpline)"}
    assert registry.themes()["name"].tolist() == [SUPPORT, "support was fantastic (helpline)"]


def test_a_clash_with_a_merged_theme_is_told_apart(registry: ThemeRegistry) -> None:
    registry.assign(W1, *run((0, axis(0), "slow delivery", ["slow"]), (1, axis(2), "late", [])))
    registry.merge(2, 1)  # "slow delivery" is now part of "late"
    result = registry.assign(W2, *run((0, axis(6), "slow delivery", ["courier"])))

    assert result["name"].tolist() == ["slow delivery (courier)"]
    names = registry.themes()["name"].tolist()
    assert len(keys(names)) == len(names) == 3


def test_a_rename_to_another_themes_name_is_refused(registry: ThemeRegistry) -> None:
    registry.assign(W1, *run((0, axis(0), "price", ["price"]), (1, axis(2), "delivery", [])))
    with pytest.raises(RegistryError, match=r"'PRICE', the name of theme 1: .*themes merge 1 2"):
        registry.rename(2, " PRICE ")
    registry.rename(2, "Delivery")  # its own name, other case: fine
    registry.rename(1, "prices went up")
    registry.rename(2, "price")  # free again
    assert registry.themes()["name"].tolist() == ["prices went up", "price"]


def test_an_analysts_name_wins_a_clash_with_a_new_label(registry: ThemeRegistry) -> None:
    registry.assign(W1, *run((0, axis(0), "the app", ["app"])))
    registry.rename(1, "login fails")
    result = registry.assign(W2, *run((0, axis(0), "x", ["app"]), (1, axis(4), "Login fails", [])))

    assert result["name"].tolist() == ["login fails", "Login fails (2)"]


def test_an_old_registry_with_duplicate_names_is_repaired_on_upgrade(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.assign(
            W1,
            *run(
                (0, axis(0), SUPPORT, ["support", "staff"]),
                (1, axis(2), "placeholder", ["support", "billing"]),
                (2, axis(4), "other", ["queue"]),
            ),
        )
    # What a version 2 registry could hold: two themes called "support was fantastic".
    store.execute(
        f"UPDATE theme_registry_themes SET label = '{SUPPORT}' WHERE stable_id = 2",
        f"UPDATE theme_registry_sightings SET label = '{SUPPORT}' WHERE stable_id = 2",
        "UPDATE passives_schema SET version = 2 WHERE part = 'theme_registry'",
        "ALTER TABLE theme_registry_themes DROP COLUMN polarity",
        "DROP TABLE theme_registry_opinions",
    )
    with ThemeRegistry(store.location) as registry:
        assert registry.schema_version() == SCHEMA_VERSION == 5
        names = registry.themes()["name"].tolist()
    assert names == [SUPPORT, "support was fantastic (billing)", "other"]
    stored = store.execute("SELECT stable_id, name FROM theme_registry_themes ORDER BY 1")
    assert [tuple(row) for row in stored] == [
        (1, None),
        (2, "support was fantastic (billing)"),
        (3, None),
    ]


def test_unique_names_serves_analysts_first_then_by_id() -> None:
    names = unique_names(
        [
            Named(5, None, "Price", ["price", "fees"]),
            Named(2, None, "price", ["price"]),
            Named(9, "price", "whatever", []),
        ]
    )
    assert names == {9: "price", 2: "price (2)", 5: "Price (fees)"}
    assert len(keys(list(names.values()))) == 3


def test_distinguished_keeps_names_within_the_length_limit() -> None:
    long = "x" * 255
    name = distinguished(long, ["billing"], {name_key(long)}, set())
    assert len(name) <= 255 and name.endswith("(billing)")
