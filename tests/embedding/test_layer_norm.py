"""Residual layer norms written as ONNX's own operators, and kept so by the sessions."""

import numpy as np
import onnx
import onnxruntime
import pytest
from onnx import TensorProto, helper, numpy_helper

from passives_lib.embedding._layer_norm import split_skip_layer_norms
from passives_lib.embedding._onnx import open_session

HIDDEN = 8


def _skip_layer_norm_model(outputs=("y",), bias=True):
    """One ``SkipLayerNormalization`` over rows x tokens x HIDDEN, as ONNX Runtime fuses it."""
    rng = np.random.default_rng(0)
    inputs = ["x", "skip", "gamma", "beta"] + (["bias"] if bias else [])
    node = helper.make_node(
        "SkipLayerNormalization", inputs, list(outputs), domain="com.microsoft", epsilon=1e-12
    )
    initialisers = [
        numpy_helper.from_array(rng.normal(size=HIDDEN).astype(np.float32), name)
        for name in ("gamma", "beta", "bias")[: 3 if bias else 2]
    ]
    shape = ["rows", "tokens", HIDDEN]
    graph = helper.make_graph(
        [node],
        "residual",
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, shape) for n in ("x", "skip")],
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, shape) for n in outputs if n],
        initialisers,
    )
    return helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    )


def _run(model, feed):
    session = onnxruntime.InferenceSession(
        model.SerializeToString(), providers=["CPUExecutionProvider"]
    )
    return session.run(None, feed)


FEED = {
    "x": np.random.default_rng(1).normal(size=(2, 3, HIDDEN)).astype(np.float32),
    "skip": np.random.default_rng(2).normal(size=(2, 3, HIDDEN)).astype(np.float32),
}


@pytest.mark.parametrize("bias", [True, False])
def test_a_split_residual_layer_norm_gives_what_the_fused_one_gave(bias):
    fused = _skip_layer_norm_model(bias=bias)
    expected = _run(fused, FEED)[0]
    split = _skip_layer_norm_model(bias=bias)
    assert split_skip_layer_norms(split) == 1
    onnx.checker.check_model(split)
    assert [n.op_type for n in split.graph.node] == ["Add"] * (1 + bias) + ["LayerNormalization"]
    np.testing.assert_allclose(_run(split, FEED)[0], expected, rtol=1e-5, atol=1e-5)


def test_the_sum_a_fused_node_gives_out_keeps_its_name():
    model = _skip_layer_norm_model(outputs=("y", "", "", "summed"))
    expected = _run(model, FEED)
    split_skip_layer_norms(model)
    y, summed = _run(model, FEED)
    np.testing.assert_allclose(y, expected[0], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(summed, expected[1], rtol=1e-6, atol=1e-6)


def test_a_node_giving_out_its_mean_is_refused_by_name():
    model = _skip_layer_norm_model(outputs=("y", "mean"))
    with pytest.raises(ValueError, match="mean and inverse standard deviation.*mean"):
        split_skip_layer_norms(model)


def test_sessions_do_not_fuse_the_split_layer_norms_back(tmp_path):
    model = _skip_layer_norm_model()
    split_skip_layer_norms(model)
    path = tmp_path / "split.onnx"
    onnx.save(model, str(path))
    ours, plain = tmp_path / "ours.onnx", tmp_path / "plain.onnx"
    open_session(path, 1, optimized_copy=ours)
    options = onnxruntime.SessionOptions()
    options.optimized_model_filepath = str(plain)
    onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    ops = {
        name: {n.op_type for n in onnx.load(str(p)).graph.node}
        for name, p in (("ours", ours), ("plain", plain))
    }
    assert "SkipLayerNormalization" in ops["plain"]  # what ONNX Runtime does by default
    assert "SkipLayerNormalization" not in ops["ours"] and "LayerNormalization" in ops["ours"]
