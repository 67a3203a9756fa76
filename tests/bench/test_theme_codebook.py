"""The codebook bench: each codebook theme's share, word support, precision and recall."""

import numpy as np
import pytest

from bench.theme_codebook import CODEBOOKS, fitted, theme_rows
from passives_lib import ThemeModel
from tests.conftest import shared_file
from tests.themes.test_codebook_anchors import WEEK
from tests.tiny_embedding import TinyEncoder

BOOK = {
    "late parcels": (("parcel arrived late", "late parcel"), "Late"),
    "barking dogs": (("the dog barked at the moon",), None),
}


def model() -> ThemeModel:
    return ThemeModel(embedding_model=TinyEncoder(), language="en", min_themes=2)


def test_a_codebook_theme_is_scored_against_its_human_code():
    parcel = np.array(["arcel" in text for text in WEEK])
    codes = np.stack([parcel, ~parcel], axis=1).astype(int)
    codes[0, 0] = 0  # one parcel comment the coders filed elsewhere
    fit = fitted(WEEK, BOOK, seen=False, theme_model=model())
    late, dogs = theme_rows(fit, BOOK, codes, ["Late", "Other"])
    assert late["theme"] == "late parcels" and late["share"] == parcel.mean()
    assert late["uses_words"] == 1.0  # every opinion says "parcel" or "late"
    assert late["precision"] == (parcel.sum() - 1) / parcel.sum() and late["recall"] == 1.0
    assert dogs["share"] == 0.0 and np.isnan(dogs["uses_words"]) and "precision" not in dogs


@pytest.mark.integration
def test_every_set_has_a_codebook_whose_codes_exist():
    from bench._common import labelled_fft

    shared_file("nhs_fft_themes/v6framework_230831.csv")  # skips without ../shared

    columns = list(labelled_fft()[3])
    assert set(CODEBOOKS) == {"fft", "clothing", "garden"}
    assert all(code in columns for _, code in CODEBOOKS["fft"].values())
