"""Comment sentiment with VADER, a lexicon that ships inside the ``vaderSentiment`` package.

VADER needs no download and no network, is deterministic, and is tuned for short social and
review text. Scores are computed once per distinct comment and remembered for the process (up
to ``MEMO_CHARS`` characters of comments), so that the theme model, the findings and the plan of
one weekly run score each comment once.

The scoring itself is :func:`passives_lib.themes._vader.compound`: VADER's rules with each
word lower-cased once, the stock analyser's scores in about a third of its time.

An answer that opens with "Nothing", "None" or "No" and then praises ("Nothing, the crew were
amazing", "Nothing all excellent", "No happy with everything": the answer to "what could we do
better?") is scored on the praise alone when that is clearly positive: VADER reads the opening
word as a negation of the praise after it (-0.46 for "Nothing, it was perfect"). When the
answer word stands apart (a stop after it, or a pronoun next) what follows is scored whenever
it is not negative ("Nothing, thank you" +0.36, not -0.28; "No everything is ok." 0). Where the
opening word is the sentence's subject or object ("Nothing was good about it", "Nothing good
to say", "No staff to help"), or "no" says what there was none of ("No help", "absolutely no
support"), the whole is scored as usual. The answer may open on an adverb and end on "for
me" ("Absolutely nothing, everything was amazing", "Nothing for me excellent experience").

Words that name a subject in customer feedback ("support", "care", "credit") are not
sentiment words here (:data:`SUBJECT_WORDS`). Hedges that open or colour a remark
("honestly", "to be honest", "to be fair", "frankly") are taken out before scoring: VADER
reads "honest" and "fair" as praise, so "To be honest the service was poor" scored as neutral
and "Honestly, it crashes" as praise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from passives_lib.themes._vader import SUBJECT_WORDS, compound, lexicon

__all__ = ["SUBJECT_WORDS", "answered_score", "sentiment", "valence", "without_hedges"]

MEMO_CHARS = 20_000_000
_memo: dict[str, float] = {}
_memo_chars = 0


_HEDGES = re.compile(
    r"\b(?:to be (?:honest|fair|frank)|in all (?:honesty|fairness)|honestly|frankly|tbh|"
    r"truth be told)\b[,:]?",
    re.IGNORECASE,
)
_HEDGE_WORDS = ("honest", "fair", "frank", "tbh", "truth")  # one is in every hedge

# "Nothing," / "None -" / "No" opening an answer, unless the next word makes it the subject or
# object of what follows ("Nothing was good", "nothing good to say", "no more"), or, with no
# stop between, the quality it lacks ("nothing special": mediocre; "Nothing! Outstanding!" is
# an answer and its praise).
_SUBJECT_OR_OBJECT = (
    r"was|is|were|has|had|have|could|would|can|will|should|to|about|that|which|seems?|seemed|"
    r"went|gets?|got|ever|good|great|nice|positive|helpful|useful|bad|wrong|more|else|much|of|"
    r"for|in|on|but|and|one|other|better|worse"
)
_LACKED = r"special|exceptional|spectacular|extraordinary|remarkable|fancy|amazing|outstanding"
# What a patient or customer says there was none of ("No help", "absolutely no support"): with
# no stop between, "no" is its determiner, not an answer.
_LACKING_THING = (
    r"help|support|care|communication|contact|response|reply|answer|information|info|updates?|"
    r"follow|idea|one|explanation|feedback|assistance|advice|call|appointment|sympathy|empathy|"
    r"respect|interest|compassion|understanding|privacy|dignity"
)
_ANSWER_FIRST = re.compile(
    r"\s*(?:(?:absolutely|really|literally|truly)\s+)?(?:nothing|none|nope|nah|no)"
    r"(?:\s+(?:at all|really|whatsoever|for me|in my case))?(?![\w'])"
    r"(?:\s*[,.;:!\u2013\u2014-][\s,.;:!\u2013\u2014-]*+(?!(?:" + _SUBJECT_OR_OBJECT + r")\b)"
    r"|\s++(?=\w)(?!(?:" + _SUBJECT_OR_OBJECT + "|" + _LACKED + "|" + _LACKING_THING + r")\b))",
    re.IGNORECASE,
)
# "like" that compares: after a verb of looking, seeming or being ("looks like a sack"); not
# after "feel", where patients mean how they were treated ("felt like I was listened to")
_COMPARING_LIKE = re.compile(
    r"\b((?:looks?|looked|looking|seems?|seemed|smells?|smelled|smelt|"
    r"sounds?|sounded|tastes?|tasted|hangs?|hung|is|was|are|were|it's)\s+(?:just\s+|more\s+|"
    r"a\s+bit\s+|a\s+little\s+|kind\s+of\s+|sort\s+of\s+|almost\s+|exactly\s+)?)like\b",
    re.IGNORECASE,
)
_NATURAL_WAIST = re.compile(r"\b(?:true |real )?natural (?=waist)", re.IGNORECASE)
ANSWERED_PRAISE = 0.4  # the praise after the opening word must score at least this
# A bare "no" (no punctuation after it) answers only before a pronoun: "No everything is OK",
# "No they were great"; "no special undergarments are required" is another sentence.
_ANSWER_STOP = re.compile(r"[,.;:!\u2013\u2014-]")
# What "nothing" is the object of, with no stop after it: "Nothing [that] the service could
# have done better", "Nothing you could do better" (one statement, not an answer and praise).
_NOTHING_CLAUSE = re.compile(
    r"(?:that |which )?(?:[\w'\u2019]+ ){0,3}?(?:could|can|would|should|might)"
    r"(?:n't|n\u2019t| not)? (?:have |of )?(?:been |done |do |be |get |got |gone )?"
    r"(?:any |much |a lot |anything )?"
    r"(?:better|more|improv\w*|chang\w*|different\w*)\b",
    re.IGNORECASE,
)
_BARE_NO = re.compile(r"\s*no\s*$", re.IGNORECASE)
_PRONOUN_FIRST = re.compile(
    r"(?:everything|everyone|everybody|it|it's|they|they're|you|you're|we|i|i'm|he|she|all)\b",
    re.IGNORECASE,
)


def answered_score(text: str, score: float) -> float:
    """``score``, or what follows an opening "Nothing" when the score's negation is that word.

    What follows is scored when it praises (``ANSWERED_PRAISE`` or more), or when it is not
    negative and the answer word stands apart: a stop after it or a pronoun next ("Nothing,
    thank you", "No everything is ok."). "No staff" keeps its score: "no" is a determiner.

    Examples
    --------
    >>> round(answered_score("Nothing, it was perfect", compound("Nothing, it was perfect")), 2)
    0.57
    >>> round(answered_score("Nothing was good about it", -0.34), 2)
    -0.34
    >>> round(answered_score("Nothing, thank you", compound("Nothing, thank you")), 2)
    0.36
    >>> answered_score("No staff", compound("No staff")) < 0
    True
    """
    if score >= 0:
        return score
    opening = _ANSWER_FIRST.match(text)
    if opening is None or opening.end() >= len(text):
        return score
    rest = text[opening.end() :]
    praise = compound(rest)
    if praise >= ANSWERED_PRAISE:
        return praise
    # a stop after the answer, or a pronoun: the answer word alone read as a negation ("No,
    # same as above", "No everything is ok"); "No staff" keeps its determiner's score
    answered = _ANSWER_STOP.search(opening.group()) or _PRONOUN_FIRST.match(rest)
    return praise if answered and praise >= 0 else score


def praise_after_answer(text: str) -> int | None:
    """Where the praise starts in "Nothing everything was perfect", or None.

    The opening "Nothing", "None" or "No" answers "what could we do better?" when what follows
    praises (VADER ``ANSWERED_PRAISE`` or more) and does not make it the subject or object
    ("Nothing was good about it") nor says what nothing could improve ("Nothing the service
    could have done better": one statement), as :func:`answered_score` reads it for the tone;
    a bare "no" only before a pronoun here, since cutting a determiner off would turn the
    opinion around ("no weird tight spots and the lace has a perfect amount of stretch").

    Examples
    --------
    >>> text = "Nothing they were fantastic"
    >>> text[praise_after_answer(text):]
    'they were fantastic'
    >>> praise_after_answer("Nothing was good about it") is None
    True
    >>> praise_after_answer("No staff have a clue") is None
    True
    >>> praise_after_answer("no special undergarments are required, so it is very comfortable")
    >>> praise_after_answer("No, it was perfect")
    4
    >>> praise_after_answer("Nothing the service could have done better") is None
    True
    """
    opening = _ANSWER_FIRST.match(text)
    if opening is None or opening.end() >= len(text):
        return None
    rest = text[opening.end() :]
    if _BARE_NO.match(opening.group()) and not _PRONOUN_FIRST.match(rest):
        return None  # "no" before a noun is its determiner: "no weird tight spots"
    if not _ANSWER_STOP.search(opening.group()) and _NOTHING_CLAUSE.match(rest):
        return None  # "Nothing the service could have done better": one statement
    return opening.end() if compound(rest) >= ANSWERED_PRAISE else None


def sentiment(comments: Sequence[Any]) -> np.ndarray:
    """VADER compound sentiment of each comment.

    Parameters
    ----------
    comments : sequence of str
        Comments; missing or empty ones score 0.

    Returns
    -------
    numpy.ndarray
        Values from -1 (very negative) to 1 (very positive).

    Examples
    --------
    >>> sentiment(["Great service, thank you!", "", "Terrible, slow and rude."]).round(2).tolist()
    [0.78, 0.0, -0.73]
    """
    texts = pd.Series(list(comments), dtype=object).fillna("").astype(str)
    codes, distinct = pd.factorize(texts)
    scores = np.array([_score(without_hedges(t)) for t in distinct], dtype=float)
    return scores[codes] if len(texts) else np.zeros(0)


def valence(word: str) -> float:
    """VADER's lexicon valence of a lower-cased word (0 when it has none).

    Examples
    --------
    >>> valence("stable") > 0, valence("annoying") < 0, valence("table")
    (True, True, 0.0)
    """
    return float(lexicon().get(word, 0.0))


def without_hedges(text: str) -> str:
    """The text without what VADER would misread: hedges, comparing "like", "natural waist".

    "Like" after a verb of looking, seeming or being compares ("looks like a maternity
    dress", "it was like a tent"); VADER reads it as the verb "to like" (+2.0), so it becomes
    "as" here. "Natural waist" is a place on the body, not praise (VADER's "natural" +1.5):
    "the waist hit much higher than my natural waist" is no praise.

    Examples
    --------
    >>> without_hedges("To be honest, the service was poor")
    ' the service was poor'
    >>> without_hedges("Fair prices, honest staff")
    'Fair prices, honest staff'
    >>> without_hedges("It looks like a sack, I like the colour")
    'It looks as a sack, I like the colour'
    >>> without_hedges("it sits above my natural waistline")
    'it sits above my waistline'
    """
    folded = text.casefold()  # the patterns ignore case: a word they need is in here
    if any(word in folded for word in _HEDGE_WORDS):
        text = _HEDGES.sub("", text)
    if "natural waist" in folded:
        text = _NATURAL_WAIST.sub("", text)
    return _COMPARING_LIKE.sub(r"\1as", text) if "like" in folded else text


def _score(text: str) -> float:
    """One comment's compound score, remembered while the memo has room."""
    global _memo_chars
    known = _memo.get(text)
    if known is not None:
        return known
    score = answered_score(text, compound(text)) if text.strip() else 0.0
    if _memo_chars + len(text) > MEMO_CHARS:
        _memo.clear()
        _memo_chars = 0
    _memo[text] = score
    _memo_chars += len(text)
    return score
