import numpy as np
import pandas as pd
import pytest

from passives_lib.config import PROFILES, PlanSettings, config_from_dict
from passives_lib.core import ConfigError
from passives_lib.outreach._priority import (
    easy_fix_score,
    engagement_score,
    prioritise,
    score_score,
    segment_score,
    strategy_scores,
    value_score,
)
from passives_lib.outreach._priority import testimonial_score as likely_testimonial
from passives_lib.themes._effort import issue_kinds, theme_efforts


def pool(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    base = {"respondent_id": [f"r{i}" for i in range(n)], "score": [8] * n, "comment": [""] * n}
    return pd.DataFrame(base | columns)


def test_value_is_a_percentile_within_the_pool():
    scores = value_score(pool(lifetime_value=[10.0, 1000.0, 100.0, np.nan]))
    assert scores.tolist() == [pytest.approx(1 / 3), 1.0, pytest.approx(2 / 3), 0.0]
    assert value_score(pool(score=[7, 8])) is None


def test_eights_score_above_sevens():
    assert score_score(pool(score=[8, 7])).tolist() == [1.0, 0.5]


def test_easy_fix_follows_effort():
    scores = easy_fix_score(pool(theme_effort=["low", "medium", "high", None]))
    assert scores.tolist() == [1.0, 0.5, 0.0, 0.0]
    assert easy_fix_score(pool(score=[8])) is None


def test_segment_weights_are_scaled_by_the_largest():
    settings = PlanSettings(
        segment_weights={"Enterprise": 2.0, "SMB": 1.0}, default_segment_weight=0.5
    )
    scores = segment_score(pool(segment=["Enterprise", "SMB", "Consumer"]), settings)
    assert scores.tolist() == [1.0, 0.5, 0.25]
    assert segment_score(pool(segment=["SMB"]), PlanSettings()) is None


def test_testimonial_rewards_praise_an_eight_and_words():
    frame = pool(
        score=[8, 7, 7],
        comment=[
            "Wonderful friendly team, always helpful and quick to answer us",
            "Terrible, slow and rude",
            "",
        ],
    )
    scores = likely_testimonial(frame)
    assert scores[0] > 0.8
    assert scores[1] == 0.0 and scores[2] == 0.0


def test_engagement_takes_the_larger_of_drop_and_unused_features():
    frame = pool(
        usage_current=[5.0, 10.0, 10.0],
        usage_previous=[10.0, 5.0, 0.0],
        features_purchased=[4, 4, 0],
        features_used=[4, 1, 0],
    )
    assert engagement_score(frame).tolist() == [0.5, 0.75, 0.0]
    assert engagement_score(pool(score=[8])) is None


def test_missing_strategies_are_left_out_and_said():
    scores, notes = strategy_scores(pool(score=[8, 7]), PlanSettings())
    assert list(scores.columns) == ["score", "testimonial"]
    assert "strategy 'value' left out: no lifetime_value column" in notes
    assert "strategy 'engagement' left out: no usage columns" in notes


def test_priority_is_the_weighted_mean_and_reasons_name_the_top_contributions():
    frame = pool(score=[8, 7, 7], lifetime_value=[50.0, 900.0, 10.0])
    settings = PlanSettings(weights={"testimonial": 0})
    ranked, notes = prioritise(frame, settings)
    assert ranked["respondent_id"].tolist() == ["r0", "r1", "r2"]
    expected = {"r0": (2 / 3 + 1.0) / 2, "r1": (1.0 + 0.5) / 2, "r2": (1 / 3 + 0.5) / 2}
    for _, row in ranked.iterrows():
        assert row["priority"] == pytest.approx(expected[row["respondent_id"]], abs=1e-6)
    assert ranked.loc[ranked["respondent_id"] == "r1", "reason"].item() == (
        "lifetime value in top 10%; scored 7"
    )
    assert "weights value 1, score 1" in notes[-1]


def test_profiles_change_the_order():
    frame = pool(
        score=[8, 7],
        lifetime_value=[10.0, 1000.0],
        usage_current=[10.0, 10.0],
        usage_previous=[10.0, 10.0],
    )
    by_score = prioritise(frame, PlanSettings(profile="advocacy"))[0]
    by_value = prioritise(frame, PlanSettings(profile="value"))[0]
    assert by_score["respondent_id"].iloc[0] == "r0"
    assert by_value["respondent_id"].iloc[0] == "r1"
    assert set(PROFILES) == {"balanced", "value", "quick_fix", "advocacy", "retention"}


def test_priority_is_within_zero_and_one_whatever_the_weights():
    rng = np.random.default_rng(0)
    frame = pool(
        score=rng.choice([7, 8], 50).tolist(), lifetime_value=rng.lognormal(size=50).tolist()
    )
    ranked, _ = prioritise(frame, PlanSettings(weights={"value": 7.5, "score": 0.1}))
    assert ranked["priority"].between(0, 1).all()
    assert ranked["priority"].is_monotonic_decreasing


def test_effort_from_config_words_else_what_the_theme_is_about():
    themes = pd.DataFrame(
        {
            "theme_id": [0, 1, 2, 3, 4, 5, 6],
            "label": [
                "tracking / email",
                "price / expensive",
                "app / crash",
                "setup / wizard",
                "invoice / refund",
                "add an integration",
                "lovely colours",
            ],
            "keywords": [["tracking", "email"], ["price"], ["app"], ["setup"], [], ["salesforce"],
                         []],
        }
    )  # fmt: skip
    efforts = theme_efforts(themes, None, {"high": ["crash"]}).set_index("theme_id")
    assert efforts.loc[0, "effort"] == "low"
    assert efforts.loc[0, "effort_source"] == (
        "issue kind: a message or notification ('tracking', 'email')"
    )
    assert efforts.loc[1, "effort"] == "high" and efforts.loc[1, "issue_kind"] == "infrastructure"
    assert efforts.loc[2, "effort"] == "high" and efforts.loc[2, "effort_source"] == (
        "config: 'crash'"
    )
    assert (
        efforts.loc[3, "effort"] == "medium"
        and "process or staffing" in efforts.loc[3, "effort_source"]
    )
    assert (
        efforts.loc[4, "effort"] == "low"
        and "billing correction" in efforts.loc[4, "effort_source"]
    )
    assert efforts.loc[5, "effort"] == "high"  # an integration is a project
    assert efforts.loc[6, "effort"] == "medium"
    assert efforts.loc[6, "effort_source"] == "no issue kind recognised in its words"
    # a tie between an app fix (low) and a crash (high) goes to the harder kind
    tie = theme_efforts(themes.iloc[[2]], None, {}).iloc[0]
    assert tie["effort"] == "high"
    # the vocabulary is editable: the config changes a kind or adds one
    kinds = issue_kinds({"colours": {"effort": "low", "label": "a colour scheme",
                                     "words": ["colour*"]}})  # fmt: skip
    edited = theme_efforts(themes.iloc[[6]], None, {}, kinds).iloc[0]
    assert (edited["effort"], edited["effort_source"]) == (
        "low", "issue kind: a colour scheme ('colour')"
    )  # fmt: skip


def test_issue_kinds_in_the_config_are_checked():
    config = config_from_dict({"plan": {"issue_kinds": {"billing": {"effort": "medium"}}}})
    assert config.plan.issue_kinds == {"billing": {"effort": "medium"}}
    with pytest.raises(ConfigError, match=r"plan.issue_kinds.billing.effort must be one of"):
        config_from_dict({"plan": {"issue_kinds": {"billing": {"effort": "tiny"}}}})
    with pytest.raises(ConfigError, match=r"retries must be a whole number between 0 and 10"):
        config_from_dict({"plan": {"contact_policy": {"retries": -1}}})
    policy = config_from_dict({"plan": {"contact_policy": {"retries": 1}}}).plan.contact_policy
    assert (policy.retries, policy.retry_after_days, policy.max_attempts) == (1, 7, 2)


def test_reasons_speak_plainly_about_each_strategy():
    frame = pool(
        score=[7, 7],
        lifetime_value=[1.0, 1.0],
        usage_current=[2.0, 10.0],
        usage_previous=[10.0, 10.0],
        features_purchased=[4, 6],
        features_used=[4, 2],
        theme_label=["tracking / email", "price"],
        theme_effort=["low", "high"],
    )
    settings = PlanSettings(weights={"value": 0, "testimonial": 0, "score": 0.1})
    ranked, _ = prioritise(frame, settings)
    reasons = dict(zip(ranked["respondent_id"], ranked["reason"], strict=True))
    assert reasons["r0"] == "'tracking / email' issue is a quick fix; usage down 80%; scored 7"
    assert reasons["r1"] == "uses 2 of 6 purchased features; scored 7"


def test_a_single_segment_leaves_the_segment_strategy_out():
    settings = PlanSettings(segment_weights={"Enterprise": 1.0})
    scores, notes = strategy_scores(pool(segment=["all", "all"]), settings)
    assert "segment" not in scores
    assert any(note.startswith("strategy 'segment' left out") for note in notes)


def test_testimonial_only_for_real_praise():
    from passives_lib.outreach._priority import testimonial_score

    pool = pd.DataFrame(
        {
            "comment": [
                ".",
                "Delay in istallation only complaint",
                "Delays, broken parts and nobody answers the phone when we call you",
                "Wonderful team, friendly and helpful, we would happily recommend you to anyone",
            ],
            "score": [8, 8, 8, 8],
        }
    )
    scores = testimonial_score(pool)
    assert scores[:3].tolist() == [0.0, 0.0, 0.0]
    assert scores[3] > 0.8
