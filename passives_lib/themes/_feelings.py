"""Opinions that only say how the customer feels: "Really disappointed", "Love it", "Très déçue".

A feeling without a subject tells the tone of a comment, not what went wrong or right. Beside
an opinion that names a subject ("Really disappointed. The app crashes every time I open the
reports") it would gather, as an opinion of its own, into a theme of feelings ("really
disappointed overall": a top theme of a round-table that no team can act on), and, scored
higher than the subject, take the comment's main theme. :func:`says_only_feeling` finds such
an opinion: every word is a feeling ("disappointed", "happy", "ugh", "love it", "déçue") or a
word that only carries one (a pronoun, "be", "really", "so", "not", "overall"). A feeling said
of a subject ("happy with the service", "disappointed by the fabric") is no bare feeling.
The whole comment's tone still counts its feelings (:mod:`passives_lib.themes._model_tone`).
"""

from __future__ import annotations

import re

__all__ = ["says_only_feeling"]

# fmt: off
FEELINGS = frozenset({
    "disappointed", "disappointing", "disappointment", "happy", "unhappy", "pleased",
    "displeased", "satisfied", "dissatisfied", "unsatisfied", "frustrated", "frustrating",
    "annoyed", "annoying", "upset", "angry", "furious", "livid", "delighted", "thrilled",
    "ugh", "meh", "sad", "gutted", "impressed", "unimpressed", "glad", "relieved", "shocked",
    "appalled", "disgusted", "horrified", "miserable", "ecstatic", "elated",
    "déçu", "déçue", "déçus", "déçues", "decu", "decue", "déception", "décevant", "décevante",
    "content", "contente", "contents", "contentes", "mécontent", "mécontente", "ravi", "ravie",
    "ravis", "ravies", "satisfait", "satisfaite", "satisfaits", "satisfaites", "insatisfait",
    "insatisfaite", "heureux", "heureuse", "enchanté", "enchantée", "agacé", "agacée",
    "furieux", "furieuse", "triste", "frustré", "frustrée", "frustrant", "frustrante",
})
LOVE = frozenset({"love", "loved", "hate", "hated", "adore", "adored"})  # "love it", not a noun
# Words that carry a feeling without adding a subject: pronouns, "be", degree, negation.
CARRIERS = frozenset({
    "i", "i'm", "im", "i've", "ive", "we", "we're", "we've", "am", "is", "are", "was", "were",
    "be", "been", "feel", "felt", "feeling", "really", "very", "so", "quite", "pretty",
    "extremely", "totally", "absolutely", "completely", "utterly", "a", "bit", "little",
    "overall", "just", "not", "too", "still", "always", "generally", "honestly", "frankly",
    "and", "but", "oh", "it", "this", "that", "them", "these", "with", "of", "all", "in",
    "je", "j'ai", "j'étais", "suis", "sommes", "étais", "nous", "on", "est", "très", "tres",
    "vraiment", "assez", "plutôt", "plutot", "un", "peu", "pas", "trop", "et", "mais", "ça",
    "ca", "globalement", "toujours", "super", "hyper",
})
# fmt: on
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def says_only_feeling(piece: str) -> bool:
    """Whether an opinion only says how the customer feels (see the module docstring).

    Examples
    --------
    >>> [says_only_feeling(p) for p in ["Really disappointed!", "Love it", "Ugh.", "Très déçue",
    ...  "I was not disappointed", "Very happy with the service", "Very helpful", "Love"]]
    [True, True, True, True, True, False, False, False]
    """
    words = _WORD.findall(piece.lower().replace("\u2019", "'"))
    felt = [w for w in words if w in FEELINGS or w in LOVE]
    if not felt or not all(w in FEELINGS or w in LOVE or w in CARRIERS for w in words):
        return False
    # "love" or "hate" alone may be a noun ("Love"): a feeling when said of "it" or "this"
    return any(w in FEELINGS for w in felt) or any(w in {"it", "this", "them"} for w in words)
