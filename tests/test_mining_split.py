"""Clusters split by the article that answers them (kb.mining.coverage.split_by_answer): the
inquiries one article answers leave a cluster whose other inquiries it does not answer; a cluster
of one need stays whole. Hand-made vectors here; StackFAQ and the demo log measure it with the
real model (``python -m kb.evaluation.eval coverage``, tests/test_mining.py)."""

from __future__ import annotations

import numpy as np

from kb import mining
from search import Document
from tests.test_mining import _TextEncoder

CONFIG = mining.MiningConfig()  # answered within 0.05 of the reference, partly within 0.055, groups of 3


def unit(**axes: float) -> np.ndarray:
    v = np.zeros(16, dtype=np.float32)
    for axis, value in axes.items():
        v[int(axis[1:])] = value
    return v / np.linalg.norm(v)


def help_center(langs=("en",)) -> tuple[dict[str, list[Document]], _TextEncoder]:
    """Six articles in each of ``langs``; each text meets its own title at 0.9 (the reference).
    Articles a0 and a1 ask nearly the same question (their titles meet at 0.98); the others are
    apart."""
    titles = {0: unit(e0=1.0), 1: unit(e0=1.0, e1=0.2), **{i: unit(**{f"e{i}": 1.0}) for i in range(2, 6)}}
    vectors: dict[str, np.ndarray] = {}
    docs: dict[str, list[Document]] = {lang: [] for lang in langs}
    for i, title in titles.items():
        vectors[f"Question {i}"] = title
        vectors[f"Question {i}\nAnswer {i}."] = 0.9 * title + float(np.sqrt(1 - 0.81)) * unit(**{f"e{8 + i}": 1.0})
        for lang in langs:
            docs[lang].append(Document(lang, f"a{i}", f"Question {i}", f"Answer {i}."))
    encoder = _TextEncoder(vectors)
    return docs, encoder


def clustering(rows: np.ndarray, langs: list[str]) -> mining.Clustering:
    """One dense space, every row in cluster 0."""
    langs_arr = np.asarray(langs)
    lang_rows = {lang: np.flatnonzero(langs_arr == lang) for lang in sorted(set(langs))}
    space = mining.Space(tuple(sorted(set(langs))), np.arange(len(rows)), rows, True, raw=rows)
    return mining.Clustering(np.zeros(len(rows), np.int64), [space], dict.fromkeys(langs, 1.0), lang_rows=lang_rows)


def test_a_cluster_splits_where_one_article_answers_part_of_it_in_any_language():
    docs, encoder = help_center(("en", "th"))
    answering = mining.Answering.build(docs, ["en", "th"], encoder, CONFIG)
    assert abs(answering.reference - 0.9) < 1e-4
    asks_a2 = unit(e2=1.0)  # article a2's own question
    unanswered = unit(e15=1.0)
    rows = np.stack([asks_a2, asks_a2, asks_a2, unanswered, unanswered, unanswered, unanswered])
    result = clustering(rows, ["en", "en", "th", "en", "th", "en", "en"])
    assert mining.split_by_answer(result, answering, CONFIG) == 1
    # a2's askers in both languages leave together; the unanswered stay under the old label
    assert len(set(result.labels[:3].tolist())) == 1 and result.labels[0] != 0
    assert result.labels[3:].tolist() == [0, 0, 0, 0]


def test_a_cluster_of_one_need_that_two_close_articles_answer_stays_whole():
    docs, encoder = help_center()
    answering = mining.Answering.build(docs, ["en"], encoder, CONFIG)
    # Three lean to a0, three to a1; each article answers the other three nearly as well.
    rows = np.stack([unit(e0=1.0, e1=-0.1)] * 3 + [unit(e0=1.0, e1=0.3)] * 3)
    result = clustering(rows, ["en"] * 6)
    assert mining.split_by_answer(result, answering, CONFIG) == 0
    assert result.labels.tolist() == [0] * 6


def test_too_few_answered_or_too_few_left_split_nothing():
    docs, encoder = help_center()
    answering = mining.Answering.build(docs, ["en"], encoder, CONFIG)
    asks_a2, unanswered = unit(e2=1.0), unit(e15=1.0)
    two_answered = clustering(np.stack([asks_a2] * 2 + [unanswered] * 4), ["en"] * 6)
    two_left = clustering(np.stack([asks_a2] * 4 + [unanswered] * 2), ["en"] * 6)
    assert mining.split_by_answer(two_answered, answering, CONFIG) == 0
    assert mining.split_by_answer(two_left, answering, CONFIG) == 0
    assert two_answered.labels.tolist() == two_left.labels.tolist() == [0] * 6


def test_the_split_clusters_get_their_own_verdicts():
    docs, encoder = help_center()
    answering = mining.Answering.build(docs, ["en"], encoder, CONFIG)
    asks_a2, unanswered = unit(e2=1.0), unit(e15=1.0)
    rows = np.stack([asks_a2] * 3 + [unanswered] * 4)
    texts = [f"inquiry {i}" for i in range(len(rows))]
    result = clustering(rows, ["en"] * len(rows))
    before = mining.summarize(result, texts, ["en"] * len(rows), CONFIG)
    mining.assess_coverage(before, docs, answering, CONFIG)
    assert [s.coverage for s in before] == ["gap"]  # the median inquiry is the unanswered one
    mining.split_by_answer(result, answering, CONFIG)
    after = mining.summarize(result, texts, ["en"] * len(rows), CONFIG)
    mining.assess_coverage(after, docs, answering, CONFIG)
    verdicts = sorted((len(s.members), s.coverage, s.nearest["slug"]) for s in after)
    assert verdicts[0] == (3, "answered", "a2") and verdicts[1][:2] == (4, "gap")
