"""Ledger schema step 1 -> 2: status events record who wrote them (``author``).

Notes typed in the worklist (``passives explore --user``) carry their author; events from
a CRM import or the command line have none. Notes are at most :data:`NOTE_MAX_CHARS`
characters: the ledger is a list of what happened, not a document store.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.store.db import MAX_TEXT, LedgerError

NOTE_MAX_CHARS = 2000
AUTHOR_COLUMN = "author"


def author_column() -> sa.Column:
    """The ``status_events.author`` column (blank for events nobody typed in)."""
    return sa.Column(AUTHOR_COLUMN, sa.String(MAX_TEXT), nullable=True)


def add_event_author(conn: Connection) -> None:
    """Schema step 1 -> 2: add ``status_events.author`` (existing events get none)."""
    column_type = author_column().type.compile(dialect=conn.dialect)
    conn.execute(sa.text(f"ALTER TABLE status_events ADD COLUMN {AUTHOR_COLUMN} {column_type}"))


def checked_note(note: str | None) -> str | None:
    """A note within :data:`NOTE_MAX_CHARS`, else a :class:`LedgerError` saying its length.

    Examples
    --------
    >>> checked_note("called, left a voicemail")
    'called, left a voicemail'
    """
    if note is not None and len(note) > NOTE_MAX_CHARS:
        raise LedgerError(
            f"expected a note of at most {NOTE_MAX_CHARS:,} characters; found {len(note):,}"
        )
    return note
