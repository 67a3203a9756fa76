"""The polarity of an opinion: complaint, praise, suggestion or neutral.

English opinions are scored with VADER (:mod:`passives_lib.themes._sentiment`); French ones
with a small lexicon here (VADER knows no French), negation or lack flipping a positive word
("pas aimable", "je n'aime pas", "manque de choix", "peu de conseils") and "pas cher", "peu
d'attente" counted as praise. French words are read without an elided article or pronoun
("j'aime", "l'amabilité"), and a word typed without its accents against the lexicon without
them ("tres agreable", "probleme"), while one typed with them is read as typed ("prix
pratiqués" is no "pratique"). VADER misses what
customers complain about in plain words ("runs small", "the wait was 3 hours", "fabric is
thin") and praise in plain words ("seen on time", "true to size"), so short cue lists decide
when the score is weak.

The rule, per opinion (``score`` in [-1, 1]):

- nothing said ("nothing in particular", "pas de remarque"): ``neutral``;
- "nothing to improve", "can't fault", "no complaints", "rien à redire", or a problem said
  to be absent ("no training needed", "never crashes", "not bad", "sans attente"):
  ``praise``;
- a request ("please fix", "plz add", "could you add", "bring back", "merci de corriger",
  "pourriez-vous") or a suggestion cue ("should", "would be nice", "il faudrait"):
  ``suggestion``;
- something that fails ("crashes every time", "login fails", "keeps freezing", "ne marche
  pas", "bug") or a good quality fading ("less stable", "no longer reliable"): ``complaint``,
  whatever the score;
- ``score <= -NEGATIVE``, or a complaint cue and ``score < STRONG``: ``complaint``;
- ``score >= POSITIVE``, or a praise cue and ``score > -NEGATIVE``: ``praise``;
- otherwise ``neutral``.

In French the lexicon score alone decides between complaint, praise and neutral.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from passives_lib.core import fold_accents, strip_accents
from passives_lib.themes._sentiment import sentiment, valence
from passives_lib.themes._tone_cues import (
    ABSENT_CUES,
    COMPLAINT_CUES,
    FAILURE_CUES,
    NOTHING_CUES,
    PRAISE_CUES,
    REQUEST_CUES,
    SATISFIED_CUES,
    SUGGESTION_CUES,
)

COMPLAINT, PRAISE, SUGGESTION, NEUTRAL = "complaint", "praise", "suggestion", "neutral"
POLARITIES = (COMPLAINT, PRAISE, SUGGESTION, NEUTRAL)
SIGN_OF = {COMPLAINT: -1, PRAISE: 1}  # the tone an opinion's polarity says
# Which side of a change a polarity is on: a complaint and a suggestion both ask for one.
SIDE_OF = {COMPLAINT: -1, SUGGESTION: -1, PRAISE: 1, NEUTRAL: 0}
NEGATIVE = 0.05
POSITIVE = 0.3
STRONG = 0.5

# A good quality said to be fading ("less stable", "no longer reliable"): a complaint, when
# VADER counts the word after it as positive.
_DECLINE = re.compile(r"\b(?:less|no longer|not as|not so|not nearly as)\s+([a-z]+)\b")
# French words: a word typed without accents is read against the lexicon without accents
# ("tres agreable", "probleme"), one typed with them as it is ("prix pratiqués" is no
# "pratique"); an elided article or pronoun is no word ("j'aime", "l'amabilité"), an elided
# "ne" is "ne" ("n'aime pas").
_FR_NEGATORS = frozenset({"pas", "jamais", "plus", "ni", "aucun", "aucune", "rien", "sans"})
# What is lacking or needed is not praised: "manque de choix" is a complaint, not "manque" +
# "choix"; so are "absence de sourire", "besoin de compétences".
_FR_LACKING = frozenset(
    {"manque", "manquent", "manquait", "manquaient", "manquer", "absence", "besoin"}
)
# Nor is what there is little of ("peu aimable", "peu de conseils"), and little of a problem
# is none ("peu d'attente"); "un peu" says how much of a problem ("un peu loin", "un peu
# cher", counted once).
_FR_LITTLE = "peu"
_FR_A_BIT = frozenset({"un", "petit"})  # "un peu", "un petit peu"
# "bon d'achat", "bons de réduction": a voucher, no praise.
_FR_VOUCHERS = frozenset({"bon", "bons"})
_FR_VOUCHER_NEXT = frozenset({"achat", "achats", "reduction", "reductions", "cadeau", "commande"})
_FR_INTENSIFIERS = frozenset({"bien", "super", "top"})  # praise alone, "very" before a word
_FR_CHEAP = frozenset({"cher", "chers", "chere", "cheres"})
_FR_COMPARATIVES = frozenset({"plus", "moins", "trop"})  # "bien plus cher": "bien" is "much"
_FR_ELIDED = frozenset({"l", "d", "j", "m", "t", "s", "c", "qu"})
# "personne" is nobody ("personne ne répond"), unless a determiner makes it a person ("la
# personne du rayon").
_FR_PERSON = "personne"
_FR_DETERMINERS = frozenset({"la", "une", "cette", "chaque", "quelle", "autre", "seule"})
_FR_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def french_words(text: str) -> list[str]:
    """The words of a French opinion in lower case, without elided articles or pronouns.

    Examples
    --------
    >>> french_words("J'aime l'amabilité du personnel, il n'est pas pressé")
    ['aime', 'amabilité', 'du', 'personnel', 'il', 'ne', 'est', 'pas', 'pressé']
    """
    words = _FR_WORD.findall(text.lower())
    return ["ne" if w == "n" else w for w in words if w not in _FR_ELIDED]


class _FrenchLexicon:
    """The French praise and complaint words, read with or without accents (see above)."""

    def __init__(self, table: dict[str, str]) -> None:
        self.typed = re.compile(table["fr"], re.IGNORECASE)
        self.bare = re.compile(strip_accents(table["fr"]), re.IGNORECASE)

    def __contains__(self, word: str) -> bool:
        pattern = self.bare if word.isascii() else self.typed
        return pattern.fullmatch(word) is not None


@lru_cache(maxsize=1)
def _lexicons() -> tuple[_FrenchLexicon, _FrenchLexicon]:
    """The French praise words and complaint words."""
    return _FrenchLexicon(PRAISE_CUES), _FrenchLexicon(COMPLAINT_CUES)


# The cue lists in the order :func:`polarities` reads them.
_CUES = (
    NOTHING_CUES,
    SATISFIED_CUES,
    ABSENT_CUES,
    REQUEST_CUES,
    SUGGESTION_CUES,
    FAILURE_CUES,
    COMPLAINT_CUES,
    PRAISE_CUES,
)


@lru_cache(maxsize=8)
def cue_patterns(language: str, ascii_only: bool) -> tuple[re.Pattern[str], ...]:
    """The cue patterns of a language, in :data:`_CUES` order, for lower-cased text.

    :func:`polarities` reads lower-cased text and the patterns' letters are all lower case,
    so on ASCII text ignoring case changes no match; it only makes the search about three
    times slower. Text with other characters is read with ``re.IGNORECASE``, which also
    matches a few of them to ASCII letters ("ſ" to "s", "ı" to "i"). French patterns come
    without their accents, as :func:`polarities` reads French text.

    Parameters
    ----------
    language : str
        ``en`` or ``fr`` (any other reads as ``en``).
    ascii_only : bool
        The text to search is ASCII: the patterns are compiled without ``re.IGNORECASE``.

    Returns
    -------
    tuple of re.Pattern
        Nothing said, satisfied, absent problem, request, suggestion, failure, complaint and
        praise cues.

    Examples
    --------
    >>> [bool(p.search("you should open earlier")) for p in cue_patterns("en", True)][3:5]
    [False, True]
    >>> bool(cue_patterns("en", False)[4].search("you ſhould open earlier"))
    True
    """
    flags = 0 if ascii_only else re.IGNORECASE
    if language == "fr":
        return tuple(re.compile(strip_accents(table["fr"]), flags) for table in _CUES)
    return tuple(re.compile(table.get(language, table["en"]), flags) for table in _CUES)


def french_score(text: str) -> float:
    """A lexicon score in [-1, 1] for a French opinion (praise words minus complaint words).

    Examples
    --------
    >>> french_score("Très bon accueil, personnel aimable") > 0
    True
    >>> french_score("Personnel pas aimable et attente trop longue") < 0
    True
    >>> french_score("Prix pas chers") > 0
    True
    >>> french_score("Manque de choix") < 0
    True
    >>> french_score("Magasin bien cher") < 0
    True
    >>> french_score("En plus, de bons conseils") > 0
    True
    """
    typed = french_words(text)
    words = [fold_accents(w) for w in typed]  # for the function words
    positive, negative = _lexicons()
    praised = [t in positive for t in typed]  # each word read against the lexicon once
    blamed = [t in negative for t in typed]
    total = 0.0
    # "en plus", "de plus" (moreover) negate nothing: "En plus, de bons conseils".
    moreover = {
        i for i, w in enumerate(words) if w == "plus" and i and words[i - 1] in ("en", "de")
    }
    little = _little_of(words, [p or b for p, b in zip(praised, blamed, strict=True)])
    borne = set(little.values())  # the words a "peu" bears on
    for i, word in enumerate(words):
        # a negation reaches three words back, or five across "de" ("pas assez de personnel
        # disponible", "manque de vendeurs compétents")
        reach = 5 if "de" in words[max(0, i - 3) : i] else 3
        before = [
            w
            for j, w in enumerate(words[max(0, i - reach) : i], max(0, i - reach))
            if j not in moreover
        ]
        following = words[i + 1 : i + 3]
        # "ne" before and "pas" after: "je n'aime pas"
        negated = (
            any(w in _FR_NEGATORS or w in _FR_LACKING for w in before)
            or i in borne
            or ("ne" in words[max(0, i - 2) : i] and any(w in _FR_NEGATORS for w in following))
        )
        if word in _FR_CHEAP and ("pas" in before or i in borne):
            total += 1.0  # "pas cher", "peu cher": cheap, praise
        elif word == _FR_PERSON and i and words[i - 1] in _FR_DETERMINERS:
            continue  # "la personne du rayon": someone, not nobody
        elif word in _FR_NEGATORS and i not in moreover:
            cheap = word == "pas" and any(w in _FR_CHEAP for w in following)  # "plus cher"
            if not (cheap or any(praised[i + 1 : i + 3])):
                total -= 0.5
        elif word == _FR_LITTLE:  # unless the word it bears on says it
            said = blamed[i + 1 : i + 2] if i and words[i - 1] in _FR_A_BIT else []
            bears = little.get(i) is not None or any(said)
            total -= 0.0 if bears else 1.0
        elif word in _FR_VOUCHERS and words[i + 1 : i + 2] and words[i + 1] in _FR_VOUCHER_NEXT:
            continue  # "bon d'achat": a voucher
        elif (
            word in _FR_INTENSIFIERS
            and following
            and (blamed[i + 1] or following[0] in _FR_COMPARATIVES)
        ):
            continue  # "bien cher", "bien plus cher": the complaint is counted, not a praise
        elif praised[i]:
            total += -1.0 if negated else 1.0
        elif blamed[i]:
            total += 1.0 if i in borne else -1.0
    return float(np.tanh(total / 2.0))


def _little_of(words: list[str], toned: list[bool]) -> dict[int, int | None]:
    """Where each "peu" (not "un peu") is: the word with a tone it bears on, if any.

    The word right after it ("peu aimable", "peu cher"), or after "peu de" the noun or its
    adjective ("peu d'attente", "peu de personnel disponible"); ``toned`` says which words
    are in the praise or complaint lexicon.
    """
    little: dict[int, int | None] = {}
    for i, word in enumerate(words):
        if word != _FR_LITTLE or (i and words[i - 1] in _FR_A_BIT):
            continue
        spots = [i + 2, i + 3] if words[i + 1 : i + 2] == ["de"] else [i + 1]
        bearing = [j for j in spots if j < len(toned) and toned[j]]
        little[i] = bearing[0] if bearing else None
    return little


def scores(texts: Sequence[str], language: str) -> np.ndarray:
    """Each opinion's score in [-1, 1]: VADER in English, the lexicon in French."""
    if language == "fr":
        return np.array([french_score(t) for t in texts], dtype=float)
    return sentiment(list(texts)) if len(texts) else np.zeros(0)


