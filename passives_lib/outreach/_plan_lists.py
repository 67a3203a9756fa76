"""The lists of a week's plan drawn from the prioritised pool, each within its cap.

The management sample, the call list, panel invitations and incentives due; a list may start
with assignments the ledger holds for the week (a re-plan keeps the worked ones), and only the
room left under its cap is drawn.
"""

from __future__ import annotations

import zlib
from dataclasses import replace

import numpy as np
import pandas as pd

from passives_lib.config import PlanSettings
from passives_lib.outreach._callers import split_calls
from passives_lib.outreach._priority import prioritise, word_counts
from passives_lib.store import incentive_due

FRONT_LINE = "front-line team"
PANEL_TEAM = "customer panel team"


__all__ = [
    "FRONT_LINE",
    "PANEL_TEAM",
    "draw_calls",
    "draw_lists",
    "incentive_rows",
    "incentives_due",
    "management_sample",
    "management_size",
    "panel_invites",
]


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


def _stable_seed(week: str, random_state: int) -> int:
    return (zlib.crc32(week.encode()) + random_state) % (2**32)


def management_sample(
    pool: pd.DataFrame, week: str, settings: PlanSettings, target: int | None = None
) -> pd.DataFrame:
    """A reproducible sample spread across segments and leans, managers assigned in turn.

    Its size is :func:`management_size` of the eligible pool, drawn from the whole pool
    before the call list takes its share. Each segment-and-lean stratum gets a share of the
    sample proportional to its size (largest remainders), and is sampled at random, so the
    sample is not only the top scores.
    """
    target = management_size(len(pool), settings) if target is None else min(target, len(pool))
    if target <= 0:
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


def panel_invites(
    candidates: pd.DataFrame, settings: PlanSettings, room: int | None = None
) -> pd.DataFrame:
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
    room = settings.panel_size if room is None else max(room, 0)
    return invites.head(room).assign(assignee=PANEL_TEAM)


def incentives_due(
    passives: pd.DataFrame,
    state: pd.DataFrame,
    fixes: pd.DataFrame,
    settings: PlanSettings,
    week: str,
    taken: set,
    room: int | None = None,
) -> pd.DataFrame:
    """Who is due an incentive, not on another list; at most ``room`` (``incentive_capacity``)."""
    candidates = passives[passives["iso_week"] <= week]
    candidates = candidates.sort_values("responded_at", kind="stable").drop_duplicates(
        "respondent_id", keep="last"
    )
    due = incentive_due(candidates, state, fixes, week)
    due &= ~candidates["respondent_id"].isin(taken)
    ranked, _ = prioritise(candidates[due], settings)
    ranked = ranked.head(settings.incentive_capacity if room is None else max(room, 0))
    return incentive_rows(ranked, settings)


def incentive_rows(ranked: pd.DataFrame, settings: PlanSettings) -> pd.DataFrame:
    """Rows of the incentives list: the thank-you step and why, for the front-line team."""
    return ranked.assign(
        next_step=settings.step_text("thank_you"),
        reason="'"
        + ranked.get("theme_label", pd.Series("", index=ranked.index)).astype(str)
        + "' was fixed after they answered",
        assignee=FRONT_LINE,
    )


