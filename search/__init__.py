"""How text is found: analyzers, the Whoosh index, embeddings, vectors, fusion.

Knows nothing of Flask or Markdown: it takes :class:`Document` objects and returns :class:`Hit`s.
"""
from .analysis import Analyzer, analyzer_for
from .documents import Document, Hit, SearchResult
from .embeddings import Encoder, EmbeddingUnavailable
from .lexical import IndexUnavailable, Weights
from .service import SearchConfig, SearchService
from .store import BuildFailed, IndexStore, WriterBusy

__all__ = [
    "Analyzer", "analyzer_for", "Document", "Hit", "SearchResult", "Encoder", "EmbeddingUnavailable",
    "IndexUnavailable", "Weights", "SearchConfig", "SearchService", "BuildFailed", "IndexStore", "WriterBusy",
]
