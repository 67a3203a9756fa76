"""Words compared across spellings: lower case, accents dropped."""

import pytest

from passives_lib.core import fold_accents, strip_accents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Très déçue", "tres decue"),
        ("ANGÈLE", "angele"),
        ("ﬁne", "fine"),  # a ligature decomposes too (NFKD)
        ("plain ascii", "plain ascii"),
        ("", ""),
    ],
)
def test_fold_accents(text: str, expected: str) -> None:
    assert fold_accents(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Très déçue", "Tres decue"),  # case kept
        (r"élevé\w*|Fermée?s?", r"eleve\w*|Fermee?s?"),  # a pattern keeps its escapes
        ("ﬁne", "fine"),
        ("", ""),
    ],
)
def test_strip_accents_keeps_case(text: str, expected: str) -> None:
    assert strip_accents(text) == expected
