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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from whoosh import index as whoosh_index
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.index import EmptyIndexError, IndexVersionError
from whoosh.reading import ReaderClosed

from .analysis import analyzer_for
from .bm25 import Columns, Weights
from .documents import TEXT_FIELDS, Document, article_of

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
    fields: Mapping[str, Any] | None  # Whoosh's stored fields (None: not read, see LexicalIndex.search)


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
        self._cols: Columns | None = None

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

    def _columns(self, searcher: Any) -> Columns:
        """Per-generation arrays for scoring, shared by every thread of the process."""
        gen = searcher.reader().generation()
        cols = self._cols
        if cols is None or cols.generation != gen:
            with self._lock:
                cols = self._cols
                if cols is None or cols.generation != gen:
                    cols = self._cols = Columns(searcher.reader(), gen, self.weights)
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
        fields: int | None = None,
    ) -> list[LexicalMatch]:
        """BM25F over the text fields; filters are applied before ranking, never after.

        ``fields``: read the stored fields (the whole body among them) only of the best match of each
        of the first ``fields`` articles, the ones a caller shows; None: of every match.
        """
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
            ids = [cols.ids[d] for d in hits]
            read = range(len(ids)) if fields is None else _first_of_each(ids, fields)
            stored = {i: s.stored_fields(int(hits[i])) for i in read}
            return [LexicalMatch(ids[i], float(scores[d]), stored.get(i)) for i, d in enumerate(hits)]

        return self._run(run)

    def best_sections(
        self,
        terms: list[str],
        articles: Sequence[str],
        *,
        statuses: tuple[str, ...],
        extra: Mapping[str, float] | None = None,
    ) -> list[LexicalMatch]:
        """The best section of each of ``articles`` that matches, best first, with its stored fields."""
        found = self.search(
            terms,
            limit=len(articles) * 8,
            statuses=statuses,
            extra=extra,
            kind="section",
            articles=articles,
            fields=len(articles),
        )
        return [m for m in found if m.fields is not None]

    def hashes(self) -> dict[str, str]:
        """Every live document's id and content hash: what the index holds, to compare with the articles."""

        def run(s: Any) -> dict[str, str]:
            return {f["id"]: f.get("hash", "") for f in s.all_stored_fields()}

        return self._run(run)

    def stored(self, doc_ids: Iterable[str]) -> dict[str, Mapping[str, Any]]:
        """The stored fields of those of ``doc_ids`` the index holds (by the generation's id column:
        a quarter of the time Whoosh's own lookup by the id field takes)."""

        def run(s: Any) -> dict[str, Mapping[str, Any]]:
            cols = self._columns(s)
            return {did: s.stored_fields(d) for did in doc_ids if (d := cols.docnum(did)) is not None}

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

    def has_terms(self, terms: Sequence[str], statuses: tuple[str, ...] = ("published",)) -> bool:
        """Are all these analysed terms in documents of ``statuses`` (a word the analyzer understands)?"""
        return self._run(lambda s: self._columns(s).holds(s.reader(), terms, statuses))

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


def _first_of_each(ids: Sequence[str], articles: int) -> list[int]:
    """The positions of the first id of each of the first ``articles`` articles in ``ids``."""
    first: dict[str, int] = {}
    for i, did in enumerate(ids):
        if len(first) == articles:
            break
        first.setdefault(article_of(did), i)
    return list(first.values())


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (spelling candidates are short and few)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
