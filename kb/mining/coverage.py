"""Step 4, coverage and priority: the nearest published section of each cluster (answered, partly
answered or a gap) and the rank by how many inquiries a new answer would deflect."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from kb.mining.evidence import ClusterSummary
from kb.mining.features import embed
from kb.mining.model import MiningConfig
from search import Document, Encoder, analyzer_for, make_doc_id

log = logging.getLogger(__name__)

COVERAGE_FACTOR = {"gap": 1.0, "partial": 0.5, "answered": 0.1}


def _doc_terms(doc: Document) -> frozenset[str]:
    return frozenset(analyzer_for(doc.lang).term_list(doc.dense_text()))


StoredVectors = Callable[[str], "tuple[list[str], np.ndarray] | None"]


def assess_coverage(
    summaries: list[ClusterSummary],
    docs_by_lang: dict[str, list[Document]],
    encoder: Encoder | None,
    config: MiningConfig,
    search=None,
    stored: StoredVectors | None = None,
) -> None:
    """Nearest published article or section per cluster, how well it covers the cluster, and the verdict.

    Where the cluster lives in the dense space, the nearest is the section (or whole article) most
    similar on average to the cluster's central inquiries, and the score is their median cosine to
    it: a cluster whose inquiries are half about something else is not "answered" by an article
    that answers the other half. Elsewhere cosine over
    TF-IDF is no measure (README: it ranks the right article below others), so the nearest is
    what the help center's own search returns for the cluster's central examples, and the score
    is the share of the cluster's key terms that the article contains.

    ``stored(lang)`` gives the index's own vectors of the mining model, ``(doc ids, rows)``, when
    it has them: then no document is embedded again (only a language the index lacks them for is).
    """
    docs_by_lang = {lang: [d for d in docs if d.status == "published"] for lang, docs in docs_by_lang.items()}
    by_id = {d.id: d for docs in docs_by_lang.values() for d in docs}
    dense_cache: dict[str, tuple[list[Document], np.ndarray]] = {}
    for summary in summaries:
        docs = docs_by_lang.get(summary.lang)
        if not docs:
            continue
        if summary.dense and encoder is not None:
            if summary.lang not in dense_cache:
                dense_cache[summary.lang] = _doc_vectors(summary.lang, docs, by_id, encoder, config, stored)
            rows_docs, matrix = dense_cache[summary.lang]
            sims = summary.vectors @ matrix.T  # central members x documents
            best = int(np.argmax(sims.mean(axis=0)))
            doc, score = rows_docs[best], float(np.median(sims[:, best]))
            answered, partial = config.answered[0], config.partial[0]
        else:
            found = _searched_nearest(summary, search, by_id) if search is not None else None
            if found is None:
                continue
            doc, agreement = found
            whole = by_id.get(make_doc_id(doc.lang, doc.article), doc)
            keys = [t for t, _ in summary.term_keys]
            score = (agreement + sum(t in _doc_terms(whole) for t in keys) / max(len(keys), 1)) / 2
            answered, partial = config.answered[1], config.partial[1]
        summary.nearest = {
            "lang": doc.lang,
            "slug": doc.article,
            "anchor": doc.anchor,
            "title": doc.title,
            "section": doc.section,
            "score": round(score, 3),
        }
        summary.coverage_score = round(score, 3)
        summary.coverage = "answered" if score >= answered else "partial" if score >= partial else "gap"


def _doc_vectors(
    lang: str,
    docs: list[Document],
    by_id: dict[str, Document],
    encoder: Encoder,
    config: MiningConfig,
    stored: StoredVectors | None,
) -> tuple[list[Document], np.ndarray]:
    """The published documents of ``lang`` and their unit vectors: the index's when it has them, else embedded."""
    found = stored(lang) if stored is not None else None
    if found is not None:
        ids, matrix = found
        keep = [i for i, doc_id in enumerate(ids) if doc_id in by_id]
        if keep:
            return [by_id[ids[i]] for i in keep], matrix[keep]
    return docs, embed(encoder, [d.dense_text() for d in docs], config)


def _searched_nearest(summary: ClusterSummary, search, by_id: dict[str, Document]) -> tuple[Document, float] | None:
    """The section the help center's search ranks first most often for the cluster's central examples,
    and the share of those examples whose first hit is that article."""
    votes: dict[str, float] = {}
    firsts: Counter[str] = Counter()
    examples = [e["text"] for e in summary.examples if e["lang"] == summary.lang][:5]
    for example in examples:
        try:
            hits = search(example, summary.lang, limit=3, fallback=False).hits
        except Exception as exc:  # noqa: BLE001 - no index yet: coverage unknown, mining goes on
            log.warning("coverage search failed: %s", exc)
            return None
        for rank_, hit in enumerate(hits):
            doc_id = make_doc_id(hit.lang, hit.article, hit.anchor)
            votes[doc_id] = votes.get(doc_id, 0.0) + 1.0 / (rank_ + 1)
        if hits:
            firsts[hits[0].article] += 1
    for doc_id, _ in sorted(votes.items(), key=lambda kv: kv[1], reverse=True):  # ties: first seen first
        if doc_id in by_id:
            doc = by_id[doc_id]
            return doc, firsts[doc.article] / max(len(examples), 1)
    return None


def rank(
    summaries: list[ClusterSummary],
    times: Sequence[dt.datetime | None] | None,
    config: MiningConfig,
    now: dt.datetime | None = None,
) -> None:
    """Score = recency-weighted size (plus site signals) x how uncovered the question is."""
    known = [t for t in (times or []) if t is not None]
    newest = now or (max(known) if known else None)
    for s in summaries:
        if newest is not None and times is not None:
            ages = np.array(
                [(newest - times[i]).total_seconds() / 86400 if times[i] else config.half_life_days for i in s.members]
            )
            weight = float(np.sum(0.5 ** (np.maximum(ages, 0) / config.half_life_days)))
            s.recent = int(np.sum(ages <= 30))
        else:
            weight = float(len(s.members))
            s.recent = len(s.members)
        signal = s.signals.get("failed_searches", 0) + 2 * s.signals.get("not_helpful", 0)
        s.score = round((weight + 0.5 * signal) * COVERAGE_FACTOR[s.coverage], 3)
    summaries.sort(key=lambda s: (-s.score, -len(s.members)))
