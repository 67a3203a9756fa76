"""The sample's random draws: when people answered, who they are, usage, comments, bad rows.

Each function draws from the one generator it is given, in the order
:func:`passives_lib.sample._generate.generate_survey` calls them, so the same seed gives the
same survey.
"""

from __future__ import annotations

import numpy as np

from passives_lib.core import CONTACT_STATUSES
from passives_lib.sample._catalogue import _EMERGING_INDEX, _THEMES, THEME_KEYS
from passives_lib.sample._emerging import _EMERGING_GROUP, _EMERGING_LEVEL
from passives_lib.sample._text import (
    _FORMULA_COMMENTS,
    _P_CONTACT,
    NON_ANSWERS,
    _compose_comments,
    _contact_suffix,
    _pick,
)

# ---------------------------------------------------------------------------------------------
# Respondent attributes
# ---------------------------------------------------------------------------------------------

SEGMENTS = ("Enterprise", "Mid-market", "Small business", "Consumer", "Public sector")
_SEGMENT_SHARE = np.array([0.12, 0.22, 0.28, 0.30, 0.08])
# Share of detractors / passives / promoters within each segment.
_SEGMENT_GROUPS = np.array(
    [
        [0.22, 0.40, 0.38],  # Enterprise: fewer detractors, many passives
        [0.26, 0.34, 0.40],  # Mid-market
        [0.24, 0.30, 0.46],  # Small business: the happiest
        [0.32, 0.27, 0.41],  # Consumer: polarised
        [0.30, 0.42, 0.28],  # Public sector: lukewarm
    ]
)
_DETRACTOR_SHAPE = np.array([0.07, 0.04, 0.055, 0.075, 0.09, 0.22, 0.45])
_CONSUMER_DETRACTOR_SHAPE = np.array([0.14, 0.06, 0.07, 0.08, 0.09, 0.20, 0.36])
_PASSIVE_SHAPE = np.array([0.46, 0.54])
_PROMOTER_SHAPE = np.array([0.52, 0.48])
_CONSUMER_PROMOTER_SHAPE = np.array([0.45, 0.55])
# Lifetime value: lognormal median and sigma by segment.
_LTV_MEDIAN = np.array([24000.0, 6000.0, 1200.0, 250.0, 9000.0])
_LTV_SIGMA = np.array([1.0, 0.9, 0.9, 1.1, 0.8])
# Monthly active sessions in the previous period: lognormal median by segment.
_USAGE_MEDIAN = np.array([400.0, 150.0, 60.0, 20.0, 120.0])
_FEATURES_LAMBDA = np.array([8.0, 5.0, 3.0, 1.5, 5.0])

_CONTACT_SHARE = np.array([0.70, 0.09, 0.07, 0.04, 0.04, 0.06])

_WEEKDAY_WEIGHT = np.array([1.0, 1.1, 1.05, 1.0, 0.9, 0.45, 0.4])

# Score groups used for comment tendencies: 0-4, 5-6, 7-8, 9-10.
_SCORE_GROUP = np.array([0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3])
_EMPTY_SHARE = np.array([0.10, 0.14, 0.17, 0.17])
_NON_ANSWER_SHARE = np.array([0.04, 0.05, 0.06, 0.05])

_MIN_ROWS_FOR_BAD = 20


def _draw_scores(rng: np.random.Generator, segment: np.ndarray) -> np.ndarray:
    n = segment.size
    u_score = rng.random(n)
    score = np.empty(n, dtype=np.int64)
    for s in range(len(SEGMENTS)):
        rows = np.flatnonzero(segment == s)
        consumer = SEGMENTS[s] == "Consumer"
        det = _CONSUMER_DETRACTOR_SHAPE if consumer else _DETRACTOR_SHAPE
        pro = _CONSUMER_PROMOTER_SHAPE if consumer else _PROMOTER_SHAPE
        dist = np.concatenate(
            [
                _SEGMENT_GROUPS[s, 0] * det / det.sum(),
                _SEGMENT_GROUPS[s, 1] * _PASSIVE_SHAPE / _PASSIVE_SHAPE.sum(),
                _SEGMENT_GROUPS[s, 2] * pro / pro.sum(),
            ]
        )
        cum = np.cumsum(dist / dist.sum())
        score[rows] = np.minimum(np.searchsorted(cum, u_score[rows], side="right"), 10)
    return score


