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
        """:meth:`Encoder.encode`, the model asked only for the texts the cache lacks."""
        mode = "query" if queries else "passage"
        keys = self.keys(texts, queries)
        self._used[mode].update(keys)
        old_keys, old = self._read(mode)
        row = {k: i for i, k in enumerate(old_keys)}
        todo = [i for i, k in enumerate(keys) if k not in row]
        fresh = (  # all from the cache: nothing for the model to encode
            self._encoder.encode([texts[i] for i in todo], batch_size=batch_size, progress=progress, queries=queries)
            if todo or not len(old)
            else old[:0]
        )
        out = np.empty((len(texts), fresh.shape[1]), np.float32)
        out[todo] = fresh
        hits = np.array([i for i, k in enumerate(keys) if k in row], np.int64)
        for start in range(0, len(hits), _BLOCK):
            block = hits[start : start + _BLOCK]
            out[block] = old[[row[keys[i]] for i in block.tolist()]]
        this = {k: i for i, k in enumerate(keys)}  # each key once, its row in ``out``
        kept = [i for i, k in enumerate(old_keys) if k not in this and (not self._prune or k in self._used[mode])]
        if len(kept) + len(this) > self._limit:
            kept = []
        dropped = len(old_keys) - len(kept) - sum(k in row for k in this)
        if todo or dropped:
            self._write(mode, old_keys, old, kept, this, out)
        return out

    def _read(self, mode: str) -> tuple[list[str], np.ndarray]:
        """(row keys, rows memory-mapped) of the current set; empty when there is none or it is unreadable."""
        meta = self._dir() / f"{mode}.json"
        if not meta.exists():
            return [], np.zeros((0, 0), np.float32)
        try:
            with open(meta, encoding="utf-8") as fh:
                named = json.load(fh)
            matrix = np.load(self._dir() / named["file"], mmap_mode="r")
            if matrix.shape[0] != len(named["keys"]) or named.get("model") != self._encoder.model_id:
                raise ValueError(f"{len(named['keys'])} keys for {matrix.shape[0]} rows")
            return list(named["keys"]), matrix
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("mining vector cache %s unreadable, rebuilt: %s", meta, exc)
        return [], np.zeros((0, 0), np.float32)

    def _write(
        self, mode: str, old_keys: list[str], old: np.ndarray, kept: list[int], this: dict[str, int], rows: np.ndarray
    ) -> None:
        """The ``kept`` old rows, then this call's (``this``: key -> its row in ``rows``), as the new set."""
        directory = self._dir()
        name = f"{mode}.{uuid.uuid4().hex}.npy"
        try:
            directory.mkdir(parents=True, exist_ok=True)
            out = np.lib.format.open_memmap(
                directory / name, mode="w+", dtype=np.float32, shape=(len(kept) + len(this), rows.shape[1])
            )
            for start in range(0, len(kept), _BLOCK):
                block = kept[start : start + _BLOCK]
                out[start : start + len(block)] = old[block]
            out[len(kept) :] = rows[list(this.values())]
            out.flush()
            del out
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
        for stale in directory.glob(f"{mode}.*.npy"):  # a reader holding one keeps its mapping
            if stale.name != name:
                with contextlib.suppress(OSError):
                    stale.unlink(missing_ok=True)


def mining_encoder(help_center, *, prune: bool = False) -> Encoder | None:
    """The help center's mining model behind its vector cache (``KB_MINING_CACHE_DIR``; empty: none);
    ``prune`` for a full re-mine, which keeps only the vectors it used."""
    encoder = help_center.mining_encoder
    directory = help_center.settings.mining_cache_dir
    if encoder is None or not directory:
        return encoder
    cached = CachedEncoder(encoder, directory, help_center.secret, prune=prune)
    return cast(Encoder, cached)  # it answers all Encoder does
