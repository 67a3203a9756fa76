"""Soft promoters: customers who score 9-10 but behave like passives, the next ones to slip.

A promoter (score 9 or 10) is a soft promoter when at least one of these rules holds; each
rule that holds is named in the ``reason`` column:

1. **non-answer**: the comment holds letters and is a non-answer by
   :func:`passives_lib.themes.is_non_answer` ("ok", "nothing", "n/a"); an empty comment or
   one without letters (a thumbs-up emoji, "-") is not non-committal, just absent;
2. **lukewarm**: a short comment (at most ``LUKEWARM_MAX_WORDS`` words) whose VADER sentiment
   (:func:`passives_lib.themes.sentiment`) is above 0 and below ``LUKEWARM_BELOW``:
   faint praise such as "it's fine" (0.20), "ok I suppose" (0.30), "no complaints" (0.31),
   but not "good" (0.44) or "great service, love it" (0.85);
3. **usage drop**: product usage fell by more than ``plan.soft_promoter_usage_drop`` (0.3 by
   default) of the previous period (``1 - usage_current / usage_previous``).

Soft promoters are reported and listed (``soft_promoters.csv``) but never put on a passive
call list: the planner's lists are built from passives (7-8) only, and
:func:`without_soft_promoters` removes them from any frame a list is built from.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from passives_lib.core import write_csv
from passives_lib.outreach._customer_facts import clean_words, usage_change
from passives_lib.themes import is_non_answer, sentiment

LUKEWARM_MAX_WORDS = 6
LUKEWARM_BELOW = 0.35
SOFT_PROMOTER_COLUMNS = [
    "respondent_id",
    "iso_week",
    "responded_at",
    "segment",
    "score",
    "comment",
    "sentiment",
    "usage_change",
    "reason",
]


def soft_promoters(responses: pd.DataFrame, usage_drop: float = 0.3) -> pd.DataFrame:
    """Promoters whose comment is non-committal or whose usage fell (rules in the module doc).

    Parameters
    ----------
    responses : pandas.DataFrame
        Survey responses with ``respondent_id``, ``score`` and ``comment``; optional
        ``iso_week``, ``responded_at``, ``segment``, ``usage_current``, ``usage_previous``.
    usage_drop : float
        A fall in usage by more than this share makes a promoter soft
        (``Config.plan.soft_promoter_usage_drop``).

    Returns
    -------
    pandas.DataFrame
        One row per soft promoter, in the order of ``responses``: the columns of
        ``SOFT_PROMOTER_COLUMNS`` that the input has, ``comment`` masked for personal data
        and cleaned of markup, ``sentiment``, ``usage_change`` and ``reason``.

    Examples
    --------
    >>> frame = pd.DataFrame({"respondent_id": ["a", "b", "c"], "score": [9, 10, 8],
    ...                       "comment": ["it's fine", "Great service, love it", "ok"]})
    >>> soft_promoters(frame)[["respondent_id", "reason"]].values.tolist()
    [['a', 'lukewarm comment: VADER 0.20, 2 words']]
    """
    promoters = responses[pd.to_numeric(responses["score"], errors="coerce").isin([9, 10])]
    comments = promoters["comment"].tolist()
    tone = sentiment(comments)
    words = promoters["comment"].fillna("").astype(str).str.split().str.len().to_numpy()
    has_letters = np.array([any(ch.isalpha() for ch in str(c or "")) for c in comments], bool)
    non_answer = has_letters & is_non_answer(comments)
    lukewarm = ~non_answer & (words <= LUKEWARM_MAX_WORDS) & (tone > 0) & (tone < LUKEWARM_BELOW)
    usage = [usage_change(row) for row in promoters.to_dict(orient="records")]
    dropped = np.array([d is not None and round(d, 6) > usage_drop for _, d in usage], bool)
    reasons = [
        "; ".join(
            part
            for part, holds in (
                ("non-committal comment: a non-answer", non_answer[i]),
                (f"lukewarm comment: VADER {tone[i]:.2f}, {words[i]} words", lukewarm[i]),
                (f"{usage[i][0]}, more than {usage_drop:.0%}", dropped[i]),
            )
            if holds
        )
        for i in range(len(promoters))
    ]
    soft = promoters.assign(
        comment=[clean_words(c) for c in comments],
        sentiment=tone.round(4),
        usage_change=[text for text, _ in usage],
        reason=reasons,
    )[non_answer | lukewarm | dropped]
    columns = [c for c in SOFT_PROMOTER_COLUMNS if c in soft]
    return soft[columns].reset_index(drop=True)


def soft_promoter_trend(responses: pd.DataFrame, soft: pd.DataFrame) -> pd.DataFrame:
    """Promoters and soft promoters per ISO week, for the report's trend.

    Parameters
    ----------
    responses : pandas.DataFrame
        The responses ``soft`` was found in, with ``score`` and ``iso_week``.
    soft : pandas.DataFrame
        :func:`soft_promoters` of those responses.

    Returns
    -------
    pandas.DataFrame
        ``iso_week``, ``promoters``, ``soft_promoters`` and ``share`` (of promoters), one row
        per week with promoters, oldest first.
    """
    promoters = responses[pd.to_numeric(responses["score"], errors="coerce").isin([9, 10])]
    weeks = promoters.groupby("iso_week").size().rename("promoters")
    soft_weeks = soft.groupby("iso_week").size() if len(soft) else pd.Series(dtype=int)
    trend = weeks.to_frame()
    trend["soft_promoters"] = soft_weeks.reindex(trend.index).fillna(0).astype(int)
    trend["share"] = (trend["soft_promoters"] / trend["promoters"]).round(4)
    return trend.reset_index().sort_values("iso_week", kind="stable").reset_index(drop=True)


def soft_promoter_sentence(trend: pd.DataFrame, week: str, usage_drop: float = 0.3) -> str:
    """One sentence for the report's passives section: this week's count and its trend.

    Parameters
    ----------
    trend : pandas.DataFrame
        :func:`soft_promoter_trend`.
    week : str
        The report's week.
    usage_drop : float
        The usage rule's share, to state it.

    Returns
    -------
    str
        E.g. "4 soft promoters in 2026-W27 (5.0% of promoters; 2 in 2026-W26): ...".
    """
    rows = trend[trend["iso_week"] <= week]
    current = rows[rows["iso_week"] == week]
    count = int(current["soft_promoters"].sum())
    share = float(current["share"].iloc[0]) if len(current) else 0.0
    before = rows[rows["iso_week"] < week]
    earlier = (
        f"; {int(before['soft_promoters'].iloc[-1])} in {before['iso_week'].iloc[-1]}"
        if len(before)
        else ""
    )
    return (
        f"{count} soft promoter{'' if count == 1 else 's'} in {week} ({share:.1%} of "
        f"promoters{earlier}): promoters whose comment is non-committal or whose usage fell "
        f"by more than {usage_drop:.0%}. They are listed in soft_promoters.csv, not called as "
        "passives."
    )


def without_soft_promoters(frame: pd.DataFrame, soft: pd.DataFrame) -> pd.DataFrame:
    """A frame without the soft promoters, for any list of passives to be built from.

    Parameters
    ----------
    frame : pandas.DataFrame
        Candidates with ``respondent_id`` (e.g. the plan's pool before the call list is cut).
    soft : pandas.DataFrame
        :func:`soft_promoters`.

    Returns
    -------
    pandas.DataFrame
        The rows of ``frame`` whose respondent is not a soft promoter, order kept.
    """
    return frame[~frame["respondent_id"].isin(set(soft["respondent_id"]))]


def write_soft_promoters(soft: pd.DataFrame, out_dir: str | Path) -> Path:
    """Write ``soft_promoters.csv`` into ``out_dir`` (formulas neutralised, comments masked).

    Parameters
    ----------
    soft : pandas.DataFrame
        :func:`soft_promoters`.
    out_dir : str or Path
        The folder (created if needed).

    Returns
    -------
    Path
        The file written.
    """
    return write_csv(soft, Path(out_dir) / "soft_promoters.csv")
