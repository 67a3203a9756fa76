"""Hostile cases of issue 25 (exports, results, the terminal, the ledger, published files).

Each gives one ``error:`` line and exit 2, or the right answer. Every command runs in-process
(``tests.hostile.harness.run_cli``); a traceback or another exit status fails the test.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from passives_lib.config import load_config
from passives_lib.core import write_csv
from passives_lib.survey import load_survey, weekly_nps
from tests.conftest import SAMPLE
from tests.hostile.harness import assert_refused, run_cli, write

SURVEY = SAMPLE / "survey.csv"


# --- reading exports ------------------------------------------------------------------------


def test_an_xlsx_true_in_the_score_column_is_refused_and_1_stays_1(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["respondent_id", "score", "comment", "responded_at"])
    rows = [("a", True), ("b", 1), ("c", 7), ("d", 1.0), ("e", False), ("f", 0)]
    for rid, score in rows:
        sheet.append([rid, score, "fine", "2026-10-01"])
    book.save(tmp_path / "export.xlsx")
    loaded = load_survey(tmp_path / "export.xlsx")
    scores = dict(zip(loaded.responses["respondent_id"], loaded.responses["score"], strict=True))
    assert scores == {"b": 1, "c": 7, "d": 1, "f": 0}
    refused = loaded.rejected.set_index("respondent_id")["value"].to_dict()
    assert refused == {"a": "TRUE", "e": "FALSE"}


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-le", b""),  # listed: UTF-16-LE without a BOM
        ("utf-16-be", b""),
        ("utf-32-le", b""),  # listed: UTF-32
        ("utf-32-be", b""),
        ("utf-32-le", b"\xff\xfe\x00\x00"),
        ("utf-32-be", b"\x00\x00\xfe\xff"),
    ],
)
def test_wide_encodings_are_decoded(tmp_path, encoding, bom):
    text = (
        "respondent_id,score,comment,responded_at\n"
        "R1,7,Café trop cher,2026-10-01\nR2,9,très bien,2026-10-02\nR3,3,slow,2026-10-03\n"
    )
    path = tmp_path / "export.csv"
    path.write_bytes(bom + text.encode(encoding))
    loaded = load_survey(path)
    assert loaded.rows_accepted == 3 and not len(loaded.rejected)
    assert loaded.responses["comment"].tolist() == ["Café trop cher", "très bien", "slow"]


def test_outcomes_and_fixes_in_the_future_are_refused(tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    plan = ["plan", str(SURVEY), "--out", str(tmp_path / "p"), "--no-themes"]
    assert run_cli("plan", [*plan, "--ledger", str(ledger)]).status == 0
    someone = pd.read_csv(tmp_path / "p" / "call_list.csv")["respondent_id"].iloc[0]
    tomorrow_but_one = date.today() + timedelta(days=3)
    for when in ("2031-01-05", tomorrow_but_one.isoformat()):
        outcomes = write(
            tmp_path / "o.csv", f"respondent_id,status,date\n{someone},responded,{when}\n"
        )
        outcome = run_cli("import", ["contacts", "import", str(outcomes), "--ledger", str(ledger)])
        assert_refused(outcome, "row 2", "'date'", when, "in the future", "nothing was imported")
    ancient = write(
        tmp_path / "a.csv", f"respondent_id,status,date\n{someone},responded,1500-01-05\n"
    )
    outcome = run_cli("import", ["contacts", "import", str(ancient), "--ledger", str(ledger)])
    assert_refused(outcome, "'1500-01-05' cannot be read as a date from 1900")  # variant
    today = write(
        tmp_path / "t.csv",
        f"respondent_id,status,date\n{someone},responded,{date.today().isoformat()}\n",
    )
    assert (
        run_cli("import", ["contacts", "import", str(today), "--ledger", str(ledger)]).status == 0
    )
    for when in ("2099-01-01", tomorrow_but_one.isoformat()):
        argv = ["themes", "mark-fixed", "1", "--date", when, "--ledger", str(ledger)]
        assert_refused(run_cli("mark-fixed", argv), "--date", when, "cannot be after today")
    argv = ["themes", "mark-fixed", "1", "--date", "1000-01-01", "--ledger", str(ledger)]
    assert_refused(run_cli("mark-fixed", argv), "--date", "from 1900 on")  # variant
    argv = [
        "themes",
        "mark-fixed",
        "1",
        "--date",
        date.today().isoformat(),
        "--ledger",
        str(ledger),
    ]
    assert run_cli("mark-fixed", argv).status == 0


# --- results --------------------------------------------------------------------------------


def _week(week: str, scores: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"iso_week": week, "score": scores})


def test_a_change_is_significant_only_between_weeks_with_enough_responses():
    def frame(*weeks: pd.DataFrame) -> pd.DataFrame:
        return pd.concat(weeks, ignore_index=True)  # nps_table classifies the scores

    many_low, many_high = [0, 3, 6, 7, 8] * 8, [9, 10, 9, 10, 8] * 8
    one = frame(_week("2026-W01", many_low), _week("2026-W02", [10]))
    assert not weekly_nps(one)["significant"].iloc[1]  # listed: one response in a week
    before_one = frame(_week("2026-W01", [0]), _week("2026-W02", many_high))
    assert not weekly_nps(before_one)["significant"].iloc[1]  # variant: the earlier week
    both = frame(_week("2026-W01", many_low), _week("2026-W02", many_high))
    assert weekly_nps(both)["significant"].iloc[1]  # enough in both: the change is real


def test_theme_ids_are_plain_numbers_in_a_csv(tmp_path):
    frame = pd.DataFrame({"theme_ids": ["-1", "-2", "3;-1", "4"], "text": ["-1", "-2+3", "", "x"]})
    path = write_csv(frame, tmp_path / "assignments.csv")
    read = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert read["theme_ids"].tolist() == ["-1", "-2", "3;-1", "4"]
    assert read["text"].tolist() == ["-1", "'-2+3", "", "x"]  # a formula is still neutralised


# --- the terminal, the ledger, the failed notebook, the published folder --------------------


def test_control_characters_in_segment_names_are_shown_escaped(tmp_path):
    rows = [
        ("R1", "Ent\x1b[2J\x1b[31mRED"),  # listed: ANSI escapes
        ("R2", "abc\rXYZ"),  # listed: a bare carriage return
        ("R3", "\u202eevil"),  # variant: a right-to-left override
        ("R4", "bell\x07\x9b"),  # variant: BEL and a C1 control
    ]
    body = "".join(f'{rid},7,ok,2026-10-01,"{segment}"\n' for rid, segment in rows)
    path = tmp_path / "export.csv"
    path.write_bytes(("respondent_id,score,comment,responded_at,segment\n" + body).encode())
    outcome = run_cli("validate", ["validate", str(path), "--out", str(tmp_path / "v")])
    assert outcome.status == 0, outcome.output
    for raw in ("\x1b", "\r", "\u202e", "\x07", "\x9b"):
        assert raw not in outcome.output
    for escaped in ("Ent\\x1b[2J\\x1b[31mRED", "abc\\rXYZ", "\\u202eevil", "bell\\x07\\x9b"):
        assert escaped in outcome.output


def test_a_read_only_ledger_is_fine_for_a_dry_run(tmp_path, monkeypatch):
    import passives_lib.store.db._database as database

    ledger = tmp_path / "ledger.sqlite"
    argv = ["plan", str(SURVEY), "--out", str(tmp_path / "p"), "--ledger", str(ledger)]
    assert run_cli("plan", [*argv, "--no-themes"]).status == 0
    before = ledger.read_bytes()
    ledger.chmod(0o444)
    # As root the file would still open for writing: make every open of it say read-only, as
    # it is for its users, and fail the test if anything opened it to write.
    real_engine = database.create_engine

    def read_only_engine(location, *, read_only=False):
        if str(location) == str(ledger):
            assert read_only, "a dry run opened the ledger to write"
        return real_engine(location, read_only=read_only)

    monkeypatch.setattr(database, "create_engine", read_only_engine)
    import passives_lib.pipeline._plan_run as plan_run
    import passives_lib.store as store
    import passives_lib.store.db as db
    import passives_lib.store.db._engine as engine

    for module in (engine, db, store, plan_run):
        monkeypatch.setattr(module, "can_write", lambda path: False)
    outcome = run_cli("plan", [*argv, "--no-themes", "--dry-run"])
    assert outcome.status == 0, outcome.output
    assert "dry run: nothing recorded in the ledger" in outcome.output
    # The findings' theme registry lives in the same file: matched, not recorded.
    from passives_lib.pipeline import run_findings
    from tests.hostile.harness import tiny_model

    run = run_findings(
        SURVEY,
        load_config(SAMPLE / "config.yml"),
        model=tiny_model(),
        registry=str(ledger),
        record=True,
    )
    assert any("theme ids are this run's own (no registry)" in n for n in run.notes)
    assert ledger.read_bytes() == before


def test_a_truncated_failed_notebook_is_not_kept(tmp_path):
    from passives_lib.report._published import keep_failed_notebook

    executed, failed = tmp_path / "report.ipynb", tmp_path / "2026-W46.failed.ipynb"
    failed.write_text('{"cells": []}', encoding="utf-8")  # an older failure of the week
    executed.write_text('{"cells": [{"cell_type": "code", "sou', encoding="utf-8")
    assert keep_failed_notebook(executed, failed) is None
    assert not executed.exists() and not failed.exists()
    executed.write_text('{"cells": []}', encoding="utf-8")
    assert keep_failed_notebook(executed, failed) == failed and failed.is_file()


def test_a_disk_full_during_the_notebook_leaves_no_invalid_notebook(tmp_path, monkeypatch):
    import errno

    import passives_lib.report._run as run

    def disk_full(notebook, executed, *args, **kwargs):
        executed.write_text('{"cells": [{"cell_type": "co', encoding="utf-8")  # cut short
        raise OSError(errno.ENOSPC, "No space left on device", str(executed))

    monkeypatch.setattr(run, "_execute", disk_full)
    out = tmp_path / "reports"
    argv = ["report", str(SURVEY), "--out", str(out), "--week", "2026-W46"]
    assert_refused(run_cli("report", argv), "No space left on device")
    assert not list(out.glob("*.ipynb")) and not list(out.glob("2026-W46"))


def test_no_machine_path_is_left_in_the_published_json(tmp_path):
    from passives_lib.report._published import hide_machine_paths

    home = str(Path.home())
    building = tmp_path / "reports" / ".report-building-x"
    building.mkdir(parents=True)
    survey, ledger = tmp_path / "in" / "survey.csv", tmp_path / "db" / "ledger.sqlite"
    summary = {
        "parameters": {
            "input_path": str(survey),
            "ledger": str(ledger),
            "output_dir": "2026-W46",
            "cache": f"{home}/.cache/passives",
        }
    }
    (building / "report.json").write_text(json.dumps(summary), encoding="utf-8")
    notebook = {
        "cells": [{"source": [f'input_path = "{survey}"\n', f'ledger = "{ledger}"']}],
        "metadata": {"papermill": {"output_path": str(building / "report.ipynb")}},
    }
    (building / "report.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    hide_machine_paths(building, [survey, None, "postgresql://db/x"])
    for name in ("report.json", "report.ipynb"):
        text = (building / name).read_text(encoding="utf-8")
        assert str(tmp_path) not in text and home not in text, text
    cleaned = json.loads((building / "report.json").read_text(encoding="utf-8"))["parameters"]
    assert cleaned["input_path"] == "survey.csv" and cleaned["ledger"] == "ledger.sqlite"
    assert cleaned["cache"] == "passives"
    cells = json.loads((building / "report.ipynb").read_text(encoding="utf-8"))["cells"]
    assert cells[0]["source"] == ['input_path = "survey.csv"\n', 'ledger = "ledger.sqlite"']


def test_weeks_without_spread_print_no_p_value(tmp_path):
    # variant: two weeks where everyone gave one score: no margin, so no test (was a traceback)
    rows = [f"R{i},8,ok,2026-10-0{1 + i % 3}\n" for i in range(3)]
    rows += [f"S{i},10,ok,2026-10-1{2 + i % 3}\n" for i in range(3)]
    path = write(tmp_path / "e.csv", "respondent_id,score,comment,responded_at\n" + "".join(rows))
    outcome = run_cli("validate", ["validate", str(path), "--out", str(tmp_path / "v")])
    assert outcome.status == 0, outcome.output
    assert "change +100.0 (p=n/a, not significant)" in outcome.output
