"""A finding's quotes: the opinions that put comments in the theme, of the theme's polarity.

A comment often says several things ("Love the app but invoices are a pain"); quoted whole
under "invoice download is broken" it opens with praise, and under a praise theme it quotes a
complaint. With the theme model's opinions (``ThemeModel.theme_opinions_``: per comment and
theme, the opinion that put the comment there), a finding quotes those opinions, and only the
ones whose polarity agrees with the theme's: the same polarity first, then one of the same side
(complaint and suggestion both ask for a change; a neutral theme takes any), never the
opposite side. Detractors and passives are quoted first, the theme's own members (not only
close to it) first, then closest to the theme's centre;
promoters only when no detractor or passive says it. Without opinions, the whole comments of
detractors and passives are quoted, as before. Every quote is masked.
"""

from __future__ import annotations

import pandas as pd

from passives_lib.core import mask_personal_data

QUOTES = 3
_SIDE = {"complaint": -1, "suggestion": -1, "praise": 1, "neutral": 0}
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
    side, wanted = _SIDE.get(opinion, 0), _SIDE.get(theme, 0)
    if wanted == 0:  # a neutral (or unknown) theme: any opinion fits it
        return 1
    return 1 if side == wanted else 0


def opinion_quotes(
    opinions: pd.DataFrame, categories: pd.Series, polarity: str, count: int = QUOTES
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

    Returns
    -------
    list of str
        Detractors' and passives' first, then the theme's own members, the same polarity
        before the same side, the closest to the theme's centre; distinct (case and spaces
        aside).

    Examples
    --------
    >>> said = pd.DataFrame({"respondent_id": ["a", "b", "c"],
    ...                      "opinion": ["Love the colour", "it runs small", "Runs small"],
    ...                      "polarity": ["praise", "complaint", "complaint"]})
    >>> who = pd.Series({"a": "detractor", "b": "promoter", "c": "passive"})
    >>> opinion_quotes(said, who, "complaint")
    ['Runs small']
    """
    if opinions.empty:
        return []
    frame = opinions.assign(
        _fit=[agreement(str(p), polarity) for p in opinions["polarity"]],
        _unhappy=opinions["respondent_id"].map(categories).isin(UNHAPPY).to_numpy(),
        _near=opinions.get("similarity", 0.0),
        _own=opinions.get("own", False),
    )
    frame = frame[frame["_fit"] > 0]
    if frame["_unhappy"].any():
        frame = frame[frame["_unhappy"]]
    frame = frame.assign(_key=frame["opinion"].astype(str).str.lower().str.split().str.join(" "))
    frame = frame.sort_values(
        ["_own", "_fit", "_near", "respondent_id", "opinion"],
        ascending=[False, False, False, True, True],
    )
    chosen = frame.drop_duplicates("_key")["opinion"].head(count)
    return [mask_personal_data(str(q).strip()) for q in chosen]


def comment_quotes(members: pd.DataFrame, count: int = QUOTES) -> list[str]:
    """Whole comments of detractors and passives, closest first (without opinions), masked."""
    unhappy = members[members["category"].isin(UNHAPPY)]
    key = unhappy["similarity"] if "similarity" in unhappy else unhappy["comment"].str.len()
    ordered = unhappy.assign(_key=key).sort_values(
        ["_key", "respondent_id"], ascending=[False, True]
    )
    quotes = ordered["comment"].drop_duplicates().head(count)
    return [mask_personal_data(q) for q in quotes]
