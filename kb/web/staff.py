"""Staff pages: what readers could not find, and why a result ranked where it did."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import func

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
