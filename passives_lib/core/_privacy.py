"""Masking personal data in customers' words before they are shown or written out."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A run of 7+ digits with the usual separators, optionally international: +44 20 7946 0123,
# (555) 010-1234, 555-0134, 06 12 34 56 78.
PHONE = re.compile(r"(?<![\w(])(?:\+|\()?\d[\d\s().-]{5,}\d(?![\w])")
URL = re.compile(r"https?://\S+")


def mask_personal_data(text: str) -> str:
    """Replace e-mail addresses, phone numbers and links with placeholders.

    Parameters
    ----------
    text : str
        A comment.

    Returns
    -------
    str
        The comment with ``[email]``, ``[phone]`` and ``[link]`` in place of personal data.

    Examples
    --------
    >>> mask_personal_data("Mail jo.b@example.com or call +44 20 7946 0123 please")
    'Mail [email] or call [phone] please'
    """
    text = URL.sub("[link]", str(text))
    text = EMAIL.sub("[email]", text)
    return PHONE.sub(lambda m: "[phone]" if _digits(m.group(0)) >= 7 else m.group(0), text)


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)
