"""SearchService.search(): the one seam between the help center and how text is found.

A query flows: clean -> analyze (language's analyzer) -> spelling check -> lexical BM25F
candidates and, in parallel, the query embedding -> dense candidates -> both lists collapsed
to articles -> weighted reciprocal-rank fusion -> snippets -> other languages when the
requested one has no answer.
"""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

from .analysis import analyzer_for
from .documents import Hit, SearchResult
from .embeddings import EmbeddingUnavailable, Encoder
from .fusion import RRF_K, convex, rrf
from .lexical import IndexUnavailable, LexicalMatch
from .query import MAX_CHARS, MAX_TERMS, clean
from .snippets import snippet
from .store import Generation, IndexStore

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "lexical", "dense"]


@dataclass(frozen=True)
class SearchConfig:
    max_chars: int = MAX_CHARS
    max_terms: int = MAX_TERMS
    candidates: int = 50  # per side, before fusion
    fusion: str = "convex"  # or "rrf" (weighted reciprocal rank)
    rrf_k: int = RRF_K
    dense_scale: float = 3.0  # the dense list's weight (lexical: 1) in a language the model reads fully
    fallback_below: int = 1  # look in other languages when fewer hits than this
    spelling_min_len: int = 4
    correction_factor: float = 0.6  # corrected words count this much of an exact one
    dense_min_similarity: float = 0.25  # below this cosine a dense-only candidate is noise


@dataclass
class _Candidate:
    doc_id: str
    article: str
    rank: int
    score: float
    fields: dict | None = None


