"""A database with a versioned schema: opening, closing and transactions.

The contact ledger and the theme registry both keep their tables this way, each as a thin
subclass of :class:`SchemaDatabase` that names its error class, its room's schema (see
``_schema``) and the words its messages use.

Storage is an embedded SQLite file by default, or any database SQLAlchemy can reach (a team can
share one PostgreSQL database); the engine and its SQLite hooks are made in ``_engine``. On
SQLite a write transaction starts with ``BEGIN IMMEDIATE`` (one writer at a time). On
PostgreSQL a write transaction takes an advisory lock first, with the same effect, and reads
see one snapshot (see ``_postgres``). Every write is one transaction, retried when a concurrent
writer won a race. No URL, message or error shows a password.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar, Self, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from passives_lib.core import PassivesError, StoreError
from passives_lib.store.db import _postgres
from passives_lib.store.db._engine import BUSY_TIMEOUT_S, create_engine
from passives_lib.store.db._row_errors import RowWriteError
from passives_lib.store.db._schema import (
    Schema,
    create_or_upgrade,
    schema_is_current,
    stored_version,
)

__all__ = ["SchemaDatabase"]

_WRITE_ATTEMPTS = 3  # a write that lost a race to a concurrent writer is tried again

_T = TypeVar("_T")


class SchemaDatabase:
    """A database opened with its schema in place, used in read and write transactions.

    Subclasses set the class attributes ``_error`` (the error class raised), ``_schema`` (the
    room's :class:`~passives_lib.store.db._schema.Schema`), ``_name`` (how messages name the
    database, e.g. ``"the ledger"``) and ``_busy_name`` (what another process is said to be
    writing to while the database is locked).

    Parameters
    ----------
    location : str or Path
        Where the database is: see :func:`create_engine`.

    Raises
    ------
    PassivesError
        The subclass's ``_error``: the database is unreachable, its tables lack a schema
        version, or a newer ``passives`` wrote them.
    """

    _error: ClassVar[type[PassivesError]]
    _schema: ClassVar[Schema]
    _name: ClassVar[str]
    _busy_name: ClassVar[str] = "the database"

    def __init__(self, location: str | Path, *, read_only: bool = False) -> None:
        self._closed = False
        self._read_only = read_only
        try:
            self._engine = create_engine(location, read_only=read_only)
        except StoreError as exc:
            if isinstance(exc, self._error):
                raise
            raise self._error(str(exc)) from None
        try:
            self._open_schema()
        except BaseException:
            self._engine.dispose()
            raise

    # -- opening --------------------------------------------------------------------------

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
        """The schema version stored in the database.

        Returns
        -------
        int
            The version of the room's tables stored in ``passives_schema``.
        """
        with self._read() as conn:
            version = stored_version(conn, self._schema)
        if version is None:  # pragma: no cover - the schema is created on open
            raise self._error(f"{self._name} at {self.url} has no schema version")
        return version

    def _open_schema(self) -> None:
        with self._read() as conn:
            if schema_is_current(conn, self._schema, self.url, for_reading=self._read_only):
                return
        if self._read_only:
            raise self._error(
                f"expected {self._name} at {self.url} to hold current tables, found none or an "
                "older version; it is opened read-only here, so open it once where it can be "
                "written (any `passives plan`) to create or upgrade them"
            )
        self._transaction(
            lambda conn: create_or_upgrade(conn, self._schema, self.url),
            f"cannot create {self._name}'s tables",
            may_retry=self._may_retry_schema,
        )

    def _may_retry_schema(self, error: SQLAlchemyError) -> bool:
        """Whether a failed creation or upgrade of the schema is worth another attempt."""
        return self._may_retry(error)

    # -- closing --------------------------------------------------------------------------

    def close(self) -> None:
        """Release the database connections.

        Notes
        -----
        The object must not be used afterwards (a new one can be opened on the same location
        at any time).
        """
        self._engine.dispose()
        self._closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.url!r})"

    # -- transactions ---------------------------------------------------------------------

    def _connect(self) -> Connection:
        if self._closed:
            raise self._error(f"{self._name} at {self.url} is closed")
        try:
            return self._engine.connect()
        except SQLAlchemyError as exc:
            raise self._database_error(f"cannot open {self._name}", exc) from exc

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        conn = self._connect()
        try:
            if self._is_postgresql():  # every table read from one snapshot
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn
        except SQLAlchemyError as exc:
            raise self._database_error(f"cannot read {self._name}", exc) from exc
        finally:
            conn.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        conn = self._connect()
        try:
            conn.execution_options(ledger_write=True)  # BEGIN IMMEDIATE on SQLite
            if self._is_postgresql():  # each statement sees what the previous writer committed
                conn.execution_options(isolation_level="READ COMMITTED")
            with conn.begin():
                if self._is_postgresql():  # one writer at a time, as on SQLite
                    _postgres.lock_for_write(conn, BUSY_TIMEOUT_S)
                yield conn
        finally:
            conn.close()

    def _transaction(
        self,
        work: Callable[[Connection], _T],
        failure: str,
        may_retry: Callable[[SQLAlchemyError], bool] | None = None,
    ) -> _T:
        """Run ``work`` in one write transaction, retried when a concurrent writer won a race.

        ``may_retry`` tells which database errors are worth another attempt
        (:meth:`_may_retry` by default); at most ``_WRITE_ATTEMPTS`` are made.
        """
        if may_retry is None:
            may_retry = self._may_retry
        for attempt in range(_WRITE_ATTEMPTS):
            last = attempt == _WRITE_ATTEMPTS - 1
            try:
                with self._write() as conn:
                    return work(conn)
            except RowWriteError as exc:
                if last or not may_retry(exc.error):
                    raise self._database_error(
                        f"{failure}; writing {exc.where} failed", exc.error
                    ) from exc.error
            except SQLAlchemyError as exc:
                if last or not may_retry(exc):
                    raise self._database_error(failure, exc) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _insert(
        self, conn: Connection, table: sa.Table, values: dict[str, Any], where: str
    ) -> None:
        try:
            conn.execute(sa.insert(table).values(**values))
        except SQLAlchemyError as exc:
            raise RowWriteError(where, exc) from exc

    def _is_sqlite(self) -> bool:
        return self._engine.dialect.name == "sqlite"

    def _is_postgresql(self) -> bool:
        return self._engine.dialect.name == "postgresql"

    def _may_retry(self, error: SQLAlchemyError) -> bool:
        # SQLite writers are serialised by BEGIN IMMEDIATE, so a constraint violation there is
        # real. PostgreSQL writers are serialised by the advisory lock, but a serialization
        # failure or deadlock is worth another attempt. Elsewhere two writers may both find a
        # key absent (or mint the same new id) and both insert it: the loser gets an
        # IntegrityError and, on retry, sees the winner's rows.
        if self._is_postgresql():
            return _postgres.may_retry(error)
        return isinstance(error, IntegrityError) and not self._is_sqlite()

    def _database_error(self, message: str, error: SQLAlchemyError) -> PassivesError:
        lines = str(getattr(error, "orig", None) or error).strip().splitlines()
        detail = lines[0] if lines else type(error).__name__
        if "locked" in detail or "busy" in detail or _postgres.is_busy(error):
            detail += (
                f" (another process is writing to {self._busy_name}; waited {BUSY_TIMEOUT_S} s)"
            )
        detail = _postgres.mask_password(detail, self._engine.url.password)
        return self._error(f"{message}: {detail} [{self.url}]")
