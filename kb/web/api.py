"""JSON API under /api/v1: the twins of the HTML pages, from the same service calls."""

from __future__ import annotations

from flask import Blueprint, request, url_for

from kb.web import ratelimit
from kb.web.context import help_center
from kb.web.helpers import get_lang, published_articles, resolve_article
from kb.web.search_view import result_json, run_search

bp = Blueprint("api", __name__, url_prefix="/api/v1")

SUGGEST_LIMIT = 5


@bp.route("/search")
def search():
    """Search results, exactly as /<lang>/search shows them."""
    return result_json(run_search(get_lang(request.args.get("lang", ""))))


@bp.route("/suggest")
def suggest():
    """Search-as-you-type: a few titles and links, not recorded as searches."""
    lang = get_lang(request.args.get("lang", ""))
    ratelimit.check("suggest")
    result = help_center().search(request.args.get("q", ""), lang, limit=SUGGEST_LIMIT)
    return {
        "query": result.query,
        "lang": lang,
        "suggestions": [
            {
                "title": h.title,
                "section": h.section,
                "lang": h.lang,
                "fallback": h.fallback,
                "url": url_for("public.article", lang=h.lang, slug=h.article) + (f"#{h.anchor}" if h.anchor else ""),
            }
            for h in result.hits
        ],
    }


@bp.route("/articles")
def articles():
    """Published articles of a language, optionally one category: the twin of the category pages."""
    lang = get_lang(request.args.get("lang", ""))
    category = request.args.get("category") or None
    return {
        "lang": lang,
        "category": category,
        "articles": [
            {
                "slug": a.slug,
                "title": a.title,
                "summary": a.summary,
                "category": a.category,
                "updated": a.updated.isoformat() if a.updated else None,
                "url": url_for("public.article", lang=lang, slug=a.slug),
            }
            for a in published_articles(lang, category)
        ],
    }


@bp.route("/articles/<lang>/<slug>")
def article(lang: str, slug: str):
    """One article (sanitised HTML), in the reader's language or its fallback."""
    lang = get_lang(lang)
    found = resolve_article(lang, slug)
    a = found.article
    return {
        "lang": a.lang,
        "requested_lang": lang,
        "slug": a.slug,
        "title": a.title,
        "summary": a.summary,
        "category": a.category,
        "tags": list(a.tags),
        "updated": a.updated.isoformat() if a.updated else None,
        "fallback": found.missing,
        "outdated": found.outdated,
        "html": a.rendered.html,
        "sections": [{"anchor": h.anchor, "title": h.text, "level": h.level} for h in a.rendered.headings],
        "languages": sorted(found.versions),
    }


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API."""

    def param(name: str, where: str = "query", required: bool = True, desc: str = "") -> dict:
        return {"name": name, "in": where, "required": required, "description": desc, "schema": {"type": "string"}}

    lang = param("lang", desc="site language code, e.g. en, th, fa")
    q = param("q", desc="the customer's words (at most 256 characters are used)")
    ok = {
        "200": {"description": "OK", "content": {"application/json": {}}},
        "404": {"description": "unknown language or article"},
        "503": {"description": "search index is being rebuilt; retry"},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Help center API", "version": "1"},
        "paths": {
            "/api/v1/search": {
                "get": {
                    "summary": "Search articles",
                    "description": (
                        "Hits in every language the model reads, the reader's own first; a hit only in another "
                        "language has fallback=true, an outdated translation outdated=true (source_url: its version). "
                        "answer: 1-3 sentences quoted from the best section when search is confident; "
                        "nothing_relevant=true when no article clears the relevance floor."
                    ),
                    "parameters": [lang, q, param("category", required=False, desc="category id filter")],
                    "responses": ok,
                }
            },
            "/api/v1/suggest": {
                "get": {"summary": "Suggestions while typing", "parameters": [lang, q], "responses": ok}
            },
            "/api/v1/articles": {
                "get": {
                    "summary": "Published articles of a language",
                    "parameters": [lang, param("category", required=False, desc="category id filter")],
                    "responses": ok,
                }
            },
            "/api/v1/articles/{lang}/{slug}": {
                "get": {
                    "summary": "One article",
                    "parameters": [param("lang", "path"), param("slug", "path")],
                    "responses": ok,
                }
            },
        },
    }
