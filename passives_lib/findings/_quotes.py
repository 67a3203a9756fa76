"""A finding's quotes: the opinions that put comments in the theme, of the theme's polarity.

A comment often says several things ("Love the app but invoices are a pain"); quoted whole
under "invoice download is broken" it opens with praise, and under a praise theme it quotes a
complaint. With the theme model's opinions (``ThemeModel.theme_opinions_``: per comment and
theme, the opinion that put the comment there), a finding quotes those opinions, and only the
ones whose polarity agrees with the theme's: the same polarity first, then one of the same side
(complaint and suggestion both ask for a change; a neutral theme takes any), never the
opposite side. Detractors and passives are quoted first; among them, opinions that use the
words of the theme's name first ("tarif élevé" under "tarifs élevés",
:func:`passives_lib.themes.name_stems`), then opinions of three words or more ("un", "très
déçue" last), the theme's own members (not only close to it), then the closest to the theme's
centre; promoters only when no detractor or passive says it. Quotes that say the same words,
an opener aside ("Small thing: No tracking email again"), count once, in the plainer wording.
Without opinions, the whole comments of detractors and passives are quoted, as before. Every
quote is masked.
"""

from __future__ import annotations

import re

import pandas as pd

from passives_lib.core import mask_personal_data
from passives_lib.themes import SIDE_OF, mentions_name, name_stems

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
        Detractors' and passives' first, then those using the name's words, then those of
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
        _named=[mentions_name(t, stems) for t in texts],
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
    chosen = distinct_quotes(frame["opinion"].astype(str).tolist(), count)
    return [mask_personal_data(q.strip()) for q in chosen]


def distinct_quotes(ranked: list[str], count: int) -> list[str]:
    """The first ``count`` quotes that say different things, best first.

    Two quotes say the same when their words, case aside, are the same once one of them loses
    up to ``OPENER_WORDS`` words at its start ("Small thing: No tracking email again" and "No
    tracking email again"); the shorter wording is kept, in the place of the first.

    Examples
    --------
    >>> distinct_quotes(["Small thing: no tracking email again", "No tracking email again",
    ...                  "Only gripe: no tracking email", "Tracking number never came"], 3)
    ['No tracking email again', 'Only gripe: no tracking email', 'Tracking number never came']
    """
    chosen: list[tuple[str, tuple[str, ...]]] = []
    for quote in ranked:
        words = tuple(_WORD.findall(quote.lower()))
        same = next((i for i, (_, w) in enumerate(chosen) if _same_words(w, words)), None)
        if same is None:
            if len(chosen) < count:
                chosen.append((quote, words))
        elif len(words) < len(chosen[same][1]):
            chosen[same] = (quote, words)
    return [quote for quote, _ in chosen]


def _same_words(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    short, long = sorted((first, second), key=len)
    extra = len(long) - len(short)
    return bool(short) and extra <= OPENER_WORDS and long[extra:] == short


def comment_quotes(members: pd.DataFrame, count: int = QUOTES) -> list[str]:
    """Whole comments of detractors and passives, closest first (without opinions), masked."""
    unhappy = members[members["category"].isin(UNHAPPY)]
    key = unhappy["similarity"] if "similarity" in unhappy else unhappy["comment"].str.len()
    ordered = unhappy.assign(_key=key).sort_values(
        ["_key", "respondent_id"], ascending=[False, True]
    )
    quotes = ordered["comment"].drop_duplicates().head(count)
    return [mask_personal_data(q) for q in quotes]
