"""The words of a theme's name, and whether a quote uses them (EN and FR)."""

import pytest

from passives_lib.themes import mentions_name, name_stems


def test_stop_words_and_short_words_are_not_a_names_subject():
    assert name_stems("no tracking email") == name_stems("tracking email")
    assert name_stems("pas de chariot") == name_stems("chariot")
    assert name_stems("it is not ok") == frozenset()
    assert name_stems("gave appropriate advice") == name_stems("appropriate advice")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("waiting time", "We waited two hours", True),
        ("waiting time", "Waiting times", True),
        ("tarifs élevés", "Tarif élevé", True),
        ("tarifs élevés", "très déçue", False),
        ("prix sont trop élevés", "les PRIX sont trop élèves", True),
        ("invoice download is broken", "Cannot download my invoices", True),
        ("invoice download is broken", "The app is slow", False),
        ("it is not ok", "it is not ok", False),  # no subject: nothing to use
    ],
)
def test_a_text_uses_a_names_words_by_light_stem(name, text, expected):
    assert mentions_name(text, name_stems(name)) is expected
