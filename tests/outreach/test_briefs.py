import re

import pandas as pd
import pytest

from passives_lib.config import SITUATIONS, BriefSettings, config_from_dict
from passives_lib.core import ConfigError
from passives_lib.outreach import (
    briefs_frame,
    build_briefs,
    call_brief_column,
    fixed_theme_dates,
    question_bank,
)
from passives_lib.outreach._briefs import FRONT_LINE_AIM, MANAGER_AIM

HOSTILE = (
    "<script>alert(1)</script> Call me on +44 20 7946 0123 or jo.b@example.com, "
    "see https://evil.example/x <img src=x onerror=alert(2)>"
)


def rows(**extra) -> pd.DataFrame:
    base = {
        "respondent_id": ["r1", "r2", "r3", "r4"],
        "score": [7, 8, 8, 7],
        "lean": ["leans detractor", "leans promoter", "leans promoter", "leans detractor"],
        "comment": ["Installation took ages", "The tracking email never came", HOSTILE, ""],
        "theme_id": [3, 5, 5, -2],
        "theme_label": ["installation / setup", "tracking / email", "tracking / email", ""],
        "theme_effort": ["medium", "low", "low", None],
        "responded_at": pd.to_datetime(["2026-11-10"] * 4),
        "usage_current": [10, 50, 50, 20],
        "usage_previous": [40, 50, 50, 20],
        "features_purchased": [5, 2, 2, 4],
        "features_used": [1, 2, 2, 1],
        "strategy_testimonial": [0.1, 0.7, 0.2, 0.0],
        "next_step": ["Call to hear their story"] * 4,
        "assignee": ["front-line team"] * 4,
    }
    return pd.DataFrame(base | extra)


def test_questions_mention_the_theme_or_the_unused_features():
    briefs = build_briefs(rows(), "call_list")
    assert [len(b.questions) for b in briefs] == [3, 3, 3, 3]
    for brief, label in zip(briefs, rows()["theme_label"], strict=True):
        text = " ".join(brief.questions)
        if label:
            assert label in text
        if brief.unused_features:
            count = brief.unused_features.split(" of the ")[0]
            assert f"{count} of your " in text  # the question speaks to the customer
    assert briefs[0].unused_features == "4 of the 5 features they bought"  # to the caller
    assert "your" not in briefs[0].one_line().split("ask:")[0]
    assert "your" not in briefs[0].as_text().split("Ask:")[0]
    assert briefs[0].usage_change == "usage down 75% (40 -> 10)"
    assert "usage_drop" not in briefs[0].situations  # three slots used by theme, bank, features
    assert briefs[1].usage_change == "usage unchanged (50 -> 50)"
    assert briefs[3].theme == ""  # a non-answer has no theme
    assert briefs[3].situations[0] == "unused_features"
    assert "testimonial" in briefs[1].situations


def test_named_features_and_usage_drop_without_theme():
    frame = rows(
        features_purchased=["analytics; exports"] * 4,
        features_used=["exports"] * 4,
        theme_id=[-1] * 4,
    )
    brief = build_briefs(frame, "call_list")[0]
    assert brief.theme == ""
    assert brief.unused_features == "analytics"
    assert "analytics" in brief.questions[0]
    assert brief.situations[:2] == ("unused_features", "usage_drop")
    assert "75%" in brief.questions[1]


def test_a_fixed_theme_shows_as_fixed_with_its_date_and_asks_whether_the_fix_reached_them():
    briefs = build_briefs(rows(), "call_list", {5: "2026-11-12", 3: "2026-11-01"})
    assert briefs[1].fixed_on == "2026-11-12"
    assert briefs[1].situations[0] == "fixed"
    assert "2026-11-12" in briefs[1].questions[0] and "tracking / email" in briefs[1].questions[0]
    # fixed before they answered: still fixed, and the caller checks the fix reached them
    assert briefs[0].fixed_on == "2026-11-01" and briefs[0].situations[0] == "fixed"
    for brief in briefs[:2]:
        assert "reach" in brief.questions[0]
        assert "ask whether the fix reached them" in brief.one_line()
    assert "fixed on 2026-11-12: ask whether the fix reached them" in briefs[1].one_line()
    assert "not fixed yet" not in " ".join(b.as_text() for b in briefs)
    assert briefs[1].aim == (
        "Tell them their issue (tracking / email) was fixed on 2026-11-12, then find out what "
        "would make them recommend us."
    )
    assert briefs[3].aim == FRONT_LINE_AIM == "Find out what would make them recommend us."


def test_managers_briefs_say_hear_the_story_not_sell():
    briefs = build_briefs(rows(), "management_sample")
    assert all(b.aim == MANAGER_AIM and "not sell" in b.aim for b in briefs)
    assert "not sell" not in build_briefs(rows(), "call_list")[0].aim
    with pytest.raises(ValueError, match="panel_invites"):
        build_briefs(rows(), "panel_invites")
    with pytest.raises(ValueError, match=r"\['comment'\]"):
        build_briefs(rows().drop(columns="comment"), "call_list")


