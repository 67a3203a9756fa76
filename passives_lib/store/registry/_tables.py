"""The tables the theme registry's requests return, and the names its themes go by.

:func:`assignment_table` is what :meth:`ThemeRegistry.assign` returns; :func:`current_names`
and :func:`names_after` give every theme a name no other has (see ``_names``), as
stored or as a run would leave them had it been recorded.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from passives_lib.store.registry._matching import Choice, Theme
from passives_lib.store.registry._names import Named, unique_names
from passives_lib.store.registry._rows import follow, lasting_label
from passives_lib.store.registry._schema import decode_keywords

ASSIGN_COLUMNS = ["theme_id", "stable_id", "name", "label", "is_new", "similarity"]


def assignment_table(
    run: list[Theme], chosen: dict[int, Choice], stored: dict[int, Any], names: dict[int, str]
) -> pd.DataFrame:
    parents = {stable_id: row.merged_into for stable_id, row in stored.items()}
    rows = []
    for theme in run:
        stable_id, cosine, is_new = chosen[theme.key]
        if stable_id in stored:
            stable_id = follow(parents, stable_id)
        name = names.get(stable_id, theme.label)
        rows.append((theme.key, stable_id, name, theme.label, is_new, cosine))
    table = pd.DataFrame(rows, columns=ASSIGN_COLUMNS)
    return table.astype(
        {
            "theme_id": "int64",
            "stable_id": "int64",
            "is_new": bool,
            "similarity": "float64",
        }
    )


def current_names(stored: dict[int, Any]) -> dict[int, str]:
    """Each stored theme's name, no two alike (an old registry is read as if upgraded)."""
    return unique_names(
        [
            Named(row.stable_id, row.name, row.label, decode_keywords(row.keywords))
            for row in stored.values()
        ]
    )


def names_after(
    run: list[Theme], chosen: dict[int, Choice], stored: dict[int, Any]
) -> dict[int, str]:
    """The names the themes would go by had the run been recorded (nothing is written)."""
    named = {
        row.stable_id: Named(row.stable_id, row.name, row.label, decode_keywords(row.keywords))
        for row in stored.values()
    }
    for theme in run:
        stable_id, _, is_new = chosen[theme.key]
        before = named.get(stable_id)
        if before is None or is_new:  # a theme first seen this week: this run's label
            name = before.name if before is not None else None
            named[stable_id] = Named(stable_id, name, theme.label, theme.keywords)
        else:
            label = lasting_label([before.label, theme.label])
            named[stable_id] = before._replace(label=label, keywords=theme.keywords)
    return unique_names(list(named.values()))
