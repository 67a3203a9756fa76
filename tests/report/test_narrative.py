"""The report's sentences follow the numbers: direction, significance, missing data."""

import math

import pandas as pd
import pytest

from passives_lib import nps_table, weekly_nps
from passives_lib.report._narrative import (
    data_quality_sentence,
    findings_sentence,
    headline_sentence,
    passives_sentence,
    plan_sentence,
    quick_win_sentence,
    signed,
)


def responses(weeks: dict[str, list[int]]) -> pd.DataFrame:
    rows = [(week, score) for week, scores in weeks.items() for score in scores]
    frame = pd.DataFrame(rows, columns=["iso_week", "score"])
    return frame


def test_headline_reports_a_significant_rise_with_its_numbers():
    weekly = weekly_nps(
        responses({"2026-W45": [0] * 60 + [10] * 40, "2026-W46": [0] * 20 + [10] * 80})
    )
    text = headline_sentence(weekly)
    assert text.startswith("NPS in 2026-W46 was +60.0 (95% margin +/-")
    assert "100 responses: 80 promoters, 0 passives, 20 detractors" in text
    assert "up 80.0 points on 2026-W45, a significant change (p = 0.000)" in text


def test_headline_says_when_a_fall_is_within_the_noise():
    weekly = weekly_nps(
        responses(
            {
                "2026-W45": [10] * 16 + [7] * 10 + [3] * 14,
                "2026-W46": [10] * 15 + [7] * 10 + [3] * 15,
            }
        )
    )
    text = headline_sentence(weekly, "2026-W46")
    assert "down 5.0 points on 2026-W45, within the noise: not a significant change" in text
    assert "Caution: margin of +/-26.8 points is wider than 15: read with care." in text


def test_headline_compares_with_the_previous_week_present_and_handles_the_first_week():
    weekly = weekly_nps(responses({"2026-W40": [10] * 40, "2026-W46": [0] * 40}))
    assert "on 2026-W40" in headline_sentence(weekly, "2026-W46")
    first = headline_sentence(weekly, "2026-W40")
    assert "NPS in 2026-W40 was +100.0" in first
    assert "no earlier week to compare it with" in first
    assert headline_sentence(weekly, "2026-W41") == (
        "No responses in 2026-W41, so there is no NPS for that week."
    )


def test_headline_of_an_undated_survey_uses_the_overall_nps():
    overall = nps_table(pd.DataFrame({"score": [10, 9, 8, 2]})).iloc[0]
    text = headline_sentence(None, None, overall)
    assert text.startswith("Overall NPS is +25.0")
    assert "4 responses: 2 promoters, 1 passives, 1 detractors" in text
    assert "no weekly figure or week-over-week change: the survey has no response dates" in text
    assert "Caution: only 4 responses (under 30): too few to read." in text


def test_signed_formats_missing_values_as_not_available():
    assert signed(None) == "n/a"
    assert signed(math.nan) == "n/a"
    assert signed(0.04, 2) == "+0.04"


def test_passives_sentence_names_the_lean_and_the_segment():
    counts = {"respondents": 100, "passives": 30, "sevens": 20, "eights": 10}
    by_segment = pd.DataFrame(
        {"respondents": [40, 60, 5], "share_passives": [0.5, 0.2, 0.9]},
        index=["Enterprise", "Consumer", "Tiny"],
    )
    text = passives_sentence(counts, "in 2026-W46", by_segment)
    assert "Passives were 30 of 100 respondents in 2026-W46 (30.0%)" in text
    assert "10 eights, who lean promoter, and 20 sevens, who lean detractor" in text
    assert "Most lean detractor" in text
    # Tiny has the highest share but too few respondents to read.
    assert "largest share of passives is Enterprise (50% of 40)" in text


