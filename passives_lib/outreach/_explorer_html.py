"""The explorer's HTML: customers' words masked for personal data, then escaped."""

from __future__ import annotations

import html

import pandas as pd

from passives_lib.core import mask_personal_data
from passives_lib.outreach._briefs import build_briefs
from passives_lib.outreach._briefs_html import brief_section
from passives_lib.outreach._question_bank import QuestionBank

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


def briefs_html(calls: pd.DataFrame, fixed: dict, bank: QuestionBank | None = None) -> str:
    """The worklist's call briefs: one escaped section per person on the call list.

    Parameters
    ----------
    calls : pandas.DataFrame
        The explorer's call list (``respondent_id``, ``score``, ``comment`` and the theme and
        usage columns it has).
    fixed : dict
        Theme id to the date it was marked fixed (:func:`passives_lib.outreach.fixed_theme_dates`).
    bank : QuestionBank, optional
        The question bank; the package's defaults when omitted.

    Returns
    -------
    str
        HTML, every customer word masked and escaped.
    """
    if calls.empty:
        return "<p>Nobody on the call list with these filters.</p>"
    briefs = build_briefs(calls, "call_list", fixed, bank)
    return "".join(brief_section(brief) for brief in briefs)
