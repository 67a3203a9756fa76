"""Twelve weeks of the outreach loop on data/sample, with simulated outcomes between weeks.

Each week: plan (with the sample's own theme of each respondent, as the weekly report passes
its fitted themes), write the lists, then, through the command line, import what happened
(answers, no answers, conversions, declines, incentives sent, panel answers) and mark a theme
fixed now and then. After every plan the invariants of the contact lifecycle are checked
against an independent model of what the simulation did.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from passives_lib import load_config
from passives_lib.cli import main
from passives_lib.config import ContactPolicy
from passives_lib.core._weeks import week_start
from passives_lib.pipeline._plan_run import run_plan, write_plan
from passives_lib.store.ledger._ledger import ContactLedger
from passives_lib.survey._loading import load_survey
from tests.conftest import SAMPLE
from tests.outreach.loop_simulation import Model, simulate

pytestmark = pytest.mark.integration

WEEKS = [f"2026-W{n}" for n in range(35, 47)]
REPLAN_WEEK = "2026-W40"
FIXES = {"2026-W37": "delivery_tracking_updates", "2026-W41": "invoice_download"}


def truth_themes() -> pd.DataFrame:
    """Each respondent's theme from the sample's truth file, with stable ids."""
    truth = pd.read_csv(SAMPLE / "truth_assignments.csv", dtype=str)
    catalogue = pd.read_csv(SAMPLE / "truth_themes.csv", dtype=str)
    ids = {name: i for i, name in enumerate(sorted(catalogue["theme"]))}
    effort = dict(zip(catalogue["theme"], catalogue["effort"], strict=True))
    return pd.DataFrame(
        {
            "respondent_id": truth["respondent_id"],
            "theme_id": truth["theme"].map(ids).fillna(-1).astype(int),
            "theme_label": truth["theme"],
            "theme_keywords": truth["theme"].map(lambda t: str(t).split("_")),
            "theme_effort": truth["theme"].map(effort).fillna("medium"),
        }
    )


def check_week(run, written, week, model: Model, previous_pool: set, config) -> set:
    plan, settings, ledger = run.plan, config.plan, config.plan.ledger
    lists = {
        name: pd.read_csv(path, dtype=str)
        for name, path in written.items()
        if path.suffix == ".csv"
    }
    ids = {name: set(lists[name]["respondent_id"]) for name in plan.lists()}
    # nobody on two lists in a week
    assert sum(map(len, ids.values())) == len(set().union(*ids.values()))
    # nobody contacted again before answering, nobody converted or declined proposed again
    for who in ids["call_list"] | ids["management_sample"] | ids["panel_invites"]:
        assert not model.blocked(who, week), (week, who)
    # the management sample is round(management_share x pool), drawn before the call list
    pool = len(plan.pool)
    assert len(ids["management_sample"]) == int(np.floor(settings.management_share * pool + 0.5))
    # every list respects its capacity
    assert len(ids["call_list"]) == min(settings.capacity, pool - len(ids["management_sample"]))
    assert len(ids["panel_invites"]) <= settings.panel_size
    assert len(ids["incentives_due"]) <= settings.incentive_capacity
    # incentives only to those who qualify, and all who qualify when there is room
    themes = run.themes.set_index("respondent_id")["theme_id"]
    for who in ids["incentives_due"]:
        assert model.qualifies(who, int(themes[who]), week), (week, who)
    taken = ids["call_list"] | ids["management_sample"] | ids["panel_invites"]
    qualified = {
        who
        for who in run.loaded.responses.loc[
            run.loaded.responses["category"] == "passive", "respondent_id"
        ]
        if who in themes and model.qualifies(who, int(themes[who]), week) and who not in taken
    }
    if len(ids["incentives_due"]) < settings.incentive_capacity:
        assert qualified <= ids["incentives_due"], (week, qualified - ids["incentives_due"])
    # backlog passives reappear until contacted or too old
    oldest = week_start(week) - pd.Timedelta(weeks=settings.backlog_weeks - 1)
    responses = run.loaded.responses.set_index("respondent_id")["responded_at"]
    still_due = {w for w in previous_pool if w not in model.contacted and responses[w] >= oldest}
    assert still_due <= set(plan.pool["respondent_id"]), (week, still_due - set(plan.pool.index))
    # a retry only after no answer, and only when the policy's wait has passed
    listed = pd.concat([plan.call_list, plan.management_sample, plan.panel_invites])
    for who, attempt in zip(listed["respondent_id"], listed["attempt"], strict=True):
        assert attempt == (model.attempts(who) + 1 if model.retry_due(who, week) else 1)
    # the backlog flags its last week; the aged out are those never contacted
    backlog = plan.backlog
    last_week = week_start(week) - pd.Timedelta(weeks=settings.backlog_weeks - 2)
    assert (backlog["ages_out_next_week"] == (backlog["responded_at"] < last_week)).all()
    start = week_start(week) - pd.Timedelta(weeks=settings.backlog_weeks)
    latest = run.loaded.responses.query("category == 'passive'").sort_values("responded_at")
    latest = latest.drop_duplicates("respondent_id", keep="last")
    window = latest["responded_at"].between(start, start + pd.Timedelta(days=6, hours=23))
    expected = {
        w
        for w in latest.loc[window, "respondent_id"]
        if w not in model.contacted and w not in model.answered and w not in model.final
    }
    assert set(plan.aged_out["respondent_id"]) == expected, week
    # the ledger agrees with the CSV lists
    with ContactLedger(ledger) as store:
        recorded = store.assignments()
    recorded = recorded[recorded["week"] == week]
    for name, members in ids.items():
        assert set(recorded.loc[recorded["list"] == name, "respondent_id"]) == members
    return set(plan.pool["respondent_id"])


def test_twelve_weeks_of_outreach(tmp_path, capsys):
    config = load_config(SAMPLE / "config.yml")
    ledger = str(tmp_path / "ledger.sqlite")
    config = replace(
        config,
        plan=replace(
            config.plan,
            ledger=ledger,
            incentive_capacity=8,
            management_capacity=50,
            contact_policy=ContactPolicy(retries=1, retry_after_days=7),
        ),
    )
    policy = tmp_path / "policy.yml"  # the same policy for `contacts list`
    policy.write_text("plan:\n  contact_policy: {retries: 1, retry_after_days: 7}\n")
    loaded = load_survey(SAMPLE / "survey.csv", config)
    themes = truth_themes()
    theme_ids = dict(zip(themes["theme_label"], themes["theme_id"], strict=False))
    model, rng, previous_pool = Model(retries=1), np.random.default_rng(7), set()
    totals = {"incentives": 0, "final": 0, "retries": 0}
    for week in WEEKS:
        run = run_plan(
            SAMPLE / "survey.csv", config, week, loaded=loaded, themes=themes, with_themes=False
        )
        written = write_plan(run, tmp_path / week)
        previous_pool = check_week(run, written, week, model, previous_pool, config)
        totals["incentives"] += len(run.plan.incentives_due)
        totals["retries"] += int((run.plan.call_list["attempt"] > 1).sum())
        outcomes = simulate(run.plan.lists(), week, model, rng, tmp_path)
        assert main(["contacts", "import", outcomes, "--ledger", ledger]) == 0
        if week in FIXES:
            theme_id = int(theme_ids[FIXES[week]])
            fixed_on = week_start(week) + pd.Timedelta(days=2)
            model.fixes.append((theme_id, fixed_on))
            argv = ["themes", "mark-fixed", str(theme_id), "--date", str(fixed_on.date())]
            assert main([*argv, "--ledger", ledger]) == 0
        if week == REPLAN_WEEK:
            replan(tmp_path, config, loaded, themes, week, run, model)
        out = tmp_path / f"awaiting-{week}.csv"
        argv = ["contacts", "list", "--awaiting", "--out", str(out), "--config", str(policy)]
        assert main([*argv, "--ledger", ledger]) == 0
        awaiting = (
            set(pd.read_csv(out, dtype=str)["respondent_id"]) if out.stat().st_size else set()
        )
        assert awaiting == {w for w in model.contacted if model.awaiting(w)}, week
    capsys.readouterr()
    totals["final"] = len(model.final)
    assert totals["incentives"] > 0 and totals["final"] > 0  # the loop exercised every path
    assert totals["retries"] > 0 and any(model.given_up(w) for w in model.contacted)


def replan(tmp_path, config, loaded, themes, week, run, model: Model) -> None:
    """Plan the week again: the same lists; with --replan the worked ones stay, caps hold."""
    kwargs = {"loaded": loaded, "themes": themes, "with_themes": False}
    again = run_plan(SAMPLE / "survey.csv", config, week, **kwargs)
    assert again.mode == "recorded" and again.recorded == 0
    before = {n: set(t["respondent_id"]) for n, t in run.plan.lists().items()}
    assert {n: set(t["respondent_id"]) for n, t in again.plan.lists().items()} == before
    with ContactLedger(config.plan.ledger) as store:
        events = store.events()
    worked = set(events.loc[events["at"] >= week_start(week), "respondent_id"])
    fresh = run_plan(SAMPLE / "survey.csv", config, week, replan=True, **kwargs)
    assert fresh.mode == "replanned"
    after = {n: set(t["respondent_id"]) for n, t in fresh.plan.lists().items()}
    settings = config.plan
    caps = {"call_list": settings.capacity, "panel_invites": settings.panel_size}
    caps["incentives_due"] = settings.incentive_capacity
    for name, members in before.items():
        assert members & worked <= after[name], name  # worked assignments are kept
        assert len(after[name]) <= caps.get(name, len(after[name])), name
    with ContactLedger(config.plan.ledger) as store:
        recorded = store.assignments()
    recorded = recorded[recorded["week"] == week]
    assert not recorded["respondent_id"].duplicated().any()
    for name, members in after.items():
        assert set(recorded.loc[recorded["list"] == name, "respondent_id"]) == members
    contact_lists = ("call_list", "management_sample", "panel_invites")
    for name in contact_lists:
        for who in before[name] - after[name]:
            model.uncontact(who, week)
    for name in contact_lists:
        for who in after[name] - before[name]:
            assert not model.blocked(who, week), who
            model.contact(who, week)
    model.incentive -= before["incentives_due"] - after["incentives_due"]
    model.incentive |= after["incentives_due"]
