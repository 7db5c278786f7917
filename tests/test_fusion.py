"""Rank fusion: weighted reciprocal rank (rrf) and weighted max-normalised scores (convex)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.fusion import RRF_K, convex, rrf

# Small alphabets of keys so that generated rankings overlap and produce ties.
keys = st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=8)
# Weights come from settings and measured coverage: 0 (off) or ordinary sizes, never subnormal
# floats whose quotient underflows to 0.
weights = st.one_of(st.just(0.0), st.floats(min_value=-1.0, max_value=-1e-6), st.floats(min_value=1e-6, max_value=5.0))


# -- reciprocal rank fusion --------------------------------------------------------------------


def test_rrf_default_k_is_60():
    assert RRF_K == 60


def test_rrf_single_ranking_scores_have_the_reciprocal_rank_shape():
    """score(rank r) = weight / (k + r), ranks counted from 1."""
    fused = dict(rrf([(2.0, ["a", "b", "c"])]))
    for rank, key in enumerate("abc", start=1):
        assert fused[key] == pytest.approx(2.0 / (RRF_K + rank))


def test_rrf_k_parameter_is_used():
    fused = dict(rrf([(1.0, ["a", "b"])], k=1))
    assert fused == pytest.approx({"a": 1 / 2, "b": 1 / 3})


def test_rrf_sums_contributions_across_rankings():
    fused = dict(rrf([(1.0, ["a", "b"]), (0.5, ["b", "c"])]))
    assert fused["a"] == pytest.approx(1 / 61)
    assert fused["b"] == pytest.approx(1 / 62 + 0.5 / 61)
    assert fused["c"] == pytest.approx(0.5 / 62)


def test_rrf_document_first_in_both_rankings_is_first():
    fused = rrf([(1.0, ["x", "a", "b"]), (0.3, ["x", "b", "c", "a"])])
    assert fused[0][0] == "x"


@pytest.mark.parametrize("weight", [0.0, -1.0])
def test_rrf_non_positive_weight_drops_the_ranking(weight):
    fused = rrf([(1.0, ["a", "b"]), (weight, ["b", "z"])])
    assert [k for k, _ in fused] == ["a", "b"]
    assert dict(fused)["b"] == pytest.approx(1 / 62)  # nothing added by the dropped list


def test_rrf_empty_inputs():
    assert rrf([]) == []
    assert rrf([(1.0, [])]) == []
    assert rrf([(0.0, ["a"])]) == []


def test_rrf_ties_keep_order_of_first_appearance():
    """Mirror-image rankings of equal weight tie exactly; the key seen first stays first."""
    assert [k for k, _ in rrf([(1.0, ["a", "b"]), (1.0, ["b", "a"])])] == ["a", "b"]
    assert [k for k, _ in rrf([(1.0, ["b", "a"]), (1.0, ["a", "b"])])] == ["b", "a"]


def test_rrf_higher_weight_decides_between_conflicting_rankings():
    assert rrf([(1.0, ["a", "b"]), (2.0, ["b", "a"])])[0][0] == "b"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(weights, keys), max_size=4))
def test_rrf_properties(rankings):
    """Keys are exactly those of positively weighted lists; scores sorted, positive and bounded."""
    fused = rrf(rankings)
    expected_keys = {k for w, ks in rankings if w > 0 for k in ks}
    assert [k for k, _ in fused] == list(dict.fromkeys(k for k, _ in fused))  # no duplicates
    assert {k for k, _ in fused} == expected_keys
    scores = [s for _, s in fused]
    assert scores == sorted(scores, reverse=True)
    bound = sum(w for w, _ in rankings if w > 0) / (RRF_K + 1)
    assert all(0 < s <= bound + 1e-12 for s in scores)
    # Within one list alone, an earlier rank never scores below a later one.
    for w, ks in rankings:
        if w > 0:
            alone = dict(rrf([(w, ks)]))
            assert [alone[k] for k in ks] == sorted(alone.values(), reverse=True)


# -- convex fusion ----------------------------------------------------------------------------


def test_convex_normalises_each_list_by_its_maximum():
    fused = dict(convex([(1.0, [("a", 10.0), ("b", 5.0), ("c", 2.5)])]))
    assert fused == pytest.approx({"a": 1.0, "b": 0.5, "c": 0.25})


def test_convex_weights_are_normalised_to_sum_to_one():
    lex = [("a", 4.0), ("b", 2.0)]
    dense = [("b", 0.9), ("a", 0.45)]
    small = dict(convex([(1.0, lex), (3.0, dense)]))
    large = dict(convex([(10.0, lex), (30.0, dense)]))
    assert small == pytest.approx(large)
    assert small["a"] == pytest.approx(0.25 * 1.0 + 0.75 * 0.5)
    assert small["b"] == pytest.approx(0.25 * 0.5 + 0.75 * 1.0)


def test_convex_clear_winner_is_not_outvoted_by_near_ties():
    """The docstring's point: one side's clear winner beats the other side's near-tie.

    Reciprocal rank sees only the order and ties the two keys; convex fusion uses the sizes.
    """
    lex = [("a", 10.0), ("b", 1.0)]
    dense = [("b", 0.80), ("a", 0.79)]
    by_rank = dict(rrf([(1.0, [k for k, _ in lex]), (1.0, [k for k, _ in dense])]))
    assert by_rank["a"] == pytest.approx(by_rank["b"])
    fused = convex([(1.0, lex), (1.0, dense)])
    assert fused[0][0] == "a"
    assert fused[0][1] > fused[1][1] + 0.3


def test_convex_document_best_on_both_sides_is_first_with_score_one():
    fused = convex([(0.4, [("x", 3.0), ("a", 2.9)]), (0.6, [("x", 0.7), ("b", 0.69)])])
    assert fused[0] == ("x", pytest.approx(1.0))


@pytest.mark.parametrize("weight", [0.0, -2.0])
def test_convex_non_positive_weight_drops_the_list(weight):
    fused = dict(convex([(1.0, [("a", 2.0), ("b", 1.0)]), (weight, [("b", 100.0), ("z", 1.0)])]))
    assert fused == pytest.approx({"a": 1.0, "b": 0.5})


def test_convex_negative_scores_count_as_zero():
    fused = dict(convex([(1.0, [("a", 2.0), ("b", -5.0)])]))
    assert fused == pytest.approx({"a": 1.0, "b": 0.0})


def test_convex_list_without_a_positive_score_contributes_nothing():
    """A side whose best score is <= 0 cannot be max-normalised and adds no keys, but keeps its share."""
    fused = dict(convex([(1.0, [("a", 2.0)]), (1.0, [("z", 0.0), ("y", -1.0)])]))
    assert set(fused) == {"a"}
    assert fused["a"] == pytest.approx(0.5)


def test_convex_empty_inputs():
    assert convex([]) == []
    assert convex([(1.0, [])]) == []
    assert convex([(0.0, [("a", 1.0)])]) == []


def test_convex_ties_keep_order_of_first_appearance():
    assert [k for k, _ in convex([(1.0, [("a", 1.0), ("b", 1.0)])])] == ["a", "b"]
    assert [k for k, _ in convex([(1.0, [("b", 1.0), ("a", 1.0)])])] == ["b", "a"]


scored_lists = st.lists(
    st.tuples(
        weights,
        st.lists(st.tuples(st.sampled_from("abcdefgh"), st.floats(-10, 10)), max_size=8, unique_by=lambda kv: kv[0]),
    ),
    max_size=4,
)


@settings(max_examples=200, deadline=None)
@given(scored_lists)
def test_convex_properties(scored):
    """Scores lie in [0, 1], come sorted, and keys come only from usable, positively weighted lists."""
    fused = convex(scored)
    scores = [s for _, s in fused]
    assert all(0.0 <= s <= 1.0 + 1e-9 and not math.isnan(s) for s in scores)
    assert scores == sorted(scores, reverse=True)
    usable = {k for w, items in scored if w > 0 and items and max(s for _, s in items) > 0 for k, _ in items}
    assert {k for k, _ in fused} == usable


# -- lists that search the reader's language only -----------------------------------------------


def test_convex_an_article_only_elsewhere_is_not_diluted_by_the_lists_that_cannot_reach_it():
    """Keywords (list 0) search the reader's language; meaning-level search (list 1) every language.
    An untranslated article that list 1 ranks first scores list 1's full say, not half of it."""
    lists = [(1.0, [("own", 1.0)]), (1.0, [("far", 1.0), ("own", 0.8)])]
    plain = dict(convex(lists))
    assert plain["own"] > plain["far"]  # 0.9 against 0.5: the old bias
    fused = dict(convex(lists, local={0}, elsewhere={"far"}))
    assert fused["far"] == pytest.approx(1.0)
    assert fused["own"] == pytest.approx(plain["own"])  # in the reader's language: unchanged
    assert fused["far"] > fused["own"]


