"""Ledger schema step 1 -> 2 (issue 26): status_events.caller, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from passives_lib.store import ContactLedger
from passives_lib.store.ledger._migrate_caller import FROM_VERSION
from passives_lib.store.ledger._schema import MIGRATIONS, SCHEMA_VERSION
from tests.store.conftest import Store

VERSION_1 = (  # the ledger tables as version 1 created them ({id}: the backend's serial key)
    "CREATE TABLE ledger_meta (key VARCHAR(64) PRIMARY KEY, value VARCHAR(255) NOT NULL)",
    "CREATE TABLE assignments (id {id}, week VARCHAR(8) NOT NULL, "
    "respondent_id VARCHAR(255) NOT NULL, list VARCHAR(32) NOT NULL, assignee VARCHAR(255), "
    "recorded_at TIMESTAMP NOT NULL, CONSTRAINT uq_assignments_week_id_list "
    "UNIQUE (week, respondent_id, list))",
    "CREATE TABLE status_events (id {id}, respondent_id VARCHAR(255) NOT NULL, "
    "status VARCHAR(32) NOT NULL, at TIMESTAMP NOT NULL, note TEXT, "
    "source VARCHAR(255) NOT NULL, CONSTRAINT uq_status_events_key "
    "UNIQUE (respondent_id, status, at, source))",
    "CREATE TABLE theme_fixes (id {id}, theme VARCHAR(255) NOT NULL, "
    "fixed_at TIMESTAMP NOT NULL, note TEXT, CONSTRAINT uq_theme_fixes_theme_fixed_at "
    "UNIQUE (theme, fixed_at))",
    "INSERT INTO ledger_meta VALUES ('schema_version', '1')",
    "INSERT INTO assignments (week, respondent_id, list, assignee, recorded_at) "
    "VALUES ('2026-W45', 'R1', 'call_list', 'Dana', "
    "'2026-11-02 09:00:00')",
    "INSERT INTO status_events (respondent_id, status, at, note, source) "
    "VALUES ('R1', 'contacted', '2026-11-03 10:00:00', "
    "'rang', 'import')",
)


def test_a_version_1_ledger_gains_the_caller_column_and_keeps_its_rows(store: Store):
    assert FROM_VERSION in MIGRATIONS and SCHEMA_VERSION > FROM_VERSION
    if store.kind == "sqlite":
        store.location.parent.mkdir(parents=True)
    serial = "INTEGER PRIMARY KEY" if store.kind == "sqlite" else "SERIAL PRIMARY KEY"
    store.execute(*(statement.replace("{id}", serial) for statement in VERSION_1))
    assert "caller" not in store.columns("status_events")
    with ContactLedger(str(store.location)) as ledger:
        assert ledger.schema_version() == SCHEMA_VERSION
        events = ledger.events()
        assert events[["respondent_id", "status", "note", "caller"]].values.tolist() == [
            ["R1", "contacted", "rang", None]
        ]
        assert ledger.assignments()["assignee"].tolist() == ["Dana"]
        outcomes = pd.DataFrame(
            {
                "row": [2],
                "respondent_id": ["R1"],
                "status": ["responded"],
                "at": [datetime(2026, 11, 4, 11)],
                "note": [None],
                "caller": ["Eli Moss"],
            }
        )
        assert ledger.record_outcomes(outcomes, "test") == 1
        ledger.record_status("R1", "converted", datetime(2026, 11, 5))
        called = ledger.events().set_index("status")["caller"].to_dict()
    assert called == {"contacted": None, "responded": "Eli Moss", "converted": None}
    assert "caller" in store.columns("status_events")
    with ContactLedger(str(store.location)) as ledger:  # current now: nothing runs again
        assert len(ledger.events()) == 3
