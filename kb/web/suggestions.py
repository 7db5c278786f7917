"""The review queue: mined suggestions with their evidence, promote / merge / dismiss, log uploads.

Views stay short and call kb.review.queue (reads) and kb.review.decisions (actions); every list or detail page has a JSON twin (``?format=json``)
built from the same call. Customer text is only ever autoescaped plain text (``dir="auto"``),
never Markdown, never ``|safe``.
"""

from __future__ import annotations

import contextlib
import os

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kb.mining import jobs
from kb.mining.ingest import IngestError, parse_mapping, parse_since
from kb.mining.redaction import redact
from kb.review import decisions, impact, queue, wording
from kb.web.context import db, help_center, settings
from kb.web.extensions import csrf
from kb.web.helpers import categories, site_languages, wants_json
from search import parse_doc_id

bp = Blueprint("suggestions", __name__, url_prefix="/staff/suggestions")

PER_PAGE = 25
UPLOAD_LIMIT = 20 * 1024 * 1024  # the app allows 1 MB per request; only the upload view raises it
UPLOAD_EXTENSIONS = (".csv", ".jsonl", ".ndjson", ".json")
RUNNING = ("queued", "running")


@bp.after_request
def no_store(resp):
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.errorhandler(queue.SuggestionNotFound)
def suggestion_not_found(exc):
    if wants_json():
        return {"error": "not found"}, 404
    from kb.web import _error_page

    return _error_page(404)


@bp.app_template_filter("redact_pii")
def redact_pii(text) -> str:
    """Defence in depth on pages: inquiries are redacted at ingestion; redacting again is idempotent."""
    return "" if text is None else redact(str(text))


def weekly_chart(weekly: list, height: int = 60, bar: int = 10, min_slots: int = 26) -> dict:
    """Bars for an inline SVG: [[week, count], ...] -> sizes in SVG units (no script, no style attribute).

    At least half a year of slots, latest week at the right edge, so a young cluster shows as a
    few narrow bars instead of three wide blocks.
    """
    rows = [(str(w), int(n)) for w, n in (weekly or []) if isinstance(n, (int, float))]
    peak = max((n for _, n in rows), default=0)
    offset = max(0, min_slots - len(rows)) * bar
    bars = [
        {
            "x": offset + i * bar,
            "y": height - (h := round(n / peak * height) if peak else 0),
            "height": h,
            "week": w,
            "count": n,
        }
        for i, (w, n) in enumerate(rows)
    ]
    return {
        "bars": bars,
        "width": offset + max(len(rows), 1) * bar,
        "height": height,
        "peak": peak,
        "first": rows[0][0] if rows else "",
        "last": rows[-1][0] if rows else "",
        "total": sum(n for _, n in rows),
    }


# -- the queue ------------------------------------------------------------------------------
def _filters() -> dict[str, str]:
    """:raise 400: for a status or coverage that does not exist."""
    f = {k: request.args.get(k, "").strip()[:64] for k in ("lang", "channel", "priority", "coverage")}
    f["status"] = request.args.get("status", "new").strip()
    if f["status"] == "all":
        f["status"] = ""
    if (f["status"] and f["status"] not in queue.STATUSES) or (f["coverage"] and f["coverage"] not in queue.COVERAGE):
        abort(400)
    return f


