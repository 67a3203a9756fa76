"""ThemeModel gives each comment its primary theme and every further theme it clearly raises."""

import numpy as np
import pytest

from passives_lib import ThemeModel
from tests.themes.test_themes import GROUPS, NON_ANSWERS, corpus
from tests.tiny_embedding import TinyEncoder

WORDS = ["today", "again", "indeed", "honestly", "overall", "really", "truly", "surely"]
MIXED = [
    "tracking parcel courier price expensive renewal",
    "invoice pdf download crashes freezes app",
]


@pytest.fixture(scope="module")
def fitted():
    texts, _ = corpus(30)
    comments = texts + MIXED + NON_ANSWERS
    model = ThemeModel(
        embedding_model=TinyEncoder(),
        n_themes=len(GROUPS),
        secondary_similarity=0.3,
        secondary_percentile=None,
    ).fit(comments)
    return model, comments


def _theme_of(model, comments, word):
    """The primary theme of the single-group comments that use ``word``."""
    found = {model.labels_[i] for i, c in enumerate(comments[:150]) if word in c.split()}
    return max(found, key=lambda t: sum(model.labels_[:150] == t))


def test_a_comment_about_two_subjects_gets_both_themes_primary_first(fitted):
    model, comments = fitted
    for text, words in zip(MIXED, (("tracking", "expensive"), ("invoice", "crashes")), strict=True):
        row = comments.index(text)
        ids = model.theme_sets_[row]
        assert ids[0] == model.labels_[row]
        assert {_theme_of(model, comments, w) for w in words} <= set(ids)


def test_single_subject_comments_mostly_keep_one_theme(fitted):
    model, comments = fitted
    single = [len(s) for s in model.theme_sets_[:150]]
    assert sum(n == 1 for n in single) >= 0.8 * len(single)


def test_non_answers_and_assignments_carry_the_theme_ids(fitted):
    model, comments = fitted
    table = model.assignments()
    assert (table["theme_ids"].str.split(";").str[0].astype(int) == table["theme_id"]).all()
    assert table["theme_ids"].iloc[-1] == "-2"
    row = comments.index(MIXED[0])
    assert ";" in table.loc[row, "theme_ids"]
    assert model.theme_similarity_.shape == (len(comments), model.n_themes_)


def test_a_strict_member_percentile_keeps_single_subject_comments_single(fitted):
    model, comments = fitted
    loose = sum(len(s) for s in model.theme_sets_)
    assert loose > len(comments)  # without the floor some comments raise further themes

    def further(percentile):
        strict = ThemeModel(
            embedding_model=TinyEncoder(),
            n_themes=len(GROUPS),
            secondary_similarity=0.3,
            secondary_percentile=percentile,
        ).fit(comments)
        return sum(len(s) for s in strict.theme_sets_)

    # as close as its closest member: hardly any comment is; a model ignoring the
    # percentile would give as many further themes as without it
    assert further(100) < loose
    assert further(0) <= loose


def test_further_themes_can_be_turned_off():
    texts, _ = corpus(20)
    model = ThemeModel(embedding_model=TinyEncoder(), n_themes=5, secondary_similarity=1.0).fit(
        texts + MIXED
    )
    assert all(len(s) == 1 for s in model.theme_sets_)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"secondary_similarity": 1.5}, "secondary_similarity"),
        ({"max_themes_per_comment": 0}, "max_themes_per_comment"),
        ({"secondary_percentile": 101}, "secondary_percentile"),
        ({"secondary_keywords": 0}, "secondary_keywords"),
    ],
)
def test_parameters_are_checked(params, message):
    with pytest.raises(ValueError, match=message):
        ThemeModel(embedding_model=TinyEncoder(), **params).fit(["a b c", "d e f"])


def test_further_themes_need_one_of_the_themes_key_phrases(fitted):
    model, comments = fitted
    for row, ids in enumerate(model.theme_sets_):
        words = set(comments[row].lower().split())
        for theme in ids[1:]:
            phrases = model.keywords_[theme][: model.secondary_keywords]
            assert any(set(p.split()) <= words for p in phrases), (comments[row], theme)


def test_row_order_does_not_change_the_theme_sets(fitted):
    model, comments = fitted
    order = np.random.default_rng(3).permutation(len(comments))
    shuffled = ThemeModel(**model.get_params()).fit([comments[i] for i in order])
    assert [shuffled.theme_sets_[j] for j in np.argsort(order)] == model.theme_sets_


def test_a_comment_that_only_praises_never_gets_a_complaint_theme_on_shared_words():
    praise = [f"delivery courier parcel quick lovely great {w}" for w in WORDS]
    complaints = [f"delivery courier parcel late rude awful {w}" for w in WORDS]
    model = ThemeModel(
        embedding_model=TinyEncoder(), n_themes=2, secondary_similarity=0.1, secondary_margin=1.0
    ).fit(praise + complaints)
    assert set(model.theme_groups_.tolist()) == {0, 1}  # one praise theme, one complaint theme
    for row, themes in enumerate(model.theme_sets_):
        wanted = 0 if row < len(praise) else 1
        assert [model.theme_groups_[t] for t in themes] == [wanted] * len(themes), row
