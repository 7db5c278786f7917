"""Staff pages: what readers could not find, why a result ranked where it did, and the answer API's tokens."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func

from kb import apitokens
from kb.db import ArticleView, SearchEvent
from kb.web.context import db, help_center
from kb.web.helpers import get_lang, site_languages

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.after_request
def no_store(resp):
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.route("/")
def dashboard():
    """Searches with no answer and fallback demand, per language (last 30 days)."""
    with db().session() as s:
        unanswered = (
            s.query(SearchEvent.lang, SearchEvent.query, func.count(SearchEvent.id))
            .filter(SearchEvent.results == 0)
            .group_by(SearchEvent.lang, SearchEvent.query)
            .order_by(func.count(SearchEvent.id).desc())
            .limit(30)
            .all()
        )
        fallback = (
            s.query(ArticleView.lang, ArticleView.slug, func.count(ArticleView.id))
            .filter(ArticleView.lang != ArticleView.shown_lang)
            .group_by(ArticleView.lang, ArticleView.slug)
            .order_by(func.count(ArticleView.id).desc())
            .limit(30)
            .all()
        )
    return render_template("staff/dashboard.html", unanswered=unanswered, fallback=fallback)


@bp.route("/explain")
def explain():
    """Why each result ranked: lexical fields and dense contributions."""
    lang = get_lang(request.args.get("lang") or site_languages()[0])
    query = request.args.get("q", "")
    result = help_center().search(query, lang, explain=True, statuses=("published", "draft")) if query else None
    return render_template("staff/explain.html", result=result, query=query, explain_lang=lang)


@bp.route("/tokens", methods=["GET", "POST"])
def tokens():
    """The answer API's tokens: create one (shown once, on this response only), list, revoke."""
    created, error = None, None
    if request.method == "POST":
        try:
            created = apitokens.create(
                db(), request.form.get("name", ""), request.form.getlist("scope"), created_by=current_user.username
            )
        except apitokens.TokenError as exc:
            error = str(exc)
    # Rendered, never flashed or redirected: the flash would carry the token in the session cookie.
    return render_template(
        "staff/tokens.html",
        tokens=apitokens.list_tokens(db()),
        scopes=apitokens.SCOPES,
        created=created,
        error=error,
    ), (400 if error else 200)


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(token_id: int):
    """Revoke a token at once; its next request answers 401."""
    try:
        row = apitokens.revoke(db(), token_id)
        flash(_("Token %(name)s revoked.", name=row.name), "ok")
    except apitokens.TokenError as exc:
        flash(str(exc), "error")
    return redirect(url_for(".tokens"), 303)
