"""search/embeddings.py without a model: the lead of a passage (what e5 reads of it)."""

from __future__ import annotations

import pytest

from search.embeddings import (
    CUT_SLACK,
    E5_INT8,
    Encoder,
    Windowed,
    _E5Backend,
    _E5TorchBackend,
    lead,
)
from search.st_backend import MINILM, SentenceTransformerBackend


def words(text: str) -> int:
    return len(text.split())


def test_a_passage_within_the_limit_is_read_whole():
    text = "Track your order from the warehouse to your door."
    assert lead(text, 9, words) == text
    assert lead(text, 50, words) == text


def test_a_long_passage_is_cut_after_the_last_word_that_fits():
    text = "one two three four five six seven eight nine ten"
    assert lead(text, 4, words) == "one two three four"
    assert lead(text + "\n\nmore text here", 10, words) == text


def test_a_script_without_spaces_is_cut_between_characters():
    thai = "ติดตามคำสั่งซื้อของคุณจากคลังสินค้าถึงหน้าบ้าน"
    assert lead(thai, 12, len) == thai[:12]


@pytest.mark.parametrize("limit", [1, 7, 30, 64])
def test_the_lead_never_exceeds_the_limit_and_is_a_start_of_the_text(limit):
    text = " ".join(f"w{i}" * (i % 5 + 1) for i in range(80))

    def pieces(t: str) -> int:  # roughly a subword count: longer words cost more
        return sum(len(w) // 3 + 1 for w in t.split())

    cut = lead(text, limit, pieces)
    assert text.startswith(cut) and pieces(cut) <= limit
    assert pieces(text[: len(cut) + CUT_SLACK + 8]) > limit  # not cut needlessly early (the slack + a word)


def test_only_e5_takes_the_lead_and_its_vectors_say_so():
    assert Encoder(MINILM).passage_tokens == 0  # sentence-transformers truncate at their own limit
    assert Encoder(E5_INT8, passage_tokens=256).passage_tokens == 256
    assert Encoder(passage_tokens=0).passage_tokens == 0
    # Only the engines that window a long passage are handed its lead.
    assert issubclass(_E5Backend, Windowed) and issubclass(_E5TorchBackend, Windowed)
    assert not issubclass(SentenceTransformerBackend, Windowed)
