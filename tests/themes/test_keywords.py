"""Theme keywords count each theme's comments as if joined into one document."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from passives_lib.themes._labels import WORD_PATTERN, class_tfidf, joined_counts, theme_keywords
from tests.python_probe import probe_output

TEXTS = [
    "the parcel was late",
    "late parcel again",
    "the",  # only stop words: the pair across the seam skips it
    "rude staff at the desk",
    "staff were rude",
    "parcel late, staff rude",
]


@pytest.mark.parametrize("stop_words", [None, "english"])
@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 2)])
def test_joined_counts_equal_the_counts_of_the_joined_text(stop_words, ngram_range):
    fitted = CountVectorizer(
        stop_words=stop_words, ngram_range=ngram_range, token_pattern=WORD_PATTERN
    )
    counts = fitted.fit_transform(TEXTS)
    runs = [np.array([0, 2, 1, 1]), np.array([3, 4, 5, 0]), np.array([2]), np.array([], int)]
    joined = [" ".join(TEXTS[i] for i in run) for run in runs]
    expected = fitted.transform(joined)
    got = joined_counts(fitted, TEXTS, counts, runs)
    assert got.shape == expected.shape and got.dtype == expected.dtype
    assert np.array_equal(got.toarray(), expected.toarray())
    assert got.has_canonical_format
    if ngram_range == (1, 2) and stop_words == "english":
        late_parcel = fitted.vocabulary_["late parcel"]  # once inside a comment, once across
        assert got[0, late_parcel] == 2


def test_theme_keywords_of_two_themes():
    labels = np.array([0, 0, -1, 1, 1, 1])
    keywords = theme_keywords(TEXTS, labels, np.array([1, 3, 1, 1, 1, 1]), top_n=2)
    assert keywords == {0: ["late parcel"], 1: ["rude", "staff"]}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_class_tfidf_gives_bertopic_s_scores(seed):
    from bertopic.vectorizers import ClassTfidfTransformer
    from scipy import sparse

    rng = np.random.default_rng(seed)
    counts = rng.poisson(0.7, size=(6, 40)) * (rng.random((6, 40)) < 0.4)
    counts[:, 3] = 0  # a word no theme uses
    with np.errstate(divide="ignore"):  # BERTopic divides by the unused word's zero count
        expected = ClassTfidfTransformer(reduce_frequent_words=True).fit_transform(
            sparse.csr_matrix(counts)
        )
    found = class_tfidf(sparse.csr_matrix(counts))
    assert np.allclose(found, expected.toarray()) and not np.isnan(found).any()


def test_a_theme_fit_imports_neither_bertopic_nor_umap():
    """BERTopic's package imports UMAP and pynndescent (numba compiles them on a fresh install)."""
    code = (
        "import sys\n"
        "from passives_lib import ThemeModel\n"
        "from tests.tiny_embedding import TinyEncoder\n"
        "texts = ['late parcel', 'parcel late again', 'rude staff', 'staff were rude',"
        " 'great app', 'love the app'] * 5\n"
        "ThemeModel(embedding_model=TinyEncoder(), min_themes=2).fit(texts)\n"
        "heavy = ('bertopic', 'umap', 'pynndescent', 'hdbscan')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    assert probe_output(code)[-1] == "[]"
