"""A quick win is low effort; a big medium- or high-effort theme is reported as a project."""

import pandas as pd

from passives_lib.findings._findings import theme_findings
from passives_lib.findings._quick_wins import PROJECT_NOTE, quick_wins
from tests.findings.test_findings import findings_for_wins, rows_for, window


def test_a_planted_high_effort_theme_is_a_project_not_a_quick_win():
    rows = (
        rows_for(0, [7, 7, 8, 8, 8, 6, 7, 8])
        + rows_for(5, [0, 1, 2, 3, 4, 5, 6, 6, 7, 7, 7, 8, 2, 3])  # biggest, unhappiest
        + rows_for(2, [9, 10, 10, 9, 10, 8])
    )
    responses, assignments = window(rows)
    found = theme_findings(responses, assignments, "2026-W45")
    efforts = pd.DataFrame(
        {
            "theme_id": [0, 5, 2],
            "effort": ["low", "high", "medium"],
            "effort_source": ["config: 'x'", "config: 'provisioning'", "default rule"],
        }
    )
    unhappy = int((responses["category"] != "promoter").sum())
    wins, notes = quick_wins(found, len(responses), unhappy, efforts)
    assert wins["theme_id"].tolist() == [0]
    assert set(wins["effort"]) == {"low"}
    project = [n for n in notes if PROJECT_NOTE in n]
    assert len(project) == 1 and "'theme 5' (14 detractors and passives" in project[0]
    assert "config: 'provisioning'" in project[0]


def test_no_project_note_when_three_quick_wins_qualify():
    found, responses = findings_for_wins()
    efforts = pd.DataFrame({"theme_id": [0, 1, 3], "effort": "low", "effort_source": "x"})
    wins, notes = quick_wins(found, len(responses), 20, efforts)
    assert len(wins) == 3 and not any(PROJECT_NOTE in n for n in notes)


def test_only_high_effort_themes_give_no_quick_win_and_say_why():
    found, responses = findings_for_wins()
    efforts = pd.DataFrame({"theme_id": [0, 1, 3], "effort": "high", "effort_source": "x"})
    wins, notes = quick_wins(found, len(responses), 20, efforts)
    assert wins.empty and "no theme qualifies" in notes[-3] and PROJECT_NOTE in notes[-2]
    assert notes[-1].startswith("no more quick wins: the themes raised enough are projects")


def test_a_praise_theme_is_never_a_quick_win_however_raised():
    found, responses = findings_for_wins()
    found["polarity"] = ["praise" if t == 0 else "complaint" for t in found["theme_id"]]
    efforts = pd.DataFrame({"theme_id": [0, 1, 3], "effort": "low", "effort_source": "x"})
    wins, notes = quick_wins(found, len(responses), 20, efforts)
    assert 0 not in wins["theme_id"].tolist() and sorted(wins["theme_id"]) == [1, 3]
    praised = [n for n in notes if "praise (what works, nothing to fix)" in n]
    assert len(praised) == 1 and "'theme 0' (8 detractors and passives)" in praised[0]
    # the same findings without polarities rank theme 0 first, as before
    unmarked, _ = quick_wins(found.drop(columns="polarity"), len(responses), 20, efforts)
    assert unmarked["theme_id"].iloc[0] == 0
