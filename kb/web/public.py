"""Customer pages: every page lives under /<lang>/."""

from __future__ import annotations

import secrets

from flask import Blueprint, Response, abort, current_app, g, redirect, render_template, request, session, url_for

from kb import locales
from kb.content import links
from kb.content.articles import Article
from kb.content.rendering import render
from kb.feedback import (
    MAX_INQUIRY_CHARS,
    most_helpful,
    most_viewed,
    record_click,
    record_view,
    record_vote,
    visitor_key,
)
from kb.handoff import outbox, tickets
from kb.mining.redaction import redact
from kb.translation import status as translation
from kb.web import ratelimit
from kb.web.context import db, help_center, secret_key, settings
from kb.web.helpers import (
    categories,
    category_name,
    get_lang,
    published_articles,
    record,
    remember,
    resolve_article,
    site_languages,
)
from kb.web.search_view import run_search
from search import IndexUnavailable

bp = Blueprint("public", __name__)


@bp.app_context_processor
def template_helpers() -> dict:
    lang = g.get("lang") or settings().default_language
    return {
        "lang": lang,
        "dir": locales.text_direction(lang),
        "site_languages": site_languages(),
        "display_name": locales.display_name,
        "language_name": lambda code: locales.language_name(code, lang),
        "direction": locales.text_direction,
        "category_name": category_name,
        "csp_nonce": g.get("csp_nonce", ""),
        "default_lang": settings().default_language,
    }


@bp.app_template_filter("local_date")
def local_date(value) -> str:
    """A date as the reader's language writes it (its long form and its digits)."""
    return locales.format_date(value, g.get("lang") or settings().default_language)


@bp.app_template_filter("local_number")
def local_number(value) -> str:
    """A number the customer reads, in the reader's digits and separators."""
    return locales.format_number(value, g.get("lang") or settings().default_language)


@bp.url_value_preprocessor
def pull_lang(endpoint, values) -> None:
    if values and "lang" in values:
        g.lang = get_lang(values["lang"])


@bp.after_app_request
def remember_language(resp):
    """The last language read becomes the visitor's choice for "/"."""
    lang = g.get("lang")
    if lang and request.cookies.get("lang") != lang and resp.status_code < 400:
        resp.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="Lax", secure=request.is_secure)
    return resp


@bp.route("/")
def root():
    """Cookie, then Accept-Language, then the default language."""
    langs = site_languages()
    lang = request.cookies.get("lang")
    if lang not in langs:
        lang = request.accept_languages.best_match(langs) or settings().default_language
    return redirect(url_for("public.home", lang=lang))


def _published(lang: str) -> dict[str, Article]:
    return {a.slug: a for a in published_articles(lang)}


def _ranked(fn, lang: str, articles: dict) -> list:
    """Articles from a statistics query, in order; an unavailable database just means none."""
    try:
        slugs = fn(db(), lang)
    except Exception:  # the home page must render without statistics
        current_app.logger.exception("statistics unavailable")
        return []
    return [articles[s] for s in slugs if s in articles]


@bp.route("/<lang>/")
def home(lang: str):
    articles = _published(lang)
    by_cat: dict[str, list] = {}
    for article in articles.values():
        by_cat.setdefault(article.category, []).append(article)
    order = list(categories())
    cats = sorted(by_cat.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]))
    return render_template(
        "home.html",
        categories=cats,
        popular=_ranked(most_viewed, lang, articles),
        helpful=_ranked(most_helpful, lang, articles),
    )


@bp.route("/<lang>/categories/<category>")
def category(lang: str, category: str):
    """:raise 404: for a category with no published article in this language."""
    articles = published_articles(lang, category)
    if not articles:
        abort(404)
    return render_template("category.html", category=category, articles=articles)


@bp.route("/<lang>/search")
def search(lang: str):
    page = run_search(lang)
    if page.result.query:
        remember({"kind": "search", "q": redact(page.result.query), "lang": lang, "hits": len(page.result.hits)})
    return render_template(
        "search.html",
        result=page.result,
        category=page.category,
        event_id=page.event_id,
        closest=page.closest,
        categories=categories(),
    )


@bp.route("/<lang>/articles/<slug>")
def article(lang: str, slug: str):
    """:raise 404: when no published version of the slug exists in any fallback language."""
    found = resolve_article(lang, slug)
    record(record_view, lang, found.article.lang, slug)
    remember({"kind": "article", "slug": slug, "lang": found.article.lang})
    event, position = request.args.get("s", ""), request.args.get("p", "")
    if event.isdigit() and position.isdigit() and len(event) < 19 and len(position) < 4:
        record(record_click, int(event), int(position), slug)
    return render_template(
        "article.html",
        article=found.article,
        body=links.for_reader(found.article.rendered.html, found.article.lang, lang),
        requested=lang,
        versions=found.versions,
        missing=found.missing,
        outdated=found.outdated,
        changes=_source_changes(found.article, found.versions) if found.outdated else [],
        voted=request.args.get("voted"),
        related=_related(found.article),
    )


