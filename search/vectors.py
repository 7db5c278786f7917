"""Dense vectors of one language: a float32 matrix on disk with the ids and content hashes it holds.

Exact search (one matrix product) is fast enough to about 1e5 sections. Writes are atomic: the
matrix goes to a new file, then the small JSON that names it is replaced, so a reader sees the old
set or the new set, never half of one.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .documents import Document, article_of, question_hash


def unit(v: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """``v`` scaled to length 1 (a zero vector stays zero)."""
    return v / max(float(np.linalg.norm(v)), 1e-6)


def questions_set(lang: str) -> str:
    """The name of ``lang``'s set of asked questions (``Document.asked``, encoded as queries) beside
    its passages; a row per question, so an article's id repeats."""
    return f"{lang}.questions"


@dataclass
class VectorSet:
    ids: list[str]
    hashes: list[str]
    matrix: npt.NDArray[np.float32]  # (n, dim), rows of unit length
    filters: list[str] | None = None  # per row "status category", so filters apply before ranking

    def mask(self, statuses: tuple[str, ...], category: str | None) -> npt.NDArray[np.bool_] | None:
        """Rows a filtered search may return (None: all of them)."""
        if self.filters is None:
            return None
        key = (tuple(statuses), category)
        cache: dict[tuple[tuple[str, ...], str | None], npt.NDArray[np.bool_]] = self.__dict__.setdefault("_masks", {})
        if key not in cache:
            pairs = [f.split(" ", 1) for f in self.filters]
            cache[key] = np.array([st in statuses and (category is None or cat == category) for st, cat in pairs])
        return cache[key]

    def articles(self, allowed: npt.NDArray[np.bool_] | None) -> set[str]:
        """The articles with at least one ``allowed`` row (cached per mask)."""
        cache: dict[int, tuple[npt.NDArray[np.bool_] | None, set[str]]] = self.__dict__.setdefault("_articles", {})
        key = id(allowed)
        if key not in cache:
            rows = range(len(self.ids)) if allowed is None else np.flatnonzero(allowed)
            cache[key] = (allowed, {article_of(self.ids[i]) for i in rows})
        return cache[key][1]

    @functools.cached_property
    def centring(self) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """The rows' mean and each row's length once the mean is taken away (see :meth:`top`)."""
        mean = self.matrix.mean(axis=0, dtype=np.float64).astype(np.float32)
        lengths = np.linalg.norm(self.matrix - mean, axis=1)
        return mean, np.maximum(lengths, np.float32(1e-6))

    def top(
        self,
        query: npt.NDArray[np.float32],
        k: int,
        allowed: npt.NDArray[np.bool_] | None = None,
        *,
        centred: bool = False,
    ) -> list[tuple[str, float]]:
        """The k most similar rows (cosine), optionally only among ``allowed`` rows.

        ``centred``: the cosine of ``query`` (already centred on its own language's mean, unit
        length) with each row minus this set's mean; without the language both sides share, what
        is left is mostly meaning (search/service.py, cross-language answers). Computed from the
        one product, without a second matrix: (M q - mean . q) / |M_i - mean|.
        """
        if not self.ids:
            return []
        sims = self.similarities(query, centred=centred)
        if allowed is not None:
            sims = np.where(allowed, sims, -np.inf)
        k = min(k, len(self.ids))
        part = np.argpartition(-sims, k - 1)[:k]
        best = part[np.argsort(-sims[part])]
        return [(self.ids[i], float(sims[i])) for i in best if np.isfinite(sims[i])]

    def similarities(self, query: npt.NDArray[np.float32], *, centred: bool = False) -> npt.NDArray[np.float32]:
        """Every row's cosine with ``query``, or centred (see :meth:`top`)."""
        q = np.asarray(query, dtype=self.matrix.dtype)
        # numpy's own loop, on the calling thread: BLAS would split this small product over its
        # threads, which then wait for cores the query encoders hold (6 ms instead of 0.3 at 10,000 rows).
        sims: npt.NDArray[np.float32] = np.einsum("ij,j->i", self.matrix, q)
        if centred:
            mean, lengths = self.centring
            sims = (sims - float(mean @ q)) / lengths
        return sims

    def cosines(self, query: npt.NDArray[np.float32], ids: list[str]) -> npt.NDArray[np.float32]:
        """The plain cosine of ``query`` with each of the rows ``ids``."""
        if not ids:
            return np.zeros(0, dtype=np.float32)
        rows = self.matrix[[self._rows[i] for i in ids]]
        out: npt.NDArray[np.float32] = np.einsum("ij,j->i", rows, np.asarray(query, dtype=self.matrix.dtype))
        return out

    @functools.cached_property
    def _rows(self) -> dict[str, int]:
        return {i: n for n, i in enumerate(self.ids)}

    def by_hash(self) -> dict[str, npt.NDArray[np.float32]]:
        return {h: self.matrix[i] for i, h in enumerate(self.hashes)}


