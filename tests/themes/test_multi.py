"""Several themes per comment (passives_lib.themes._multi)."""

import numpy as np

from passives_lib.themes._multi import (
    clause_similarity,
    keyword_evidence,
    member_floors,
    split_clauses,
    theme_sets,
)


def test_split_clauses_at_sentence_ends_semicolons_and_but():
    assert split_clauses("Staff were lovely but the wait was far too long") == [
        "Staff were lovely",
        "the wait was far too long",
    ]
    assert split_clauses("Great. Parking was a nightmare; no signs anywhere") == [
        "Great Parking was a nightmare",
        "no signs anywhere",
    ]
    assert split_clauses("fine") == ["fine"]
    assert split_clauses("Accueil sympa mais trop d'attente en caisse") == [
        "Accueil sympa",
        "trop d'attente en caisse",
    ]


SIMILARITY = np.array(
    [
        [0.80, 0.70, 0.20],  # clearly raises theme 1 too
        [0.80, 0.50, 0.60],  # theme 2 within the margin, theme 1 below the threshold
        [0.90, 0.56, 0.10],  # theme 1 clears the threshold but is too far below the best
        [0.30, 0.40, 0.70],  # "other" stays "other"
        [0.00, 0.00, 0.00],  # non-answer
    ]
)


def test_theme_sets_keep_the_primary_first_and_add_clear_further_themes():
    sets = theme_sets(
        np.array([0, 0, 0, -1, -2]), SIMILARITY, threshold=0.55, margin=0.3, max_per_comment=3
    )
    assert sets == [[0, 1], [0, 2], [0], [-1], [-2]]


def test_theme_sets_respect_the_cap_and_the_primary_even_when_not_closest():
    sets = theme_sets(
        np.array([1, 1]), SIMILARITY[:2], threshold=0.1, margin=1.0, max_per_comment=2
    )
    assert sets == [[1, 0], [1, 0]]


def test_floors_keep_loose_themes_from_every_comment():
    floors = np.array([0.0, 0.75, 0.0])
    sets = theme_sets(
        np.array([0, 0]),
        SIMILARITY[:2],
        threshold=0.55,
        margin=0.3,
        max_per_comment=3,
        floors=floors,
    )
    assert sets == [[0], [0, 2]]  # theme 1 needs 0.75 now
    assert member_floors(SIMILARITY, np.array([0, 0, 2, -1, -2]), 0).tolist() == [0.8, 1.0, 0.1]


def test_clause_similarity_takes_the_best_clause_per_comment_and_theme():
    centroids = np.eye(2)
    clauses = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])
    best = clause_similarity(np.array([0, 0, 1]), clauses, centroids, 3)
    assert best.tolist() == [[1.0, 1.0], [0.6, 0.8], [-1.0, -1.0]]


def test_keyword_evidence_matches_whole_words_of_each_themes_first_phrases():
    keywords = {0: ["wait", "queue"], 1: ["staff", "friendly"], 2: ["parking"]}
    texts = ["The WAIT was long", "Friendly staff", "waiting room", "care and parking", ""]
    evidence = keyword_evidence(texts, keywords, 3, top=1)
    assert evidence.tolist() == [
        [True, False, False],
        [False, True, False],
        [False, False, False],  # "waiting" is not "wait"
        [False, False, True],
        [False, False, False],
    ]
    # "friendly" is theme 1's second phrase: it counts only with top=2
    assert keyword_evidence(["so friendly"], keywords, 3, top=1).tolist() == [[0, 0, 0]]
    assert keyword_evidence(["so friendly"], keywords, 3, top=2).tolist() == [[0, 1, 0]]


def test_keyword_evidence_skips_stop_words_inside_two_word_phrases_as_keywords_do():
    keywords = {0: ["care talking"], 1: []}
    evidence = keyword_evidence(["Good care and talking", "talking care"], keywords, 2, top=5)
    assert evidence.tolist() == [[True, False], [False, False]]


def test_keyword_evidence_without_phrases_or_comments_is_all_false():
    assert keyword_evidence(["anything"], {}, 2, top=5).shape == (1, 2)
    assert not keyword_evidence(["anything"], {0: [], 1: []}, 2, top=5).any()
    assert keyword_evidence([], {0: ["x"]}, 1, top=5).shape == (0, 1)


def test_theme_sets_with_evidence_add_only_themes_the_comment_names():
    similarity = np.array(
        [
            [0.80, 0.75, 0.35],  # theme 1 is closer, but the comment names only theme 2
            [0.80, 0.75, 0.25],  # theme 2 named but below the threshold
            [0.60, 0.40, 0.45],  # both named: most similar first
        ]
    )
    evidence = np.array([[True, False, True], [False, False, True], [True, True, True]])
    sets = theme_sets(
        np.array([0, 0, 0]),
        similarity,
        threshold=0.3,
        margin=1.0,
        max_per_comment=3,
        evidence=evidence,
    )
    assert sets == [[0, 2], [0], [0, 2, 1]]
    without = theme_sets(
        np.array([0, 0, 0]), similarity, threshold=0.3, margin=1.0, max_per_comment=3
    )
    assert without[0] == [0, 1, 2]  # similarity alone takes the neighbour too
