"""Masking personal data (passives_lib.core._privacy): the masking corpus, EN and FR."""

import pytest

from passives_lib import mask_personal_data
from tests.core.masking_corpus import KEPT, KNOWN_MISSES, MASKED, expected, plain, spans

MASKED_CASES = [(lang, text) for lang, texts in MASKED.items() for text in texts]
KEPT_CASES = [(lang, text) for lang, texts in KEPT.items() for text in texts]


@pytest.mark.parametrize(("lang", "marked"), MASKED_CASES)
def test_personal_data_is_masked(lang, marked):
    assert mask_personal_data(plain(marked)) == expected(marked)


@pytest.mark.parametrize(("lang", "text"), KEPT_CASES)
def test_dates_times_order_numbers_prices_and_plain_words_are_kept(lang, text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize(
    ("lang", "marked"), [(lang, text) for lang, texts in KNOWN_MISSES.items() for text in texts]
)
def test_known_misses_are_still_documented_misses(lang, marked):
    # If one of these becomes caught, move it to MASKED and update the module doc.
    assert mask_personal_data(plain(marked)) == plain(marked)


def test_the_corpus_marks_are_read_back_exactly():
    marked = "call [[phone:07911 123456]] or mail [[email:a@b.co]]"
    assert plain(marked) == "call 07911 123456 or mail a@b.co"
    assert expected(marked) == "call [phone] or mail [email]"
    assert [plain(marked)[s:e] for s, e in spans(marked)] == ["07911 123456", "a@b.co"]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("IBAN GB82 WEST 1234 5698 7654 33", "IBAN GB82 WEST 1234 5698 7654 33"),  # checksum
        ("card 4111 1111 1111 1112", "card 4111 1111 1111 1112"),  # Luhn
        ("card 1111 1111 1111 1117", "card 1111 1111 1111 1117"),  # no card network starts 1
        ("QQ1 1AA is no postcode area", "QQ1 1AA is no postcode area"),
        ("Regards, Jane Smith\nLondon", "Regards, [name]\nLondon"),  # a name stays on its line
        ("Thanks, Jane. The rest was fine", "Thanks, Jane. The rest was fine"),  # not at the end
        ("on 12.03.2025 call 07911 123456", "on 12.03.2025 call [phone]"),
        ("\ue000 07911 123456 on 12.03.2025", "\ufffd [phone] on 12.03.2025"),
    ],
)
def test_checksums_areas_and_positions_decide(text, masked):
    assert mask_personal_data(text) == masked


def test_masking_is_deterministic_and_accepts_non_text():
    text = "Call07700900125 or jo@example.com, I'm Jo"
    assert mask_personal_data(text) == mask_personal_data(text)
    assert mask_personal_data(12345) == "12345"
