"""Mining's vectors kept on disk between runs, so a re-mine embeds only the texts it has not seen.

Embedding is most of a mining run (209 of 444 s at 100,000 inquiries) and a scheduled re-cluster
sees the same log again plus what came since. :class:`CachedEncoder` wraps the mining model: each
text it is asked for is looked up by a keyed hash of (model, query or passage, text) and only the
missing ones go to the model. Per model and encoding there is one matrix (``<mode>.<id>.npy``) and a
JSON file naming it with the keys of its rows, replaced atomically, so a reader sees the old or the
new set.

Customer text is never written: keys are BLAKE2b hashes keyed with the installation's secret, so
the file does not tell which sentence a row came from. A full re-mine keeps only the vectors it
used (``prune``), so an inquiry deleted since leaves nothing behind; adding inquiries to existing
suggestions keeps what was there and adds its own, up to :data:`LIMIT` rows, past which only that
run's are kept. A cache that cannot be read is ignored (logged) and rebuilt; one that cannot be
written leaves the run's result unchanged.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from search import Encoder

log = logging.getLogger(__name__)

LIMIT = 200_000  # rows per model and encoding (~300 MB at 384 dimensions); past it, the last run's only
_BLOCK = 8192  # rows copied at a time when the file is written


class CachedEncoder:
    """``encoder`` with :meth:`encode` served from ``directory`` where it can (module docstring);
    everything else is the wrapped encoder's."""

    def __init__(
        self, encoder: Encoder, directory: str | Path, secret: str, *, prune: bool = False, limit: int = LIMIT
    ):
        self._encoder = encoder
        self._root = Path(directory)
        self._key = hashlib.sha256(secret.encode()).digest()
        self._prune = prune  # keep only rows this encoder has been asked for
        self._limit = limit
        self._used: dict[str, set[str]] = {"query": set(), "passage": set()}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._encoder, name)

    def _dir(self) -> Path:
        model = hashlib.sha256(self._encoder.model_id.encode()).hexdigest()[:16]
        return self._root / model

    def keys(self, texts: Sequence[str], queries: bool) -> list[str]:
        prefix = b"query\0" if queries else b"passage\0"
        return [hashlib.blake2b(prefix + t.encode(), key=self._key, digest_size=16).hexdigest() for t in texts]

    def encode(
        self,
        texts: Sequence[str],
        *,
        batch_size: int = 32,
        progress: Callable[[Iterable[int]], Iterable[int]] | None = None,
        queries: bool = False,
    ) -> npt.NDArray[np.float32]:
        """:meth:`Encoder.encode`, the model asked only for the texts the cache lacks.

        Memory: the answer is the one n x d matrix held; cached rows are read from the file in
        blocks straight into it, and the new set is written in blocks, never mapped or copied whole
        (at 100,000 rows, mapping and copying made ~460 MB of transient pages per call, and every
        later call of the run, a handful of topic prototypes, rewrote the whole set through them)."""
        mode = "query" if queries else "passage"
        keys = self.keys(texts, queries)
        self._used[mode].update(keys)
        old_keys, stored = self._read(mode)
        row = {k: i for i, k in enumerate(old_keys)}
        todo = [i for i, k in enumerate(keys) if k not in row]
        fresh = None
        if todo or stored is None:
            fresh = np.ascontiguousarray(
                self._encoder.encode(
                    [texts[i] for i in todo], batch_size=batch_size, progress=progress, queries=queries
                ),
                dtype=np.float32,
            )
        if fresh is not None and len(todo) == len(texts):  # every row, in order: the model's answer is it
            out = fresh
        else:
            assert stored is not None  # some text was found in it
            out = np.empty((len(texts), stored.dim), np.float32)
            if todo:
                out[todo] = fresh
            hits = np.array([i for i, k in enumerate(keys) if k in row], np.int64)
            stored.gather(np.array([row[keys[i]] for i in hits.tolist()], np.int64), out, hits)
        del fresh
        this = {k: i for i, k in enumerate(keys)}  # each key once, its row in ``out``
        kept = [i for i, k in enumerate(old_keys) if k not in this and (not self._prune or k in self._used[mode])]
        if len(kept) + len(this) > self._limit:
            kept = []
        dropped = len(old_keys) - len(kept) - sum(k in row for k in this)
        if todo or dropped:
            self._write(mode, old_keys, stored, kept, this, out)
        return out

    def _read(self, mode: str) -> tuple[list[str], _Stored | None]:
        """(row keys, where their rows lie) of the current set; none when there is none or it is unreadable."""
        meta = self._dir() / f"{mode}.json"
        if not meta.exists():
            return [], None
        try:
            with open(meta, encoding="utf-8") as fh:
                named = json.load(fh)
            if named.get("model") != self._encoder.model_id:
                raise ValueError(f"vectors of {named.get('model')!r}")
            stored = _Stored.open(self._dir() / named["file"])
            if stored.rows != len(named["keys"]):
                raise ValueError(f"{len(named['keys'])} keys for {stored.rows} rows")
            return list(named["keys"]), stored
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("mining vector cache %s unreadable, rebuilt: %s", meta, exc)
        return [], None

    def _write(
        self,
        mode: str,
        old_keys: list[str],
        stored: _Stored | None,
        kept: list[int],
        this: dict[str, int],
        rows: np.ndarray,
    ) -> None:
        """The ``kept`` stored rows, then this call's (``this``: key -> its row in ``rows``), as the new set."""
        directory = self._dir()
        name = f"{mode}.{uuid.uuid4().hex}.npy"
        try:
            directory.mkdir(parents=True, exist_ok=True)
            with open(directory / name, "wb") as fh:
                header = {"descr": "<f4", "fortran_order": False, "shape": (len(kept) + len(this), rows.shape[1])}
                np.lib.format.write_array_header_1_0(fh, header)
                if kept:
                    assert stored is not None  # kept rows are stored rows
                    stored.copy_rows(np.array(kept, np.int64), fh)
                order = np.fromiter(this.values(), np.int64, len(this))
                for start in range(0, len(order), _BLOCK):
                    fh.write(np.ascontiguousarray(rows[order[start : start + _BLOCK]], "<f4").tobytes())
                fh.flush()
                os.fsync(fh.fileno())
            tmp = directory / f"{mode}.json.tmp"
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(
                    {"model": self._encoder.model_id, "file": name, "keys": [old_keys[i] for i in kept] + list(this)},
                    fh,
                )
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, directory / f"{mode}.json")
        except OSError as exc:
            log.warning("mining vector cache %s not written: %s", directory, exc)
            with contextlib.suppress(OSError):
                (directory / name).unlink(missing_ok=True)
            return
        for stale in directory.glob(f"{mode}.*.npy"):  # a reader holding one keeps its open file
            if stale.name != name:
                with contextlib.suppress(OSError):
                    stale.unlink(missing_ok=True)


