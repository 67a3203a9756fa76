"""Callers of the config (plan.callers): validation, and the call list split between them."""

import pandas as pd
import pytest

from passives_lib.config import Caller, PlanSettings, config_from_dict
from passives_lib.core import ConfigError
from passives_lib.outreach._callers import customer_languages, split_calls
from passives_lib.outreach._plan import plan_week
from tests.outreach.test_plan import WEEK, survey


def pool(segments: list[str], comments: list[str] | None = None) -> pd.DataFrame:
    n = len(segments)
    return pd.DataFrame(
        {
            "respondent_id": [f"r{i}" for i in range(n)],
            "priority": [1 - i / 100 for i in range(n)],
            "segment": segments,
            "comment": comments or ["the delivery was late"] * n,
        }
    )


def test_callers_are_validated_in_the_config_error_form():
    plan = config_from_dict(
        {
            "plan": {
                "callers": [
                    {"name": "Dana", "capacity": 6, "segments": ["Enterprise"]},
                    {"name": "Eli", "capacity": 9, "languages": ["fr"], "crm_user": "eli@x.org"},
                ]
            }
        }
    ).plan
    assert plan.callers == [
        Caller("Dana", 6, segments=("Enterprise",)),
        Caller("Eli", 9, languages=("fr",), crm_user="eli@x.org"),
    ]
    assert plan.call_capacity == 15 and plan.callers[1].owner == "eli@x.org"
    assert config_from_dict({}).plan.callers == []
    assert config_from_dict({"plan": {"capacity": 4}}).plan.call_capacity == 4
    bad = {
        "plan.callers must be a list of callers": {"name": "Dana"},
        r"plan.callers\[0\] must be a mapping with name and capacity, got 'Dana'": ["Dana"],
        r"plan.callers\[0\] needs a capacity": [{"name": "Dana"}],
        r"plan.callers\[0\].capacity must be a whole number >= 0, got 'six'": [
            {"name": "Dana", "capacity": "six"}
        ],
        r"unknown key\(s\) under 'plan.callers\[0\]': \['segment'\]": [
            {"name": "Dana", "capacity": 1, "segment": ["SMB"]}
        ],
        r"plan.callers\[1\].name must differ from every other caller's name, got 'dana'": [
            {"name": "Dana", "capacity": 1},
            {"name": "dana", "capacity": 2},
        ],
        r"plan.callers\[0\].segments must be a non-empty list of names, got 'SMB'": [
            {"name": "Dana", "capacity": 1, "segments": "SMB"}
        ],
        r"plan.callers\[0\].name must be a non-empty text": [{"name": " ", "capacity": 1}],
    }
    for message, callers in bad.items():
        with pytest.raises(ConfigError, match=message):
            config_from_dict({"plan": {"callers": callers}})


def test_the_split_follows_priority_and_fills_each_capacity_in_proportion():
    calls, notes = split_calls(pool(["SMB"] * 20), [Caller("Ana", 2), Caller("Ben", 6)])
    assert calls["respondent_id"].tolist() == [f"r{i}" for i in range(8)]  # top 8 by priority
    assert calls["assignee"].value_counts().to_dict() == {"Ben": 6, "Ana": 2}
    first_four = calls["assignee"].head(4).tolist()
    assert first_four.count("Ana") == 1  # Ana's share of the top is her share of capacity
    assert notes == ["callers: Ana 2 of 2, Ben 6 of 6"]


def test_a_specialist_takes_their_segment_first_and_nobody_takes_what_fits_no_one():
    segments = ["Enterprise", "SMB", "Enterprise", "SMB", "Enterprise", "Enterprise"]
    callers = [Caller("Gen", 2, segments=("SMB",)), Caller("Ent", 2, segments=("enterprise",))]
    calls, notes = split_calls(pool(segments), callers)
    assert dict(zip(calls["respondent_id"], calls["assignee"], strict=True)) == {
        "r0": "Ent",
        "r1": "Gen",
        "r2": "Ent",
        "r3": "Gen",
    }
    mixed = [Caller("Any", 3), Caller("Ent", 1, segments=("Enterprise",))]
    calls, _ = split_calls(pool(segments), mixed)
    assert calls.set_index("respondent_id")["assignee"].to_dict() == {
        "r0": "Ent",  # the specialist is the better fit for the first Enterprise passive
        "r1": "Any",
        "r2": "Any",
        "r3": "Any",
    }
    only_smb = [Caller("Gen", 3, segments=("SMB",))]
    calls, notes = split_calls(pool(segments), only_smb)
    assert calls["respondent_id"].tolist() == ["r1", "r3"]
    assert "4 passive(s) of higher priority fitted no caller" in notes[1]