class VectorStore:
    """``<dir>/<lang>.json`` names the current ``<lang>.<version>.npy``."""

    def __init__(self, directory: str):
        self.dir = directory
        self._cache: dict[str, tuple[int, VectorSet]] = {}
        self._lock = threading.Lock()

    def _meta_path(self, lang: str) -> str:
        return os.path.join(self.dir, f"{lang}.json")

    def write(self, lang: str, vs: VectorSet) -> None:
        os.makedirs(self.dir, exist_ok=True)
        meta_path = self._meta_path(lang)
        version = 0
        if os.path.exists(meta_path):
            with open(meta_path, encoding="utf-8") as fh:
                version = json.load(fh).get("version", 0) + 1
        npy = f"{lang}.{version}.npy"
        with open(os.path.join(self.dir, npy), "wb") as fh:
            np.save(fh, vs.matrix.astype(np.float32))
            fh.flush()
            os.fsync(fh.fileno())
        tmp = meta_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({"version": version, "file": npy, "ids": vs.ids, "hashes": vs.hashes, "filters": vs.filters}, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, meta_path)
        for name in os.listdir(self.dir):  # older matrices no reader can still be about to open
            if name.startswith(f"{lang}.") and name.endswith(".npy") and name != npy:
                old_version = name[len(lang) + 1 : -4]
                if old_version.isdigit() and int(old_version) < version - 1:
                    os.remove(os.path.join(self.dir, name))

    def read(self, lang: str) -> VectorSet | None:
        """The current set, cached until the JSON changes on disk; None when there is none."""
        meta_path = self._meta_path(lang)
        try:
            mtime = os.stat(meta_path).st_mtime_ns
        except FileNotFoundError:
            return None
        cached = self._cache.get(lang)
        if cached and cached[0] == mtime:
            return cached[1]
        with self._lock:
            with open(meta_path, encoding="utf-8") as fh:
                meta = json.load(fh)
            matrix = np.load(os.path.join(self.dir, meta["file"]))
            if matrix.shape[0] != len(meta["ids"]):
                raise ValueError(f"{meta_path}: {len(meta['ids'])} ids but {matrix.shape[0]} vectors")
            vs = VectorSet(meta["ids"], meta["hashes"], matrix, meta.get("filters"))
            self._cache[lang] = (mtime, vs)
            return vs


@dataclass(frozen=True)
class Rows:
    """What goes into one vector set: a text per row, with its id, content hash and filter key."""

    ids: list[str]
    hashes: list[str]
    texts: list[str]
    filters: list[str]


def passage_rows(docs: Sequence[Document]) -> Rows:
    """Each document's text as the model reads it (its passage)."""
    return Rows(
        [d.id for d in docs],
        [d.content_hash() for d in docs],
        [d.dense_text() for d in docs],
        [filter_key(d) for d in docs],
    )


def question_rows(docs: Sequence[Document]) -> Rows:
    """Each question the documents ask (``Document.asked``), one row each."""
    asked = [(d, q) for d in docs for q in d.asked()]
    return Rows(
        [d.id for d, _ in asked],
        [question_hash(q) for _, q in asked],
        [q for _, q in asked],
        [filter_key(d) for d, _ in asked],
    )


def filter_key(doc: Document) -> str:
    """A row's "status category", which :meth:`VectorSet.mask` filters on."""
    return f"{doc.status} {doc.category}"
