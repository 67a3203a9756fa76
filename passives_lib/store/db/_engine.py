"""Engines for the store: a SQLite file (with its hooks) or a SQLAlchemy URL.

The SQLite connection hooks are installed for that dialect alone: write transactions start
with ``BEGIN IMMEDIATE`` (one writer at a time, the others wait up to :data:`BUSY_TIMEOUT_S`
seconds) and the file uses write-ahead logging, so readers never block the writer. No URL or
message shows a password.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from passives_lib.core import StoreError
from passives_lib.store.db import _postgres

__all__ = ["BUSY_TIMEOUT_S", "can_write", "create_engine", "display_location"]

BUSY_TIMEOUT_S = 30
_EXAMPLE_URL = "'postgresql://cx@db.example/cx?password_env=CX_DB_PASSWORD'"


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
