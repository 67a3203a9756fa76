"""Opinion units: what a customer says, one opinion at a time.

A comment often holds several opinions ("Love the colour but it runs small. Fabric is thin.").
Themes are learned from opinions, not whole comments: :func:`split_opinions` cuts a comment
at sentence ends, semicolons and line breaks, and before contrastive connectors ("but",
"however", "although", "except", "mais", "sauf que", "par contre", "cependant", ...), the
connector dropped; a sentence that opens with "although" ("bien que", "malgré") is cut at its
first comma. Sign-offs ("Thanks", "Keep it up", "That's my only feedback") are dropped from
a comment that says something else (:mod:`passives_lib.themes._sign_offs`). A piece without
two words of its own joins its neighbour, and at most ``MAX_UNITS`` opinions are kept per
comment (the rest joins the last one).

:func:`opinion_units` splits every distinct comment and numbers the distinct opinions, so each
is embedded and scored once; :func:`primary_opinion` picks the opinion a comment's primary
theme comes from: the strongest one that agrees with the comment's overall tone, or its
strongest complaint when the comment is not clearly positive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from passives_lib.themes._sentiment import praise_after_answer
from passives_lib.themes._sign_offs import without_sign_offs

MAX_UNITS = 8
MIN_WORDS = 2
COPY_WORDS = 7  # a comment this long, repeated word for word, is one voice: a copy
CLEAR_PRAISE = 0.5  # a comment scoring less is filed under its complaint when it has one
OUTWEIGH = 1.0  # ... and so is one whose praise is no stronger than its complaints
_CONNECTORS = (
    r"but|however|although|though|whereas|except that|except|apart from|yet|"
    r"mais|cependant|sauf que|sauf|par contre|en revanche|néanmoins|pourtant|toutefois|"
    r"bien que|malgré"
)
_BREAK = re.compile(
    rf"(?:[.!?\u2026]+(?=\s|$)|[;\n\r]+|\s+-\s+|,?\s+(?=(?:{_CONNECTORS})\b))", re.IGNORECASE
)
# A transcriber's note on a paper form ("[word unreadable]", "[illegible]") is not the
# customer's words: left out of the opinions, so that it neither names nor makes a theme.
_TRANSCRIBER_NOTE = re.compile(
    r"\s*\[[^\[\]]{0,60}\b(?:unreadable|illegible|indecipherable|inaudible)\b[^\[\]]{0,60}\]\s*",
    re.IGNORECASE,
)
_LEADING = re.compile(rf"^\s*(?:{_CONNECTORS})\b[\s,:]*", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CONCESSIVE = re.compile(r"^\s*(?:although|though|even though|bien que|malgré)\b", re.IGNORECASE)


def split_opinions(text: str) -> list[str]:
    """A comment's opinions: sentences and contrastive clauses, in order.

    Parameters
    ----------
    text : str
        A comment.

    Returns
    -------
    list of str
        Its opinions, connectors dropped; the whole comment (stripped) when it holds one.

    Examples
    --------
    >>> split_opinions("Love the colour but it runs small. Fabric is thin!")
    ['Love the colour', 'it runs small', 'Fabric is thin']
    >>> split_opinions("Personnel aimable, mais attente trop longue")
    ['Personnel aimable', 'attente trop longue']
    >>> split_opinions("Great. Staff were lovely")
    ['Great', 'Staff were lovely']
    >>> split_opinions("The [word unreadable] nurse was kind")
    ['The nurse was kind']
    """
    text = _TRANSCRIBER_NOTE.sub(" ", str(text)).strip() or str(text)
    pieces = [a for p in _BREAK.split(text) for c in _concession(p) for a in _answered(c)]
    pieces = [_LEADING.sub("", p).strip(" ,:-\t") for p in pieces]
    pieces = without_sign_offs([p for p in pieces if _WORD.search(p)])
    units: list[str] = []
    for piece in pieces:
        if units and len(_WORD.findall(units[-1])) < MIN_WORDS and _starts_sentence(piece):
            units.append(piece)  # "Great." stands alone before a new sentence
        elif units and (len(_WORD.findall(piece)) < MIN_WORDS or len(units) >= MAX_UNITS):
            units[-1] = f"{units[-1]} {piece}"
        else:
            units.append(piece)
    return units or [text.strip()]


def _answered(piece: str) -> list[str]:
    """Split "Nothing everything was perfect" into "Nothing" and its praise (then dropped)."""
    start = praise_after_answer(piece)
    return [piece] if start is None else [piece[:start].strip(" ,.;:!-"), piece[start:]]


def _concession(piece: str) -> list[str]:
    """A piece opening with "although" (or "bien que", "malgré") split at its first comma."""
    if _CONCESSIVE.match(piece) and ", " in piece:
        head, tail = piece.split(", ", 1)
        return [head, tail]
    return [piece]


def _starts_sentence(piece: str) -> bool:
    return bool(piece) and piece[0].isupper() and len(_WORD.findall(piece)) >= MIN_WORDS


@dataclass(frozen=True)
class Units:
    """The distinct opinions of distinct comments.

    Attributes
    ----------
    texts : list of str
        Distinct opinions, sorted.
    owner : numpy.ndarray
        For each (comment, opinion) pair: the comment (position in the distinct comments).
    unit : numpy.ndarray
        ... and the opinion (position in ``texts``), in the comment's order.
    """

    texts: list[str]
    owner: np.ndarray
    unit: np.ndarray

    def weights(self, comment_counts: np.ndarray) -> np.ndarray:
        """How many comments (counted with their repeats) hold each opinion."""
        return np.bincount(self.unit, weights=comment_counts[self.owner], minlength=len(self.texts))

    def voices(self, comment_counts: np.ndarray, comments: list[str]) -> np.ndarray:
        """How many customers say each opinion: repeats of a long comment count once.

        Two customers may write "Very good service." word for word, but not the same
        sentence of ``COPY_WORDS`` words or more: such a comment written again (a resubmitted
        form, one answer copied into two questions) is one voice, however often it appears.

        Parameters
        ----------
        comment_counts : numpy.ndarray
            How often each distinct comment occurred.
        comments : list of str
            The distinct comments (``owner`` indexes them).

        Returns
        -------
        numpy.ndarray
            One count per opinion (``texts``).

        Examples
        --------
        >>> comments = ["Very good service", "Kind staff. They made me plans for the week"]
        >>> units = opinion_units(comments)
        >>> units.texts
        ['Kind staff', 'They made me plans for the week', 'Very good service']
        >>> units.voices(np.array([3.0, 2.0]), comments).tolist()
        [1.0, 1.0, 3.0]
        """
        long = np.array([len(_WORD.findall(c)) >= COPY_WORDS for c in comments], dtype=bool)
        counts = np.where(long, np.minimum(comment_counts, 1.0), comment_counts)
        return self.weights(counts)


def distinct_sorted(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts in code-point order, and each text's position among them.

    What ``np.unique(np.array(texts, dtype=object).astype(str), return_inverse=True)`` gives
    (numpy compares fixed-width strings by code point, as Python does, and drops trailing NUL
    characters), without building a fixed-width array as wide as the longest text.

    Parameters
    ----------
    texts : list of str
        Texts, repeats allowed.

    Returns
    -------
    tuple of (list of str, numpy.ndarray)
        The sorted distinct texts and, for each text, its position in them.

    Examples
    --------
    >>> distinct_sorted(["b", "a", "b", ""])
    (['', 'a', 'b'], array([2, 1, 2, 0]))
    """
    keys = [t.rstrip("\x00") for t in texts]
    distinct = sorted(set(keys))
    position = {t: i for i, t in enumerate(distinct)}
    return distinct, np.array([position[t] for t in keys], dtype=int)


