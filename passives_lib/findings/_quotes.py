"""A finding's quotes: the opinions that put comments in the theme, of the theme's polarity.

A comment often says several things ("Love the app but invoices are a pain"); quoted whole
under "invoice download is broken" it opens with praise, and under a praise theme it quotes a
complaint. With the theme model's opinions (``ThemeModel.theme_opinions_``: per comment and
theme, the opinion that put the comment there), a finding quotes those opinions, and only the
ones whose polarity agrees with the theme's: the same polarity first, then one of the same side
(complaint and suggestion both ask for a change; a neutral theme takes any), never the
opposite side. Detractors and passives are quoted first; among them, opinions that use more
of the words of the theme's name first ("tarif élevé" under "tarifs élevés", "locked out of
my account" before "switch between accounts" under "locked out of my account":
:func:`passives_lib.themes.name_words_used`), then opinions of three words or more ("un", "très
déçue" last), the theme's own members (not only close to it), then the closest to the theme's
centre; promoters only when no detractor or passive says it. Quotes that say the same words once
masked, an opener aside ("Small thing: No tracking email again"; "Priya from support was
fantastic" and "Tom from support was fantastic"), count once, in the plainer wording.
Without opinions, the whole comments of detractors and passives are quoted, as before. Every
quote is masked.
"""

from __future__ import annotations

import re

import pandas as pd

from passives_lib.core import fold_accents, mask_personal_data
from passives_lib.themes import SIDE_OF, name_stems, name_words_used

QUOTES = 3
SHORT = 3  # an opinion of fewer words is a fragment ("un", "très déçue"), quoted last
UNHAPPY = ("detractor", "passive")


def agreement(opinion: str, theme: str) -> int:
    """How well an opinion's polarity fits its theme's: 2 same, 1 same side, 0 not at all.

    Examples
    --------
    >>> [agreement(p, "complaint") for p in ("complaint", "suggestion", "neutral", "praise")]
    [2, 1, 0, 0]
    >>> agreement("praise", "neutral"), agreement("praise", "")
    (1, 1)
    """
    if opinion == theme:
        return 2
    side, wanted = SIDE_OF.get(opinion, 0), SIDE_OF.get(theme, 0)
    if wanted == 0:  # a neutral (or unknown) theme: any opinion fits it
        return 1
    return 1 if side == wanted else 0


OPENER_WORDS = 3  # "Small thing:", "To be honest,": words a quote may open with
MIN_SHARED = 3  # words two quotes with different openers must share
COLON_OPENER_WORDS = 5  # ... or more before a colon ("The one good thing: it just works")
_COLON_OPENER = re.compile(r"^\s*[^:]+:\s*(?=\S)")
_WORD = re.compile(r"\w+")


def opinion_quotes(
    opinions: pd.DataFrame,
    categories: pd.Series,
    polarity: str,
    count: int = QUOTES,
    name: str = "",
) -> list[str]:
    """Up to ``count`` distinct opinions of one theme that agree with its polarity, masked.

    Parameters
    ----------
    opinions : pandas.DataFrame
        The theme's opinions: ``respondent_id``, ``opinion``, ``polarity`` and optionally
        ``similarity`` (to the theme's centre) and ``own`` (a member of the theme).
    categories : pandas.Series
        Each respondent's category (``detractor``, ``passive``, ``promoter``), by respondent id.
    polarity : str
        The theme's polarity (``""`` when unknown).
    count : int
        How many quotes.
    name : str
        The theme's name: opinions that use its words come first.

    Returns
    -------
    list of str
        Detractors' and passives' first, then those using more of the name's words, then those of
        :data:`SHORT` words or more, then the theme's own members, the same polarity before
        the same side, the closest to the theme's centre; distinct (:func:`distinct_quotes`).

    Examples
    --------
    >>> said = pd.DataFrame({"respondent_id": ["a", "b", "c"],
    ...                      "opinion": ["Love the colour", "it runs small", "Runs small"],
    ...                      "polarity": ["praise", "complaint", "complaint"]})
    >>> who = pd.Series({"a": "detractor", "b": "promoter", "c": "passive"})
    >>> opinion_quotes(said, who, "complaint")
    ['Runs small']
    >>> said = pd.DataFrame({"respondent_id": ["a", "b", "c"],
    ...                      "opinion": ["un", "vraiment très déçue", "Un tarif bien trop élevé"],
    ...                      "polarity": "complaint", "similarity": [0.9, 0.8, 0.5]})
    >>> opinion_quotes(said, pd.Series("detractor", index=["a", "b", "c"]), "complaint",
    ...                name="tarifs élevés")
    ['Un tarif bien trop élevé', 'vraiment très déçue', 'un']
    """
    if opinions.empty:
        return []
    stems = name_stems(name)
    texts = opinions["opinion"].astype(str)
    frame = opinions.assign(
        _named=[name_words_used(t, stems) for t in texts],
        _long=(texts.str.count(r"[^\W_]+") >= SHORT).to_numpy(),
        _fit=[agreement(str(p), polarity) for p in opinions["polarity"]],
        _unhappy=opinions["respondent_id"].map(categories).isin(UNHAPPY).to_numpy(),
        _near=opinions.get("similarity", 0.0),
        _own=opinions.get("own", False),
    )
    frame = frame[frame["_fit"] > 0]
    if frame["_unhappy"].any():
        frame = frame[frame["_unhappy"]]
    frame = frame.sort_values(
        ["_named", "_long", "_own", "_fit", "_near", "respondent_id", "opinion"],
        ascending=[False, False, False, False, False, True, True],
    )
    # masked first, so that two opinions that differ by a name alone are quoted once
    masked = [mask_personal_data(q.strip()) for q in frame["opinion"].astype(str)]
    return distinct_quotes(masked, count)


