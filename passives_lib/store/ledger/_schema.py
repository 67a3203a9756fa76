"""The contact ledger's data model: allowed values, tables, schema version and migrations.

Only portable SQLAlchemy Core is used, so the same tables live in SQLite or any database
SQLAlchemy can reach. The ledger's version is kept with the theme registry's in one table,
``passives_schema`` (see :mod:`passives_lib.store.db`); a ledger of an older version is upgraded
step by step with :data:`MIGRATIONS` when it is first opened for writing.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.core import (
    CLOSING_STATUSES,
    CONTACT_LISTS,
    LEDGER_STATUSES,
    OUTREACH_LISTS,
    OUTREACH_STATUSES,
)

__all__ = ["CLOSING_STATUSES", "CONTACT_LISTS", "LEDGER_STATUSES", "LISTS", "OUTREACH_STATUSES"]
from passives_lib.store.db import MAX_TEXT, LedgerError, Schema
from passives_lib.store.ledger._note_author import add_event_author, author_column

SCHEMA_VERSION = 3

LISTS = OUTREACH_LISTS

IMPORT_SOURCE = "import"

metadata = sa.MetaData()

assignments_table = sa.Table(
    "assignments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("week", sa.String(8), nullable=False),
    sa.Column("respondent_id", sa.String(MAX_TEXT), nullable=False),
    sa.Column("list", sa.String(32), nullable=False),
    sa.Column("assignee", sa.String(MAX_TEXT), nullable=True),
    sa.Column("recorded_at", sa.DateTime(timezone=False), nullable=False),
    sa.UniqueConstraint("week", "respondent_id", "list", name="uq_assignments_week_id_list"),
    sa.Index("ix_assignments_respondent_id", "respondent_id"),
)

events_table = sa.Table(
    "status_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("respondent_id", sa.String(MAX_TEXT), nullable=False),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("at", sa.DateTime(timezone=False), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("source", sa.String(MAX_TEXT), nullable=False),
    author_column(),
    sa.UniqueConstraint("respondent_id", "status", "at", "source", name="uq_status_events_key"),
)

theme_fixes_table = sa.Table(
    "theme_fixes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("theme", sa.String(MAX_TEXT), nullable=False),
    sa.Column("fixed_at", sa.DateTime(timezone=False), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
    sa.UniqueConstraint("theme", "fixed_at", name="uq_theme_fixes_theme_fixed_at"),
)

# Version 3: the weeks planned (so that planning a recorded week again records nothing new),
# and the quick wins raised at the round-table with their owner, due week and status.
planned_weeks_table = sa.Table(
    "planned_weeks",
    metadata,
    sa.Column("week", sa.String(8), primary_key=True),
    sa.Column("planned_at", sa.DateTime(timezone=False), nullable=False),
    sa.Column("replanned_at", sa.DateTime(timezone=False), nullable=True),
    sa.Column("replans", sa.Integer, nullable=False, default=0),
)

quick_wins_table = sa.Table(
    "quick_wins",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("theme", sa.String(MAX_TEXT), nullable=False),
    sa.Column("theme_label", sa.String(MAX_TEXT), nullable=True),
    sa.Column("raised_week", sa.String(8), nullable=False),
    sa.Column("owner", sa.String(MAX_TEXT), nullable=True),
    sa.Column("due_week", sa.String(8), nullable=True),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("fixed_at", sa.DateTime(timezone=False), nullable=True),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("updated_at", sa.DateTime(timezone=False), nullable=False),
    sa.UniqueConstraint("theme", name="uq_quick_wins_theme"),
)

LEDGER_TABLES = (
    "assignments",
    "status_events",
    "theme_fixes",
    "planned_weeks",
    "quick_wins",
)


def _add_planned_weeks_and_quick_wins(conn: Connection) -> None:
    """Schema step 2 -> 3: tables ``planned_weeks`` and ``quick_wins`` (issue 22)."""
    metadata.create_all(conn, tables=[planned_weeks_table, quick_wins_table])


# Schema upgrades: MIGRATIONS[v] takes a ledger at version v to version v + 1, inside the
# caller's transaction.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: add_event_author,  # 1 -> 2: status_events.author (who wrote a note)
    2: _add_planned_weeks_and_quick_wins,  # 2 -> 3: planned_weeks, quick_wins (issue 22)
}


SCHEMA = Schema(
    part="ledger",
    name="the ledger",
    metadata=metadata,
    version=SCHEMA_VERSION,
    migrations=MIGRATIONS,
    error=LedgerError,
    legacy_meta="ledger_meta",
)
