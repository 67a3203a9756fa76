"""Personal numbers in a comment, each confirmed by its checksum, its format or ``phonenumbers``.

Every function here takes a text and returns it with what it recognised replaced by a
placeholder; :func:`passives_lib.core._privacy.mask_personal_data` calls them in order. Dates,
times, prices and order numbers are hidden from :func:`mask_phones` and :func:`mask_postcodes`
beforehand (see ``_privacy_protect``).
"""

from __future__ import annotations

import ipaddress
import re

import phonenumbers

# Regions whose national phone formats are recognised without a ``+``; a number written with
# ``+`` and a country code is recognised for every country.
PHONE_REGIONS = ("GB", "FR", "US")

# IBAN length by country (ISO 13616 registry).
IBAN_LENGTHS = {
    **dict.fromkeys(["NO"], 15),
    **dict.fromkeys(["BE"], 16),
    **dict.fromkeys(["DK", "FI", "FO", "GL", "NL"], 18),
    **dict.fromkeys(["MK", "SI"], 19),
    **dict.fromkeys(["AT", "BA", "EE", "KZ", "LT", "LU", "XK"], 20),
    **dict.fromkeys(["CH", "HR", "LI", "LV"], 21),
    **dict.fromkeys(["BG", "BH", "CR", "DE", "GB", "GE", "IE", "ME", "RS", "VA"], 22),
    **dict.fromkeys(["AE", "GI", "IL", "IQ", "TL"], 23),
    **dict.fromkeys(["AD", "CZ", "ES", "MD", "PK", "RO", "SA", "SE", "SK", "TN", "VG"], 24),
    **dict.fromkeys(["PT", "ST"], 25),
    **dict.fromkeys(["IS", "TR"], 26),
    **dict.fromkeys(["FR", "GR", "IT", "MC", "MR", "SM"], 27),
    **dict.fromkeys(["AL", "AZ", "BY", "CY", "DO", "GT", "HU", "LB", "PL", "SV"], 28),
    **dict.fromkeys(["BR", "EG", "PS", "QA", "UA"], 29),
    **dict.fromkeys(["JO", "KW", "MU"], 30),
    **dict.fromkeys(["MT", "SC"], 31),
    **dict.fromkeys(["LC"], 32),
}
IBAN_CANDIDATE = re.compile(r"\b([A-Za-z]{2})\d{2}(?:[ ]?[A-Za-z0-9]){10,30}")
# 13 to 19 digits, optionally in groups split by one space or dash.
CARD_CANDIDATE = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])")
# A sort code after "sort code" (any case), or NN-NN-NN just before an 8-digit account number;
# alone, NN-NN-NN is as often a body measurement ("34-26-36") or a date.
SORT_CODE = re.compile(
    r"(\b(?i:sort[ -]?code|s/c)\b\W{0,5})\d{2}[- ]?\d{2}[- ]?\d{2}\b"
    r"|(?<![\d./-])\d{2}-\d{2}-\d{2}(?=[ ,;/]{1,3}\d{8}\b)"
)
ACCOUNT_NUMBER = re.compile(
    r"(\b(?i:account(?: number| no\.?)?|acct\.?(?: no\.?)?|a/c(?: no\.?)?|compte)\W{0,5}"
    r"|\[sort code\][ ,;/]{1,3})\d{8}\b"
)
NATIONAL_ID = re.compile(r"\b(?:[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]|\d{3}-\d{2}-\d{4})\b")
_OCTET = r"(?:25[0-5]|2[0-4]\d|1?\d?\d)"
IPV4 = re.compile(rf"(?<![\d.]){_OCTET}(?:\.{_OCTET}){{3}}(?![\d]|\.\d)")
IPV6_CANDIDATE = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
# UK postcode areas (the letters before the first digit of the outward code).
_UK_AREA_LIST = (
    "AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL "
    "DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW "
    "KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM "
    "S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN "
    "WR WS WV YO ZE"
)
UK_AREAS = frozenset(_UK_AREA_LIST.split())
UK_POSTCODE = re.compile(r"\b([A-Za-z]{1,2})\d[A-Za-z\d]? ?\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}\b")
_ORDINAL = re.compile(r"(?i:1st|2nd|3rd)")
US_ZIP = re.compile(
    r"(?<=\b[A-Z]{2} )\d{5}(?:-\d{4})?\b"  # after a state abbreviation
    r"|\b\d{5}-\d{4}\b"  # ZIP+4
)
# A run of digits with the usual separators, optionally starting with + or a bracket.
PHONE_CANDIDATE = re.compile(r"(?<![\d+(])(?:\+|\()?\d[\d \t().\-/]{5,}\d(?!\d)")