@bp.route("/")
def index():
    """Suggestions best score first, filtered by language, channel, status, priority and coverage."""
    filters = _filters()
    page = max(1, request.args.get("page", 1, type=int) or 1)
    items, total = queue.list_suggestions(db(), page=page, per_page=PER_PAGE, **filters)
    if wants_json():
        return {
            "total": total,
            "page": page,
            "per_page": PER_PAGE,
            "filters": filters,
            "suggestions": [queue.as_dict(s) for s in items],
        }
    pages = max(1, -(-total // PER_PAGE))
    args = {k: v for k, v in filters.items() if v} | ({"status": "all"} if not filters["status"] else {})
    return render_template(
        "suggestions/list.html",
        suggestions=items,
        total=total,
        page=page,
        pages=pages,
        filters=filters,
        args=args,
        options=queue.filter_options(db()),
        titles={s.id: wording.title_in(s, filters["lang"]) for s in items},
        active=jobs.active_jobs(db(), settings().job_lease_seconds, settings().upload_dir),
    )


def _detail(suggestion_id: int, error: str = "", status: int = 200, form=None, action: str = ""):
    suggestion = queue.get_suggestion(db(), suggestion_id)
    effect = impact.impact(db(), suggestion, help_center().articles)
    log = queue.actions(db(), suggestion_id)
    nearest = suggestion.nearest or {}
    phrasings = {
        "promote": wording.proposed_phrasings(suggestion, suggestion.lang),
        "merge": wording.proposed_phrasings(suggestion, str(nearest.get("lang") or suggestion.lang)),
    }
    if action in phrasings:  # the form again after an error: as the person left it
        phrasings[action] = wording.resubmitted(suggestion, *_submitted_phrasings())
    if wants_json():
        return {
            **queue.as_dict(suggestion, full=True),
            "impact": effect,
            "phrasings": jobs.jsonable(phrasings),
            "actions": [
                {"at": a.created_at.isoformat(), "username": a.username, "action": a.action, "detail": a.detail}
                for a in log
            ],
        }, status
    nearest_article = None
    if nearest.get("lang") and nearest.get("slug"):
        with contextlib.suppress(LookupError):
            nearest_article = help_center().articles.get(str(nearest["lang"]), str(nearest["slug"]))
    cats = list(categories())
    if nearest_article and nearest_article.category and nearest_article.category not in cats:
        cats.append(nearest_article.category)  # offered even when categories.yml does not name it
    return render_template(
        "suggestions/detail.html",
        s=suggestion,
        impact=effect,
        log=log,
        error=error,
        chart=weekly_chart(suggestion.weekly),
        examples=[wording.example_parts(e) for e in suggestion.examples or []],
        form=form or {},
        phrasings=phrasings,
        default_title=wording.default_title(suggestion, suggestion.lang),
        title=wording.title_in(suggestion, request.args.get("lang", "")[:64]),
        nearest=nearest,
        nearest_article=nearest_article,
        categories=cats,
        languages=site_languages(),
        articles=sorted(a.key for a in help_center().articles.articles()),
    ), status


@bp.route("/<int:suggestion_id>")
def detail(suggestion_id: int):
    """All the evidence for one suggestion, its review log, and what happened after it was acted on."""
    return _detail(suggestion_id)


def _act(suggestion_id: int, do):
    """Run a review action (``do`` returns the message); back to the detail page, or the page again with the error."""
    try:
        message = do()
    except decisions.ReviewError as exc:
        return _detail(
            suggestion_id,
            error=str(exc),
            status=422,
            form=request.form,
            action=(request.endpoint or "").rpartition(".")[2],
        )
    flash(message, "ok")
    return redirect(url_for(".detail", suggestion_id=suggestion_id), 303)


def _submitted_phrasings() -> tuple[list[str], set[int]]:
    """The form's phrasings as edited (``question``) and which were checked (``use``, their positions)."""
    texts = request.form.getlist("question")
    chosen = {int(i) for i in request.form.getlist("use") if i.isascii() and i.isdigit() and len(i) <= 3}
    return texts, {i for i in chosen if i < len(texts)}


def _chosen_questions() -> list[str]:
    """Only what the staff member checked, as they edited it: nothing else a customer wrote is published."""
    texts, chosen = _submitted_phrasings()
    return [texts[i] for i in sorted(chosen)]


@bp.route("/<int:suggestion_id>/promote", methods=["POST"])
def promote(suggestion_id: int):
    form = request.form

    def do() -> str:
        article = decisions.promote(
            db(),
            help_center(),
            suggestion_id,
            current_user.username,
            lang=form.get("lang") or None,
            slug=form.get("slug", "").strip() or None,
            title=form.get("title", "").strip() or None,
            category=form.get("category"),
            questions=_chosen_questions(),
        )
        return _("Draft created: %(article)s. An editor reviews and publishes it.", article=article.key)

    return _act(suggestion_id, do)


@bp.route("/<int:suggestion_id>/merge", methods=["POST"])
def merge(suggestion_id: int):
    lang, slug = parse_doc_id(request.form.get("article", "").strip())[:2]

    def do() -> str:
        article = decisions.merge(
            db(), help_center(), suggestion_id, current_user.username, lang, slug, _chosen_questions()
        )
        return _("Phrasings added to %(article)s.", article=article.key)

    return _act(suggestion_id, do)


@bp.route("/<int:suggestion_id>/dismiss", methods=["POST"])
def dismiss(suggestion_id: int):
    def do() -> str:
        decisions.dismiss(db(), suggestion_id, current_user.username, request.form.get("reason", ""))
        return _("Dismissed.")

    return _act(suggestion_id, do)


@bp.route("/<int:suggestion_id>/reopen", methods=["POST"])
def reopen(suggestion_id: int):
    def do() -> str:
        decisions.reopen(db(), suggestion_id, current_user.username)
        return _("Back in the queue.")

    return _act(suggestion_id, do)


# -- uploads and jobs ------------------------------------------------------------------------
def _upload_form(error: str = "", status: int = 200):
    return render_template(
        "suggestions/upload.html", error=error, jobs=jobs.recent_jobs(db()), limit_mb=UPLOAD_LIMIT // (1024 * 1024)
    ), status


@bp.route("/upload", methods=["GET", "POST"])
@csrf.exempt  # checked below, once the larger size limit is in force (the global check would read at 1 MB)
def upload():
    """An inquiry log (CSV or JSONL) to import and mine in the background."""
    if request.method == "GET":
        return _upload_form()
    if (request.content_length or 0) > UPLOAD_LIMIT:
        abort(413)  # before a byte of the body is read
    request.max_content_length = UPLOAD_LIMIT
    csrf.protect()
    file = request.files.get("file")
    if file is None or not file.filename:
        return _upload_form(_("Choose a file to upload."), 400)
    ext = os.path.splitext(file.filename)[1].lower()
    if ext not in UPLOAD_EXTENSIONS:
        return _upload_form(_("Upload a .csv or .jsonl file."), 400)
    try:
        mapping = parse_mapping(request.form.get("mapping"))
        since = parse_since(request.form.get("since"))
    except IngestError as exc:
        return _upload_form(str(exc), 400)
    except ValueError:
        return _upload_form(_("The date must look like 2026-09-14."), 400)
    mode = _mode()
    path = jobs.store_upload(settings().upload_dir, ext, file.save)
    if request.form.get("start") == "now":  # scripts: no preview
        job_id, thread = jobs.submit(help_center(), current_user.username, file.filename, path, mapping, since, mode)
        _track(job_id, thread)
    else:  # people: the job page says what the import will do, and they start it there
        job_id = jobs.preview(help_center(), current_user.username, file.filename, path, mapping, since)
    return redirect(url_for(".job", job_id=job_id), 303)


def _mode() -> str:
    """What follows the import: "remine" (the default) or "assign". :raise 400: for anything else."""
    mode = request.form.get("mode") or "remine"
    if mode not in jobs.MODES:
        abort(400)
    return mode


def _track(job_id: int, thread) -> None:
    running = {j: t for j, t in current_app.extensions.get("kb_mining_threads", {}).items() if t.is_alive()}
    current_app.extensions["kb_mining_threads"] = running | {job_id: thread}  # tests join them


@bp.route("/remine", methods=["POST"])
def remine():
    """Cluster every stored inquiry again now (a re-run keeps suggestions and dismissals)."""
    job_id, thread = jobs.submit_remine(help_center(), current_user.username)
    _track(job_id, thread)
    return redirect(url_for(".job", job_id=job_id), 303)


@bp.route("/jobs/<int:job_id>/start", methods=["POST"])
def start(job_id: int):
    """Start a previewed import, then mine again or add to the existing suggestions (``mode``)."""
    get_job(job_id)
    mode = _mode()
    try:
        _track(job_id, jobs.start_pending(help_center(), job_id, mode))
    except ValueError as exc:
        flash(str(exc), "error")
    return redirect(url_for(".job", job_id=job_id), 303)


@bp.route("/jobs/<int:job_id>/cancel", methods=["POST"])
def cancel(job_id: int):
    """Drop a previewed import and its file."""
    get_job(job_id)
    try:
        jobs.cancel_pending(help_center(), job_id)
    except ValueError as exc:
        flash(str(exc), "error")
    return redirect(url_for(".upload"), 303)


def get_job(job_id: int):
    """:raise 404: when there is no such job."""
    jobs.reap_dead_jobs(db(), settings().job_lease_seconds, settings().upload_dir)
    job = jobs.get_job(db(), job_id)
    if job is None:
        abort(404)
    return job


@bp.route("/jobs/<int:job_id>")
def job(job_id: int):
    """Stage, progress, counts and bad rows of an import-and-mine job; the page refreshes while it runs."""
    job = get_job(job_id)
    report = job.report or {}
    counts, mined = jobs.job_counts(report["preview"]) if job.status == "pending" else jobs.job_counts(report)
    if wants_json():
        return {
            "id": job.id,
            "status": job.status,
            "stage": job.stage,
            "progress": job.progress,
            "filename": job.filename,
            "username": job.username,
            "created_at": job.created_at.isoformat(),
            "finished_at": job.finished_at.isoformat() if job.finished_at else None,
            "error": job.error,
            "report": {k: v for k, v in (job.report or {}).items() if k != "upload"},  # not the stored name
        }
    return render_template("suggestions/job.html", job=job, counts=counts, mined=mined, running=job.status in RUNNING)
