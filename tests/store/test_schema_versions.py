"""One schema-version system: every room's version in ``passives_schema``."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from passives_lib.core import StoreError
from passives_lib.store.db import (
    VERSIONS_TABLE,
    Schema,
    create_or_upgrade,
    schema_is_current,
    stored_version,
)

URL = "sqlite://"


def room(version: int = 1, migrations=None, legacy_meta: str | None = None) -> Schema:
    metadata = sa.MetaData()
    sa.Table("room_items", metadata, sa.Column("id", sa.Integer, primary_key=True))
    return Schema("room", "the room", metadata, version, migrations or {}, StoreError, legacy_meta)


@pytest.fixture
def engine():
    engine = sa.create_engine(URL)
    yield engine
    engine.dispose()


def versions(conn) -> list[tuple]:
    return [tuple(r) for r in conn.execute(sa.text(f"SELECT part, version FROM {VERSIONS_TABLE}"))]


def test_a_new_room_is_created_at_its_version(engine):
    with engine.begin() as conn:
        assert stored_version(conn, room()) is None
        assert not schema_is_current(conn, room(), URL)
        create_or_upgrade(conn, room(), URL)
        assert stored_version(conn, room()) == 1 and schema_is_current(conn, room(), URL)
        assert versions(conn) == [("room", 1)]
        assert sa.inspect(conn).has_table("room_items")


def test_two_rooms_share_one_table_of_versions(engine):
    other = Schema("other", "the other room", sa.MetaData(), 5, {}, StoreError)
    with engine.begin() as conn:
        create_or_upgrade(conn, room(), URL)
        create_or_upgrade(conn, other, URL)
        assert sorted(versions(conn)) == [("other", 5), ("room", 1)]


def test_steps_run_in_order_and_the_version_follows(engine):
    ran: list[int] = []
    steps = {1: lambda conn: ran.append(1), 2: lambda conn: ran.append(2)}
    with engine.begin() as conn:
        create_or_upgrade(conn, room(), URL)
        create_or_upgrade(conn, room(3, steps), URL)
        assert ran == [1, 2] and stored_version(conn, room(3)) == 3


def test_a_newer_version_is_refused_and_a_missing_step_named(engine):
    with engine.begin() as conn:
        create_or_upgrade(conn, room(4), URL)
        with pytest.raises(StoreError, match="the room at sqlite:// has schema version 4, newer"):
            schema_is_current(conn, room(2), URL)
        with pytest.raises(StoreError, match="no step from version 4"):
            create_or_upgrade(conn, room(6, {5: lambda conn: None}), URL)


def test_tables_without_a_version_are_refused(engine):
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE room_items (id INTEGER)"))
        with pytest.raises(StoreError, match=r"holds tables of the room \(room_items\)"):
            create_or_upgrade(conn, room(), URL)


def test_a_legacy_version_is_readable_then_moved_at_the_next_write(engine):
    legacy = room(2, {1: lambda conn: None}, legacy_meta="room_meta")
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE room_meta (key VARCHAR(64), value VARCHAR(64))"))
        conn.execute(sa.text("INSERT INTO room_meta VALUES ('schema_version', '1')"))
        assert stored_version(conn, legacy) == 1
        create_or_upgrade(conn, legacy, URL)
        assert versions(conn) == [("room", 2)] and not sa.inspect(conn).has_table("room_meta")
        conn.execute(sa.text(f"DROP TABLE {VERSIONS_TABLE}"))
        conn.execute(sa.text("CREATE TABLE room_meta (key VARCHAR(64), value VARCHAR(64))"))
        conn.execute(sa.text("INSERT INTO room_meta VALUES ('schema_version', '2')"))
        assert schema_is_current(conn, legacy, URL, for_reading=True)
        assert not schema_is_current(conn, legacy, URL)  # a write moves it


def test_a_legacy_version_that_is_no_number_is_named(engine):
    legacy = room(legacy_meta="room_meta")
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE room_meta (key VARCHAR(64), value VARCHAR(64))"))
        conn.execute(sa.text("INSERT INTO room_meta VALUES ('schema_version', 'two')"))
        with pytest.raises(StoreError, match="expected a number .* found 'two'"):
            stored_version(conn, legacy)
