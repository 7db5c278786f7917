"""Lookups shared by the blueprints; each failure is a documented HTTP answer."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

import yaml
from flask import abort, current_app, request, session

from kb import locales
from kb.content.articles import Article, ArticleNotFound
from kb.translation import status as translation
from kb.web.context import db, help_center, settings


def record(fn, *args):
    """Write statistics without ever failing the reader's page over them; fn's result or None."""
    try:
        return fn(db(), *args)
    except Exception:  # a full disk or a DB restart must not break reading
        current_app.logger.exception("could not record %s", fn.__name__)
        return None


TRAIL_STEPS = 10


def remember(step: dict) -> None:
    """Add a search or an article read to this browser's trail (the signed session cookie): a ticket
    shows support what the customer saw before writing, i.e. what self-service failed to answer."""
    session["trail"] = [*(session.get("trail") or [])[-(TRAIL_STEPS - 1) :], step]


def wants_json() -> bool:
    """Answer with the page's JSON twin? The one convention of every page that has one: ``.json`` on
    the path (routes declare ``.<any(json):fmt>``) or ``?format=json``; everything under /api/ is JSON."""
    fmt = (request.view_args or {}).get("fmt")
    return fmt == "json" or request.args.get("format") == "json" or request.path.startswith("/api/")


def site_languages() -> list[str]:
    """Languages that have an articles folder; the default language first."""
    default = settings().default_language
    langs = help_center().articles.languages()
    return sorted(langs, key=lambda code: (code != default, code))


def get_lang(lang: str) -> str:
    """:raise 404: for a code that is not a site language (never used to build a path otherwise)."""
    known = site_languages()
    if not locales.valid_code(lang) or lang not in known:
        # The code itself is not echoed: it may be anything a client sent.
        abort(404, f"unknown language; this help center's languages are {', '.join(sorted(known))}")
    return lang


@functools.lru_cache(maxsize=4)
def _categories(path: str, mtime_ns: int) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return {str(k): {str(lang): str(name) for lang, name in (v or {}).items()} for k, v in data.items()}


def categories() -> dict[str, dict[str, str]]:
    """Category id -> {lang: name}, from articles/categories.yml (empty when absent)."""
    path = os.path.join(help_center().articles.root, "categories.yml")
    try:
        return _categories(path, os.stat(path).st_mtime_ns)
    except (OSError, yaml.YAMLError):
        return {}


def category_name(category: str, lang: str) -> str:
    names = categories().get(category, {})
    return names.get(lang) or names.get(settings().default_language) or category.replace("-", " ").capitalize()


@dataclass(frozen=True)
class ResolvedArticle:
    article: Article  # what the reader gets (maybe in a fallback language)
    versions: dict[str, Article]  # every published language version
    missing: bool  # the requested language has no published version
    outdated: bool  # source paragraphs changed since the shown translation was made (kb.translation.status)


def resolve_article(lang: str, slug: str) -> ResolvedArticle:
    """The best published version for a reader of ``lang``.

    :raise ArticleNotFound: (404) when no published version exists in the fallback chain.
    """
    versions = {code: a for code, a in help_center().articles.translations(slug).items() if a.published}
    default = settings().default_language
    chain = locales.fallback_chain(lang, versions, default)
    if not chain:
        raise ArticleNotFound(f"{lang}/{slug}")
    shown = versions[chain[0]]
    source = versions.get(default)
    outdated = translation.is_outdated(source, shown)
    return ResolvedArticle(shown, versions, shown.lang != lang, outdated)


def published_articles(lang: str, category: str | None = None) -> list[Article]:
    """Published articles of a language (optionally one category), by title in the language's collation:
    the home page, category pages and their JSON twin."""
    by_title = locales.collation_key(lang)
    return sorted(
        (
            a
            for a in help_center().articles.articles(lang)
            if a.published and (category is None or a.category == category)
        ),
        key=lambda a: by_title(a.title),
    )
