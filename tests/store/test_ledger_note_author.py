"""Ledger schema step 1 -> 2: status events carry their author; notes have a length limit."""

from __future__ import annotations

from datetime import datetime

import pytest

from passives_lib.core._errors import LedgerError
from passives_lib.store import ContactLedger
from passives_lib.store.ledger._note_author import NOTE_MAX_CHARS
from passives_lib.store.ledger._schema import MIGRATIONS, SCHEMA_VERSION
from tests.store.conftest import Store

AT = datetime(2026, 11, 10, 9, 30)


def test_the_author_step_is_step_1(tmp_path):
    assert SCHEMA_VERSION >= 2 and MIGRATIONS[1].__name__ == "add_event_author"


def test_a_note_is_recorded_with_its_author(tmp_path):
    with ContactLedger(tmp_path / "ledger.sqlite") as ledger:
        ledger.record_status("P1", "contacted", AT, "left a voicemail", "explorer", author="ana")
        ledger.record_status("P2", "contacted", AT, None, "import")
        events = ledger.events()
    assert events[["respondent_id", "note", "source", "author"]].values.tolist() == [
        ["P1", "left a voicemail", "explorer", "ana"],
        ["P2", None, "import", None],
    ]


def test_a_note_longer_than_the_limit_is_refused_and_nothing_is_stored(tmp_path):
    with ContactLedger(tmp_path / "ledger.sqlite") as ledger:
        ledger.record_status("P1", "contacted", AT, "x" * NOTE_MAX_CHARS, author="ana")
        with pytest.raises(LedgerError, match=r"at most 2,000 characters; found 3,000,000"):
            ledger.record_status("P2", "contacted", AT, "y" * 3_000_000, author="ana")
        assert ledger.events()["respondent_id"].tolist() == ["P1"]


def test_a_blank_author_counts_as_none_and_a_huge_one_is_refused(tmp_path):
    with ContactLedger(tmp_path / "ledger.sqlite") as ledger:
        ledger.record_status("P1", "contacted", AT, author="  ")
        with pytest.raises(LedgerError, match="author"):
            ledger.record_status("P2", "contacted", AT, author="a" * 300)
        assert ledger.events()["author"].tolist() == [None]


def test_a_version_1_ledger_is_upgraded_and_keeps_its_events(store: Store):
    path = store.location
    with ContactLedger(path) as ledger:
        ledger.record_status("P1", "contacted", AT, "before the upgrade")
    store.execute("ALTER TABLE status_events DROP COLUMN author")  # the version-1 table
    store.execute("UPDATE passives_schema SET version = 1 WHERE part = 'ledger'")
    assert "author" not in store.columns("status_events")
    with ContactLedger(path) as ledger:
        assert ledger.schema_version() == SCHEMA_VERSION
        ledger.record_status("P1", "no_answer", AT.replace(day=11), "after", author="ben")
        events = ledger.events()
    assert "author" in store.columns("status_events")
    assert events[["note", "author"]].values.tolist() == [
        ["before the upgrade", None],
        ["after", "ben"],
    ]
