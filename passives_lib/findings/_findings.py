"""Round-table findings: what each theme means for NPS among detractors, passives, promoters.

For every theme over the report's window (by default the 13 ISO weeks up to the report week):

- how many detractors, passives (7 and 8 apart) and promoters raised it, and its share of the
  commenters in each group (respondents with a real comment);
- lift: how much more often detractors (and passives) raise it than promoters, with half a
  mention added to every count so a theme no promoter raised has a finite lift;
- the theme's own NPS, and its NPS impact: NPS of all respondents minus NPS without the
  theme's respondents, with a 95% bootstrap interval (resampling respondents, fixed seed);
- the mean VADER sentiment of its comments;
- its trend: this week's share of commenters against the earlier weeks of the window, flagged
  ``rising`` or ``falling`` only when a two-proportion z-test is significant at 5%, ``new``
  when nobody raised it before this week, and ``n/a`` when this week or the weeks before it
  have no comments to compare;
- three quotes from detractors and passives, closest to the theme's centre when similarities
  are given, personal data masked: with the theme model's opinions, the opinion that put each
  comment in the theme, of the theme's polarity (:mod:`passives_lib.findings._quotes`), else
  the whole comment.

A comment that raises several themes (``theme_ids`` in the assignments, primary first) is
counted under each of them (see ``MULTI_THEME_RULE``), so mentions add up to more than the
commenters; ``primary_mentions`` counts only the comments whose main theme it is.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy.stats import norm

from passives_lib.findings._quotes import comment_quotes, opinion_quotes
from passives_lib.themes import sentiment

TREND_RULE = (
    "trend: this week's share of commenters against the earlier weeks of the window, "
    "two-proportion z-test at 5% (|z| >= 1.96); 'new' = nobody raised it before this week"
)
MULTI_THEME_RULE = (
    "a comment that raises several themes counts under each of them (primary theme first in "
    "theme_ids), so theme mentions add up to more than the commenters; primary_mentions counts "
    "only the comments whose main theme it is"
)
_SIGN = {"detractor": -1, "passive": 0, "promoter": 1}


def theme_id_lists(assignments: pd.DataFrame) -> list[list[int]]:
    """Every theme of each assignment row, primary first.

    Parameters
    ----------
    assignments : pandas.DataFrame
        ``theme_id`` and optionally ``theme_ids`` (a list of ints or a ``;``-separated
        string, primary first).

    Returns
    -------
    list of list of int
        One list per row; just ``[theme_id]`` when ``theme_ids`` is absent or empty.

    Examples
    --------
    >>> frame = pd.DataFrame({"theme_id": [3, -1, 2], "theme_ids": ["3;0", "-1", None]})
    >>> theme_id_lists(frame)
    [[3, 0], [-1], [2]]
    """
    primary = assignments["theme_id"].tolist()
    given = [None] * len(primary)
    if "theme_ids" in assignments:
        given = assignments["theme_ids"].tolist()
    out = []
    for first, ids in zip(primary, given, strict=True):
        if isinstance(ids, str) and ids.strip():
            ids = [int(part) for part in ids.split(";")]
        elif not isinstance(ids, (list, tuple)) or not ids:
            ids = [first]
        out.append([int(first), *(int(i) for i in ids if int(i) != int(first))])
    return out


def _counts(frame: pd.DataFrame, themes: list[int]) -> pd.DataFrame:
    group = np.where(
        frame["category"] == "passive",
        "passive_" + frame["score"].astype(str),
        frame["category"].astype(str),
    )
    table = pd.crosstab(frame["theme_id"], group).reindex(
        index=themes, columns=["detractor", "passive_7", "passive_8", "promoter"], fill_value=0
    )
    return table.fillna(0).astype(int)


def _bootstrap_impact(
    signs: np.ndarray, member: np.ndarray, reps: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """95% percentile intervals of NPS impact per theme from resampled respondents.

    ``member`` is respondents x themes, True where the respondent raised the theme.
    """
    if member.shape[1] == 0:  # no real comment in the window: no theme, no interval
        return np.empty(0), np.empty(0)
    rng = np.random.default_rng(seed)
    n = len(signs)
    impacts = np.empty((reps, member.shape[1]))
    inside = member.astype(float)
    for rep in range(reps):
        weights = np.bincount(rng.integers(0, n, n), minlength=n).astype(float)
        total_sign, total = (weights * signs).sum(), weights.sum()
        theme_sign = (weights * signs) @ inside
        theme_n = weights @ inside
        with np.errstate(invalid="ignore", divide="ignore"):
            without = (total_sign - theme_sign) / (total - theme_n)
        impacts[rep] = 100 * (total_sign / total - without)
    with warnings.catch_warnings():  # a theme held by every respondent has no "without"
        warnings.simplefilter("ignore", RuntimeWarning)
        low, high = np.nanpercentile(impacts, [2.5, 97.5], axis=0)
    return low, high


def _trend(this_week: np.ndarray, this_n: int, before: np.ndarray, before_n: int) -> tuple:
    p1 = this_week / max(this_n, 1)
    p0 = before / max(before_n, 1)
    pooled = (this_week + before) / max(this_n + before_n, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.sqrt(pooled * (1 - pooled) * (1 / max(this_n, 1) + 1 / max(before_n, 1)))
        z = np.where(se > 0, (p1 - p0) / se, 0.0)
    flag = np.where(
        (before == 0) & (this_week > 0) & (before_n > 0),
        "new",
        np.where(z >= 1.96, "rising", np.where(z <= -1.96, "falling", "steady")),
    )
    return p1, p0, z, 2 * norm.sf(np.abs(z)), flag


def theme_findings(
    responses: pd.DataFrame,
    assignments: pd.DataFrame,
    week: str,
    themes: pd.DataFrame | None = None,
    reps: int = 400,
    seed: int = 42,
    opinions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per-theme findings over a window of responses.

    Parameters
    ----------
    responses : pandas.DataFrame
        Classified responses of the window (``respondent_id``, ``score``, ``category``,
        ``comment``, ``iso_week``, ``segment``).
    assignments : pandas.DataFrame
        ``respondent_id``, ``theme_id`` (``-1`` other, ``-2`` non-answer) and optionally
        ``theme_ids`` (every theme of the comment, primary first: the comment counts under
        each) and ``similarity`` (to the theme's centre, for choosing quotes).
    week : str
        The report week (its responses are "this week").
    themes : pandas.DataFrame, optional
        ``theme_id`` and ``label`` (and ``effort``); labels default to ``theme N``.
    reps : int
        Bootstrap resamples for the NPS-impact interval.
    seed : int
        Seed of the bootstrap.
    opinions : pandas.DataFrame, optional
        Per comment and theme, the opinion that put it there (``respondent_id``,
        ``theme_id``, ``opinion``, ``polarity``, ``similarity``); quotes are then these
        opinions, of the theme's polarity (``themes["polarity"]``), instead of whole comments.

    Returns
    -------
    pandas.DataFrame
        One row per theme (``theme_id >= 0``), largest first: ``theme_id``, ``label``,
        counts (``detractors``, ``passives_7``, ``passives_8``, ``promoters``, ``mentions``,
        ``primary_mentions``),
        shares of commenters (``share_detractors``, ``share_passives``,
        ``share_promoters``), ``lift_detractors``, ``lift_passives``, ``lift_unhappy``
        (detractors and passives together), ``theme_nps``,
        ``nps_impact`` with ``nps_impact_low``/``nps_impact_high``, ``sentiment``,
        ``share_this_week``, ``share_before``, ``trend_z``, ``trend_p``, ``trend``,
        ``quotes`` (list of str) and ``segments`` (most affected, with counts); with
        ``polarity`` (the theme's: complaint, praise, suggestion, neutral) after ``label``
        when ``themes`` has one.
    """
    frame = responses.merge(assignments, on="respondent_id", how="left")
    frame["theme_id"] = frame["theme_id"].fillna(-2).astype(int)
    sets = theme_id_lists(frame)
    repeated = frame.loc[np.repeat(frame.index.to_numpy(), [len(ids) for ids in sets])]
    mentioned = repeated.assign(theme_id=[t for ids in sets for t in ids])
    theme_list = sorted(t for t in mentioned["theme_id"].unique() if t >= 0)
    commenters = frame[frame["theme_id"] != -2]
    mentioned = mentioned[mentioned["theme_id"] >= 0]
    counts = _counts(mentioned, theme_list)
    base = _counts(commenters.assign(theme_id=0), [0]).iloc[0]
    out = pd.DataFrame({"theme_id": theme_list})
    out["detractors"] = counts["detractor"].to_numpy()
    out["passives_7"] = counts["passive_7"].to_numpy()
    out["passives_8"] = counts["passive_8"].to_numpy()
    out["promoters"] = counts["promoter"].to_numpy()
    out["mentions"] = counts.sum(axis=1).to_numpy()
    primary = commenters["theme_id"].value_counts()
    out["primary_mentions"] = [int(primary.get(t, 0)) for t in theme_list]
    passives = out["passives_7"] + out["passives_8"]
    n_det, n_pas, n_pro = base["detractor"], base["passive_7"] + base["passive_8"], base["promoter"]
    out["share_detractors"] = out["detractors"] / max(n_det, 1)
    out["share_passives"] = passives / max(n_pas, 1)
    out["share_promoters"] = out["promoters"] / max(n_pro, 1)
    promoter_rate = (out["promoters"] + 0.5) / (n_pro + 1)
    out["lift_detractors"] = ((out["detractors"] + 0.5) / (n_det + 1)) / promoter_rate
    out["lift_passives"] = ((passives + 0.5) / (n_pas + 1)) / promoter_rate
    out["lift_unhappy"] = (out["detractors"] + passives + 0.5) / (n_det + n_pas + 1) / promoter_rate
    out["theme_nps"] = 100 * (out["promoters"] - out["detractors"]) / out["mentions"]
    _add_impact(out, frame, sets, theme_list, reps, seed)
    _add_tone_and_trend(out, commenters, mentioned, theme_list, week)
    out["quotes"] = _theme_quotes(mentioned, theme_list, themes, opinions)
    out["segments"] = [_segments(mentioned[mentioned["theme_id"] == t]) for t in theme_list]
    labels = {} if themes is None else dict(zip(themes["theme_id"], themes["label"], strict=True))
    out.insert(1, "label", [labels.get(t, f"theme {t}") for t in theme_list])
    if themes is not None and "polarity" in themes:
        tone = dict(zip(themes["theme_id"], themes["polarity"].fillna(""), strict=True))
        out.insert(2, "polarity", [str(tone.get(t, "")) for t in theme_list])
    return out.sort_values(["mentions", "theme_id"], ascending=[False, True], ignore_index=True)


