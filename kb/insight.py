"""What staff decide from: one period's figures beside the previous period of the same length.

Plain Python over kb.db (no Flask): the staff dashboard, its JSON twin and its CSV export all call
:func:`insight`. A period is half-open, ``[start, end)`` in UTC.

There is no session key in what the site stores (nothing identifies a reader), so the
self-service rate is measured from what is stored: a contact-form ticket carries the articles the
customer read before writing (the trail of their browser session). The rate is the share of
article reads that were *not* followed by a contact: ``1 - reads in the trails of the period's
tickets / article reads in the period``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import case, func
from sqlalchemy.orm import Session

from kb.db import ArticleView, Database, Inquiry, SearchEvent, Ticket, Vote, utcnow

PRESETS = (7, 30, 90)
DEFAULT_DAYS = 30
MAX_DAYS = 731  # two years: a custom range longer than that is a typo
MIN_VOTES = 2  # an article needs this many votes in the period to be called unhelpful
TOP = 10  # rows of each ranked table
LATEST_REASONS = 20


class PeriodInvalid(ValueError):
    """A period that cannot be read; ``code`` says why (bad_date, order, too_long, future)."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class Period:
    """``[start, end)`` in UTC; ``key`` is 7, 30, 90 or "custom"."""

    start: dt.datetime
    end: dt.datetime
    key: str = str(DEFAULT_DAYS)

    @property
    def days(self) -> int:
        return max(1, round((self.end - self.start).total_seconds() / 86400))

    def previous(self) -> Period:
        """The period of the same length that ends where this one starts."""
        return Period(self.start - (self.end - self.start), self.start, self.key)

    def first_day(self) -> dt.date:
        return self.start.date()

    def last_day(self) -> dt.date:
        """The last day the period touches (its end is exclusive)."""
        return (self.end - dt.timedelta(microseconds=1)).date()


def _parse_date(text: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodInvalid("bad_date", f"{name}: {text[:40]!r} is not a date (YYYY-MM-DD)") from None


def parse_period(
    period: str | None, start: str | None = None, end: str | None = None, *, now: dt.datetime | None = None
) -> Period:
    """The period a request asks for: ``7``, ``30`` (default) or ``90`` days up to now, or ``custom``
    from ``start`` to ``end`` (ISO dates, both days included).

    :raise PeriodInvalid: for an unknown preset, an unreadable date, ``start`` after ``end``, a start
        in the future or a range longer than :data:`MAX_DAYS`.
    """
    now = now or utcnow()
    period = (period or "").strip()
    if period == "custom" or (not period and (start or end)):
        if not start or not end:
            raise PeriodInvalid("bad_date", "a custom period needs both a start and an end date")
        first, last = _parse_date(start, "from"), _parse_date(end, "to")
        if first > last:
            raise PeriodInvalid("order", f"the start ({first}) is after the end ({last})")
        if first > now.date():
            raise PeriodInvalid("future", f"the start ({first}) is in the future")
        if (last - first).days + 1 > MAX_DAYS:
            raise PeriodInvalid("too_long", f"a period is at most {MAX_DAYS} days")
        begin = dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC)
        return Period(begin, begin + dt.timedelta(days=(last - first).days + 1), "custom")
    if not period:
        period = str(DEFAULT_DAYS)
    if not period.isdigit() or int(period) not in PRESETS:
        raise PeriodInvalid("bad_period", f"period must be one of {', '.join(map(str, PRESETS))} or custom")
    return Period(now - dt.timedelta(days=int(period)), now, period)


@dataclass(frozen=True)
class Figure:
    """One headline number this period and the previous one."""

    key: str
    current: float | None
    previous: float | None
    kind: str = "count"  # count or rate (a share, 0..1)

    @property
    def change(self) -> float | None:
        """Current minus previous (for a rate: in percentage points, as a share)."""
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def relative(self) -> float | None:
        """The change as a share of the previous count (None for rates and from zero)."""
        if self.kind != "count" or not self.previous or self.change is None:
            return None
        return self.change / self.previous


@dataclass(frozen=True)
class Table:
    """Rows for a chart, a screen-reader table and a CSV file; ``chart`` names the label column and
    the value columns drawn (this period, then optionally the previous one) when it is charted."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)
    chart: tuple[int, ...] = ()

    def as_dicts(self) -> list[dict]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Insight:
    period: Period
    previous: Period
    figures: list[Figure]
    tables: dict[str, Table]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def as_json(self) -> dict:
        """The dashboard's JSON twin."""
        return {
            "period": {
                "key": self.period.key,
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
            },
            "previous": {"start": self.previous.start.isoformat(), "end": self.previous.end.isoformat()},
            "figures": {
                f.key: {"current": f.current, "previous": f.previous, "change": f.change, "kind": f.kind}
                for f in self.figures
            },
            "tables": {name: t.as_dicts() for name, t in self.tables.items()},
        }


