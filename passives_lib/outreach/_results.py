"""Outreach results: what came of the weeks' contacts, and whether contacting passives moved them.

A pure function of the ledger's tables and the survey (:func:`outreach_results`). Each person
counts in the week of their first contact-list assignment (their cohort); what happened to them
since, up to the end of the report week, is their result:

- ``assigned``: people first put on a contact list that week (``retries``: people of earlier
  weeks put on a list again after no answer);
- ``reached``: a ``contacted`` event or any answer since; ``answered``: an answer (responded,
  converted, declined, a panel answer); ``converted``, ``declined``, ``do_not_contact``;
- ``no_answer``: a ``no_answer`` event and no answer since;
- ``aged_out``: passives whose answer left the backlog with the week without any contact;
- ``median_days_to_first_contact``: from the survey answer to the first event recorded.

The effect compares the *next survey score* of passives reached after their answer with that
of comparable passives never contacted: the same lean, segment and survey week (exact strata,
weighted by the contacted ones). It gives a 95% interval (normal approximation) and the two
counts, and no estimate, saying why, when fewer than ``min_n`` of either have a later score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from passives_lib.core import CONTACT_LISTS, DO_NOT_CONTACT, week_start
from passives_lib.store import ANSWER_STATUSES, aged_out, lifecycle_state

__all__ = ["RESULT_COLUMNS", "OutreachResults", "outreach_results"]

RESULT_COLUMNS = [
    "week",
    "assigned",
    "retries",
    "reached",
    "answered",
    "converted",
    "declined",
    "do_not_contact",
    "no_answer",
    "aged_out",
    "median_days_to_first_contact",
]
_COUNTS = RESULT_COLUMNS[1:-1]
_REACHED = ("contacted", *ANSWER_STATUSES)
MIN_N = 10


@dataclass(frozen=True)
class OutreachResults:
    """Outreach results per week and to date, and the effect estimate.

    Attributes
    ----------
    weekly : pandas.DataFrame
        One row per planned week, columns :data:`RESULT_COLUMNS`.
    to_date : dict
        The counts summed over the weeks, and the median days to first contact of everyone.
    effect : dict
        ``estimate`` (NPS points of next score, contacted minus comparable; None when too
        few), ``low`` and ``high`` (95% interval), ``n_contacted``, ``n_comparable``,
        ``strata``, ``min_n`` and ``text`` (one sentence, honest when too few).
    """

    weekly: pd.DataFrame
    to_date: dict[str, Any]
    effect: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        """The results as plain JSON values (``report.json``'s ``outreach_results``)."""
        weeks = self.weekly.astype(object).where(self.weekly.notna(), None)
        return {
            "weeks": [_plain(row) for row in weeks.to_dict(orient="records")],
            "to_date": _plain(self.to_date),
            "effect": _plain(self.effect),
        }


def outreach_results(
    assignments: pd.DataFrame,
    events: pd.DataFrame,
    responses: pd.DataFrame,
    through_week: str,
    backlog_weeks: int = 4,
    min_n: int = MIN_N,
) -> OutreachResults:
    """Outreach results of every planned week up to ``through_week``, and the effect.

    Parameters
    ----------
    assignments : pandas.DataFrame
        The ledger's assignments: ``week``, ``respondent_id``, ``list``.
    events : pandas.DataFrame
        The ledger's status events: ``respondent_id``, ``status``, ``at``.
    responses : pandas.DataFrame
        Classified survey responses: ``respondent_id``, ``score``, ``category``,
        ``responded_at``, ``iso_week``, ``lean`` and ``segment``.
    through_week : str
        The report week: later assignments and events are left out.
    backlog_weeks : int
        Weeks in the backlog (``plan.backlog_weeks``), for the aged-out counts.
    min_n : int
        The fewest contacted and comparable passives with a later score for an estimate.

    Returns
    -------
    OutreachResults
        Per week, to date and the effect.

    Examples
    --------
    >>> none = pd.DataFrame(columns=["week", "respondent_id", "list"])
    >>> quiet = pd.DataFrame(columns=["respondent_id", "status", "at"])
    >>> answers = pd.DataFrame(columns=["respondent_id", "score", "category", "responded_at",
    ...                                 "iso_week", "lean", "segment"])
    >>> outreach_results(none, quiet, answers, "2026-W27").to_date["assigned"]
    0
    """
    end = week_start(through_week) + pd.Timedelta(days=7)
    assignments = assignments[assignments["week"] <= through_week]
    events = events.assign(at=pd.to_datetime(events["at"]))
    events = events[events["at"] < end]
    passives = responses[responses["category"] == "passive"]
    contact = assignments[assignments["list"].isin(CONTACT_LISTS)]
    cohort = contact.groupby("respondent_id")["week"].min() if len(contact) else pd.Series()
    weeks = sorted(set(assignments["week"]))
    people = _people(cohort, events, passives)
    rows = []
    for week in weeks:
        mine = people[people["week"] == week]
        again = contact[(contact["week"] == week) & (contact["respondent_id"].map(cohort) < week)]
        row = {
            "week": week,
            "assigned": len(mine),
            "retries": int(again["respondent_id"].nunique()),
        }
        row |= {name: int(mine[name].sum()) for name in _COUNTS[2:-1]}
        row["aged_out"] = _aged_out(assignments, events, passives, week, backlog_weeks)
        row["median_days_to_first_contact"] = _median(mine["days_to_first_contact"])
        rows.append(row)
    weekly = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    to_date: dict[str, Any] = {"weeks": len(weeks), "through_week": through_week}
    to_date |= {name: int(weekly[name].sum()) for name in _COUNTS}
    to_date["median_days_to_first_contact"] = _median(people["days_to_first_contact"])
    effect = contact_effect(responses, events, contact, min_n)
    return OutreachResults(weekly, to_date, effect)


def _people(cohort: pd.Series, events: pd.DataFrame, passives: pd.DataFrame) -> pd.DataFrame:
    """One row per person contacted: cohort week, what happened since, days to first event."""
    frame = pd.DataFrame({"respondent_id": cohort.index, "week": cohort.to_numpy()})
    frame["start"] = pd.to_datetime(pd.Series([week_start(w) for w in frame["week"]], dtype=object))
    later = events.merge(frame[["respondent_id", "start"]], on="respondent_id")
    later = later[later["at"].dt.normalize() >= later["start"]]
    statuses = later.groupby("respondent_id")["status"].agg(set)
    got = frame["respondent_id"].map(statuses).apply(lambda s: s if isinstance(s, set) else set())
    frame["reached"] = got.apply(lambda s: bool(s & set(_REACHED)))
    frame["answered"] = got.apply(lambda s: bool(s & set(ANSWER_STATUSES)))
    frame["converted"] = got.apply(lambda s: "converted" in s)
    frame["declined"] = got.apply(lambda s: "declined" in s)
    frame["do_not_contact"] = got.apply(lambda s: DO_NOT_CONTACT in s)
    frame["no_answer"] = got.apply(lambda s: "no_answer" in s) & ~frame["answered"]
    first = later.groupby("respondent_id")["at"].min()
    answered = passives.assign(responded_at=pd.to_datetime(passives["responded_at"]))
    answered = answered.sort_values("responded_at", kind="stable")
    merged = frame[["respondent_id", "start"]].merge(
        answered[["respondent_id", "responded_at"]], on="respondent_id", how="left"
    )
    merged = merged[merged["responded_at"] < merged["start"] + pd.Timedelta(days=7)]
    survey = merged.drop_duplicates("respondent_id", keep="last").set_index("respondent_id")
    days = (
        frame["respondent_id"].map(first).dt.normalize()
        - frame["respondent_id"].map(survey["responded_at"]).dt.normalize()
    ).dt.days
    frame["days_to_first_contact"] = days
    return frame


def _aged_out(
    assignments: pd.DataFrame,
    events: pd.DataFrame,
    passives: pd.DataFrame,
    week: str,
    backlog_weeks: int,
) -> int:
    state = lifecycle_state(assignments[assignments["week"] <= week], events)
    answered = passives[passives["iso_week"] <= week].sort_values("responded_at", kind="stable")
    latest = answered.drop_duplicates("respondent_id", keep="last")
    return len(aged_out(latest, state, week, backlog_weeks))


def _median(values: pd.Series) -> float | None:
    values = pd.to_numeric(values, errors="coerce").dropna()
    return None if values.empty else float(values.median())


def contact_effect(
    responses: pd.DataFrame, events: pd.DataFrame, contact: pd.DataFrame, min_n: int = MIN_N
) -> dict[str, Any]:
    """The next survey score of contacted passives against comparable ones not contacted.

    Parameters
    ----------
    responses : pandas.DataFrame
        ``respondent_id``, ``score``, ``category``, ``responded_at``, ``iso_week``, ``lean``,
        ``segment``.
    events : pandas.DataFrame
        ``respondent_id``, ``status``, ``at``.
    contact : pandas.DataFrame
        Contact-list assignments (``respondent_id``): who was ever contacted.
    min_n : int
        The fewest of each group for an estimate.

    Returns
    -------
    dict
        See :attr:`OutreachResults.effect`; the estimate is the difference in mean next
        score (0-10 points), stratum by stratum, weighted by the contacted.
    """
    effect: dict[str, Any] = {"estimate": None, "low": None, "high": None, "min_n": min_n}
    answers = responses.assign(responded_at=pd.to_datetime(responses["responded_at"]))
    answers = answers.sort_values(["respondent_id", "responded_at"], kind="stable")
    nxt = answers.groupby("respondent_id")[["score", "responded_at"]].shift(-1)
    answers = answers.assign(next_score=nxt["score"], next_at=nxt["responded_at"])
    base = answers[(answers["category"] == "passive") & answers["next_score"].notna()]
    reached = events[events["status"].isin(_REACHED)]
    first_reach = reached.groupby("respondent_id")["at"].min()
    touched = set(contact["respondent_id"]) | set(events["respondent_id"])
    when = base["respondent_id"].map(first_reach)
    treated = base[(when > base["responded_at"]) & (when < base["next_at"])]
    control = base[~base["respondent_id"].isin(touched)]
    keys = ["lean", "segment", "iso_week"]
    strata = treated.groupby(keys, dropna=False)["next_score"].agg(["mean", "var", "count"])
    others = control.groupby(keys, dropna=False)["next_score"].agg(["mean", "var", "count"])
    both = strata.join(others, lsuffix="_t", rsuffix="_c", how="inner")
    n_t, n_c = int(both["count_t"].sum()), int(both["count_c"].sum())
    effect |= {"n_contacted": n_t, "n_comparable": n_c, "strata": len(both)}
    if n_t < min_n or n_c < min_n:
        effect["text"] = (
            f"too few to tell whether contacting passives moved their next score: {n_t} "
            f"contacted and {n_c} comparable passives (same lean, segment and week) answered "
            f"the survey again; at least {min_n} of each are needed"
        )
        return effect
    pooled = float(pd.concat([treated["next_score"], control["next_score"]]).var(ddof=1))
    weights = both["count_t"] / n_t
    diff = float((weights * (both["mean_t"] - both["mean_c"])).sum())
    var_t = both["var_t"].fillna(pooled).where(both["count_t"] > 1, pooled)
    var_c = both["var_c"].fillna(pooled).where(both["count_c"] > 1, pooled)
    se = float(np.sqrt((weights**2 * (var_t / both["count_t"] + var_c / both["count_c"])).sum()))
    low, high = diff - 1.96 * se, diff + 1.96 * se
    effect |= {"estimate": round(diff, 3), "low": round(low, 3), "high": round(high, 3)}
    verdict = "no clear difference" if low <= 0 <= high else ("higher" if diff > 0 else "lower")
    effect["text"] = (
        f"contacted passives' next score: {diff:+.2f} points against comparable passives not "
        f"contacted (95% interval {low:+.2f} to {high:+.2f}; {n_t} contacted, {n_c} "
        f"comparable, {len(both)} strata of lean, segment and week): {verdict}"
    )
    return effect


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, float) and np.isnan(value):
        return None
    return value