class SearchService:
    """Hybrid search over an :class:`IndexStore`; thread-safe, one per process."""

    def __init__(self, store: IndexStore, encoder: Encoder | None = None, config: SearchConfig | None = None):
        self.store = store
        self.encoder = encoder
        self.config = config or SearchConfig()
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="embed") if encoder else None

    def search(self, query: str | None, lang: str, *, category: str | None = None, limit: int = 10,
               statuses: tuple[str, ...] = ("published",), fallback: bool = True, explain: bool = False,
               mode: Mode = "hybrid") -> SearchResult:
        """Search one language, then others if it has no answer. Raises IndexUnavailable."""
        cq = clean(query, self.config.max_chars)
        result = SearchResult(query=cq.text, lang=lang, hits=[], truncated=cq.truncated)
        if not cq.text:
            return result
        gen = self.store.current()
        if lang in gen.langs:
            suggestion, extra = self._spelling(gen, lang, cq.text)
            result.suggestion = suggestion
            result.hits, result.dense_used = self._search_lang(
                gen, lang, cq.text, category=category, limit=limit, statuses=statuses, explain=explain,
                mode=mode, extra=extra)
            if not result.hits and suggestion:
                result.hits, result.dense_used = self._search_lang(
                    gen, lang, suggestion, category=category, limit=limit, statuses=statuses,
                    explain=explain, mode=mode)
                result.corrected = bool(result.hits)
        if fallback and len(result.hits) < self.config.fallback_below:
            result.hits += self._other_languages(gen, lang, cq.text, {h.article for h in result.hits},
                                                 category=category, limit=limit, statuses=statuses,
                                                 explain=explain, mode=mode)
            result.fallback_used = any(h.fallback for h in result.hits)
        return result

    # -- one language ----------------------------------------------------------------------
    def _search_lang(self, gen: Generation, lang: str, text: str, *, category, limit, statuses, explain,
                     mode: Mode, extra: dict[str, float] | None = None) -> tuple[list[Hit], bool]:
        analyzer = analyzer_for(lang)
        terms = list(dict.fromkeys(analyzer.term_list(text)))[: self.config.max_terms]
        if mode == "lexical":
            weight = 0.0
        elif mode == "dense":
            weight = 1.0 if self._model_matches(gen) else 0.0
        else:
            weight = self._dense_weight(gen, lang)
        future = None
        if not terms and not extra:
            return [], False  # nothing searchable ("?*", punctuation): a clear empty answer
        if weight > 0 and self._pool is not None:
            future = self._pool.submit(self.encoder.encode_query, text)  # torch runs while Whoosh does
        li = gen.lexical(lang)
        lex: list[LexicalMatch] = []
        if mode != "dense":
            # Articles are ranked as wholes: short sections would win on length normalisation alone.
            lex = li.search(terms, limit=self.config.candidates, category=category, statuses=statuses,
                            extra=extra, kind="article")
        dense: list[tuple[str, float]] = []
        if future is not None:
            try:
                dense = self._dense(gen, lang, future.result(), category, statuses)
            except EmbeddingUnavailable as exc:
                log.warning("dense search off: %s", exc)
        lex_c = _collapse((m.id, m.score, m.fields) for m in lex)
        dense_c = _collapse((did, sim, None) for did, sim in dense)
        lex_weight = 0.0 if mode == "dense" else 1.0
        if self.config.fusion == "convex":
            fused = convex([(lex_weight, [(a, c.score) for a, c in lex_c.items()]),
                            (weight, [(a, c.score) for a, c in dense_c.items()])])[:limit]
        else:
            fused = rrf([(lex_weight, list(lex_c)), (weight, list(dense_c))], k=self.config.rrf_k)[:limit]
        if not fused:
            return [], bool(dense)
        # Deep links: the best-matching section of each returned article, lexical first.
        sections = _collapse((m.id, m.score, m.fields) for m in li.search(
            terms, limit=limit * 8, statuses=statuses, extra=extra, kind="section",
            articles=[a for a, _ in fused]))
        targets = {a: sections.get(a) or _section_of(dense_c.get(a)) or lex_c.get(a) or dense_c[a]
                   for a, _ in fused}
        need = [t.doc_id for t in targets.values() if t.fields is None]
        stored = li.stored(need) if need else {}
        match_terms = set(terms) | set(extra or ())
        hits = []
        for art, score in fused:
            target = targets[art]
            fields = target.fields or stored.get(target.doc_id)
            if fields is None:  # vectors and lexicon disagree for a moment during an update
                continue
            hit = Hit(lang=lang, article=art, title=fields.get("title", ""), anchor=fields.get("anchor", ""),
                      section=fields.get("section", ""), category=fields.get("category", ""),
                      summary=fields.get("summary", ""), score=round(score, 6),
                      snippet=snippet(fields.get("body", ""), analyzer, match_terms))
            if explain:
                hit.explain = self._explain(gen, lang, target.doc_id, terms, lex_c.get(art), dense_c.get(art),
                                            lex_weight, weight)
            hits.append(hit)
        return hits, bool(dense)

    def _model_matches(self, gen: Generation) -> bool:
        # Vectors from another model than the one encoding queries would be meaningless.
        model = gen.manifest.get("model")
        return self.encoder is not None and bool(model) and model.get("id") == self.encoder.model_id

    def _dense_weight(self, gen: Generation, lang: str) -> float:
        if not self._model_matches(gen):
            return 0.0
        return gen.lang_info(lang).get("dense_weight", 0.0) * self.config.dense_scale

    def _dense(self, gen: Generation, lang: str, qvec, category, statuses) -> list[tuple[str, float]]:
        vs = gen.vectors.read(lang)
        if vs is None:
            return []
        top = vs.top(qvec, self.config.candidates, vs.mask(statuses, category))
        return [(did, sim) for did, sim in top if sim >= self.config.dense_min_similarity]

    def _spelling(self, gen: Generation, lang: str, text: str) -> tuple[str | None, dict[str, float]]:
        """A "did you mean" string and the corrected terms to add (at reduced weight)."""
        analyzer = analyzer_for(lang)
        if analyzer.segments_words:
            return None, {}
        li = gen.lexical(lang)
        pieces, changed, extra = [], False, {}
        last = 0
        words = list(analyzer.words(text))[: self.config.max_terms]
        for word, start, end in words:
            norm = analyzer.normalize(word)
            fix = None
            if len(norm) >= self.config.spelling_min_len and not norm.isdigit() and not li.has_spelling(norm):
                fix = li.spelling(norm, maxdist=1 if len(norm) < 7 else 2)
            pieces.append(text[last:start])
            pieces.append(fix or word)
            last = end
            if fix:
                changed = True
                for term in analyzer.term_list(fix):
                    extra[term] = self.config.correction_factor
        pieces.append(text[last:])
        return ("".join(pieces) if changed else None), extra

    def _other_languages(self, gen, lang, text, seen: set[str], **kw) -> list[Hit]:
        hits: list[Hit] = []
        for other in gen.langs:
            if other == lang:
                continue
            found, _ = self._search_lang(gen, other, text, **kw)
            for h in found:
                h.fallback = True
            hits += found
        hits.sort(key=lambda h: -h.score)
        out, taken = [], set(seen)
        for h in hits:
            if h.article not in taken:
                taken.add(h.article)
                out.append(h)
        return out[: kw["limit"]]

    def _explain(self, gen, lang, doc_id, terms, lex, dense, lex_weight, dense_weight) -> dict:
        k = self.config.rrf_k
        out = {"doc": doc_id, "weights": {"lexical": lex_weight, "dense": round(dense_weight, 3)}, "rrf_k": k}
        if lex is not None:
            out["lexical"] = {"rank": lex.rank, "bm25f": round(lex.score, 4),
                              "contribution": round(lex_weight / (k + lex.rank), 6),
                              "fields": gen.lexical(lang).field_scores(lex.doc_id, terms)}
        if dense is not None:
            out["dense"] = {"rank": dense.rank, "cosine": round(dense.score, 4),
                            "contribution": round(dense_weight / (k + dense.rank), 6)}
        return out


def _collapse(ranked) -> dict[str, _Candidate]:
    """Best document per article, ranks counted over articles (insertion order = rank order)."""
    out: dict[str, _Candidate] = {}
    for doc_id, score, fields in ranked:
        article = doc_id.split("/", 1)[1].split("#", 1)[0]
        if article not in out:
            out[article] = _Candidate(doc_id, article, len(out) + 1, score, dict(fields) if fields else None)
    return out


def _section_of(c: _Candidate | None) -> _Candidate | None:
    return c if c is not None and "#" in c.doc_id else None


__all__ = ["SearchService", "SearchConfig", "IndexUnavailable"]
