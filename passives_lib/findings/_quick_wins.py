"""The top three quick wins: themes worth a small project for the front-line team.

A theme qualifies when detractors and passives raised it at least ``min_mentions`` times and
raise it more than promoters do (lift at least ``min_lift``), it is not marked fixed, it is no
praise theme (what customers praise is nothing to fix, however many detractors say it), and
fixing it is low effort (what the theme is about: see ``themes._effort``): a medium- or
high-effort theme is a project, not a quick win. When fewer than ``top`` themes qualify, a note
starting with :data:`NO_MORE_PREFIX` gives the true reason (none raised enough, the others
are projects, named with their effort and why, or were fixed; a praise theme left out gets a
note of its own). Qualifying themes are ranked by a transparent score, each part scaled to
[0, 1]:

``score = 0.35 reach + 0.25 upside + 0.25 fixability + 0.15 lift``

- reach: share of the detractors and passives who commented that raised it (scaled by the
  largest among candidates);
- upside: NPS points gained if the theme's passives became promoters and its detractors became
  passives, ``100 x (passives + detractors) / respondents`` (scaled likewise);
- fixability: effort low 1, medium 0.5, high 0.2 (from the config, else the default rule);
- lift: how much more often detractors and passives raise it than promoters,
  ``min(1, (lift - 1) / 4)``.
"""

from __future__ import annotations

import pandas as pd

from passives_lib.store import fix_matches

FIXABILITY = {"low": 1.0, "medium": 0.5, "high": 0.2}
WEIGHTS = {"reach": 0.35, "upside": 0.25, "fixability": 0.25, "lift": 0.15}
PROJECT_NOTE = "not low effort: a project, not a quick win"
PRAISE = "praise"  # a theme of this polarity says what works: never a quick win
NO_MORE_PREFIX = "no more quick wins: "
QUICK_WIN_COLUMNS = [
    "rank",
    "theme_id",
    "theme_label",
    "score",
    "reach",
    "nps_upside",
    "effort",
    "why",
    "quotes",
    "suggested_project",
    "affected",
]


