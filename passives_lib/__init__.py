"""passives: find NPS passives, decide whom to contact first, learn from their comments.

The public API is re-exported here. The subpackages (``core``, ``survey``, ``themes``,
``store``, ``sample``, ``findings``, ``outreach``, ``pipeline``, ``report``, ``cli``) each
export their own names; the ``_module`` files behind them are private. ARCHITECTURE.md maps
them.
"""

from passives_lib.core._config import (
    Config,
    NpsSettings,
    config_from_dict,
    load_config,
)
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
from passives_lib.core._plan_settings import PROFILES, STRATEGIES, PlanSettings
from passives_lib.core._privacy import mask_personal_data
from passives_lib.core._reading import RawTable, read_table
from passives_lib.core._theme_settings import ThemeSettings
from passives_lib.embedding import EmbeddingCache, embed_texts, load_default_model
from passives_lib.findings._figures import (
    impact_figure,
    themes_by_group_figure,
    trend_figure,
    weekly_nps_figure,
)
from passives_lib.findings._findings import theme_findings
from passives_lib.findings._quick_wins import quick_wins
from passives_lib.outreach._explorer import PassivesExplorer
from passives_lib.outreach._plan import ContactHistory, WeekPlan, plan_week
from passives_lib.outreach._priority import prioritise
from passives_lib.pipeline._findings_run import FindingsRun, run_findings, write_findings
from passives_lib.pipeline._plan_run import PlanRun, respondent_themes, run_plan, write_plan
from passives_lib.pipeline._theme_run import (
    ThemeRun,
    model_from_config,
    run_themes,
    write_theme_outputs,
)
from passives_lib.pipeline._weekly import WeeklyRun, run_weekly, write_weekly
from passives_lib.store import ContactLedger, MatchSettings, ThemeRegistry
from passives_lib.survey._classify import (
    CATEGORIES,
    add_classification,
    iso_week,
    nps_category,
    passive_lean,
)
from passives_lib.survey._columns import ColumnMapping, resolve_columns
from passives_lib.survey._dates import infer_date_order, parse_dates
from passives_lib.survey._loading import LoadedSurvey, load_survey
from passives_lib.survey._nps import compare_nps, nps_from_counts, nps_table, weekly_nps
from passives_lib.survey._summary import load_summary
from passives_lib.themes._effort import DEFAULT_EFFORT_RULE, theme_efforts
from passives_lib.themes._model import ThemeModel
from passives_lib.themes._non_answers import is_non_answer
from passives_lib.themes._sentiment import sentiment

__all__ = [
    # loading and validation
    "Config",
    "NpsSettings",
    "load_config",
    "config_from_dict",
    "read_table",
    "RawTable",
    "resolve_columns",
    "ColumnMapping",
    "load_survey",
    "LoadedSurvey",
    "load_summary",
    "infer_date_order",
    "parse_dates",
    # classification and NPS
    "CATEGORIES",
    "nps_category",
    "passive_lean",
    "iso_week",
    "add_classification",
    "nps_from_counts",
    "nps_table",
    "weekly_nps",
    "compare_nps",
    # the weekly run
    "run_weekly",
    "write_weekly",
    "WeeklyRun",
    # themes
    "ThemeModel",
    "ThemeSettings",
    "ThemeRun",
    "run_themes",
    "write_theme_outputs",
    "model_from_config",
    "is_non_answer",
    "embed_texts",
    "EmbeddingCache",
    "load_default_model",
    # prioritising and planning
    "PlanSettings",
    "PROFILES",
    "STRATEGIES",
    "prioritise",
    "sentiment",
    "theme_efforts",
    "DEFAULT_EFFORT_RULE",
    "plan_week",
    "WeekPlan",
    "ContactHistory",
    "run_plan",
    "write_plan",
    "PlanRun",
    "ContactLedger",
    "respondent_themes",
    "PassivesExplorer",
    # round-table findings
    "theme_findings",
    "quick_wins",
    "run_findings",
    "write_findings",
    "FindingsRun",
    "ThemeRegistry",
    "MatchSettings",
    "themes_by_group_figure",
    "impact_figure",
    "trend_figure",
    "weekly_nps_figure",
    # writing
    "write_csv",
    "neutralise_formulas",
    "mask_personal_data",
    # errors
    "PassivesError",
    "ConfigError",
    "InputError",
    "InvalidParameterError",
    "AmbiguousDatesError",
    "NoDataRowsError",
    "LocatedError",
    "StoreError",
    "LedgerError",
    "RegistryError",
    "ReportError",
    "ReportFailedError",
]
