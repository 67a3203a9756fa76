"""The stability bench reads an NPS export of one's own as the pipeline reads it."""

import pytest

from bench._stability_data import survey_export
from bench.theme_stability import config_for, main


def write_export(folder):
    export = folder / "my_export.csv"
    export.write_text(
        "Customer,Recommend,Why\n"
        "c1,10,Livraison rapide\n"
        "c2,3,Trop cher\n"
        "c3,7,\n"  # no comment: not themed
        "c4,8,Bon accueil mais attente en caisse\n"
        "c5,eleven,Bad score\n",  # rejected by the loader, as in a weekly run
        encoding="utf-8",
    )
    config = folder / "config.yml"
    config.write_text(
        "columns: {respondent_id: Customer, score: Recommend, comment: Why}\n"
        "themes: {language: fr, max_themes: 12, random_state: 5}\n",
        encoding="utf-8",
    )
    return export, config


def test_an_export_gives_its_commented_responses_and_nps_groups(tmp_path):
    export, config = write_export(tmp_path)
    data = survey_export(export, config)
    assert data.name == "my_export"
    assert data.texts == ["Livraison rapide", "Trop cher", "Bon accueil mais attente en caisse"]
    assert data.score.tolist() == [10, 3, 8]
    assert data.low.tolist() == [False, True, False]
    assert data.high.tolist() == [True, False, False]
    assert data.codes is None


def test_the_exports_theme_settings_reach_the_fits_but_not_its_seed_or_cache(tmp_path):
    export, config = write_export(tmp_path)
    data = survey_export(export, config)
    assert data.theme_settings == {"language": "fr", "max_themes": 12}
    themes = config_for(2, tmp_path / "cache", settings=data.theme_settings).themes
    assert (themes.language, themes.max_themes, themes.random_state) == ("fr", 12, 2)
    assert str(themes.cache_dir) == str(tmp_path / "cache")


def test_a_bad_export_stops_the_bench_with_the_loaders_message(tmp_path, capsys):
    export, _ = write_export(tmp_path)
    config = tmp_path / "wrong.yml"
    config.write_text("columns: {score: NoSuchColumn}\n", encoding="utf-8")
    assert main(["--export", str(export), "--config", str(config), "--no-cold"]) == 2
    err = capsys.readouterr().err
    assert "NoSuchColumn" in err and "Traceback" not in err


def test_a_missing_config_file_is_named(tmp_path, capsys):
    export, _ = write_export(tmp_path)
    assert main(["--export", str(export), "--config", str(tmp_path / "none.yml")]) == 2
    assert "none.yml" in capsys.readouterr().err


def test_unknown_sets_are_refused():
    with pytest.raises(SystemExit):
        main(["--sets", "nowhere"])
