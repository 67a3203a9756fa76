"""The ONNX encoder's sessions: one per batch running at once, opened once per encoder."""

import time

import numpy as np


class FakeSession:
    """An ONNX Runtime session stand-in that fails if two batches run on it at once."""

    def __init__(self):
        self.busy, self.batches = False, 0

    def run(self, _outputs, feed):
        assert not self.busy, "two batches ran on one session at once"
        self.busy = True
        time.sleep(0.01)  # long enough for the other thread to take the next batch
        self.busy, self.batches = False, self.batches + 1
        ids = feed["input_ids"].astype(float)
        return [np.repeat(ids[:, :, None], 4, axis=2) + np.arange(4)]


def test_onnx_batches_side_by_side_each_run_on_a_session_of_their_own(monkeypatch):
    from passives_lib.embedding._onnx import OnnxEncoder

    opened = []

    def open_session(self):
        opened.append(FakeSession())
        return opened[-1]

    monkeypatch.setattr(OnnxEncoder, "_open", open_session)
    monkeypatch.setattr(OnnxEncoder, "workers", lambda self: 2)
    texts = [f"comment number {i} " + "word " * (i % 7) for i in range(40)]
    encoder = OnnxEncoder("unused.onnx", token_budget=24)
    vectors = encoder.encode(texts)
    assert len(opened) == 2 and all(s.batches > 0 for s in opened)  # both, never at once
    encoder.encode(texts[:5])
    assert len(opened) == 2  # opened once per encoder, not per call
    alone = np.concatenate([encoder.encode_batch([t]) for t in texts])
    assert np.allclose(vectors, alone)
