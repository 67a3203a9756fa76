"""A week's plan worked out and recorded in one write transaction of the contact ledger.

Two ``passives plan`` runs started together on one ledger must give what they give one after
the other: each reads the ledger, plans and records while holding the write lock (``BEGIN
IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL), so the second sees the first's lists.
Planning a week already recorded returns what was recorded and writes nothing, unless the
analyst re-plans it: then the assignments worked since the week's Monday are kept, the
untouched ones are replaced, and the lists' caps hold for kept and new together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, TypeVar

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.config import ContactPolicy
from passives_lib.core import CONTACT_LISTS, FINAL_STATUSES
from passives_lib.store.db import LedgerError, check_week
from passives_lib.store.ledger._lifecycle import lifecycle_state, worked_assignments
from passives_lib.store.ledger._rows import assignment_rows, utc_naive
from passives_lib.store.ledger._schema import assignments_table, planned_weeks_table
from passives_lib.store.ledger._state import read_assignments, read_events, read_fixed_themes

__all__ = ["LedgerSnapshot", "PlanRecording", "RecordedPlan"]

_T = TypeVar("_T")
NEW, RECORDED, REPLANNED = "new", "recorded", "replanned"


@dataclass(frozen=True)
class LedgerSnapshot:
    """What a planner sees inside the write transaction.

    Attributes
    ----------
    week : str
        The week being planned.
    assignments, events, fixed_themes : pandas.DataFrame
        The ledger's tables (without the assignments a re-plan replaces).
    held : pandas.DataFrame
        The week's assignments that stay (``respondent_id``, ``list``, ``assignee``): all of
        them for a recorded week, the worked ones for a re-plan, none for a new week.
    mode : str
        ``new``, ``recorded`` (nothing more may be drawn) or ``replanned``.
    """

    week: str
    assignments: pd.DataFrame
    events: pd.DataFrame
    fixed_themes: pd.DataFrame
    held: pd.DataFrame
    mode: str

    @classmethod
    def empty(cls, week: str) -> LedgerSnapshot:
        """The view of a ledger that does not exist yet: nothing recorded, a new week."""
        return cls(
            week,
            pd.DataFrame(columns=["week", "respondent_id", "list", "assignee", "recorded_at"]),
            pd.DataFrame(columns=["respondent_id", "status", "at", "note", "source"]),
            pd.DataFrame(columns=["theme", "fixed_at", "note"]),
            pd.DataFrame(columns=["respondent_id", "list", "assignee"]),
            NEW,
        )

    @property
    def may_draw(self) -> bool:
        """Whether the planner may add people (not for a week already recorded)."""
        return self.mode != RECORDED


@dataclass(frozen=True)
class RecordedPlan(Generic[_T]):
    """The outcome of :meth:`PlanRecording.record_plan`.

    Attributes
    ----------
    plan : object
        What the planner returned.
    mode : str
        ``new``, ``recorded`` or ``replanned``.
    added : int
        Assignments newly recorded.
    replaced : int
        Untouched assignments a re-plan removed.
    """

    plan: _T
    mode: str
    added: int
    replaced: int


class PlanRecording:
    """:meth:`record_plan`, mixed into :class:`ContactLedger`."""

    def record_plan(
        self,
        week: str,
        planner: Callable[[LedgerSnapshot], tuple[_T, pd.DataFrame]],
        replan: bool = False,
        policy: ContactPolicy | None = None,
        recorded_at: datetime | None = None,
    ) -> RecordedPlan[_T]:
        """Work out a week's plan and record it, in one write transaction.

        Parameters
        ----------
        week : str
            The ISO week planned.
        planner : callable
            ``planner(snapshot)`` returns the plan and its assignments (``respondent_id``,
            ``list``, ``assignee``), the held ones included; it runs under the write lock.
        replan : bool
            Re-plan a recorded week: keep its worked assignments, replace the untouched ones.
        policy : ContactPolicy, optional
            The contact policy the lifecycle checks the new assignments against.
        recorded_at : datetime, optional
            When; now by default.

        Returns
        -------
        RecordedPlan
            The plan, whether the week was new, recorded or re-planned, and counts.

        Raises
        ------
        LedgerError
            If the plan books someone the lifecycle does not allow this week (awaiting an
            answer on another list, converted, declined or do-not-contact), drops a held
            assignment, or the database fails; nothing is written then.
        """
        week = check_week(week)
        when = utc_naive(datetime.now(UTC) if recorded_at is None else recorded_at, "recorded_at")

        def work(conn: Connection) -> RecordedPlan[_T]:
            snapshot, replaced, known = _snapshot(conn, week, replan, delete=True)
            plan, lists = planner(snapshot)
            fresh = _fresh_rows(lists, snapshot.held)
            if snapshot.mode == RECORDED:
                return RecordedPlan(plan, RECORDED, 0, 0)
            _check_bookings(week, fresh, snapshot, policy)
            for label, respondent_id, list_name, assignee in assignment_rows(fresh):
                values = {
                    "week": week,
                    "respondent_id": respondent_id,
                    "list": list_name,
                    "assignee": assignee,
                    "recorded_at": when,
                }
                self._insert(conn, assignments_table, values, f"assignment row {label!r}")
            _mark_planned(conn, week, when, known)
            return RecordedPlan(plan, snapshot.mode, len(fresh), replaced)

        return self._transaction(work, f"cannot plan {week}; nothing was recorded")

    def preview_plan(
        self,
        week: str,
        planner: Callable[[LedgerSnapshot], tuple[_T, pd.DataFrame]],
        replan: bool = False,
    ) -> RecordedPlan[_T]:
        """What :meth:`record_plan` would give, read from one snapshot, writing nothing.

        Parameters
        ----------
        week : str
            The ISO week planned.
        planner : callable
            As for :meth:`record_plan`.
        replan : bool
            Preview a re-plan.

        Returns
        -------
        RecordedPlan
            ``added`` counts the assignments a real run would record.
        """
        week = check_week(week)
        with self._read() as conn:
            snapshot, replaced, _ = _snapshot(conn, week, replan, delete=False)
        plan, lists = planner(snapshot)
        added = 0 if snapshot.mode == RECORDED else len(_fresh_rows(lists, snapshot.held))
        return RecordedPlan(plan, snapshot.mode, added, replaced)


def _snapshot(
    conn: Connection, week: str, replan: bool, delete: bool
) -> tuple[LedgerSnapshot, int, bool]:
    """The planner's view of the ledger, how many were replaced, whether the week was planned.

    The untouched assignments a re-plan replaces are deleted when ``delete``.
    """
    assigned = read_assignments(conn)
    events = read_events(conn)
    rows = assigned[assigned["week"] == week]
    table = planned_weeks_table
    planned = conn.execute(sa.select(table.c.week).where(table.c.week == week)).first()
    known = planned is not None or not rows.empty
    mode = (REPLANNED if replan else RECORDED) if known else NEW
    replaced, held = 0, rows
    if mode == REPLANNED:
        worked = worked_assignments(rows, events, week).to_numpy()
        gone = rows.loc[~worked, "id"].tolist()
        if delete:
            for start in range(0, len(gone), 500):
                ids = gone[start : start + 500]
                conn.execute(sa.delete(assignments_table).where(assignments_table.c.id.in_(ids)))
        replaced, held = len(gone), rows[worked]
        assigned = assigned[~assigned["id"].isin(gone)]
    snapshot = LedgerSnapshot(
        week,
        assigned.drop(columns="id").reset_index(drop=True),
        events.drop(columns="id"),
        read_fixed_themes(conn),
        held[["respondent_id", "list", "assignee"]].reset_index(drop=True),
        mode,
    )
    return snapshot, replaced, known


def _fresh_rows(lists: pd.DataFrame, held: pd.DataFrame) -> pd.DataFrame:
    """The plan's assignments not held already; refused when a held one is missing."""
    keys = set(zip(lists["respondent_id"], lists["list"], strict=True))
    missing = [k for k in zip(held["respondent_id"], held["list"], strict=True) if k not in keys]
    if missing:
        raise LedgerError(
            f"the plan dropped {len(missing)} assignment(s) the ledger holds for the week, "
            f"e.g. {missing[0][0]!r} on {missing[0][1]}; nothing was recorded"
        )
    held_keys = set(zip(held["respondent_id"], held["list"], strict=True))
    new = [k not in held_keys for k in zip(lists["respondent_id"], lists["list"], strict=True)]
    return lists[pd.Series(new, index=lists.index, dtype=bool)].reset_index(drop=True)


