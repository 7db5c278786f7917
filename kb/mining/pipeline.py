"""The staff job, database in and suggestions out: load the inquiries and the site's own signals,
run the four steps, keep each suggestion's identity across runs, save."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import select, update

from kb.db import Database, Inquiry, SearchEvent, Suggestion, Vote, as_utc, utcnow
from kb.mining.clustering import cluster
from kb.mining.coverage import Answering, assess_coverage, rank, split_by_answer
from kb.mining.evidence import ClusterSummary
from kb.mining.model import DEFAULT_CONFIG, MiningConfig, OnProgress, no_progress
from kb.mining.triage import summarize_asking
from kb.mining.vector_cache import mining_encoder, mining_extra

log = logging.getLogger(__name__)


@dataclass
class _Rows:
    ids: list[int | None] = field(default_factory=list)  # inquiry id, None for a site signal
    texts: list[str] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    times: list[dt.datetime | None] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    fingerprints: list[str] = field(default_factory=list)
    previous: list[int | None] = field(default_factory=list)  # suggestion id from the last run

    def add(self, **kw: Any) -> None:
        for name, value in kw.items():
            getattr(self, name).append(value)

    def add_signal(self, text: str | None, lang: str, channel: str, created: dt.datetime) -> None:
        """A site signal (a failed search, a not-helpful reason): clustered, never counted as an inquiry."""
        self.add(ids=None, texts=text or "", langs=lang, channels=channel, times=as_utc(created), replies="",
                 fingerprints="", previous=None)  # fmt: skip


def load_rows(
    db: Database, site_langs: Sequence[str], *, since: dt.datetime | None = None, signal_days: int = 90
) -> _Rows:
    """Inquiries, then the site's signals (failed searches, not-helpful reasons) in the same languages."""
    rows = _Rows()
    with db.session() as s:
        q = select(
            Inquiry.id,
            Inquiry.text,
            Inquiry.lang,
            Inquiry.channel,
            Inquiry.created_at,
            Inquiry.reply,
            Inquiry.fingerprint,
            Inquiry.suggestion_id,
        ).order_by(Inquiry.id)
        if since is not None:
            q = q.where(Inquiry.created_at >= since)
        for i, text, lang, channel, created, reply, fp, sid in s.execute(q).yield_per(2000):
            rows.add(
                ids=i,
                texts=text,
                # A log has a handful of languages and channels: one string object each, not one per row.
                langs=sys.intern(lang),
                channels=sys.intern(channel),
                times=as_utc(created),
                replies=reply or "",
                fingerprints=fp or str(i),
                previous=sid,
            )
        cutoff = utcnow() - dt.timedelta(days=signal_days)
        failed = (
            select(SearchEvent.query, SearchEvent.lang, SearchEvent.created_at)
            .where(
                SearchEvent.created_at >= cutoff,
                SearchEvent.lang.in_(list(site_langs)),
                (SearchEvent.results == 0) | SearchEvent.clicked_position.is_(None),
            )
            .limit(20_000)
        )
        for text, lang, created in s.execute(failed):
            rows.add_signal(text, lang, "search", created)
        votes = (
            select(Vote.reason, Vote.lang, Vote.created_at)
            .where(
                Vote.helpful.is_(False),
                Vote.reason.is_not(None),
                Vote.created_at >= cutoff,
                Vote.lang.in_(list(site_langs)),
            )
            .limit(5_000)
        )
        for reason, lang, created in s.execute(votes):  # reason: never None here (the query's filter)
            rows.add_signal(reason, lang, "vote", created)
    return rows


def _fingerprint(rows: _Rows, members: np.ndarray) -> str:
    return hashlib.sha256("\n".join(sorted(rows.fingerprints[i] for i in members)).encode()).hexdigest()[:32]


def _match_previous(summaries: list[ClusterSummary], rows: _Rows, existing: dict[int, int]) -> dict[int, int]:
    """summary index -> suggestion id of the last run that it continues (most shared inquiries, >= half)."""
    pairs = []
    for n, s in enumerate(summaries):
        for sid, shared in Counter(rows.previous[i] for i in s.members if rows.previous[i] is not None).items():
            if sid in existing and shared * 2 >= min(len(s.members), existing[sid]):
                pairs.append((shared, n, sid))
    out, used = {}, set()
    for _shared, n, sid in sorted(pairs, reverse=True):
        if n not in out and sid not in used:
            out[n] = sid
            used.add(sid)
    return out


