"""A reviewer's decisions on a suggestion: promote it to a draft FAQ, merge it into an article, dismiss it, reopen it.

Every action is a compare-and-set on the suggestion's status (two reviewers clicking at once:
one wins, the other gets :class:`ReviewError`) and writes a :class:`SuggestionAction` row with
who and when. Articles are written only through :func:`kb.content.authoring.save_article`, always as
drafts: an editor publishes. Customer and agent text is Markdown *source* here, so it is made
inert first: no raw HTML, no headings, lists, links or fences (and no runs of ``[`` that make
Python-Markdown quadratic), and redacted once more in case anything upstream missed. What reaches an
article is what a person chose from phrasings cleaned of greetings, names, order numbers and contact
details (:mod:`kb.review.wording`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from kb import locales
from kb.content.articles import Article, ArticleNotFound, ArticleStore, valid_slug
from kb.content.authoring import ArticleConflict, ArticleInvalid, article_meta, dump_article, save_article
from kb.db import Database, Suggestion, SuggestionAction, utcnow
from kb.mining.evidence import answer_text
from kb.mining.redaction import redact
from kb.mining.wording import clean_wording
from kb.review.queue import SuggestionNotFound, get_suggestion
from kb.review.wording import (
    MAX_QUESTIONS,
    MAX_SLUG_CHARS,
    article_questions,
    dedup_key,
    default_title,
    one_line,
    plain_markdown,
    slugify,
    summary_of,
)
from search import make_doc_id

MAX_REASON_CHARS = 500
MAX_TITLE_CHARS = 200


class ReviewError(ValueError):
    """The action cannot be done as asked (bad input, already acted on, article conflict); says why."""


# -- suggestions: change state ----------------------------------------------------------
def _transition(
    db: Database,
    suggestion_id: int,
    username: str,
    action: str,
    detail: str,
    *,
    frm: tuple[str, ...],
    to: str,
    **values,
) -> int:
    """Change the status only if it is still one of ``frm`` (compare-and-set) and log the action; its id."""
    with db.session() as s:
        if s.get(Suggestion, suggestion_id) is None:
            raise SuggestionNotFound(str(suggestion_id))
        result = s.execute(
            update(Suggestion)
            .where(Suggestion.id == suggestion_id, Suggestion.status.in_(frm))
            .values(status=to, **values)
        )
        done = cast("CursorResult[Any]", result).rowcount  # an UPDATE's result; SQLAlchemy types it as Result
        if not done:
            raise ReviewError(f"this suggestion is no longer {' or '.join(frm)}; reload the page")
        entry = SuggestionAction(suggestion_id=suggestion_id, username=username, action=action, detail=detail)
        s.add(entry)
        s.flush()
        return entry.id


def _claim_for_article(
    db: Database, suggestion_id: int, username: str, action: str, status: str, lang: str, slug: str
) -> int:
    """Move a new suggestion to ``status`` for the article ``lang/slug`` (promote, merge); the action row's id."""
    key = make_doc_id(lang, slug)
    return _transition(db, suggestion_id, username, action, key, frm=("new",), to=status, article=key,
                       acted_at=utcnow(), dismiss_reason=None)  # fmt: skip


def _undo(db: Database, suggestion_id: int, action_id: int, username: str, what: str, exc: BaseException) -> None:
    """The file write after a claimed transition failed: back to new, and the log says why."""
    with db.session() as s:
        s.execute(
            update(Suggestion).where(Suggestion.id == suggestion_id).values(status="new", article=None, acted_at=None)
        )
        s.execute(
            update(SuggestionAction)
            .where(SuggestionAction.id == action_id)
            .values(action="failed", detail=f"{what}: {exc}"[:1000])
        )


def _site_lang(store: ArticleStore, lang: str) -> str:
    if not locales.valid_code(lang) or lang not in store.languages():
        raise ReviewError(f"{lang!r} is not a language of this help center")
    return lang


def _free_slug(store: ArticleStore, base: str) -> str:
    """``base``, or ``base-2``, ``base-3``...: a slug no language uses yet (the slug is the translation key)."""
    taken = {a.slug for a in store.articles()} | {
        p.stem for lang in store.languages() for p in (store.root / lang).glob("*.md")
    }
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: MAX_SLUG_CHARS - len(suffix)] + suffix
    return slug


def promote(
    db: Database,
    help_center,
    suggestion_id: int,
    username: str,
    *,
    lang: str | None = None,
    slug: str | None = None,
    title: str | None = None,
    category: str | None = None,
    questions: Sequence[str] | None = None,
) -> Article:
    """Create a draft article from the suggestion and index it (drafts are never in public search).

    ``questions`` are the phrasings a person chose on the form; without them (and without a
    ``title``), the ones the form proposes checked. The answer is the agents' typical reply,
    cleaned the same way.

    :raise SuggestionNotFound:
    :raise ReviewError: not new any more, a bad language, slug or category, or the slug is taken.
    """
    store: ArticleStore = help_center.articles
    suggestion = get_suggestion(db, suggestion_id)
    lang = _site_lang(store, lang or suggestion.lang)
    title = one_line(redact(title or default_title(suggestion, lang), MAX_TITLE_CHARS * 2), MAX_TITLE_CHARS)
    if not title:
        raise ReviewError("a title is needed")
    if slug:
        slug = unicodedata.normalize("NFC", slug.strip())
        if not valid_slug(slug) or len(slug) > MAX_SLUG_CHARS:
            raise ReviewError(f"{slug!r} is not a valid slug (letters, digits, '-' and '_', at most {MAX_SLUG_CHARS})")
        if store.translations(slug) or store.path_for(lang, slug).exists():
            raise ReviewError(f"an article {slug!r} exists already; merge into it instead")
    else:
        # In the default language when customers asked it there too: slugs are the translation key.
        named = (suggestion.titles or {}).get(help_center.settings.default_language) or title
        slug = _free_slug(store, slugify(named) or slugify(title) or f"faq-{suggestion.id}")
    if category is None:
        category = _nearest_category(store, suggestion)
    answer = clean_wording(answer_text(suggestion.draft_answer or ""), lang).text
    meta = {
        "title": title,
        "summary": summary_of(answer),
        "category": category or "",
        "questions": article_questions(suggestion, lang, questions),
        "status": "draft",
    }
    text = dump_article(meta, plain_markdown(answer))
    # Claim the suggestion first: of two reviewers promoting at once, only one writes a file.
    claim = _claim_for_article(db, suggestion_id, username, "promote", "promoted", lang, slug)
    try:
        article, _ = save_article(store, lang, slug, text, create=True, db=db, username=username, action="promote")
    except BaseException as exc:
        _undo(db, suggestion_id, claim, username, f"promote to {lang}/{slug}", exc)
        if isinstance(exc, (ArticleInvalid, ArticleConflict, ArticleNotFound)):
            raise ReviewError(f"the draft could not be saved: {exc}") from exc
        raise
    help_center.article_written(lang, slug)
    return article


