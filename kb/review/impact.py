"""Did the FAQ reduce inquiries? Weekly inquiry counts of a promoted suggestion's cluster before and
after its article was published."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func

from kb.content.articles import ArticleNotFound, ArticleStore
from kb.db import Database, Inquiry, Suggestion, as_utc
from search import parse_doc_id

IMPACT_WEEKS = 8  # at most this many weeks on each side of the article date


# -- did the FAQ reduce inquiries? ------------------------------------------------------
def article_date(suggestion: Suggestion, articles: ArticleStore | None = None) -> tuple[dt.datetime | None, str]:
    """(when the answer went out, why that date): the article's ``updated`` date once it is published,
    else the time of the review action."""
    if suggestion.status not in ("promoted", "merged") or suggestion.acted_at is None:
        return None, ""
    acted = as_utc(suggestion.acted_at)
    if articles is not None and suggestion.article:
        lang, slug = parse_doc_id(suggestion.article)[:2]
        try:
            article = articles.get(lang, slug)
        except ArticleNotFound:
            article = None
        # A promoted draft answers nobody until an editor publishes it; merged phrasings work at once.
        if suggestion.status == "promoted" and article is not None and article.published and article.updated:
            published = dt.datetime.combine(article.updated, dt.time(), tzinfo=dt.UTC)
            return max(published, acted), "published"
    return acted, "action"


def impact(db: Database, suggestion: Suggestion, articles: ArticleStore | None = None) -> dict | None:
    """The cluster's inquiries per language and week, before and after the article date.

    Windows are whole weeks counted back and forward from the date (at most 8 each side, and
    never past the first or last inquiry of the whole log, so a log that ends early does not
    read as "no more questions"); the averages per week are what to compare. None before any
    promote or merge.
    """
    date, basis = article_date(suggestion, articles)
    if date is None:
        return None
    with db.session() as s:
        first, last = s.query(func.min(Inquiry.created_at), func.max(Inquiry.created_at)).one()
        rows = s.query(Inquiry.lang, Inquiry.created_at).filter(Inquiry.suggestion_id == suggestion.id).all()
    week = dt.timedelta(days=7)
    if first is None:
        weeks_before = weeks_after = 0
    else:
        weeks_before = min(IMPACT_WEEKS, max(0, -(-(date - as_utc(first)) // week)))
        weeks_after = min(IMPACT_WEEKS, max(0, -(-(as_utc(last) - date) // week)))
    start, end = date - weeks_before * week, date + weeks_after * week
    per_lang: dict[str, dict[str, Any]] = {}
    for lang, stored_at in rows:
        created = as_utc(stored_at)
        if not start <= created <= end or weeks_before + weeks_after == 0:
            continue
        entry = per_lang.setdefault(
            lang or "", {"lang": lang or "", "before": 0, "after": 0, "weeks": [0] * (weeks_before + weeks_after)}
        )
        entry["before" if created < date else "after"] += 1
        index = (created - date) // week + weeks_before  # the week just before the date is weeks_before - 1
        entry["weeks"][min(index, weeks_before + weeks_after - 1)] += 1
    langs = []
    for entry in sorted(per_lang.values(), key=lambda e: -(e["before"] + e["after"])):
        entry["per_week_before"] = round(entry["before"] / weeks_before, 2) if weeks_before else None
        entry["per_week_after"] = round(entry["after"] / weeks_after, 2) if weeks_after else None
        b, a = entry["per_week_before"], entry["per_week_after"]
        entry["change"] = round((a - b) / b, 3) if a is not None and b else None
        langs.append(entry)
    return {
        "date": date.isoformat(),
        "basis": basis,
        "weeks_before": weeks_before,
        "weeks_after": weeks_after,
        "week_starts": [
            (date + (i - weeks_before) * week).date().isoformat() for i in range(weeks_before + weeks_after)
        ],
        "langs": langs,
    }
