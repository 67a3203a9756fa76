"""Weekly theme runs on one registry remember each opinion's theme (issue 21).

:func:`passives_lib.pipeline.stable_themes` records, with a week's themes, the theme of every
opinion; :func:`passives_lib.pipeline.fit_themes` gives the next week's model that memory, so
unchanged opinions keep their theme by identity and a subject first raised that week becomes a
theme of its own.
"""

from __future__ import annotations

import numpy as np

from passives_lib import ThemeModel
from passives_lib.pipeline import fit_themes, stable_themes
from passives_lib.store import ThemeRegistry
from tests.themes.test_opinion_memory import NEW, WEEK_1
from tests.tiny_embedding import TinyEncoder


def model() -> ThemeModel:
    return ThemeModel(embedding_model=TinyEncoder(), language="en", min_themes=2)


def remembered(location: str, week: str) -> dict[str, int]:
    with ThemeRegistry(location) as registry:
        table = registry.remembered(week)
    return dict(zip(table["opinion_key"], table["anchor_id"], strict=True))


def test_a_recorded_week_remembers_its_opinions_and_the_next_one_uses_them(tmp_path):
    location = str(tmp_path / "ledger.sqlite")
    first = fit_themes(model(), WEEK_1, "2026-W01", location)
    themes_1, _, _ = stable_themes(first, "2026-W01", location, record=True)
    stable = dict(zip(themes_1["run_theme_id"], themes_1["theme_id"], strict=True))
    opinions = first.opinions_.drop_duplicates("opinion_key")
    expected = {
        key: stable[theme]
        for key, theme in zip(opinions["opinion_key"], opinions["theme_id"], strict=True)
        if theme >= 0
    }
    assert remembered(location, "2026-W02") == expected and len(expected) == len(set(WEEK_1))

    second = fit_themes(model().set_params(random_state=9), WEEK_1 + NEW, "2026-W02", location)
    assert f"{len(expected)} opinions kept their remembered theme" in second.method_
    themes_2, labels_2, note = stable_themes(second, "2026-W02", location, record=True)
    assert "1 new this week" in note
    new_ids = set(themes_2.loc[themes_2["is_new"], "theme_id"])
    assert set(np.asarray(labels_2)[len(WEEK_1) :]) <= new_ids and new_ids
    assert np.array_equal(np.asarray(labels_2)[: len(WEEK_1)], first_labels(themes_1, first))


def first_labels(themes: object, fitted: ThemeModel) -> np.ndarray:
    stable = dict(zip(themes["run_theme_id"], themes["theme_id"], strict=True))
    return np.array([stable.get(k, k) for k in fitted.labels_.tolist()])


def test_a_run_that_records_nothing_leaves_the_memory_as_it_was(tmp_path):
    location = str(tmp_path / "ledger.sqlite")
    first = fit_themes(model(), WEEK_1, "2026-W01", location)
    stable_themes(first, "2026-W01", location, record=True)
    before = remembered(location, "2026-W03")
    dry = fit_themes(model(), WEEK_1 + NEW, "2026-W02", location)
    stable_themes(dry, "2026-W02", location, record=False)
    assert remembered(location, "2026-W03") == before
