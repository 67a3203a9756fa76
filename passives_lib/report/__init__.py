"""The weekly report: build, sections, narrative, figures, HTML and slides export."""

from passives_lib.report._build import ReportRun, build_report
from passives_lib.report._run import ReportResult, run_report

__all__ = [
    "ReportResult",
    "ReportRun",
    "build_report",
    "run_report",
]