def opinion_units(comments: list[str], split: bool = True) -> Units:
    """Split distinct comments into opinions and number the distinct ones.

    Parameters
    ----------
    comments : list of str
        Distinct comments.
    split : bool
        With False each comment is a single opinion.

    Returns
    -------
    Units
        The distinct opinions and which comment holds which.

    Examples
    --------
    >>> units = opinion_units(["Slow. Rude staff", "Rude staff"])
    >>> units.texts, units.owner.tolist(), units.unit.tolist()
    (['Rude staff', 'Slow'], [0, 0, 1], [1, 0, 0])
    """
    pieces = [split_opinions(c) if split else [c] for c in comments]
    owner = np.repeat(np.arange(len(comments)), [len(p) for p in pieces]).astype(int)
    flat = [p for ps in pieces for p in ps]
    distinct, unit = distinct_sorted(flat)
    return Units(distinct, owner, unit)


def primary_opinion(
    owner: np.ndarray,
    unit_labels: np.ndarray,
    unit_score: np.ndarray,
    comment_score: np.ndarray,
) -> np.ndarray:
    """Position (in ``owner``) of the opinion each comment's primary theme comes from.

    Among a comment's themed opinions (label >= 0), the one whose score agrees in sign with
    the comment's overall score and is strongest; when none agrees, the strongest themed one;
    ties go to the earliest. A comment that is not clearly positive is filed under its
    strongest complaint (negative score) when it has one: "love the colour but it runs small"
    is about what went wrong, which is what a team acts on, and its praise would otherwise
    fill praise themes with lukewarm reviews. Clearly positive is an overall score of
    ``CLEAR_PRAISE`` or more and praise that outweighs the complaints ``OUTWEIGH`` times
    (:func:`clearly_positive`): the overall score of a long review saturates, so a review of
    five complaints and two compliments scores 0.9 as easily as one of praise only. ``-1``
    for a comment without a themed opinion.

    Examples
    --------
    >>> primary_opinion(np.array([0, 0, 1]), np.array([3, 4, -1]), np.array([0.6, -0.4, 0.0]),
    ...                 np.array([-0.2, 0.1])).tolist()
    [1, -1]
    >>> primary_opinion(np.array([0, 0]), np.array([3, 4]), np.array([0.6, -0.4]),
    ...                 np.array([0.3])).tolist()
    [1]
    """
    n_comments = len(comment_score)
    best = np.full(n_comments, -1, dtype=int)
    best_key = np.full(n_comments, -np.inf)
    positive = clearly_positive(owner, unit_score, comment_score)
    for position, (comment, label, score) in enumerate(
        zip(owner.tolist(), unit_labels.tolist(), unit_score.tolist(), strict=True)
    ):
        if label < 0:
            continue
        overall = comment_score[comment]
        agrees = overall == 0 or np.sign(score) == np.sign(overall)
        lukewarm = score < 0 and not positive[comment]  # a complaint, not clearly outweighed
        key = (2.0 if agrees else 0.0) + (4.0 if lukewarm else 0.0) + abs(score)
        if key > best_key[comment] + 1e-12:
            best[comment], best_key[comment] = position, key
    return best


