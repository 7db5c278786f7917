"""Pending drafts of published articles, kept in the database beside the live file.

Saving a draft of a page customers read must not change what they read: the draft waits here
(shared by every host), the file and the index keep the published version, and publishing writes
the draft through :func:`kb.content.authoring.save_article` like any other save, then drops it.
"""

from __future__ import annotations

from sqlalchemy import select

from kb.db import ArticleDraft, Database, utcnow


def get(db: Database, lang: str, slug: str) -> ArticleDraft | None:
    """The pending draft of ``lang/slug``, if any."""
    with db.session() as s:
        return s.scalars(select(ArticleDraft).filter_by(lang=lang, slug=slug)).first()


def put(db: Database, lang: str, slug: str, text: str, base_revision: str, username: str) -> None:
    """Keep ``text`` as the pending draft (replacing an earlier one), drafted from ``base_revision``."""
    with db.session() as s:
        draft = s.scalars(select(ArticleDraft).filter_by(lang=lang, slug=slug)).first()
        if draft is None:
            s.add(ArticleDraft(lang=lang, slug=slug, text=text, base_revision=base_revision, username=username))
        else:
            draft.text, draft.base_revision, draft.username, draft.updated_at = text, base_revision, username, utcnow()


def discard(db: Database, lang: str, slug: str) -> bool:
    """Drop the pending draft; False when there was none."""
    with db.session() as s:
        draft = s.scalars(select(ArticleDraft).filter_by(lang=lang, slug=slug)).first()
        if draft is None:
            return False
        s.delete(draft)
        return True
