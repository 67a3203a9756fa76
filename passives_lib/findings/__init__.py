"""Round-table findings per theme, the top three quick wins, and their figures."""

from passives_lib.findings._figures import (
    GROUP_COLOURS,
    impact_figure,
    plot_texts,
    themes_by_group_figure,
    trend_figure,
    weekly_nps_figure,
)
from passives_lib.findings._findings import MULTI_THEME_RULE, TREND_RULE, theme_findings
from passives_lib.findings._fix_follow_up import fix_follow_up
from passives_lib.findings._quick_wins import NO_MORE_PREFIX, fixed_dates, quick_wins

__all__ = [
    "GROUP_COLOURS",
    "MULTI_THEME_RULE",
    "NO_MORE_PREFIX",
    "TREND_RULE",
    "fix_follow_up",
    "fixed_dates",
    "impact_figure",
    "plot_texts",
    "quick_wins",
    "theme_findings",
    "themes_by_group_figure",
    "trend_figure",
    "weekly_nps_figure",
]
