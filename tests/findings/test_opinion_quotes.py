"""A finding quotes the opinion that put a comment in the theme, of the theme's polarity."""

import numpy as np
import pandas as pd

from passives_lib.findings._findings import theme_findings
from passives_lib.findings._quotes import agreement, opinion_quotes
from passives_lib.pipeline._findings_run import quoted_opinions
from passives_lib.survey import add_classification
from passives_lib.themes import ThemeModel
from passives_lib.themes._opinions import split_opinions
from tests.tiny_embedding import TinyEncoder

COMMENTS = [
    ("a", 2, "Love the colour but it runs small. Mail jo@example.com"),
    ("b", 7, "It runs small, order a size up"),
    ("c", 8, "Love the colour!"),
    ("d", 10, "Runs small but love the colour"),
]


def _frames():
    responses = add_classification(
        pd.DataFrame(
            {
                "respondent_id": [r for r, _, _ in COMMENTS],
                "score": [s for _, s, _ in COMMENTS],
                "comment": [c for _, _, c in COMMENTS],
                "responded_at": pd.to_datetime("2026-11-03"),
                "segment": "SMB",
            }
        )
    )
    assignments = pd.DataFrame(
        {"respondent_id": ["a", "b", "c", "d"], "theme_id": [0, 0, 1, 0],
         "theme_ids": ["0;1", "0", "1", "0;1"]}
    )  # fmt: skip
    themes = pd.DataFrame(
        {"theme_id": [0, 1], "label": ["runs small", "love the colour"],
         "polarity": ["complaint", "praise"]}
    )  # fmt: skip
    opinions = pd.DataFrame(
        {
            "respondent_id": ["a", "a", "b", "c", "d", "d"],
            "theme_id": [0, 1, 0, 1, 0, 1],
            "opinion": ["it runs small. Mail jo@example.com", "Love the colour", "It runs small",
                        "Love the colour!", "Runs small", "love the colour"],
            "polarity": ["complaint", "praise", "complaint", "praise", "complaint", "praise"],
            "similarity": [0.9, 0.8, 0.7, 0.9, 0.95, 0.6],
        }
    )  # fmt: skip
    return responses, assignments, themes, opinions


def test_quotes_are_the_opinions_of_the_theme_not_whole_comments():
    responses, assignments, themes, opinions = _frames()
    found = theme_findings(responses, assignments, "2026-W45", themes, opinions=opinions)
    quotes = dict(zip(found["theme_id"], found["quotes"], strict=True))
    # the complaint theme: detractors' and passives' opinions about the size, masked
    assert quotes[0] == ["it runs small. Mail [email]", "It runs small"]
    assert not any("colour" in q for q in quotes[0])
    # the praise theme: its praise, never the complaint of the same comments
    assert quotes[1] == ["Love the colour!"]  # "Love the colour" says the same
    assert not any("small" in q for q in quotes[1])


def test_an_opinion_of_the_opposite_polarity_is_never_quoted():
    said = pd.DataFrame(
        {"respondent_id": ["a", "b"], "opinion": ["great app", "app crashes"],
         "polarity": ["praise", "neutral"], "similarity": [0.99, 0.1]}
    )  # fmt: skip
    who = pd.Series({"a": "detractor", "b": "passive"})
    assert opinion_quotes(said, who, "complaint") == []
    # a neutral theme takes any opinion, its own polarity first
    assert opinion_quotes(said, who, "neutral") == ["app crashes", "great app"]
    assert agreement("suggestion", "complaint") == 1 and agreement("praise", "complaint") == 0


def test_the_themes_own_members_come_before_opinions_only_close_to_it():
    said = pd.DataFrame(
        {"respondent_id": ["a", "b"], "opinion": ["close only", "a member"],
         "polarity": ["complaint", "complaint"], "similarity": [0.9, 0.5], "own": [False, True]}
    )  # fmt: skip
    who = pd.Series({"a": "detractor", "b": "detractor"})
    assert opinion_quotes(said, who, "complaint") == ["a member", "close only"]


def test_promoters_are_quoted_only_when_no_detractor_or_passive_says_it():
    said = pd.DataFrame(
        {"respondent_id": ["p", "q"], "opinion": ["Quick delivery", "QUICK  delivery"],
         "polarity": ["praise", "praise"]}
    )  # fmt: skip
    assert opinion_quotes(said, pd.Series({"p": "promoter", "q": "promoter"}), "praise") == [
        "Quick delivery"  # one of two spellings of the same words
    ]
    assert opinion_quotes(said, pd.Series({"p": "promoter", "q": "passive"}), "praise") == [
        "QUICK  delivery"
    ]


def test_without_opinions_whole_comments_of_detractors_and_passives_are_quoted():
    responses, assignments, themes, _ = _frames()
    found = theme_findings(responses, assignments, "2026-W45", themes).set_index("theme_id")
    assert found.loc[0, "quotes"][0].startswith("Love the colour but it runs small")


