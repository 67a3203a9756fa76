"""The explorer's HTML: customers' words masked for personal data, then escaped."""

from __future__ import annotations

import html

import pandas as pd

from passives_lib.core._privacy import mask_personal_data

TABLE_COLUMNS = [
    "respondent_id",
    "priority",
    "reason",
    "score",
    "segment",
    "lifetime_value",
    "contact",
    "days_uncontacted",
    "owner",
    "last_note",
    "theme_label",
    "iso_week",
    "comment",
]


def safe_html(text: object) -> str:
    """Mask personal data, then escape for HTML."""
    return html.escape(mask_personal_data(str(text)))


def table_html(calls: pd.DataFrame) -> str:
    """The call list as an escaped HTML table, comments masked."""
    shown = calls[[c for c in TABLE_COLUMNS if c in calls]].copy()
    shown["comment"] = shown["comment"].map(mask_personal_data)
    shown["priority"] = shown["priority"].map("{:.3f}".format)
    if "lifetime_value" in shown:
        shown["lifetime_value"] = shown["lifetime_value"].map(
            lambda v: "" if pd.isna(v) else f"{v:,.0f}"
        )
    shown.insert(0, "rank", range(1, len(shown) + 1))
    return (
        '<div style="max-height:480px;overflow:auto">'
        + shown.to_html(escape=True, index=False, na_rep="")
        + "</div>"
    )
