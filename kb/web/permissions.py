"""One declarative permission table: endpoint -> who may use it. Deny by default.

A route missing from the table answers 403 for everyone (and a test fails), so a new page can
never be public by accident.
"""

from __future__ import annotations

from flask import Flask, current_app, redirect, request, url_for
from flask_login import current_user
from werkzeug.exceptions import Forbidden
from werkzeug.wrappers import Response

PUBLIC = "public"
STAFF = frozenset({"support", "editor", "admin"})
EDITORS = frozenset({"editor", "admin"})  # the views also check the editor's languages
SUPPORT = frozenset({"support", "admin"})
ADMINS = frozenset({"admin"})

PERMISSIONS: dict[str, str | frozenset[str]] = {
    "static": PUBLIC,
    "public.root": PUBLIC,
    "public.home": PUBLIC,
    "public.search": PUBLIC,
    "public.category": PUBLIC,
    "public.article": PUBLIC,
    "public.vote": PUBLIC,
    "public.contact": PUBLIC,
    "public.robots": PUBLIC,
    "public.sitemap": PUBLIC,
    "api.search": PUBLIC,
    "api.suggest": PUBLIC,
    "api.article": PUBLIC,
    "api.articles": PUBLIC,
    "api.openapi": PUBLIC,
    "api.answer": PUBLIC,  # the view itself demands a bearer token with the "answer" scope (kb.apitokens)
    "widget.script": PUBLIC,
    "widget.config": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": STAFF,
    "staff.dashboard": STAFF,
    "staff.insight_csv": STAFF,
    "staff.explain": STAFF,
    # Who may call the answer API: an admin decision.
    "staff.tokens": ADMINS,
    "staff.revoke_token": ADMINS,
    "editor.dashboard": EDITORS,
    "editor.edit": EDITORS,
    "editor.preview": EDITORS,
    "editor.new": EDITORS,
    "editor.history": EDITORS,
    "editor.revision": EDITORS,
    "editor.restore": EDITORS,
    "editor.export": EDITORS,
    "editor.import_": EDITORS,
    "editor.catalogs": EDITORS,
    # The review queue and log uploads: customer wording and mined evidence, for support staff.
    "suggestions.index": SUPPORT,
    "suggestions.detail": SUPPORT,
    "suggestions.promote": SUPPORT,
    "suggestions.merge": SUPPORT,
    "suggestions.dismiss": SUPPORT,
    "suggestions.reopen": SUPPORT,
    "suggestions.upload": SUPPORT,
    "suggestions.job": SUPPORT,
    "suggestions.start": SUPPORT,
    "suggestions.remine": SUPPORT,
    "suggestions.cancel": SUPPORT,
    # Hand-offs: customers' contact details, messages and photos.
    "tickets.index": SUPPORT,
    "tickets.detail": SUPPORT,
    "tickets.photo": SUPPORT,
    "tickets.retry": SUPPORT,
}


# Where each role lands after signing in: the page its daily work starts from.
START_PAGES = {"admin": "staff.dashboard", "editor": "editor.dashboard", "support": "tickets.index"}


def allowed(endpoint: str, role: str | None) -> bool:
    """May someone with ``role`` (None: anonymous) open ``endpoint``? The table's answer, deny by default.

    Templates ask it before drawing a link, so no page links to a 403."""
    rule = PERMISSIONS.get(endpoint)
    if rule is None:
        return False
    return rule == PUBLIC or (role is not None and role in rule)


def start_page(role: str) -> str:
    """The endpoint a role lands on after signing in."""
    return START_PAGES.get(role, "staff.dashboard")


def may(endpoint: str) -> bool:
    """Template global: may the signed-in user (or an anonymous reader) open ``endpoint``?"""
    return allowed(endpoint, current_user.role if current_user.is_authenticated else None)


def init_app(app: Flask) -> None:
    app.before_request(enforce)
    app.add_template_global(may)
    app.add_template_global(start_page)


def enforce() -> Response | None:
    """before_request: look the endpoint up; unknown endpoints (404s) pass to their handler."""
    endpoint = request.endpoint
    if endpoint is None:
        return None
    allowed = PERMISSIONS.get(endpoint)
    if allowed is None:
        current_app.logger.warning("endpoint %s is missing from PERMISSIONS: denied", endpoint)
        raise Forbidden()
    if allowed == PUBLIC:
        return None
    if not current_user.is_authenticated:
        current_app.logger.info("anonymous request to %s", endpoint)
        if request.path.startswith("/api/"):
            raise Forbidden()
        return redirect(url_for("auth.login", next=request.full_path if request.query_string else request.path))
    if current_user.role not in allowed:
        current_app.logger.warning("user %s (%s) denied %s", current_user.username, current_user.role, endpoint)
        raise Forbidden()
    return None
