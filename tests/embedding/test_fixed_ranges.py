"""Fixed activation ranges: an int8 row's result does not depend on the rest of its batch."""

import numpy as np
import onnx
import onnxruntime
from onnx import TensorProto, helper, numpy_helper

from passives_lib.embedding._encoders import mean_pool
from passives_lib.embedding._fixed_ranges import (
    CALIBRATION_FILE,
    activation_ranges,
    calibration_texts,
    fix_activation_ranges,
    fuse_integer_matmuls,
    quantized_inputs,
    sample_comments,
    uint8_scale,
)
from passives_lib.sample import generate_survey


def _dynamic_int8_matmul(tmp_path):
    """What quantize_dynamic writes for ``x @ W``: x quantised from its own batch's range."""
    rng = np.random.default_rng(0)
    weights = rng.integers(-127, 128, size=(4, 3)).astype(np.int8)
    w_scale = np.array([0.01, 0.02, 0.03], dtype=np.float32)
    nodes = [
        helper.make_node("DynamicQuantizeLinear", ["x"], ["xq", "xs", "xz"]),
        helper.make_node("MatMulInteger", ["xq", "w", "xz", "wz"], ["acc"]),
        helper.make_node("Cast", ["acc"], ["accf"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["xs", "ws"], ["scales"]),
        helper.make_node("Mul", ["accf", "scales"], ["y"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["rows", 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["rows", 3])],
        [
            numpy_helper.from_array(weights, "w"),
            numpy_helper.from_array(np.zeros(3, dtype=np.int8), "wz"),
            numpy_helper.from_array(w_scale, "ws"),
        ],
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)],
    )
    path = tmp_path / "tiny.onnx"
    onnx.save(model, str(path))
    return path


def _run(model_or_path, x):
    source = model_or_path if isinstance(model_or_path, str) else model_or_path.SerializeToString()
    session = onnxruntime.InferenceSession(source, providers=["CPUExecutionProvider"])
    return session.run(None, {"x": x})[0]


ROW = np.array([[0.5, -0.2, 0.1, 0.3]], dtype=np.float32)
WIDE = np.array([[9.0, -7.0, 4.0, 2.0]], dtype=np.float32)


def test_uint8_scale_is_what_dynamic_quantisation_picks():
    assert uint8_scale(-1.0, 3.0) == (4 / 255, 64)
    assert uint8_scale(0.5, 2.0) == (2 / 255, 0)  # the range always holds zero
    assert uint8_scale(-2.0, -1.0) == (2 / 255, 255)


def test_dynamic_quantisation_depends_on_the_batch_and_fixed_ranges_do_not(tmp_path):
    path = _dynamic_int8_matmul(tmp_path)
    alone = _run(str(path), ROW)[0]
    assert not np.array_equal(alone, _run(str(path), np.vstack([ROW, WIDE]))[0])
    feeds_x = [ROW, WIDE, np.vstack([ROW, WIDE])]
    model = onnx.load(str(path))
    assert quantized_inputs(model) == ["x"]
    ranges = {"x": (float(np.min(feeds_x[2])), float(np.max(feeds_x[2])))}
    assert fix_activation_ranges(model, ranges) == 1
    assert "DynamicQuantizeLinear" not in {n.op_type for n in model.graph.node}
    fixed_alone = _run(model, ROW)[0]
    assert np.array_equal(fixed_alone, _run(model, np.vstack([ROW, WIDE]))[0])
    assert np.array_equal(fixed_alone, _run(model, np.vstack([ROW, ROW / 10]))[0])
    exact = ROW @ (onnx.numpy_helper.to_array(model.graph.initializer[0]) * [0.01, 0.02, 0.03])
    assert np.allclose(fixed_alone, exact[0], atol=0.1)  # 8 bits over [-7, 9]


def test_the_integer_product_chain_is_fused_into_one_operator_with_the_same_result(tmp_path):
    model = onnx.load(str(_dynamic_int8_matmul(tmp_path)))
    fix_activation_ranges(model, {"x": (-7.0, 9.0)})
    before = _run(model, np.vstack([ROW, WIDE]))
    assert fuse_integer_matmuls(model) == 1
    assert [n.op_type for n in model.graph.node] == ["QuantizeLinear", "MatMulIntegerToFloat"]
    assert np.allclose(_run(model, np.vstack([ROW, WIDE])), before, atol=1e-6)


def test_activation_ranges_read_real_tokens_only(tmp_path):
    x = np.array([[[1.0, -2.0], [50.0, 50.0]]], dtype=np.float32)  # second token is padding
    graph = helper.make_graph(
        [
            helper.make_node("Identity", ["x"], ["h"]),
            helper.make_node("DynamicQuantizeLinear", ["h"], ["q", "s", "z"]),
        ],
        "ranges",
        [
            helper.make_tensor_value_info("x", TensorProto.FLOAT, ["b", "t", 2]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "t"]),
        ],
        [helper.make_tensor_value_info("q", TensorProto.UINT8, ["b", "t", 2])],
    )
    path = tmp_path / "ranges.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))
    feed = {"x": x, "attention_mask": np.array([[1, 0]], dtype=np.int64)}
    assert activation_ranges(path, [feed]) == {"h": (-2.0, 1.0)}


def test_calibration_texts_hold_the_probe_and_the_sample_comments_short_to_long():
    texts = calibration_texts(["Bonjour, très bon accueil.", "ok"])
    assert texts[:2] == ["Bonjour, très bon accueil.", "ok"]
    assert len(set(texts)) == len(texts) > 400
    assert max(map(len, texts)) > 2000  # long joins reach the 256-token cut


def test_the_calibration_file_is_what_the_seeded_sample_generator_gives():
    survey = generate_survey(n_responses=600, bad_rows=False, seed=20261207).survey
    comments = sample_comments(survey)
    assert CALIBRATION_FILE.read_text(encoding="utf-8").splitlines() == comments
    assert sample_comments(survey.head(3).assign(comment=["a  b\nc", None, " "])) == ["a b c"]


def test_mean_pool_of_a_row_does_not_depend_on_the_padded_width():
    rng = np.random.default_rng(1)
    hidden = rng.normal(size=(1, 7, 384)).astype(np.float32)
    mask = np.ones((1, 7), dtype=np.int64)
    wide = np.concatenate([hidden, rng.normal(size=(1, 250, 384)).astype(np.float32)], axis=1)
    wide_mask = np.concatenate([mask, np.zeros((1, 250), dtype=np.int64)], axis=1)
    assert np.array_equal(mean_pool(hidden, mask), mean_pool(wide, wide_mask))
