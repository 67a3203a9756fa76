"""Choosing the embedding backend: what was asked, what this machine can run, and why.

``auto`` takes torch on a GPU when one is present; otherwise ONNX Runtime int8 when
``onnxruntime`` is installed and its model passes the probe check; otherwise torch with bf16
weights where the CPU computes bf16 natively; otherwise torch float32. An explicit backend
that cannot run here falls back to torch float32, and the choice says why.

Why int8 before bf16 on the CPU: measured side by side on 2,000 texts on a bf16 CPU, onnx-int8
embedded 142 docs/s against torch-bf16's 94 (1.5x; issue 24's review), at the same fidelity
on the human-coded NHS comments (NMI and held-out F1 within 0.005 of torch float32 for both,
``bench.theme_quality --backends-only``). torch-bf16's earlier lead came from an own BERT
forward that has since been removed.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from passives_lib.core import InvalidParameterError
from passives_lib.embedding._embed import DEFAULT_MODEL_NAME
from passives_lib.embedding._encoders import (
    BACKENDS,
    BatchedEncoder,
    TorchEncoder,
    cpu_has_bf16,
    gpu_available,
)


@dataclass
class BackendChoice:
    """The encoder chosen for a run.

    Attributes
    ----------
    encoder : BatchedEncoder
        The encoder.
    requested : str
        The configured backend (``auto`` ...).
    reason : str
        Why this one, in words (a fallback says what failed).
    """

    encoder: BatchedEncoder
    requested: str
    reason: str

    @property
    def name(self) -> str:
        """The backend that runs: ``torch``, ``torch-bf16``, ``torch-cuda`` or ``onnx-int8``."""
        return self.encoder.name

    def describe(self) -> str:
        """One line for the run's output and the report's method section."""
        return f"embedding backend: {self.name} ({self.reason})"


def choose_backend(
    backend: str = "auto",
    model_dir: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    has_bf16: bool | None = None,
    has_gpu: bool | None = None,
) -> BackendChoice:
    """The encoder for ``backend`` on this machine.

    Parameters
    ----------
    backend : {"auto", "torch", "torch-bf16", "onnx-int8"}
        What the configuration asks for.
    model_dir : str or Path, optional
        Where the ONNX model is built and kept; once per install by default
        (:func:`passives_lib.embedding._onnx.install_model_dir`).
    progress : callable, optional
        Receives the ONNX build's progress lines.
    has_bf16, has_gpu : bool, optional
        Override what is detected (tests).

    Returns
    -------
    BackendChoice
        The encoder, and why it was chosen.

    Raises
    ------
    ValueError
        If ``backend`` is not one of :data:`BACKENDS`.
    """
    if backend not in BACKENDS:
        raise InvalidParameterError(
            f"the embedding backend must be one of {BACKENDS}, got {backend!r}"
        )
    bf16 = cpu_has_bf16() if has_bf16 is None else has_bf16
    gpu = gpu_available() if has_gpu is None else has_gpu
    if backend == "torch":
        return BackendChoice(TorchEncoder(), backend, "as configured")
    if backend == "auto" and gpu:
        return BackendChoice(TorchEncoder(device="cuda"), backend, "auto: a GPU is present")
    if backend == "torch-bf16":
        return _bf16(backend, bf16)
    choice = _onnx_int8(backend, model_dir, progress)
    if backend == "auto" and bf16 and choice.name == "torch":
        return _bf16(f"auto ({choice.reason})", bf16)
    return choice


def _bf16(backend: str, bf16: bool) -> BackendChoice:
    if bf16:
        return BackendChoice(TorchEncoder(bf16=True), backend, f"{backend}: CPU has native bf16")
    return _torch("torch-bf16", "this CPU has no native bf16 (avx512_bf16 or amx_bf16)")


def _onnx_int8(
    backend: str, model_dir: str | Path | None, progress: Callable[[str], None] | None
) -> BackendChoice:
    if importlib.util.find_spec("onnxruntime") is None:
        return _torch(backend, "onnxruntime is not installed")
    from passives_lib.embedding._onnx import ensure_onnx_int8

    try:
        encoder, probe = ensure_onnx_int8(model_dir, progress)
    except Exception as exc:  # any build or check failure means: run torch instead
        return _torch(backend, f"the ONNX int8 model could not be used: {exc}")
    cosine = probe["mean_cosine"]
    return BackendChoice(encoder, backend, f"{backend}: probe mean cosine to torch {cosine:.3f}")


def _torch(requested: str, why: str) -> BackendChoice:
    return BackendChoice(TorchEncoder(), requested, f"{requested} not used: {why}; torch float32")


def encoder_for(
    injected: Any,
    backend: str,
    dask_scheduler: Any,
) -> tuple[Any, str]:
    """The encoder a :class:`ThemeModel` embeds with, and a line saying which it is.

    Parameters
    ----------
    injected : object or None
        An encoder passed in by the caller; used as it is when given.
    backend : str
        The configured backend when nothing is injected (see :func:`choose_backend`).
    dask_scheduler : str or distributed.Client, optional
        Run the batches on this Dask cluster.

    Returns
    -------
    tuple of (object, str)
        The encoder and its description.
    """
    if injected is not None:
        encoder, line = injected, f"embedding backend: {type(injected).__name__} (injected)"
    else:
        choice = choose_backend(backend)
        encoder, line = choice.encoder, choice.describe()
    if dask_scheduler:
        if importlib.util.find_spec("distributed") is None:
            raise InvalidParameterError(
                "themes.dask_scheduler needs Dask's distributed scheduler, which is an extra: "
                f"pip install 'passives[dask]' (found scheduler {str(dask_scheduler)!r} and "
                "no 'distributed' package)"
            )
        from passives_lib.embedding._dask import DaskEncoder

        encoder = DaskEncoder(encoder, dask_scheduler)
        line += f", batches on the Dask cluster at {dask_scheduler}"
    return encoder, line


def cache_name(encoder: Any) -> str:
    """The embedding-cache key of a backend's vectors (``torch`` keeps the historical key).

    A backend built from the weights (the ONNX int8 model) adds its build's file name, so the
    vectors of an older build are never mixed with a newer one's. A Dask runner takes the key
    of the encoder it runs, so vectors computed on a cluster and locally share one key.
    """
    local = getattr(encoder, "encoder", None)  # the encoder a DaskEncoder runs on its workers
    if local is not None:
        return cache_name(local)
    name = getattr(encoder, "name", "torch")
    if name == "torch":
        return DEFAULT_MODEL_NAME
    build = getattr(encoder, "path", None)
    return f"{DEFAULT_MODEL_NAME}-{name}" + (f"-{Path(build).stem}" if build else "")