def polarities(texts: Sequence[str], language: str, score: np.ndarray | None = None) -> list[str]:
    """Each opinion's polarity (see the module docstring).

    Parameters
    ----------
    texts : sequence of str
        Opinions (sentences or clauses).
    language : str
        ``en`` or ``fr``.
    score : numpy.ndarray, optional
        Their scores when already computed (:func:`scores`).

    Returns
    -------
    list of str
        ``complaint``, ``praise``, ``suggestion`` or ``neutral`` per opinion.

    Examples
    --------
    >>> polarities(["It runs small", "Love the colour", "You should add pockets",
    ...             "I ordered a medium", "Could not do any better"], "en")
    ['complaint', 'praise', 'suggestion', 'neutral', 'praise']
    """
    score = scores(texts, language) if score is None else np.asarray(score, dtype=float)
    out = []
    for text, value in zip(texts, score.tolist(), strict=True):
        lowered = text.lower().replace("\u2019", "'")
        if language == "fr":  # read without accents, as the French patterns are
            lowered = fold_accents(lowered)
        cues = cue_patterns(language, lowered.isascii())
        nothing, satisfied, absent, request, suggestion, failure, complaint, praise = cues
        if nothing.search(lowered):
            out.append(NEUTRAL)  # "nothing in particular", "pas de remarque"
        elif satisfied.search(lowered) or absent.search(lowered):
            out.append(PRAISE)  # "can't fault", "no training needed", "rien à redire"
        elif request.search(lowered) or suggestion.search(lowered):
            out.append(SUGGESTION)  # "please fix", "could you add", "should"
        elif failure.search(lowered) or (language != "fr" and declines(lowered)):
            out.append(COMPLAINT)  # "crashes every time", "ne marche pas", "less stable"
        elif language == "fr":  # the lexicon score already counts the cue words
            out.append(COMPLAINT if value < 0 else PRAISE if value > 0 else NEUTRAL)
        elif value <= -NEGATIVE or (value < STRONG and complaint.search(lowered)):
            out.append(COMPLAINT)
        elif value >= POSITIVE or (value > -NEGATIVE and praise.search(lowered)):
            out.append(PRAISE)
        else:
            out.append(NEUTRAL)
    return out


