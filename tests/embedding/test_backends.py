import json
import os
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from passives_lib.config import load_config
from passives_lib.core._errors import ConfigError
from passives_lib.embedding import _encoders
from passives_lib.embedding._backend import cache_name, choose_backend, encoder_for
from passives_lib.embedding._encoders import (
    BatchedEncoder,
    cpu_has_bf16,
    mean_pool,
    release_free_memory,
    token_lengths,
)
from passives_lib.embedding._onnx import onnx_model_file
from passives_lib.pipeline._theme_run import model_from_config
from passives_lib.themes._model import ThemeModel
from tests.python_probe import probe_output
from tests.tiny_embedding import TinyEncoder

FLAGS = "processor\t: 0\nflags\t\t: fpu sse2 avx2 {}\n"


class Recorder(BatchedEncoder):
    """Batches as the real backends cut them; each vector is the tiny encoder's."""

    name = "recorder"

    def __init__(self, token_budget=64):
        super().__init__(token_budget)
        self.calls = []
        self.tiny = TinyEncoder(dimension=16)

    def encode_batch(self, texts, token_ids=None):
        self.calls.append(list(texts))
        return self.tiny.encode(texts)


class ThreadRecorder(Recorder):
    """A recorder that runs batches side by side and notes the threads and the setup."""

    def __init__(self, workers, token_budget=16):
        super().__init__(token_budget)
        self.n_workers, self.threads, self.setups = workers, set(), []

    def workers(self):
        return self.n_workers

    @contextmanager
    def running_in_parallel(self, workers):
        self.setups.append(workers)
        yield

    def encode_batch(self, texts, token_ids=None):
        self.threads.add(threading.get_ident())
        time.sleep(0.01)  # long enough for the other thread to take the next batch
        return super().encode_batch(texts, token_ids)


def test_cpu_bf16_is_read_from_the_flags():
    assert cpu_has_bf16(FLAGS.format("avx512_bf16"))
    assert cpu_has_bf16(FLAGS.format("amx_bf16 amx_tile"))
    assert not cpu_has_bf16(FLAGS.format("avx512f"))
    assert not cpu_has_bf16("")


def test_batched_encode_keeps_input_order_and_the_token_budget():
    texts = ["short", "a much longer comment about the late delivery " * 4, "mid length text"]
    texts += [f"comment number {i}" for i in range(20)]
    encoder = Recorder(token_budget=64)
    vectors = encoder.encode(texts)
    assert np.array_equal(vectors, TinyEncoder(dimension=16).encode(texts))
    for call in encoder.calls:
        assert len(call) * max(token_lengths(call)) <= 64 or len(call) == 1
    assert sorted(t for call in encoder.calls for t in call) == sorted(texts)


def test_batches_run_side_by_side_and_the_result_keeps_input_order():
    texts = [f"comment number {i} " + "word " * (i % 5) for i in range(30)]
    alone, side_by_side = ThreadRecorder(1), ThreadRecorder(2)
    expected = TinyEncoder(dimension=16).encode(texts)
    assert np.array_equal(alone.encode(texts), expected)
    assert np.array_equal(side_by_side.encode(texts), expected)
    assert len(alone.threads) == 1 and len(side_by_side.threads) == 2
    assert alone.setups == [1] and side_by_side.setups == [2]
    assert sorted(map(sorted, side_by_side.calls)) == sorted(map(sorted, alone.calls))