def test_convex_an_article_only_elsewhere_still_loses_to_a_better_one_in_the_readers_language():
    lists = [(1.0, [("own", 1.0)]), (1.0, [("own", 1.0), ("far", 0.6)])]
    fused = convex(lists, local={0}, elsewhere={"far"})
    assert [k for k, _ in fused] == ["own", "far"]
    assert dict(fused)["far"] == pytest.approx(0.6)


def test_rrf_scales_an_article_only_elsewhere_by_the_weight_that_could_reach_it():
    lists = [(1.0, ["own"]), (3.0, ["far", "own"])]
    plain = dict(rrf(lists, k=1))
    fused = dict(rrf(lists, k=1, local={0}, elsewhere={"far"}))
    assert fused["far"] == pytest.approx(plain["far"] * 4.0 / 3.0)
    assert fused["own"] == pytest.approx(plain["own"])


@pytest.mark.parametrize("fuse", [convex, rrf])
def test_nothing_changes_when_no_local_list_counts(fuse):
    """Keywords off (weight 0, as in dense mode) or nothing marked local: no list was out of reach."""
    lists = [(0.0, [("own", 1.0)]), (1.0, [("far", 1.0), ("own", 0.5)])]
    if fuse is rrf:
        lists = [(w, [k for k, _ in items]) for w, items in lists]
    assert fuse(lists, local={0}, elsewhere={"far"}) == fuse(lists)
    assert fuse(lists, elsewhere={"far"}) == fuse(lists)


@pytest.mark.parametrize("fuse", [convex, rrf])
def test_a_foreign_list_speaks_for_the_articles_elsewhere_and_dilutes_no_other(fuse):
    """The reader's words in the fallback language's keyword index (list 2) rank untranslated
    articles only: it orders them, and an article in the reader's language scores as without it."""
    lists = [(1.0, [("own", 1.0)]), (1.0, [("far1", 1.0), ("far2", 0.9), ("own", 0.8)]), (1.0, [("far2", 1.0)])]
    if fuse is rrf:
        lists = [(w, [k for k, _ in items]) for w, items in lists]
    without = dict(fuse(lists[:2], local={0}, elsewhere={"far1", "far2"}))
    fused = dict(fuse(lists, local={0}, elsewhere={"far1", "far2"}, foreign={2}))
    assert fused["far2"] > fused["far1"] and without["far1"] > without["far2"]
    if fuse is convex:  # a weighted mean of the lists that reach it (rrf's sums are compared by order)
        assert fused["own"] == pytest.approx(without["own"])
