import pandas as pd
import pytest

from passives_lib.config import NEXT_STEPS, PlanSettings
from passives_lib.core._weeks import week_start
from passives_lib.outreach._plan import ContactHistory, plan_week
from passives_lib.survey import add_classification

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
    managed = plan.pool["respondent_id"].isin(plan.management_sample["respondent_id"])
    top = plan.pool.loc[~managed, "respondent_id"].head(10).tolist()
    assert plan.call_list["respondent_id"].tolist() == top
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
    assert reasons["old"] == "response older than the 4-week backlog (responded in 2026-W40)"
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
    assert reasons["r000"] == "contacted on 2026-10-26, awaiting response"
    assert reasons["r002"] == "contacted on 2026-11-02, awaiting response"  # answer before
    assert "r001" not in reasons  # answered after their assignment
    assert "r003" not in reasons  # this week's own assignment: re-planning is idempotent


def test_someone_who_answered_recently_is_not_due_again_yet():
    past = history(
        events=[("r000", "responded", "2026-10-20"), ("r001", "converted", "2026-01-05")]
    )
    plan = plan_week(survey(2), PlanSettings(recontact_after_days=90), WEEK, past)
    reasons = dict(zip(plan.excluded["respondent_id"], plan.excluded["reason"], strict=True))
    assert reasons == {
        "r000": "answered a contact on 2026-10-20; due again after 90 days",
        "r001": "already converted",  # final: never proposed again
    }


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
    frame = survey(6)
    frame.loc[2, "responded_at"] = pd.Timestamp("2026-11-13")
    frame = add_classification(frame.drop(columns=["category", "lean", "iso_week"]))
    past = history(
        fixed=[("0", "2026-11-11")],  # by stable theme id
        assignments=[
            ("2026-W45", "r000", "call_list", "team", "2026-11-02"),
            ("2026-W45", "r001", "incentives_due", "team", "2026-11-02"),
            ("2026-W45", "r004", "call_list", "team", "2026-11-02"),
            ("2026-W45", "r005", "call_list", "team", "2026-11-02"),
        ],
        events=[
            ("r000", "responded", "2026-11-03"),
            ("r001", "responded", "2026-11-03"),
            ("r005", "responded", "2026-11-03"),
            ("r005", "declined", "2026-11-04"),
        ],
    )
    plan = plan_week(frame, PlanSettings(), WEEK, past, themes=themed(frame))
    # r001 already had one; r004 never answered; r005 declined; r002, r003 were never asked
    assert plan.incentives_due["respondent_id"].tolist() == ["r000"]
    assert plan.incentives_due["next_step"].tolist() == [NEXT_STEPS["thank_you"]]
    step = dict(zip(plan.pool["respondent_id"], plan.pool["next_step"], strict=True))
    # a fixed theme: say so and ask whether the fix reached them, before or after the answer;
    # no call offers an incentive (only the incentives list does)
    assert step["r003"] == NEXT_STEPS["fix_reached"]
    assert step["r002"] == NEXT_STEPS["fix_reached"]  # answered after the fix
    assert not any("incentive" in text or "voucher" in text for text in step.values())


def test_incentives_need_an_exact_theme_and_respect_capacity():
    frame = survey(4)
    answered = [("2026-W45", f"r00{i}", "call_list", "team", "2026-11-02") for i in range(4)]
    events = [(f"r00{i}", "responded", "2026-11-03") for i in range(4)]
    typo = history(fixed=[("tracking emial", "2026-11-11")], assignments=answered, events=events)
    plan = plan_week(frame, PlanSettings(), WEEK, typo, themes=themed(frame))
    assert plan.incentives_due.empty
    by_name = history(
        fixed=[("Tracking / Email / Order", "2026-11-11")], assignments=answered, events=events
    )
    plan = plan_week(frame, PlanSettings(incentive_capacity=3), WEEK, by_name, themed(frame))
    assert len(plan.incentives_due) == 3


def test_backlog_keeps_uncontacted_passives_for_backlog_weeks():
    frame = pd.concat(
        [
            survey(2, week_day="2026-11-10"),
            survey(2, week_day="2026-10-20").assign(respondent_id=["b0", "b1"]),
            survey(1, week_day="2026-10-12").assign(respondent_id=["too_old"]),
        ],
        ignore_index=True,
    ).assign(lifetime_value=100.0, segment="SMB", score=7)
    frame = add_classification(frame.drop(columns=["category", "lean", "iso_week"]))
    plan = plan_week(frame, PlanSettings(capacity=10, management_share=0), WEEK)
    assert set(plan.pool["respondent_id"]) == {"r000", "r001", "b0", "b1"}
    days = dict(zip(plan.pool["respondent_id"], plan.pool["days_uncontacted"], strict=True))
    assert days == {"r000": 5, "r001": 5, "b0": 26, "b1": 26}
    # same comment and score: this week's answers first where priorities tie
    assert plan.pool["priority"].nunique() == 1
    assert plan.pool["respondent_id"].tolist() == ["r000", "r001", "b0", "b1"]
    reasons = dict(zip(plan.excluded["respondent_id"], plan.excluded["reason"], strict=True))
    assert reasons["too_old"].startswith("response older than the 4-week backlog")


@pytest.mark.parametrize(("pool", "expected"), [(39, 4), (15, 2), (5, 1), (4, 0), (100, 10)])
def test_management_sample_is_drawn_before_the_call_list(pool, expected):
    plan = plan_week(survey(pool), PlanSettings(capacity=100), WEEK)
    assert len(plan.management_sample) == expected
    assert len(plan.call_list) == pool - expected
    ids = [set(t["respondent_id"]) for t in plan.lists().values()]
    assert sum(map(len, ids)) == len(set().union(*ids))


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
        ({"comment": ["meh", "meh"]}, "high", "hear_story"),
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
