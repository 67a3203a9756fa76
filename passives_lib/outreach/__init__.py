"""Whom to contact: priorities, the week's plan over the contact history, the explorer.

Also what to say (call briefs from the question bank), the promoters who behave like
passives (soft promoters), and what came of the contacts (outreach results and the effect).
"""

from passives_lib.outreach._briefs import (
    CallBrief,
    briefs_frame,
    build_briefs,
    call_brief_column,
    fixed_theme_dates,
)
from passives_lib.outreach._briefs_html import caller_file_stems, write_brief_pages
from passives_lib.outreach._explorer import PassivesExplorer
from passives_lib.outreach._explorer_state import (
    ExplorerState,
    call_list,
    filter_pool,
    rank_pool,
)
from passives_lib.outreach._plan import ContactHistory, WeekPlan, plan_week
from passives_lib.outreach._priority import prioritise
from passives_lib.outreach._question_bank import QuestionBank, question_bank
from passives_lib.outreach._results import OutreachResults, contact_effect, outreach_results
from passives_lib.outreach._soft_promoters import (
    soft_promoter_sentence,
    soft_promoter_trend,
    soft_promoters,
    without_soft_promoters,
    write_soft_promoters,
)
from passives_lib.outreach._worklist import WorklistLedger, week_passives, worklist

__all__ = [
    "CallBrief",
    "ContactHistory",
    "ExplorerState",
    "OutreachResults",
    "PassivesExplorer",
    "QuestionBank",
    "WeekPlan",
    "WorklistLedger",
    "briefs_frame",
    "build_briefs",
    "call_brief_column",
    "call_list",
    "caller_file_stems",
    "filter_pool",
    "contact_effect",
    "fixed_theme_dates",
    "outreach_results",
    "plan_week",
    "prioritise",
    "question_bank",
    "rank_pool",
    "soft_promoter_sentence",
    "soft_promoter_trend",
    "soft_promoters",
    "week_passives",
    "without_soft_promoters",
    "worklist",
    "write_brief_pages",
    "write_soft_promoters",
]
