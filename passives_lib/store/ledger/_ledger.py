"""The contact ledger: whom the team was asked to contact, and what happened since.

The weekly planner must never contact a passive twice before they have answered. The ledger
remembers, across runs, every assignment (which list, which week, which colleague), every
status event (from the CRM or entered by hand) and every theme the business marked as fixed.

This module holds :class:`ContactLedger`'s reads and writes; beside it: ``_schema``,
``_database``, ``_rows``, ``_state`` and ``_plans`` (a week's plan in one transaction). Every
write is one transaction: a failed write leaves the ledger as it was and names the row.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.config import ContactPolicy
from passives_lib.core import LEDGER_STATUSES
from passives_lib.store.db import LedgerError, check_week
from passives_lib.store.ledger._database import BUSY_TIMEOUT_S, LedgerDatabase
from passives_lib.store.ledger._plans import PlanRecording
from passives_lib.store.ledger._rows import (
    assignment_rows,
    clean_text,
    required_text,
    status_event_row,
    utc_naive,
)
from passives_lib.store.ledger._schema import (
    CLOSING_STATUSES,
    CONTACT_LISTS,
    IMPORT_SOURCE,
    LISTS,
    MAX_TEXT,
    OUTREACH_STATUSES,
    SCHEMA_VERSION,
    assignments_table,
    events_table,
    theme_fixes_table,
)
from passives_lib.store.ledger._state import (
    check_transitions,
    contact_state,
    event_key,
    existing_event_keys,
    read_assignments,
    read_events,
    read_fixed_themes,
)
from passives_lib.store.ledger._wins import WinsRecording

__all__ = [
    "BUSY_TIMEOUT_S",
    "CLOSING_STATUSES",
    "LEDGER_STATUSES",
    "IMPORT_SOURCE",
    "LISTS",
    "MAX_TEXT",
    "CONTACT_LISTS",
    "OUTREACH_STATUSES",
    "SCHEMA_VERSION",
    "ContactLedger",
    "LedgerError",
]


class ContactLedger(PlanRecording, WinsRecording, LedgerDatabase):
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
    >>> from pathlib import Path
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

    def record_assignments(
        self, week: str, assignments: pd.DataFrame, recorded_at: datetime | None = None
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
        week = check_week(week)
        when = utc_naive(datetime.now(UTC) if recorded_at is None else recorded_at, "recorded_at")
        rows = assignment_rows(assignments)
        table = assignments_table

        def write(conn: Connection) -> int:
            existing = {
                (r.respondent_id, r.list)
                for r in conn.execute(
                    sa.select(table.c.respondent_id, table.c.list).where(table.c.week == week)
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
                self._insert(conn, table, values, f"assignment row {label!r}")
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
        author: str | None = None,
    ) -> None:
        """Record what happened with one respondent.

        Parameters
        ----------
        respondent_id, status : str
            The respondent; one of :data:`LEDGER_STATUSES` (any case; ``no answer`` means
            ``no_answer``).
        at : datetime or date
            When it happened; a date means midnight. Aware datetimes are converted to UTC.
        note : str, optional
            Free text kept with the event, at most 2,000 characters.
        source : str
            Where the event comes from (``manual`` by default).
        author : str, optional
            Who recorded it (the worklist's user).

        Raises
        ------
        LedgerError
            If the id or source is blank, the status unknown, ``at`` not a date, the note too
            long, or the database fails. Recording an event already stored (same
            respondent, status, time and source) does nothing.
        """
        values = status_event_row(respondent_id, status, at, note, source, author)
        clean_id = values["respondent_id"]

        def write(conn: Connection) -> int:
            if event_key(values) in existing_event_keys(conn, [values]):
                return 0
            check_transitions(conn, [(f"the {values['status']} event", values)])
            where = f"the {values['status']} event of {clean_id!r}"
            self._insert(conn, events_table, values, where)
            return 1

        self._transaction(write, f"cannot record the status of {clean_id!r}")

    def record_outcomes(self, outcomes: pd.DataFrame, where: str) -> int:
        """Record outcomes already read and checked (see ``passives contacts import``).

        Parameters
        ----------
        outcomes : pandas.DataFrame
            ``row`` (for messages), ``respondent_id``, ``status`` (one of
            :data:`LEDGER_STATUSES`), ``at`` (datetime), ``note``, ``author`` (or None).
        where : str
            Names the source in messages, e.g. the file.

        Returns
        -------
        int
            Events newly recorded (source ``import``); those already stored are skipped.

        Raises
        ------
        LedgerError
            If a status change is impossible (every one listed) or the database fails;
            nothing is written then.
        """
        table = outcomes.reindex(columns=["row", "respondent_id", "status", "at", "note", "author"])
        rows = [
            (int(row), status_event_row(*values, IMPORT_SOURCE, author))
            for row, *values, author in table.itertuples(index=False)
        ]
        return self._write_outcomes(rows, where)

    def _write_outcomes(self, rows: list[tuple[int, dict]], where: str) -> int:
        def write(conn: Connection) -> int:
            existing = existing_event_keys(conn, [values for _, values in rows])
            fresh = [(f"row {row}", v) for row, v in rows if event_key(v) not in existing]
            check_transitions(conn, sorted(fresh, key=lambda item: item[1]["at"]))
            added = 0
            for row, values in rows:
                key = event_key(values)
                if key in existing:
                    continue
                self._insert(conn, events_table, values, f"{where}, row {row}")
                existing.add(key)
                added += 1
            return added

        return self._transaction(write, f"cannot import {where}; nothing was recorded")

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
        clean_theme = required_text(theme, "theme")
        when = utc_naive(fixed_at, "fixed_at")
        clean_note = clean_text(note)
        table = theme_fixes_table

        def write(conn: Connection) -> int:
            found = conn.execute(
                sa.select(table.c.id).where(table.c.theme == clean_theme, table.c.fixed_at == when)
            ).first()
            if found is None:
                values = {"theme": clean_theme, "fixed_at": when, "note": clean_note}
                self._insert(conn, table, values, f"theme {clean_theme!r}")
                return 1
            if clean_note is not None:
                conn.execute(sa.update(table).where(table.c.id == found.id).values(note=clean_note))
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
        with self._read() as conn:
            return read_fixed_themes(conn)

    def assignments(self) -> pd.DataFrame:
        """Every assignment recorded.

        Returns
        -------
        pandas.DataFrame
            ``week``, ``respondent_id``, ``list``, ``assignee`` (None for nobody in
            particular), ``recorded_at``; by week, then in the order recorded.
        """
        with self._read() as conn:
            return read_assignments(conn).drop(columns="id")

    def events(self) -> pd.DataFrame:
        """Every status event recorded.

        Returns
        -------
        pandas.DataFrame
            ``respondent_id``, ``status``, ``at``, ``note``, ``source`` and ``author``, by
            time and then in the order recorded.
        """
        with self._read() as conn:
            return read_events(conn).drop(columns="id")

    def contact_state(self, policy: ContactPolicy | None = None) -> pd.DataFrame:
        """Where each respondent stands: last assignment, last contact, last status.

        Parameters
        ----------
        policy : ContactPolicy, optional
            ``plan.contact_policy``; the defaults when omitted.

        Returns
        -------
        pandas.DataFrame
            One row per respondent ever assigned or with an event, sorted by
            ``respondent_id``, with columns:

            - ``last_week``, ``last_list``, ``last_assignee``: the latest assignment (by week,
              then time recorded); missing if never assigned;
            - ``last_contact_at``: the latest ``contacted``/``no_answer`` event or assignment
              to an outreach list (:data:`CONTACT_LISTS`), whichever is later;
            - ``last_status``, ``last_status_at``: the latest event (on a tie in time, an
              answer wins over a contact);
            - ``awaiting_response``: contacted, no answer (a closing status or a panel
              answer) since the latest contact, not given up; ``attempts``: ``no_answer``
              events in a row; ``given_up`` after ``1 + retries``; ``do_not_contact``;
            - ``incentive_sent``: ever on the ``incentives_due`` list.
        """
        with self._read() as conn:  # one transaction: both tables from the same snapshot
            assigned = read_assignments(conn)
            events = read_events(conn)
        return contact_state(assigned, events, policy)

    def awaiting_response(self) -> set[str]:
        """The respondents contacted who have not answered since.

        Returns
        -------
        set of str
            Those whose ``awaiting_response`` is true in :meth:`contact_state`.
        """
        state = self.contact_state()
        return set(state.loc[state["awaiting_response"], "respondent_id"])
