"""The config's codebook seeds the theme registry on the first recorded run (fast encoder)."""

from __future__ import annotations

import numpy as np

from passives_lib import run_weekly
from passives_lib.config import config_from_dict
from passives_lib.store.registry._registry import ThemeRegistry
from passives_lib.themes import ThemeModel, codebook_centroids, phrase_vectors
from tests.tiny_embedding import TinyEncoder

ENGINEER = "engineer did not turn up"
CODEBOOK = [
    {"name": ENGINEER, "examples": ["the engineer never came", "engineer never turned up"]},
    {"name": "prices went up", "examples": ["the price went up again"]},
]


def survey(tmp_path):
    comments = [
        "the engineer never came to the house",
        "engineer never came, waited all day",
        "the engineer never turned up at all",
        "great value for the price",
        "good price and great value",
        "the app is easy to use",
        "easy to use app, very simple",
    ]
    rows = ["respondent_id,score,comment,responded_at"]
    for i in range(84):
        day = 2 + i % 5
        rows.append(f'r{i},{i % 11},"{comments[i % len(comments)]} {i}",2026-03-0{day}')
    path = tmp_path / "survey.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def config(tmp_path, codebook=CODEBOOK):
    columns = {c: c for c in ("respondent_id", "score", "comment", "responded_at")}
    return config_from_dict(
        {
            "columns": columns,
            "dates": "iso",
            "themes": {"codebook": codebook},
            "plan": {"ledger": str(tmp_path / "ledger.sqlite")},
        }
    )


def model() -> ThemeModel:
    return ThemeModel(embedding_model=TinyEncoder())


def test_codebook_centroids_are_the_mean_of_the_embedded_examples() -> None:
    encoder = TinyEncoder()
    centroids = codebook_centroids(
        ThemeModel(embedding_model=encoder), [["late parcel again"], ["rude staff", "slow refund"]]
    )
    vectors = encoder.encode(["late parcel again", "rude staff", "slow refund"]).astype(float)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    expected = vectors[1] + vectors[2]
    assert np.allclose(centroids[0], vectors[0])
    assert np.allclose(centroids[1], expected / np.linalg.norm(expected))


def test_the_first_recorded_run_seeds_the_registry_and_names_the_matching_theme(tmp_path):
    path, settings = survey(tmp_path), config(tmp_path)
    run = run_weekly(path, settings, "2026-W10", plan=False, model=model())
    notes = " ".join(run.findings.notes)
    assert "seeded with the codebook's 2 themes (ids 1-2)" in notes
    with ThemeRegistry(settings.plan.ledger) as registry:
        table = registry.themes().set_index("stable_id")
    assert table.loc[1, "name"] == ENGINEER and table.loc[2, "name"] == "prices went up"
    window = run.findings.window
    engineer = window[window["comment"].str.contains("engineer")]
    # A theme of engineer comments is the codebook's (the current model may split them).
    assert 1 in set(engineer["theme_id"])
    assert window.loc[window["theme_id"] == 1, "comment"].str.contains("engineer").all()
    assert set(run.findings.findings.loc[run.findings.findings["theme_id"] == 1, "label"]) == {
        ENGINEER
    }

    again = run_weekly(path, settings, "2026-W10", plan=False, model=model())
    assert "seeded" not in " ".join(again.findings.notes)  # only a first run is seeded


def test_a_dry_run_seeds_nothing(tmp_path):
    settings = config(tmp_path)
    run_weekly(
        survey(tmp_path), settings, "2026-W10", plan=False, model=model(), record_themes=False
    )
    assert not (tmp_path / "ledger.sqlite").exists()


def test_phrase_vectors_are_the_encoders_unit_vectors() -> None:
    encoder = TinyEncoder()
    vectors = phrase_vectors(ThemeModel(embedding_model=encoder), ["late parcel", "rude staff"])
    expected = encoder.encode(["late parcel", "rude staff"]).astype(float)
    assert np.allclose(vectors, expected / np.linalg.norm(expected, axis=1, keepdims=True))
    assert phrase_vectors(ThemeModel(embedding_model=encoder), []).shape == (0, 0)
