"""The Flask adapter: factory, blueprints, CLI, templates. The core (kb/, search/) never imports Flask."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, abort, g, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from kb.content.articles import ArticleNotFound
from kb.core import HelpCenter
from kb.settings import INSTANCE_DIR, Settings
from kb.web import context
from kb.web.helpers import wants_json
from search import IndexUnavailable


def create_app(test_config: dict[str, Any] | None = None, *, help_center: HelpCenter | None = None) -> Flask:
    """The site over one :class:`HelpCenter`; settings as :meth:`Settings.load` (``KB_*`` keys of
    ``test_config`` win over everything), Flask's own keys (TESTING, WTF_CSRF_ENABLED) from ``test_config``."""
    app = Flask(__name__, instance_path=str(INSTANCE_DIR))
    if help_center is None:
        help_center = HelpCenter(Settings.load(test_config))
    settings = help_center.settings
    app.config.from_mapping(MAX_CONTENT_LENGTH=1024 * 1024, JSON_AS_ASCII=False, SECRET_KEY=help_center.secret)
    app.config.update({k: v for k, v in (test_config or {}).items() if not k.startswith("KB_")})
    context.init_app(app, help_center)

    from kb.cli import kb_cli, translate_cli
    from kb.web import api, auth, editor, extensions, permissions, public, ratelimit, staff, suggestions, tickets
    from kb.web.widget import init_app as init_widget

    secure = settings.secure_cookies
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        SESSION_COOKIE_NAME="__Host-session" if secure else "session",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(minutes=30),
        SESSION_REFRESH_EACH_REQUEST=True,
        REMEMBER_COOKIE_DURATION=dt.timedelta(0),
    )
    if settings.trusted_proxies:
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    app.before_request(_refuse_cross_site_writes)  # before CSRF: a cross-site write is 403, token or not
    extensions.init_app(app)
    ratelimit.init_app(app, settings.rate_limits, settings.rate_limit_storage)
    auth.login_manager.init_app(app)
    permissions.init_app(app)
    app.register_blueprint(public.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(staff.bp)
    app.register_blueprint(suggestions.bp)
    app.register_blueprint(tickets.bp)
    app.register_blueprint(editor.bp)
    init_widget(app)
    app.cli.add_command(kb_cli)
    app.cli.add_command(translate_cli)
    _security_headers(app)
    _error_pages(app)
    logging.getLogger("search").setLevel(logging.INFO)
    return app


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _refuse_cross_site_writes() -> None:
    """Every state change must come from this site's own pages, besides carrying the CSRF token:
    ``Sec-Fetch-Site`` (sent by every current browser) must be same-origin or none (typed, bookmarked);
    without it, an ``Origin`` must name this host. Requests with neither (curl, server-to-server API
    clients) are left to the token and the roles."""
    if request.method in SAFE_METHODS:
        return
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        if site not in ("same-origin", "none"):
            abort(403)
        return
    origin = request.headers.get("Origin")
    if origin is not None and (origin == "null" or urlsplit(origin).netloc != request.host):
        abort(403)


def _security_headers(app: Flask) -> None:
    @app.before_request
    def make_nonce() -> None:
        g.csp_nonce = secrets.token_urlsafe(16)

    @app.after_request
    def headers(resp):
        nonce = getattr(g, "csp_nonce", "")
        resp.headers["Content-Security-Policy"] = (
            f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        )
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        if app.config["SESSION_COOKIE_SECURE"]:
            resp.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        return resp


ERROR_MESSAGES = {
    400: _l("The request could not be understood."),
    401: _l("Please sign in."),
    403: _l("You do not have access to this page."),
    404: _l("We could not find that page."),
    405: _l("This page cannot be used that way."),
    413: _l("What you sent is too large."),
    429: _l("Too many requests. Please wait a moment and try again."),
    500: _l("Something went wrong on our side."),
    503: _l("Search is temporarily unavailable. Please try again in a moment."),
}
DATABASE_DOWN = _l(
    "We cannot save anything or sign anyone in right now. Nothing you sent was recorded; please try again in a moment."
)


def _error_page(code: int):
    message = ERROR_MESSAGES.get(code, ERROR_MESSAGES[500 if code >= 500 else 400])
    return render_template("error.html", code=code, message=message), code


def _json_wanted() -> bool:
    """A page's JSON twin or the API, or a script that asks for JSON before HTML (the editor's live
    preview): an HTML error page would be unreadable to it, whatever the status."""
    return wants_json() or request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


def _json_error(message: str, code: int, headers: dict[str, str] | None = None):
    """The one JSON error shape: what went wrong in words, and the status again for clients that lose it."""
    return {"error": message, "status": code}, code, headers or {}


def _error_pages(app: Flask) -> None:
    @app.errorhandler(IndexUnavailable)
    def unavailable(exc):
        if _json_wanted():
            return _json_error(
                "search is temporarily unavailable; the index is being rebuilt", 503, {"Retry-After": "10"}
            )
        return (*_error_page(503), {"Retry-After": "10"})

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeout)
    def database_down(exc):
        """The database cannot be reached: say so, claim nothing was saved (pool_pre_ping reconnects when it is back)."""
        app.logger.error("database unavailable on %s: %s", request.path, exc)
        if _json_wanted():
            return _json_error("the database is unavailable; nothing was saved", 503, {"Retry-After": "30"})
        return render_template("error.html", code=503, message=DATABASE_DOWN), 503, {"Retry-After": "30"}

    @app.errorhandler(ArticleNotFound)
    def not_found(exc):
        if _json_wanted():
            return _json_error("not found", 404)
        return _error_page(404)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        retry_after = getattr(exc, "retry_after", None)  # TooManyRequests and 503s carry one
        headers = {"Retry-After": str(retry_after)} if retry_after else {}
        if _json_wanted():
            # An abort that says what is wrong ("unknown language ...", "The CSRF token is missing.")
            # is passed on; Werkzeug's stock paragraph for the status is not, its name says as much.
            said = exc.description if exc.description != type(exc).description else None
            return _json_error(said or exc.name, exc.code or 500, headers)
        return (*_error_page(exc.code or 500), headers)

    @app.errorhandler(Exception)
    def crash(exc: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        if _json_wanted():
            return _json_error("internal error", 500)
        return _error_page(500)
