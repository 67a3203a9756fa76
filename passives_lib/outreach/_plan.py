"""The week's outreach plan.

Who is eligible, the call list, the management sample, panel invitations and incentives due,
each passive with a suggested next step. The plan is a pure function of the survey, the
settings and the contact history (assignments, status events and fixed themes read from the
ledger), so the same inputs give the same plan, and re-planning a week that was already
recorded gives the same lists again.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from passives_lib.core._plan_settings import PlanSettings
from passives_lib.core._vocabulary import CLOSING_STATUSES, CONTACT_LISTS
from passives_lib.core._weeks import week_start
from passives_lib.outreach._priority import prioritise, word_counts
from passives_lib.themes._sentiment import sentiment

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

    Parameters
    ----------
    responses : pandas.DataFrame
        Classified survey responses (``LoadedSurvey.responses``).
    settings : PlanSettings
        Capacity, profile, managers, ...
    week : str, optional
        ISO week to plan; the latest week in the data by default.
    history : ContactHistory, optional
        Earlier assignments, status events and fixed themes.
    themes : pandas.DataFrame, optional
        Per respondent: ``respondent_id``, ``theme_id``, ``theme_label``, ``theme_keywords``
        (list of str) and ``theme_effort``; without it the easy-fix strategy is left out.

    Returns
    -------
    WeekPlan
        The plan; nothing is recorded anywhere.
    """
    history = history or ContactHistory()
    weeks = responses["iso_week"].dropna()
    if weeks.empty:
        raise ValueError("planning needs response dates: the survey has no 'responded_at'")
    week = week or str(weeks.max())
    passives = responses[responses["category"] == "passive"].copy()
    if themes is not None:
        passives = passives.merge(themes, on="respondent_id", how="left")
    passives["sentiment"] = sentiment(passives["comment"].tolist())
    eligible, excluded = _eligibility(passives, week, settings, history)
    pool, notes = prioritise(eligible, settings)
    fixed = _fixed_since_response(pool, history.fixed_themes)
    pool["next_step"] = _next_steps(pool, fixed, settings)

    call_list = pool.head(settings.capacity).assign(assignee=FRONT_LINE)
    rest = pool.iloc[len(call_list) :]
    management = _management_sample(rest, len(pool), week, settings)
    contacted = set(call_list["respondent_id"]) | set(management["respondent_id"])
    panel = _panel_invites(pool[~pool["respondent_id"].isin(contacted)], settings)
    incentives = _incentives_due(passives, history, settings, week)
    notes.append(
        f"{len(pool)} eligible passives in {week}; call list {len(call_list)} "
        f"(capacity {settings.capacity}), management sample {len(management)} "
        f"({settings.management_share:.0%}), panel invitations {len(panel)}, "
        f"incentives due {len(incentives)}"
    )
    return WeekPlan(week, pool, excluded, call_list, management, panel, incentives, notes)


def _eligibility(
    passives: pd.DataFrame, week: str, settings: PlanSettings, history: ContactHistory
) -> tuple[pd.DataFrame, pd.DataFrame]:
    reason = pd.Series("", index=passives.index, dtype=object)

    def exclude(mask: pd.Series, text: pd.Series | str) -> None:
        open_rows = mask & (reason == "")
        reason[open_rows] = text[open_rows] if isinstance(text, pd.Series) else text

    exclude(
        passives["iso_week"] != week,
        "response not in "
        + week
        + " (responded in "
        + passives["iso_week"].fillna("unknown week").astype(str)
        + ")",
    )
    if "contact_status" in passives:
        status = passives["contact_status"]
        exclude(status.isin(["contacted", "no_answer"]), "contacted (export), awaiting response")
        exclude(status == "converted", "already converted (export)")
        exclude(status == "declined", "declined contact (export)")
    awaiting, answered_at = _contact_history(history, week)
    on_list = passives["respondent_id"].map(awaiting)
    exclude(
        on_list.notna(),
        "on an earlier outreach list (" + on_list.fillna("").astype(str) + "), awaiting response",
    )
    last_answer = pd.to_datetime(passives["respondent_id"].map(answered_at))
    recent = last_answer.notna() & (
        (week_start(week) - last_answer).dt.days < settings.recontact_after_days
    )
    exclude(
        recent,
        "answered a contact on "
        + last_answer.dt.strftime("%Y-%m-%d").fillna("")
        + f"; due again after {settings.recontact_after_days} days",
    )
    excluded = pd.DataFrame(
        {
            "respondent_id": passives.loc[reason != "", "respondent_id"],
            "reason": reason[reason != ""],
        }
    )
    return passives[reason == ""], excluded.reset_index(drop=True)


