"""Publishing that waits: for a second person's approval (``KB_REVIEW_REQUIRED``) or for a date and time.

A request keeps, in the article's draft row (:mod:`kb.content.drafts`), the validated file that
publishing will write; customers keep reading the live version meanwhile. The write itself is an
ordinary :func:`~kb.content.authoring.save_article`, compare-and-set against the live revision the
request was made from, and its row in the revision log says who asked, when, and who approved.
Scheduled requests are published by one worker at a time across hosts (the "publish" lease).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Collection
from typing import TYPE_CHECKING

from kb import leases
from kb.content import drafts
from kb.content.authoring import ArticleConflict, ArticleInvalid, save_article
from kb.db import ArticleDraft, utcnow

if TYPE_CHECKING:
    from kb.core import HelpCenter

log = logging.getLogger(__name__)


class NotAllowed(PermissionError):
    """This person may not approve this request (says why)."""


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # SQLite hands back naive UTC


def state(draft: ArticleDraft | None, now: dt.datetime | None = None) -> str:
    """What a draft waits for: "draft" (nothing: a plain draft), "review", or "scheduled"."""
    if draft is None or not draft.ready_text:
        return "draft"
    if draft.needs_review and not draft.approved_by:
        return "review"
    return "scheduled"


def why_not_approve(draft: ArticleDraft | None, username: str, role: str, langs: Collection[str]) -> str | None:
    """None when ``username`` may approve ``draft``; otherwise the reason, in words.

    The second person is an admin or an editor of the article's language, never the one who asked."""
    if draft is None or state(draft) != "review":
        return "nothing is waiting for review"
    if username == draft.username:
        return "a request is approved by someone other than the person who asked"
    if role != "admin" and not (role == "editor" and draft.lang in langs):
        return f"only an admin or an editor of {draft.lang} approves it"
    return None


def publish(hc: HelpCenter, draft: ArticleDraft, *, reviewed_by: str = "") -> None:
    """Write the request's file as the published article, log who asked and who approved, re-index.

    :raise ArticleConflict: when the live file changed since the request (the request stays);
    :raise ArticleInvalid: when the file no longer validates.
    """
    save_article(
        hc.articles,
        draft.lang,
        draft.slug,
        draft.ready_text,
        expected_revision=draft.base_revision or None,
        create=not draft.base_revision,
        db=hc.db,
        username=draft.username,
        action="publish",
        reviewed_by=reviewed_by,
        requested_at=draft.requested_at,
    )
    drafts.discard(hc.db, draft.lang, draft.slug)
    hc.article_written(draft.lang, draft.slug)


def approve(hc: HelpCenter, lang: str, slug: str, *, username: str, role: str, langs: Collection[str]) -> str:
    """Approve the request for ``lang/slug``: published now ("publish"), or at its time ("approved").

    :raise NotAllowed: with the reason; :raise ArticleConflict, ArticleInvalid: as :func:`publish`.
    """
    draft = drafts.get(hc.db, lang, slug)
    reason = why_not_approve(draft, username, role, langs)
    if reason is not None or draft is None:
        raise NotAllowed(reason)
    if draft.publish_at is not None and _utc(draft.publish_at) > utcnow():
        drafts.update(hc.db, draft.id, approved_by=username)
        return "approved"
    publish(hc, draft, reviewed_by=username)
    return "publish"


def send_back(hc: HelpCenter, lang: str, slug: str) -> bool:
    """Withdraw the request (the author) or send it back (the reviewer): the text stays as a draft."""
    draft = drafts.get(hc.db, lang, slug)
    if draft is None or not draft.ready_text:
        return False
    drafts.update(
        hc.db, draft.id, ready_text="", requested_at=None, needs_review=False, approved_by="", publish_at=None
    )
    return True


def publish_due(hc: HelpCenter, now: dt.datetime | None = None) -> list[tuple[str, str, str]] | None:
    """Publish every scheduled request whose time has come; (lang, slug, problem or "") for each, or
    None when another worker holds the "publish" lease. A request that cannot be written (the live page
    changed since, or it no longer validates) is unscheduled with the reason, shown in the editor."""
    holder = f"publish-{threading.get_ident()}"
    if not leases.try_acquire(hc.db, "publish", holder, ttl=max(60.0, 4 * hc.settings.publish_seconds)):
        return None
    done = []
    try:
        for draft in drafts.due(hc.db, now or utcnow()):
            try:
                publish(hc, draft, reviewed_by=draft.approved_by)
                done.append((draft.lang, draft.slug, ""))
                log.info("published %s/%s as scheduled", draft.lang, draft.slug)
            except ArticleConflict:
                problem = (
                    "the live page changed after the publish was scheduled: review the draft and schedule it again"
                )
                drafts.update(hc.db, draft.id, problem=problem, publish_at=None)
                done.append((draft.lang, draft.slug, problem))
            except ArticleInvalid as exc:
                problem = "; ".join(p.message for p in exc.problems)
                drafts.update(hc.db, draft.id, problem=problem, publish_at=None)
                done.append((draft.lang, draft.slug, problem))
    finally:
        leases.release(hc.db, "publish", holder)
    return done


def follow(hc: HelpCenter) -> threading.Thread | None:
    """Publish due requests every ``publish_seconds`` in a daemon thread (None when that is 0)."""
    if hc.settings.publish_seconds <= 0:
        return None
    return hc.every(hc.settings.publish_seconds, lambda: publish_due(hc), "kb-publish", "scheduled publishing")