def test_a_fitted_model_names_the_opinion_of_each_theme_of_each_comment():
    comments = [
        "Love the colour but it runs small",
        "it runs small, sadly",
        "runs small and tight",
        "love the colour so much",
        "the colour is lovely",
        "lovely colour",
        "",
    ] * 3
    model = ThemeModel(embedding_model=TinyEncoder(), random_state=3, min_themes=2).fit(comments)
    table = model.theme_opinions_
    assert list(table.columns) == ["row", "theme_id", "opinion", "polarity", "similarity", "own"]
    for row, ids in enumerate(model.theme_sets_):
        mine = table[table["row"] == row]
        assert sorted(mine["theme_id"]) == sorted(t for t in ids if t >= 0)
        assert set(mine["opinion"]) <= set(split_opinions(comments[row]))
    # a comment's opinion labelled with a theme is the one quoted for it
    opinions = model.opinions_
    for _, said in table.iterrows():
        own = opinions[
            (opinions["row"] == said["row"]) & (opinions["theme_id"] == said["theme_id"])
        ]
        if len(own):
            assert said["opinion"] in set(own["opinion"])
    # the pipeline's view: respondent ids and the theme table's ids
    ids = pd.Series([f"r{i}" for i in range(len(comments))])
    themes = model.themes_.assign(run_theme_id=model.themes_["theme_id"])
    themes["theme_id"] = themes["run_theme_id"] + 100
    quoted = quoted_opinions(model, themes, ids)
    assert set(quoted["theme_id"]) <= set(themes["theme_id"]) and "row" not in quoted
    assert np.array_equal(quoted["respondent_id"], ids[table["row"]].to_numpy())


def test_a_quote_that_only_adds_an_opener_is_the_same_quote_and_the_plain_one_is_kept():
    from passives_lib.findings._quotes import distinct_quotes

    ranked = [
        "Only gripe: I never got a tracking email for my order",
        "No tracking email again",
        "I never got a tracking email for my order",
        "Small thing: No tracking email again",
        "Tracking number never came",
    ]
    assert distinct_quotes(ranked, 3) == [
        "I never got a tracking email for my order",
        "No tracking email again",
        "Tracking number never came",
    ]
    # four words more is not an opener: a different remark
    assert distinct_quotes(["sadly this week again no tracking email", "no tracking email"], 3) == [
        "sadly this week again no tracking email",
        "no tracking email",
    ]


def test_quotes_that_use_the_names_words_come_before_fragments_and_closer_opinions():
    said = pd.DataFrame(
        {
            "respondent_id": ["a", "b", "c", "d"],
            "opinion": ["un", "très déçue", "le magasin est loin", "Tarif élevé"],
            "polarity": "complaint",
            "similarity": [0.95, 0.9, 0.8, 0.4],
            "own": True,
        }
    )
    who = pd.Series("detractor", index=["a", "b", "c", "d"])
    quotes = opinion_quotes(said, who, "complaint", name="tarifs élevés")
    # the name's words first, then three words or more, then fragments by closeness
    assert quotes == ["Tarif élevé", "le magasin est loin", "un"]
    # without a name, closeness decides among opinions of three words or more
    assert opinion_quotes(said, who, "complaint")[0] == "le magasin est loin"


def test_opinions_that_differ_by_a_name_alone_are_quoted_once():
    said = pd.DataFrame(
        {
            "respondent_id": ["a", "b", "c"],
            "opinion": [
                "Priya from support was fantastic",
                "Tom from support was fantastic",
                "Support answered within the hour",
            ],
            "polarity": "praise",
        }
    )
    quotes = opinion_quotes(said, pd.Series("passive", index=["a", "b", "c"]), "praise")
    assert quotes == ["[name] from support was fantastic", "Support answered within the hour"]


def test_quotes_using_more_of_the_name_s_words_come_first():
    said = pd.DataFrame(
        {
            "respondent_id": ["a", "b"],
            "opinion": ["Crashes when I switch between accounts", "Locked out of my account"],
            "polarity": "complaint",
            "similarity": [0.9, 0.5],
        }
    )
    who = pd.Series("detractor", index=["a", "b"])
    quotes = opinion_quotes(said, who, "complaint", name="locked out of my account")
    assert quotes == ["Locked out of my account", "Crashes when I switch between accounts"]


def test_a_longer_opener_before_a_colon_is_an_opener_too():
    from passives_lib.findings._quotes import distinct_quotes

    ranked = [
        "the one good thing: it makes my daily work a lot simpler",
        "it makes my daily work a lot simpler",
        "one thing that would really help me: a daily export",  # six words: not an opener
        "a daily export",
    ]
    assert distinct_quotes(ranked, 3) == [
        "it makes my daily work a lot simpler",
        "one thing that would really help me: a daily export",
        "a daily export",
    ]


def test_quotes_with_two_different_openers_are_one_quote():
    from passives_lib.findings._quotes import distinct_quotes

    ranked = [
        "Seriously, pricing is not transparent",
        "Sadly pricing is not transparent",
        "Pricing is not transparent",
        "Pricing is ridiculous",
    ]
    assert distinct_quotes(ranked, 3) == ["Pricing is not transparent", "Pricing is ridiculous"]


def test_a_typo_is_the_same_word_and_a_changed_letter_another():
    from passives_lib.findings._quotes import distinct_quotes, same_word

    assert same_word("persno", "person") and same_word("betwen", "between")
    assert not same_word("now", "not") and not same_word("fast", "last")
    assert distinct_quotes(["it is not working", "it is now working"], 3) == [
        "it is not working",
        "it is now working",
    ]
    assert distinct_quotes(
        ["it makes my daly work simpler", "it makes my daily work simpler"], 3
    ) == ["it makes my daly work simpler"]


def test_quotes_that_differ_by_accents_alone_are_one_quote():
    from passives_lib.findings._quotes import distinct_quotes

    ranked = ["Les prix sont trop élevés", "les prix sont trop élèves", "prix un peu élevés"]
    assert distinct_quotes(ranked, 3) == ["Les prix sont trop élevés", "prix un peu élevés"]
