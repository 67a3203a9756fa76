"""UMAP's compiled code is kept on disk, so a second process does not compile it again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from passives_lib.themes._jit_cache import cache_umap_compilation

_FIT_AND_REPORT = """
import json, numpy as np
from passives_lib.themes._clustering import default_reducer
from passives_lib.themes import _jit_cache
kept = _jit_cache.cache_umap_compilation()
import umap.layouts as layouts
points = np.random.default_rng(0).normal(size=(120, 8))
points /= np.linalg.norm(points, axis=1, keepdims=True)
layout = default_reducer(points, 42, 20).fit_transform(points)
stats = layouts._nb_optimize_layout_euclidean_single_epoch.stats
print(json.dumps({"kept": list(kept), "hits": sum(stats.cache_hits.values()),
                  "misses": sum(stats.cache_misses.values()), "layout": layout.tolist()}))
"""


def test_umap_layout_functions_are_cached_once_asked():
    kept = cache_umap_compilation()
    assert "umap.layouts._nb_optimize_layout_euclidean_single_epoch" in kept
    assert "umap.umap_.smooth_knn_dist" in kept
    import umap.layouts

    cache = umap.layouts._nb_optimize_layout_euclidean_single_epoch._cache
    assert type(cache).__name__ == "FunctionCache"
    assert cache_umap_compilation() == kept  # once per process


@pytest.mark.slow
def test_a_second_process_loads_the_compiled_layout_and_gets_the_same_result(tmp_path):
    env = os.environ | {"NUMBA_CACHE_DIR": str(tmp_path)}

    def run() -> dict:
        done = subprocess.run(
            [sys.executable, "-c", _FIT_AND_REPORT], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    first, second = run(), run()
    assert first["misses"] >= 1 and first["hits"] == 0  # compiled, and stored
    assert any(tmp_path.rglob("*.nbi"))
    assert second["hits"] >= 1 and second["misses"] == 0  # loaded, not compiled
    assert second["layout"] == first["layout"]


@pytest.mark.slow
def test_compiled_code_goes_to_the_project_cache_never_into_the_installed_package(tmp_path):
    import umap

    installed = Path(umap.__file__).parent
    before = {p: p.stat().st_mtime for p in installed.rglob("*.nb[ci]")}
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", _FIT_AND_REPORT], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert any((tmp_path / "passives" / "numba").rglob("*.nbi"))
    after = {p: p.stat().st_mtime for p in installed.rglob("*.nb[ci]")}
    assert after == before  # nothing written or rewritten next to UMAP's sources
