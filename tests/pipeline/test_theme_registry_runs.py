"""Weekly runs and the theme registry: a dry run writes nothing; duplicate names never crash."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pandas as pd
import pytest

from passives_lib import load_config, run_weekly
from passives_lib.store.registry._registry import SCHEMA_VERSION, ThemeRegistry
from passives_lib.themes._model import ThemeModel
from tests.conftest import SAMPLE
from tests.tiny_embedding import TinyEncoder


@pytest.fixture
def config(tmp_path):
    config = load_config(SAMPLE / "config.yml")
    return replace(config, plan=replace(config.plan, ledger=str(tmp_path / "ledger.sqlite")))


def weekly(config, week: str, record: bool):
    return run_weekly(
        SAMPLE / "survey.csv",
        config,
        week,
        plan=False,
        record_themes=record,
        model=ThemeModel(embedding_model=TinyEncoder()),
    )


def dump(path: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return [
            row
            for table in (
                "theme_registry_themes",
                "theme_registry_sightings",
                "theme_registry_opinions",
            )
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")  # noqa: S608
        ]


def dump_themes(path: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return list(conn.execute("SELECT * FROM theme_registry_themes"))


def test_a_dry_run_on_a_fresh_ledger_creates_nothing(config, tmp_path):
    run = weekly(config, "2026-W45", record=False)
    assert not (tmp_path / "ledger.sqlite").exists()
    assert "no registry" in " ".join(run.findings.notes) or "registry is empty" in " ".join(
        run.findings.notes
    )


def test_a_dry_run_on_a_known_registry_uses_it_and_writes_nothing(config):
    recorded = weekly(config, "2026-W45", record=True)
    before = dump(config.plan.ledger)
    assert len(before) > len(dump_themes(config.plan.ledger))  # opinions are remembered
    dry = weekly(config, "2026-W46", record=False)
    assert dump(config.plan.ledger) == before
    # the dry run still shows the registry's ids and names
    known = set(recorded.findings.themes["theme_id"])
    assert known & set(dry.findings.themes["theme_id"])
    with ThemeRegistry(config.plan.ledger) as registry:
        names = registry.themes()["name"]
    assert names.str.casefold().is_unique


def test_weekly_shares_tell_apart_two_themes_of_one_name(config):
    run = weekly(config, "2026-W46", record=False).findings
    first, second = run.findings["theme_id"].head(2)
    run.findings.loc[run.findings["theme_id"] == second, "label"] = run.findings.loc[
        run.findings["theme_id"] == first, "label"
    ].iloc[0]
    shares = run.weekly_shares()
    assert shares.columns.is_unique
    label = run.findings["label"].iloc[0]
    assert [f"{label} (theme {first})", f"{label} (theme {second})"] == list(shares.columns[:2])
    assert isinstance(shares, pd.DataFrame) and len(shares.columns) == min(5, len(run.findings))


def test_an_old_registry_is_left_alone_by_a_dry_run_and_upgraded_by_a_plan(config):
    weekly(config, "2026-W45", record=True)
    with sqlite3.connect(config.plan.ledger) as conn:
        conn.execute("UPDATE passives_schema SET version = 2 WHERE part = 'theme_registry'")
    before = dump(config.plan.ledger)

    dry = weekly(config, "2026-W46", record=False)  # a dry run: read-only
    assert dump(config.plan.ledger) == before
    assert "theme ids are this run's own" in " ".join(dry.findings.notes)

    planned = run_weekly(  # a real plan records no themes but may upgrade the tables
        SAMPLE / "survey.csv",
        config,
        "2026-W46",
        plan=False,
        dry_run=False,
        record_themes=False,
        model=ThemeModel(embedding_model=TinyEncoder()),
    )
    assert "from the registry" in " ".join(planned.findings.notes)
    with ThemeRegistry(config.plan.ledger) as registry:
        assert registry.schema_version() == SCHEMA_VERSION == 5
