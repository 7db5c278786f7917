"""Customer pages: every page lives under /<lang>/."""
from __future__ import annotations

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for

from .. import locales
from ..articles import ArticleNotFound
from ..feedback import record_view
from .helpers import categories, category_name, get_lang, kb, record, site_languages
from .search_view import run_search

bp = Blueprint("public", __name__)


@bp.app_context_processor
def template_helpers() -> dict:
    lang = g.get("lang") or current_app.config["KB_DEFAULT_LANGUAGE"]
    return {"lang": lang, "dir": locales.text_direction(lang), "site_languages": site_languages(),
            "display_name": locales.display_name, "direction": locales.text_direction, "category_name": category_name,
            "csp_nonce": g.get("csp_nonce", "")}


@bp.url_value_preprocessor
def pull_lang(endpoint, values) -> None:
    if values and "lang" in values:
        g.lang = get_lang(values["lang"])


@bp.route("/")
def root():
    """Cookie, then Accept-Language, then the default language."""
    langs = site_languages()
    lang = request.cookies.get("lang")
    if lang not in langs:
        lang = request.accept_languages.best_match(langs) or current_app.config["KB_DEFAULT_LANGUAGE"]
    return redirect(url_for("public.home", lang=lang))


@bp.route("/<lang>/")
def home(lang: str):
    by_cat: dict[str, list] = {}
    for article in kb().articles.articles(lang):
        if article.published:
            by_cat.setdefault(article.category, []).append(article)
    order = list(categories())
    cats = sorted(by_cat.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]))
    return render_template("home.html", categories=cats)


@bp.route("/<lang>/search")
def search(lang: str):
    result, category = run_search(lang)
    return render_template("search.html", result=result, category=category, categories=categories())


@bp.route("/<lang>/articles/<slug>")
def article(lang: str, slug: str):
    """:raise 404: when no published version of the slug exists in any fallback language."""
    store = kb().articles
    versions = {code: a for code, a in store.translations(slug).items() if a.published}
    chain = locales.fallback_chain(lang, versions, current_app.config["KB_DEFAULT_LANGUAGE"])
    if not chain:
        raise ArticleNotFound(f"{lang}/{slug}")
    shown = versions[chain[0]]
    source = versions.get(current_app.config["KB_DEFAULT_LANGUAGE"])
    outdated = bool(source and shown is not source and shown.source_revision
                    and shown.source_revision != source.revision)
    record(record_view, lang, shown.lang, slug)
    return render_template("article.html", article=shown, requested=lang, versions=versions,
                           missing=shown.lang != lang, outdated=outdated)
