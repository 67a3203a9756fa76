"""The team's memory: the contact ledger and the theme registry, in one database."""

from passives_lib.store._ledger import ContactLedger
from passives_lib.store._registry import ThemeRegistry, registry_has_themes
from passives_lib.store._registry_matching import MatchSettings

__all__ = [
    "ContactLedger",
    "MatchSettings",
    "ThemeRegistry",
    "registry_has_themes",
]