def _draw_themes(rng: np.random.Generator, group: np.ndarray, late_level: np.ndarray) -> np.ndarray:
    base = np.array([t.weights for t in _THEMES], dtype=float).T  # (4 groups, n themes)
    u = rng.random(group.size)
    theme = np.empty(group.size, dtype=np.int64)
    for g in range(4):
        for level in range(len(_EMERGING_LEVEL)):
            rows = np.flatnonzero((group == g) & (late_level == level))
            if rows.size == 0:
                continue
            w = base[g].copy()
            w[_EMERGING_INDEX] = _EMERGING_GROUP[g] * _EMERGING_LEVEL[level] * base[g].sum()
            cum = np.cumsum(w / w.sum())
            theme[rows] = np.minimum(np.searchsorted(cum, u[rows], side="right"), len(w) - 1)
    return theme


def _draw_when(
    rng: np.random.Generator, n: int, n_weeks: int, first_day: np.datetime64
) -> tuple[np.ndarray, np.ndarray]:
    """Day offsets (sorted) and the date text of every day: volume varies, weekends are quiet."""
    weeks = np.arange(n_weeks)
    week_w = np.clip(
        1 + 0.12 * np.sin(2 * np.pi * weeks / 5) + rng.normal(0, 0.05, n_weeks), 0.6, None
    )
    day_w = (week_w[:, None] * _WEEKDAY_WEIGHT[None, :]).ravel()
    offset = np.sort(rng.choice(day_w.size, size=n, p=day_w / day_w.sum()))
    dates = np.datetime_as_string(first_day + np.arange(day_w.size), unit="D").astype(object)
    return offset, dates


