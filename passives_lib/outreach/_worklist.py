"""The explorer's worklist: the week's passives with where each stands in the contact ledger.

The columns follow Customer Monitor's passives table: contact status, days uncontacted,
owner, last note and who wrote it. The rules are the contact lifecycle's: a passive awaiting
an answer, converted or declined is never proposed. Everything here is a function of frames;
the ledger itself is reached through a :class:`WorklistLedger` given by the caller.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

import pandas as pd

from passives_lib.core import NOT_CONTACTED, OUTREACH_STATUSES, InvalidParameterError, week_start
from passives_lib.outreach._plan import ContactHistory
from passives_lib.store import lifecycle_state
from passives_lib.themes import sentiment

UNLABELLED = {-1: "other", -2: "(non-answer)"}
WORKLIST_COLUMNS = ["contact", "days_uncontacted", "owner", "last_note", "noted_by", "proposable"]
_EXPORT_CLOSED = (*OUTREACH_STATUSES, "converted", "declined")


class WorklistLedger(Protocol):
    """What the explorer needs of the contact ledger (the pipeline gives one).

    Attributes
    ----------
    author : str
        Who records through it: every status and note saved carries this name.
    """

    author: str

    def history(self) -> ContactHistory:
        """Assignments, status events (with ``note`` and ``author``) and fixed themes."""
        ...

    def record(self, respondent_id: str, status: str, note: str | None) -> None:
        """Record a status (and note) for one respondent, by :attr:`author`, today."""
        ...


def week_passives(responses: pd.DataFrame, week: str, backlog_weeks: int) -> pd.DataFrame:
    """The passives a week's plan draws from: answered in the week or the weeks before it.

    Parameters
    ----------
    responses : pandas.DataFrame
        Classified responses with ``iso_week`` and ``responded_at``.
    week : str
        The planned week, ``YYYY-Www``.
    backlog_weeks : int
        Weeks of answers in the pool, the week included (``plan.backlog_weeks``).

    Returns
    -------
    pandas.DataFrame
        The passives' latest answers in those weeks (one row per respondent).

    Examples
    --------
    >>> frame = pd.DataFrame({"respondent_id": ["a", "b", "c"], "category": "passive",
    ...     "iso_week": ["2026-W40", "2026-W45", "2026-W46"],
    ...     "responded_at": pd.to_datetime(["2026-10-01", "2026-11-05", "2026-11-10"])})
    >>> week_passives(frame, "2026-W46", 2)["respondent_id"].tolist()
    ['b', 'c']
    """
    oldest = week_start(week) - pd.Timedelta(weeks=backlog_weeks - 1)
    weeks = responses["iso_week"].astype("string")
    chosen = (
        (responses["category"].astype(str) == "passive")
        & weeks.le(week).fillna(False).astype(bool)
        & (pd.to_datetime(responses["responded_at"]) >= oldest).fillna(False).astype(bool)
    )
    pool = responses[chosen].sort_values("responded_at", kind="stable")
    return pool.drop_duplicates("respondent_id", keep="last").sort_index()


def worklist(
    passives: pd.DataFrame, history: ContactHistory | None, as_of: date | None = None
) -> pd.DataFrame:
    """The passives with :data:`WORKLIST_COLUMNS` from the ledger's history (and the export).

    Parameters
    ----------
    passives : pandas.DataFrame
        ``respondent_id``, ``responded_at`` and optionally ``contact_status``.
    history : ContactHistory, optional
        What the ledger remembers; without it only the export's ``contact_status`` counts.
    as_of : date, optional
        The day ``days_uncontacted`` counts to (today by default).

    Returns
    -------
    pandas.DataFrame
        ``passives`` with ``contact`` (the lifecycle stage, ``awaiting response`` while
        waiting, else the export's status, else ``not_contacted``), ``days_uncontacted``
        (blank once contacted), ``owner`` (latest assignee), ``last_note`` and ``noted_by``
        (its author) and ``proposable`` (not contacted, not awaiting, not converted or
        declined).
    """
    state = _ledger_frame(history, passives["respondent_id"])
    state.index = passives.index
    export = passives.get("contact_status", pd.Series(NOT_CONTACTED, index=passives.index))
    export = export.fillna(NOT_CONTACTED).astype(str)
    stage = state["stage"].where(~state["awaiting_response"].eq(True), "awaiting response")
    contact = stage.where(stage.notna(), export)
    out = passives.copy()
    out["contact"] = contact.to_numpy()
    day = pd.Timestamp(as_of or date.today())
    if "responded_at" in out:
        days = (day - pd.to_datetime(out["responded_at"]).dt.normalize()).dt.days
    else:
        days = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out["days_uncontacted"] = days.where(out["contact"] == NOT_CONTACTED).astype("Int64")
    for column in ("owner", "last_note", "noted_by"):
        out[column] = state[column].to_numpy()
    closed = state["awaiting_response"].eq(True) | state["final"].eq(True)
    out["proposable"] = (out["contact"] == NOT_CONTACTED).to_numpy() & ~closed.to_numpy()
    out["proposable"] &= ~export.isin(_EXPORT_CLOSED).to_numpy()
    return out


def _ledger_frame(history: ContactHistory | None, ids: pd.Series) -> pd.DataFrame:
    columns = ["stage", "awaiting_response", "final", "owner", "last_note", "noted_by"]
    empty = pd.DataFrame(index=ids.to_numpy(), columns=columns, dtype=object)
    if history is None:
        return empty
    assignments, events = history.assignments, history.events
    state = lifecycle_state(assignments, events).set_index("respondent_id")
    latest = assignments.drop_duplicates("respondent_id", keep="last").set_index("respondent_id")
    state["owner"] = latest["assignee"].reindex(state.index)
    notes = events.reindex(columns=["respondent_id", "note", "author"]).dropna(subset=["note"])
    notes = notes.drop_duplicates("respondent_id", keep="last").set_index("respondent_id")
    state["last_note"] = notes["note"].reindex(state.index)
    state["noted_by"] = notes["author"].reindex(state.index)
    return state.reindex(columns=columns).reindex(ids.to_numpy())


def passive_pool(
    responses: pd.DataFrame,
    themes: pd.DataFrame | None,
    week: str | None = None,
    backlog_weeks: int = 4,
) -> pd.DataFrame:
    """Passives with their theme columns and sentiment (computed once, not per ranking).

    Parameters
    ----------
    responses : pandas.DataFrame
        Classified responses.
    themes : pandas.DataFrame, optional
        Per respondent: ``theme_id`` and optionally ``theme_label``, ``theme_keywords``,
        ``theme_effort``.
    week : str, optional
        Keep only the week's pool (:func:`week_passives`); every passive when omitted.
    backlog_weeks : int
        Weeks in the week's pool.

    Returns
    -------
    pandas.DataFrame
        The passives, index reset.
    """
    missing = sorted({"respondent_id", "score", "category"} - set(responses))
    if missing:
        raise InvalidParameterError(
            f"The 'responses' parameter of PassivesExplorer must have columns respondent_id, "
            f"score and category (see add_classification). Got none for {missing} instead."
        )
    if week is not None:
        responses = week_passives(responses, week, backlog_weeks)
    pool = responses[responses["category"].astype(str) == "passive"].copy()
    if "comment" not in pool:
        pool["comment"] = ""
    pool["comment"] = pool["comment"].fillna("").astype(str)
    theme_columns = ["theme_id", "theme_label", "theme_keywords", "theme_effort"]
    if themes is not None:
        if not {"respondent_id", "theme_id"} <= set(themes):
            raise InvalidParameterError(
                "The 'themes' parameter of PassivesExplorer must have columns "
                f"respondent_id and theme_id. Got {list(themes.columns)} instead."
            )
        extra = [c for c in theme_columns if c in themes]
        pool = pool.drop(columns=extra, errors="ignore").merge(
            themes[["respondent_id", *extra]].drop_duplicates("respondent_id"),
            on="respondent_id",
            how="left",
        )
    for column in theme_columns[:3]:  # no theme_effort column: the easy-fix strategy is out
        if column not in pool:
            pool[column] = None
    pool["theme_id"] = pd.to_numeric(pool["theme_id"]).astype("Int64")
    fallback = pool["theme_id"].map(
        lambda t: None if pd.isna(t) else UNLABELLED.get(t, f"theme {t}")
    )
    pool["theme_label"] = pool["theme_label"].where(pool["theme_label"].notna(), fallback)
    pool["sentiment"] = sentiment(pool["comment"].tolist())
    return pool.reset_index(drop=True)
