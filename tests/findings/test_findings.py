import numpy as np
import pandas as pd
import pytest

from passives_lib.findings._figures import impact_figure, themes_by_group_figure, trend_figure
from passives_lib.findings._findings import theme_findings
from passives_lib.findings._quick_wins import quick_wins
from passives_lib.survey import add_classification


def window(rows: list[tuple[str, int, int, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(respondent_id, score, theme_id, iso week date) -> responses and assignments."""
    frame = pd.DataFrame(rows, columns=["respondent_id", "score", "theme_id", "date"])
    responses = add_classification(
        pd.DataFrame(
            {
                "respondent_id": frame["respondent_id"],
                "score": frame["score"],
                "comment": [
                    f"comment about theme {t} mail a@example.com" for t in frame["theme_id"]
                ],
                "responded_at": pd.to_datetime(frame["date"]),
                "segment": "SMB",
            }
        )
    )
    return responses, frame[["respondent_id", "theme_id"]]


def rows_for(theme: int, scores: list[int], date: str = "2026-11-03", start: int = 0):
    return [(f"t{theme}-{start + i}", s, theme, date) for i, s in enumerate(scores)]


def test_counts_shares_lift_nps_and_impact_match_hand_computation():
    rows = (
        rows_for(0, [3, 5, 7, 8, 8])
        + rows_for(1, [9, 10, 10, 7])
        + rows_for(-1, [6, 9])
        + rows_for(-2, [10, 2])
    )
    responses, assignments = window(rows)
    found = theme_findings(responses, assignments, "2026-W45").set_index("theme_id")
    assert found.loc[0, ["detractors", "passives_7", "passives_8", "promoters"]].tolist() == [
        2,
        1,
        2,
        0,
    ]
    # commenters (non-answers excluded): detractors 3, passives 4, promoters 4
    assert found.loc[0, "share_detractors"] == pytest.approx(2 / 3)
    assert found.loc[1, "share_promoters"] == pytest.approx(3 / 4)
    assert found.loc[0, "lift_detractors"] == pytest.approx((2.5 / 4) / (0.5 / 5))
    assert found.loc[0, "theme_nps"] == pytest.approx(-40.0)
    signs = responses["category"].astype(str).map({"detractor": -1, "passive": 0, "promoter": 1})
    all_nps = 100 * signs.mean()
    without = 100 * signs[~responses["respondent_id"].str.startswith("t0-")].mean()
    assert found.loc[0, "nps_impact"] == pytest.approx(all_nps - without)
    assert (
        found.loc[0, "nps_impact_low"]
        <= found.loc[0, "nps_impact"]
        <= found.loc[0, "nps_impact_high"]
    )
    assert list(found.index) == [0, 1]  # "other" and non-answers are not themes


def test_quotes_come_from_detractors_and_passives_masked():
    responses, assignments = window(rows_for(0, [3, 7, 10, 10]))
    quotes = theme_findings(responses, assignments, "2026-W45")["quotes"].iloc[0]
    assert len(quotes) == 1  # all four comments are the same text; promoters are left out
    assert "example.com" not in quotes[0] and "[email]" in quotes[0]


def test_trend_flags_new_and_rising_only_when_significant():
    before = rows_for(0, [7] * 60, "2026-10-20") + rows_for(1, [7] * 60, "2026-10-20", 100)
    now = rows_for(0, [7] * 5, "2026-11-03", 200) + rows_for(1, [7] * 40, "2026-11-03", 300)
    now += rows_for(2, [7] * 10, "2026-11-03", 400)
    responses, assignments = window(before + now)
    trend = theme_findings(responses, assignments, "2026-W45").set_index("theme_id")["trend"]
    assert trend[2] == "new"
    assert trend[1] == "rising"
    assert trend[0] == "falling"
    small = window(
        rows_for(0, [7] * 10, "2026-10-20")
        + rows_for(1, [7] * 10, "2026-10-20", 50)
        + rows_for(0, [7] * 1, "2026-11-03", 90)
        + rows_for(1, [7] * 2, "2026-11-03", 99)
    )
    assert set(theme_findings(*small, "2026-W45")["trend"]) == {"steady"}


def findings_for_wins() -> pd.DataFrame:
    rows = (
        rows_for(0, [7, 7, 8, 8, 8, 6, 7, 8])
        + rows_for(1, [2, 3, 4, 5, 6, 6, 7, 9])
        + rows_for(2, [9, 10, 10, 9, 10, 8])
        + rows_for(3, [7, 8, 6, 7, 8, 8, 7])
        + rows_for(4, [7, 9])
    )
    responses, assignments = window(rows)
    return theme_findings(responses, assignments, "2026-W45"), responses


def test_quick_wins_rank_by_the_stated_score_and_explain_themselves():
    found, responses = findings_for_wins()
    efforts = pd.DataFrame(
        {
            "theme_id": [0, 1, 3],
            "effort": ["low", "low", "low"],
            "effort_source": ["config: 'x'", "issue kind: a", "issue kind: b"],
        }
    )
    unhappy = int((responses["category"] != "promoter").sum())
    wins, notes = quick_wins(found, len(responses), unhappy, efforts)
    assert sorted(wins["theme_id"].tolist()) == [0, 1, 3]
    assert wins["score"].is_monotonic_decreasing and wins["theme_id"].iloc[0] == 0
    assert wins["rank"].tolist() == [1, 2, 3]
    assert 2 not in wins["theme_id"].tolist()  # promoters' theme never a quick win
    first = wins.iloc[0]
    assert first["nps_upside"] == pytest.approx(100 * 8 / len(responses), abs=0.01)
    assert "low effort (config: 'x')" in first["why"]
    assert len(first["quotes"]) <= 2 and first["suggested_project"].startswith("Small fix")
    assert "0.35 reach" in notes[0]


def test_fewer_than_three_quick_wins_say_the_true_reason():
    found, responses = findings_for_wins()
    low = pd.DataFrame({"theme_id": [0, 1, 3], "effort": "low", "effort_source": "x"})
    wins, notes = quick_wins(found, len(responses), 20, low, min_mentions=8)
    assert wins["theme_id"].tolist() == [0]
    assert any("only 1 theme(s) qualify" in n for n in notes)
    assert notes[-1] == (
        "no more quick wins: no other theme is raised by at least 8 detractors and passives "
        "at 1.5x the promoters' rate"
    )
    none, notes = quick_wins(found, len(responses), 20, low, min_mentions=100)
    assert none.empty and any("no theme qualifies" in n for n in notes)
    assert notes[-1].startswith("no more quick wins: no theme is raised")
    # medium effort is a project: named with its effort and why
    mixed = low.assign(effort=["low", "medium", "high"], effort_source=["x", "process", "product"])
    wins, notes = quick_wins(found, len(responses), 20, mixed)
    assert wins["theme_id"].tolist() == [0]
    assert "projects, not quick wins" in notes[-1]
    assert "(medium effort, process)" in notes[-1] and "(high effort, product)" in notes[-1]
    # a fixed theme is named as fixed
    fixed = pd.DataFrame({"theme": ["0"], "fixed_at": [pd.Timestamp("2026-11-02")]})
    wins, notes = quick_wins(found, len(responses), 20, mixed, fixed=fixed)
    assert wins.empty and "fixed on 2026-11-02" in notes[-1]


def test_figures_carry_the_numbers():
    found, _ = findings_for_wins()
    groups = themes_by_group_figure(found)
    assert [trace.name for trace in groups.data] == [
        "Detractors (0-6)",
        "Passives: 7",
        "Passives: 8",
        "Promoters (9-10)",
    ]
    assert sum(sum(trace.x) for trace in groups.data) == found["mentions"].sum()
    impact = impact_figure(found)
    assert np.allclose(sorted(impact.data[0].x), sorted(found["nps_impact"]))
    shares = pd.DataFrame({"a": [0.1, 0.2]}, index=["2026-W44", "2026-W45"])
    assert list(trend_figure(shares).data[0].y) == [0.1, 0.2]


def test_no_comments_this_week_means_no_trend():
    responses, assignments = window(
        rows_for(0, [7] * 5, "2026-10-20") + rows_for(1, [7] * 5, "2026-10-20", 50)
    )
    assert set(theme_findings(responses, assignments, "2026-W45")["trend"]) == {"n/a"}
