"""Themes anchored in the registry's known themes, week after week (issue 21)."""

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from passives_lib import ThemeModel
from passives_lib.core import InvalidParameterError
from passives_lib.pipeline import fit_themes, stable_themes
from passives_lib.store import ThemeRegistry
from tests.tiny_embedding import TinyEncoder

WEEK_1 = [
    "The staff were lovely and kind",
    "Lovely staff, very kind",
    "Waited far too long for the parcel",
    "The parcel arrived late",
    "Parcel late again",
    "Price went up again, too expensive",
    "Too expensive this year",
] * 5
NEW = ["The app crashes at login", "App crashes every login", "Login crashes the app"] * 4


def model() -> ThemeModel:
    return ThemeModel(embedding_model=TinyEncoder(), language="en", min_themes=2)


def test_anchored_opinions_keep_the_known_theme_and_its_name():
    first = model().fit(WEEK_1)
    anchors = pd.DataFrame(
        {
            "anchor_id": np.arange(first.n_themes_) + 100,
            "name": [f"known {k}" for k in range(first.n_themes_)],
            "centroid": list(first.centroids_),
        }
    )
    second = model().fit(WEEK_1 + NEW, anchors=anchors)
    known = second.themes_.dropna(subset=["anchor_id"])
    by_anchor = dict(zip(known["theme_id"], known["anchor_id"] - 100, strict=True))
    old = [by_anchor.get(k, -9) for k in second.labels_[: len(WEEK_1)]]
    assert old == first.labels_.tolist()  # every unchanged comment keeps its theme
    assert set(known["label"]) <= {f"known {k}" for k in range(first.n_themes_)}
    assert "anchored in" in second.method_
    new_rows = second.labels_[len(WEEK_1) :]
    assert (new_rows >= 0).all() and not set(new_rows) & set(by_anchor)  # a new theme


def test_bad_anchors_are_a_clear_error():
    with pytest.raises(InvalidParameterError, match="lack the column"):
        model().fit(WEEK_1, anchors=pd.DataFrame({"anchor_id": [1]}))
    wrong = pd.DataFrame({"anchor_id": [1], "name": ["x"], "centroid": [np.ones(3)]})
    with pytest.raises(InvalidParameterError, match="finite vector"):
        model().fit(WEEK_1, anchors=wrong)


def test_two_weeks_on_one_registry_keep_ids_and_names():
    with tempfile.TemporaryDirectory() as folder:
        location = str(Path(folder) / "ledger.sqlite")
        first = fit_themes(model(), WEEK_1, "2026-W01", location)
        _, labels_1, _ = stable_themes(first, "2026-W01", location, record=True)
        with ThemeRegistry(location) as registry:
            anchors = registry.anchors("2026-W02")
            assert len(anchors) == first.n_themes_
            assert registry.anchors("2026-W01").empty  # nothing known before week 1
        second = fit_themes(model().set_params(random_state=9), WEEK_1 + NEW, "2026-W02", location)
        themes_2, labels_2, note = stable_themes(second, "2026-W02", location, record=True)
        assert np.array_equal(np.asarray(labels_2)[: len(WEEK_1)], np.asarray(labels_1))
        assert "1 new this week" in note
        assert themes_2.loc[themes_2["theme_id"] >= 0, "label"].str.lower().is_unique