def test_no_personal_data_or_markup_in_any_brief():
    frame = rows(theme_label=["<b>setup</b>", "tracking", HOSTILE, ""])
    briefs = build_briefs(frame, "call_list")
    table = briefs_frame(briefs)
    texts = [*call_brief_column(briefs), *(b.as_text() for b in briefs)]
    texts += table.astype(str).to_numpy().ravel().tolist()
    for text in texts:
        assert "<" not in text and ">" not in text.replace("->", "")
        assert "7946" not in text and "@example" not in text and "https://" not in text
    assert "[phone]" in briefs[2].wrote and "[email]" in briefs[2].wrote
    assert "[link]" in briefs[2].wrote
    assert list(table.columns)[:3] == ["respondent_id", "list_name", "assignee"]


def test_briefs_are_deterministic_and_vary_between_people():
    first = build_briefs(rows(), "call_list")
    assert first == build_briefs(rows(), "call_list")
    many = rows(respondent_id=["a1", "b2", "c3", "d4"], theme_id=[3, 3, 3, 3])
    many["theme_label"] = "installation / setup"
    assert len({b.questions[0] for b in build_briefs(many, "call_list")}) > 1


def test_config_extends_the_bank_before_the_defaults():
    config = config_from_dict(
        {
            "briefs": {
                "situations": {"theme": ["What happened with {theme}?"]},
                "themes": {3: ["Who did you speak to during setup?"]},
                "theme_words": {"tracking email": ["Which order was it?"]},
            }
        }
    )
    bank = question_bank(config.briefs)
    assert bank.for_situation("theme")[0] == "What happened with {theme}?"
    assert len(bank.for_situation("theme")) > 1  # the defaults are kept
    assert bank.for_theme(3, "installation / setup")[0] == "Who did you speak to during setup?"
    assert "Which order was it?" in bank.for_theme(9, "Tracking / e-mail / email")
    assert "Which order was it?" not in bank.for_theme(9, "tracking / order")
    brief = build_briefs(rows(), "call_list", bank=bank)[0]
    assert "Who did you speak to during setup?" in brief.questions


def test_config_replaces_the_bank():
    situations = {s: [f"{s} {{theme}} {{features}}?"] for s in SITUATIONS}
    bank = question_bank(BriefSettings(replace=True, situations=situations))
    assert bank.for_situation("general") == ("general {theme} {features}?",)
    assert bank.for_theme(5, "tracking / email") == ()
    brief = build_briefs(rows(), "call_list", bank=bank)[1]
    assert brief.questions[0] == "theme tracking / email ?"


@pytest.mark.parametrize(
    ("briefs", "message"),
    [
        ({"replace": "yes"}, r"briefs.replace must be true or false, got 'yes'"),
        ({"situations": {"chat": ["Hi?"]}}, r"got unknown situations \['chat'\]"),
        (
            {"situations": {"theme": ["How was it?"]}},
            r"situations.theme\[0\] must be a question naming \{theme\}, got 'How was it\?'",
        ),
        (
            {"situations": {"general": ["Hi {name}?"]}},
            r"general\[0\] must be a question with placeholders among",
        ),
        ({"situations": {"general": ["Hi {theme?"]}}, r"braces pair up"),
        (
            {"situations": {"general": []}},
            r"general must be a non-empty list of questions, got \[\]",
        ),
        (
            {"themes": {"tracking": ["Which order?"]}},
            r"briefs.themes must have theme ids \(whole numbers\) as keys, got \['tracking'\]",
        ),
        ({"replace": True, "situations": {"general": ["Hi?"]}}, r"missing \['fixed', 'theme'"),
        ({"colour": "red"}, r"unknown key\(s\) under 'briefs': \['colour'\]"),
    ],
)
def test_briefs_config_is_validated(briefs, message):
    with pytest.raises(ConfigError, match=message):
        config_from_dict({"briefs": briefs})


def test_fixed_theme_dates_match_names_as_the_plan_does():
    themes = pd.DataFrame(
        {
            "theme_id": [5, 5, 3],
            "theme_label": ["tracking / email", "tracking / email", "installation"],
            "theme_keywords": [["order"], ["order"], []],
        }
    )
    fixed = pd.DataFrame(
        {"theme": ["tracking order", "Tracking / Email"], "fixed_at": ["2026-11-02", "2026-11-05"]}
    )
    assert fixed_theme_dates(themes, fixed) == {5: pd.Timestamp("2026-11-05")}
    assert fixed_theme_dates(themes, fixed.iloc[:0]) == {}


def test_default_bank_questions_are_open():
    bank = question_bank()
    questions = [q for s in SITUATIONS for q in bank.for_situation(s)]
    assert all(q.endswith("?") for q in questions)
    closed = re.compile(r"^(is|are|do|does|did|was|were)\b", re.IGNORECASE)
    assert not [q for q in questions if closed.match(q)]
