"""The contact policy in the week's plan: retries marked, the backlog's age, what it did."""

from __future__ import annotations

import numpy as np
import pandas as pd

from passives_lib.config import PlanSettings
from passives_lib.store import ages_out_next_week

__all__ = ["policy_columns", "policy_notes"]


def policy_columns(
    pool: pd.DataFrame, state: pd.DataFrame, week: str, settings: PlanSettings
) -> pd.DataFrame:
    """Add ``attempt`` (1, or the retry's number) and ``ages_out_next_week`` to the pool.

    A retry's ``reason`` starts with ``attempt N of M after no answer``.

    Parameters
    ----------
    pool : pandas.DataFrame
        The prioritised pool (``respondent_id``, ``responded_at``, ``reason``).
    state : pandas.DataFrame
        The lifecycle state of the planned week.
    week : str
        The planned week.
    settings : PlanSettings
        ``backlog_weeks`` and ``contact_policy``.

    Returns
    -------
    pandas.DataFrame
        The pool with the two columns.
    """
    known = state.set_index("respondent_id").reindex(pool["respondent_id"])
    retry = known["retry_due"].eq(True).to_numpy()
    attempts = known["attempts"].fillna(0).astype(int).to_numpy()
    pool = pool.assign(attempt=np.where(retry, attempts + 1, 1))
    most = settings.contact_policy.max_attempts
    prefix = pd.Series(
        [
            f"attempt {n} of {most} after no answer; " if r else ""
            for n, r in zip(pool["attempt"], retry, strict=True)
        ],
        index=pool.index,
    )
    pool["reason"] = prefix + pool["reason"].astype(str)
    pool["ages_out_next_week"] = ages_out_next_week(
        pool["responded_at"], week, settings.backlog_weeks
    ).to_numpy()
    return pool


def policy_notes(
    week: str,
    lists: list[pd.DataFrame],
    backlog: pd.DataFrame,
    aged: int,
    settings: PlanSettings,
) -> list[str]:
    """What the contact policy did this week: retries, passives about to age out, aged out.

    Parameters
    ----------
    week : str
        The planned week.
    lists : list of pandas.DataFrame
        The week's contact lists (with ``attempt``).
    backlog : pandas.DataFrame
        The backlog (with ``ages_out_next_week``).
    aged : int
        Passives aged out with the week without a contact.
    settings : PlanSettings
        The contact policy.

    Returns
    -------
    list of str
        One note.
    """
    listed = pd.concat([t for t in lists if len(t)] or [backlog.iloc[:0]])
    retries = int((listed.get("attempt", pd.Series(dtype=int)) > 1).sum())
    policy = settings.contact_policy
    ageing = int(backlog["ages_out_next_week"].sum()) if len(backlog) else 0
    return [
        f"contact policy: {retries} retr{'y' if retries == 1 else 'ies'} after no answer "
        f"(up to {policy.retries}, {policy.retry_after_days} days apart); {ageing} passive(s) "
        f"in the backlog age out after {week} unless contacted (ages_out_next_week in "
        f"backlog.csv); {aged} aged out of the backlog with {week} "
        "without a contact (aged_out.csv)"
    ]
