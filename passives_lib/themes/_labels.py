"""Theme keywords, the text labels are built from, and representative comments.

Keywords are the theme's most distinctive words and two-word phrases by class-based TF-IDF
(:func:`class_tfidf`, BERTopic's formula, without importing BERTopic), the language's stop
words removed except those that carry meaning in feedback ("nothing", "never", "not", ...), and
numbers and any extra words given (names) left out; a phrase that repeats a chosen one
("tracking" after "tracking email") is skipped. A theme's counts are those of its comments
joined into one document, each repeated as often as it occurred (:func:`joined_counts` builds
them from the comments' own counts). Keywords are computed on :func:`label_text`: personal data
masked and the placeholders dropped, so no e-mail address, phone number or link reaches a
keyword. The theme's name is a phrase (:mod:`passives_lib.themes._phrases`);
:func:`theme_label` (the top three keywords joined by " / ") is the fallback when no phrase
qualifies. Representative comments are the distinct comments closest to the theme's centroid.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from passives_lib.core import mask_personal_data
from passives_lib.themes._language import label_stop_words, strip_openers
from passives_lib.themes._memo import remember_last

_PLACEHOLDER = re.compile(r"\[(?:email|phone|link)\]")
# "é" read through the wrong code page (cp850) comes out as "‚" inside words: "d‚sirer".
_MISREAD_E = re.compile(r"(?<=[^\W\d_])\u201a")
LABEL_MEMO = 1 << 17  # label texts remembered (the opinions of about 25,000 reviews)
WORD_PATTERN = r"(?u)\b[^\W\d_][\w']+\b"  # words of two or more characters, no numbers


def feedback_stop_words(language: str = "en") -> list[str]:
    """The language's stop words without the ones that matter in feedback."""
    return sorted(label_stop_words(language))


@lru_cache(maxsize=LABEL_MEMO)
def label_text(text: str, language: str = "en") -> str:
    """A comment as labels see it: openers stripped, personal data masked, placeholders cut.

    Remembered for the last :data:`LABEL_MEMO` texts: a fit works these out for its opinions
    while they are embedded (:mod:`passives_lib.themes._model_tone`), and the theme table
    then finds them ready.

    Examples
    --------
    >>> label_text("Because nobody called back: jo@example.com")
    'nobody called back:  ,'
    >>> label_text("bien conseill\u201a")
    'bien conseillé'
    """
    text = _MISREAD_E.sub("é", text)
    return _PLACEHOLDER.sub(" , ", mask_personal_data(strip_openers(text, language))).strip()


def theme_keywords(
    texts: list[str],
    labels: np.ndarray,
    weights: np.ndarray,
    top_n: int = 10,
    language: str = "en",
    extra_stop_words: frozenset[str] = frozenset(),
) -> dict[int, list[str]]:
    """Key phrases per theme by class-based TF-IDF.

    Parameters
    ----------
    texts : list of str
        Distinct comments.
    labels : numpy.ndarray
        Theme of each comment (``-1`` is ignored).
    weights : numpy.ndarray
        How many times each distinct comment occurred.
    top_n : int
        Phrases per theme.
    language : str
        ``en`` or ``fr``: whose stop words are removed.
    extra_stop_words : frozenset of str
        More lower-case words to leave out (names).

    Returns
    -------
    dict of int to list of str
        Theme id to its key phrases, most distinctive first (empty when no word qualifies).
    """
    themes, scores, vocabulary = class_scores(texts, labels, weights, language, extra_stop_words)
    if vocabulary is None:
        return {k: [] for k in themes}
    return {k: distinct_phrases(scores[i], vocabulary, top_n) for i, k in enumerate(themes)}


def class_scores(
    texts: list[str],
    labels: np.ndarray,
    weights: np.ndarray,
    language: str = "en",
    extra_stop_words: frozenset[str] = frozenset(),
) -> tuple[list[int], np.ndarray, np.ndarray | None]:
    """Each theme's class-based TF-IDF over words and word pairs (what keywords come from).

    Returns
    -------
    tuple
        The themes (sorted labels, ``-1`` left out), their scores (one row each, one column
        per word or pair) and the vocabulary (``None`` when no word qualifies: the scores
        are then an empty matrix).
    """
    themes = sorted(set(labels.tolist()) - {-1})
    if not themes:
        return [], np.zeros((0, 0)), None
    # Each theme's comments in order, each repeated as often as it occurred.
    runs = [
        np.repeat(np.flatnonzero(labels == k), weights[labels == k].astype(int)) for k in themes
    ]
    min_df = 1 if len(texts) < 100 else 2
    stop = sorted(label_stop_words(language) | extra_stop_words)
    for stop_words in (stop, sorted(extra_stop_words)):
        try:
            fitted, counts = word_counts(texts, min_df, tuple(stop_words))
            matrix = joined_counts(fitted, texts, counts, runs)
            return themes, class_tfidf(matrix), fitted.get_feature_names_out()
        except ValueError:  # nothing left after removing stop words
            continue
    return themes, np.zeros((len(themes), 0)), None


