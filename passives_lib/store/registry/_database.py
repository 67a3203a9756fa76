"""The theme registry's database connection: :class:`RegistryDatabase`.

The registry shares the contact ledger's engine, SQLite hooks, opening and transactions (see
:class:`passives_lib.store.db._database.SchemaDatabase`): write transactions start with
``BEGIN IMMEDIATE`` on SQLite, and every call is one transaction, a write retried when a
concurrent writer won a race elsewhere than SQLite.
"""

from __future__ import annotations

from passives_lib.core import RegistryError
from passives_lib.store.db import Schema, SchemaDatabase
from passives_lib.store.registry._schema import (
    create_or_upgrade,
    schema_is_current,
    stored_version,
)

__all__ = ["RegistryDatabase"]


class RegistryDatabase(SchemaDatabase):
    """The database of a theme registry: opened with its schema in place, used in transactions.

    Parameters
    ----------
    location : str or Path
        A file path (a SQLite file, created with its folder if missing) or a SQLAlchemy URL
        (any text containing ``://``).

    Raises
    ------
    RegistryError
        If the database cannot be reached, holds registry tables without a schema version,
        or was written by a newer version of ``passives``.
    """

    _error = RegistryError
    _schema = Schema(stored_version, schema_is_current, create_or_upgrade)
    _name = "the theme registry"
