"""The week's outreach plan.

Who is eligible, the call list, the management sample, panel invitations and incentives due,
each passive with a suggested next step. The plan is a pure function of the survey, the
settings and the contact history (assignments, status events and fixed themes read from the
ledger), so the same inputs give the same plan, and re-planning a week that was already
recorded gives the same lists again.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from passives_lib.core import OUTREACH_STATUSES, InvalidParameterError, PlanSettings, week_start
from passives_lib.outreach._priority import prioritise, word_counts
from passives_lib.store import fix_matches, incentive_due, lifecycle_state
from passives_lib.themes import sentiment

FRONT_LINE = "front-line team"


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
        Strategies left out, weights, sizes.
    """

    week: str
    pool: pd.DataFrame
    excluded: pd.DataFrame
    call_list: pd.DataFrame
    management_sample: pd.DataFrame
    panel_invites: pd.DataFrame
    incentives_due: pd.DataFrame
    notes: list[str] = field(default_factory=list)

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
) -> WeekPlan:
    """Plan one week's outreach to passives.

    The eligible pool is the backlog: passives who answered the survey in the planned week
    or the ``backlog_weeks - 1`` weeks before, not contacted yet, not awaiting an answer, not
    converted or declined (the rules of the contact lifecycle). The management sample
    (``management_share`` of the pool, rounded half up, at most ``management_capacity``) is
    drawn first, then the call list (``capacity``) from the rest, then panel invitations
    (``panel_size``) and incentives due (``incentive_capacity``); nobody is on two lists.

    Parameters
    ----------
    responses : pandas.DataFrame
        Classified survey responses (``LoadedSurvey.responses``).
    settings : PlanSettings
        Capacities, profile, managers, backlog, ...
    week : str, optional
        ISO week to plan; the latest week in the data by default.
    history : ContactHistory, optional
        Earlier assignments, status events and fixed themes.
    themes : pandas.DataFrame, optional
        Per respondent: ``respondent_id``, ``theme_id``, ``theme_label``, ``theme_keywords``
        (list of str) and ``theme_effort``; without it the easy-fix strategy and incentives
        are left out.

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
    passives = responses[responses["category"] == "passive"].copy()
    if themes is not None:
        passives = passives.merge(themes, on="respondent_id", how="left")
    passives["sentiment"] = sentiment(passives["comment"].tolist())
    state = lifecycle_state(history.assignments, history.events, before_week=week)
    eligible, excluded = _eligibility(passives, week, settings, state)
    pool, notes = prioritise(eligible, settings)
    pool = _backlog_order(pool, week)
    fixed = _fixed_since_survey(pool, history.fixed_themes, week)
    pool["next_step"] = _next_steps(pool, fixed, settings)

    management = _management_sample(pool, week, settings)
    taken = set(management["respondent_id"])
    call_list = pool[~pool["respondent_id"].isin(taken)].head(settings.capacity)
    call_list = call_list.assign(assignee=FRONT_LINE)
    taken |= set(call_list["respondent_id"])
    invited = set(state.loc[state["panel_invited"], "respondent_id"])
    panel = _panel_invites(pool[~pool["respondent_id"].isin(taken | invited)], settings)
    taken |= set(panel["respondent_id"])
    incentives = _incentives_due(passives, state, history, settings, week, taken)
    notes.append(
        f"{len(pool)} eligible passives in {week} (backlog of {settings.backlog_weeks} "
        f"week(s), {int((pool['iso_week'] == week).sum())} from {week}); management sample "
        f"{len(management)} ({settings.management_share:.0%} of the pool, at most "
        f"{settings.management_capacity}), call list {len(call_list)} (capacity "
        f"{settings.capacity}), panel invitations {len(panel)} (at most {settings.panel_size}),"
        f" incentives due {len(incentives)} (at most {settings.incentive_capacity})"
    )
    return WeekPlan(week, pool, excluded, call_list, management, panel, incentives, notes)


def management_size(pool_size: int, settings: PlanSettings) -> int:
    """The management sample's size: ``management_share`` of the pool, rounded half up.

    Parameters
    ----------
    pool_size : int
        Eligible passives.
    settings : PlanSettings
        ``management_share`` and ``management_capacity``.

    Returns
    -------
    int
        At most ``management_capacity``.

    Examples
    --------
    >>> management_size(39, PlanSettings()), management_size(15, PlanSettings())
    (4, 2)
    """
    share = round(float(settings.management_share) * pool_size, 9)
    return min(int(np.floor(share + 0.5)), settings.management_capacity, pool_size)


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
    exclude(known["final"].eq(True), "already " + known["stage"].astype(str))
    exclude(
        known["awaiting_response"].eq(True),
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


def _fixed_since_survey(frame: pd.DataFrame, fixes: pd.DataFrame, week: str) -> pd.Series:
    """Whether each passive's theme was marked fixed after their survey answer."""
    result = pd.Series(False, index=frame.index)
    if fixes.empty or "theme_label" not in frame or frame.empty:
        return result
    end = week_start(week) + pd.Timedelta(days=7)
    fixes = fixes.assign(fixed_at=pd.to_datetime(fixes["fixed_at"]))
    fixes = fixes[fixes["fixed_at"] < end]
    for index, passive in frame.iterrows():
        result[index] = any(
            fixed_at > passive["responded_at"]
            and fix_matches(theme, passive.get("theme_id"), passive["theme_label"])
            for theme, fixed_at in zip(fixes["theme"], fixes["fixed_at"], strict=True)
        )
    return result


