import numpy as np
import pytest

from passives_lib.embedding._embed import EmbeddingCache, embed_texts, text_key
from tests.tiny_embedding import TinyEncoder


def test_vectors_are_unit_length_and_in_input_order():
    encoder = TinyEncoder()
    vectors, embedded = embed_texts(["late delivery", "great staff", "late delivery"], encoder)
    assert vectors.shape == (3, encoder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert np.array_equal(vectors[0], vectors[2])
    assert not np.allclose(vectors[0], vectors[1])
    assert embedded == 2  # the duplicate is embedded once
    assert encoder.calls == [["late delivery", "great staff"]]


def test_cache_embeds_only_new_texts(tmp_path):
    encoder = TinyEncoder()
    cache = EmbeddingCache(tmp_path, "tiny")
    first, embedded_first = embed_texts(["a comment", "another one"], encoder, cache)
    second, embedded_second = embed_texts(
        ["another one", "brand new", "a comment"], encoder, EmbeddingCache(tmp_path, "tiny")
    )
    assert (embedded_first, embedded_second) == (2, 1)
    assert encoder.calls[-1] == ["brand new"]
    assert np.array_equal(second[0], first[1]) and np.array_equal(second[2], first[0])


def test_models_do_not_share_vectors(tmp_path):
    embed_texts(["same text"], TinyEncoder(), EmbeddingCache(tmp_path, "model-a"))
    other = TinyEncoder(seed=99)
    _, embedded = embed_texts(["same text"], other, EmbeddingCache(tmp_path, "model-b"))
    assert embedded == 1


@pytest.mark.parametrize(
    "damage",
    ["truncate", "garbage", "flip"],
)
def test_a_damaged_cache_is_detected_and_rebuilt(tmp_path, damage):
    encoder = TinyEncoder()
    cache = EmbeddingCache(tmp_path, "tiny")
    clean, _ = embed_texts(["one", "two"], encoder, cache)
    data = cache.path.read_bytes()
    if damage == "truncate":
        cache.path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        cache.path.write_bytes(b"not a cache at all")
    else:
        with np.load(cache.path) as stored:
            parts = {k: stored[k] for k in stored.files}
        parts["vectors"] = parts["vectors"] + 1.0  # content changed, checksum kept
        np.savez(cache.path, **parts)
    fresh = EmbeddingCache(tmp_path, "tiny")
    with pytest.warns(RuntimeWarning, match="was discarded"):
        again, embedded = embed_texts(["one", "two"], encoder, fresh)
    assert embedded == 2
    assert np.allclose(again, clean)
    assert "discarded" in fresh.rebuilt_reason
    assert len(EmbeddingCache(tmp_path, "tiny").load()) == 2  # rebuilt and whole again


def test_text_key_is_stable_and_distinguishes_texts():
    assert text_key("abc") == text_key("abc")
    assert text_key("abc") != text_key("abd")
    assert len(text_key("é")) == 16


def test_wrong_number_of_vectors_is_an_error():
    class Broken:
        def encode(self, texts):
            return np.ones((1, 3))

    with pytest.raises(ValueError, match="returned 1 vectors for 2 texts"):
        embed_texts(["a", "b"], Broken())


def test_the_checksum_is_sha256_of_the_keys_then_the_vectors_bytes():
    import hashlib

    from passives_lib.embedding._embed import _checksum

    keys = np.arange(32, dtype=np.uint8).reshape(2, 16)
    vectors = np.asfortranarray(np.array([[0.5, -1.0, 2.0], [3.0, 0.0, -0.25]], dtype=np.float32))
    expected = hashlib.sha256(keys.tobytes() + np.ascontiguousarray(vectors).tobytes()).digest()
    assert _checksum(keys, vectors) == expected
    assert _checksum(keys[:0], vectors[:0]) == hashlib.sha256(b"").digest()


def test_an_instance_reads_back_what_it_wrote_without_the_file_until_another_writes(
    tmp_path, monkeypatch
):
    encoder = TinyEncoder()
    cache = EmbeddingCache(tmp_path, "tiny")
    first, _ = embed_texts(["one", "two"], encoder, cache)
    from_disk = EmbeddingCache(tmp_path, "tiny").load()

    def unread(*args, **kwargs):
        raise AssertionError("the file was read again")

    with monkeypatch.context() as patched:
        patched.setattr(np, "load", unread)
        held = cache.load()
        again, embedded = embed_texts(["two", "one"], encoder, cache)
    assert embedded == 0 and np.array_equal(again, first[::-1])
    assert held.keys() == from_disk.keys()
    assert all(held[k].dtype == np.float32 and np.array_equal(held[k], from_disk[k]) for k in held)
    held.clear()  # a caller's copy: what the instance holds is unchanged
    assert len(cache.load()) == 2
    embed_texts(["three"], encoder, EmbeddingCache(tmp_path, "tiny"))  # another writer
    assert len(cache.load()) == 3  # the file changed: read again
    cache.path.unlink()
    assert cache.load() == {}
