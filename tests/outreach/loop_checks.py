"""Checks of the twelve-week CLI loop that read the week's lists and the ledger."""

from __future__ import annotations

import pandas as pd

from passives_lib.core._weeks import week_start
from passives_lib.store.ledger._ledger import ContactLedger
from tests.outreach.loop_simulation import Model

LISTS = ("call_list", "management_sample", "panel_invites", "incentives_due")


def check_backlog(week: str, files, model: Model, last_backlog: set, responded_at: dict) -> None:
    """The backlog comes back until contacted or older than the 4-week backlog."""
    oldest = week_start(week) - pd.Timedelta(weeks=3)
    kept = {w for w in last_backlog if w not in model.contacted and responded_at[w] >= oldest}
    everyone = set().union(*(set(files[n]["respondent_id"]) for n in (*LISTS[:3], "backlog")))
    assert kept <= everyone, (week, kept - everyone)
    backlog = files["backlog"]
    assert (pd.to_numeric(backlog["days_uncontacted"]) >= 0).all()
    assert pd.to_numeric(backlog["priority"]).is_monotonic_decreasing


def check_ledger(week: str, files, ledger: str) -> None:
    """The ledger holds exactly the week's lists."""
    with ContactLedger(ledger) as store:
        recorded = store.assignments()
    recorded = recorded[recorded["week"] == week]
    for name in LISTS:
        members = set(recorded.loc[recorded["list"] == name, "respondent_id"])
        assert members == set(files[name]["respondent_id"]), (week, name)
