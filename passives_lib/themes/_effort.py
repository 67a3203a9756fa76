"""How much effort fixing a theme takes: from the analyst's config, else a named default rule."""

from __future__ import annotations

import pandas as pd

from passives_lib.core import EFFORTS

DEFAULT_EFFORT_RULE = (
    "default rule: low effort when passives raise at least half of the theme and it holds at "
    "most 10% of comments (a small issue that keeps them from promoting); high effort when "
    "detractors raise at least half of it; medium otherwise"
)


def theme_efforts(
    themes: pd.DataFrame, members: pd.DataFrame, configured: dict[str, list[str]]
) -> pd.DataFrame:
    """Effort (low, medium, high) per theme.

    Parameters
    ----------
    themes : pandas.DataFrame
        ``theme_id``, ``label`` and ``keywords`` (list of str) per theme.
    members : pandas.DataFrame
        One row per themed comment: ``theme_id`` and ``category`` (detractor, passive,
        promoter).
    configured : dict of str to list of str
        ``low``/``medium``/``high`` to words or phrases from the config; a theme whose label or
        keywords contain one (case-insensitive) gets that effort, ``low`` checked first.

    Returns
    -------
    pandas.DataFrame
        ``theme_id``, ``effort`` and ``effort_source`` (``config: 'word'`` or the default
        rule's name) per theme with ``theme_id >= 0``.
    """
    real = themes[themes["theme_id"] >= 0]
    counts = pd.crosstab(members["theme_id"], members["category"].astype(str))
    counts = counts.reindex(columns=["detractor", "passive", "promoter"], fill_value=0)
    total = max(int(counts.to_numpy().sum()), 1)
    rows = []
    for _, theme in real.iterrows():
        text = " ".join([str(theme["label"]), *map(str, theme["keywords"])]).lower()
        match = next(
            (
                (effort, term)
                for effort in EFFORTS
                for term in configured.get(effort, [])
                if str(term).lower() in text
            ),
            None,
        )
        if match:
            rows.append((theme["theme_id"], match[0], f"config: '{match[1]}'"))
            continue
        row = counts.loc[theme["theme_id"]] if theme["theme_id"] in counts.index else None
        size = int(row.sum()) if row is not None else 0
        if size == 0:
            effort = "medium"
        elif row["passive"] / size >= 0.5 and size / total <= 0.10:
            effort = "low"
        elif row["detractor"] / size >= 0.5:
            effort = "high"
        else:
            effort = "medium"
        rows.append((theme["theme_id"], effort, "default rule"))
    table = pd.DataFrame(rows, columns=["theme_id", "effort", "effort_source"])
    return table.astype({"theme_id": "int64"})  # whole numbers also when there is no theme