def quick_wins(
    findings: pd.DataFrame,
    respondents: int,
    unhappy_commenters: int,
    efforts: pd.DataFrame | None = None,
    top: int = 3,
    min_mentions: int = 5,
    min_lift: float = 1.5,
    fixed: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """Rank the themes raised by detractors and passives; keep the top ``top``.

    Parameters
    ----------
    findings : pandas.DataFrame
        From :func:`passives_lib.theme_findings`.
    respondents : int
        Respondents in the window (the NPS base).
    unhappy_commenters : int
        Detractors and passives in the window with a real comment.
    efforts : pandas.DataFrame, optional
        ``theme_id``, ``effort`` and ``effort_source`` (see ``theme_efforts``), unless the
        findings carry them already; medium when missing.
    top : int
        How many quick wins.
    min_mentions : int
        Mentions by detractors and passives a theme needs.
    min_lift : float
        How much more often than promoters they must raise it.
    fixed : pandas.DataFrame, optional
        Themes marked fixed (``theme``: a stable id or exact name, ``fixed_at``): never a
        quick win; each gets the note "fixed on D: watch whether mentions fall".

    Returns
    -------
    tuple of (pandas.DataFrame, list of str)
        The quick wins (``rank``, ``theme_id``, ``theme_label``, ``score``, ``reach``,
        ``nps_upside``, ``effort``, ``why``, ``quotes``, ``suggested_project``,
        ``affected``) and notes (the scoring rule; why fewer than ``top`` if so).
    """
    frame = findings.copy()
    if efforts is not None and not efforts.empty and "effort" not in frame:
        frame = frame.merge(efforts, on="theme_id", how="left")
    frame["effort"] = frame.get("effort", pd.Series(index=frame.index, dtype=object)).fillna(
        "medium"
    )
    frame["effort_source"] = frame.get(
        "effort_source", pd.Series(index=frame.index, dtype=object)
    ).fillna("no effort given")
    unhappy = frame["detractors"] + frame["passives_7"] + frame["passives_8"]
    frame["lift"] = frame["lift_unhappy"]
    frame["reach"] = unhappy / max(unhappy_commenters, 1)
    frame["nps_upside"] = 100 * unhappy / max(respondents, 1)
    fixed_on = fixed_dates(frame, fixed)
    praise = frame.get("polarity", pd.Series("", index=frame.index)).eq(PRAISE)
    raised = (unhappy >= min_mentions) & (frame["lift"] >= min_lift) & fixed_on.isna()
    praised = frame[raised & praise]
    raised &= ~praise
    qualifies = raised & (frame["effort"] == "low")
    notes = [
        "quick-win score = 0.35 reach + 0.25 NPS upside + 0.25 fixability + 0.15 lift, each "
        "scaled to [0, 1]; a theme qualifies with at least "
        f"{min_mentions} mentions by detractors and passives, raised at least {min_lift:g}x "
        "as often by them as by promoters, and is no praise theme"
    ]
    notes += [
        f"'{frame.at[i, 'label']}' (theme {frame.at[i, 'theme_id']}) fixed on "
        f"{fixed_on[i]:%Y-%m-%d}: watch whether mentions fall; not a quick win"
        for i in fixed_on.dropna().index
    ]
    notes += _praise_left_out(praised, unhappy)
    candidates = frame[qualifies].copy()
    if candidates.empty:
        notes.append("no theme qualifies as a quick win this week")
        notes += _projects_left_out(frame[raised & ~qualifies], unhappy)
        notes.append(
            _why_no_more(frame, raised, qualifies, fixed_on, unhappy, min_mentions, min_lift)
        )
        return pd.DataFrame(columns=QUICK_WIN_COLUMNS), notes
    candidates["score"] = (
        WEIGHTS["reach"] * candidates["reach"] / candidates["reach"].max()
        + WEIGHTS["upside"] * candidates["nps_upside"] / candidates["nps_upside"].max()
        + WEIGHTS["fixability"] * candidates["effort"].map(FIXABILITY).fillna(0.5)
        + WEIGHTS["lift"] * ((candidates["lift"] - 1) / 4).clip(0, 1)
    ).round(4)
    ranked = candidates.sort_values(["score", "theme_id"], ascending=[False, True]).head(top)
    if len(ranked) < top:
        notes.append(f"only {len(ranked)} theme(s) qualify, so fewer than {top} quick wins")
        notes += _projects_left_out(frame[raised & ~qualifies], unhappy)
        notes.append(
            _why_no_more(frame, raised, qualifies, fixed_on, unhappy, min_mentions, min_lift)
        )
    rows = []
    for rank, (_, theme) in enumerate(ranked.iterrows(), start=1):
        rows.append(
            {
                "rank": rank,
                "theme_id": theme["theme_id"],
                "theme_label": theme["label"],
                "score": theme["score"],
                "reach": round(float(theme["reach"]), 4),
                "nps_upside": round(float(theme["nps_upside"]), 2),
                "effort": theme["effort"],
                "why": _why(theme),
                "quotes": list(theme["quotes"][:2]),
                "suggested_project": _project(theme),
                "affected": _affected(theme),
            }
        )
    return pd.DataFrame(rows, columns=QUICK_WIN_COLUMNS), notes


def fixed_dates(findings: pd.DataFrame, fixed: pd.DataFrame | None) -> pd.Series:
    """The latest fix of each theme of ``findings`` (``NaT`` when never marked fixed).

    Parameters
    ----------
    findings : pandas.DataFrame
        ``theme_id`` and ``label``.
    fixed : pandas.DataFrame or None
        ``theme`` (stable id or exact name) and ``fixed_at``, as the ledger gives.

    Returns
    -------
    pandas.Series
        Aligned with ``findings``.
    """
    dates = pd.Series(pd.NaT, index=findings.index, dtype="datetime64[ns]")
    if fixed is None or fixed.empty:
        return dates
    for index, theme in findings.iterrows():
        matched = [
            pd.Timestamp(at)
            for name, at in zip(fixed["theme"], fixed["fixed_at"], strict=True)
            if fix_matches(name, theme["theme_id"], theme["label"])
        ]
        if matched:
            dates[index] = max(matched)
    return dates


def _why_no_more(
    frame: pd.DataFrame,
    raised: pd.Series,
    qualifies: pd.Series,
    fixed_on: pd.Series,
    unhappy: pd.Series,
    min_mentions: int,
    min_lift: float,
) -> str:
    """The true reason there is no (further) quick win, as one note."""
    reasons = []
    other = "other " if qualifies.any() else ""  # no "other" theme when none qualified
    projects = frame[raised & ~qualifies]
    if len(projects):
        order = projects.assign(_n=unhappy[projects.index]).sort_values("_n", ascending=False)
        named = ", ".join(
            f"'{row['label']}' ({row['effort']} effort, {row['effort_source']})"
            for _, row in order.head(3).iterrows()
        )
        reasons.append(f"the {other}themes raised enough are projects, not quick wins: {named}")
    was_fixed = frame[fixed_on.notna() & (unhappy >= min_mentions)]
    if len(was_fixed):
        named = ", ".join(
            f"'{row['label']}' (fixed on {fixed_on[i]:%Y-%m-%d})" for i, row in was_fixed.iterrows()
        )
        reasons.append(f"marked fixed, so no longer a quick win: {named}")
    if not reasons:
        reasons.append(
            f"no {other}theme is raised by at least {min_mentions} detractors and passives "
            f"at {min_lift:g}x the promoters' rate"
        )
    return NO_MORE_PREFIX + "; ".join(reasons)


def _projects_left_out(projects: pd.DataFrame, unhappy: pd.Series, count: int = 3) -> list[str]:
    """A note naming the biggest high-effort themes that were left out of the quick wins."""
    if projects.empty:
        return []
    mentions = unhappy[projects.index]
    order = projects.assign(_n=mentions).sort_values(["_n", "theme_id"], ascending=[False, True])
    named = [
        f"'{row['label']}' ({int(row['_n'])} detractors and passives; {row['effort_source']})"
        for _, row in order.head(count).iterrows()
    ]
    return [f"left out of the quick wins, {PROJECT_NOTE}: " + "; ".join(named)]


def _praise_left_out(praised: pd.DataFrame, unhappy: pd.Series) -> list[str]:
    """A note naming the praise themes raised enough, which are never quick wins."""
    if praised.empty:
        return []
    named = ", ".join(
        f"'{row['label']}' ({int(unhappy[i])} detractors and passives)"
        for i, row in praised.iterrows()
    )
    return [f"left out of the quick wins, praise (what works, nothing to fix): {named}"]


def _why(theme: pd.Series) -> str:
    unhappy = int(theme["detractors"] + theme["passives_7"] + theme["passives_8"])
    return (
        f"raised by {theme['reach']:.0%} of commenting detractors and passives ({unhappy}: "
        f"{int(theme['detractors'])} detractors, {int(theme['passives_7'])} sevens, "
        f"{int(theme['passives_8'])} eights); +{theme['nps_upside']:.1f} NPS points if they "
        f"moved up; {theme['effort']} effort ({theme['effort_source']}); "
        f"{theme['lift']:.1f}x as common as among promoters; trend {theme['trend']}"
    )


def _affected(theme: pd.Series) -> str:
    sevens, eights = int(theme["passives_7"]), int(theme["passives_8"])
    lean = "mostly 8s (leaning promoter)" if eights > sevens else "mostly 7s (leaning detractor)"
    if eights == sevens:
        lean = "as many 7s as 8s"
    if not sevens + eights:
        lean = "detractors only"
    return f"segments: {theme['segments'] or 'n/a'}; passives {lean}"


def _project(theme: pd.Series) -> str:
    label = theme["label"]
    if theme["effort"] == "low":
        return (
            f"Small fix this week: name an owner for '{label}', ship the change, and tell "
            "the customers who raised it what changed"
        )
    if theme["effort"] == "medium":
        return (
            f"Two-week project on '{label}': map where it happens, fix the most common "
            "case first, follow up with the customers who raised it"
        )
    return (
        f"Scope '{label}' with the product team; meanwhile give the front line a clear "
        "answer and a workaround for customers who raise it"
    )
