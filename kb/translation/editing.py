"""The side-by-side editor without the web: what an editor opens (the article, its source, the text
to edit, problems of a file on disk that does not validate), how the submitted text becomes the file
(status and the keys the editor manages: which source revision and paragraphs a translation follows),
the source panel (paragraphs marked changed, with word diffs against the version translated), and the
save (validated, atomic, conflict-checked, revision recorded, then re-indexed)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

import yaml

from kb.content import drafts
from kb.content.articles import Article, ArticleNotFound, parse_article, valid_slug
from kb.content.authoring import (
    ArticleInvalid,
    PublishRequest,
    article_meta,
    current_file,
    diff_text,
    dump_article,
    keep_draft,
    render_preview,
    save_article,
)
from kb.content.checks import Problem, split_front_matter
from kb.content.rendering import RenderError, render
from kb.db import ArticleDraft, ArticleRevision, Database
from kb.translation import exchange, memory
from kb.translation import status as translation

if TYPE_CHECKING:
    from kb.core import HelpCenter

MANAGED_KEYS = ("source_revision", "source_paragraphs")  # written by the editor, not typed


@dataclasses.dataclass(frozen=True)
class Follows:
    """The source version a translator declares the translation follows (the form's hidden fields)."""

    revision: str
    paragraphs: tuple[str, ...]
    confirmed: frozenset[str] = frozenset()  # changed source paragraphs the translator marked "no change needed"


@dataclasses.dataclass
class EditorPage:
    lang: str
    slug: str
    article: Article | None  # None: a new translation, or a file on disk that does not validate
    source: Article | None  # None when editing the source language itself
    text: str
    expected: str  # the revision the save must replace ("" creates the file)
    problems: list[Problem] = dataclasses.field(default_factory=list)
    pending: ArticleDraft | None = None  # a draft waiting beside the published version (shown in the editor)
    from_memory: list[int] = dataclasses.field(default_factory=list)  # paragraphs pre-filled from memory
    suggestions: list[memory.Suggestion] = dataclasses.field(default_factory=list)  # near matches offered

    @property
    def pending_diff(self) -> str:
        """What publishing the pending draft would change on the live page."""
        if self.pending is None or self.article is None:
            return ""
        live = editable_text(self.article, self.source)
        return diff_text(live, self.pending.text, f"{self.lang}/{self.slug}.md")

    @property
    def pending_is_stale(self) -> bool:
        """The live version changed after the draft was started (its diff includes someone else's change)."""
        return (
            self.pending is not None
            and self.article is not None
            and self.pending.base_revision != self.article.revision
        )

    @property
    def status(self) -> tuple[str, list[int]]:
        return translation.status_of(self.source, self.article) if self.source else ("source", [])

    def as_dict(self) -> dict[str, Any]:
        """The editor page's JSON twin: status, revisions and the aligned units."""
        status, changed = self.status
        units = translation.align(self.source, self.article) if self.source else []
        return {
            "lang": self.lang,
            "slug": self.slug,
            "status": status,
            "changed": changed,
            "revision": self.article.revision if self.article else None,
            "source_revision": self.source.revision if self.source else None,
            "units": [
                {"index": u.index, "hash": u.hash, "source": u.source, "translation": u.previous, "changed": u.changed}
                for u in units
            ],
            "from_memory": self.from_memory,
            "memory_suggestions": [s.as_dict() for s in self.suggestions],
        }


def open_page(hc: HelpCenter, lang: str, slug: str) -> EditorPage:
    """What the editor shows for ``lang/slug``.

    :raise ArticleNotFound: when the source language has no such article (a translation needs one).
    """
    store, default = hc.articles, hc.settings.default_language
    try:
        article: Article | None = store.get(lang, slug)
    except ArticleNotFound:
        article = None
    source = None
    if lang != default:
        try:
            source = store.get(default, slug)
        except ArticleNotFound:
            source = None  # an article written in this language first (e.g. promoted from a Thai question)
    if source is None and article is None:
        raise ArticleNotFound(f"{lang}/{slug}")
    page = EditorPage(lang, slug, article, source, editable_text(article, source), article.revision if article else "")
    on_disk_rev, on_disk_text = current_file(store, lang, slug)
    if article is None and on_disk_rev is not None:  # a file that does not validate: fix it here
        page.text, page.expected = on_disk_text or "", on_disk_rev
        page.problems = parse_article(lang, slug, f"articles/{lang}/{slug}.md", page.text.encode("utf-8"))[1]
    else:  # a draft beside the published version, or a publish waiting for review or its date
        page.pending = drafts.get(hc.db, lang, slug)
        if page.pending is not None:
            page.text = page.pending.text
    if source is not None and not page.problems:
        offer_memory(hc, page, source)
    return page


def offer_memory(hc: HelpCenter, page: EditorPage, source: Article) -> None:
    """A new translation starts with what the language's published translations say for the same
    source paragraphs (``from_memory``); paragraphs still to translate get near matches as suggestions."""
    mem = memory.build(hc.articles, page.lang, exclude=page.slug)
    if not len(mem):
        return
    paras = translation.paragraphs(source.body)
    if page.article is None:
        body, page.from_memory = memory.prefill(source.body, mem)
        if page.from_memory:
            page.text = editable_text(None, source, prefilled=body)
        todo = {i: p for i, p in enumerate(paras) if i not in page.from_memory}
    else:
        todo = {u.index: u.source for u in translation.align(source, page.article) if u.changed}
    page.suggestions = memory.near(mem, todo, hc.encoder)


def editable_text(article: Article | None, source: Article | None, *, prefilled: str | None = None) -> str:
    """What the editor's text area starts with: the file without the keys the editor manages; a new
    translation starts from the source (or ``prefilled``: the source with paragraphs from memory), as a draft."""
    if article is not None:
        meta, body = article_meta(article), article.body
    elif source is not None:
        meta, body = (
            {**article_meta(source), "status": "draft", "updated": None},
            (source.body if prefilled is None else prefilled),
        )
    else:
        meta, body = {"title": "", "summary": "", "category": "", "status": "draft"}, ""
    for key in MANAGED_KEYS:
        meta.pop(key, None)
    return dump_article(meta, body)


def compose(
    text: str,
    lang: str,
    slug: str,
    *,
    default_lang: str,
    publish: bool,
    follows: Follows | None,
    existing: Article | None,
) -> str:
    """The file to write: the editor's text with the status and the managed keys set.

    :raise ArticleInvalid: when the front matter cannot even be read.
    """
    text = text.replace("\r\n", "\n")
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
    meta["status"] = "published" if publish else "draft"
    if publish:
        meta["updated"] = dt.date.today()
    if lang != default_lang:
        if follows is not None:
            meta["source_revision"], meta["source_paragraphs"] = follows.revision, list(follows.paragraphs)
        elif existing is not None:
            meta["source_revision"] = existing.source_revision
            meta["source_paragraphs"] = list(existing.source_paragraphs)
    return dump_article(meta, body)


def save(
    hc: HelpCenter,
    page: EditorPage,
    text: str,
    expected: str,
    *,
    username: str,
    publish: bool,
    follows: Follows | None,
    publish_at: dt.datetime | None = None,
) -> str:
    """Write the editor's text and re-index the article; returns the action recorded ("publish", "save",
    "create", or "draft" for a draft kept beside a published article, which changes nothing customers see).
    A publish waits instead when the site requires review ("review") or it is set for ``publish_at``
    ("scheduled"): the validated file is kept with the draft (kb.content.publishing).

    :raise ArticleInvalid: (nothing written) with every problem; :raise ArticleConflict: when the
    file changed since ``expected`` (another editor saved first).
    """
    page.text, page.expected = text, expected
    if publish and follows is not None and page.source is not None and page.article is not None:
        _check_follows(page.source, page.article, f"articles/{page.lang}/{page.slug}.md", text, follows)
    new_text = compose(
        text,
        page.lang,
        page.slug,
        default_lang=hc.settings.default_language,
        publish=publish,
        follows=follows,
        existing=page.article,
    )
    if publish and (hc.settings.review_required or publish_at is not None):
        request = PublishRequest(review=hc.settings.review_required, at=publish_at)
        keep_draft(
            hc.articles, hc.db, page.lang, page.slug, text, expected=expected, username=username,
            checked=new_text, request=request,
        )  # fmt: skip
        return "review" if request.review else "scheduled"
    if not publish and keep_draft(
        hc.articles, hc.db, page.lang, page.slug, text, expected=expected, username=username, checked=new_text
    ):
        return "draft"
    action = "publish" if publish else "save"
    save_article(
        hc.articles,
        page.lang,
        page.slug,
        new_text,
        expected_revision=expected or None,
        create=not expected,
        db=hc.db,
        username=username,
        action=action if expected else "create",
    )
    drafts.discard(hc.db, page.lang, page.slug)  # the file written supersedes whatever was waiting
    hc.article_written(page.lang, page.slug)
    return action


def unhandled_paragraphs(source: Article, old: Article, new_body: str, confirmed: frozenset[str]) -> list[int]:
    """Source paragraphs changed since ``old`` was translated that the new text neither touches nor the
    translator confirmed: a translation may only claim to follow the source once each was looked at.

    An edited paragraph counts as touched when its old translation is no longer in the text; paragraphs
    added to the source, when the text has at least as many new paragraphs as there are of them.
    """
    units = [u for u in translation.align(source, old) if u.changed and u.hash not in confirmed]
    new = translation.paragraphs(new_body)
    new_set, old_set = set(new), set(translation.paragraphs(old.body))
    fresh = sum(1 for p in new if p not in old_set)
    edited = [u for u in units if u.previous]
    added = [u for u in units if not u.previous]
    missing = [u.index for u in edited if u.previous in new_set]
    if fresh - (len(edited) - len(missing)) < len(added):
        missing += [u.index for u in added]
    return sorted(missing)


def _check_follows(source: Article, old: Article, rel: str, text: str, follows: Follows) -> None:
    try:
        _, body, _ = split_front_matter(text.replace("\r\n", "\n"))
    except ValueError:
        return  # compose reports unreadable front matter with its line
    left = unhandled_paragraphs(source, old, body, follows.confirmed)
    if left:
        numbers = ", ".join(str(i + 1) for i in left)
        raise ArticleInvalid(
            [
                Problem(
                    rel,
                    "source_paragraphs",
                    f"source paragraphs {numbers} changed since this translation and are untouched: translate "
                    "them, or tick 'no change needed' beside each, before marking the translation as following "
                    "the source",
                )
            ]
        )


def discard_draft(hc: HelpCenter, lang: str, slug: str) -> bool:
    """Drop the pending draft of a published article; the live version stays as it is."""
    return drafts.discard(hc.db, lang, slug)


def create(hc: HelpCenter, slug: str, text: str, *, username: str, publish: bool) -> None:
    """A new article in the default language. :raise ArticleInvalid, ArticleConflict: as :func:`save`."""
    if not valid_slug(slug):
        raise ArticleInvalid([Problem("slug", "slug", "use lowercase letters, digits and hyphens, e.g. gift-cards")])
    lang = hc.settings.default_language
    new_text = compose(text, lang, slug, default_lang=lang, publish=publish, follows=None, existing=None)
    save_article(hc.articles, lang, slug, new_text, create=True, db=hc.db, username=username, action="create")
    hc.article_written(lang, slug)


def import_translations(hc: HelpCenter, lang: str, data: bytes, *, username: str) -> list[exchange.ImportResult]:
    """A translator's PO or XLIFF file saved as drafts (one result per article), each saved one re-indexed.

    :raise exchange.ExchangeError: when the file as a whole is unusable (nothing is written then).
    """
    results = exchange.import_file(hc.articles, lang, data, db=hc.db, username=username)
    for r in results:
        if r.article is not None:
            hc.article_written(lang, r.slug)
    return results


def translation_matrix(
    hc: HelpCenter, langs: list[str], *, status: str | None, category: str | None, query: str | None, sort: str
) -> translation.Matrix:
    """The dashboard's matrix, with demand from failed searches resolved to the article they wanted."""
    demand = translation.demand_from(hc.db, resolve=hc.resolve_query)
    return translation.matrix(
        hc.articles, langs=langs, demand=demand, status=status, category=category, query=query, sort=sort
    )


def old_source_body(db: Database, lang: str, slug: str, revision: str) -> str | None:
    """The source's body at ``revision``, when that version was written through the editor."""
    if not revision:
        return None
    with db.session() as s:
        rev = (
            s.query(ArticleRevision)
            .filter_by(lang=lang, slug=slug, revision=revision)
            .order_by(ArticleRevision.id.desc())
            .first()
        )
    if rev is None:
        return None
    try:
        return split_front_matter(rev.text)[1]
    except ValueError:
        return None


def source_panel(db: Database, source: Article, article: Article | None) -> list[dict[str, Any]]:
    """The source's paragraphs, rendered, each marked changed or not for this translation; with the
    words that changed when the older source is in the revision log."""
    units = translation.align(source, article)
    old_body = old_source_body(db, source.lang, source.slug, article.source_revision) if article is not None else None
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


__all__ = [
    "MANAGED_KEYS",
    "EditorPage",
    "Follows",
    "compose",
    "create",
    "editable_text",
    "open_page",
    "render_preview",
    "save",
    "source_panel",
]
