"""Embedding on a Dask cluster, for exports too large for one machine.

:class:`DaskEncoder` wraps a local encoder: the batches are cut here exactly as the encoder
would cut them (:meth:`BatchedEncoder.batches`), grouped into tasks, and each worker embeds its
batches with its own copy of the encoder (loaded once per worker). The vectors are therefore the
same as a local run's, whatever the cluster.
"""

from __future__ import annotations

from typing import Any

import numpy as np

TASK_TEXTS = 2048  # texts per task: large enough to amortise scheduling, small enough to spread


class DaskEncoder:
    """An encoder whose batches run on a Dask cluster.

    Parameters
    ----------
    encoder : object
        The local encoder (a :class:`BatchedEncoder`, or anything with ``encode``).
    scheduler : str or distributed.Client
        Scheduler address (``tcp://host:8786``) or a connected client.
    task_texts : int
        About how many texts each task embeds.
    """

    def __init__(self, encoder: Any, scheduler: Any, task_texts: int = TASK_TEXTS) -> None:
        self.encoder = encoder
        self.scheduler = scheduler
        self.task_texts = task_texts
        self.name = getattr(encoder, "name", type(encoder).__name__)

    def groups(self, texts: list[str]) -> list[list[np.ndarray]]:
        """Positions of ``texts``: a list of batches per task."""
        if hasattr(self.encoder, "batches"):
            batches = self.encoder.batches(texts)
        else:
            batches = [np.arange(i, min(i + 256, len(texts))) for i in range(0, len(texts), 256)]
        groups: list[list[np.ndarray]] = [[]]
        size = 0
        for batch in batches:
            if size >= self.task_texts:
                groups.append([])
                size = 0
            groups[-1].append(batch)
            size += len(batch)
        return [g for g in groups if g]

    def encode(self, sentences: list[str], **_: Any) -> np.ndarray:
        """Embed texts on the cluster (float32, one row per text, in input order)."""
        from distributed import Client

        texts = list(sentences)
        groups = self.groups(texts)
        own = not isinstance(self.scheduler, Client)
        client = Client(self.scheduler) if own else self.scheduler
        try:
            shared = client.scatter(self.encoder, broadcast=True)
            tasks = [[[texts[i] for i in batch] for batch in group] for group in groups]
            results = client.gather(client.map(_encode_group, tasks, encoder=shared, pure=False))
        finally:
            if own:
                client.close()
        out: np.ndarray | None = None
        for group, vectors in zip(groups, results, strict=True):
            for batch, batch_vectors in zip(group, vectors, strict=True):
                if out is None:
                    out = np.zeros((len(texts), batch_vectors.shape[1]), dtype=np.float32)
                out[batch] = batch_vectors
        return out if out is not None else np.zeros((0, 0), dtype=np.float32)


def _encode_group(batches: list[list[str]], encoder: Any) -> list[np.ndarray]:
    run = getattr(encoder, "encode_batch", None) or encoder.encode
    return [np.asarray(run(batch), dtype=np.float32) for batch in batches]
