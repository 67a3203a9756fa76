"""The theme registry: stable theme ids and names across weekly runs."""

from passives_lib.store.registry._matching import MatchSettings
from passives_lib.store.registry._registry import ThemeRegistry, registry_has_themes

__all__ = ["MatchSettings", "ThemeRegistry", "registry_has_themes"]
