"""A seeded generator of a realistic synthetic NPS survey export.

The sample is the project's demo data and the ground truth for its tests. It plants a known
set of comment themes, each with many phrasings and a score tendency, so that theme mining can
be checked against :attr:`SampleSurvey.truth_assignments`:

* detractor-heavy, hard-to-fix themes (price, product quality, support wait times, crashes);
* two small, easily fixed issues concentrated among passives (scores 7-8): the planted
  "quick wins" ``delivery_tracking_updates`` and ``invoice_download``;
* medium themes (onboarding, missing integrations);
* promoter-heavy praise (friendly support staff, ease of use, good value);
* one emerging theme, ``login_after_update``, present only in the last three weeks and rising.

The theme catalogue lives in :mod:`passives_lib.sample._catalogue` and the composition of
comment text in :mod:`passives_lib.sample._text`; this module draws the respondents and
assembles the export. Everything is drawn from ``numpy.random.default_rng(seed)`` in a
fixed order, so the same arguments always give byte-identical CSVs. Run it as a script to
(re)write the committed sample::

    python -m passives_lib.sample._generate --out data/sample
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from passives_lib.core._errors import ConfigError
from passives_lib.core._vocabulary import CONTACT_STATUSES
from passives_lib.sample._catalogue import (
    _EMERGING_GROUP,
    _EMERGING_INDEX,
    _EMERGING_LEVEL,
    _THEMES,
    EMERGING_THEME,
    QUICK_WIN_THEMES,
    THEME_KEYS,
)
from passives_lib.sample._text import (
    _FORMULA_COMMENTS,
    _P_CONTACT,
    NON_ANSWERS,
    _compose_comments,
    _contact_suffix,
    _pick,
)

__all__ = [
    "EMERGING_THEME",
    "QUICK_WIN_THEMES",
    "THEME_KEYS",
    "SampleSurvey",
    "generate_survey",
    "main",
    "write_sample",
]

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


@dataclass(frozen=True)
class SampleSurvey:
    """A synthetic survey export and the truth planted in it.

    Attributes
    ----------
    survey : pandas.DataFrame
        The export in the canonical column order. ``responded_at`` is ISO text; ``score`` is
        ``int64`` unless bad rows were planted, in which case it is text (as read from a CSV).
    truth_assignments : pandas.DataFrame
        ``respondent_id`` and ``theme`` for every survey row, in the same order.
    truth_themes : pandas.DataFrame
        One row per planted theme: ``theme``, ``description``, ``effort``, ``quick_win``,
        ``concentrated_in``, ``first_week_index``, ``example``.
    """

    survey: pd.DataFrame
    truth_assignments: pd.DataFrame
    truth_themes: pd.DataFrame


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------


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


def _monday(start: str) -> np.datetime64:
    day = dt.date.fromisoformat(start)
    if day.weekday() != 0:
        raise ConfigError(f"sample: start must be a Monday, got {start} ({day:%A})")
    return np.datetime64(day.isoformat(), "D")


def _truth_themes(n_weeks: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "theme": [t.key for t in _THEMES],
            "description": [t.description for t in _THEMES],
            "effort": [t.effort for t in _THEMES],
            "quick_win": [t.quick_win for t in _THEMES],
            "concentrated_in": [t.concentrated_in for t in _THEMES],
            "first_week_index": [
                max(n_weeks - 3, 0) if t.key == EMERGING_THEME else 0 for t in _THEMES
            ],
            "example": [t.example or t.sentences[0] for t in _THEMES],
        }
    )


def generate_survey(
    n_responses: int = 3600,
    n_weeks: int = 20,
    seed: int = 20261122,
    start: str = "2026-06-29",
    bad_rows: bool = True,
) -> SampleSurvey:
    """Generate a synthetic NPS survey export with planted comment themes.

    Parameters
    ----------
    n_responses : int, default 3600
        Number of valid responses. With ``bad_rows`` a few invalid rows are added on top.
    n_weeks : int, default 20
        Number of ISO weeks the responses are spread over.
    seed : int, default 20261122
        Seed for :func:`numpy.random.default_rng`; the same arguments give identical output.
    start : str, default "2026-06-29"
        ISO date of the Monday that starts the first week.
    bad_rows : bool, default True
        Interleave a handful of invalid rows (score ``"eight"``, ``"11"``, ``"-1"``,
        ``"7.5"``, blank; date ``"31/02/2026"``; lifetime value ``-50``) and one legitimate
        duplicate respondent (a later answer that supersedes an earlier one).

    Returns
    -------
    SampleSurvey
        The export, one truth row per export row, and the planted theme catalogue.

    Raises
    ------
    ConfigError
        If ``n_responses`` or ``n_weeks`` is below 1, ``start`` is not a Monday, or
        ``bad_rows`` is requested for fewer than 20 responses.
    """
    if n_responses < 1 or n_weeks < 1:
        raise ConfigError(
            f"sample: rows and weeks must be at least 1, got {n_responses} and {n_weeks}"
        )
    if bad_rows and n_responses < _MIN_ROWS_FOR_BAD:
        raise ConfigError(
            f"sample: invalid rows need at least {_MIN_ROWS_FOR_BAD} responses, got {n_responses}"
        )
    first_day = _monday(start)
    rng = np.random.default_rng(seed)
    n_bad = 7 if bad_rows else 0
    n = n_responses + n_bad
    # The stages draw from one generator in a fixed order: the same seed, the same survey.
    offset, dates = _draw_when(rng, n, n_weeks, first_day)
    who = _draw_who(rng, n)
    who |= _draw_usage(rng, n, who["segment"], who["nps_group"])
    comment, truth = _draw_comments(rng, n, n_weeks, offset // 7, who["group"])
    score_col: np.ndarray = who["score"]
    ltv_col = who["ltv"]
    date_col = dates[offset]
    if bad_rows:
        score_col, date_col = _plant_bad_rows(rng, n_bad, who, ltv_col, date_col, offset, truth)
    survey = pd.DataFrame(
        {
            "respondent_id": who["respondent_id"],
            "score": score_col,
            "comment": comment,
            "responded_at": date_col,
            "segment": np.array(SEGMENTS, dtype=object)[who["segment"]],
            "lifetime_value": ltv_col,
            "contact_status": who["contact"],
            "usage_current": who["usage_current"],
            "usage_previous": who["usage_previous"],
            "features_purchased": who["purchased"].astype(np.int64),
            "features_used": who["used"].astype(np.int64),
        }
    )
    assignments = pd.DataFrame({"respondent_id": who["respondent_id"], "theme": truth})
    return SampleSurvey(
        survey=survey, truth_assignments=assignments, truth_themes=_truth_themes(n_weeks)
    )


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


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8", float_format="%.2f")


def write_sample(out_dir: str | Path, **kwargs: Any) -> dict[str, Path]:
    """Generate a sample and write its three CSV files.

    The files are ``survey.csv``, ``truth_themes.csv`` and ``truth_assignments.csv`` (UTF-8,
    Unix line endings, two decimals for ``lifetime_value``).

    Parameters
    ----------
    out_dir : str or pathlib.Path
        Folder to write into; created if missing.
    **kwargs
        Passed to :func:`generate_survey`.

    Returns
    -------
    dict of str to pathlib.Path
        Keys ``"survey"``, ``"truth_themes"``, ``"truth_assignments"``.
    """
    sample = generate_survey(**kwargs)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / f"{name}.csv" for name in ("survey", "truth_themes", "truth_assignments")}
    _write_csv(sample.survey, paths["survey"])
    _write_csv(sample.truth_themes, paths["truth_themes"])
    _write_csv(sample.truth_assignments, paths["truth_assignments"])
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m passives_lib.sample._generate --out data/sample``.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status, 0 on success.
    """
    parser = argparse.ArgumentParser(
        prog="python -m passives_lib.sample._generate",
        description="Write a synthetic NPS survey export and its planted truth.",
    )
    parser.add_argument("--out", default="data/sample", help="output folder")
    parser.add_argument("--rows", type=int, default=3600, help="number of valid responses")
    parser.add_argument("--weeks", type=int, default=20, help="number of ISO weeks")
    parser.add_argument("--seed", type=int, default=20261122, help="random seed")
    parser.add_argument("--start", default="2026-06-29", help="Monday of the first week")
    parser.add_argument("--no-bad-rows", action="store_true", help="omit the invalid rows")
    args = parser.parse_args(argv)
    paths = write_sample(
        args.out,
        n_responses=args.rows,
        n_weeks=args.weeks,
        seed=args.seed,
        start=args.start,
        bad_rows=not args.no_bad_rows,
    )
    for path in paths.values():
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
