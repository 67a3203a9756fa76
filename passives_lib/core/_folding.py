"""Text without its accents: how words are compared across spellings."""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """``text`` with its accents dropped (decomposed, NFKD, without combining marks), case kept.

    Examples
    --------
    >>> strip_accents("Élevés, très"), strip_accents("Angèle")
    ('Eleves, tres', 'Angele')
    """
    if text.isascii():  # nothing to decompose (speed only)
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_accents(text: str) -> str:
    """``text`` lower-cased, accents dropped (:func:`strip_accents`).

    Examples
    --------
    >>> fold_accents("Élevés"), fold_accents("Angèle"), fold_accents("N/A")
    ('eleves', 'angele', 'n/a')
    """
    return strip_accents(text.lower())