def test_languages_come_from_a_language_column_or_the_comment():
    comments = ["Le magasin est trop loin et pas de choix", "The delivery was late again"]
    frame = pool(["SMB", "SMB"], comments)
    assert customer_languages(frame).tolist() == ["fr", "en"]
    assert customer_languages(frame.assign(language=["de", None])).tolist() == ["de", "en"]
    callers = [Caller("Amélie", 1, languages=("fr",)), Caller("Ann", 1, languages=("en",))]
    calls, _ = split_calls(frame, callers)
    assert calls["assignee"].tolist() == ["Amélie", "Ann"]


def test_the_plan_splits_the_call_list_and_keeps_it_the_top_of_the_pool():
    callers = [Caller("Dana", 6), Caller("Eli", 9)]
    settings = PlanSettings(callers=callers, management_share=0.1, managers=["Ana"])
    plan = plan_week(survey(60), settings, WEEK)
    plain = plan_week(survey(60), PlanSettings(capacity=15, management_share=0.1), WEEK)
    assert plan.call_list["respondent_id"].tolist() == plain.call_list["respondent_id"].tolist()
    assert plan.call_list["assignee"].value_counts().to_dict() == {"Eli": 9, "Dana": 6}
    assert plan.call_list["priority"].is_monotonic_decreasing
    assert "callers: Dana 6 of 6, Eli 9 of 9" in plan.notes
    assert any("call list 15 (capacity 15)" in note for note in plan.notes)


def test_a_replan_keeps_each_callers_worked_calls_and_splits_only_the_room_left():
    callers = [Caller("Dana", 3), Caller("Eli", 2)]
    settings = PlanSettings(callers=callers, management_share=0.0, managers=["Ana"])
    first = plan_week(survey(60), settings, WEEK)
    worked = first.call_list[first.call_list["assignee"] == "Dana"].head(2)
    held = worked.assign(list="call_list")[["respondent_id", "list", "assignee"]]
    again = plan_week(survey(60), settings, WEEK, held=held)
    calls = again.call_list
    assert set(worked["respondent_id"]) <= set(calls["respondent_id"])
    kept = calls[calls["respondent_id"].isin(worked["respondent_id"])]
    assert (kept["assignee"] == "Dana").all()
    assert calls["assignee"].value_counts().to_dict() == {"Dana": 3, "Eli": 2}
    assert "callers: Dana 3 of 3, Eli 2 of 2" in again.notes
    # a kept call of someone no longer a caller still counts against the call capacity
    front = held.assign(assignee="front-line team")
    mixed = plan_week(survey(60), settings, WEEK, held=front)
    assert len(mixed.call_list) == 5
    assert mixed.call_list["assignee"].value_counts().to_dict() == {
        "Dana": 2,
        "Eli": 1,
        "front-line team": 2,
    }
    assert "callers: Dana 2 of 3, Eli 1 of 2" in mixed.notes


def test_draw_calls_without_callers_fills_the_capacity_left_for_the_front_line():
    from passives_lib.outreach._plan_lists import FRONT_LINE, draw_calls

    rest = pd.DataFrame({"respondent_id": list("abcdef")})
    kept = pd.DataFrame({"respondent_id": ["z"], "assignee": [FRONT_LINE]})
    drawn, notes = draw_calls(rest, kept, PlanSettings(capacity=4))
    assert drawn["respondent_id"].tolist() == list("abc") and notes == []
    assert (drawn["assignee"] == FRONT_LINE).all()
