"""PostgreSQL's counterparts of the SQLite hooks: one writer at a time, retries, passwords.

A team shares one PostgreSQL database. SQLite's ``BEGIN IMMEDIATE`` lets one writer in at a
time; here every write transaction takes a transaction-level advisory lock first
(:data:`WRITE_LOCK_KEY`, released at commit or rollback) and runs at ``READ COMMITTED``, so
each statement after the lock sees everything the previous writer committed: writers are
serialised, and no read-modify-write can lose an update. A writer waits for the lock at most
``BUSY_TIMEOUT_S`` seconds (``lock_timeout``). Reads run at ``REPEATABLE READ``: every table a
read looks at comes from one snapshot.

The password never has to be written in the URL: ``?password_env=NAME`` takes it from the
environment variable ``NAME`` (libpq's ``PGPASSWORD`` and ``~/.pgpass`` work too).
"""

from __future__ import annotations

import os
import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from passives_lib.core import StoreError

__all__ = [
    "PASSWORD_ENV",
    "WRITE_LOCK_KEY",
    "is_busy",
    "is_postgresql",
    "lock_for_write",
    "mask_password",
    "may_retry",
    "prepare_url",
]

WRITE_LOCK_KEY = 0x70617373_69766573 & 0x7FFF_FFFF_FFFF_FFFF  # "passives", as a bigint
PASSWORD_ENV = "password_env"
_RETRY_SQLSTATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock detected
_BUSY_SQLSTATES = frozenset({"55P03"})  # lock not available (lock_timeout)
_USERINFO = re.compile(r"(://[^/@:?#]*):([^/@?#]*)@")


def is_postgresql(url: sa.URL) -> bool:
    """Whether a URL names a PostgreSQL database."""
    return url.get_backend_name() == "postgresql"


def prepare_url(url: sa.URL) -> sa.URL:
    """The URL to connect with: psycopg 3 as driver, the password from ``password_env``.

    Parameters
    ----------
    url : sqlalchemy.URL
        A PostgreSQL URL, e.g. ``postgresql://cx@db.example/cx?password_env=CX_DB_PASSWORD``.

    Returns
    -------
    sqlalchemy.URL
        ``postgresql://`` becomes ``postgresql+psycopg://``; ``password_env=NAME`` is taken
        out of the query and the value of the environment variable ``NAME`` becomes the
        password.

    Raises
    ------
    StoreError
        If the variable is not set, or the URL holds a password as well.
    """
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    name = url.query.get(PASSWORD_ENV)
    if name is None:
        return url
    if isinstance(name, tuple) or not name:
        raise StoreError(f"{PASSWORD_ENV} in the database URL must name one environment variable")
    if url.password is not None:
        raise StoreError(
            f"the database URL holds a password and {PASSWORD_ENV}={name}; "
            "keep the password out of the URL"
        )
    password = os.environ.get(name)
    if password is None:
        raise StoreError(
            f"expected the database password in environment variable {name} "
            f"({PASSWORD_ENV} in the URL), found it unset"
        )
    return url.difference_update_query([PASSWORD_ENV]).set(password=password)


def lock_for_write(conn: Connection, timeout_s: int) -> None:
    """Wait (at most ``timeout_s`` seconds) until no other transaction is writing.

    Run first in a write transaction: the lock is held until it commits or rolls back.
    """
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(timeout_s)}s'")
    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))


def sqlstate(error: SQLAlchemyError) -> str | None:
    """The SQLSTATE of a database error, if the driver gave one."""
    if isinstance(error, DBAPIError):
        return getattr(error.orig, "sqlstate", None)
    return None


def may_retry(error: SQLAlchemyError) -> bool:
    """Whether a failed PostgreSQL transaction is worth another attempt.

    Serialization failures and deadlocks are, and so are constraint violations: two
    transactions outside the advisory lock (e.g. two processes creating the tables of a new
    database) may both find a key absent and both insert it; on retry the loser sees the
    winner's rows.
    """
    return sqlstate(error) in _RETRY_SQLSTATES or isinstance(error, sa.exc.IntegrityError)


def is_busy(error: SQLAlchemyError) -> bool:
    """Whether the error says another writer held the lock for too long."""
    return sqlstate(error) in _BUSY_SQLSTATES


def mask_password(text: str, password: Any = None) -> str:
    """``text`` with a URL's password, and ``password`` wherever it appears, as ``***``.

    Examples
    --------
    >>> mask_password("postgresql://cx:s3cret@db/cx failed", "s3cret")
    'postgresql://cx:***@db/cx failed'
    """
    masked = _USERINFO.sub(r"\1:***@", text)
    if isinstance(password, str) and password:
        masked = masked.replace(password, "***")
    return masked
