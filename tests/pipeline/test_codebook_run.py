"""The config's codebook seeds the theme registry on the first recorded run (fast encoder)."""

from __future__ import annotations

import numpy as np

from passives_lib import run_weekly
from passives_lib.config import config_from_dict
from passives_lib.pipeline import respondent_themes, run_themes
from passives_lib.pipeline._codebook_run import codebook_anchors
from passives_lib.store.registry._registry import ThemeRegistry
from passives_lib.survey import load_survey
from passives_lib.themes import ThemeModel, codebook_centroids, phrase_vectors
from tests.tiny_embedding import TinyEncoder

ENGINEER = "engineer did not turn up"
CODEBOOK = [
    {"name": ENGINEER, "examples": ["the engineer never came", "engineer never turned up"]},
    {"name": "prices went up", "examples": ["the price went up again"]},
]


def survey(tmp_path, dated=True):
    comments = [
        "the engineer never came to the house",
        "engineer never came, waited all day",
        "the engineer never turned up at all",
        "great value for the price",
        "good price and great value",
        "the app is easy to use",
        "easy to use app, very simple",
    ]
    rows = ["respondent_id,score,comment" + (",responded_at" if dated else "")]
    for i in range(84):
        day = f",2026-03-0{2 + i % 5}" if dated else ""
        rows.append(f'r{i},{i % 11},"{comments[i % len(comments)]} {i}"{day}')
    path = tmp_path / "survey.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def config(tmp_path, codebook=CODEBOOK, dated=True):
    names = ("respondent_id", "score", "comment") + (("responded_at",) if dated else ())
    columns = {c: c for c in names}
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
    assert "seeded with the codebook's 2 themes (ids 1-2); codebook themes found" in notes
    with ThemeRegistry(settings.plan.ledger) as registry:
        table = registry.themes().set_index("stable_id")
    assert table.loc[1, "name"] == ENGINEER and table.loc[2, "name"] == "prices went up"
    with ThemeRegistry(settings.plan.ledger) as registry:
        tones = registry.anchors("2026-W10").set_index("anchor_id")["polarity"]
    assert tones[1] == "complaint"  # the tone of its examples, from the start
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


def test_a_dry_run_seeds_nothing_but_shows_the_codebook_themes(tmp_path):
    settings = config(tmp_path)
    run = run_weekly(
        survey(tmp_path), settings, "2026-W10", plan=False, model=model(), record_themes=False
    )
    assert not (tmp_path / "ledger.sqlite").exists()
    assert ENGINEER in set(run.findings.findings["label"])
    window = run.findings.window
    engineer = window.loc[window["comment"].str.contains("engineer"), "theme_id"]
    assert set(run.findings.themes.set_index("theme_id").loc[list(set(engineer)), "label"]) == {
        ENGINEER
    }
    assert (
        "codebook: its 2 theme(s) anchor this run's themes, not recorded (this run records no "
        "themes); codebook themes found in the comments: 'engineer did not turn up'; not "
        "found: 'prices went up'" in run.findings.notes
    )


def test_an_undated_survey_uses_the_codebook_without_a_registry(tmp_path):
    settings = config(tmp_path, dated=False)
    run = run_weekly(survey(tmp_path, dated=False), settings, None, plan=False, model=model())
    assert run.findings.week == "undated"
    assert ENGINEER in set(run.findings.findings["label"])
    assert any("(no response dates, so no theme registry)" in n for n in run.findings.notes)
    assert not (tmp_path / "ledger.sqlite").exists()


def test_a_later_recorded_run_says_nothing_of_the_codebook(tmp_path):
    path, settings = survey(tmp_path), config(tmp_path)
    run_weekly(path, settings, "2026-W10", plan=False, model=model())
    again = run_weekly(path, settings, "2026-W11", plan=False, model=model())
    assert not any(
        n.startswith(("codebook", "theme registry seeded")) for n in again.findings.notes
    )


def test_a_plan_on_an_empty_registry_uses_the_codebook_and_says_so(tmp_path):
    settings = config(tmp_path)
    responses = load_survey(survey(tmp_path), settings).responses
    themes, notes = respondent_themes(responses, model(), settings, "2026-W10")
    assert ENGINEER in set(themes["theme_label"])
    assert (
        "codebook: its 2 theme(s) anchor this run's themes, not recorded (no theme registry in "
        "this run); codebook themes found in the comments: 'engineer did not turn up'; not "
        "found: 'prices went up'" in notes[0]
    )
    assert not (tmp_path / "ledger.sqlite").exists()


def test_a_codebook_theme_listed_after_the_registry_held_themes_is_said_unused(tmp_path):
    path = survey(tmp_path)
    run_weekly(path, config(tmp_path), "2026-W10", plan=False, model=model())
    later = [*CODEBOOK, {"name": "app crashes", "examples": ["the app crashes"]}]
    again = run_weekly(path, config(tmp_path, later), "2026-W11", plan=False, model=model())
    notes = [n for n in again.findings.notes if n.startswith("codebook")]
    assert notes == [
        "codebook: 'app crashes' not used: the theme registry held themes before they were "
        "listed, and a codebook seeds only an empty one (`passives themes rename` gives a "
        "theme that name)"
    ]


def test_themes_of_a_file_use_the_codebook(tmp_path):
    run = run_themes(survey(tmp_path), config(tmp_path), model=model())
    assert ENGINEER in set(run.themes["label"])
    assert (
        "codebook: its 2 theme(s) anchor these themes (no registry); codebook themes found in "
        "the comments: 'engineer did not turn up'; not found: 'prices went up'" in run.notes
    )


def test_the_codebook_anchors_are_its_themes_known_only_by_their_examples() -> None:
    settings = config_from_dict({"themes": {"codebook": CODEBOOK}})
    anchors = codebook_anchors(model(), settings.themes.codebook)
    assert anchors["anchor_id"].tolist() == [1, 2]
    assert anchors["name"].tolist() == [ENGINEER, "prices went up"]
    assert anchors["polarity"].tolist() == ["complaint", None]  # "went up" says no tone
    assert anchors["seen"].tolist() == [False, False]
    assert anchors["phrases"].tolist() == [
        [entry["name"], *entry["examples"]] for entry in CODEBOOK
    ]
    assert np.allclose(
        np.stack(anchors["centroid"]),
        codebook_centroids(model(), [entry["examples"] for entry in CODEBOOK]),
    )
    assert codebook_anchors(model(), ()).empty


def test_phrase_vectors_are_the_encoders_unit_vectors() -> None:
    encoder = TinyEncoder()
    vectors = phrase_vectors(ThemeModel(embedding_model=encoder), ["late parcel", "rude staff"])
    expected = encoder.encode(["late parcel", "rude staff"]).astype(float)
    assert np.allclose(vectors, expected / np.linalg.norm(expected, axis=1, keepdims=True))
    assert phrase_vectors(ThemeModel(embedding_model=encoder), []).shape == (0, 0)
