"""A CRM export of contact outcomes into the ledger (``passives contacts import``).

:func:`passives_lib.pipeline.import_outcomes_file` is the only reader of such files: every
row is checked before the ledger is touched, a bad row names its file, row and column and
nothing of the file is recorded, and a database failure half-way rolls the whole file back.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from passives_lib.config import config_from_dict
from passives_lib.core import InputError, LedgerError
from passives_lib.pipeline import import_outcomes_file
from passives_lib.store import ContactLedger

CONFIG = config_from_dict({})
KNOWN = {f"R{i}" for i in range(10)}
GOOD_EXPORT = """Respondent_ID,STATUS,Date,Note
R1,Responded,2026-07-03,liked the call
R2,no answer,2026-07-03T14:30:00,
R3,CONVERTED,2026-07-04T10:00:00+02:00,upgraded to pro

R4,contacted,2026-07-05 09:15,
"""


@pytest.fixture
def ledger(tmp_path: Path) -> str:
    return str(tmp_path / "ledger.sqlite")


def imported(path: Path, ledger: str) -> int:
    return import_outcomes_file(path, CONFIG, ledger, survey_ids=KNOWN)


def events(ledger: str) -> pd.DataFrame:
    with ContactLedger(ledger) as opened:
        return opened.events()


def test_an_export_is_recorded_with_statuses_dates_and_notes(ledger, write_export):
    assert imported(write_export(GOOD_EXPORT, "crm.csv"), ledger) == 4
    assert events(ledger).values.tolist() == [
        ["R1", "responded", pd.Timestamp("2026-07-03"), "liked the call", "import", None],
        ["R2", "no_answer", pd.Timestamp("2026-07-03 14:30"), None, "import", None],
        ["R3", "converted", pd.Timestamp("2026-07-04 08:00"), "upgraded to pro", "import", None],
        ["R4", "contacted", pd.Timestamp("2026-07-05 09:15"), None, "import", None],
    ]


def test_importing_again_adds_nothing_and_overlaps_add_only_the_new(ledger, write_export):
    path = write_export(GOOD_EXPORT, "crm.csv")
    assert import_outcomes_file(str(path), CONFIG, ledger, survey_ids=KNOWN) == 4
    before = events(ledger)
    assert imported(path, ledger) == 0
    pd.testing.assert_frame_equal(events(ledger), before)
    overlapping = write_export(
        "respondent_id;status;date\nR1;responded;2026-07-03\nR5;declined;2026-07-06\n", "b.csv"
    )
    assert imported(overlapping, ledger) == 1  # semicolons detected; R1 already known


def test_rows_repeated_within_a_file_are_recorded_once(ledger, write_export):
    path = write_export(
        "respondent_id,status,date\nR1,contacted,2026-07-01\nR1,Contacted,2026-07-01T00:00:00\n"
    )
    assert imported(path, ledger) == 1
    assert len(events(ledger)) == 1


def test_a_header_only_export_imports_nothing(ledger, write_export):
    assert imported(write_export("respondent_id,status,date\n"), ledger) == 0
    assert events(ledger).empty


def test_a_bad_row_in_the_middle_names_file_row_and_column_and_records_nothing(
    ledger, write_export
):
    with ContactLedger(ledger) as opened:
        opened.record_status("R0", "contacted", pd.Timestamp("2026-06-30"))
    before = events(ledger)
    path = write_export(
        "respondent_id,status,date\n"
        "R1,responded,2026-07-03\n"
        "R2,contacted,2026-07-03\n"
        "R3,phoned,2026-07-03\n"  # row 4
        "R4,declined,2026-07-04\n",
        "outcomes_week27.csv",
    )
    with pytest.raises(InputError) as caught:
        imported(path, ledger)
    message = str(caught.value)
    assert "outcomes_week27.csv" in message and "nothing was imported" in message
    assert "row 4" in message and "column 'status'" in message
    assert "unknown status 'phoned'" in message and "no_answer" in message
    assert (caught.value.row, caught.value.column) == (4, "status")
    pd.testing.assert_frame_equal(events(ledger), before)


def test_every_bad_row_is_listed_and_a_missing_column_named(ledger, write_export):
    path = write_export("Customer,Status,Date\nR1,responded,2026-07-03\n")
    with pytest.raises(InputError, match=r"row 1: expected columns for respondent_id") as caught:
        imported(path, ledger)
    assert caught.value.row == 1
    path = write_export(
        "respondent_id,status,date\n"
        ",responded,2026-07-03\n"
        "R2,,2026-07-03\n"
        "R3,contacted,2026-13-01\n"
        "R99,contacted,2026-07-03\n"
    )
    with pytest.raises(InputError) as caught:
        imported(path, ledger)
    message = str(caught.value)
    assert "4 problem(s)" in message
    assert "row 2, column 'respondent_id': respondent_id is blank" in message
    assert "row 3, column 'status': unknown status ''" in message
    assert "row 4, column 'date': date '2026-13-01' cannot be read" in message
    assert "row 5, column 'respondent_id': unknown respondent id 'R99'" in message
    assert events(ledger).empty


def test_an_impossible_status_change_names_the_row_and_records_nothing(ledger, write_export):
    path = write_export(
        "respondent_id,status,date\nR2,responded,2026-07-01\nR2,incentive_sent,2026-07-02\n"
        "R3,incentive_sent,2026-07-02\n"
    )
    with pytest.raises(LedgerError, match=r"row 4: R3 has no 'responded' answer"):
        imported(path, ledger)
    assert events(ledger).empty


def test_a_database_failure_mid_import_rolls_the_whole_file_back(ledger, write_export, monkeypatch):
    with ContactLedger(ledger) as opened:
        opened.record_status("R0", "contacted", pd.Timestamp("2026-06-30"))
    before = events(ledger)
    real_insert = ContactLedger._insert
    missing = sa.Table("no_such_table", sa.MetaData(), sa.Column("x", sa.Integer))
    calls = []

    def failing_insert(self, conn, table, values, where):
        calls.append(where)
        if len(calls) == 2:  # the second row hits a real database error
            table, values = missing, {"x": 1}
        real_insert(self, conn, table, values, where)

    monkeypatch.setattr(ContactLedger, "_insert", failing_insert)
    with pytest.raises(LedgerError, match=r"crm.csv', row 3 failed: no such table"):
        imported(write_export(GOOD_EXPORT, "crm.csv"), ledger)
    assert len(calls) == 2  # the first row was written before the failure ...
    monkeypatch.undo()
    pd.testing.assert_frame_equal(events(ledger), before)  # ... and rolled back with it
