"""The contact ledger: whom the team was asked to contact, and what happened since.

The weekly planner must never contact a passive twice before they have answered. The ledger
remembers, across runs, every assignment (which list, which week, which colleague), every
status event (from the CRM or entered by hand) and every theme the business marked as fixed.

Storage is an embedded SQLite file by default, or any database SQLAlchemy can reach (a team
can share one PostgreSQL ledger). Only portable SQLAlchemy Core is used, except the SQLite
connection hooks, which are installed for that dialect alone.

Every write is one transaction: a write that fails half-way leaves the ledger exactly as it was
and the error names the row that failed. With SQLite, write transactions start with
``BEGIN IMMEDIATE`` (one writer at a time, the others wait up to :data:`BUSY_TIMEOUT_S`
seconds) and the file uses write-ahead logging, so readers never block the writer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError

from passives_lib._errors import InputError, NoDataRowsError, PassivesError, _locate
from passives_lib._reading import read_table

SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30

CONTACT_STATUSES = ("contacted", "responded", "converted", "declined", "no_answer")
LISTS = ("call_list", "management_sample", "panel_invites", "incentives_due")
CLOSING_STATUSES = ("responded", "converted", "declined")  # the customer answered
OUTREACH_STATUSES = ("contacted", "no_answer")  # we reached out; the customer has not answered
OUTREACH_LISTS = ("call_list", "management_sample")  # being on these lists means being contacted

IMPORT_SOURCE = "import"
MAX_TEXT = 255  # longest respondent id, assignee, theme or source the ledger stores

_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_UNDECODABLE = re.compile("[\U0010ff00-\U0010ffff]")  # marker characters of _reading
_MAX_LISTED_PROBLEMS = 10
_LOOKUP_CHUNK = 500  # ids per IN (...) query, well under every database's parameter limit
_WRITE_ATTEMPTS = 3  # a write that lost a race to a concurrent writer is tried again

_metadata = sa.MetaData()

_meta = sa.Table(
    "ledger_meta",
    _metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(MAX_TEXT), nullable=False),
)

_assignments = sa.Table(
    "assignments",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("week", sa.String(8), nullable=False),
    sa.Column("respondent_id", sa.String(MAX_TEXT), nullable=False),
    sa.Column("list", sa.String(32), nullable=False),
    sa.Column("assignee", sa.String(MAX_TEXT), nullable=True),
    sa.Column("recorded_at", sa.DateTime(timezone=False), nullable=False),
    sa.UniqueConstraint("week", "respondent_id", "list", name="uq_assignments_week_id_list"),
    sa.Index("ix_assignments_respondent_id", "respondent_id"),
)

_events = sa.Table(
    "status_events",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("respondent_id", sa.String(MAX_TEXT), nullable=False),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("at", sa.DateTime(timezone=False), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("source", sa.String(MAX_TEXT), nullable=False),
    sa.UniqueConstraint("respondent_id", "status", "at", "source", name="uq_status_events_key"),
)

_theme_fixes = sa.Table(
    "theme_fixes",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("theme", sa.String(MAX_TEXT), nullable=False),
    sa.Column("fixed_at", sa.DateTime(timezone=False), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
    sa.UniqueConstraint("theme", "fixed_at", name="uq_theme_fixes_theme_fixed_at"),
)

_LEDGER_TABLES = ("ledger_meta", "assignments", "status_events", "theme_fixes")

# Schema upgrades: _MIGRATIONS[v] takes a ledger at version v to version v + 1, inside the
# caller's transaction. Version 1 is the first, so there is nothing to do yet; version 2 adds
# e.g. ``_MIGRATIONS[1] = _add_channel_column``.
_MIGRATIONS: dict[int, Callable[[Connection], None]] = {}


class LedgerError(PassivesError):
    """The contact ledger cannot be opened, or a write to it was refused or failed.

    Parameters
    ----------
    message : str
        What was expected and what was found.
    path : str or Path, optional
        The file concerned (an imported export, or the ledger itself).
    row : int, optional
        The row in the file, counted as a spreadsheet does (the header is row 1).
    column : str, optional
        The column concerned.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = None if path is None else Path(path)
        self.row = row
        self.column = column
        self.reason = message
        super().__init__(_locate(message, self.path, row, column))


