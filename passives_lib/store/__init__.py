"""The team's memory, in one database: the contact ledger and the theme registry.

Three rooms: ``db`` (engines, schema versions and migrations), ``ledger`` (contacts, outcomes,
fixes and the contact lifecycle rules) and ``registry`` (stable themes). Other packages import
from this module only.
"""

from passives_lib.store._copy import copied_summary, copy_ledger
from passives_lib.store.db import can_write, display_location
from passives_lib.store.ledger import (
    LIFECYCLE_COLUMNS,
    ContactLedger,
    fix_matches,
    incentive_due,
    lifecycle_state,
    transition_problem,
)
from passives_lib.store.registry import MatchSettings, ThemeRegistry, registry_has_themes

__all__ = [
    "LIFECYCLE_COLUMNS",
    "ContactLedger",
    "MatchSettings",
    "ThemeRegistry",
    "can_write",
    "copied_summary",
    "copy_ledger",
    "display_location",
    "fix_matches",
    "incentive_due",
    "lifecycle_state",
    "registry_has_themes",
    "transition_problem",
]
