"""The configuration: one pydantic model per section of the YAML file, and ``load_config``.

Every value is checked by type and range when the config loads; unknown and duplicate keys are
refused; a bad value is one :class:`~passives_lib.core.ConfigError` in the project's form
(``config 'c.yml': plan.callers[1].capacity must be a whole number >= 0, got -1``). The
settings are frozen dataclasses (``dataclasses.replace`` checks the new values too).

Imports only ``core``; names load on first use, so ``passives --help`` does not import pydantic.
"""

from typing import TYPE_CHECKING

from passives_lib._lazy import lazy_exports

_EXPORTS = {
    "BriefSettings": "passives_lib.config._briefs",
    "SITUATIONS": "passives_lib.config._briefs",
    "Caller": "passives_lib.config._callers",
    "CodebookTheme": "passives_lib.config._codebook",
    "Config": "passives_lib.config._config",
    "ContactPolicy": "passives_lib.config._contact_policy",
    "EmailSettings": "passives_lib.config._email",
    "brief_settings_from_dict": "passives_lib.config._loading",
    "config_from_dict": "passives_lib.config._loading",
    "load_config": "passives_lib.config._loading",
    "with_settings": "passives_lib.config._loading",
    "NpsSettings": "passives_lib.config._nps",
    "EFFORTS": "passives_lib.config._plan",
    "NEXT_STEPS": "passives_lib.config._plan",
    "PROFILES": "passives_lib.config._plan",
    "STRATEGIES": "passives_lib.config._plan",
    "PlanSettings": "passives_lib.config._plan",
    "EMBEDDING_BACKENDS": "passives_lib.config._themes",
    "ThemeSettings": "passives_lib.config._themes",
    "whole_number": "passives_lib.config._translate",
}
__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)

if TYPE_CHECKING:  # what type checkers and editors see
    from passives_lib.config._briefs import SITUATIONS, BriefSettings
    from passives_lib.config._callers import Caller
    from passives_lib.config._codebook import CodebookTheme
    from passives_lib.config._config import Config
    from passives_lib.config._contact_policy import ContactPolicy
    from passives_lib.config._email import EmailSettings
    from passives_lib.config._loading import (
        brief_settings_from_dict,
        config_from_dict,
        load_config,
        with_settings,
    )
    from passives_lib.config._nps import NpsSettings
    from passives_lib.config._plan import EFFORTS, NEXT_STEPS, PROFILES, STRATEGIES, PlanSettings
    from passives_lib.config._themes import EMBEDDING_BACKENDS, ThemeSettings
    from passives_lib.config._translate import whole_number

__all__ = [
    "BriefSettings",
    "Caller",
    "CodebookTheme",
    "Config",
    "ContactPolicy",
    "EFFORTS",
    "EMBEDDING_BACKENDS",
    "EmailSettings",
    "NEXT_STEPS",
    "NpsSettings",
    "PROFILES",
    "PlanSettings",
    "SITUATIONS",
    "STRATEGIES",
    "ThemeSettings",
    "brief_settings_from_dict",
    "config_from_dict",
    "load_config",
    "whole_number",
    "with_settings",
]