def _add_impact(
    out: pd.DataFrame,
    frame: pd.DataFrame,
    sets: list[list[int]],
    theme_list: list[int],
    reps: int,
    seed: int,
) -> None:
    signs = frame["category"].astype(str).map(_SIGN).to_numpy(float)
    position = {t: i for i, t in enumerate(theme_list)}
    member = np.zeros((len(frame), len(theme_list)), dtype=bool)
    for row, ids in enumerate(sets):
        member[row, [position[t] for t in ids if t in position]] = True
    total_nps = 100 * signs.mean()
    impact = []
    for column in range(len(theme_list)):
        rest = signs[~member[:, column]]
        impact.append(total_nps - 100 * rest.mean() if len(rest) else np.nan)
    out["nps_impact"] = impact
    out["nps_impact_low"], out["nps_impact_high"] = _bootstrap_impact(signs, member, reps, seed)


def _add_tone_and_trend(
    out: pd.DataFrame,
    commenters: pd.DataFrame,
    mentioned: pd.DataFrame,
    theme_list: list[int],
    week: str,
) -> None:
    tone = pd.Series(sentiment(mentioned["comment"].tolist()), index=mentioned.index)
    tone = tone.groupby(mentioned["theme_id"].to_numpy()).mean()
    out["sentiment"] = tone.reindex(theme_list).to_numpy()
    this = commenters["iso_week"] == week
    earlier = commenters["iso_week"] < week
    mentioned_now = mentioned[mentioned["iso_week"] == week]
    mentioned_before = mentioned[mentioned["iso_week"] < week]
    now = mentioned_now.groupby("theme_id").size().reindex(theme_list, fill_value=0)
    before = mentioned_before.groupby("theme_id").size().reindex(theme_list, fill_value=0)
    (out["share_this_week"], out["share_before"], out["trend_z"], out["trend_p"], out["trend"]) = (
        _trend(now.to_numpy(), int(this.sum()), before.to_numpy(), int(earlier.sum()))
    )
    if commenters["iso_week"].isna().all() or not this.any() or not earlier.any():
        out["trend"] = "n/a"  # undated, or no comments this week or before it: nothing to test