class _RowWriteError(Exception):
    """A database error while writing one row; carries the row's description."""

    def __init__(self, where: str, error: SQLAlchemyError) -> None:
        super().__init__(where)
        self.where = where
        self.error = error


class ContactLedger:
    """Assignments, status events and fixed themes, kept across weekly runs.

    Parameters
    ----------
    location : str or Path
        A file path (a SQLite file, created with its folder if missing), or a SQLAlchemy URL
        such as ``postgresql+psycopg://user@host/cx`` (any text containing ``://``).

    Raises
    ------
    LedgerError
        If the database cannot be reached, holds tables of a ledger without a schema version,
        or was written by a newer version of ``passives`` than this one.

    Notes
    -----
    The schema is created on first open and upgraded on open when older. Use the ledger as a
    context manager, or call :meth:`close`, to release its connections.

    Examples
    --------
    >>> import tempfile
    >>> with (
    ...     tempfile.TemporaryDirectory() as folder,
    ...     ContactLedger(Path(folder) / "ledger.sqlite") as ledger,
    ... ):
    ...     added = ledger.record_assignments(
    ...         "2026-W27", pd.DataFrame({"respondent_id": ["R1"], "list": ["call_list"]})
    ...     )
    ...     sorted(ledger.awaiting_response())
    ['R1']
    """

    def __init__(self, location: str | Path) -> None:
        self._closed = False
        self._engine = _create_engine(location)
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
        """The schema version stored in the ledger.

        Returns
        -------
        int
            The value of ``schema_version`` in table ``ledger_meta``.
        """
        with self._read() as conn:
            version = _stored_version(conn)
        if version is None:  # pragma: no cover - the schema is created on open
            raise LedgerError(f"the ledger at {self.url} has no schema version")
        return version

    def _open_schema(self) -> None:
        with self._read() as conn:
            version = _stored_version(conn)
        if version == SCHEMA_VERSION:
            return
        self._refuse_newer(version)
        # Create or upgrade under the write lock, reading the version again: another process
        # may have done it meanwhile.
        for attempt in range(_WRITE_ATTEMPTS):
            last = attempt == _WRITE_ATTEMPTS - 1
            try:
                with self._write() as conn:
                    version = _stored_version(conn)
                    self._refuse_newer(version)
                    if version is None:
                        self._create_schema(conn)
                    elif version < SCHEMA_VERSION:
                        self._migrate(conn, version)
                return
            except SQLAlchemyError as exc:
                # Elsewhere than SQLite two processes may create a fresh ledger at once; the
                # loser fails on a duplicate table and, on retry, finds the schema in place.
                if last or self._engine.dialect.name == "sqlite":
                    raise self._database_error("cannot create the ledger's tables", exc) from exc

    def _refuse_newer(self, version: int | None) -> None:
        if version is not None and version > SCHEMA_VERSION:
            raise LedgerError(
                f"the ledger at {self.url} has schema version {version}, newer than version "
                f"{SCHEMA_VERSION} that this version of passives knows; upgrade passives"
            )

    def _create_schema(self, conn: Connection) -> None:
        present = set(sa.inspect(conn).get_table_names()) & set(_LEDGER_TABLES)
        if present:
            raise LedgerError(
                f"the database at {self.url} holds ledger tables ({', '.join(sorted(present))}) "
                "but no schema version in ledger_meta; it was not written by passives or is "
                "damaged"
            )
        _metadata.create_all(conn)
        conn.execute(sa.insert(_meta).values(key="schema_version", value=str(SCHEMA_VERSION)))

    def _migrate(self, conn: Connection, from_version: int) -> None:
        """Upgrade the schema from ``from_version`` to :data:`SCHEMA_VERSION`.

        Parameters
        ----------
        conn : sqlalchemy.engine.Connection
            A connection inside the write transaction that opened the ledger; every step runs
            in it, so a failed upgrade leaves the ledger at its old version.
        from_version : int
            The version stored in the ledger, below :data:`SCHEMA_VERSION`.

        Raises
        ------
        LedgerError
            If no upgrade step is known for a version on the way.

        Notes
        -----
        A new schema version adds its step to ``_MIGRATIONS`` (keyed by the version it upgrades
        from) and raises :data:`SCHEMA_VERSION`.
        """
        for version in range(from_version, SCHEMA_VERSION):
            step = _MIGRATIONS.get(version)
            if step is None:
                raise LedgerError(
                    f"the ledger at {self.url} has schema version {from_version}, which this "
                    f"version of passives cannot upgrade (no step from version {version})"
                )
            step(conn)
        conn.execute(
            sa.update(_meta)
            .where(_meta.c.key == "schema_version")
            .values(value=str(SCHEMA_VERSION))
        )

    # -- writing --------------------------------------------------------------------------

    def record_assignments(
        self,
        week: str,
        assignments: pd.DataFrame,
        recorded_at: datetime | None = None,
    ) -> int:
        """Remember whom the plan of a week assigned to which list.

        Parameters
        ----------
        week : str
            The ISO week of the plan, e.g. ``2026-W27``.
        assignments : pandas.DataFrame
            Columns ``respondent_id``, ``list`` (one of :data:`LISTS`) and optionally
            ``assignee`` (blank or missing for nobody in particular).
        recorded_at : datetime, optional
            When the plan was made; now by default. Time-zone aware values are converted to
            UTC, naive ones are taken as UTC.

        Returns
        -------
        int
            Assignments newly added. An assignment already recorded for the same week,
            respondent and list is kept as it was (its assignee included), so recording the
            same week's plan again changes nothing and returns 0.

        Raises
        ------
        LedgerError
            If the week is not of the form ``YYYY-Www``, a column is missing, or a row has a
            blank respondent id or an unknown list (every such row is named, and nothing is
            written); or if the database fails, in which case nothing is written either.
        """
        week = _check_week(week)
        when = _utc_naive(datetime.now(UTC) if recorded_at is None else recorded_at, "recorded_at")
        rows = _assignment_rows(assignments)

        def write(conn: Connection) -> int:
            existing = {
                (r.respondent_id, r.list)
                for r in conn.execute(
                    sa.select(_assignments.c.respondent_id, _assignments.c.list).where(
                        _assignments.c.week == week
                    )
                )
            }
            added = 0
            for label, respondent_id, list_name, assignee in rows:
                if (respondent_id, list_name) in existing:
                    continue
                values = {
                    "week": week,
                    "respondent_id": respondent_id,
                    "list": list_name,
                    "assignee": assignee,
                    "recorded_at": when,
                }
                self._insert(conn, _assignments, values, f"assignment row {label!r}")
                existing.add((respondent_id, list_name))
                added += 1
            return added

        return self._transaction(write, f"cannot record the assignments of {week}")

    def record_status(
        self,
        respondent_id: str,
        status: str,
        at: datetime | date,
        note: str | None = None,
        source: str = "manual",
    ) -> None:
        """Record what happened with one respondent.

        Parameters
        ----------
        respondent_id : str
            The respondent.
        status : str
            One of :data:`CONTACT_STATUSES` (any case; ``no answer`` means ``no_answer``).
        at : datetime or date
            When it happened; a date means midnight. Aware datetimes are converted to UTC.
        note : str, optional
            Free text kept with the event.
        source : str
            Where the event comes from (``manual`` by default).

        Raises
        ------
        LedgerError
            If the id or source is blank, the status unknown, ``at`` not a date, or the
            database fails. Recording an event already stored (same respondent, status, time
            and source) does nothing.
        """
        clean_id = _clean_text(respondent_id)
        if clean_id is None:
            raise LedgerError("respondent_id is blank")
        _check_length(clean_id, "respondent_id")
        canonical = _canonical_status(status)
        if canonical is None:
            raise LedgerError(f"unknown status {status!r}; {_allowed_statuses()}")
        clean_source = _clean_text(source)
        if clean_source is None:
            raise LedgerError("source is blank")
        _check_length(clean_source, "source")
        values = {
            "respondent_id": clean_id,
            "status": canonical,
            "at": _utc_naive(at, "at"),
            "note": _clean_note(note),
            "source": clean_source,
        }

        def write(conn: Connection) -> int:
            if _event_key(values) in _existing_event_keys(conn, [values]):
                return 0
            self._insert(conn, _events, values, f"the {canonical} event of {clean_id!r}")
            return 1

        self._transaction(write, f"cannot record the status of {clean_id!r}")

    def import_outcomes(self, path: str | Path) -> int:
        """Record the outcomes exported from a CRM.

        Parameters
        ----------
        path : str or Path
            A CSV file (or XLSX/Parquet; encoding and delimiter detected) with columns
            ``respondent_id``, ``status`` and ``date`` (an ISO date or date-time) and
            optionally ``note``; header names in any case, other columns ignored. Status
            values in any case, ``no answer`` meaning ``no_answer``. Blank lines are skipped.

        Returns
        -------
        int
            Events newly recorded (source ``import``). Events already in the ledger, or
            repeated in the file, are recorded once: importing the same file again returns 0.

        Raises
        ------
        LedgerError
            If the file cannot be read, lacks a column, or any row has a blank id, an unknown
            status or a bad date: every bad row is listed (file, row as a spreadsheet counts
            it, column) and nothing is written. If the database fails while writing, every
            row of the file is rolled back and the message names the row being written.
        """
        path = Path(path)
        rows = _outcome_rows(path)

        def write(conn: Connection) -> int:
            existing = _existing_event_keys(conn, [values for _, values in rows])
            added = 0
            for row, values in rows:
                key = _event_key(values)
                if key in existing:
                    continue
                self._insert(conn, _events, values, f"file {str(path)!r}, row {row}")
                existing.add(key)
                added += 1
            return added

        return self._transaction(write, f"cannot import {str(path)!r}; nothing was recorded")

    def mark_theme_fixed(
        self, theme: str, fixed_at: date | datetime, note: str | None = None
    ) -> None:
        """Remember that the business fixed what a theme complains about.

        Parameters
        ----------
        theme : str
            The theme label.
        fixed_at : date or datetime
            When the fix shipped; a date means midnight.
        note : str, optional
            What was done. Marking the same theme at the same time again replaces the note
            when one is given.

        Raises
        ------
        LedgerError
            If the theme is blank, ``fixed_at`` not a date, or the database fails.
        """
        clean_theme = _clean_text(theme)
        if clean_theme is None:
            raise LedgerError("theme is blank")
        _check_length(clean_theme, "theme")
        when = _utc_naive(fixed_at, "fixed_at")
        clean_note = _clean_note(note)

        def write(conn: Connection) -> int:
            found = conn.execute(
                sa.select(_theme_fixes.c.id).where(
                    _theme_fixes.c.theme == clean_theme, _theme_fixes.c.fixed_at == when
                )
            ).first()
            if found is None:
                values = {"theme": clean_theme, "fixed_at": when, "note": clean_note}
                self._insert(conn, _theme_fixes, values, f"theme {clean_theme!r}")
                return 1
            if clean_note is not None:
                conn.execute(
                    sa.update(_theme_fixes)
                    .where(_theme_fixes.c.id == found.id)
                    .values(note=clean_note)
                )
            return 0

        self._transaction(write, f"cannot mark theme {clean_theme!r} fixed")

    # -- reading --------------------------------------------------------------------------

    def fixed_themes(self) -> pd.DataFrame:
        """The themes marked fixed, with their latest fix.

        Returns
        -------
        pandas.DataFrame
            Columns ``theme``, ``fixed_at`` (the latest fix) and ``note`` (of that fix),
            one row per theme, sorted by theme.
        """
        table = _theme_fixes
        with self._read() as conn:
            result = conn.execute(
                sa.select(table.c.theme, table.c.fixed_at, table.c.note).order_by(
                    table.c.theme, table.c.fixed_at, table.c.id
                )
            ).all()
        frame = _frame(result, ["theme", "fixed_at", "note"], ["fixed_at"])
        frame = frame.drop_duplicates("theme", keep="last")
        return frame.reset_index(drop=True)

    def assignments(self) -> pd.DataFrame:
        """Every assignment recorded.

        Returns
        -------
        pandas.DataFrame
            Columns ``week``, ``respondent_id``, ``list``, ``assignee`` (None when nobody in
            particular) and ``recorded_at``, by week and then in the order recorded.
        """
        with self._read() as conn:
            return _read_assignments(conn).drop(columns="id")

    def events(self) -> pd.DataFrame:
        """Every status event recorded.

        Returns
        -------
        pandas.DataFrame
            Columns ``respondent_id``, ``status``, ``at``, ``note`` and ``source``, by time
            and then in the order recorded.
        """
        with self._read() as conn:
            return _read_events(conn).drop(columns="id")

    def contact_state(self) -> pd.DataFrame:
        """Where each respondent stands: last assignment, last contact, last status.

        Returns
        -------
        pandas.DataFrame
            One row per respondent ever assigned or with an event, sorted by
            ``respondent_id``, with columns:

            - ``last_week``, ``last_list``, ``last_assignee``: the latest assignment (by week,
              then time recorded); missing if never assigned;
            - ``last_contact_at``: the latest ``contacted``/``no_answer`` event or assignment
              to an outreach list (:data:`OUTREACH_LISTS`), whichever is later;
            - ``last_status``, ``last_status_at``: the latest event (on a tie in time, an
              answer wins over a contact);
            - ``awaiting_response``: contacted (as above) and no answer
              (:data:`CLOSING_STATUSES`) dated at or after the latest contact;
            - ``incentive_sent``: ever on the ``incentives_due`` list.
        """
        with self._read() as conn:  # one transaction: both tables from the same snapshot
            assigned = _read_assignments(conn)
            events = _read_events(conn)
        return _contact_state(assigned, events)

    def awaiting_response(self) -> set[str]:
        """The respondents contacted who have not answered since.

        Returns
        -------
        set of str
            Respondent ids whose ``awaiting_response`` is true in :meth:`contact_state`.
        """
        state = self.contact_state()
        return set(state.loc[state["awaiting_response"], "respondent_id"])

    # -- closing --------------------------------------------------------------------------

    def close(self) -> None:
        """Release the ledger's database connections.

        Notes
        -----
        The ledger object must not be used afterwards (a new one can be opened on the same
        location at any time).
        """
        self._engine.dispose()
        self._closed = True

    def __enter__(self) -> ContactLedger:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ContactLedger({self.url!r})"

    # -- transactions ---------------------------------------------------------------------

    def _connect(self) -> Connection:
        if self._closed:
            raise LedgerError(f"the ledger at {self.url} is closed")
        try:
            return self._engine.connect()
        except SQLAlchemyError as exc:
            raise self._database_error("cannot open the ledger", exc) from exc

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        conn = self._connect()
        try:
            with conn.begin():
                yield conn
        except SQLAlchemyError as exc:
            raise self._database_error("cannot read the ledger", exc) from exc
        finally:
            conn.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        conn = self._connect()
        try:
            conn.execution_options(ledger_write=True)  # BEGIN IMMEDIATE on SQLite
            with conn.begin():
                yield conn
        finally:
            conn.close()

    def _transaction(self, work: Callable[[Connection], int], failure: str) -> int:
        """Run ``work`` in one write transaction, retried when a concurrent writer won a race."""
        for attempt in range(_WRITE_ATTEMPTS):
            last = attempt == _WRITE_ATTEMPTS - 1
            try:
                with self._write() as conn:
                    return work(conn)
            except _RowWriteError as exc:
                if last or not self._may_retry(exc.error):
                    raise self._database_error(
                        f"{failure}; writing {exc.where} failed", exc.error
                    ) from exc.error
            except SQLAlchemyError as exc:
                if last or not self._may_retry(exc):
                    raise self._database_error(failure, exc) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _insert(
        self, conn: Connection, table: sa.Table, values: dict[str, Any], where: str
    ) -> None:
        try:
            conn.execute(sa.insert(table).values(**values))
        except SQLAlchemyError as exc:
            raise _RowWriteError(where, exc) from exc

    def _may_retry(self, error: SQLAlchemyError) -> bool:
        # SQLite writers are serialised by BEGIN IMMEDIATE, so a constraint violation there is
        # real. Elsewhere two writers may both find a key absent and both insert it: the loser
        # gets an IntegrityError and, on retry, sees the key and skips it.
        return isinstance(error, IntegrityError) and self._engine.dialect.name != "sqlite"

    def _database_error(self, message: str, error: SQLAlchemyError) -> LedgerError:
        lines = str(getattr(error, "orig", None) or error).strip().splitlines()
        detail = lines[0] if lines else type(error).__name__
        if "locked" in detail or "busy" in detail:
            detail += f" (another process is writing to the ledger; waited {BUSY_TIMEOUT_S} s)"
        return LedgerError(f"{message}: {detail} [{self.url}]")