def test_passives_sentence_without_passives_or_responses_or_segments():
    assert passives_sentence({"respondents": 0, "passives": 0}, "in 2026-W46") == (
        "No responses in 2026-W46."
    )
    assert passives_sentence({"respondents": 5, "passives": 0}, "in 2026-W46") == (
        "No passives among the 5 respondents in 2026-W46."
    )
    one_segment = pd.DataFrame({"respondents": [50], "share_passives": [0.4]}, index=["all"])
    text = passives_sentence(
        {"respondents": 50, "passives": 20, "sevens": 10, "eights": 10},
        "over every response",
        one_segment,
    )
    assert "split evenly" in text
    assert "segment" not in text


def findings_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["price", "tracking", "praise"],
            "detractors": [10, 2, 0],
            "passives_7": [2, 9, 0],
            "passives_8": [1, 9, 1],
            "promoters": [3, 1, 30],
            "lift_unhappy": [2.0, 9.5, 0.1],
            "nps_impact": [-4.2, -1.0, 3.0],
        }
    )


def test_findings_sentence_names_the_most_raised_and_the_most_costly_theme():
    text = findings_sentence(findings_frame(), "the 13 weeks up to 2026-W46", 1234)
    assert text.startswith("Over the 13 weeks up to 2026-W46 (1,234 responses)")
    assert "fall into 3 themes" in text
    assert "raise 'tracking' most (20 times, 9.5x as often as promoters)" in text
    assert "'price' costs the most NPS (-4.2 points)" in text
    assert "no theme was found" in findings_sentence(findings_frame().iloc[:0], "x", 3)
    assert "fall into 1 theme." in findings_sentence(findings_frame().iloc[:1], "x", 3)


def test_quick_win_sentence_and_its_absence():
    win = pd.Series(
        {"theme_label": "invoice / pdf", "reach": 0.084, "nps_upside": 3.96, "effort": "medium"}
    )
    text = quick_win_sentence(win, 2)
    assert text.startswith("Quick win 2: 'invoice / pdf', raised by 8% of the detractors")
    assert "+4.0 NPS points" in text
    assert text.endswith("medium effort.")
    assert quick_win_sentence(None, 3).startswith("No theme qualifies as quick win 3")


PLAN = {
    "week": "2026-W46",
    "eligible": 1200,
    "call_list": 25,
    "capacity": 25,
    "management_sample": 120,
    "management_share": 0.1,
    "managers": ["Ana", "Ben", "Cy"],
    "panel_invites": 10,
    "incentives_due": 3,
    "recorded": 158,
    "dry_run": False,
}


def test_plan_sentence_counts_and_ledger_state():
    text = plan_sentence(PLAN)
    assert text.startswith("Plan for 2026-W46: 1,200 eligible passives; 25 on the front")
    assert "120 for management (10% of the pool, shared by Ana, Ben and Cy)" in text
    assert "10 panel invitations and 3 incentives due" in text
    assert text.endswith("158 new assignment(s) were recorded in the contact ledger.")
    assert plan_sentence(PLAN | {"recorded": 0}).endswith("nothing new recorded.")
    assert plan_sentence(PLAN | {"dry_run": True}).endswith(
        "Dry run: nothing was recorded in the contact ledger."
    )


def test_plan_sentence_without_a_plan_says_why():
    assert plan_sentence(None, "the survey has no response dates") == (
        "No outreach plan this time: the survey has no response dates."
    )


@pytest.mark.parametrize(
    ("reasons", "expected"),
    [
        ({}, "Read 200 rows: 190 accepted, 10 rejected (5.0%)."),
        (
            {"score is blank": 7, "score is not a number": 3},
            "Read 200 rows: 190 accepted, 10 rejected (5.0%). Most common reason: score is blank "
            "(7 rows).",
        ),
    ],
)
def test_data_quality_sentence(reasons, expected):
    summary = {
        "rows_read": 200,
        "rows_accepted": 190,
        "rows_rejected": 10,
        "rejection_reasons": reasons,
    }
    assert data_quality_sentence(summary) == expected
