"""The explorer's worklist: the passives with where each stands in the contact ledger.

The columns follow Customer Monitor's passives table: contact status, days uncontacted,
owner, last note. The rules are the contact lifecycle's (``store/ledger/_lifecycle``): a
passive awaiting an answer, converted or declined is never proposed.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from passives_lib.core._errors import InvalidParameterError
from passives_lib.core._vocabulary import NOT_CONTACTED, OUTREACH_STATUSES
from passives_lib.store import ContactLedger, lifecycle_state
from passives_lib.themes._sentiment import sentiment

UNLABELLED = {-1: "other", -2: "(non-answer)"}
WORKLIST_COLUMNS = ["contact", "days_uncontacted", "owner", "last_note", "proposable"]
_EXPORT_CLOSED = (*OUTREACH_STATUSES, "converted", "declined")


def worklist(passives: pd.DataFrame, ledger: str | None, as_of: date | None = None) -> pd.DataFrame:
    """The passives with :data:`WORKLIST_COLUMNS` from the ledger (and the export's status).

    Parameters
    ----------
    passives : pandas.DataFrame
        ``respondent_id``, ``responded_at`` and optionally ``contact_status``.
    ledger : str, optional
        The contact ledger; without it only the export's ``contact_status`` counts.
    as_of : date, optional
        The day ``days_uncontacted`` counts to (today by default).

    Returns
    -------
    pandas.DataFrame
        ``passives`` with ``contact`` (the lifecycle stage, ``awaiting response`` while
        waiting, else the export's status, else ``not_contacted``), ``days_uncontacted``
        (blank once contacted), ``owner`` (latest assignee), ``last_note`` and
        ``proposable`` (not contacted, not awaiting, not converted or declined).
    """
    state = _ledger_frame(ledger, passives["respondent_id"])
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
    out["owner"] = state["owner"].to_numpy()
    out["last_note"] = state["last_note"].to_numpy()
    closed = state["awaiting_response"].eq(True) | state["final"].eq(True)
    out["proposable"] = (out["contact"] == NOT_CONTACTED).to_numpy() & ~closed.to_numpy()
    out["proposable"] &= ~export.isin(_EXPORT_CLOSED).to_numpy()
    return out


def _ledger_frame(ledger: str | None, ids: pd.Series) -> pd.DataFrame:
    columns = ["stage", "awaiting_response", "final", "owner", "last_note"]
    empty = pd.DataFrame(index=ids.to_numpy(), columns=columns, dtype=object)
    if ledger is None:
        return empty
    with ContactLedger(ledger) as store:
        assignments, events = store.assignments(), store.events()
    state = lifecycle_state(assignments, events).set_index("respondent_id")
    latest = assignments.drop_duplicates("respondent_id", keep="last").set_index("respondent_id")
    state["owner"] = latest["assignee"].reindex(state.index)
    notes = events.dropna(subset=["note"]).drop_duplicates("respondent_id", keep="last")
    state["last_note"] = notes.set_index("respondent_id")["note"].reindex(state.index)
    return state[columns].reindex(ids.to_numpy())


def record_change(
    ledger: str, respondent_id: str, status: str, note: str | None, when: date | None = None
) -> None:
    """Write a status change and note from the explorer back to the ledger.

    Parameters
    ----------
    ledger : str
        The contact ledger.
    respondent_id, status : str
        Who and what (a ledger status: ``contacted``, ``responded``, ...).
    note : str, optional
        Free text kept with the event.
    when : date, optional
        Today by default.

    Raises
    ------
    LedgerError
        If the status is unknown or the change impossible (the lifecycle's rules).
    """
    with ContactLedger(ledger) as store:
        store.record_status(respondent_id, status, when or date.today(), note, "explorer")


def passive_pool(responses: pd.DataFrame, themes: pd.DataFrame | None) -> pd.DataFrame:
    """Passives with their theme columns and sentiment (computed once, not per ranking)."""
    missing = sorted({"respondent_id", "score", "category"} - set(responses))
    if missing:
        raise InvalidParameterError(
            f"The 'responses' parameter of PassivesExplorer must have columns respondent_id, "
            f"score and category (see add_classification). Got none for {missing} instead."
        )
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
