"""The cluster cache: identical comments, vectors and settings reuse the earlier clusters."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from passives_lib import ThemeModel
from passives_lib.themes import _cluster_cache
from passives_lib.themes._cluster_cache import ClusterCache, cluster_key
from tests.themes.test_themes import corpus
from tests.tiny_embedding import TinyEncoder


def test_the_key_follows_texts_vectors_settings_and_every_theme_source(monkeypatch, tmp_path):
    vectors = np.arange(6, dtype=float).reshape(3, 2)
    key = cluster_key(["a", "b", "c"], vectors, {"seed": 1})
    assert key == cluster_key(["a", "b", "c"], vectors.copy(), {"seed": 1})
    assert key != cluster_key(["a", "b", "d"], vectors, {"seed": 1})
    assert key != cluster_key(["a", "b", "c"], vectors + 1e-3, {"seed": 1})
    assert key != cluster_key(["a", "b", "c"], vectors, {"seed": 2})
    assert key != cluster_key(["ab", "", "c"], vectors, {"seed": 1})  # texts are delimited
    package = Path(_cluster_cache.__file__).parent
    for source in [*package.glob("*.py"), *package.glob("*.yml")]:
        shutil.copy(source, tmp_path / source.name)
    monkeypatch.setattr(_cluster_cache._clustering, "__file__", str(tmp_path / "_clustering.py"))
    assert key == cluster_key(["a", "b", "c"], vectors, {"seed": 1})  # the same sources
    for changed in ("_clustering.py", "_tone.py", "_opinions.py", "issue_kinds.yml"):
        with (tmp_path / changed).open("a") as file:
            file.write("\n# changed\n")
        assert key != cluster_key(["a", "b", "c"], vectors, {"seed": 1}), changed
        key = cluster_key(["a", "b", "c"], vectors, {"seed": 1})


def test_stored_clusters_come_back_and_bad_files_are_ignored(tmp_path):
    cache = ClusterCache(tmp_path)
    assert cache.get("k", 3) is None
    cache.put("k", np.array([0, -1, 1]), "BERTopic UMAP + HDBSCAN")
    labels, method = cache.get("k", 3)
    assert labels.tolist() == [0, -1, 1] and method == "BERTopic UMAP + HDBSCAN"
    assert cache.get("k", 4) is None  # another number of comments
    (tmp_path / "clusters" / "k.npz").write_bytes(b"not a file numpy wrote")
    assert cache.get("k", 3) is None
    assert not list((tmp_path / "clusters").glob("*.tmp"))


def test_a_second_identical_fit_reuses_the_clusters_and_gives_the_same_themes(tmp_path):
    texts, _ = corpus(120)
    encoder = TinyEncoder()
    first = ThemeModel(embedding_model=encoder, cache_dir=tmp_path, cache_key="tiny").fit(texts)
    again = ThemeModel(embedding_model=encoder, cache_dir=tmp_path, cache_key="tiny").fit(texts)
    assert "Ward tree" in first.method_ and first.topic_model_ is None
    assert again.method_ == f"{first.method_} (from the cluster cache)"
    assert np.array_equal(again.labels_, first.labels_)
    pd.testing.assert_frame_equal(again.themes_, first.themes_)
    other = ThemeModel(embedding_model=encoder, cache_dir=tmp_path, cache_key="tiny", max_themes=6)
    assert "cluster cache" not in other.fit(texts).method_  # other settings: clustered anew
    assert len(list((tmp_path / "clusters").glob("*.npz"))) == 2
