"""The explorer's HTML: customers' words masked for personal data, then escaped."""

from __future__ import annotations

import html

import pandas as pd

from passives_lib.core import mask_personal_data
from passives_lib.outreach._briefs import build_briefs
from passives_lib.outreach._briefs_html import brief_section
from passives_lib.outreach._question_bank import QuestionBank

QUOTES = 3
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
    "noted_by",
    "theme_id",
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
    shown = shown.astype(object).where(shown.notna(), "")  # blank, not <NA> or None
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


def drilldown_html(
    pool: pd.DataFrame, theme: int | None, theme_table: pd.DataFrame | None = None
) -> str:
    """One theme's name, keywords and quotes, or an overview of every theme when ``None``.

    Parameters
    ----------
    pool : pandas.DataFrame
        The worklist (``theme_id``, ``theme_label``, ``theme_keywords``, ``comment``).
    theme : int, optional
        The theme chosen; ``None`` for the overview.
    theme_table : pandas.DataFrame, optional
        The report's theme table (``theme_id``, ``size``, ``representative_comments``); the
        theme's size and quotes come from it when it has the theme.

    Returns
    -------
    str
        HTML, every customer word masked and escaped.
    """
    if theme is None:
        if not pool["theme_id"].notna().any():
            return "<p>No themes were modelled.</p>"
        overview = (
            pool.dropna(subset=["theme_id"])
            .groupby(["theme_id", "theme_label"], dropna=False)
            .size()
            .rename("passives")
            .reset_index()
        )
        return "<p>Pick a theme to see its keywords and quotes.</p>" + overview.to_html(
            escape=True, index=False
        )
    members = pool[pool["theme_id"] == theme]
    if members.empty:
        return "<p>No passive of this week's pool is in this theme.</p>"
    label, keywords = members["theme_label"].iloc[0], members["theme_keywords"].iloc[0]
    size, quotes = len(members), _frequent(members["comment"])
    if theme_table is not None and theme in set(theme_table["theme_id"]):
        row = theme_table.set_index("theme_id").loc[theme]
        size, quotes = int(row["size"]), list(row["representative_comments"])[:QUOTES]
    keywords = keywords if isinstance(keywords, list | tuple) else []
    items = "".join(f"<li>{safe_html(q)}</li>" for q in quotes)
    return (
        f"<h4>{safe_html(label)}</h4><p>Size: {size} comment(s); {len(members)} "
        f"passive(s) in this theme.</p><p>Keywords: "
        f"{safe_html(', '.join(map(str, keywords))) or '(none)'}</p>"
        f"<p>Representative quotes:</p><ul>{items}</ul>"
    )


def _frequent(comments: pd.Series) -> list[str]:
    """The most frequent non-empty comments (a fallback for representative quotes)."""
    texts = comments[comments.str.strip() != ""]
    return texts.value_counts(sort=True).index[:QUOTES].tolist()
