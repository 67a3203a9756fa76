"""Reading the contact ledger's tables as frames, and where each respondent stands.

:func:`contact_state` derives, from the assignments and status events, each respondent's last
assignment, last contact, last status and whether an answer is still awaited.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.store._ledger_schema import (
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
        ["id", "respondent_id", "status", "at", "note", "source"],
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


def contact_state(assigned: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Where each respondent stands (see :meth:`ContactLedger.contact_state`).

    Parameters
    ----------
    assigned : pandas.DataFrame
        As :func:`read_assignments` returns it.
    events : pandas.DataFrame
        As :func:`read_events` returns it.

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
