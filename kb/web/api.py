"""JSON API under /api/v1: the twins of the HTML pages, from the same service calls."""
from __future__ import annotations

from flask import Blueprint, request

from .helpers import get_lang
from .search_view import result_json, run_search

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.route("/search")
def search():
    lang = get_lang(request.args.get("lang", ""))
    result, category = run_search(lang)
    return result_json(result, category)