def _next_steps(pool: pd.DataFrame, fixed: pd.Series, settings: PlanSettings) -> pd.Series:
    """Suggested next step per passive, first rule that applies.

    1. their theme was fixed since they answered: thank-you saying what changed, incentive;
    2. their theme is a low-effort fix: fix it and call back;
    3. testimonial score >= 0.6: panel invitation and testimonial;
    4. lifetime value in the top 20% of the pool: targeted offer;
    5. engagement score >= 0.5 (usage falling or features unused): usage check-in;
    6. otherwise: hear their story, voucher for the next purchase.
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
    keys = ["thank_you", "fix_and_follow_up", "panel", "targeted_offer", "usage_check_in"]
    texts = np.select(
        [c.fillna(False).to_numpy(bool) for c in conditions],
        [settings.step_text(k) for k in keys],
        settings.step_text("voucher"),
    )
    return pd.Series(texts, index=pool.index)


def _stable_seed(week: str, random_state: int) -> int:
    return (zlib.crc32(week.encode()) + random_state) % (2**32)


def _management_sample(pool: pd.DataFrame, week: str, settings: PlanSettings) -> pd.DataFrame:
    """A reproducible sample spread across segments and leans, managers assigned in turn.

    Its size is :func:`management_size` of the eligible pool, drawn from the whole pool
    before the call list takes its share. Each segment-and-lean stratum gets a share of the
    sample proportional to its size (largest remainders), and is sampled at random, so the
    sample is not only the top scores.
    """
    target = management_size(len(pool), settings)
    if target == 0:
        return pool.iloc[:0].assign(assignee=pd.Series(dtype=object))
    rng = np.random.default_rng(_stable_seed(week, settings.random_state))
    strata = pool.assign(stratum=pool["segment"].astype(str) + " | " + pool["lean"].astype(str))
    sizes = strata.groupby("stratum").size().sort_index()
    quota = sizes / sizes.sum() * target
    allocated = np.floor(quota).astype(int)
    remainder = (quota - allocated).sort_values(ascending=False, kind="stable")
    for stratum in remainder.index[: target - allocated.sum()]:
        allocated[stratum] += 1
    chosen = []
    for stratum, count in allocated.items():
        members = strata[strata["stratum"] == stratum].sort_values("respondent_id")
        if count:
            chosen.append(members.iloc[np.sort(rng.choice(len(members), count, replace=False))])
    sample = pd.concat(chosen).sort_values(["segment", "lean", "respondent_id"])
    sample = sample.drop(columns="stratum").reset_index(drop=True)
    sample["assignee"] = [settings.managers[i % len(settings.managers)] for i in range(len(sample))]
    return sample


def _panel_invites(candidates: pd.DataFrame, settings: PlanSettings) -> pd.DataFrame:
    """Passives suited to a customer panel: engaged, balanced and articulate.

    Articulate: a comment of at least eight words; balanced: VADER sentiment between -0.2 and
    0.8 (neither a rant nor pure praise); engaged: engagement score below 0.5 where usage is
    known. Ranked by testimonial score, then priority; at most ``panel_size``.
    """
    words = word_counts(candidates["comment"])
    suited = (words >= 8) & candidates["sentiment"].between(-0.2, 0.8)
    if "strategy_engagement" in candidates:
        suited &= candidates["strategy_engagement"] < 0.5
    invites = candidates[suited].sort_values(
        ["strategy_testimonial", "priority", "respondent_id"],
        ascending=[False, False, True],
        kind="stable",
    )
    return invites.head(settings.panel_size).assign(assignee="customer panel team")


def _incentives_due(
    passives: pd.DataFrame,
    state: pd.DataFrame,
    history: ContactHistory,
    settings: PlanSettings,
    week: str,
    taken: set,
) -> pd.DataFrame:
    """Who is due an incentive, not on another list; at most ``incentive_capacity``."""
    candidates = passives[passives["iso_week"] <= week]
    candidates = candidates.sort_values("responded_at", kind="stable").drop_duplicates(
        "respondent_id", keep="last"
    )
    due = incentive_due(candidates, state, history.fixed_themes, week)
    due &= ~candidates["respondent_id"].isin(taken)
    ranked, _ = prioritise(candidates[due], settings)
    ranked = ranked.head(settings.incentive_capacity)
    return ranked.assign(
        next_step=settings.step_text("thank_you"),
        reason="'"
        + ranked.get("theme_label", pd.Series("", index=ranked.index)).astype(str)
        + "' was fixed after they answered",
        assignee=FRONT_LINE,
    )
