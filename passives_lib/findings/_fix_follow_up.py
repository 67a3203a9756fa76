"""After a fix: whether the theme's mentions fell and those who raised it score higher.

For each theme marked fixed, the report window is cut at the fix: the share of comments that
raise the theme, and the NPS of the respondents who raised it, before and after.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["FOLLOW_UP_COLUMNS", "fix_follow_up"]

FOLLOW_UP_COLUMNS = [
    "theme_id",
    "theme_label",
    "fixed_on",
    "comments_before",
    "mentions_before",
    "share_before",
    "nps_before",
    "comments_after",
    "mentions_after",
    "share_after",
    "nps_after",
]


def fix_follow_up(window: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """Mentions and the NPS of those who raised each fixed theme, before and after its fix.

    Parameters
    ----------
    window : pandas.DataFrame
        The report window's responses: ``theme_id`` (each comment's main theme, ``-2`` for a
        non-answer), ``score`` and ``responded_at``.
    findings : pandas.DataFrame
        ``theme_id``, ``label`` and ``fixed_on`` (NaT when never fixed).

    Returns
    -------
    pandas.DataFrame
        One row per fixed theme, columns :data:`FOLLOW_UP_COLUMNS`: comments in the window
        before the fix day and from it on, how many raised the theme, their share (0-1), and
        the NPS of those who raised it (None when nobody did).

    Examples
    --------
    >>> window = pd.DataFrame({"theme_id": [1, 1, 2, 1, 2, 2],
    ...     "score": [3, 5, 9, 9, 9, 10],
    ...     "responded_at": pd.to_datetime(["2026-11-02"] * 3 + ["2026-11-10"] * 3)})
    >>> findings = pd.DataFrame({"theme_id": [1], "label": ["tracking"],
    ...                          "fixed_on": pd.to_datetime(["2026-11-09"])})
    >>> row = fix_follow_up(window, findings).iloc[0]
    >>> [float(row[c]) for c in ("share_before", "nps_before", "share_after", "nps_after")]
    [0.6667, -100.0, 0.3333, 100.0]
    """
    rows = []
    fixed = findings[findings["fixed_on"].notna()] if "fixed_on" in findings else findings.iloc[:0]
    commented = window[window["theme_id"] != -2]
    when = pd.to_datetime(commented["responded_at"])
    for _, theme in fixed.iterrows():
        day = pd.Timestamp(theme["fixed_on"]).normalize()
        row = {"theme_id": theme["theme_id"], "theme_label": theme["label"], "fixed_on": day}
        for side, part in (("before", commented[when < day]), ("after", commented[when >= day])):
            raised = part[part["theme_id"] == theme["theme_id"]]
            row[f"comments_{side}"] = len(part)
            row[f"mentions_{side}"] = len(raised)
            row[f"share_{side}"] = round(len(raised) / len(part), 4) if len(part) else None
            row[f"nps_{side}"] = _nps(raised["score"]) if len(raised) else None
        rows.append(row)
    return pd.DataFrame(rows, columns=FOLLOW_UP_COLUMNS)


def _nps(scores: pd.Series) -> float:
    scores = pd.to_numeric(scores)
    return round(100 * float((scores >= 9).mean() - (scores <= 6).mean()), 1)
