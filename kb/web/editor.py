"""Editors: translation status, the side-by-side editor, revisions, translator files, UI catalogs.

Every view that touches one language checks it against the editor's languages (admins have all);
the permission table only lets editors and admins in at all. Writes go through
kb.content.authoring.save_article (validated, atomic, conflict-checked, revision recorded) and then
re-index only the article that changed.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import yaml
from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from kb import locales
from kb.content.articles import Article, ArticleNotFound, Problem, parse_article, split_front_matter, valid_slug
from kb.content.authoring import (
    ArticleConflict,
    ArticleInvalid,
    article_meta,
    current_file,
    dump_article,
    markdown_cost_problem,
    revisions,
    save_article,
)
from kb.content.rendering import MAX_SOURCE_CHARS, RenderError, render
from kb.db import ArticleRevision
from kb.translation import exchange
from kb.translation import status as translation
from kb.web.context import db, help_center, settings
from kb.web.helpers import categories, site_languages

bp = Blueprint("editor", __name__, url_prefix="/editor")
MANAGED_KEYS = ("source_revision", "source_paragraphs")  # written by the editor, not typed


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


def wants_json(fmt: str) -> bool:
    """``.json`` on the path, or ``?format=json`` like the other staff pages."""
    if fmt not in ("html", "json"):
        abort(404)
    return fmt == "json" or request.args.get("format") == "json"


# -- dashboard -------------------------------------------------------------------------------
@bp.route("/", defaults={"fmt": "html"})
@bp.route("/translations.<fmt>")
def dashboard(fmt: str):
    """Articles by language with status and demand; the top of the to-do list is what to translate next."""
    as_json = wants_json(fmt)
    langs = [lang for lang in site_languages() if lang != default_lang()]
    chosen = request.args.get("lang") or ""
    status = request.args.get("status") or None
    if status not in (None, *translation.STATUSES):
        abort(400)
    shown = [chosen] if chosen in langs else langs
    demand = translation.demand_from(db(), resolve=help_center().resolve_query)
    m = translation.matrix(help_center().articles, langs=shown, demand=demand, status=status,
                           category=request.args.get("category") or None, query=request.args.get("q") or None,
                           sort="title" if request.args.get("sort") == "title" else "demand")
    if as_json:
        return m.as_dict()
    return render_template("editor/dashboard.html", m=m, langs=langs, chosen=chosen, status=status,
                           statuses=translation.STATUSES, categories=categories(), may_edit=may_edit,
                           sort=request.args.get("sort") or "demand", q=request.args.get("q") or "",
                           category=request.args.get("category") or "", source_lang=default_lang())


# -- the editor ------------------------------------------------------------------------------
def editable_text(article: Article | None, source: Article | None, lang: str) -> str:
    """What the editor's text area starts with: the file without the keys the editor manages."""
    if article is not None:
        meta = article_meta(article)
        body = article.body
    elif source is not None:  # a new translation starts from the source, as a draft
        meta = {**article_meta(source), "status": "draft", "updated": None}
        body = source.body
    else:
        meta, body = {"title": "", "summary": "", "category": "", "status": "draft"}, ""
    for key in MANAGED_KEYS:
        meta.pop(key, None)
    return dump_article(meta, body)


def old_source_body(slug: str, revision: str) -> str | None:
    """The source's body at ``revision``, when that version was written through the editor."""
    if not revision:
        return None
    with db().session() as s:
        rev = (s.query(ArticleRevision).filter_by(lang=default_lang(), slug=slug, revision=revision)
               .order_by(ArticleRevision.id.desc()).first())
    if rev is None:
        return None
    try:
        return split_front_matter(rev.text)[1]
    except ValueError:
        return None


def source_panel(source: Article, article: Article | None) -> list[dict]:
    """The source's paragraphs, rendered, each marked changed or not for this translation; with the
    words that changed when the older source is in the revision log."""
    units = translation.align(source, article)
    old_body = old_source_body(source.slug, article.source_revision) if article is not None else None
    before = translation.old_counterparts(old_body, source.body) if old_body is not None else {}
    out = []
    for u in units:
        try:
            html = render(u.source).html
        except RenderError:
            html = ""
        changed = u.changed and article is not None
        diff = translation.word_diff(before[u.index], u.source) if changed and u.index in before else None
        out.append({"index": u.index, "hash": u.hash, "html": html, "changed": changed, "diff": diff})
    return out