def _within(column, period: Period):
    return (column >= period.start) & (column < period.end)


def _counts(s: Session, period: Period) -> dict[str, int]:
    searches = s.query(
        func.count(SearchEvent.id),
        func.sum(case((SearchEvent.results == 0, 1), else_=0)),
        func.sum(case(((SearchEvent.results > 0) & SearchEvent.clicked_position.is_(None), 1), else_=0)),
        func.sum(case((SearchEvent.fallback.is_(True), 1), else_=0)),
    ).filter(_within(SearchEvent.created_at, period))
    n_search, no_result, no_click, fallback_search = searches.one()
    reads, fallback_reads = (
        s.query(func.count(ArticleView.id), func.sum(case((ArticleView.lang != ArticleView.shown_lang, 1), else_=0)))
        .filter(_within(ArticleView.created_at, period))
        .one()
    )
    helpful, not_helpful = (
        s.query(
            func.sum(case((Vote.helpful.is_(True), 1), else_=0)), func.sum(case((Vote.helpful.is_(False), 1), else_=0))
        )
        .filter(_within(Vote.created_at, period))
        .one()
    )
    contacts = s.query(func.count(Inquiry.id)).filter(_within(Inquiry.created_at, period)).scalar()
    trails = s.query(Ticket.trail).filter(_within(Ticket.created_at, period)).all()
    read_then_contact = sum(
        1 for (trail,) in trails for step in (trail or []) if isinstance(step, dict) and step.get("kind") == "article"
    )
    return {
        "searches": n_search or 0,
        "no_result": no_result or 0,
        "no_click": no_click or 0,
        "fallback_searches": fallback_search or 0,
        "reads": reads or 0,
        "fallback_reads": fallback_reads or 0,
        "read_then_contact": read_then_contact,
        "contacts": contacts or 0,
        "tickets": len(trails),
        "helpful": helpful or 0,
        "not_helpful": not_helpful or 0,
    }


def self_service_rate(reads: int, read_then_contact: int) -> float | None:
    """Share of article reads not followed by a contact (None without reads)."""
    if reads <= 0:
        return None
    return max(0.0, 1 - read_then_contact / reads)


COUNTS = (
    "searches",
    "no_result",
    "no_click",
    "reads",
    "contacts",
    "helpful",
    "not_helpful",
    "fallback_reads",
    "fallback_searches",
)


def _grouped(s: Session, column, count_column, created, period: Period, *, where=None) -> Counter:
    q = s.query(column, func.count(count_column)).filter(_within(created, period))
    if where is not None:
        q = q.filter(where)
    return Counter({key if key is not None else "": n for key, n in q.group_by(column).all()})


def _compare(name: str, label: str, now: Counter, before: Counter, *, limit: int | None = None) -> Table:
    keys = sorted(set(now) | set(before), key=lambda k: (-now[k], -before[k], str(k)))
    rows = [(k, now[k], before[k]) for k in keys[:limit] if now[k] or before[k]]
    return Table(name, (label, "current", "previous"), rows, chart=(0, 1, 2))


def _grouped_table(
    s: Session, name: str, label: str, column, count_column, created, period: Period, *, limit: int | None = None
) -> Table:
    """Counts by ``column`` in ``period`` beside the same counts in the period before it."""
    now = _grouped(s, column, count_column, created, period)
    before = _grouped(s, column, count_column, created, period.previous())
    return _compare(name, label, now, before, limit=limit)


