"""Reading response dates whose day/month order varies between exports.

Year-first dates (``2026-07-05``, ``2026/07/05 14:30``) are read the same way in every mode.
Dates such as ``05/07/2026`` need an order: ``dayfirst``, ``monthfirst``, or ``auto``, which
infers it from values that can only be read one way (a first part above 12 means day-first)
and refuses a column that holds both kinds or gives no evidence at all.
"""

from __future__ import annotations

import pandas as pd

from passives_lib.core import AmbiguousDatesError, ConfigError

_YEAR_FIRST = (
    r"^\s*(?P<y>\d{4})[-/.](?P<a>\d{1,2})[-/.](?P<b>\d{1,2})"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$"
)
_YEAR_LAST = (
    r"^\s*(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4}|\d{2})"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?\s*$"
)
DATE_ORDERS = ("iso", "dayfirst", "monthfirst")


def infer_date_order(values: pd.Series) -> str:
    """Infer how to read a column of dates.

    Parameters
    ----------
    values : pandas.Series
        Date text.

    Returns
    -------
    {"iso", "dayfirst", "monthfirst"}
        ``iso`` when no value is written day and month first.

    Raises
    ------
    AmbiguousDatesError
        If some values must be day-first and others month-first ("mixed"), or if every such
        value could be read either way.
    """
    unique = pd.Series(values.dropna().astype(str).unique())
    parts = unique.str.extract(_YEAR_LAST)
    parts = parts[parts["a"].notna()]
    if parts.empty:
        return "iso"
    first = parts["a"].astype(int)
    second = parts["b"].astype(int)
    day_first = unique[parts.index[first > 12]]
    month_first = unique[parts.index[second > 12]]
    if len(day_first) and len(month_first):
        raise AmbiguousDatesError(
            "mixed date formats: some dates are day-first, others month-first; "
            "fix the export or set 'dates: dayfirst' or 'dates: monthfirst' in the config",
            [str(day_first.iloc[0]), str(month_first.iloc[0])],
        )
    if len(day_first):
        return "dayfirst"
    if len(month_first):
        return "monthfirst"
    raise AmbiguousDatesError(
        "ambiguous dates: every value such as the one shown could be day-first or month-first; "
        "set 'dates: dayfirst' or 'dates: monthfirst' in the config",
        [str(unique[parts.index[0]])],
    )


def parse_dates(values: pd.Series, order: str) -> pd.Series:
    """Parse date text in a known order; what cannot be read becomes ``NaT``.

    Parameters
    ----------
    values : pandas.Series
        Date text.
    order : {"iso", "dayfirst", "monthfirst"}
        How to read day-and-month-first values; ``iso`` reads only year-first values.

    Returns
    -------
    pandas.Series
        ``datetime64[ns]`` values aligned to ``values``.
    """
    if order not in DATE_ORDERS:
        raise ConfigError(f"dates must be one of {list(DATE_ORDERS)}, got {order!r}")
    text = values.astype(str)
    uniques = pd.Series(text.unique())
    parsed = _parse_unique(uniques, order)
    lookup = pd.Series(parsed.to_numpy(), index=uniques.to_numpy())
    return pd.Series(lookup.reindex(text.to_numpy()).to_numpy(), index=values.index)


def _parse_unique(uniques: pd.Series, order: str) -> pd.Series:
    year_first = uniques.str.extract(_YEAR_FIRST)
    result = _assemble(year_first, month="a", day="b")
    if order != "iso":
        year_last = uniques.str.extract(_YEAR_LAST)
        year = year_last["y"]
        short = year.str.len() == 2
        year_last["y"] = year.where(~short, "20" + year.fillna(""))
        month, day = ("b", "a") if order == "dayfirst" else ("a", "b")
        result = result.fillna(_assemble(year_last, month=month, day=day))
    return result


def _assemble(parts: pd.DataFrame, month: str, day: str) -> pd.Series:
    fields = pd.DataFrame(
        {
            "year": pd.to_numeric(parts["y"], errors="coerce"),
            "month": pd.to_numeric(parts[month], errors="coerce"),
            "day": pd.to_numeric(parts[day], errors="coerce"),
            "hour": pd.to_numeric(parts["H"], errors="coerce").fillna(0),
            "minute": pd.to_numeric(parts["M"], errors="coerce").fillna(0),
            "second": pd.to_numeric(parts["S"], errors="coerce").fillna(0),
        }
    )
    valid = (
        fields[["year", "month", "day"]].notna().all(axis=1)
        & fields["month"].between(1, 12)
        & fields["day"].between(1, 31)
        & (fields["hour"] < 24)
        & (fields["minute"] < 60)
        & (fields["second"] < 60)
    )
    out = pd.Series(pd.NaT, index=parts.index, dtype="datetime64[ns]")
    if valid.any():
        out[valid] = pd.to_datetime(fields[valid], errors="coerce")
    return out
