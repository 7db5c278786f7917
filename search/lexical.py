"""The Whoosh side: one BM25F index per language, opened and read the safe way.

Whoosh (whoosh-reloaded 2.7.5) is unmaintained, so it lives only in this module. The index is
a cache rebuilt from the articles; RELIABILITY.md sections 1.1-1.9 explain each precaution:
writers wait for the lock instead of failing, readers swap to a new searcher when the
generation changes instead of calling ``refresh()``, opening retries the TOC race, and user
queries never reach Whoosh's query parser: they are analyzed by our analyzer and turned into
term queries directly, so no field, wildcard, range or boost syntax exists to abuse.
"""
from __future__ import annotations

import logging
import os
import struct
import threading
import time
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping

from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh import scoring
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.index import EmptyIndexError, IndexVersionError
from whoosh.reading import ReaderClosed

from .analysis import analyzer_for
from .documents import TEXT_FIELDS, Document

log = logging.getLogger(__name__)

# Failures that mean "this index cannot be read", as opposed to a bug in our code.
OPEN_ERRORS = (EmptyIndexError, IndexVersionError, OSError, EOFError, struct.error, ValueError, KeyError)

WRITE_TIMEOUT_S = 30.0


class IndexUnavailable(Exception):
    """The index is missing or unreadable; search must answer "temporarily unavailable"."""


class WhooshAnalyzer(Tokenizer):
    """Adapts :class:`search.analysis.Analyzer` to Whoosh; pickled into the index by language code."""

    def __init__(self, lang: str, spelling: bool = False):
        self.lang = lang
        self.spelling = spelling

    def __getstate__(self) -> dict:
        return {"lang": self.lang, "spelling": self.spelling}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WhooshAnalyzer) and (self.lang, self.spelling) == (other.lang, other.spelling)

    def __hash__(self) -> int:
        return hash((self.lang, self.spelling))

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs) -> Iterator[Token]:
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
    """BM25F parameters: per-field boosts plus Okapi's B and K1 (tuned with `python -m kb.eval`)."""

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


def _fields(doc: Document) -> dict:
    return dict(
        id=doc.id, article=doc.article, kind="section" if doc.anchor else "article", anchor=doc.anchor, lang=doc.lang, category=doc.category,
        status=doc.status, section=doc.section, summary=doc.summary, hash=doc.content_hash(),
        title=doc.title, questions="\n".join(doc.questions), headings="\n".join(doc.headings),
        body=doc.body, tags=" ".join(doc.tags),
        spell="\n".join([doc.title, doc.section, *doc.questions, doc.body]),
    )


@dataclass
class LexicalMatch:
    id: str
    score: float
    fields: Mapping


