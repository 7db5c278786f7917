"""The help center's search: wires settings, articles and search/ together.

``HelpCenterSearch`` is what the web layer and the CLI hold, one per process: it builds the
index from the article store, updates one article, answers queries, and when the index is
missing or unreadable it answers "unavailable" and rebuilds in the background.
"""
from __future__ import annotations

import functools
import logging
import threading
from typing import Any, Callable, Iterable

from search import (Document, Encoder, Hit, IndexStore, IndexUnavailable, SearchConfig, SearchResult,
                    SearchService, WriterBusy)
from search.embeddings import DISABLED

from .articles import Article, ArticleNotFound, ArticleStore
from .documents import documents_for

log = logging.getLogger(__name__)


def make_encoder(settings: dict[str, Any]) -> Encoder | None:
    model = str(settings["KB_EMBEDDING_MODEL"])
    if model.lower() in DISABLED:
        return None
    return Encoder(model, threads=int(settings["KB_EMBEDDING_THREADS"]) or None,
                   quantize=bool(settings["KB_EMBEDDING_INT8"]))


def search_config(settings: dict[str, Any]) -> SearchConfig:
    return SearchConfig(max_chars=int(settings["KB_SEARCH_MAX_CHARS"]),
                        max_terms=int(settings["KB_SEARCH_MAX_TERMS"]),
                        fusion=str(settings["KB_FUSION"]), dense_scale=float(settings["KB_DENSE_SCALE"]))


class HelpCenterSearch:
    def __init__(self, settings: dict[str, Any], articles: ArticleStore | None = None,
                 encoder: Encoder | None = None):
        self.settings = settings
        self.articles = articles or ArticleStore(settings["KB_ARTICLES_DIR"], settings["KB_DEFAULT_LANGUAGE"])
        self.encoder = encoder if encoder is not None else make_encoder(settings)
        self.store = IndexStore(settings["KB_INDEX_DIR"], encoder=self.encoder)
        self.service = SearchService(self.store, self.encoder, search_config(settings))
        self._related = functools.lru_cache(maxsize=4096)(self._related_uncached)
        self._rebuild: threading.Thread | None = None
        self._rebuild_lock = threading.Lock()

    def documents(self) -> dict[str, list[Document]]:
        """Every valid article (published and draft) as documents, per language."""
        out: dict[str, list[Document]] = {lang: [] for lang in self.articles.languages()}
        for article in self.articles.articles():
            out.setdefault(article.lang, []).extend(documents_for(article))
        return {lang: docs for lang, docs in out.items() if docs}

    def rebuild(self, progress: Callable[[Iterable, str, int], Iterable] | None = None) -> dict:
        """Build a fresh generation from the articles, verify it and swap it in."""
        kw = {"progress": progress} if progress else {}
        gen = self.store.build(self.documents(), **kw)
        return gen.manifest

    def update_article(self, lang: str, slug: str) -> int:
        """Re-index one article (or remove it when its file is gone); returns its document count."""
        try:
            docs = documents_for(self.articles.get(lang, slug))
        except ArticleNotFound:
            self.articles.path_for(lang, slug)  # invalid codes raise here, before touching the index
            docs = []
        self.store.replace_article(lang, slug, docs)
        return len(docs)

    def search(self, query: str | None, lang: str, **kw) -> SearchResult:
        """:raise IndexUnavailable: after scheduling a rebuild, when the index cannot be read."""
        try:
            return self.service.search(query, lang, **kw)
        except IndexUnavailable:
            self.rebuild_in_background()
            raise

    def rebuild_in_background(self) -> bool:
        """Start one rebuild thread unless one is running (here or, via the lock, elsewhere)."""
        if not self.settings.get("KB_REBUILD_ON_FAILURE", True):
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
        except Exception:  # noqa: BLE001 - a background job must log, not die silently
            log.exception("background index rebuild failed")

    def related(self, article: Article, limit: int = 4) -> list[Hit]:
        """Articles that search finds for this one's title and tags, in its language.

        Cached until that language's index changes, so an article view costs no search.
        :raise IndexUnavailable: like :meth:`search`.
        """
        gen = self.store.current()
        version = (gen.name, gen.lexical(article.lang).generation()) if article.lang in gen.langs else (gen.name, -1)
        return self._related(version, article.lang, article.slug, article.title, article.tags, limit)

    def _related_uncached(self, version, lang: str, slug: str, title: str, tags: tuple[str, ...],
                          limit: int) -> list[Hit]:
        hits = self.search(" ".join([title, *tags]), lang, limit=limit + 1, fallback=False).hits
        return [h for h in hits if h.article != slug][:limit]

    def warm_up(self) -> threading.Thread:
        """Load the model and the Thai dictionary in the background, so no reader waits for them."""
        def run() -> None:
            import gc

            from search import analyzer_for

            analyzer_for("th").term_list("ทดสอบ")
            if self.encoder is not None:
                try:
                    self.encoder.encode_query("warm up")
                except Exception as exc:  # noqa: BLE001 - search degrades to lexical; say why once
                    log.warning("embedding model not loaded: %s", exc)
            # The model and libraries are millions of long-lived objects: keep the garbage
            # collector from walking them again and again (full collections stalled requests).
            gc.collect()
            gc.freeze()

        thread = threading.Thread(target=run, name="kb-warm-up", daemon=True)
        thread.start()
        return thread

    def status(self) -> dict:
        gen = self.store.current()
        return {"generation": gen.name, **gen.manifest}
