"""A theme mixing praise and complaint about one subject is split in two."""

import numpy as np

from passives_lib import ThemeModel
from passives_lib.themes._polarity import split_mixed_themes
from tests.tiny_embedding import TinyEncoder


def test_only_clearly_mixed_themes_large_enough_are_split():
    labels = np.array([0] * 8 + [1] * 8)
    tone = np.array([0.8] * 3 + [-0.8] * 5 + [0.8] * 1 + [-0.8] * 7)
    out = split_mixed_themes(labels, tone, np.ones(16), min_size=3, max_themes=5)
    assert out.tolist() == [2] * 3 + [0] * 5 + [1] * 8  # theme 1 has too little praise
    assert (split_mixed_themes(labels, tone, np.ones(16), 4, 5) == labels).all()  # too small
    assert (split_mixed_themes(labels, tone, np.ones(16), 3, 2) == labels).all()  # no room


def test_slow_and_fast_broadband_end_up_in_different_themes():
    slow = [f"broadband connection speed is terrible and awful {i}" for i in range(60)]
    fast = [f"broadband connection speed is great and excellent {i}" for i in range(60)]
    other = [f"invoice billing statement download pdf {i}" for i in range(60)]
    model = ThemeModel(embedding_model=TinyEncoder(), min_themes=2, random_state=1)
    labels = model.fit(slow + fast + other).labels_
    assert not set(labels[:60]) & set(labels[60:120])
    assert not ThemeModel(embedding_model=TinyEncoder(), split_mixed=False).split_mixed


def test_no_theme_holds_opinions_of_two_polarity_groups():
    # Many complaints about late parcels, praise about staff, and a few praises of the
    # parcels themselves: too few for a theme of their own, and nearer the late-parcel
    # centre than the staff one. Settled within their polarity they join the staff praise;
    # settled on the nearest centre of any polarity they would join the complaints.
    late = [f"parcel courier tracking arrived terrible awful late n{i}" for i in range(40)]
    staff = [f"staff agent kind lovely patient excellent n{i}" for i in range(40)]
    quick = [f"parcel courier tracking arrived excellent n{i}" for i in range(3)]
    model = ThemeModel(embedding_model=TinyEncoder(), n_themes=2, random_state=1)
    opinions = model.fit(late + staff + quick).opinions_
    group = {"praise": 0, "complaint": 1, "suggestion": 1, "neutral": 1}
    themed = opinions[opinions["theme_id"] >= 0]
    mixes = themed.groupby("theme_id")["polarity"].agg(lambda p: {group[x] for x in p})
    assert (mixes.str.len() == 1).all(), mixes.to_dict()
    assert set(opinions.loc[opinions["row"] >= 80, "polarity"]) == {"praise"}
