"""The contact ledger: whom the team was asked to contact, what happened, what was fixed.

The contact lifecycle (:func:`lifecycle_state`, :func:`incentive_due`, :func:`fix_matches`,
:func:`transition_problem`, :func:`aged_out`, :func:`ages_out_next_week`,
:func:`worked_assignments`) is the one set of rules every list, the planner and the ledger
follow, with the contact policy's numbers (``plan.contact_policy``). A week's plan is worked
out and recorded in one write transaction (:meth:`ContactLedger.record_plan`).
"""

from passives_lib.store.ledger import _schema as schema  # its tables and schema version
from passives_lib.store.ledger._database import LedgerDatabase
from passives_lib.store.ledger._ledger import ContactLedger
from passives_lib.store.ledger._lifecycle import (
    ANSWER_STATUSES,
    LIFECYCLE_COLUMNS,
    aged_out,
    ages_out_next_week,
    fix_matches,
    incentive_due,
    lifecycle_state,
    transition_problem,
    worked_assignments,
)
from passives_lib.store.ledger._plans import LedgerSnapshot, RecordedPlan

__all__ = [
    "ANSWER_STATUSES",
    "LIFECYCLE_COLUMNS",
    "ContactLedger",
    "LedgerDatabase",
    "LedgerSnapshot",
    "RecordedPlan",
    "aged_out",
    "ages_out_next_week",
    "schema",
    "fix_matches",
    "incentive_due",
    "lifecycle_state",
    "transition_problem",
    "worked_assignments",
]