# -- engine -------------------------------------------------------------------------------


def _create_engine(location: str | Path) -> Engine:
    if isinstance(location, str) and "://" in location:
        try:
            url = sa.make_url(location)
        except ArgumentError as exc:
            raise LedgerError(f"{location!r} is not a database URL: {exc}") from None
    else:
        path = Path(location).expanduser()
        if path.is_dir():
            raise LedgerError("is a folder; give the ledger's file name", path=path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LedgerError(f"cannot create the ledger's folder: {exc}", path=path) from None
        url = sa.URL.create("sqlite", database=str(path.resolve()))
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "sqlite":
        connect_args["timeout"] = BUSY_TIMEOUT_S
    try:
        engine = sa.create_engine(url, connect_args=connect_args)
    except (SQLAlchemyError, ImportError) as exc:
        raise LedgerError(f"cannot use database URL {url.render_as_string()!r}: {exc}") from None
    if engine.dialect.name == "sqlite":
        _install_sqlite_hooks(engine)
    return engine


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


def _stored_version(conn: Connection) -> int | None:
    if not sa.inspect(conn).has_table("ledger_meta"):
        return None
    value = conn.execute(
        sa.select(_meta.c.value).where(_meta.c.key == "schema_version")
    ).scalar_one_or_none()
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise LedgerError(f"the ledger's schema_version is {value!r}, not a number") from None


# -- validating input ---------------------------------------------------------------------


def _check_week(week: object) -> str:
    text = week.strip() if isinstance(week, str) else ""
    match = _WEEK.fullmatch(text)
    if match:
        try:
            date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
        except ValueError:
            pass
        else:
            return text
    raise LedgerError(
        f"week {week!r} is not an ISO week such as '2026-W27' (year, '-W', week 01-53)"
    )


def _clean_text(value: object) -> str | None:
    """Text of an id-like cell, stripped; None for blank or missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return None
        if float(value).is_integer():
            return str(int(value))
    if isinstance(value, np.integer):
        value = int(value)
    text = str(value).strip()
    return text or None


def _clean_note(note: object) -> str | None:
    text = _clean_text(note) if not isinstance(note, str) else note.strip()
    return text or None


def _check_length(text: str, what: str) -> None:
    if len(text) > MAX_TEXT:
        raise LedgerError(f"{what} {text[:40]!r}... is longer than {MAX_TEXT} characters")


def _canonical_status(value: object) -> str | None:
    text = _clean_text(value)
    if text is None:
        return None
    key = re.sub(r"[\s_-]+", "_", text.lower())
    return key if key in CONTACT_STATUSES else None


def _allowed_statuses() -> str:
    return f"allowed: {', '.join(CONTACT_STATUSES)} (any case; 'no answer' for no_answer)"


def _utc_naive(value: object, what: str) -> datetime:
    if value is None or value is pd.NaT:
        raise LedgerError(f"{what} is missing")
    if isinstance(value, datetime):  # pandas.Timestamp included
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    raise LedgerError(f"{what} must be a date or datetime, not {type(value).__name__} {value!r}")


def _parse_when(text: str) -> datetime | None:
    try:
        return _utc_naive(datetime.fromisoformat(text), "date")
    except ValueError:
        return None


def _assignment_rows(frame: pd.DataFrame) -> list[tuple[object, str, str, str | None]]:
    if not isinstance(frame, pd.DataFrame):
        raise LedgerError(f"assignments must be a DataFrame, not {type(frame).__name__}")
    missing = [c for c in ("respondent_id", "list") if c not in frame.columns]
    if missing:
        raise LedgerError(
            f"the assignments lack column(s) {', '.join(missing)}; "
            f"found {', '.join(map(str, frame.columns)) or 'none'}"
        )
    has_assignee = "assignee" in frame.columns
    rows: list[tuple[object, str, str, str | None]] = []
    problems: list[str] = []
    columns = ["respondent_id", "list"] + (["assignee"] if has_assignee else [])
    for label, *cells in frame[columns].itertuples(index=True, name=None):
        respondent_id = _clean_text(cells[0])
        list_name = _clean_text(cells[1])
        assignee = _clean_text(cells[2]) if has_assignee else None
        if respondent_id is None:
            problems.append(f"row {label!r}: respondent_id is blank")
        elif len(respondent_id) > MAX_TEXT:
            problems.append(f"row {label!r}: respondent_id is longer than {MAX_TEXT} characters")
        if list_name not in LISTS:
            problems.append(
                f"row {label!r}: list {cells[1]!r} is not one of {', '.join(LISTS)}"
            )
        if assignee is not None and len(assignee) > MAX_TEXT:
            problems.append(f"row {label!r}: assignee is longer than {MAX_TEXT} characters")
        if not problems:
            rows.append((label, respondent_id, list_name, assignee))  # type: ignore[arg-type]
    if problems:
        raise LedgerError(_problem_list("the assignments", problems) + "nothing was recorded")
    return rows


def _outcome_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        raw = read_table(path)
    except NoDataRowsError:
        return []  # a header and nothing else: no outcomes this time
    except InputError as exc:
        raise LedgerError(exc.reason, path=exc.path, row=exc.row, column=exc.column) from None
    by_name: dict[str, str] = {}
    for header in raw.headers:
        key = header.strip().lower()
        if key in by_name and key in ("respondent_id", "status", "date", "note"):
            raise LedgerError(
                f"columns {by_name[key]!r} and {header!r} both name {key}", path=path, row=1
            )
        by_name.setdefault(key, header)
    missing = [c for c in ("respondent_id", "status", "date") if c not in by_name]
    if missing:
        raise LedgerError(
            f"missing column(s) {', '.join(missing)}; the header has "
            f"{', '.join(repr(h) for h in raw.headers)} (respondent_id, status and date are "
            "needed, note is optional)",
            path=path,
            row=1,
        )
    id_col, status_col, date_col = by_name["respondent_id"], by_name["status"], by_name["date"]
    note_col = by_name.get("note")
    cells = raw.cells
    rows: list[tuple[int, dict[str, Any]]] = []
    problems: list[tuple[int, str, str]] = []
    for row, respondent_id, status, when, note in zip(
        cells.index,
        cells[id_col],
        cells[status_col],
        cells[date_col],
        cells[note_col] if note_col is not None else [""] * len(cells),
        strict=True,
    ):
        respondent_id, status, when = respondent_id.strip(), status.strip(), when.strip()
        if not (respondent_id or status or when or note.strip()):
            continue  # a blank line
        found_before = len(problems)
        if not respondent_id:
            problems.append((row, id_col, "respondent_id is blank"))
        elif _UNDECODABLE.search(respondent_id):
            problems.append((row, id_col, "respondent_id holds bytes the encoding cannot read"))
        elif len(respondent_id) > MAX_TEXT:
            problems.append((row, id_col, f"respondent_id is longer than {MAX_TEXT} characters"))
        canonical = _canonical_status(status)
        if canonical is None:
            shown = f"unknown status {status!r}" if status else "status is blank"
            problems.append((row, status_col, f"{shown}; {_allowed_statuses()}"))
        at = _parse_when(when)
        if at is None:
            shown = f"{when!r} is not an ISO date or date-time" if when else "date is blank"
            problems.append((row, date_col, f"{shown} (e.g. 2026-07-03 or 2026-07-03T14:30)"))
        if len(problems) == found_before:
            values = {
                "respondent_id": respondent_id,
                "status": canonical,
                "at": at,
                "note": _clean_note(_UNDECODABLE.sub("\ufffd", note)),
                "source": IMPORT_SOURCE,
            }
            rows.append((int(row), values))
    if problems:
        first_row, first_column, first_reason = problems[0]
        if len(problems) == 1:
            message = f"{first_reason}; nothing was imported"
            raise LedgerError(message, path=path, row=first_row, column=first_column)
        listed = [f"row {row}, column {column!r}: {reason}" for row, column, reason in problems]
        error = LedgerError(_problem_list(f"file {str(path)!r}", listed) + "nothing was imported")
        error.path, error.row, error.column = path, first_row, first_column
        raise error
    return rows


def _problem_list(where: str, problems: list[str]) -> str:
    shown = problems[:_MAX_LISTED_PROBLEMS]
    more = len(problems) - len(shown)
    lines = "\n  ".join(shown)
    tail = f"\n  ... and {more} more" if more else ""
    return f"{where}: {len(problems)} problem(s):\n  {lines}{tail}\n"


# -- reading the tables -------------------------------------------------------------------


def _event_key(values: dict[str, Any]) -> tuple[str, str, datetime, str]:
    return (values["respondent_id"], values["status"], values["at"], values["source"])


def _existing_event_keys(
    conn: Connection, candidates: list[dict[str, Any]]
) -> set[tuple[str, str, datetime, str]]:
    ids = sorted({values["respondent_id"] for values in candidates})
    sources = sorted({values["source"] for values in candidates})
    found: set[tuple[str, str, datetime, str]] = set()
    table = _events
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ids[start : start + _LOOKUP_CHUNK]
        result = conn.execute(
            sa.select(table.c.respondent_id, table.c.status, table.c.at, table.c.source).where(
                table.c.respondent_id.in_(chunk), table.c.source.in_(sources)
            )
        )
        found.update((r.respondent_id, r.status, r.at, r.source) for r in result)
    return found


def _frame(rows: list[Any], columns: list[str], times: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    frame = frame.astype({c: object for c in columns if c not in times})
    for column in times:
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _read_assignments(conn: Connection) -> pd.DataFrame:
    table = _assignments
    result = conn.execute(
        sa.select(
            table.c.id,
            table.c.week,
            table.c.respondent_id,
            table.c.list,
            table.c.assignee,
            table.c.recorded_at,
        ).order_by(table.c.week, table.c.id)
    ).all()
    columns = ["id", "week", "respondent_id", "list", "assignee", "recorded_at"]
    return _frame(result, columns, ["recorded_at"])


def _read_events(conn: Connection) -> pd.DataFrame:
    table = _events
    result = conn.execute(
        sa.select(
            table.c.id, table.c.respondent_id, table.c.status, table.c.at, table.c.note,
            table.c.source,
        ).order_by(table.c.at, table.c.id)
    ).all()
    return _frame(result, ["id", "respondent_id", "status", "at", "note", "source"], ["at"])


_STATE_COLUMNS = [
    "respondent_id",
    "last_week",
    "last_list",
    "last_assignee",
    "last_contact_at",
    "last_status",
    "last_status_at",
    "awaiting_response",
    "incentive_sent",
]


def _contact_state(assigned: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    ids = sorted(set(assigned["respondent_id"]) | set(events["respondent_id"]))
    state = pd.DataFrame(index=pd.Index(ids, name="respondent_id", dtype=object))

    latest = assigned.sort_values(["week", "recorded_at", "id"]).drop_duplicates(
        "respondent_id", keep="last"
    )
    latest = latest.set_index("respondent_id")
    state["last_week"] = latest["week"].reindex(state.index)
    state["last_list"] = latest["list"].reindex(state.index)
    state["last_assignee"] = latest["assignee"].reindex(state.index)

    outreach = pd.concat(
        [
            assigned.loc[assigned["list"].isin(OUTREACH_LISTS), ["respondent_id", "recorded_at"]]
            .rename(columns={"recorded_at": "at"}),
            events.loc[events["status"].isin(OUTREACH_STATUSES), ["respondent_id", "at"]],
        ]
    )
    state["last_contact_at"] = _latest_time(outreach, state.index)

    ranked = events.assign(closing=events["status"].isin(CLOSING_STATUSES))
    last_event = ranked.sort_values(["at", "closing", "id"]).drop_duplicates(
        "respondent_id", keep="last"
    )
    last_event = last_event.set_index("respondent_id")
    state["last_status"] = last_event["status"].reindex(state.index)
    state["last_status_at"] = pd.to_datetime(last_event["at"].reindex(state.index))

    last_answer = _latest_time(ranked.loc[ranked["closing"], ["respondent_id", "at"]], state.index)
    contacted = state["last_contact_at"].notna()
    answered_since = last_answer.notna() & (last_answer >= state["last_contact_at"])
    state["awaiting_response"] = (contacted & ~answered_since).astype(bool)
    incentives = set(assigned.loc[assigned["list"] == "incentives_due", "respondent_id"])
    state["incentive_sent"] = state.index.isin(list(incentives))

    state = state.reset_index()
    for column in ("last_week", "last_list", "last_assignee", "last_status"):
        state[column] = state[column].astype(object).where(state[column].notna(), None)
    return state[_STATE_COLUMNS]


def _latest_time(frame: pd.DataFrame, index: pd.Index) -> pd.Series:
    latest = frame.groupby("respondent_id")["at"].max() if len(frame) else pd.Series(dtype=object)
    return pd.to_datetime(latest.reindex(index))
