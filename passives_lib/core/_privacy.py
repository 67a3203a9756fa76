"""Masking personal data in customers' words before they are shown or written out.

The rules, applied in this order (each replaces what it finds with a placeholder):

========================  ==================  ==============================================
what                      placeholder         recognised as
========================  ==================  ==============================================
links                     ``[link]``          ``http://``, ``https://`` or ``www.`` up to a space
e-mail addresses          ``[email]``         ``name@domain.tld``
IBANs                     ``[iban]``          two letters, two check digits, 11-30 letters/digits
national id numbers       ``[national id]``   UK NI (``AB 12 34 56 C``), US SSN (``123-45-6789``)
dates of birth            ``[date of birth]`` a date after "born", "date of birth", "DOB",
                                              "birthday"
IP addresses              ``[ip address]``    four numbers 0-255 joined by dots
postcodes                 ``[postcode]``      UK (``SW1A 1AA``), US ZIP after a state (``NY 10001``)
                                              or ZIP+4 (``10001-1234``)
phone numbers             ``[phone]``         7-15 digits with spaces, dots, dashes, brackets, an
                                              optional ``+``; also glued to a word when it starts
                                              with ``0`` or ``+`` (``Call07700900125``)
names                     ``[name]``          capitalised words after "my name is", "I'm", "I am"
========================  ==================  ==============================================

What the rules do not catch (so never publish raw comments on the strength of them): names
anywhere else ("thanks to Aisha"), lower-case names ("i'm jo"), street addresses, postcodes of
other countries or without the state before a ZIP, phone numbers under 7 digits or written in
words, national ids of other countries, dates of birth without a birth word, account or
customer numbers that look like order numbers, and personal data split by odd characters.

Kept on purpose: ISO dates (``2026-03-01``) and other dates without a birth word, and numbers
after "order", "ref", "invoice", "ticket", "case" or ``#`` (order numbers).
"""

from __future__ import annotations

import re

URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b")
NATIONAL_ID = re.compile(r"\b(?:[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]|\d{3}-\d{2}-\d{4})\b")
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}|\d{{1,2}}(?:st|nd|rd|th)? {_MONTHS},? \d{{4}}"
    rf"|{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}})"
)
BIRTH_DATE = re.compile(
    rf"(\b(?:born(?: on)?|date of birth|d\.?o\.?b\.?|birthday(?: is)?)\W{{0,3}}){_DATE}",
    re.IGNORECASE,
)
_OCTET = r"(?:25[0-5]|2[0-4]\d|1?\d?\d)"
IP_ADDRESS = re.compile(rf"(?<![\d.]){_OCTET}(?:\.{_OCTET}){{3}}(?![\d]|\.\d)")
POSTCODE = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"  # UK
    r"|(?<=\b[A-Z]{2} )\d{5}(?:-\d{4})?\b"  # US ZIP after a state abbreviation
    r"|\b\d{5}-\d{4}\b"  # US ZIP+4
)
# A run of 7+ digits with the usual separators, optionally international: +44 20 7946 0123,
# (555) 010-1234, 555-0134, 06 12 34 56 78.
PHONE = re.compile(r"(?<![\d+(])(?:\+|\()?\d[\d\s().-]{5,}\d(?!\d)")
_ORDER_WORDS = re.compile(
    r"(?:#|\b(?:order|ord|ref|reference|invoice|inv|ticket|case|no|number)\b)\W{0,3}$",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")
NAME = re.compile(
    r"(\b(?i:my name is|my name['\u2019]s|i['\u2019]m|i am)\s+)"
    r"([A-Z][a-z'\u2019\-]+(?:[ ]+[A-Z][a-z'\u2019\-]+){0,2})\b"
)
_NAME_OPENINGS = ("my name", "i'm", "i am")  # what NAME needs in lower-case ASCII text


def mask_personal_data(text: str) -> str:
    """Replace personal data in a comment with placeholders (the rules are in the module doc).

    Parameters
    ----------
    text : str
        A comment.

    Returns
    -------
    str
        The comment with ``[link]``, ``[email]``, ``[iban]``, ``[national id]``,
        ``[date of birth]``, ``[ip address]``, ``[postcode]``, ``[phone]`` and ``[name]`` in
        place of personal data.

    Examples
    --------
    >>> mask_personal_data("Mail jo.b@example.com or call +44 20 7946 0123 please")
    'Mail [email] or call [phone] please'
    >>> mask_personal_data("I'm Jo Bloggs, order 12345678 on 2026-03-01")
    "I'm [name], order 12345678 on 2026-03-01"
    """
    text = str(text)
    # Most comments hold no '@', link, digit or "my name is": skip the patterns that need one
    # (speed only).
    lowered = text.lower()
    if "http" in lowered or "www." in lowered:
        text = URL.sub("[link]", text)
    if "@" in text:
        text = EMAIL.sub("[email]", text)
    if _DIGIT.search(text):
        text = IBAN.sub("[iban]", text)
        text = NATIONAL_ID.sub("[national id]", text)
        text = BIRTH_DATE.sub(r"\1[date of birth]", text)
        text = IP_ADDRESS.sub("[ip address]", text)
        text = POSTCODE.sub("[postcode]", text)
        text = PHONE.sub(lambda m: _phone(m, text), text)
    return NAME.sub(_name, text) if _may_name_someone(text) else text


def _may_name_someone(text: str) -> bool:
    """False only when :data:`NAME` cannot match: ASCII text without its opening words.

    Outside ASCII, case-insensitive matching follows Unicode ("ı" matches "i"), so the regex
    decides.
    """
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(opening in lowered for opening in _NAME_OPENINGS)


def _phone(match: re.Match[str], text: str) -> str:
    found = match.group(0)
    digits = sum(ch.isdigit() for ch in found)
    before = text[: match.start()]
    glued = bool(before) and before[-1].isalpha()
    if (
        digits < 7
        or digits > 15
        or _ISO_DATE.fullmatch(found.strip())
        or _ORDER_WORDS.search(before[-20:])
        or (glued and found[0] not in "0+")
    ):
        return found
    return "[phone]"


def _name(match: re.Match[str]) -> str:
    return match.group(1) + "[name]"
