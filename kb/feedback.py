"""What readers do and say: searches, article views, votes, contact-form inquiries.

Customer text is cut to its stored length, then PII-redacted, before it reaches the database
(cutting first bounds the work an anonymous request can cause); nothing identifies the reader.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select

from kb.db import MAX_QUERY_CHARS, ArticleView, Database, Inquiry, SearchEvent, Vote, utcnow
from kb.mining.redaction import redact
from search import Hit, SearchResult

MAX_REASON_CHARS = 500
MAX_INQUIRY_CHARS = 5000
LEARNING_DAYS = 90  # the searches search learns from (clicks; search.learning)
CLOSEST_PAGES = 3  # offered, marked as such, when nothing clears the relevance floor (closest_pages)


def closest_pages(result: SearchResult) -> list[Hit]:
    """The pages a search offers when nothing clears the relevance floor, marked as pages that may not
    answer: the reader may still open one, and the floor, which learns from the searches readers
    open a result of (:func:`clicks`), then also sees what it holds back."""
    return [] if result.hits else result.below_floor[:CLOSEST_PAGES]


def record_search(db: Database, result: SearchResult, closest: int = 0) -> int | None:
    """Store the search (with ``closest``: how many pages below the relevance floor the reader was
    shown); returns its id, which result links carry so a click can be attributed."""
    if not result.query:
        return None
    with db.session() as s:
        # Translation demand: the best answer exists only in another language.
        event = SearchEvent(
            lang=result.lang,
            query=redact(result.query, MAX_QUERY_CHARS),
            results=len(result.hits),
            fallback=bool(result.hits) and result.hits[0].fallback,
            evidence=result.evidence,
            closest=closest,
        )
        s.add(event)
        s.flush()
        return event.id


def record_click(db: Database, event_id: int, position: int, slug: str) -> None:
    """The first result (or closest page) opened from a search: its 1-based position and article."""
    with db.session() as s:
        event = s.get(SearchEvent, event_id)
        if (
            event is not None
            and event.clicked_position is None
            and 1 <= position <= max(event.results, event.closest, 1)
        ):
            event.clicked_position, event.clicked_article = position, slug[:120]


@dataclass(frozen=True)
class Click:
    """A search whose reader opened a result or one of the closest pages shown below the floor."""

    query: str  # as stored: cut and redacted
    evidence: float | None  # SearchResult.evidence
    article: str | None  # None for clicks recorded before the article was


def clicks(db: Database, *, days: int = LEARNING_DAYS, per_lang: int = 5000) -> dict[str, list[Click]]:
    """Per language, the newest ``per_lang`` searches of the last ``days`` whose reader opened what
    they were shown, the closest pages below the floor included (so the floor, which learns from
    them, also sees what it holds back: from only the hits it lets through it would rise a little
    more every round)."""
    rows = _newest_by_lang(
        db,
        (SearchEvent.query, SearchEvent.evidence, SearchEvent.clicked_article),
        SearchEvent.clicked_position.is_not(None),
        days=days,
        per_lang=per_lang,
    )
    return {lang: [Click(*row) for row in found] for lang, found in rows.items()}


def searches(
    db: Database, *, excluding: Sequence[str] = (), days: int = LEARNING_DAYS, per_lang: int = 300
) -> dict[str, list[str]]:
    """Per language (but those ``excluding``), the newest ``per_lang`` queries searched in the last
    ``days``, whether or not the reader opened anything: where the language's questions lie
    (:func:`search.learning.learned_query_mean`)."""
    rows = _newest_by_lang(
        db, (SearchEvent.query,), SearchEvent.lang.not_in(list(excluding)), days=days, per_lang=per_lang
    )
    return {lang: [query for (query,) in found] for lang, found in rows.items()}


def _newest_by_lang(
    db: Database, columns: Sequence[Any], *where: Any, days: int, per_lang: int
) -> dict[str, Sequence[Any]]:
    """Per language, ``columns`` of its newest ``per_lang`` searches of the last ``days`` that match
    ``where``: one bounded query per language, never the whole log in memory."""
    recent = (SearchEvent.created_at >= utcnow() - dt.timedelta(days=days), *where)
    with db.session() as s:
        langs = s.scalars(select(SearchEvent.lang).where(*recent).distinct()).all()
        return {
            lang: s.execute(
                select(*columns)
                .where(*recent, SearchEvent.lang == lang)
                .order_by(SearchEvent.id.desc())
                .limit(per_lang)
            ).all()
            for lang in langs
        }


def record_view(db: Database, lang: str, shown_lang: str, slug: str) -> None:
    with db.session() as s:
        s.add(ArticleView(lang=lang, shown_lang=shown_lang, slug=slug))


def visitor_key(secret: str, visitor_id: str) -> str:
    """A keyed hash of the visitor's random cookie: stable per visitor, useless to anyone else."""
    return hmac.new(secret.encode(), visitor_id.encode(), hashlib.sha256).hexdigest()[:32]