def insight(db: Database, period: Period) -> Insight:
    """Every figure and table of the dashboard for ``period`` and the period before it."""
    prev = period.previous()
    with db.session() as s:
        cur_n, prev_n = _counts(s, period), _counts(s, prev)
        figures = [Figure(key, cur_n[key], prev_n[key]) for key in COUNTS]
        figures.insert(
            4,
            Figure(
                "self_service",
                self_service_rate(cur_n["reads"], cur_n["read_then_contact"]),
                self_service_rate(prev_n["reads"], prev_n["read_then_contact"]),
                "rate",
            ),
        )
        tables = {
            "figures": Table(
                "figures",
                ("figure", "current", "previous", "change"),
                [(f.key, f.current, f.previous, f.change) for f in figures],
            ),
            "contacts_by_topic": _grouped_table(
                s, "contacts_by_topic", "topic", Ticket.topic, Ticket.id, Ticket.created_at, period
            ),
            "contacts_by_language": _grouped_table(
                s, "contacts_by_language", "language", Inquiry.lang, Inquiry.id, Inquiry.created_at, period
            ),
            "contacts_by_channel": _grouped_table(
                s, "contacts_by_channel", "channel", Inquiry.channel, Inquiry.id, Inquiry.created_at, period
            ),
            "most_read": _grouped_table(
                s, "most_read", "article", ArticleView.slug, ArticleView.id, ArticleView.created_at, period, limit=TOP
            ),
            "least_helpful": _least_helpful(s, period),
            "reasons": _reasons(s, period),
            "translation_demand": _compare(
                "translation_demand",
                "language",
                _grouped(
                    s,
                    ArticleView.lang,
                    ArticleView.id,
                    ArticleView.created_at,
                    period,
                    where=ArticleView.lang != ArticleView.shown_lang,
                ),
                _grouped(
                    s,
                    ArticleView.lang,
                    ArticleView.id,
                    ArticleView.created_at,
                    prev,
                    where=ArticleView.lang != ArticleView.shown_lang,
                ),
            ),
            "read_in_another_language": _fallback_articles(s, period),
            "no_result_queries": _no_result_queries(s, period),
        }
    return Insight(period, prev, figures, tables)


def _least_helpful(s: Session, period: Period) -> Table:
    yes = func.sum(case((Vote.helpful.is_(True), 1), else_=0))
    no = func.sum(case((Vote.helpful.is_(False), 1), else_=0))
    rows = (
        s.query(Vote.lang, Vote.slug, yes, no)
        .filter(_within(Vote.created_at, period))
        .group_by(Vote.lang, Vote.slug)
        .having(func.count(Vote.id) >= MIN_VOTES)
        .all()
    )
    ranked = sorted(
        ((lang, slug, int(y or 0), int(n or 0), (y or 0) / ((y or 0) + (n or 0))) for lang, slug, y, n in rows),
        key=lambda r: (r[4], -r[3], r[0], r[1]),
    )
    ranked = [r for r in ranked if r[3] > 0][:TOP]
    return Table("least_helpful", ("language", "article", "helpful", "not_helpful", "helpful_share"), ranked)


def _reasons(s: Session, period: Period) -> Table:
    rows = (
        s.query(Vote.created_at, Vote.lang, Vote.slug, Vote.helpful, Vote.reason)
        .filter(_within(Vote.created_at, period), Vote.reason.is_not(None), Vote.reason != "")
        .order_by(Vote.created_at.desc(), Vote.id.desc())
        .limit(LATEST_REASONS)
        .all()
    )
    return Table(
        "reasons",
        ("date", "language", "article", "helpful", "reason"),
        [(when.date().isoformat(), lang, slug, bool(helpful), reason) for when, lang, slug, helpful, reason in rows],
    )


def _fallback_articles(s: Session, period: Period) -> Table:
    rows = (
        s.query(ArticleView.lang, ArticleView.slug, func.count(ArticleView.id))
        .filter(_within(ArticleView.created_at, period), ArticleView.lang != ArticleView.shown_lang)
        .group_by(ArticleView.lang, ArticleView.slug)
        .order_by(func.count(ArticleView.id).desc(), ArticleView.lang, ArticleView.slug)
        .limit(30)
        .all()
    )
    return Table("read_in_another_language", ("language", "article", "reads"), [tuple(r) for r in rows])


def _no_result_queries(s: Session, period: Period) -> Table:
    rows = (
        s.query(SearchEvent.lang, SearchEvent.query, func.count(SearchEvent.id))
        .filter(_within(SearchEvent.created_at, period), SearchEvent.results == 0)
        .group_by(SearchEvent.lang, SearchEvent.query)
        .order_by(func.count(SearchEvent.id).desc(), SearchEvent.lang, SearchEvent.query)
        .limit(30)
        .all()
    )
    return Table("no_result_queries", ("language", "query", "searches"), [tuple(r) for r in rows])


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell a spreadsheet will not run: text starting with = + - @ (or a tab/CR) gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(table: Table, rows: Iterable[Sequence] | None = None) -> str:
    """The table as CSV text (header row first), formula-injection safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    for row in table.rows if rows is None else rows:
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()
