"""The embeddable help widget: /widget.js for any shop's page, its strings per language, and CORS for
the few read-only routes it calls from the shop's origin (``KB_WIDGET_ORIGINS``, exact origins only)."""

from __future__ import annotations

import functools
from pathlib import Path

from flask import Blueprint, Flask, jsonify, request, send_from_directory, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from kb import locales
from kb.web.context import settings
from kb.web.helpers import site_languages

bp = Blueprint("widget", __name__)

STATIC = Path(__file__).parent / "static"
SCRIPT_MAX_AGE = 3600  # the URL is pasted into shops' pages and cannot carry a version: revalidate hourly
CONFIG_MAX_AGE = 600

# What a page on an allowed origin may read: GET-only JSON that needs no cookie. Nothing else answers
# cross-origin (the answer API is for servers holding a token, never for browsers).
CORS_ENDPOINTS = frozenset({"api.search", "api.suggest", "widget.config"})

# Placeholders (%(n)s, %(query)s, %(title)s, %(language)s) are filled in by widget.js, as text.
STRINGS = {
    "open": _l("Help"),
    "title": _l("How can we help?"),
    "search": _l("Search"),
    "close": _l("Close"),
    "answer": _l("Quick answer"),
    "source": _l("From “%(title)s”"),
    "count": _l("Articles found: %(n)s"),
    "no_match": _l("No articles match “%(query)s”. Try other words, or contact us."),
    "nothing_relevant": _l("We found nothing that answers “%(query)s”. Our support team can help."),
    "contact": _l("Still need help? Contact us."),
    "only_in": _l("Only in %(language)s"),
    "new_tab": _l("Opens in a new tab"),
    "unavailable": _l("Search is temporarily unavailable. Please try again in a moment."),
    "too_many": _l("Too many requests. Please wait a moment and try again."),
}


def init_app(app: Flask) -> None:
    """Serve the widget and let the allowed origins call its routes."""
    app.register_blueprint(bp)
    app.after_request(cors)


@bp.route("/widget.js")
def script() -> Response:
    """The widget itself, for a ``<script src=".../widget.js" data-lang="th" async>`` on any page."""
    resp = send_from_directory(STATIC, "widget.js", mimetype="text/javascript", max_age=SCRIPT_MAX_AGE)
    resp.cache_control.public = True
    return resp


@bp.route("/widget.json")
def config() -> Response:
    """The widget's strings in the best site language for ``lang``, its direction and where to write to."""
    lang = widget_language(request.args.get("lang", ""))
    with force_locale(locales.babel_code(lang)):
        strings = {key: str(text) for key, text in STRINGS.items()}
    resp = jsonify(
        lang=lang,
        dir=locales.text_direction(lang),
        strings=strings,
        languages={code: locales.display_name(code) for code in site_languages()},
        contact_url=url_for("public.contact", lang=lang),
        suggest_url=url_for("api.suggest"),
        search_url=url_for("api.search"),
    )
    resp.cache_control.public = True
    resp.cache_control.max_age = CONFIG_MAX_AGE
    return resp


def widget_language(code: str) -> str:
    """The site language closest to what the shop's page asked for ("pt-BR" -> "pt"), else the default."""
    langs = site_languages()
    default = settings().default_language
    if not locales.valid_code(code):
        return default
    return (locales.fallback_chain(code, langs, default) or [default])[0]


@functools.lru_cache(maxsize=8)
def _allowed(spec: str) -> frozenset[str]:
    return frozenset(filter(None, spec.split(",")))


def allowed_origin(origin: str | None) -> bool:
    """Is ``origin`` (the request's Origin header, exactly) one of KB_WIDGET_ORIGINS?"""
    return origin is not None and origin in _allowed(settings().widget_origins)


def cors(resp: Response) -> Response:
    """after_request: echo an allowed Origin on the widget's routes (GET, HEAD and their preflight), no
    credentials; every other request and origin gets no CORS header, so the browser keeps refusing."""
    if request.endpoint not in CORS_ENDPOINTS:
        return resp
    resp.vary.add("Origin")  # a shared cache must not hand one origin's answer to another
    origin = request.headers.get("Origin")
    if not allowed_origin(origin):
        return resp
    if request.method == "OPTIONS":
        if request.headers.get("Access-Control-Request-Method") not in ("GET", "HEAD"):
            return resp
        resp.headers["Access-Control-Allow-Methods"] = "GET, HEAD"
        resp.headers["Access-Control-Max-Age"] = str(CONFIG_MAX_AGE)
    elif request.method not in ("GET", "HEAD"):
        return resp
    resp.headers["Access-Control-Allow-Origin"] = origin or ""
    resp.headers["Access-Control-Expose-Headers"] = "Retry-After"
    return resp
