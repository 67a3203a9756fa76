"""The words of a theme's name that say what it is about, and whether a text uses them.

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

__all__ = ["mentions_name", "name_stems"]

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


def mentions_name(text: str, stems: frozenset[str]) -> bool:
    """Whether ``text`` uses one of a name's stems (:func:`name_stems`).

    Examples
    --------
    >>> stems = name_stems("tarifs élevés")
    >>> mentions_name("Tarif élevé", stems), mentions_name("très déçue", stems)
    (True, False)
    >>> mentions_name("We waited two hours", name_stems("waiting time"))
    True
    """
    if not stems:
        return False
    return any(_stem(w) in stems for w in _WORD.findall(text) if len(w) >= 3)
