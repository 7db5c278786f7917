"""The Whoosh side: one BM25F index per language, opened and read the safe way.

Whoosh (whoosh-reloaded 2.7.5) is unmaintained, so it lives only in this module. The index is
a cache rebuilt from the articles; RELIABILITY.md sections 1.1-1.9 explain each precaution:
writers wait for the lock instead of failing, readers swap to a new searcher when the
generation changes instead of calling ``refresh()``, opening retries the TOC race, and user
queries never reach Whoosh's query parser: they are analyzed by our analyzer and turned into
term queries directly, so no field, wildcard, range or boost syntax exists to abuse.
"""

from __future__ import annotations

import contextlib
import logging
import os
import struct
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
from whoosh import index as whoosh_index
from whoosh import scoring
from whoosh.analysis import Token, Tokenizer
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.index import EmptyIndexError, IndexVersionError
from whoosh.reading import ReaderClosed, TermNotFound

from .analysis import analyzer_for
from .documents import TEXT_FIELDS, Document

log = logging.getLogger(__name__)

# Failures that mean "this index cannot be read", as opposed to a bug in our code.
OPEN_ERRORS = (EmptyIndexError, IndexVersionError, OSError, EOFError, struct.error, ValueError, KeyError)

WRITE_TIMEOUT_S = 30.0

T = TypeVar("T")


class IndexUnavailable(Exception):
    """The index is missing or unreadable; search must answer "temporarily unavailable"."""


class WhooshAnalyzer(Tokenizer):  # type: ignore[misc]  # whoosh is untyped: Tokenizer is Any
    """Adapts :class:`search.analysis.Analyzer` to Whoosh; pickled into the index by language code."""

    def __init__(self, lang: str, spelling: bool = False):
        self.lang = lang
        self.spelling = spelling

    def __getstate__(self) -> dict[str, str | bool]:
        return {"lang": self.lang, "spelling": self.spelling}

    def __setstate__(self, state: dict[str, str | bool]) -> None:
        self.__dict__.update(state)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WhooshAnalyzer) and (self.lang, self.spelling) == (other.lang, other.spelling)

    def __hash__(self) -> int:
        return hash((self.lang, self.spelling))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        analyzer = analyzer_for(self.lang)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        stream: Iterator[tuple[str, int, int]]
        if self.spelling:
            stream = ((analyzer.normalize(w), s, e) for w, s, e in analyzer.words(value))
        else:
            stream = analyzer.terms(value)
        for i, (term, start, end) in enumerate(stream):
            t.text = term
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[start:end]
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            yield t


def schema_for(lang: str) -> Schema:
    """The per-language schema: every text field shares the language's analyzer."""
    ana = WhooshAnalyzer(lang)
    return Schema(
        id=ID(stored=True, unique=True),
        article=ID(stored=True),
        kind=ID(),  # "article" (the whole article) or "section"
        anchor=STORED(),
        lang=ID(stored=True),
        category=ID(stored=True),
        status=ID(stored=True),
        section=STORED(),
        summary=STORED(),
        hash=STORED(),
        title=TEXT(analyzer=ana, stored=True, phrase=False),
        questions=TEXT(analyzer=ana, phrase=False),
        headings=TEXT(analyzer=ana, phrase=False),
        body=TEXT(analyzer=ana, stored=True, phrase=False),
        tags=TEXT(analyzer=ana, phrase=False),
        spell=TEXT(analyzer=WhooshAnalyzer(lang, spelling=True), phrase=False),
    )


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


def _fields(doc: Document) -> dict[str, str]:
    return {
        "id": doc.id,
        "article": doc.article,
        "kind": "section" if doc.anchor else "article",
        "anchor": doc.anchor,
        "lang": doc.lang,
        "category": doc.category,
        "status": doc.status,
        "section": doc.section,
        "summary": doc.summary,
        "hash": doc.content_hash(),
        "title": doc.title,
        "questions": "\n".join(doc.questions),
        "headings": "\n".join(doc.headings),
        "body": doc.body,
        "tags": " ".join(doc.tags),
        "spell": "\n".join([doc.title, doc.section, *doc.questions, doc.body]),
    }


def _commit(writer: Any, docs: Iterable[Document], delete_article: str | None = None) -> None:
    """All or nothing: a failure cancels the writer, so no half-written segment is published."""
    try:
        if delete_article is not None:
            writer.delete_by_term("article", delete_article)
        for doc in docs:
            writer.add_document(**_fields(doc))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


@dataclass
class LexicalMatch:
    id: str
    score: float
    fields: Mapping[str, Any]  # Whoosh's stored fields


