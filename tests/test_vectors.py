"""Dense vector sets: exact top-k search, filter masks, and the atomic on-disk store."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from search.vectors import VectorSet, VectorStore


def unit(rows) -> np.ndarray:
    m = np.asarray(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


@pytest.fixture
def vs() -> VectorSet:
    """Four sections of three articles, rows of unit length, with 'status category' filters."""
    return VectorSet(
        ids=["en/refunds#", "en/refunds#how-long", "en/parcels#", "en/account#"],
        hashes=["h0", "h1", "h2", "h3"],
        matrix=unit([[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0, 0, 1]]),
        filters=["published billing", "published billing", "draft shipping", "published account"],
    )


# -- VectorSet.top -----------------------------------------------------------------------------


def test_top_returns_most_similar_first_with_cosine_scores(vs):
    query = unit([[1, 0.05, 0]])[0]
    out = vs.top(query, k=4)
    assert [i for i, _ in out][:2] == ["en/refunds#", "en/refunds#how-long"]
    scores = [s for _, s in out]
    assert scores == sorted(scores, reverse=True)
    expected = {i: float(vs.matrix[n] @ query) for n, i in enumerate(vs.ids)}
    assert dict(out) == pytest.approx(expected)
    assert all(-1.0 - 1e-6 <= s <= 1.0 + 1e-6 for s in scores)


def test_top_identical_vector_scores_one(vs):
    out = vs.top(vs.matrix[2], k=1)
    assert out == [("en/parcels#", pytest.approx(1.0))]


@pytest.mark.parametrize("k,expected", [(1, 1), (2, 2), (4, 4), (100, 4), (0, 0)])
def test_top_returns_at_most_k_rows(vs, k, expected):
    assert len(vs.top(unit([[1, 1, 1]])[0], k=k)) == expected


def test_top_of_an_empty_set_is_empty():
    empty = VectorSet([], [], np.zeros((0, 3), dtype=np.float32))
    assert empty.top(np.ones(3, dtype=np.float32), k=5) == []


def test_top_dimension_mismatch_raises(vs):
    with pytest.raises(ValueError):
        vs.top(np.ones(5, dtype=np.float32), k=2)


def test_top_only_among_allowed_rows(vs):
    allowed = np.array([False, True, False, True])
    out = vs.top(unit([[1, 0, 0]])[0], k=4, allowed=allowed)
    assert [i for i, _ in out] == ["en/refunds#how-long", "en/account#"]


def test_top_with_nothing_allowed_is_empty(vs):
    assert vs.top(unit([[1, 0, 0]])[0], k=3, allowed=np.zeros(4, dtype=bool)) == []


def test_by_hash_maps_content_hash_to_its_row(vs):
    rows = vs.by_hash()
    assert set(rows) == {"h0", "h1", "h2", "h3"}
    np.testing.assert_array_equal(rows["h2"], vs.matrix[2])


# -- masks and articles ------------------------------------------------------------------------


def test_mask_is_none_without_filters():
    plain = VectorSet(["en/a#"], ["h"], unit([[1, 0]]))
    assert plain.mask(("published",), None) is None


def test_mask_by_status_and_category(vs):
    assert vs.mask(("published",), None).tolist() == [True, True, False, True]
    assert vs.mask(("published",), "billing").tolist() == [True, True, False, False]
    assert vs.mask(("published", "draft"), "shipping").tolist() == [False, False, True, False]
    assert vs.mask(("archived",), None).tolist() == [False, False, False, False]


def test_mask_is_cached_per_status_and_category(vs):
    first = vs.mask(("published",), "billing")
    assert vs.mask(("published",), "billing") is first
    assert vs.mask(["published"], "billing") is first  # statuses as a list hit the same entry
    assert vs.mask(("published",), "account") is not first


def test_filtered_top_applies_before_ranking(vs):
    """The draft row is the best match but a published-only search never sees it."""
    query = unit([[0, 1, 0]])[0]
    assert vs.top(query, k=1)[0][0] == "en/parcels#"
    out = vs.top(query, k=1, allowed=vs.mask(("published",), None))
    assert out[0][0] != "en/parcels#"


def test_articles_of_all_rows_and_of_a_mask(vs):
    assert vs.articles(None) == {"refunds", "parcels", "account"}
    billing = vs.mask(("published",), "billing")
    assert vs.articles(billing) == {"refunds"}
    assert vs.articles(billing) is vs.articles(billing)  # cached per mask
    assert vs.articles(vs.mask(("archived",), None)) == set()


# -- centred cosines (cross-language matching) ------------------------------------------------


def test_centred_top_is_the_cosine_with_each_row_minus_the_sets_mean(vs):
    mean = vs.matrix.mean(axis=0)
    query = unit([[0.2, 1, 0.3]])[0]
    out = dict(vs.top(query, k=4, centred=True))
    rows = vs.matrix - mean
    expected = {i: float(rows[n] @ query / np.linalg.norm(rows[n])) for n, i in enumerate(vs.ids)}
    assert out == pytest.approx(expected, abs=1e-5)


def test_centring_removes_what_every_row_shares():
    """Rows that share a large common part (a language's corner) are told apart by the rest."""
    shared = np.array([0, 0, 0, 1], dtype=np.float32)
    matrix = unit([shared * 5 + [1, 0, 0, 0], shared * 5 + [0, 1, 0, 0], shared * 5 + [0, 0, 1, 0]])
    vs = VectorSet(["a#", "b#", "c#"], ["1", "2", "3"], matrix)
    query = unit([[0, 1, 0, 0.2]])[0]  # asks what "b" says, from another corner
    plain = dict(vs.top(query, k=3))
    centred = vs.top(query, k=3, centred=True)
    assert max(plain.values()) - min(plain.values()) < 0.2  # the shared part compresses plain cosines
    assert centred[0][0] == "b#"
    assert centred[0][1] - centred[1][1] > 0.5


def test_centred_top_respects_allowed_rows(vs):
    query = unit([[1, 0, 0]])[0]
    allowed = vs.mask(("published",), "account")
    assert [i for i, _ in vs.top(query, k=4, allowed=allowed, centred=True)] == ["en/account#"]


def test_cosines_are_the_plain_cosines_of_the_named_rows_in_their_order(vs):
    query = unit([[0.5, 0.5, 0.1]])[0]
    ids = ["en/account#", "en/refunds#"]
    got = vs.cosines(query, ids)
    assert got.tolist() == pytest.approx([float(vs.matrix[3] @ query), float(vs.matrix[0] @ query)])
    assert vs.cosines(query, []).shape == (0,)


def test_cosines_of_an_unknown_id_raise(vs):
    with pytest.raises(KeyError):
        vs.cosines(unit([[1, 0, 0]])[0], ["en/nowhere#"])


# -- VectorStore ------------------------------------------------------------------------------


def test_read_of_a_missing_language_is_none(tmp_path):
    assert VectorStore(str(tmp_path / "none-yet")).read("en") is None


def test_write_read_round_trip(tmp_path, vs):
    store = VectorStore(str(tmp_path / "vectors"))
    store.write("en", vs)
    got = VectorStore(str(tmp_path / "vectors")).read("en")  # a fresh reader, nothing cached
    assert got is not None
    assert got.ids == vs.ids and got.hashes == vs.hashes and got.filters == vs.filters
    assert got.matrix.dtype == np.float32
    np.testing.assert_allclose(got.matrix, vs.matrix)
    assert got.top(vs.matrix[0], k=1)[0][0] == "en/refunds#"


def test_round_trip_without_filters_and_float64_input(tmp_path):
    store = VectorStore(str(tmp_path))
    m = unit([[3, 4], [4, 3]]).astype(np.float64)
    store.write("th", VectorSet(["th/a#", "th/b#"], ["x", "y"], m))
    got = store.read("th")
    assert got.filters is None
    assert got.matrix.dtype == np.float32
    np.testing.assert_allclose(got.matrix, m, rtol=1e-6)


def test_languages_are_stored_separately(tmp_path):
    store = VectorStore(str(tmp_path))
    store.write("en", VectorSet(["en/a#"], ["h"], unit([[1, 0]])))
    store.write("fa", VectorSet(["fa/b#", "fa/c#"], ["i", "j"], unit([[0, 1], [1, 1]])))
    assert store.read("en").ids == ["en/a#"]
    assert store.read("fa").ids == ["fa/b#", "fa/c#"]
    assert store.read("th") is None


def test_files_follow_the_documented_layout(tmp_path, vs):
    """``<dir>/<lang>.json`` names the current ``<lang>.<version>.npy``; no temporary file is left."""
    store = VectorStore(str(tmp_path))
    store.write("en", vs)
    meta = json.loads((tmp_path / "en.json").read_text(encoding="utf-8"))
    assert (tmp_path / meta["file"]).is_file()
    assert meta["file"].startswith("en.") and meta["file"].endswith(".npy")
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


def test_rewrite_gives_a_new_version_and_keeps_only_the_previous_matrix(tmp_path):
    """Readers may still be opening the previous matrix; anything older is removed; other languages untouched."""
    store = VectorStore(str(tmp_path))
    store.write("fa", VectorSet(["fa/x#"], ["f"], unit([[1, 0]])))
    files = []
    for n in range(4):
        store.write("en", VectorSet([f"en/a{n}#"], [f"h{n}"], unit([[1, n]])))
        files.append(json.loads((tmp_path / "en.json").read_text(encoding="utf-8"))["file"])
        assert store.read("en").ids == [f"en/a{n}#"]
    assert len(set(files)) == 4  # each write names a new matrix
    npys = sorted(n for n in os.listdir(tmp_path) if n.startswith("en.") and n.endswith(".npy"))
    assert npys == sorted(files[-2:])
    assert store.read("fa").ids == ["fa/x#"]


def test_unrelated_npy_files_are_not_deleted(tmp_path):
    store = VectorStore(str(tmp_path))
    (tmp_path / "en.backup.npy").write_bytes(b"keep")
    for n in range(3):
        store.write("en", VectorSet([f"en/a{n}#"], ["h"], unit([[1, 0]])))
    assert (tmp_path / "en.backup.npy").read_bytes() == b"keep"


def test_read_is_cached_until_the_json_changes(tmp_path, vs):
    store = VectorStore(str(tmp_path))
    store.write("en", vs)
    first = store.read("en")
    assert store.read("en") is first
    store.write("en", VectorSet(["en/new#"], ["n"], unit([[1, 0, 0]])))
    second = store.read("en")
    assert second is not first and second.ids == ["en/new#"]


def test_read_rejects_ids_that_do_not_match_the_matrix(tmp_path):
    store = VectorStore(str(tmp_path))
    store.write("en", VectorSet(["en/a#", "en/b#", "en/c#"], ["1", "2", "3"], unit([[1, 0], [0, 1]])))
    with pytest.raises(ValueError, match="3 ids but 2 vectors"):
        store.read("en")


def test_top_takes_a_read_only_or_float64_query(vs):
    """Cached query vectors are read-only; another dtype is cast to the matrix's, not the matrix to it."""
    query = unit([[1, 0.05, 0]])[0]
    frozen = query.copy()
    frozen.setflags(write=False)
    expected = vs.top(query, k=4)
    assert vs.top(frozen, k=4) == expected
    assert [i for i, _ in vs.top(query.astype(np.float64), k=4)] == [i for i, _ in expected]
    assert dict(vs.top(query.astype(np.float64), k=4)) == pytest.approx(dict(expected))
