r"""Repairing comments whose accents were read with the wrong code page.

A survey tool that writes French text in the old DOS code page (CP850), read back as
Windows-1252, turns "é" into "‚", "â" into "ƒ", "î" into "Œ" and "É" into a control
character: "employ‚s", "grƒce", "fraŒcheur", "\x90PICERIE". A third of the comments of the
shared French garden-centre export read like this, often beside correctly written accents.
Such words are neither found by the tone rules nor read well by the embedding model, and a
name or a quote shows them to the team.

:func:`repair_code_page` gives each of these characters back its letter when the comment
shows the misreading's signature (a "‚" beside a letter, "ƒ", "Œ", "‡", "Š" and the like
between two letters, or one of the C1 control characters that no text holds); the dash-like
and quote-like characters ("–" for "û", "“" for "ô", "…" for "à") only between two letters,
as "go–t" for "goût", so that real dashes, quotes and ellipses stay. Text without the
signature is returned unchanged.

UTF-8 read as Windows-1252 (once or twice: "didnÃ¢â‚¬â„¢t" for "didn’t", in the shared NHS
comments) is read again as UTF-8 first, when the whole text allows it.
"""

from __future__ import annotations

import re

# Each character a CP850 byte becomes when read as Windows-1252, and the CP850 letter it was.
_ANYWHERE = {
    "\u201a": "é",  # 0x82
    "\u0192": "â",  # 0x83
    "\u2021": "ç",  # 0x87
    "\u02c6": "ê",  # 0x88
    "\u2030": "ë",  # 0x89
    "\u0160": "è",  # 0x8A
    "\u2039": "ï",  # 0x8B
    "\u0152": "î",  # 0x8C
    "\x90": "É",  # 0x90, a C1 control character in Windows-1252
    "\u00b7": "À",  # 0xB7
    "\u00d2": "Ê",  # 0xD2
    "\u00d3": "Ë",  # 0xD3
    "\u00d4": "È",  # 0xD4
}
_BETWEEN_LETTERS = {
    "\u2026": "à",  # 0x85
    "\u201c": "ô",  # 0x93
    "\u2013": "û",  # 0x96
    "\u2014": "ù",  # 0x97
}
_SIGNATURE = re.compile(
    r"[^\W\d_]\u201a|\u201a[^\W\d_]|[\x80-\x9f]"
    r"|(?<=[^\W\d_])[\u0192\u2021\u02c6\u2030\u0160\u2039\u0152](?=[^\W\d_])"
)
_LETTER_GAP = re.compile("(?<=[^\\W\\d_])[" + "".join(_BETWEEN_LETTERS) + "](?=[^\\W\\d_])")
_TABLE = str.maketrans(_ANYWHERE)


_UTF8_SIGNATURE = re.compile("[\u00c3\u00c2][\u0080-\u00bf\u2018-\u203a\u0152-\u0192]|\u00e2\u20ac")


def _utf8_read_as_windows(text: str) -> str:
    """UTF-8 bytes read as Windows-1252, once or more ("didnÃ¢â‚¬â„¢t"), read again as UTF-8."""
    for _ in range(3):
        if not _UTF8_SIGNATURE.search(text):
            break
        try:
            again = text.encode("cp1252").decode("utf-8")
        except UnicodeError:  # not only Windows-1252 characters, or no UTF-8 underneath
            break
        if again == text:
            break
        text = again
    return text


def misread_code_page(text: str) -> bool:
    """Whether a text shows the signature of CP850 read as Windows-1252.

    Examples
    --------
    >>> misread_code_page("Personnel tr\u0160s aimable, employ\u201as comp\u201atents")
    True
    >>> misread_code_page("\u0090PICERIE FERM\u0090E")
    True
    >>> misread_code_page("Prix \u2013 qualit\u00e9, \u00ab parfait \u00bb")
    False
    >>> misread_code_page("gr\u0192ce \u00e0 vous"), repair_code_page("gr\u0192ce \u00e0 vous")
    (True, 'grâce à vous')
    """
    return bool(_SIGNATURE.search(text))


def repair_code_page(text: str) -> str:
    """The text with the letters a CP850-as-Windows-1252 misreading replaced, given back.

    Parameters
    ----------
    text : str
        A comment.

    Returns
    -------
    str
        The repaired comment; the comment itself when it shows no misreading.

    Examples
    --------
    >>> repair_code_page("Ce qui n'est pas le cas avec vos employ\u201as plus anciens")
    "Ce qui n'est pas le cas avec vos employés plus anciens"
    >>> repair_code_page("d\u201a\u2021u, \u00e0 mon go\u2013t \u2013 trop cher")
    'déçu, à mon goût – trop cher'
    >>> repair_code_page("Great \u2013 fast delivery\u2026")
    'Great – fast delivery…'
    >>> repair_code_page("couldn\u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2t do more")
    'couldn’t do more'
    """
    text = _utf8_read_as_windows(text)
    if not misread_code_page(text):
        return text
    repaired = text.translate(_TABLE)
    return _LETTER_GAP.sub(lambda m: _BETWEEN_LETTERS[m.group(0)], repaired)
