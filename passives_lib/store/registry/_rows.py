"""The theme registry's rows: reading the history and the themes, recording a week, merges.

Everything in ``theme_registry_themes`` except ``name`` and ``merged_into`` is derived from
the sightings (:func:`refresh`), which is what makes recording the same week again a
replacement rather than a second update.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.core import RegistryError
from passives_lib.store.registry._matching import Choice, Theme, smoothed
from passives_lib.store.registry._schema import (
    CODEBOOK_WEEK,
    decode_centroid,
    decode_keywords,
    encode_centroid,
    seen_values,
    sightings_table,
    themes_table,
)


class Sighting(NamedTuple):
    """A run theme as recorded in a week, and the stable theme it matched."""

    week: str
    theme_id: int
    stable_id: int
    label: str
    keywords: list[str]
    vector: np.ndarray  # unit length, float64

    def as_known(self) -> Theme:
        """The sighting as a theme to match, keyed by its stable id."""
        return Theme(self.stable_id, self.label, self.keywords, self.vector)


# -- reading ------------------------------------------------------------------------------


def read_theme_rows(conn: Connection) -> dict[int, Any]:
    """Every stable theme's row but its centroid, by ``stable_id`` in order."""
    columns = [c for c in themes_table.c if c.name != "centroid"]
    rows = conn.execute(sa.select(*columns).order_by(themes_table.c.stable_id))
    return {row.stable_id: row for row in rows}


def read_sightings(conn: Connection) -> list[Sighting]:
    """The whole history, by stable id, then week."""
    table = sightings_table
    rows = conn.execute(sa.select(table).order_by(table.c.stable_id, table.c.week))
    return [
        Sighting(
            r.week,
            r.theme_id,
            r.stable_id,
            r.label,
            decode_keywords(r.keywords),
            decode_centroid(r.centroid),
        )
        for r in rows
    ]


def known_before(sightings: list[Sighting], week: str) -> list[Theme]:
    """Each stable theme as it stood before ``week``: smoothed centroid, latest keywords."""
    history: dict[int, list[Sighting]] = {}
    for sighting in sightings:  # sorted by stable_id, then week
        if sighting.week < week:
            history.setdefault(sighting.stable_id, []).append(sighting)
    return [
        Theme(
            stable_id,
            lasting_label([s.label for s in seen]),
            seen[-1].keywords,
            smoothed([s.vector for s in seen]),
        )
        for stable_id, seen in history.items()
    ]


def with_polarity(themes: list[Theme], stored: dict[int, Any]) -> list[Theme]:
    """Known themes with the polarity their stored row holds (None when not known)."""
    return [
        theme._replace(polarity=getattr(stored.get(theme.key), "polarity", None))
        for theme in themes
    ]


# -- recording ----------------------------------------------------------------------------


def record_week(
    conn: Connection,
    week: str,
    run: list[Theme],
    chosen: dict[int, Choice],
    stored: dict[int, Any],
    previous: set[int],
    sizes: dict[int, int | None] | None = None,
) -> None:
    """Replace the week's sightings by this run's, then refresh the themes concerned.

    ``stored`` holds the themes known so far (those of ``chosen`` missing there are
    created), ``previous`` the stable ids of the week's sightings being replaced, and
    ``sizes`` each run theme's number of comments (by run-local id; unknown when missing).
    A theme keeps the polarity it was first recorded with (a codebook theme takes its first
    run theme's), so that the next week's opinions of that tone are anchored in it.
    """
    sizes = sizes or {}
    stored_tone = {key: getattr(row, "polarity", None) for key, row in stored.items()}
    conn.execute(sa.delete(sightings_table).where(sightings_table.c.week == week))
    for theme in run:
        stable_id, cosine, _ = chosen[theme.key]
        seen = seen_values(theme.label, theme.keywords, theme.vector)
        if stable_id not in stored:
            conn.execute(
                sa.insert(themes_table).values(
                    stable_id=stable_id,
                    name=None,
                    first_seen=week,
                    last_seen=week,
                    merged_into=None,
                    polarity=theme.polarity,
                    **seen,
                )
            )
            stored_tone[stable_id] = theme.polarity
        elif stored_tone.get(stable_id) is None and theme.polarity is not None:
            update_theme(conn, stable_id, polarity=theme.polarity)  # a codebook theme's first
            stored_tone[stable_id] = theme.polarity
        conn.execute(
            sa.insert(sightings_table).values(
                week=week,
                theme_id=theme.key,
                stable_id=stable_id,
                similarity=None if math.isnan(cosine) else cosine,
                size=sizes.get(theme.key),
                **seen,
            )
        )
    for stable_id in sorted(previous | {choice.stable_id for choice in chosen.values()}):
        refresh(conn, stable_id)


