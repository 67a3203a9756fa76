"""The words of a theme's name, and how many of them a quote uses (EN and FR)."""

import pytest

from passives_lib.themes import name_stems, name_words_used


def test_stop_words_and_short_words_are_not_a_names_subject():
    assert name_stems("no tracking email") == name_stems("tracking email")
    assert name_stems("pas de chariot") == name_stems("chariot")
    assert name_stems("it is not ok") == frozenset()
    assert name_stems("gave appropriate advice") == name_stems("appropriate advice")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("waiting time", "We waited two hours", 1),
        ("waiting time", "Waiting times", 2),
        ("tarifs élevés", "Tarif élevé", 2),
        ("tarifs élevés", "très déçue", 0),
        ("prix sont trop élevés", "les PRIX sont trop élèves", 3),
        ("invoice download is broken", "Cannot download my invoices", 2),
        ("invoice download is broken", "The app is slow", 0),
        ("locked out of my account", "I switch between accounts", 1),
        ("locked out of my account", "Locked out of the account, locked!", 2),  # distinct words
        ("it is not ok", "it is not ok", 0),  # no subject: nothing to use
    ],
)
def test_a_text_uses_a_names_words_by_light_stem(name, text, expected):
    assert name_words_used(text, name_stems(name)) == expected