def clearly_positive(
    owner: np.ndarray, unit_score: np.ndarray, comment_score: np.ndarray
) -> np.ndarray:
    """Whether each comment is clearly positive: its praise outweighs its complaints.

    A comment is clearly positive when its overall score is ``CLEAR_PRAISE`` or more and the
    strength of its praise (the sum of its opinions' positive scores) is at least
    ``OUTWEIGH`` times that of its complaints and suggestions (the negative ones).

    Parameters
    ----------
    owner : numpy.ndarray
        The comment of each (comment, opinion) pair.
    unit_score : numpy.ndarray
        The signed score of each pair's opinion.
    comment_score : numpy.ndarray
        Each comment's overall score.

    Returns
    -------
    numpy.ndarray of bool
        One flag per comment.

    Examples
    --------
    >>> clearly_positive(np.array([0, 0, 1, 1, 1]), np.array([0.9, -0.3, 0.5, -0.4, -0.5]),
    ...                  np.array([0.8, 0.9])).tolist()
    [True, False]
    """
    scores = np.asarray(unit_score, dtype=float)
    praise = np.bincount(owner, np.maximum(scores, 0.0), minlength=len(comment_score))
    against = np.bincount(owner, np.maximum(-scores, 0.0), minlength=len(comment_score))
    overall = np.asarray(comment_score, dtype=float)
    return (overall >= CLEAR_PRAISE) & (praise >= OUTWEIGH * against)
