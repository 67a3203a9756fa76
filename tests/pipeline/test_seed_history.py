"""A first run with a small window learns its themes from the comments before it too.

:func:`passives_lib.pipeline._seed_history.history_before` picks the latest earlier comments;
:func:`passives_lib.pipeline.fit_themes` learns themes from them and the window together, then
fits the window alone anchored in those themes, so that every output describes the window. A
registry that knows themes already anchors the run instead, and the history is not read.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from passives_lib import ThemeModel
from passives_lib.pipeline import fit_themes, stable_themes
from passives_lib.pipeline._seed_history import history_before, seed_anchors
from tests.themes.test_opinion_memory import WEEK_1
from tests.tiny_embedding import TinyEncoder

HISTORY = WEEK_1 * 3  # staff praise, late parcels, and more of the same, twelve weeks ago
WINDOW = ["The staff were lovely and kind", "The parcel arrived late", "Parcel late again"]


def model() -> ThemeModel:
    return ThemeModel(embedding_model=TinyEncoder(), language="en", min_themes=2)


def responses(dates: list[str], comments: list[str], rows: list[int]) -> pd.DataFrame:
    return pd.DataFrame(
        {"responded_at": pd.to_datetime(dates), "comment": comments, "source_row": rows}
    )


def test_history_is_the_latest_earlier_comments_with_text_up_to_the_number_wanted():
    frame = responses(
        ["2026-01-05", "2026-01-05", "2026-01-12", "2026-01-19", "2026-03-02", "2026-03-03"],
        ["first", "second", "   ", "third", "window one", "after the window start"],
        [5, 3, 4, 2, 7, 6],
    )
    window = frame.iloc[4:]
    # same day: the file's order; blank comments are not comments; never the window itself
    assert history_before(frame, window, 5) == ["second", "first", "third"]
    assert history_before(frame, window, 4) == ["first", "third"]
    assert history_before(frame, window, 2) == []  # the window has two comments already
    assert history_before(frame, window, 0) == []
    assert history_before(frame, frame.iloc[:1], 9) == []  # nothing came before it


def test_a_small_window_takes_the_themes_learnt_with_its_history():
    seeded = fit_themes(model(), WINDOW, "2026-W20", None, history=HISTORY)
    assert len(seeded.labels_) == len(WINDOW)  # every output is the window's
    assert len(seeded.assignments()) == len(WINDOW)
    assert "anchored in" in seeded.method_

    whole = model().fit([*HISTORY, *WINDOW])  # the themes the history gives
    names = dict(zip(whole.themes_["theme_id"], whole.themes_["label"], strict=True))
    expected = [names[k] for k in whole.labels_[len(HISTORY) :]]
    got = dict(zip(seeded.themes_["theme_id"], seeded.themes_["label"], strict=True))
    assert [got[k] for k in seeded.labels_] == expected
    assert expected[1] == expected[2] != expected[0]  # parcels together, apart from staff


def test_seed_anchors_are_the_fitted_themes_and_the_memory_of_their_opinions():
    fitted = model()
    anchors, remembered = seed_anchors(fitted, WINDOW, HISTORY)
    themed = fitted.themes_[fitted.themes_["theme_id"] >= 0]
    assert anchors["anchor_id"].tolist() == themed["theme_id"].tolist()
    assert anchors["name"].tolist() == themed["label"].tolist()
    assert anchors["polarity"].tolist() == themed["polarity"].tolist()
    for anchor, centroid in zip(anchors["anchor_id"], anchors["centroid"], strict=True):
        assert np.allclose(centroid, fitted.centroids_[anchor])
    assert not remembered["opinion_key"].duplicated().any()
    mine = fitted.opinions_.drop_duplicates("opinion_key").set_index("opinion_key")["theme_id"]
    pairs = zip(remembered["opinion_key"], remembered["anchor_id"], strict=True)
    assert all(mine[key] == anchor for key, anchor in pairs)
    assert set(remembered["opinion_key"]) == set(mine[mine >= 0].index)


def test_a_registry_that_knows_themes_anchors_the_run_and_the_history_is_not_read(tmp_path):
    location = str(tmp_path / "ledger.sqlite")
    first = fit_themes(model(), WEEK_1, "2026-W19", location)
    stable_themes(first, "2026-W19", location, record=True)
    plain = fit_themes(model(), WINDOW, "2026-W20", location)
    with_history = fit_themes(model(), WINDOW, "2026-W20", location, history=["x y z"] * 50)
    assert with_history.method_ == plain.method_
    assert np.array_equal(with_history.labels_, plain.labels_)
    assert list(with_history.themes_["label"]) == list(plain.themes_["label"])
