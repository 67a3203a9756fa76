"""Staff and family first names (passives_lib.core._privacy_staff); the corpus holds the rest."""

import pytest

from passives_lib.core._privacy_staff import (
    first_names,
    is_first_name,
    mask_staff_names,
    staff_name_spans,
)


def test_the_bundled_list_holds_first_names_and_no_ordinary_words():
    names = first_names()
    assert len(names) > 4000
    assert {
        "sarah",
        "marco",
        "aisha",
        "priya",
        "françoise",
        "francoise",
        "angele",
        "thibault",
    } <= names
    ordinary = {"will", "may", "june", "rose", "heather", "holly", "grace", "bill", "mark"}
    assert not ordinary & names  # words and plants that are also names in the census
    assert not {"leroy", "lourdes", "jen", "jene", "les", "cher", "merlin"} & names  # French words
    assert all(name == name.lower() and " " not in name for name in names)


@pytest.mark.parametrize(
    ("word", "listed"),
    [("Sarah", True), ("SARAH", True), ("Sarah's", True), ("Angèle", True), ("Zapier", False)],
)
def test_is_first_name_ignores_case_accents_and_possessives(word, listed):
    assert is_first_name(word) is listed


def test_spans_point_at_the_names_only():
    text = "Thanks to Sarah, and ask for Jenny Smith at reception."
    assert [text[s:e] for s, e in staff_name_spans(text)] == ["Sarah", "Jenny Smith"]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("spoke to Chen, then Priya in billing", "spoke to [name], then [name] in billing"),
        ("Sarah's help was great", "Sarah's help was great"),  # no cue after a possessive
        ("nurse Explanation of the plan", "nurse Explanation of the plan"),  # no first name
        ("Thanks to Jenny Smith for it", "Thanks to [name] for it"),
        ("Thanks to James Cook Hospital", "Thanks to James Cook Hospital"),
        ("the paramedics Explanation was clear", "the paramedics Explanation was clear"),
        ("le magasin de St Laurent est loin", "le magasin de St Laurent est loin"),
        ("spoke to Doc about it", "spoke to Doc about it"),
        ("all lower case: thanks to sarah", "all lower case: thanks to [name]"),
        ("laura from support was fantastic", "[name] from support was fantastic"),
        ("spoke to laura, then nurse jenny", "spoke to [name], then nurse [name]"),
        ("thanks to laura who sorted it", "thanks to [name] who sorted it"),
        ("thanks to laura and the team", "thanks to laura and the team"),  # weak cue alone
        ("love the victoria blue from the shop", "love the victoria blue from the shop"),
        ("paige jeans from support", "paige jeans from support"),  # a brand, not listed
        ("in florence at reception", "in florence at reception"),  # a place before a desk
        ("Très bien. Merci. Denise Palomo", "Très bien. Merci. [name]"),  # a signature
        ("A bientot. Chantal.", "A bientot. [name]."),
        ("Merci. Bonne Journée", "Merci. Bonne Journée"),  # no first name
        ("Thanks. Denise and the team were there", "Thanks. Denise and the team were there"),
    ],
)
def test_cues_and_look_alikes(text, masked):
    assert mask_staff_names(text) == masked


def test_masking_is_deterministic():
    text = "Marco from support was great, merci à Arnaud"
    assert (
        mask_staff_names(text)
        == mask_staff_names(text)
        == "[name] from support was great, merci à [name]"
    )
