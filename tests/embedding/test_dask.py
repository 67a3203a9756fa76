import numpy as np
import pytest

from passives_lib.embedding._dask import DaskEncoder
from passives_lib.embedding._embed import embed_texts
from tests.embedding.test_backends import Recorder
from tests.tiny_embedding import TinyEncoder

TEXTS = [f"comment {i} about {'delivery ' * (i % 7)}and staff" for i in range(120)]


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as local:
        yield local


def test_batches_on_two_workers_equal_the_local_vectors(cluster):
    local = Recorder(token_budget=96).encode(TEXTS)
    remote = DaskEncoder(Recorder(token_budget=96), cluster.scheduler_address, task_texts=20)
    assert len(remote.groups(TEXTS)) > 2  # spread over several tasks
    assert np.array_equal(remote.encode(TEXTS), local)
    assert remote.name == "recorder"


def test_an_encoder_without_batches_runs_in_chunks(cluster):
    from distributed import Client

    with Client(cluster.scheduler_address) as client:
        remote = DaskEncoder(TinyEncoder(), client)
        vectors, embedded = embed_texts(TEXTS + TEXTS[:5], remote)
    local, _ = embed_texts(TEXTS + TEXTS[:5], TinyEncoder())
    assert embedded == len(TEXTS)
    assert np.array_equal(vectors, local)
