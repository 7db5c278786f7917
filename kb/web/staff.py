"""Staff pages: the insight dashboard and its CSV export, why a result ranked where it did, and the answer API's tokens."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from kb import apitokens, insight
from kb.web.context import db, help_center
from kb.web.helpers import get_lang, site_languages, wants_json
from search.calibration import second_slot

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.after_request
def no_store(resp):
    resp.headers["Cache-Control"] = "no-store"
    return resp


FIGURES = {
    "searches": _l("Searches"),
    "no_result": _l("Searches with no result"),
    "no_click": _l("Searches with no click"),
    "reads": _l("Articles read"),
    "self_service": _l("Self-service rate"),
    "contacts": _l("Contacts"),
    "helpful": _l("Helpful votes"),
    "not_helpful": _l("Not helpful votes"),
    "fallback_reads": _l("Read in another language"),
    "fallback_searches": _l("Searches answered only in another language"),
}
# Fewer is better for these: the change is shown as good when it goes down.
LOWER_IS_BETTER = frozenset({"no_result", "no_click", "contacts", "not_helpful"})
# Demand for translations is a signal, not a score: its change is shown without a colour.
NEUTRAL = frozenset({"fallback_reads", "fallback_searches"})
TABLES = {
    "figures": _l("Figures"),
    "contacts_by_topic": _l("Contacts by topic"),
    "contacts_by_language": _l("Contacts by language"),
    "contacts_by_channel": _l("Contacts by channel"),
    "most_read": _l("Most-read articles"),
    "least_helpful": _l("Least helpful articles"),
    "reasons": _l("Latest reasons given with a vote"),
    "translation_demand": _l("Translation demand by language"),
    "read_in_another_language": _l("Read in another language (translation demand)"),
    "no_result_queries": _l("Searches with no results"),
}
PERIOD_ERRORS = {
    "bad_date": _l("Enter both dates as YYYY-MM-DD."),
    "order": _l("The start date is after the end date."),
    "future": _l("The start date is in the future."),
    "too_long": _l("A custom period is at most two years."),
    "bad_period": _l("Choose 7, 30 or 90 days, or a custom range."),
}


def requested_period() -> insight.Period:
    """The period of ``?period=7|30|90|custom&from=&to=`` (:raise PeriodInvalid: see bad_period)."""
    return insight.parse_period(request.args.get("period"), request.args.get("from"), request.args.get("to"))


def bad_period(exc: insight.PeriodInvalid):
    """:raise 400: the reason in words, as the page, its JSON twin or plain text (the CSV)."""
    message = str(PERIOD_ERRORS.get(exc.code, PERIOD_ERRORS["bad_period"]))
    if wants_json():
        return {"error": message, "status": 400}, 400
    if request.endpoint == "staff.insight_csv":
        return Response(message + "\n", 400, mimetype="text/plain")
    return render_template("staff/dashboard.html", error=message, args=request.args, presets=insight.PRESETS), 400


@bp.route("/", defaults={"fmt": "html"})
@bp.route("/dashboard.<any(json):fmt>")
def dashboard(fmt: str):
    """The period's figures beside the previous period's, with charts, tables and CSV links."""
    try:
        period = requested_period()
    except insight.PeriodInvalid as exc:
        return bad_period(exc)
    data = insight.insight(db(), period)
    if wants_json():
        return data.as_json()
    return render_template(
        "staff/dashboard.html",
        data=data,
        figures=FIGURES,
        lower_is_better=LOWER_IS_BETTER,
        neutral=NEUTRAL,
        tables=TABLES,
        args=request.args,
        presets=insight.PRESETS,
    )


@bp.route("/insight.csv")
def insight_csv():
    """One dashboard table as CSV (``?table=…`` plus the dashboard's period arguments).

    :raise 400: for an unknown table or period.
    """
    name = request.args.get("table", "")
    if name not in TABLES:
        return Response(_("Unknown table.") + "\n", 400, mimetype="text/plain")
    try:
        period = requested_period()
    except insight.PeriodInvalid as exc:
        return bad_period(exc)
    data = insight.insight(db(), period)
    filename = f"kestrel-{name.replace('_', '-')}-{period.first_day()}-{period.last_day()}.csv"
    return Response(
        insight.to_csv(data.tables[name]),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/explain")
def explain():
    """Why each result ranked: its rank and score in each list, the lexical fields, the weights."""
    lang = get_lang(request.args.get("lang") or site_languages()[0])
    query = request.args.get("q", "")
    hc = help_center()
    result = hc.search(query, lang, explain=True, statuses=("published", "draft")) if query else None
    return render_template(
        "staff/explain.html",
        result=result,
        witnesses=[(witness_name(key), value) for key, value in (result.evidence_parts if result else {}).items()],
        query=query,
        explain_lang=lang,
        # What readers' clicks taught search in this language (search.learning).
        floor_raise=hc.service.floor_raise.get(lang, 0.0),
        dense_factor=hc.service.dense_factor.get(lang, 1.0),
    )


def witness_name(key: str) -> str:
    """A part of the relevance evidence (``SearchResult.evidence_parts``) as staff read it."""
    slot = second_slot(key)
    if slot is not None:
        return f"{_('Dense')} {slot + 1}"  # the primary model's ranking is the first
    return {"lexical": "BM25F", "dense": _("Dense"), "asked": _("Asked questions")}.get(key, key)


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
