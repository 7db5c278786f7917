"""Step 4, coverage and priority: the nearest published section of each cluster (answered, partly
answered or a gap) and the rank by how many inquiries a new answer would deflect."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from kb.mining.evidence import ClusterSummary
from kb.mining.features import embed
from kb.mining.model import Clustering, MiningConfig, SharedRows, Space
from search import Document, Encoder, analyzer_for, make_doc_id

log = logging.getLogger(__name__)

COVERAGE_FACTOR = {"gap": 1.0, "partial": 0.5, "answered": 0.1}


def _doc_terms(doc: Document) -> frozenset[str]:
    return frozenset(analyzer_for(doc.lang).term_list(doc.dense_text()))


StoredVectors = Callable[[str], "dict[str, np.ndarray] | None"]  # lang -> {document content hash: vector}


def assess_coverage(
    summaries: list[ClusterSummary],
    docs_by_lang: dict[str, list[Document]],
    answering: Answering | None,
    config: MiningConfig,
    search=None,
) -> None:
    """Nearest published article or section per cluster, how well it covers the cluster, and the verdict.

    Where the cluster lives in the dense space, the nearest is the section (or whole article) most
    similar on average to the cluster's central inquiries, and the score is their median similarity
    to it: a cluster whose inquiries are half about something else is not "answered" by an article
    that answers the other half. The verdict compares the score with the help center's reference
    (:func:`_reference`, kept in ``nearest``): how near a cosine has to come to count as the same
    question depends on the model and on how alike the help center's articles are, and the
    articles' own questions measure it. An inquiry's similarity to a section weighs its cosine to the
    section's text twice and its cosine to the nearest of the article's own questions (title and
    front-matter ``questions``, encoded as questions) once: a question compared with a question is
    a sharper signal than with a passage, while the passage still tells the sections apart (measured:
    README "Mining"). Elsewhere cosine over
    TF-IDF is no measure (README: it ranks the right article below others), so the nearest is
    what the help center's own search returns for the cluster's central examples, and the score
    is the share of the cluster's key terms that the article contains.

    ``answering``: the help center in the mining model's space (:meth:`Answering.build`, the same
    the clusters were split by); None without a model.
    """
    docs_by_lang = _published(docs_by_lang)
    by_id = {d.id: d for docs in docs_by_lang.values() for d in docs}
    for summary in summaries:
        docs = docs_by_lang.get(summary.lang)
        if not docs:
            continue
        if summary.dense and answering is not None and summary.lang in answering.by_lang:
            dense = answering.by_lang[summary.lang]
            sims = dense.similarity(summary.vectors)  # members x documents
            best = int(np.argmax(sims.mean(axis=0)))
            doc, score = dense.docs[best], float(np.median(sims[:, best]))
            reference = answering.reference
            answered, partial = reference + config.answered, reference + config.partial
            shown: float | None = reference
        else:
            found = _searched_nearest(summary, search, by_id) if search is not None else None
            if found is None:
                continue
            doc, agreement = found
            whole = by_id.get(make_doc_id(doc.lang, doc.article), doc)
            keys = [t for t, _ in summary.term_keys]
            score = (agreement + sum(t in _doc_terms(whole) for t in keys) / max(len(keys), 1)) / 2
            shown, answered, partial = None, config.answered_terms, config.partial_terms
        summary.nearest = {
            "lang": doc.lang,
            "slug": doc.article,
            "anchor": doc.anchor,
            "title": doc.title,
            "section": doc.section,
            "score": round(score, 3),
        }
        if shown is not None:
            summary.nearest["reference"] = round(shown, 3)
        summary.coverage_score = round(score, 3)
        summary.coverage = "answered" if score >= answered else "partial" if score >= partial else "gap"


PASSAGE_WEIGHT = 2 / 3  # of an inquiry's similarity to a section; the rest: to the article's nearest question
MIN_REFERENCE = 5  # questions the reference needs; with fewer, REFERENCE_FALLBACK
REFERENCE_FALLBACK = 0.88  # e5-small's reference on the demo help center (0.878-0.889 in each of its languages)


@dataclass(frozen=True)
class _DenseDocs:
    """One language's published sections in the model's space: their passage vectors, and the
    vectors of their articles' own questions with the article each asks about."""

    docs: list[Document]
    passages: np.ndarray  # one unit row per document
    questions: np.ndarray  # one unit row per question (query-encoded)
    article_of_question: np.ndarray  # int: the article (0..articles-1) each question asks about
    article_of_doc: np.ndarray  # int: the article of each document
    own: np.ndarray  # each question's cosine to the nearest passage of its own article

    def similarity(self, vectors: np.ndarray) -> np.ndarray:
        """Inquiries x documents: :data:`PASSAGE_WEIGHT` of the cosine to the passage, the rest of
        the cosine to the nearest question of the document's article."""
        sims = vectors @ self.passages.T
        if not len(self.questions):
            return sims
        nearest = np.full((len(vectors), int(self.article_of_doc.max()) + 1), -1.0, dtype=np.float32)
        # each article's column keeps the best of its questions' columns (.T: ufunc.at indexes rows)
        np.maximum.at(nearest.T, self.article_of_question, self.questions @ vectors.T)
        return PASSAGE_WEIGHT * sims + (1 - PASSAGE_WEIGHT) * nearest[:, self.article_of_doc]


