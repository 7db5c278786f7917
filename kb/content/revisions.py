"""The revision log: the shared record of every article write made through the site.

Each write appends a row numbered ``seq`` per article; ``(lang, slug, seq)`` is unique, so of two
hosts (or workers) appending to the same article from the same head, exactly one commits and the
other gets :class:`~kb.content.authoring.ArticleConflict`. The row is committed *before* the file
is written (write-ahead): a crash between the two leaves a row newer than the file, and
:func:`pull` writes it at the next start, as it writes another host's edits within seconds.

Which side wins when a file also changes on disk (edited by hand, deployed from git): the newer
one. A log row newer than the file's modification time is written over it; a file modified after
the newest row stays, and the next save through the site records it as a ``baseline`` row first,
so it can be restored and reaches the other hosts with that save.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError

from kb.db import ArticleRevision, Database


class RevisionRace(RuntimeError):
    """Another writer appended to the article's log first; ``head`` is the row that won."""

    def __init__(self, head: ArticleRevision | None):
        self.head = head
        super().__init__("another writer saved this article first")


@dataclass(frozen=True)
class Pending:
    """A row appended to the log whose file is not written yet: ``undo`` removes it if the write fails."""

    db: Database
    ids: tuple[int, ...]

    def undo(self) -> None:
        with self.db.session() as s:
            s.query(ArticleRevision).filter(ArticleRevision.id.in_(self.ids)).delete(synchronize_session=False)


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # SQLite hands back naive UTC


def file_is_newer(path: Path, row: ArticleRevision) -> bool:
    """Was ``path`` modified after ``row`` was logged (a hand edit or a deploy that the log has not seen)?"""
    try:
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except FileNotFoundError:
        return False
    return mtime > _utc(row.created_at)


def head(db: Database, lang: str, slug: str) -> ArticleRevision | None:
    """The newest row of one article's log."""
    with db.session() as s:
        return s.scalars(
            select(ArticleRevision).filter_by(lang=lang, slug=slug).order_by(ArticleRevision.seq.desc()).limit(1)
        ).first()


def append(
    db: Database,
    path: Path,
    lang: str,
    slug: str,
    *,
    current: tuple[str | None, str | None],
    new: tuple[str, str, str],
    username: str,
    action: str,
    reviewed_by: str = "",
    requested_at: dt.datetime | None = None,
) -> Pending:
    """Append ``new`` = (revision, diff, text) after the file's ``current`` (revision, text): compare-and-set.

    :raise RevisionRace: when the log holds a newer write this host's file does not have yet, or
        another writer appended between our read of the head and our commit.
    """
    current_rev, current_text = current
    last = head(db, lang, slug)
    if last is not None and last.revision != current_rev and not file_is_newer(path, last):
        raise RevisionRace(last)
    seq = last.seq if last is not None else 0
    rows = []
    if current_rev is not None and current_text is not None and (last is None or last.revision != current_rev):
        # The file as it was before this write (from git, the demo or a hand edit): kept for restoring.
        seq += 1
        rows.append(_row(lang, slug, seq, "", "baseline", "", current_rev, "", current_text))
    revision, diff, text = new
    row = _row(lang, slug, seq + 1, username, action, current_rev or "", revision, diff, text)
    row.reviewed_by, row.requested_at = reviewed_by, requested_at
    rows.append(row)
    try:
        with db.session() as s:
            s.add_all(rows)
            s.flush()
            ids = tuple(r.id for r in rows)
    except IntegrityError:
        raise RevisionRace(head(db, lang, slug)) from None
    return Pending(db, ids)


def _row(
    lang: str, slug: str, seq: int, username: str, action: str, previous: str, revision: str, diff: str, text: str
) -> ArticleRevision:
    return ArticleRevision(
        lang=lang,
        slug=slug,
        seq=seq,
        username=username,
        action=action,
        previous_revision=previous,
        revision=revision,
        diff=diff,
        text=text,
    )


def heads_since(db: Database, after_id: int = 0) -> list[ArticleRevision]:
    """The newest row of every article that has a row with id > ``after_id``."""
    newest = (
        select(ArticleRevision.lang, ArticleRevision.slug, func.max(ArticleRevision.seq).label("seq"))
        .group_by(ArticleRevision.lang, ArticleRevision.slug)
        .having(func.max(ArticleRevision.id) > after_id)
        .subquery()
    )
    on = and_(
        ArticleRevision.lang == newest.c.lang,
        ArticleRevision.slug == newest.c.slug,
        ArticleRevision.seq == newest.c.seq,
    )
    with db.session() as s:
        return list(s.scalars(select(ArticleRevision).join(newest, on).order_by(ArticleRevision.id)))


def revisions(db: Database, lang: str, slug: str, limit: int = 100) -> list[ArticleRevision]:
    """The recorded revisions of one article, newest first."""
    with db.session() as s:
        return list(
            s.scalars(
                select(ArticleRevision)
                .filter_by(lang=lang, slug=slug)
                .order_by(ArticleRevision.seq.desc())
                .limit(limit)
            )
        )


def text_of(db: Database, lang: str, slug: str, revision: str) -> str | None:
    """The text of one article at ``revision`` (a file revision id), if the log has it."""
    with db.session() as s:
        return s.scalars(
            select(ArticleRevision.text)
            .filter_by(lang=lang, slug=slug, revision=revision)
            .order_by(ArticleRevision.id.desc())
            .limit(1)
        ).first()


def get_revision(db: Database, lang: str, slug: str, rev_id: int) -> ArticleRevision | None:
    """Revision ``rev_id`` if it is one of ``lang/slug``'s (no reading another article's by id)."""
    with db.session() as s:
        rev = s.get(ArticleRevision, rev_id)
    return rev if rev is not None and rev.lang == lang and rev.slug == slug else None
