"""The week's outreach plan.

Who is eligible, the call list, the management sample, panel invitations and incentives due,
each passive with a suggested next step. The plan is a pure function of the survey, the
settings and the contact history (assignments, status events and fixed themes read from the
ledger), so the same inputs give the same plan. A week already recorded is planned with its
held assignments (see ``store.ledger._plans``): the recorded lists again, or, on a re-plan,
the worked assignments kept and the room under each cap drawn anew.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from passives_lib.config import PlanSettings
from passives_lib.core import OUTREACH_STATUSES, InvalidParameterError, week_start
from passives_lib.outreach._plan_lists import FRONT_LINE, draw_lists, management_size
from passives_lib.outreach._plan_policy import policy_columns, policy_notes
from passives_lib.outreach._priority import prioritise
from passives_lib.store import aged_out, fix_matches, lifecycle_state
from passives_lib.themes import sentiment

__all__ = ["FRONT_LINE", "ContactHistory", "WeekPlan", "management_size", "plan_week"]


@dataclass
class ContactHistory:
    """What the ledger remembers, as plain tables (empty when there is no ledger yet).

    Attributes
    ----------
    assignments : pandas.DataFrame
        ``week``, ``respondent_id``, ``list``, ``assignee``, ``recorded_at``.
    events : pandas.DataFrame
        ``respondent_id``, ``status``, ``at``.
    fixed_themes : pandas.DataFrame
        ``theme``, ``fixed_at``.
    """

    assignments: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            columns=["week", "respondent_id", "list", "assignee", "recorded_at"]
        )
    )
    events: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["respondent_id", "status", "at"])
    )
    fixed_themes: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["theme", "fixed_at"])
    )


@dataclass
class WeekPlan:
    """The outreach plan for one ISO week.

    Attributes
    ----------
    week : str
        The week planned, e.g. ``2026-W46``.
    pool : pandas.DataFrame
        Eligible passives, prioritised (highest first), with strategy scores, ``priority``,
        ``reason`` and ``next_step``.
    excluded : pandas.DataFrame
        Passives left out and why: ``respondent_id``, ``reason``.
    call_list, management_sample, panel_invites, incentives_due : pandas.DataFrame
        The four lists, each with ``respondent_id``, the strategy scores, ``priority``,
        ``reason``, ``next_step`` and ``assignee``.
    notes : list of str
        Strategies left out, weights, sizes, what the contact policy did.
    aged_out : pandas.DataFrame
        Passives whose answer left the backlog with this week without any contact.
    """

    week: str
    pool: pd.DataFrame
    excluded: pd.DataFrame
    call_list: pd.DataFrame
    management_sample: pd.DataFrame
    panel_invites: pd.DataFrame
    incentives_due: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    aged_out: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def backlog(self) -> pd.DataFrame:
        """Eligible passives on no list this week, by priority: eligible again next week.

        Examples
        --------
        >>> pool = pd.DataFrame({"respondent_id": ["A", "B", "C"], "priority": [0.9, 0.5, 0.1]})
        >>> listed = pool.head(1)
        >>> plan = WeekPlan("2026-W46", pool, pool.head(0), listed, pool.head(0),
        ...                 pool.iloc[[2]], pool.head(0))
        >>> plan.backlog["respondent_id"].tolist()
        ['B']
        """
        listed = set().union(*(set(t["respondent_id"]) for t in self.lists().values()))
        return self.pool[~self.pool["respondent_id"].isin(listed)].reset_index(drop=True)

    def lists(self) -> dict[str, pd.DataFrame]:
        """The four lists by name."""
        return {
            "call_list": self.call_list,
            "management_sample": self.management_sample,
            "panel_invites": self.panel_invites,
            "incentives_due": self.incentives_due,
        }


def plan_week(
    responses: pd.DataFrame,
    settings: PlanSettings,
    week: str | None = None,
    history: ContactHistory | None = None,
    themes: pd.DataFrame | None = None,
    held: pd.DataFrame | None = None,
    draw: bool = True,
) -> WeekPlan:
    """Plan one week's outreach to passives.

    The eligible pool is the backlog: passives who answered the survey in the planned week
    or the ``backlog_weeks - 1`` weeks before, not contacted yet (or due a retry after no
    answer), not awaiting an answer, not converted, declined or do-not-contact (the rules of
    the contact lifecycle, with ``settings.contact_policy``). The management sample
    (``management_share`` of the pool, rounded half up, at most ``management_capacity``) is
    drawn first, then the call list (``capacity``, or split between ``callers``) from the
    rest, then panel invitations
    (``panel_size``) and incentives due (``incentive_capacity``); nobody is on two lists.

    Parameters
    ----------
    responses : pandas.DataFrame
        Classified survey responses (``LoadedSurvey.responses``).
    settings : PlanSettings
        Capacities, profile, managers, backlog, contact policy, ...
    week : str, optional
        ISO week to plan; the latest week in the data by default.
    history : ContactHistory, optional
        Assignments (of other weeks; the week's own are ``held``), status events and fixes.
    themes : pandas.DataFrame, optional
        Per respondent: ``respondent_id``, ``theme_id``, ``theme_label``, ``theme_keywords``
        (list of str) and ``theme_effort``; without it the easy-fix strategy and incentives
        are left out.
    held : pandas.DataFrame, optional
        Assignments the ledger holds for the week (``respondent_id``, ``list``,
        ``assignee``): they stay on their lists and count against each cap.
    draw : bool
        Draw people into the room left under the caps; ``False`` gives the held lists alone
        (a week already recorded).

    Returns
    -------
    WeekPlan
        The plan; nothing is recorded anywhere.
    """
    history = history or ContactHistory()
    weeks = responses["iso_week"].dropna()
    if weeks.empty:
        raise InvalidParameterError(
            "planning needs response dates: the survey has no 'responded_at'"
        )
    week = week or str(weeks.max())
    held = _held(held)
    passives = responses[responses["category"] == "passive"].copy()
    if themes is not None:
        passives = passives.merge(themes, on="respondent_id", how="left")
    passives["sentiment"] = sentiment(passives["comment"].tolist())
    policy = settings.contact_policy
    state = lifecycle_state(history.assignments, history.events, week, policy)
    eligible, excluded = _eligibility(passives, week, settings, state)
    latest = _latest_answers(passives, week)
    on_lists = held[held["list"] != "incentives_due"]
    held_rows = latest[latest["respondent_id"].isin(on_lists["respondent_id"])]
    eligible = eligible[~eligible["respondent_id"].isin(held["respondent_id"])]
    excluded = excluded[~excluded["respondent_id"].isin(held["respondent_id"])]
    pool, notes = prioritise(pd.concat([eligible, held_rows]), settings)
    pool = _backlog_order(pool, week)
    pool = policy_columns(pool, state, week, settings)
    fixed = _theme_fixed(pool, history.fixed_themes, week)
    pool["next_step"] = _next_steps(pool, fixed, settings)
    lists = draw_lists(
        pool, passives, state, history.fixed_themes, settings, week, held, draw, notes
    )
    gone = aged_out(latest, state, week, settings.backlog_weeks)
    missing = sorted(set(held["respondent_id"]) - set(latest["respondent_id"]))
    if missing:
        notes.append(
            f"{len(missing)} assignment(s) recorded for {week} name respondents this export "
            f"does not hold up to {week} (e.g. {missing[0]!r}); they stay in the ledger"
        )
    notes.append(
        f"{len(pool)} eligible passives in {week} (backlog of {settings.backlog_weeks} "
        f"week(s), {int((pool['iso_week'] == week).sum())} from {week}); management sample "
        f"{len(lists['management_sample'])} ({settings.management_share:.0%} of the pool, at "
        f"most {settings.management_capacity}), call list {len(lists['call_list'])} (capacity "
        f"{settings.call_capacity}), panel invitations {len(lists['panel_invites'])} (at most "
        f"{settings.panel_size}), incentives due {len(lists['incentives_due'])} (at most "
        f"{settings.incentive_capacity})"
    )
    plan = WeekPlan(week, pool, excluded, **lists, notes=notes, aged_out=gone)
    contact = [plan.call_list, plan.management_sample, plan.panel_invites]
    notes += policy_notes(week, contact, plan.backlog, len(gone), settings)
    return plan


def _held(held: pd.DataFrame | None) -> pd.DataFrame:
    if held is None:
        return pd.DataFrame(columns=["respondent_id", "list", "assignee"], dtype=object)
    return held[["respondent_id", "list", "assignee"]]


def _latest_answers(passives: pd.DataFrame, week: str) -> pd.DataFrame:
    """Each passive's latest survey answer up to the week."""
    answered = passives[passives["iso_week"] <= week].sort_values("responded_at", kind="stable")
    return answered.drop_duplicates("respondent_id", keep="last")


def _eligibility(
    passives: pd.DataFrame, week: str, settings: PlanSettings, state: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    reason = pd.Series("", index=passives.index, dtype=object)

    def exclude(mask: pd.Series, text: pd.Series | str) -> None:
        open_rows = mask & (reason == "")
        reason[open_rows] = text[open_rows] if isinstance(text, pd.Series) else text

    responded_in = passives["iso_week"].fillna("unknown week").astype(str)
    exclude(passives["iso_week"].isna(), "no response date")
    exclude(passives["iso_week"] > week, "response after " + week)
    oldest = week_start(week) - pd.Timedelta(weeks=settings.backlog_weeks - 1)
    exclude(
        passives["responded_at"] < oldest,
        f"response older than the {settings.backlog_weeks}-week backlog (responded in "
        + responded_in
        + ")",
    )
    planned = passives[passives["iso_week"] <= week].sort_values("responded_at", kind="stable")
    later = planned.duplicated("respondent_id", keep="last")
    exclude(
        passives.index.isin(planned.index[later]),
        "answered the survey again later (the latest answer is planned)",
    )
    if "contact_status" in passives:
        status = passives["contact_status"]
        exclude(status.isin(OUTREACH_STATUSES), "contacted (export), awaiting response")
        exclude(status == "converted", "already converted (export)")
        exclude(status == "declined", "declined contact (export)")
    known = state.set_index("respondent_id").reindex(passives["respondent_id"])
    known.index = passives.index
    exclude(known["do_not_contact"].eq(True), "asked not to be contacted (do_not_contact)")
    exclude(known["final"].eq(True), "already " + known["stage"].astype(str))
    exclude(
        known["given_up"].eq(True),
        f"no answer to {settings.contact_policy.max_attempts} contact(s): given up "
        "(plan.contact_policy.retries)",
    )
    retry_in = (
        known["last_contact_at"] + pd.Timedelta(days=settings.contact_policy.retry_after_days)
    ).dt.strftime("%Y-%m-%d")
    exclude(
        known["awaiting_response"].eq(True)
        & known["attempts"].gt(0)
        & ~known["retry_due"].eq(True),
        "no answer on "
        + known["last_contact_at"].dt.strftime("%Y-%m-%d").fillna("")
        + "; retry from "
        + retry_in.fillna(""),
    )
    exclude(
        known["awaiting_response"].eq(True) & ~known["retry_due"].eq(True),
        "contacted on "
        + known["last_contact_at"].dt.strftime("%Y-%m-%d").fillna("")
        + ", awaiting response",
    )
    answered = known["last_answer_at"]
    recent = answered.notna() & (
        (week_start(week) - answered).dt.days < settings.recontact_after_days
    )
    exclude(
        recent,
        "answered a contact on "
        + answered.dt.strftime("%Y-%m-%d").fillna("")
        + f"; due again after {settings.recontact_after_days} days",
    )
    excluded = pd.DataFrame(
        {
            "respondent_id": passives.loc[reason != "", "respondent_id"],
            "reason": reason[reason != ""],
        }
    )
    return passives[reason == ""], excluded.reset_index(drop=True)


def _backlog_order(pool: pd.DataFrame, week: str) -> pd.DataFrame:
    """``days_uncontacted`` (to the planned week's Sunday), this week's answers first on ties."""
    sunday = week_start(week) + pd.Timedelta(days=6)
    pool = pool.assign(
        days_uncontacted=(sunday - pd.to_datetime(pool["responded_at"]).dt.normalize()).dt.days,
        _this_week=pool["iso_week"] == week,
    )
    pool = pool.sort_values(
        ["priority", "_this_week", "respondent_id"], ascending=[False, False, True], kind="stable"
    )
    return pool.drop(columns="_this_week").reset_index(drop=True)


def _theme_fixed(frame: pd.DataFrame, fixes: pd.DataFrame, week: str) -> pd.Series:
    """Whether each passive's theme was marked fixed by the end of the planned week."""
    result = pd.Series(False, index=frame.index)
    if fixes.empty or "theme_label" not in frame or frame.empty:
        return result
    end = week_start(week) + pd.Timedelta(days=7)
    fixes = fixes[pd.to_datetime(fixes["fixed_at"]) < end]
    for index, passive in frame.iterrows():
        result[index] = any(
            fix_matches(theme, passive.get("theme_id"), passive["theme_label"])
            for theme in fixes["theme"]
        )
    return result


def _next_steps(pool: pd.DataFrame, fixed: pd.Series, settings: PlanSettings) -> pd.Series:
    """Suggested next step per passive, first rule that applies.

    1. their theme was marked fixed (by the end of the week): say what changed and when, and
       ask whether the fix reached them (no incentive: that is the incentives list's);
    2. their theme is a low-effort fix not fixed yet: fix it and call back;
    3. testimonial score >= 0.6: panel invitation and testimonial;
    4. lifetime value in the top 20% of the pool: targeted offer;
    5. engagement score >= 0.5 (usage falling or features unused): usage check-in;
    6. otherwise: hear their story (no voucher).
    """

    def column(name: str) -> pd.Series:
        return pool[name] if name in pool else pd.Series(np.nan, index=pool.index)

    conditions = [
        fixed,
        column("theme_effort") == "low",
        column("strategy_testimonial") >= 0.6,
        column("strategy_value") >= 0.8,
        column("strategy_engagement") >= 0.5,
    ]
    keys = ["fix_reached", "fix_and_follow_up", "panel", "targeted_offer", "usage_check_in"]
    texts = np.select(
        [c.fillna(False).to_numpy(bool) for c in conditions],
        [settings.step_text(k) for k in keys],
        settings.step_text("hear_story"),
    )
    return pd.Series(texts, index=pool.index)
