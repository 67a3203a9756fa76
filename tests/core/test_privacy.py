"""The masking rules of passives_lib.core._privacy: what they catch and what they keep."""

import pytest

from passives_lib import mask_personal_data

MASKED = [
    ("Call07700900125 now", "Call[phone] now"),
    ("call +44 20 7946 0123 please", "call [phone] please"),
    ("(555) 010-1234 or 555-0134", "[phone] or [phone]"),
    ("06 12 34 56 78", "[phone]"),
    ("IBAN GB82 WEST 1234 5698 7654 32 thanks", "IBAN [iban] thanks"),
    ("pay to DE89370400440532013000", "pay to [iban]"),
    ("I live at SW1A 1AA London", "I live at [postcode] London"),
    ("New York, NY 10001", "New York, NY [postcode]"),
    ("zip 90210-1234", "zip [postcode]"),
    ("NI number AB 12 34 56 C", "NI number [national id]"),
    ("ssn 123-45-6789", "ssn [national id]"),
    ("born 12/03/1985", "born [date of birth]"),
    ("date of birth: 3 March 1985", "date of birth: [date of birth]"),
    ("my name is Jo Bloggs and I", "my name is [name] and I"),
    ("I'm Priya, happy", "I'm [name], happy"),
    ("I\u2019m Priya", "I\u2019m [name]"),
    ("I AM Jo, hello", "I AM [name], hello"),
    ("Très bien, I am Jo", "Très bien, I am [name]"),  # not ASCII: the regex itself decides
    ("\u0131 am Jo", "\u0131 am [name]"),  # dotless i matches "i" case-insensitively
    ("see www.example.com/x", "see [link]"),
    ("see https://example.com/x?a=1", "see [link]"),
    ("mail jo.b@example.com", "mail [email]"),
    ("server 192.168.0.12 failed", "server [ip address] failed"),
]
KEPT = [
    "on 2026-03-01 it broke",
    "order 12345678 late",
    "order #ORD-2026-001234",
    "ref 12345678",
    "ORD12345678",
    "version 1.2.3",
    "I am happy",
    "I scored 10 in 2025",
    "Thanks to Aisha",  # documented as not caught
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_personal_data_is_masked(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_dates_order_numbers_and_plain_words_are_kept(text):
    assert mask_personal_data(text) == text


def test_masking_is_deterministic_and_accepts_non_text():
    text = "Call07700900125 or jo@example.com, I'm Jo"
    assert mask_personal_data(text) == mask_personal_data(text)
    assert mask_personal_data(12345) == "12345"
