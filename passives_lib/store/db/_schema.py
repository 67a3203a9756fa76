"""One schema-version system for every room of the store: versions, creation, upgrades.

A database that holds a ledger and its theme registry keeps one table of versions,
``passives_schema``: one row per room (``part``: ``ledger``, ``theme_registry``) with the
version of that room's tables. Each room describes itself once as a :class:`Schema` (its
tables, its current version and its upgrade steps); creating, upgrading and refusing a
database written by a newer ``passives`` are done here, the same way for every room.

Databases written before this table existed kept each room's version in a key/value table of
its own (``ledger_meta``, ``theme_registry_meta``): such a version is read from there, the
room is upgraded as usual, its version moves into ``passives_schema`` and the old table is
dropped, all in the transaction that upgrades it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.core import StoreError

__all__ = ["VERSIONS_TABLE", "Schema", "create_or_upgrade", "schema_is_current", "stored_version"]

VERSIONS_TABLE = "passives_schema"

_versions_metadata = sa.MetaData()
versions_table = sa.Table(
    VERSIONS_TABLE,
    _versions_metadata,
    sa.Column("part", sa.String(64), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)


@dataclass(frozen=True)
class Schema:
    """One room's tables, their current version and the steps that upgrade older ones.

    Parameters
    ----------
    part : str
        The room's key in ``passives_schema``, e.g. ``"ledger"``.
    name : str
        How messages name the room, e.g. ``"the ledger"``.
    metadata : sqlalchemy.MetaData
        The room's tables (all of them, at the current version).
    version : int
        The current version of the room's tables.
    migrations : mapping of int to callable
        ``migrations[v](conn)`` takes the tables from version ``v`` to ``v + 1`` inside the
        caller's transaction.
    error : type
        The error raised for this room (a :class:`~passives_lib.core.StoreError`).
    legacy_meta : str or None
        The key/value table that held the room's ``schema_version`` before ``passives_schema``.
    """

    part: str
    name: str
    metadata: sa.MetaData
    version: int
    migrations: Mapping[int, Callable[[Connection], None]]
    error: type[StoreError]
    legacy_meta: str | None = None

    @property
    def tables(self) -> tuple[str, ...]:
        """The names of the room's tables."""
        return tuple(self.metadata.tables)


def stored_version(conn: Connection, schema: Schema) -> int | None:
    """The version of a room's tables in the database; None when the room has none yet.

    Parameters
    ----------
    conn : sqlalchemy.engine.Connection
        A connection inside a transaction.
    schema : Schema
        The room.

    Returns
    -------
    int or None
        The version in ``passives_schema``, else in the room's legacy table, else None.

    Raises
    ------
    StoreError
        (``schema.error``) If the stored version is not a number.
    """
    return _stored(conn, schema)[0]


def schema_is_current(
    conn: Connection, schema: Schema, url: str, *, for_reading: bool = False
) -> bool:
    """Whether a room's tables are in place at the current version.

    Parameters
    ----------
    conn : sqlalchemy.engine.Connection
        A connection inside a transaction.
    schema : Schema
        The room.
    url : str
        The database, as messages show it.
    for_reading : bool
        Accept a current version still kept in the room's legacy table (it moves at the next
        write); otherwise such a room needs :func:`create_or_upgrade`.

    Returns
    -------
    bool
        True when nothing has to be created or upgraded.

    Raises
    ------
    StoreError
        (``schema.error``) If a newer version of ``passives`` wrote the tables.
    """
    version, legacy = _stored(conn, schema)
    _refuse_newer(schema, version, url)
    return version == schema.version and (for_reading or not legacy)


def create_or_upgrade(conn: Connection, schema: Schema, url: str) -> None:
    """Create a room's tables, or upgrade older ones, inside the caller's write transaction.

    The version is read again here, under the write lock: another process may have created
    or upgraded the room meanwhile. A failed step leaves every table at its old version.

    Parameters
    ----------
    conn : sqlalchemy.engine.Connection
        A connection inside the write transaction.
    schema : Schema
        The room.
    url : str
        The database, as messages show it.

    Raises
    ------
    StoreError
        (``schema.error``) If the tables were written by a newer ``passives``, if the room's
        tables exist without a version, or if no step is known for a version on the way.
    """
    version, legacy = _stored(conn, schema)
    _refuse_newer(schema, version, url)
    if version is None:
        _create(conn, schema, url)
        return
    for step_from in range(version, schema.version):
        step = schema.migrations.get(step_from)
        if step is None:
            raise schema.error(
                f"{schema.name} at {url} has schema version {version}, which this version of "
                f"passives cannot upgrade (no step from version {step_from})"
            )
        step(conn)
    _record_version(conn, schema)
    if legacy:
        conn.execute(sa.text(f"DROP TABLE {schema.legacy_meta}"))


def _stored(conn: Connection, schema: Schema) -> tuple[int | None, bool]:
    """The stored version and whether it was read from the room's legacy table."""
    inspector = sa.inspect(conn)
    if inspector.has_table(VERSIONS_TABLE):
        value = conn.execute(
            sa.select(versions_table.c.version).where(versions_table.c.part == schema.part)
        ).scalar_one_or_none()
        if value is not None:
            return int(value), False
    if schema.legacy_meta is None or not inspector.has_table(schema.legacy_meta):
        return None, False
    legacy = sa.table(schema.legacy_meta, sa.column("key"), sa.column("value"))
    value = conn.execute(
        sa.select(legacy.c.value).where(legacy.c.key == "schema_version")
    ).scalar_one_or_none()
    if value is None:
        return None, False
    try:
        return int(value), True
    except ValueError:
        raise schema.error(
            f"expected a number as {schema.name}'s schema_version in {schema.legacy_meta}, "
            f"found {value!r}"
        ) from None


def _refuse_newer(schema: Schema, version: int | None, url: str) -> None:
    if version is not None and version > schema.version:
        raise schema.error(
            f"{schema.name} at {url} has schema version {version}, newer than version "
            f"{schema.version} that this version of passives knows; upgrade passives"
        )


def _create(conn: Connection, schema: Schema, url: str) -> None:
    present = set(sa.inspect(conn).get_table_names()) & set(schema.tables)
    if present:
        raise schema.error(
            f"the database at {url} holds tables of {schema.name} "
            f"({', '.join(sorted(present))}) but no schema version in {VERSIONS_TABLE}; it "
            "was not written by passives or is damaged"
        )
    schema.metadata.create_all(conn)
    _record_version(conn, schema)


def _record_version(conn: Connection, schema: Schema) -> None:
    _versions_metadata.create_all(conn)  # checkfirst: created once, by the first room
    updated = conn.execute(
        sa.update(versions_table)
        .where(versions_table.c.part == schema.part)
        .values(version=schema.version)
    )
    if updated.rowcount == 0:
        conn.execute(sa.insert(versions_table).values(part=schema.part, version=schema.version))
