"""The survey contract, declared once and validated lazily with pandera.

The schema runs over the export's *text* (every cell as read), so that each bad cell gets one
precise reason ("not a number", "not a whole number", "outside 0-10") and every problem in the
file is found in a single pass. :func:`validate_text_frame` turns pandera's failure cases into
a rejection table: ``source_row``, ``column``, ``value``, ``reason``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from passives_lib.core import CONTACT_STATUSES
from passives_lib.survey._dates import parse_dates

REQUIRED_COLUMNS = ("score",)
USAGE_COLUMNS = ("usage_current", "usage_previous", "features_purchased", "features_used")
_STATUS_SYNONYMS = {
    "": "not_contacted",
    "not contacted": "not_contacted",
    "none": "not_contacted",
    "new": "not_contacted",
    "no answer": "no_answer",
    "no response": "no_answer",
    "unreachable": "no_answer",
    "answered": "responded",
    "replied": "responded",
}
# Characters that stand for bytes the file's encoding could not decode (see _reading).
UNDECODABLE_PATTERN = "[\U0010ff00-\U0010ffff]"

# Optional numbers above these are refused as implausible (they would overflow a count).
MAX_AMOUNT = 1e12
MAX_FEATURES = 1_000_000
# A response dated more than this after today is a typo (a time zone is at most a day ahead).
FUTURE_TOLERANCE_DAYS = 1
# Columns whose bad cells are blanked (and listed in the warnings) instead of rejecting the row.
OPTIONAL_NUMBER_COLUMNS = ("lifetime_value", *USAGE_COLUMNS)

Validator = Callable[[pd.Series], pd.Series]


def normalise_status(values: pd.Series, extra: dict[str, str] | None = None) -> pd.Series:
    """Map contact-status text onto the canonical statuses.

    Parameters
    ----------
    values : pandas.Series
        Status text as exported (any case; blank means not contacted).
    extra : dict, optional
        Further lower-case export values mapped to canonical statuses (from the config).

    Returns
    -------
    pandas.Series
        The canonical status, or missing where the value is not recognised.
    """
    lookup = {s: s for s in CONTACT_STATUSES} | _STATUS_SYNONYMS | (extra or {})
    lookup |= {k.replace("_", " "): v for k, v in lookup.items()}
    uniques = pd.Series(values.astype(str).unique())
    keys = uniques.str.strip().str.lower().str.replace(r"[\s_-]+", " ", regex=True)
    by_value = pd.Series(keys.map(lookup).to_numpy(), index=uniques.to_numpy())
    return pd.Series(by_value.reindex(values.astype(str).to_numpy()).to_numpy(), index=values.index)


class ParsedCells:
    """Numbers and dates parsed once per column, shared by the checks and the typing step.

    Parameters
    ----------
    date_order : {"iso", "dayfirst", "monthfirst"}
        How to read dates.

    Notes
    -----
    Cells are expected stripped of surrounding white space. Results are keyed by column name,
    so one instance serves one frame.
    """

    def __init__(self, date_order: str) -> None:
        self.date_order = date_order
        self._numbers: dict[str, pd.Series] = {}
        self._dates: dict[str, pd.Series] = {}

    def numeric(self, series: pd.Series) -> pd.Series:
        """The cells as numbers, missing where they are not numbers."""
        key = str(series.name)
        if key not in self._numbers:
            # float64 throughout: integers beyond 64 bits (2^63) would otherwise stay objects
            numbers = pd.to_numeric(series, errors="coerce").astype("float64")
            self._numbers[key] = numbers.where(np.isfinite(numbers))  # inf is not a number
        return self._numbers[key]

    def forget(self, name: str) -> None:
        """Drop what was parsed for a column (after some of its cells were blanked)."""
        self._numbers.pop(name, None)
        self._dates.pop(name, None)

    def dates(self, series: pd.Series) -> pd.Series:
        """The cells as datetimes, missing where they are not dates in ``date_order``."""
        key = str(series.name)
        if key not in self._dates:
            self._dates[key] = parse_dates(series, self.date_order)
        return self._dates[key]


def survey_schema(  # noqa: C901 (one declarative check per column)
    columns: list[str],
    parsed: ParsedCells,
    status_map: dict[str, str] | None = None,
    check_decoding: bool = True,
) -> pa.DataFrameSchema:
    """Build the lazy schema for the canonical columns present in an export.

    Parameters
    ----------
    columns : list of str
        Canonical columns present in the export.
    parsed : ParsedCells
        Where numbers and dates are parsed (once) and how dates are read.
    status_map : dict, optional
        Extra contact-status synonyms from the config.
    check_decoding : bool
        Whether to look for undecodable bytes (skip when the file had none).

    Returns
    -------
    pandera.DataFrameSchema
        Element-level checks over stripped text cells, each failing only where the earlier
        ones passed, so that a bad cell gets exactly one reason.
    """
    numeric = parsed.numeric
    date_order = parsed.date_order

    def blank(series: pd.Series) -> pd.Series:
        return series == ""

    def is_present(series: pd.Series) -> pd.Series:
        return ~blank(series)

    def is_number(series: pd.Series) -> pd.Series:
        return blank(series) | numeric(series).notna()

    def is_whole(series: pd.Series) -> pd.Series:
        value = numeric(series)
        return value.isna() | (value == value.round())

    def at_least_zero(series: pd.Series) -> pd.Series:
        value = numeric(series)
        return value.isna() | (value >= 0)

    def not_too_large(limit: float) -> Validator:
        def check_limit(series: pd.Series) -> pd.Series:
            value = numeric(series)
            return value.isna() | (value <= limit)

        return check_limit

    def not_in_future(series: pd.Series) -> pd.Series:
        latest = pd.Timestamp(date.today()) + pd.Timedelta(days=FUTURE_TOLERANCE_DAYS)
        value = parsed.dates(series)
        return value.isna() | (value <= latest)

    def score_in_range(series: pd.Series) -> pd.Series:
        value = numeric(series)
        return value.isna() | (value != value.round()) | value.between(0, 10)

    def is_date(series: pd.Series) -> pd.Series:
        return blank(series) | parsed.dates(series).notna()

    def is_status(series: pd.Series) -> pd.Series:
        return normalise_status(series, status_map).notna()

    def decodable(series: pd.Series) -> pd.Series:
        return ~series.str.contains(UNDECODABLE_PATTERN, regex=True)

    def check(fn: Validator, message: str) -> pa.Check:
        return pa.Check(fn, name=message, error=message)

    rules: dict[str, list[pa.Check]] = {
        "respondent_id": [check(is_present, "respondent_id is blank")],
        "score": [
            check(is_present, "score is blank"),
            check(is_number, "score is not a number"),
            check(is_whole, "score is not a whole number"),
            check(score_in_range, "score is outside 0-10"),
        ],
        "responded_at": [
            check(is_present, "responded_at is blank"),
            check(is_date, f"responded_at is not a valid date ({date_order})"),
            check(not_in_future, "responded_at is after today"),
        ],
        "lifetime_value": [
            check(is_number, "lifetime_value is not a number"),
            check(at_least_zero, "lifetime_value is negative"),
            check(not_too_large(MAX_AMOUNT), f"lifetime_value is over {MAX_AMOUNT:,.0f}"),
        ],
        "contact_status": [
            check(is_status, f"contact_status is not one of {', '.join(CONTACT_STATUSES)}")
        ],
    }
    for name in ("usage_current", "usage_previous"):
        rules[name] = [
            check(is_number, f"{name} is not a number"),
            check(at_least_zero, f"{name} is negative"),
            check(not_too_large(MAX_AMOUNT), f"{name} is over {MAX_AMOUNT:,.0f}"),
        ]
    for name in ("features_purchased", "features_used"):
        rules[name] = [
            check(is_number, f"{name} is not a number"),
            check(is_whole, f"{name} is not a whole number"),
            check(at_least_zero, f"{name} is negative"),
            check(not_too_large(MAX_FEATURES), f"{name} is over {MAX_FEATURES:,}"),
        ]
    schema_columns = {}
    for name in columns:
        checks = list(rules.get(name, []))
        if check_decoding and name != "comment":
            message = f"{name} holds bytes the file encoding cannot decode"
            checks.insert(0, check(decodable, message))
        # Cells are text by construction (see _reading), so no dtype or null check is declared:
        # on a million rows those element-wise checks cost seconds and can never fail here.
        schema_columns[name] = pa.Column(None, checks=checks, nullable=True)
    return pa.DataFrameSchema(schema_columns, strict=False, coerce=False)


def validate_text_frame(text: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Run the schema lazily and return every failing cell.

    Parameters
    ----------
    text : pandas.DataFrame
        Canonical columns as text, indexed by source row.
    schema : pandera.DataFrameSchema
        From :func:`survey_schema`.

    Returns
    -------
    pandas.DataFrame
        One row per failing cell: ``source_row``, ``column``, ``value``, ``reason``; empty when
        the frame is clean.
    """
    try:
        schema.validate(text, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
        cases = cases[cases["index"].notna()]
        return pd.DataFrame(
            {
                "source_row": cases["index"].astype("int64").to_numpy(),
                "column": cases["column"].astype(str).to_numpy(),
                "value": cases["failure_case"].astype(str).to_numpy(),
                "reason": cases["check"].astype(str).to_numpy(),
            }
        )
    return pd.DataFrame(
        {
            "source_row": pd.Series(dtype="int64"),
            "column": pd.Series(dtype=str),
            "value": pd.Series(dtype=str),
            "reason": pd.Series(dtype=str),
        }
    )
