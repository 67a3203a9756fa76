"""passives: find NPS passives, decide whom to contact first, learn from their comments.

The public API is re-exported here; the modules behind it are private.
"""

from passives_lib._classify import (
    CATEGORIES,
    add_classification,
    iso_week,
    nps_category,
    passive_lean,
)
from passives_lib._columns import ColumnMapping, resolve_columns
from passives_lib._config import Config, NpsSettings, ThemeSettings, config_from_dict, load_config
from passives_lib._csv_out import neutralise_formulas, write_csv
from passives_lib._dates import AmbiguousDatesError, infer_date_order, parse_dates
from passives_lib._embedding import EmbeddingCache, embed_texts, load_default_model
from passives_lib._errors import ConfigError, InputError, PassivesError
from passives_lib._loading import LoadedSurvey, load_survey
from passives_lib._non_answers import is_non_answer
from passives_lib._nps import compare_nps, nps_from_counts, nps_table, weekly_nps
from passives_lib._privacy import mask_personal_data
from passives_lib._reading import RawTable, read_table
from passives_lib._summary import load_summary
from passives_lib._theme_run import ThemeRun, model_from_config, run_themes, write_theme_outputs
from passives_lib._themes import ThemeModel

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
    # writing
    "write_csv",
    "neutralise_formulas",
    "mask_personal_data",
    # errors
    "PassivesError",
    "ConfigError",
    "InputError",
    "AmbiguousDatesError",
]