def _source_changes(article: Article, versions: dict[str, Article]) -> list[str]:
    """The source paragraphs changed since this translation, as the source's own sanitised HTML (the
    outdated notice shows readers what the translation may be missing)."""
    source = versions.get(settings().default_language)
    if source is None:
        return []
    changed = [u.source for u in translation.align(source, article) if u.changed]
    return [render(text).html for text in changed[:MAX_CHANGES_SHOWN]]


MAX_CHANGES_SHOWN = 5


def _related(article: Article) -> list:
    try:
        return help_center().related(article)
    except IndexUnavailable:
        return []


VISITOR_COOKIE = "kb_visitor"


@bp.route("/<lang>/articles/<slug>/vote", methods=["POST"])
def vote(lang: str, slug: str):
    """ "Was this helpful?": one vote per visitor per article (a second vote replaces the first).

    :raise 404: for an article with no published version.
    """
    ratelimit.check("vote")
    if not any(a.published for a in help_center().articles.translations(slug).values()):
        abort(404)
    helpful = request.form.get("helpful")
    if helpful not in ("yes", "no"):
        abort(400)
    visitor_id = request.cookies.get(VISITOR_COOKIE) or secrets.token_urlsafe(18)
    visitor, client = visitor_key(secret_key(), visitor_id), visitor_key(secret_key(), request.remote_addr or "")
    # Not through record(): a vote the reader is told about must be stored (a database outage is a 503).
    record_vote(db(), lang, slug, visitor, helpful == "yes", request.form.get("reason"), client)
    resp = redirect(url_for("public.article", lang=lang, slug=slug, voted=helpful) + "#feedback")
    resp.set_cookie(
        VISITOR_COOKIE, visitor_id, max_age=365 * 24 * 3600, httponly=True, samesite="Lax", secure=request.is_secure
    )
    return resp


CONTACT_LIMIT = tickets.MAX_PHOTOS * tickets.MAX_PHOTO_BYTES + 256 * 1024  # the app allows 1 MB per request


@bp.route("/<lang>/contact", methods=["GET", "POST"])
def contact(lang: str):
    """Self-service first, then a person: suggest answers while the customer writes; "Send" makes a
    ticket (reference shown) that the outbox delivers to the support desk."""
    if request.method == "POST":
        if (request.content_length or 0) > CONTACT_LIMIT:
            abort(413)  # before a byte of the body is read
        request.max_content_length = CONTACT_LIMIT
    fields = {k: (request.form.get(k) or "").strip() for k in ("name", "email", "order_number", "topic")}
    fields["message"] = (request.form.get("question") or request.args.get("q") or "").strip()
    errors: dict[str, str] = {}
    if request.method == "POST" and request.form.get("action") != "suggest":
        ratelimit.check("contact")
        uploads = [f.read(tickets.MAX_PHOTO_BYTES + 1) for f in request.files.getlist("photos") if f.filename]
        try:
            customer = tickets.validate(settings(), fields, uploads)
        except tickets.TicketInvalid as exc:
            errors = exc.errors
        else:
            customer.topic = customer.topic or tickets.guess_topic(customer.message, help_center().mining_encoder)
            ticket = tickets.create_ticket(
                db(),
                settings(),
                lang,
                customer,
                session.get("trail") or [],
                kinds=outbox.kinds_for(settings()),
                suggestion_opened=request.form.get("opened") == "1",
            )
            session.pop("trail", None)
            help_center().outbox_wake.set()  # deliver now, not at the next pass
            answers = help_center().search(customer.message, lang, limit=3)
            return render_template(
                "contact.html", sent=ticket.reference, suggestions=answers.hits if answers.answer is not None else []
            )
    elif request.method == "POST" and fields["message"] and not fields["topic"]:
        fields["topic"] = tickets.guess_topic(fields["message"], help_center().mining_encoder)
    suggestions = help_center().search(fields["message"], lang, limit=5).hits if fields["message"] else []
    return render_template(
        "contact.html",
        fields=fields,
        errors=errors,
        topics=tickets.TOPICS,
        suggestions=suggestions,
        max_chars=MAX_INQUIRY_CHARS,
        max_photos=tickets.MAX_PHOTOS,
        max_photo_mb=tickets.MAX_PHOTO_BYTES // (1024 * 1024),
    ), 422 if errors else 200


@bp.route("/robots.txt")
def robots():
    body = (
        f"User-agent: *\nDisallow: /api/\nDisallow: /*/search\nSitemap: {url_for('public.sitemap', _external=True)}\n"
    )
    return Response(body, mimetype="text/plain")


@bp.route("/sitemap.xml")
def sitemap():
    """Every published article in every language, with its language alternates."""
    by_slug: dict[str, dict] = {}
    for a in help_center().articles.articles():
        if a.published:
            by_slug.setdefault(a.slug, {})[a.lang] = a
    xml = render_template("sitemap.xml", by_slug=dict(sorted(by_slug.items())))
    return Response(xml, mimetype="application/xml")
