"""Translation status: which paragraphs of a source changed since each translation was made.

A paragraph is one Markdown block: text between blank lines, a heading on its own, a fenced code
block whole. Its hash is the first 8 hex digits of the SHA-256 of its whitespace-normalised NFC
text. A translation records ``source_revision`` (the source file it followed) and
``source_paragraphs`` (the hashes of that source's paragraphs, in order); the source paragraphs
whose hash is not in that list are the changed ones. The files are the truth: the database only
adds demand (fallback views, failed searches, inquiries) to order the work.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from kb.content.articles import Article, ArticleNotFound, ArticleStore

STATUSES = ("current", "outdated", "missing", "draft")
_HEADING_RE = re.compile(r"^#{1,6}\s")
_FENCE_RE = re.compile(r"^(```|~~~)")
_SPACE_RE = re.compile(r"\s+")


def paragraphs(body: str) -> list[str]:
    """Markdown blocks of a body, in order (blank lines split; headings alone; fences kept whole)."""
    blocks: list[str] = []
    current: list[str] = []
    fence: str | None = None

    def flush() -> None:
        if current:
            blocks.append("\n".join(current).strip("\n"))
            current.clear()

    for line in body.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if fence is not None:
            current.append(line)
            if stripped.startswith(fence):
                fence = None
                flush()
            continue
        m = _FENCE_RE.match(stripped)
        if m:
            flush()
            fence = m.group(1)
            current.append(line)
        elif not stripped:
            flush()
        elif _HEADING_RE.match(stripped):
            flush()
            blocks.append(stripped)
        else:
            current.append(line)
    flush()
    return [b for b in blocks if b.strip()]


def paragraph_hash(text: str) -> str:
    """8 hex digits identifying a paragraph's text, insensitive to whitespace and Unicode form."""
    norm = _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:8]


def paragraph_hashes(body: str) -> list[str]:
    return [paragraph_hash(p) for p in paragraphs(body)]


def changed_paragraphs(source: Article, recorded: Iterable[str]) -> list[int]:
    """Indexes of the source's paragraphs that a translation following ``recorded`` has not seen."""
    seen = set(recorded)
    return [i for i, h in enumerate(paragraph_hashes(source.body)) if h not in seen]


@dataclass(frozen=True)
class Unit:
    """One source paragraph with what the translation currently has for it."""

    index: int
    hash: str
    source: str
    changed: bool
    previous: str = ""  # the translation's paragraph that follows this one (maybe an older source's)
    previous_hash: str = ""  # the hash of the source paragraph that ``previous`` was translated from


def align(source: Article, translation: Article | None) -> list[Unit]:
    """Pair each source paragraph with the translation's paragraph for it.

    The translation's blocks correspond, in order, to the recorded source hashes; a diff of the
    recorded hashes against the current ones carries that pairing over to the current source,
    so a paragraph edited in place keeps its old translation as the ``previous`` text.
    """
    src = paragraphs(source.body)
    hashes = [paragraph_hash(p) for p in src]
    if translation is None:
        return [Unit(i, h, p, True) for i, (h, p) in enumerate(zip(hashes, src, strict=True))]
    recorded = list(translation.source_paragraphs)
    seen = set(recorded)
    target = paragraphs(translation.body)
    if not recorded:  # older translations: assume the structure matches the source
        recorded = hashes if len(target) == len(src) else []
    previous, previous_hash = [""] * len(src), [""] * len(src)
    if len(recorded) == len(target):
        for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, recorded, hashes, autojunk=False).get_opcodes():
            if tag == "equal" or (tag == "replace" and a2 - a1 == b2 - b1):
                for k in range(b2 - b1):
                    previous[b1 + k], previous_hash[b1 + k] = target[a1 + k], recorded[a1 + k]
    stale = translation.source_revision != source.revision
    return [
        Unit(i, h, p, (h not in seen) if translation.source_paragraphs else stale, previous[i], previous_hash[i])
        for i, (h, p) in enumerate(zip(hashes, src, strict=True))
    ]