def declines(lowered: str) -> bool:
    """Whether a lower-cased English opinion says a good quality is fading ("less stable").

    Examples
    --------
    >>> declines("every release makes the app less stable"), declines("less hassle")
    (True, False)
    """
    return any(valence(word) > 0 for word in _DECLINE.findall(lowered))


def with_comment_tone(
    polarity: list[str], owner: np.ndarray, unit: np.ndarray, comment_score: np.ndarray
) -> list[str]:
    """Opinions' polarities, a neutral one taking its comment's tone unless that is mixed.

    A neutral opinion ("I ordered a medium", "Mostly fine") takes the tone of the first
    comment that holds it (:func:`inherit`), unless that comment also holds an opinion of the
    opposite tone: in "The invoice PDF is blank. Otherwise pretty happy" the comment's
    positive score comes from the praise, not from the neutral sentence, which stays neutral.

    Parameters
    ----------
    polarity : list of str
        Each distinct opinion's own polarity.
    owner, unit : numpy.ndarray
        For each (comment, opinion) pair: the comment and the opinion (``Units``).
    comment_score : numpy.ndarray
        Each comment's overall score.

    Examples
    --------
    >>> with_comment_tone(["neutral", "praise", "neutral"], np.array([0, 0, 1]),
    ...                   np.array([0, 1, 2]), np.array([0.6, -0.5]))
    ['praise', 'praise', 'complaint']
    >>> with_comment_tone(["neutral", "praise", "complaint"], np.array([0, 0, 0]),
    ...                   np.array([0, 1, 2]), np.array([0.6]))
    ['neutral', 'praise', 'complaint']
    """
    score = np.asarray(comment_score, dtype=float)
    own = np.array([SIGN_OF.get(p, 0) for p in polarity], dtype=int)
    opposed = np.zeros(len(score), dtype=bool)
    if len(unit):
        opposed[owner[own[unit] * np.sign(score[owner]) < 0]] = True
    first_owner = np.zeros(len(polarity), dtype=int)
    first_owner[unit[::-1]] = owner[::-1]
    plain = np.where(opposed[first_owner], 0.0, score[first_owner])
    return inherit(polarity, plain)


def inherit(polarity: list[str], owner_score: np.ndarray) -> list[str]:
    """An opinion without tone of its own takes its comment's (praise or complaint).

    Parameters
    ----------
    polarity : list of str
        Each opinion's own polarity.
    owner_score : numpy.ndarray
        The overall score of the comment each opinion comes from (its first comment).

    Examples
    --------
    >>> inherit(["neutral", "neutral", "neutral", "praise"], np.array([0.5, -0.4, 0.0, -0.9]))
    ['praise', 'complaint', 'neutral', 'praise']
    """
    out = []
    for own, score in zip(polarity, np.asarray(owner_score, dtype=float).tolist(), strict=True):
        if own == NEUTRAL and score >= NEGATIVE:
            out.append(PRAISE)
        elif own == NEUTRAL and score <= -NEGATIVE:
            out.append(COMPLAINT)
        else:
            out.append(own)
    return out
