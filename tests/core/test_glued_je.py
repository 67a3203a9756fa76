"""French "je" glued to the next word is split again; French words and English text are kept."""

import pytest

from passives_lib.core import repair_glued_je
from passives_lib.core._glued_je import reads_as_french


@pytest.mark.parametrize(
    ("glued", "split"),
    [
        ("jesuis une inconditionnelle !", "je suis une inconditionnelle !"),
        ("jetrouve les prix élevés", "je trouve les prix élevés"),
        ("jesuis fan", "je suis fan"),  # a common verb form shows French by itself
        ("jen'ai pas trouvé et jene reviendrai pas", "je n'ai pas trouvé et je ne reviendrai pas"),
        ("jel'ai acheté, jem'étais trompé de rayon", "je l'ai acheté, je m'étais trompé de rayon"),
        ("jeai oublié le bon de réduction", "je ai oublié le bon de réduction"),
        ("jeprend de la graine pour lapin", "je prend de la graine pour lapin"),
        ("Jevoulais un rosier mais il est cher", "Je voulais un rosier mais il est cher"),
        ("jedois dire que le magasin est beau", "je dois dire que le magasin est beau"),
        ("jeveux et jepeux venir le samedi", "je veux et je peux venir le samedi"),
    ],
)
def test_glued_je_is_split(glued: str, split: str) -> None:
    assert repair_glued_je(glued) == split


@pytest.mark.parametrize(
    "text",
    [
        "les jeunes vendeurs et les jeux pour enfants sont très bien",  # French je- words
        "des jetons de caisse et des jeans, le jeudi",
        "il jetait les plantes et les jetées sont loin",
        "Jeanne est très aimable, merci",  # a first name
        "Jessie est à la caisse et elle est super",
        "I was jealous of the jewels in the shop",  # English
        "Love these jeans, the jersey is soft",
        "jeregret le petit coin café",  # no verb ending: left as it is
        "jen l'avais pas changé",  # "jen" alone
        "projet de jardin, déjà venu",  # "je" inside a word
        "Je suis venu et je trouve que le prix est bon",  # already apart
    ],
)
def test_words_names_english_and_unclear_forms_are_kept(text: str) -> None:
    assert repair_glued_je(text) == text


def test_reads_as_french_weighs_french_against_english_function_words() -> None:
    assert reads_as_french("le personnel est aimable")
    assert not reads_as_french("the staff is nice, de la part de Jo")
    assert not reads_as_french("")


def test_repair_is_idempotent() -> None:
    once = repair_glued_je("jesuis déçue, jen'ai pas trouvé ce que jecherchais")
    assert repair_glued_je(once) == once == "je suis déçue, je n'ai pas trouvé ce que je cherchais"