class LexicalIndex:
    """One language's Whoosh index directory, opened once per process."""

    def __init__(self, path: str, lang: str, weights: Weights | None = None):
        self.path = path
        self.lang = lang
        self.weights = weights or Weights()
        self.schema = schema_for(lang)  # ours, never re-read from the TOC per request (RELIABILITY 1.3)
        self._ix: Any = None  # whoosh.index.FileIndex
        self._tls = threading.local()
        self._lock = threading.Lock()
        self._cols: _Columns | None = None

    # -- writing ---------------------------------------------------------------------------
    @classmethod
    def create(
        cls, path: str, lang: str, docs: Iterable[Document], *, weights: Weights | None = None, limitmb: int = 64
    ) -> LexicalIndex:
        os.makedirs(path, exist_ok=True)
        li = cls(path, lang, weights)
        ix = whoosh_index.create_in(path, li.schema)
        _commit(ix.writer(timeout=WRITE_TIMEOUT_S, limitmb=limitmb), docs)
        li._ix = ix
        return li

    def replace_article(self, article: str, docs: Iterable[Document]) -> None:
        """Swap every document of one article in a single commit (waits for the write lock)."""
        _commit(self._index().writer(timeout=WRITE_TIMEOUT_S), docs, delete_article=article)

    # -- reading ---------------------------------------------------------------------------
    def _index(self) -> Any:
        if self._ix is None:
            with self._lock:
                if self._ix is None:
                    self._ix = _open_with_retry(self.path)
        return self._ix

    def searcher(self) -> Any:
        """A thread-local searcher, replaced (not refreshed) when the index generation changes."""
        ix = self._index()
        s = getattr(self._tls, "s", None)
        try:
            latest = ix.latest_generation()
        except OPEN_ERRORS as exc:
            raise IndexUnavailable(f"{self.path}: {exc}") from exc
        if s is None or s.reader().generation() != latest:
            try:
                new = ix.searcher(weighting=self.weights.scorer())
            except OPEN_ERRORS as exc:
                raise IndexUnavailable(f"{self.path}: {exc}") from exc
            if s is not None:
                s.close()
            self._tls.s = s = new
        return s

    def _run(self, fn: Callable[[Any], T]) -> T:
        for attempt in (1, 2):
            try:
                return fn(self.searcher())
            except (ReaderClosed, TypeError, OSError) as exc:
                old = getattr(self._tls, "s", None)
                self._tls.s = None
                if old is not None:
                    with contextlib.suppress(Exception):  # a broken searcher may fail to close too
                        old.close()
                if attempt == 2:
                    raise IndexUnavailable(f"{self.path}: {exc}") from exc
        raise IndexUnavailable(self.path)  # pragma: no cover - the loop always returns or raises

    def generation(self) -> int:
        """Changes with every commit (cheap: one directory listing); keys per-version caches."""
        try:
            latest: int = self._index().latest_generation()
        except OPEN_ERRORS as exc:
            raise IndexUnavailable(f"{self.path}: {exc}") from exc
        return latest

    def doc_count(self) -> int:
        count: int = self._run(lambda s: s.doc_count())
        return count

    def _columns(self, searcher: Any) -> _Columns:
        """Per-generation arrays for scoring, shared by every thread of the process."""
        gen = searcher.reader().generation()
        cols = self._cols
        if cols is None or cols.generation != gen:
            with self._lock:
                cols = self._cols
                if cols is None or cols.generation != gen:
                    cols = self._cols = _Columns(searcher.reader(), gen, self.weights)
        return cols

    def search(
        self,
        terms: list[str],
        *,
        limit: int,
        category: str | None = None,
        statuses: tuple[str, ...] = ("published",),
        extra: Mapping[str, float] | None = None,
        kind: str | None = None,
        articles: Iterable[str] | None = None,
    ) -> list[LexicalMatch]:
        """BM25F over the text fields; filters are applied before ranking, never after."""
        weighted = dict.fromkeys(terms, 1.0)
        for t, factor in (extra or {}).items():
            weighted.setdefault(t, factor)
        if not weighted:
            return []

        def run(s: Any) -> list[LexicalMatch]:
            cols = self._columns(s)
            scores = cols.scores(s.reader(), weighted)
            scores[~cols.mask(statuses, kind, category, tuple(articles) if articles is not None else None)] = 0.0
            hits = np.flatnonzero(scores > 0)
            if len(hits) > limit:
                hits = hits[np.argpartition(-scores[hits], limit - 1)[:limit]]
            hits = hits[np.argsort(-scores[hits], kind="stable")]
            return [LexicalMatch(cols.ids[d], float(scores[d]), s.stored_fields(int(d))) for d in hits]

        return self._run(run)

    def stored(self, doc_ids: Iterable[str]) -> dict[str, Mapping[str, Any]]:
        def run(s: Any) -> dict[str, Mapping[str, Any]]:
            out: dict[str, Mapping[str, Any]] = {}
            for did in doc_ids:
                f = s.document(id=did)
                if f is not None:
                    out[did] = f
            return out

        return self._run(run)

    def field_scores(self, doc_id: str, terms: list[str]) -> dict[str, float]:
        """Each field's share of a document's BM25F score (the staff "explain" view)."""

        def run(s: Any) -> dict[str, float]:
            cols = self._columns(s)
            docnum = cols.docnum(doc_id)
            if docnum is None:
                return {}
            return {
                f: round(float(cols.field_scores(s.reader(), f, dict.fromkeys(terms, 1.0))[docnum]), 4)
                for f in TEXT_FIELDS
            }

        return self._run(run) if terms else {}

    def spelling(self, word: str, maxdist: int, statuses: tuple[str, ...] = ("published",)) -> str | None:
        """The closest surface word of the ``statuses`` documents within ``maxdist`` edits, or None.

        Among equally close words the one in most documents wins, so a correction points at the
        common word, and a word that exists only in drafts is never suggested to readers.
        """

        def run(s: Any) -> str | None:
            cols = self._columns(s)
            best: tuple[tuple[int, int], str] | None = None
            for cand in s.suggest("spell", word, limit=10, maxdist=maxdist, prefix=1):
                df = cols.frequency(s.reader(), cand, statuses)
                if df:
                    key = ((_edit_distance(word, cand), -df), cand)
                    best = key if best is None or key < best else best
            return best[1] if best else None

        return self._run(run)

    def coverage(self, terms: list[str], doc_ids: list[str]) -> float:
        """The share of the query's IDF weight that occurs in these documents (any field): 0 to 1.

        A word the index has never seen counts with the highest IDF, so "chocolate cake recipe"
        matched on "recipe" alone covers little, while "PayPal tracking" answered by two articles
        is covered whole.
        """
        if not terms or not doc_ids:
            return 0.0

        def run(s: Any) -> float:
            cols = self._columns(s)
            docnums = [d for d in map(cols.docnum, doc_ids) if d is not None]
            return cols.coverage(s.reader(), terms, np.array(docnums, dtype=np.int64)) if docnums else 0.0

        return self._run(run)

    def has_spelling(self, word: str, statuses: tuple[str, ...] = ("published",)) -> bool:
        """Is ``word`` (normalised surface form) in any document of ``statuses``?"""
        return self._run(lambda s: self._columns(s).frequency(s.reader(), word, statuses) > 0)

    def close(self) -> None:
        s = getattr(self._tls, "s", None)
        if s is not None:
            s.close()
            self._tls.s = None


