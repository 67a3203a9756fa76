"""Two weeks of data/sample planned against one ledger, with CRM outcomes in between."""

from pathlib import Path

import pandas as pd
import pytest

from passives_lib import load_config
from passives_lib.cli import main
from passives_lib.config import with_settings
from passives_lib.core import InputError
from passives_lib.pipeline import import_outcomes_file
from passives_lib.pipeline._plan_run import run_plan, write_plan
from passives_lib.store.ledger._ledger import ContactLedger
from passives_lib.themes._model import ThemeModel
from tests.conftest import SAMPLE
from tests.tiny_embedding import TinyEncoder

SURVEY = SAMPLE / "survey.csv"


@pytest.fixture
def config(tmp_path):
    from dataclasses import replace

    base = with_settings(load_config(SAMPLE / "config.yml"), "plan", "test", capacity=15)
    return replace(
        base,
        plan=replace(base.plan, ledger=str(tmp_path / "ledger.sqlite"), managers=["Ana", "Ben"]),
    )


def tiny_model() -> ThemeModel:
    return ThemeModel(embedding_model=TinyEncoder())


def test_two_weeks_with_a_ledger(config, tmp_path):
    first = run_plan(SURVEY, config, "2026-W45", model=tiny_model())
    lists = first.plan.lists()
    assert len(lists["call_list"]) == 15
    assert first.recorded == sum(len(t) for t in lists.values())
    written = write_plan(first, tmp_path / "w45")
    call_list = pd.read_csv(written["call_list"])
    for column in (
        "respondent_id",
        "strategy_value",
        "strategy_score",
        "strategy_easy_fix",
        "strategy_testimonial",
        "strategy_engagement",
        "priority",
        "reason",
        "next_step",
    ):
        assert column in call_list
    assert not call_list["comment"].astype(str).str.contains("@example").any()

    again = run_plan(SURVEY, config, "2026-W45", model=tiny_model())
    assert again.recorded == 0  # idempotent
    pd.testing.assert_frame_equal(again.plan.call_list, first.plan.call_list)

    called = first.plan.call_list["respondent_id"].tolist()
    outcomes = tmp_path / "outcomes.csv"
    outcomes.write_text(
        "respondent_id,status,date\n" + "".join(f"{r},responded,2026-11-11\n" for r in called[:5])
    )
    assert import_outcomes_file(outcomes, config, config.plan.ledger) == 5
    with ContactLedger(config.plan.ledger) as ledger:
        before = ledger.events()
    broken = tmp_path / "broken.csv"
    broken.write_text(
        "respondent_id,status,date\n"
        f"{called[5]},responded,2026-11-12\n{called[6]},phoned,2026-11-12\n"
    )
    with pytest.raises(InputError, match="row 3"):
        import_outcomes_file(broken, config, config.plan.ledger)
    with ContactLedger(config.plan.ledger) as ledger:
        pd.testing.assert_frame_equal(ledger.events(), before)

    # the next week: a W45 respondent with a W46 response would be on the list again only
    # if they answered; everyone still awaiting is excluded for that reason
    second = run_plan(SURVEY, config, "2026-W46", model=tiny_model())
    excluded = second.plan.excluded.groupby("respondent_id")["reason"].agg(" | ".join)
    pool = set(second.plan.pool["respondent_id"])
    awaiting = set(called[5:]) & set(excluded.index)
    expected = ("awaiting response", "older than the 4-week backlog")
    assert [r for r in awaiting if not any(e in excluded[r] for e in expected)] == []
    assert not set(called[5:]) & pool
    assert not set(second.plan.call_list["respondent_id"]) & set(called)


def test_dry_run_records_nothing(config):
    run = run_plan(SURVEY, config, "2026-W44", dry_run=True, with_themes=False)
    assert run.recorded == 0
    assert "strategy 'easy_fix' left out: no themes were modelled" in run.plan.notes
    assert not Path(config.plan.ledger).exists()  # a dry run creates no ledger


def test_cli_plan_contacts_and_mark_fixed(tmp_path, capsys):
    ledger = str(tmp_path / "cli.sqlite")
    out = tmp_path / "plan"
    code = main(
        [
            "plan",
            str(SURVEY),
            "--config",
            str(SAMPLE / "config.yml"),
            "--out",
            str(out),
            "--ledger",
            ledger,
            "--capacity",
            "5",
            "--profile",
            "quick_fix",
            "--no-themes",
            "--week",
            "2026-W46",
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert len(pd.read_csv(out / "call_list.csv")) == 5
    assert "profile 'quick_fix'" in printed
    assert main(["themes", "mark-fixed", "5", "--date", "2026-11-20", "--ledger", ledger]) == 0
    assert (
        main(
            [
                "contacts",
                "list",
                "--awaiting",
                "--ledger",
                ledger,
                "--out",
                str(tmp_path / "state.csv"),
            ]
        )
        == 0
    )
    state = pd.read_csv(tmp_path / "state.csv")
    assert set(pd.read_csv(out / "call_list.csv")["respondent_id"]) <= set(state["respondent_id"])
    bad = tmp_path / "bad.csv"
    bad.write_text("respondent_id,status,date\nx,phoned,2026-11-20\n")
    assert main(["contacts", "import", str(bad), "--ledger", ledger]) == 2
    assert "row 2" in capsys.readouterr().err
    assert main(["plan", str(SURVEY), "--out", str(out), "--profile", "nope"]) == 2


def test_a_loaded_survey_and_fitted_themes_are_not_read_or_fitted_again(config, monkeypatch):
    from passives_lib.pipeline import _plan_run
    from passives_lib.survey._loading import load_survey

    loaded = load_survey(SURVEY, config)
    first = run_plan(SURVEY, config, "2026-W46", dry_run=True, model=tiny_model())

    def refuse(*_, **__):
        raise AssertionError("read or fitted again")

    monkeypatch.setattr(_plan_run, "load_survey", refuse)
    monkeypatch.setattr(_plan_run, "respondent_themes", refuse)
    again = run_plan(SURVEY, config, "2026-W46", dry_run=True, loaded=loaded, themes=first.themes)
    pd.testing.assert_frame_equal(again.plan.call_list, first.plan.call_list)
