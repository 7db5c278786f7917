"""Index generations on disk: build fresh, verify, swap atomically; update one article in place.

Layout under the index root::

    CURRENT                 the name of the generation readers use (replaced atomically)
    write.lock              flock held by the one writer (a full build or an article update)
    gen-<ns>/manifest.json  model id and dimension, per-language counts, tokenizer coverage, weights
    gen-<ns>/lex/<lang>/    one Whoosh index per language
    gen-<ns>/vectors/       one vector set per language

A build that dies half-way leaves CURRENT pointing at the previous generation, which keeps
serving; the next build that publishes removes the orphan. Nothing older is deleted before a new
generation serves, and the one before it is kept as a fallback.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from .analysis import analyzer_for
from .bm25 import Weights
from .calibration import calibrate, second_floors
from .documents import Document, article_of, parse_doc_id
from .embeddings import EmbeddingUnavailable, Encoder
from .generation import Generation, vector_dir
from .lexical import IndexUnavailable, LexicalIndex
from .vectors import Rows, VectorSet, VectorStore, passage_rows, question_rows, questions_set

log = logging.getLogger(__name__)

T = TypeVar("T")


class Progress(Protocol):
    """Wraps an iterable to report progress (tqdm-like), yielding the same items."""

    def __call__(self, it: Iterable[T], desc: str, total: int, /) -> Iterable[T]: ...


def _no_progress(it: Iterable[T], desc: str = "", total: int = 0) -> Iterable[T]:
    return it


class WriterBusy(Exception):
    """Another process holds the index write lock for longer than we may wait."""


class VectorsDeferred(Exception):
    """A keyword-only build found documents without vectors: it publishes without any."""


class BuildFailed(Exception):
    """A fresh generation failed verification; the previous one keeps serving."""


class IndexStore:
    """The index root of one help center, shared by every thread of a process."""

    def __init__(
        self,
        root: str,
        *,
        weights: Weights | None = None,
        encoder: Encoder | None = None,
        extra_encoders: Sequence[Encoder] = (),
        reader_samples: Mapping[str, Sequence[str]] | None = None,
        write_timeout: float = 30.0,
    ):
        self.root = os.path.abspath(root)
        self.weights = weights or Weights()
        self.encoder = encoder
        # Second opinions in the languages they read well (all-MiniLM in English): own vectors, same
        # documents; they add to the ranking and never decide the floor or cross-language matching.
        self.extra_encoders = list(extra_encoders) if encoder is not None else []
        # Short texts in languages readers may search in, articles or not (the site's interface
        # strings): where a multilingual model places such a reader's questions (calibration.calibrate).
        self.reader_samples = dict(reader_samples or {})
        self.write_timeout = write_timeout
        self._current: tuple[int, Generation] | None = None
        self._lock = threading.Lock()

    # -- reading ---------------------------------------------------------------------------
    def current(self) -> Generation:
        """The generation named by CURRENT, reopened only when CURRENT changes."""
        path = os.path.join(self.root, "CURRENT")
        try:
            mtime = os.stat(path).st_mtime_ns
        except FileNotFoundError as exc:
            raise IndexUnavailable("no index has been built yet") from exc
        cached = self._current
        if cached and cached[0] == mtime:
            return cached[1]
        with self._lock:
            try:
                with open(path, encoding="utf-8") as fh:
                    name = fh.read().strip()
                gen_path = os.path.join(self.root, name)
                with open(os.path.join(gen_path, "manifest.json"), encoding="utf-8") as fh:
                    manifest = json.load(fh)
            except (OSError, ValueError) as exc:
                raise IndexUnavailable(f"cannot read the current index: {exc}") from exc
            gen = Generation(name, gen_path, manifest, self.weights)
            old = self._current
            self._current = (mtime, gen)
        if old is not None and old[1].name != gen.name:
            old[1].close()
        return gen

    # -- writing ---------------------------------------------------------------------------
    @contextmanager
    def write_lock(self, timeout: float | None = None) -> Iterator[None]:
        """One writer at a time across processes and threads (flock is per open file)."""
        os.makedirs(self.root, exist_ok=True)
        fd = os.open(os.path.join(self.root, "write.lock"), os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + (self.write_timeout if timeout is None else timeout)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise WriterBusy("another process is writing the index") from None
                    time.sleep(0.05)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    def build(
        self,
        docs_by_lang: Mapping[str, Sequence[Document]],
        *,
        progress: Progress = _no_progress,
        lock_timeout: float | None = None,
        vectors: bool = True,
    ) -> Generation:
        """Build, verify and publish a fresh generation; the old one serves until the swap.

        ``vectors=False`` encodes nothing: when the previous generation has vectors for every document
        (by content hash) they are carried over, else the keyword index is published alone (seconds),
        marked ``vectors_deferred``, and a later full build adds the vectors.
        """
        with self.write_lock(lock_timeout):
            previous = self._try_current()
            name = f"gen-{time.time_ns()}"
            path = os.path.join(self.root, name)
            try:
                manifest = self._build_into(path, docs_by_lang, previous, progress, vectors)
                self._verify(path, manifest, docs_by_lang)
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)
                raise
            self._publish(name)
            self._remove_orphans(keep={name, previous.name} if previous else {name})
        return self.current()

    def _try_current(self) -> Generation | None:
        try:
            return self.current()
        except IndexUnavailable:
            return None

    def _build_into(
        self,
        path: str,
        docs_by_lang: Mapping[str, Sequence[Document]],
        previous: Generation | None,
        progress: Progress,
        vectors: bool = True,
    ) -> dict[str, Any]:
        langs: dict[str, dict[str, Any]] = {}
        for lang in sorted(docs_by_lang):
            docs = docs_by_lang[lang]
            LexicalIndex.create(
                os.path.join(path, "lex", lang), lang, progress(docs, f"index {lang}", len(docs)), weights=self.weights
            )
            langs[lang] = {
                "docs": len(docs),
                "articles": len({d.article for d in docs}),
                "analyzer": analyzer_for(lang).info.__dict__,
            }
        manifest: dict[str, Any] = {
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "langs": langs,
            "weights": self.weights.__dict__,
            "model": None,
        }
        if self.encoder is not None:
            try:
                manifest["model"] = self._embed_all(
                    path, 0, self.encoder, docs_by_lang, langs, previous=previous, progress=progress, encode=vectors
                )
            except VectorsDeferred:
                manifest["vectors_deferred"] = True
            except EmbeddingUnavailable as exc:
                log.warning("building without dense vectors: %s", exc)
                manifest["model_error"] = str(exc)
        if manifest["model"]:
            manifest["extra_models"] = []
            for slot, enc in enumerate(self.extra_encoders, start=1):
                try:
                    info = self._embed_all(
                        path,
                        slot,
                        enc,
                        docs_by_lang,
                        {lang: {} for lang in langs},
                        previous=previous,
                        progress=progress,
                        encode=vectors,
                    )
                except (VectorsDeferred, EmbeddingUnavailable) as exc:
                    log.warning("building without the extra model %s: %s", enc.model_name, exc)
                    info = {"id": enc.model_id if isinstance(exc, VectorsDeferred) else None, "deferred": True}
                manifest["extra_models"].append(info)
        _write_json(os.path.join(path, "manifest.json"), manifest)
        return manifest

    def _embed_all(
        self,
        path: str,
        slot: int,
        enc: Encoder,
        docs_by_lang: Mapping[str, Sequence[Document]],
        langs: dict[str, dict[str, Any]],
        *,
        previous: Generation | None,
        progress: Progress,
        encode: bool = True,
    ) -> dict[str, Any]:
        """One model's vectors for every document, reused by content hash from the previous generation.

        Writes each language's coverage, dense weight and the relevance floor's calibration into
        ``langs`` (an extra model's, its own centre and spread: into its record's ``langs``).
        :raise VectorsDeferred: when ``encode`` is off and some document has no vector yet.
        """
        reuse: dict[str, npt.NDArray[np.float32]] = {}
        if previous is not None:
            old_slot = next(
                (
                    i
                    for i in range(len(previous.manifest.get("extra_models") or []) + 1)
                    if previous.model_info(i).get("id") == enc.model_id and not previous.model_info(i).get("deferred")
                ),
                None,
            )
            if old_slot is not None:
                for lang in previous.langs:
                    try:
                        vs = previous.vector_store(old_slot).read(lang)
                        qs = previous.vector_store(old_slot).read(questions_set(lang))
                    except (OSError, ValueError):
                        vs = qs = None
                    for old in (vs, qs):
                        if old is not None:
                            reuse.update(old.by_hash())
        # The primary model also holds each article's asked questions, encoded as queries.
        sets = {
            lang: [(lang, passage_rows(docs), False)]
            + ([(questions_set(lang), question_rows(docs), True)] if slot == 0 else [])
            for lang, docs in docs_by_lang.items()
        }
        if not encode and any(h not in reuse for per in sets.values() for _, rows, _ in per for h in rows.hashes):
            raise VectorsDeferred()
        store = VectorStore(os.path.join(path, vector_dir(slot)))
        matrices: dict[str, npt.NDArray[np.float32]] = {}
        asked: dict[str, VectorSet] = {}
        encoded = reused = 0
        for lang in sorted(docs_by_lang):
            docs = docs_by_lang[lang]
            rep = enc.representability([d.body for d in docs], lang)
            langs[lang]["representability"] = {**rep.__dict__, "score": rep.score}
            langs[lang]["dense_weight"] = weight = enc.dense_weight(rep)
            if slot and weight == 0:
                continue  # an extra model only keeps the languages it reads
            for name, rows, queries in sets[lang]:
                todo = [i for i, h in enumerate(rows.hashes) if h not in reuse]
                fresh = enc.encode(
                    [rows.texts[i] for i in todo],
                    queries=queries,
                    progress=lambda it: progress(it, f"embed {name}", len(todo) // 32 + 1),  # noqa: B023 - used in this iteration
                )
                matrix = np.zeros((len(rows.ids), enc.dim), dtype=np.float32)
                for row, i in enumerate(todo):
                    matrix[i] = fresh[row]
                for i, h in enumerate(rows.hashes):
                    if h in reuse:
                        matrix[i] = reuse[h]
                vs = VectorSet(rows.ids, rows.hashes, matrix, rows.filters)
                if name == lang:
                    matrices[lang] = matrix
                else:
                    asked[lang] = vs
                encoded += len(todo)
                reused += len(rows.ids) - len(todo)
                store.write(name, vs)
        info: dict[str, Any] = {
            "id": enc.model_id,
            "dim": enc.dim,
            "encoded": encoded,
            "reused": reused,
            "multilingual": enc.multilingual,
        }
        if slot == 0:
            info["questions"] = True  # the asked-question sets exist (older generations lack them)
            floors, centring = calibrate(
                enc, docs_by_lang, matrices, self.reader_samples if enc.multilingual else {}, asked
            )
            for lang, floor in floors.items():
                langs[lang]["floor"] = floor
            if enc.multilingual:
                info.update(centring)
        else:
            floors = second_floors(enc, docs_by_lang, matrices)
            info["langs"] = {
                lang: {"dense_weight": v["dense_weight"], "representability": v["representability"]["score"]}
                | ({"floor": floors[lang]} if lang in floors else {})
                for lang, v in langs.items()
            }
        return info

    def _verify(self, path: str, manifest: dict[str, Any], docs_by_lang: Mapping[str, Sequence[Document]]) -> None:
        """Document counts and one probe query per language, on the files just written."""
        for lang, docs in docs_by_lang.items():
            li = LexicalIndex(os.path.join(path, "lex", lang), lang, self.weights)
            try:
                count = li.doc_count()
                if count != len(docs):
                    raise BuildFailed(f"{lang}: {count} documents in the index, {len(docs)} expected")
                probe = next(
                    (d for d in docs if d.status == "published" and analyzer_for(lang).term_list(d.body)), None
                )
                if probe is not None:
                    terms = analyzer_for(lang).term_list(probe.title + " " + probe.body)[:8]
                    hits = li.search(terms, limit=len(docs), statuses=(probe.status,))
                    if probe.id not in {h.id for h in hits}:
                        raise BuildFailed(f"{lang}: probe query for {probe.id} did not find it")
            finally:
                li.close()
            if manifest.get("model"):
                vs = VectorStore(os.path.join(path, "vectors")).read(lang)
                if vs is None or len(vs.ids) != len(docs):
                    raise BuildFailed(f"{lang}: vector count does not match {len(docs)} documents")

    def _publish(self, name: str) -> None:
        tmp = os.path.join(self.root, "CURRENT.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, os.path.join(self.root, "CURRENT"))
        dir_fd = os.open(self.root, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def _remove_orphans(self, keep: set[str]) -> None:
        for entry in os.listdir(self.root):
            if entry.startswith("gen-") and entry not in keep:
                shutil.rmtree(os.path.join(self.root, entry), ignore_errors=True)

    def reanalyzed_langs(self) -> list[str]:
        """Languages the current generation indexed with another analyzer than today's (an upgrade
        changed a stemmer or stop list): their terms no longer meet the queries'.
        :raise IndexUnavailable: when there is no readable index."""
        langs = self.current().manifest["langs"]
        return [lang for lang, info in langs.items() if info.get("analyzer") != analyzer_for(lang).info.__dict__]

    def stale_articles(self, docs_by_lang: Mapping[str, Sequence[Document]]) -> list[tuple[str, str]]:
        """(lang, article) whose documents in the current generation differ from ``docs_by_lang``
        (changed, added or removed since indexed: a crash after a file write, an edit while stopped).
        :raise IndexUnavailable: when there is no readable index (rebuild it instead).
        """
        gen = self.current()
        stale: set[tuple[str, str]] = set()
        for lang in set(docs_by_lang) | set(gen.langs):
            want = {d.id: d.content_hash() for d in docs_by_lang.get(lang, ())}
            have = gen.lexical(lang).hashes() if lang in gen.langs else {}
            for did in want.keys() ^ have.keys() | {d for d in want.keys() & have.keys() if want[d] != have[d]}:
                stale.add((lang, parse_doc_id(did)[1]))
        return sorted(stale)

    def replace_article(self, lang: str, article: str, docs: Sequence[Document]) -> None:
        """Put one article's documents (none: delete it) into the current generation."""
        with self.write_lock():
            gen = self.current()
            if lang not in gen.manifest.get("langs", {}):
                raise IndexUnavailable(f"language {lang!r} is not in the index; rebuild it")
            gen.lexical(lang).replace_article(article, docs)
            for slot, enc in enumerate([self.encoder, *self.extra_encoders]):
                model = gen.model_info(slot)
                if (
                    enc is not None
                    and model.get("id") == enc.model_id
                    and not model.get("deferred")
                    and (slot == 0 or model.get("langs", {}).get(lang, {}).get("dense_weight", 0) > 0)
                ):
                    vectors = gen.vector_store(slot)
                    self._replace_vectors(vectors, lang, enc, article, passage_rows(docs))
                    if model.get("questions"):
                        self._replace_vectors(
                            vectors, questions_set(lang), enc, article, question_rows(docs), queries=True
                        )
            info = gen.manifest["langs"][lang]
            info["docs"] = gen.lexical(lang).doc_count()
            _write_json(os.path.join(gen.path, "manifest.json"), gen.manifest)

    def _replace_vectors(
        self, vectors: VectorStore, name: str, enc: Encoder, article: str, rows: Rows, *, queries: bool = False
    ) -> None:
        """Set ``name``'s rows of ``article`` (every language's ids start with it) to ``rows``."""
        old = vectors.read(name) or VectorSet([], [], np.zeros((0, enc.dim), np.float32))
        keep = [i for i, did in enumerate(old.ids) if article_of(did) != article]
        known = old.by_hash()
        todo = [i for i, h in enumerate(rows.hashes) if h not in known]
        fresh = dict(zip(todo, enc.encode([rows.texts[i] for i in todo], queries=queries), strict=True))
        new_rows = [fresh[i] if i in fresh else known[h] for i, h in enumerate(rows.hashes)]
        matrix = np.vstack([old.matrix[keep]] + ([np.stack(new_rows)] if new_rows else []))
        old_filters = old.filters or [""] * len(old.ids)
        vectors.write(
            name,
            VectorSet(
                [old.ids[i] for i in keep] + rows.ids,
                [old.hashes[i] for i in keep] + rows.hashes,
                matrix.astype(np.float32),
                [old_filters[i] for i in keep] + rows.filters,
            ),
        )


def _write_json(path: str, data: dict[str, Any]) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
