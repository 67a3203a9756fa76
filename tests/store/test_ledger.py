"""The contact ledger: schema, idempotent writes, atomic imports, state, concurrency.

Tests taking ``store`` (or ``ledger``) run on SQLite and on a real PostgreSQL server (see
``conftest.py``); those taking ``ledger_path`` are about the SQLite file itself.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from passives_lib.core._errors import PassivesError
from passives_lib.store.ledger import _schema as _ledger_schema
from passives_lib.store.ledger._database import LedgerDatabase
from passives_lib.store.ledger._ledger import (
    CLOSING_STATUSES,
    LEDGER_STATUSES,
    LISTS,
    ContactLedger,
    LedgerError,
)
from tests.store.conftest import Store

REPO = Path(__file__).resolve().parents[2]
WEEK = "2026-W27"
MONDAY = datetime(2026, 6, 29, 9, 0)  # recorded_at of the week-27 plan

CURRENT = _ledger_schema.SCHEMA_VERSION


def plan(*rows: tuple) -> pd.DataFrame:
    """Assignments from (respondent_id, list[, assignee]) tuples."""
    return pd.DataFrame(
        [(r[0], r[1], r[2] if len(r) > 2 else None) for r in rows],
        columns=["respondent_id", "list", "assignee"],
    )


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "cx" / "ledger.sqlite"


@pytest.fixture
def ledger(store: Store):
    with ContactLedger(store.location) as opened:
        yield opened


# -- schema -----------------------------------------------------------------------------------


def test_constants_are_the_documented_ones():
    assert LEDGER_STATUSES == (
        "contacted",
        "responded",
        "converted",
        "declined",
        "no_answer",
        "incentive_sent",
        "panel_joined",
        "panel_declined",
        "do_not_contact",
    )
    assert LISTS == ("call_list", "management_sample", "panel_invites", "incentives_due")
    assert CLOSING_STATUSES == ("responded", "converted", "declined")
    assert issubclass(LedgerError, PassivesError)


def test_schema_is_created_at_the_current_version_with_its_folder(ledger_path: Path):
    assert not ledger_path.parent.exists()
    with ContactLedger(ledger_path) as ledger:
        assert ledger.schema_version() == CURRENT
        assert ledger.url == f"sqlite:///{ledger_path.resolve()}"
    with sqlite3.connect(ledger_path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        versions = conn.execute("SELECT part, version FROM passives_schema").fetchall()
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert set(_ledger_schema.LEDGER_TABLES) <= tables
    assert "ledger_meta" not in tables
    assert versions == [("ledger", CURRENT)]
    assert journal == "wal"


def test_reopening_keeps_the_data_and_does_not_recreate(store: Store):
    with ContactLedger(str(store.location)) as ledger:
        ledger.record_assignments(WEEK, plan(("R1", "call_list", "ann")), recorded_at=MONDAY)
    with ContactLedger(store.location) as ledger:
        assert ledger.assignments()["respondent_id"].tolist() == ["R1"]
        assert ledger.schema_version() == CURRENT


def test_newer_schema_version_is_refused(store: Store):
    ContactLedger(store.location).close()
    store.execute(f"UPDATE passives_schema SET version = {CURRENT + 1} WHERE part = 'ledger'")
    newer = rf"schema version {CURRENT + 1}, newer than version {CURRENT}"
    with pytest.raises(LedgerError, match=newer):
        ContactLedger(store.location)


def test_ledger_tables_without_a_version_are_refused(store: Store):
    if store.kind == "sqlite":
        store.location.parent.mkdir(parents=True)
    store.execute("CREATE TABLE assignments (x INTEGER)")
    with pytest.raises(LedgerError, match="no schema version"):
        ContactLedger(store.location)


def test_unrelated_tables_do_not_prevent_creating_the_ledger(store: Store):
    if store.kind == "sqlite":
        store.location.parent.mkdir(parents=True)
    store.execute("CREATE TABLE other_app (x INTEGER)")
    with ContactLedger(store.location) as ledger:
        assert ledger.schema_version() == CURRENT


def test_older_schema_is_migrated_step_by_step(store: Store, monkeypatch):
    ContactLedger(store.location).close()
    ran = []

    def next_step(conn):
        ran.append(CURRENT)
        conn.exec_driver_sql("ALTER TABLE assignments ADD COLUMN channel VARCHAR(20)")

    with_schema(monkeypatch, version=CURRENT + 1, migrations={CURRENT: next_step})
    with ContactLedger(store.location) as ledger:
        assert ledger.schema_version() == CURRENT + 1
    with ContactLedger(store.location):  # already current: no step runs again
        pass
    assert ran == [CURRENT]
    assert "channel" in store.columns("assignments")


def with_schema(monkeypatch, **changes) -> None:
    """Let the ledger believe in another schema (a newer version, other steps)."""
    monkeypatch.setattr(
        LedgerDatabase, "_schema", dataclasses.replace(_ledger_schema.SCHEMA, **changes)
    )


def test_a_ledger_with_its_version_in_ledger_meta_moves_it_to_passives_schema(store: Store):
    """Ledgers of earlier releases kept their version in ``ledger_meta``: read, then moved."""
    with ContactLedger(store.location) as ledger:
        ledger.record_assignments(WEEK, plan(("R1", "call_list")), recorded_at=MONDAY)
    store.execute(
        "DROP TABLE quick_wins",
        "DROP TABLE planned_weeks",
        "DROP TABLE passives_schema",
        "CREATE TABLE ledger_meta (key VARCHAR(64) PRIMARY KEY, value VARCHAR(500) NOT NULL)",
        "INSERT INTO ledger_meta (key, value) VALUES ('schema_version', '2')",
    )
    with ContactLedger(store.location) as ledger:  # step 2 -> 3, and the version moves
        assert ledger.schema_version() == CURRENT
        assert ledger.assignments()["respondent_id"].tolist() == ["R1"]
    assert "ledger_meta" not in store.tables()
    assert store.execute("SELECT part, version FROM passives_schema") == [("ledger", CURRENT)]


def test_a_current_ledger_meta_ledger_can_be_read_read_only(ledger_path: Path):
    """A dry run on a ledger of an earlier release reads it without writing anything."""
    ContactLedger(ledger_path).close()
    with sqlite3.connect(ledger_path) as conn:
        conn.executescript(
            "DROP TABLE passives_schema;"
            "CREATE TABLE ledger_meta (key VARCHAR(64) PRIMARY KEY, value VARCHAR(500));"
            f"INSERT INTO ledger_meta VALUES ('schema_version', '{CURRENT}');"
        )
    with ContactLedger(ledger_path, read_only=True) as ledger:
        assert ledger.schema_version() == CURRENT
    with sqlite3.connect(ledger_path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "ledger_meta" in tables and "passives_schema" not in tables


def test_a_version_2_ledger_gains_planned_weeks_and_quick_wins(store: Store):
    with ContactLedger(store.location) as ledger:
        ledger.record_assignments(WEEK, plan(("R1", "call_list")), recorded_at=MONDAY)
    store.execute(
        "DROP TABLE planned_weeks",
        "DROP TABLE quick_wins",
        "UPDATE passives_schema SET version = 2 WHERE part = 'ledger'",
    )
    with ContactLedger(store.location) as ledger:  # step 2 -> 3 (issue 22)
        assert ledger.schema_version() == 3
        assert ledger.assignments()["respondent_id"].tolist() == ["R1"]
    assert {"planned_weeks", "quick_wins"} <= store.tables()


def test_a_missing_migration_step_is_refused_and_changes_nothing(store: Store, monkeypatch):
    ContactLedger(store.location).close()
    with_schema(
        monkeypatch,
        version=CURRENT + 2,
        migrations={
            CURRENT: lambda conn: conn.exec_driver_sql("CREATE TABLE step_one_ran (x INTEGER)")
        },
    )
    with pytest.raises(LedgerError, match=f"no step from version {CURRENT + 1}"):
        ContactLedger(store.location)
    assert store.execute("SELECT version FROM passives_schema") == [(CURRENT,)]
    assert "step_one_ran" not in store.tables()  # the failed upgrade was rolled back as a whole


def test_a_file_that_is_not_a_database_is_a_ledger_error(tmp_path: Path):
    path = tmp_path / "notes.sqlite"
    path.write_text("this is not a database, just some notes\n" * 50)
    with pytest.raises(LedgerError, match="not a database"):
        ContactLedger(path)


# -- assignments ------------------------------------------------------------------------------


def test_record_assignments_is_idempotent(ledger: ContactLedger, store: Store):
    rows = plan(("R1", "call_list", "ann"), ("R2", "management_sample"), ("R1", "incentives_due"))
    assert ledger.record_assignments(WEEK, rows, recorded_at=MONDAY) == 3
    before = store.dump()
    assert ledger.record_assignments(WEEK, rows) == 0
    assert store.dump() == before
    frame = ledger.assignments()
    assert list(frame.columns) == ["week", "respondent_id", "list", "assignee", "recorded_at"]
    assert frame["respondent_id"].tolist() == ["R1", "R2", "R1"]
    assert frame["assignee"].tolist() == ["ann", None, None]
    assert (frame["recorded_at"] == pd.Timestamp(MONDAY)).all()


def test_record_assignments_adds_only_what_is_new(ledger: ContactLedger):
    ledger.record_assignments(WEEK, plan(("R1", "call_list", "ann")), recorded_at=MONDAY)
    again = plan(("R1", "call_list", "bob"), ("R2", "call_list"), ("R2", "call_list"))
    assert ledger.record_assignments(WEEK, again) == 1  # R2 once, R1 kept with its assignee
    assert ledger.record_assignments("2026-W28", plan(("R1", "call_list"))) == 1
    frame = ledger.assignments()
    assert frame[["week", "respondent_id", "assignee"]].values.tolist() == [
        [WEEK, "R1", "ann"],
        [WEEK, "R2", None],
        ["2026-W28", "R1", None],
    ]


def test_record_assignments_accepts_numeric_ids_and_no_assignee_column(ledger: ContactLedger):
    frame = pd.DataFrame({"respondent_id": [1001, 1002], "list": ["call_list", "panel_invites"]})
    assert ledger.record_assignments(WEEK, frame, recorded_at=MONDAY) == 2
    assert ledger.assignments()["respondent_id"].tolist() == ["1001", "1002"]


def test_aware_recorded_at_is_stored_in_utc(ledger: ContactLedger):
    paris = timezone(timedelta(hours=2))
    ledger.record_assignments(
        WEEK, plan(("R1", "call_list")), recorded_at=datetime(2026, 6, 29, 11, 0, tzinfo=paris)
    )
    assert ledger.assignments()["recorded_at"].tolist() == [pd.Timestamp("2026-06-29 09:00")]


@pytest.mark.parametrize("week", ["2026-27", "2026-W7", "2026-W00", "2025-W53", "W27", "", None])
def test_invalid_week_is_rejected(ledger: ContactLedger, week):
    with pytest.raises(LedgerError, match=r"not an ISO week such as '2026-W27'"):
        ledger.record_assignments(week, plan(("R1", "call_list")))
    assert ledger.assignments().empty


def test_week_53_exists_only_in_long_years(ledger: ContactLedger):
    assert ledger.record_assignments("2026-W53", plan(("R1", "call_list"))) == 1


def test_invalid_list_and_blank_id_are_rejected_with_rows_and_nothing_written(
    ledger: ContactLedger, store: Store
):
    before = store.dump()
    rows = plan(("R1", "call_list"), ("R2", "phone_list"), (" ", "call_list"), (None, "x"))
    with pytest.raises(LedgerError) as caught:
        ledger.record_assignments(WEEK, rows)
    message = str(caught.value)
    assert "row 1: list 'phone_list' is not one of call_list, management_sample" in message
    assert "row 2: respondent_id is blank" in message
    assert "row 3: respondent_id is blank" in message and "row 3: list 'x'" in message
    assert "nothing was recorded" in message
    assert store.dump() == before


def test_assignments_without_required_columns_are_rejected(ledger: ContactLedger):
    with pytest.raises(LedgerError, match="lack column.*list"):
        ledger.record_assignments(WEEK, pd.DataFrame({"respondent_id": ["R1"]}))


# -- status and contact state -----------------------------------------------------------------


def test_assigned_on_call_list_is_awaiting_until_a_later_response(ledger: ContactLedger):
    ledger.record_assignments(WEEK, plan(("R1", "call_list")), recorded_at=MONDAY)
    assert ledger.awaiting_response() == {"R1"}
    ledger.record_status("R1", "responded", date(2026, 7, 2))
    assert ledger.awaiting_response() == set()


def test_a_response_dated_before_the_assignment_does_not_clear_it(ledger: ContactLedger):
    ledger.record_status("R1", "responded", date(2026, 6, 20))
    ledger.record_assignments(WEEK, plan(("R1", "call_list")), recorded_at=MONDAY)
    assert ledger.awaiting_response() == {"R1"}
    state = ledger.contact_state().set_index("respondent_id")
    assert state.loc["R1", "last_status"] == "responded"
    assert bool(state.loc["R1", "awaiting_response"]) is True


def test_a_new_contact_after_an_answer_is_awaiting_again(ledger: ContactLedger):
    ledger.record_assignments(WEEK, plan(("R1", "call_list")), recorded_at=MONDAY)
    ledger.record_status("R1", "responded", MONDAY + timedelta(days=1))
    ledger.record_assignments(
        "2026-W30", plan(("R1", "management_sample")), recorded_at=MONDAY + timedelta(weeks=3)
    )
    assert ledger.awaiting_response() == {"R1"}


def test_which_lists_and_events_count_as_contact(ledger: ContactLedger):
    ledger.record_assignments(
        WEEK,
        plan(("P", "panel_invites"), ("I", "incentives_due"), ("M", "management_sample")),
        recorded_at=MONDAY,
    )
    ledger.record_status("C", "contacted", date(2026, 7, 1))
    ledger.record_status("N", "no_answer", date(2026, 7, 1))
    ledger.record_status("V", "converted", date(2026, 7, 1))
    # an answer on the same day as a date-only contact counts as after it
    ledger.record_status("S", "contacted", date(2026, 7, 1))
    ledger.record_status("S", "responded", date(2026, 7, 1))
    # a panel invitation is a contact awaiting an answer (the contact policy); incentives not
    assert ledger.awaiting_response() == {"M", "C", "N", "P"}


def test_contact_state_columns_and_values(ledger: ContactLedger):
    ledger.record_assignments(
        WEEK, plan(("R2", "call_list", "ann"), ("R1", "incentives_due")), recorded_at=MONDAY
    )
    ledger.record_assignments(
        "2026-W28", plan(("R2", "panel_invites", "bob")), recorded_at=MONDAY + timedelta(days=7)
    )
    ledger.record_status("R2", "no_answer", datetime(2026, 7, 1, 10, 30))
    ledger.record_status("R3", "contacted", datetime(2026, 7, 2, 8, 0))
    ledger.record_status("R3", "converted", datetime(2026, 7, 3, 8, 0), note="upgraded")
    state = ledger.contact_state()
    assert list(state.columns) == [
        "respondent_id",
        "last_week",
        "last_list",
        "last_assignee",
        "last_contact_at",
        "last_status",
        "last_status_at",
        "awaiting_response",
        "attempts",
        "given_up",
        "do_not_contact",
        "incentive_sent",
    ]
    assert state["respondent_id"].tolist() == ["R1", "R2", "R3"]
    rows = state.set_index("respondent_id")
    assert rows.loc["R2", ["last_week", "last_list", "last_assignee"]].tolist() == [
        "2026-W28",
        "panel_invites",
        "bob",
    ]
    # the W28 panel invitation is a contact, later than the no_answer call
    assert rows.loc["R2", "last_contact_at"] == pd.Timestamp("2026-07-06 09:00")
    assert rows.loc["R2", "attempts"] == 1 and not rows.loc["R2", "given_up"]
    assert rows.loc["R2", "last_status"] == "no_answer"
    assert rows.loc["R1", "last_contact_at"] is pd.NaT
    assert rows.loc["R1", "last_status"] is None
    assert rows.loc["R3", "last_week"] is None
    assert rows.loc["R3", ["last_status", "last_status_at"]].tolist() == [
        "converted",
        pd.Timestamp("2026-07-03 08:00"),
    ]
    assert rows["awaiting_response"].tolist() == [False, True, False]
    assert rows["incentive_sent"].tolist() == [True, False, False]
    assert state["awaiting_response"].dtype == bool and state["incentive_sent"].dtype == bool


def test_empty_ledger_has_empty_frames_with_columns(ledger: ContactLedger):
    assert ledger.contact_state().empty and "awaiting_response" in ledger.contact_state()
    columns = ["respondent_id", "status", "at", "note", "source", "author"]
    assert list(ledger.events().columns) == columns
    assert list(ledger.fixed_themes().columns) == ["theme", "fixed_at", "note"]
    assert ledger.awaiting_response() == set()


def test_record_status_normalises_and_is_idempotent(ledger: ContactLedger):
    ledger.record_status(" R1 ", "No Answer", date(2026, 7, 1), note="  voicemail ")
    ledger.record_status("R1", "no_answer", datetime(2026, 7, 1))  # the same event
    ledger.record_status("R1", "RESPONDED", datetime(2026, 7, 1, 14, tzinfo=UTC), source="crm")
    events = ledger.events()
    assert events.values.tolist() == [
        ["R1", "no_answer", pd.Timestamp("2026-07-01"), "voicemail", "manual", None],
        ["R1", "responded", pd.Timestamp("2026-07-01 14:00"), None, "crm", None],
    ]


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        (("R1", "phoned", date(2026, 7, 1)), r"unknown status 'phoned'; allowed: contacted, "),
        (("", "contacted", date(2026, 7, 1)), "respondent_id is blank"),
        (("R1", "contacted", "2026-07-01"), "must be a date or datetime"),
        (("R1", "contacted", None), "at is missing"),
    ],
)
def test_record_status_rejects_bad_values(ledger: ContactLedger, args, pattern):
    with pytest.raises(LedgerError, match=pattern):
        ledger.record_status(*args)
    assert ledger.events().empty


# -- recording outcomes ------------------------------------------------------------------------
# A CRM export is read and checked by pipeline.import_outcomes_file (tests/pipeline/
# test_outcomes.py); these tests guard what the ledger does with the rows it is given.

WHERE = "file 'crm.csv'"
OUTCOMES = pd.DataFrame(
    {
        "row": [2, 3, 4, 6],
        "respondent_id": ["R1", "R2", "R3", "R4"],
        "status": ["responded", "no_answer", "converted", "contacted"],
        "at": pd.to_datetime(
            ["2026-07-03 00:00", "2026-07-03 14:30", "2026-07-04 08:00", "2026-07-05 09:15"]
        ),
        "note": ["liked the call", None, "upgraded to pro", None],
        "author": [None, None, None, "Ana"],
    }
)


def test_record_outcomes_stores_each_event_once(ledger: ContactLedger, store):
    assert ledger.record_outcomes(OUTCOMES, WHERE) == 4
    assert ledger.events().values.tolist() == [
        ["R1", "responded", pd.Timestamp("2026-07-03"), "liked the call", "import", None],
        ["R2", "no_answer", pd.Timestamp("2026-07-03 14:30"), None, "import", None],
        ["R3", "converted", pd.Timestamp("2026-07-04 08:00"), "upgraded to pro", "import", None],
        ["R4", "contacted", pd.Timestamp("2026-07-05 09:15"), None, "import", "Ana"],
    ]
    before = store.dump()
    assert ledger.record_outcomes(OUTCOMES, WHERE) == 0
    assert ledger.record_outcomes(pd.concat([OUTCOMES.head(1)] * 2), WHERE) == 0
    assert store.dump() == before


def test_record_outcomes_refuses_a_bad_value_and_records_nothing(ledger: ContactLedger):
    bad = OUTCOMES.assign(status=["responded", "no_answer", "phoned", "contacted"])
    with pytest.raises(LedgerError, match="unknown status 'phoned'"):
        ledger.record_outcomes(bad, WHERE)
    assert ledger.events().empty


def test_a_database_failure_mid_import_rolls_everything_back(
    ledger: ContactLedger, store, monkeypatch
):
    ledger.record_status("R0", "contacted", date(2026, 6, 30))
    before = store.dump()
    real_insert = ContactLedger._insert
    missing = sa.Table("no_such_table", sa.MetaData(), sa.Column("x", sa.Integer))
    calls = []

    def failing_insert(self, conn, table, values, where):
        calls.append(where)
        if len(calls) == 2:  # the second row hits a real database error
            table, values = missing, {"x": 1}
        real_insert(self, conn, table, values, where)

    monkeypatch.setattr(ContactLedger, "_insert", failing_insert)
    failed = r"crm.csv', row 3 failed: (no such table|relation \"no_such_table\" does not exist)"
    with pytest.raises(LedgerError, match=failed):
        ledger.record_outcomes(OUTCOMES, WHERE)
    assert len(calls) == 2  # the first row was written before the failure ...
    assert store.dump() == before  # ... and rolled back with it


REFUSE_R3 = {  # a trigger that refuses to store an event of R3, in each database's dialect
    "sqlite": [
        "CREATE TRIGGER refuse_r3 BEFORE INSERT ON status_events WHEN NEW.respondent_id = 'R3'"
        " BEGIN SELECT RAISE(ABORT, 'R3 is blocked'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_r3() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        " IF NEW.respondent_id = 'R3' THEN RAISE EXCEPTION 'R3 is blocked'; END IF;"
        " RETURN NEW; END $$",
        "CREATE TRIGGER refuse_r3 BEFORE INSERT ON status_events FOR EACH ROW"
        " EXECUTE FUNCTION refuse_r3()",
    ],
}


def test_a_real_constraint_violation_mid_import_rolls_everything_back(
    ledger: ContactLedger, store: Store
):
    store.execute(*REFUSE_R3[store.kind])
    before = store.dump()
    with pytest.raises(LedgerError, match=r"row 4 failed: R3 is blocked"):
        ledger.record_outcomes(OUTCOMES, WHERE)
    assert ledger.events().empty
    assert store.dump() == before


# -- themes -----------------------------------------------------------------------------------


def test_mark_theme_fixed_and_fixed_themes_shows_the_latest(ledger: ContactLedger):
    ledger.mark_theme_fixed("slow support", date(2026, 5, 1), note="more staff")
    ledger.mark_theme_fixed("slow support", datetime(2026, 7, 1, 12), note="chat added")
    ledger.mark_theme_fixed("price", date(2026, 6, 1))
    ledger.mark_theme_fixed("slow support", date(2026, 6, 1), note="older than the latest")
    ledger.mark_theme_fixed("price", date(2026, 6, 1), note="new plan")  # same fix: note added
    fixed = ledger.fixed_themes()
    assert fixed.values.tolist() == [
        ["price", pd.Timestamp("2026-06-01"), "new plan"],
        ["slow support", pd.Timestamp("2026-07-01 12:00"), "chat added"],
    ]
    with pytest.raises(LedgerError, match="theme is blank"):
        ledger.mark_theme_fixed("  ", date(2026, 6, 1))


# -- opening, closing, URLs, concurrency ------------------------------------------------------


def open_files(path: Path) -> list[str]:
    names = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            names.append(os.readlink(fd))
        except OSError:
            continue
    return [n for n in names if n.startswith(str(path))]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_context_manager_closes(ledger_path: Path):
    with ContactLedger(ledger_path) as ledger:
        ledger.record_assignments(WEEK, plan(("R1", "call_list")))
        assert ledger.assignments().shape[0] == 1
    assert open_files(ledger_path) == []
    with pytest.raises(LedgerError, match="closed"):
        ledger.assignments()


def test_a_sqlalchemy_url_works_the_same_as_a_path(ledger_path: Path):
    with ContactLedger(ledger_path) as by_path:
        by_path.record_assignments(WEEK, plan(("R1", "call_list")), recorded_at=MONDAY)
        url = by_path.url
    with ContactLedger(f"sqlite:///{ledger_path}") as by_url:
        assert by_url.url == url
        assert by_url.schema_version() == CURRENT
        assert by_url.awaiting_response() == {"R1"}
        assert by_url.record_assignments(WEEK, plan(("R1", "call_list"))) == 0
        by_url.record_status("R1", "responded", date(2026, 7, 1))
    with ContactLedger(ledger_path) as by_path:
        assert by_path.awaiting_response() == set()


def test_a_fresh_url_database_gets_the_schema(tmp_path: Path):
    with ContactLedger(f"sqlite:///{tmp_path / 'by_url.db'}") as ledger:
        assert ledger.schema_version() == CURRENT


def test_a_bad_url_is_a_ledger_error():
    with pytest.raises(LedgerError, match="cannot use database URL"):
        ContactLedger("nosuchdialect://host/db")


WRITER = textwrap.dedent(
    """
    import sys, time, types
    from pathlib import Path

    # Load passives_lib.store.ledger._ledger without the package's __init__ (which imports the theme
    # models): a bare package object keeps the child's start-up short.
    package = types.ModuleType("passives_lib")
    package.__path__ = [sys.argv[4]]
    sys.modules["passives_lib"] = package
    import pandas as pd
    from passives_lib.store.ledger._ledger import ContactLedger

    location, tag, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    started = time.monotonic()
    ledger = ContactLedger(location)
    Path(go.parent / f"ready-{tag}").touch()
    while not go.exists():
        time.sleep(0.005)
    for i in range(0, 200, 5):
        rows = pd.DataFrame({"respondent_id": [f"{tag}-{i + k}" for k in range(5)],
                             "list": "call_list"})
        assert ledger.record_assignments("2026-W27", rows) == 5
    ledger.close()
    print(f"{tag}: 40 transactions in {time.monotonic() - started:.2f} s")
    """
)


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path, store: Store):
    path = str(store.location)
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    assert not store.tables()  # the writers also race to create the schema
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), tag, str(go), str(REPO / "passives_lib")],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for tag in "ab"
    ]
    try:
        deadline = time.monotonic() + 60
        while not all((tmp_path / f"ready-{t}").exists() for t in "ab"):
            if any(w.poll() is not None for w in writers) or time.monotonic() > deadline:
                break  # a writer failed to open the ledger: its error is reported below
            time.sleep(0.01)
        go.touch()
        results = [w.communicate(timeout=60) for w in writers]
    finally:
        for w in writers:
            if w.poll() is None:
                w.kill()
                w.communicate()
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err.decode()
        assert b"40 transactions" in out
    with ContactLedger(path) as ledger:
        ids = ledger.assignments()["respondent_id"]
        assert ledger.schema_version() == CURRENT
    assert len(ids) == 400 and ids.nunique() == 400
    assert store.execute("SELECT count(*) FROM passives_schema") == [(1,)]
    if store.kind == "sqlite":
        assert store.execute("PRAGMA integrity_check") == [("ok",)]
