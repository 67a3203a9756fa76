"""Values both rooms of the store check the same way: text sizes and ISO weeks."""

from __future__ import annotations

from passives_lib.core import LedgerError, is_iso_week

MAX_TEXT = 255  # longest respondent id, assignee, theme or source the store keeps


def check_week(week: object) -> str:
    """``week`` stripped, if it is an ISO week such as ``2026-W27`` that exists.

    Examples
    --------
    >>> check_week(" 2026-W27 ")
    '2026-W27'
    """
    text = week.strip() if isinstance(week, str) else ""
    if is_iso_week(text):
        return text
    raise LedgerError(
        f"week {week!r} is not an ISO week such as '2026-W27' (year, '-W', week 01-53)"
    )
