"""How text is found: analyzers, the Whoosh index, embeddings, vectors, fusion.

Knows nothing of Flask or Markdown: it takes :class:`Document` objects and returns :class:`Hit`s.
"""

from .analysis import Analyzer, analyzer_for
from .bm25 import Weights
from .documents import Document, Hit, SearchResult, make_doc_id, parse_doc_id
from .embeddings import EmbeddingUnavailable, Encoder
from .lexical import IndexUnavailable
from .service import SearchConfig, SearchService
from .store import BuildFailed, IndexStore, WriterBusy

__all__ = [
    "Analyzer",
    "BuildFailed",
    "Document",
    "EmbeddingUnavailable",
    "Encoder",
    "Hit",
    "IndexStore",
    "IndexUnavailable",
    "SearchConfig",
    "SearchResult",
    "SearchService",
    "Weights",
    "WriterBusy",
    "analyzer_for",
    "make_doc_id",
    "parse_doc_id",
]
