"""NPS categories: detractors (0-6), passives (7-8) and promoters (9-10).

Detractors are the lowest scorers (the "MARCs"), promoters the "MVPs". Among passives an 8
leans towards promoting and a 7 towards detracting.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from passives_lib.core import InvalidParameterError

CATEGORIES = ("detractor", "passive", "promoter")
LEANS = ("leans promoter", "leans detractor")


def _checked_scores(scores: pd.Series) -> np.ndarray:
    values = pd.to_numeric(scores, errors="coerce").to_numpy(dtype="float64")
    bad = np.isnan(values) | (values < 0) | (values > 10) | (values != np.round(values))
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise InvalidParameterError(
            "scores must be whole numbers from 0 to 10; got "
            f"{scores.iloc[first]!r} at position {first}"
        )
    return values


def nps_category(scores: pd.Series) -> pd.Series:
    """Classify 0-10 scores as detractor, passive or promoter.

    Parameters
    ----------
    scores : pandas.Series
        Whole numbers from 0 to 10.

    Returns
    -------
    pandas.Series
        Categorical with categories ``detractor``, ``passive``, ``promoter``.

    Raises
    ------
    ValueError
        If a score is missing, fractional or outside 0-10.

    Examples
    --------
    >>> nps_category(pd.Series([0, 6, 7, 8, 9, 10])).tolist()
    ['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']
    """
    values = _checked_scores(scores)
    codes = np.where(values <= 6, 0, np.where(values <= 8, 1, 2))
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=list(CATEGORIES)),
        index=scores.index,
        name="category",
    )


def passive_lean(scores: pd.Series) -> pd.Series:
    """Say which way each passive leans: an 8 towards promoter, a 7 towards detractor.

    Parameters
    ----------
    scores : pandas.Series
        Whole numbers from 0 to 10.

    Returns
    -------
    pandas.Series
        ``leans promoter`` for 8, ``leans detractor`` for 7, missing for everyone else.

    Examples
    --------
    >>> passive_lean(pd.Series([6, 7, 8, 9])).tolist()
    [nan, 'leans detractor', 'leans promoter', nan]
    """
    values = _checked_scores(scores)
    lean = pd.Series(np.nan, index=scores.index, dtype=object, name="lean")
    lean[values == 8] = LEANS[0]
    lean[values == 7] = LEANS[1]
    return lean


def add_classification(responses: pd.DataFrame) -> pd.DataFrame:
    """Add ``category``, ``lean`` and ``iso_week`` columns to a table of responses.

    Parameters
    ----------
    responses : pandas.DataFrame
        With a ``score`` column and optionally ``responded_at`` (datetime).

    Returns
    -------
    pandas.DataFrame
        A copy with the new columns; ``iso_week`` reads like ``2026-W27`` and is missing
        where the response date is.
    """
    out = responses.copy()
    out["category"] = nps_category(out["score"])
    out["lean"] = passive_lean(out["score"])
    if "responded_at" in out:
        out["iso_week"] = iso_week(out["responded_at"])
    return out


def iso_week(dates: pd.Series) -> pd.Series:
    """Label dates with their ISO week, e.g. ``2026-W01``.

    Parameters
    ----------
    dates : pandas.Series
        Datetime values (missing allowed).

    Returns
    -------
    pandas.Series
        Text labels that sort in time order; missing where the date is.

    Examples
    --------
    >>> iso_week(pd.Series(pd.to_datetime(["2026-01-01", "2027-01-01"]))).tolist()
    ['2026-W01', '2026-W53']
    """
    dates = pd.to_datetime(dates)
    calendar = dates.dt.isocalendar()
    label = (
        calendar["year"].astype("string") + "-W" + calendar["week"].astype("string").str.zfill(2)
    )
    return label.astype(object).where(dates.notna(), np.nan)
