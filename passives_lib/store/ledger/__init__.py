"""The contact ledger: whom the team was asked to contact, what happened, what was fixed.

The contact lifecycle (:func:`lifecycle_state`, :func:`incentive_due`, :func:`fix_matches`,
:func:`transition_problem`) is the one set of rules every list, the planner and the ledger
follow.
"""

from passives_lib.store.ledger import _schema as schema  # its tables and schema version
from passives_lib.store.ledger._database import LedgerDatabase
from passives_lib.store.ledger._ledger import ContactLedger
from passives_lib.store.ledger._lifecycle import (
    LIFECYCLE_COLUMNS,
    fix_matches,
    incentive_due,
    lifecycle_state,
    transition_problem,
)

__all__ = [
    "schema",
    "ContactLedger",
    "LIFECYCLE_COLUMNS",
    "LedgerDatabase",
    "fix_matches",
    "incentive_due",
    "lifecycle_state",
    "transition_problem",
]
