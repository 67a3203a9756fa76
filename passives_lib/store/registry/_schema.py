"""The theme registry's data model: tables, schema version, and how values are stored.

The registry lives in the contact ledger's database, in tables of its own prefixed
``theme_registry_``; its version (:data:`SCHEMA_VERSION`) is kept with the ledger's in one
table, ``passives_schema`` (see :mod:`passives_lib.store.db`):

- ``theme_registry_themes``: one row per stable theme: ``stable_id``, ``name`` (the analyst's,
  or the distinct name the registry gave it when its label clashed with another theme's name,
  or null), ``label`` (its first phrase label, else its first: keyword lists give way),
  ``keywords`` (JSON list, latest sighting),
  ``dimension`` and ``centroid`` (little-endian float32 bytes, smoothed over the sightings),
  ``first_seen`` and ``last_seen`` (ISO weeks), ``merged_into`` (null unless merged) and
  ``polarity`` (``praise``, ``complaint``, ``suggestion`` or ``neutral``: the tone of its
  opinions when first recorded; null for a codebook theme no run has matched yet and for
  themes recorded before version 4).
- ``theme_registry_sightings``: the history, one row per run theme recorded: ``week``,
  ``theme_id`` (run-local), ``stable_id`` (the theme it matched, before merges are resolved),
  ``label``, ``keywords``, ``dimension``, ``centroid``, ``similarity`` and ``size`` (the
  comments whose main theme it was in the run; null in sightings recorded before version 2).
  A theme seeded from an analyst's codebook has one sighting in week :data:`CODEBOOK_WEEK`
  (``0000-W00``, before every real week; see ``_codebook``).
- ``theme_registry_opinions``: what each recorded week's opinions went to: ``week``,
  ``opinion_key`` (the first 128 bits of the SHA-256 hash of the opinion's text, see
  ``passives_lib.themes.opinion_key``: no text is stored, though whoever guesses an
  opinion's exact words can confirm them) and ``stable_id`` (before merges are resolved).
  The next run keeps an unchanged opinion in the theme it had (``_remembered``).

Version 2 added ``theme_registry_sightings.size``; version 3 gives every theme a name no other
theme has (see ``_names``: a registry written before could hold two themes of one
name); version 4 adds ``theme_registry_themes.polarity``; version 5 adds
``theme_registry_opinions`` (empty: an upgraded registry remembers opinions from the next
recorded week on). An older registry is upgraded
step by step with :data:`MIGRATIONS` when it is first opened for writing (one that kept its
version in ``theme_registry_meta``, as earlier releases did, moves it to ``passives_schema``).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.core import RegistryError
from passives_lib.store.db import MAX_TEXT, Schema
from passives_lib.store.registry._names import repair_names

SCHEMA_VERSION = 5
MAX_KEY = 64  # characters of an opinion_key
CODEBOOK_WEEK = "0000-W00"  # the sightings of an analyst's codebook: before every real week

metadata = sa.MetaData()

themes_table = sa.Table(
    "theme_registry_themes",
    metadata,
    sa.Column("stable_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(MAX_TEXT), nullable=True),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("keywords", sa.Text, nullable=False),
    sa.Column("dimension", sa.Integer, nullable=False),
    sa.Column("centroid", sa.LargeBinary, nullable=False),
    sa.Column("first_seen", sa.String(8), nullable=True),
    sa.Column("last_seen", sa.String(8), nullable=True),
    sa.Column(
        "merged_into",
        sa.Integer,
        sa.ForeignKey("theme_registry_themes.stable_id"),
        nullable=True,
    ),
    sa.Column("polarity", sa.String(16), nullable=True),
)

sightings_table = sa.Table(
    "theme_registry_sightings",
    metadata,
    sa.Column("week", sa.String(8), primary_key=True),
    sa.Column("theme_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column(
        "stable_id",
        sa.Integer,
        sa.ForeignKey("theme_registry_themes.stable_id"),
        nullable=False,
    ),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("keywords", sa.Text, nullable=False),
    sa.Column("dimension", sa.Integer, nullable=False),
    sa.Column("centroid", sa.LargeBinary, nullable=False),
    sa.Column("similarity", sa.Float, nullable=True),
    sa.Column("size", sa.Integer, nullable=True),
    sa.UniqueConstraint("week", "stable_id", name="uq_theme_registry_sightings_week_stable"),
    sa.Index("ix_theme_registry_sightings_stable_id", "stable_id"),
)

opinions_table = sa.Table(
    "theme_registry_opinions",
    metadata,
    sa.Column("week", sa.String(8), primary_key=True),
    sa.Column("opinion_key", sa.String(MAX_KEY), primary_key=True),
    sa.Column(
        "stable_id",
        sa.Integer,
        sa.ForeignKey("theme_registry_themes.stable_id"),
        nullable=False,
    ),
)

REGISTRY_TABLES = tuple(metadata.tables)


def _add_sighting_size(conn: Connection) -> None:
    conn.execute(sa.text(f"ALTER TABLE {sightings_table.name} ADD COLUMN size INTEGER"))


def _distinct_names(conn: Connection) -> None:
    repair_names(conn, themes_table)


def _add_theme_polarity(conn: Connection) -> None:
    columns = {c["name"] for c in sa.inspect(conn).get_columns(themes_table.name)}
    if "polarity" not in columns:  # a table made by this version and marked older has it
        conn.execute(sa.text(f"ALTER TABLE {themes_table.name} ADD COLUMN polarity VARCHAR(16)"))


def _add_opinions(conn: Connection) -> None:
    opinions_table.create(conn, checkfirst=True)


# Schema upgrades: MIGRATIONS[v] takes a registry at version v to version v + 1, inside the
# caller's transaction (so a failed upgrade leaves the registry at its old version).
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: _add_sighting_size,
    2: _distinct_names,
    3: _add_theme_polarity,
    4: _add_opinions,
}


# -- values -------------------------------------------------------------------------------


def encode_centroid(vector: np.ndarray) -> bytes:
    """A centroid as stored: little-endian float32 bytes.

    Examples
    --------
    >>> decode_centroid(encode_centroid(np.array([3.0, 4.0]))).tolist()
    [0.6, 0.8]
    """
    return np.asarray(vector, dtype="<f4").tobytes()


def decode_centroid(blob: bytes) -> np.ndarray:
    """A stored centroid as a float64 vector of unit length (a zero vector stays zero)."""
    vector = np.frombuffer(blob, dtype="<f4").astype(np.float64)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def seen_values(label: str, keywords: list[str], vector: np.ndarray) -> dict[str, object]:
    """A sighting's label, keywords and centroid as both registry tables store them.

    Examples
    --------
    >>> sorted(seen_values("late", ["late"], np.array([1.0, 0.0])))
    ['centroid', 'dimension', 'keywords', 'label']
    """
    return {
        "label": label,
        "keywords": encode_keywords(keywords),
        "dimension": len(vector),
        "centroid": encode_centroid(vector),
    }


def encode_keywords(keywords: list[str]) -> str:
    """Keywords as stored: a JSON list."""
    return json.dumps(keywords)


def decode_keywords(text: str) -> list[str]:
    """Stored keywords as a list of str."""
    return json.loads(text)


SCHEMA = Schema(
    part="theme_registry",
    name="the theme registry",
    metadata=metadata,
    version=SCHEMA_VERSION,
    migrations=MIGRATIONS,
    error=RegistryError,
    legacy_meta="theme_registry_meta",
)
