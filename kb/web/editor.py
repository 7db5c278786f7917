"""Editors: translation status, the side-by-side editor, revisions, translator files, UI catalogs.

Every view that touches one language checks it against the editor's languages (admins have all);
the permission table only lets editors and admins in at all. Writes go through
kb.content.authoring.save_article (validated, atomic, conflict-checked, revision recorded) and then
re-index only the article that changed.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kb import locales
from kb.content import authoring, drafts, links, publishing, revisions
from kb.content.articles import Article, valid_slug
from kb.content.authoring import ArticleConflict, ArticleInvalid, render_preview, save_article
from kb.content.checks import Problem, split_front_matter
from kb.db import ArticleRevision
from kb.review import queue
from kb.translation import editing, exchange, glossary
from kb.translation import status as translation
from kb.translation.catalogs import catalogs_status
from kb.web.context import db, help_center, settings
from kb.web.helpers import categories, site_languages, wants_json

bp = Blueprint("editor", __name__, url_prefix="/editor")


@bp.after_request
def no_store(resp):
    resp.headers["Cache-Control"] = "no-store"
    return resp


# -- lookups ---------------------------------------------------------------------------------
def may_edit(lang: str) -> bool:
    return current_user.role == "admin" or (current_user.role == "editor" and lang in current_user.langs)


def require_lang(lang: str) -> str:
    """:raise 404: for a language the site does not have; :raise 403: for one the user may not edit."""
    if not locales.valid_code(lang) or lang not in site_languages():
        abort(404)
    if not may_edit(lang):
        current_app.logger.warning("user %s may not edit %s", current_user.username, lang)
        abort(403)
    return lang


def get_source(slug: str) -> Article:
    """:raise 404: when the default language has no such article."""
    return help_center().articles.get(default_lang(), slug)


def default_lang() -> str:
    return settings().default_language


# -- dashboard -------------------------------------------------------------------------------
@bp.route("/", defaults={"fmt": "html"})
@bp.route("/translations.<any(json):fmt>")
def dashboard(fmt: str):
    """Articles by language with status and demand; the top of the to-do list is what to translate next."""
    langs = [lang for lang in site_languages() if lang != default_lang()]
    args = {k: request.args.get(k) or "" for k in ("lang", "status", "category", "q", "sort")}
    if args["status"] not in ("", *translation.STATUSES):
        abort(400)
    m = editing.translation_matrix(
        help_center(), [args["lang"]] if args["lang"] in langs else langs, status=args["status"] or None,
        category=args["category"] or None, query=args["q"] or None, sort="title" if args["sort"] == "title" else "demand",
    )  # fmt: skip
    if wants_json():
        return m.as_dict()
    return render_template(
        "editor/dashboard.html", m=m, langs=langs, chosen=args["lang"], status=args["status"] or None,
        statuses=translation.STATUSES, categories=categories(), may_edit=may_edit, sort=args["sort"] or "demand",
        q=args["q"], category=args["category"], source_lang=default_lang(),
        new_from_questions=queue.promoted_drafts(db(), help_center().articles),
        waiting=drafts.waiting(db()),
    )  # fmt: skip


# -- the editor ------------------------------------------------------------------------------
def _follows() -> editing.Follows | None:
    """The source version the translator declared with "my translation follows the source"."""
    if not request.form.get("follows_source"):
        return None
    hashes = tuple(h for h in request.form.get("source_paragraphs", "").split(",") if h)
    confirmed = frozenset(request.form.getlist("unchanged"))
    return editing.Follows(request.form.get("source_revision", ""), hashes, confirmed)


@bp.route("/<lang>/<slug>", methods=["GET", "POST"])
def edit(lang: str, slug: str):
    """Source and translation side by side; POST saves as a draft or publishes."""
    lang = require_lang(lang)
    if not valid_slug(slug):
        abort(404)
    page = editing.open_page(help_center(), lang, slug)
    conflict, code = None, 200
    action = request.form.get("action") if request.method == "POST" else None
    if action == "discard":
        editing.discard_draft(help_center(), lang, slug)
        return redirect(url_for("editor.edit", lang=lang, slug=slug, saved="discarded"))
    if action == "send_back":
        publishing.send_back(help_center(), lang, slug)
        return redirect(url_for("editor.edit", lang=lang, slug=slug, saved="sent_back"))
    try:
        if action == "approve":
            done = publishing.approve(
                help_center(), lang, slug, username=current_user.username, role=current_user.role, langs=current_user.langs
            )  # fmt: skip
            return redirect(url_for("editor.edit", lang=lang, slug=slug, saved=done))
        if action is not None:
            done = editing.save(
                help_center(),
                page,
                request.form.get("text", ""),
                request.form.get("expected_revision", ""),
                username=current_user.username,
                publish=action == "publish",
                follows=_follows(),
                publish_at=_publish_at(page) if action == "publish" else None,
            )
            return redirect(url_for("editor.edit", lang=lang, slug=slug, saved=done))
    except publishing.NotAllowed as exc:
        page.problems, code = [Problem(f"{lang}/{slug}", None, str(exc))], 403
    except ArticleInvalid as exc:
        page.problems, code = exc.problems, 422
    except ArticleConflict as exc:
        conflict, code, page.expected = exc, 409, exc.current_revision or ""
    if request.method == "GET" and wants_json():
        return page.as_dict()
    return _render_edit(page, conflict), code


def _publish_at(page: editing.EditorPage) -> dt.datetime | None:
    """The form's "publish at" (a UTC date and time, minutes), None when empty.

    :raise ArticleInvalid: for a value that is not a date and time, or one already past."""
    raw = request.form.get("publish_at", "").strip()
    if not raw:
        return None
    rel = f"articles/{page.lang}/{page.slug}.md"
    try:
        when = dt.datetime.fromisoformat(raw).replace(tzinfo=dt.UTC)
    except ValueError:
        raise ArticleInvalid([Problem(rel, "publish_at", "give the publish time as a date and time (UTC)")]) from None
    if when <= dt.datetime.now(dt.UTC):
        raise ArticleInvalid(
            [Problem(rel, "publish_at", "the publish time has passed: choose a later one, or publish now")]
        )
    return when


def _render_edit(page: editing.EditorPage, conflict: ArticleConflict | None) -> str:
    html, preview_problems = render_preview(page.text)
    preview_problems += link_warnings(page.text, html, page.lang, page.slug)
    status, changed = page.status
    source = page.source
    units = editing.source_panel(db(), source, page.article) if source else []
    terms, glossary_error = _glossary_terms(source, units, page.lang)
    return render_template(
        "editor/edit.html",
        edit_lang=page.lang,
        slug=page.slug,
        article=page.article,
        source=source,
        text=page.text,
        expected=page.expected,
        problems=page.problems,
        conflict=conflict,
        preview=html,
        preview_problems=preview_problems,
        status=status,
        changed=changed,
        source_units=units,
        terms=terms,
        glossary_error=glossary_error,
        source_hashes=",".join(translation.paragraph_hashes(source.body)) if source else "",
        saved=request.args.get("saved"),
        pending=page.pending,
        waits_for=publishing.state(page.pending),
        may_approve=publishing.why_not_approve(
            page.pending, current_user.username, current_user.role, current_user.langs
        )
        is None,
        review_required=settings().review_required,
        pending_diff=page.pending_diff,
        pending_is_stale=page.pending_is_stale,
        from_memory=", ".join(str(i + 1) for i in page.from_memory),  # paragraph numbers
        memory_suggestions=page.suggestions,
        text_dir=locales.text_direction(page.lang),
        source_dir=locales.text_direction(default_lang()),
    )


def _glossary_terms(source: Article | None, units: list[dict], lang: str) -> tuple[list[glossary.Term], str]:
    """The glossary terms the source uses (highlighted in ``units`` in place), or why the glossary is unusable."""
    if source is None:
        return [], ""
    try:
        terms = glossary.load(settings().glossary_file)
    except glossary.GlossaryError as exc:
        return [], str(exc)
    for u in units:
        u["html"] = terms.highlight(u["html"], lang, _("agreed translation"))
    return terms.used_in([source.rendered.text], lang), ""


def link_warnings(text: str, html: str, lang: str, slug: str) -> list[str]:
    """Links in the editor's text that lead nowhere on the site, with their line in the text area."""
    if "<a " not in html:
        return []
    text = text.replace("\r\n", "\n")
    try:
        _fm, body, _start = split_front_matter(text)
    except ValueError:
        return []  # render_preview already says why
    lookup = links.lookup_in(help_center().articles.translations, default_lang(), site_languages())
    first = links.body_start(text, body)
    return [str(b) for b in links.check(body, html, lang, slug, lookup, first_line=first)]


