"""The contact lifecycle: one set of rules for every list, the planner and the ledger.

A passive is *new*, then *assigned* to a list of a week's plan (call list, management sample,
panel invitations, incentives), *contacted*, and then either *responded* or *no_answer*; a
case ends *converted* or *declined*. After an answer come follow-ups: ``incentive_sent``,
``panel_joined``, ``panel_declined``. A customer who asks never to be contacted again is
``do_not_contact``, kept apart from ``declined``.

The rules, used by ``contacts list``, the planner, the explorer and the report (the contact
policy's numbers come from ``plan.contact_policy``, :class:`ContactPolicy`):

- **contact day**: an assignment to a contact list (:data:`CONTACT_LISTS`, panel invitations
  included) counts as a contact on the Monday of its week; a ``contacted`` or ``no_answer``
  event on its day;
- **answered**: an answer (:data:`CLOSING_STATUSES`, or a panel answer) dated on or after the
  day of the latest contact (an answer the same day counts);
- **awaiting response**: contacted, not answered since, not converted or declined, not
  ``do_not_contact`` and not given up;
- **retry**: a contact whose latest news is a ``no_answer`` is tried again once
  ``retry_after_days`` have passed (counted to the Monday of the planned week), until
  ``1 + retries`` contacts in a row got no answer: then the passive is *given up*;
- **final**: converted or declined; never proposed for outreach again; ``do_not_contact``
  keeps a customer off every list, incentives and panel included, for good;
- **incentive due**: responded (not final, not do-not-contact), whose theme (by stable theme
  id, or the registry's exact name) was marked fixed after their latest ``responded`` answer
  and no later than the end of the planned week, and who has no incentive yet (no
  ``incentive_sent`` event and never on an incentives list);
- **backlog age**: a passive is in the backlog of the ``backlog_weeks`` weeks up to the
  planned week; one in its last backlog week is flagged (:func:`ages_out_next_week`), and one
  whose answer just left it without any contact is counted as aged out (:func:`aged_out`);
- **re-planning a week** keeps every assignment worked since the week's Monday (any event
  recorded for the person) and replaces only the untouched ones (:func:`worked_assignments`).

The ledger refuses an impossible transition (:func:`transition_problem`): any event after a
case is final other than a panel answer or ``do_not_contact``, an incentive for someone who
has not responded, a panel answer from someone never invited, a contact or incentive after
``do_not_contact``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from passives_lib.config import ContactPolicy
from passives_lib.core import (
    CLOSING_STATUSES,
    CONTACT_LISTS,
    DO_NOT_CONTACT,
    FINAL_STATUSES,
    OUTREACH_STATUSES,
    week_start,
)
from passives_lib.store.ledger._weeks import aged_out, ages_out_next_week, worked_assignments

__all__ = [
    "ANSWER_STATUSES",
    "CONTACT_LISTS",
    "LIFECYCLE_COLUMNS",
    "aged_out",
    "ages_out_next_week",
    "fix_matches",
    "incentive_due",
    "lifecycle_state",
    "transition_problem",
    "worked_assignments",
]

_PANEL_ANSWERS = ("panel_joined", "panel_declined")
# What answers a contact (a call or a panel invitation).
ANSWER_STATUSES = CLOSING_STATUSES + _PANEL_ANSWERS
LIFECYCLE_COLUMNS = [
    "respondent_id",
    "stage",
    "first_contact_at",
    "last_contact_at",
    "last_answer_at",
    "last_response_at",
    "awaiting_response",
    "attempts",
    "retry_due",
    "given_up",
    "final",
    "do_not_contact",
    "has_incentive",
    "panel_invited",
]
_FLAGS = ("awaiting_response", "retry_due", "given_up", "final", "do_not_contact")


def lifecycle_state(
    assignments: pd.DataFrame,
    events: pd.DataFrame,
    planning_week: str | None = None,
    policy: ContactPolicy | None = None,
) -> pd.DataFrame:
    """Where each respondent stands in the lifecycle.

    Parameters
    ----------
    assignments : pandas.DataFrame
        ``week``, ``respondent_id``, ``list`` (as the ledger stores them).
    events : pandas.DataFrame
        ``respondent_id``, ``status``, ``at``.
    planning_week : str, optional
        The week being planned: its own assignments are left out (the planner's view, so that
        the week's lists are drawn from the others'), and retries fall due against its Monday.
        Without it no retry is due.
    policy : ContactPolicy, optional
        Retries after no answer; the defaults when omitted.

    Returns
    -------
    pandas.DataFrame
        One row per respondent (sorted), columns :data:`LIFECYCLE_COLUMNS`; the ``*_at``
        columns are days (midnight), ``attempts`` the contacts in a row without an answer
        (``no_answer`` events since the last answer), ``stage`` one of ``assigned``,
        ``contacted``, ``no_answer``, ``responded``, ``converted``, ``declined``,
        ``do_not_contact``.
    """
    policy = policy or ContactPolicy()
    if planning_week is not None and len(assignments):
        assignments = assignments[assignments["week"] != planning_week]
    events = events.assign(day=pd.to_datetime(events["at"]).dt.normalize())
    contacts = _contact_days(assignments, events)
    ids = sorted(set(assignments["respondent_id"]) | set(events["respondent_id"]))
    index = pd.Index(ids, name="respondent_id", dtype=object)
    state = pd.DataFrame(index=index)
    state["first_contact_at"] = _earliest(contacts, index)
    state["last_contact_at"] = _latest(contacts, index)
    answers = events[events["status"].isin(ANSWER_STATUSES)]
    state["last_answer_at"] = _latest(answers, index)
    closing = events[events["status"].isin(CLOSING_STATUSES)]
    state["last_response_at"] = _latest(closing[closing["status"] == "responded"], index)
    final = events[events["status"].isin(FINAL_STATUSES)].sort_values("day", kind="stable")
    final_status = final.drop_duplicates("respondent_id", keep="last").set_index("respondent_id")
    state["final"] = index.isin(final_status.index)
    state["do_not_contact"] = index.isin(
        events.loc[events["status"] == DO_NOT_CONTACT, "respondent_id"]
    )
    answered = state["last_answer_at"].notna() & (
        state["last_contact_at"].isna() | (state["last_answer_at"] >= state["last_contact_at"])
    )
    _no_answers(state, events, policy, planning_week)
    open_case = state["last_contact_at"].notna() & ~answered & ~state["final"]
    open_case &= ~state["do_not_contact"]
    state["given_up"] = open_case & state["_silent"] & (state["attempts"] >= policy.max_attempts)
    state["awaiting_response"] = open_case & ~state["given_up"]
    state["retry_due"] = state["awaiting_response"] & state["_silent"] & state["_rested"]
    state["stage"] = _stages(state, answered, events, final_status["status"])
    incentive = set(events.loc[events["status"] == "incentive_sent", "respondent_id"])
    incentive |= set(assignments.loc[assignments["list"] == "incentives_due", "respondent_id"])
    state["has_incentive"] = index.isin(list(incentive))
    invited = set(assignments.loc[assignments["list"] == "panel_invites", "respondent_id"])
    state["panel_invited"] = index.isin(list(invited))
    for column in (*_FLAGS, "has_incentive", "panel_invited"):
        state[column] = state[column].astype(bool)
    state["attempts"] = state["attempts"].astype(int)
    return state.reset_index()[LIFECYCLE_COLUMNS]


def _no_answers(
    state: pd.DataFrame, events: pd.DataFrame, policy: ContactPolicy, week: str | None
) -> None:
    """``attempts`` (no answers since the last answer), ``_silent``, ``_rested``."""
    missed = events[events["status"] == "no_answer"].merge(
        state["last_answer_at"].rename("answered").reset_index(), on="respondent_id", how="left"
    )
    missed = missed[missed["answered"].isna() | (missed["day"] > missed["answered"])]
    counts = missed.groupby("respondent_id").size() if len(missed) else pd.Series(dtype=int)
    state["attempts"] = counts.reindex(state.index).fillna(0).astype(int)
    last_missed = _latest(missed, state.index)
    # the latest news of the latest contact is a no answer: nothing newer was planned
    state["_silent"] = last_missed.notna() & (last_missed >= state["last_contact_at"])
    if week is None:
        state["_rested"] = False
    else:
        waited = (week_start(week) - last_missed).dt.days
        state["_rested"] = waited.ge(policy.retry_after_days).fillna(False).astype(bool)


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


def _earliest(frame: pd.DataFrame, index: pd.Index) -> pd.Series:
    if frame.empty:
        return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    return pd.to_datetime(frame.groupby("respondent_id")["day"].min().reindex(index))


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
    closed = answered & last_answer.reindex(state.index).notna()
    stage[closed] = last_answer.reindex(state.index)[closed]
    finals = final_status.reindex(state.index)
    stage[finals.notna()] = finals[finals.notna()]
    stage[state["do_not_contact"]] = DO_NOT_CONTACT
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
    eligible = by_id[
        by_id["last_response_at"].notna()
        & ~by_id["final"]
        & ~by_id["has_incentive"]
        & ~by_id["do_not_contact"]
    ]
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
    if DO_NOT_CONTACT in earlier and status in (*OUTREACH_STATUSES, "incentive_sent"):
        return (
            f"{respondent_id} asked not to be contacted (do_not_contact): a case like that "
            f"takes no {status!r} event"
        )
    final = [s for s in earlier if s in FINAL_STATUSES]
    allowed_after_final = (*_PANEL_ANSWERS, DO_NOT_CONTACT)
    if final and status not in allowed_after_final and status != final[-1]:
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