def distinct_quotes(ranked: list[str], count: int) -> list[str]:
    """The first ``count`` quotes that say different things, best first.

    Two quotes say the same when their words, case aside, are the same once each loses up to
    ``OPENER_WORDS`` words at its start ("Small thing: No tracking email again", "Sadly no
    tracking email again" and "No tracking email again"), or up to ``COLON_OPENER_WORDS``
    before a colon ("The one good thing: it just works"), accents ("trop élèves") and a typo
    aside (:func:`same_word`: "it makes my daly work"); the shorter wording is kept, in the
    place of the first.

    Examples
    --------
    >>> distinct_quotes(["Small thing: no tracking email again", "No tracking email again",
    ...                  "Only gripe: no tracking email", "Tracking number never came"], 3)
    ['No tracking email again', 'Only gripe: no tracking email', 'Tracking number never came']
    >>> distinct_quotes(["The one good thing: it just works", "It just works"], 3)
    ['It just works']
    """
    chosen: list[tuple[str, tuple[str, ...], int]] = []  # quote, its words said, all words
    for quote in ranked:
        words, length = _said_words(quote)
        same = next((i for i, (_, w, _) in enumerate(chosen) if _same_words(w, words)), None)
        if same is None:
            if len(chosen) < count:
                chosen.append((quote, words, length))
        elif length < chosen[same][2]:
            chosen[same] = (quote, words, length)
    return [quote for quote, _, _ in chosen]


def _said_words(quote: str) -> tuple[tuple[str, ...], int]:
    """A quote's words (lower case, accents dropped) without an opener before a colon; all."""
    words = tuple(_WORD.findall(fold_accents(quote.lower())))
    opener = _COLON_OPENER.match(quote)
    cut = len(_WORD.findall(opener.group())) if opener else 0
    return (words[cut:] if cut <= COLON_OPENER_WORDS else words), len(words)


def _same_words(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether the two say the same once each loses up to OPENER_WORDS words at its start."""
    for cut in range(OPENER_WORDS + 1):
        other = cut + len(second) - len(first)  # the cut of ``second`` leaving as many words
        if not 0 <= other <= OPENER_WORDS or cut >= len(first):
            continue
        tail = first[cut:]
        if min(cut, other) and len(tail) < max(MIN_SHARED, cut, other):
            continue  # both cut: "it is not working", "it is now working" share "working" only
        if all(same_word(a, b) for a, b in zip(tail, second[other:], strict=True)):
            return True
    return False


def same_word(first: str, second: str) -> bool:
    """Whether two words are one, or one is the other with a typo a reader ignores.

    A typo is two neighbouring letters swapped ("frmo") or one letter left out or added
    ("daly", "betwen"), in a word of four letters or more; a letter changed ("now", "not";
    "cold", "bold") makes another word.

    Examples
    --------
    >>> same_word("from", "frmo"), same_word("daily", "daly"), same_word("work", "wok")
    (True, True, True)
    >>> same_word("not", "now"), same_word("cold", "bold"), same_word("on", "no")
    (False, False, False)
    """
    if first == second:
        return True
    short, long = sorted((first, second), key=len)
    if len(long) < 4:
        return False
    if len(short) == len(long):
        diff = [i for i, (a, b) in enumerate(zip(short, long, strict=True)) if a != b]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and short[diff[0]] == long[diff[1]]
            and short[diff[1]] == long[diff[0]]
        )
    if len(long) - len(short) != 1:
        return False
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def comment_quotes(members: pd.DataFrame, count: int = QUOTES) -> list[str]:
    """Whole comments of detractors and passives, closest first (without opinions), masked."""
    unhappy = members[members["category"].isin(UNHAPPY)]
    key = unhappy["similarity"] if "similarity" in unhappy else unhappy["comment"].str.len()
    ordered = unhappy.assign(_key=key).sort_values(
        ["_key", "respondent_id"], ascending=[False, True]
    )
    masked = ordered["comment"].map(mask_personal_data)
    return masked.drop_duplicates().head(count).tolist()
