"""The store's foundation: engines, one schema-version system with its migrations, values.

Both rooms of the store (``ledger`` and ``registry``) keep their tables in one database
opened through :class:`SchemaDatabase`: SQLite with its hooks, or PostgreSQL with one writer
at a time; each room upgrades its tables with :func:`run_migrations`.
"""

from passives_lib.store.db._database import (
    BUSY_TIMEOUT_S,
    Schema,
    SchemaDatabase,
    can_write,
    create_engine,
    display_location,
)
from passives_lib.store.db._migrations import run_migrations
from passives_lib.store.db._postgres import mask_password
from passives_lib.store.db._row_errors import LedgerError, RowWriteError
from passives_lib.store.db._values import MAX_TEXT, check_week

__all__ = [
    "BUSY_TIMEOUT_S",
    "LedgerError",
    "MAX_TEXT",
    "RowWriteError",
    "Schema",
    "SchemaDatabase",
    "can_write",
    "check_week",
    "create_engine",
    "display_location",
    "mask_password",
    "run_migrations",
]
