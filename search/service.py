"""SearchService.search(): the one seam between the help center and how text is found.

A query flows: clean -> analyze (language's analyzer) -> spelling check -> lexical BM25F
candidates and, in parallel, the query embedding -> dense candidates -> both lists collapsed
to articles -> weighted reciprocal-rank fusion -> snippets -> other languages when the
requested one has no answer.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypedDict, Unpack

import numpy as np
import numpy.typing as npt

from .analysis import Analyzer, analyzer_for
from .answer import quote
from .documents import Answer, Hit, SearchResult, article_of, is_section, make_doc_id, parse_doc_id
from .embeddings import EmbeddingUnavailable, Encoder
from .fusion import RRF_K, convex, rrf
from .lexical import IndexUnavailable, LexicalMatch
from .query import MAX_CHARS, MAX_TERMS, clean
from .snippets import snippet
from .store import Generation, IndexStore
from .vectors import VectorStore, unit

log = logging.getLogger(__name__)

# The relevance floor, measured on tor-support and gnome-help titles against each other's corpus as
# out-of-domain queries (python -m kb.evaluation.eval search --distractors; README, "Honest answers").
COVERAGE_DOCS = 3  # lexical-only evidence: the query's share found in the best few articles together
LEXICAL_FLOOR = 0.3  # without a dense signal: the share of the query's IDF weight the best articles must hold
DENSE_FLOOR_WEIGHT = 8.0  # a cosine point above the language's centre weighs as much as 8 of lexical coverage
HYBRID_FLOOR = 0.0

Mode = Literal["hybrid", "lexical", "dense"]


class _RankOptions(TypedDict):
    """The options of one search that every ranking of it shares (see :meth:`SearchService._rank`)."""

    category: str | None
    limit: int
    statuses: tuple[str, ...]
    explain: bool
    mode: Mode


@dataclass(frozen=True)
class SearchConfig:
    max_chars: int = MAX_CHARS
    max_terms: int = MAX_TERMS
    candidates: int = 50  # per side, before fusion
    fusion: str = "convex"  # or "rrf" (weighted reciprocal rank)
    rrf_k: int = RRF_K
    dense_scale: float = 2.0  # the dense lists' weight together (lexical: 1) in a language the models read fully
    fallback_below: int = 1  # look in other languages when fewer hits than this
    spelling_min_len: int = 4
    correction_factor: float = 0.6  # corrected words count this much of an exact one
    dense_min_similarity: float = 0.25  # below this cosine a dense-only candidate is noise
    cross_language: bool = True  # with a multilingual model, match every published language
    fallback_lang: str = "en"  # the site's default language: where an untranslated article is read
    # Share of the question's (rarity-weighted) terms a direct answer's quote must hold: on XQuAD the
    # answer lies in 80% of the quotes scoring 0.4-0.6 and in 88-96% above (python -m kb.evaluation.eval answer).
    answer_min_coverage: float = 0.6
    answer_max_chars: int = 400
    relevance_floor: bool = True  # say "nothing relevant" below the language's calibrated floor


@dataclass
class _Candidate:
    doc_id: str
    article: str
    rank: int
    score: float
    fields: dict[str, Any] | None = None  # Whoosh's stored fields
    lang: str = ""  # the language the hit is read in
    evidence: float | None = None  # what the relevance floor weighs, when not the score (_dense)


@dataclass
class _Ranked:
    hits: list[Hit]
    dense_used: bool
    confidence: dict[str, float]  # the best dense cosine, the top lexical match's share of the query
    cross_language: bool
    answer: Answer | None = None  # the quote from the first hit's section (in the reader's language)


class SearchService:
    """Hybrid search over an :class:`IndexStore`; thread-safe, one per process."""

    def __init__(self, store: IndexStore, encoder: Encoder | None = None, config: SearchConfig | None = None):
        self.store = store
        self.encoder = encoder
        self.config = config or SearchConfig()

    def _extras(self, gen: Generation, lang: str) -> list[tuple[int, Encoder, float]]:
        """(slot, encoder, that model's weight in ``lang``) for each extra model the index has vectors of."""
        out = []
        for slot, enc in enumerate(self.store.extra_encoders, start=1):
            info = gen.model_info(slot)
            w = info.get("langs", {}).get(lang, {}).get("dense_weight", 0.0)
            if w > 0 and info.get("id") == enc.model_id and not info.get("deferred"):
                out.append((slot, enc, w))
        return out

    def search(
        self,
        query: str | None,
        lang: str,
        *,
        category: str | None = None,
        limit: int = 10,
        statuses: tuple[str, ...] = ("published",),
        fallback: bool = True,
        explain: bool = False,
        mode: Mode = "hybrid",
    ) -> SearchResult:
        """Search for a reader of ``lang``; other languages join as the model allows. Raises IndexUnavailable."""
        cq = clean(query, self.config.max_chars)
        result = SearchResult(query=cq.text, lang=lang, hits=[], truncated=cq.truncated)
        if not cq.text:
            return result
        gen = self.store.current()
        kw: _RankOptions = {
            "category": category,
            "limit": limit,
            "statuses": statuses,
            "explain": explain,
            "mode": mode,
        }
        suggestion, extra, replaced = (
            self._spelling(gen, lang, cq.text, statuses) if lang in gen.langs else (None, {}, set())
        )
        result.suggestion = suggestion
        ranked = self._rank(gen, lang, cq.text, extra=extra, replaced=replaced, **kw)
        if not ranked.hits and suggestion:
            ranked = self._rank(gen, lang, suggestion, **kw)
            result.corrected = bool(ranked.hits)
        result.hits, result.dense_used, result.confidence = ranked.hits, ranked.dense_used, ranked.confidence
        relevant = bool(ranked.hits) and self._relevant(gen, lang, ranked)
        if fallback and len(result.hits) < self.config.fallback_below and not ranked.cross_language:
            # A model that cannot match across languages: look for the words themselves elsewhere.
            more, more_relevant = self._other_languages(gen, lang, cq.text, {h.article for h in result.hits}, **kw)
            result.hits += more
            relevant = relevant or more_relevant
        # A reader's language with no articles has no calibration and no keywords to weigh: no floor.
        if self.config.relevance_floor and result.hits and not relevant and lang in gen.langs:
            result.below_floor, result.hits = result.hits, []
        elif (
            ranked.answer is not None
            and result.hits
            and result.hits[0].article == ranked.answer.article
            and ranked.answer.score >= self.config.answer_min_coverage
        ):
            result.answer = ranked.answer
        result.fallback_used = any(h.fallback for h in result.hits)
        return result

    # -- one query -------------------------------------------------------------------------
    def _rank(
        self,
        gen: Generation,
        lang: str,
        text: str,
        *,
        category: str | None,
        limit: int,
        statuses: tuple[str, ...],
        explain: bool,
        mode: Mode,
        extra: dict[str, float] | None = None,
        replaced: Collection[str] = frozenset(),
        cross: bool = True,
    ) -> _Ranked:
        in_index = lang in gen.langs
        analyzer = analyzer_for(lang)
        terms = list(dict.fromkeys(analyzer.term_list(text)))[: self.config.max_terms]
        lex_weight = 0.0 if mode == "dense" or not in_index else 1.0
        if mode == "lexical":
            weight = 0.0
        elif mode == "dense":
            weight = 1.0 if self._model_matches(gen) else 0.0
        else:
            weight = self._dense_weight(gen, lang)
        cross = cross and weight > 0 and self.config.cross_language and self._multilingual(gen)
        if not (terms or extra) and weight == 0:
            return _Ranked([], False, {}, cross)  # nothing searchable ("?*", punctuation): a clear empty answer
        extras = self._extras(gen, lang) if weight > 0 and mode == "hybrid" and lang in gen.langs else []
        dense_c: dict[str, _Candidate] = {}
        second: list[tuple[float, dict[str, _Candidate]]] = []
        if weight > 0 and self.encoder is not None:
            # The models encode on this thread, one after the other: their OpenMP threads already
            # fill the cores, and overlapping them with each other or with Whoosh's Python made every
            # part wait (2 cores, 10k documents: hybrid p50 15.3 -> 11.6 ms, README).
            try:
                dense_c = self._dense(gen, lang, self.encoder.encode_query(text), category, statuses, cross=cross)
                # The dense share is split among the models that read this language, by how well each does.
                total = 1.0 + sum(w for _, _, w in extras)
                second = [
                    (
                        weight * w / total,
                        self._dense_one(gen.vector_store(slot), lang, enc.encode_query(text), category, statuses),
                    )
                    for slot, enc, w in extras
                ]
                weight = weight / total
            except EmbeddingUnavailable as exc:
                log.warning("dense search off: %s", exc)
        li = gen.lexical(lang) if in_index else None
        lex: list[LexicalMatch] = []
        if li is not None and lex_weight > 0 and (terms or extra):
            # Articles are ranked as wholes: short sections would win on length normalisation alone.
            lex = li.search(
                terms, limit=self.config.candidates, category=category, statuses=statuses, extra=extra, kind="article"
            )
        lex_c = _collapse((m.id, m.score, m.fields) for m in lex)
        evidence = [t for t in terms if t not in replaced] + list(extra or ())
        confidence = {
            "dense": round(
                max((c.score if c.evidence is None else c.evidence for c in dense_c.values()), default=0.0), 4
            ),
            "lexical": round(li.coverage(evidence, [m.id for m in lex[:1]]), 4) if li else 0.0,
            "lexical_any": round(li.coverage(evidence, [m.id for m in lex[:COVERAGE_DOCS]]), 4) if li else 0.0,
        }
        if self.config.fusion == "convex":
            fused = convex(
                [
                    (lex_weight, [(a, c.score) for a, c in lex_c.items()]),
                    (weight, _dense_scores(dense_c)),
                    *[(w, _dense_scores(c)) for w, c in second],
                ]
            )[:limit]
        else:
            fused = rrf(
                [(lex_weight, list(lex_c)), (weight, list(dense_c)), *[(w, list(c)) for w, c in second]],
                k=self.config.rrf_k,
            )[:limit]
        if not fused:
            return _Ranked([], bool(dense_c), confidence, cross)
        # An article only an extra model found is read where that model found it (the reader's language).
        found_c = dict(dense_c)
        for _, c in second:
            for a, cand in c.items():
                found_c.setdefault(a, cand)
        hits, first_body = self._hits(
            gen,
            lang,
            analyzer,
            fused,
            terms=terms,
            extra=extra,
            lex_c=lex_c,
            dense_c=found_c,
            statuses=statuses,
            explain=explain,
            lex_weight=lex_weight,
            weight=weight,
        )
        answer = None
        if hits and not hits[0].fallback and first_body:
            q = quote(text, first_body, analyzer, max_sentences=3, max_chars=self.config.answer_max_chars)
            if q is not None:
                h = hits[0]
                answer = Answer(h.lang, h.article, h.title, h.anchor, h.section, q.text, q.score)
        return _Ranked(hits, bool(dense_c), confidence, cross, answer)

    def _hits(
        self,
        gen: Generation,
        lang: str,
        analyzer: Analyzer,
        fused: list[tuple[str, float]],
        *,
        terms: list[str],
        extra: dict[str, float] | None,
        lex_c: dict[str, _Candidate],
        dense_c: dict[str, _Candidate],
        statuses: tuple[str, ...],
        explain: bool,
        lex_weight: float,
        weight: float,
    ) -> tuple[list[Hit], str]:
        """Fused articles -> hits, each pointing at its best section in the language it is read in,
        and the text of the first hit's section (where a direct answer is quoted from)."""
        li = gen.lexical(lang) if lang in gen.langs else None
        own = [a for a, _ in fused if a in lex_c or (a in dense_c and dense_c[a].lang == lang)]
        sections = (
            _collapse(
                (m.id, m.score, m.fields)
                for m in li.search(
                    terms, limit=len(fused) * 8, statuses=statuses, extra=extra, kind="section", articles=own
                )
            )
            if li is not None and own and (terms or extra)
            else {}
        )
        targets: dict[str, _Candidate] = {}
        for a, _ in fused:
            d = dense_c.get(a)
            if a in lex_c or (d is not None and d.lang == lang):
                target = sections.get(a) or _section_of(d) or lex_c.get(a) or d
            else:
                target = d  # only found in another language: read there
            assert target is not None  # every fused article is in lex_c or dense_c
            targets[a] = target
        need: dict[str, list[str]] = {}
        for t in targets.values():
            if t.fields is None:
                need.setdefault(t.lang or lang, []).append(t.doc_id)
        stored: dict[str, Mapping[str, Any]] = {}
        for other, ids in need.items():
            stored.update(gen.lexical(other).stored(ids))
        match_terms = set(terms) | set(extra or ())
        hits: list[Hit] = []
        first_body = ""
        for art, score in fused:
            target = targets[art]
            fields = target.fields or stored.get(target.doc_id)
            if fields is None:  # vectors and lexicon disagree for a moment during an update
                continue
            hit_lang = target.lang or lang
            hit = Hit(
                lang=hit_lang,
                article=art,
                title=fields.get("title", ""),
                anchor=fields.get("anchor", ""),
                section=fields.get("section", ""),
                category=fields.get("category", ""),
                summary=fields.get("summary", ""),
                score=round(score, 6),
                fallback=hit_lang != lang,
                snippet=snippet(fields.get("body", ""), analyzer_for(hit_lang), match_terms),
            )
            if explain:
                hit.explain = self._explain(
                    gen,
                    lang,
                    target.doc_id,
                    terms,
                    lex=lex_c.get(art),
                    dense=dense_c.get(art),
                    lex_weight=lex_weight,
                    dense_weight=weight,
                )
            if not hits:
                first_body = fields.get("body", "")
            hits.append(hit)
        return hits, first_body

    def _relevant(self, gen: Generation, lang: str, ranked: _Ranked) -> bool:
        """Does the best answer clear the language's floor? (README: "Honest answers")

        Evidence is the share of the query's IDF weight the top article holds (lexical) plus how far
        the best cosine lies above the language's calibrated centre (dense), so strong evidence on
        one side carries a weak other side. Without calibrated vectors, lexical evidence alone: the
        share held by the best few articles together (a query may span two of them).
        """
        conf = ranked.confidence
        center = self._calibrated(gen, lang, "dense_center") if ranked.dense_used else None
        if center is None:
            return conf.get("lexical_any", 0.0) >= LEXICAL_FLOOR
        score = conf.get("lexical", 0.0) + DENSE_FLOOR_WEIGHT * (conf.get("dense", 0.0) - center)
        return score >= HYBRID_FLOOR

    def _calibrated(self, gen: Generation, lang: str, key: str) -> float | None:
        """One of the language's calibrated statistics (store._calibrate): of its cosines within the
        language (``dense_center``, ``dense_spread``) or across (``..._cross``)."""
        centers: dict[str, float | None] = {o: (gen.lang_info(o).get("floor") or {}).get(key) for o in gen.langs}
        if centers.get(lang) is not None:
            return centers[lang]
        known = [c for c in centers.values() if c is not None]  # a reader's language with no articles
        return sum(known) / len(known) if known else None

    def _model_matches(self, gen: Generation) -> bool:
        # Vectors from another model than the one encoding queries would be meaningless.
        model: dict[str, Any] = gen.manifest.get("model") or {}
        return self.encoder is not None and bool(model) and model.get("id") == self.encoder.model_id

    def _multilingual(self, gen: Generation) -> bool:
        return bool((gen.manifest.get("model") or {}).get("multilingual"))

    def _dense_weight(self, gen: Generation, lang: str) -> float:
        if not self._model_matches(gen):
            return 0.0
        if lang not in gen.langs:  # a reader's language with no articles: the model may still read it
            return self.config.dense_scale if self._multilingual(gen) else 0.0
        weight: float = gen.lang_info(lang).get("dense_weight", 0.0)
        return weight * self.config.dense_scale

    def _dense_one(
        self,
        vectors: VectorStore,
        lang: str,
        qvec: npt.NDArray[np.float32],
        category: str | None,
        statuses: tuple[str, ...],
    ) -> dict[str, _Candidate]:
        """One language's nearest documents in one vector store, best per article."""
        vs = vectors.read(lang)
        if vs is None:
            return {}
        top = vs.top(qvec, self.config.candidates, vs.mask(statuses, category))
        return _collapse((did, sim, None) for did, sim in top if sim >= self.config.dense_min_similarity)

    def _dense(
        self,
        gen: Generation,
        lang: str,
        qvec: npt.NDArray[np.float32],
        category: str | None,
        statuses: tuple[str, ...],
        *,
        cross: bool,
    ) -> dict[str, _Candidate]:
        """Nearest documents, best per article; across every language the model reads when ``cross``.

        An article's score is its best cosine in any language (its translations pool their
        evidence: a partial or clumsy translation is still found through its source), and it is
        read in the reader's language whenever it exists there.
        """
        langs = [lang] if lang in gen.langs else []
        if cross:
            langs += [o for o in gen.langs if o != lang and gen.lang_info(o).get("dense_weight", 0.0) > 0]
        found: list[tuple[float, float, str, str]] = []  # (score, evidence, doc id, language)
        present: set[str] = set()
        in_fallback: set[str] = set()  # articles of the fallback language (shown when the reader's has none)
        # Plain cosines across languages run lower than within one (e5 rewards shared words): the
        # relevance floor's evidence lifts them by the measured gap between the two centres. For
        # ranking, each side's language mean is taken away first (store._calibrate), which leaves
        # meaning; those centred cosines are mapped onto the reader's own scale by their calibrated
        # centre and spread. They are not evidence of relevance: the mean they lose is also what
        # any help-center question shares with the articles, so an off-topic one would pass.
        same = self._calibrated(gen, lang, "dense_center")
        plain_across = self._calibrated(gen, lang, "dense_center_cross")
        across = self._calibrated(gen, lang, "centred_center_cross")
        spread = self._calibrated(gen, lang, "dense_spread")
        spread_across = self._calibrated(gen, lang, "centred_spread_cross")
        lift = same - plain_across if same is not None and plain_across is not None else 0.0
        reader_mean = gen.query_mean(lang) if len(langs) > (lang in gen.langs) else None
        # The reader's centred query, and the line that maps its centred cosines onto the reader's scale.
        # Uncalibrated (no language with both documents and titles to measure): as they come.
        centring: tuple[npt.NDArray[np.float32], float, float] | None = None
        if reader_mean is not None:
            scale = spread / spread_across if spread and spread_across else 1.0
            intercept = same - across * scale if same is not None and across is not None else 0.0
            centring = unit(qvec - reader_mean), intercept, scale
        for other in langs:
            vs = gen.vectors.read(other)
            if vs is None:
                continue
            allowed = vs.mask(statuses, category)
            if other == lang:
                present = vs.articles(allowed)
            elif other == self.config.fallback_lang:
                in_fallback = vs.articles(allowed)
            if other != lang and centring is not None:
                centred_q, intercept, scale = centring
                top = vs.top(centred_q, self.config.candidates, allowed, centred=True)
                plain = vs.cosines(qvec, [did for did, _ in top])
                found += [
                    (intercept + sim * scale, float(cos) + lift, did, other)
                    for (did, sim), cos in zip(top, plain, strict=True)
                ]
                continue
            bonus = 0.0 if other == lang else lift
            found += [
                (sim + bonus, sim + bonus, did, other)
                for did, sim in vs.top(qvec, self.config.candidates, allowed)
                if sim >= self.config.dense_min_similarity
            ]
        found.sort(key=lambda t: (-t[0], t[3] != lang))  # on a tie the reader's own language first
        out: dict[str, _Candidate] = {}
        for sim, evidence, did, other in found:
            article = article_of(did)
            best = out.get(article)
            if best is None:
                doc_id, shown = did, other
                if other != lang and article in present:
                    doc_id, shown = make_doc_id(lang, article), lang  # read it in the reader's language
                elif other not in (lang, self.config.fallback_lang) and article in in_fallback:
                    # Shown as the article page will show it: in the site's fallback language.
                    doc_id, shown = make_doc_id(self.config.fallback_lang, article), self.config.fallback_lang
                out[article] = _Candidate(doc_id, article, len(out) + 1, sim, None, shown, evidence)
            else:
                best.evidence = max(best.evidence if best.evidence is not None else best.score, evidence)
                if other == lang and best.doc_id == make_doc_id(lang, article) and is_section(did):
                    best.doc_id = did  # the reader's best section of an article found through a translation
        return out

    def _spelling(
        self, gen: Generation, lang: str, text: str, statuses: tuple[str, ...]
    ) -> tuple[str | None, dict[str, float], set[str]]:
        """A "did you mean" string, the corrected terms to add (at reduced weight), and the terms they replace.

        Words come from the documents the reader may see (``statuses``), the most frequent first.
        """
        analyzer = analyzer_for(lang)
        if analyzer.segments_words:
            return None, {}, set()
        li = gen.lexical(lang)
        pieces, changed, extra, replaced = [], False, {}, set()
        last = 0
        words = list(analyzer.words(text))[: self.config.max_terms]
        for word, start, end in words:
            norm = analyzer.normalize(word)
            fix = None
            if len(norm) >= self.config.spelling_min_len and not norm.isdigit() and not li.has_spelling(norm, statuses):
                fix = li.spelling(norm, maxdist=1 if len(norm) < 7 else 2, statuses=statuses)
            pieces.append(text[last:start])
            pieces.append(fix or word)
            last = end
            if fix:
                changed = True
                replaced.update(analyzer.term_list(word))
                for term in analyzer.term_list(fix):
                    extra[term] = self.config.correction_factor
        pieces.append(text[last:])
        return ("".join(pieces) if changed else None), extra, replaced

    def _other_languages(
        self, gen: Generation, lang: str, text: str, seen: set[str], **kw: Unpack[_RankOptions]
    ) -> tuple[list[Hit], bool]:
        """Hits in every other language, best first, and whether any of them clears its own floor."""
        hits: list[Hit] = []
        relevant = False
        for other in gen.langs:
            if other == lang:
                continue
            ranked = self._rank(gen, other, text, cross=False, **kw)
            for h in ranked.hits:
                h.fallback = True
            hits += ranked.hits
            relevant = relevant or (bool(ranked.hits) and self._relevant(gen, other, ranked))
        hits.sort(key=lambda h: -h.score)
        out, taken = [], set(seen)
        for h in hits:
            if h.article not in taken:
                taken.add(h.article)
                out.append(h)
        return out[: kw["limit"]], relevant

    def _explain(
        self,
        gen: Generation,
        lang: str,
        doc_id: str,
        terms: list[str],
        *,
        lex: _Candidate | None,
        dense: _Candidate | None,
        lex_weight: float,
        dense_weight: float,
    ) -> dict[str, Any]:
        k = self.config.rrf_k
        out: dict[str, Any] = {
            "doc": doc_id,
            "weights": {"lexical": lex_weight, "dense": round(dense_weight, 3)},
            "rrf_k": k,
        }
        if lex is not None:
            out["lexical"] = {
                "rank": lex.rank,
                "bm25f": round(lex.score, 4),
                "contribution": round(lex_weight / (k + lex.rank), 6),
                "fields": gen.lexical(lang).field_scores(lex.doc_id, terms),
            }
        if dense is not None:
            out["dense"] = {
                "rank": dense.rank,
                "cosine": round(dense.score, 4),
                "contribution": round(dense_weight / (k + dense.rank), 6),
            }
        return out


def _collapse(ranked: Iterable[tuple[str, float, Mapping[str, Any] | None]]) -> dict[str, _Candidate]:
    """Best document per article, ranks counted over articles (insertion order = rank order)."""
    out: dict[str, _Candidate] = {}
    for doc_id, score, fields in ranked:
        article = article_of(doc_id)
        if article not in out:
            out[article] = _Candidate(
                doc_id, article, len(out) + 1, score, dict(fields) if fields else None, parse_doc_id(doc_id)[0]
            )
    return out


def _dense_scores(dense_c: dict[str, _Candidate]) -> list[tuple[str, float]]:
    """Cosines rescaled so the weakest candidate counts 0: e5's cosines are compressed (unrelated
    texts score ~0.8), and dividing by the best alone would make every candidate look alike."""
    if not dense_c:
        return []
    lo = min(c.score for c in dense_c.values())
    return [(a, c.score - lo) for a, c in dense_c.items()]


def _section_of(c: _Candidate | None) -> _Candidate | None:
    return c if c is not None and is_section(c.doc_id) else None


__all__ = ["IndexUnavailable", "SearchConfig", "SearchService"]
