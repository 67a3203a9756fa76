"""Scoring passives for outreach: six strategies, each in [0, 1], and their weighted sum.

Each strategy is a plain function of the pool of passives being planned; a strategy whose
columns are missing returns ``None`` and is left out of the sum (and the output says so).
The priority is the weighted mean of the strategies present, so it stays in [0, 1] whatever
the weights; every row gets a plain-language reason built from its largest contributions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from passives_lib._plan_settings import STRATEGIES, PlanSettings
from passives_lib._sentiment import sentiment

EFFORT_SCORE = {"low": 1.0, "medium": 0.5, "high": 0.0}
ARTICULATE_WORDS = 8


def value_score(pool: pd.DataFrame) -> pd.Series | None:
    """Lifetime value as a percentile within the pool (highest = 1).

    Ties share their average rank; a missing value scores 0. ``None`` without a
    ``lifetime_value`` column.
    """
    if "lifetime_value" not in pool or pool["lifetime_value"].isna().all():
        return None
    return pool["lifetime_value"].rank(pct=True, method="average").fillna(0.0)


def score_score(pool: pd.DataFrame) -> pd.Series:
    """Closeness to promoting: an 8 scores 1, a 7 scores 0.5."""
    return pool["score"].map({8: 1.0, 7: 0.5}).fillna(0.0).astype(float)


def easy_fix_score(pool: pd.DataFrame) -> pd.Series | None:
    """How easily the comment's theme is resolved: low effort 1, medium 0.5, high 0.

    A passive without a theme (no comment, a non-answer, "other") scores 0. ``None`` without
    a ``theme_effort`` column (themes were not modelled).
    """
    if "theme_effort" not in pool:
        return None
    return pool["theme_effort"].map(EFFORT_SCORE).fillna(0.0).astype(float)


def segment_score(pool: pd.DataFrame, settings: PlanSettings) -> pd.Series | None:
    """The segment's weight from the config, divided by the largest weight.

    Segments not listed get ``default_segment_weight``. ``None`` when the config sets no
    segment weights or the export has no segments.
    """
    if not settings.segment_weights or "segment" not in pool:
        return None
    weights = pool["segment"].map(settings.segment_weights).fillna(
        settings.default_segment_weight
    )
    top = max([*settings.segment_weights.values(), settings.default_segment_weight])
    return (weights / top).clip(0, 1).astype(float) if top > 0 else weights * 0.0


def testimonial_score(pool: pd.DataFrame) -> pd.Series:
    """Likelihood of a positive testimonial.

    ``0.5 x`` the positive part of the comment's VADER sentiment, ``+ 0.3`` for an 8,
    ``+ 0.2`` for an articulate comment (at least eight words). Uses a ``sentiment`` column
    when present, else computes it.
    """
    tone = pool["sentiment"] if "sentiment" in pool else pd.Series(
        sentiment(pool["comment"].tolist()), index=pool.index
    )
    words = pool["comment"].fillna("").astype(str).str.split().str.len()
    return (
        0.5 * tone.clip(lower=0) + 0.3 * (pool["score"] == 8) + 0.2 * (words >= ARTICULATE_WORDS)
    ).astype(float)


def engagement_score(pool: pd.DataFrame) -> pd.Series | None:
    """Falling or shallow product use (higher = more at risk, so more worth a call).

    The larger of the usage drop against the previous period (``1 - current / previous``,
    0 when usage grew) and the share of purchased features unused. ``None`` without usage
    columns; a part whose columns are missing is skipped.
    """
    parts = []
    if {"usage_current", "usage_previous"} <= set(pool):
        previous = pool["usage_previous"].astype(float)
        drop = 1 - pool["usage_current"].astype(float) / previous.where(previous > 0)
        parts.append(drop.clip(0, 1))
    if {"features_purchased", "features_used"} <= set(pool):
        bought = pool["features_purchased"].astype(float)
        unused = 1 - pool["features_used"].astype(float) / bought.where(bought > 0)
        parts.append(unused.clip(0, 1))
    if not parts:
        return None
    return pd.concat(parts, axis=1).max(axis=1).fillna(0.0).astype(float)


def strategy_scores(pool: pd.DataFrame, settings: PlanSettings) -> tuple[pd.DataFrame, list[str]]:
    """Every strategy's score for every passive in the pool.

    Parameters
    ----------
    pool : pandas.DataFrame
        Passives to rank.
    settings : PlanSettings
        Segment weights and the like.

    Returns
    -------
    tuple of (pandas.DataFrame, list of str)
        One column per strategy present (named ``value``, ``score``, ...), and a note for each
        strategy left out and why.
    """
    computed = {
        "value": (value_score(pool), "no lifetime_value column"),
        "score": (score_score(pool), ""),
        "easy_fix": (easy_fix_score(pool), "no themes were modelled"),
        "segment": (segment_score(pool, settings), "no segment weights in the config"),
        "testimonial": (testimonial_score(pool), ""),
        "engagement": (engagement_score(pool), "no usage columns"),
    }
    present = {name: series for name, (series, _) in computed.items() if series is not None}
    notes = [f"strategy '{name}' left out: {why}" for name, (series, why) in computed.items()
             if series is None]
    return pd.DataFrame(present, index=pool.index), notes


def prioritise(pool: pd.DataFrame, settings: PlanSettings) -> tuple[pd.DataFrame, list[str]]:
    """Rank passives by the weighted mean of their strategy scores.

    Parameters
    ----------
    pool : pandas.DataFrame
        Passives with ``respondent_id``, ``score``, ``comment`` and whatever optional columns
        the export has (``lifetime_value``, ``segment``, usage columns, ``theme_label``,
        ``theme_effort``).
    settings : PlanSettings
        Profile, custom weights, segment weights.

    Returns
    -------
    tuple of (pandas.DataFrame, list of str)
        The pool with a ``strategy_<name>`` column per strategy present, ``priority`` in
        [0, 1] and ``reason``, highest priority first (ties broken by ``respondent_id``);
        and notes on strategies left out and the weights used.
    """
    scores, notes = strategy_scores(pool, settings)
    weights = {k: w for k, w in settings.strategy_weights().items() if k in scores and w > 0}
    notes.append(
        f"profile '{settings.profile}', weights "
        + ", ".join(f"{k} {w:g}" for k, w in weights.items())
    )
    out = pool.copy()
    for name in STRATEGIES:
        if name in scores:
            out[f"strategy_{name}"] = scores[name].round(4)
    total = sum(weights.values())
    if total == 0 or out.empty:
        out["priority"] = 0.0
        out["reason"] = ""
    else:
        contributions = pd.DataFrame({k: scores[k] * w / total for k, w in weights.items()})
        out["priority"] = contributions.sum(axis=1).round(6)
        out["reason"] = _reasons(out, contributions)
    out = out.sort_values(["priority", "respondent_id"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True), notes


def _reasons(pool: pd.DataFrame, contributions: pd.DataFrame, top: int = 3) -> list[str]:
    values = contributions.to_numpy()
    names = list(contributions.columns)
    order = np.argsort(-values, axis=1, kind="stable")
    reasons = []
    for row, (_, passive) in enumerate(pool.iterrows()):
        parts = [
            _phrase(names[i], passive) for i in order[row][:top] if values[row, i] > 0
        ]
        reasons.append("; ".join(p for p in parts if p))
    return reasons


def _phrase(strategy: str, passive: pd.Series) -> str:
    if strategy == "value":
        top = max(10, int(np.ceil((1 - passive["strategy_value"]) * 10)) * 10)
        return f"lifetime value in top {top}%" if top <= 50 else "lifetime value"
    if strategy == "score":
        return f"scored {passive['score']}"
    if strategy == "easy_fix":
        effort = passive.get("theme_effort")
        label = passive.get("theme_label")
        if effort == "low":
            return f"'{label}' issue is a quick fix"
        return f"'{label}' issue is {effort} effort" if isinstance(effort, str) else ""
    if strategy == "segment":
        return f"{passive['segment']} segment"
    if strategy == "testimonial":
        return "positive, articulate comment: likely testimonial"
    if strategy == "engagement":
        return _engagement_phrase(passive)
    return strategy


def _engagement_phrase(passive: pd.Series) -> str:
    previous, current = passive.get("usage_previous"), passive.get("usage_current")
    if pd.notna(previous) and pd.notna(current) and previous > 0 and current < previous:
        return f"usage down {1 - current / previous:.0%}"
    bought, used = passive.get("features_purchased"), passive.get("features_used")
    if pd.notna(bought) and pd.notna(used) and bought > used:
        return f"uses {int(used)} of {int(bought)} purchased features"
    return "product use at risk"
