"""Moving a team's ledger to another database: :func:`copy_ledger`.

A team that started on a SQLite file moves its contacts, plans, fixes and theme registry onto
the shared PostgreSQL server in one transaction: either everything arrives or nothing does.
The source is only read; a target that already holds ledger or registry rows is refused.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from passives_lib.core import LedgerError
from passives_lib.store.db import create_engine, create_or_upgrade, mask_password, stored_version
from passives_lib.store.ledger import LedgerDatabase
from passives_lib.store.ledger import schema as _ledger_schema
from passives_lib.store.registry import schema as _registry_schema

__all__ = ["copied_summary", "copy_ledger"]

_CHUNK = 1000  # rows per INSERT

# (table, column ordering its rows) in an order that satisfies the foreign keys
_TABLES = (
    (_ledger_schema.assignments_table, "id"),
    (_ledger_schema.events_table, "id"),
    (_ledger_schema.theme_fixes_table, "id"),
    (_ledger_schema.planned_weeks_table, "week"),
    (_ledger_schema.quick_wins_table, "id"),
    (_registry_schema.themes_table, "stable_id"),
    (_registry_schema.sightings_table, "week"),
    (_registry_schema.opinions_table, "week"),
)


class _Target(LedgerDatabase):
    """The target database, opened without creating anything (the copy creates the schema)."""

    def _open_schema(self) -> None:
        pass


def copy_ledger(source: str | Path, target: str | Path) -> dict[str, int]:
    """Copy a ledger (contacts, plans, fixes, theme registry) into an empty database.

    Parameters
    ----------
    source : str or Path
        The ledger to copy: a SQLite file path or a SQLAlchemy URL. It is only read.
    target : str or Path
        Where to copy it, e.g. ``postgresql://cx@db.example/cx?password_env=CX_DB_PASSWORD``:
        a database without ledger or registry rows (its tables are created if missing).

    Returns
    -------
    dict of str to int
        Rows copied per table.

    Raises
    ------
    LedgerError
        If the source is missing, holds no ledger, or is of another schema version than this
        ``passives`` writes; if the target holds rows already; or if a database fails, in
        which case nothing is written to the target.
    """
    tables = _read_source(source)
    with _Target(target) as database:
        return database._transaction(
            lambda conn: _write_target(conn, database.url, tables),
            "cannot copy the ledger; nothing was written",
            may_retry=lambda error: False,
        )


def _read_source(source: str | Path) -> dict[str, list[dict]]:
    if not ("://" in str(source) or Path(source).expanduser().is_file()):
        raise LedgerError("expected an existing ledger file to copy, found none", path=source)
    engine = create_engine(source)
    shown = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":  # every table from one snapshot
                conn.execution_options(isolation_level="REPEATABLE READ")
            return _read_tables(conn, shown)
    except SQLAlchemyError as exc:
        detail = mask_password(str(getattr(exc, "orig", exc)), engine.url.password)
        raise LedgerError(f"cannot read the ledger at {shown}: {detail}") from None
    finally:
        engine.dispose()


def _read_tables(conn: Connection, shown: str) -> dict[str, list[dict]]:
    with conn.begin():
        _check_version(conn, shown)
        present = set(sa.inspect(conn).get_table_names())
        return {
            table.name: [dict(row._mapping) for row in _rows(conn, table, order)]
            for table, order in _TABLES
            if table.name in present
        }


def _check_version(conn: Connection, shown: str) -> None:
    version = stored_version(conn, _ledger_schema.SCHEMA)
    if version is None:
        raise LedgerError(f"expected a ledger at {shown}, found no ledger schema version")
    registry = stored_version(conn, _registry_schema.SCHEMA)
    for what, found, current in (
        ("ledger", version, _ledger_schema.SCHEMA_VERSION),
        ("theme registry", registry, _registry_schema.SCHEMA_VERSION),
    ):
        if found is not None and found != current:
            raise LedgerError(
                f"expected {what} schema version {current} at {shown}, found {found}; open it "
                "once with this version of passives (which upgrades it), then copy"
            )


def _rows(conn: Connection, table: sa.Table, order: str) -> sa.CursorResult:
    return conn.execute(sa.select(table).order_by(table.c[order]))


def _write_target(conn: Connection, shown: str, tables: dict[str, list[dict]]) -> dict[str, int]:
    present = set(sa.inspect(conn).get_table_names())
    for table, _ in _TABLES:
        if table.name in present:
            count = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
            if count:
                raise LedgerError(
                    f"expected an empty target, found {count} row(s) in {table.name} at "
                    f"{shown}; nothing was copied"
                )
    create_or_upgrade(conn, _ledger_schema.SCHEMA, shown)
    create_or_upgrade(conn, _registry_schema.SCHEMA, shown)
    copied: dict[str, int] = {}
    for table, _ in _TABLES:
        rows = tables.get(table.name, [])
        if table is _registry_schema.themes_table:  # merges may point at later themes
            _insert(conn, table, [{**row, "merged_into": None} for row in rows])
            for row in rows:
                if row["merged_into"] is not None:
                    conn.execute(
                        sa.update(table)
                        .where(table.c.stable_id == row["stable_id"])
                        .values(merged_into=row["merged_into"])
                    )
        else:
            _insert(conn, table, rows)
        copied[table.name] = len(rows)
    _continue_ids(conn)
    return copied


def _insert(conn: Connection, table: sa.Table, rows: list[dict]) -> None:
    for start in range(0, len(rows), _CHUNK):
        conn.execute(sa.insert(table), rows[start : start + _CHUNK])


def _continue_ids(conn: Connection) -> None:
    """Let PostgreSQL's id sequences continue after the copied ids (SQLite needs nothing)."""
    if conn.dialect.name != "postgresql":
        return
    for table, order in _TABLES:
        if order == "id":
            conn.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                )
            )


def copied_summary(copied: dict[str, int]) -> str:
    """One line saying how many rows of each table were copied."""
    return ", ".join(f"{count} {name}" for name, count in copied.items())
