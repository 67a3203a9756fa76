"""The contact ledger: atomic outcomes, fixed themes, opening, URLs, concurrent writers.

Tests taking ``store`` (or ``ledger``) run on SQLite and on a real PostgreSQL server (see
``conftest.py``); those taking ``ledger_path`` are about the SQLite file itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from passives_lib.store.ledger._ledger import (
    ContactLedger,
    LedgerError,
)
from tests.store.conftest import Store
from tests.store.ledger_plan import CURRENT, MONDAY, REPO, WEEK, plan

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