def refresh(conn: Connection, stable_id: int) -> None:
    """Derive a theme's label, keywords, centroid and weeks from all its sightings."""
    table = sightings_table
    seen = conn.execute(
        sa.select(table).where(table.c.stable_id == stable_id).order_by(table.c.week)
    ).all()
    if not seen:  # its only week was recorded again without it: keep the rest as it was
        update_theme(conn, stable_id, first_seen=None, last_seen=None)
        return
    weeks = [s.week for s in seen if s.week != CODEBOOK_WEEK]  # a codebook seed is no week
    update_theme(
        conn,
        stable_id,
        label=lasting_label([s.label for s in seen]),
        keywords=seen[-1].keywords,
        dimension=seen[-1].dimension,
        centroid=encode_centroid(smoothed([decode_centroid(s.centroid) for s in seen])),
        first_seen=weeks[0] if weeks else None,
        last_seen=weeks[-1] if weeks else None,
    )


def lasting_label(labels: list[str]) -> str:
    """The label a theme keeps: its first phrase, else its first label.

    Labels of theme models before phrase names were keyword lists ("delivery / late /
    parcel"); a theme first seen then takes its first phrase label once one is recorded, and
    keeps that one from then on (an analyst's ``name`` always wins over either).

    Examples
    --------
    >>> lasting_label(["delivery / late / parcel", "parcel arrived late", "late delivery"])
    'parcel arrived late'
    >>> lasting_label(["delivery / late / parcel", "late / parcel"])
    'delivery / late / parcel'
    """
    phrases = [label for label in labels if " / " not in label]
    return (phrases or labels)[0]


def update_theme(conn: Connection, stable_id: int, **values: Any) -> None:
    """Set columns of one stable theme's row."""
    conn.execute(
        sa.update(themes_table).where(themes_table.c.stable_id == stable_id).values(**values)
    )


# -- merges -------------------------------------------------------------------------------


def latest_week_size(conn: Connection, stable_ids: set[int]) -> tuple[str, int | None] | None:
    """The latest week any of ``stable_ids`` was sighted, and their summed sizes that week.

    The sum is None when a sighting of that week has no size (recorded before version 2).
    """
    table = sightings_table
    rows = conn.execute(
        sa.select(table.c.week, table.c.size).where(
            table.c.stable_id.in_(sorted(stable_ids)), table.c.week != CODEBOOK_WEEK
        )
    ).all()
    if not rows:
        return None
    week = max(row.week for row in rows)
    sizes = [row.size for row in rows if row.week == week]
    return week, None if None in sizes else int(sum(sizes))


def read_parents(conn: Connection) -> dict[int, int | None]:
    """Every stable id, and the theme it was merged into directly (None if not merged)."""
    rows = conn.execute(sa.select(themes_table.c.stable_id, themes_table.c.merged_into))
    return {row.stable_id: row.merged_into for row in rows}


def parent_of(parents: dict[int, int | None], stable_id: int) -> int | None:
    """The theme ``stable_id`` was merged into directly, or None; refused if unknown."""
    try:
        return parents[stable_id]
    except KeyError:
        raise RegistryError(
            f"no theme has stable id {stable_id} (see the ids listed by `passives themes`)"
        ) from None


def follow(parents: dict[int, int | None], stable_id: int) -> int:
    """The id ``stable_id`` goes by now, chains of merges followed; refused if unknown.

    Examples
    --------
    >>> follow({1: None, 2: 1, 3: 2}, 3)
    1
    """
    seen = {stable_id}
    while (parent := parent_of(parents, stable_id)) is not None:
        if parent in seen:
            raise RegistryError(
                f"the merges of theme {stable_id} form a loop; the registry is damaged"
            )
        seen.add(parent)
        stable_id = parent
    return stable_id