def preview_html(text: str) -> tuple[str, list[str]]:
    """Sanitised HTML of an editor's text (front matter dropped) and what is wrong with it."""
    if len(text) > MAX_SOURCE_CHARS:
        return "", [f"the article is {len(text)} characters; the limit is {MAX_SOURCE_CHARS}"]
    problem = markdown_cost_problem(text)
    if problem:
        return "", [f"the article {problem}"]
    try:
        _, body, _ = split_front_matter(text.replace("\r\n", "\n"))
    except ValueError as exc:
        return "", [str(exc)]
    try:
        rendered = render(body)
    except RenderError as exc:
        return "", [str(exc)]
    return rendered.html, list(rendered.problems)


def _form_text(lang: str, slug: str, existing: Article | None) -> str:
    """The file to write: the form's text with status and the managed keys set by the editor.

    :raise ArticleInvalid: when the front matter cannot even be read.
    """
    text = request.form.get("text", "").replace("\r\n", "\n")
    rel = f"articles/{lang}/{slug}.md"
    try:
        fm, body, _ = split_front_matter(text)
        meta = yaml.safe_load(fm) if fm is not None else None
    except (ValueError, yaml.YAMLError) as exc:
        raise ArticleInvalid([Problem(rel, None, f"front matter is not valid YAML: {exc}")]) from exc
    if not isinstance(meta, dict):
        raise ArticleInvalid([Problem(rel, None, "the text must start with front matter: '---', the keys, '---'")])
    for key in MANAGED_KEYS:
        meta.pop(key, None)
    publish = request.form.get("action") == "publish"
    meta["status"] = "published" if publish else "draft"
    if publish:
        meta["updated"] = dt.date.today()
    if lang != default_lang():
        if request.form.get("follows_source"):
            hashes = [h for h in request.form.get("source_paragraphs", "").split(",") if h]
            meta["source_revision"] = request.form.get("source_revision", "")
            meta["source_paragraphs"] = hashes
        elif existing is not None:
            meta["source_revision"] = existing.source_revision
            meta["source_paragraphs"] = list(existing.source_paragraphs)
    return dump_article(meta, body)


@bp.route("/<lang>/<slug>", methods=["GET", "POST"])
def edit(lang: str, slug: str):
    """Source and translation side by side; POST saves as a draft or publishes."""
    lang = require_lang(lang)
    store = help_center().articles
    if not valid_slug(slug):
        abort(404)
    is_source = lang == default_lang()
    try:
        article: Article | None = store.get(lang, slug)
    except ArticleNotFound:
        article = None
    source = None if is_source else get_source(slug)
    if is_source and article is None:
        abort(404)
    problems: list[Problem] = []
    conflict = None
    status_code = 200
    text = editable_text(article, source, lang)
    expected = article.revision if article else ""
    on_disk_rev, on_disk_text = current_file(store, lang, slug)
    if article is None and on_disk_rev is not None:  # a file that does not validate: fix it here
        text, expected = on_disk_text or "", on_disk_rev
        problems = parse_article(lang, slug, f"articles/{lang}/{slug}.md", (on_disk_text or "").encode("utf-8"))[1]
    if request.method == "POST":
        text = request.form.get("text", "")
        expected = request.form.get("expected_revision", "")
        try:
            new_text = _form_text(lang, slug, article)
            action = "publish" if request.form.get("action") == "publish" else "save"
            save_article(store, lang, slug, new_text, expected_revision=expected or None, create=not expected,
                         db=db(), username=current_user.username, action=action if expected else "create")
            help_center().article_written(lang, slug)
            return redirect(url_for("editor.edit", lang=lang, slug=slug, saved=action))
        except ArticleInvalid as exc:
            problems, status_code = exc.problems, 422
        except ArticleConflict as exc:
            conflict, status_code = exc, 409
            expected = exc.current_revision or ""
    status, changed = translation.status_of(source, article) if source else ("source", [])
    if request.method == "GET" and request.args.get("format") == "json":
        return {"lang": lang, "slug": slug, "status": status, "changed": changed,
                "revision": article.revision if article else None,
                "source_revision": source.revision if source else None,
                "units": [{"index": u.index, "hash": u.hash, "source": u.source, "translation": u.previous,
                           "changed": u.changed} for u in translation.align(source, article)] if source else []}
    html, preview_problems = preview_html(text)
    hashes = translation.paragraph_hashes(source.body) if source else []
    return render_template(
        "editor/edit.html", edit_lang=lang, slug=slug, article=article, source=source,
        text=text, expected=expected, problems=problems, conflict=conflict, preview=html,
        preview_problems=preview_problems, status=status, changed=changed,
        source_units=source_panel(source, article) if source else [], source_hashes=",".join(hashes),
        saved=request.args.get("saved"), text_dir=locales.text_direction(lang),
        source_dir=locales.text_direction(default_lang())), status_code