def mine(
    db: Database,
    help_center,
    *,
    config: MiningConfig = DEFAULT_CONFIG,
    since: dt.datetime | None = None,
    on_progress: OnProgress = no_progress,
) -> dict:
    """Cluster every stored inquiry and update the suggestions; returns counts for the report."""
    import time

    started = time.perf_counter()
    site_langs = help_center.articles.languages()
    on_progress("loading", 0.0)
    rows = load_rows(db, site_langs, since=since)
    counted = np.array([i is not None for i in rows.ids], bool)
    report: dict[str, Any] = {
        "inquiries": int(counted.sum()),
        "signals": int((~counted).sum()),
        "clusters": 0,
        "created": 0,
        "updated": 0,
        "removed": 0,
        "unclustered": 0,
    }
    if not counted.any():
        return report
    encoder = mining_encoder(help_center, prune=True)  # a full re-mine: vectors of deleted inquiries go
    extra = mining_extra(help_center, prune=True)
    clustering = cluster(rows.texts, rows.langs, encoder, config, on_progress, channels=rows.channels, extra=extra)
    on_progress("coverage", 0.0)
    docs = help_center.documents(answering=True)
    answering = None
    if encoder is not None:
        dense_langs = [lang for space in clustering.spaces if space.dense for lang in space.langs]
        answering = Answering.build(
            docs, dense_langs, encoder, config, stored=lambda lang: help_center.stored_vectors(encoder, lang)
        )
        split_by_answer(clustering, answering, config)
    on_progress("evidence", 0.0)
    summaries = summarize_asking(
        clustering,
        rows.texts,
        rows.langs,
        encoder,
        config,
        channels=rows.channels,
        times=rows.times,
        replies=rows.replies,
        counted=counted,
    )
    for s in summaries:  # site signals that fell into the cluster
        members = np.flatnonzero(clustering.labels == clustering.labels[s.members[0]])
        sig = Counter(rows.channels[i] for i in members if not counted[i])
        s.signals = {"failed_searches": sig.get("search", 0), "not_helpful": sig.get("vote", 0)}
    assess_coverage(summaries, docs, answering, config, search=help_center.search)
    inquiry_times = [t if c else None for t, c in zip(rows.times, counted, strict=True)]
    rank(summaries, inquiry_times, config)
    on_progress("saving", 0.0)
    report.update(_save(db, rows, summaries))
    report["clusters"] = len(summaries)
    clustered = sum(len(s.members) for s in summaries)
    report["unclustered"] = report["inquiries"] - clustered
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["dense_weights"] = clustering.dense_weights
    on_progress("done", 1.0)
    return report


def _save(db: Database, rows: _Rows, summaries: list[ClusterSummary]) -> dict:
    now = utcnow()
    created = updated = 0
    with db.session() as s:
        existing = dict(s.execute(select(Suggestion.id, Suggestion.size)).all())
        matched = _match_previous(summaries, rows, existing)
        assignment: dict[int, int] = {}
        for n, summary in enumerate(summaries):
            sug = s.get(Suggestion, matched[n]) if n in matched else None
            if sug is None:
                sug = Suggestion(fingerprint=_fingerprint(rows, summary.members), status="new", created_at=now)
                s.add(sug)
                created += 1
            else:
                updated += 1
            sug.coverage, sug.lang, sug.priority = summary.coverage, summary.lang, summary.priority
            sug.size, sug.recent, sug.score = len(summary.members), summary.recent, summary.score
            sug.title = summary.representative[:500]
            sug.titles = {lang: title[:500] for lang, title in summary.titles.items()}
            sug.langs, sug.channels, sug.weekly = summary.langs, summary.channels, summary.weekly
            sug.terms, sug.examples = summary.terms, [{**e, "text": e["text"][:1000]} for e in summary.examples]
            sug.draft_answer = summary.draft_answer
            sug.nearest, sug.coverage_score, sug.signals = summary.nearest, summary.coverage_score, summary.signals
            sug.mined_at = now
            s.flush()
            for i in summary.members:
                assignment[rows.ids[i]] = sug.id
        # Suggestions nobody acted on whose cluster is gone are dropped; acted-on ones stay as history.
        kept = set(assignment.values())
        stale = [sid for sid in existing if sid not in kept]
        removed = 0
        if stale:
            s.execute(update(Inquiry).where(Inquiry.suggestion_id.in_(stale)).values(suggestion_id=None))
            for sug in s.scalars(select(Suggestion).where(Suggestion.id.in_(stale), Suggestion.status == "new")):
                s.delete(sug)
                removed += 1
        changed = [
            {"id": iid, "suggestion_id": assignment.get(iid)}
            for iid, prev in zip(rows.ids, rows.previous, strict=True)
            if iid is not None and assignment.get(iid) != prev
        ]
        for start in range(0, len(changed), 5000):
            s.execute(update(Inquiry), changed[start : start + 5000])
    return {"created": created, "updated": updated, "removed": removed}


def import_and_mine(
    db: Database,
    help_center,
    path: str,
    *,
    secret: str,
    mapping: dict[str, str] | None = None,
    since: dt.datetime | None = None,
    on_progress: OnProgress = no_progress,
    config: MiningConfig = DEFAULT_CONFIG,
) -> dict:
    """Import a log (redacted, de-duplicated), then mine everything stored; the counts of both steps."""
    report = import_log(db, help_center, path, secret=secret, mapping=mapping, since=since, on_progress=on_progress)
    mined = mine(db, help_center, config=config, on_progress=on_progress)
    return {"import": report.as_dict(), "mine": mined}


def import_log(
    db: Database,
    help_center,
    path: str,
    *,
    secret: str,
    mapping: dict[str, str] | None = None,
    since: dt.datetime | None = None,
    on_progress: OnProgress = no_progress,
):
    """The import step of :func:`import_and_mine` (and of :func:`kb.mining.assign.import_and_assign`)."""
    import os

    from kb.mining.ingest import ingest
    from kb.mining.langdetect import LanguageDetector

    size = max(1, os.path.getsize(path))
    detector = LanguageDetector(help_center.articles.languages(), help_center.articles.default_lang)
    return ingest(
        db,
        path,
        secret=secret,
        mapping=mapping,
        since=since,
        detector=detector,
        on_bytes=lambda done: on_progress("importing", min(1.0, done / size)),
    )
