"""The outreach loop's simulated team: what happened to each contact, kept apart from the ledger.

Shared by the twelve-week loop tests (planner and command line): :class:`Model` is the test's
oracle, :func:`simulate` writes a week's outcomes as a CRM export would.
"""

from __future__ import annotations

import pandas as pd

from passives_lib.core._weeks import week_start


class Model:
    """What the simulation did, kept apart from the ledger (the test's oracle)."""

    def __init__(self) -> None:
        self.contacted: dict[str, pd.Timestamp] = {}
        self.answered: dict[str, pd.Timestamp] = {}
        self.responded: dict[str, pd.Timestamp] = {}
        self.final: set[str] = set()
        self.incentive: set[str] = set()
        self.invited: set[str] = set()
        self.fixes: list[tuple[int, pd.Timestamp]] = []

    def awaiting(self, who: str) -> bool:
        if who in self.final or who not in self.contacted:
            return False
        return not (who in self.answered and self.answered[who] >= self.contacted[who])

    def qualifies(self, who: str, theme_id: int, week: str) -> bool:
        end = week_start(week) + pd.Timedelta(days=7)
        return (
            who in self.responded
            and who not in self.final
            and who not in self.incentive
            and any(t == theme_id and self.responded[who] < at < end for t, at in self.fixes)
        )


def simulate(
    lists: dict[str, pd.DataFrame],
    week: str,
    model: Model,
    rng,
    folder,
    header: str = "respondent_id,status,date",
    date_format: str = "%Y-%m-%d",
) -> str:
    """Outcomes of a week's lists (and of earlier contacts still open), as a CRM export.

    ``header`` and ``date_format`` give the export its own headers and date style.
    """
    monday = week_start(week)
    rows = []
    for name in ("call_list", "management_sample"):
        for who in lists[name]["respondent_id"]:
            model.contacted[who] = monday
    for who in sorted(w for w in model.contacted if model.awaiting(w)):
        draw = rng.random()
        day = monday + pd.Timedelta(days=int(rng.integers(0, 5)))
        if draw < 0.45:
            rows.append((who, "responded", day))
            model.answered[who] = model.responded[who] = day
            if rng.random() < 0.3:
                status = "converted" if rng.random() < 0.5 else "declined"
                rows.append((who, status, day + pd.Timedelta(days=1)))
                model.final.add(who)
        elif draw < 0.6:
            rows.append((who, "no_answer", day))  # still awaiting
        elif draw < 0.7:
            rows.append((who, "declined", day))
            model.answered[who] = day
            model.final.add(who)
    for who in lists["incentives_due"]["respondent_id"]:
        model.incentive.add(who)
        if rng.random() < 0.8:
            rows.append((who, "incentive_sent", monday + pd.Timedelta(days=3)))
    for who in lists["panel_invites"]["respondent_id"]:
        model.invited.add(who)
        if rng.random() < 0.5:
            status = "panel_joined" if rng.random() < 0.5 else "panel_declined"
            rows.append((who, status, monday + pd.Timedelta(days=4)))
    path = folder / f"outcomes-{week}.csv"
    lines = [f"{who},{status},{day.strftime(date_format)}" for who, status, day in rows]
    path.write_text(header + "\n" + "\n".join(lines) + "\n")
    return str(path)
