"""The help center without the web: :class:`HelpCenter`, one per process.

It holds the settings, the article store, the search index, the embedding models and the database,
and offers the product's operations to the web adapter (kb/web), the CLI (kb/cli/) and the
evaluation commands alike: search, index and re-index after a write, the site secret. Mining,
review and translation are functions of their packages that take a ``HelpCenter``.

The index is a cache of the articles: when it is missing or unreadable, search answers
"unavailable" and a rebuild starts in the background.
"""

from __future__ import annotations

import functools
import logging
import os
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy.exc import SQLAlchemyError

from kb.content.articles import Article, ArticleNotFound, ArticleStore
from kb.content.authoring import pull_revisions
from kb.content.documents import documents_for
from kb.db import Database
from kb.settings import INSTANCE_DIR, Settings
from kb.translation.catalogs import interface_strings
from kb.translation.status import is_outdated
from search import (
    Document,
    Encoder,
    Hit,
    IndexStore,
    IndexUnavailable,
    SearchConfig,
    SearchResult,
    SearchService,
    WriterBusy,
)
from search.embeddings import DISABLED
from search.store import Progress

log = logging.getLogger(__name__)

MAX_STALE_UPDATES = 20  # more articles out of step with the index than this: rebuild it instead
LOG_REREAD = 100  # revision ids below the newest seen that are read again (commits can land out of order)


def make_encoder(settings: Settings, model: str | None = None) -> Encoder | None:
    """The encoder ``model`` names (default: search's ``embedding_model``); None when it is 'none'."""
    name = settings.embedding_model if model is None else model
    if name.strip().lower() in DISABLED:
        return None
    threads = settings.embedding_threads or None
    return Encoder(
        name, threads=threads, quantize=settings.embedding_int8, passage_tokens=settings.embedding_passage_tokens
    )


def extra_encoders(settings: Settings, *, mining: bool = False) -> list[Encoder]:
    """The second-opinion models of ``embedding_extra`` (each adds a dense ranking where it reads well)
    or, ``mining``, of ``mining_extra`` (each joins the mining model's graph); none without a main model."""
    main = settings.mining_model if mining else settings.embedding_model
    names = settings.mining_extra if mining else settings.embedding_extra
    if main.strip().lower() in DISABLED:
        return []
    return [enc for n in extra_names(names, main) if (enc := make_encoder(settings, n))]


def extra_names(value: str, main: str) -> list[str]:
    """The model names of a comma-separated setting, without the main model's."""
    return [n for n in (part.strip() for part in value.split(",")) if n and n != main]


def search_config(settings: Settings) -> SearchConfig:
    return SearchConfig(
        max_chars=settings.search_max_chars,
        max_terms=settings.search_max_terms,
        fusion=settings.fusion,
        dense_scale=settings.dense_scale,
        fallback_lang=settings.default_language,
    )


