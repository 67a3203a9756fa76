"""The theme registry remembers each theme's polarity, and never matches praise to complaint.

Every test taking ``store`` runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import numpy as np
import pytest

from passives_lib.store.registry._registry import SCHEMA_VERSION, RegistryError, ThemeRegistry
from tests.store.conftest import Store
from tests.store.test_theme_registry import axis, run_of, tilt

W1, W2, W3 = "2026-W27", "2026-W28", "2026-W29"


def toned(*themes: tuple[int, np.ndarray, list[str], str | None]):
    frame, centroids = run_of(*[(k, v, w) for k, v, w, _ in themes])
    frame["polarity"] = [p for *_, p in themes]
    return frame, centroids


def test_polarity_is_stored_once_and_given_with_the_anchors(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.assign(
            W1, *toned((0, axis(0), ["late"], "complaint"), (1, axis(2), ["kind"], "praise"))
        )
        # week 2: the same themes, one of them now leaning another way, keeps its first tone
        registry.assign(
            W2, *toned((0, axis(0), ["late"], "suggestion"), (1, axis(2), ["kind"], "praise"))
        )
        anchors = registry.anchors(W3)
    assert anchors["polarity"].tolist() == ["complaint", "praise"]
    assert list(anchors.columns) == ["anchor_id", "name", "centroid", "polarity", "seen", "phrases"]
    assert anchors["seen"].tolist() == [True, True]


def test_a_praise_theme_never_takes_the_id_of_a_complaint_theme(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.assign(W1, *toned((0, axis(0), ["delivery"], "complaint")))
        same_subject = toned((0, tilt(0, 1, 0.95), ["delivery"], "praise"))
        assert registry.assign(W2, *same_subject)["is_new"].tolist() == [True]
        same_tone = toned((0, tilt(0, 1, 0.95), ["delivery"], "suggestion"))
        assert registry.assign(W3, *same_tone)["stable_id"].tolist() == [1]


def test_a_theme_without_polarity_matches_any_and_a_codebook_theme_takes_its_first(
    store: Store,
) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.seed(["late parcels"], [["parcel came late"]], axis(0)[None, :])
        assert registry.anchors(W1)["polarity"].tolist() == [None]
        assert registry.anchors(W1)["seen"].tolist() == [False]  # known by its examples only
        assert registry.anchors(W1)["phrases"].tolist() == [["late parcels", "parcel came late"]]
        registry.assign(W1, *toned((0, axis(0), ["late"], "complaint")))
        assert registry.anchors(W2)["polarity"].tolist() == ["complaint"]
        assert registry.anchors(W2)["seen"].tolist() == [True]
        assert registry.anchors(W1)["seen"].tolist() == [False]  # not before its first week
        untold, centroids = run_of((0, axis(0), ["late"]))  # no polarity column at all
        assert registry.assign(W2, untold, centroids)["stable_id"].tolist() == [1]


def test_a_codebook_theme_keeps_the_tone_of_its_examples(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.seed(
            ["late parcels", "kind drivers"],
            [["parcel came late"], ["the driver was kind"]],
            np.stack([axis(0), axis(2)]),
            ["complaint", None],
        )
        assert registry.anchors(W1)["polarity"].tolist() == ["complaint", None]
        registry.assign(
            W1, *toned((0, axis(0), ["late"], "suggestion"), (1, axis(2), ["kind"], "praise"))
        )
        assert registry.anchors(W2)["polarity"].tolist() == ["complaint", "praise"]


def test_a_codebook_theme_is_seen_once_a_theme_merged_into_it_was(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.seed(["late parcels"], [["parcel came late"]], axis(0)[None, :], ["complaint"])
        registry.assign(W1, *toned((0, axis(2), ["late"], "complaint")))  # a theme of its own
        assert registry.anchors(W2).set_index("anchor_id")["seen"].to_dict() == {1: False, 2: True}
        registry.merge(1, 2)  # the analyst: that theme is the codebook's
        anchors = registry.anchors(W2)
    assert anchors["anchor_id"].tolist() == [1] and anchors["seen"].tolist() == [True]


def test_a_codebook_polarity_must_be_known(store: Store) -> None:
    with ThemeRegistry(store.location) as registry, pytest.raises(RegistryError, match="polarity"):
        registry.seed(["late parcels"], [["parcel came late"]], axis(0)[None, :], ["angry"])


def test_an_unknown_polarity_is_refused(store: Store) -> None:
    with ThemeRegistry(store.location) as registry, pytest.raises(RegistryError, match="polarity"):
        registry.assign(W1, *toned((0, axis(0), ["late"], "angry")))


def test_a_version_3_registry_gets_the_column_empty(store: Store) -> None:
    with ThemeRegistry(store.location) as registry:
        registry.assign(W1, *toned((0, axis(0), ["late"], "complaint")))
    store.execute(
        "ALTER TABLE theme_registry_themes DROP COLUMN polarity",
        "DROP TABLE theme_registry_opinions",
        "UPDATE passives_schema SET version = 3 WHERE part = 'theme_registry'",
    )
    with ThemeRegistry(store.location) as registry:
        registry.assign(W2, *toned((0, axis(0), ["late"], "praise")))  # matched: no tone known
        assert registry.schema_version() == SCHEMA_VERSION == 5
        assert registry.anchors(W3)["polarity"].tolist() == ["praise"]