def _open_with_retry(path: str, attempts: int = 5) -> Any:
    """open_dir races with commits that delete the previous TOC: retry before calling it broken."""
    delay = 0.02
    for attempt in range(attempts):
        try:
            return whoosh_index.open_dir(path)
        except FileNotFoundError as exc:
            if attempt == attempts - 1:
                raise IndexUnavailable(f"{path}: {exc}") from exc
            time.sleep(delay)
            delay *= 2
        except OPEN_ERRORS as exc:
            raise IndexUnavailable(f"{path}: {exc}") from exc
    raise IndexUnavailable(path)  # pragma: no cover - the loop always returns or raises


class _Columns:
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
        self.lengths = {
            f: np.array([reader.doc_field_length(d, f, 0) for d in range(n)], dtype=np.float32) for f in TEXT_FIELDS
        }
        live_n = max(1, int(self.live.sum()))
        self.avg = {f: max(1e-6, float(self.lengths[f][self.live].sum()) / live_n) for f in TEXT_FIELDS}
        stored = [reader.stored_fields(d) if self.live[d] else {} for d in range(n)]
        self.ids: list[str] = [f.get("id", "") for f in stored]
        self._by_id = {did: d for d, did in enumerate(self.ids) if did}
        self._attrs = {
            key: np.array([f.get(key, "") for f in stored], dtype=object) for key in ("status", "category", "article")
        }
        self._kind = np.array(["section" if f.get("anchor") else "article" for f in stored], dtype=object)
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
        K1, B = self.weights.K1, self.weights.B
        norm = K1 * ((1 - B) + B * self.lengths[field] / self.avg[field])
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
            m = m & np.isin(self._attrs["article"], list(articles))
        return m


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (spelling candidates are short and few)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


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
