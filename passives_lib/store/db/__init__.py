"""The store's foundation: engines, one schema-version system with its migrations, values.

Both rooms of the store (``ledger`` and ``registry``) keep their tables in one database
opened through :class:`SchemaDatabase`: SQLite with its hooks, or PostgreSQL with one writer
at a time. Each room describes its tables, version and upgrade steps as a :class:`Schema`;
one table, ``passives_schema``, holds every room's version.
"""

from passives_lib.store.db._database import SchemaDatabase
from passives_lib.store.db._engine import (
    BUSY_TIMEOUT_S,
    can_write,
    create_engine,
    display_location,
)
from passives_lib.store.db._postgres import mask_password
from passives_lib.store.db._row_errors import LedgerError, RowWriteError
from passives_lib.store.db._schema import (
    VERSIONS_TABLE,
    Schema,
    create_or_upgrade,
    schema_is_current,
    stored_version,
)
from passives_lib.store.db._values import MAX_TEXT, check_week

__all__ = [
    "BUSY_TIMEOUT_S",
    "LedgerError",
    "MAX_TEXT",
    "RowWriteError",
    "Schema",
    "SchemaDatabase",
    "VERSIONS_TABLE",
    "can_write",
    "check_week",
    "create_engine",
    "create_or_upgrade",
    "display_location",
    "mask_password",
    "schema_is_current",
    "stored_version",
]
