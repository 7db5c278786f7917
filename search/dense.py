"""Dense candidates: the documents nearest a query's embedding, best per article, in the reader's
language and, with a multilingual model, across every language it reads."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .candidates import Candidate, collapse
from .documents import article_of, is_section, make_doc_id
from .generation import Generation
from .vectors import VectorStore, unit


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
    ) -> dict[str, Candidate]:
        """The primary model's nearest documents; across every language it reads when ``cross``.

        An article's score is its best cosine in any language (its translations pool their
        evidence: a partial or clumsy translation is still found through its source), and it is
        read in the reader's language whenever it exists there.

        Plain cosines across languages run lower than within one (e5 rewards shared words): the
        relevance floor's evidence lifts them by the measured gap between the two centres. For
        ranking, each side's language mean is taken away first, which leaves meaning; those
        centred cosines are mapped onto the reader's own scale by their calibrated centre and
        spread. They are not evidence of relevance: the mean they lose is also what any
        help-center question shares with the articles, so an off-topic one would pass.
        """
        others = [o for o in gen.langs if o != lang and gen.lang_info(o).get("dense_weight", 0.0) > 0] if cross else []
        langs = ([lang] if lang in gen.langs else []) + others
        cal = gen.calibration(lang)
        reader_mean = gen.query_mean(lang) if others else None
        centred_q = None if reader_mean is None else unit(qvec - reader_mean)
        intercept, scale = cal.centred_to_own_scale()
        found: list[tuple[float, float, str, str]] = []  # (score, evidence, doc id, language)
        present: set[str] = set()
        in_fallback: set[str] = set()  # articles of the fallback language (shown when the reader's has none)
        for other in langs:
            vs = gen.vectors.read(other)
            if vs is None:
                continue
            allowed = vs.mask(statuses, category)
            if other == lang:
                present = vs.articles(allowed)
            elif other == self.fallback_lang:
                in_fallback = vs.articles(allowed)
            if other != lang and centred_q is not None:
                top = vs.top(centred_q, self.k, allowed, centred=True)
                plain = vs.cosines(qvec, [did for did, _ in top])
                found += [
                    (intercept + sim * scale, float(cos) + cal.lift, did, other)
                    for (did, sim), cos in zip(top, plain, strict=True)
                ]
                continue
            bonus = 0.0 if other == lang else cal.lift
            found += [
                (sim + bonus, sim + bonus, did, other)
                for did, sim in vs.top(qvec, self.k, allowed)
                if sim >= self.min_similarity
            ]
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


def relative_scores(candidates: dict[str, Candidate]) -> list[tuple[str, float]]:
    """Cosines rescaled so the weakest candidate counts 0: e5's cosines are compressed (unrelated
    texts score ~0.8), and dividing by the best alone would make every candidate look alike."""
    if not candidates:
        return []
    lo = min(c.score for c in candidates.values())
    return [(a, c.score - lo) for a, c in candidates.items()]