def test_cpu_backends_run_one_batch_per_core_and_torch_gives_its_threads_back(monkeypatch):
    import torch

    monkeypatch.setattr(_encoders, "cpu_cores", lambda: 16)
    assert _encoders.cpu_workers() == _encoders.MAX_WORKERS
    monkeypatch.setattr(_encoders, "cpu_cores", lambda: 2)
    encoder = _encoders.TorchEncoder()
    assert encoder.workers() == 2 and _encoders.TorchEncoder(device="cuda").workers() == 1
    before = torch.get_num_threads()
    with encoder.running_in_parallel(2):
        assert torch.get_num_threads() == max(1, before // 2)
    assert torch.get_num_threads() == before


def test_cpu_cores_counts_the_cores_this_process_may_use():
    assert 1 <= _encoders.cpu_cores() <= os.cpu_count()


def test_freed_memory_is_given_back_after_every_batch(monkeypatch):
    released = []
    monkeypatch.setattr(_encoders, "release_free_memory", lambda: released.append(1))
    encoder = Recorder(token_budget=16)
    encoder.encode([f"comment number {i}" for i in range(12)])
    assert len(released) == len(encoder.calls) > 1


_TRIM_PROBE = """
import os
from passives_lib.embedding._encoders import release_free_memory
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
blocks, pins = [], []
for _ in range(3000):
    blocks.append(bytearray(60_000))  # from the heap, below glibc's mmap threshold
    pins.append(bytearray(600))  # kept: each freed block sits between live ones
del blocks
freed = rss()
asked = release_free_memory()
print(asked, freed - rss())
"""


@pytest.mark.skipif(not Path("/proc/self/statm").is_file(), reason="needs Linux's /proc")
def test_release_free_memory_gives_freed_heap_memory_back_to_the_system():
    asked, given_back_mb = " ".join(probe_output(_TRIM_PROBE)).split()
    if asked == "False":
        pytest.skip("no glibc malloc_trim here")
    assert float(given_back_mb) > 100  # about 170 MB of freed 60 KB blocks


def test_release_free_memory_works_or_says_it_cannot(monkeypatch):
    assert isinstance(release_free_memory(), bool)
    monkeypatch.setattr(_encoders, "_malloc_trim", lambda: None)
    assert release_free_memory() is False


def test_mean_pool_averages_real_tokens_only_and_normalises():
    hidden = np.zeros((2, 3, 2), dtype=np.float32)
    hidden[0] = [[3, 0], [1, 0], [50, 50]]  # the last token is padding
    hidden[1] = [[0, 2], [0, 4], [0, 6]]
    mask = np.array([[1, 1, 0], [1, 1, 1]], dtype=np.int64)
    pooled = mean_pool(hidden, mask)
    assert pooled.dtype == np.float32
    assert np.allclose(pooled, [[1, 0], [0, 1]])
    assert np.array_equal(mean_pool(hidden, np.zeros_like(mask)), np.zeros((2, 2)))


def test_encode_tokenises_once_and_batches_match_encode_batch():
    class Lengths(BatchedEncoder):
        width_multiple = 8

        def __init__(self):
            super().__init__(token_budget=64)
            self.shapes = []

        def encode_tokens(self, ids, mask):
            self.shapes.append(ids.shape)
            return np.stack([ids.sum(axis=1), mask.sum(axis=1)], axis=1).astype(np.float32)

    texts = [f"comment number {i} " + "word " * (i % 7) for i in range(15)]
    encoder = Lengths()
    vectors = encoder.encode(texts)
    assert vectors[:, 1].tolist() == token_lengths(texts)
    assert all(width % 8 == 0 and rows * width <= 64 for rows, width in encoder.shapes)
    for batch in encoder.batches(texts):
        alone = encoder.encode_batch([texts[i] for i in batch])
        assert np.array_equal(alone, vectors[batch])


def test_token_lengths_count_special_tokens_and_truncate():
    short, long = token_lengths(["hello", "word " * 1000])
    assert short == 3  # [CLS] hello [SEP]
    assert long == 256


def test_explicit_torch_and_auto_on_each_kind_of_machine():
    assert choose_backend("torch").name == "torch"
    assert choose_backend("auto", has_gpu=True).name == "torch-cuda"


def test_auto_on_a_bf16_cpu_takes_int8_first_and_bf16_when_int8_cannot_run(tmp_path, monkeypatch):
    assert choose_backend("auto", has_bf16=True, has_gpu=False).name == "onnx-int8"
    monkeypatch.setenv("PASSIVES_MODEL_DIR", str(tmp_path))
    _failing_probe(tmp_path)
    bf16 = choose_backend("auto", has_bf16=True, has_gpu=False)
    assert bf16.name == "torch-bf16" and "native bf16" in bf16.describe()
    assert "at least 0.98" in bf16.describe()  # why int8 was not taken


def _failing_probe(model_dir):
    target = onnx_model_file(model_dir)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"")
    probe = {"mean_cosine": 0.9, "min_cosine": 0.5}
    target.with_suffix(".probe.json").write_text(json.dumps(probe))


