"""Opinion units, their polarity, and themes that never mix praise with complaint (issue 21)."""

import numpy as np
import pandas as pd
import pytest

from passives_lib import ThemeModel
from passives_lib.themes._clustering import unit_rows
from passives_lib.themes._opinions import (
    CLEAR_PRAISE,
    clearly_positive,
    distinct_sorted,
    opinion_units,
    primary_opinion,
    split_opinions,
)
from passives_lib.themes._tone import french_score, inherit, polarities
from passives_lib.themes._unit_clustering import budgets, group_of
from passives_lib.themes._ward_cut import divisive_cut
from tests.tiny_embedding import TinyEncoder


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Love the colour but it runs small. Fabric is thin!", 3),
        ("The staff were lovely, however the wait was far too long", 2),
        ("Although the engineer was polite, he never fixed the line", 2),
        ("Personnel aimable, mais attente trop longue", 2),
        ("Bon choix sauf que les prix sont élevés", 2),
        ("Great service", 1),
        ("", 1),
    ],
)
def test_comments_split_at_sentences_and_contrasts(text, expected):
    assert len(split_opinions(text)) == expected


def test_connectors_are_dropped_and_short_pieces_join_a_neighbour():
    assert split_opinions("Nice dress but, sadly, it ripped") == ["Nice dress", "sadly, it ripped"]
    assert split_opinions("It was ok. Yes. Delivery late") == ["It was ok Yes", "Delivery late"]


def test_a_transcribers_note_is_no_part_of_an_opinion():
    assert split_opinions("The [word unreadable] nurse was kind. Parking [illegible] awful") == [
        "The nurse was kind",
        "Parking awful",
    ]
    assert split_opinions("[unreadable]") == ["[unreadable]"]  # a non-answer, never themed
    assert split_opinions("   ") == [""]


def test_distinct_opinions_are_numbered_once():
    units = opinion_units(["Rude staff. Too slow", "Rude staff"])
    assert units.texts == ["Rude staff", "Too slow"]
    assert units.weights(np.array([1.0, 3.0])).tolist() == [4.0, 1.0]


def test_distinct_texts_are_numpy_uniques_order():
    texts = ["été", "ete", "Été", "", "b", "a\x00", "a", "a\x00b", "Zoo", "zoo", "b", "", "ß", "ss"]
    texts += ["\u00e9t\u00e9", "e\u0301te", "\U0001f600", "\uffff", "a b", "a\tb", "ete"]
    distinct, inverse = distinct_sorted(texts)
    expected, position = np.unique(np.array(texts, dtype=object).astype(str), return_inverse=True)
    assert distinct == [str(t) for t in expected]
    assert inverse.tolist() == position.ravel().tolist()
    assert [distinct[i] for i in inverse] == [t.rstrip("\x00") for t in texts]
    none, where = distinct_sorted([])
    assert none == [] and where.size == 0 and where.dtype == position.dtype


@pytest.mark.parametrize(
    ("text", "language", "polarity"),
    [
        ("It runs small", "en", "complaint"),
        ("The fabric feels cheap", "en", "complaint"),
        ("Engineer did not turn up", "en", "complaint"),
        ("Fits true to size", "en", "praise"),
        ("Could not do any better", "en", "praise"),
        ("You should open earlier", "en", "suggestion"),
        ("I ordered a medium", "en", "neutral"),
        ("Personnel très aimable", "fr", "praise"),
        ("Attente trop longue aux caisses", "fr", "complaint"),
        ("Il faudrait plus de caisses", "fr", "suggestion"),
        ("Rien à redire", "fr", "praise"),
    ],
)
def test_each_opinion_has_a_polarity(text, language, polarity):
    assert polarities([text], language) == [polarity]


def test_french_negation_flips_praise_but_not_cheap():
    assert french_score("pas aimable du tout") < 0
    assert french_score("pas cher") > 0


def test_an_opinion_without_tone_takes_its_comments():
    assert inherit(["neutral", "complaint"], np.array([0.6, 0.6])) == ["praise", "complaint"]


def test_the_primary_opinion_agrees_with_the_comment():
    owner = np.array([0, 0])
    best = primary_opinion(owner, np.array([1, 2]), np.array([0.9, -0.3]), np.array([-0.5]))
    assert best.tolist() == [1]  # the complaint of a negative comment, though weaker


def test_a_lukewarm_comment_is_filed_under_its_complaint_a_clearly_happy_one_is_not():
    owner = np.array([0, 0, 1, 1])
    labels = np.array([1, 2, 1, 2])
    score = np.array([0.9, -0.2, 0.9, -0.2])  # strong praise, weak complaint, in both comments
    best = primary_opinion(owner, labels, score, np.array([CLEAR_PRAISE - 0.1, CLEAR_PRAISE]))
    assert best.tolist() == [1, 2]  # "love it but runs small" (lukewarm) vs clearly positive


