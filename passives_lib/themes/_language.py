"""The comments' language, its stop words, and the openers of NPS "why" answers.

Only what theme labels and embeddings need: English and French stop words (scikit-learn's
English list; a French list here), minus the words that carry meaning in feedback ("not",
"never", "pas", "jamais", ...), and the openers that NPS answers start with ("because",
"well", "as", the score repeated: "8 because", "parce que") which make comments group by
wording rather than by issue. The language is detected by which list's words are more common,
unless the config names it (``themes.language``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from passives_lib.core import fold_accents

LANGUAGES = ("en", "fr")

# Stop words that carry meaning in feedback: "nothing" (to improve), "never", "not enough", ...
MEANINGFUL_WORDS = frozenset(
    {
        "nothing",
        "everything",
        "no",
        "not",
        "never",
        "none",
        "nobody",
        "less",
        "more",
        "cannot",
        "cant",
        "without",
        "enough",
        "thank",
        "thanks",
        "pas",
        "jamais",
        "rien",
        "aucun",
        "aucune",
        "sans",
        "trop",
        "plus",
        "moins",
        "merci",
        "personne",
    }
)

_FRENCH = """
    a à ai aie aient aies ait alors as au aucun aucune aupres auquel aura aurai auraient aurais
    aurait auras aurez auriez aurions aurons auront aussi autre autres aux auxquelles auxquels
    avaient avais avait avant avec avez aviez avions avoir avons ayant ayez ayons bah bon c ça
    car ce ceci cela celle celles celui cependant certain certaine certaines certains ces cet
    cette ceux chaque chez ci comme comment d dans de des donc dont du elle elles en encore
    es est et étaient étais était étant été êtes étiez étions être eu eue eues eûmes eurent eus
    eusse eut eux fait faites fois font furent fus fut ici il ils j je jusqu jusque l la là le
    les leur leurs lors lui m ma mais me même mêmes mes moi mon n ne ni nos notre nous on ont
    ou où par parce parmi pas peu peut plus pour pourquoi qu quand que quel quelle quelles
    quels qui quoi s sa sans se sera serai seraient serais serait seras serez seriez serions
    serons seront ses si sien soi soient sois soit sommes son sont sous soyez soyons suis sur t
    ta te tes toi ton tous tout toute toutes très tu un une unes uns vers voici voilà vos votre
    vous y