@bp.route("/preview", methods=["POST"])
def preview():
    """The editor's text rendered by the server through the site's sanitizer, with what is wrong with it
    and its links, in the language and direction of the article edited (``lang``, ``slug``) (JSON)."""
    lang = request.form.get("lang", "")
    lang = lang if lang in site_languages() else default_lang()
    slug = request.form.get("slug", "")
    text = request.form.get("text", "")
    html, problems = render_preview(text)
    warnings = link_warnings(text, html, lang, slug if valid_slug(slug) else "")
    return {"html": html, "problems": problems, "warnings": warnings, "lang": lang, "dir": locales.text_direction(lang)}


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Create an article in the default language (authors: editors of that language and admins)."""
    lang = require_lang(default_lang())
    slug = (request.form.get("slug") or "").strip()
    text = request.form.get("text") or editing.editable_text(None, None)
    problems: list[Problem] = []
    code = 200
    if request.method == "POST":
        try:
            publish = request.form.get("action") == "publish"
            editing.create(help_center(), slug, text, username=current_user.username, publish=publish)
            return redirect(url_for("editor.edit", lang=lang, slug=slug, saved="create"))
        except ArticleInvalid as exc:
            problems, code = exc.problems, 422
        except ArticleConflict:
            problems, code = [Problem(f"articles/{lang}/{slug}.md", "slug", "an article with this slug exists")], 409
    html, preview_problems = render_preview(text)
    return render_template(
        "editor/new.html", slug=slug, text=text, problems=problems, preview=html,
        preview_problems=preview_problems, edit_lang=lang,
    ), code  # fmt: skip


# -- revisions -------------------------------------------------------------------------------
@bp.route("/<lang>/<slug>/revisions", defaults={"fmt": "html"})
@bp.route("/<lang>/<slug>/revisions.<any(json):fmt>")
def history(lang: str, slug: str, fmt: str):
    """Every recorded write of one article: who, when, what."""
    as_json = wants_json()
    lang = require_lang(lang)
    help_center().articles.path_for(lang, slug)  # 404 for an invalid slug
    revs = revisions.revisions(db(), lang, slug)
    if as_json:
        return {
            "lang": lang,
            "slug": slug,
            "revisions": [
                {
                    "id": r.id,
                    "created_at": r.created_at.isoformat(),
                    "username": r.username,
                    "action": r.action,
                    "requested_at": r.requested_at.isoformat() if r.requested_at else None,
                    "reviewed_by": r.reviewed_by or None,
                    "previous_revision": r.previous_revision,
                    "revision": r.revision,
                    "url": url_for("editor.revision", lang=lang, slug=slug, rev_id=r.id),
                }
                for r in revs
            ],
        }
    return render_template("editor/revisions.html", edit_lang=lang, slug=slug, revs=revs)


def get_revision(lang: str, slug: str, rev_id: int) -> ArticleRevision:
    """:raise 404: when the id is not a revision of this article (no reading another article's by id)."""
    return revisions.get_revision(db(), lang, slug, rev_id) or abort(404)


@bp.route("/<lang>/<slug>/revisions/<int:rev_id>")
def revision(lang: str, slug: str, rev_id: int):
    """One revision: its diff and its whole text, with a restore button."""
    lang = require_lang(lang)
    rev = get_revision(lang, slug, rev_id)
    current_rev, _ = authoring.current_file(help_center().articles, lang, slug)
    return render_template("editor/revision.html", edit_lang=lang, slug=slug, rev=rev, current_rev=current_rev or "")


@bp.route("/<lang>/<slug>/revisions/<int:rev_id>/restore", methods=["POST"])
def restore(lang: str, slug: str, rev_id: int):
    """Write an old revision's text back (itself a new revision); refused if the file changed meanwhile."""
    lang = require_lang(lang)
    rev = get_revision(lang, slug, rev_id)
    expected = request.form.get("expected_revision") or None
    try:
        save_article(
            help_center().articles,
            lang,
            slug,
            rev.text,
            expected_revision=expected,
            create=expected is None,
            db=db(),
            username=current_user.username,
            action="restore",
        )
    except ArticleConflict:
        return redirect(url_for("editor.revision", lang=lang, slug=slug, rev_id=rev_id, conflict=1))
    except ArticleInvalid as exc:  # the rules changed since it was written
        current_app.logger.warning("revision %s no longer validates: %s", rev_id, exc)
        abort(422)
    help_center().article_written(lang, slug)
    return redirect(url_for("editor.edit", lang=lang, slug=slug, saved="restore"))


# -- translator files ------------------------------------------------------------------------
def _attachment(name: str) -> str:
    """A Content-Disposition for ``name`` (``<slug>.<lang>.<ext>``) that any client can read (RFC 6266).

    HTTP headers are Latin-1, so a Thai or Persian slug travels percent-encoded in ``filename*``
    (RFC 5987), with an ASCII ``filename`` for clients that ignore it.
    """
    stem, _, rest = name.partition(".")
    plain = "".join(c for c in unicodedata.normalize("NFKD", stem) if c.isascii() and (c.isalnum() or c in "-_"))
    plain = plain.strip("-_")
    fallback = f"{plain or 'article'}.{rest}" if rest else plain or "article"
    if fallback == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _download(data: bytes, name: str, fmt: str) -> Response:
    mime = "text/x-gettext-translation" if fmt == "po" else "application/x-xliff+xml"
    return Response(data, mimetype=mime, headers={"Content-Disposition": _attachment(name)})


@bp.route("/<lang>/export")
def export(lang: str):
    """A PO or XLIFF file of one article (``slug``) or of every article not current in ``lang``."""
    lang = require_lang(lang)
    if lang == default_lang():
        abort(400)
    fmt = request.args.get("format", "po")
    if fmt not in exchange.FORMATS:
        abort(400)
    slug = request.args.get("slug")
    if slug:
        get_source(slug)
        slugs = [slug]
    else:
        slugs = exchange.outdated_slugs(help_center().articles, lang)
        if not slugs:
            abort(404)
    return _download(
        exchange.export(help_center().articles, lang, slugs, fmt), exchange.filename(lang, slugs, fmt), fmt
    )


@bp.route("/<lang>/import", methods=["GET", "POST"])
def import_(lang: str):
    """Upload a translated PO or XLIFF file; each article in it is saved as a draft."""
    lang = require_lang(lang)
    if lang == default_lang():
        abort(400)
    results, error, code = [], "", 200
    if request.method == "POST":
        upload = request.files.get("file")
        try:
            if upload is None or not upload.filename:
                raise exchange.ExchangeError("choose a file")
            data = upload.read(exchange.MAX_IMPORT_BYTES + 1)
            results = editing.import_translations(help_center(), lang, data, username=current_user.username)
            code = 422 if any(r.error for r in results) else 200
        except exchange.ExchangeError as exc:
            error, code = str(exc), 422
    if wants_json():
        return {"error": error, "results": [r.as_dict() for r in results]}, code
    return render_template("editor/import.html", edit_lang=lang, results=results or None, error=error), code


# -- UI catalogs -----------------------------------------------------------------------------
@bp.route("/catalogs", defaults={"fmt": "html"})
@bp.route("/catalogs.<any(json):fmt>")
def catalogs(fmt: str):
    """How complete each interface catalog in translations/ is."""
    as_json = wants_json()
    rows = catalogs_status(settings().translations_dir)
    if as_json:
        return {"catalogs": rows}
    return render_template("editor/catalogs.html", rows=rows)
