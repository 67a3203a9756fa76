"""The contact lifecycle: one set of rules for every list, the planner and the ledger.

A passive is *new*, then *assigned* to a list of a week's plan (call list, management sample,
panel invitations, incentives), *contacted*, and then either *responded* or *no_answer*; a
case ends *converted* or *declined*. After an answer come follow-ups: ``incentive_sent``,
``panel_joined``, ``panel_declined``.

The rules, used by ``contacts list``, the planner, the explorer and the report:

- **contact day**: an assignment to a contact list (:data:`CONTACT_LISTS`) counts as a contact
  on the Monday of its week; a ``contacted`` or ``no_answer`` event on its day;
- **answered**: an answer (:data:`CLOSING_STATUSES`) dated on or after the day of the latest
  contact (an answer the same day counts);
- **awaiting response**: contacted, not answered since, and not converted or declined;
- **final**: converted or declined; never proposed for outreach again;
- **incentive due**: responded (not converted or declined), whose theme (by stable theme id,
  or the registry's exact name) was marked fixed after their latest ``responded`` answer and
  no later than the end of the planned week, and who has no incentive yet (no
  ``incentive_sent`` event and never on an incentives list).

The ledger refuses an impossible transition (:func:`transition_problem`): any event after a
case is final other than a panel answer, an incentive for someone who has not responded, a
panel answer from someone never invited.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from passives_lib.core import (
    CLOSING_STATUSES,
    CONTACT_LISTS,
    FINAL_STATUSES,
    OUTREACH_STATUSES,
    week_start,
)

__all__ = [
    "LIFECYCLE_COLUMNS",
    "fix_matches",
    "incentive_due",
    "lifecycle_state",
    "transition_problem",
]

LIFECYCLE_COLUMNS = [
    "respondent_id",
    "stage",
    "last_contact_at",
    "last_answer_at",
    "last_response_at",
    "awaiting_response",
    "final",
    "has_incentive",
    "panel_invited",
]
_PANEL_ANSWERS = ("panel_joined", "panel_declined")


def lifecycle_state(
    assignments: pd.DataFrame, events: pd.DataFrame, before_week: str | None = None
) -> pd.DataFrame:
    """Where each respondent stands in the lifecycle.

    Parameters
    ----------
    assignments : pandas.DataFrame
        ``week``, ``respondent_id``, ``list`` (as the ledger stores them).
    events : pandas.DataFrame
        ``respondent_id``, ``status``, ``at``.
    before_week : str, optional
        Count only the assignments of earlier weeks (the planner's view of a week, so that
        planning the same week again gives the same lists).

    Returns
    -------
    pandas.DataFrame
        One row per respondent (sorted), columns :data:`LIFECYCLE_COLUMNS`; the ``*_at``
        columns are days (midnight), ``stage`` one of ``assigned``, ``contacted``,
        ``no_answer``, ``responded``, ``converted``, ``declined``.
    """
    if before_week is not None and len(assignments):
        assignments = assignments[assignments["week"] < before_week]
    events = events.assign(day=pd.to_datetime(events["at"]).dt.normalize())
    contacts = _contact_days(assignments, events)
    ids = sorted(set(assignments["respondent_id"]) | set(events["respondent_id"]))
    index = pd.Index(ids, name="respondent_id", dtype=object)
    state = pd.DataFrame(index=index)
    state["last_contact_at"] = _latest(contacts, index)
    closing = events[events["status"].isin(CLOSING_STATUSES)]
    state["last_answer_at"] = _latest(closing, index)
    state["last_response_at"] = _latest(closing[closing["status"] == "responded"], index)
    final = events[events["status"].isin(FINAL_STATUSES)].sort_values("day", kind="stable")
    final_status = final.drop_duplicates("respondent_id", keep="last").set_index("respondent_id")
    state["final"] = index.isin(final_status.index)
    answered = state["last_answer_at"].notna() & (
        state["last_contact_at"].isna() | (state["last_answer_at"] >= state["last_contact_at"])
    )
    state["awaiting_response"] = state["last_contact_at"].notna() & ~answered & ~state["final"]
    state["stage"] = _stages(state, answered, events, final_status["status"])
    incentive = set(events.loc[events["status"] == "incentive_sent", "respondent_id"])
    incentive |= set(assignments.loc[assignments["list"] == "incentives_due", "respondent_id"])
    state["has_incentive"] = index.isin(list(incentive))
    invited = set(assignments.loc[assignments["list"] == "panel_invites", "respondent_id"])
    state["panel_invited"] = index.isin(list(invited))
    for column in ("awaiting_response", "final", "has_incentive", "panel_invited"):
        state[column] = state[column].astype(bool)
    return state.reset_index()[LIFECYCLE_COLUMNS]


def _contact_days(assignments: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    contact_lists = assignments[assignments["list"].isin(CONTACT_LISTS)]
    planned = pd.DataFrame(
        {
            "respondent_id": contact_lists["respondent_id"].to_numpy(),
            "day": [week_start(w) for w in contact_lists["week"]],
        }
    )
    reached = events.loc[events["status"].isin(OUTREACH_STATUSES), ["respondent_id", "day"]]
    parts = [frame for frame in (planned, reached) if len(frame)]
    if not parts:
        return pd.DataFrame({"respondent_id": [], "day": pd.to_datetime([])})
    return pd.concat(parts, ignore_index=True)


def _latest(frame: pd.DataFrame, index: pd.Index) -> pd.Series:
    if frame.empty:
        return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    return pd.to_datetime(frame.groupby("respondent_id")["day"].max().reindex(index))


def _stages(
    state: pd.DataFrame, answered: pd.Series, events: pd.DataFrame, final_status: pd.Series
) -> pd.Series:
    outreach = events[events["status"].isin(OUTREACH_STATUSES)].sort_values("day", kind="stable")
    last_outreach = outreach.drop_duplicates("respondent_id", keep="last").set_index(
        "respondent_id"
    )["status"]
    stage = pd.Series("assigned", index=state.index, dtype=object)
    reached = last_outreach.reindex(state.index)
    stage[reached.notna()] = reached[reached.notna()]
    answers = events[events["status"].isin(CLOSING_STATUSES)].sort_values("day", kind="stable")
    last_answer = answers.drop_duplicates("respondent_id", keep="last").set_index("respondent_id")[
        "status"
    ]
    stage[answered] = last_answer.reindex(state.index)[answered]
    finals = final_status.reindex(state.index)
    stage[finals.notna()] = finals[finals.notna()]
    return stage


def fix_matches(fixed_theme: object, theme_id: object, theme_label: object) -> bool:
    """Whether a fix recorded under ``fixed_theme`` is about this theme.

    A fix names a stable theme id (``"7"``) or the theme's exact name (any case).

    Examples
    --------
    >>> fix_matches("7", 7, "delivery"), fix_matches("Delivery", 3, "delivery")
    (True, True)
    >>> fix_matches("tracking emial", 3, "tracking / email")
    False
    """
    name = str(fixed_theme).strip()
    if not name:
        return False
    if theme_id is not None and not pd.isna(theme_id) and name == str(int(theme_id)):
        return True
    return name.casefold() == str(theme_label).strip().casefold()


def incentive_due(
    passives: pd.DataFrame, state: pd.DataFrame, fixes: pd.DataFrame, week: str
) -> pd.Series:
    """Which passives are due an incentive in ``week`` (the rule in the module docstring).

    Parameters
    ----------
    passives : pandas.DataFrame
        ``respondent_id``, ``theme_id``, ``theme_label``.
    state : pandas.DataFrame
        As :func:`lifecycle_state` gives.
    fixes : pandas.DataFrame
        ``theme``, ``fixed_at``.
    week : str
        The planned week; fixes up to its Sunday count.

    Returns
    -------
    pandas.Series of bool
        Aligned with ``passives``.
    """
    due = pd.Series(False, index=passives.index)
    if fixes.empty or "theme_label" not in passives or passives.empty:
        return due
    by_id = state.set_index("respondent_id")
    eligible = by_id[by_id["last_response_at"].notna() & ~by_id["final"] & ~by_id["has_incentive"]]
    end = week_start(week) + pd.Timedelta(days=7)
    fixes = fixes.assign(fixed_at=pd.to_datetime(fixes["fixed_at"]))
    fixes = fixes[fixes["fixed_at"] < end]
    for index, row in passives[passives["respondent_id"].isin(eligible.index)].iterrows():
        answered = eligible.at[row["respondent_id"], "last_response_at"]
        due[index] = any(
            fixed_at > answered and fix_matches(theme, row.get("theme_id"), row["theme_label"])
            for theme, fixed_at in zip(fixes["theme"], fixes["fixed_at"], strict=True)
        )
    return due


def transition_problem(
    respondent_id: str,
    status: str,
    earlier: Iterable[str],
    panel_invited: bool,
) -> str | None:
    """Why recording ``status`` for a respondent is impossible, or None when it is allowed.

    Parameters
    ----------
    respondent_id : str
        For the message.
    status : str
        The new event's status.
    earlier : iterable of str
        The statuses recorded for the respondent before it.
    panel_invited : bool
        Whether the respondent was ever on a panel invitation list.

    Returns
    -------
    str or None
        What was expected and what was found.

    Examples
    --------
    >>> transition_problem("R1", "contacted", ["converted"], False)
    "R1 is already converted: a case that is converted or declined takes no 'contacted' event"
    >>> transition_problem("R1", "incentive_sent", ["contacted", "responded"], False) is None
    True
    """
    earlier = list(earlier)
    final = [s for s in earlier if s in FINAL_STATUSES]
    if final and status not in _PANEL_ANSWERS and status != final[-1]:
        return (
            f"{respondent_id} is already {final[-1]}: a case that is converted or declined "
            f"takes no {status!r} event"
        )
    if status == "incentive_sent" and "responded" not in earlier:
        found = earlier[-1] if earlier else "no event"
        return (
            f"{respondent_id} has no 'responded' answer (found {found}): an incentive follows one"
        )
    if status in _PANEL_ANSWERS and not panel_invited:
        return f"{respondent_id} was never on a panel invitation list: {status!r} needs one"
    return None
