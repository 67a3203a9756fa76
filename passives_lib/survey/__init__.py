"""The survey export: read, map columns, parse dates, validate, classify, NPS."""

from passives_lib.survey._classify import (
    CATEGORIES,
    LEANS,
    add_classification,
    iso_week,
    nps_category,
    passive_lean,
)
from passives_lib.survey._columns import ColumnMapping, resolve_columns
from passives_lib.survey._dates import infer_date_order, parse_dates
from passives_lib.survey._loading import LoadedSurvey, load_survey
from passives_lib.survey._nps import compare_nps, nps_from_counts, nps_table, weekly_nps
from passives_lib.survey._schema import normalise_status
from passives_lib.survey._summary import load_summary

__all__ = [
    "CATEGORIES",
    "ColumnMapping",
    "LEANS",
    "LoadedSurvey",
    "add_classification",
    "compare_nps",
    "infer_date_order",
    "iso_week",
    "load_summary",
    "load_survey",
    "normalise_status",
    "nps_category",
    "nps_from_counts",
    "nps_table",
    "parse_dates",
    "passive_lean",
    "resolve_columns",
    "weekly_nps",
]
