"""The lifecycle's week-bound rules: a passive's age in the backlog, and re-planning a week.

Part of the contact lifecycle (see ``_ledger_lifecycle``, which re-exports these functions).
"""

from __future__ import annotations

import pandas as pd

from passives_lib.core import week_start

__all__ = ["aged_out", "ages_out_next_week", "worked_assignments"]


def ages_out_next_week(responded_at: pd.Series, week: str, backlog_weeks: int) -> pd.Series:
    """Whether each answer is in its last backlog week: next week's plan no longer sees it.

    Parameters
    ----------
    responded_at : pandas.Series
        When each passive answered the survey.
    week : str
        The planned week.
    backlog_weeks : int
        Weeks in the backlog (``plan.backlog_weeks``).

    Returns
    -------
    pandas.Series of bool
        Aligned with ``responded_at``.

    Examples
    --------
    >>> days = pd.Series(pd.to_datetime(["2026-06-08", "2026-06-15", "2026-06-29"]))
    >>> ages_out_next_week(days, "2026-W27", 4).tolist()
    [True, False, False]
    """
    oldest_next = week_start(week) - pd.Timedelta(weeks=backlog_weeks - 2)
    return pd.to_datetime(responded_at) < oldest_next


def aged_out(
    passives: pd.DataFrame, state: pd.DataFrame, week: str, backlog_weeks: int
) -> pd.DataFrame:
    """Passives whose answer left the backlog with ``week`` without ever being contacted.

    Parameters
    ----------
    passives : pandas.DataFrame
        ``respondent_id``, ``responded_at`` (each passive's latest answer).
    state : pandas.DataFrame
        As :func:`lifecycle_state` gives.
    week : str
        The planned week: the answers of the week just before its backlog age out with it.
    backlog_weeks : int
        Weeks in the backlog.

    Returns
    -------
    pandas.DataFrame
        The rows of ``passives`` that aged out: answered in the week before the backlog, no
        contact, no answer, not final, not ``do_not_contact``.
    """
    start = week_start(week) - pd.Timedelta(weeks=backlog_weeks)
    when = pd.to_datetime(passives["responded_at"])
    left = (when >= start) & (when < start + pd.Timedelta(weeks=1))
    known = state.set_index("respondent_id").reindex(passives["respondent_id"])
    touched = (
        known["last_contact_at"].notna()
        | known["last_answer_at"].notna()
        | known["final"].eq(True)
        | known["do_not_contact"].eq(True)
    )
    return passives[left & ~touched.to_numpy()]


def worked_assignments(
    week_assignments: pd.DataFrame, events: pd.DataFrame, week: str
) -> pd.Series:
    """Which of a week's assignments were worked: an event recorded for the person since Monday.

    Re-planning a week (``passives plan --replan``) keeps these and replaces the others.

    Parameters
    ----------
    week_assignments : pandas.DataFrame
        The week's assignments (``respondent_id``).
    events : pandas.DataFrame
        ``respondent_id``, ``at``.
    week : str
        The week.

    Returns
    -------
    pandas.Series of bool
        Aligned with ``week_assignments``.
    """
    since = pd.to_datetime(events["at"]) >= week_start(week)
    worked = set(events.loc[since, "respondent_id"])
    return week_assignments["respondent_id"].isin(worked)
