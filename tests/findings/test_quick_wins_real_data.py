"""Quick wins on real, detractor-heavy exports under the default rules (issue 22).

``passives findings`` on the French garden-centre NPS survey and on a 13-week window of the
NHS Friends and Family Test, with no effort words in the config: each theme's effort is read
from what it is about (the built-in issue kinds, English and French). A theme raised enough
by detractors and passives that is low effort is a quick win, and every quick win is such a
theme; when there is none, the command says the true reason: the themes raised enough are
projects, named with their effort and the words that made it so.

On these sets the themes raised enough are prices, the loyalty card, waits and ambulances
arriving late: projects, so no quick win is the right answer (the test would also hold, and
check the ranking, on a set whose themes allow one).
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from dataclasses import dataclass

import pandas as pd
import pytest

from passives_lib.cli import main
from tests.conftest import REPO, shared_file

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CONFIGS = REPO / "tests" / "configs"
SETS = {
    "garden-fr": ("garden_centre_nps_fr/nps.csv", "garden_centre_fr.yml", None),
    "nhs_fft-W35": ("nhs_fft_themes/v6framework_230831.csv", "nhs_fft.yml", "2022-W35"),
}


@dataclass(frozen=True)
class Run:
    """What ``passives findings`` printed and wrote on one set."""

    name: str
    printed: str
    findings: pd.DataFrame
    wins: pd.DataFrame
    themes: pd.DataFrame


@pytest.fixture(scope="module", params=list(SETS))
def run(request, tmp_path_factory) -> Run:
    export, config, week = SETS[request.param]
    path = shared_file(export)
    out = tmp_path_factory.mktemp(request.param)
    argv = ["findings", str(path), "--config", str(CONFIGS / config), "--out", str(out)]
    argv += ["--ledger", str(out / "ledger.sqlite")] + (["--week", week] if week else [])
    printed = io.StringIO()
    with redirect_stdout(printed):
        assert main(argv) == 0
    return Run(
        request.param,
        printed.getvalue(),
        pd.read_csv(out / "findings.csv"),
        pd.read_csv(out / "quick_wins.csv"),
        pd.read_csv(out / "themes.csv"),
    )


def test_quick_wins_are_the_low_effort_themes_raised_enough(run):
    findings, wins = run.findings, run.wins
    unhappy = findings["detractors"] + findings["passives_7"] + findings["passives_8"]
    raised = findings[(unhappy >= 5) & (findings["lift_unhappy"] >= 1.5)]
    assert len(raised), "a detractor-heavy export raises themes"
    # effort read from what the theme is about, with the words shown
    sources = raised["effort_source"]
    assert sources.str.startswith("issue kind: ").mean() >= 0.75, sources.tolist()
    low = raised[raised["theme_effort"] == "low"]
    assert set(wins["theme_id"]) <= set(low["theme_id"])
    if len(low):  # the themes allow a quick win: it is there, ranked
        assert len(wins) == min(3, len(low))
        assert wins["rank"].tolist() == list(range(1, len(wins) + 1))
        return
    # none allows one: the true reason, naming the biggest projects with their effort
    assert wins.empty
    biggest = raised.assign(n=unhappy[raised.index]).sort_values("n", ascending=False)
    reason = next(line for line in run.printed.splitlines() if line.startswith("  none: "))
    assert reason.startswith("  none: the themes raised enough are projects, not quick wins: ")
    first = biggest.iloc[0]
    assert f"'{first['theme_label']}' ({first['theme_effort']} effort, " in reason
    assert first["effort_source"] in reason


def test_price_themes_are_read_as_the_product_in_either_language(run):
    """Price complaints (French "prix", "cher"; English "price"): high effort, words shown."""
    table = run.findings.merge(run.themes[["theme_id", "theme_keywords"]], on="theme_id")
    words = r"\b(?:prix|cher|price|prices|expensive)\b"
    price = table[table["theme_keywords"].str.contains(words, regex=True)]
    price = price[price["lift_unhappy"] >= 1.5]
    if run.name == "garden-fr":  # its biggest complaint: "les prix sont trop élevés"
        assert len(price), "the garden centre's price complaints form a theme"
    assert (price["theme_effort"] == "high").all(), price["effort_source"].tolist()
    assert price["effort_source"].str.startswith("issue kind: infrastructure or the product").all()
