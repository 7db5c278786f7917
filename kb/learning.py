"""What the site's search log teaches its search: each language's relevance floor raise and dense
weight factor (search/learning.py), from the last 90 days' searches whose reader opened a result
(:func:`kb.feedback.clicks`), and where each language without articles asks, from its searches
(:func:`kb.feedback.searches`), set on the help center's :class:`~search.SearchService`. Each worker
learns at start and hourly after (:func:`follow`, from gunicorn.conf.py); ``flask kb status``
learns the floor alone (the weights take searching).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from kb.feedback import clicks, searches
from search import EmbeddingUnavailable, IndexUnavailable
from search.learning import learned_dense_factor, learned_query_mean, learned_raise

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from kb.core import HelpCenter

log = logging.getLogger(__name__)

LEARN_SECONDS = 3600.0  # how often each worker learns again
WEIGHT_CLICKS = 300  # the newest clicked searches per language the dense weight is learnt from


def learn(hc: HelpCenter, *, weights: bool = True) -> dict[str, dict[str, float]]:
    """Read the clicks once, set the floor raises (``KB_FLOOR_CLICK_SHARE``) and, with ``weights``,
    the dense factors (``KB_LEARN_WEIGHTS``; only those that differ from 1) and the query means of
    languages without articles on ``hc.service``;
    returns both, as ``hc.status()`` shows them.

    :raise SQLAlchemyError: when the database cannot be read."""
    seen = clicks(hc.db)
    share = hc.settings.floor_click_share
    raised = {}
    for lang, found in seen.items():
        if share > 0 and (by := learned_raise([c.evidence for c in found if c.evidence is not None], share)) > 0:
            raised[lang] = by
    hc.service.floor_raise = raised
    if weights:
        factors = {}
        for lang, found in seen.items() if hc.settings.learn_weights else ():
            opened = [(c.query, c.article) for c in found[:WEIGHT_CLICKS] if c.article]
            if (factor := learned_dense_factor(hc.service, lang, opened)) != 1.0:
                factors[lang] = factor
        if factors:
            log.info("dense weights learnt from clicks: %s", factors)
        hc.service.dense_factor = factors
        hc.service.query_means = _query_means(hc)
    return {"floor_raise": raised, "dense_factor": dict(hc.service.dense_factor)}


def _query_means(hc: HelpCenter) -> dict[str, npt.NDArray[np.float32]]:
    """Per reader language without articles in the index, the mean of its newest searches (a few
    seconds of encoding a language); none before the first index, or while the model cannot load."""
    try:
        indexed = hc.service.store.current().langs
    except IndexUnavailable:
        return {}  # a first start: nothing searched across languages yet
    means = {}
    try:
        for lang, queries in searches(hc.db, excluding=indexed).items():
            if (mean := learned_query_mean(hc.service.encoder, lang, queries)) is not None:
                means[lang] = mean
    except EmbeddingUnavailable as exc:
        log.warning("no query means learnt: %s", exc)
    if means:
        log.info("where languages without articles ask, learnt from their searches: %s", sorted(means))
    return means


def follow(hc: HelpCenter) -> threading.Thread:
    """Learn now and every ``LEARN_SECONDS`` in a daemon thread (a few seconds of searching per
    language with enough clicks) until the help center closes."""
    return hc.every(LEARN_SECONDS, lambda: learn(hc), "kb-learning", "learning from clicks", now=True)
