"""Fixed activation ranges: int8 vectors that do not depend on the other texts of the batch.

``quantize_dynamic`` puts a ``DynamicQuantizeLinear`` before every int8 matrix product: it
picks the uint8 scale and zero point of an activation from the min and max of the *whole
batch* tensor (padding included), so a text's vector changed with its batch companions (up
to 0.045 per component), hence with what the embedding cache already held.

:func:`fix_activation_ranges` replaces each of them by a ``QuantizeLinear`` with a constant
scale and zero point (uint8, asymmetric, as ``DynamicQuantizeLinear`` computes them; it
saturates, so values are clipped to the range). The ranges are the min and max of each
tensor over real tokens (:func:`activation_ranges`), from a run of the dynamic model on
:func:`calibration_texts` at build time: the probe texts (English, French) and the seeded
sample survey's comments, single and joined into long ones; all offline.
:func:`fuse_integer_matmuls` then writes each integer product as one
``MatMulIntegerToFloat``, which ONNX Runtime would no longer fuse itself. Every row is
computed on its own: the same text gives the same bits in any batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

RANGE_MARGIN = 0.0  # widen calibrated ranges by this fraction of their width
CALIBRATION_FILE = Path(__file__).with_name("calibration_comments.txt")


def calibration_texts(probe: Sequence[str]) -> list[str]:
    """The texts whose activations fix the ranges: probe texts, sample comments, long joins.

    Parameters
    ----------
    probe : sequence of str
        The build's probe texts (English and French).

    Returns
    -------
    list of str
        Unique texts in a fixed order: the probe texts, the comments of
        :data:`CALIBRATION_FILE` (:func:`sample_comments`), and runs of 4, 12 and 40 of them
        joined, up to past the 256-token cut.
    """
    comments = CALIBRATION_FILE.read_text(encoding="utf-8").splitlines()
    joined = [" ".join(comments[i : i + size]) for size in (4, 12, 40) for i in (0, size)]
    return list(dict.fromkeys([*probe, *comments, *joined]))


def sample_comments(survey: Any) -> list[str]:
    """Non-blank comments of a sample survey, one line each (what :data:`CALIBRATION_FILE` holds).

    The file is written from ``passives_lib.sample.generate_survey(n_responses=600,
    bad_rows=False, seed=20261207)`` (embedding may not import ``sample``; a test checks that
    the file is what the generator gives).
    """
    texts = (" ".join(str(c).split()) for c in survey["comment"].fillna(""))
    return [t for t in texts if t]


def quantized_inputs(model: Any) -> list[str]:
    """Names of the tensors a ``DynamicQuantizeLinear`` quantises, in graph order."""
    return [n.input[0] for n in model.graph.node if n.op_type == "DynamicQuantizeLinear"]


def activation_ranges(
    model_path: Path, feeds: Sequence[dict[str, np.ndarray]]
) -> dict[str, tuple[float, float]]:
    """Min and max of every dynamically quantised tensor over real (unpadded) tokens.

    Parameters
    ----------
    model_path : Path
        The model after ``quantize_dynamic``.
    feeds : sequence of dict
        Padded batches (``input_ids``, ``attention_mask``, ``token_type_ids``).

    Returns
    -------
    dict of str to (float, float)
        ``lo``, ``hi`` by tensor name; tensors of shape (batch, tokens, ...) are read at
        the tokens the mask keeps, others whole.
    """
    import onnx
    import onnxruntime

    model = onnx.load(str(model_path))
    names = quantized_inputs(model)
    present = {o.name for o in model.graph.output}
    for name in names:
        if name not in present:
            model.graph.output.append(onnx.helper.make_empty_tensor_value_info(name))
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
    lo = dict.fromkeys(names, np.inf)
    hi = dict.fromkeys(names, -np.inf)
    for feed in feeds:
        keep = feed["attention_mask"].astype(bool)
        for name, value in zip(names, session.run(names, feed), strict=True):
            real = value[keep] if value.shape[:2] == keep.shape else value
            lo[name] = min(lo[name], float(real.min()))
            hi[name] = max(hi[name], float(real.max()))
    return {name: (lo[name], hi[name]) for name in names}


def uint8_scale(lo: float, hi: float) -> tuple[float, int]:
    """Scale and zero point ``DynamicQuantizeLinear`` would pick for a tensor in ``[lo, hi]``.

    Examples
    --------
    >>> uint8_scale(-1.0, 3.0)
    (0.01568627450980392, 64)
    """
    low, high = min(0.0, lo), max(0.0, hi)
    scale = (high - low) / 255.0 or 1.0
    zero_point = int(np.clip(round(-low / scale), 0, 255))
    return scale, zero_point


def fix_activation_ranges(
    model: Any, ranges: dict[str, tuple[float, float]], margin: float = RANGE_MARGIN
) -> int:
    """Replace every ``DynamicQuantizeLinear`` by a clip and a constant-scale quantisation.

    Parameters
    ----------
    model : onnx.ModelProto
        Changed in place.
    ranges : dict of str to (float, float)
        Calibrated ``lo``, ``hi`` by quantised tensor (:func:`activation_ranges`).
    margin : float
        Fraction of each range's width added on both sides.

    Returns
    -------
    int
        How many nodes were replaced.

    Raises
    ------
    KeyError
        If a quantised tensor has no range.
    """
    from onnx import TensorProto, helper, numpy_helper

    graph = model.graph
    nodes = []
    replaced = 0
    for node in graph.node:
        if node.op_type != "DynamicQuantizeLinear":
            nodes.append(node)
            continue
        source = node.input[0]
        lo, hi = ranges[source]
        width = (hi - lo) * margin
        lo, hi = lo - width, hi + width
        scale, zero_point = uint8_scale(lo, hi)
        y, y_scale, y_zero = node.output
        # QuantizeLinear saturates at 0 and 255: the same as clipping to [lo, hi] first
        graph.initializer.extend(
            [
                numpy_helper.from_array(np.array(scale, dtype=np.float32), y_scale),
                helper.make_tensor(y_zero, TensorProto.UINT8, [], [zero_point]),
            ]
        )
        nodes.append(
            helper.make_node(
                "QuantizeLinear", [source, y_scale, y_zero], [y], name=f"{y}_QuantizeLinear"
            )
        )
        replaced += 1
    del graph.node[:]
    graph.node.extend(nodes)
    return replaced


def fuse_integer_matmuls(model: Any) -> int:
    """Write each ``MatMulInteger -> Cast -> Mul(a_scale * b_scale)`` as a ``MatMulIntegerToFloat``.

    ONNX Runtime fuses that chain itself only when the scale product is computed in the graph;
    with constant activation scales it folds the product first and the chain stays three
    operators (5% slower). ``MatMulIntegerToFloat`` (``com.microsoft``) takes both scales.

    Parameters
    ----------
    model : onnx.ModelProto
        Changed in place.

    Returns
    -------
    int
        How many chains were fused.
    """
    from onnx import helper

    graph = model.graph
    made_by = {out: node for node in graph.node for out in node.output}
    used_by: dict[str, list[Any]] = {}
    for node in graph.node:
        for name in node.input:
            used_by.setdefault(name, []).append(node)
    dropped: set[int] = set()
    fused: dict[int, Any] = {}
    for node in graph.node:
        if node.op_type != "MatMulInteger" or len(used_by.get(node.output[0], [])) != 1:
            continue
        cast = used_by[node.output[0]][0]
        mul = used_by.get(cast.output[0], [None])[0]
        if cast.op_type != "Cast" or mul is None or mul.op_type != "Mul":
            continue
        scales = made_by.get(mul.input[1])
        if scales is None or scales.op_type != "Mul" or len(used_by[scales.output[0]]) != 1:
            continue
        a, b, a_zero, b_zero = node.input
        fused[id(node)] = helper.make_node(
            "MatMulIntegerToFloat",
            [a, b, scales.input[0], scales.input[1], a_zero, b_zero],
            [mul.output[0]],
            name=f"{node.name}_ToFloat",
            domain="com.microsoft",
        )
        dropped |= {id(cast), id(mul), id(scales)}
    nodes = [fused.get(id(n), n) for n in graph.node if id(n) not in dropped]
    del graph.node[:]
    graph.node.extend(nodes)
    return len(fused)


def calibration_feeds(texts: Sequence[str], token_budget: int = 512) -> list[dict[str, np.ndarray]]:
    """``texts`` tokenised and cut into padded model inputs, as the encoder batches them."""
    from passives_lib.embedding._batching import pad_batch, token_budget_batches
    from passives_lib.embedding._encoders import load_tokenizer

    ids = [e.ids for e in load_tokenizer().encode_batch(list(texts))]
    feeds = []
    for batch in token_budget_batches([len(row) for row in ids], token_budget):
        tokens, mask = pad_batch([ids[i] for i in batch])
        feeds.append(
            {"input_ids": tokens, "attention_mask": mask, "token_type_ids": np.zeros_like(tokens)}
        )
    return feeds


def fix_ranges_file(source: Path, target: Path, probe: Sequence[str]) -> dict[str, int]:
    """Calibrate ``source`` (after ``quantize_dynamic``), fix its ranges, fuse, write ``target``.

    Returns
    -------
    dict of str to int
        ``fixed`` quantisations and ``fused`` matrix products.
    """
    import onnx

    ranges = activation_ranges(source, calibration_feeds(calibration_texts(probe)))
    model = onnx.load(str(source))
    fixed = fix_activation_ranges(model, ranges)
    fused = fuse_integer_matmuls(model)
    onnx.checker.check_model(model)
    onnx.save(model, str(target))
    return {"fixed": fixed, "fused": fused}