def draw_lists(
    pool: pd.DataFrame,
    passives: pd.DataFrame,
    state: pd.DataFrame,
    fixes: pd.DataFrame,
    settings: PlanSettings,
    week: str,
    held: pd.DataFrame,
    draw: bool,
    notes: list[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """The four lists: the held assignments, then the room left under each cap.

    Parameters
    ----------
    pool : pandas.DataFrame
        The prioritised pool, held people of the three contact lists included.
    passives : pandas.DataFrame
        Every passive (incentives may go to answers older than the backlog).
    state : pandas.DataFrame
        The lifecycle state.
    fixes : pandas.DataFrame
        ``theme``, ``fixed_at``.
    settings : PlanSettings
        Caps and managers.
    week : str
        The planned week.
    held : pandas.DataFrame
        The week's assignments that stay (``respondent_id``, ``list``, ``assignee``).
    draw : bool
        Whether to draw into the room left.
    notes : list of str, optional
        Extended with the callers' notes (their calls out of their capacity) when drawn.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``management_sample``, ``call_list``, ``panel_invites``, ``incentives_due``.
    """

    def kept(name: str, frame: pd.DataFrame, default: str) -> pd.DataFrame:
        mine = held[held["list"] == name].set_index("respondent_id")["assignee"]
        rows = frame[frame["respondent_id"].isin(mine.index)].copy()
        assignee = rows["respondent_id"].map(mine)
        rows["assignee"] = assignee.where(assignee.notna(), default)
        return rows

    taken = set(held["respondent_id"])
    available = pool[~pool["respondent_id"].isin(taken)]
    lists = {}
    management = kept("management_sample", pool, settings.managers[0])
    if draw:
        room = management_size(len(pool), settings) - len(management)
        drawn = management_sample(available, week, settings, room)
        management = pd.concat([management, drawn])
        taken |= set(drawn["respondent_id"])
    lists["management_sample"] = management.sort_values(
        ["segment", "lean", "respondent_id"], kind="stable"
    ).reset_index(drop=True)
    call_list = kept("call_list", pool, FRONT_LINE)
    if draw:
        drawn, caller_notes = draw_calls(
            pool[~pool["respondent_id"].isin(taken)], call_list, settings
        )
        if notes is not None:
            notes += caller_notes
        call_list = pd.concat([call_list, drawn])
        taken |= set(drawn["respondent_id"])
    lists["call_list"] = _by_priority(call_list)
    panel = kept("panel_invites", pool, PANEL_TEAM)
    if draw:
        invited = set(state.loc[state["panel_invited"], "respondent_id"])
        candidates = pool[~pool["respondent_id"].isin(taken | invited)]
        drawn = panel_invites(candidates, settings, settings.panel_size - len(panel))
        panel = pd.concat([panel, drawn])
        taken |= set(drawn["respondent_id"])
    lists["panel_invites"] = _by_priority(panel)
    latest = passives[passives["iso_week"] <= week].sort_values("responded_at", kind="stable")
    latest = latest.drop_duplicates("respondent_id", keep="last")
    mine = latest[
        latest["respondent_id"].isin(held.loc[held["list"] == "incentives_due", "respondent_id"])
    ]
    incentives = (
        incentive_rows(prioritise(mine, settings)[0], settings)
        if len(mine)
        else pool.iloc[:0].assign(assignee=pd.Series(dtype=object))
    )
    if draw:
        room = settings.incentive_capacity - len(incentives)
        drawn = incentives_due(passives, state, fixes, settings, week, taken, room)
        incentives = pd.concat([incentives, drawn])
    lists["incentives_due"] = _by_priority(incentives)
    return lists


def draw_calls(
    rest: pd.DataFrame, kept: pd.DataFrame, settings: PlanSettings
) -> tuple[pd.DataFrame, list[str]]:
    """The call list's new rows: the room left under ``call_capacity`` after the kept ones.

    With ``settings.callers`` the rows are split between them (:func:`split_calls`), each
    caller's room being their capacity less the calls the ledger already holds for them;
    else the front-line team takes the highest priorities up to ``capacity``.

    Parameters
    ----------
    rest : pandas.DataFrame
        Eligible passives on no other list, highest priority first.
    kept : pandas.DataFrame
        The week's call-list rows that stay, with ``assignee``.
    settings : PlanSettings
        ``callers`` or ``capacity``.

    Returns
    -------
    tuple of (pandas.DataFrame, list of str)
        The drawn rows with ``assignee``; the callers' notes (none without callers).

    Examples
    --------
    >>> from passives_lib.config import Caller
    >>> rest = pd.DataFrame({"respondent_id": list("abcd")})
    >>> kept = pd.DataFrame({"respondent_id": ["z"], "assignee": ["Ana"]})
    >>> settings = PlanSettings(callers=[Caller("Ana", 2), Caller("Ben", 1)])
    >>> drawn, notes = draw_calls(rest, kept, settings)
    >>> drawn["assignee"].tolist(), notes
    (['Ana', 'Ben'], ['callers: Ana 2 of 2, Ben 1 of 1'])
    """
    room = max(settings.call_capacity - len(kept), 0)
    if not settings.callers:
        return rest.head(room).assign(assignee=FRONT_LINE), []
    used = kept["assignee"].value_counts()
    left = [
        replace(c, capacity=max(c.capacity - int(used.get(c.name, 0)), 0)) for c in settings.callers
    ]
    drawn, notes = split_calls(rest, left)
    drawn = drawn.head(room)
    counts = pd.concat([kept["assignee"], drawn["assignee"]]).value_counts()
    notes[0] = "callers: " + ", ".join(
        f"{c.name} {int(counts.get(c.name, 0))} of {c.capacity}" for c in settings.callers
    )
    return drawn, notes


def _by_priority(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(
        ["priority", "respondent_id"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