def _dense_docs(
    lang: str,
    docs: list[Document],
    encoder: Encoder,
    config: MiningConfig,
    stored: StoredVectors | None,
) -> _DenseDocs:
    """The published documents of ``lang`` with their passage vectors (the index's where it embedded
    the same text, else embedded now) and their articles' questions, embedded."""
    found = (stored(lang) if stored is not None else None) or {}
    known = {i: v for i, d in enumerate(docs) if (v := found.get(d.content_hash())) is not None}
    todo = [i for i in range(len(docs)) if i not in known]
    if todo:
        known.update(zip(todo, embed(encoder, [docs[i].dense_text() for i in todo], config), strict=True))
    passages = np.stack([known[i] for i in range(len(docs))]).astype(np.float32, copy=False)
    articles: dict[str, int] = {}
    asks: dict[tuple[int, str], None] = {}  # (article, question), in order, each once
    for doc in docs:
        a = articles.setdefault(doc.article, len(articles))
        for question in doc.asked():  # the whole article's: its title and front-matter questions
            asks[(a, question)] = None
    questions = embed(encoder, [q for _, q in asks], config, queries=True) if asks else np.zeros((0, 1))
    article_of_question = np.array([a for a, _ in asks], dtype=np.int64)
    article_of_doc = np.array([articles[d.article] for d in docs], dtype=np.int64)
    docs_of: dict[int, list[int]] = {}
    for d, a in enumerate(article_of_doc.tolist()):
        docs_of.setdefault(a, []).append(d)
    own = np.array(
        [(passages[docs_of[a]] @ q).max() for q, a in zip(questions, article_of_question.tolist(), strict=True)]
    )
    return _DenseDocs(docs, passages, questions, article_of_question, article_of_doc, own)


def _reference(own: Sequence[np.ndarray]) -> float:
    """The median of every language's :attr:`_DenseDocs.own`: what "asks what this article answers"
    looks like in this model and help center (StackFAQ's articles, all about one site: 0.92-0.93;
    the demo's, in five languages: 0.88). Each language alone moved little (0.878-0.889 in the
    demo) and split its answered and unanswered clusters worse than one reference for all did."""
    pooled = np.concatenate([np.zeros(0), *own])
    return float(np.median(pooled)) if len(pooled) >= MIN_REFERENCE else REFERENCE_FALLBACK


@dataclass(frozen=True)
class Answering:
    """What the help center answers in the mining model's space: each language's published
    sections (:class:`_DenseDocs`) and the reference similarity (:func:`_reference`), built once a
    run for both the split and the verdicts."""

    by_lang: dict[str, _DenseDocs]
    reference: float

    @classmethod
    def build(
        cls,
        docs_by_lang: dict[str, list[Document]],
        langs: Iterable[str],
        encoder: Encoder,
        config: MiningConfig,
        stored: StoredVectors | None = None,
    ) -> Answering:
        """The published documents of ``langs`` (those that have any), embedded, or read from
        ``stored(lang)``: the index's own vectors of the mining model by content hash, so a document
        the index embedded as it is here is not embedded again."""
        published = _published(docs_by_lang)
        by_lang = {
            lang: _dense_docs(lang, published[lang], encoder, config, stored)
            for lang in sorted(set(langs))
            if published.get(lang)
        }
        return cls(by_lang, _reference([d.own for d in by_lang.values()]))


