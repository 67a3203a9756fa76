"""Whom to contact: priorities, the week's plan over the contact history, the explorer."""

from passives_lib.outreach._explorer import PassivesExplorer
from passives_lib.outreach._plan import ContactHistory, WeekPlan, plan_week
from passives_lib.outreach._priority import prioritise

__all__ = [
    "ContactHistory",
    "PassivesExplorer",
    "WeekPlan",
    "plan_week",
    "prioritise",
]
