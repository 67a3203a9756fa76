"""Net Promoter Score with its margin of error, by group and week over week.

NPS = 100 x (share of promoters - share of detractors). Scoring each response +1 (promoter),
0 (passive) or -1 (detractor), NPS is 100 x the mean, and the variance of one response is
``p + d - (p - d)**2``; the standard error of NPS is ``100 * sqrt(that / n)`` and the 95% margin
is 1.96 standard errors. Two independent NPS figures are compared with a two-sided z-test on
their difference.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.stats import norm

from passives_lib.config import NpsSettings
from passives_lib.core import InvalidParameterError
from passives_lib.survey._classify import CATEGORIES, nps_category

Z95 = float(norm.ppf(0.975))
SUMMARY_COLUMNS = [
    "n",
    "detractor",
    "passive",
    "promoter",
    "nps",
    "nps_margin_95",
    "nps_low_95",
    "nps_high_95",
    "wide_margin",
    "warning",
]


def nps_from_counts(
    detractors: np.ndarray | int, passives: np.ndarray | int, promoters: np.ndarray | int
) -> tuple[np.ndarray, np.ndarray]:
    """NPS and its 95% margin of error from category counts.

    Parameters
    ----------
    detractors, passives, promoters : int or array of int
        Counts per group.

    Returns
    -------
    tuple of arrays
        NPS in points (-100..100) and the 95% margin in points; ``nan`` where n is 0.

    Examples
    --------
    >>> nps, margin = nps_from_counts(20, 30, 50)
    >>> float(nps), round(float(margin), 2)
    (30.0, 15.31)
    """
    d = np.asarray(detractors, dtype="float64")
    pa = np.asarray(passives, dtype="float64")
    p = np.asarray(promoters, dtype="float64")
    n = d + pa + p
    with np.errstate(invalid="ignore", divide="ignore"):
        share_p, share_d = p / n, d / n
        variance = share_p + share_d - (share_p - share_d) ** 2
        nps = 100.0 * (share_p - share_d)
        margin = 100.0 * Z95 * np.sqrt(variance / n)
    return nps, margin


def nps_table(
    responses: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    settings: NpsSettings | None = None,
) -> pd.DataFrame:
    """NPS with counts, 95% margin and a small-sample warning, overall or per group.

    Parameters
    ----------
    responses : pandas.DataFrame
        With a ``score`` column (0-10) or a ``category`` column.
    by : str or list of str, optional
        Columns to group by (e.g. ``"segment"``, ``"iso_week"``); overall when omitted.
    settings : NpsSettings, optional
        When a margin counts as too wide, and the minimum number of responses.

    Returns
    -------
    pandas.DataFrame
        One row per group (index = group keys, or ``"all"``) with ``n``, the three counts,
        ``nps``, ``nps_margin_95``, ``nps_low_95``, ``nps_high_95``, ``wide_margin`` and a
        plain-language ``warning`` (empty when the figure can be read).
    """
    settings = settings or NpsSettings()
    category = (
        responses["category"] if "category" in responses else nps_category(responses["score"])
    )
    keys = [by] if isinstance(by, str) else list(by or [])
    frame = pd.DataFrame({"category": pd.Categorical(category, categories=list(CATEGORIES))})
    for key in keys:
        frame[key] = responses[key].to_numpy()
    if keys:
        counts = frame.groupby(keys, observed=True, sort=True)["category"].value_counts()
        counts = counts.unstack("category").reindex(columns=list(CATEGORIES), fill_value=0)
    else:
        counts = frame["category"].value_counts().reindex(list(CATEGORIES)).to_frame("all").T
    counts = counts.fillna(0).astype("int64")
    table = counts.copy()
    table.columns = list(CATEGORIES)
    table.insert(0, "n", counts.sum(axis=1))
    nps, margin = nps_from_counts(table["detractor"], table["passive"], table["promoter"])
    table["nps"] = nps
    table["nps_margin_95"] = margin
    table["nps_low_95"] = np.clip(nps - margin, -100, 100)
    table["nps_high_95"] = np.clip(nps + margin, -100, 100)
    few = table["n"] < settings.min_responses
    wide = few | (table["nps_margin_95"] > settings.wide_margin)
    table["wide_margin"] = wide
    table["warning"] = np.where(
        few,
        "only " + table["n"].astype(str) + f" responses (under {settings.min_responses}): "
        "too few to read",
        np.where(
            wide,
            "margin of +/-"
            + table["nps_margin_95"].round(1).astype(str)
            + f" points is wider than {settings.wide_margin:g}: read with care",
            "",
        ),
    )
    table.columns.name = None
    return table[SUMMARY_COLUMNS]


def compare_nps(
    nps_a: float, margin_a: float, nps_b: float, margin_b: float, alpha: float = 0.05
) -> dict[str, float | bool]:
    """Test whether two independent NPS figures differ.

    Parameters
    ----------
    nps_a, margin_a : float
        The earlier NPS and its 95% margin (points).
    nps_b, margin_b : float
        The later NPS and its 95% margin (points).
    alpha : float
        Significance level of the two-sided z-test.

    Returns
    -------
    dict
        ``change`` (b - a, points), ``change_margin_95``, ``z``, ``p_value`` and
        ``significant``; the statistics are ``nan`` (and not significant) when either
        figure is missing or has no spread.

    Examples
    --------
    >>> r = compare_nps(10.0, 5.0, 30.0, 5.0)
    >>> r["change"], r["significant"]
    (20.0, True)
    """
    se = math.sqrt((margin_a / Z95) ** 2 + (margin_b / Z95) ** 2)
    change = nps_b - nps_a
    if not math.isfinite(se) or se == 0 or not math.isfinite(change):
        return {
            "change": change,
            "change_margin_95": float("nan"),
            "z": float("nan"),
            "p_value": float("nan"),
            "significant": False,
        }
    z = change / se
    p_value = float(2 * norm.sf(abs(z)))
    return {
        "change": change,
        "change_margin_95": Z95 * se,
        "z": z,
        "p_value": p_value,
        "significant": bool(p_value < alpha),
    }


def weekly_nps(
    responses: pd.DataFrame, settings: NpsSettings | None = None, alpha: float = 0.05
) -> pd.DataFrame:
    """NPS per ISO week with the change against the week before and its significance.

    Parameters
    ----------
    responses : pandas.DataFrame
        Classified responses with an ``iso_week`` column.
    settings : NpsSettings, optional
        Small-sample thresholds.
    alpha : float
        Significance level for the week-over-week test.

    Returns
    -------
    pandas.DataFrame
        :func:`nps_table` by ``iso_week`` (weeks in order, weeks without a response absent)
        plus ``change``, ``change_margin_95``, ``p_value`` and ``significant`` against the
        previous week present in the data; ``significant`` only when both weeks have at
        least ``settings.min_responses`` responses.
    """
    if "iso_week" not in responses or responses["iso_week"].isna().all():
        raise InvalidParameterError(
            "weekly NPS needs response dates (an 'iso_week' column with values)"
        )
    table = nps_table(responses[responses["iso_week"].notna()], by="iso_week", settings=settings)
    tests = [
        compare_nps(a_nps, a_m, b_nps, b_m, alpha)
        for a_nps, a_m, b_nps, b_m in zip(
            table["nps"].shift(1),
            table["nps_margin_95"].shift(1),
            table["nps"],
            table["nps_margin_95"],
            strict=True,
        )
    ]
    for column in ("change", "change_margin_95", "p_value", "significant"):
        table[column] = [t[column] for t in tests]
    # A change is read only between two weeks that each have enough responses: with one
    # response a week's margin is 0 and any move would look significant.
    enough = table["n"] >= (settings or NpsSettings()).min_responses
    table["significant"] = table["significant"] & enough & enough.shift(1, fill_value=False)
    return table
