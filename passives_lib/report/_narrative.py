"""Plain-language sentences for the weekly report, generated from the numbers.

Every function takes figures the library computed (tables, rows or small mappings) and
returns one or two sentences of plain text. They never build HTML: the report escapes the
text where it shows it, so a theme label or quote copied from a comment cannot inject markup.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

NO_DATES = "the survey has no response dates"


def signed(value: float | None, digits: int = 1) -> str:
    """A number with its sign, or ``n/a`` when missing.

    Examples
    --------
    >>> signed(12.345), signed(-3), signed(float("nan"))
    ('+12.3', '-3.0', 'n/a')
    """
    if value is None or not math.isfinite(float(value)):
        return "n/a"
    return f"{float(value):+.{digits}f}"


def _count(value: Any) -> int:
    return int(value) if value is not None and not pd.isna(value) else 0


def _nps_clause(row: Mapping[str, Any]) -> str:
    margin = row.get("nps_margin_95")
    margin_text = (
        f"95% margin +/-{float(margin):.1f} points"
        if margin is not None and math.isfinite(float(margin))
        else "no margin"
    )
    return (
        f"{signed(row.get('nps'))} ({margin_text}; {_count(row.get('n')):,} responses: "
        f"{_count(row.get('promoter')):,} promoters, {_count(row.get('passive')):,} passives, "
        f"{_count(row.get('detractor')):,} detractors)"
    )


def headline_sentence(
    weekly: pd.DataFrame | None,
    week: str | None = None,
    overall: Mapping[str, Any] | pd.Series | None = None,
) -> str:
    """The report week's NPS with its margin, and its change against the previous week.

    Parameters
    ----------
    weekly : pandas.DataFrame or None
        :func:`passives_lib.weekly_nps` (index = ISO week); ``None`` for an undated survey.
    week : str, optional
        The report week; the last week of ``weekly`` when omitted.
    overall : mapping or pandas.Series, optional
        The overall :func:`passives_lib.nps_table` row, used when there are no weeks.

    Returns
    -------
    str
        One or two sentences.

    Examples
    --------
    >>> table = pd.DataFrame(
    ...     {"n": [100, 120], "detractor": [30, 20], "passive": [30, 40], "promoter": [40, 60],
    ...      "nps": [10.0, 33.3], "nps_margin_95": [16.0, 14.0], "change": [float("nan"), 23.3],
    ...      "p_value": [float("nan"), 0.03], "significant": [False, True],
    ...      "warning": ["", ""]}, index=["2026-W45", "2026-W46"])
    >>> print(headline_sentence(table))  # doctest: +NORMALIZE_WHITESPACE
    NPS in 2026-W46 was +33.3 (95% margin +/-14.0 points; 120 responses: 60 promoters,
    40 passives, 20 detractors). That is up 23.3 points on 2026-W45, a significant change
    (p = 0.030).
    """
    if weekly is None or weekly.empty:
        if overall is None:
            return f"No NPS to report: {NO_DATES} and no overall figure was given."
        row = dict(overall)
        text = (
            f"Overall NPS is {_nps_clause(row)}. There is no weekly figure or "
            f"week-over-week change: {NO_DATES}."
        )
        return text + _warning(row)
    week = week or str(weekly.index[-1])
    if week not in weekly.index:
        return f"No responses in {week}, so there is no NPS for that week."
    position = list(weekly.index).index(week)
    row = dict(weekly.loc[week])
    text = f"NPS in {week} was {_nps_clause(row)}."
    change = row.get("change")
    if position == 0 or change is None or not math.isfinite(float(change)):
        text += " There is no earlier week to compare it with."
    else:
        previous = weekly.index[position - 1]
        direction = "up" if change > 0 else "down" if change < 0 else "unchanged,"
        amount = f" {abs(change):.1f} points" if change != 0 else ""
        verdict = (
            "a significant change"
            if row.get("significant")
            else "within the noise: not a significant change"
        )
        p_value = row.get("p_value")
        p_text = (
            f" (p = {float(p_value):.3f})"
            if p_value is not None and math.isfinite(float(p_value))
            else ""
        )
        text += f" That is {direction}{amount} on {previous}, {verdict}{p_text}."
    return text + _warning(row)


def _warning(row: Mapping[str, Any]) -> str:
    warning = row.get("warning")
    return f" Caution: {warning}." if isinstance(warning, str) and warning else ""


def passives_sentence(
    counts: Mapping[str, Any] | pd.Series,
    period: str,
    by_segment: pd.DataFrame | None = None,
) -> str:
    """How many passives there are, 7s against 8s, and where they concentrate.

    Parameters
    ----------
    counts : mapping or pandas.Series
        ``respondents``, ``passives``, ``sevens`` and ``eights`` for the period.
    period : str
        Words for the period, e.g. ``"in 2026-W46"`` or ``"over every response"``.
    by_segment : pandas.DataFrame, optional
        Per segment (index) with ``respondents`` and ``share_passives``; when there are
        several, the one with the highest share among those with at least 30 respondents is
        named.

    Returns
    -------
    str
        Two or three sentences.

    Examples
    --------
    >>> print(passives_sentence({"respondents": 200, "passives": 50, "sevens": 20,
    ...                          "eights": 30}, "in 2026-W46"))  # doctest: +NORMALIZE_WHITESPACE
    Passives were 50 of 200 respondents in 2026-W46 (25.0%): 30 eights, who lean promoter,
    and 20 sevens, who lean detractor. Most lean promoter: a small fix may be enough to move
    them up.
    """
    respondents, passives = _count(counts.get("respondents")), _count(counts.get("passives"))
    sevens, eights = _count(counts.get("sevens")), _count(counts.get("eights"))
    if not respondents:
        return f"No responses {period}."
    if not passives:
        return f"No passives among the {respondents:,} respondents {period}."
    text = (
        f"Passives were {passives:,} of {respondents:,} respondents {period} "
        f"({passives / respondents:.1%}): {eights:,} eights, who lean promoter, and "
        f"{sevens:,} sevens, who lean detractor."
    )
    if eights > sevens:
        text += " Most lean promoter: a small fix may be enough to move them up."
    elif sevens > eights:
        text += " Most lean detractor: they are the ones at risk of slipping."
    else:
        text += " They are split evenly between the two leans."
    if by_segment is not None and len(by_segment) > 1:
        readable = by_segment[by_segment["respondents"] >= 30]
        if not readable.empty:
            top = readable["share_passives"].astype(float).idxmax()
            share = float(readable.loc[top, "share_passives"])
            text += (
                f" The segment with the largest share of passives is {top} "
                f"({share:.0%} of {_count(readable.loc[top, 'respondents']):,})."
            )
    return text


def findings_sentence(findings: pd.DataFrame, window: str, respondents: int) -> str:
    """What the theme findings say, in two sentences.

    Parameters
    ----------
    findings : pandas.DataFrame
        :func:`passives_lib.findings._findings.theme_findings` output.
    window : str
        Words for the window, e.g. ``"the 13 weeks up to 2026-W46"``.
    respondents : int
        Respondents in the window.

    Returns
    -------
    str
        The number of themes, the theme detractors and passives raise most, and the theme
        that costs the most NPS.

    Examples
    --------
    >>> table = pd.DataFrame({"label": ["price", "tracking"], "detractors": [10, 4],
    ...     "passives_7": [5, 2], "passives_8": [1, 3], "promoters": [2, 1],
    ...     "lift_unhappy": [2.5, 6.0], "nps_impact": [-3.0, -1.2]})
    >>> print(findings_sentence(table, "the 13 weeks up to 2026-W46", 400))
    ... # doctest: +NORMALIZE_WHITESPACE
    Over the 13 weeks up to 2026-W46 (400 responses) the comments fall into 2 themes.
    Detractors and passives raise 'price' most (16 times, 2.5x as often as promoters);
    'price' costs the most NPS (-3.0 points).
    """
    if findings.empty:
        return (
            f"Over {window} ({respondents:,} responses) no theme was found in the comments: "
            "there is too little comment text for themes."
        )
    unhappy = findings["detractors"] + findings["passives_7"] + findings["passives_8"]
    top = findings.loc[unhappy.idxmax()]
    text = (
        f"Over {window} ({respondents:,} responses) the comments fall into "
        f"{len(findings)} theme{'s' if len(findings) > 1 else ''}. Detractors and passives "
        f"raise '{top['label']}' most "
        f"({int(unhappy.max()):,} times, {float(top['lift_unhappy']):.1f}x as often as "
        f"promoters)"
    )
    impacts = findings["nps_impact"].astype(float).dropna()
    if impacts.empty:  # a theme everyone raised has no "NPS without it"
        return text + "."
    costly = findings.loc[impacts.idxmin()]
    return text + (
        f"; '{costly['label']}' costs the most NPS ({signed(costly['nps_impact'])} points)."
    )


def quick_win_sentence(
    win: Mapping[str, Any] | pd.Series | None, rank: int, reason: str | None = None
) -> str:
    """One quick win in a sentence, or why there is none at this rank.

    Parameters
    ----------
    win : mapping or pandas.Series or None
        A row of :func:`passives_lib.findings._quick_wins.quick_wins` (``theme_label``, ``reach``,
        ``nps_upside``, ``effort``); ``None`` when fewer themes qualified.
    rank : int
        Its rank (1 to 3).
    reason : str, optional
        Why there is none (the quick wins' ``no more quick wins: ...`` note, prefix removed).

    Returns
    -------
    str
        The sentence.

    Examples
    --------
    >>> print(quick_win_sentence({"theme_label": "tracking / email", "reach": 0.12,
    ...                           "nps_upside": 4.25, "effort": "low"}, 1))
    ... # doctest: +NORMALIZE_WHITESPACE
    Quick win 1: 'tracking / email', raised by 12% of the detractors and passives who
    commented; up to +4.2 NPS points if they moved up one group; low effort.
    >>> print(quick_win_sentence(None, 3))  # doctest: +NORMALIZE_WHITESPACE
    No theme qualifies as quick win 3 this time (too few mentions by detractors and
    passives, or raised by promoters almost as often).
    """
    if win is None and reason:
        return f"No quick win {rank} this week: {reason}."
    if win is None:
        return (
            f"No theme qualifies as quick win {rank} this time (too few mentions by "
            "detractors and passives, or raised by promoters almost as often)."
        )
    return (
        f"Quick win {rank}: '{win['theme_label']}', raised by {float(win['reach']):.0%} of "
        f"the detractors and passives who commented; up to "
        f"{signed(win['nps_upside'])} NPS points if they moved up one group; "
        f"{win['effort']} effort."
    )


def plan_sentence(summary: Mapping[str, Any] | None, no_plan_reason: str | None = None) -> str:
    """The week's outreach plan in two sentences, or why there is none.

    Parameters
    ----------
    summary : mapping or None
        ``week``, ``eligible``, ``call_list``, ``capacity``, ``management_sample``,
        ``management_share``, ``managers`` (list), ``panel_invites``, ``incentives_due``,
        ``recorded`` and ``dry_run``; ``None`` when no plan was made.
    no_plan_reason : str, optional
        Why no plan was made.

    Returns
    -------
    str
        The sentences.

    Examples
    --------
    >>> print(plan_sentence({"week": "2026-W46", "eligible": 39, "call_list": 15,
    ...     "capacity": 15, "management_sample": 4, "management_share": 0.1,
    ...     "managers": ["Ana", "Ben"], "panel_invites": 6, "incentives_due": 0,
    ...     "recorded": 0, "dry_run": True}))  # doctest: +NORMALIZE_WHITESPACE
    Plan for 2026-W46: 39 eligible passives; 15 on the front line's call list (capacity 15),
    4 for management (10% of the pool, shared by Ana and Ben), 6 panel invitations and
    0 incentives due. Dry run: nothing was recorded in the contact ledger.
    """
    if summary is None:
        return f"No outreach plan this time: {no_plan_reason or 'no plan was made'}."
    managers = _names(summary.get("managers") or [])
    text = (
        f"Plan for {summary['week']}: {summary['eligible']:,} eligible passives; "
        f"{summary['call_list']:,} on the front line's call list (capacity "
        f"{summary['capacity']:,}), {summary['management_sample']:,} for management "
        f"({float(summary['management_share']):.0%} of the pool"
        + (f", shared by {managers}" if managers else "")
        + "), "
        f"{summary['panel_invites']:,} panel invitations and "
        f"{summary['incentives_due']:,} incentives due."
    )
    if summary.get("dry_run"):
        return text + " Dry run: nothing was recorded in the contact ledger."
    recorded = int(summary.get("recorded") or 0)
    if recorded:
        return text + f" {recorded:,} new assignment(s) were recorded in the contact ledger."
    return text + " The ledger already held this week's assignments: nothing new recorded."


def _names(names: Sequence[str]) -> str:
    names = [str(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def data_quality_sentence(summary: Mapping[str, Any]) -> str:
    """Rows read, accepted and rejected, and the most common reason for rejection.

    Parameters
    ----------
    summary : mapping
        :func:`passives_lib.load_summary` output (``rows_read``, ``rows_accepted``,
        ``rows_rejected``, ``rejection_reasons``).

    Returns
    -------
    str
        One or two sentences.

    Examples
    --------
    >>> data_quality_sentence({"rows_read": 10, "rows_accepted": 8, "rows_rejected": 2,
    ...                        "rejection_reasons": {"score is blank": 2}})
    'Read 10 rows: 8 accepted, 2 rejected (20.0%). Most common reason: score is blank (2 rows).'
    """
    read, accepted = int(summary["rows_read"]), int(summary["rows_accepted"])
    rejected = int(summary["rows_rejected"])
    share = f" ({rejected / read:.1%})" if read else ""
    text = f"Read {read:,} rows: {accepted:,} accepted, {rejected:,} rejected{share}."
    reasons = summary.get("rejection_reasons") or {}
    if reasons:
        reason, count = max(reasons.items(), key=lambda item: item[1])
        text += f" Most common reason: {reason} ({int(count):,} rows)."
    return text


def fix_follow_up_line(row: Mapping[str, Any]) -> str:
    """A fixed theme before and after its fix: mentions, and the NPS of those who raised it.

    Examples
    --------
    >>> print(fix_follow_up_line({"theme_label": "tracking", "fixed_on": pd.Timestamp("2026-11-09"),
    ...     "comments_before": 300, "mentions_before": 30, "share_before": 0.1,
    ...     "nps_before": -20.0, "comments_after": 100, "mentions_after": 4,
    ...     "share_after": 0.04, "nps_after": 25.0}))  # doctest: +NORMALIZE_WHITESPACE
    tracking: fixed on 2026-11-09; mentions 10.0% of comments before (30 of 300), 4.0%
    after (4 of 100); NPS of those who raised it -20 before, +25 after.
    """

    def share(side: str, words: str) -> str:
        value = row[f"share_{side}"]
        if value is None or pd.isna(value):
            return f"no comments {side}"
        counts = f"({int(row[f'mentions_{side}'])} of {int(row[f'comments_{side}'])})"
        return f"{float(value):.1%}{words} {side} {counts}"

    def nps(side: str) -> str:
        value = row[f"nps_{side}"]
        return "n/a" if value is None or pd.isna(value) else signed(value, 0)

    return (
        f"{row['theme_label']}: fixed on {pd.Timestamp(row['fixed_on']):%Y-%m-%d}; mentions "
        f"{share('before', ' of comments')}, {share('after', '')}; "
        f"NPS of those who raised it {nps('before')} before, {nps('after')} after."
    )
