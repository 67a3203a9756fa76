"""Theme names that say what went wrong: a short phrase from the theme's own comments.

Candidates are the 2- to 6-word phrases that occur, within one clause, in at least two of the
theme's comments (its most central ones, at most ``SAMPLE`` of them), after personal data is
masked and NPS openers ("because", "8/10") are stripped. A candidate may not start or end with
a stop word of the comments' language (a negation or "too" may open it; "it" may end it after
a verb), nor end on a word that needs more, open on a pronoun run into a verb, cut a negation
from its auxiliary or open a second clause (:mod:`passives_lib.themes._grammar`), nor contain a
masked placeholder, a number or a proper noun (a word written with a capital inside sentences,
such as a member of staff's name). Each is scored by

``centrality x distinctiveness x length``

- centrality: the summed similarity to the theme's centroid of the comments that use it,
  over the theme's size (a phrase used by the theme's most typical comments);
- distinctiveness: its share of the theme's comments over its share there plus elsewhere;
- length: a small bonus for 3 to 4 words, which name a problem better than two;
- whole: ``CUT_FACTOR`` when fewer than ``WHOLE`` of its uses end where a phrase may end, not
  right after a negation (:func:`passives_lib.themes._grammar.complete_ngrams`: "helpful the
  support team" always comes before "is");
- wording (:mod:`passives_lib.themes._wording`): a phrase with a word used fewer than
  ``RARE_USES`` times in the whole corpus or one edit from a word used far more (a
  customer's typo, "plese") counts ``RARE_FACTOR``
  of its score, one with a single content word ("too expensive") or only a subject ("waiting
  time") ``THIN_FACTOR``, one with none ("pas assez") ``EMPTY_FACTOR``, one that only says a
  feeling ("not happy") ``FEELING_FACTOR``; a feeling chosen all the same is said of the whole
  experience ("not happy overall").

A candidate that a one-word-longer candidate covers in at least ``TRUNCATION`` of its uses is
dropped ("reply to a simple" for "reply to a simple question"). When no phrase is shared by two
of a theme's comments (short, varied praise such as "polite and helpful men"), phrases used
once count too: a phrase of one central comment reads better than a list of keywords; so
they do when every phrase shared by two comments is cut short.

KeyBERT-style, the best ``RERANK`` candidates are then embedded with the model that embedded
the comments, and the final score adds their similarity to the centroid. A theme takes a
candidate of its own tone (see :mod:`passives_lib.themes._tone`) when it has one, else a
neutral one, one of the opposite tone last, among the candidates that say a thing: one with no
content word or ending on a degree ("pas toujours":
:func:`passives_lib.themes._wording.says_nothing`) comes after them; a theme of plain
statements ("neutral") takes a neutral one first, one that leans ("leaning",
:func:`passives_lib.themes._naming.naming_tones`) any. No two themes share a name by
:func:`passives_lib.themes._grammar.name_key` ("wait time", "waiting time"), and one that is
part of a name of the same tone, or holds it, comes last.
The keywords (c-TF-IDF) stay beside the name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from passives_lib.themes._grammar import (
    CLAUSE as _CLAUSE,
)
from passives_lib.themes._grammar import (
    MAX_WORDS,
    MIN_WORDS,
    OBJECT_ENDINGS,
    TOKEN,
    auxiliaries,
    complete_ngrams,
    cut_short,
    function_words,
    loose_too,
    name_key,
    names_overlap,
    opens_on_pronoun,
    phrase_text,
    split_verb,
    two_clauses,
    with_subject,
)
from passives_lib.themes._language import bad_label_end
from passives_lib.themes._memo import remember_last
from passives_lib.themes._tone import NEUTRAL, SIDE_OF, polarities
from passives_lib.themes._wording import corpus_words, says_nothing, spelled, wording

SAMPLE = 300
RERANK = 12
TONE_BONUS = 0.3
TRUNCATION = 0.8
WHOLE = 0.5  # a phrase that ends well in fewer of its uses is cut short ("can use" + "it")
CUT_FACTOR = 0.3
LENGTH_BONUS = {2: 1.0, 3: 1.2, 4: 1.25, 5: 1.1, 6: 1.0}
_SENTENCE = re.compile(r"[.!?\n]+")


def clause_ngrams(text: str) -> set[tuple[str, ...]]:
    """Distinct 2- to 6-word runs of a (masked) comment, never across punctuation."""
    grams: set[tuple[str, ...]] = set()
    for clause in _CLAUSE.split(text.lower().replace("\u2019", "'")):
        words = TOKEN.findall(clause)
        for n in range(MIN_WORDS, MAX_WORDS + 1):
            # The n shifted copies, zipped, are the runs of n words (the shortest ends it).
            grams.update(zip(*(words[shift:] for shift in range(n)), strict=False))
    return grams


@remember_last
def proper_nouns(texts: list[str], weights: np.ndarray | None = None) -> frozenset[str]:
    """Words written with a capital in most of their uses inside sentences (names).

    ``weights`` counts how many comments hold each text (distinct opinions): a name written
    with a capital by five customers and in lower case by one is still a name.

    Examples
    --------
    >>> sorted(proper_nouns(["ask for Zebediah please", "thanks to Zebediah", "the Box"]))
    ['box', 'zebediah']
    >>> sorted(proper_nouns(["thanks to Chen", "thanks to chen"], np.array([3.0, 1.0])))
    ['chen']
    """
    inside: Counter[str] = Counter()  # each spelling's uses after a sentence's first word
    counts = [1.0] * len(texts) if weights is None else np.asarray(weights, float).tolist()
    for text, count in zip(texts, counts, strict=True):
        for sentence in _SENTENCE.split(text):
            for word in TOKEN.findall(sentence)[1:]:
                inside[word] += count
    upper: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for word, uses in inside.items():
        if not word[0].isalpha():
            continue
        seen[word.lower()] += uses
        if word[0].isupper() and not word.isupper():
            upper[word.lower()] += uses
    return frozenset(w for w, n in seen.items() if upper[w] >= max(1, 0.6 * n))


def _acceptable(gram: tuple[str, ...], language: str, names: frozenset[str]) -> bool:
    if bad_label_end(gram[0], language, first=True) or cut_short(gram, language):
        return False
    if opens_on_pronoun(gram[0], language) or split_verb(gram, language) or two_clauses(gram):
        return False
    if gram[0] in auxiliaries(language):  # "does not look": its subject left outside
        return False
    if loose_too(gram):  # "too by a really nice lady": "too" ended another clause
        return False
    if bad_label_end(gram[-1], language, first=False) and gram[-1] not in OBJECT_ENDINGS:
        return False
    return not any(w.startswith("[") or w[:1].isdigit() or w in names for w in gram)


@dataclass(frozen=True)
class _Uses:
    """The phrases of one theme's sample and their weighted uses there.

    ``ids`` are the phrases (positions in the list of every theme's phrases, ascending);
    ``inside`` the summed weights of the comments that use each, ``central`` the same weights
    times each comment's closeness to the centroid (negative as 0); ``size`` the sample's
    summed weight (at least 1); ``complete`` the summed weights of the comments where the
    phrase ends well (:func:`complete_ngrams`).
    """

    ids: np.ndarray
    inside: np.ndarray
    central: np.ndarray
    size: float
    complete: np.ndarray


def _theme_uses(
    member_ids: list[np.ndarray],
    weights: np.ndarray,
    closeness: np.ndarray,
    complete_ids: list[np.ndarray] | None = None,
) -> _Uses:
    """Sum the weights per phrase over the sample's comments, in the comments' order.

    ``complete_ids`` (a subset of each comment's ``member_ids``) are the phrases that end well
    there; all of them when omitted.
    """
    rows = np.concatenate([np.zeros(0, dtype=np.intp), *member_ids])
    lengths = [len(ids) for ids in member_ids]
    ids, position = np.unique(rows, return_inverse=True)
    central = weights * np.maximum(closeness, 0.0)
    inside = np.bincount(position, weights=np.repeat(weights, lengths), minlength=len(ids))
    complete = inside
    if complete_ids is not None:
        done = np.concatenate([np.zeros(0, dtype=np.intp), *complete_ids])
        spots = np.searchsorted(ids, done)
        repeated = np.repeat(weights, [len(c) for c in complete_ids])
        complete = np.bincount(spots, weights=repeated, minlength=len(ids))
    return _Uses(
        ids,
        inside,
        np.bincount(position, weights=np.repeat(central, lengths), minlength=len(ids)),
        max(float(weights.sum()), 1.0),
        complete,
    )


def _score_candidates(
    uses: _Uses,
    grams: list[tuple[str, ...]],
    everywhere: np.ndarray,
    elsewhere_total: float,
    language: str,
    names: frozenset[str],
    needed: float | None = None,
    cut: set[tuple[str, ...]] | None = None,
) -> dict[tuple[str, ...], float]:
    """Score each acceptable phrase used at least ``needed`` times.

    By default a phrase must be used twice (once in a theme of fewer than four comments).
    ``everywhere`` holds each phrase's uses in every theme's sample, so that its uses
    elsewhere are the difference with its uses in this theme. The phrases scored as cut
    short (``CUT_FACTOR``) are added to ``cut`` when it is given.
    """
    size = uses.size
    if needed is None:
        needed = 2.0 if size >= 4 else 1.0
    scores, inside = {}, {}
    for j in np.flatnonzero(~(uses.inside < needed)).tolist():
        gram = grams[uses.ids[j]]
        if not _acceptable(gram, language, names):
            continue
        count = inside[gram] = uses.inside[j]
        share_in = count / size
        outside = max(everywhere[uses.ids[j]] - count, 0.0)
        share_out = outside / max(elsewhere_total, 1.0)
        distinct = share_in / (share_in + share_out)
        whole = 1.0 if uses.complete[j] >= WHOLE * count else CUT_FACTOR
        if whole < 1.0 and cut is not None:
            cut.add(gram)
        scores[gram] = uses.central[j] / size * distinct * LENGTH_BONUS[len(gram)] * whole
    return _drop_truncations(scores, inside)


def _drop_truncations(
    scores: dict[tuple[str, ...], float], inside: Mapping[tuple[str, ...], float]
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
    taken: frozenset[str] = frozenset(),
    tone: dict[int, str] | None = None,
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
    taken : frozenset of str
        Names (lower case) already given, which no theme here may take.
    tone : dict of int to str, optional
        Each theme's polarity: a candidate of the same polarity gains ``TONE_BONUS``, one of
        the opposite one loses it, so that a complaint is not named by its praise; a
        ``"neutral"`` theme takes a candidate without tone first, a ``"leaning"`` one any.

    Returns
    -------
    dict of int to str
        Theme id to its name, unique (themes choose in id order, each its best candidate
        not taken yet, one that is no part of a name of its tone first); a theme with no
        candidate phrase left is left out.
    """
    themes = sorted(set(np.asarray(labels).tolist()) - {-1})
    sampled = {k: _central_members(labels, closeness, k) for k in themes}
    numbered: dict[tuple[str, ...], int] = {}  # every sampled phrase, numbered
    uses = {
        k: _theme_uses(
            [_phrase_ids(clause_ngrams(texts[i]), numbered) for i in sampled[k]],
            weights[sampled[k]],
            closeness[sampled[k]],
            [_phrase_ids(complete_ngrams(texts[i], language), numbered) for i in sampled[k]],
        )
        for k in themes
    }
    grams = list(numbered)
    everywhere = np.zeros(len(grams))
    for k in themes:
        everywhere[uses[k].ids] += uses[k].inside
    totals = {k: float(weights[sampled[k]].sum()) for k in themes}
    function = function_words(language)
    usage, misspelt, subjects = corpus_words(texts, weights, language)
    ranked = {}
    for k in themes:
        candidates = (
            uses[k],
            grams,
            everywhere,
            sum(totals.values()) - totals[k],
            language,
            names,
        )
        # No whole phrase shared by two comments: the phrases of single comments compete
        # too, since a whole phrase of one central comment reads better than a phrase cut
        # short ("sent to the wrong" beside "sent to the wrong person") or a list of keywords.
        cut: set[tuple[str, ...]] = set()
        scores = _score_candidates(*candidates, cut=cut)
        if set(scores) <= cut:
            scores = _score_candidates(*candidates, needed=0.0)
        scores = {
            g: v * wording(g, usage, function, misspelt, language, subjects)
            for g, v in scores.items()
        }
        if scores:
            ranked[k] = _shortlist(scores)
    best = _best(ranked, centroids, encode, taken, tone, language, subjects)
    return {k: spelled(name, misspelt) for k, name in best.items()}  # when only typos were left


def _phrase_ids(grams: set[tuple[str, ...]], numbered: dict[tuple[str, ...], int]) -> np.ndarray:
    """The numbers of a comment's phrases, numbering the new ones."""
    return np.array([numbered.setdefault(g, len(numbered)) for g in grams], dtype=np.intp)


def _words(name: str) -> tuple[str, ...]:
    """A name's lower-case words, as its phrase had them."""
    return tuple(TOKEN.findall(name.lower().replace("\u2019", "'")))


def _central_members(labels: np.ndarray, closeness: np.ndarray, theme: int) -> np.ndarray:
    members = np.flatnonzero(labels == theme)
    order = np.lexsort((members, -np.round(closeness[members], 6)))
    return members[order[:SAMPLE]]


def _shortlist(scores: dict[tuple[str, ...], float]) -> dict[str, float]:
    """The ``RERANK`` best candidates as text, their scores scaled so that the best is 1."""
    ranked = sorted(scores, key=lambda g: (-round(scores[g], 9), g))[:RERANK]
    top = max(scores[ranked[0]], 1e-12)
    shortlist: dict[str, float] = {}
    for gram in ranked:  # best first: a text two phrases give keeps the better score
        shortlist.setdefault(phrase_text(gram), scores[gram] / top)
    return shortlist


def _best(
    shortlists: dict[int, dict[str, float]],
    centroids: np.ndarray,
    encode: Callable[[list[str]], np.ndarray] | None,
    taken: frozenset[str] = frozenset(),
    tone: dict[int, str] | None = None,
    language: str = "en",
    subjects: frozenset[str] = frozenset(),
) -> dict[int, str]:
    """Each theme's best candidate not taken: its score plus, KeyBERT-style, its similarity.

    Every candidate of every theme is embedded in one call; themes choose in id order. A
    name that is part of one given before to a theme of the same tone, or holds it, comes
    after the others (:func:`passives_lib.themes._grammar.names_overlap`: "trop élevés" beside
    "prix sont trop élevés").
    """
    phrases = sorted({p for shortlist in shortlists.values() for p in shortlist})
    similarity: dict[str, np.ndarray] = {}
    if encode is not None and phrases:
        vectors = np.asarray(encode(phrases), dtype=float)
        norms = np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        similarity = dict(zip(phrases, vectors / norms, strict=True))
    sign = {}
    if tone:
        sign = {p: SIDE_OF[t] for p, t in zip(phrases, polarities(phrases, language), strict=True)}
    function = function_words(language)
    empty_of = {p: says_nothing(_words(p), function) for p in phrases}
    used = {name_key(t) for t in taken}
    given: dict[str, list[str]] = {}  # names given, by the tone of their themes
    out = {}
    for k in sorted(shortlists):
        shortlist = shortlists[k]
        final = np.array(list(shortlist.values()))
        if similarity and len(shortlist) > 1:
            final = final + np.array([similarity[p] @ centroids[k] for p in shortlist])
        own_tone = (tone or {}).get(k, "")
        wanted = SIDE_OF.get(own_tone, 0)  # "neutral", "leaning" and none: no side
        agree = np.zeros(len(shortlist))
        if wanted and sign:
            agree = wanted * np.array([sign[p] for p in shortlist])
            final = final + TONE_BONUS * agree
        elif own_tone == NEUTRAL and sign:  # a theme of plain statements: a plain name first
            agree = np.array([1 - abs(sign[p]) for p in shortlist])
        # a name that says a thing first ("remise club", not "pas toujours"); among them one
        # of the theme's own tone first, then a neutral one, one of the other tone last
        empty = np.array([empty_of[p] for p in shortlist])
        order = np.lexsort((-np.round(final, 9), -np.sign(agree), empty))
        # a feeling without a subject ("not happy") is said of the whole experience
        named = [with_subject(list(shortlist)[i], language, subjects) for i in order]
        alike = given.setdefault((tone or {}).get(k, ""), [])
        free = [name for name in named if name_key(name) not in used]
        # one that is no part of a name of its tone, nor holds one, first
        free.sort(key=lambda name: any(names_overlap(name, o) for o in alike))
        if free:
            out[k] = free[0]
            used.add(name_key(free[0]))
            alike.append(free[0])
    return out