@dataclass(frozen=True)
class _Stored:
    """A set's ``.npy`` matrix on disk (float32, C order), read in blocks of rows, never whole."""

    path: Path
    offset: int  # where the rows start, after the header
    rows: int
    dim: int

    @classmethod
    def open(cls, path: Path) -> _Stored:
        """:raise ValueError: not a float32 row matrix of the size its header says; OSError."""
        with open(path, "rb") as fh:
            version = np.lib.format.read_magic(fh)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(fh)
            else:
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(fh)
            offset = fh.tell()
        if len(shape) != 2 or fortran or dtype != np.dtype("<f4"):
            raise ValueError(f"{path.name}: {dtype} {shape}, float32 rows expected")
        if os.path.getsize(path) != offset + shape[0] * shape[1] * 4:
            raise ValueError(f"{path.name}: {os.path.getsize(path)} bytes for {shape[0]} x {shape[1]} rows")
        return cls(path, offset, shape[0], shape[1])

    def _blocks(self, wanted: np.ndarray):
        """(first row, that block's rows) of each block of :data:`_BLOCK` rows holding a ``wanted`` one."""
        with open(self.path, "rb") as fh:
            for block in np.unique(wanted // _BLOCK).tolist():
                first = block * _BLOCK
                count = min(_BLOCK, self.rows - first)
                fh.seek(self.offset + first * self.dim * 4)
                data = np.fromfile(fh, "<f4", count * self.dim)
                if len(data) != count * self.dim:
                    raise OSError(f"{self.path.name}: cut short")
                yield first, data.reshape(count, self.dim)

    def gather(self, rows: np.ndarray, out: np.ndarray, at: np.ndarray) -> None:
        """``out[at[j]] = stored row rows[j]`` for every j."""
        order = np.argsort(rows, kind="stable")
        rows, at = rows[order], at[order]
        for first, data in self._blocks(rows):
            lo, hi = np.searchsorted(rows, [first, first + len(data)])
            out[at[lo:hi]] = data[rows[lo:hi] - first]

    def copy_rows(self, rows: np.ndarray, fh) -> None:
        """Stored rows ``rows`` (ascending) written to ``fh`` in that order."""
        for first, data in self._blocks(rows):
            lo, hi = np.searchsorted(rows, [first, first + len(data)])
            fh.write(np.ascontiguousarray(data[rows[lo:hi] - first]).tobytes())


def mining_encoder(help_center, *, prune: bool = False) -> Encoder | None:
    """The help center's mining model behind its vector cache (``KB_MINING_CACHE_DIR``; empty: none);
    ``prune`` for a full re-mine, which keeps only the vectors it used."""
    encoder = help_center.mining_encoder
    return None if encoder is None else _cached(help_center, encoder, prune)


def mining_extra(help_center, *, prune: bool = False) -> list[Encoder]:
    """Mining's second opinions (``KB_MINING_EXTRA``), each behind the same cache."""
    return [_cached(help_center, enc, prune) for enc in help_center.mining_extra]


def _cached(help_center, encoder: Encoder, prune: bool) -> Encoder:
    directory = help_center.settings.mining_cache_dir
    if not directory:
        return encoder
    cached = CachedEncoder(encoder, directory, help_center.secret, prune=prune)
    return cast(Encoder, cached)  # it answers all Encoder does