def mask_ibans(text: str) -> str:
    """Replace IBANs (any case, grouped or not) whose length and mod-97 checksum are right."""
    return IBAN_CANDIDATE.sub(_iban, text)


def _iban(match: re.Match[str]) -> str:
    found = match.group(0)
    length = IBAN_LENGTHS.get(match.group(1).upper())
    if length is None:
        return found
    kept = 0
    end = 0
    for end, char in enumerate(found):  # noqa: B007 (end is used after the loop)
        kept += char != " "
        if kept == length:
            break
    else:
        return found
    rest = found[end + 1 :]
    if rest[:1].isalnum():  # the characters run on: not this IBAN
        return found
    compact = found[: end + 1].replace(" ", "").upper()
    return "[iban]" + rest if _iban_checksum_ok(compact) else found


def _iban_checksum_ok(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def mask_cards(text: str, is_order_number: object) -> str:
    """Replace payment card numbers: 13-19 digits, a card network's first digit, Luhn-valid."""

    def card(match: re.Match[str]) -> str:
        found = match.group(0)
        digits = found.replace(" ", "").replace("-", "")
        if digits[0] not in "23456" or not luhn_ok(digits):
            return found
        if is_order_number(text, match.start()):  # type: ignore[operator]
            return found
        return "[card]"

    return CARD_CANDIDATE.sub(card, text)


def luhn_ok(digits: str) -> bool:
    """True when a digit string passes the Luhn checksum of card numbers."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def mask_bank_details(text: str) -> str:
    """Replace UK sort codes and 8-digit account numbers after "account number".

    A sort code is ``NN-NN-NN`` (or ``NNNNNN``) after "sort code", or ``NN-NN-NN`` just before
    an 8-digit account number.
    """

    def sort_code(match: re.Match[str]) -> str:
        return (match.group(1) or "") + "[sort code]"

    text = SORT_CODE.sub(sort_code, text)
    return ACCOUNT_NUMBER.sub(r"\1[account number]", text)


def mask_national_ids(text: str) -> str:
    """Replace UK national insurance numbers and US social security numbers."""
    return NATIONAL_ID.sub("[national id]", text)


def mask_ip_addresses(text: str) -> str:
    """Replace IPv4 addresses and IPv6 addresses (checked by :mod:`ipaddress`)."""
    text = IPV4.sub("[ip address]", text)
    if text.count(":") >= 2:
        text = IPV6_CANDIDATE.sub(_ipv6, text)
    return text


def _ipv6(match: re.Match[str]) -> str:
    found = match.group(0)
    try:
        ipaddress.IPv6Address(found)
    except ValueError:
        return found
    return "[ip address]"


def mask_postcodes(text: str) -> str:
    """Replace UK postcodes of a real area (any case) and US ZIP codes after a state."""

    def postcode(match: re.Match[str]) -> str:
        found = match.group(0)
        if match.group(1).upper() not in UK_AREAS:
            return found
        if not found.isupper() and _ORDINAL.fullmatch(found[-3:]):  # "m4 3rd junction"
            return found
        return "[postcode]"

    text = UK_POSTCODE.sub(postcode, text)
    return US_ZIP.sub("[postcode]", text)


def mask_phones(text: str, is_order_number: object) -> str:
    """Replace phone numbers (8-15 digits) as ``phonenumbers`` judges them.

    Valid for one of :data:`PHONE_REGIONS` (or any country after ``+``), or possible when
    written with a leading ``0``, ``+`` or bracket and 9 digits or more.
    """

    def phone(match: re.Match[str]) -> str:
        found = match.group(0)
        digits = sum(ch.isdigit() for ch in found)
        glued = match.start() > 0 and text[match.start() - 1].isalpha()
        if digits < 8 or digits > 15 or (glued and found[0] not in "0+"):
            return found
        if is_order_number(text, match.start()):  # type: ignore[operator]
            return found
        stripped = found.rstrip(" \t.-/(")
        if not _is_phone_number(stripped, digits):
            return found
        return "[phone]" + found[len(stripped) :]

    return PHONE_CANDIDATE.sub(phone, text)


def _is_phone_number(found: str, digits: int) -> bool:
    if found.startswith("+"):  # the country code decides the region
        try:
            number = phonenumbers.parse(found, None)
        except phonenumbers.NumberParseException:
            return False
        return phonenumbers.is_valid_number(number) or (
            digits >= 9 and phonenumbers.is_possible_number(number)
        )
    trunk = found.lstrip("(").startswith("0")
    formatted_as_phone = (trunk or found.startswith("(")) and digits >= 9
    for region in PHONE_REGIONS:
        if region != "US" and not trunk:  # national numbers there are written with a 0
            continue
        try:
            number = phonenumbers.parse(found, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number) or (
            formatted_as_phone and phonenumbers.is_possible_number(number)
        ):
            return True
    return False
