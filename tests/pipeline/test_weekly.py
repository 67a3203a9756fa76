"""run_weekly: one load, one fit, stable ids once; findings, plan and files from the same run."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from passives_lib import load_config, run_weekly, write_weekly
from passives_lib.themes._model import ThemeModel
from tests.conftest import SAMPLE
from tests.tiny_embedding import TinyEncoder


class CountingModel(ThemeModel):
    """The real theme model, counting how often it is fitted."""

    fits = 0

    def fit(self, *args, **kwargs):
        type(self).fits += 1
        return super().fit(*args, **kwargs)


@pytest.fixture
def config(tmp_path):
    config = load_config(SAMPLE / "config.yml")
    return replace(config, plan=replace(config.plan, ledger=str(tmp_path / "ledger.sqlite")))


def test_one_fit_gives_findings_and_plan_the_same_themes(config):
    CountingModel.fits = 0
    run = run_weekly(
        SAMPLE / "survey.csv",
        config,
        "2026-W46",
        model=CountingModel(embedding_model=TinyEncoder()),
    )
    assert CountingModel.fits == 1
    assert run.week == "2026-W46" and run.dated
    assert run.plan is not None and run.no_plan_reason is None
    window_themes = run.findings.window.set_index("respondent_id")["theme_id"]
    planned = run.plan.themes.set_index("respondent_id")["theme_id"]
    assert (planned == window_themes.reindex(planned.index)).all()
    assert set(run.findings.findings["theme_id"]) <= set(window_themes)


def test_plan_false_plans_nothing(config):
    run = run_weekly(
        SAMPLE / "survey.csv",
        config,
        plan=False,
        model=ThemeModel(embedding_model=TinyEncoder()),
    )
    assert run.plan is None and run.no_plan_reason is None


def test_an_undated_survey_has_findings_and_says_why_there_is_no_plan(tmp_path, config):
    config = replace(config, columns={})
    survey = tmp_path / "undated.csv"
    rows = ["respondent_id,score,comment"] + [
        f"r{i},{i % 11},{'slow delivery' if i % 2 else 'great staff'} {i}" for i in range(40)
    ]
    survey.write_text("\n".join(rows) + "\n", encoding="utf-8")
    run = run_weekly(survey, config, model=ThemeModel(embedding_model=TinyEncoder()))
    assert not run.dated and run.week == "undated"
    assert run.plan is None and "no response dates" in run.no_plan_reason


def test_theme_files_follow_the_registry_ids(config, tmp_path):
    survey = SAMPLE / "survey.csv"
    run_weekly(
        survey, config, "2026-W45", plan=False, model=ThemeModel(embedding_model=TinyEncoder())
    )
    run = run_weekly(
        survey, config, "2026-W46", plan=False, model=ThemeModel(embedding_model=TinyEncoder())
    )
    themes = run.theme_run()
    found = dict(
        zip(run.findings.findings["theme_id"], run.findings.findings["label"], strict=True)
    )
    listed = themes.themes[themes.themes["theme_id"] >= 0]
    assert dict(zip(listed["theme_id"], listed["label"], strict=True)) == found
    themed = themes.assignments[themes.assignments["theme_id"] >= 0]
    assert (themed["theme_label"] == themed["theme_id"].map(found)).all()
    by_respondent = run.findings.window.set_index("respondent_id")["theme_id"]
    assert (
        themes.assignments.set_index("respondent_id")["theme_id"]
        == by_respondent.reindex(themes.assignments["respondent_id"])
    ).all()


def test_write_weekly_writes_every_output_once(config, tmp_path):
    run = run_weekly(
        SAMPLE / "survey.csv", config, "2026-W46", model=ThemeModel(embedding_model=TinyEncoder())
    )
    written = write_weekly(run, tmp_path / "out")
    expected = {
        "rejected",
        "themes",
        "assignments",
        "findings",
        "quick_wins",
        "call_list",
        "management_sample",
        "panel_invites",
        "incentives_due",
        "backlog",
        "excluded",
    }
    assert expected <= set(written)
    assignments = pd.read_csv(written["assignments"])
    assert len(assignments) == len(run.findings.window)
    call_list = pd.read_csv(written["call_list"], dtype={"respondent_id": str})
    assert list(call_list["respondent_id"]) == list(run.plan.plan.call_list["respondent_id"])
    as_text = pd.read_csv(written["call_list"], dtype=str)["theme_id"].dropna()
    assert as_text.str.fullmatch(r"-?\d+").all()  # whole numbers, never "5.0"
    briefs = run.plan.briefs["call_list"]
    assert list(call_list["call_brief"]) == [brief.one_line() for brief in briefs]
    # a real theme is named in the brief; "other" (-1) and a non-answer (-2) are no theme
    themed = call_list["theme_label"].notna() & (pd.to_numeric(call_list["theme_id"]) >= 0)
    assert themed.any()
    assert all(
        label in brief
        for label, brief in zip(
            call_list.loc[themed, "theme_label"], call_list.loc[themed, "call_brief"], strict=True
        )
    )
    soft = pd.read_csv(written["soft_promoters"])
    assert set(soft["nps_score"]) <= {9, 10}
    assert not set(soft["respondent_id"]) & set(call_list["respondent_id"])
