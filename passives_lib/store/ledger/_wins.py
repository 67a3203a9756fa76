"""Quick wins someone owns: owner, due week and status, kept in the contact ledger.

A quick win raised at the round-table is recorded under its theme (a stable theme id, or the
registry's exact name, as fixes are): ``open``, ``in_progress``, ``fixed`` or ``dropped``, with
an owner and a due week. Setting it ``fixed`` also marks the theme fixed on that day, in the
same transaction, so the planner, the briefs and the report follow the fix.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.store.db import LedgerError, check_week
from passives_lib.store.ledger._rows import clean_text, required_text, utc_naive
from passives_lib.store.ledger._schema import quick_wins_table, theme_fixes_table

__all__ = ["WIN_STATUSES", "WinsRecording"]

WIN_STATUSES = ("open", "in_progress", "fixed", "dropped")
WIN_COLUMNS = [
    "theme",
    "theme_label",
    "raised_week",
    "owner",
    "due_week",
    "status",
    "fixed_at",
    "note",
    "updated_at",
]


class WinsRecording:
    """:meth:`set_quick_win` and :meth:`quick_wins`, mixed into :class:`ContactLedger`."""

    def set_quick_win(
        self,
        theme: str,
        week: str,
        *,
        theme_label: str | None = None,
        owner: str | None = None,
        due_week: str | None = None,
        status: str | None = None,
        fixed_on: date | datetime | None = None,
        note: str | None = None,
    ) -> dict:
        """Raise a quick win, or change its owner, due week or status.

        Parameters
        ----------
        theme : str
            The theme: a stable theme id (as text) or its exact name.
        week : str
            The week it is raised in (kept from the first time).
        theme_label : str, optional
            The theme's name, for people.
        owner : str, optional
            Who owns it.
        due_week : str, optional
            ``YYYY-Www`` it is due.
        status : str, optional
            One of :data:`WIN_STATUSES`; ``open`` for a new one.
        fixed_on : date or datetime, optional
            When it was fixed (with status ``fixed``; the planned week's Monday by default).
        note : str, optional
            Free text.

        Returns
        -------
        dict
            The quick win as stored (:data:`WIN_COLUMNS`).

        Raises
        ------
        LedgerError
            On an unknown status, a malformed week, a blank theme, or a database failure.
        """
        clean_theme = required_text(theme, "theme")
        week = check_week(week)
        due = None if due_week is None else check_week(due_week)
        if status is not None and status not in WIN_STATUSES:
            raise LedgerError(
                f"expected a quick-win status among {list(WIN_STATUSES)}, found {status!r}"
            )
        now = utc_naive(datetime.now(UTC), "updated_at")
        table = quick_wins_table

        def write(conn: Connection) -> dict:
            found = conn.execute(sa.select(table).where(table.c.theme == clean_theme)).first()
            values = {"updated_at": now}
            for key, value in (
                ("theme_label", clean_text(theme_label)),
                ("owner", clean_text(owner)),
                ("due_week", due),
                ("status", status),
                ("note", clean_text(note)),
            ):
                if value is not None:
                    values[key] = value
            if status == "fixed":
                when = fixed_on or pd.Timestamp(week_monday(week)).to_pydatetime()
                values["fixed_at"] = utc_naive(when, "fixed_on")
                _mark_fixed(conn, self, clean_theme, values["fixed_at"], values.get("note"))
            if found is None:
                values = {"theme": clean_theme, "raised_week": week, "status": "open"} | values
                self._insert(conn, table, values, f"quick win {clean_theme!r}")
            else:
                conn.execute(sa.update(table).where(table.c.id == found.id).values(**values))
            row = conn.execute(sa.select(table).where(table.c.theme == clean_theme)).one()
            return {column: getattr(row, column) for column in WIN_COLUMNS}

        return self._transaction(write, f"cannot record the quick win {clean_theme!r}")

    def quick_wins(self) -> pd.DataFrame:
        """Every quick win raised, with owner, due week and status.

        Returns
        -------
        pandas.DataFrame
            Columns :data:`WIN_COLUMNS`, by the week raised, then theme.
        """
        table = quick_wins_table
        with self._read() as conn:
            rows = conn.execute(
                sa.select(*(table.c[c] for c in WIN_COLUMNS)).order_by(
                    table.c.raised_week, table.c.theme
                )
            ).all()
        frame = pd.DataFrame([tuple(r) for r in rows], columns=WIN_COLUMNS)
        for column in ("fixed_at", "updated_at"):
            frame[column] = pd.to_datetime(frame[column])
        return frame


def week_monday(week: str) -> date:
    """The Monday of an ISO week."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def _mark_fixed(
    conn: Connection, ledger: object, theme: str, when: datetime, note: str | None
) -> None:
    table = theme_fixes_table
    found = conn.execute(
        sa.select(table.c.id).where(table.c.theme == theme, table.c.fixed_at == when)
    ).first()
    if found is None:
        values = {"theme": theme, "fixed_at": when, "note": note}
        ledger._insert(conn, table, values, f"theme {theme!r}")  # type: ignore[attr-defined]
