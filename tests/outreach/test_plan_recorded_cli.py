"""`passives plan` on a week already recorded, `--replan`, and two plans started at once.

Through the command line on the generated sample (``--no-themes``: no model needed), on
SQLite and on a real PostgreSQL server (``tests/store/conftest.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import yaml

from passives_lib.cli import main
from passives_lib.store import ContactLedger
from tests.conftest import SAMPLE
from tests.store.conftest import Store

REPO = Path(__file__).resolve().parents[2]
LISTS = ("call_list", "management_sample", "panel_invites", "incentives_due")
CAPS = {"capacity": 12, "management_capacity": 50, "panel_size": 8, "incentive_capacity": 6}


def team_config(tmp_path: Path, ledger: str) -> Path:
    config = yaml.safe_load((SAMPLE / "config.yml").read_text())
    config["plan"] = config.get("plan", {}) | CAPS | {"ledger": ledger}
    path = tmp_path / "config.yml"
    path.write_text(yaml.safe_dump(config))
    return path


def plan(capsys, config: Path, out: Path, week: str, *extra: str) -> str:
    capsys.readouterr()
    argv = ["plan", str(SAMPLE / "survey.csv"), "--config", str(config), "--out", str(out)]
    status = main([*argv, "--week", week, "--no-themes", *extra])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured.out


def lists(folder: Path) -> dict[str, set[str]]:
    return {
        name: set(pd.read_csv(folder / f"{name}.csv", dtype=str)["respondent_id"].dropna())
        for name in LISTS
    }


def test_planning_a_recorded_week_again_records_nothing_new(store: Store, tmp_path, capsys):
    config = team_config(tmp_path, str(store.location))
    first = plan(capsys, config, tmp_path / "first", "2026-W46")
    assert "new assignment(s) recorded" in first
    before = lists(tmp_path / "first")
    declines = sorted(before["call_list"])[:5]
    outcomes = tmp_path / "outcomes.csv"
    outcomes.write_text(
        "respondent_id,status,date\n" + "".join(f"{who},declined,2026-11-10\n" for who in declines)
    )
    assert main(["contacts", "import", str(outcomes), "--config", str(config)]) == 0
    with ContactLedger(store.location) as ledger:
        recorded = len(ledger.assignments())
    again = plan(capsys, config, tmp_path / "again", "2026-W46")
    assert "2026-W46 was planned before" in again and ": 0 new assignment(s)" in again
    assert lists(tmp_path / "again") == before  # what was recorded, nothing new
    with ContactLedger(store.location) as ledger:
        assert len(ledger.assignments()) == recorded
    # --replan: the five declines stay (worked), the untouched are replaced, caps hold
    replanned = plan(capsys, config, tmp_path / "replan", "2026-W46", "--replan")
    assert "2026-W46 re-planned" in replanned
    after = lists(tmp_path / "replan")
    assert set(declines) <= after["call_list"]
    assert len(after["call_list"]) <= CAPS["capacity"]
    assert len(after["panel_invites"]) <= CAPS["panel_size"]
    assert len(after["incentives_due"]) <= CAPS["incentive_capacity"]
    with ContactLedger(store.location) as ledger:
        week = ledger.assignments()
    week = week[week["week"] == "2026-W46"]
    for name in LISTS:
        assert set(week.loc[week["list"] == name, "respondent_id"]) == after[name], name
    assert not week["respondent_id"].duplicated().any()


def test_two_plans_started_together_never_book_one_person_twice(store: Store, tmp_path):
    config = team_config(tmp_path, str(store.location))
    ContactLedger(store.location).close()  # the schema exists before the race
    env = os.environ | {"PYTHONPATH": str(REPO)}
    command = "from passives_lib.cli import main; raise SystemExit(main())"
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                command,
                "plan",
                str(SAMPLE / "survey.csv"),
                "--config",
                str(config),
                "--out",
                str(tmp_path / week),
                "--week",
                week,
                "--no-themes",
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for week in ("2026-W45", "2026-W46")
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    with ContactLedger(store.location) as ledger:
        recorded = ledger.assignments()
    contact = recorded[recorded["list"] != "incentives_due"]
    both = contact.groupby("respondent_id")["week"].nunique()
    assert (both == 1).all(), sorted(both[both > 1].index)
    for week in ("2026-W45", "2026-W46"):  # the files say what the ledger holds
        mine = recorded[recorded["week"] == week]
        written = lists(tmp_path / week)
        for name in LISTS:
            assert set(mine.loc[mine["list"] == name, "respondent_id"]) == written[name]
