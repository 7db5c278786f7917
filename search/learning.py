"""What a site's own searches teach search, from the ones whose reader opened a result: how high the
relevance floor may stand (:func:`learned_raise`) and how much the dense side should count in each
language (:func:`learned_dense_factor`); from all of them, where a language without articles asks
(:func:`learned_query_mean`). The site (:func:`kb.learning.learn`) reads
the search log and hands the results to :class:`~search.service.SearchService`; ``kb.evaluation.eval
search --learn`` simulates the same on a corpus's titles.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from .analysis import analyzer_for
from .embeddings import Encoder
from .service import SearchService

# The dense side's weight in a language, as a share of what tokenizer coverage gives it (x
# KB_DENSE_SCALE): coverage does not say how well a model ranks a language (tor-support ka: dense
# MRR@10 0.34 against keywords' 0.50 at coverage 0.66; README), a site's answered searches do.
DENSE_FACTORS = (0.25, 0.5, 1.0, 2.0)
MIN_WEIGHT_CLICKS = 50  # fewer answered searches than this in a language: its weight stays as measured at index time
MIN_MEAN_SEARCHES = 50  # fewer searches than this in a language without articles: its interface strings place it


def learned_raise(evidence: Sequence[float], share: float = 0.02, confidence: float = 0.9) -> float:
    """How far above the calibrated floor (0) a language's floor may rise, learnt from the evidence of
    searches whose reader opened a result: as high as the ``evidence`` value below which, with
    ``confidence``, at most ``share`` of such answered searches lie; 0 while too few say so.

    The k-th smallest of n values lies above a share p of the distribution with probability
    P(Binomial(n, p) < k), so k is the largest rank at which that is at most 1 - ``confidence``. No
    count of clicks is assumed: at p = 0.02 and 90%, the first raise needs 114 (then the smallest).
    The calibrated floor is tuned so that real questions pass; titles of a neighbouring help center
    (GNOME's desktop help against Tor's) still pass it, and what separates them is how strong this
    site's answered searches' evidence is (README, "Honest answers").
    """
    if share <= 0 or not evidence:
        return 0.0
    values = sorted(evidence)
    n = len(values)
    log_p, log_q, log_n = math.log(share), math.log1p(-share), math.lgamma(n + 1)
    below = 0.0  # P(Binomial(n, share) <= i)
    rank = 0
    for i in range(n):
        below += math.exp(log_n - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p + (n - i) * log_q)
        if below > 1.0 - confidence:
            break
        rank = i + 1
    return round(max(0.0, values[rank - 1]), 4) if rank else 0.0


def learned_dense_factor(
    service: SearchService, lang: str, clicks: Sequence[tuple[str, str]], factors: Sequence[float] = DENSE_FACTORS
) -> float:
    """The share of its index-time weight the dense side should have in ``lang``: the one of
    ``factors`` under which the articles readers opened (``clicks``: query, article) rank best
    (:func:`best_factor`); 1 below ``MIN_WEIGHT_CLICKS``.

    Each query is searched again under each factor, by a copy of ``service`` (the query vectors come
    from the encoder's cache). Readers open what they were shown, so the clicks lean towards the
    factor in force; what they opened further down still counts."""
    if len(clicks) < MIN_WEIGHT_CLICKS:
        return 1.0
    ranks: dict[float, list[float]] = {}
    for factor in factors:
        trial = taught(service, service.floor_raise, {**service.dense_factor, lang: factor})
        ranks[factor] = []
        for query, article in clicks:
            result = trial.search(query, lang, limit=10, fallback=False)
            shown = [h.article for h in result.hits or result.below_floor]  # the ranking, floor aside
            ranks[factor].append(1.0 / (shown.index(article) + 1) if article in shown else 0.0)
    return best_factor(ranks)


def learned_query_mean(encoder: Encoder | None, lang: str, queries: Sequence[str]) -> npt.NDArray[np.float32] | None:
    """Where a language without articles of its own asks, in the primary model's space: the mean
    vector of the site's searches in it (``queries``: clicked or not), each read as search reads it;
    None below ``MIN_MEAN_SEARCHES``. Cross-language matching takes this centre away from the reader's
    query (:func:`search.dense.reader_mean_of`) instead of the interface strings' mean, whose short
    labels are not questions (tor-support fa and gnome-help id titles against English bodies, each
    half of the titles taught by the other: hybrid MRR@10 0.463 -> 0.491 and 0.673 -> 0.683; README).
    Encoded in batches, as the calibration encodes those strings, past the query cache."""
    if encoder is None or len(queries) < MIN_MEAN_SEARCHES:
        return None
    analyzer = analyzer_for(lang)
    vecs = encoder.encode([analyzer.encoder_text(q) for q in queries], queries=True)
    return np.asarray(vecs.mean(axis=0), dtype=np.float32)


def taught(
    service: SearchService,
    floor_raise: Mapping[str, float],
    dense_factor: Mapping[str, float],
    query_means: Mapping[str, npt.NDArray[np.float32]] | None = None,
) -> SearchService:
    """A service over ``service``'s index and models that has learnt these lessons instead (to try
    them); ``query_means`` as ``service``'s unless given."""
    other = SearchService(service.store, service.encoder, service.config)
    other.floor_raise, other.dense_factor = floor_raise, dense_factor
    other.query_means = service.query_means if query_means is None else query_means
    return other


def best_factor(ranks: Mapping[float, Sequence[float]]) -> float:
    """The factor whose reciprocal ranks (one per click, the same clicks for every factor) have the
    best mean, on a tie (to 4 decimals) the one nearest 1; but 1 unless that best beats 1 by more
    than one standard error of their paired differences (the one-standard-error rule of model
    selection). On the per-query sweeps of 12 languages (README) the plain best lost up to 0.010 of
    MRR@10 in the cross-fit where 60-130 clicks picked 2 or 0.25 by chance; this rule at most 0.003,
    with a larger mean gain (+0.0145 against +0.0135)."""
    mean = {f: sum(r) / len(r) for f, r in ranks.items()}
    best = max(mean, key=lambda f: (round(mean[f], 4), -abs(math.log(f))))
    if best == 1.0 or 1.0 not in ranks or len(ranks[best]) < 2:
        return best
    diff = [a - b for a, b in zip(ranks[best], ranks[1.0], strict=True)]
    n, gain = len(diff), mean[best] - mean[1.0]
    spread = math.sqrt(sum((d - gain) ** 2 for d in diff) / (n - 1))
    return best if gain > spread / math.sqrt(n) else 1.0