def _theme_quotes(
    mentioned: pd.DataFrame,
    theme_list: list[int],
    themes: pd.DataFrame | None,
    opinions: pd.DataFrame | None,
) -> list[list[str]]:
    """Each theme's quotes: its opinions of its polarity when given, else whole comments."""
    if opinions is None:
        return [comment_quotes(mentioned[mentioned["theme_id"] == t]) for t in theme_list]
    polarity, names = {}, {}
    if themes is not None and "polarity" in themes:
        polarity = dict(zip(themes["theme_id"], themes["polarity"].fillna(""), strict=True))
    if themes is not None and "label" in themes:
        names = dict(zip(themes["theme_id"], themes["label"].fillna("").astype(str), strict=True))
    categories = mentioned.drop_duplicates("respondent_id").set_index("respondent_id")["category"]
    said = opinions[opinions["respondent_id"].isin(categories.index)]
    by_theme = dict(iter(said.groupby("theme_id", sort=False)))
    return [
        opinion_quotes(
            by_theme.get(t, said.iloc[:0]),
            categories,
            str(polarity.get(t, "")),
            name=names.get(t, ""),
        )
        for t in theme_list
    ]


def _segments(members: pd.DataFrame, count: int = 3) -> str:
    unhappy = members[members["category"].isin(["detractor", "passive"])]
    top = unhappy["segment"].value_counts().head(count)
    return ", ".join(f"{segment} ({n})" for segment, n in top.items())