def _check_bookings(
    week: str, fresh: pd.DataFrame, snapshot: LedgerSnapshot, policy: ContactPolicy | None
) -> None:
    """Refuse an assignment the lifecycle forbids: the last guard against double-booking."""
    state = lifecycle_state(snapshot.assignments, snapshot.events, week, policy)
    state = state.set_index("respondent_id")
    problems = []
    twice = fresh["respondent_id"].duplicated(keep=False) | fresh["respondent_id"].isin(
        snapshot.held["respondent_id"]
    )
    for (_, row), double in zip(fresh.iterrows(), twice, strict=True):
        who = row["respondent_id"]
        if double:
            problems.append(f"{who} is on two lists of {week}")
        if who not in state.index:
            continue
        known = state.loc[who]
        if known["do_not_contact"] or (known["final"] and known["stage"] in FINAL_STATUSES):
            problems.append(f"{who} is {known['stage']}")
        elif row["list"] in CONTACT_LISTS and known["awaiting_response"] and not known["retry_due"]:
            problems.append(f"{who} is awaiting an answer to an earlier contact")
    if problems:
        shown = "; ".join(problems[:5]) + (
            f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        )
        raise LedgerError(
            f"the plan of {week} books people it may not: {shown}; nothing was recorded"
        )


def _mark_planned(conn: Connection, week: str, when: datetime, again: bool) -> None:
    table = planned_weeks_table
    if conn.execute(sa.select(table.c.week).where(table.c.week == week)).first() is None:
        conn.execute(sa.insert(table).values(week=week, planned_at=when, replans=int(again)))
    elif again:
        conn.execute(
            sa.update(table)
            .where(table.c.week == week)
            .values(replanned_at=when, replans=table.c.replans + 1)
        )