def _contact_history(history: ContactHistory, week: str) -> tuple[dict, dict]:
    """Who is awaiting a response to an earlier week's outreach, and when each last answered."""
    assignments = history.assignments
    outreach = assignments[
        assignments["list"].isin(CONTACT_LISTS) & (assignments["week"] < week)
    ].copy()
    events = history.events.copy()
    events["at"] = pd.to_datetime(events["at"])
    closing = events[events["status"].isin(CLOSING_STATUSES)]
    answered_at = closing.groupby("respondent_id")["at"].max().to_dict()
    awaiting = {}
    if not outreach.empty:
        outreach["start"] = outreach["week"].map(week_start)
        latest = outreach.sort_values(["start", "list"]).groupby("respondent_id").last()
        for respondent, row in latest.iterrows():
            answered = answered_at.get(respondent)
            if answered is None or answered < row["start"]:
                awaiting[respondent] = f"{row['list']} of {row['week']}"
    return awaiting, answered_at


def theme_matches(fixed_theme: str, label: object, keywords: object) -> bool:
    """Whether a theme named when it was marked fixed is this theme.

    It is when the name equals the theme's label (case-insensitive) or when every word of
    the name appears in the theme's label or keywords ("tracking email" matches the theme
    "tracking / email / order").
    """
    name = str(fixed_theme).strip().lower()
    if not name:
        return False
    if name == str(label).strip().lower():
        return True
    vocabulary = set(re.findall(r"\w+", " ".join([str(label), *map(str, keywords or [])]).lower()))
    return set(re.findall(r"\w+", name)) <= vocabulary


def _fixed_since_response(frame: pd.DataFrame, fixed_themes: pd.DataFrame) -> pd.Series:
    """Whether each passive's theme was marked fixed after they responded."""
    result = pd.Series(False, index=frame.index)
    if fixed_themes.empty or "theme_label" not in frame or frame.empty:
        return result
    fixes = fixed_themes.assign(fixed_at=pd.to_datetime(fixed_themes["fixed_at"]))
    for index, passive in frame.iterrows():
        keywords = passive.get("theme_keywords")
        keywords = keywords if isinstance(keywords, list) else []
        for _, fix in fixes.iterrows():
            if fix["fixed_at"] > passive["responded_at"] and theme_matches(
                fix["theme"], passive["theme_label"], keywords
            ):
                result[index] = True
                break
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


def _management_sample(
    rest: pd.DataFrame, pool_size: int, week: str, settings: PlanSettings
) -> pd.DataFrame:
    """A reproducible sample spread across segments and leans, managers assigned in turn.

    Its size is ``management_share`` of the eligible pool (at least one when the share is
    above zero), drawn from those not on the call list. Each segment-and-lean stratum gets a
    share of the sample proportional to its size (largest remainders), and is sampled at
    random, so the sample is not only the top scores.
    """
    target = min(
        len(rest),
        max(
            int(round(settings.management_share * pool_size)),
            1 if settings.management_share > 0 and pool_size else 0,
        ),
    )
    if target == 0:
        return rest.iloc[:0].assign(assignee=pd.Series(dtype=object))
    rng = np.random.default_rng(_stable_seed(week, settings.random_state))
    strata = rest.assign(stratum=rest["segment"].astype(str) + " | " + rest["lean"].astype(str))
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
    passives: pd.DataFrame, history: ContactHistory, settings: PlanSettings, week: str
) -> pd.DataFrame:
    """Passives whose concern was fixed since they answered and who had no incentive yet."""
    if history.fixed_themes.empty or "theme_label" not in passives:
        return passives.iloc[:0].assign(
            assignee=pd.Series(dtype=object), next_step="", priority=0.0, reason=""
        )
    candidates = passives[passives["iso_week"] <= week]
    fixed = _fixed_since_response(candidates, history.fixed_themes)
    already = set(
        history.assignments.loc[
            (history.assignments["list"] == "incentives_due")
            & (history.assignments["week"] < week),
            "respondent_id",
        ]
    )
    due = candidates[fixed & ~candidates["respondent_id"].isin(already)]
    ranked, _ = prioritise(due, settings)
    return ranked.assign(
        next_step=settings.step_text("thank_you"),
        reason="'"
        + ranked.get("theme_label", pd.Series("", index=ranked.index)).astype(str)
        + "' was fixed after they answered",
        assignee=FRONT_LINE,
    )
