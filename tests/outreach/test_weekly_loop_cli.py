"""Twelve weeks of the weekly routine, every step through the command line.

Each week, as the README's loop says: import what happened since last week (`contacts
import`, read through the config), mark a concern fixed now and then (`themes mark-fixed` by
stable theme id), record the week's themes and findings (`findings`) and plan the week
(`plan`, with the real theme model). After every week the lists, the backlog, the findings
and the ledger are read back from the files and the database and checked against the
simulated team (:mod:`tests.outreach.loop_simulation`).

It runs on the generated sample and on a real export with dates: the NHS Friends and Family
Test comments (``tests/configs/nhs_fft.yml``: real respondent ids, repeated across questions,
day-first dates, a few in another order and rejected).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from passives_lib.cli import main
from passives_lib.config import load_config
from passives_lib.core._weeks import week_start
from passives_lib.store.ledger._ledger import ContactLedger
from passives_lib.survey import load_survey
from tests.conftest import SAMPLE, SHARED_DATA
from tests.outreach.loop_checks import LISTS, check_backlog, check_ledger
from tests.outreach.loop_simulation import Model, simulate
from tests.store.conftest import new_database

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CONFIGS = Path(__file__).resolve().parents[1] / "configs"
REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Export:
    """A survey export, its config, the weeks run and the team's capacities."""

    survey: Path
    config: Path
    weeks: list[str]
    fix_weeks: set[str]
    settings: dict[str, int]
    outcome_header: str = "respondent_id,status,date"
    outcome_dates: str = "%Y-%m-%d"


SAMPLE_EXPORT = Export(
    SAMPLE / "survey.csv",
    SAMPLE / "config.yml",
    [f"2026-W{n}" for n in range(35, 47)],
    {"2026-W38", "2026-W42"},
    {"capacity": 12, "incentive_capacity": 6, "management_capacity": 50, "panel_size": 8},
)
NHS_EXPORT = Export(
    SHARED_DATA / "nhs_fft_themes" / "v6framework_230831.csv",
    CONFIGS / "nhs_fft.yml",
    [f"2022-W{n}" for n in range(24, 36)],
    {"2022-W27", "2022-W31"},
    {"capacity": 10, "incentive_capacity": 5, "management_capacity": 20, "panel_size": 5},
    outcome_header="Respondent ID,Outcome,Outcome date",
    outcome_dates="%d/%m/%Y",
)


def team_config(export: Export, folder: Path, location: str | None = None) -> tuple[Path, str]:
    """The export's config with the team's capacities and a private ledger."""
    config = yaml.safe_load(export.config.read_text())
    ledger = location or str(folder / "ledger.sqlite")
    config["plan"] = config.get("plan", {}) | export.settings | {"ledger": ledger}
    path = folder / "config.yml"
    path.write_text(yaml.safe_dump(config))
    return path, ledger


def cli(capsys, *argv: str) -> str:
    """Run a command; it must succeed. Its standard output."""
    capsys.readouterr()
    status = main(list(argv))
    captured = capsys.readouterr()
    assert status == 0, (argv, captured.err)
    return captured.out


def read_week(folder: Path) -> dict[str, pd.DataFrame]:
    """The plan's lists and backlog as written."""
    return {
        name: pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        for name in (*LISTS, "backlog")
    }


def themes_of(findings: Path) -> dict[str, int]:
    """Each respondent's main theme (stable id) in the week's findings."""
    table = pd.read_csv(findings / "assignments.csv", dtype=str)
    table = table[pd.to_numeric(table["theme_id"]) >= 0]
    return dict(zip(table["respondent_id"], table["theme_id"].astype(int), strict=True))


