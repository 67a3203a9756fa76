"""A plain summary of a loaded survey: what was read, what was rejected, and the NPS."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from passives_lib.config import NpsSettings
from passives_lib.survey._classify import CATEGORIES
from passives_lib.survey._loading import LoadedSurvey
from passives_lib.survey._nps import nps_table, weekly_nps


def load_summary(loaded: LoadedSurvey, settings: NpsSettings | None = None) -> dict[str, Any]:
    """Summarise a load as a JSON-ready mapping.

    Parameters
    ----------
    loaded : LoadedSurvey
        From :func:`passives_lib.load_survey`.
    settings : NpsSettings, optional
        Small-sample thresholds.

    Returns
    -------
    dict
        ``rows_read``, ``rows_accepted``, ``rows_rejected``, ``rows_with_warnings``,
        ``counts`` (per category), ``nps``, ``nps_margin_95``, ``nps_warning``,
        ``by_segment`` and ``by_week`` (lists of records), ``rejection_reasons`` (reason to
        row count), ``mapping`` (canonical column to header), ``notes`` and how the file was
        read (``file``, ``format``, ``encoding``, ``delimiter``, ``date_order``).
    """
    responses = loaded.responses
    overall = nps_table(responses, settings=settings).iloc[0]
    counts = {c: int((responses["category"] == c).sum()) for c in CATEGORIES}
    by_segment = nps_table(responses, by="segment", settings=settings) if len(responses) else None
    has_weeks = "iso_week" in responses and responses["iso_week"].notna().any()
    by_week = weekly_nps(responses, settings=settings) if has_weeks else None
    reasons = loaded.rejected.groupby("reason")["source_row"].nunique().sort_values(ascending=False)
    return {
        "file": str(loaded.path),
        "format": loaded.file_format,
        "encoding": loaded.encoding,
        "delimiter": loaded.delimiter,
        "date_order": loaded.date_order,
        "rows_read": loaded.rows_read,
        "rows_accepted": loaded.rows_accepted,
        "rows_rejected": loaded.rows_rejected,
        "rows_with_warnings": int(loaded.warnings["source_row"].nunique()),
        "counts": counts,
        "nps": _number(overall["nps"]),
        "nps_margin_95": _number(overall["nps_margin_95"]),
        "nps_warning": overall["warning"],
        "by_segment": _records(by_segment, "segment"),
        "by_week": _records(by_week, "iso_week"),
        "rejection_reasons": {str(k): int(v) for k, v in reasons.items()},
        "mapping": dict(loaded.mapping.columns),
        "notes": list(loaded.notes),
    }


def _number(value: float) -> float | None:
    value = float(value)
    return round(value, 2) if math.isfinite(value) else None


def _records(table: pd.DataFrame | None, key: str) -> list[dict[str, Any]]:
    if table is None:
        return []
    records = []
    for group, row in table.iterrows():
        record: dict[str, Any] = {key: group}
        for column, value in row.items():
            if isinstance(value, bool | str):
                record[str(column)] = value
            elif hasattr(value, "item"):
                item = value.item()
                record[str(column)] = _number(item) if isinstance(item, float) else item
            else:
                record[str(column)] = _number(value) if isinstance(value, float) else value
        records.append(record)
    return records
