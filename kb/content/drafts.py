"""Pending drafts of published articles, kept in the database beside the live file.

Saving a draft of a page customers read must not change what they read: the draft waits here
(shared by every host), the file and the index keep the published version, and publishing writes
the draft through :func:`kb.content.authoring.save_article` like any other save, then drops it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from kb.db import ArticleDraft, Database, utcnow


def get(db: Database, lang: str, slug: str) -> ArticleDraft | None:
    """The pending draft of ``lang/slug``, if any."""
    with db.session() as s:
        return s.scalars(select(ArticleDraft).filter_by(lang=lang, slug=slug)).first()


def put(
    db: Database,
    lang: str,
    slug: str,
    text: str,
    base_revision: str,
    username: str,
    *,
    ready_text: str = "",
    needs_review: bool = False,
    publish_at: dt.datetime | None = None,
) -> None:
    """Keep ``text`` as the pending draft (replacing an earlier one, and any request to publish it),
    drafted from ``base_revision``. With ``ready_text`` (the validated file to write) it is a request to
    publish: after a second person's approval (``needs_review``) and/or at ``publish_at``."""
    values = {
        "text": text,
        "base_revision": base_revision,
        "username": username,
        "updated_at": utcnow(),
        "ready_text": ready_text,
        "requested_at": utcnow() if ready_text else None,
        "needs_review": needs_review,
        "approved_by": "",
        "publish_at": publish_at,
        "problem": "",
    }
    with db.session() as s:
        draft = s.scalars(select(ArticleDraft).filter_by(lang=lang, slug=slug)).first()
        if draft is None:
            s.add(ArticleDraft(lang=lang, slug=slug, **values))
        else:
            for key, value in values.items():
                setattr(draft, key, value)


def update(db: Database, draft_id: int, **values: object) -> None:
    """Set fields of one waiting draft (an approval, a problem met when publishing it)."""
    with db.session() as s:
        draft = s.get(ArticleDraft, draft_id)
        if draft is not None:
            for key, value in values.items():
                setattr(draft, key, value)


def waiting(db: Database) -> list[ArticleDraft]:
    """Every request to publish, oldest first: for review, approved and scheduled."""
    with db.session() as s:
        return list(s.scalars(select(ArticleDraft).where(ArticleDraft.ready_text != "").order_by(ArticleDraft.id)))


def due(db: Database, now: dt.datetime) -> list[ArticleDraft]:
    """Requests whose time has come: scheduled at or before ``now`` and approved when they need it."""
    with db.session() as s:
        rows = s.scalars(
            select(ArticleDraft)
            .where(ArticleDraft.ready_text != "", ArticleDraft.publish_at.is_not(None), ArticleDraft.publish_at <= now)
            .order_by(ArticleDraft.publish_at)
        )
        return [d for d in rows if not d.needs_review or d.approved_by]


def discard(db: Database, lang: str, slug: str) -> bool:
    """Drop the pending draft; False when there was none."""
    with db.session() as s:
        draft = s.scalars(select(ArticleDraft).filter_by(lang=lang, slug=slug)).first()
        if draft is None:
            return False
        s.delete(draft)
        return True
