import pandas as pd
import pytest

from passives_lib.config import config_from_dict
from passives_lib.core import ConfigError
from passives_lib.outreach import (
    soft_promoter_sentence,
    soft_promoter_trend,
    soft_promoters,
    without_soft_promoters,
    write_soft_promoters,
)
from passives_lib.outreach._soft_cues import normalise, soft_cues


def responses() -> pd.DataFrame:
    rows = [
        ("p1", 9, "it's fine", 50, 50, "2026-W45"),  # faint praise
        ("p2", 10, "ok I suppose", 50, 50, "2026-W46"),  # faint praise, hedging
        ("p3", 10, "n/a", 50, 50, "2026-W46"),  # a non-answer says nothing soft
        ("p4", 9, "Great service, love it, thank you", 10, 50, "2026-W46"),  # usage -80%
        ("p5", 10, "Great service, love it", 40, 50, "2026-W46"),  # -20%: not soft
        ("p6", 10, "", 50, 50, "2026-W46"),  # no comment: absent, not non-committal
        ("p7", 9, "👍", 50, 50, "2026-W46"),  # no letters: not non-committal
        ("p8", 8, "it's fine", 10, 50, "2026-W46"),  # a passive
        ("p9", 9, "It just works, every time.", 35, 50, "2026-W46"),  # VADER 0, -30% exactly
        ("p10", 9, "fine I guess, jo@example.com", 50, 50, "2026-W46"),  # faint, hedging
        ("p11", 10, "Great, but it crashes every single day when I upload", None, 0, "2026-W46"),
    ]
    columns = ["respondent_id", "score", "comment", "usage_current", "usage_previous", "iso_week"]
    return pd.DataFrame(rows, columns=columns)


def test_the_rule_flags_non_committal_comments_and_usage_drops():
    soft = soft_promoters(responses(), usage_drop=0.3)
    assert soft["respondent_id"].tolist() == ["p1", "p2", "p4", "p10", "p11"]
    reasons = dict(zip(soft["respondent_id"], soft["reason"], strict=True))
    assert reasons["p1"] == 'faint praise: "fine"'
    assert reasons["p2"] == 'faint praise: "ok"; hedging: "i suppose"'
    assert reasons["p4"] == "usage down 80% (50 -> 10), more than 30%"
    assert reasons["p11"] == 'complaint: "crashes"'
    assert list(soft.columns) == [
        "respondent_id",
        "iso_week",
        "score",
        "comment",
        "sentiment",
        "usage_change",
        "reason",
    ]
    assert soft.loc[3, "comment"] == "fine I guess, [email]"


def test_the_usage_share_is_configurable():
    soft = soft_promoters(responses(), usage_drop=0.1)
    assert {"p5", "p9"} <= set(soft["respondent_id"])
    assert config_from_dict({}).plan.soft_promoter_usage_drop == 0.3
    assert (
        config_from_dict({"plan": {"soft_promoter_usage_drop": 0.5}}).plan.soft_promoter_usage_drop
        == 0.5
    )
    for bad in (0, 1.5, "a lot", True):
        with pytest.raises(ConfigError, match="plan.soft_promoter_usage_drop must be a number"):
            config_from_dict({"plan": {"soft_promoter_usage_drop": bad}})


def test_without_usage_columns_only_comments_count():
    frame = responses().drop(columns=["usage_current", "usage_previous"])
    assert soft_promoters(frame)["respondent_id"].tolist() == ["p1", "p2", "p10", "p11"]
    assert soft_promoters(frame.iloc[:0]).empty


def test_weekly_trend_and_the_report_sentence():
    frame = responses()
    trend = soft_promoter_trend(frame, soft_promoters(frame))
    assert trend.to_dict(orient="list") == {
        "iso_week": ["2026-W45", "2026-W46"],
        "promoters": [1, 9],
        "soft_promoters": [1, 4],
        "share": [1.0, 0.4444],
    }
    sentence = soft_promoter_sentence(trend, "2026-W46")
    assert sentence.startswith("4 soft promoters in 2026-W46 (44.4% of promoters; 1 in 2026-W45)")
    assert "more than 30%" in sentence
    assert soft_promoter_sentence(trend, "2026-W45").startswith("1 soft promoter in 2026-W45")


def test_soft_promoters_never_reach_a_list_and_are_written_safely(tmp_path):
    frame = responses()
    soft = soft_promoters(frame)
    kept = without_soft_promoters(frame, soft)
    assert not set(kept["respondent_id"]) & set(soft["respondent_id"])
    assert len(kept) == len(frame) - len(soft)
    hostile = frame.assign(comment='=HYPERLINK("http://x") ok')
    path = write_soft_promoters(soft_promoters(hostile.iloc[:1]), tmp_path)
    assert path.name == "soft_promoters.csv"
    text = path.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "http://" not in text
    assert "[link]" in text


PLAIN_PROMOTERS = [  # a broadband week's "lukewarm" promoters before issue 26: all plain
    "Couldn't fault the service so far",
    "I already have recommended it",
    "fast and it doesn't stop working",
    "Value for money n quick delivery",
    "Was able to easily order online",
    "O",
    "n/a",
    "no complaints",
    "Great service, love it",
    "Rien à redire, personnel très agréable",
    "Pour l'instant pas de remarques.",
    "Love this dress, it looks expensive",
    "Although advised it could take 90 mins it arrived in less than 10. Brilliant staff.",
]
SOFT_PROMOTERS = {  # comment: the kind of cue that must be named
    "ok so far": "tentative",
    "So far so good": "tentative",
    "Mostly good": "hedging",
    "fine I suppose": "hedging",
    "Would be a 10 if the app worked": "condition or wish",
    "It would be better if they could give a time schedule": "condition or wish",
    "Good, but a bit pricey": "complaint",
    "Lovely staff. Unfortunately the parking is a nightmare": "complaint",
    "Great, but the app crashes every day": "complaint",
    "Cheaper elsewhere but I stay for the staff": "competitor favoured",
    "Magasin très beau mais des produits 25 pourcent plus chers": "complaint",
    "Dommage, les caissières sont moins aimables": "complaint",
    "Il manque de personnel au rayon arbres": "condition or wish",
    "Globalement plus cher que la concurrence": "competitor favoured",
    "Très bien dans l'ensemble": "hedging",
    "Correct, sans plus": "faint praise",
    "Pas mal pour l'instant": "tentative",
}


@pytest.mark.parametrize("comment", PLAIN_PROMOTERS)
def test_plainly_positive_comments_are_not_soft_whatever_their_length(comment):
    frame = pd.DataFrame({"respondent_id": ["a"], "score": [10], "comment": [comment]})
    assert soft_promoters(frame).empty, soft_cues(comment)


@pytest.mark.parametrize(("comment", "kind"), sorted(SOFT_PROMOTERS.items()))
def test_what_the_comment_says_makes_a_promoter_soft(comment, kind):
    frame = pd.DataFrame({"respondent_id": ["a"], "score": [9], "comment": [comment]})
    soft = soft_promoters(frame)
    assert len(soft) == 1
    assert f"{kind}: " in soft.loc[0, "reason"]


def test_cp850_accents_are_read_back():
    assert normalise("difficult‚ à trouver") == "difficulté à trouver"
    assert soft_cues("Dans la jardinerie, difficult‚ à trouver un employ‚") == [
        'complaint: "difficulté"'
    ]
