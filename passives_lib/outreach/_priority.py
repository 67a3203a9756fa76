"""Scoring passives for outreach: six strategies, each in [0, 1], and their weighted sum.

Each strategy is a plain function of the pool of passives being planned; a strategy whose
columns are missing returns ``None`` and is left out of the sum (and the output says so).
The priority is the weighted mean of the strategies present, so it stays in [0, 1] whatever
the weights; every row gets a plain-language reason built from its largest contributions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from passives_lib.config import STRATEGIES, PlanSettings
from passives_lib.themes import sentiment

EFFORT_SCORE = {"low": 1.0, "medium": 0.5, "high": 0.0}
ARTICULATE_WORDS = 8
PRAISE_SENTIMENT = 0.3  # VADER compound: clearly positive


def word_counts(comments: pd.Series) -> pd.Series:
    """Words in each comment, counted once per distinct comment."""
    codes, distinct = pd.factorize(comments.fillna("").astype(str))
    counts = np.array([len(text.split()) for text in distinct], dtype=int)
    return pd.Series(counts[codes] if len(codes) else [], index=comments.index, dtype=int)


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
    segment weights or the pool has fewer than two segments (nothing to tell apart; an export
    without a segment column has the single segment ``all``).
    """
    if not settings.segment_weights or "segment" not in pool or pool["segment"].nunique() < 2:
        return None
    weights = pool["segment"].map(settings.segment_weights).fillna(settings.default_segment_weight)
    top = max([*settings.segment_weights.values(), settings.default_segment_weight])
    return (weights / top).clip(0, 1).astype(float) if top > 0 else weights * 0.0


def testimonial_score(pool: pd.DataFrame) -> pd.Series:
    """Likelihood of a positive testimonial, for real praise only.

    0 unless the comment is articulate (at least ``ARTICULATE_WORDS`` words) and clearly
    positive (VADER compound at least ``PRAISE_SENTIMENT``): "." or "Delay in installation,
    only complaint" are no testimonial. Otherwise ``0.5 x`` the sentiment ``+ 0.3`` for an 8
    ``+ 0.2``. Uses a ``sentiment`` column when present, else computes it.
    """
    tone = (
        pool["sentiment"]
        if "sentiment" in pool
        else pd.Series(sentiment(pool["comment"].tolist()), index=pool.index)
    )
    praise = (word_counts(pool["comment"]) >= ARTICULATE_WORDS) & (tone >= PRAISE_SENTIMENT)
    score = 0.5 * tone.clip(lower=0) + 0.3 * (pool["score"] == 8) + 0.2
    return score.where(praise, 0.0).astype(float)


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
        "segment": (
            segment_score(pool, settings),
            "no segment weights in the config, or a single segment",
        ),
        "testimonial": (testimonial_score(pool), ""),
        "engagement": (engagement_score(pool), "no usage columns"),
    }
    present = {name: series for name, (series, _) in computed.items() if series is not None}
    notes = [
        f"strategy '{name}' left out: {why}"
        for name, (series, why) in computed.items()
        if series is None
    ]
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


def _reasons(pool: pd.DataFrame, contributions: pd.DataFrame, top: int = 3) -> np.ndarray:
    """Join the phrases of each row's ``top`` largest positive contributions.

    Phrases are coded per strategy and each text is built once per distinct combination of
    codes, so a million rows cost little more than a thousand.
    """
    names = list(contributions.columns)
    vocabulary: list[str] = [""]
    codes = np.zeros((len(pool), len(names)), dtype=np.int64)
    for column, name in enumerate(names):
        phrase_codes, phrases = _phrase_codes(name, pool)
        codes[:, column] = phrase_codes + len(vocabulary)
        vocabulary.extend(phrases)
    values = contributions.to_numpy()
    order = np.argsort(-values, axis=1, kind="stable")[:, :top]
    rows = np.arange(len(pool))[:, None]
    chosen = np.where(values[rows, order] > 0, codes[rows, order], 0)
    combination, first = _combine([chosen[:, i] for i in range(chosen.shape[1])])
    words = np.array(vocabulary, dtype=object)
    texts = np.array(["; ".join(p for p in words[chosen[i]] if p) for i in first], dtype=object)
    return texts[combination]


def _combine(columns: list[np.ndarray | pd.Series]) -> tuple[np.ndarray, np.ndarray]:
    """Code each distinct combination of values across columns; first row of each code."""
    combined = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(pd.Series(column), use_na_sentinel=False)
        combined = combined * (len(uniques) + 1) + codes
    codes, uniques = pd.factorize(combined)
    first = np.full(len(uniques), -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]
    return codes, first


def _phrase_codes(strategy: str, pool: pd.DataFrame) -> tuple[np.ndarray, list[str]]:  # noqa: C901 (one pass, kept whole)
    """Per-row phrase codes of one strategy and the phrase of each code."""
    if strategy == "value":
        top = np.maximum(10, np.ceil((1 - pool["strategy_value"].to_numpy()) * 10) * 10)
        keys = [top.astype(int)]

        def render(t: int) -> str:
            return f"lifetime value in top {t}%" if t <= 50 else "lifetime value"
    elif strategy == "score":
        keys = [pool["score"].to_numpy()]

        def render(score: int) -> str:
            return f"scored {score}"
    elif strategy == "easy_fix":
        keys = [pool["theme_label"].astype(str).to_numpy(), pool["theme_effort"].to_numpy()]

        def render(label: str, effort: object) -> str:
            if effort == "low":
                return f"'{label}' issue is a quick fix"
            return f"'{label}' issue is {effort} effort" if effort in ("medium", "high") else ""
    elif strategy == "segment":
        keys = [pool["segment"].astype(str).to_numpy()]

        def render(segment: str) -> str:
            return f"{segment} segment"
    elif strategy == "engagement":
        keys = list(_engagement_keys(pool))

        def render(kind: int, a: int, b: int) -> str:
            if kind == 1:
                return f"usage down {a}%"
            return f"uses {a} of {b} purchased features" if kind == 2 else "product use at risk"
    else:
        keys = [np.zeros(len(pool), dtype=int)]

        def render(_: int) -> str:
            return "positive, articulate comment: likely testimonial"

    codes, first = _combine(keys)
    return codes, [render(*(key[i] for key in keys)) for i in first]


def _engagement_keys(pool: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(kind, a, b): 1 = usage down a%, 2 = uses a of b features, 0 = neither."""
    n = len(pool)
    kind, a, b = np.zeros(n, dtype=int), np.zeros(n, dtype=int), np.zeros(n, dtype=int)
    if {"features_purchased", "features_used"} <= set(pool):
        bought = pool["features_purchased"].astype(float).to_numpy()
        used = pool["features_used"].astype(float).to_numpy()
        with np.errstate(invalid="ignore"):
            shallow = bought > used
        kind[shallow] = 2
        a[shallow], b[shallow] = used[shallow].astype(int), bought[shallow].astype(int)
    if {"usage_current", "usage_previous"} <= set(pool):
        previous = pool["usage_previous"].astype(float).to_numpy()
        current = pool["usage_current"].astype(float).to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            falling = (previous > 0) & (current < previous)
            drop = np.round((1 - current / previous) * 100)
        kind[falling] = 1
        a[falling], b[falling] = drop[falling].astype(int), 0
    return kind, a, b
