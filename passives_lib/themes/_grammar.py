"""Word classes that decide whether a phrase reads as a whole name, without a tagger.

Function words of English and French come from :mod:`passives_lib.themes._language` (stop
words, negations, the openers a name may start with) and the degree and "be" words here. The
rules that use them:

- a phrase is cut short when the next word in the comment is one it needs to be whole
  (:func:`ends_well`: a determiner, a pronoun, an auxiliary or a modal; in English a content
  word too, whose modifiers come first) or when it ends on such a word (:func:`cut_short`);
- a word is a thing (a subject) when the corpus puts a determiner before it often enough
  (:func:`things`: "the support", not "the happy");
- a phrase says only a feeling when every content word is a VADER sentiment word that names no
  thing (:func:`sentiment_only`: "not happy", "highly recommend"); such a name is said of the
  whole experience (:func:`with_subject`: "not happy overall"); a phrase of things only says
  a subject alone (:func:`subject_only`: "waiting time");
- a name may not open on a pronoun run into a verb (:func:`opens_on_pronoun`: "i've", "j'"),
  cut a negation from its auxiliary (:func:`split_verb`: "not have done better") or open a
  second clause (:func:`two_clauses`: "dommage que la carte");
- two names are one when they differ only by case and light endings (:func:`name_key`: "wait
  time", "waiting time"); one name may be a run of another's words (:func:`names_overlap`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np

from passives_lib.themes._language import LABEL_OPENERS, MEANINGFUL_WORDS, STOP_WORDS

# fmt: off
# Words that say how much or how often, or "be" and "have": no content word of a name.
HOW_WORDS = frozenset({
    "assez", "toujours", "très", "tres", "trop", "peu", "beaucoup", "souvent", "parfois",
    "vraiment", "really", "very", "always", "quite", "so", "too", "bit", "much", "little", "pu",
    "fait", "été", "va", "est", "sont", "was", "were", "is", "are", "be", "been", "had", "has",
    "have", "got", "get", "it's", "c'est", "ok",
})
# Words a phrase needs after it to be whole: determiners, pronouns, auxiliaries and modals. A
# phrase cut before one of them ("helpful the support team" + "is", "can use" + "it") is half a
# sentence. Every other function word (a conjunction, a preposition, an adverb) starts
# something new, so a phrase may end before it. A content word continues an English phrase
# (its modifiers come first: "love a native" + "Slack", "no tracking" + "number"), while in
# French it mostly adds an adjective to a whole noun phrase ("plus de produits" + "locaux").
# English "of" completes what comes before it ("a lot of", "think of", "kind of"); French
# "de" mostly adds to a whole noun phrase ("pas assez de choix" + "de plantes").
NEEDS_MORE = {
    "en": frozenset({
        "a", "an", "the", "this", "that", "these", "those", "my", "your", "our", "their", "his",
        "her", "its", "some", "any", "every", "each", "i", "me", "we", "us", "you", "he", "him",
        "she", "it", "they", "them", "am", "is", "are", "was", "were", "be", "been", "being",
        "has", "have", "had", "do", "does", "did", "can", "could", "will", "would", "shall",
        "should", "may", "might", "must", "of",
    }),
    "fr": frozenset({
        "le", "la", "les", "un", "une", "ce", "cet", "cette", "ces", "mon", "ma", "mes", "ton",
        "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "des",
        "du", "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "te", "se",
        "lui", "y", "ne", "est", "sont", "était", "étaient", "sera", "seront", "a", "ont",
        "avait", "avaient", "être", "avoir", "peut", "peuvent", "doit", "doivent", "fait",
        "font", "va", "vont", "que", "devrait", "devraient", "pourrait", "pourraient", "faut",
        "faudrait",
    }),
}
# A subject may end before its modal: "bulk download of invoices" would save me time, "la
# carte fidélité" devrait être gratuite (not before "is": "helpful the support team" is).
_MODALS = frozenset({
    "can", "could", "will", "would", "shall", "should", "may", "might", "must", "peut",
    "peuvent", "doit", "doivent", "devrait", "devraient", "pourrait", "pourraient",
})
_DETERMINERS = {
    "en": frozenset({
        "a", "an", "the", "this", "that", "these", "those", "my", "your", "our", "their", "his",
        "her", "its", "some", "any", "every",
    }),
    "fr": frozenset({
        "le", "la", "les", "un", "une", "ce", "cet", "cette", "ces", "mon", "ma", "mes", "son",
        "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs",
    }),
}
_AUXILIARIES = {
    "en": frozenset({
        "am", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do",
        "does", "did", "can", "could", "will", "would", "shall", "should", "may", "might", "must",
    }),
    "fr": frozenset({
        "est", "sont", "était", "étaient", "être", "avoir", "a", "ont", "avait", "peut", "doit",
    }),
}
_SUBORDINATORS = frozenset({
    "because", "if", "when", "whether", "although", "though", "unless", "since", "while",
    "whereas", "que", "qu", "parce", "quand", "lorsque", "lorsqu", "puisque", "puisqu", "si",
    "car",
})
# fmt: on
# Elided French words: l', n', s', c', j', m', t', qu' need what follows; d' starts something.
_ELIDED_NEEDS_MORE = frozenset({"l", "n", "s", "c", "j", "m", "t", "qu"})
# A name may end on an object pronoun after a content word ("ended up returning it").
OBJECT_ENDINGS = frozenset({"it", "them"})
# fmt: off
_PREPOSITIONS = frozenset({
    "for", "of", "to", "with", "from", "in", "on", "at", "by", "about", "into", "onto", "pour",
    "de", "du", "des", "avec", "dans", "sur", "chez", "par",
})
_PRONOUNS = frozenset({"i", "you", "we", "they", "he", "she", "je", "tu", "nous", "vous", "ils"})
_BE = frozenset({
    "is", "are", "was", "were", "isn't", "aren't", "wasn't", "weren't", "est", "sont", "était",
    "étaient",
})
# fmt: on
THING_SHARE = 0.1  # a word used after a determiner this often is a thing: a subject
FEELING_SUBJECT = {"en": "overall"}  # what a feeling without a subject is about
_WHOLE = "everything"  # a subject, not a negation: "everything was perfect" is whole
MIN_WORDS, MAX_WORDS = 2, 6  # a name's length
CLAUSE = re.compile(r"[.!?;:,()\[\]\"\n]+|\s-\s")  # a name never crosses these
# A word; a number with its letters ("16th", "4pm": one token, never a word "th"); a mask.
TOKEN = re.compile(r"[^\W\d_](?:[\w'\u2019-]*\w)?|\d[^\W_]*|\[\w+\]", re.UNICODE)


@lru_cache(maxsize=8)
def function_words(language: str) -> frozenset[str]:
    """Words that are no content word of a name: stop words, negations, degree and "be"."""
    return STOP_WORDS.get(language, STOP_WORDS["en"]) | MEANINGFUL_WORDS | LABEL_OPENERS | HOW_WORDS


def name_key(name: str) -> str:
    """A name as two themes may not share it: case aside, each word by a light stem.

    A word's final "s" is dropped, then a final "ing", "ed" or "e" where three letters stay:
    "fits perfectly" and "fit perfectly", "waiting time" and "wait time" name one thing; the
    second theme takes another name.

    Examples
    --------
    >>> name_key("Fits perfectly") == name_key("fit perfectly"), name_key("runs small")
    (True, 'run small')
    >>> name_key("waiting time") == name_key("wait time"), name_key("arrived on time")
    (True, 'arriv on tim')
    >>> name_key("need") == name_key("ne")
    False
    """
    return " ".join(_light_stem(w) for w in name.lower().split())


def _light_stem(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for ending in ("ing", "ed", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def names_overlap(name: str, other: str) -> bool:
    """Whether one of two names is the other or a run of its words (by :func:`name_key`).

    A reader takes "trop élevés" beside "prix sont trop élevés", or "pas toujours" beside
    "pas toujours facile", for the same theme.

    Examples
    --------
    >>> names_overlap("trop élevés", "prix sont trop élevés"), names_overlap("too big", "big")
    (True, True)
    >>> names_overlap("Wait time", "shorter waiting time"), names_overlap("not good", "no good")
    (True, False)
    """
    short, long = sorted((name_key(name).split(), name_key(other).split()), key=len)
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


_OF = re.compile(r"^d['\u2019](?=\w)", re.IGNORECASE)  # French "of", elided


def phrase_text(gram: tuple[str, ...]) -> str:
    """A phrase's words as a name, without an elided "of" that opens it ("d'attente").

    Examples
    --------
    >>> phrase_text(("d'attente", "en", "caisse")), phrase_text(("manque", "d'eau"))
    ('attente en caisse', "manque d'eau")
    """
    return _OF.sub("", " ".join(gram))


def opens_on_pronoun(word: str, language: str = "en") -> bool:
    """Whether a name's first word is a pronoun or auxiliary run into a verb ("i've", "j'aime").

    Examples
    --------
    >>> [opens_on_pronoun(w) for w in ("i've", "it's", "runs")]
    [True, True, False]
    >>> [opens_on_pronoun(w, "fr") for w in ("j'aimerais", "l'accueil", "d'attente")]
    [True, False, False]
    """
    head, _, tail = word.lower().replace("\u2019", "'").partition("'")
    if not tail:
        return False
    if language == "fr":
        return head in _ELIDED_NEEDS_MORE - {"l"}
    return head in NEEDS_MORE["en"] or head in STOP_WORDS["en"]


_NEGATIONS = {
    "en": frozenset({"not", "no", "never", "nothing", "none", "nobody", "cannot", "cant"}),
    "fr": frozenset({"pas", "jamais", "rien", "aucun", "aucune", "sans"}),
}


def negates(word: str | None, language: str = "en") -> bool:
    """Whether ``word`` negates what follows it ("not", "can't", "nothing", "pas").

    Examples
    --------
    >>> [negates(w) for w in ("can't", "never", "nothing", "the", None)]
    [True, True, True, False, False]
    >>> negates("pas", "fr"), negates("n'ai", "fr")
    (True, False)
    """
    if word is None:
        return False
    word = word.lower().replace("\u2019", "'")
    if language == "en" and word.endswith("n't"):
        return True
    return word in _NEGATIONS.get(language, _NEGATIONS["en"])


def auxiliaries(language: str = "en") -> frozenset[str]:
    """The auxiliaries and modals of ``language``: a name may not open on one."""
    return _AUXILIARIES.get(language, _AUXILIARIES["en"])


def split_verb(gram: tuple[str, ...], language: str = "en") -> bool:
    """Whether a name opens inside a verb group: a negation before an auxiliary.

    "not have done better" comes from "could not have done better", its modal left outside.

    Examples
    --------
    >>> split_verb(("not", "have", "done", "better")), split_verb(("not", "a", "lot"))
    (True, False)
    >>> split_verb(("everything", "was", "perfect"))
    False
    """
    auxiliaries = _AUXILIARIES.get(language, _AUXILIARIES["en"])
    opener = gram[0] in MEANINGFUL_WORDS and gram[0] != _WHOLE  # a subject: "everything was"
    return len(gram) > 1 and opener and gram[1] in auxiliaries


def two_clauses(gram: tuple[str, ...]) -> bool:
    """Whether a name opens a second clause inside it ("dommage que la carte").

    A conjunction that opens a subordinate clause ("que", "because", "if") inside a name
    leaves one of its clauses cut; relatives ("qui", "who") and "that" may stay.

    Examples
    --------
    >>> two_clauses(("dommage", "que", "la", "carte")), two_clauses(("staff", "who", "cared"))
    (True, False)
    """
    return any(w in _SUBORDINATORS or w.partition("'")[0] in _SUBORDINATORS for w in gram[1:])


def loose_too(gram: tuple[str, ...]) -> bool:
    """Whether a name opens on an English "too" that qualifies nothing ("too by a nice lady").

    "too" opens a name only before the word it qualifies ("too long", "too much"); before a
    preposition or a determiner it ended another clause ("helped too" + "by a really nice
    lady"). French "trop de" is whole.

    Examples
    --------
    >>> loose_too(("too", "by", "a", "nice", "lady")), loose_too(("too", "long"))
    (True, False)
    >>> loose_too(("trop", "de", "monde"))
    False
    """
    return len(gram) > 1 and gram[0] == "too" and gram[1] in _PREPOSITIONS | _DETERMINERS["en"]


def subject_only(gram: tuple[str, ...], function: frozenset[str], subjects: frozenset[str]) -> bool:
    """Whether a phrase names only a thing, not what happened to it ("waiting time").

    Every word is a thing (see :func:`things`) or a function word that says nothing by itself
    (no negation, degree or opener): "return journey", "the crisis team"; not "pas assez de
    choix", "friendly staff" or "more staff".

    Examples
    --------
    >>> stop = function_words("en")
    >>> [subject_only(g, stop, frozenset({"waiting", "time", "staff"})) for g in
    ...  [("waiting", "time"), ("more", "staff"), ("friendly", "staff")]]
    [True, False, False]
    """
    saying = MEANINGFUL_WORDS | LABEL_OPENERS | HOW_WORDS
    return all(w in subjects or (w in function and w not in saying) for w in gram)


def ends_well(after: str | None, language: str = "en") -> bool:
    """Whether a phrase may end before ``after`` (``None``: the end of its clause).

    Examples
    --------
    >>> [ends_well(w) for w in (None, "and", "for", "too", "is", "it", "it's", "number")]
    [True, True, True, True, False, False, False, False]
    >>> ends_well("would"), ends_well("devrait", "fr")
    (True, True)
    >>> [ends_well(w, "fr") for w in ("de", "et", "est", "l'accueil", "d'attente", "locaux")]
    [True, True, False, False, True, True]
    """
    if after is None:
        return True
    word = after.lower().replace("\u2019", "'")
    if "'" in word:  # it's, didn't, i'm; l'accueil, n'ouvre (d'attente starts a complement)
        return language == "fr" and word.split("'")[0] not in _ELIDED_NEEDS_MORE
    needs = NEEDS_MORE.get(language, NEEDS_MORE["en"]) | NEEDS_MORE["en"]
    if word in needs and word not in _MODALS:
        return False
    return language == "fr" or word in function_words(language)


def cut_short(gram: tuple[str, ...], language: str = "en") -> bool:
    """Whether a phrase ends on a word that needs more after it ("button does", "dommage que").

    Examples
    --------
    >>> cut_short(("download", "button", "does")), cut_short(("ended", "up", "returning", "it"))
    (True, False)
    >>> cut_short(("love", "it")), cut_short(("is", "so", "it"))
    (True, True)
    >>> cut_short(("carte", "devrait"), "fr")
    True
    """
    last = gram[-1].lower()
    if last in OBJECT_ENDINGS:  # after a content word, in a phrase of three words or more
        return len(gram) < 3 or gram[-2].lower() in function_words(language)
    return last in NEEDS_MORE.get(language, NEEDS_MORE["en"]) or last in NEEDS_MORE["en"]


@lru_cache(maxsize=1)
def _vader_words() -> tuple[dict[str, float], frozenset[str]]:
    """VADER's sentiment lexicon and its degree words ("highly", "pretty", "so")."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT

    from passives_lib.themes._vader import lexicon

    return dict(lexicon()), frozenset(BOOSTER_DICT)


def with_subject(name: str, language: str, subjects: frozenset[str] = frozenset()) -> str:
    """A name that says only a feeling, given its subject: the whole experience.

    Examples
    --------
    >>> with_subject("not happy", "en"), with_subject("pretty happy overall", "en")
    ('not happy overall', 'pretty happy overall')
    >>> with_subject("friendly staff", "en"), with_subject("va bien", "fr")
    ('friendly staff', 'va bien')
    >>> with_subject("everything was perfect", "en")  # it says its subject already
    'everything was perfect'
    """
    words = tuple(name.lower().split())
    subject = FEELING_SUBJECT.get(language)
    if not subject or subject in words or _WHOLE in words:
        return name
    if not sentiment_only(words, language, function_words(language), subjects):
        return name
    return f"{name} {subject}"


def things(texts: list[str], weights: np.ndarray, language: str = "en") -> frozenset[str]:
    """Words that name a thing: used after a determiner in ``THING_SHARE`` of their uses.

    Nouns take determiners ("the support", "a refund"); feelings do not ("happy",
    "disappointed", "recommend"), so a sentiment word that names a thing ("support", "help",
    "fit", "complaints") is still a subject.

    Examples
    --------
    >>> sorted(things(["the support was great", "support is happy", "happy"], np.ones(3)))
    ['support']
    """
    determiners = _DETERMINERS.get(language, _DETERMINERS["en"])
    after: Counter[str] = Counter()
    uses: Counter[str] = Counter()
    for text, weight in zip(texts, np.asarray(weights, dtype=float).tolist(), strict=True):
        words = TOKEN.findall(text.lower().replace("\u2019", "'"))
        for previous, word in zip([None, *words], words, strict=False):
            uses[word] += weight
            if previous in determiners:
                after[word] += weight
    return frozenset(w for w, n in uses.items() if after[w] >= THING_SHARE * n)


def sentiment_only(
    gram: tuple[str, ...],
    language: str,
    function: frozenset[str],
    subjects: frozenset[str] = frozenset(),
) -> bool:
    """Whether a phrase says only how someone felt, about nothing.

    Every content word is a sentiment word of VADER's lexicon that names no thing
    (``subjects``, see :func:`things`): "pretty happy", "not happy", "highly recommend", but
    not "support was fantastic".

    English only (VADER's lexicon is English); a French phrase is never sentiment-only here.

    Examples
    --------
    >>> stop = function_words("en")
    >>> [sentiment_only(tuple(n.split()), "en", stop) for n in
    ...  ("pretty happy", "not happy", "highly recommend", "love this dress", "runs small")]
    [True, True, True, False, False]
    """
    if language != "en":
        return False
    lexicon, degree = _vader_words()
    content = [w for w in gram if w not in function and w not in degree]
    return bool(content) and all(lexicon.get(w, 0.0) != 0.0 and w not in subjects for w in content)


def complete_ngrams(text: str, language: str = "en") -> set[tuple[str, ...]]:
    """The 2- to 6-word runs of a comment that end where a phrase may end, at least once.

    A run right after a negation is not whole either: "think of any improvement" from "can't
    think of any improvement" says the opposite of the comment; nor is one right after a
    determiner that follows a negation ("service could have done better" from "nothing the
    service could have done better").

    A run ends well at the end of its clause or before a word that starts something new (a
    conjunction, a preposition, an adverb: see :func:`passives_lib.themes._wording.ends_well`);
    not before a word that the run needs to be whole ("the support team" before "is", "can
    use" before "it", "love a native" before the product's name).

    Examples
    --------
    >>> grams = complete_ngrams("how helpful the support team is")
    >>> ("helpful", "the", "support", "team") in grams, ("support", "team", "is") in grams
    (False, True)
    >>> grams = complete_ngrams("the documentation for new users is out of date")
    >>> ("new", "users", "is", "out", "of", "date") in grams, ("is", "out", "of", "date") in grams
    (False, True)
    >>> grams = complete_ngrams("the person i spoke to was very helpful")
    >>> ("spoke", "to", "was", "very", "helpful") in grams
    False
    >>> grams = complete_ngrams("nothing the service could have done better")
    >>> ("service", "could", "have", "done", "better") in grams
    False
    >>> ("engineer", "never", "came") in complete_ngrams("the engineer never came")
    True
    """
    grams: set[tuple[str, ...]] = set()
    for clause in CLAUSE.split(text.lower().replace("\u2019", "'")):
        words = TOKEN.findall(clause)
        # Whether a run may end before word i (the clause's end: i == len) and start after
        # word i - 1, decided once per word rather than once per run.
        may_end = [ends_well(w, language) for w in words] + [True]
        # Not right after a negation, nor after a determiner right after one: "[nothing the]
        # service could have done better" says the opposite of the comment too.
        negated = [negates(w, language) for w in words]
        determiners = _DETERMINERS.get(language, _DETERMINERS["en"])
        may_start = [True] + [
            not (negated[i] or (i and w in determiners and negated[i - 1]))
            for i, w in enumerate(words)
        ]
        # After a preposition or a subject pronoun, a run that goes on to "is" has lost its
        # subject: "[the documentation for] new users is out of date", "[the person I] spoke
        # to was very helpful".
        object_only = [False] + [w in _PREPOSITIONS or w in _PRONOUNS for w in words]
        be_at = [w in _BE for w in words]
        for n in range(MIN_WORDS, MAX_WORDS + 1):
            for start in range(len(words) - n + 1):
                if not (may_end[start + n] and may_start[start]):
                    continue
                if object_only[start] and any(be_at[start + 1 : start + n]):
                    continue
                grams.add(tuple(words[start : start + n]))
    return grams