class HelpCenter:
    def __init__(
        self,
        settings: Settings,
        articles: ArticleStore | None = None,
        encoder: Encoder | None = None,
        extra: list[Encoder] | None = None,
        db: Database | None = None,
    ):
        self.settings = settings
        self.articles = articles or ArticleStore(settings.articles_dir, settings.default_language)
        self._db = db
        self.encoder = encoder if encoder is not None else make_encoder(settings)
        if self.encoder is None:
            self.extra_encoders: list[Encoder] = []
        else:
            self.extra_encoders = extra if extra is not None else extra_encoders(settings)
        self._mining_encoders: dict[str, Encoder | None] = {}  # loaded for mining alone, by model name
        self.store = IndexStore(
            settings.index_dir,
            encoder=self.encoder,
            extra_encoders=self.extra_encoders,
            reader_samples=interface_strings(settings.translations_dir),
        )
        self.service = SearchService(self.store, self.encoder, search_config(settings))
        self._related = functools.lru_cache(maxsize=4096)(self._related_uncached)
        self._rebuild: threading.Thread | None = None
        self._rebuild_lock = threading.Lock()
        self._resolved: dict[tuple[str, str, str], str | None] = {}
        self._log_seen = 0  # the newest revision log id applied by pull_revisions
        self._stopped = threading.Event()
        self.outbox_wake = threading.Event()  # set after a ticket is made: the outbox worker sends at once

    @functools.cached_property
    def db(self) -> Database:
        """The database of ``database_url``, opened on first use (search alone never needs it)."""
        return self._db or Database(self.settings.database_url)

    @functools.cached_property
    def secret(self) -> str:
        """``secret_key``, or the installation's own random key (instance/secret_key, made on first start).

        :raise RuntimeError: with a server database and no ``secret_key``: several hosts would each
            make their own, and sessions and CSRF tokens would fail whenever a request changes host.
        """
        if self.settings.secret_key:
            return self.settings.secret_key
        if self.shared_database:
            raise RuntimeError("KB_SECRET_KEY must be set with a server database (every host signs with it)")
        return _instance_secret(INSTANCE_DIR)

    @property
    def shared_database(self) -> bool:
        """Is the database a server that several hosts may share (anything but SQLite)?"""
        return not self.settings.database_url.startswith("sqlite")

    @property
    def mining_encoder(self) -> Encoder | None:
        """Mining's model: one search already loaded when the settings name the same one, else its own (lazy)."""
        return self._loaded(self.settings.mining_model)

    @property
    def mining_extra(self) -> list[Encoder]:
        """Mining's second opinions (``mining_extra``), loaded the same way; none without a mining model."""
        names = extra_names(self.settings.mining_extra, self.settings.mining_model) if self.mining_encoder else []
        return [enc for n in names if (enc := self._loaded(n))]

    def _loaded(self, name: str) -> Encoder | None:
        for enc in [self.encoder, *self.extra_encoders, *self._mining_encoders.values()]:
            if enc is not None and enc.model_name == name:
                return enc
        if name not in self._mining_encoders:
            self._mining_encoders[name] = make_encoder(self.settings, name)
        return self._mining_encoders[name]

    def documents(self, *, answering: bool = False) -> dict[str, list[Document]]:
        """Every valid article (published and draft) as documents, per language; ``answering``: as
        mining's coverage judges them, without the sections that only point to other articles."""
        out: dict[str, list[Document]] = {lang: [] for lang in self.articles.languages()}
        for article in self.articles.articles():
            out.setdefault(article.lang, []).extend(documents_for(article, answering=answering))
        return {lang: docs for lang, docs in out.items() if docs}

    def rebuild(self, progress: Progress | None = None, *, vectors: bool = True) -> dict[str, Any]:
        """Build a fresh generation from the articles, verify it and swap it in.

        ``vectors=False``: the keyword index only, now; :meth:`complete_vectors_in_background` adds them.
        """
        if progress is None:
            return self.store.build(self.documents(), vectors=vectors).manifest
        return self.store.build(self.documents(), vectors=vectors, progress=progress).manifest

    def semantic_status(self) -> str:
        """ "ready", "pending" (the index has no vectors of this model yet: keyword search meanwhile) or "off"."""
        if self.encoder is None:
            return "off"
        try:
            model = self.store.current().manifest.get("model") or {}
        except IndexUnavailable:
            return "pending"
        return "ready" if model.get("id") == self.encoder.model_id else "pending"

    def complete_vectors_in_background(self) -> bool:
        """When the index lacks this model's vectors, compute them in a thread and swap them in.

        Another worker or host holding the write lock is doing the same: then this one does nothing.
        """
        if self.semantic_status() != "pending":
            return False
        return self.rebuild_in_background(force=True)

    def update_article(self, lang: str, slug: str) -> int:
        """Re-index one article (or remove it when its file is gone); returns its document count."""
        try:
            docs = documents_for(self.articles.get(lang, slug))
        except ArticleNotFound:
            self.articles.path_for(lang, slug)  # invalid codes raise here, before touching the index
            docs = []
        self.store.replace_article(lang, slug, docs)
        return len(docs)

    def stored_vectors(self, encoder: Encoder, lang: str) -> dict[str, npt.NDArray[np.float32]] | None:
        """The current index's vectors of ``encoder``'s model in ``lang`` by the content hash of the
        document each was made from, so mining's coverage reads them instead of embedding every
        document again; None when the index has none (another model, vectors still deferred, no index)."""
        try:
            gen = self.store.current()
        except IndexUnavailable:
            return None
        slots = range(len(gen.manifest.get("extra_models") or []) + 1)
        slot = next(
            (
                i
                for i in slots
                if gen.model_info(i).get("id") == encoder.model_id and not gen.model_info(i).get("deferred")
            ),
            None,
        )
        if slot is None or lang not in gen.langs:
            return None
        try:
            vs = gen.vector_store(slot).read(lang)
        except (OSError, ValueError):
            return None
        return vs.by_hash() if vs is not None and vs.ids else None

    def article_written(self, lang: str, slug: str) -> None:
        """Re-index an article after any write (editor, review, translation import): the file is the
        truth and is saved either way; when the index cannot take the update (another writer, a full
        disk, an unreadable generation) it is rebuilt in the background instead."""
        try:
            self.update_article(lang, slug)
        except Exception:
            log.exception("could not re-index %s/%s; rebuilding in the background", lang, slug)
            self.rebuild_in_background(force=True)

    def catch_up(self) -> None:
        """Before serving: write the logged edits this host lacks (other hosts' saves, or our own
        write-ahead row whose file a crash lost), then re-index every article whose documents differ
        from the index (a crash between file and index, a file edited while the site was down); a
        language indexed by another analyzer (an upgrade) means a rebuild."""
        try:
            self.pull_revisions()
        except SQLAlchemyError as exc:
            log.warning("revision log not read (database unavailable or not migrated): %s", exc)
        try:
            reanalyzed = self.store.reanalyzed_langs()
            stale = self.store.stale_articles(self.documents())
        except IndexUnavailable:
            self.rebuild_in_background()
            return
        if reanalyzed:
            log.info("the analyzer of %s changed since the index was built; rebuilding it", ", ".join(reanalyzed))
            self.rebuild_in_background(force=True)
            return
        if len(stale) > MAX_STALE_UPDATES:  # one fresh generation beats hundreds of in-place commits
            log.info("%d articles differ from the index; rebuilding it", len(stale))
            self.rebuild_in_background(force=True)
            return
        for lang, slug in stale:
            log.info("re-indexing %s/%s: it changed since it was indexed", lang, slug)
            self.article_written(lang, slug)

    def pull_revisions(self) -> list[tuple[str, str]]:
        """Apply the revision log's newer rows to this host's files and index; returns what changed.

        Rows are read from a little before the newest id seen, since ids can commit out of order.
        :raise SQLAlchemyError: when the database cannot be read.
        """
        written, seen = pull_revisions(self.articles, self.db, max(0, self._log_seen - LOG_REREAD))
        self._log_seen = max(self._log_seen, seen)
        for lang, slug in written:
            log.info("applied %s/%s from the revision log", lang, slug)
            self.article_written(lang, slug)
        return written

    def follow_revisions(self) -> threading.Thread | None:
        """With a server database, pull the revision log every ``sync_seconds`` in a daemon thread."""
        if not self.shared_database or self.settings.sync_seconds <= 0:
            return None
        return self.every(
            self.settings.sync_seconds, self.pull_revisions, "kb-follow-revisions", "applying the revision log"
        )

    def every(
        self, seconds: float, work: Callable[[], object], name: str, what: str, *, now: bool = False
    ) -> threading.Thread:
        """Run ``work`` every ``seconds`` (first at once when ``now``) in a daemon thread until
        :meth:`close`; a failure (the database down) is logged once per outage and retried at the next tick."""

        def run() -> None:
            failing = False
            wait = 0.0 if now else seconds
            while not self._stopped.wait(wait):
                wait = seconds
                try:
                    work()
                    failing = False
                except Exception as exc:  # noqa: BLE001 - keep going; say so once per outage
                    if not failing:
                        log.warning("%s failed (will retry): %s", what, exc)
                    failing = True

        thread = threading.Thread(target=run, name=name, daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        """Stop the background threads (the revision log's, the outbox's, scheduled publishing's)."""
        self._stopped.set()
        self.outbox_wake.set()

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def search(self, query: str | None, lang: str, **kw: Any) -> SearchResult:
        """:raise IndexUnavailable: after scheduling a rebuild, when the index cannot be read."""
        try:
            result = self.service.search(query, lang, **kw)
        except IndexUnavailable:
            self.rebuild_in_background()
            raise
        default = self.articles.default_lang
        for hit in result.hits:
            versions = self.articles.translations(hit.article) if hit.lang != default else {}
            shown = versions.get(hit.lang)
            hit.outdated = shown is not None and is_outdated(versions.get(default), shown)
        return result

    def rebuild_in_background(self, force: bool = False) -> bool:
        """Start one rebuild thread unless one is running (here or, via the lock, elsewhere)."""
        if not force and not self.settings.rebuild_on_failure:
            return False
        with self._rebuild_lock:
            if self._rebuild is not None and self._rebuild.is_alive():
                return False
            self._rebuild = threading.Thread(target=self._rebuild_quietly, name="kb-rebuild", daemon=True)
            self._rebuild.start()
            return True

    def _rebuild_quietly(self) -> None:
        try:
            self.store.build(self.documents(), lock_timeout=0)
            log.info("search index rebuilt after a failure")
        except WriterBusy:
            log.info("another process is already rebuilding the index")
        except Exception:
            log.exception("background index rebuild failed")

    def related(self, article: Article, limit: int = 4) -> list[Hit]:
        """Articles that search finds for this one's title and tags, in its language.

        Cached until that language's index changes, so an article view costs no search.
        :raise IndexUnavailable: like :meth:`search`.
        """
        gen = self.store.current()
        version = (gen.name, gen.lexical(article.lang).generation()) if article.lang in gen.langs else (gen.name, -1)
        return self._related(version, article.lang, article.slug, article.title, article.tags, limit)

    def _related_uncached(
        self, version: tuple[str, int], lang: str, slug: str, title: str, tags: tuple[str, ...], limit: int
    ) -> list[Hit]:
        hits = self.search(" ".join([title, *tags]), lang, limit=limit + 1, fallback=False).hits
        return [h for h in hits if h.article != slug][:limit]

    def resolve_query(self, lang: str, query: str) -> str | None:
        """The article a failed search in ``lang`` would have wanted: the best hit in any language.

        Cached per index generation, so the translation dashboard searches each failed query once
        per rebuild; None when nothing matches or the index is being rebuilt (demand is a hint).
        """
        try:
            key = (self.store.current().name, lang, query)
            if key not in self._resolved:
                if len(self._resolved) > 10_000:
                    self._resolved.clear()
                hits = self.search(query, lang, limit=1).hits
                self._resolved[key] = hits[0].article if hits else None
            return self._resolved[key]
        except Exception:  # noqa: BLE001 - a hint must never break the page that asks for it
            return None

    def warm_up(self) -> threading.Thread:
        """Load the model, the Thai dictionary and the word lists in the background, so no reader waits for them."""

        def run() -> None:
            import gc

            from search import analyzer_for

            analyzer_for("th").term_list("ทดสอบ")
            for lang in self.articles.languages():
                analyzer_for(lang).encoder_text("warm up")  # Latvian's written forms (wordfreq)
            for enc in [self.encoder, *self.extra_encoders]:
                try:
                    if enc is not None:
                        enc.encode(["warm up"])  # a passage: loads every engine, e5's torch one included
                except Exception as exc:  # noqa: BLE001 - search degrades to lexical; say why once
                    log.warning("embedding model not loaded: %s", exc)
            # The model and libraries are millions of long-lived objects: keep the garbage
            # collector from walking them again and again (full collections stalled requests).
            gc.collect()
            gc.freeze()
            self.complete_vectors_in_background()

        thread = threading.Thread(target=run, name="kb-warm-up", daemon=True)
        thread.start()
        return thread

    def status(self) -> dict[str, Any]:
        gen = self.store.current()
        return {
            "generation": gen.name,
            "semantic": self.semantic_status(),
            "floor_raise": dict(self.service.floor_raise),
            "dense_factor": dict(self.service.dense_factor),
            **gen.manifest,
        }


def _instance_secret(instance_dir: Path) -> str:
    """One random key per installation, shared by every worker (sessions and CSRF tokens must
    validate in any of them), created on first start and readable only by its owner."""
    path = os.path.join(instance_dir, "secret_key")
    os.makedirs(instance_dir, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(100):  # another worker may have created it a moment ago and be writing
            with open(path, encoding="ascii") as fh:
                key = fh.read().strip()
            if key:
                return key
            time.sleep(0.01)
        raise RuntimeError(f"{path} is empty; delete it or set KB_SECRET_KEY") from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(32))
    with open(path, encoding="ascii") as fh:
        return fh.read().strip()