"""
FRENCH_STOP_WORDS = frozenset(_FRENCH.split())
STOP_WORDS = {"en": frozenset(ENGLISH_STOP_WORDS), "fr": FRENCH_STOP_WORDS}

# NPS "why" answers open with these; they say nothing about the issue.
OPENERS = {
    "en": (
        "because of",
        "because",
        "cause",
        "coz",
        "cos",
        "as",
        "well",
        "since",
        "so",
        "i gave",
        "i scored",
        "i rated",
        "i give",
        "i would say",
        "i think",
        "i feel",
        "it is because",
        "it's because",
        "its because",
        "mainly because",
        "simply because",
        "just because",
        "the reason is",
        "reason",
        "due to",
    ),
    "fr": (
        "parce que",
        "parce qu",
        "car",
        "puisque",
        "eh bien",
        "bien",
        "bon",
        "alors",
        "je mets",
        "j ai mis",
        "j'ai mis",
        "je donne",
        "je trouve que",
        "je pense que",
    ),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TWO_WORDS = re.compile(r"[^\W\d_][\W\d_]+[^\W\d_]", re.UNICODE)  # two runs of _WORD
_SCORE = r"(?:\d{1,2}(?:\s*/\s*10|\s+out\s+of\s+10|\s+sur\s+10)?)"


def label_stop_words(language: str) -> frozenset[str]:
    """Stop words of ``language`` without the ones that carry meaning in feedback."""
    return STOP_WORDS.get(language, STOP_WORDS["en"]) - MEANINGFUL_WORDS


# A label may open with these (they say what went wrong: "no tracking e-mail", "too slow";
# or that all went right: "everything was perfect").
LABEL_OPENERS = frozenset(
    {"no", "not", "never", "nothing", "too", "without", "pas", "jamais", "trop", "aucun"}
    | {"aucune", "sans", "plus", "more", "less", "moins", "rien", "everything"}
)


def bad_label_end(word: str, language: str, first: bool) -> bool:
    """Whether ``word`` may not open (``first``) or close a label: a stop word of the language.

    Parameters
    ----------
    word : str
        A lower-case word.
    language : str
        ``en`` or ``fr``.
    first : bool
        The first word of the label (negations and "too" may open one).

    Returns
    -------
    bool
        True when the word is a stop word there.

    Examples
    --------
    >>> bad_label_end("no", "en", first=True), bad_label_end("no", "en", first=False)
    (False, True)
    """
    stop = _label_end_stop_words(language)
    word = word.lower().replace("’", "'")
    if word.endswith("n't") or word.endswith("'s"):  # didn't, it's
        return True
    if "'" in word:  # d'attente and l'accueil are fine, n'est is not
        return word.split("'")[-1] in stop
    if first and word in LABEL_OPENERS:
        return False
    return word in stop


@lru_cache(maxsize=8)
def _label_end_stop_words(language: str) -> frozenset[str]:
    """Stop words of ``language`` and English ones (a label may not start or end with them).

    Written without their accents too ("tres", "deja"): a phrase found in such spelling is
    shown in the spelling most comments use ("très cher"), which must not open a label either.
    """
    stop = STOP_WORDS.get(language, STOP_WORDS["en"]) | STOP_WORDS["en"]
    return stop | {fold_accents(word) for word in stop}


def detect_language(texts: Iterable[str], configured: str | None = None) -> str:
    """The comments' language: ``configured`` when it is ``en`` or ``fr``, else detected.

    Parameters
    ----------
    texts : iterable of str
        Comments.
    configured : str, optional
        ``themes.language`` from the config (``auto`` or ``None`` to detect).

    Returns
    -------
    str
        ``"en"`` or ``"fr"``; English when nothing decides.

    Examples
    --------
    >>> detect_language(["Le magasin est trop loin et pas de choix", "the shop is far"])
    'fr'
    """
    if configured in LANGUAGES:
        return str(configured)
    only = {
        "en": STOP_WORDS["en"] - STOP_WORDS["fr"],
        "fr": STOP_WORDS["fr"] - STOP_WORDS["en"],
    }
    words: Counter[str] = Counter()
    for text in texts:
        words.update(_WORD.findall(str(text).lower()))
    hits = {
        language: sum(n for word, n in words.items() if word in only[language])
        for language in LANGUAGES
    }
    return "fr" if hits["fr"] > hits["en"] else "en"


@lru_cache(maxsize=8)
def _opener_pattern(language: str) -> re.Pattern[str]:
    """The openers of ``language`` (and a repeated score) at the start of a comment."""
    openers = "|".join(
        re.escape(o).replace(r"\ ", r"\s+")
        for o in sorted(OPENERS.get(language, OPENERS["en"]), key=len, reverse=True)
    )
    return re.compile(rf"^\s*(?:(?:{_SCORE}|{openers})\b[\s,.:;!-]*)+", re.IGNORECASE | re.UNICODE)


def strip_openers(text: str, language: str = "en") -> str:
    """Remove the openers an NPS answer starts with, and the score repeated.

    Parameters
    ----------
    text : str
        A comment.
    language : str
        ``en`` or ``fr``.

    Returns
    -------
    str
        The comment without its opening filler; the comment itself when nothing would be left.

    Examples
    --------
    >>> strip_openers("8/10 because the engineer did not turn up")
    'the engineer did not turn up'
    >>> strip_openers("Well, as the price went up")
    'the price went up'
    """
    stripped = _opener_pattern(language).sub("", str(text)).strip()
    return stripped if _TWO_WORDS.search(stripped) else str(text).strip()
