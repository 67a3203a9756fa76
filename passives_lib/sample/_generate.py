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

from passives_lib.core import ConfigError
from passives_lib.sample._catalogue import _THEMES, QUICK_WIN_THEMES, THEME_KEYS
from passives_lib.sample._draws import (
    _MIN_ROWS_FOR_BAD,
    SEGMENTS,
    _draw_comments,
    _draw_usage,
    _draw_when,
    _draw_who,
    _plant_bad_rows,
)
from passives_lib.sample._emerging import EMERGING_THEME

__all__ = [
    "EMERGING_THEME",
    "QUICK_WIN_THEMES",
    "THEME_KEYS",
    "SampleSurvey",
    "generate_survey",
    "main",
    "write_sample",
]


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
