import pandas as pd
import pytest

from passives_lib import add_classification
from passives_lib.core._plan_settings import NEXT_STEPS, PlanSettings
from passives_lib.core._weeks import week_start
from passives_lib.outreach._plan import ContactHistory, plan_week

WEEK = "2026-W46"


def survey(n: int = 40, week_day: str = "2026-11-10", **extra) -> pd.DataFrame:
    segments = ["Enterprise", "SMB", "Consumer", "Public"]
    frame = pd.DataFrame(
        {
            "respondent_id": [f"r{i:03d}" for i in range(n)],
            "score": [7 + (i // 4) % 2 for i in range(n)],
            "comment": ["The delivery tracking email never came, otherwise a solid product"] * n,
            "responded_at": pd.to_datetime([week_day] * n),
            "segment": [segments[i % 4] for i in range(n)],
            "lifetime_value": [float(100 + i) for i in range(n)],
        }
        | extra
    )
    return add_classification(frame)


def history(assignments=(), events=(), fixed=()) -> ContactHistory:
    return ContactHistory(
        assignments=pd.DataFrame(
            list(assignments), columns=["week", "respondent_id", "list", "assignee", "recorded_at"]
        ),
        events=pd.DataFrame(list(events), columns=["respondent_id", "status", "at"]),
        fixed_themes=pd.DataFrame(list(fixed), columns=["theme", "fixed_at"]),
    )


def test_week_start_is_the_iso_monday():
    assert week_start("2026-W46") == pd.Timestamp("2026-11-09")
    assert week_start("2027-W01") == pd.Timestamp("2027-01-04")


def test_call_list_is_the_top_n_and_the_sample_does_not_overlap():
    settings = PlanSettings(capacity=10, management_share=0.25, managers=["Ana", "Ben"])
    plan = plan_week(survey(40), settings, WEEK)
    assert len(plan.pool) == 40
    assert plan.call_list["respondent_id"].tolist() == plan.pool["respondent_id"].head(10).tolist()
    assert (plan.call_list["assignee"] == "front-line team").all()
    assert len(plan.management_sample) == 10
    assert not set(plan.call_list["respondent_id"]) & set(plan.management_sample["respondent_id"])
    assert plan.management_sample["assignee"].value_counts().to_dict() == {"Ana": 5, "Ben": 5}
    for table in plan.lists().values():
        for column in ("respondent_id", "priority", "reason", "next_step", "assignee"):
            assert column in table


def test_management_sample_spreads_across_segments_and_leans_reproducibly():
    settings = PlanSettings(capacity=0, management_share=0.2)
    first = plan_week(survey(80), settings, WEEK).management_sample
    again = plan_week(survey(80), settings, WEEK).management_sample
    pd.testing.assert_frame_equal(first, again)
    assert len(first) == 16
    assert first.groupby(["segment", "lean"]).size().tolist() == [2] * 8
    other_seed = plan_week(
        survey(80), PlanSettings(capacity=0, management_share=0.2, random_state=7), WEEK
    ).management_sample
    assert set(other_seed["respondent_id"]) != set(first["respondent_id"])
    top_scores = plan_week(survey(80), settings, WEEK).pool["respondent_id"].head(16)
    assert set(first["respondent_id"]) != set(top_scores)


def test_everyone_left_out_has_a_reason():
    frame = survey(
        6,
        contact_status=[
            "not_contacted",
            "contacted",
            "no_answer",
            "converted",
            "declined",
            "responded",
        ],
    )
    frame = pd.concat([frame, survey(1, week_day="2026-10-01").assign(respondent_id="old")])
    frame = pd.concat(
        [
            frame,
            add_classification(
                pd.DataFrame(
                    {
                        "respondent_id": ["promo"],
                        "score": [10],
                        "comment": [""],
                        "responded_at": pd.to_datetime(["2026-11-10"]),
                        "segment": ["SMB"],
                        "lifetime_value": [1.0],
                        "contact_status": ["not_contacted"],
                    }
                )
            ),
        ]
    )
    plan = plan_week(frame, PlanSettings(), WEEK)
    reasons = dict(zip(plan.excluded["respondent_id"], plan.excluded["reason"], strict=True))
    assert set(plan.pool["respondent_id"]) == {"r000", "r005"}
    assert reasons["r001"] == reasons["r002"] == "contacted (export), awaiting response"
    assert reasons["r003"] == "already converted (export)"
    assert reasons["r004"] == "declined contact (export)"
    assert reasons["old"] == "response not in 2026-W46 (responded in 2026-W40)"
    assert "promo" not in reasons and "promo" not in set(plan.pool["respondent_id"])


def test_ledger_memory_blocks_a_second_contact_until_they_answer():
    past = history(
        assignments=[
            ("2026-W44", "r000", "call_list", "team", "2026-10-27"),
            ("2026-W44", "r001", "management_sample", "Ana", "2026-10-27"),
            ("2026-W45", "r002", "call_list", "team", "2026-11-02"),
            (WEEK, "r003", "call_list", "team", "2026-11-09"),
        ],
        events=[("r001", "responded", "2026-10-29"), ("r002", "responded", "2026-10-01")],
    )
    plan = plan_week(survey(6), PlanSettings(recontact_after_days=0), WEEK, past)
    reasons = dict(zip(plan.excluded["respondent_id"], plan.excluded["reason"], strict=True))
    assert reasons["r000"] == (
        "on an earlier outreach list (call_list of 2026-W44), awaiting response"
    )
    assert reasons["r002"].startswith("on an earlier outreach list (call_list of 2026-W45)")
    assert "r001" not in reasons  # answered after their assignment
    assert "r003" not in reasons  # this week's own assignment: re-planning is idempotent


def test_someone_who_answered_recently_is_not_due_again_yet():
    past = history(
        events=[("r000", "responded", "2026-10-20"), ("r001", "converted", "2026-01-05")]
    )
    plan = plan_week(survey(2), PlanSettings(recontact_after_days=90), WEEK, past)
    reasons = dict(zip(plan.excluded["respondent_id"], plan.excluded["reason"], strict=True))
    assert reasons == {"r000": "answered a contact on 2026-10-20; due again after 90 days"}


def themed(frame: pd.DataFrame, effort: str = "low") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "respondent_id": frame["respondent_id"],
            "theme_id": 0,
            "theme_label": "tracking / email / order",
            "theme_keywords": [["tracking", "email", "order"]] * len(frame),
            "theme_effort": effort,
        }
    )


