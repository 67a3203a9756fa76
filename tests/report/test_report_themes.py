"""The report's themes.csv and assignments.csv use the same ids and names as findings.csv."""

from dataclasses import replace

from passives_lib import load_config
from passives_lib.pipeline._findings_run import run_findings
from passives_lib.report._build import window_theme_run
from passives_lib.themes._model import ThemeModel
from tests.conftest import SAMPLE
from tests.tiny_embedding import TinyEncoder


def test_theme_files_follow_the_registry_ids(tmp_path):
    config = load_config(SAMPLE / "config.yml")
    config = replace(config, plan=replace(config.plan, ledger=str(tmp_path / "l.sqlite")))
    survey = SAMPLE / "survey.csv"
    run_findings(survey, config, "2026-W45", model=ThemeModel(embedding_model=TinyEncoder()))
    run = run_findings(survey, config, "2026-W46", model=ThemeModel(embedding_model=TinyEncoder()))
    themes = window_theme_run(run)
    found = dict(zip(run.findings["theme_id"], run.findings["label"], strict=True))
    listed = themes.themes[themes.themes["theme_id"] >= 0]
    assert dict(zip(listed["theme_id"], listed["label"], strict=True)) == found
    themed = themes.assignments[themes.assignments["theme_id"] >= 0]
    assert (themed["theme_label"] == themed["theme_id"].map(found)).all()
    by_respondent = run.window.set_index("respondent_id")["theme_id"]
    assert (
        themes.assignments.set_index("respondent_id")["theme_id"]
        == by_respondent.reindex(themes.assignments["respondent_id"])
    ).all()
