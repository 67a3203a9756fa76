"""The registry's remembered opinions: which theme each recorded opinion went to.

A week's run records, beside its themes, every opinion's key (a hash of its text, computed
by the theme model) and the stable theme it went to (``theme_registry_opinions``). The
next run reads, for each key, the theme of its latest recorded week before the run's
(:func:`read_remembered`), merges followed, and keeps an unchanged opinion in that theme.
Recording a week again replaces its remembered opinions, as it replaces its sightings (with
none when the run gives none).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.core import RegistryError
from passives_lib.store.registry._matching import Choice
from passives_lib.store.registry._rows import follow, read_parents
from passives_lib.store.registry._schema import MAX_KEY, opinions_table

_CHUNK = 1000  # rows per INSERT

REMEMBERED_COLUMNS = ["opinion_key", "anchor_id"]


def run_opinions(opinions: object) -> dict[str, int]:
    """A run's opinions as ``opinion_key -> run theme id``, checked; themeless ones left out.

    Parameters
    ----------
    opinions : pandas.DataFrame
        ``opinion_key`` (str) and ``theme_id`` (the run's, ``-1`` for none) per opinion, as
        ``ThemeModel.opinions_`` holds them; a key may repeat with the same theme.

    Raises
    ------
    RegistryError
        If it is not such a table, a key is not a text of 1 to 64 characters, a theme id is
        not an int, or one key has two themes.

    Examples
    --------
    >>> run_opinions(pd.DataFrame({"opinion_key": ["a", "b", "a"], "theme_id": [0, -1, 0]}))
    {'a': 0}
    """
    if not isinstance(opinions, pd.DataFrame) or not {"opinion_key", "theme_id"} <= set(
        opinions.columns
    ):
        raise RegistryError(
            "expected the run's opinions as a DataFrame with opinion_key and theme_id, "
            f"found {type(opinions).__name__}"
        )
    out: dict[str, int] = {}
    for row, (key, theme) in enumerate(
        zip(opinions["opinion_key"], opinions["theme_id"], strict=True)
    ):
        if not isinstance(key, str) or not 0 < len(key) <= MAX_KEY:
            raise RegistryError(
                f"expected an opinion_key text of 1 to {MAX_KEY} characters in row {row}, "
                f"found {key!r}"
            )
        if isinstance(theme, bool) or not isinstance(theme, int | np.integer):
            raise RegistryError(f"expected an int theme_id in row {row}, found {theme!r}")
        theme = int(theme)
        if theme < 0:
            continue
        if out.setdefault(key, theme) != theme:
            raise RegistryError(
                f"expected one theme per opinion_key, found themes {out[key]} and {theme} "
                f"for the key in row {row}"
            )
    return out


def record_opinions(
    conn: Connection, week: str, opinions: dict[str, int], chosen: dict[int, Choice]
) -> int:
    """Replace the week's remembered opinions by these, with their stable themes; how many."""
    conn.execute(sa.delete(opinions_table).where(opinions_table.c.week == week))
    rows = [
        {"week": week, "opinion_key": key, "stable_id": chosen[theme].stable_id}
        for key, theme in sorted(opinions.items())
        if theme in chosen
    ]
    for start in range(0, len(rows), _CHUNK):
        conn.execute(sa.insert(opinions_table), rows[start : start + _CHUNK])
    return len(rows)


def read_remembered(conn: Connection, week: str) -> pd.DataFrame:
    """Each opinion recorded before ``week``: its key and the theme it goes by now.

    The theme is that of the key's latest recorded week before ``week``, merges followed
    (see :func:`passives_lib.store.registry._rows.follow`).
    """
    table = opinions_table
    rows = conn.execute(
        sa.select(table.c.opinion_key, table.c.stable_id)
        .where(table.c.week < week)
        .order_by(table.c.week)
    ).all()
    parents = read_parents(conn)
    latest: dict[str, int] = {}
    for key, stable_id in rows:  # later weeks overwrite earlier ones
        latest[key] = stable_id
    resolved = {stable_id: follow(parents, stable_id) for stable_id in set(latest.values())}
    table_rows = [(key, resolved[stable_id]) for key, stable_id in sorted(latest.items())]
    return pd.DataFrame(table_rows, columns=REMEMBERED_COLUMNS)
