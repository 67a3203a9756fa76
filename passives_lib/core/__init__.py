"""Foundation: errors, config, ISO weeks, vocabulary, reading and writing tables, masking.

Every other subpackage may import from here; this package imports from none of them.
"""

from passives_lib.core._config import (
    Config,
    NpsSettings,
    config_from_dict,
    load_config,
)
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
from passives_lib.core._plan_settings import EFFORTS, NEXT_STEPS, PROFILES, STRATEGIES, PlanSettings
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