def check_lists(week: str, files, printed: str, model: Model, settings: dict) -> None:
    """Who is on which list this week, and how many."""
    ids = {name: set(frame["respondent_id"]) for name, frame in files.items()}
    # nobody on two lists (nor on a list and in the backlog) in a week
    assert sum(map(len, ids.values())) == len(set().union(*ids.values())), week
    # the pool is the lists drawn from it and the backlog, as the command says
    drawn = ids["call_list"] | ids["management_sample"] | ids["panel_invites"]
    pool = len(drawn | ids["backlog"])
    assert f"{pool} eligible passives in {week}" in printed
    # nobody proposed while awaiting an answer, nor after a conversion or decline
    for who in drawn | ids["backlog"]:
        assert not model.blocked(who, week), (week, who)
    # management: management_share of the pool (half up), drawn before the call list
    share = min(settings["management_capacity"], int(np.floor(0.10 * pool + 0.5)))
    assert len(ids["management_sample"]) == share, week
    # each list within its capacity; the call list full while the pool allows
    assert len(ids["call_list"]) == min(settings["capacity"], pool - share)
    assert len(ids["panel_invites"]) <= settings["panel_size"]
    assert len(ids["incentives_due"]) <= settings["incentive_capacity"]
    # a testimonial only for real praise: an articulate comment
    for frame in files.values():
        praised = frame[frame["reason"].str.contains("testimonial")]
        assert (praised["comment"].str.split().str.len() >= 8).all(), week


def check_incentives(
    week: str,
    files,
    model: Model,
    themes: dict,
    settings: dict,
    booked_ahead: frozenset = frozenset(),
) -> None:
    """Incentives only to those who qualify, and to all of them while there is room.

    ``booked_ahead``: those on the incentives list of a later week recorded before this one
    (two weeks planned at once): never listed twice, so not due here.
    """
    listed = files["incentives_due"].set_index("respondent_id")["theme_id"].astype(int)
    for who, theme_id in listed.items():
        assert model.qualifies(who, theme_id, week), (week, who)
        assert who not in booked_ahead, (week, who)
    taken = set().union(*(set(files[n]["respondent_id"]) for n in LISTS[:3])) | booked_ahead
    due = {w for w, t in themes.items() if model.qualifies(w, t, week) and w not in taken}
    if len(listed) < settings["incentive_capacity"]:
        assert due <= set(listed.index), (week, due - set(listed.index))


def mark_fixed(capsys, week: str, model: Model, themes: dict, ledger: str) -> int:
    """Mark fixed the theme most of those who answered raised; its stable id."""
    raised = Counter(themes[w] for w in model.responded if w in themes)
    theme_id = raised.most_common(1)[0][0]
    fixed_on = week_start(week) + pd.Timedelta(days=1)
    printed = cli(capsys, "themes", "mark-fixed", str(theme_id), "--date",
                  str(fixed_on.date()), "--again", "--ledger", ledger)  # fmt: skip
    assert re.search(rf"theme {theme_id} '.+' \(the main theme of \d+ respondent", printed)
    model.fixes.append((theme_id, fixed_on))
    return theme_id


def check_policy(week: str, folder: Path, files, model: Model, passives: pd.DataFrame) -> None:
    """The contact policy: retries only when due, the backlog's last week, the aged out."""
    for name in LISTS[:3]:
        for who, attempt in zip(files[name]["respondent_id"], files[name]["attempt"], strict=True):
            due = model.retry_due(who, week)
            assert int(attempt) == (model.attempts(who) + 1 if due else 1), (week, who)
    backlog = files["backlog"]
    last = week_start(week) - pd.Timedelta(weeks=2)  # the 4-week backlog's oldest week
    answered = pd.to_datetime(backlog["responded_at"])
    assert (
        backlog["ages_out_next_week"].map({"True": True, "False": False}) == (answered < last)
    ).all()
    start = week_start(week) - pd.Timedelta(weeks=4)
    latest = passives[passives["responded_at"] < week_start(week) + pd.Timedelta(days=7)]
    latest = latest.sort_values("responded_at").drop_duplicates("respondent_id", keep="last")
    left = latest[latest["responded_at"].between(start, start + pd.Timedelta(days=6, hours=23))]
    expected = {
        w for w in left["respondent_id"]
        if w not in model.contacted and w not in model.answered and w not in model.final
    }  # fmt: skip
    aged = pd.read_csv(folder / "aged_out.csv", dtype=str)
    assert set(aged.get("respondent_id", pd.Series(dtype=str))) == expected, week