@dataclass
class Cell:
    """One (article, language): its status and what makes it worth translating next."""

    slug: str
    lang: str
    status: str  # current, outdated, missing, draft
    title: str = ""
    revision: str = ""
    changed: list[int] = field(default_factory=list)  # source paragraph indexes (outdated)
    paragraphs: int = 0  # source paragraphs in all
    views: int = 0  # views of a fallback by readers of this language
    searches: int = 0  # searches in this language answered only elsewhere
    inquiries: int = 0  # inquiries in this language about this article's topic

    @property
    def demand(self) -> int:
        return self.views + self.searches + self.inquiries

    def as_dict(self) -> dict:
        return {**asdict(self), "demand": self.demand}


def status_of(source: Article, translation: Article | None) -> tuple[str, list[int]]:
    """(status, changed paragraph indexes) of one translation of ``source``."""
    if translation is None:
        return "missing", list(range(len(paragraphs(source.body))))
    if translation.source_paragraphs:
        changed = changed_paragraphs(source, translation.source_paragraphs)
    elif translation.source_revision and translation.source_revision == source.revision:
        changed = []
    else:  # nothing recorded, or only a stale revision: every paragraph is suspect
        changed = list(range(len(paragraphs(source.body))))
    if not translation.published:
        return "draft", changed
    return ("outdated" if changed else "current"), changed


def is_outdated(source: Article | None, shown: Article) -> bool:
    """Is ``shown`` a published translation that has not followed a change of ``source``?"""
    return bool(source and shown is not source and source.published and status_of(source, shown)[0] == "outdated")


@dataclass
class Matrix:
    source_lang: str
    langs: list[str]
    rows: list[dict]  # {slug, title, category, status (of the source), cells: {lang: Cell}}
    unattributed_searches: dict[str, int] = field(default_factory=dict)

    def cells(self) -> list[Cell]:
        return [c for row in self.rows for c in row["cells"].values()]

    def counts(self) -> dict[str, dict[str, int]]:
        """{lang: {status: n}}."""
        out = {lang: dict.fromkeys(STATUSES, 0) for lang in self.langs}
        for c in self.cells():
            out[c.lang][c.status] += 1
        return out

    def todo(self) -> list[Cell]:
        """What to translate next: every cell that is not current, most demanded first."""
        return sorted(
            (c for c in self.cells() if c.status != "current"),
            key=lambda c: (-c.demand, STATUSES.index(c.status), c.lang, c.slug),
        )

    def as_dict(self) -> dict:
        return {
            "source_lang": self.source_lang,
            "langs": self.langs,
            "counts": self.counts(),
            "unattributed_searches": self.unattributed_searches,
            "articles": [
                {
                    **{k: v for k, v in row.items() if k != "cells"},
                    "translations": {lang: c.as_dict() for lang, c in row["cells"].items()},
                }
                for row in self.rows
            ],
            "todo": [c.as_dict() for c in self.todo()],
        }


def matrix(
    store: ArticleStore,
    *,
    langs: list[str] | None = None,
    demand: Demand | None = None,
    status: str | None = None,
    category: str | None = None,
    query: str | None = None,
    sort: str = "demand",
) -> Matrix:
    """Status of every source article in every other language, with demand, filtered and sorted."""
    source_lang = store.default_lang
    all_langs = [lang for lang in store.languages() if lang != source_lang]
    shown_langs = [lang for lang in all_langs if langs is None or lang in langs]
    demand = demand or Demand()
    rows: list[dict[str, Any]] = []
    q = (query or "").strip().casefold()
    for source in store.articles(source_lang):
        if category and source.category != category:
            continue
        if q and q not in source.slug.casefold() and q not in source.title.casefold():
            continue
        n = len(paragraphs(source.body))
        cells = {}
        for lang in shown_langs:
            try:
                translation = store.get(lang, source.slug)
            except ArticleNotFound:
                translation = None
            st, changed = status_of(source, translation)
            if status and st != status:
                continue
            cells[lang] = Cell(
                source.slug,
                lang,
                st,
                translation.title if translation else "",
                translation.revision if translation else "",
                changed,
                n,
                demand.views.get((lang, source.slug), 0),
                demand.searches.get((lang, source.slug), 0),
                demand.inquiries.get((lang, source.slug), 0),
            )
        if status and not cells:
            continue
        rows.append(
            {
                "slug": source.slug,
                "title": source.title,
                "category": source.category,
                "status": source.status,
                "revision": source.revision,
                "cells": cells,
            }
        )
    if sort == "demand":
        rows.sort(key=lambda r: (-sum(c.demand for c in r["cells"].values() if c.status != "current"), r["slug"]))
    else:
        rows.sort(key=lambda r: r["slug"])
    return Matrix(source_lang, shown_langs, rows, dict(demand.unattributed))