class LexicalIndex:
    """One language's Whoosh index directory, opened once per process."""

    def __init__(self, path: str, lang: str, weights: Weights | None = None):
        self.path = path
        self.lang = lang
        self.weights = weights or Weights()
        self.schema = schema_for(lang)  # ours, never re-read from the TOC per request (RELIABILITY 1.3)
        self._ix = None
        self._tls = threading.local()
        self._lock = threading.Lock()

    # -- writing ---------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str, lang: str, docs: Iterable[Document], *, weights: Weights | None = None,
               limitmb: int = 64) -> "LexicalIndex":
        os.makedirs(path, exist_ok=True)
        li = cls(path, lang, weights)
        ix = whoosh_index.create_in(path, li.schema)
        writer = ix.writer(timeout=WRITE_TIMEOUT_S, limitmb=limitmb)
        try:
            for doc in docs:
                writer.add_document(**_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        li._ix = ix
        return li

    def replace_article(self, article: str, docs: Iterable[Document]) -> None:
        """Swap every document of one article in a single commit (waits for the write lock)."""
        writer = self._index().writer(timeout=WRITE_TIMEOUT_S)
        try:
            writer.delete_by_term("article", article)
            for doc in docs:
                writer.add_document(**_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    # -- reading ---------------------------------------------------------------------------
    def _index(self):
        if self._ix is None:
            with self._lock:
                if self._ix is None:
                    self._ix = _open_with_retry(self.path)
        return self._ix

    def searcher(self):
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

    def _run(self, fn):
        for attempt in (1, 2):
            try:
                return fn(self.searcher())
            except (ReaderClosed, TypeError, OSError) as exc:
                old = getattr(self._tls, "s", None)
                self._tls.s = None
                if old is not None:
                    try:
                        old.close()
                    except Exception:  # noqa: BLE001 - a broken searcher may fail to close too
                        pass
                if attempt == 2:
                    raise IndexUnavailable(f"{self.path}: {exc}") from exc

    def doc_count(self) -> int:
        return self._run(lambda s: s.doc_count())

    def known_terms(self, fieldname: str, terms: Iterable[str]) -> set[str]:
        return self._run(lambda s: {t for t in terms if (fieldname, t) in s.reader()})

    def search(self, terms: list[str], *, limit: int, category: str | None = None,
               statuses: tuple[str, ...] = ("published",), extra: Mapping[str, float] | None = None,
               kind: str | None = None, articles: Iterable[str] | None = None) -> list[LexicalMatch]:
        """BM25F over the text fields; filters live inside the query (RELIABILITY 1.9)."""
        q = build_query(terms, self.weights, category=category, statuses=statuses, extra=extra, kind=kind,
                        articles=articles)
        if q is None:
            return []

        def run(s):
            results = s.search(q, limit=limit)
            return [LexicalMatch(h["id"], h.score, h.fields()) for h in results]

        return self._run(run)

    def stored(self, doc_ids: Iterable[str]) -> dict[str, Mapping]:
        def run(s):
            out = {}
            for did in doc_ids:
                f = s.document(id=did)
                if f is not None:
                    out[did] = f
            return out

        return self._run(run)

    def field_scores(self, doc_id: str, terms: list[str]) -> dict[str, float]:
        """Each field's share of a document's BM25F score (the staff "explain" view)."""
        out = {}

        def run(s):
            for f, boost in self.weights.field_boosts().items():
                q = Q.And([Q.Or([Q.Term(f, t, boost=boost) for t in terms]), Q.Term("id", doc_id)])
                r = s.search(q, limit=1)
                out[f] = round(r[0].score, 4) if len(r) else 0.0
            return out

        return self._run(run) if terms else {}

    def spelling(self, word: str, maxdist: int) -> str | None:
        """The closest indexed surface word within ``maxdist`` edits, or None."""
        def run(s):
            found = s.suggest("spell", word, limit=1, maxdist=maxdist, prefix=1)
            return found[0] if found else None

        return self._run(run)

    def has_spelling(self, word: str) -> bool:
        return self._run(lambda s: ("spell", word) in s.reader())

    def close(self) -> None:
        s = getattr(self._tls, "s", None)
        if s is not None:
            s.close()
            self._tls.s = None


def build_query(terms: list[str], weights: Weights, *, category: str | None = None,
                statuses: tuple[str, ...] = ("published",), extra: Mapping[str, float] | None = None,
                kind: str | None = None, articles: Iterable[str] | None = None):
    """Term queries only: each term may match any field, boosted per field."""
    boosts = weights.field_boosts()
    groups = [Q.Or([Q.Term(f, t, boost=b) for f, b in boosts.items()]) for t in dict.fromkeys(terms)]
    for t, factor in (extra or {}).items():
        groups.append(Q.Or([Q.Term(f, t, boost=b * factor) for f, b in boosts.items()]))
    if not groups:
        return None
    must = [Q.Or(groups)]
    must.append(Q.Or([Q.Term("status", s) for s in statuses]) if len(statuses) > 1 else Q.Term("status", statuses[0]))
    if category:
        must.append(Q.Term("category", category))
    if kind:
        must.append(Q.Term("kind", kind))
    if articles is not None:
        must.append(Q.Or([Q.Term("article", a) for a in articles]))
    return Q.And(must)


def _open_with_retry(path: str, attempts: int = 5):
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
