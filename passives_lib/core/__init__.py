"""Foundation: errors, config, ISO weeks, vocabulary, reading and writing tables, masking.

Every other subpackage may import from here; this package imports from none of them.
"""

from typing import TYPE_CHECKING

from passives_lib._lazy import lazy_exports

_EXPORTS = {
    "Config": "passives_lib.core._config",
    "ContactPolicy": "passives_lib.core._contact_policy",
    "NpsSettings": "passives_lib.core._config",
    "config_from_dict": "passives_lib.core._config",
    "load_config": "passives_lib.core._config",
    "neutralise_formulas": "passives_lib.core._csv_out",
    "write_csv": "passives_lib.core._csv_out",
    "AmbiguousDatesError": "passives_lib.core._errors",
    "ConfigError": "passives_lib.core._errors",
    "InputError": "passives_lib.core._errors",
    "InvalidParameterError": "passives_lib.core._errors",
    "LedgerError": "passives_lib.core._errors",
    "LocatedError": "passives_lib.core._errors",
    "NoDataRowsError": "passives_lib.core._errors",
    "PassivesError": "passives_lib.core._errors",
    "RegistryError": "passives_lib.core._errors",
    "ReportError": "passives_lib.core._errors",
    "ReportFailedError": "passives_lib.core._errors",
    "StoreError": "passives_lib.core._errors",
    "EFFORTS": "passives_lib.core._plan_settings",
    "NEXT_STEPS": "passives_lib.core._plan_settings",
    "PROFILES": "passives_lib.core._plan_settings",
    "STRATEGIES": "passives_lib.core._plan_settings",
    "PlanSettings": "passives_lib.core._plan_settings",
    "mask_personal_data": "passives_lib.core._privacy",
    "RawTable": "passives_lib.core._reading",
    "read_table": "passives_lib.core._reading",
    "ThemeSettings": "passives_lib.core._theme_settings",
    "CALL_LISTS": "passives_lib.core._vocabulary",
    "CANONICAL_COLUMNS": "passives_lib.core._vocabulary",
    "CLOSING_STATUSES": "passives_lib.core._vocabulary",
    "CONTACT_LISTS": "passives_lib.core._vocabulary",
    "CONTACT_STATUSES": "passives_lib.core._vocabulary",
    "CSV_NAMES": "passives_lib.core._vocabulary",
    "DO_NOT_CONTACT": "passives_lib.core._vocabulary",
    "LEDGER_STATUSES": "passives_lib.core._vocabulary",
    "NON_ANSWER_THEME_ID": "passives_lib.core._vocabulary",
    "OTHER_THEME_ID": "passives_lib.core._vocabulary",
    "OUTREACH_LISTS": "passives_lib.core._vocabulary",
    "OUTREACH_STATUSES": "passives_lib.core._vocabulary",
    "is_iso_week": "passives_lib.core._weeks",
    "report_window": "passives_lib.core._weeks",
    "week_start": "passives_lib.core._weeks",
}
__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)

if TYPE_CHECKING:  # what type checkers and editors see
    from passives_lib.core._config import Config, NpsSettings, config_from_dict, load_config
    from passives_lib.core._contact_policy import ContactPolicy
    from passives_lib.core._csv_out import neutralise_formulas, write_csv
    from passives_lib.core._errors import (
        AmbiguousDatesError,
        ConfigError,
        InputError,
        InvalidParameterError,
        LedgerError,
        LocatedError,
        NoDataRowsError,
        PassivesError,
        RegistryError,
        ReportError,
        ReportFailedError,
        StoreError,
    )
    from passives_lib.core._plan_settings import (
        EFFORTS,
        NEXT_STEPS,
        PROFILES,
        STRATEGIES,
        PlanSettings,
    )
    from passives_lib.core._privacy import mask_personal_data
    from passives_lib.core._reading import RawTable, read_table
    from passives_lib.core._theme_settings import ThemeSettings
    from passives_lib.core._vocabulary import (
        CALL_LISTS,
        CANONICAL_COLUMNS,
        CLOSING_STATUSES,
        CONTACT_LISTS,
        CONTACT_STATUSES,
        CSV_NAMES,
        DO_NOT_CONTACT,
        LEDGER_STATUSES,
        NON_ANSWER_THEME_ID,
        OTHER_THEME_ID,
        OUTREACH_LISTS,
        OUTREACH_STATUSES,
    )
    from passives_lib.core._weeks import is_iso_week, report_window, week_start

__all__ = [
    "AmbiguousDatesError",
    "CALL_LISTS",
    "CANONICAL_COLUMNS",
    "CLOSING_STATUSES",
    "CONTACT_LISTS",
    "CSV_NAMES",
    "DO_NOT_CONTACT",
    "CONTACT_STATUSES",
    "Config",
    "ContactPolicy",
    "ConfigError",
    "EFFORTS",
    "InputError",
    "InvalidParameterError",
    "LEDGER_STATUSES",
    "LedgerError",
    "LocatedError",
    "NEXT_STEPS",
    "NON_ANSWER_THEME_ID",
    "NoDataRowsError",
    "NpsSettings",
    "OTHER_THEME_ID",
    "OUTREACH_LISTS",
    "OUTREACH_STATUSES",
    "PROFILES",
    "PassivesError",
    "PlanSettings",
    "RegistryError",
    "ReportError",
    "RawTable",
    "ReportFailedError",
    "STRATEGIES",
    "StoreError",
    "ThemeSettings",
    "config_from_dict",
    "is_iso_week",
    "load_config",
    "mask_personal_data",
    "neutralise_formulas",
    "read_table",
    "report_window",
    "week_start",
    "write_csv",
]
