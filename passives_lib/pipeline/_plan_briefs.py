"""The call briefs of a week's plan: one per person on the lists someone calls."""

from __future__ import annotations

import pandas as pd

from passives_lib.config import Config
from passives_lib.core import CALL_LISTS, week_start
from passives_lib.outreach import (
    CallBrief,
    ContactHistory,
    WeekPlan,
    build_briefs,
    fixed_theme_dates,
    question_bank,
)
from passives_lib.pipeline._caller_files import with_contacts


def plan_briefs(
    plan: WeekPlan,
    themes: pd.DataFrame | None,
    history: ContactHistory,
    config: Config,
    contacts: pd.DataFrame | None = None,
) -> dict[str, list[CallBrief]]:
    """A call brief for every person on the call list and the management sample.

    Questions come from the config's question bank (``briefs:``); a theme marked fixed by
    the end of the planned week shows as fixed with its date. No brief offers a voucher or an
    incentive: those go to the incentives list alone. With ``contacts``
    (``LoadedSurvey.contacts``) each brief carries the person's contact details.
    """
    fixes = history.fixed_themes
    if len(fixes):  # a fix after the planned week is not news yet
        end = week_start(plan.week) + pd.Timedelta(days=7)
        fixes = fixes[pd.to_datetime(fixes["fixed_at"]) < end]
    fixed = {} if themes is None else fixed_theme_dates(themes, fixes)
    bank = question_bank(config.briefs)
    lists = plan.lists()
    return {
        name: build_briefs(with_contacts(lists[name], contacts), name, fixed, bank)
        for name in CALL_LISTS
    }
