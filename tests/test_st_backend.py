"""search/st_backend.py with the real all-MiniLM-L6-v2: int8, then bfloat16, kept only where they keep the vectors."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from search import st_backend
from search.embeddings import EmbeddingUnavailable, Encoder
from search.st_backend import MINILM, MPNET, PROBES, SentenceTransformerBackend, native_bfloat16, resolve_model_path

pytestmark = pytest.mark.model


def test_minilm_keeps_int8(minilm):
    backend = minilm._load()
    assert isinstance(backend, SentenceTransformerBackend) and backend.precision == "int8"


def _forward_refused(*_args, **_kwargs):
    raise AssertionError("the library's forward ran")


@pytest.mark.parametrize("quantize", [True, False])
def test_a_bert_model_embeds_one_text_through_its_own_modules_with_the_librarys_vectors(monkeypatch, quantize):
    backend = SentenceTransformerBackend(MINILM, None, quantize=quantize)
    texts = ["Tracking says delivered but the box never came.", "Kann ich auf Rechnung zahlen?", "x " * 400]
    want = np.stack([st_backend._embed(backend._model, t) for t in texts])  # the library's forward
    monkeypatch.setattr(backend._model, "forward", _forward_refused)
    got = np.stack([backend.query(t) for t in texts])  # never the library's forward
    assert (got * want).sum(axis=1).min() > 0.99999 and got.dtype == np.float32


def _fails(*_args, **_kwargs):
    raise KeyError("a layout the lean forward does not know")


@pytest.mark.parametrize("spoil", ["strays", "fails"])
def test_a_lean_forward_that_strays_from_the_library_or_fails_is_not_used(monkeypatch, spoil):
    if spoil == "strays":
        monkeypatch.setattr(st_backend, "LEAN_KEEPS", 1.01)  # no cosine reaches it
    else:  # in float32 no int8 check reads the probes: only the lean forward's check does, and it breaks
        monkeypatch.setattr(st_backend, "_probes", _fails)
    backend = SentenceTransformerBackend(MINILM, None, quantize=spoil == "strays")
    want = backend.query("Where is my parcel?")
    monkeypatch.setattr(backend._model, "forward", _forward_refused)
    with pytest.raises(AssertionError, match="forward ran"):
        backend.query("Where is my parcel?")
    assert want.shape == (384,)


def _scramble(model) -> None:
    """What int8 did to all-mpnet-base-v2 (median cosine 0.56 to float32), done to MiniLM: every
    linear layer's weights disturbed as far as their own spread."""
    import torch

    gen = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.Linear):
                module.weight.add_(torch.randn(module.weight.shape, generator=gen) * module.weight.std())


def test_a_model_whose_vectors_int8_moves_runs_in_float32_without_hardware_bfloat16(monkeypatch, caplog):
    monkeypatch.setattr(st_backend, "quantize_linear", _scramble)
    monkeypatch.setattr(st_backend, "native_bfloat16", lambda: False)
    with caplog.at_level(logging.WARNING, logger="search.st_backend"):
        guarded = SentenceTransformerBackend(MINILM, None, quantize=True)
    assert guarded.precision == "float32"
    assert "runs in float32" in caplog.text
    plain = SentenceTransformerBackend(MINILM, None, quantize=False)
    assert np.allclose(guarded.queries(list(PROBES)), plain.queries(list(PROBES)), atol=1e-5)


@pytest.mark.skipif(not native_bfloat16(), reason="this processor does not compute bfloat16 in hardware")
def test_a_model_whose_vectors_int8_moves_runs_in_bfloat16_where_the_processor_computes_it(monkeypatch):
    monkeypatch.setattr(st_backend, "quantize_linear", _scramble)
    guarded = SentenceTransformerBackend(MINILM, None, quantize=True)
    assert guarded.precision == "bfloat16"
    plain = SentenceTransformerBackend(MINILM, None, quantize=False)
    texts = [*PROBES, "Tracking says delivered but the box never came."]  # one the check did not see
    for vecs in (guarded.queries(texts), np.stack([guarded.query(t) for t in texts])):
        assert vecs.dtype == np.float32 and np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
        assert ((vecs * plain.queries(texts)).sum(axis=1) > 0.99).all()


def test_bfloat16_that_moves_the_vectors_is_not_kept_either(monkeypatch, caplog):
    monkeypatch.setattr(st_backend, "quantize_linear", _scramble)
    monkeypatch.setattr(st_backend, "native_bfloat16", lambda: True)
    monkeypatch.setattr(st_backend, "BFLOAT16_KEEPS", 1.01)  # no cosine reaches it
    with caplog.at_level(logging.WARNING, logger="search.st_backend"):
        guarded = SentenceTransformerBackend(MINILM, None, quantize=True)
    assert guarded.precision == "float32" and "runs in float32" in caplog.text
    plain = SentenceTransformerBackend(MINILM, None, quantize=False)
    assert np.allclose(guarded.queries(list(PROBES)), plain.queries(list(PROBES)), atol=1e-5)


def test_int8_is_kept_against_a_model_it_barely_moves(monkeypatch):
    calls = []
    monkeypatch.setattr(st_backend, "quantize_linear", calls.append)  # int8 that changes nothing
    backend = SentenceTransformerBackend(MINILM, None, quantize=True)
    assert backend.precision == "int8" and len(calls) == 1


def test_a_missing_model_is_unavailable_not_a_crash(tmp_path):
    with pytest.raises(EmbeddingUnavailable, match="cannot load embedding model"):
        Encoder(str(tmp_path / "no-such-model")).encode(["parcel"])


def test_weights_that_fail_to_load_are_unavailable_not_a_crash(monkeypatch):
    def unreadable(path):
        raise OSError(f"{path}/model.safetensors: truncated file")

    monkeypatch.setattr(st_backend, "_float32", unreadable)
    encoder = Encoder(MINILM)
    assert encoder.representability(["Where is my parcel?"], "en").whole_word_rate == 1.0  # the tokenizer loads
    with pytest.raises(EmbeddingUnavailable, match="truncated file"):
        encoder.encode(["parcel"])


def test_measuring_a_language_loads_the_tokenizer_not_the_weights():
    encoder = Encoder(MINILM)
    rep = encoder.representability(["Where is my parcel? I ordered it two weeks ago."], "en")
    assert rep.whole_word_rate > 0.9 and encoder.dense_weight(rep) == 1.0
    backend = encoder._load()
    assert isinstance(backend, SentenceTransformerBackend) and backend._loaded is None
    assert encoder.encode(["parcel"]).shape == (1, 384) and backend._loaded is not None


def test_mpnet_is_found_where_its_install_script_puts_it_and_runs_without_int8(monkeypatch, tmp_path, mpnet):
    assert mpnet.encode_query("Where is my parcel?").shape == (768,)  # the installed one
    backend = mpnet._load()
    assert mpnet.quantize and isinstance(backend, SentenceTransformerBackend)
    assert backend.precision == ("bfloat16" if native_bfloat16() else "float32")
    assert st_backend._lean_bert(backend._model) is None  # MPNet is no BERT: the library's forward
    monkeypatch.setattr("sys.prefix", str(tmp_path))
    with pytest.raises(FileNotFoundError, match=r"install-mpnet\.sh"):
        resolve_model_path(MPNET)
