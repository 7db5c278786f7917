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

from kb.content.articles import Article, ArticleNotFound, ArticleStore
from kb.content.documents import documents_for
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

log = logging.getLogger(__name__)


def make_encoder(settings: dict[str, Any], key: str = "KB_EMBEDDING_MODEL") -> Encoder | None:
    """The encoder a setting names (search's by default, ``KB_MINING_MODEL`` for mining); None when off."""
    model = str(settings[key])
    if model.lower() in DISABLED:
        return None
    return Encoder(model, threads=int(settings["KB_EMBEDDING_THREADS"]) or None,
                   quantize=bool(settings["KB_EMBEDDING_INT8"]))


def extra_encoders(settings: dict[str, Any]) -> list[Encoder]:
    """The second-opinion models of ``KB_EMBEDDING_EXTRA`` (each adds a dense ranking where it reads well)."""
    primary = str(settings["KB_EMBEDDING_MODEL"])
    names = [n.strip() for n in str(settings["KB_EMBEDDING_EXTRA"]).split(",")
             if n.strip().lower() not in DISABLED and n.strip() != primary]
    return [Encoder(n, threads=int(settings["KB_EMBEDDING_THREADS"]) or None,
                    quantize=bool(settings["KB_EMBEDDING_INT8"])) for n in names]


def search_config(settings: dict[str, Any]) -> SearchConfig:
    return SearchConfig(max_chars=int(settings["KB_SEARCH_MAX_CHARS"]),
                        max_terms=int(settings["KB_SEARCH_MAX_TERMS"]),
                        fusion=str(settings["KB_FUSION"]), dense_scale=float(settings["KB_DENSE_SCALE"]),
                        fallback_lang=str(settings["KB_DEFAULT_LANGUAGE"]))


class HelpCenterSearch:
    def __init__(self, settings: dict[str, Any], articles: ArticleStore | None = None,
                 encoder: Encoder | None = None, extra: list[Encoder] | None = None):
        self.settings = settings
        self.articles = articles or ArticleStore(settings["KB_ARTICLES_DIR"], settings["KB_DEFAULT_LANGUAGE"])
        self.encoder = encoder if encoder is not None else make_encoder(settings)
        if self.encoder is None:
            self.extra_encoders: list[Encoder] = []
        else:
            self.extra_encoders = extra if extra is not None else extra_encoders(settings)
        self._mining_encoder: Encoder | None = None
        self.store = IndexStore(settings["KB_INDEX_DIR"], encoder=self.encoder, extra_encoders=self.extra_encoders)
        self.service = SearchService(self.store, self.encoder, search_config(settings))
        self._related = functools.lru_cache(maxsize=4096)(self._related_uncached)
        self._rebuild: threading.Thread | None = None
        self._rebuild_lock = threading.Lock()

    @property
    def mining_encoder(self) -> Encoder | None:
        """Mining's model: one search already loaded when the settings name the same one, else its own (lazy)."""
        name = str(self.settings["KB_MINING_MODEL"])
        for enc in [self.encoder, *self.extra_encoders]:
            if enc is not None and enc.model_name == name:
                return enc
        if self._mining_encoder is None:
            self._mining_encoder = make_encoder(self.settings, "KB_MINING_MODEL")
        return self._mining_encoder

    def documents(self) -> dict[str, list[Document]]:
        """Every valid article (published and draft) as documents, per language."""
        out: dict[str, list[Document]] = {lang: [] for lang in self.articles.languages()}
        for article in self.articles.articles():
            out.setdefault(article.lang, []).extend(documents_for(article))
        return {lang: docs for lang, docs in out.items() if docs}

    def rebuild(self, progress: Callable[[Iterable, str, int], Iterable] | None = None, *,
                vectors: bool = True) -> dict:
        """Build a fresh generation from the articles, verify it and swap it in.

        ``vectors=False``: the keyword index only, now; :meth:`complete_vectors_in_background` adds them.
        """
        kw = {"progress": progress} if progress else {}
        gen = self.store.build(self.documents(), vectors=vectors, **kw)
        return gen.manifest

    def semantic_status(self) -> str:
        """"ready", "pending" (the index has no vectors of this model yet: keyword search meanwhile) or "off"."""
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

    def search(self, query: str | None, lang: str, **kw) -> SearchResult:
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
        if not force and not self.settings.get("KB_REBUILD_ON_FAILURE", True):
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
            for enc in [self.encoder, *self.extra_encoders]:
                try:
                    if enc is not None:
                        enc.encode_query("warm up")
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

    def status(self) -> dict:
        gen = self.store.current()
        return {"generation": gen.name, "semantic": self.semantic_status(), **gen.manifest}
