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

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from passives_lib.cli import main
from passives_lib.core._weeks import week_start
from passives_lib.store.ledger._ledger import ContactLedger
from tests.conftest import SAMPLE, SHARED_DATA
from tests.outreach.loop_simulation import Model, simulate

pytestmark = [pytest.mark.integration, pytest.mark.slow]

LISTS = ("call_list", "management_sample", "panel_invites", "incentives_due")
CONFIGS = Path(__file__).resolve().parents[1] / "configs"


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


def team_config(export: Export, folder: Path) -> tuple[Path, str]:
    """The export's config with the team's capacities and a private ledger."""
    config = yaml.safe_load(export.config.read_text())
    ledger = str(folder / "ledger.sqlite")
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


def check_incentives(week: str, files, model: Model, themes: dict, settings: dict) -> None:
    """Incentives only to those who qualify, and to all of them while there is room."""
    listed = files["incentives_due"].set_index("respondent_id")["theme_id"].astype(int)
    for who, theme_id in listed.items():
        assert model.qualifies(who, theme_id, week), (week, who)
    taken = set().union(*(set(files[n]["respondent_id"]) for n in LISTS[:3]))
    due = {w for w, t in themes.items() if model.qualifies(w, t, week) and w not in taken}
    if len(listed) < settings["incentive_capacity"]:
        assert due <= set(listed.index), (week, due - set(listed.index))


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


def mark_fixed(capsys, week: str, model: Model, themes: dict, ledger: str) -> int:
    """Mark fixed the theme most of those who answered raised; its stable id."""
    raised = Counter(themes[w] for w in model.responded if w in themes)
    theme_id = raised.most_common(1)[0][0]
    fixed_on = week_start(week) + pd.Timedelta(days=1)
    printed = cli(capsys, "themes", "mark-fixed", str(theme_id), "--date",
                  str(fixed_on.date()), "--ledger", ledger)  # fmt: skip
    assert re.search(rf"theme {theme_id} '.+' \(the main theme of \d+ respondent", printed)
    model.fixes.append((theme_id, fixed_on))
    return theme_id


@pytest.mark.parametrize("export", [SAMPLE_EXPORT, NHS_EXPORT], ids=["sample", "nhs_fft"])
def test_twelve_weeks_through_the_command_line(export: Export, tmp_path, capsys):
    if not export.survey.is_file():
        pytest.fail(f"real data missing: {export.survey} (clone with ../shared beside the repo)")
    config, ledger = team_config(export, tmp_path)
    survey = str(export.survey)
    responses = pd.read_csv(survey, dtype=str)
    header = {"respondent_id": "respondent_id", "responded_at": "responded_at"}
    header |= yaml.safe_load(export.config.read_text()).get("columns", {})
    when = pd.to_datetime(responses[header["responded_at"]], errors="coerce", dayfirst="%d" in
                          export.outcome_dates)  # fmt: skip
    responded_at = dict(zip(responses[header["respondent_id"]], when, strict=True))
    model, rng = Model(), np.random.default_rng(11)
    last_backlog: set[str] = set()
    themes: dict[str, int] = {}
    fixed: set[int] = set()
    counts: Counter[str] = Counter()
    for week in export.weeks:
        if week in export.fix_weeks:
            fixed.add(mark_fixed(capsys, week, model, themes, ledger))
        findings, plan = tmp_path / week / "findings", tmp_path / week / "plan"
        cli(capsys, "findings", survey, "--config", str(config), "--out", str(findings),
            "--week", week)  # fmt: skip
        themes = themes_of(findings)
        wins = pd.read_csv(findings / "quick_wins.csv")
        assert not set(wins["theme_id"]) & fixed, week  # a fixed theme is no quick win
        printed = cli(capsys, "plan", survey, "--config", str(config), "--out", str(plan),
                      "--week", week)  # fmt: skip
        files = read_week(plan)
        check_lists(week, files, printed, model, export.settings)
        check_incentives(week, files, model, themes, export.settings)
        check_backlog(week, files, model, last_backlog, responded_at)
        check_ledger(week, files, ledger)
        last_backlog = set(files["backlog"]["respondent_id"])
        counts.update({name: len(files[name]) for name in LISTS})
        outcomes = simulate(files, week, model, rng, tmp_path, export.outcome_header,
                            export.outcome_dates)  # fmt: skip
        cli(capsys, "contacts", "import", outcomes, "--config", str(config))
        awaiting = tmp_path / f"awaiting-{week}.csv"
        cli(capsys, "contacts", "list", "--awaiting", "--out", str(awaiting), "--ledger", ledger)
        listed = pd.read_csv(awaiting, dtype=str) if awaiting.stat().st_size else None
        expected = {w for w in model.contacted if model.awaiting(w)}
        assert (set() if listed is None else set(listed["respondent_id"])) == expected, week
    # the loop went through every path: fixes reached incentives, cases ended both ways
    assert counts["incentives_due"] > 0 and counts["panel_invites"] > 0
    assert model.final and model.incentive
