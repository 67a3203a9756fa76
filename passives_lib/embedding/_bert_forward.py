"""A lean forward pass of the bundled BERT encoder, for bf16 weights on the CPU.

all-MiniLM-L6-v2 is a 6-layer BERT. Run through transformers, each layer makes three query, key
and value products, copies the heads about, and applies GELU as an operation of its own over
the 1,536-wide intermediate activations. :class:`BertForward` computes the same layers from
the same weights with one product for query, key and value together, scaled dot-product
attention straight on their output, and GELU fused into its matrix product (oneDNN's
``linear_pointwise``, the operation torch's own compiler uses on CPUs; where it is missing the
two run one after the other).

Measured on the shared 2-core machine (AMX), 3,000 clothing reviews, two batches side by side:
238 docs/s through transformers, 265 with this forward (1.11x; 1.12x with one batch on two
threads). Mean cosine to torch float32: 0.99995 (lowest 0.99991), as with transformers in
bf16. In float32 it equals transformers' forward to 1e-5 (checked in the tests), so the layers
are the same.
"""

from __future__ import annotations

from typing import Any

import numpy as np


class BertForward:
    """The encoder of a transformers ``BertModel``, in ``dtype``, computing hidden states.

    Parameters
    ----------
    bert : transformers.BertModel
        The loaded model (absolute positions, exact GELU).
    dtype : torch.dtype
        Weights and activations (``torch.bfloat16`` on CPUs with native bf16).

    Raises
    ------
    ValueError
        When the model is not a BERT of that kind.
    """

    def __init__(self, bert: Any, dtype: Any) -> None:
        config = bert.config
        kind = getattr(config, "position_embedding_type", "absolute")
        if config.model_type != "bert" or config.hidden_act != "gelu" or kind != "absolute":
            raise ValueError(
                "BertForward expects a BERT with absolute positions and exact GELU, got "
                f"{config.model_type!r} with {config.hidden_act!r} and {kind!r}"
            )
        self.dtype = dtype
        self.heads = int(config.num_attention_heads)
        embeddings = bert.embeddings
        self.words = _weight(embeddings.word_embeddings, dtype)
        self.positions = _weight(embeddings.position_embeddings, dtype)
        self.token_type = _weight(embeddings.token_type_embeddings, dtype)[0]
        self.embedding_norm = _norm(embeddings.LayerNorm, dtype)
        self.layers = [_layer(layer, dtype) for layer in bert.encoder.layer]
        self.fused_gelu = _fused_gelu_works(dtype)

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> Any:
        """Last hidden states (float32 tensor, rows x width x dimension) of one padded batch."""
        import torch
        import torch.nn.functional as F  # noqa: N812 - torch's own convention

        with torch.inference_mode():
            tokens = torch.from_numpy(ids)
            rows, width = tokens.shape
            size = self.words.shape[1]
            hidden = F.embedding(tokens, self.words) + self.positions[:width] + self.token_type
            hidden = _layer_norm(hidden, self.embedding_norm).reshape(rows * width, size)
            keep = torch.from_numpy(mask).bool()[:, None, None, :]
            for layer in self.layers:
                hidden = self._layer(hidden, layer, keep, rows, width)
            return hidden.reshape(rows, width, size).float()

    def _layer(self, hidden: Any, layer: dict[str, Any], keep: Any, rows: int, width: int) -> Any:
        import torch.nn.functional as F  # noqa: N812

        size = hidden.shape[1]
        qkv = F.linear(hidden, *layer["qkv"]).view(rows, width, 3, self.heads, -1)
        qkv = qkv.permute(2, 0, 3, 1, 4)
        context = F.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], attn_mask=keep)
        context = context.transpose(1, 2).reshape(rows * width, size)
        hidden = _layer_norm(F.linear(context, *layer["attention_out"]) + hidden, layer["norm1"])
        inner = self._linear_gelu(hidden, *layer["intermediate"])
        return _layer_norm(F.linear(inner, *layer["out"]) + hidden, layer["norm2"])

    def _linear_gelu(self, hidden: Any, weight: Any, bias: Any) -> Any:
        import torch
        import torch.nn.functional as F  # noqa: N812

        if self.fused_gelu:
            return torch.ops.mkldnn._linear_pointwise(hidden, weight, bias, "gelu", [], "none")
        return F.gelu(F.linear(hidden, weight, bias))


def _weight(module: Any, dtype: Any) -> Any:
    return module.weight.detach().to(dtype).contiguous()


def _linear(module: Any, dtype: Any) -> tuple[Any, Any]:
    return _weight(module, dtype), module.bias.detach().to(dtype).contiguous()


def _norm(module: Any, dtype: Any) -> tuple[Any, Any, float]:
    return (*_linear(module, dtype), float(module.eps))


def _layer(layer: Any, dtype: Any) -> dict[str, Any]:
    import torch

    attention = layer.attention.self
    parts = [_linear(m, dtype) for m in (attention.query, attention.key, attention.value)]
    return {
        "qkv": (torch.cat([w for w, _ in parts]), torch.cat([b for _, b in parts])),
        "attention_out": _linear(layer.attention.output.dense, dtype),
        "norm1": _norm(layer.attention.output.LayerNorm, dtype),
        "intermediate": _linear(layer.intermediate.dense, dtype),
        "out": _linear(layer.output.dense, dtype),
        "norm2": _norm(layer.output.LayerNorm, dtype),
    }


def _layer_norm(hidden: Any, norm: tuple[Any, Any, float]) -> Any:
    import torch.nn.functional as F  # noqa: N812

    weight, bias, eps = norm
    return F.layer_norm(hidden, (hidden.shape[-1],), weight, bias, eps)


def _fused_gelu_works(dtype: Any) -> bool:
    """Whether oneDNN's fused product + exact GELU runs here and agrees with the two apart."""
    import torch
    import torch.nn.functional as F  # noqa: N812

    if dtype != torch.bfloat16:
        return False  # float32 stays the reference computation
    try:
        generator = torch.Generator().manual_seed(0)
        x = torch.randn(16, 32, generator=generator).to(dtype)
        weight = torch.randn(64, 32, generator=generator).to(dtype)
        bias = torch.randn(64, generator=generator).to(dtype)
        with torch.inference_mode():
            fused = torch.ops.mkldnn._linear_pointwise(x, weight, bias, "gelu", [], "none")
            apart = F.gelu(F.linear(x, weight, bias))
    except (RuntimeError, AttributeError, NotImplementedError):  # not built with oneDNN
        return False
    return bool(torch.allclose(fused.float(), apart.float(), atol=0.1, rtol=0.02))
