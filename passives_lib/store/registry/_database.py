"""The theme registry's database connection: :class:`RegistryDatabase`.

The registry shares the contact ledger's engine, SQLite hooks, opening and transactions (see
:class:`passives_lib.store.db._database.SchemaDatabase`): write transactions start with
``BEGIN IMMEDIATE`` on SQLite, and every call is one transaction, a write retried when a
concurrent writer won a race elsewhere than SQLite.
"""

from __future__ import annotations

from pathlib import Path

from passives_lib.core import RegistryError
from passives_lib.store.db import SchemaDatabase
from passives_lib.store.registry._schema import SCHEMA

__all__ = ["RegistryDatabase", "registry_has_themes"]


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
    _schema = SCHEMA
    _name = "the theme registry"


def registry_has_themes(location: str | Path) -> bool:
    """Whether a theme registry with at least one theme exists there, without creating one.

    Parameters
    ----------
    location : str or Path
        A SQLite file path or a SQLAlchemy URL.

    Returns
    -------
    bool
        False for a missing file, a database without the registry's tables, or an empty one.
    """
    if not ("://" in str(location) or Path(location).expanduser().is_file()):
        return False
    import sqlalchemy as sa

    from passives_lib.store.db import create_engine
    from passives_lib.store.registry._schema import themes_table

    engine = create_engine(location, read_only="://" not in str(location))  # it only reads
    try:
        if not sa.inspect(engine).has_table(themes_table.name):
            return False
        with engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(themes_table)).scalar() > 0
    finally:
        engine.dispose()
