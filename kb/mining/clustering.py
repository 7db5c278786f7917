"""Step 2, clusters: an exact k-nearest-neighbour graph computed in blocks (no n x n matrix), split
into communities by Leiden (igraph); near-identical clusters merged, small groups left unclustered."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import numpy as np

from kb.mining.evidence import is_courtesy
from kb.mining.features import build_spaces
from kb.mining.model import DEFAULT_CONFIG, Clustering, MiningConfig, OnProgress, no_progress
from search import Encoder


def knn(
    matrix: np.ndarray, k: int, block: int | None = None, rows: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Exact k nearest neighbours by cosine (rows are unit length, dense or sparse), in blocks of rows: O(block x n)
    memory, the block's similarities (4 bytes a cell; ~25M cells, ~100 MB, whatever n is).

    ``rows`` (ascending): only those rows, neighbours among them, numbered by their place in
    ``rows``; the others' columns are masked in each block rather than the subset copied (at
    100,000 x 384 that copy was 150 MB held through clustering)."""
    from scipy.sparse import issparse

    n_all = matrix.shape[0]
    rows = np.arange(n_all) if rows is None else rows
    n = len(rows)
    k = min(k, n - 1)
    sparse = issparse(matrix)
    # Sparse rows: 64 a block; scipy's product of 512 took ~4x the dense block's memory, no faster.
    block = block or (64 if sparse else max(32, min(512, 25_000_000 // max(n_all, 1))))
    place = np.full(n_all, -1, np.int64)
    place[rows] = np.arange(n)
    outside = np.flatnonzero(place < 0)
    idx = np.empty((n, k), np.int64)
    sims = np.empty((n, k), np.float32)
    for start in range(0, n, block):
        part = rows[start : start + block]
        s = matrix[part] @ matrix.T
        if sparse:  # TF-IDF rows: the block's similarities, dense
            s = s.toarray()
        s[np.arange(len(part)), part] = -np.inf
        if len(outside):
            s[:, outside] = -np.inf
        cols, sims[start : start + block] = top_k(s, k)
        idx[start : start + block] = place[cols]
        del s  # before the next block's is made
    return idx, sims


def knn_across(
    matrix: np.ndarray, rows: np.ndarray, k: int, others: np.ndarray, k_across: int
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """:func:`knn` of ``rows`` among themselves, and each one's ``k_across`` nearest among
    ``others`` (ascending, disjoint from ``rows``, numbered by their place in ``others``), from one
    product per block of dense rows: the block's similarities to ``rows`` are copied out, then the
    rest is masked in place (two products cost 70 s more at 100,000 inquiries)."""
    n_all, n = matrix.shape[0], len(rows)
    k, k_across = min(k, n - 1), min(k_across, len(others))
    block = max(32, min(512, 25_000_000 // (n_all + n)))  # the block and its copy: ~100 MB, as knn's
    place = np.full(n_all, -1, np.int64)
    place[others] = np.arange(len(others))
    outside = np.flatnonzero(place < 0)  # rows themselves and whatever is in neither
    idx, sims = np.empty((n, k), np.int64), np.empty((n, k), np.float32)
    idx_x, sims_x = np.empty((n, k_across), np.int64), np.empty((n, k_across), np.float32)
    for start in range(0, n, block):
        part = rows[start : start + block]
        s = matrix[part] @ matrix.T
        s[np.arange(len(part)), part] = -np.inf
        if k > 0:
            idx[start : start + block], sims[start : start + block] = top_k(s[:, rows], k)
        if k_across > 0:
            s[:, outside] = -np.inf
            cols, sims_x[start : start + block] = top_k(s, k_across)
            idx_x[start : start + block] = place[cols]
        del s
    return (idx, sims), (idx_x, sims_x)


_CHUNK = 128


def top_k(s: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(columns, values) of each row's ``k`` largest values, unordered within a row; among equal
    values the leftmost columns.

    ``argpartition`` over 100,000 columns took 2/3 of mining's time at 100k inquiries (118 s of
    k-NN's 168). Each row is cut into chunks of 128 columns instead: the k-th largest chunk maximum
    is a floor that the row's k largest values all reach (k chunks hold a value at or above it), and
    only the chunks whose maximum reaches it, about k of them, are read again. Exact, ~20x faster."""
    b, n = s.shape
    starts = np.arange(0, n, _CHUNK)
    if len(starts) < 2 * k:  # too few chunks to save anything
        cols = np.argsort(-s, axis=1, kind="stable")[:, :k]
        return cols, np.take_along_axis(s, cols, 1)
    maxima = np.maximum.reduceat(s, starts, axis=1)
    floor = np.partition(maxima, len(starts) - k, axis=1)[:, len(starts) - k]
    rows, chunks = np.nonzero(maxima >= floor[:, None])
    cols = (chunks * _CHUNK)[:, None] + np.arange(_CHUNK)
    inside = cols < n  # the last chunk may be short
    cols = np.where(inside, cols, 0)
    values = np.where(inside, s[rows[:, None], cols], -np.inf)
    keep = values >= floor[rows][:, None]
    r, c, v = np.broadcast_to(rows[:, None], cols.shape)[keep], cols[keep], values[keep]
    order = np.lexsort((c, -v, r))  # by row, largest first, leftmost first
    first = np.searchsorted(r[order], np.arange(b))
    pick = order[(first[:, None] + np.arange(k)).ravel()]
    return c[pick].reshape(b, k), v[pick].reshape(b, k)


def leiden(
    matrix: np.ndarray,
    config: MiningConfig,
    rows: np.ndarray | None = None,
    second: tuple[np.ndarray, ...] = (),
    lexical: tuple[tuple[np.ndarray, Any], ...] = (),
    languages: np.ndarray | None = None,
) -> np.ndarray:
    """Community of each row (of ``rows``, ascending, when given) in the k-NN similarity graph;
    -1 for groups under ``min_size``. ``second`` (:attr:`Space.second`): other models' vectors of
    the same rows, whose k-NN graphs join at ``second_weight``: an edge both models find counts the
    sum of their weights (within one model's graph, an edge found from both ends counts once).
    ``lexical`` (:attr:`Space.lexical`): per language, its rows' places and their TF-IDF rows,
    whose k-NN graph within the language joins at ``lexical_weight``. ``languages``: each row's
    language (all of ``matrix``'s rows); where the rows hold several, :func:`_language_edges`."""
    import igraph

    n = len(matrix) if rows is None else len(rows)
    if n < max(config.min_size, 2):
        return np.full(n, -1)
    placed = np.arange(len(matrix)) if rows is None else rows  # the nodes' rows of ``matrix``
    if languages is not None and len(np.unique(languages[placed])) > 1:
        graphs = _language_edges(matrix, config, placed, languages[placed])
    else:
        graphs = [_edges(n, *_knn_edges(matrix, config.neighbours, rows))]
    for vecs in second:
        graphs.append(_edges(n, *_knn_edges(vecs, config.neighbours, rows), scale=config.second_weight))
    for places, terms in lexical:
        nodes, own = places, terms
        if rows is not None:  # only the rows clustered, numbered by their place among them
            keep = np.isin(places, rows)
            nodes, own = np.searchsorted(rows, places[keep]), terms[np.flatnonzero(keep)]
        if len(nodes) > 1:
            pairs, weights = _knn_edges(own, config.neighbours, None)
            graphs.append(_edges(n, nodes[pairs], weights, scale=config.lexical_weight))
    keys, weights = _combine(np.concatenate([k for k, _ in graphs]), np.concatenate([w for _, w in graphs]), np.add)
    del graphs
    graph = igraph.Graph(n=n, directed=False)
    # add_edges takes the array as it is; Graph(edges=...) made ~150 B of temporaries an edge
    # (1.5 million edges: 225 MB against 49 MB).
    graph.add_edges(np.column_stack(np.divmod(keys, n)))
    graph.es["weight"] = weights.tolist()
    igraph.set_random_number_generator(random.Random(config.seed))
    try:
        membership = np.asarray(
            graph.community_leiden(
                objective_function="modularity", weights="weight", resolution=config.resolution, n_iterations=5
            ).membership
        )
    finally:
        igraph.set_random_number_generator(random)
    sizes = np.bincount(membership)
    membership[sizes[membership] < config.min_size] = -1
    return membership


def _language_edges(
    matrix: np.ndarray, config: MiningConfig, nodes: np.ndarray, languages: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The dense graphs of a space that holds several languages: each row's ``neighbours`` nearest
    in its own language, as a log of that language alone would link it, and its ``cross_neighbours``
    nearest in the other languages at ``cross_weight``. One k-NN over every language drew a row's
    neighbours from the others at the expense of its own language's closer ones, in whichever
    language the centred space ranked higher (MASSIVE, five languages mixed, seeds 0-2: AMI
    0.576-0.586 -> 0.612-0.614; the demo log 0.537 -> 0.583; README "Mining")."""
    n = len(nodes)
    graphs = []
    for lang in np.unique(languages):
        own = np.flatnonzero(languages == lang)  # node numbers, ascending
        others = np.flatnonzero(languages != lang)
        within, across = knn_across(matrix, nodes[own], config.neighbours, nodes[others], config.cross_neighbours)
        for (idx, sims), found, scale in ((within, own, 1.0), (across, others, config.cross_weight)):
            keep = sims.ravel() > 0
            pairs = np.column_stack([np.repeat(own, idx.shape[1])[keep], found[idx.ravel()[keep]]])
            graphs.append(_edges(n, pairs, sims.ravel()[keep], scale=scale))
    return graphs


def _edges(n: int, pairs: np.ndarray, weights: np.ndarray, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """One graph's undirected edges among ``n`` nodes as (keys ``low * n + high``, ascending;
    ``scale`` x weight), an edge listed from both ends once, at the larger of its weights. Kept in
    numpy until the one igraph is made: joining igraph graphs went through Python lists of every
    edge (at 100,000 inquiries in five languages, 400 MB more at clustering's peak)."""
    low, high = np.minimum(pairs[:, 0], pairs[:, 1]), np.maximum(pairs[:, 0], pairs[:, 1])
    keep = low != high
    keys, merged = _combine(low[keep].astype(np.int64) * n + high[keep], np.asarray(weights, float)[keep], np.maximum)
    return keys, scale * merged


def _combine(keys: np.ndarray, weights: np.ndarray, reduce: np.ufunc) -> tuple[np.ndarray, np.ndarray]:
    """Each distinct key once, ascending, with ``reduce`` of its weights."""
    order = np.argsort(keys, kind="stable")
    keys, weights = keys[order], weights[order]
    starts = np.flatnonzero(np.diff(keys, prepend=-1))  # keys are >= 0: the first always starts
    return keys[starts], reduce.reduceat(weights, starts)


def _knn_edges(matrix: np.ndarray, k: int, rows: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """The positive-similarity edges of :func:`knn` (nodes numbered by their place in ``rows``) as (pairs, weights)."""
    idx, sims = knn(matrix, k, rows=rows)
    src = np.repeat(np.arange(len(idx)), idx.shape[1])
    keep = sims.ravel() > 0
    return np.column_stack([src[keep], idx.ravel()[keep]]), sims.ravel()[keep]


def merge_close(matrix: np.ndarray, labels: np.ndarray, threshold: float) -> np.ndarray:
    """Join clusters whose centroids are at least ``threshold`` alike (one question split in two)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    ids = np.unique(labels[labels >= 0])
    if len(ids) < 2:
        return labels
    centroids = np.stack([matrix[labels == c].mean(axis=0) for c in ids])
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    _, component = connected_components(csr_matrix(centroids @ centroids.T >= threshold), directed=False)
    lookup = dict(zip(ids.tolist(), component.tolist(), strict=True))
    return np.array([lookup[c] if c >= 0 else -1 for c in labels.tolist()])


def cluster(
    texts: Sequence[str],
    langs: Sequence[str],
    encoder: Encoder | None,
    config: MiningConfig = DEFAULT_CONFIG,
    on_progress: OnProgress = no_progress,
    *,
    channels: Sequence[str] | None = None,
    extra: Sequence[Encoder] = (),
) -> Clustering:
    """Features, then communities in each space; labels are unique across spaces; ``extra``: second
    models' opinions inside the dense space (:func:`kb.mining.features.second_reader`)."""
    result = build_spaces(texts, langs, encoder, config, on_progress, channels, extra)
    on_progress("clustering", 0.0)
    next_label = 0
    lang_of = np.asarray(langs, dtype=object)
    for i, space in enumerate(result.spaces):
        # Greetings and thanks ask nothing; left in, they glue unrelated questions together.
        asking = np.array([not is_courtesy(texts[r], langs[r]) for r in space.rows], bool)
        labels = np.full(len(space.rows), -1)
        if asking.any():
            labels[asking] = leiden(
                space.matrix,
                config,
                rows=np.flatnonzero(asking),
                second=space.second,
                lexical=space.lexical,
                languages=lang_of[space.rows],
            )
            if config.merge_cosine:
                labels = merge_close(space.matrix, labels, config.merge_cosine)
        found = labels >= 0
        result.labels[space.rows[found]] = labels[found] + next_label
        next_label += int(labels.max()) + 1 if found.any() else 0
        on_progress("clustering", (i + 1) / len(result.spaces))
    return result