def test_auto_without_bf16_or_gpu_takes_the_onnx_model_of_the_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PASSIVES_MODEL_DIR", str(tmp_path))
    _failing_probe(tmp_path)  # a model that fails its probe, so nothing is built here
    choice = choose_backend("auto", has_bf16=False, has_gpu=False)
    assert choice.name == "torch" and "at least 0.98, got 0.9000" in choice.reason


def test_the_onnx_model_is_kept_once_per_install_not_per_run(tmp_path, monkeypatch):
    from passives_lib.embedding._onnx import install_model_dir

    monkeypatch.delenv("PASSIVES_MODEL_DIR", raising=False)
    assert install_model_dir() == Path(sys.prefix) / "share" / "passives" / "models"
    assert onnx_model_file().parent == install_model_dir() / "onnx"
    monkeypatch.setenv("PASSIVES_MODEL_DIR", str(tmp_path))
    assert onnx_model_file().parent == tmp_path / "onnx"


def test_bf16_is_refused_on_a_cpu_without_it():
    choice = choose_backend("torch-bf16", has_bf16=False, has_gpu=False)
    assert choice.name == "torch"
    assert "no native bf16" in choice.reason


def test_an_onnx_model_below_the_probe_threshold_falls_back_to_torch(tmp_path):
    _failing_probe(tmp_path)
    choice = choose_backend("onnx-int8", tmp_path, has_bf16=False, has_gpu=False)
    assert choice.name == "torch"
    assert "at least 0.98, got 0.9000" in choice.reason


def test_a_failed_onnx_build_falls_back_and_says_why(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    choice = choose_backend("onnx-int8", blocker, has_bf16=False, has_gpu=False)
    assert choice.name == "torch"
    assert "could not be used" in choice.reason


def test_unknown_backend_is_an_error():
    with pytest.raises(ValueError, match="must be one of"):
        choose_backend("tpu")


def test_cache_keys_keep_backends_apart():
    assert cache_name(choose_backend("torch").encoder) == "all-MiniLM-L6-v2"
    assert cache_name(choose_backend("torch-bf16", has_bf16=True).encoder) == (
        "all-MiniLM-L6-v2-torch-bf16"
    )
    on_gpu = _encoders.TorchEncoder(bf16=True, device="cuda")
    assert cache_name(on_gpu) == "all-MiniLM-L6-v2-torch-bf16"
    assert cache_name(Recorder()) == "all-MiniLM-L6-v2-recorder"
    built = Recorder()
    built.name, built.path = "onnx-int8", "/cache/onnx/all-MiniLM-L6-v2-fused-int8-x.onnx"
    assert cache_name(built) == "all-MiniLM-L6-v2-onnx-int8-all-MiniLM-L6-v2-fused-int8-x"


def test_a_dask_runner_shares_the_cache_key_of_the_encoder_it_runs():
    from passives_lib.embedding._dask import DaskEncoder

    built = Recorder()
    built.name, built.path = "onnx-int8", "/cache/onnx/all-MiniLM-L6-v2-fused-int8-x.onnx"
    for local in (built, _encoders.TorchEncoder(bf16=True), _encoders.TorchEncoder()):
        assert cache_name(DaskEncoder(local, scheduler=None)) == cache_name(local)


def test_injected_encoder_is_used_as_given():
    tiny = TinyEncoder()
    encoder, line = encoder_for(tiny, "onnx-int8", None)
    assert encoder is tiny and "injected" in line


def test_theme_model_records_its_backend_and_keeps_the_sklearn_api():
    texts = [f"late delivery number {i}" for i in range(15)]
    texts += [f"friendly helpful staff {i}" for i in range(15)]
    model = ThemeModel(embedding_model=TinyEncoder(), backend="torch", random_state=1)
    labels = model.fit_predict(texts)
    assert "TinyEncoder (injected)" in model.embedding_backend_
    assert np.array_equal(labels, model.labels_)
    assert np.array_equal(model.predict(texts[:3]), model.transform(texts[:3]))
    vectors = TinyEncoder().encode(texts)
    given = ThemeModel(random_state=1).fit(texts, None, embeddings=vectors)
    assert np.array_equal(given.labels_, labels)
    assert "embeddings given" in given.embedding_backend_
    assert ThemeModel().get_params()["backend"] == "auto"


def test_config_backend_and_scheduler_reach_the_model(tmp_path):
    path = tmp_path / "config.yml"
    path.write_text("themes:\n  backend: onnx-int8\n  dask_scheduler: tcp://10.0.0.5:8786\n")
    model = model_from_config(load_config(path))
    assert (model.backend, model.dask_scheduler) == ("onnx-int8", "tcp://10.0.0.5:8786")
    assert model_from_config(load_config(None)).backend == "auto"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("themes:\n  backend: gpu\n", "themes.backend must be one of auto, torch"),
        ("themes:\n  dask_scheduler: localhost\n", "themes.dask_scheduler must be a scheduler"),
    ],
)
def test_config_rejects_unknown_backend_and_bad_scheduler(tmp_path, body, message):
    path = tmp_path / "config.yml"
    path.write_text(body)
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_the_encoder_is_chosen_again_after_set_params():
    model = ThemeModel(embedding_model=TinyEncoder())
    first = model._encoder()
    assert model._encoder() is first
    other = TinyEncoder(seed=5)
    model.set_params(embedding_model=other)
    assert model._encoder() is other
    model.set_params(embedding_model=None, backend="torch")
    assert model._encoder().name == "torch" and "as configured" in model.embedding_backend_


