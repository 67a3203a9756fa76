"""passives: find NPS passives, decide whom to contact first, learn from their comments.

The public API is re-exported here. The subpackages (``core``, ``survey``, ``themes``,
``store``, ``sample``, ``findings``, ``outreach``, ``pipeline``, ``report``, ``cli``) each
export their own names; the ``_module`` files behind them are private. ARCHITECTURE.md maps
them.
"""

from typing import TYPE_CHECKING

from passives_lib._lazy import lazy_exports

_EXPORTS = {
    "Config": "passives_lib.core._config",
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
    "PROFILES": "passives_lib.core._plan_settings",
    "STRATEGIES": "passives_lib.core._plan_settings",
    "PlanSettings": "passives_lib.core._plan_settings",
    "mask_personal_data": "passives_lib.core._privacy",
    "RawTable": "passives_lib.core._reading",
    "read_table": "passives_lib.core._reading",
    "ThemeSettings": "passives_lib.core._theme_settings",
    "EmbeddingCache": "passives_lib.embedding",
    "embed_texts": "passives_lib.embedding",
    "load_default_model": "passives_lib.embedding",
    "impact_figure": "passives_lib.findings._figures",
    "themes_by_group_figure": "passives_lib.findings._figures",
    "trend_figure": "passives_lib.findings._figures",
    "weekly_nps_figure": "passives_lib.findings._figures",
    "theme_findings": "passives_lib.findings._findings",
    "quick_wins": "passives_lib.findings._quick_wins",
    "PassivesExplorer": "passives_lib.outreach._explorer",
    "ContactHistory": "passives_lib.outreach._plan",
    "WeekPlan": "passives_lib.outreach._plan",
    "plan_week": "passives_lib.outreach._plan",
    "prioritise": "passives_lib.outreach._priority",
    "FindingsRun": "passives_lib.pipeline._findings_run",
    "run_findings": "passives_lib.pipeline._findings_run",
    "write_findings": "passives_lib.pipeline._findings_run",
    "PlanRun": "passives_lib.pipeline._plan_run",
    "respondent_themes": "passives_lib.pipeline._plan_run",
    "run_plan": "passives_lib.pipeline._plan_run",
    "write_plan": "passives_lib.pipeline._plan_run",
    "ThemeRun": "passives_lib.pipeline._theme_run",
    "model_from_config": "passives_lib.pipeline._theme_run",
    "run_themes": "passives_lib.pipeline._theme_run",
    "write_theme_outputs": "passives_lib.pipeline._theme_run",
    "WeeklyRun": "passives_lib.pipeline._weekly",
    "run_weekly": "passives_lib.pipeline._weekly",
    "write_weekly": "passives_lib.pipeline._weekly",
    "ContactLedger": "passives_lib.store",
    "MatchSettings": "passives_lib.store",
    "ThemeRegistry": "passives_lib.store",
    "CATEGORIES": "passives_lib.survey._classify",
    "add_classification": "passives_lib.survey._classify",
    "iso_week": "passives_lib.survey._classify",
    "nps_category": "passives_lib.survey._classify",
    "passive_lean": "passives_lib.survey._classify",
    "ColumnMapping": "passives_lib.survey._columns",
    "resolve_columns": "passives_lib.survey._columns",
    "infer_date_order": "passives_lib.survey._dates",
    "parse_dates": "passives_lib.survey._dates",
    "LoadedSurvey": "passives_lib.survey._loading",
    "load_survey": "passives_lib.survey._loading",
    "compare_nps": "passives_lib.survey._nps",
    "nps_from_counts": "passives_lib.survey._nps",
    "nps_table": "passives_lib.survey._nps",
    "weekly_nps": "passives_lib.survey._nps",
    "load_summary": "passives_lib.survey._summary",
    "DEFAULT_EFFORT_RULE": "passives_lib.themes._effort",
    "theme_efforts": "passives_lib.themes._effort",
    "ThemeModel": "passives_lib.themes._model",
    "is_non_answer": "passives_lib.themes._non_answers",
    "sentiment": "passives_lib.themes._sentiment",
}
__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)

if TYPE_CHECKING:  # what type checkers and editors see
    from passives_lib.core._config import Config, NpsSettings, config_from_dict, load_config
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
