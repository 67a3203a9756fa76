"""Opinions the registry remembers: an unchanged opinion keeps its theme by identity.

Anchoring by similarity alone (see :mod:`passives_lib.themes._anchors`) held unchanged
comments in their themes only because known themes took nearly every opinion at a low
floor, which left a subject first raised this week no room to become a theme of its own.
So each recorded week the registry keeps, for every opinion, a key of its text
(:func:`opinion_key`) and the theme it went to; the next run gives :meth:`ThemeModel.fit`
these as ``remembered``, :func:`remembered_units` finds them among the run's opinions, and
they keep their theme, while opinions not seen before are anchored at a stricter floor.

A key is the first 128 bits of the SHA-256 hash of the opinion's exact text: the registry
stores no text, though whoever guesses an opinion's exact words can confirm them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

from passives_lib.core import InvalidParameterError

KEY_LENGTH = 32  # hexadecimal characters of the SHA-256 digest kept


def opinion_key(text: str) -> str:
    """The key an opinion is remembered by: the first 128 bits of its text's SHA-256 hash.

    Examples
    --------
    >>> opinion_key("engineer never came") == opinion_key("engineer never came")
    True
    >>> opinion_key("engineer never came") == opinion_key("Engineer never came")
    False
    >>> len(opinion_key(""))
    32
    """
    return hashlib.sha256(str(text).encode("utf-8")).hexdigest()[:KEY_LENGTH]


def remembered_units(
    keys: Sequence[str],
    remembered: pd.DataFrame | None,
    anchor_ids: Sequence[int],
    seen: Sequence[bool] | None = None,
) -> np.ndarray:
    """Each opinion's remembered theme, as a position in the anchors (``-1``: not remembered).

    Parameters
    ----------
    keys : sequence of str
        The run's distinct opinions' keys (:func:`opinion_key`).
    remembered : pandas.DataFrame, optional
        ``opinion_key`` and ``anchor_id`` per remembered opinion; None for no memory.
    anchor_ids : sequence of int
        The anchors' ids, in order; a remembered theme not among them is ignored.
    seen : sequence of bool, optional
        Whether each anchor has had members in a run; one that has not (a codebook theme
        known by its examples) is ignored too: it takes no single opinion.

    Returns
    -------
    numpy.ndarray
        One int per opinion.

    Raises
    ------
    InvalidParameterError
        If ``remembered`` is not a table with both columns, an ``anchor_id`` is missing, or
        one key has two themes.

    Examples
    --------
    >>> memory = pd.DataFrame({"opinion_key": [opinion_key("late"), opinion_key("rude")],
    ...                        "anchor_id": [7, 9]})
    >>> keys = [opinion_key(text) for text in ["late", "new", "rude"]]
    >>> remembered_units(keys, memory, [5, 7]).tolist()
    [1, -1, -1]
    >>> remembered_units(keys, memory, [5, 7], seen=[True, False]).tolist()
    [-1, -1, -1]
    """
    out = np.full(len(keys), -1, dtype=int)
    if remembered is None:
        return out
    if not isinstance(remembered, pd.DataFrame) or not {"opinion_key", "anchor_id"} <= set(
        remembered
    ):
        raise InvalidParameterError(
            "remembered must be a DataFrame with opinion_key and anchor_id; "
            f"got {type(remembered).__name__}"
        )
    if remembered["opinion_key"].duplicated().any():
        raise InvalidParameterError("remembered holds one opinion_key twice")
    if remembered["anchor_id"].isna().any():
        raise InvalidParameterError("remembered lacks an anchor_id")
    usable = [True] * len(anchor_ids) if seen is None else [bool(v) for v in seen]
    position = {int(a): i for i, a in enumerate(anchor_ids) if usable[i]}
    theme_of = {
        str(key): position[int(anchor)]
        for key, anchor in zip(remembered["opinion_key"], remembered["anchor_id"], strict=True)
        if int(anchor) in position
    }
    for i, key in enumerate(keys):
        out[i] = theme_of.get(key, -1)
    return out
