"""Round-table findings per theme, the top three quick wins, and their figures."""

from passives_lib.findings._figures import (
    impact_figure,
    themes_by_group_figure,
    trend_figure,
    weekly_nps_figure,
)
from passives_lib.findings._findings import theme_findings
from passives_lib.findings._fix_follow_up import fix_follow_up
from passives_lib.findings._quick_wins import NO_MORE_PREFIX, quick_wins

__all__ = [
    "NO_MORE_PREFIX",
    "fix_follow_up",
    "impact_figure",
    "quick_wins",
    "theme_findings",
    "themes_by_group_figure",
    "trend_figure",
    "weekly_nps_figure",
]