def test_incentives_go_to_passives_whose_theme_was_fixed_after_they_answered():
    frame = survey(3)
    frame.loc[2, "responded_at"] = pd.Timestamp("2026-11-13")
    frame = add_classification(frame.drop(columns=["category", "lean", "iso_week"]))
    past = history(
        fixed=[("tracking email", "2026-11-11")],
        assignments=[("2026-W45", "r001", "incentives_due", "team", "2026-11-02")],
    )
    plan = plan_week(frame, PlanSettings(), WEEK, past, themes=themed(frame))
    assert plan.incentives_due["respondent_id"].tolist() == ["r000"]
    assert plan.incentives_due["next_step"].tolist() == [NEXT_STEPS["thank_you"]]
    step = dict(zip(plan.pool["respondent_id"], plan.pool["next_step"], strict=True))
    assert step["r000"] == NEXT_STEPS["thank_you"]
    assert step["r002"] == NEXT_STEPS["fix_and_follow_up"]  # answered after the fix


@pytest.mark.parametrize(
    ("extra", "effort", "expected"),
    [
        ({}, "low", "fix_and_follow_up"),
        (
            {"comment": ["Wonderful friendly staff, always helpful, quick and kind to us"] * 2},
            "high",
            "panel",
        ),
        (
            {
                "usage_current": [1.0, 1.0],
                "usage_previous": [10.0, 10.0],
                "comment": ["meh", "meh"],
            },
            "high",
            "usage_check_in",
        ),
        ({"comment": ["meh", "meh"]}, "high", "voucher"),
    ],
)
def test_next_step_rules(extra, effort, expected):
    frame = survey(2, **extra)
    frame["score"] = 8
    frame["lifetime_value"] = 100.0
    plan = plan_week(
        add_classification(frame.drop(columns=["category", "lean"])),
        PlanSettings(),
        WEEK,
        themes=themed(frame, effort),
    )
    assert set(plan.pool["next_step"]) == {NEXT_STEPS[expected]}


def test_configured_wording_replaces_a_next_step():
    settings = PlanSettings(next_steps={"fix_and_follow_up": "Fix it, then ring them"})
    frame = survey(2)
    plan = plan_week(frame, settings, WEEK, themes=themed(frame))
    assert set(plan.pool["next_step"]) == {"Fix it, then ring them"}


def test_panel_invites_are_articulate_balanced_and_not_already_called():
    frame = survey(
        4,
        comment=[
            "Good product, though the reports page could load faster",
            "ok",
            "Absolutely amazing wonderful fantastic perfect brilliant love love love it",
            "Good product but the export needs a fix",
        ],
    )
    plan = plan_week(frame, PlanSettings(capacity=1, management_share=0), WEEK)
    invited = set(plan.panel_invites["respondent_id"])
    called = set(plan.call_list["respondent_id"])
    assert len(called) == 1
    assert invited == {"r000", "r003"} - called  # not "ok", not pure praise, not called


def test_default_week_is_the_latest_and_dates_are_needed():
    frame = pd.concat(
        [survey(2), survey(2, week_day="2026-11-17").assign(respondent_id=["x1", "x2"])]
    )
    assert plan_week(frame, PlanSettings()).week == "2026-W47"
    no_dates = survey(2)
    no_dates["iso_week"] = None
    with pytest.raises(ValueError, match="needs response dates"):
        plan_week(no_dates, PlanSettings())
