"""Schema upgrades, step by step, for the ledger's and the theme registry's tables."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.core import StoreError


def run_migrations(
    conn: Connection,
    steps: dict[int, Callable[[Connection], None]],
    versions: tuple[int, int],
    meta_table: sa.Table,
    where: str,
    error: type[StoreError],
) -> None:
    """Upgrade a schema from one version to another inside the caller's transaction.

    Parameters
    ----------
    conn : sqlalchemy.engine.Connection
        A connection inside the write transaction; every step runs in it, so a failed upgrade
        leaves the tables at their old version.
    steps : dict of int to callable
        ``steps[v]`` takes the tables from version ``v`` to ``v + 1``.
    versions : tuple of int
        The stored version and the current one.
    meta_table : sqlalchemy.Table
        The ``key``/``value`` table holding ``schema_version``, set to the current version.
    where : str
        Names the store in messages, e.g. ``the ledger at sqlite:///l.sqlite``.
    error : type
        The error raised when a step is missing.

    Raises
    ------
    StoreError
        (``error``) If no step is known for a version on the way.
    """
    stored, current = versions
    for version in range(stored, current):
        step = steps.get(version)
        if step is None:
            raise error(
                f"{where} has schema version {stored}, which this version of passives cannot "
                f"upgrade (no step from version {version})"
            )
        step(conn)
    conn.execute(
        sa.update(meta_table).where(meta_table.c.key == "schema_version").values(value=str(current))
    )