def _published(docs_by_lang: dict[str, list[Document]]) -> dict[str, list[Document]]:
    return {lang: [d for d in docs if d.status == "published"] for lang, docs in docs_by_lang.items()}


def split_by_answer(clustering: Clustering, answering: Answering, config: MiningConfig) -> int:
    """Split off the inquiries of a cluster that one article answers and the rest of it does not;
    returns how many groups were split off (``clustering.labels`` is changed in place).

    A cluster can hold several neighbouring questions (StackFAQ's paraphrases cluster about three
    threads of one topic together), and one verdict cannot be right for all of them: the article
    that answers one would call the cluster answered, or the rest would call it a gap. Each
    inquiry of a dense space is scored against every article of its own language (the best of
    its sections, as the verdict scores them); those whose best article answers them (within
    ``config.answered`` of the reference) form that article's group, largest first, and a group of
    at least ``min_size`` is split off when at least ``min_size`` inquiries stay and the article
    does not answer them (their median is below ``config.partial``). A cluster of one need, whose
    phrasings find different sections or neighbouring articles, stays whole: the rest is answered
    by the same article, or no article answers its members (measured: README "Mining")."""
    labels = clustering.labels
    next_label = int(labels.max()) + 1 if len(labels) else 0
    split = 0
    for space in clustering.spaces:
        if not space.dense or space.raw is None:
            continue
        scored = _article_scores(space, space.raw, clustering.lang_rows, answering, config)
        if scored is None:
            continue
        scores, best, answered = scored
        own = labels[space.rows]
        for label in np.unique(own[own >= 0]).tolist():
            rest = np.flatnonzero(own == label)
            for article, n in Counter(best[rest[answered[rest]]].tolist()).most_common():
                if n < config.min_size:
                    break  # the rest are smaller still
                group = rest[(best[rest] == article) & answered[rest]]
                others = rest[(best[rest] != article) | ~answered[rest]]
                if len(others) < config.min_size:
                    continue
                if np.median(scores[others, article]) >= config.partial:
                    continue  # the article answers the rest too: one need
                labels[space.rows[group]] = next_label
                next_label += 1
                split += 1
                rest = others
    return split


def _article_scores(
    space: Space,
    raw: np.ndarray | SharedRows,
    lang_rows: dict[str, np.ndarray],
    answering: Answering,
    config: MiningConfig,
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Each row of ``space`` (``raw``: its model's own vectors): its score to every article
    (columns by slug across the languages; the best of the article's sections in the row's
    language, less the reference; -inf where its language lacks the article), its best article,
    and whether that one answers it; None where no language of the space has articles."""
    langs = [lang for lang in space.langs if lang in answering.by_lang and lang in lang_rows]
    if not langs:
        return None
    slugs = sorted({d.article for lang in langs for d in answering.by_lang[lang].docs})
    column = {slug: i for i, slug in enumerate(slugs)}
    scores = np.full((len(space.rows), len(slugs)), -np.inf, np.float32)
    for lang in langs:
        dense = answering.by_lang[lang]
        where = np.searchsorted(space.rows, lang_rows[lang])  # space.rows ascends
        order = np.argsort(dense.article_of_doc, kind="stable")  # each article's sections together
        starts = np.flatnonzero(np.r_[True, np.diff(dense.article_of_doc[order]) != 0])
        columns = np.array([column[dense.docs[order[s]].article] for s in starts.tolist()], dtype=np.int64)
        for start in range(0, len(where), _BLOCK):
            rows = where[start : start + _BLOCK]
            sims = dense.similarity(np.asarray(raw[rows], dtype=np.float32))[:, order]
            scores[np.ix_(rows, columns)] = np.maximum.reduceat(sims, starts, axis=1)
    scores -= answering.reference
    best = scores.argmax(axis=1)
    return scores, best, scores[np.arange(len(best)), best] >= config.answered


_BLOCK = 8192  # rows scored at once: the rows x sections similarities, ~10 MB a block for 300 sections


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