def _nearest_category(store: ArticleStore, suggestion: Suggestion) -> str:
    nearest = suggestion.nearest or {}
    try:
        return store.get(str(nearest.get("lang", "")), str(nearest.get("slug", ""))).category
    except ArticleNotFound:
        return ""


def merge(
    db: Database,
    help_center,
    suggestion_id: int,
    username: str,
    lang: str,
    slug: str,
    questions: Sequence[str] | None = None,
) -> Article:
    """Append phrasings to an existing article's ``questions`` and re-index it: ``questions`` as a
    person chose them on the form, or without a form the ones it proposes checked.

    Duplicates (ignoring case and spacing) are skipped; the list stops at the front matter's
    limit of 50. :raise SuggestionNotFound: :raise ReviewError: no such article, not new any
    more, or no room left.
    """
    store: ArticleStore = help_center.articles
    suggestion = get_suggestion(db, suggestion_id)
    try:
        store.get(_site_lang(store, lang), slug)
    except ArticleNotFound as exc:
        raise ReviewError(f"there is no article {lang}/{slug}") from exc
    claim = _claim_for_article(db, suggestion_id, username, "merge", "merged", lang, slug)
    try:
        article, added, left_out = _merge_questions(
            db, store, article_questions(suggestion, lang, questions), username, lang, slug
        )
    except BaseException as exc:
        _undo(db, suggestion_id, claim, username, f"merge into {lang}/{slug}", exc)
        raise
    with db.session() as s:
        s.execute(
            update(SuggestionAction)
            .where(SuggestionAction.id == claim)
            .values(
                detail=f"{lang}/{slug}: {added} phrasings added"
                + (f", {left_out} left out (limit)" if left_out else "")
            )
        )
    help_center.article_written(lang, slug)
    return article


def _merge_questions(
    db: Database, store: ArticleStore, questions: list[str], username: str, lang: str, slug: str
) -> tuple[Article, int, int]:
    """Write the new phrasings into the article; (article, how many added, how many did not fit)."""
    for attempt in range(3):  # someone saving the same article in between: read it again and redo
        try:
            article = store.get(lang, slug)
        except ArticleNotFound as exc:
            raise ReviewError(f"there is no article {lang}/{slug}") from exc
        existing = list(article.questions)
        seen = {dedup_key(q) for q in existing}
        new = [q for q in questions if dedup_key(q) not in seen]
        room = max(0, MAX_QUESTIONS - len(existing))
        added = new[:room]
        if new and not added:
            raise ReviewError(f"{lang}/{slug} already has {MAX_QUESTIONS} questions; remove some first")
        meta = article_meta(article) | {"questions": existing + added}
        if not added:
            return article, 0, 0  # every phrasing is there already: nothing to write
        try:
            saved, _ = save_article(
                store,
                lang,
                slug,
                dump_article(meta, article.body),
                expected_revision=article.revision,
                db=db,
                username=username,
                action="merge",
            )
            return saved, len(added), len(new) - len(added)
        except ArticleConflict:
            if attempt == 2:
                raise ReviewError(f"{lang}/{slug} keeps changing; try again") from None
        except ArticleInvalid as exc:
            raise ReviewError(f"{lang}/{slug} could not be saved: {exc}") from exc
    raise AssertionError("unreachable")


def dismiss(db: Database, suggestion_id: int, username: str, reason: str) -> None:
    """Dismiss with a reason (required, at most 500 characters); re-mining keeps it dismissed.

    :raise SuggestionNotFound: :raise ReviewError:
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("a reason is needed to dismiss a suggestion")
    if len(reason) > MAX_REASON_CHARS:
        raise ReviewError(f"the reason is {len(reason)} characters; the limit is {MAX_REASON_CHARS}")
    _transition(
        db,
        suggestion_id,
        username,
        "dismiss",
        reason,
        frm=("new",),
        to="dismissed",
        dismiss_reason=reason,
        acted_at=utcnow(),
    )


def reopen(db: Database, suggestion_id: int, username: str) -> None:
    """Back to the queue (status new). A draft already written stays where it is; the log keeps the history.

    :raise SuggestionNotFound: :raise ReviewError: when it is new already.
    """
    before = get_suggestion(db, suggestion_id)
    detail = f"was {before.status}" + (f" ({before.article})" if before.article else "")
    _transition(
        db,
        suggestion_id,
        username,
        "reopen",
        detail,
        frm=("promoted", "merged", "dismissed"),
        to="new",
        dismiss_reason=None,
        article=None,
        acted_at=None,
    )
