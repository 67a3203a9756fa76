"""The theme registry remembers which theme each recorded opinion went to (issue 21).

Every test taking ``store`` runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from passives_lib.store.registry._registry import SCHEMA_VERSION, RegistryError, ThemeRegistry
from tests.conftest import REPO
from tests.store.conftest import Store
from tests.store.registry_runs import axis, run_of

W1, W2, W3, W4 = "2026-W27", "2026-W28", "2026-W29", "2026-W30"


def opinions(**themes: int) -> pd.DataFrame:
    return pd.DataFrame({"opinion_key": list(themes), "theme_id": list(themes.values())})


def remembered(registry: ThemeRegistry, week: str) -> dict[str, int]:
    table = registry.remembered(week)
    assert list(table.columns) == ["opinion_key", "anchor_id"]
    return dict(zip(table["opinion_key"], table["anchor_id"], strict=True))


def two_themes():
    return run_of((0, axis(0), ["late"]), (1, axis(2), ["kind"]))


def test_a_recorded_week_is_remembered_by_the_weeks_after_it(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:
        ids = registry.assign(W1, *two_themes(), opinions=opinions(a=0, b=1, c=-1))
        stable = dict(zip(ids["theme_id"], ids["stable_id"], strict=True))
        assert remembered(registry, W1) == {}  # nothing before the first week
        assert remembered(registry, W2) == {"a": stable[0], "b": stable[1]}  # "c": no theme


def test_the_latest_week_before_the_run_wins_and_later_weeks_play_no_part(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.assign(W1, *two_themes(), opinions=opinions(a=0, b=1))
        registry.assign(W2, *two_themes(), opinions=opinions(a=1))  # "a" moved in week 2
        registry.assign(W4, *two_themes(), opinions=opinions(a=0, b=0))
        by_id = dict(zip(registry.themes()["label"], registry.themes()["stable_id"], strict=True))
        assert remembered(registry, W3) == {"a": by_id["kind"], "b": by_id["kind"]}
        assert remembered(registry, W2) == {"a": by_id["late"], "b": by_id["kind"]}


def test_recording_a_week_again_replaces_its_memory(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.assign(W1, *two_themes(), opinions=opinions(a=0, b=1))
        registry.assign(W1, *two_themes(), opinions=opinions(b=0))
        assert remembered(registry, W2) == {"b": 1}
        registry.assign(W1, *two_themes())  # recorded again without opinions: none remembered
        assert remembered(registry, W2) == {}


def test_a_merged_theme_gives_its_opinions_to_the_theme_it_went_into(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.assign(W1, *two_themes(), opinions=opinions(a=0, b=1))
        registry.merge(2, 1)
        assert remembered(registry, W2) == {"a": 2, "b": 2}


def test_matching_without_recording_and_a_run_without_opinions_write_no_memory(
    store: Store,
) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.assign(W1, *two_themes(), opinions=opinions(a=0))
        registry.assign(W2, *two_themes(), record=False, opinions=opinions(b=1))
        registry.assign(W2, *two_themes())  # opinions not given: none recorded for W2
        assert remembered(registry, W3) == {"a": 1}  # so W1's stand


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pd.DataFrame({"opinion_key": ["a"]}), "opinion_key and theme_id"),
        ([("a", 0)], "opinion_key and theme_id"),
        (pd.DataFrame({"opinion_key": ["a", "a"], "theme_id": [0, 1]}), "one theme per"),
        (pd.DataFrame({"opinion_key": ["a", None], "theme_id": [0, 1]}), "row 1"),
        (pd.DataFrame({"opinion_key": ["a" * 65], "theme_id": [0]}), "1 to 64 characters"),
        (pd.DataFrame({"opinion_key": ["a", "b"], "theme_id": [0, np.nan]}), "int theme_id"),
    ],
)
def test_bad_opinions_are_refused_before_anything_is_written(
    store: Store, table: object, message: str
) -> None:
    with ThemeRegistry(store.location) as registry:
        with pytest.raises(RegistryError, match=message):
            registry.assign(W1, *two_themes(), opinions=table)
        assert registry.themes().empty


def test_a_version_4_registry_gets_an_empty_memory_on_upgrade(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.assign(W1, *two_themes())
    store.execute(
        "DROP TABLE theme_registry_opinions",
        "UPDATE passives_schema SET version = 4 WHERE part = 'theme_registry'",
    )
    with ThemeRegistry(store.location) as registry:
        assert registry.schema_version() == SCHEMA_VERSION == 5
        assert remembered(registry, W2) == {}
        registry.assign(W2, *two_themes(), opinions=opinions(a=0))
        assert remembered(registry, W3) == {"a": 1}


RECORD = """
import json, sys
import pandas as pd
from passives_lib.store.registry._registry import ThemeRegistry
from tests.store.registry_runs import axis, run_of
location, keys, theme = json.loads(sys.argv[1])
opinions = pd.DataFrame({"opinion_key": keys, "theme_id": [theme] * len(keys)})
with ThemeRegistry(location) as registry:
    for _ in range(5):
        registry.assign(
            "2026-W27", *run_of((0, axis(0), ["late"]), (1, axis(2), ["kind"])), opinions=opinions
        )
"""


def test_two_processes_recording_one_week_leave_the_memory_of_one_of_them(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:  # tables made before the race
        registry.assign(W1, *two_themes())
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", RECORD, json.dumps([str(store.location), keys, theme])],
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
            stderr=subprocess.PIPE,
            text=True,
        )
        for keys, theme in ((["a", "b", "c"], 0), (["d", "e"], 1))
    ]
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read()
    with ThemeRegistry(store.location) as registry:
        memory = remembered(registry, W2)
    assert memory in ({"a": 1, "b": 1, "c": 1}, {"d": 2, "e": 2})  # one whole recording