@remember_last
def word_counts(
    texts: list[str], min_df: int, stop_words: tuple[str, ...]
) -> tuple[CountVectorizer, sparse.csr_matrix]:
    """A CountVectorizer of words and word pairs fitted on ``texts``, and their counts.

    The counts do not depend on the themes, so the near-duplicate check
    (:mod:`passives_lib.themes._merging`) and the keywords of the same opinions share them
    (the last call's result is kept: :func:`passives_lib.themes._memo.remember_last`). The
    vectorizer and the counts are only read by the callers.

    Raises
    ------
    ValueError
        When no word is left after removing ``stop_words``.

    Examples
    --------
    >>> fitted, counts = word_counts(["late again", "late parcel"], 1, ("again",))
    >>> fitted.get_feature_names_out().tolist(), counts.toarray().tolist()
    (['late', 'late parcel', 'parcel'], [[1, 0, 0], [1, 1, 1]])
    """
    fitted = CountVectorizer(
        min_df=min_df, stop_words=list(stop_words), ngram_range=(1, 2), token_pattern=WORD_PATTERN
    )
    with warnings.catch_warnings():  # names such as "saint-etienne" split into words
        warnings.filterwarnings("ignore", message=".*stop_words may be inconsistent")
        counts = fitted.fit_transform(texts)
    return fitted, counts


def class_tfidf(counts: sparse.spmatrix) -> np.ndarray:
    """Class-based TF-IDF of one row of word counts per theme, as BERTopic computes it.

    Each row's counts are L1-normalised and square-rooted (BERTopic's
    ``reduce_frequent_words=True``), then weighted by ``log(1 + A / f)``: ``A`` the average
    number of words per theme (a whole number, as BERTopic rounds it down), ``f`` the word's
    count over all themes. Computed here so that a theme run never imports BERTopic, whose
    package imports UMAP and pynndescent: with an empty numba cache that costs more than the
    whole run at 500 comments.

    Parameters
    ----------
    counts : scipy.sparse matrix
        Word counts, one row per theme, one column per word.

    Returns
    -------
    numpy.ndarray
        The scores, same shape as ``counts`` (0 where a theme does not use the word).

    Examples
    --------
    >>> class_tfidf(sparse.csr_matrix([[2, 0], [1, 1]])).round(3).tolist()
    [[0.511, 0.0], [0.361, 0.777]]
    """
    counts = sparse.csr_matrix(counts, dtype=np.float64)
    frequency = np.asarray(counts.sum(axis=0)).ravel()
    average = int(counts.sum(axis=1).mean()) if counts.shape[0] else 0
    idf = np.zeros_like(frequency)
    used = frequency > 0
    idf[used] = np.log(average / frequency[used] + 1)
    tf = normalize(counts, norm="l1", axis=1)
    tf.data = np.sqrt(tf.data)
    return (tf @ sparse.diags(idf)).toarray()


