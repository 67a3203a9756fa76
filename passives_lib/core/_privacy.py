"""Masking personal data in customers' words before they are shown or written out.

The rules, applied in this order (each replaces what it finds with a placeholder):

=====================  ======================  ===========================================
what                   placeholder             recognised as
=====================  ======================  ===========================================
links                  ``[link]``              ``http://``, ``https://`` or ``www.`` up to a
                                               space
e-mail addresses       ``[email]``             ``name@domain.tld``
IBANs                  ``[iban]``              country code, check digits and the country's
                                               length, any case, grouped or not, whose
                                               mod-97 checksum is right
dates of birth         ``[date of birth]``     a date after "born", "date of birth", "DOB",
                                               "birthday"
national id numbers    ``[national id]``       UK NI (``AB 12 34 56 C``), US SSN
                                               (``123-45-6789``)
sort codes             ``[sort code]``         ``NN-NN-NN`` after "sort code" (any case), or
                                               before an 8-digit account number
account numbers        ``[account number]``    8 digits after "account number", "a/c" or a
                                               sort code
payment cards          ``[card]``              13-19 digits (spaces or dashes allowed) that
                                               start with 2-6 and pass the Luhn check
IP addresses           ``[ip address]``        IPv4; IPv6 as :mod:`ipaddress` accepts it
postcodes              ``[postcode]``          UK postcodes of a real postcode area (any
                                               case); US ZIP after a state or ZIP+4
phone numbers          ``[phone]``             8-15 digits that ``phonenumbers`` finds valid
                                               (GB, FR, US, or any country after ``+``), or
                                               possible when written with ``0``, ``+`` or a
                                               bracket and 9 digits or more
names                  ``[name]``              see :mod:`passives_lib.core._privacy_names`:
                                               self-introductions, "X here", titles,
                                               sign-offs (EN and FR)
staff and family       ``[name]``              see :mod:`passives_lib.core._privacy_staff`:
first names                                    after "spoke to", "ask for", a role ("the
                                               nurse, Jenny"), "thanks to", "merci à";
                                               before "from support", "at reception", "du
                                               rayon", "was", "a été" (a bundled first-name
                                               list for the weaker cues)
=====================  ======================  ===========================================

Kept on purpose: dates (``12.03.2025``, ``2026-03-01``, ``12/03/25``) and times (``14:30``,
``10h30``) without a birth word, prices (``£1,299.99``, ``1 299,00 €``), and numbers after
"order", "ref", "invoice", "ticket", "case", "commande", "facture", "SKU", "item", "product",
"article", "model" or ``#`` (order and product numbers): dates, times and prices are hidden
from the phone and postcode rules while they run.

What the rules do not catch (so never publish raw comments on the strength of them): names
without one of the cues, names after a weak cue that are not in the bundled first-name list
("merci à Poony"), signatures that are no bundled first name ("... CLAUDE"), lower-case
names after a self-introduction or a weak cue alone ("i'm jo", "thanks to jo at the till"),
street addresses,
postcodes of other countries, phone numbers of other countries written without ``+``, numbers
written in words or under 8 digits, national ids of other countries, and personal data split
by odd characters. ``tests/core/masking_corpus.py`` holds what is masked and what is kept;
``python -m bench.masking`` prints the precision and recall on it.
"""

from __future__ import annotations

import re

from passives_lib.core._privacy_names import mask_names
from passives_lib.core._privacy_numbers import (
    mask_bank_details,
    mask_cards,
    mask_ibans,
    mask_ip_addresses,
    mask_national_ids,
    mask_phones,
    mask_postcodes,
)
from passives_lib.core._privacy_staff import mask_staff_names

URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}|\d{{1,2}}(?:st|nd|rd|th)? {_MONTHS},? \d{{4}}"
    rf"|{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}})"
)
BIRTH_DATE = re.compile(
    rf"(\b(?:born(?: on)?|date of birth|d\.?o\.?b\.?|birthday(?: is)?)\W{{0,3}}){_DATE}",
    re.IGNORECASE,
)
# Dates, times and prices: hidden from the phone and postcode rules while they run.
_KEPT_NUMBERS = re.compile(
    r"(?<![\d.])(?<!\d[/-])\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"(?!\d|[./-]\d)"
    r"|(?<!\d)\d{1,2}[:hH]\d{2}(?::\d{2})?(?!\d)"
    r"|[£$€]\s?\d+(?:[ ,.]\d+)*"
    r"|\d+(?:[ ,.]\d+)*\s?(?:[£$€]|(?i:eur|euros?|gbp|usd|dollars?|pounds?)\b)"
)
_HIDDEN = "\ue000"
_ORDER_WORDS = re.compile(
    r"(?:#|\b(?i:order|ord|ref|réf|reference|référence|invoice|inv|ticket|case|commande|cde"
    r"|facture|dossier|colis|tracking|suivi|sku|item|product|produit|article|art|model|modèle"
    r"|part|code|barcode)\b(?:[\s.:#-]*(?:(?i:no|number|num|id)\b|n°|nº))?)[\s.:#°-]{0,3}$"
)
_DIGIT = re.compile(r"\d")
# Every number rule but the UK postcode and IPv6 ones needs five digits close together.
_LONG_NUMBER = re.compile(r"\d[\d \t\-./()]{3,}\d")
_POSTCODE_END = re.compile(r"\d[A-Za-z]{2}\b")
_BIRTH_WORDS = ("born", "birth", "dob", "d.o.b")
_NAME_CUES = (
    *("name", "i'm", "i\u2019m", "i am", "this is", "appelle", "nom est", "c'est", "c\u2019est"),
    *("here", "regards", "sincerely", "yours", "wishes", "cordialement", "salutations"),
    *("vous", "thank", "cheers", "best", "merci", "mr", "ms", "miss", "mx", "dr", "prof"),
    *("sir", "dame", "mme", "mlle", "m.", "monsieur", "madame", "mademoiselle"),
)


def mask_personal_data(text: str) -> str:
    """Replace personal data in a comment with placeholders (the rules are in the module doc).

    Parameters
    ----------
    text : str
        A comment.

    Returns
    -------
    str
        The comment with ``[link]``, ``[email]``, ``[iban]``, ``[date of birth]``,
        ``[national id]``, ``[sort code]``, ``[account number]``, ``[card]``,
        ``[ip address]``, ``[postcode]``, ``[phone]`` and ``[name]`` in place of personal
        data.

    Examples
    --------
    >>> mask_personal_data("Mail jo.b@example.com or call +44 20 7946 0123 please")
    'Mail [email] or call [phone] please'
    >>> mask_personal_data("I'm Jo Bloggs, order 12345678 on 12.03.2025 at 14:30")
    "I'm [name], order 12345678 on 12.03.2025 at 14:30"
    >>> mask_personal_data("Card 4111 1111 1111 1111, sw1a 1aa. Regards, Pierre Dubois-Martin")
    'Card [card], [postcode]. Regards, [name]'
    """
    text = str(text)
    # Most comments hold no '@', link, digit or name cue: skip the rules that need one
    # (speed only).
    lowered = text.lower()
    if "http" in lowered or "www." in lowered:
        text = URL.sub("[link]", text)
    if "@" in text:
        text = EMAIL.sub("[email]", text)
    if _DIGIT.search(text):
        text = _mask_numbers(text, lowered)
    if _may_name_someone(text):
        text = mask_names(text)
    return mask_staff_names(text)


def _mask_numbers(text: str, lowered: str) -> str:
    if any(word in lowered for word in _BIRTH_WORDS):
        text = BIRTH_DATE.sub(r"\1[date of birth]", text)
    if text.count(":") >= 2:
        text = mask_ip_addresses(text)
    if not _LONG_NUMBER.search(text):  # nothing but a postcode can be there
        return mask_postcodes(text) if _POSTCODE_END.search(text) else text
    text = mask_ibans(text)
    text = mask_national_ids(text)
    text = mask_bank_details(text)
    text = mask_cards(text, is_order_number)
    text = mask_ip_addresses(text)
    text = text.replace(_HIDDEN, "\ufffd")
    hidden: list[str] = []

    def hide(match: re.Match[str]) -> str:
        hidden.append(match.group(0))
        return _HIDDEN

    text = _KEPT_NUMBERS.sub(hide, text)
    text = mask_postcodes(text)
    text = mask_phones(text, is_order_number)
    if hidden:
        shown = iter(hidden)
        text = re.sub(_HIDDEN, lambda _: next(shown), text)
    return text


def is_order_number(text: str, start: int) -> bool:
    """True when the number starting at ``start`` follows an order or product word."""
    return bool(_ORDER_WORDS.search(text[max(0, start - 24) : start]))


def _may_name_someone(text: str) -> bool:
    """False only when no name rule can match: ASCII text without any of their cue words.

    Outside ASCII, case-insensitive matching follows Unicode ("ı" matches "i"), so the regex
    decides.
    """
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(cue in lowered for cue in _NAME_CUES)
