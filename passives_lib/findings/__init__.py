"""Round-table findings per theme, the top three quick wins, and their figures."""

from passives_lib.findings._figures import (
    impact_figure,
    themes_by_group_figure,
    trend_figure,
    weekly_nps_figure,
)
from passives_lib.findings._findings import theme_findings
from passives_lib.findings._quick_wins import quick_wins

__all__ = [
    "impact_figure",
    "quick_wins",
    "theme_findings",
    "themes_by_group_figure",
    "trend_figure",
    "weekly_nps_figure",
]
