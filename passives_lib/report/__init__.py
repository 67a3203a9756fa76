"""The weekly report: build, sections, narrative, figures, HTML, slides and the e-mailed digest.

The notebook ``weekly_theme_report.ipynb`` (package data) imports what it shows from here.
"""

from passives_lib.report._build import ReportRun, build_report
from passives_lib.report._digest import write_digest
from passives_lib.report._email import send_digest
from passives_lib.report._run import LAST_COMPLETE, ReportResult, parse_parameter, run_report
from passives_lib.report._sections import (
    data_quality_section,
    findings_impact_section,
    findings_overview_section,
    findings_table_section,
    findings_trend_section,
    headline_section,
    method_section,
    passives_section,
    plan_section,
    quick_win_section,
    title_section,
)
from passives_lib.report._workspace import RunStopped

__all__ = [
    "LAST_COMPLETE",
    "ReportResult",
    "ReportRun",
    "RunStopped",
    "build_report",
    "data_quality_section",
    "findings_impact_section",
    "findings_overview_section",
    "findings_table_section",
    "findings_trend_section",
    "headline_section",
    "method_section",
    "parse_parameter",
    "passives_section",
    "plan_section",
    "quick_win_section",
    "run_report",
    "send_digest",
    "title_section",
    "write_digest",
]
