import numpy as np
import pytest

from passives_lib.embedding._batching import pad_batch, padded_width, token_budget_batches


def test_every_position_once_longest_first_within_budget():
    rng = np.random.default_rng(0)
    lengths = rng.integers(3, 257, size=500).tolist()
    batches = token_budget_batches(lengths, token_budget=1024, max_rows=64)
    flat = np.concatenate(batches)
    assert sorted(flat.tolist()) == list(range(500))
    for batch in batches:
        widths = [lengths[i] for i in batch]
        assert widths == sorted(widths, reverse=True)
        assert len(batch) * max(widths) <= 1024 and len(batch) <= 64
    firsts = [lengths[b[0]] for b in batches]
    assert firsts == sorted(firsts, reverse=True)


def test_short_texts_share_a_batch_and_a_long_one_stands_alone():
    batches = token_budget_batches([300, 5, 5, 5], token_budget=256)
    assert [b.tolist() for b in batches] == [[0], [1, 2, 3]]


def test_same_input_same_batches_ties_in_input_order():
    lengths = [7, 7, 7, 3, 7]
    first = [b.tolist() for b in token_budget_batches(lengths, token_budget=14)]
    assert first == [[0, 1], [2, 4], [3]]
    assert first == [b.tolist() for b in token_budget_batches(lengths, token_budget=14)]


def test_no_texts_no_batches_and_bad_budget_is_an_error():
    assert token_budget_batches([]) == []
    with pytest.raises(ValueError, match="must be positive"):
        token_budget_batches([3], token_budget=0)


def test_padded_width_rounds_up_to_the_multiple():
    assert [padded_width(n, 16) for n in (1, 16, 17, 256)] == [16, 16, 32, 256]
    assert padded_width(37) == 37 and padded_width(0, 8) == 1
    with pytest.raises(ValueError, match="must be positive"):
        padded_width(5, 0)


def test_batches_count_the_rounded_width_against_the_budget():
    lengths = [20] * 10
    assert [len(b) for b in token_budget_batches(lengths, token_budget=100)] == [5, 5]
    rounded = token_budget_batches(lengths, token_budget=100, multiple=16)
    assert [len(b) for b in rounded] == [3, 3, 3, 1]  # 20 tokens pad to 32


def test_pad_batch_pads_with_zeros_and_masks_the_padding():
    ids, mask = pad_batch([[101, 5, 6, 102], [101, 102]], multiple=8)
    assert ids.dtype == mask.dtype == np.int64 and ids.shape == mask.shape == (2, 8)
    assert ids[0, :4].tolist() == [101, 5, 6, 102] and ids[1, :2].tolist() == [101, 102]
    assert mask.sum(axis=1).tolist() == [4, 2] and not ids[mask == 0].any()
    empty_ids, empty_mask = pad_batch([])
    assert empty_ids.shape == empty_mask.shape == (0, 1)
