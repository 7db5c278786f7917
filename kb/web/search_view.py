"""The one search call behind the HTML page and its JSON twin."""
from __future__ import annotations

from dataclasses import dataclass

from flask import request

from search import SearchResult

from ..feedback import record_search
from . import ratelimit
from .helpers import categories, kb, record


@dataclass
class SearchPage:
    result: SearchResult
    category: str | None
    event_id: int | None  # result links carry it, so the article view can record the click


def run_search(lang: str) -> SearchPage:
    """Read q and category from the request; unknown categories are ignored, not errors."""
    ratelimit.check("search")
    category = request.args.get("category") or None
    if category not in categories():
        category = None
    result = kb().search(request.args.get("q", ""), lang, category=category, limit=10)
    return SearchPage(result, category, record(record_search, result))


def result_json(page: SearchPage) -> dict:
    result, category = page.result, page.category
    return {
        "query": result.query, "lang": result.lang, "category": category, "suggestion": result.suggestion,
        "corrected": result.corrected, "truncated": result.truncated, "fallback_used": result.fallback_used,
        "hits": [{"lang": h.lang, "article": h.article, "title": h.title, "section": h.section,
                  "anchor": h.anchor, "url": f"/{h.lang}/articles/{h.article}" + (f"#{h.anchor}" if h.anchor else ""),
                  "summary": h.summary, "category": h.category, "score": h.score, "fallback": h.fallback,
                  "snippet": [{"text": t, "match": m} for t, m in h.snippet]} for h in result.hits],
    }
