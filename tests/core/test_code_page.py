"""Accents read with the wrong code page are given back; correct text is left alone."""

import pytest

from passives_lib.core import repair_code_page


@pytest.mark.parametrize(
    ("misread", "repaired"),
    [
        ("employ\u201as comp\u201atents", "employés compétents"),  # CP850 read as Windows-1252
        ("gr\u0192ce \u00e0 vous", "grâce à vous"),
        ("fra\u0152cheur", "fraîcheur"),
        ("\x90PICERIE ferm\u201ae", "ÉPICERIE fermée"),
        ("d\u201a\u2021u, \u00e0 mon go\u2013t", "déçu, à mon goût"),
        ("No\u2030l", "Noël"),
        ("can\u00e2\u20ac\u2122t", "can\u2019t"),  # UTF-8 read as Windows-1252 once
        ("didn\u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2t", "didn\u2019t"),  # ... twice
        ("Quoted \u00c2\u00a360", "Quoted £60"),
    ],
)
def test_misread_accents_are_given_back(misread: str, repaired: str) -> None:
    assert repair_code_page(misread) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "Prix \u2013 qualité, très bien\u2026",  # a real dash and ellipsis
        "Très bon accueil, déjà venu",
        "“Great” service – fast",
        "Škoda owners club",  # a name with a caron, no misreading around it
        "Great value at £60",
        "",
    ],
)
def test_correct_text_is_left_alone(text: str) -> None:
    assert repair_code_page(text) == text
