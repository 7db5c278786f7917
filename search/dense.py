"""Dense candidates: the documents nearest a query's embedding, best per article, in the reader's
language and, with a multilingual model, across every language it reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .candidates import Candidate, collapse
from .documents import article_of, is_section, make_doc_id
from .generation import Generation
from .vectors import VectorSet, VectorStore, questions_set, unit


@dataclass(frozen=True)
class DenseSearch:
    k: int  # candidates per language
    min_similarity: float  # below this cosine a candidate is noise
    fallback_lang: str  # where an untranslated article is read

    def one(
        self,
        vectors: VectorStore,
        lang: str,
        qvec: npt.NDArray[np.float32],
        category: str | None,
        statuses: tuple[str, ...],
    ) -> dict[str, Candidate]:
        """One language's nearest documents in one vector store."""
        vs = vectors.read(lang)
        if vs is None:
            return {}
        top = vs.top(qvec, self.k, vs.mask(statuses, category))
        return collapse((did, sim, None) for did, sim in top if sim >= self.min_similarity)

    def pooled(
        self,
        gen: Generation,
        lang: str,
        qvec: npt.NDArray[np.float32],
        category: str | None,
        statuses: tuple[str, ...],
        *,
        cross: bool,
        learned: npt.NDArray[np.float32] | None = None,
        foreign: float = 0.0,
    ) -> dict[str, Candidate]:
        """The primary model's nearest documents; across every language it reads when ``cross``
        (``learned``: see :func:`reader_mean_of`; ``foreign``: the share of the query written in
        another script than the reader's language, :func:`search.analysis.foreign_share`).

        An article's score is its best cosine in any language (its translations pool their
        evidence: a partial or clumsy translation is still found through its source), and it is
        read in the reader's language whenever it exists there.

        Plain cosines across languages run lower than within one (e5 rewards shared words): the
        relevance floor's evidence lifts them by the measured gap between the two centres. For
        ranking, each side's language mean is taken away first, which leaves meaning; those
        centred cosines are mapped onto the reader's own scale by their calibrated centre and
        spread. They are not evidence of relevance: the mean they lose is also what any
        help-center question shares with the articles, so an off-topic one would pass. A query
        written in another script is another language too ("firewall" asked of Russian pages): its
        share of the gap lifts the evidence of the reader's own documents.
        """
        sets = self._sets(gen, lang, str, statuses, category, cross=cross)
        cal = gen.calibration(lang)
        reader_mean = reader_mean_of(gen, lang, learned) if any(other != lang for other, _, _ in sets) else None
        centred_q = None if reader_mean is None else unit(qvec - reader_mean)
        intercept, scale = cal.centred_to_own_scale()
        found: list[tuple[float, float, str, str]] = []  # (score, evidence, doc id, language)
        for other, vs, allowed in sets:
            if other != lang and centred_q is not None:
                top = vs.top(centred_q, self.k, allowed, centred=True)
                plain = vs.cosines(qvec, [did for did, _ in top])
                found += [
                    (intercept + sim * scale, float(cos) + cal.lift, did, other)
                    for (did, sim), cos in zip(top, plain, strict=True)
                ]
                continue
            bonus = 0.0 if other == lang else cal.lift
            lift = cal.lift * foreign if other == lang else bonus
            found += [
                (sim + bonus, sim + lift, did, other)
                for did, sim in vs.top(qvec, self.k, allowed)
                if sim >= self.min_similarity
            ]
        return self._by_article(found, lang, sets)

    def asked(
        self,
        gen: Generation,
        lang: str,
        qvec: npt.NDArray[np.float32],
        category: str | None,
        statuses: tuple[str, ...],
        *,
        cross: bool,
        learned: npt.NDArray[np.float32] | None = None,
        foreign: float = 0.0,
    ) -> dict[str, Candidate]:
        """Articles whose asked questions (``Document.asked``: title and front-matter questions) lie
        nearest the query, question to question; across every language the model reads when ``cross``.

        A customer's phrasing is closer to an editor's question than to the answer's prose. With
        a multilingual model both sides are centred on their own language's mean, in the reader's
        language too, so every language's questions share one scale; an article is read where
        :meth:`pooled` would read it. A candidate's evidence is its score above what another
        article's question reaches, in the reader's language or across languages (calibration.py):
        questions match less closely across languages, and so do a query's in another script (``foreign``).
        """
        sets = self._sets(gen, lang, questions_set, statuses, category, cross=cross)
        reader_mean = reader_mean_of(gen, lang, learned)
        query = qvec if reader_mean is None else unit(qvec - reader_mean)
        cal = gen.calibration(lang)
        own = cal.asked_center
        if own is not None and cal.asked_center_cross is not None:
            own += foreign * (cal.asked_center_cross - own)
        centre = {lang: own}
        found = [
            (sim, sim - (centre.get(other, cal.asked_center_cross) or 0.0), did, other)
            for other, vs, allowed in sets
            for did, sim in vs.top(query, self.k, allowed, centred=reader_mean is not None)
        ]
        return self._by_article(found, lang, sets)

    def _sets(
        self,
        gen: Generation,
        lang: str,
        name: Callable[[str], str],
        statuses: tuple[str, ...],
        category: str | None,
        *,
        cross: bool,
    ) -> list[tuple[str, VectorSet, npt.NDArray[np.bool_] | None]]:
        """(language, its vector set ``name(language)``, the rows a search may return): the reader's
        language first, then, when ``cross``, every other language the model reads."""
        others = [o for o in gen.langs if o != lang and gen.lang_info(o).get("dense_weight", 0.0) > 0] if cross else []
        out = []
        for other in ([lang] if lang in gen.langs else []) + others:
            vs = gen.vectors.read(name(other))
            if vs is not None:
                out.append((other, vs, vs.mask(statuses, category)))
        return out

    def _by_article(
        self,
        found: list[tuple[float, float, str, str]],
        lang: str,
        sets: list[tuple[str, VectorSet, npt.NDArray[np.bool_] | None]],
    ) -> dict[str, Candidate]:
        """(score, evidence, doc id, language) -> the best per article, read in the reader's language
        when it exists there, else in the site's fallback language, else where it was found."""
        held = {o: vs.articles(allowed) for o, vs, allowed in sets if o in (lang, self.fallback_lang)}
        present, in_fallback = held.get(lang, set()), held.get(self.fallback_lang, set())
        found.sort(key=lambda t: (-t[0], t[3] != lang))  # on a tie the reader's own language first
        out: dict[str, Candidate] = {}
        for sim, evidence, did, other in found:
            article = article_of(did)
            best = out.get(article)
            if best is None:
                doc_id, shown = did, other
                if other != lang and article in present:
                    doc_id, shown = make_doc_id(lang, article), lang  # read it in the reader's language
                elif other not in (lang, self.fallback_lang) and article in in_fallback:
                    # Shown as the article page will show it: in the site's fallback language.
                    doc_id, shown = make_doc_id(self.fallback_lang, article), self.fallback_lang
                out[article] = Candidate(doc_id, article, len(out) + 1, sim, evidence, None, shown)
            else:
                best.evidence = max(best.evidence, evidence)
                if other == lang and best.doc_id == make_doc_id(lang, article) and is_section(did):
                    best.doc_id = did  # the reader's best section of an article found through a translation
        return out


def reader_mean_of(
    gen: Generation, lang: str, learned: npt.NDArray[np.float32] | None
) -> npt.NDArray[np.float32] | None:
    """Where ``lang``'s questions lie in the primary model's space, the centre cross-language matching
    takes away from the query: for a language without articles of its own, the mean of the site's
    searches in it where they have taught one (``learned``: :func:`search.learning.learned_query_mean`),
    else as calibrated at build time (:meth:`Generation.query_mean`; for such a language, from the
    interface strings encoded as queries)."""
    if learned is not None and lang not in gen.langs:
        return learned
    return gen.query_mean(lang)


def relative_scores(candidates: dict[str, Candidate]) -> list[tuple[str, float]]:
    """Cosines rescaled so the weakest candidate counts 0: e5's cosines are compressed (unrelated
    texts score ~0.8), and dividing by the best alone would make every candidate look alike."""
    if not candidates:
        return []
    lo = min(c.score for c in candidates.values())
    return [(a, c.score - lo) for a, c in candidates.items()]
