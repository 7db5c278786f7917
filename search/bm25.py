"""BM25F over Whoosh's postings with numpy: the parameters (:class:`Weights`) and :class:`Columns`,
which reads each posting list once per index generation into arrays and scores every document at once."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh import scoring
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import TermNotFound

from .documents import TEXT_FIELDS


@dataclass(frozen=True)
class Weights:
    """BM25F parameters: per-field boosts plus Okapi's B and K1 (tuned with `python -m kb.evaluation.eval`)."""

    title: float = 3.0
    questions: float = 2.5
    headings: float = 0.3  # heading words are also in the body: more weight double-counts them
    body: float = 1.0
    tags: float = 1.5
    B: float = 0.75
    K1: float = 1.6

    def field_boosts(self) -> dict[str, float]:
        return {f: getattr(self, f) for f in TEXT_FIELDS}

    def scorer(self) -> scoring.BM25F:
        return scoring.BM25F(B=self.B, K1=self.K1)


class Columns:
    """Whoosh's postings scored with numpy: exact BM25F, all documents at once.

    Whoosh scores posting by posting in Python (over 100 ms at 10,000 documents for a ten-word
    question); reading each posting list once per index generation into arrays and scoring with
    vector arithmetic gives the same ranking in about a millisecond. Whoosh still owns the files,
    the lexicon, stored fields and spelling.
    """

    POSTINGS_CACHE = 50_000  # (field, term) lists kept per generation

    def __init__(self, reader: Any, generation: int, weights: Weights):
        self.generation = generation
        self.weights = weights
        n = reader.doc_count_all()
        self.n = n
        self.live = np.zeros(n, dtype=bool)
        self.live[list(reader.all_doc_ids())] = True
        # Whoosh answers None (not the default) for a document with nothing in a field that others
        # fill; as NaN it made the field's average length NaN, then 1e-6, and the field's every
        # match scored ~0: articles' questions, tags and headings counted for nothing.
        self.lengths = {
            f: np.array([reader.doc_field_length(d, f, 0) or 0 for d in range(n)], dtype=np.float32)
            for f in TEXT_FIELDS
        }
        live_n = max(1, int(self.live.sum()))
        self.avg = {f: max(1e-6, float(self.lengths[f][self.live].sum()) / live_n) for f in TEXT_FIELDS}
        K1, B = weights.K1, weights.B
        # Each document's length normalisation per field, once per generation rather than per query.
        self._norm = {f: K1 * ((1 - B) + B * self.lengths[f] / self.avg[f]) for f in TEXT_FIELDS}
        stored = [reader.stored_fields(d) if self.live[d] else {} for d in range(n)]
        self.ids: list[str] = [f.get("id", "") for f in stored]
        self._by_id = {did: d for d, did in enumerate(self.ids) if did}
        self._attrs = {key: np.array([f.get(key, "") for f in stored], dtype=object) for key in ("status", "category")}
        self._kind = np.array(["section" if f.get("anchor") else "article" for f in stored], dtype=object)
        # Articles as integer codes, so restricting a search to a few articles is one lookup per row
        # instead of comparing every row's string with theirs.
        self._article_code: dict[str, int] = {}
        self._article_codes = np.array(
            [self._article_code.setdefault(f.get("article", ""), len(self._article_code)) for f in stored],
            dtype=np.int64,
        )
        self._postings: dict[tuple[str, str], tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]] = {}
        self._masks: dict[tuple[tuple[str, ...], str | None, str | None], npt.NDArray[np.bool_]] = {}
        self._lock = threading.Lock()

    def docnum(self, doc_id: str) -> int | None:
        return self._by_id.get(doc_id)

    def postings(self, reader: Any, field: str, term: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        key = (field, term)
        found = self._postings.get(key)
        if found is None:
            found = _read_postings(reader, field, term)
            with self._lock:
                if len(self._postings) >= self.POSTINGS_CACHE:
                    self._postings.clear()
                self._postings[key] = found
        return found

    def field_scores(self, reader: Any, field: str, terms: Mapping[str, float]) -> npt.NDArray[np.float32]:
        out = np.zeros(self.n, dtype=np.float32)
        boost = getattr(self.weights, field)
        if boost <= 0:
            return out
        K1, norm = self.weights.K1, self._norm[field]
        for term, factor in terms.items():
            ids, tf = self.postings(reader, field, term)
            if not len(ids):
                continue
            # Whoosh's BM25F idf and per-field BM25, boosted per field and per term.
            idf = np.log(self.n / (len(ids) + 1)) + 1
            out[ids] += (boost * factor * idf) * (tf * (K1 + 1)) / (tf + norm[ids])
        return out

    def scores(self, reader: Any, terms: Mapping[str, float]) -> npt.NDArray[np.float32]:
        total = np.zeros(self.n, dtype=np.float32)
        for field in TEXT_FIELDS:
            total += self.field_scores(reader, field, terms)
        return total

    def frequency(self, reader: Any, word: str, statuses: tuple[str, ...]) -> int:
        """In how many live documents of ``statuses`` a surface word occurs (the spelling field)."""
        ids, _ = self.postings(reader, "spell", word)
        return int(self.mask(statuses, None, None, None)[ids].sum()) if len(ids) else 0

    def holds(self, reader: Any, terms: Sequence[str], statuses: tuple[str, ...]) -> bool:
        """Does every term occur, in some field, in a live document of ``statuses``?"""
        mask = self.mask(statuses, None, None, None)
        return bool(terms) and all(
            any(mask[ids].any() for ids, _ in (self.postings(reader, f, term) for f in TEXT_FIELDS)) for term in terms
        )

    def coverage(self, reader: Any, terms: list[str], docnums: npt.NDArray[np.int64]) -> float:
        top_idf = float(np.log(self.n) + 1)
        total = held = 0.0
        for term in dict.fromkeys(terms):
            idf, found = top_idf, False
            for field in TEXT_FIELDS:
                ids, _ = self.postings(reader, field, term)
                if len(ids):
                    idf = min(idf, float(np.log(self.n / (len(ids) + 1)) + 1))
                    found = found or bool(np.isin(docnums, ids).any())
            total += idf
            held += idf if found else 0.0
        return held / total if total else 0.0

    def mask(
        self, statuses: tuple[str, ...], kind: str | None, category: str | None, articles: tuple[str, ...] | None
    ) -> npt.NDArray[np.bool_]:
        key = (statuses, kind, category)
        m = self._masks.get(key)
        if m is None:
            m = self.live & np.isin(self._attrs["status"], list(statuses))
            if kind:
                m &= self._kind == kind
            if category:
                m &= self._attrs["category"] == category
            with self._lock:
                self._masks[key] = m
        if articles is not None:
            wanted = np.zeros(len(self._article_code), dtype=bool)
            wanted[[c for c in map(self._article_code.get, articles) if c is not None]] = True
            m = m & wanted[self._article_codes]
        return m


def _read_postings(reader: Any, field: str, term: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """(document numbers, term frequencies) of one term, deleted documents included (masked later)."""
    ids: list[npt.NDArray[np.int64]] = []
    tfs: list[npt.NDArray[np.float32]] = []
    for leaf, offset in reader.leaf_readers():
        try:
            m = leaf.postings(field, term)
        except TermNotFound:
            continue
        m = getattr(m, "child", m)  # unwrap the deleted-documents filter; the live mask covers it
        if isinstance(m, W3LeafMatcher):
            while m.is_active():  # a whole block at a time instead of posting by posting
                m._read_ids()
                m._read_weights()
                ids.append(np.asarray(m._ids, dtype=np.int64) + offset)
                tfs.append(np.asarray(m._weights, dtype=np.float32))
                m._next_block()
        else:
            block_ids: list[int] = []
            block_tfs: list[float] = []
            while m.is_active():
                block_ids.append(m.id() + offset)
                block_tfs.append(m.weight())
                m.next()
            ids.append(np.asarray(block_ids, dtype=np.int64))
            tfs.append(np.asarray(block_tfs, dtype=np.float32))
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate(ids), np.concatenate(tfs)
