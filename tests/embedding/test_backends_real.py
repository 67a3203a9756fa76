"""The real backends on the bundled weights (slow: builds the ONNX model, loads torch)."""

import numpy as np
import pytest

from passives_lib.embedding._encoders import TorchEncoder, cpu_has_bf16
from passives_lib.embedding._onnx import (
    MIN_PROBE_COSINE,
    PROBE_TEXTS,
    ensure_onnx_int8,
    onnx_model_file,
    probe_fidelity,
)
from passives_lib.themes._model import ThemeModel

pytestmark = pytest.mark.slow

TEXTS = [
    "The delivery was two weeks late and nobody answered my emails.",
    "Lovely staff.",
    "Sizes are inconsistent between colours of the same top, very annoying when ordering online.",
    "Je reviendrai, bon accueil et bons conseils.",
    "ok",
]


@pytest.fixture(scope="module")
def onnx_built(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    lines = []
    encoder, probe = ensure_onnx_int8(cache, lines.append)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PASSIVES_MODEL_DIR", str(cache))  # where the install's model is kept
        yield cache, encoder, probe, lines


def _cosines(a, b):
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(axis=1)


def test_onnx_int8_is_built_once_with_progress_and_passes_the_probe(onnx_built):
    cache, encoder, probe, lines = onnx_built
    assert probe["mean_cosine"] >= MIN_PROBE_COSINE
    assert any("quantising" in line for line in lines)
    assert encoder.path.stat().st_size < 40e6  # int8: about 23 MB
    again = []
    second, same = ensure_onnx_int8(cache, again.append)
    assert again == [] and same == probe and second.path == encoder.path


def test_onnx_int8_model_has_plain_layer_norms(onnx_built):
    import onnx

    ops = [n.op_type for n in onnx.load(str(onnx_built[1].path)).graph.node]
    assert "SkipLayerNormalization" not in ops
    assert ops.count("LayerNormalization") == 12  # two per layer, six layers


def test_onnx_int8_vectors_are_close_to_torch(onnx_built):
    cosines = _cosines(onnx_built[1].encode(TEXTS), TorchEncoder().encode(TEXTS))
    assert cosines.mean() >= 0.98 and cosines.min() >= 0.95


@pytest.mark.skipif(not cpu_has_bf16(), reason="this CPU has no native bf16")
def test_bf16_vectors_are_close_to_torch():
    assert probe_fidelity(TorchEncoder(bf16=True), TorchEncoder())["min_cosine"] >= 0.999


def test_onnx_on_a_two_worker_cluster_equals_local(onnx_built):
    from distributed import LocalCluster

    from passives_lib.embedding._dask import DaskEncoder

    texts = TEXTS * 30 + [f"review {i}: fits well, colour as pictured" for i in range(60)]
    local = onnx_built[1].encode(texts)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False) as cluster:
        remote = DaskEncoder(onnx_built[1], cluster.scheduler_address, task_texts=64)
        assert np.array_equal(remote.encode(texts), local)


def test_theme_model_caches_vectors_per_backend(onnx_built):
    cache = onnx_built[0]
    texts = TEXTS * 2 + [f"late parcel {i}" for i in range(8)]
    model = ThemeModel(backend="onnx-int8", cache_dir=cache, n_themes=2).fit(texts)
    assert "onnx-int8" in model.embedding_backend_
    build = onnx_model_file(cache).stem  # the int8 model's build is part of the key
    assert (cache / f"embeddings-all-MiniLM-L6-v2-onnx-int8-{build}.npz").is_file()


def test_torch_gives_the_same_vectors_one_batch_at_a_time_or_side_by_side(monkeypatch):
    texts = TEXTS * 40 + [f"comment {i} about the delivery and the staff" for i in range(60)]
    side_by_side = TorchEncoder(token_budget=256)
    alone = TorchEncoder(token_budget=256)
    monkeypatch.setattr(alone, "workers", lambda: 1)
    monkeypatch.setattr(side_by_side, "workers", lambda: 2)
    # float32 sums may round differently with 1 or 2 threads in a matrix product
    assert np.abs(side_by_side.encode(texts) - alone.encode(texts)).max() < 1e-5


def _padded(texts):
    from passives_lib.embedding._batching import pad_batch
    from passives_lib.embedding._encoders import load_tokenizer

    return pad_batch([e.ids for e in load_tokenizer().encode_batch(texts)], 16)


def test_onnx_int8_vector_of_a_text_does_not_depend_on_its_batch(onnx_built):
    encoder = onnx_built[1]
    long = [" ".join(PROBE_TEXTS)]  # one: with the text it fits one batch of 512 padded tokens
    short = ["ok", "Lovely staff.", "no"]
    for text in TEXTS:  # the dynamic int8 model of the "fused-int8-perchannel" build fails both
        alone = encoder.encode([text])[0]
        assert np.array_equal(alone, encoder.encode([text, *long])[0])
        assert np.array_equal(alone, encoder.encode([*short, text])[len(short)])
