"""A first weekly run on a small window learns its themes from the export's earlier comments.

The NHS FFT export thins out at its end: the 13 weeks up to 2022-W49 hold 227 responses, and
themes found in them alone were fragments ("car was no time"). ``passives findings`` on a
fresh ledger now learns the themes from the window and the latest earlier comments (up to
``themes.seed_comments``), says so, and counts only the window; the next week is anchored in
the recorded themes as usual: unchanged comments keep their theme and no two themes share a
name. With ``themes.seed_comments: 0`` the window is read alone.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import pandas as pd
import pytest
import yaml

from passives_lib.cli import main
from passives_lib.store.registry._registry import ThemeRegistry
from tests.conftest import REPO, shared_file

pytestmark = [pytest.mark.integration, pytest.mark.slow]

EXPORT = "nhs_fft_themes/v6framework_230831.csv"
WEEKS = ["2022-W48", "2022-W49"]
LEARNT = "themes learnt from the window and the"


def findings(folder: Path, config: dict, week: str) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """Run ``passives findings`` for a week: what it printed, assignments and themes."""
    path = folder / "config.yml"
    path.write_text(yaml.safe_dump(config))
    out = folder / week
    argv = ["findings", str(shared_file(EXPORT)), "--config", str(path), "--week", week]
    printed = io.StringIO()
    with redirect_stdout(printed):
        assert main([*argv, "--out", str(out)]) == 0
    return (
        printed.getvalue(),
        pd.read_csv(out / "assignments.csv", dtype={"respondent_id": str}),
        pd.read_csv(out / "themes.csv", keep_default_na=False),
    )


def team_config(folder: Path, **themes: object) -> dict:
    config = yaml.safe_load((REPO / "tests" / "configs" / "nhs_fft.yml").read_text())
    config["plan"]["ledger"] = str(folder / "ledger.sqlite")
    config["themes"] = config.get("themes", {}) | themes
    return config


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> tuple[str, list[tuple[str, pd.DataFrame, pd.DataFrame]]]:
    """The ledger of the two weeks and each week's findings."""
    folder = tmp_path_factory.mktemp("seed-history")
    config = team_config(folder)
    return config["plan"]["ledger"], [findings(folder, config, week) for week in WEEKS]


@pytest.fixture(scope="module")
def weeks(ledger) -> list[tuple[str, pd.DataFrame, pd.DataFrame]]:
    return ledger[1]


def window_size(printed: str) -> int:
    line = next(line for line in printed.splitlines() if line.startswith("window: "))
    return int(line.split("(")[1].split(" responses")[0])


def test_the_first_small_window_learns_from_earlier_comments_and_counts_only_itself(weeks):
    printed, assignments, themes = weeks[0]
    assert LEARNT in printed and "no theme is recorded yet" in printed
    assert window_size(printed) < 1000
    assert len(assignments) == window_size(printed)  # counts are the window's
    real = themes[themes["theme_id"] >= 0]
    assert real["size"].sum() <= window_size(printed)
    assert "anchored in" in printed


def test_the_next_week_is_anchored_in_the_recorded_themes_and_keeps_its_comments(weeks):
    (_, before, _), (printed, after, themes) = weeks
    assert LEARNT not in printed  # the registry knows themes now
    first = dict(zip(before["respondent_id"], before["theme_id"], strict=True))
    second = dict(zip(after["respondent_id"], after["theme_id"], strict=True))
    both = sorted(set(first) & set(second))
    kept = sum(first[r] == second[r] for r in both) / len(both)
    assert len(both) > 100 and kept >= 0.95, f"{kept:.1%} of {len(both)}"
    labels = themes.loc[themes["theme_id"] >= 0, "theme_label"].str.casefold()
    assert not labels.duplicated().any()


def test_no_two_registry_themes_share_a_name(ledger):
    with ThemeRegistry(ledger[0]) as registry:
        names = registry.themes()["name"].str.casefold()
    assert len(names) and not names.duplicated().any()


def test_seed_comments_zero_reads_the_window_alone(tmp_path):
    config = team_config(tmp_path, seed_comments=0)
    printed, assignments, _ = findings(tmp_path, config, WEEKS[-1])
    assert LEARNT not in printed and "anchored in" not in printed
    assert len(assignments) == window_size(printed)
