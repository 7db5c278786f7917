"""SearchService.search(): the one seam between the help center and how text is found.

A query flows: clean -> analyze (the language's analyzer) -> spelling check -> lexical BM25F candidates and the
query embedding's dense candidates, both collapsed to articles -> fusion (convex, or weighted reciprocal rank) ->
relevance floor -> snippets and a direct answer -> other languages when the requested one has no answer.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Unpack

from .analysis import Analyzer, analyzer_for, foreign_share, typed_in
from .answer import quote
from .calibration import second_key
from .candidates import NOWHERE, Candidate, Elsewhere, from_matches, section_of
from .dense import DenseSearch, relative_scores
from .documents import Answer, Hit, SearchResult
from .embeddings import EmbeddingUnavailable, Encoder
from .explain import explain_hit
from .fusion import RRF_K, convex, rrf
from .generation import Generation
from .lexical import IndexUnavailable, LexicalMatch
from .query import MAX_CHARS, MAX_TERMS, clean
from .snippets import snippet
from .spelling import did_you_mean
from .store import IndexStore

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

log = logging.getLogger(__name__)

COVERAGE_DOCS = 3  # lexical-only evidence: the query's share found in the best few articles together

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
    question_weight: float = 1.0  # the asked-question list's weight there (dense.DenseSearch.asked)
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
        self.config = c = config or SearchConfig()
        self._dense = DenseSearch(c.candidates, c.dense_min_similarity, c.fallback_lang)
        # Per reader language, learnt from the site's searches (search.learning; replaced whole, never mutated):
        # the floor's raise, the dense side's share of its weight, where a language without articles asks.
        self.floor_raise: Mapping[str, float] = {}
        self.dense_factor: Mapping[str, float] = {}
        self.query_means: Mapping[str, npt.NDArray[np.float32]] = {}

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
        kw = _RankOptions(category=category, limit=limit, statuses=statuses, explain=explain, mode=mode)
        suggestion, extra, replaced = (
            did_you_mean(
                gen.lexical(lang),
                cq.text,
                statuses,
                max_terms=self.config.max_terms,
                min_len=self.config.spelling_min_len,
                factor=self.config.correction_factor,
                known=self.encoder.whole_words if self.encoder is not None else None,
            )
            if lang in gen.langs
            else (None, {}, set())
        )
        result.suggestion = suggestion
        ranked = self._rank(gen, lang, cq.text, extra=extra, replaced=replaced, **kw)
        if not ranked.hits and suggestion:
            ranked = self._rank(gen, lang, suggestion, **kw)
            result.corrected = bool(ranked.hits)
        # Typed in the fallback language's script (a Thai reader's English): judged as its readers are (README);
        # only that ranking's evidence is read, so one hit, nothing explained (the query vector is cached).
        judge, judged, other = lang, ranked, self.config.fallback_lang
        if ranked.hits and other in gen.langs and gen.multilingual and typed_in(cq.text, lang, other):
            judge, judged = other, self._rank(gen, other, cq.text, **(kw | {"limit": 1, "explain": False}))
            result.evidence_lang = other
        result.hits, result.dense_used, result.confidence = ranked.hits, judged.dense_used, judged.confidence
        cal = gen.calibration(judge)
        if judged.hits and judged.dense_used and judge in gen.langs and cal.dense_center is not None:
            parts = cal.evidence_parts(judged.confidence)
            result.evidence = round(sum(parts.values()), 4)
            result.evidence_parts = {k: round(v, 4) for k, v in parts.items()}
            result.floor = cal.floor(self.floor_raise.get(judge, 0.0))
        relevant = bool(judged.hits) and self._relevant(gen, judge, judged)
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
        weight = self._dense_weight(gen, lang, mode)
        cross = cross and weight > 0 and self.config.cross_language and gen.multilingual
        if not (terms or extra) and weight == 0:
            return _Ranked([], False, {}, cross)  # nothing searchable ("?*", punctuation): a clear empty answer
        extras = self._extras(gen, lang) if weight > 0 and mode == "hybrid" and lang in gen.langs else []
        dense_c: dict[str, Candidate] = {}
        asked_c: dict[str, Candidate] = {}
        asked_weight = weight * self.config.question_weight / self.config.dense_scale
        second: list[tuple[float, dict[str, Candidate]]] = []
        if weight > 0 and self.encoder is not None:
            # The models encode on this thread, one after another: their OpenMP threads fill the cores, and
            # overlapping them or Whoosh's Python made every part wait (2 cores, 10k documents: p50 15.3 -> 11.6 ms).
            try:
                qtext = analyzer.encoder_text(text)
                qvec = self.encoder.encode_query(qtext)
                learned = self.query_means.get(lang)
                script = foreign_share(text, lang)  # the share of it written in another script
                dense_c = self._dense.pooled(
                    gen, lang, qvec, category, statuses, cross=cross, learned=learned, foreign=script
                )
                if gen.model_info(0).get("questions"):
                    asked_c = self._dense.asked(
                        gen, lang, qvec, category, statuses, cross=cross, learned=learned, foreign=script
                    )
                # The dense share is split among the models that read this language, by how well each does.
                total = 1.0 + sum(w for _, _, w in extras)
                second = [
                    (
                        weight * w / total,
                        self._dense.one(gen.vector_store(slot), lang, enc.encode_query(qtext), category, statuses),
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
            lex = li.search(  # fields: those fusion ranks lower are read by id if shown (_hits)
                terms,
                limit=self.config.candidates,
                category=category,
                statuses=statuses,
                extra=extra,
                kind="article",
                fields=limit,
            )
        lex_c = from_matches(lex)
        evidence = [t for t in terms if t not in replaced] + list(extra or ())
        confidence = {
            "dense": round(max((c.evidence for c in dense_c.values()), default=0.0), 4),
            "lexical": round(li.coverage(evidence, [m.id for m in lex[:1]]), 4) if li else 0.0,
            "lexical_any": round(li.coverage(evidence, [m.id for m in lex[:COVERAGE_DOCS]]), 4) if li else 0.0,
        }
        # Each extra model's best cosine: a second witness for the floor (second: [] if encoding failed).
        for (slot, _, _), (_, found) in zip(extras, second, strict=False):
            confidence[second_key(slot)] = round(max((c.evidence for c in found.values()), default=0.0), 4)
        lists = [
            (lex_weight, [(a, c.score) for a, c in lex_c.items()]),
            (weight, relative_scores(dense_c)),
            (asked_weight, relative_scores(asked_c)),
            *[(w, relative_scores(c)) for w, c in second],
        ]
        # Keywords (0) and the second models (3 on) search the reader's language alone: the articles
        # that only other languages hold were out of their reach (fusion.convex).
        local = {0, *range(3, len(lists))}
        elsewhere = {a for c in (dense_c, asked_c) for a, cand in c.items() if cand.lang != lang}
        # Those articles are read in the site's fallback language: the reader's words are looked up
        # in its keyword index too, for them alone ("wifi", "Tor", a product name), weighed as keywords.
        bridge = self._elsewhere(gen, lang, text, elsewhere, category, statuses) if mode == "hybrid" else NOWHERE
        foreign = {len(lists)} if bridge.found else set()
        lists.append((1.0 if bridge.found else 0.0, [(a, c.score) for a, c in bridge.found.items()]))
        if self.config.fusion == "convex":
            fused = convex(lists, local=local, elsewhere=elsewhere, foreign=foreign)[:limit]
        else:
            ranked = [(w, [a for a, _ in items]) for w, items in lists]
            fused = rrf(ranked, k=self.config.rrf_k, local=local, elsewhere=elsewhere, foreign=foreign)[:limit]
        if not fused:
            return _Ranked([], bool(dense_c), confidence, cross)
        if asked_c and gen.calibration(lang).asked_center is not None:
            # How far the first answer's own questions lie above what another article's reach.
            first = asked_c.get(fused[0][0])
            confidence["asked"] = round(first.evidence if first else max(c.evidence for c in asked_c.values()), 4)
        # An article only an extra model or its questions found is read where they found it.
        found_c = dict(dense_c)
        for c in (asked_c, *(c for _, c in second)):
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
            asked_c=asked_c,
            bridge=bridge,
            statuses=statuses,
            explain=explain,
            weights=(lex_weight, weight, asked_weight),
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
        lex_c: dict[str, Candidate],
        dense_c: dict[str, Candidate],
        asked_c: dict[str, Candidate],
        bridge: Elsewhere,
        statuses: tuple[str, ...],
        explain: bool,
        weights: tuple[float, float, float],
    ) -> tuple[list[Hit], str]:
        """Fused articles -> hits, each pointing at its best section in the language it is read in,
        and the text of the first hit's section (where a direct answer is quoted from); ``bridge``
        gives an untranslated article's keyword match to explain."""
        li = gen.lexical(lang) if lang in gen.langs else None
        own = [a for a, _ in fused if a in lex_c or (a in dense_c and dense_c[a].lang == lang)]
        sections = (
            from_matches(li.best_sections(terms, own, statuses=statuses, extra=extra))
            if li is not None and own and (terms or extra)
            else {}
        )
        targets: dict[str, Candidate] = {}
        for a, _ in fused:
            d = dense_c.get(a)
            if a in lex_c or (d is not None and d.lang == lang):
                target = sections.get(a) or section_of(d) or lex_c.get(a) or d
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
                keywords = lex_c.get(art)
                hit.explain = explain_hit(
                    gen,
                    lang,
                    target.doc_id,
                    terms if keywords is not None or art not in bridge.found else bridge.terms,
                    fusion=self.config.fusion,
                    lex=keywords or bridge.found.get(art),
                    dense=dense_c.get(art),
                    asked=asked_c.get(art),
                    weights=weights,
                )
            if not hits:
                first_body = fields.get("body", "")
            hits.append(hit)
        return hits, first_body

    def _elsewhere(
        self,
        gen: Generation,
        lang: str,
        text: str,
        elsewhere: Collection[str],
        category: str | None,
        statuses: tuple[str, ...],
    ) -> Elsewhere:
        """The articles ``elsewhere`` (only other languages hold them), ranked by the reader's words in
        the keyword index of the site's fallback language, where they are read."""
        other = self.config.fallback_lang
        if not elsewhere or other == lang or other not in gen.langs:
            return NOWHERE
        terms = list(dict.fromkeys(analyzer_for(other).term_list(text)))[: self.config.max_terms]
        if not terms:
            return NOWHERE
        found = gen.lexical(other).search(
            terms, limit=self.config.candidates, category=category, statuses=statuses, kind="article", fields=0
        )
        return Elsewhere(terms, {a: c for a, c in from_matches(found).items() if a in elsewhere})

    def _relevant(self, gen: Generation, lang: str, ranked: _Ranked) -> bool:
        """Does the best answer clear the language's floor? (README: "Honest answers")"""
        return gen.calibration(lang).clears_floor(
            ranked.confidence, dense_used=ranked.dense_used, raised=self.floor_raise.get(lang, 0.0)
        )

    def _dense_weight(self, gen: Generation, lang: str, mode: Mode) -> float:
        # The index's vectors must be the query encoder's own (another model's would be meaningless).
        if mode == "lexical" or self.encoder is None or gen.model_info(0).get("id") != self.encoder.model_id:
            return 0.0
        if mode == "dense":
            return 1.0
        if lang not in gen.langs:  # a reader's language with no articles: the model may still read it
            return self.config.dense_scale if gen.multilingual else 0.0
        weight: float = gen.lang_info(lang).get("dense_weight", 0.0)
        return weight * self.config.dense_scale * self.dense_factor.get(lang, 1.0)

    def _other_languages(
        self, gen: Generation, lang: str, text: str, seen: set[str], **kw: Unpack[_RankOptions]
    ) -> tuple[list[Hit], bool]:
        """Hits in every other language, best first, and whether any of them clears its own floor."""
        hits: list[Hit] = []
        relevant = False
        for other in (o for o in gen.langs if o != lang):
            ranked = self._rank(gen, other, text, cross=False, **kw)
            for h in ranked.hits:
                h.fallback = True
            hits += ranked.hits
            relevant = relevant or (bool(ranked.hits) and self._relevant(gen, other, ranked))
        hits.sort(key=lambda h: -h.score)
        best: dict[str, Hit] = {}  # each article once, where it scored best
        for h in hits:
            best.setdefault(h.article, h)
        return [h for a, h in best.items() if a not in seen][: kw["limit"]], relevant


__all__ = ["IndexUnavailable", "SearchConfig", "SearchService"]
