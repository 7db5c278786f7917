"""The SQL side: typed SQLAlchemy 2 models, engine set-up, Alembic migrations.

SQLite in WAL mode in the instance folder by default; PostgreSQL (or anything SQLAlchemy speaks)
by ``KB_DATABASE_URL``. The schema is owned by the migrations in ``migrations/``; ``flask kb db
upgrade`` applies them. Nothing here stores a raw IP address or unredacted customer text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import overload

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
MAX_QUERY_CHARS = 200


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@overload
def as_utc(t: dt.datetime) -> dt.datetime: ...
@overload
def as_utc(t: None) -> None: ...
def as_utc(t: dt.datetime | None) -> dt.datetime | None:
    """A stored time as an aware UTC datetime (SQLite hands timezone-aware columns back naive)."""
    return t.replace(tzinfo=dt.UTC) if t is not None and t.tzinfo is None else t


class Base(DeclarativeBase):
    pass


class SearchEvent(Base):
    """One search: the query truncated and PII-redacted, never who asked."""

    __tablename__ = "search_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    lang: Mapped[str] = mapped_column(String(16), index=True)
    query: Mapped[str] = mapped_column(String(MAX_QUERY_CHARS))
    results: Mapped[int] = mapped_column(Integer)
    fallback: Mapped[bool] = mapped_column(Boolean, default=False)  # answered only in other languages
    clicked_position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    clicked_article: Mapped[str | None] = mapped_column(String(120), nullable=True)  # the slug opened
    evidence: Mapped[float | None] = mapped_column(
        Float, nullable=True
    )  # SearchResult.evidence: what the floor weighed
    closest: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # closest pages shown below the floor


class ArticleView(Base):
    __tablename__ = "article_views"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    lang: Mapped[str] = mapped_column(String(16), index=True)  # the language the reader asked for
    shown_lang: Mapped[str] = mapped_column(String(16))  # differs when a fallback was shown
    slug: Mapped[str] = mapped_column(String(120), index=True)


class Vote(Base):
    """ "Was this helpful?": one per visitor (a keyed hash, not an IP) per article and language."""

    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("lang", "slug", "visitor", name="uq_vote_visitor"),
        Index("ix_votes_article_client", "lang", "slug", "client", "created_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    lang: Mapped[str] = mapped_column(String(16), index=True)
    slug: Mapped[str] = mapped_column(String(120), index=True)
    visitor: Mapped[str] = mapped_column(String(64))
    client: Mapped[str | None] = mapped_column(String(64), nullable=True)  # keyed hash of the address
    helpful: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(String(500), nullable=True)


class Inquiry(Base):
    """A customer question from any channel, redacted before it is stored (the mining job reads these)."""

    __tablename__ = "inquiries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    channel: Mapped[str] = mapped_column(String(32), index=True)
    lang: Mapped[str] = mapped_column(String(16), index=True)
    text: Mapped[str] = mapped_column(Text)
    suggestion_opened: Mapped[bool] = mapped_column(Boolean, default=False)
    fingerprint: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)  # re-imports add nothing
    ticket: Mapped[str | None] = mapped_column(String(64), nullable=True)
    customer_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)  # keyed hash, never the id
    reply: Mapped[str | None] = mapped_column(Text, nullable=True)  # the agent's answer, redacted
    # The suggestion (mined cluster) this inquiry belongs to after the latest mining run.
    suggestion_id: Mapped[int | None] = mapped_column(
        ForeignKey("suggestions.id", ondelete="SET NULL"), nullable=True, index=True
    )


class Suggestion(Base):
    """A recurring question mined from inquiries: evidence, coverage by the help center, review state.

    ``fingerprint`` is fixed when the cluster is first seen; later mining runs match clusters to
    suggestions by shared inquiries, so a re-run updates rows (and keeps dismissals) instead of
    adding new ones. JSON columns hold evidence that is only ever shown, never queried.
    """

    __tablename__ = "suggestions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)  # new, promoted, merged, dismissed
    coverage: Mapped[str] = mapped_column(String(16), index=True)  # gap, partial, answered
    lang: Mapped[str] = mapped_column(String(16), index=True)  # the cluster's main language
    priority: Mapped[str] = mapped_column(String(32), default="", index=True)  # triage tag, e.g. refund
    size: Mapped[int] = mapped_column(Integer)
    recent: Mapped[int] = mapped_column(Integer, default=0)  # inquiries in the last 30 days of the log
    score: Mapped[float] = mapped_column(Float, default=0.0, index=True)  # expected deflection: the ranking
    title: Mapped[str] = mapped_column(Text)  # the question in ``lang``: the most central inquiry, cleaned
    titles: Mapped[dict] = mapped_column(JSON, default=dict)  # {lang: the question as asked in it}
    langs: Mapped[dict] = mapped_column(JSON, default=dict)  # {lang: count}
    channels: Mapped[dict] = mapped_column(JSON, default=dict)  # {channel: count}
    weekly: Mapped[list] = mapped_column(JSON, default=list)  # [[ISO week start, count], ...]
    terms: Mapped[list] = mapped_column(JSON, default=list)
    examples: Mapped[list] = mapped_column(JSON, default=list)  # 5-10 redacted inquiries
    draft_answer: Mapped[str] = mapped_column(Text, default="")  # the most representative agent reply
    nearest: Mapped[dict] = mapped_column(JSON, default=dict)  # {lang, slug, anchor, title, score}
    coverage_score: Mapped[float] = mapped_column(Float, default=0.0)
    signals: Mapped[dict] = mapped_column(JSON, default=dict)  # site signals: failed searches, not-helpful votes
    article: Mapped[str | None] = mapped_column(String(160), nullable=True)  # lang/slug after promote or merge
    acted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    dismiss_reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    mined_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SuggestionAction(Base):
    """Who did what to a suggestion, and when (promote, merge, dismiss, reopen)."""

    __tablename__ = "suggestion_actions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    suggestion_id: Mapped[int] = mapped_column(ForeignKey("suggestions.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    username: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="")


class MiningJob(Base):
    """One import-and-mine run (CLI or upload), with progress that the staff page polls."""

    __tablename__ = "mining_jobs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    username: Mapped[str] = mapped_column(String(80), default="")
    filename: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued, running, done, failed
    stage: Mapped[str] = mapped_column(String(32), default="")  # importing, embedding, clustering, ...
    progress: Mapped[float] = mapped_column(Float, default=0.0)  # 0..1 within the whole job
    report: Mapped[dict] = mapped_column(JSON, default=dict)  # counts read/kept/rejected/redacted, bad rows
    error: Mapped[str] = mapped_column(Text, default="")
    # Renewed by the worker while the job is queued or running; a stale one means that worker died.
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    upload: Mapped[str] = mapped_column(String(64), default="")  # the stored upload's file name, to delete


class Lease(Base):
    """A named lease (kb.leases): who holds it until when; one holder across every worker and host."""

    __tablename__ = "leases"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64), default="")
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class User(Base):
    """A staff account. Session cookies name it by ``session_token``, never by ``id`` (SQLite hands
    a deleted account's id to the next one created); the token is random and replaced on logout,
    password or role change, which invalidates every session cookie issued before."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("session_token", name="uq_users_session_token"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # support, editor or admin
    langs: Mapped[str] = mapped_column(String(255), default="")  # editor languages, comma-separated
    session_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: durable across app crashes, one fsync per checkpoint
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


class Database:
    """An engine and a session factory for one URL."""

    def __init__(self, url: str):
        self.url = url
        self.engine: Engine = create_engine(url, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _alembic_config(self):
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return cfg

    def upgrade(self) -> None:
        """Apply every migration (idempotent)."""
        from alembic import command

        with self.engine.begin() as conn:
            cfg = self._alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def head(self) -> str | None:
        """The newest migration in migrations/ (None: there is none)."""
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(self._alembic_config()).get_current_head()

    def revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def count(self, model) -> int:
        with self.session() as s:
            return s.query(func.count(model.id)).scalar() or 0


class ArticleRevision(Base):
    """One write of an article through the site: who, when, the diff, and the whole text (so any revision
    can be viewed and restored). Shared by every host: kb.content.revisions writes it ahead of the file."""

    __tablename__ = "article_revisions"
    # One number per write of an article: two writers appending after the same head cannot both commit.
    __table_args__ = (UniqueConstraint("lang", "slug", "seq", name="uq_article_revisions_seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    lang: Mapped[str] = mapped_column(String(16), index=True)
    slug: Mapped[str] = mapped_column(String(120), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(80), default="")
    action: Mapped[str] = mapped_column(String(16))  # save, publish, create, restore, import, baseline
    previous_revision: Mapped[str] = mapped_column(String(64), default="")  # empty for a new file
    revision: Mapped[str] = mapped_column(String(64))
    diff: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    # A publish that waited for a second person (kb.content.publishing): when it was asked for, who approved.
    requested_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    reviewed_by: Mapped[str] = mapped_column(String(80), default="")


class Ticket(Base):
    """A customer's hand-off to a person (the contact form): personal data kept only for the ticket,
    shown to support staff only, deleted after ``KB_TICKET_RETENTION_DAYS`` (kb.handoff)."""

    __tablename__ = "tickets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)  # KM-2026-000123, shown to the customer
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    lang: Mapped[str] = mapped_column(String(16), index=True)
    topic: Mapped[str] = mapped_column(String(32), default="other")
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    order_number: Mapped[str] = mapped_column(String(64), default="")
    message: Mapped[str] = mapped_column(Text)  # as written: the person answering needs all of it
    photos: Mapped[list] = mapped_column(JSON, default=list)  # [{"file", "type", "bytes"}], stored outside the web root
    trail: Mapped[list] = mapped_column(JSON, default=list)  # searches and articles seen before writing
    inquiry_id: Mapped[int | None] = mapped_column(ForeignKey("inquiries.id", ondelete="SET NULL"), nullable=True)


class OutboxMessage(Base):
    """One delivery of a ticket (support mailbox, customer confirmation, webhook), retried with backoff
    by the outbox worker until it is sent: a mail server or webhook that is down loses nothing."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # support_email, customer_email, webhook
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)  # pending, sent, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ApiToken(Base):
    """A token for the answer API (chat bots, email auto-replies): only its SHA-256 is stored; admins
    create, scope and revoke them."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    name: Mapped[str] = mapped_column(String(80))
    prefix: Mapped[str] = mapped_column(String(16))  # the first characters, to tell tokens apart in lists
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list] = mapped_column(JSON, default=list)  # e.g. ["answer"]
    created_by: Mapped[str] = mapped_column(String(80), default="")
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ArticleDraft(Base):
    """A pending draft of a published article: edited beside the live version, which customers keep
    seeing (and search keeps finding) until it is published; shared by every host."""

    __tablename__ = "article_drafts"
    __table_args__ = (UniqueConstraint("lang", "slug", name="uq_article_drafts_article"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lang: Mapped[str] = mapped_column(String(16))
    slug: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    base_revision: Mapped[str] = mapped_column(String(64))  # the live file it was drafted from
    username: Mapped[str] = mapped_column(String(80), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    # A publish waiting (kb.content.publishing): the validated file it will write, for review and/or a date.
    ready_text: Mapped[str] = mapped_column(Text, default="")  # empty: a plain draft
    requested_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    approved_by: Mapped[str] = mapped_column(String(80), default="")
    publish_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    problem: Mapped[str] = mapped_column(Text, default="")  # why the scheduled publish could not be written