def replan(capsys, survey: str, config: Path, tmp_path: Path, week: str, files, model, ledger):
    """Plan the week again (nothing new), then --replan: worked kept, caps hold, no one twice."""
    again = tmp_path / week / "again"
    printed = cli(capsys, "plan", survey, "--config", str(config), "--out", str(again),
                  "--week", week)  # fmt: skip
    assert f"{week} was planned before" in printed and ": 0 new assignment(s)" in printed
    assert {n: set(t["respondent_id"]) for n, t in read_week(again).items() if n != "backlog"} == {
        n: set(files[n]["respondent_id"]) for n in LISTS
    }
    with ContactLedger(ledger) as store:
        events = store.events()
    worked = set(events.loc[events["at"] >= week_start(week), "respondent_id"])
    fresh = tmp_path / week / "replan"
    printed = cli(capsys, "plan", survey, "--config", str(config), "--out", str(fresh),
                  "--week", week, "--replan")  # fmt: skip
    assert f"{week} re-planned" in printed
    after = read_week(fresh)
    for name in LISTS:
        before = set(files[name]["respondent_id"])
        assert before & worked <= set(after[name]["respondent_id"]), (week, name)
    check_ledger(week, after, ledger)
    contact = LISTS[:3]
    for name in contact:
        for who in set(files[name]["respondent_id"]) - set(after[name]["respondent_id"]):
            model.uncontact(who, week)
    for name in contact:
        for who in set(after[name]["respondent_id"]) - set(files[name]["respondent_id"]):
            assert not model.blocked(who, week), (week, who)
            model.contact(who, week)
    model.incentive -= set(files["incentives_due"]["respondent_id"]) - set(
        after["incentives_due"]["respondent_id"]
    )
    model.incentive |= set(after["incentives_due"]["respondent_id"])
    return after