def test_a_long_review_whose_complaints_weigh_as_much_as_its_praise_is_filed_under_one():
    # the overall score of a long review saturates (0.95 here) though it complains as
    # much as it praises: it is not clearly positive, so its strongest complaint leads
    owner = np.array([0, 0, 0, 0, 1, 1, 1])
    labels = np.array([1, 2, 3, 4, 1, 2, 3])
    score = np.array([0.8, -0.5, -0.6, 0.2, 0.8, 0.7, -0.6])
    best = primary_opinion(owner, labels, score, np.array([0.95, 0.95]))
    assert best.tolist() == [2, 4]  # 1.0 of praise vs 1.1 against; 1.5 vs 0.6
    assert clearly_positive(owner, score, np.array([0.95, 0.95])).tolist() == [False, True]
    assert clearly_positive(owner, score, np.array([0.95, CLEAR_PRAISE - 0.1])).tolist() == [
        False,
        False,
    ]


def test_the_default_theme_budget_leaves_room_for_a_large_corpus():
    from passives_lib.config import ThemeSettings

    assert ThemeModel().max_themes == ThemeSettings().max_themes == 50


def test_budgets_favour_complaints_and_respect_the_least_size():
    groups = np.repeat([0, 1], [60, 40])
    assert budgets(np.ones(100), groups, 10, 1).tolist() == [4, 6]  # 60 x 1 vs 40 x 2
    assert budgets(np.ones(100), groups, 10, 15).sum() <= 100 // 15
    assert budgets(np.ones(100), np.zeros(100, dtype=int), 10, 1).tolist() == [10, 0]


def test_neutral_opinions_are_clustered_with_complaints_and_suggestions():
    assert group_of(["praise", "complaint", "suggestion", "neutral"]).tolist() == [0, 1, 1, 1]
    # Neutral opinions (no tone, in comments without a clear tone) name the subject the
    # complaints raise: they join the complaint theme instead of a neutral theme of their own.
    late = [f"the parcel was late and the courier was terrible, order {i}" for i in range(40)]
    bills = [f"the invoice was wrong and the billing is awful, account {i}" for i in range(40)]
    staff = [f"the staff were kind and the agent was lovely, visit {i}" for i in range(40)]
    bare = [f"the parcel and the courier, order {i}" for i in range(20)]
    model = ThemeModel(embedding_model=TinyEncoder(), n_themes=3, random_state=1)
    opinions = model.fit(late + bills + staff + bare).opinions_
    assert set(opinions.loc[opinions["row"] >= 120, "polarity"]) == {"neutral"}
    neutral_themes = set(opinions.loc[opinions["row"] >= 120, "theme_id"])
    assert neutral_themes == set(opinions.loc[opinions["row"] < 40, "theme_id"])
    polarity = dict(zip(model.themes_["theme_id"], model.themes_["polarity"], strict=True))
    assert {polarity[t] for t in neutral_themes} == {"complaint"}


def test_the_heaviest_branch_is_split_first_so_no_catch_all_remains():
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(6, 16))
    sizes = [300, 40, 40, 40, 40, 40]  # one subject six times larger than the rest
    points = unit_rows(
        np.concatenate(
            [c + 0.2 * rng.normal(size=(n, 16)) for c, n in zip(centres, sizes, strict=True)]
        )
    )
    labels = divisive_cut(points, np.ones(len(points)), 8, 5)
    shares = np.bincount(labels[labels >= 0]) / len(points)
    assert shares.max() < 0.3  # the big subject is cut, the small ones kept whole


COMMENTS = [
    "The staff were lovely and kind",
    "Lovely staff, very kind",
    "Staff lovely",
    "The staff were rude and unkind",
    "Rude staff, never again",
    "Staff rude",
    "Waited far too long for the parcel",
    "The parcel arrived late",
    "Parcel late again",
] * 4


@pytest.fixture(scope="module")
def fitted():
    return ThemeModel(embedding_model=TinyEncoder(), language="en", min_themes=2).fit(COMMENTS)


def test_no_theme_mixes_praise_and_complaint(fitted):
    opinions = fitted.opinions_
    for theme, rows in opinions[opinions["theme_id"] >= 0].groupby("theme_id"):
        tones = set(rows["polarity"]) - {"neutral"}
        assert not {"praise", "complaint"} <= tones, theme


def test_names_are_unique_and_quotes_agree_with_the_theme(fitted):
    themes = fitted.themes_[fitted.themes_["theme_id"] >= 0]
    assert themes["label"].str.lower().is_unique
    tone = dict(zip(fitted.opinions_["opinion"], fitted.opinions_["polarity"], strict=False))
    for row in themes.itertuples():
        assert {tone[q] for q in row.representative_comments} == {row.polarity}


def test_a_comment_raises_its_opinions_themes(fitted):
    model = ThemeModel(embedding_model=TinyEncoder(), language="en", min_themes=2)
    model.fit([*COMMENTS, "Staff were lovely but the parcel arrived late"])
    opinions = model.opinions_[model.opinions_["row"] == len(COMMENTS)]
    assert len(opinions) == 2
    assert set(opinions["theme_id"]) <= set(model.theme_sets_[-1])


def test_another_random_state_gives_the_same_themes():
    first = ThemeModel(embedding_model=TinyEncoder(), random_state=1).fit(COMMENTS)
    second = ThemeModel(embedding_model=TinyEncoder(), random_state=2).fit(COMMENTS)
    assert np.array_equal(first.labels_, second.labels_)
    pd.testing.assert_frame_equal(first.themes_, second.themes_)
