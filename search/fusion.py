"""Rank fusion: convex (weighted max-normalised scores, the default) and weighted reciprocal rank
(k=60, as in OpenSearch and Elasticsearch)."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from typing import TypeVar

RRF_K = 60

Key = TypeVar("Key", bound=Hashable)  # what is ranked: an article slug, a document id


def rrf(
    rankings: Sequence[tuple[float, Sequence[Key]]],
    k: int = RRF_K,
    *,
    local: Collection[int] = (),
    elsewhere: Collection[Key] = (),
    foreign: Collection[int] = (),
) -> list[tuple[Key, float]]:
    """Fuse ranked lists given as ``(weight, keys best first)``; a weight of 0 drops a list.

    The lists numbered in ``local`` search the reader's language only, so a key found only
    ``elsewhere`` (an article in other languages alone) was out of their reach; those in
    ``foreign`` rank the ``elsewhere`` keys alone. A key's score counts the lists that could have
    found it, scaled to the whole weight (see :func:`convex`).
    Ties keep the order of first appearance, so equal evidence never reshuffles results.
    """
    scores: dict[Key, float] = {}
    for weight, keys in rankings:
        if weight <= 0:
            continue
        for rank, key in enumerate(keys, start=1):
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
    _reach(scores, [w for w, _ in rankings], local, elsewhere, foreign)
    order = {key: i for i, key in enumerate(scores)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))


def convex(
    scored: Sequence[tuple[float, Sequence[tuple[Key, float]]]],
    *,
    local: Collection[int] = (),
    elsewhere: Collection[Key] = (),
    foreign: Collection[int] = (),
) -> list[tuple[Key, float]]:
    """Fuse ``(weight, [(key, score) best first])`` lists by a weighted sum of max-normalised scores.

    Uses the scores' sizes, not just their order, so one side's clear winner is not outvoted by
    the other side's near-ties; weights are normalised to sum to 1. The lists numbered in ``local``
    search the reader's language only (keywords, a second model of that language): a key found only
    ``elsewhere`` (an article that exists in other languages alone) was out of their reach, and
    their silence says nothing of it. Its score is the weighted mean of the lists that could have
    found it, not that mean diluted by zeros: else an untranslated article that meaning-level search
    ranks first lost to any article in the reader's language that shared a word with the query.
    The lists numbered in ``foreign`` rank the ``elsewhere`` keys alone (the reader's words in the
    keyword index of the language such an article is read in): the other keys' scores are the
    weighted mean of the rest.
    """
    total = sum(w for w, _ in scored if w > 0) or 1.0
    scores: dict[Key, float] = {}
    for weight, items in scored:
        if weight <= 0 or not items:
            continue
        top = max(s for _, s in items)
        if top <= 0:
            continue
        for key, s in items:
            scores[key] = scores.get(key, 0.0) + (weight / total) * max(s, 0.0) / top
    _reach(scores, [w for w, _ in scored], local, elsewhere, foreign)
    order = {key: i for i, key in enumerate(scores)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))


def _reach(
    scores: dict[Key, float],
    weights: Sequence[float],
    local: Collection[int],
    elsewhere: Collection[Key],
    foreign: Collection[int],
) -> None:
    """Scale each key's score by all the lists' weight over the weight of those that could reach
    it: an ``elsewhere`` key by the lists not in ``local``, any other key by those not in ``foreign``."""
    total = sum(w for w in weights if w > 0)
    outside = set(elsewhere)
    for is_outside, out_of_reach in ((True, local), (False, foreign)):
        reach = sum(w for i, w in enumerate(weights) if w > 0 and i not in out_of_reach)
        if reach <= 0 or reach >= total:
            continue
        for key in scores:
            if (key in outside) == is_outside:
                scores[key] *= total / reach
