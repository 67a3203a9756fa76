"""How well a candidate phrase reads as a theme name: spelled as most write it, with content.

A customer's typo ("plese", "recieved") is a word few comments use, or one edit away from a
word many more use; a subject alone or half a
problem ("ambulance", "too expensive") has fewer than two content words; a feeling without a
subject ("pretty happy") says nothing about what (:mod:`passives_lib.themes._grammar`). All lower a
candidate's score in :mod:`passives_lib.themes._phrases`, never rule it out: a theme whose
every phrase is like that is still named.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from passives_lib.themes._grammar import (
    HOW_WORDS,
    TOKEN,
    function_words,
    sentiment_only,
    subject_only,
    things,
)
from passives_lib.themes._memo import remember_last

RARE_USES = 3  # a word used fewer times in the whole corpus may be a typo ("plese", "recieved")
RARE_FACTOR = 0.3
THIN_FACTOR = 0.8  # a name with one content word ("too expensive") names half a problem
FEELING_FACTOR = 0.5  # one that says only a feeling ("pretty happy") names no subject
EMPTY_FACTOR = 0.3  # one with none ("pas assez", "not a thing") names nothing


def word_uses(texts: list[str], weights: np.ndarray) -> Counter[str]:
    """How many comments (by weight) use each lower-case word, over the whole corpus.

    Examples
    --------
    >>> word_uses(["Runs small", "runs big"], np.ones(2))["runs"]
    2.0
    """
    uses: Counter[str] = Counter()
    for text, weight in zip(texts, np.asarray(weights, dtype=float).tolist(), strict=True):
        for word in set(TOKEN.findall(text.lower().replace("\u2019", "'"))):
            uses[word] += weight
    return uses


MISSPELT_SHARE = 3.0  # a spelling one edit away used this many times more: the right one


def misspellings(usage: Counter[str], function: frozenset[str] = frozenset()) -> dict[str, str]:
    """Customers' typos: words one edit from a word used ``MISSPELT_SHARE`` times as often.

    An edit is a letter dropped, added, changed or two swapped ("plese" beside "please"). Words
    of fewer than four letters are left alone ("fit" and "fix" are both words), and so is a word
    used ``RARE_USES`` times or more whose nearest spelling is a ``function`` word and it not
    (or the other way round): "wish" is no typo of "with"; nor one that differs from it by a
    single changed letter: "food" is no typo of "good".

    Examples
    --------
    >>> misspellings(Counter({"please": 40, "plese": 3, "pleas": 20, "fit": 9, "fix": 1}))
    {'plese': 'please'}
    >>> misspellings(Counter({"with": 90, "wish": 9}), frozenset({"with"}))
    {}
    >>> misspellings(Counter({"good": 900, "food": 30, "received": 90, "recieved": 12}))
    {'recieved': 'received'}
    """
    variants: dict[str, list[str]] = {}
    for word in usage:
        if len(word) >= 4:
            for key in _deletions(word) | {word}:
                variants.setdefault(key, []).append(word)
    out = {}
    for word, uses in usage.items():
        if len(word) < 4:
            continue
        near = {v for key in _deletions(word) | {word} for v in variants.get(key, [])}
        right = [
            v
            for v in near
            if v != word
            and usage[v] >= MISSPELT_SHARE * uses
            and (uses < RARE_USES or _may_be_mistyped(word, v, function))
        ]
        if right:
            out[word] = min(right, key=lambda v: (-usage[v], v))
    return out


def _may_be_mistyped(word: str, right: str, function: frozenset[str]) -> bool:
    """Whether a word used often may still be a typo of ``right``.

    Not when one of them is a function word and the other not ("wish", "with"), nor when one
    letter stands for another: two words of one length that differ in a single place are
    mostly two words ("food" and "good", "ward" and "hard"). A letter dropped, added or two
    swapped ("recieved"), or an accent left out ("remarqué" as "remarque"), stays a typo
    however often it is made.
    """
    if (right in function) != (word in function):
        return False
    if len(word) != len(right):
        return True
    differ = [(a, b) for a, b in zip(word, right, strict=True) if a != b]
    return len(differ) != 1 or _base_letter(differ[0][0]) == _base_letter(differ[0][1])


def _base_letter(letter: str) -> str:
    """A letter without its accent ("é" -> "e")."""
    return unicodedata.normalize("NFD", letter)[0]


def spelled(name: str, misspelt: dict[str, str]) -> str:
    """A name with its typos spelled as most comments spell them.

    Examples
    --------
    >>> spelled("plese fix", {"plese": "please"})
    'please fix'
    """
    return " ".join(misspelt.get(word, word) for word in name.split(" "))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def wording(
    gram: tuple[str, ...],
    usage: Counter[str],
    function: frozenset[str],
    misspelt: dict[str, str] | None = None,
    language: str = "en",
    subjects: frozenset[str] = frozenset(),
) -> float:
    """How well a phrase reads as a name: typos, a lone content word and a bare feeling cost.

    Examples
    --------
    >>> usage = Counter({"runs": 9, "small": 9, "plese": 1, "fix": 9, "too": 9, "cheap": 9})
    >>> [wording(g, usage, frozenset({"too"})) for g in
    ...  [("runs", "small"), ("plese", "fix"), ("too", "cheap"), ("too", "too")]]
    [1.0, 0.3, 0.8, 0.3]
    """
    factor = 1.0
    if any(usage[w] < RARE_USES or w in (misspelt or {}) for w in gram):
        factor *= RARE_FACTOR
    if says_nothing(gram, function):
        factor *= EMPTY_FACTOR
    elif sum(w not in function for w in gram) == 1:
        factor *= THIN_FACTOR
    if sentiment_only(gram, language, function, subjects):
        factor *= FEELING_FACTOR
    elif subject_only(gram, function, subjects):
        factor *= THIN_FACTOR
    return factor


def says_nothing(gram: Sequence[str], function: frozenset[str]) -> bool:
    """Whether a phrase has no content word, or ends on a degree ("pas toujours", "prix sont trop").

    Examples
    --------
    >>> fr = frozenset({"pas", "toujours", "sont", "trop"})
    >>> says_nothing(("pas", "toujours"), fr), says_nothing(("prix", "sont", "trop"), fr)
    (True, True)
    >>> says_nothing(("remise", "club"), fr)
    False
    """
    return all(w in function for w in gram) or (bool(gram) and gram[-1] in HOW_WORDS)


class CorpusWords(NamedTuple):
    """Facts of the words over all the opinions (read, never changed, by their users)."""

    usage: Counter[str]  # comments (by weight) that use each lower-case word
    misspelt: dict[str, str]  # a misspelling to its right spelling
    subjects: frozenset[str]  # words that name a thing


@remember_last
def corpus_words(texts: list[str], weights: np.ndarray, language: str) -> CorpusWords:
    """Word uses, misspellings and things of the label texts (a fit's, worked out once)."""
    usage = word_uses(texts, weights)
    misspelt = misspellings(usage, function_words(language))
    return CorpusWords(usage, misspelt, things(texts, weights, language))