def plan_together(
    survey: str, config: Path, tmp_path: Path, weeks: list[str], later_first: bool = False
) -> list[str]:
    """Plan two weeks as two processes, started at the same moment; their outputs.

    Either may record first. With ``later_first`` the later week's plan is recorded before the
    earlier week's starts: the order in which the later week books people ahead (its lists,
    incentives included, taken before the earlier week is planned), made certain.
    """
    env = os.environ | {"PYTHONPATH": str(REPO)}
    command = "from passives_lib.cli import main; raise SystemExit(main())"

    def start(week: str) -> subprocess.Popen:
        return subprocess.Popen(
            [
                sys.executable,
                "-c",
                command,
                "plan",
                survey,
                "--config",
                str(config),
                "--out",
                str(tmp_path / week / "plan"),
                "--week",
                week,
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip

    if later_first:
        later = start(weeks[1])
        done = later.communicate(timeout=900)
        runs = [start(weeks[0]), later]
        outputs = [runs[0].communicate(timeout=900), done]
    else:
        runs = [start(week) for week in weeks]
        outputs = [run.communicate(timeout=900) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    return [out for out, _ in outputs]


# The last two weeks are planned together: on the sample with SQLite the later week's plan is
# recorded first (it books people ahead, incentives included); elsewhere either may record first.
CASES = [
    pytest.param(SAMPLE_EXPORT, "sqlite", True, id="sample-sqlite"),
    pytest.param(
        SAMPLE_EXPORT, "postgresql", False, id="sample-postgresql", marks=pytest.mark.postgres
    ),
    pytest.param(NHS_EXPORT, "sqlite", False, id="nhs_fft-sqlite"),
]


@pytest.mark.parametrize(("export", "backend", "later_first"), CASES)
def test_twelve_weeks_through_the_command_line(export: Export, backend: str, later_first: bool,
                                               tmp_path, capsys, request):  # fmt: skip
    if not export.survey.is_file():
        pytest.fail(f"real data missing: {export.survey} (clone with ../shared beside the repo)")
    location = None
    if backend == "postgresql":
        location = new_database(request.getfixturevalue("postgres_server"))
    config, ledger = team_config(export, tmp_path, location)
    survey = str(export.survey)
    responses = pd.read_csv(survey, dtype=str)
    header = {"respondent_id": "respondent_id", "responded_at": "responded_at"}
    header |= yaml.safe_load(export.config.read_text()).get("columns", {})
    dayfirst = export.outcome_dates.startswith("%d")  # NHS: 31/08/2022; the sample: ISO
    when = pd.to_datetime(responses[header["responded_at"]], errors="coerce", dayfirst=dayfirst)
    responded_at = dict(zip(responses[header["respondent_id"]], when, strict=True))
    model, rng = Model(), np.random.default_rng(11)
    passives = passives_of(survey, config)
    last_backlog: set[str] = set()
    themes: dict[str, int] = {}
    fixed: set[int] = set()
    counts: Counter[str] = Counter()
    ahead: set[str] = set()  # on the later together week's contact lists
    incentives_ahead: frozenset[str] = frozenset()  # on its incentives list
    together = export.weeks[-2:]  # the last two weeks are planned by two processes at once
    for week in export.weeks:
        if week in export.fix_weeks:
            fixed.add(mark_fixed(capsys, week, model, themes, ledger))
        findings, plan = tmp_path / week / "findings", tmp_path / week / "plan"
        cli(capsys, "findings", survey, "--config", str(config), "--out", str(findings),
            "--week", week)  # fmt: skip
        themes = themes_of(findings)
        wins = pd.read_csv(findings / "quick_wins.csv")
        assert not set(wins["theme_id"]) & fixed, week  # a fixed theme is no quick win
        if week == together[0]:
            cli(capsys, "findings", survey, "--config", str(config), "--out",
                str(tmp_path / together[1] / "findings"), "--week", together[1])  # fmt: skip
            outputs = plan_together(survey, config, tmp_path, together, later_first)
            printed_together = dict(zip(together, outputs, strict=True))
            with ContactLedger(ledger) as store:
                recorded = store.assignments()
            contact = recorded[recorded["list"].isin(LISTS[:3]) & recorded["week"].isin(together)]
            ahead = set(contact.loc[contact["week"] == together[1], "respondent_id"])
            incentives = recorded[
                (recorded["list"] == "incentives_due") & recorded["week"].isin(together)
            ]
            incentives_ahead = frozenset(
                incentives.loc[incentives["week"] == together[1], "respondent_id"]
            )
            both = contact.groupby("respondent_id")["week"].nunique()
            assert (both == 1).all(), sorted(both[both > 1].index)  # nobody booked twice
            twice = incentives["respondent_id"].duplicated()
            assert not twice.any(), sorted(incentives.loc[twice, "respondent_id"])  # one incentive
        if week in together:
            printed = printed_together[week]
        else:
            printed = cli(capsys, "plan", survey, "--config", str(config), "--out", str(plan),
                          "--week", week)  # fmt: skip
        files = read_week(plan)
        if week != together[1]:  # the second week was planned before the first's outcomes
            check_lists(week, files, printed, model, export.settings)
            booked_ahead = ahead if week == together[0] else set()  # on the next week's lists
            check_incentives(week, files, model, themes, export.settings,
                             incentives_ahead if week == together[0] else frozenset())  # fmt: skip
            check_backlog(week, files, model, last_backlog - booked_ahead, responded_at)
            check_policy(week, plan, files, model, passives)
        check_ledger(week, files, ledger)
        last_backlog = set(files["backlog"]["respondent_id"])
        counts.update({name: len(files[name]) for name in LISTS})
        counts["retries"] += int((pd.to_numeric(files["call_list"]["attempt"]) > 1).sum())
        outcomes = simulate(files, week, model, rng, tmp_path, export.outcome_header,
                            export.outcome_dates)  # fmt: skip
        cli(capsys, "contacts", "import", outcomes, "--config", str(config))
        if week == export.weeks[5]:
            files = replan(capsys, survey, config, tmp_path, week, files, model, ledger)
        awaiting = tmp_path / f"awaiting-{week}.csv"
        cli(capsys, "contacts", "list", "--awaiting", "--out", str(awaiting), "--ledger", ledger)
        listed = pd.read_csv(awaiting, dtype=str) if awaiting.stat().st_size else None
        expected = {w for w in model.contacted if model.awaiting(w)}
        awaiting_ids = set() if listed is None else set(listed["respondent_id"])
        if week == together[0]:  # the next week, booked at the same time, may await answers too
            assert expected <= awaiting_ids and awaiting_ids - expected <= ahead, week
        else:
            assert awaiting_ids == expected, week
    # the loop went through every path: fixes reached incentives, cases ended both ways,
    # passives who did not pick up were tried again
    assert counts["incentives_due"] > 0 and counts["panel_invites"] > 0
    assert model.final and model.incentive and counts["retries"] > 0


def passives_of(survey: str, config: Path) -> pd.DataFrame:
    """Respondent id and answer time of every passive, as the export is loaded."""
    responses = load_survey(survey, load_config(config)).responses
    frame = responses.loc[responses["category"] == "passive", ["respondent_id", "responded_at"]]
    return frame.assign(responded_at=pd.to_datetime(frame["responded_at"])).dropna()
