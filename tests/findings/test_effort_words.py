"""Effort read from what a theme is about: its name, keywords and member phrases, in English
and French, so that a renamed theme keeps its effort and a French theme gets its kind."""

import pandas as pd

from passives_lib.themes import theme_efforts


def efforts(**columns) -> pd.DataFrame:
    themes = pd.DataFrame({"theme_id": range(len(columns["label"])), **columns})
    return theme_efforts(themes, None, {}).set_index("theme_id")


def test_member_phrases_give_the_kind_when_the_name_names_none():
    found = efforts(
        label=["never heard back", "never heard back"],
        keywords=[["heard", "back"], ["heard", "back"]],
        representative_comments=[
            ["no confirmation email after I ordered", "the tracking sms never came"],
            [],
        ],
    )
    assert found.loc[0, "effort"] == "low" and found.loc[0, "issue_kind"] == "message"
    assert found.loc[0, "effort_source"] == (
        "issue kind: a message or notification ('tracking', 'email', 'sms')"
    )
    assert found.loc[1, "effort_source"] == "no issue kind recognised in its words"


def test_a_renamed_theme_keeps_its_effort():
    members = ["the invoice was wrong", "I was charged twice"]
    found = efforts(
        label=["invoice / charged", "money taken twice"],  # the analyst renamed it
        keywords=[["invoice", "charged"], ["invoice", "charged"]],
        representative_comments=[members, members],
    )
    assert (found["issue_kind"] == "billing").all() and (found["effort"] == "low").all()


def test_member_phrases_as_written_in_themes_csv():
    found = efforts(
        label=["late"],
        keywords=["eta; late"],
        representative_comments=["the app crashed | the app froze at login"],
    )
    # app and login (a website or app fix) against crash (the product): two words to one
    assert found.loc[0, "issue_kind"] == "web_app"


def test_french_themes_get_their_kind():
    found = efforts(
        label=["trop élevés", "pas reçu mes coupons", "trop d'attente", "panneaux"],
        keywords=[
            ["prix", "élevés", "concurrence"],
            ["mail", "courriel", "points"],
            ["attente", "caisses"],
            ["étiquettes", "affichage"],
        ],
    )
    assert found["effort"].tolist() == ["high", "low", "medium", "low"]
    assert found["issue_kind"].tolist() == ["infrastructure", "message", "process", "wording"]
    assert "'prix'" in found.loc[0, "effort_source"]


def test_a_word_is_matched_whole_not_inside_another_language_s_word():
    # "signaler" (to report) is not "sign" (signage); "significant" neither
    found = efforts(label=["rien à signaler"], keywords=[["significant", "signaler"]])
    assert found.loc[0, "effort_source"] == "no issue kind recognised in its words"


def test_the_config_s_words_read_the_name_and_keywords_only():
    themes = pd.DataFrame(
        {
            "theme_id": [0],
            "label": ["slow replies"],
            "keywords": [["slow", "replies"]],
            "representative_comments": [["they never replied to my email"]],
        }
    )
    configured = theme_efforts(themes, None, {"high": ["email"]}).iloc[0]
    assert configured["effort_source"] != "config: 'email'"
    assert configured["issue_kind"] == "message"


def test_a_defect_in_the_app_is_the_product_a_broken_link_a_website_fix():
    """What went wrong decides, not where: a crashing, buggy app is a product defect."""
    found = efforts(
        label=["app crashes", "link is broken on the app"],
        keywords=[["app", "crashes", "buggy"], ["link", "app", "page"]],
        representative_comments=[["Buggy app, it crashes all the time"], ["the help link 404s"]],
    )
    assert found.loc[0, "issue_kind"] == "infrastructure" and found.loc[0, "effort"] == "high"
    assert found.loc[1, "issue_kind"] == "web_app" and found.loc[1, "effort"] == "low"


def test_a_battery_that_will_not_hold_a_charge_is_the_product_not_billing():
    found = efforts(
        label=["battery dies way too fast", "charged twice"],
        keywords=[["battery", "charge"], ["charged", "twice"]],
        representative_comments=[["the battery won't hold a charge", "it overheats"], []],
    )
    assert found.loc[0, "issue_kind"] == "infrastructure" and found.loc[0, "effort"] == "high"
    assert found.loc[1, "issue_kind"] == "billing"  # a charge on the bill still is billing
