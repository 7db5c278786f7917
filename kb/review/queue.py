"""The staff review queue, read: suggestions listed and filtered, one with its evidence and review log.

Customer text is redacted once more on the way out; what changes a suggestion's state is in
:mod:`kb.review.decisions`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy import cast as sql_cast

from kb import locales
from kb.content.articles import Article, ArticleNotFound, ArticleStore
from kb.db import Database, Inquiry, Suggestion, SuggestionAction
from kb.mining.redaction import redact

STATUSES = ("new", "promoted", "merged", "dismissed")
COVERAGE = ("gap", "partial", "answered")


class SuggestionNotFound(LookupError):
    """No suggestion with that id."""


# -- suggestions: load, list, show ------------------------------------------------------
def get_suggestion(db: Database, suggestion_id: int) -> Suggestion:
    """:raise SuggestionNotFound:"""
    with db.session() as s:
        suggestion = s.get(Suggestion, suggestion_id)
        if suggestion is None:
            raise SuggestionNotFound(str(suggestion_id))
        return suggestion


def actions(db: Database, suggestion_id: int) -> list[SuggestionAction]:
    """The review log of one suggestion, oldest first."""
    with db.session() as s:
        return (
            s.query(SuggestionAction)
            .filter_by(suggestion_id=suggestion_id)
            .order_by(SuggestionAction.created_at, SuggestionAction.id)
            .all()
        )


def list_suggestions(
    db: Database,
    *,
    lang: str = "",
    channel: str = "",
    status: str = "",
    priority: str = "",
    coverage: str = "",
    page: int = 1,
    per_page: int = 25,
) -> tuple[list[Suggestion], int]:
    """One page of suggestions, best score first, and how many match; empty filters match all.

    ``lang`` and ``channel`` match a suggestion when any of its inquiries was in that language or
    came through that channel: one question asked in Thai and in English is in both lists.
    """
    with db.session() as s:
        q = s.query(Suggestion)
        if lang:
            if not locales.valid_code(lang):
                return [], 0
            # {lang: count} as JSON text, the same on SQLite and PostgreSQL; a code has no quote or wildcard
            q = q.filter(sql_cast(Suggestion.langs, String).like(f'%"{lang}":%'))
        for column, value in (
            (Suggestion.status, status),
            (Suggestion.priority, priority),
            (Suggestion.coverage, coverage),
        ):
            if value:
                q = q.filter(column == value)
        if channel:
            q = q.filter(Suggestion.id.in_(s.query(Inquiry.suggestion_id).filter(Inquiry.channel == channel)))
        total = q.count()
        items = (
            q.order_by(Suggestion.score.desc(), Suggestion.id)
            .offset((max(page, 1) - 1) * per_page)
            .limit(per_page)
            .all()
        )
        return items, total


def filter_options(db: Database) -> dict[str, list[str]]:
    """The values each list filter can take, from what is stored."""
    with db.session() as s:

        def distinct(column, *where):
            return sorted(v for (v,) in s.query(column).filter(*where).distinct() if v)

        return {
            "lang": sorted({code for (langs,) in s.query(Suggestion.langs) for code in langs or {}}),
            "priority": distinct(Suggestion.priority),
            "channel": distinct(Inquiry.channel, Inquiry.suggestion_id.is_not(None)),
            "status": list(STATUSES),
            "coverage": list(COVERAGE),
        }


def as_dict(suggestion: Suggestion, *, full: bool = False) -> dict[str, Any]:
    """A suggestion as JSON: the list's fields, or (``full``) all the evidence.

    Customer text is redacted again on the way out (idempotent): a page never depends on every
    writer upstream having done it.
    """
    out = {
        "id": suggestion.id,
        "status": suggestion.status,
        "coverage": suggestion.coverage,
        "lang": suggestion.lang,
        "priority": suggestion.priority,
        "size": suggestion.size,
        "recent": suggestion.recent,
        "score": suggestion.score,
        "title": redact(suggestion.title or ""),
        "titles": {lang: redact(str(title)) for lang, title in (suggestion.titles or {}).items()},
        "langs": suggestion.langs or {},
        "channels": suggestion.channels or {},
        "article": suggestion.article,
        "acted_at": suggestion.acted_at.isoformat() if suggestion.acted_at else None,
    }
    if full:
        examples = [
            {**ex, "text": redact(str(ex.get("text") or ""))} if isinstance(ex, dict) else redact(str(ex))
            for ex in suggestion.examples or []
        ]
        out |= {
            "weekly": suggestion.weekly or [],
            "terms": [redact(str(t)) for t in suggestion.terms or []],
            "examples": examples,
            "draft_answer": redact(suggestion.draft_answer or ""),
            "nearest": suggestion.nearest or {},
            "coverage_score": suggestion.coverage_score,
            "signals": suggestion.signals or {},
            "dismiss_reason": suggestion.dismiss_reason,
            "mined_at": suggestion.mined_at.isoformat() if suggestion.mined_at else None,
        }
    return out


def promoted_drafts(db: Database, store: ArticleStore, limit: int = 50) -> list[tuple[Suggestion, Article]]:
    """Drafts made from customer questions and not published yet, newest first, with their suggestion
    (the editor dashboard lists them, evidence beside each)."""
    with db.session() as s:
        promoted = (
            s.query(Suggestion)
            .filter(Suggestion.status == "promoted", Suggestion.article.is_not(None))
            .order_by(Suggestion.acted_at.desc())
            .limit(limit * 2)
            .all()
        )
    out = []
    for suggestion in promoted:
        lang, _, slug = (suggestion.article or "").partition("/")
        try:
            article = store.get(lang, slug)
        except ArticleNotFound:
            continue  # deleted or renamed since
        if not article.published:
            out.append((suggestion, article))
    return out[:limit]
