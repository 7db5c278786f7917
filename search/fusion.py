"""Weighted reciprocal-rank fusion (k=60, as in OpenSearch and Elasticsearch)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

RRF_K = 60

Key = TypeVar("Key", bound=Hashable)  # what is ranked: an article slug, a document id


def rrf(rankings: Sequence[tuple[float, Sequence[Key]]], k: int = RRF_K) -> list[tuple[Key, float]]:
    """Fuse ranked lists given as ``(weight, keys best first)``; a weight of 0 drops a list.

    Ties keep the order of first appearance, so equal evidence never reshuffles results.
    """
    scores: dict[Key, float] = {}
    for weight, keys in rankings:
        if weight <= 0:
            continue
        for rank, key in enumerate(keys, start=1):
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
    order = {key: i for i, key in enumerate(scores)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))


def convex(scored: Sequence[tuple[float, Sequence[tuple[Key, float]]]]) -> list[tuple[Key, float]]:
    """Fuse ``(weight, [(key, score) best first])`` lists by a weighted sum of max-normalised scores.

    Uses the scores' sizes, not just their order, so one side's clear winner is not outvoted by
    the other side's near-ties; weights are normalised to sum to 1.
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
    order = {key: i for i, key in enumerate(scores)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))
