"""The contact ledger's schema: versions, migrations step by step, refusals.

Tests taking ``store`` run on SQLite and on a real PostgreSQL server (see ``conftest.py``);
those taking ``ledger_path`` are about the SQLite file itself.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

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
from tests.store.ledger_plan import CURRENT, MONDAY, WEEK, plan

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
