"""Token-budget batches: texts sorted by length, cut so that each batch pads to a bounded size.

A fixed number of texts per batch makes the batch that holds one long review pay for padding
every short comment beside it to that length. Sorting by length and cutting batches at a
budget of padded tokens (``batch rows x longest row``) keeps padding small for every backend.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from passives_lib.core._errors import InvalidParameterError

DEFAULT_TOKEN_BUDGET = 4096
MAX_BATCH_ROWS = 256


def token_budget_batches(
    lengths: Sequence[int],
    token_budget: int = DEFAULT_TOKEN_BUDGET,
    max_rows: int = MAX_BATCH_ROWS,
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
        longest = max(int(sizes[order[start]]), 1)
        rows = max(1, min(max_rows, token_budget // longest))
        batches.append(order[start : start + rows])
        start += rows
    return batches
