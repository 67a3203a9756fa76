"""What the worklist shows: the report's themes and the week's pool; the ledger must exist."""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets
import pytest

from passives_lib import load_config, run_weekly
from passives_lib.core._errors import InputError, LedgerError
from passives_lib.outreach import PassivesExplorer
from passives_lib.pipeline import (
    LedgerWorklist,
    check_ledger,
    explorer_page,
    load_worklist,
    worklist_author,
)
from passives_lib.store import ContactLedger
from passives_lib.themes._model import ThemeModel
from tests.conftest import SAMPLE
from tests.tiny_embedding import TinyEncoder


@pytest.fixture
def config(tmp_path):
    config = load_config(SAMPLE / "config.yml")
    return replace(config, plan=replace(config.plan, ledger=str(tmp_path / "ledger.sqlite")))


def tiny() -> ThemeModel:
    return ThemeModel(embedding_model=TinyEncoder())


def test_an_unknown_ledger_is_an_error_and_no_ledger_is_made(config, tmp_path):
    with pytest.raises(LedgerError, match=r"expected a contact ledger at .*ledger\.sqlite"):
        load_worklist(SAMPLE / "survey.csv", config, with_themes=False)
    with pytest.raises(LedgerError, match="found no file there"):
        LedgerWorklist(config.plan.ledger, "ana")
    assert not (tmp_path / "ledger.sqlite").exists()
    check_ledger("postgresql+psycopg://cx@db/cx")  # a URL is checked when it is opened


@pytest.mark.slow  # two fits of the sample (about a minute)
def test_the_worklist_has_the_reports_theme_ids_and_names(config):
    ContactLedger(config.plan.ledger).close()
    report = run_weekly(SAMPLE / "survey.csv", config, "2026-W46", model=tiny())  # records
    run = load_worklist(SAMPLE / "survey.csv", config, "2026-W46", model=tiny())
    assert run.week == "2026-W46"
    reported = report.findings.themes.set_index("theme_id")["label"]
    shown = run.themes.dropna(subset=["theme_id"]).set_index("theme_id")["theme_label"]
    shown = shown[~shown.index.duplicated() & (shown.index >= 0)]
    assert (shown == reported.reindex(shown.index)).all() and len(shown) > 2
    assert run.theme_table["label"].tolist() == report.findings.themes["label"].tolist()


def test_the_explorer_shows_the_weeks_pool_not_every_week(config):
    ContactLedger(config.plan.ledger).close()
    run = load_worklist(SAMPLE / "survey.csv", config, "2026-W46", with_themes=False)
    explorer = PassivesExplorer(run.responses, settings=config.plan, week=run.week)
    weeks = sorted(explorer.passives_["iso_week"].unique())
    assert weeks == ["2026-W43", "2026-W44", "2026-W45", "2026-W46"]  # backlog_weeks: 4
    every = run.responses[run.responses["category"] == "passive"]["iso_week"].nunique()
    assert every > 4
    planned = run_weekly(
        SAMPLE / "survey.csv", config, "2026-W46", model=tiny(), registry=None
    ).plan.plan.pool
    proposable = set(explorer.passives_.loc[explorer.passives_["proposable"], "respondent_id"])
    # The plan's pool is in the worklist; the worklist proposes only from it (an export's
    # "responded" may be planned again, the worklist shows them under "everyone").
    assert set(planned["respondent_id"]) <= set(explorer.passives_["respondent_id"])
    assert proposable <= set(planned["respondent_id"]) and len(proposable) > 10


def test_notes_are_recorded_with_their_author(config):
    ContactLedger(config.plan.ledger).close()
    ledger = LedgerWorklist(config.plan.ledger, " ana ")
    ledger.record("R1", "contacted", "left a voicemail")
    events = ledger.history().events
    assert events[["respondent_id", "note", "source", "author"]].values.tolist() == [
        ["R1", "left a voicemail", "explorer", "ana"]
    ]
    with pytest.raises(LedgerError, match="who records notes"):
        LedgerWorklist(config.plan.ledger, " ")


def test_the_author_is_the_signed_in_user_then_the_option_then_the_login(monkeypatch):
    monkeypatch.setenv("PASSIVES_USER", "ben")
    assert worklist_author("ana") == "ben"
    monkeypatch.delenv("PASSIVES_USER")
    assert worklist_author("ana") == "ana"
    monkeypatch.setattr("getpass.getuser", lambda: "login-name")
    assert worklist_author(None) == "login-name"


def test_the_page_is_the_explorer_or_one_error_line_without_log_lines(config, tmp_path, capsys):
    config_path = tmp_path / "config.yml"
    config_path.write_text(f"plan:\n  ledger: {tmp_path / 'missing.sqlite'}\n")
    page = explorer_page(SAMPLE / "survey.csv", config_path, with_themes=False, user="ana")
    assert isinstance(page, widgets.HTML)
    assert page.value.startswith("error: expected a contact ledger at")
    assert not (tmp_path / "missing.sqlite").exists()
    ContactLedger(tmp_path / "ledger.sqlite").close()
    config_path.write_text(
        (SAMPLE / "config.yml")
        .read_text()
        .replace("../../reports/sample/ledger.sqlite", str(tmp_path / "ledger.sqlite"))
    )
    page = explorer_page(SAMPLE / "survey.csv", config_path, with_themes=False, user="ana")
    assert isinstance(page, widgets.VBox)
    assert "saved as ana" in page.children[0].value and "Week 2026-W" in page.children[0].value
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_an_undated_survey_shows_every_passive_and_refuses_a_week(config, write_export):
    ContactLedger(config.plan.ledger).close()
    path = write_export("respondent_id,score,comment\nA,8,fine\nB,7,slow\nC,10,great\n")
    run = load_worklist(path, replace(config, columns={}), with_themes=False)
    assert run.week is None and run.themes is None
    explorer = PassivesExplorer(run.responses, settings=config.plan, week=run.week)
    assert sorted(explorer.passives_["respondent_id"]) == ["A", "B"]
    assert explorer.header.value.startswith("All weeks: 2 passive(s)")
    with pytest.raises(InputError, match="no week 2026-W01"):
        load_worklist(path, replace(config, columns={}), "2026-W01", with_themes=False)