def _draw_who(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Ids, segments, scores, lifetime values and contact statuses."""
    digits = max(7, len(str(2 * n)))
    space = 9 * 10 ** (digits - 1)
    ids = rng.choice(space, size=n, replace=False) + 10 ** (digits - 1)
    segment = rng.choice(len(SEGMENTS), size=n, p=_SEGMENT_SHARE / _SEGMENT_SHARE.sum())
    score = _draw_scores(rng, segment)
    ltv = np.exp(np.log(_LTV_MEDIAN[segment]) + _LTV_SIGMA[segment] * rng.standard_normal(n))
    ltv[rng.random(n) < 0.01] = 0.0
    contact = np.array(CONTACT_STATUSES, dtype=object)[
        rng.choice(len(CONTACT_STATUSES), size=n, p=_CONTACT_SHARE / _CONTACT_SHARE.sum())
    ]
    return {
        "respondent_id": np.array([f"C{i}" for i in ids.tolist()], dtype=object),
        "segment": segment,
        "score": score,
        "group": _SCORE_GROUP[score],
        "nps_group": np.select([score <= 6, score <= 8], [0, 1], 2),
        "ltv": np.round(ltv, 2),
        "contact": contact,
    }


def _draw_usage(
    rng: np.random.Generator, n: int, segment: np.ndarray, nps_group: np.ndarray
) -> dict[str, np.ndarray]:
    """Usage falls for a share of passives and (more often) detractors; features bought/used."""
    usage_prev = np.round(_USAGE_MEDIAN[segment] * np.exp(0.7 * rng.standard_normal(n)))
    falls = rng.random(n) < np.array([0.45, 0.30, 0.08])[nps_group]
    ratio = np.where(
        falls, rng.uniform(0.25, 0.85, n), np.clip(rng.normal(1.03, 0.12, n), 0.5, None)
    )
    ratio[(nps_group == 0) & (rng.random(n) < 0.03)] = 0.0
    usage_prev = usage_prev.astype(np.int64)
    purchased = 1 + np.minimum(rng.poisson(_FEATURES_LAMBDA[segment]), 19)
    shallow = rng.random(n) < np.array([0.30, 0.25, 0.15])[nps_group]
    depth = np.where(shallow, 0.25, np.array([0.6, 0.7, 0.8])[nps_group])
    used = rng.binomial(purchased, depth)
    used[rng.random(n) < 0.02] += 1  # a few use a feature on trial beyond what they bought
    return {
        "usage_previous": usage_prev,
        "usage_current": np.round(usage_prev * ratio).astype(np.int64),
        "purchased": purchased,
        "used": used,
    }


def _draw_comments(
    rng: np.random.Generator, n: int, n_weeks: int, week: np.ndarray, group: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's comment and its planted truth theme (``none``, ``non_answer`` or a key)."""
    late_level = np.clip(week - (n_weeks - 4), 0, 3)
    kind_u = rng.random(n)
    empty = kind_u < _EMPTY_SHARE[group]
    non_answer = ~empty & (kind_u < _EMPTY_SHARE[group] + _NON_ANSWER_SHARE[group])
    themed = ~empty & ~non_answer
    theme = _draw_themes(rng, group, late_level)
    comment = np.full(n, "", dtype=object)
    na_u = rng.random(n)
    comment[non_answer] = _pick(NON_ANSWERS, na_u[non_answer])
    rows = np.flatnonzero(themed)
    comment[rows] = _compose_comments(rng, theme[rows], group[rows])
    contact_u = rng.random((5, n))
    for i in np.flatnonzero(themed & (contact_u[0] < _P_CONTACT)):
        sep = "" if comment[i][-1:] in ".!?" else "."
        comment[i] += sep + _contact_suffix(
            int(contact_u[1, i] * 5),
            int(contact_u[2, i] * 10),
            int(contact_u[3, i] * 8),
            int(contact_u[4, i] * 1000),
        )
    for text, key in _FORMULA_COMMENTS:
        candidates = np.flatnonzero(
            themed & (theme == THEME_KEYS.index(key)) & (contact_u[0] >= _P_CONTACT)
        )
        if candidates.size:
            comment[candidates[int(rng.random() * candidates.size)]] = text
    truth = np.array(THEME_KEYS, dtype=object)[theme]
    truth[empty] = "none"
    truth[non_answer] = "non_answer"
    return comment, truth


def _plant_bad_rows(
    rng: np.random.Generator,
    n_bad: int,
    who: dict[str, np.ndarray],
    ltv_col: np.ndarray,
    date_col: np.ndarray,
    offset: np.ndarray,
    truth: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Invalid cells at random rows (one problem each), and one legitimate repeat respondent.

    ``ltv_col``, ``truth`` and ``who["respondent_id"]`` are changed in place; the score and
    date columns are returned as text.
    """
    score, respondent_id = who["score"], who["respondent_id"]
    n = score.size
    bad = np.sort(rng.choice(n, size=n_bad, replace=False))
    defects = rng.permutation(n_bad)
    score_col = np.array([str(s) for s in score.tolist()], dtype=object)
    date_col = date_col.copy()
    for row, defect in zip(bad.tolist(), defects.tolist(), strict=True):
        if defect < 5:
            score_col[row] = ("eight", "11", "-1", "7.5", "")[defect]
        elif defect == 5:
            date_col[row] = "31/02/2026"
        else:
            ltv_col[row] = -50.0
        truth[row] = "invalid"
    # A legitimate repeat: an early respondent answers again later with another score.
    ok = np.ones(n, dtype=bool)
    ok[bad] = False
    early = np.flatnonzero(ok & (np.arange(n) < n // 3))
    first = early[int(rng.random() * early.size)]
    later = np.flatnonzero(
        ok & (offset > offset[first]) & (score != score[first]) & (np.arange(n) > n // 2)
    )
    respondent_id[later[int(rng.random() * later.size)]] = respondent_id[first]
    return score_col, date_col
