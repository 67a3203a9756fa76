"""The words of a theme's name that say what it is about, and how many of them a text uses.

A quote read under a theme's name should say what the name says: under "tarifs élevés", "tarif
élevé" before "très déçue". The name's words that carry its subject are its words of three
letters or more that are not stop words in English or French nor light verbs ("gave",
"got", "fait": :data:`LIGHT_VERBS`); they are compared by a light
stem (lower case, accents dropped, the first :data:`STEM` letters), so that "waiting" finds
"waited", "tarifs" finds "tarif" and "élevés" finds "élevé".
"""

from __future__ import annotations

import re

from passives_lib.core import fold_accents
from passives_lib.themes._language import STOP_WORDS

__all__ = ["name_stems", "name_words_used"]

STEM = 5  # letters compared, after a final "ing", "ed", "es", "s" or "e" is dropped
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Verbs that say little of a subject ("gave appropriate advice": "advice" is the subject).
LIGHT_VERBS = frozenset(
    {"get", "got", "gets", "getting", "give", "gave", "given", "gives", "make", "made", "take"}
    | {"took", "taken", "put", "say", "said", "think", "thought", "know", "knew", "want"}
    | {"wanted", "feel", "felt", "seem", "seemed", "look", "looked", "find", "found", "keep"}
    | {"kept", "let", "try", "tried", "tell", "told", "ask", "asked", "went", "come", "came"}
    | {"fait", "faire", "avoir", "être", "dit", "dire", "trouve", "trouvé", "trouver", "mettre"}
)
_STOP = STOP_WORDS["en"] | STOP_WORDS["fr"] | LIGHT_VERBS


def _stem(word: str) -> str:
    """A light stem: the folded word without a final s, e, ed, ing or es, cut to STEM letters."""
    folded = fold_accents(word)
    for ending in ("ing", "ed", "es", "s", "e"):
        if len(folded) - len(ending) >= 3 and folded.endswith(ending):
            folded = folded[: -len(ending)]
            break
    return folded[:STEM]


def name_stems(name: str) -> frozenset[str]:
    """The stems of the words of a theme's name that carry its subject.

    Parameters
    ----------
    name : str
        A theme's name.

    Returns
    -------
    frozenset of str
        Light stems of its words of three letters or more that are neither English or French
        stop words nor :data:`LIGHT_VERBS`.

    Examples
    --------
    >>> sorted(name_stems("waiting time for the ambulance"))
    ['ambul', 'tim', 'wait']
    >>> sorted(name_stems("tarifs élevés"))
    ['elev', 'tarif']
    """
    words = (w for w in _WORD.findall(name) if len(w) >= 3 and w.casefold() not in _STOP)
    return frozenset(_stem(w) for w in words)


def name_words_used(text: str, stems: frozenset[str]) -> int:
    """How many of a name's stems (:func:`name_stems`) ``text`` uses: 0 for none.

    Examples
    --------
    >>> stems = name_stems("tarifs élevés")
    >>> name_words_used("Tarif élevé", stems), name_words_used("très déçue", stems)
    (2, 0)
    >>> stems = name_stems("locked out of my account")
    >>> name_words_used("Locked out of my account again", stems)
    2
    >>> name_words_used("Crashes when I switch between accounts", stems)
    1
    """
    if not stems:
        return 0
    return len({_stem(w) for w in _WORD.findall(text) if len(w) >= 3} & stems)
