"""What readers do, recorded for the editors' and support dashboards: searches and article views.

Query text is PII-redacted and truncated before it reaches the database; nothing identifies the
reader.
"""
from __future__ import annotations

from search import SearchResult

from .db import MAX_QUERY_CHARS, ArticleView, Database, SearchEvent
from .pii import redact


def record_search(db: Database, result: SearchResult) -> None:
    if not result.query:
        return
    own = sum(1 for h in result.hits if not h.fallback)
    with db.session() as s:
        s.add(SearchEvent(lang=result.lang, query=redact(result.query)[:MAX_QUERY_CHARS], results=len(result.hits),
                          fallback=own == 0 and bool(result.hits)))


def record_view(db: Database, lang: str, shown_lang: str, slug: str) -> None:
    with db.session() as s:
        s.add(ArticleView(lang=lang, shown_lang=shown_lang, slug=slug))
