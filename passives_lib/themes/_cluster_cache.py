"""Clusters kept between runs: the same comments, vectors and settings give the same groups.

Clustering is deterministic (see :mod:`passives_lib.themes._clustering`), so a run on exactly
the comments of an earlier one (a report run again with another capacity or profile, the
explorer opened on the week the report just read) need not cluster them again: UMAP and
HDBSCAN, their just-in-time compilation and BERTopic's own start-up are most of a fit once the
embeddings are cached. The key is a hash of the distinct comments, their vectors (so the
embedding backend and model are part of it), the clustering settings, the sources of the
theme code (:func:`code_digest`: opinion units, tone rules, trees and cuts all decide the
clusters) and the versions of the libraries that cluster; anything else gives another key.

Each result is one small ``.npz`` file in the embedding cache's folder (``clusters/``), written
to a temporary file that replaces the old one atomically; a file that cannot be read is
ignored and written again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from passives_lib.themes import _clustering

_LIBRARIES = ("umap-learn", "hdbscan", "bertopic", "scikit-learn", "numpy")


def cluster_key(texts: list[str], vectors: np.ndarray, settings: dict[str, Any]) -> str:
    """The cache key of one clustering.

    Parameters
    ----------
    texts : list of str
        The distinct comments clustered, in their order.
    vectors : numpy.ndarray
        Their embeddings.
    settings : dict
        The clustering's parameters (JSON-serialisable values).

    Returns
    -------
    str
        A hex SHA-256 digest.

    Examples
    --------
    >>> vectors = np.eye(2)
    >>> cluster_key(["a", "b"], vectors, {"seed": 1}) == cluster_key(["a", "b"], vectors,
    ...                                                               {"seed": 1})
    True
    >>> cluster_key(["a", "b"], vectors, {"seed": 1}) == cluster_key(["a", "b"], vectors,
    ...                                                               {"seed": 2})
    False
    """
    digest = hashlib.sha256()
    context = {
        "settings": settings,
        "code": code_digest(Path(_clustering.__file__).parent),
        "versions": {name: _version(name) for name in _LIBRARIES},
    }
    digest.update(json.dumps(context, sort_keys=True, default=str).encode())
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass") + b"\x00")
    array = np.ascontiguousarray(vectors, dtype=np.float32)
    digest.update(str(array.shape).encode())
    digest.update(array.tobytes())
    return digest.hexdigest()


def code_digest(folder: Path) -> str:
    """A hash of the theme code's sources (every ``.py`` and ``.yml`` file of ``folder``).

    Opinion units, their tone, the trees and the cuts all decide the clusters, so a change to
    any of them gives another key (a cached result of older code is never served).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "_tone.py").write_text("NEGATIVE = 0.05")
    >>> before = code_digest(folder)
    >>> _ = (folder / "_tone.py").write_text("NEGATIVE = 0.10")
    >>> before == code_digest(folder)
    False
    """
    digest = hashlib.sha256()
    for path in sorted([*folder.glob("*.py"), *folder.glob("*.yml")]):
        digest.update(path.name.encode() + b"\x00" + path.read_bytes() + b"\x00")
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


class ClusterCache:
    """Cluster labels and the method that found them, one file per key.

    Parameters
    ----------
    folder : str or Path
        The embedding cache's folder; files go in its ``clusters`` subfolder.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder) / "clusters"

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.npz"

    def get(self, key: str, rows: int) -> tuple[np.ndarray, str] | None:
        """The labels and method stored under ``key``, if a whole file of ``rows`` labels is there.

        Parameters
        ----------
        key : str
            From :func:`cluster_key`.
        rows : int
            The number of comments clustered (a file of another length is not used).

        Returns
        -------
        tuple of (numpy.ndarray, str), or None
            None when nothing usable is stored.
        """
        path = self._path(key)
        if not path.is_file():
            return None
        try:
            with np.load(path, allow_pickle=False) as data:
                labels, method = data["labels"].astype(int), str(data["method"])
        except (OSError, ValueError, KeyError):
            return None
        return (labels, method) if labels.shape == (rows,) else None

    def put(self, key: str, labels: np.ndarray, method: str) -> None:
        """Store a clustering under ``key`` (atomically; the folder is created if needed)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".npz.tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez(stream, labels=np.asarray(labels, dtype=np.int32), method=np.array(method))
            os.replace(temporary, self._path(key))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