def test_the_theme_run_says_which_backend_embedded(tmp_path):
    from passives_lib.pipeline._theme_run import run_themes

    table = tmp_path / "table.csv"
    rows = [f"late delivery {i}" for i in range(6)] + [f"kind staff {i}" for i in range(6)]
    table.write_text("review\n" + "\n".join(rows) + "\n")
    run = run_themes(table, text_column="review", model=ThemeModel(embedding_model=TinyEncoder()))
    assert run.notes[1] == "embedding backend: TinyEncoder (injected)"


def test_a_dask_scheduler_without_dask_installed_says_which_extra_to_install(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name)
    )
    with pytest.raises(ValueError, match=r"pip install 'passives\[dask\]'"):
        encoder_for(Recorder(), "auto", "tcp://127.0.0.1:8786")


def torch_that_sees_a_gpu(asked: list) -> type:
    """Stands in for torch on a GPU machine (none here): it records being asked."""

    class Cuda:
        @staticmethod
        def is_available():
            asked.append(True)
            return True

    return type("torch", (), {"cuda": Cuda})


def test_without_a_gpu_driver_the_gpu_check_imports_no_torch(monkeypatch):
    """A CPU machine learns there is no GPU without the 3 s torch import."""
    asked = []
    monkeypatch.setattr(_encoders.os.path, "exists", lambda path: False)
    monkeypatch.setattr(_encoders.sys, "platform", "linux")
    monkeypatch.setitem(sys.modules, "torch", torch_that_sees_a_gpu(asked))
    assert _encoders.gpu_available() is False and asked == []


def test_with_a_gpu_driver_torch_is_asked(monkeypatch):
    asked = []
    monkeypatch.setattr(_encoders.os.path, "exists", lambda path: path == "/dev/nvidiactl")
    monkeypatch.setattr(_encoders.sys, "platform", "linux")
    monkeypatch.setitem(sys.modules, "torch", torch_that_sees_a_gpu(asked))
    assert _encoders.gpu_available() is True and asked == [True]
