"""The one search call behind the HTML page and its JSON twin."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request

from kb.feedback import closest_pages, record_search
from kb.web import ratelimit
from kb.web.context import help_center
from kb.web.helpers import categories, record
from search import Hit, SearchResult
from search.documents import Answer


@dataclass
class SearchPage:
    result: SearchResult
    category: str | None
    event_id: int | None  # result links carry it, so the article view can record the click
    closest: list[Hit]  # below the floor: the pages nearest the question (kb.feedback.closest_pages)


def run_search(lang: str) -> SearchPage:
    """Read q and category from the request; unknown categories are ignored, not errors."""
    ratelimit.check("search")
    category = request.args.get("category") or None
    if category not in categories():
        category = None
    result = help_center().search(request.args.get("q", ""), lang, category=category, limit=10)
    closest = closest_pages(result)
    return SearchPage(result, category, record(record_search, result, len(closest)), closest)


def result_json(page: SearchPage) -> dict:
    result, category = page.result, page.category
    return {
        "query": result.query,
        "lang": result.lang,
        "category": category,
        "suggestion": result.suggestion,
        "corrected": result.corrected,
        "truncated": result.truncated,
        "fallback_used": result.fallback_used,
        "nothing_relevant": bool(result.below_floor) and not result.hits,
        "answer": None
        if result.answer is None
        else {
            "text": result.answer.text,
            "lang": result.answer.lang,
            "article": result.answer.article,
            "title": result.answer.title,
            "section": result.answer.section,
            "anchor": result.answer.anchor,
            "url": _url(result.lang, result.answer),
            "coverage": result.answer.score,
        },
        "hits": [_hit_json(result.lang, h) for h in result.hits],
        "closest": [_hit_json(result.lang, h) for h in page.closest],  # with nothing_relevant: may not answer it
    }


def _hit_json(lang: str, h: Hit) -> dict:
    return {
        "lang": h.lang,
        "article": h.article,
        "title": h.title,
        "section": h.section,
        "anchor": h.anchor,
        "url": _url(lang, h),
        "source_url": _url(h.lang, h),
        "summary": h.summary,
        "category": h.category,
        "score": h.score,
        "fallback": h.fallback,
        "outdated": h.outdated,
        "snippet": [{"text": t, "match": m} for t, m in h.snippet],
    }


def _url(lang: str, hit: Hit | Answer) -> str:
    """The reader's URL for a hit (the article page picks the best version), or the hit's own version."""
    return f"/{lang}/articles/{hit.article}" + (f"#{hit.anchor}" if hit.anchor else "")