@bp.route("/preview", methods=["POST"])
def preview():
    """The editor's text rendered by the server through the site's sanitizer (JSON)."""
    html, problems = preview_html(request.form.get("text", ""))
    return {"html": html, "problems": problems}


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Create an article in the default language (authors: editors of that language and admins)."""
    lang = require_lang(default_lang())
    store = help_center().articles
    slug = (request.form.get("slug") or "").strip()
    text = request.form.get("text") or editable_text(None, None, lang)
    problems: list[Problem] = []
    code = 200
    if request.method == "POST":
        if not valid_slug(slug):
            problems, code = [Problem("slug", "slug", "use lowercase letters, digits and hyphens, e.g. gift-cards")], 422
        else:
            try:
                save_article(store, lang, slug, _form_text(lang, slug, None), create=True, db=db(),
                             username=current_user.username, action="create")
                help_center().article_written(lang, slug)
                return redirect(url_for("editor.edit", lang=lang, slug=slug, saved="create"))
            except ArticleInvalid as exc:
                problems, code = exc.problems, 422
            except ArticleConflict:
                problems, code = [Problem(f"articles/{lang}/{slug}.md", "slug", "an article with this slug exists")], 409
    html, preview_problems = preview_html(text)
    return render_template("editor/new.html", slug=slug, text=text, problems=problems, preview=html,
                           preview_problems=preview_problems, edit_lang=lang), code


# -- revisions -------------------------------------------------------------------------------
@bp.route("/<lang>/<slug>/revisions", defaults={"fmt": "html"})
@bp.route("/<lang>/<slug>/revisions.<fmt>")
def history(lang: str, slug: str, fmt: str):
    """Every recorded write of one article: who, when, what."""
    as_json = wants_json(fmt)
    lang = require_lang(lang)
    help_center().articles.path_for(lang, slug)  # 404 for an invalid slug
    revs = revisions(db(), lang, slug)
    if as_json:
        return {"lang": lang, "slug": slug, "revisions": [
            {"id": r.id, "created_at": r.created_at.isoformat(), "username": r.username, "action": r.action,
             "previous_revision": r.previous_revision, "revision": r.revision,
             "url": url_for("editor.revision", lang=lang, slug=slug, rev_id=r.id)} for r in revs]}
    return render_template("editor/revisions.html", edit_lang=lang, slug=slug, revs=revs)


def get_revision(lang: str, slug: str, rev_id: int) -> ArticleRevision:
    """:raise 404: when the id is not a revision of this article (no reading another article's by id)."""
    with db().session() as s:
        rev = s.get(ArticleRevision, rev_id)
    if rev is None or rev.lang != lang or rev.slug != slug:
        abort(404)
    return rev


@bp.route("/<lang>/<slug>/revisions/<int:rev_id>")
def revision(lang: str, slug: str, rev_id: int):
    """One revision: its diff and its whole text, with a restore button."""
    lang = require_lang(lang)
    rev = get_revision(lang, slug, rev_id)
    current_rev, _ = current_file(help_center().articles, lang, slug)
    return render_template("editor/revision.html", edit_lang=lang, slug=slug, rev=rev, current_rev=current_rev or "")


@bp.route("/<lang>/<slug>/revisions/<int:rev_id>/restore", methods=["POST"])
def restore(lang: str, slug: str, rev_id: int):
    """Write an old revision's text back (itself a new revision); refused if the file changed meanwhile."""
    lang = require_lang(lang)
    rev = get_revision(lang, slug, rev_id)
    expected = request.form.get("expected_revision") or None
    try:
        save_article(help_center().articles, lang, slug, rev.text, expected_revision=expected, create=expected is None,
                     db=db(), username=current_user.username, action="restore")
    except ArticleConflict:
        return redirect(url_for("editor.revision", lang=lang, slug=slug, rev_id=rev_id, conflict=1))
    except ArticleInvalid as exc:  # the rules changed since it was written
        current_app.logger.warning("revision %s no longer validates: %s", rev_id, exc)
        abort(422)
    help_center().article_written(lang, slug)
    return redirect(url_for("editor.edit", lang=lang, slug=slug, saved="restore"))


# -- translator files ------------------------------------------------------------------------
def _download(data: bytes, name: str, fmt: str) -> Response:
    mime = "text/x-gettext-translation" if fmt == "po" else "application/x-xliff+xml"
    return Response(data, mimetype=mime, headers={"Content-Disposition": f'attachment; filename="{name}"'})


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
    return _download(exchange.export(help_center().articles, lang, slugs, fmt), exchange.filename(lang, slugs, fmt), fmt)


@bp.route("/<lang>/import", methods=["GET", "POST"])
def import_(lang: str):
    """Upload a translated PO or XLIFF file; each article in it is saved as a draft."""
    lang = require_lang(lang)
    if lang == default_lang():
        abort(400)
    results, error, code = None, "", 200
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            error, code = "choose a file", 422
        else:
            try:
                results = exchange.import_file(help_center().articles, lang, upload.read(exchange.MAX_IMPORT_BYTES + 1),
                                               db=db(), username=current_user.username)
            except exchange.ExchangeError as exc:
                error, code = str(exc), 422
            else:
                for r in results:
                    if r.article is not None:
                        help_center().article_written(lang, r.slug)
                if any(r.error for r in results):
                    code = 422
    if request.args.get("format") == "json":
        return {"error": error, "results": [
            {"slug": r.slug, "error": r.error, "revision": r.article.revision if r.article else None,
             "untranslated": r.untranslated, "problems": [str(p) for p in r.problems]} for r in results or []]}, code
    return render_template("editor/import.html", edit_lang=lang, results=results, error=error), code


# -- UI catalogs -----------------------------------------------------------------------------
def catalog_status(translations_dir: str | os.PathLike) -> list[dict]:
    """Completeness of every UI catalog against the template (messages.pot) when there is one."""
    from babel.messages.pofile import read_po

    root = Path(translations_dir)
    template_ids: set | None = None
    pot = root / "messages.pot"
    if pot.is_file():
        with pot.open("rb") as fh:
            template_ids = {m.id for m in read_po(fh) if m.id}
    out = []
    for po_path in sorted(root.glob("*/LC_MESSAGES/messages.po")):
        with po_path.open("rb") as fh:
            catalog = read_po(fh)
        messages = [m for m in catalog if m.id]
        done = {m.id for m in messages if m.string and (all(m.string) if isinstance(m.string, tuple) else True)
                and not m.fuzzy}
        ids = template_ids if template_ids is not None else {m.id for m in messages}
        total = len(ids)
        translated = len(ids & done)
        out.append({"locale": po_path.parent.parent.name, "total": total, "translated": translated,
                    "fuzzy": sum(1 for m in messages if m.fuzzy),
                    "missing": sorted(str(i) for i in ids - done)[:50],
                    "percent": round(100 * translated / total, 1) if total else 100.0})
    return out


@bp.route("/catalogs", defaults={"fmt": "html"})
@bp.route("/catalogs.<fmt>")
def catalogs(fmt: str):
    """How complete each interface catalog in translations/ is."""
    as_json = wants_json(fmt)
    rows = catalog_status(settings().translations_dir)
    if as_json:
        return {"catalogs": rows}
    return render_template("editor/catalogs.html", rows=rows)
