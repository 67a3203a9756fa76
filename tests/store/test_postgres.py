"""PostgreSQL as the team's shared store: one writer at a time, retries, passwords, copying."""

from __future__ import annotations

import threading
import time
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from passives_lib.cli import main
from passives_lib.core._errors import StoreError
from passives_lib.store.db import _database, create_engine, display_location
from passives_lib.store.db._postgres import WRITE_LOCK_KEY, mask_password
from passives_lib.store.ledger._ledger import ContactLedger, LedgerError
from passives_lib.store.ledger._schema import SCHEMA_VERSION as LEDGER_SCHEMA_VERSION
from passives_lib.store.registry._registry import SCHEMA_VERSION as REGISTRY_SCHEMA_VERSION
from passives_lib.store.registry._registry import ThemeRegistry
from tests.store.conftest import Store
from tests.store.postgres import PASSWORD

WEEK = "2026-W27"


def plan(*ids: str) -> pd.DataFrame:
    return pd.DataFrame({"respondent_id": list(ids), "list": "call_list"})


# -- URLs and passwords -----------------------------------------------------------------------


def test_passwords_are_masked_in_shown_locations():
    assert display_location("postgresql://cx:s3cret@db:5432/cx") == "postgresql://cx:***@db:5432/cx"
    assert display_location("reports/ledger.sqlite") == "reports/ledger.sqlite"
    assert mask_password("failed for s3cret at x", "s3cret") == "failed for *** at x"
    with pytest.raises(StoreError) as caught:
        create_engine("postgresql://cx:s3cret@db:notaport/cx")
    assert "s3cret" not in str(caught.value) and "cx:***@db" in str(caught.value)


def test_a_plain_postgresql_url_uses_psycopg_3():
    engine = create_engine("postgresql://cx@db.example/cx")
    assert engine.url.drivername == "postgresql+psycopg"
    engine.dispose()


def test_the_password_comes_from_the_environment_variable_the_url_names(
    postgres_url: str, monkeypatch
):
    url = postgres_url.replace(f":{PASSWORD}@", "@") + "?password_env=PASSIVES_TEST_DB_PASSWORD"
    monkeypatch.delenv("PASSIVES_TEST_DB_PASSWORD", raising=False)
    with pytest.raises(LedgerError, match="PASSIVES_TEST_DB_PASSWORD.*found it unset"):
        ContactLedger(url)
    monkeypatch.setenv("PASSIVES_TEST_DB_PASSWORD", PASSWORD)
    with ContactLedger(url) as ledger:
        assert ledger.record_assignments(WEEK, plan("R1")) == 1
        assert PASSWORD not in ledger.url and "password_env" not in ledger.url
    with pytest.raises(LedgerError, match="holds a password and password_env"):
        ContactLedger(postgres_url + "?password_env=PASSIVES_TEST_DB_PASSWORD")


def test_no_error_shows_the_password(postgres_url: str, monkeypatch, capsys):
    wrong = "not-the-Pw-7731"
    monkeypatch.setenv("PASSIVES_TEST_DB_PASSWORD", wrong)
    url = postgres_url.replace(f":{PASSWORD}@", "@") + "?password_env=PASSIVES_TEST_DB_PASSWORD"
    with pytest.raises(LedgerError, match="password authentication failed") as caught:
        ContactLedger(url)
    assert wrong not in str(caught.value)
    literal = postgres_url.replace(f":{PASSWORD}@", f":{wrong}@")
    assert main(["contacts", "list", "--ledger", literal]) == 2
    printed = capsys.readouterr()
    assert wrong not in printed.out + printed.err
    assert printed.err.startswith("error: ") and printed.err.count("\n") == 1


# -- one writer at a time ---------------------------------------------------------------------


def test_a_writer_waits_for_the_other_and_sees_its_rows(postgres_url: str):
    """No lost update: the second writer runs after the first committed, and reads its rows."""
    with ContactLedger(postgres_url) as ledger:
        engine = sa.create_engine(postgres_url)
        results: list[int] = []
        with engine.connect() as other, other.begin():
            other.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))
            other.exec_driver_sql(
                "INSERT INTO assignments (week, respondent_id, list, recorded_at) "
                f"VALUES ('{WEEK}', 'R1', 'call_list', now())"
            )
            writer = threading.Thread(
                target=lambda: results.append(ledger.record_assignments(WEEK, plan("R1", "R2")))
            )
            writer.start()
            time.sleep(0.5)
            assert writer.is_alive() and results == []  # waiting for the lock
        writer.join(timeout=30)
        engine.dispose()
        assert results == [1]  # R1 was committed meanwhile: only R2 is new
        assert sorted(ledger.assignments()["respondent_id"]) == ["R1", "R2"]


def test_a_writer_that_waits_too_long_says_so(postgres_url: str, monkeypatch):
    monkeypatch.setattr(_database, "BUSY_TIMEOUT_S", 1)
    with ContactLedger(postgres_url) as ledger:
        engine = sa.create_engine(postgres_url)
        with engine.connect() as other, other.begin():
            other.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))
            with pytest.raises(LedgerError, match="another process is writing to the ledger"):
                ledger.record_status("R1", "contacted", date(2026, 7, 1))
        engine.dispose()
        assert ledger.events().empty


