"""Theme names that say what went wrong: a short phrase from the theme's own comments.

Candidates are the 2- to 6-word phrases that occur, within one clause, in at least two of the
theme's comments (its most central ones, at most ``SAMPLE`` of them), after personal data is
masked and NPS openers ("because", "8/10") are stripped. A candidate may not start or end with
a stop word of the comments' language (a negation or "too" may open it), nor contain a masked
placeholder, a number or a proper noun (a word written with a capital inside sentences, such as
a member of staff's name). Each is scored by

``centrality x distinctiveness x length``

- centrality: the summed similarity to the theme's centroid of the comments that use it,
  over the theme's size (a phrase used by the theme's most typical comments);
- distinctiveness: its share of the theme's comments over its share there plus elsewhere;
- length: a small bonus for 3 to 4 words, which name a problem better than two.

A candidate that a one-word-longer candidate covers in at least ``TRUNCATION`` of its uses is
dropped ("reply to a simple" for "reply to a simple question"). When no phrase is shared by two
of a theme's comments (short, varied praise such as "polite and helpful men"), phrases used
once count too: a phrase of one central comment reads better than a list of keywords.

KeyBERT-style, the best ``RERANK`` candidates are then embedded with the model that embedded
the comments, and the final score adds their similarity to the centroid. The keywords
(c-TF-IDF) stay beside the name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import numpy as np

from passives_lib.themes._language import bad_label_end

SAMPLE = 300
RERANK = 12
MIN_WORDS, MAX_WORDS = 2, 6
TRUNCATION = 0.8
LENGTH_BONUS = {2: 1.0, 3: 1.2, 4: 1.25, 5: 1.1, 6: 1.0}
_CLAUSE = re.compile(r"[.!?;:,()\[\]\"\n]+|\s-\s")
_TOKEN = re.compile(r"[^\W\d_](?:[\w'\u2019-]*\w)?|\d+|\[\w+\]", re.UNICODE)


def clause_ngrams(text: str) -> set[tuple[str, ...]]:
    """Distinct 2- to 6-word runs of a (masked) comment, never across punctuation."""
    grams: set[tuple[str, ...]] = set()
    for clause in _CLAUSE.split(text.lower().replace("\u2019", "'")):
        words = _TOKEN.findall(clause)
        for n in range(MIN_WORDS, MAX_WORDS + 1):
            for start in range(len(words) - n + 1):
                grams.add(tuple(words[start : start + n]))
    return grams


def proper_nouns(texts: list[str]) -> frozenset[str]:
    """Words written with a capital in most of their uses inside sentences (names).

    Examples
    --------
    >>> sorted(proper_nouns(["ask for Zebediah please", "thanks to Zebediah", "the Box"]))
    ['box', 'zebediah']
    """
    upper: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in texts:
        for sentence in re.split(r"[.!?\n]+", text):
            words = _TOKEN.findall(sentence)
            for position, word in enumerate(words):
                if position == 0 or not word[0].isalpha():
                    continue
                seen[word.lower()] += 1
                upper[word.lower()] += word[0].isupper() and not word.isupper()
    return frozenset(w for w, n in seen.items() if upper[w] >= max(1, 0.6 * n))


def _acceptable(gram: tuple[str, ...], language: str, names: frozenset[str]) -> bool:
    if bad_label_end(gram[0], language, first=True):
        return False
    if bad_label_end(gram[-1], language, first=False):
        return False
    return not any(w.startswith("[") or w.isdigit() or w in names for w in gram)


def _score_candidates(
    member_grams: list[set[tuple[str, ...]]],
    closeness: np.ndarray,
    weights: np.ndarray,
    counts: tuple[Counter, Counter],
    elsewhere_total: float,
    language: str,
    names: frozenset[str],
    needed: float | None = None,
) -> dict[tuple[str, ...], float]:
    """Score each acceptable phrase used at least ``needed`` times.

    By default a phrase must be used twice (once in a theme of fewer than four comments).
    ``counts`` holds each phrase's uses in every theme's sample and in this theme's, so that
    its uses elsewhere are their difference.
    """
    everywhere, own = counts
    inside: Counter[tuple[str, ...]] = Counter()
    central: Counter[tuple[str, ...]] = Counter()
    for grams, close, weight in zip(member_grams, closeness, weights, strict=True):
        for gram in grams:
            inside[gram] += weight
            central[gram] += weight * max(float(close), 0.0)
    size = max(float(weights.sum()), 1.0)
    if needed is None:
        needed = 2.0 if size >= 4 else 1.0
    scores = {}
    for gram, count in inside.items():
        if count < needed or not _acceptable(gram, language, names):
            continue
        share_in = count / size
        outside = max(everywhere.get(gram, 0.0) - own.get(gram, 0.0), 0.0)
        share_out = outside / max(elsewhere_total, 1.0)
        distinct = share_in / (share_in + share_out)
        scores[gram] = central[gram] / size * distinct * LENGTH_BONUS[len(gram)]
    return _drop_truncations(scores, inside)


def _drop_truncations(
    scores: dict[tuple[str, ...], float], inside: Counter
) -> dict[tuple[str, ...], float]:
    """Drop a phrase that a one-word-longer candidate covers in most of its uses.

    "reply to a simple" gives way to "reply to a simple question" when nearly every comment
    that says the one says the other.
    """
    dominated = set()
    for gram in scores:
        for part in (gram[:-1], gram[1:]):
            if part in scores and inside[gram] >= TRUNCATION * inside[part]:
                dominated.add(part)
    return {g: v for g, v in scores.items() if g not in dominated}


def theme_names(
    texts: list[str],
    labels: np.ndarray,
    weights: np.ndarray,
    closeness: np.ndarray,
    centroids: np.ndarray,
    language: str,
    names: frozenset[str] = frozenset(),
    encode: Callable[[list[str]], np.ndarray] | None = None,
) -> dict[int, str]:
    """A short phrase naming each theme, from its own comments (see the module docstring).

    Parameters
    ----------
    texts : list of str
        Distinct comments, personal data already masked (openers may be stripped).
    labels : numpy.ndarray
        Theme of each (``-1`` ignored).
    weights : numpy.ndarray
        How often each distinct comment occurred.
    closeness : numpy.ndarray
        Similarity of each comment to its theme's centroid.
    centroids : numpy.ndarray
        Unit-length theme centroids, row ``k`` for theme ``k``.
    language : str
        ``en`` or ``fr`` (stop words at the ends of a name).
    names : frozenset of str
        Lower-case words that may not appear in a name (proper nouns).
    encode : callable, optional
        Texts to unit-length vectors, for the KeyBERT-style rerank; none when omitted.

    Returns
    -------
    dict of int to str
        Theme id to its name; a theme with no candidate phrase is left out.
    """
    themes = sorted(set(np.asarray(labels).tolist()) - {-1})
    sampled = {k: _central_members(labels, closeness, k) for k in themes}
    grams = {i: clause_ngrams(texts[i]) for k in themes for i in sampled[k]}
    per_theme: dict[int, Counter] = {}
    for k in themes:
        counter: Counter[tuple[str, ...]] = Counter()
        for i in sampled[k]:
            counter.update(dict.fromkeys(grams[i], weights[i]))
        per_theme[k] = counter
    totals = {k: float(weights[sampled[k]].sum()) for k in themes}
    everything: Counter[tuple[str, ...]] = Counter()
    for counter in per_theme.values():
        everything.update(counter)
    ranked = {}
    for k in themes:
        members = sampled[k]
        candidates = (
            [grams[i] for i in members],
            closeness[members],
            weights[members],
            (everything, per_theme[k]),
            sum(totals.values()) - totals[k],
            language,
            names,
        )
        # No phrase shared by two comments: the best phrase of a single central comment
        # still reads better than a list of keywords.
        scores = _score_candidates(*candidates) or _score_candidates(*candidates, needed=0.0)
        if scores:
            ranked[k] = _shortlist(scores)
    return _best(ranked, centroids, encode)


def _central_members(labels: np.ndarray, closeness: np.ndarray, theme: int) -> np.ndarray:
    members = np.flatnonzero(labels == theme)
    order = np.lexsort((members, -np.round(closeness[members], 6)))
    return members[order[:SAMPLE]]


def _shortlist(scores: dict[tuple[str, ...], float]) -> dict[str, float]:
    """The ``RERANK`` best candidates as text, their scores scaled so that the best is 1."""
    ranked = sorted(scores, key=lambda g: (-round(scores[g], 9), g))[:RERANK]
    top = max(scores[ranked[0]], 1e-12)
    return {" ".join(g): scores[g] / top for g in ranked}


def _best(
    shortlists: dict[int, dict[str, float]],
    centroids: np.ndarray,
    encode: Callable[[list[str]], np.ndarray] | None,
) -> dict[int, str]:
    """Each theme's best candidate: its score plus, KeyBERT-style, its centroid similarity.

    Every candidate of every theme is embedded in one call.
    """
    phrases = sorted({p for shortlist in shortlists.values() for p in shortlist})
    similarity: dict[str, np.ndarray] = {}
    if encode is not None and phrases:
        vectors = np.asarray(encode(phrases), dtype=float)
        norms = np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        similarity = dict(zip(phrases, vectors / norms, strict=True))
    out = {}
    for k, shortlist in shortlists.items():
        final = np.array(list(shortlist.values()))
        if similarity and len(shortlist) > 1:
            final = final + np.array([similarity[p] @ centroids[k] for p in shortlist])
        out[k] = list(shortlist)[int(np.argmax(np.round(final, 9)))]
    return out
