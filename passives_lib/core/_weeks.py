"""ISO weeks: the one check of a ``YYYY-Www`` label, its Monday, and a report window."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FIRST_YEAR", "LAST_YEAR", "MAX_WEEKS", "is_iso_week", "report_window", "week_start"]

_WEEK = re.compile(r"(\d{4})-W(\d{2})")
# Report weeks from 1900 to 2200: pandas timestamps (1677-2262) hold every window around them.
FIRST_YEAR, LAST_YEAR = 1900, 2200
# The longest window, backlog or re-contact wait, in weeks (ten years).
MAX_WEEKS = 520


def is_iso_week(text: object) -> bool:
    """Whether ``text`` is an ISO week label such as ``2026-W46`` that exists.

    Years outside :data:`FIRST_YEAR` to :data:`LAST_YEAR` are refused (no survey is dated
    there, and dates far out cannot be computed with).

    Examples
    --------
    >>> is_iso_week("2026-W53"), is_iso_week("2026-W46"), is_iso_week("2026-46")
    (True, True, False)
    >>> is_iso_week("2025-W53"), is_iso_week("9999-W52"), is_iso_week("0001-W01")
    (False, False, False)
    """
    match = _WEEK.fullmatch(text) if isinstance(text, str) else None
    if match is None or not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        return False
    try:
        date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        return False
    return True


def week_start(week: str) -> pd.Timestamp:
    """Monday of an ISO week such as ``2026-W46``.

    Examples
    --------
    >>> str(week_start("2026-W46").date())
    '2026-11-09'
    """
    import pandas as pd

    year, number = week.split("-W")
    return pd.Timestamp.fromisocalendar(int(year), int(number), 1)


def report_window(responses: pd.DataFrame, week: str, lookback_weeks: int) -> pd.DataFrame:
    """Responses of the ``lookback_weeks`` ISO weeks ending with ``week``.

    Parameters
    ----------
    responses : pandas.DataFrame
        With a datetime ``responded_at`` column.
    week : str
        The last week of the window.
    lookback_weeks : int
        Weeks in the window, ``week`` included.

    Returns
    -------
    pandas.DataFrame
        The rows inside the window, index reset.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"responded_at": pd.to_datetime(["2026-11-02", "2026-11-10"])})
    >>> len(report_window(frame, "2026-W46", 1)), len(report_window(frame, "2026-W46", 2))
    (1, 2)
    """
    import pandas as pd

    start = week_start(week) - pd.Timedelta(weeks=lookback_weeks - 1)
    end = week_start(week) + pd.Timedelta(days=7)
    inside = (responses["responded_at"] >= start) & (responses["responded_at"] < end)
    return responses[inside].reset_index(drop=True)