def test_a_serialization_failure_is_retried(postgres_url: str):
    with ContactLedger(postgres_url) as ledger:
        Store("postgresql", postgres_url).execute(
            "CREATE SEQUENCE tries",
            "CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            " IF nextval('tries') = 1 THEN"
            " RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001';"
            " END IF; RETURN NEW; END $$",
            "CREATE TRIGGER fail_once BEFORE INSERT ON status_events FOR EACH ROW"
            " EXECUTE FUNCTION fail_once()",
        )
        ledger.record_status("R1", "contacted", date(2026, 7, 1))
        assert ledger.events()["respondent_id"].tolist() == ["R1"]
    assert Store("postgresql", postgres_url).execute("SELECT last_value FROM tries") == [(2,)]


# -- passives ledger copy ---------------------------------------------------------------------


def filled_ledger(location) -> None:
    """A ledger with assignments, events, fixes and a registry with a merge into a later id."""
    with ContactLedger(location) as ledger:
        ledger.record_assignments(WEEK, plan("R1", "R2"), recorded_at=datetime(2026, 6, 29, 9))
        ledger.record_status("R1", "responded", datetime(2026, 7, 1, 10, 30), note="«merci»")
        ledger.mark_theme_fixed("slow support", date(2026, 6, 1), note="chat added")
    themes = pd.DataFrame(
        {"theme_id": [0, 1], "label": ["a", "b"], "keywords": [["a"], ["b"]], "size": [2, 1]}
    )
    with ThemeRegistry(location) as registry:
        opinions = pd.DataFrame({"opinion_key": ["k1", "k2", "k3"], "theme_id": [0, 1, -1]})
        registry.assign(WEEK, themes, np.eye(2, 4), opinions=opinions)
        registry.merge(2, 1)  # theme 1 points at the later theme 2
        registry.rename(2, "merged")


def without_meta(dump: dict) -> dict:
    return {name: rows for name, rows in dump.items() if not name.endswith("_meta")}


def test_ledger_copy_moves_everything_in_one_go(tmp_path, postgres_url: str, capsys):
    source = Store("sqlite", tmp_path / "team.sqlite")
    filled_ledger(source.location)
    target_url = postgres_url  # the printed line must not show its password
    assert main(["ledger", "copy", str(source.location), target_url]) == 0
    printed = capsys.readouterr().out
    assert PASSWORD not in printed and "***" in printed
    assert "2 assignments, 1 status_events, 1 theme_fixes, 0 planned_weeks, 0 quick_wins" in printed
    assert "2 theme_registry_themes" in printed
    assert "2 theme_registry_opinions" in printed  # the themeless opinion is not remembered
    copied = Store("postgresql", target_url)
    assert without_meta(copied.dump()) == without_meta(source.dump())
    with ContactLedger(target_url) as ledger, ThemeRegistry(target_url) as registry:
        assert ledger.schema_version() == LEDGER_SCHEMA_VERSION
        assert registry.schema_version() == REGISTRY_SCHEMA_VERSION
        ledger.record_status("R2", "declined", date(2026, 7, 2))  # ids continue after the copy
        assert ledger.awaiting_response() == set()
        merged = registry.themes()["merged_into"]
        assert merged.iloc[0] == 2 and pd.isna(merged.iloc[1])
        assert registry.remembered("2026-W40")["anchor_id"].tolist() == [2, 2]  # merge followed


def test_ledger_copy_refuses_a_target_with_rows_and_changes_nothing(
    tmp_path, postgres_url: str, capsys
):
    source = tmp_path / "team.sqlite"
    filled_ledger(source)
    with ContactLedger(postgres_url) as ledger:
        ledger.record_assignments(WEEK, plan("X9"))
    before = Store("postgresql", postgres_url).dump()
    assert main(["ledger", "copy", str(source), postgres_url]) == 2
    err = capsys.readouterr().err
    assert "expected an empty target, found 1 row(s) in assignments" in err
    assert PASSWORD not in err and err.count("\n") == 1
    assert Store("postgresql", postgres_url).dump() == before


def test_ledger_copy_refuses_a_missing_source(tmp_path, capsys):
    missing = tmp_path / "nowhere.sqlite"
    assert main(["ledger", "copy", str(missing), str(tmp_path / "target.sqlite")]) == 2
    assert "expected an existing ledger file to copy" in capsys.readouterr().err
    assert not missing.exists() and not (tmp_path / "target.sqlite").exists()


def test_ledger_copy_between_two_sqlite_files(tmp_path):
    source, target = Store("sqlite", tmp_path / "a.sqlite"), Store("sqlite", tmp_path / "b.sqlite")
    filled_ledger(source.location)
    assert main(["ledger", "copy", str(source.location), str(target.location)]) == 0
    assert target.dump() == source.dump()