# -- demand from the database ----------------------------------------------------------------
@dataclass
class Demand:
    """Counts per (lang, slug) over a recent window."""

    views: Counter = field(default_factory=Counter)
    searches: Counter = field(default_factory=Counter)
    inquiries: Counter = field(default_factory=Counter)
    unattributed: Counter = field(default_factory=Counter)  # failed searches no article answers, per lang


def demand_from(
    db, *, days: int = 90, resolve: Callable[[str, str], str | None] | None = None, max_queries: int = 200
) -> Demand:
    """Fallback views, failed searches (attributed by ``resolve(lang, query) -> slug``) and
    inquiries (through the mined suggestion they belong to) per (lang, slug)."""
    from sqlalchemy import func, or_

    from kb.db import ArticleView, Inquiry, SearchEvent, Suggestion

    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    out = Demand()
    with db.session() as s:
        for lang, slug, n in (
            s.query(ArticleView.lang, ArticleView.slug, func.count(ArticleView.id))
            .filter(ArticleView.lang != ArticleView.shown_lang, ArticleView.created_at >= since)
            .group_by(ArticleView.lang, ArticleView.slug)
        ):
            out.views[(lang, slug)] += n
        failed = (
            s.query(SearchEvent.lang, SearchEvent.query, func.count(SearchEvent.id))
            .filter(or_(SearchEvent.results == 0, SearchEvent.fallback.is_(True)), SearchEvent.created_at >= since)
            .group_by(SearchEvent.lang, SearchEvent.query)
            .order_by(func.count(SearchEvent.id).desc())
            .limit(max_queries)
            .all()
        )
        topics = {}
        for sid, nearest, article in s.query(Suggestion.id, Suggestion.nearest, Suggestion.article):
            key = article or (nearest or {}).get("slug") or ""
            topics[sid] = key.rpartition("/")[2]
        for lang, sid, n in (
            s.query(Inquiry.lang, Inquiry.suggestion_id, func.count(Inquiry.id))
            .filter(Inquiry.suggestion_id.is_not(None), Inquiry.created_at >= since)
            .group_by(Inquiry.lang, Inquiry.suggestion_id)
        ):
            if topics.get(sid):
                out.inquiries[(lang, topics[sid])] += n
    for lang, query, n in failed:
        slug = resolve(lang, query) if resolve else None
        if slug:
            out.searches[(lang, slug)] += n
        else:
            out.unattributed[lang] += n
    return out


# -- what changed inside a paragraph -----------------------------------------------------------
_WORD_RE = re.compile(r"\s+|\w+|[^\w\s]")


def old_counterparts(old_body: str, new_body: str) -> dict[int, str]:
    """For each changed paragraph of ``new_body``, the paragraph of ``old_body`` it replaced (if any)."""
    old, new = paragraphs(old_body), paragraphs(new_body)
    old_h, new_h = [paragraph_hash(p) for p in old], [paragraph_hash(p) for p in new]
    out = {}
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old_h, new_h, autojunk=False).get_opcodes():
        if tag == "replace":
            for k in range(min(a2 - a1, b2 - b1)):
                out[b1 + k] = old[a1 + k]
    return out


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) pieces, op one of "equal", "del", "ins": the words that changed in a paragraph."""
    a, b = _WORD_RE.findall(old), _WORD_RE.findall(new)
    out: list[tuple[str, str]] = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("equal", "".join(a[a1:a2])))
            continue
        if a2 > a1:
            out.append(("del", "".join(a[a1:a2])))
        if b2 > b1:
            out.append(("ins", "".join(b[b1:b2])))
    return out
