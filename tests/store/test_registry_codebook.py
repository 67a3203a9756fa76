"""An analyst's codebook seeds the theme registry; runs match it; rename and merge still work.

Every test taking ``store`` (or ``registry``) runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import numpy as np
import pytest

from passives_lib.store.registry._registry import RegistryError, ThemeRegistry
from tests.store.conftest import Store
from tests.store.test_registry_names import run
from tests.store.test_theme_registry import axis, tilt

W1, W2 = "2026-W27", "2026-W28"
NAMES = ["engineer did not turn up", "installation delayed"]
EXAMPLES = [["the engineer never came"], ["install date moved", "still not connected"]]


def test_a_seeded_theme_is_known_from_the_first_run(registry: ThemeRegistry) -> None:
    assert registry.seed(NAMES, EXAMPLES, np.stack([axis(0) * 3, axis(2)])) == [1, 2]
    table = registry.themes().set_index("stable_id")
    assert table["name"].tolist() == NAMES
    assert table.loc[2, "keywords"] == EXAMPLES[1]
    assert table["first_seen"].isna().all()  # not seen in any week yet
    assert registry.latest_size(1) is None

    result = registry.assign(
        W1, *run((0, tilt(0, 1, 0.9), "no show", ["engineer"]), (1, axis(6), "price", []))
    ).set_index("theme_id")
    assert result.loc[0, "stable_id"] == 1 and not result.loc[0, "is_new"]
    assert result.loc[0, "name"] == "engineer did not turn up"
    assert result.loc[1, "stable_id"] == 3 and result.loc[1, "is_new"]
    table = registry.themes().set_index("stable_id")
    assert table.loc[1, "first_seen"] == W1 and table.loc[1, "last_seen"] == W1
    assert registry.latest_size(1) == (W1, 5)


def test_seeding_a_registry_that_knows_themes_writes_nothing(
    registry: ThemeRegistry, store: Store
) -> None:
    registry.assign(W1, *run((0, axis(0), "price", [])))
    before = store.dump()
    assert registry.seed(NAMES, EXAMPLES, np.stack([axis(0), axis(2)])) == []
    assert store.dump() == before


def test_rename_and_merge_work_on_seeded_themes(registry: ThemeRegistry) -> None:
    registry.seed(NAMES, EXAMPLES, np.stack([axis(0), axis(2)]))
    registry.rename(2, "installation late")
    registry.merge(1, 2)
    result = registry.assign(W2, *run((0, tilt(2, 3, 0.95), "waiting", [])))
    assert result["stable_id"].tolist() == [1]
    assert result["name"].tolist() == ["engineer did not turn up"]
    with pytest.raises(RegistryError, match="name of theme 2: .*merged into theme 1"):
        registry.rename(1, "installation late")  # theme 2 (merged) goes by this name


@pytest.mark.parametrize(
    ("names", "examples", "centroids", "message"),
    [
        (NAMES, EXAMPLES[:1], np.stack([axis(0), axis(2)]), "one list of examples"),
        (["a", "A "], EXAMPLES, np.stack([axis(0), axis(2)]), "distinct codebook names"),
        (NAMES, EXAMPLES, np.stack([axis(0), np.zeros(16)]), "non-zero codebook centroids"),
        (["", "b"], EXAMPLES, np.stack([axis(0), axis(2)]), "non-blank"),
    ],
)
def test_a_bad_codebook_is_refused(registry: ThemeRegistry, names, examples, centroids, message):
    with pytest.raises(RegistryError, match=message):
        registry.seed(names, examples, centroids)
    assert registry.themes().empty