def joined_counts(
    fitted: CountVectorizer, texts: list[str], counts: sparse.csr_matrix, runs: list[np.ndarray]
) -> sparse.csr_matrix:
    """``fitted.transform`` of each run of comments joined by spaces, from their own counts.

    The comments are not analysed again, only their first and last words looked up.
    A joined document's words are its comments' words; its word pairs are theirs plus the pair
    across each seam: the last word of one comment (stop words removed) and the first of the
    next comment that has any.

    Parameters
    ----------
    fitted : sklearn.feature_extraction.text.CountVectorizer
        Fitted on ``texts``: words, or words and word pairs (``ngram_range`` up to 2).
    texts : list of str
        The comments.
    counts : scipy.sparse.csr_matrix
        ``fitted.transform(texts)``.
    runs : list of numpy.ndarray
        Comment indices of each joined document, in order (repeats allowed).

    Returns
    -------
    scipy.sparse.csr_matrix
        One row per run, equal to ``fitted.transform([" ".join(texts[i] for i in run) ...])``.

    Examples
    --------
    >>> from sklearn.feature_extraction.text import CountVectorizer
    >>> texts = ["late parcel", "parcel late", "late"]
    >>> fitted = CountVectorizer(ngram_range=(1, 2))
    >>> counts = fitted.fit_transform(texts)
    >>> runs = [np.array([0, 1]), np.array([2, 2, 0])]
    >>> joined = [" ".join(texts[i] for i in run) for run in runs]
    >>> (joined_counts(fitted, texts, counts, runs) != fitted.transform(joined)).nnz
    0
    """
    docs = np.concatenate([np.zeros(0, dtype=np.intp), *runs])
    rows = np.repeat(np.arange(len(runs)), [len(run) for run in runs])
    if fitted.ngram_range[1] > 2:
        raise NotImplementedError("runs of three words or more across seams")
    shape = (len(runs), len(texts))
    pick = sparse.csr_matrix((np.ones(len(docs), dtype=counts.dtype), (rows, docs)), shape=shape)
    matrix = pick @ counts
    if fitted.ngram_range[1] > 1:
        matrix = matrix + _seam_pairs(fitted, texts, runs, counts.dtype)
    matrix = sparse.csr_matrix(matrix)
    matrix.sum_duplicates()  # canonical: sorted indices, no duplicates, as transform gives
    return matrix


def _seam_pairs(
    fitted: CountVectorizer, texts: list[str], runs: list[np.ndarray], dtype: np.dtype
) -> sparse.csr_matrix:
    """Per run, the counts of the known word pairs across the seams between its comments."""
    preprocess, tokenize = fitted.build_preprocessor(), fitted.build_tokenizer()
    stop = fitted.get_stop_words() or frozenset()
    ends = {}
    for i in np.unique(np.concatenate([np.zeros(0, dtype=np.intp), *runs])).tolist():
        words = [w for w in tokenize(preprocess(texts[i])) if w not in stop]
        ends[i] = (words[0], words[-1]) if words else None
    found: list[tuple[int, int]] = []
    for row, run in enumerate(runs):
        previous = None
        for i in run.tolist():
            if ends[i] is None:
                continue
            if previous is not None:
                column = fitted.vocabulary_.get(f"{previous} {ends[i][0]}")
                found.extend([] if column is None else [(row, column)])
            previous = ends[i][1]
    rows, columns = zip(*found, strict=True) if found else ((), ())
    shape = (len(runs), len(fitted.vocabulary_))
    return sparse.csr_matrix((np.ones(len(found), dtype=dtype), (rows, columns)), shape=shape)


def distinct_phrases(scores: np.ndarray, vocabulary: np.ndarray, top_n: int) -> list[str]:
    """The ``top_n`` best-scored phrases, none repeating a word or another chosen phrase."""
    chosen: list[str] = []
    for index in np.argsort(-scores, kind="stable"):
        if scores[index] <= 0 or len(chosen) == top_n:
            break
        phrase = str(vocabulary[index])
        words = set(phrase.split())
        if len(words) < len(phrase.split()):  # "good good"
            continue
        if any(words <= set(c.split()) or set(c.split()) <= words for c in chosen):
            continue
        chosen.append(phrase)
    return chosen


def theme_label(keywords: list[str], theme_id: int) -> str:
    """Short label from the top three key phrases, e.g. ``"tracking email / order status"``."""
    return " / ".join(keywords[:3]) if keywords else f"theme {theme_id}"


def representative_comments(
    texts: list[str],
    vectors: np.ndarray,
    labels: np.ndarray,
    centroid: np.ndarray,
    theme_id: int,
    count: int = 3,
) -> list[str]:
    """The ``count`` distinct comments of a theme closest to its centroid.

    Parameters
    ----------
    texts : list of str
        Distinct comments (sorted, so ties break the same way every run).
    vectors : numpy.ndarray
        Their unit-length embeddings.
    labels : numpy.ndarray
        Theme of each comment.
    centroid : numpy.ndarray
        The theme's unit-length centroid.
    theme_id : int
        The theme.
    count : int
        How many comments.

    Returns
    -------
    list of str
        Most central first.
    """
    members = np.flatnonzero(labels == theme_id)
    similarity = vectors[members] @ centroid
    order = np.lexsort((members, -np.round(similarity, 6)))
    return [texts[members[i]] for i in order[:count]]
