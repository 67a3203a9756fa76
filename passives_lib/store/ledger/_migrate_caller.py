"""Ledger schema step 1 -> 2: ``status_events.caller``, who made the contact.

An outcome imported from a CRM's activity export names the activity's owner (Salesforce
``OwnerId``, HubSpot ``hubspot_owner_id``, the generic layout's ``owner``; a plain outcome
file's optional ``caller`` column): the caller who actually called, beside the ``assignee``
the plan gave (``assignments.assignee``). Events recorded before the step keep no caller.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

FROM_VERSION = 1


def add_caller_column(conn: Connection) -> None:
    """Add the nullable ``caller`` column to ``status_events`` (SQLite and PostgreSQL alike).

    Parameters
    ----------
    conn : sqlalchemy.engine.Connection
        Inside the upgrade's transaction.
    """
    conn.exec_driver_sql("ALTER TABLE status_events ADD COLUMN caller VARCHAR(255)")
