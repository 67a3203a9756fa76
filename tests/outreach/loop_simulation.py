"""The outreach loop's simulated team: what happened to each contact, kept apart from the ledger.

Shared by the twelve-week loop tests (planner and command line): :class:`Model` is the test's
oracle, :func:`simulate` writes a week's outcomes as a CRM export would.
"""

from __future__ import annotations

import pandas as pd

from passives_lib.core._weeks import week_start


class Model:
    """What the simulation did, kept apart from the ledger (the test's oracle).

    It applies the contact policy's rules on its own: a panel invitation is a contact awaiting
    an answer; a passive who did not pick up is due a retry ``retry_after_days`` after the no
    answer, and given up after ``1 + retries`` contacts in a row without an answer.
    """

    def __init__(self, retries: int = 2, retry_after_days: int = 7) -> None:
        self.retries, self.retry_after_days = retries, retry_after_days
        self.contacted: dict[str, pd.Timestamp] = {}  # the latest contact day
        self.planned: dict[str, dict[str, pd.Timestamp]] = {}  # week -> contact day, per person
        self.no_answers: dict[str, list[pd.Timestamp]] = {}
        self.answered: dict[str, pd.Timestamp] = {}
        self.responded: dict[str, pd.Timestamp] = {}
        self.final: set[str] = set()
        self.incentive: set[str] = set()
        self.invited: set[str] = set()
        self.fixes: list[tuple[int, pd.Timestamp]] = []
        self.ever_contacted: set[str] = set()

    def contact(self, who: str, week: str) -> None:
        """``who`` is on a contact list of ``week`` (a contact on its Monday)."""
        self.planned.setdefault(who, {})[week] = week_start(week)
        self._refresh(who)

    def uncontact(self, who: str, week: str) -> None:
        """A re-plan removed ``who``'s untouched assignment of ``week``."""
        self.planned.get(who, {}).pop(week, None)
        self._refresh(who)

    def no_answer(self, who: str, day: pd.Timestamp) -> None:
        self.no_answers.setdefault(who, []).append(day)
        self._refresh(who)

    def _refresh(self, who: str) -> None:
        days = [*self.planned.get(who, {}).values(), *self.no_answers.get(who, [])]
        if days:
            self.contacted[who] = max(days)
            self.ever_contacted.add(who)
        else:
            self.contacted.pop(who, None)

    def attempts(self, who: str) -> int:
        since = self.answered.get(who, pd.Timestamp.min)
        return sum(day > since for day in self.no_answers.get(who, []))

    def _silent(self, who: str) -> bool:
        missed = self.no_answers.get(who, [])
        return bool(missed) and max(missed) >= self.contacted[who]

    def _open(self, who: str) -> bool:
        if who in self.final or who not in self.contacted:
            return False
        return not (who in self.answered and self.answered[who] >= self.contacted[who])

    def given_up(self, who: str) -> bool:
        return self._open(who) and self._silent(who) and self.attempts(who) >= 1 + self.retries

    def awaiting(self, who: str) -> bool:
        """Contacted, no answer since, not final, not given up (``contacts list --awaiting``)."""
        return self._open(who) and not self.given_up(who)

    def retry_due(self, who: str, week: str) -> bool:
        if not (self.awaiting(who) and self._silent(who)):
            return False
        waited = (week_start(week) - max(self.no_answers[who])).days
        return waited >= self.retry_after_days

    def blocked(self, who: str, week: str) -> bool:
        """Whether the plan of ``week`` may not propose ``who`` for a contact list."""
        if who in self.final or self.given_up(who):
            return True
        return self.awaiting(who) and not self.retry_due(who, week)

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
    for name in ("call_list", "management_sample", "panel_invites"):
        for who in lists[name]["respondent_id"]:
            model.contact(who, week)
    panel = set(lists["panel_invites"]["respondent_id"])
    for who in sorted(w for w in model.contacted if model.awaiting(w) and w not in panel):
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
            rows.append((who, "no_answer", day))  # a retry after the policy's wait
            model.no_answer(who, day)
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
        if rng.random() < 0.5:  # a panel answer answers the invitation
            status = "panel_joined" if rng.random() < 0.5 else "panel_declined"
            rows.append((who, status, monday + pd.Timedelta(days=4)))
            model.answered[who] = monday + pd.Timedelta(days=4)
    path = folder / f"outcomes-{week}.csv"
    lines = [f"{who},{status},{day.strftime(date_format)}" for who, status, day in rows]
    path.write_text(header + "\n" + "\n".join(lines) + "\n")
    return str(path)
