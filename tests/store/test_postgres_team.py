"""A team on one PostgreSQL ledger: several processes at once, and weeks of planning.

End to end through the CLI and the pipeline on data/sample, so marked ``integration``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from passives_lib import load_config
from passives_lib.cli import main
from passives_lib.config import with_settings
from passives_lib.pipeline import import_outcomes_file
from passives_lib.pipeline._plan_run import run_plan
from passives_lib.store.ledger._ledger import ContactLedger
from tests.conftest import REPO, SAMPLE
from tests.store.conftest import new_database
from tests.store.postgres import PASSWORD

pytestmark = pytest.mark.integration

SURVEY = SAMPLE / "survey.csv"
CLI = (  # one process: each list of arguments in turn; exit with the worst status
    "import json, sys; from passives_lib.cli import main; "
    "sys.exit(max(main(args) for args in json.loads(sys.argv[1])))"
)
WEEK = "2026-W46"


def ledger_rows(location: str) -> tuple[list, list]:
    """Assignments and events, without the times the runs were made at, sorted."""
    with ContactLedger(location) as ledger:
        assigned = ledger.assignments().drop(columns="recorded_at")
        events = ledger.events()
    return (
        sorted(map(tuple, assigned.astype(object).itertuples(index=False))),
        sorted(map(tuple, events.astype(object).itertuples(index=False)), key=repr),
    )


def promoter_ids() -> list[str]:
    """Promoters of the sample: known respondents that no passive plan ever lists."""
    survey = pd.read_csv(SURVEY, dtype=str)
    scores = pd.to_numeric(survey["score"], errors="coerce")
    return survey.loc[scores >= 9, "respondent_id"].drop_duplicates().head(21).tolist()


def outcomes(tmp_path: Path, i: int) -> Path:
    """Analyst i's CRM export: rows of their own, and one row all four exports share.

    The rows are about promoters of the survey, so they are known ids (an unknown id is
    refused) and no order of the four processes changes the week's plan of passives.
    """
    ids = promoter_ids()
    path = tmp_path / f"outcomes_{i}.csv"
    path.write_text(
        "respondent_id,status,date,note\n"
        + "".join(f"{ids[5 * i + k]},responded,2026-11-1{k},call {k}\n" for k in range(5))
        + f"{ids[20]},declined,2026-11-12,everyone exported it\n"
    )
    return path


def analyst(tmp_path: Path, url: str, i: int) -> list[list[str]]:
    """One analyst's turn: plan the week, then import their outcomes (two CLI calls)."""
    plan = [
        "plan",
        str(SURVEY),
        "--config",
        str(SAMPLE / "config.yml"),
        "--no-themes",
        "--week",
        WEEK,
        "--ledger",
        url,
        "--out",
        str(tmp_path / f"plan_{i}"),
    ]
    imported = ["contacts", "import", str(outcomes(tmp_path, i)), "--survey", str(SURVEY)]
    return [plan, [*imported, "--config", str(SAMPLE / "config.yml"), "--ledger", url]]


def test_four_processes_at_once_leave_the_rows_of_one_after_another(
    tmp_path, postgres_server, capsys
):
    together, in_turn = new_database(postgres_server), new_database(postgres_server)
    (tmp_path / "in_turn").mkdir()
    (tmp_path / "together").mkdir()
    for i in range(4):  # one after another
        for args in analyst(tmp_path / "in_turn", in_turn, i):
            assert main(args) == 0, capsys.readouterr().err
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    runs = [  # at once
        subprocess.Popen(
            [sys.executable, "-c", CLI, json.dumps(analyst(tmp_path / "together", together, i))],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(4)
    ]
    results = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, results, strict=True):
        assert run.returncode == 0, err
        assert PASSWORD not in out + err
    assert ledger_rows(together) == ledger_rows(in_turn)
    assignments, events = ledger_rows(together)
    assert len(events) == 4 * 5 + 1  # the shared row once
    assert len({(a[0], a[1], a[2]) for a in assignments}) == len(assignments) > 15
    call_lists = {
        (tmp_path / "together" / f"plan_{i}" / "call_list.csv").read_text() for i in range(4)
    }
    assert len(call_lists) == 1  # every process planned the same week the same way


def week_loop(location: str, tmp_path: Path) -> list[list[str]]:
    """Plan four weeks; after each, the first three called answer. The call lists."""
    base = with_settings(load_config(SAMPLE / "config.yml"), "plan", "test", capacity=15)
    config = replace(base, plan=replace(base.plan, ledger=location, managers=["Ana", "Ben"]))
    called: list[list[str]] = []
    for week in ("2026-W44", "2026-W45", "2026-W46", "2026-W47"):
        run = run_plan(SURVEY, config, week, with_themes=False)
        again = run_plan(SURVEY, config, week, with_themes=False)
        assert again.recorded == 0  # re-planning a week is idempotent
        pd.testing.assert_frame_equal(again.plan.call_list, run.plan.call_list)
        ids = run.plan.call_list["respondent_id"].tolist()
        with ContactLedger(location) as ledger:
            awaiting = ledger.awaiting_response()
        answers = tmp_path / f"{week}.csv"
        answers.write_text(
            "respondent_id,status,date\n"
            + "".join(f"{r},responded,{week[:4]}-12-01\n" for r in ids[:3])
        )
        assert import_outcomes_file(answers, config, location) == len(ids[:3])
        for earlier in called:  # never contacted twice before they answered
            assert not (set(earlier[3:]) & set(ids))
        assert set(ids) <= awaiting
        called.append(ids)
    return called


def test_weeks_of_planning_give_the_same_ledger_on_postgresql_as_on_sqlite(
    tmp_path, postgres_url: str
):
    (tmp_path / "pg").mkdir()
    (tmp_path / "lite").mkdir()
    on_postgres = week_loop(postgres_url, tmp_path / "pg")
    on_sqlite = week_loop(str(tmp_path / "lite" / "ledger.sqlite"), tmp_path / "lite")
    assert on_postgres == on_sqlite
    assert ledger_rows(postgres_url) == ledger_rows(str(tmp_path / "lite" / "ledger.sqlite"))
