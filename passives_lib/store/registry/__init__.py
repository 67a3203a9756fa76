"""The theme registry: stable theme ids and names across weekly runs."""

from passives_lib.store.registry import _schema as schema  # its tables and schema version
from passives_lib.store.registry._matching import MatchSettings
from passives_lib.store.registry._registry import ThemeRegistry, registry_has_themes

__all__ = ["schema", "MatchSettings", "ThemeRegistry", "registry_has_themes"]
