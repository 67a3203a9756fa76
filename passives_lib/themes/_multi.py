"""Several themes per comment: the primary theme and every further theme a comment clearly raises.

Real comments raise several issues ("friendly staff but the wait was far too long"). A comment
keeps its primary theme (its cluster) and gains each further theme it clearly raises: it uses
one of that theme's first key phrases (``evidence``, see :func:`keyword_evidence`) and its
cosine similarity to the theme's centroid is at least ``threshold``, at least as close as most
of that theme's own members (``floors``, optional) and within ``margin`` of its best theme; at
most ``max_per_comment`` themes in all, most similar first.

Similarity alone is a weak sign of a second issue: the themes closest to a comment are mostly
neighbours of its primary theme saying the same thing. The words a theme's own comments use
most ("wait", "polite", "phone") are a sign the comment raises that theme, even in a clause
the whole comment's embedding hardly reflects. On the NHS FFT comments with human codes
(``bench/theme_multilabel.py``) keyword evidence lifts held-out F1 from 0.49 to 0.52; clause
embeddings (:func:`split_clauses`, :func:`clause_similarity`) added 0.002 at the cost of
embedding every clause and are not used by the model.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from passives_lib.themes._labels import WORD_PATTERN
from passives_lib.themes._language import label_stop_words

_CONNECTORS = r"but|however|although|though|whereas|mais|cependant|par contre|sauf"
_CLAUSE_BREAK = re.compile(
    rf"\s*[.!?;\n]+\s+|\s*[;\n]\s*|[.!?]+$|\s*,?\s+(?:{_CONNECTORS})\s+", re.IGNORECASE
)
_LEADING_CONNECTOR = re.compile(rf"^(?:{_CONNECTORS})\b[\s,]*", re.IGNORECASE)


def split_clauses(text: str, min_words: int = 2) -> list[str]:
    """Split a comment into clauses at sentence ends, semicolons and "but".

    Parameters
    ----------
    text : str
        A comment.
    min_words : int
        Shorter pieces are joined to the clause before them.

    Returns
    -------
    list of str
        The clauses, in order; the whole comment when it has only one.

    Examples
    --------
    >>> split_clauses("Lovely staff. But the wait was far too long; parking awful")
    ['Lovely staff', 'the wait was far too long', 'parking awful']
    """
    pieces = [_LEADING_CONNECTOR.sub("", p.strip()) for p in _CLAUSE_BREAK.split(str(text))]
    pieces = [p for p in pieces if p]
    clauses: list[str] = []
    for piece in pieces:
        short = len(piece.split()) < min_words
        if clauses and (short or len(clauses[-1].split()) < min_words):
            clauses[-1] = f"{clauses[-1]} {piece}"
        else:
            clauses.append(piece)
    return clauses or [str(text).strip()]


def theme_sets(
    primary: np.ndarray,
    similarity: np.ndarray,
    *,
    threshold: float,
    margin: float,
    max_per_comment: int,
    floors: np.ndarray | None = None,
    evidence: np.ndarray | None = None,
) -> list[list[int]]:
    """Each comment's themes: its primary theme first, then the further themes it raises.

    Parameters
    ----------
    primary : numpy.ndarray
        Primary theme of each comment (negative for "other" or a non-answer: no further
        themes).
    similarity : numpy.ndarray
        Cosine similarity of each comment to each theme centroid (``n x themes``); for clause
        splitting, the best similarity over the comment's clauses.
    threshold : float
        A further theme needs at least this similarity.
    margin : float
        ... and at most this much below the comment's best similarity.
    max_per_comment : int
        Themes per comment at most, primary included.
    floors : numpy.ndarray, optional
        Per theme, a similarity a further theme also needs (see :func:`member_floors`), so
        that a loose model or language, where everything is fairly similar, does not give
        every comment every theme.
    evidence : numpy.ndarray, optional
        ``n x themes`` booleans: whether the comment itself gives evidence of the theme (see
        :func:`keyword_evidence`); when given, a further theme needs it.

    Returns
    -------
    list of list of int
        One list per comment; ``[-1]`` for "other" and ``[-2]`` for a non-answer.
    """
    needed = np.full(similarity.shape[1], float(threshold))
    if floors is not None:
        needed = np.maximum(needed, floors)
    allowed = np.ones(similarity.shape, dtype=bool) if evidence is None else evidence
    out: list[list[int]] = []
    for i, first in enumerate(np.asarray(primary, dtype=int).tolist()):
        if first < 0 or similarity.shape[1] == 0:
            out.append([first])
            continue
        row, shown = similarity[i], allowed[i]
        order = np.lexsort((np.arange(len(row)), -np.round(row, 6)))
        best = max(float(row.max()), float(row[first]))
        chosen = [first]
        for theme in order.tolist():
            if len(chosen) >= max_per_comment:
                break
            clear = row[theme] >= needed[theme] and row[theme] >= best - margin
            if theme != first and clear and shown[theme]:
                chosen.append(int(theme))
        out.append(chosen)
    return out


def keyword_evidence(
    texts: Sequence[str],
    keywords: Mapping[int, Sequence[str]],
    n_themes: int,
    *,
    top: int,
    language: str = "en",
) -> np.ndarray:
    """Which comments use one of each theme's first ``top`` key phrases.

    Phrases are matched as whole words, case ignored, with the language's stop words skipped
    as when the key phrases were found (so "care and talking" contains "care talking").

    Parameters
    ----------
    texts : sequence of str
        Comments.
    keywords : mapping of int to sequence of str
        Key phrases of each theme, most distinctive first (``ThemeModel.keywords_``).
    n_themes : int
        Number of themes (columns of the result).
    top : int
        How many of each theme's key phrases count.
    language : str
        ``en`` or ``fr``: whose stop words are skipped.

    Returns
    -------
    numpy.ndarray
        ``len(texts) x n_themes`` booleans.

    Examples
    --------
    >>> keyword_evidence(["The wait was long", "Lovely staff"], {0: ["wait"], 1: ["staff"]}, 2,
    ...                  top=1).tolist()
    [[True, False], [False, True]]
    """
    wanted = {t: [p.lower() for p in keywords.get(t, [])[: max(0, top)]] for t in range(n_themes)}
    phrases = sorted({p for ps in wanted.values() for p in ps if p.strip()})
    if not phrases or not len(texts):
        return np.zeros((len(texts), n_themes), dtype=bool)
    in_phrases = {w for p in phrases for w in p.split()}
    counter = CountVectorizer(
        vocabulary=phrases,
        ngram_range=(1, max(len(p.split()) for p in phrases)),
        token_pattern=WORD_PATTERN,
        stop_words=sorted(label_stop_words(language) - in_phrases) or None,
    )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*stop_words may be inconsistent")
        found = counter.transform([str(t) for t in texts])
    column = {p: j for j, p in enumerate(phrases)}
    owners = np.zeros((len(phrases), n_themes))
    for theme, theme_phrases in wanted.items():
        owners[[column[p] for p in theme_phrases if p in column], theme] = 1.0
    return np.asarray(found @ owners) > 0


def member_floors(similarity: np.ndarray, labels: np.ndarray, percentile: float) -> np.ndarray:
    """Per theme, the ``percentile`` of its own members' similarity to its centroid.

    A comment raises a further theme only when it is at least as close to it as that share of
    the theme's own members (1 for a theme without members: never a further theme).

    Examples
    --------
    >>> sim = np.array([[0.9, 0.1], [0.7, 0.2], [0.3, 0.8]])
    >>> member_floors(sim, np.array([0, 0, 1]), 50).tolist()
    [0.8, 0.8]
    """
    floors = np.ones(similarity.shape[1])
    for theme in range(similarity.shape[1]):
        own = similarity[np.asarray(labels) == theme, theme]
        if len(own):
            floors[theme] = float(np.percentile(own, percentile))
    return floors


def clause_similarity(
    owners: np.ndarray,
    clause_vectors: np.ndarray,
    centroids: np.ndarray,
    n_comments: int,
    clause_groups: np.ndarray | None = None,
    theme_groups: np.ndarray | None = None,
) -> np.ndarray:
    """Best similarity of any clause of each comment to each centroid.

    With ``clause_groups`` and ``theme_groups``, a clause counts only for the themes of its
    own polarity group: a comment that only praises ("Excellent service") is not similar to a
    complaint theme ("useless service") however close the words, so it is never given it.

    Parameters
    ----------
    owners : numpy.ndarray
        Comment index of each clause.
    clause_vectors : numpy.ndarray
        Unit-length clause embeddings.
    centroids : numpy.ndarray
        Unit-length theme centroids.
    n_comments : int
        Number of comments.
    clause_groups, theme_groups : numpy.ndarray, optional
        Polarity group of each clause and of each theme (both or neither).

    Returns
    -------
    numpy.ndarray
        ``n_comments x themes``; ``-1`` where a comment has no clause (of the theme's group).

    Examples
    --------
    >>> vectors = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> clause_similarity(np.array([0, 0]), vectors, vectors, 1).tolist()
    [[1.0, 1.0]]
    >>> clause_similarity(np.array([0, 0]), vectors, vectors, 1, np.array([0, 0]),
    ...                   np.array([0, 1])).tolist()
    [[1.0, -1.0]]
    """
    best = np.full((n_comments, len(centroids)), -1.0)
    if len(owners):
        products = clause_vectors @ centroids.T
        if clause_groups is not None and theme_groups is not None:
            same = np.asarray(clause_groups)[:, None] == np.asarray(theme_groups)[None, :]
            products = np.where(same, products, -1.0)
        np.maximum.at(best, np.asarray(owners, dtype=int), products)
    return best
