"""The texts the theme model reads: stripped, missing as empty, misread and glued words repaired."""

import math

from passives_lib.themes._model_checks import as_texts


def test_as_texts_repairs_code_page_and_glued_je_and_blanks_missing_values():
    comments = [
        "  jetrouve les employ\u201as tr\u00e8s aimables ",
        None,
        math.nan,
        "les jeunes vendeurs sont l\u00e0",
        "Great jeans",
    ]
    assert as_texts(comments) == [
        "je trouve les employés très aimables",
        "",
        "",
        "les jeunes vendeurs sont là",
        "Great jeans",
    ]