MAX_VOTES_PER_CLIENT = 5  # new votes per article from one address per day (an office shares one)


def record_vote(
    db: Database, lang: str, slug: str, visitor: str, helpful: bool, reason: str | None, client: str | None = None
) -> bool:
    """Store a visitor's vote; a second vote on the same article changes the first. True if new.

    ``client`` (a keyed hash of the address) bounds stuffing: a client that cleared its cookie
    :data:`MAX_VOTES_PER_CLIENT` times for one article within a day adds no more votes to it (the
    page thanks it all the same, so the bound is not a signal to work around).
    """
    reason = redact(reason.strip(), MAX_REASON_CHARS) if reason and reason.strip() else None
    with db.session() as s:
        vote = s.query(Vote).filter_by(lang=lang, slug=slug, visitor=visitor).one_or_none()
        if vote is not None:
            vote.helpful, vote.reason = helpful, reason
            return False
        if client is not None:
            since = utcnow() - dt.timedelta(days=1)
            recent = (
                s.query(func.count(Vote.id))
                .filter(Vote.lang == lang, Vote.slug == slug, Vote.client == client, Vote.created_at >= since)
                .scalar()
            )
            if recent >= MAX_VOTES_PER_CLIENT:
                return False
        s.add(Vote(lang=lang, slug=slug, visitor=visitor, client=client, helpful=helpful, reason=reason))
        return True


def record_inquiry(db: Database, lang: str, text: str, *, channel: str = "web", suggestion_opened: bool = False) -> int:
    """A contact-form question, redacted before it is stored; returns its id."""
    with db.session() as s:
        inquiry = Inquiry(
            channel=channel,
            lang=lang,
            text=redact(text.strip(), MAX_INQUIRY_CHARS),
            suggestion_opened=suggestion_opened,
        )
        s.add(inquiry)
        s.flush()
        return inquiry.id


def most_viewed(db: Database, lang: str, *, days: int = 30, limit: int = 5) -> list[str]:
    """Slugs read most in ``lang`` over the last ``days`` days."""
    since = utcnow() - dt.timedelta(days=days)
    with db.session() as s:
        rows = (
            s.query(ArticleView.slug, func.count(ArticleView.id).label("n"))
            .filter(ArticleView.lang == lang, ArticleView.created_at >= since)
            .group_by(ArticleView.slug)
            .order_by(func.count(ArticleView.id).desc(), ArticleView.slug)
            .limit(limit)
            .all()
        )
    return [slug for slug, _ in rows]


def most_helpful(db: Database, lang: str, *, min_votes: int = 3, limit: int = 5) -> list[str]:
    """Slugs with the best share of "yes" votes in ``lang`` (a few votes are not evidence)."""
    yes = func.sum(case((Vote.helpful.is_(True), 1), else_=0))
    with db.session() as s:
        rows = (
            s.query(Vote.slug, yes, func.count(Vote.id))
            .filter(Vote.lang == lang)
            .group_by(Vote.slug)
            .having(func.count(Vote.id) >= min_votes)
            .all()
        )
    rows.sort(key=lambda r: (-(r[1] / r[2]), -r[2], r[0]))
    return [slug for slug, _, _ in rows[:limit]]
