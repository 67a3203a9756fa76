"""Reading the contact ledger's tables as frames, and where each respondent stands.

:func:`contact_state` derives, from the assignments and status events, each respondent's last
assignment, last contact, last status and whether an answer is still awaited (by the rules of
``_ledger_lifecycle``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.config import ContactPolicy
from passives_lib.store.db import LedgerError
from passives_lib.store.ledger._lifecycle import lifecycle_state, transition_problem
from passives_lib.store.ledger._schema import (
    CLOSING_STATUSES,
    CONTACT_LISTS,
    OUTREACH_STATUSES,
    assignments_table,
    events_table,
    theme_fixes_table,
)

_LOOKUP_CHUNK = 500  # ids per IN (...) query, well under every database's parameter limit

_STATE_COLUMNS = [
    "respondent_id",
    "last_week",
    "last_list",
    "last_assignee",
    "last_contact_at",
    "last_status",
    "last_status_at",
    "awaiting_response",
    "attempts",
    "given_up",
    "do_not_contact",
    "incentive_sent",
]

EventKey = tuple[str, str, datetime, str]


def event_key(values: dict[str, Any]) -> EventKey:
    """What makes a status event unique: respondent, status, time and source."""
    return (values["respondent_id"], values["status"], values["at"], values["source"])


def existing_event_keys(conn: Connection, candidates: list[dict[str, Any]]) -> set[EventKey]:
    """The keys of the stored events of the candidates' respondents and sources."""
    ids = sorted({values["respondent_id"] for values in candidates})
    sources = sorted({values["source"] for values in candidates})
    found: set[EventKey] = set()
    table = events_table
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ids[start : start + _LOOKUP_CHUNK]
        result = conn.execute(
            sa.select(table.c.respondent_id, table.c.status, table.c.at, table.c.source).where(
                table.c.respondent_id.in_(chunk), table.c.source.in_(sources)
            )
        )
        found.update((r.respondent_id, r.status, r.at, r.source) for r in result)
    return found


def read_assignments(conn: Connection) -> pd.DataFrame:
    """Every assignment with its ``id``, by week and then in the order recorded."""
    return _select_frame(
        conn,
        assignments_table,
        ["id", "week", "respondent_id", "list", "assignee", "recorded_at"],
        order_by=["week", "id"],
        times=["recorded_at"],
    )


def read_events(conn: Connection) -> pd.DataFrame:
    """Every status event with its ``id``, by time and then in the order recorded."""
    return _select_frame(
        conn,
        events_table,
        ["id", "respondent_id", "status", "at", "note", "source", "author"],
        order_by=["at", "id"],
        times=["at"],
    )


def read_fixed_themes(conn: Connection) -> pd.DataFrame:
    """The latest fix of each theme, sorted by theme."""
    frame = _select_frame(
        conn,
        theme_fixes_table,
        ["theme", "fixed_at", "note"],
        order_by=["theme", "fixed_at", "id"],
        times=["fixed_at"],
    )
    return frame.drop_duplicates("theme", keep="last").reset_index(drop=True)


def contact_state(
    assigned: pd.DataFrame, events: pd.DataFrame, policy: ContactPolicy | None = None
) -> pd.DataFrame:
    """Where each respondent stands (see :meth:`ContactLedger.contact_state`).

    Parameters
    ----------
    assigned : pandas.DataFrame
        As :func:`read_assignments` returns it.
    events : pandas.DataFrame
        As :func:`read_events` returns it.
    policy : ContactPolicy, optional
        When a passive who does not pick up is given up; the defaults when omitted.

    Returns
    -------
    pandas.DataFrame
        One row per respondent, sorted by ``respondent_id``.
    """
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
            assigned.loc[
                assigned["list"].isin(CONTACT_LISTS), ["respondent_id", "recorded_at"]
            ].rename(columns={"recorded_at": "at"}),
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

    lifecycle = lifecycle_state(assigned, events, policy=policy).set_index("respondent_id")
    for column in ("awaiting_response", "given_up", "do_not_contact"):
        state[column] = lifecycle[column].reindex(state.index).astype(bool)
    state["attempts"] = lifecycle["attempts"].reindex(state.index).astype(int)
    state["incentive_sent"] = lifecycle["has_incentive"].reindex(state.index).astype(bool)

    state = state.reset_index()
    for column in ("last_week", "last_list", "last_assignee", "last_status"):
        state[column] = state[column].astype(object).where(state[column].notna(), None)
    return state[_STATE_COLUMNS]


def _select_frame(
    conn: Connection,
    table: sa.Table,
    columns: list[str],
    order_by: Sequence[str],
    times: Sequence[str],
) -> pd.DataFrame:
    """``columns`` of ``table`` as a frame; ``times`` as datetimes, the others as objects."""
    rows = conn.execute(
        sa.select(*(table.c[c] for c in columns)).order_by(*(table.c[c] for c in order_by))
    ).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    frame = frame.astype({c: object for c in columns if c not in times})
    for column in times:
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _latest_time(frame: pd.DataFrame, index: pd.Index) -> pd.Series:
    latest = frame.groupby("respondent_id")["at"].max() if len(frame) else pd.Series(dtype=object)
    return pd.to_datetime(latest.reindex(index))


def check_transitions(conn: Connection, candidates: list[tuple[str, dict[str, Any]]]) -> None:
    """Refuse events the contact lifecycle does not allow (every problem listed).

    Parameters
    ----------
    conn : sqlalchemy.engine.Connection
        The write transaction.
    candidates : list of (str, dict)
        Where each event comes from (for the message) and its values, in the order given;
        each is checked against the stored events dated up to it and the candidates before.

    Raises
    ------
    LedgerError
        Naming each refused event and why (see :func:`transition_problem`).
    """
    ids = sorted({values["respondent_id"] for _, values in candidates})
    stored: dict[str, list[tuple[datetime, str]]] = {i: [] for i in ids}
    invited: set[str] = set()
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ids[start : start + _LOOKUP_CHUNK]
        query = sa.select(events_table.c.respondent_id, events_table.c.at, events_table.c.status)
        for row in conn.execute(query.where(events_table.c.respondent_id.in_(chunk))):
            stored[row.respondent_id].append((row.at, row.status))
        invited |= set(
            conn.execute(
                sa.select(assignments_table.c.respondent_id).where(
                    assignments_table.c.respondent_id.in_(chunk),
                    assignments_table.c.list == "panel_invites",
                )
            ).scalars()
        )
    problems = []
    for where, values in candidates:
        who, when = values["respondent_id"], values["at"]
        earlier = [status for at, status in sorted(stored[who]) if at <= when]
        problem = transition_problem(who, values["status"], earlier, who in invited)
        if problem:
            problems.append(f"{where}: {problem}")
        else:
            stored[who].append((when, values["status"]))
    if problems:
        shown = "\n  ".join(problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise LedgerError(
            f"{len(problems)} impossible status change(s):\n  {shown}{more}\nnothing was recorded"
        )
