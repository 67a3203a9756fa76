"""The contact ledger's database connection: :class:`LedgerDatabase`.

Opening, closing and transactions are shared with the theme registry in ``_database`` (see
:class:`passives_lib.store.db._database.SchemaDatabase`): storage is an embedded SQLite file by
default, or any database SQLAlchemy can reach (a team can share one PostgreSQL ledger). Write
transactions start with ``BEGIN IMMEDIATE`` on SQLite (the others wait up to
:data:`BUSY_TIMEOUT_S` seconds), and every write is one transaction, retried when a concurrent
writer won a race.
"""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from passives_lib.store.db import BUSY_TIMEOUT_S, LedgerError, SchemaDatabase, create_engine
from passives_lib.store.ledger._schema import SCHEMA

__all__ = ["BUSY_TIMEOUT_S", "LedgerDatabase", "create_engine"]


class LedgerDatabase(SchemaDatabase):
    """The database of a ledger: opened with its schema in place, used in transactions.

    Parameters
    ----------
    location : str or Path
        A file path (a SQLite file, created with its folder if missing), or a SQLAlchemy URL
        (any text containing ``://``).

    Raises
    ------
    LedgerError
        If the database cannot be reached, holds tables of a ledger without a schema version,
        or was written by a newer version of ``passives`` than this one.
    """

    _error = LedgerError
    _schema = SCHEMA
    _name = "the ledger"
    _busy_name = "the ledger"

    def _may_retry_schema(self, error: SQLAlchemyError) -> bool:
        # Create or upgrade under the write lock. Elsewhere than SQLite two processes may
        # create a fresh ledger at once; the loser fails on a duplicate table and, on retry,
        # finds the schema in place.
        return not self._is_sqlite()
