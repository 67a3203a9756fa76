"""A database with a versioned schema: engine, SQLite hooks, opening and transactions.

The contact ledger and the theme registry both keep their tables this way, each as a thin
subclass of :class:`SchemaDatabase` that names its error class, its schema functions and the
words its messages use.

Storage is an embedded SQLite file by default, or any database SQLAlchemy can reach (a team
can share one PostgreSQL database). The SQLite connection hooks are installed for that dialect
alone: write transactions start with ``BEGIN IMMEDIATE`` (one writer at a time, the others wait
up to :data:`BUSY_TIMEOUT_S` seconds) and the file uses write-ahead logging, so readers never
block the writer. On PostgreSQL a write transaction takes an advisory lock first, with the same
effect, and reads see one snapshot (see ``_postgres``). Every write is one transaction, retried
when a concurrent writer won a race. No URL, message or error shows a password.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError

from passives_lib.core import PassivesError, StoreError
from passives_lib.store.db import _postgres
from passives_lib.store.db._row_errors import RowWriteError

__all__ = ["BUSY_TIMEOUT_S", "Schema", "SchemaDatabase", "create_engine", "display_location"]

BUSY_TIMEOUT_S = 30
_EXAMPLE_URL = "'postgresql://cx@db.example/cx?password_env=CX_DB_PASSWORD'"
_WRITE_ATTEMPTS = 3  # a write that lost a race to a concurrent writer is tried again

_T = TypeVar("_T")


@dataclass(frozen=True)
class Schema:
    """The functions that read, check and create one kind of database's schema.

    Parameters
    ----------
    stored_version : callable
        ``stored_version(conn)``: the stored schema version, or None where there is none.
    schema_is_current : callable
        ``schema_is_current(conn, url)``: whether the schema is in place and current (it
        raises if the database was written by a newer version of ``passives``).
    create_or_upgrade : callable
        ``create_or_upgrade(conn, url)``: create the tables, or migrate them to the current
        version, inside the given write transaction.
    """

    stored_version: Callable[[Connection], int | None]
    schema_is_current: Callable[[Connection, str], bool]
    create_or_upgrade: Callable[[Connection, str], None]


class SchemaDatabase:
    """A database opened with its schema in place, used in read and write transactions.

    Subclasses set the class attributes ``_error`` (the error class raised), ``_schema`` (a
    :class:`Schema`), ``_name`` (how messages name the database, e.g. ``"the ledger"``) and
    ``_busy_name`` (what another process is said to be writing to while the database is
    locked).

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
            The stored ``schema_version`` (in table ``ledger_meta`` of a ledger,
            ``theme_registry_meta`` of a theme registry).
        """
        with self._read() as conn:
            version = self._schema.stored_version(conn)
        if version is None:  # pragma: no cover - the schema is created on open
            raise self._error(f"{self._name} at {self.url} has no schema version")
        return version

    def _open_schema(self) -> None:
        with self._read() as conn:
            if self._schema.schema_is_current(conn, self.url):
                return
        if self._read_only:
            raise self._error(
                f"expected {self._name} at {self.url} to hold current tables, found none or an "
                "older version; it is opened read-only here, so open it once where it can be "
                "written (any `passives plan`) to create or upgrade them"
            )
        self._transaction(
            lambda conn: self._schema.create_or_upgrade(conn, self.url),
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


def display_location(location: str | Path) -> str:
    """A ledger's location as it may be shown: a URL's password replaced by ``***``.

    Parameters
    ----------
    location : str or Path
        A file path or a SQLAlchemy URL.

    Returns
    -------
    str
        The path, or the URL with its password (if any) masked.

    Examples
    --------
    >>> display_location("postgresql://cx:s3cret@db/cx")
    'postgresql://cx:***@db/cx'
    """
    return _postgres.mask_password(str(location))


def create_engine(location: str | Path, *, read_only: bool = False) -> Engine:
    """An engine for a file path (SQLite, folder created) or a SQLAlchemy URL.

    Parameters
    ----------
    location : str or Path
        A file path, or a SQLAlchemy URL (any text containing ``://``).
    read_only : bool
        Open an existing SQLite file for reading only: nothing is created, and a file or
        folder that cannot be written (a read-only share) can still be read.

    Returns
    -------
    sqlalchemy.engine.Engine
        The engine, with the SQLite hooks installed where the dialect is SQLite.

    Raises
    ------
    StoreError
        If the URL is malformed or unusable, the path is a folder, or its folder cannot be
        created.
    """
    if isinstance(location, str) and "://" in location:
        try:
            url = sa.make_url(location)
        except (ArgumentError, ValueError):  # e.g. a port that is not a number
            shown = _postgres.mask_password(location)
            raise StoreError(
                f"expected a database URL such as {_EXAMPLE_URL}, found {shown!r}"
            ) from None
        if _postgres.is_postgresql(url):
            url = _postgres.prepare_url(url)
    else:
        path = Path(location).expanduser()
        if path.is_dir():
            raise StoreError("is a folder; give the ledger's file name", path=path)
        if read_only:
            url = _read_only_sqlite_url(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the ledger's folder: {exc}", path=path) from None
            url = sa.URL.create("sqlite", database=str(path.resolve()))
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "sqlite":
        connect_args["timeout"] = BUSY_TIMEOUT_S
    elif _postgres.is_postgresql(url):
        connect_args["connect_timeout"] = BUSY_TIMEOUT_S
    try:
        engine = sa.create_engine(url, connect_args=connect_args)
    except (SQLAlchemyError, ImportError) as exc:
        hint = " (pip install 'passives[postgres]')" if "psycopg" in str(exc) else ""
        detail = _postgres.mask_password(str(exc), url.password)
        raise StoreError(
            f"cannot use database URL {url.render_as_string()!r}: {detail}{hint}"
        ) from None
    if engine.dialect.name == "sqlite":
        _install_sqlite_hooks(engine)
    return engine


def can_write(path: Path) -> bool:
    """Whether a SQLite ledger at ``path`` (and the lock files beside it) can be written.

    Parameters
    ----------
    path : Path
        The ledger file; when it does not exist yet, whether its folder takes a new file.

    Returns
    -------
    bool
        False for a read-only file or folder (a read-only share, a ``chmod a-w`` ledger).
    """
    resolved = Path(path).expanduser().resolve()
    folder_ok = os.access(resolved.parent, os.W_OK)
    return folder_ok and (not resolved.exists() or os.access(resolved, os.W_OK))


def _read_only_sqlite_url(path: Path) -> sa.URL:
    """A SQLite URL that reads ``path`` without writing anything beside it.

    Where the file and its folder can be written, ``mode=ro``; where they cannot (a read-only
    share), ``immutable=1`` too, since SQLite could not create its lock files there.
    """
    if not path.is_file():
        raise StoreError(
            "expected an existing ledger file, found none (a ledger is created by "
            "`passives plan`; check the path)",
            path=path,
        )
    options = "mode=ro" if can_write(path) else "mode=ro&immutable=1"
    resolved = path.resolve()
    return sa.URL.create(
        "sqlite", database=f"file:{resolved.as_posix()}?{options}", query={"uri": "true"}
    )


def _install_sqlite_hooks(engine: Engine) -> None:
    """Let SQLAlchemy emit BEGIN itself: IMMEDIATE for writes, deferred for reads."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Stop the sqlite3 module from issuing its own BEGIN (and COMMIT before DDL).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if mode not in ("wal", "memory"):
                cursor.execute("PRAGMA journal_mode=WAL")
        except Exception:  # WAL is an optimisation; the default journal is safe too
            pass
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("ledger_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")
