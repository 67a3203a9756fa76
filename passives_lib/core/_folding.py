"""Text in lower case without its accents: how words are compared across spellings."""

from __future__ import annotations

import unicodedata


def fold_accents(text: str) -> str:
    """``text`` lower-cased, accents dropped (decomposed, NFKD, without combining marks).

    Examples
    --------
    >>> fold_accents("Élevés"), fold_accents("Angèle"), fold_accents("N/A")
    ('eleves', 'angele', 'n/a')
    """
    lowered = text.lower()
    if lowered.isascii():  # nothing to decompose (speed only)
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
