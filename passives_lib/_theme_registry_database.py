"""The theme registry's database connection: opening with the schema in place, transactions.

The registry uses the contact ledger's engine and SQLite hooks (see ``_ledger_database``):
write transactions start with ``BEGIN IMMEDIATE`` on SQLite, and every call is one
transaction, a write retried when a concurrent writer won a race elsewhere than SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self, TypeVar

from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from passives_lib._ledger_database import BUSY_TIMEOUT_S, create_engine
from passives_lib._ledger_errors import LedgerError
from passives_lib._theme_registry_errors import RegistryError
from passives_lib._theme_registry_schema import (
    create_or_upgrade,
    schema_is_current,
    stored_version,
)

_WRITE_ATTEMPTS = 3
_T = TypeVar("_T")


class RegistryDatabase:
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

    def __init__(self, location: str | Path) -> None:
        self._closed = False
        try:
            self._engine = create_engine(location)
        except LedgerError as exc:
            raise RegistryError(str(exc)) from None
        try:
            self._open_schema()
        except BaseException:
            self._engine.dispose()
            raise

    @property
    def url(self) -> str:
        """The database URL, password hidden.

        Returns
        -------
        str
            E.g. ``sqlite:////home/cx/ledger.sqlite``.
        """
        return self._engine.url.render_as_string(hide_password=True)

    def schema_version(self) -> int:
        """The registry's schema version, stored in table ``theme_registry_meta``.

        Returns
        -------
        int
            The stored ``schema_version``.
        """
        with self._read() as conn:
            version = stored_version(conn)
        if version is None:  # pragma: no cover - the schema is created on open
            raise RegistryError(f"the theme registry at {self.url} has no schema version")
        return version

    # -- opening and closing --------------------------------------------------------------

    def close(self) -> None:
        """Release the registry's database connections; the object is unusable afterwards."""
        self._engine.dispose()
        self._closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.url!r})"

    def _open_schema(self) -> None:
        with self._read() as conn:
            if schema_is_current(conn, self.url):
                return
        self._transaction(
            lambda conn: create_or_upgrade(conn, self.url),
            "cannot create the theme registry's tables",
        )

    # -- transactions ---------------------------------------------------------------------

    def _connect(self) -> Connection:
        if self._closed:
            raise RegistryError(f"the theme registry at {self.url} is closed")
        try:
            return self._engine.connect()
        except SQLAlchemyError as exc:
            raise self._database_error("cannot open the theme registry", exc) from exc

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        conn = self._connect()
        try:
            with conn.begin():
                yield conn
        except SQLAlchemyError as exc:
            raise self._database_error("cannot read the theme registry", exc) from exc
        finally:
            conn.close()

    def _transaction(self, work: Callable[[Connection], _T], failure: str) -> _T:
        """Run ``work`` in one write transaction (``BEGIN IMMEDIATE`` on SQLite).

        Elsewhere than SQLite two writers may both mint the same new id; the loser gets an
        IntegrityError and is tried again, when it sees the winner's rows.
        """
        for attempt in range(_WRITE_ATTEMPTS):
            conn = self._connect()
            try:
                conn.execution_options(ledger_write=True)  # the ledger's BEGIN IMMEDIATE hook
                with conn.begin():
                    return work(conn)
            except SQLAlchemyError as exc:
                retry = isinstance(exc, IntegrityError) and self._engine.dialect.name != "sqlite"
                if not retry or attempt == _WRITE_ATTEMPTS - 1:
                    raise self._database_error(failure, exc) from exc
            finally:
                conn.close()
        raise AssertionError("unreachable")  # pragma: no cover

    def _database_error(self, message: str, error: SQLAlchemyError) -> RegistryError:
        lines = str(getattr(error, "orig", None) or error).strip().splitlines()
        detail = lines[0] if lines else type(error).__name__
        if "locked" in detail or "busy" in detail:
            detail += f" (another process is writing to the database; waited {BUSY_TIMEOUT_S} s)"
        return RegistryError(f"{message}: {detail} [{self.url}]")
