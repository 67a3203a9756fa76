"""Token-budget batches: texts sorted by length, cut so that each batch pads to a bounded size.

A fixed number of texts per batch makes the batch that holds one long review pay for padding
every short comment beside it to that length. Sorting by length and cutting batches at a
budget of padded tokens (``batch rows x longest row``) keeps padding small for every backend.
A backend may also pad every batch to a multiple of a few tokens (:func:`padded_width`), so that
batch shapes repeat: torch with bf16 compiles a oneDNN kernel for each new shape.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from passives_lib.core import InvalidParameterError

DEFAULT_TOKEN_BUDGET = 4096
MAX_BATCH_ROWS = 256


def padded_width(longest: int, multiple: int = 1) -> int:
    """Width a batch whose longest text has ``longest`` tokens is padded to.

    Parameters
    ----------
    longest : int
        Tokens of the batch's longest text.
    multiple : int
        Round up to a multiple of this (1: no rounding).

    Returns
    -------
    int
        ``longest`` rounded up to ``multiple`` (at least 1).

    Examples
    --------
    >>> padded_width(37, 16), padded_width(37), padded_width(0, 8)
    (48, 37, 1)
    """
    if multiple < 1:
        raise InvalidParameterError(f"multiple must be positive, got {multiple}")
    return max(-(-int(longest) // multiple) * multiple, 1)


def pad_batch(
    token_ids: Sequence[Sequence[int]], multiple: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Token ids of one batch as a zero-padded ``int64`` matrix and its attention mask.

    Parameters
    ----------
    token_ids : sequence of sequence of int
        Each text's token ids (special tokens included).
    multiple : int
        Pad the width up to a multiple of this (see :func:`padded_width`).

    Returns
    -------
    tuple of (numpy.ndarray, numpy.ndarray)
        ``ids`` and ``mask`` (1 on real tokens, 0 on padding), both rows x width.

    Examples
    --------
    >>> ids, mask = pad_batch([[101, 7, 102], [101, 102]])
    >>> ids.tolist(), mask.tolist()
    ([[101, 7, 102], [101, 102, 0]], [[1, 1, 1], [1, 1, 0]])
    """
    lengths = np.fromiter((len(row) for row in token_ids), dtype=np.int64, count=len(token_ids))
    width = padded_width(int(lengths.max(initial=0)), multiple)
    mask = (np.arange(width)[None, :] < lengths[:, None]).astype(np.int64)
    ids = np.zeros_like(mask)
    if len(lengths):
        ids[mask.astype(bool)] = np.fromiter(
            (t for row in token_ids for t in row), dtype=np.int64, count=int(lengths.sum())
        )
    return ids, mask


def token_budget_batches(
    lengths: Sequence[int],
    token_budget: int = DEFAULT_TOKEN_BUDGET,
    max_rows: int = MAX_BATCH_ROWS,
    multiple: int = 1,
) -> list[np.ndarray]:
    """Split positions into length-sorted batches of at most ``token_budget`` padded tokens.

    Parameters
    ----------
    lengths : sequence of int
        Tokens of each text (after truncation).
    token_budget : int
        Most padded tokens per batch (rows times the longest row); a single text longer than
        the budget gets a batch of its own.
    max_rows : int
        Most texts per batch, however short.
    multiple : int
        Batches are padded to a multiple of this many tokens (:func:`padded_width`); the
        budget counts that padding.

    Returns
    -------
    list of numpy.ndarray
        Positions into ``lengths``, each batch sorted by length (longest first), ties in
        input order; every position appears exactly once. Same input, same batches.

    Examples
    --------
    >>> [b.tolist() for b in token_budget_batches([2, 9, 3, 8], token_budget=18)]
    [[1, 3], [2, 0]]
    """
    if token_budget < 1 or max_rows < 1:
        raise InvalidParameterError(
            f"token_budget and max_rows must be positive, got {token_budget} and {max_rows}"
        )
    sizes = np.asarray(lengths, dtype=np.int64).reshape(-1)
    order = np.argsort(-sizes, kind="stable")
    batches: list[np.ndarray] = []
    start = 0
    while start < len(order):
        longest = padded_width(int(sizes[order[start]]), multiple)
        rows = max(1, min(max_rows, token_budget // longest))
        batches.append(order[start : start + rows])
        start += rows
    return batches
