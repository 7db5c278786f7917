"""e5's XLM-R unigram tokenizer: the Hugging Face ``tokenizers`` Unigram model over the model file's
pieces and scores, fed text already normalised here (``str.translate`` with the file's map, space
runs collapsed, metaspace); :meth:`E5Tokenizer.reference_ids` is a line-by-line Python port of
``e5.c``'s ``tok_content`` that checks it, and serves alone where memory counts more than speed:
tokenizers' Unigram holds ~260 MB for the 250,002 pieces, the port's dictionary ~40 MB, at ~0.2 ms
a question and ~1.5 ms a 400-character passage against 0.04 ms a question."""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .e5_file import META, E5Vocab, read_e5_bin

if TYPE_CHECKING:
    from tokenizers import Tokenizer

_SPACE_RUNS = re.compile(" {2,}")


class E5Tokenizer:
    """e5.c's ``tok_content``: per-codepoint map, space runs collapsed, metaspace, unigram Viterbi."""

    def __init__(
        self,
        norm: dict[int, str],
        bos: int,
        eos: int,
        unk: int,
        fast: Tokenizer | None,
        *,
        source: Path | None = None,
        vocab: E5Vocab | None = None,
    ):
        self.bos, self.eos, self.unk = bos, eos, unk
        self._table = dict(norm)
        self._fast = fast  # tokenizers.Tokenizer over the same pieces and scores; None: the port alone
        self._source = source  # the model file: reference_ids reads the vocabulary from it on demand
        self._vocab = vocab
        self._piece_ids: dict[str, int] | None = None
        self._reach: dict[str, int] = {}  # two characters -> the longest piece beginning so (_lookup)
        self._scores = array("f")
        self._unk_score = 0.0
        if fast is None:
            self._lookup()  # now, not on a first call that several threads may make at once

    @staticmethod
    def build_fast(vocab: E5Vocab) -> Tokenizer:
        """A ``tokenizers`` Unigram over the file's pieces: no normalizer, no pre-tokenizer.

        The unknown piece is renamed so it can never match text (normalised text has no U+0020):
        e5.c never matches it either. Empty pieces get the same treatment (e5.c skips them).
        """
        from tokenizers import Tokenizer
        from tokenizers.models import Unigram

        entries: list[tuple[str, float]] = []
        for i, (piece, score) in enumerate(zip(vocab.pieces, vocab.scores.tolist(), strict=True)):
            name = f" <unmatchable {i}>" if i == vocab.unk or not piece else piece
            entries.append((name, score))
        return Tokenizer(Unigram(entries, vocab.unk, False))

    def normalize(self, text: str) -> str:
        """The string the Viterbi runs over: mapped, runs of spaces collapsed, metaspace prefixed."""
        text = text.split("\x00", 1)[0]  # the C engine gets a NUL-terminated string
        s = _SPACE_RUNS.sub(" ", text.translate(self._table))
        if not s.startswith(" "):
            s = " " + s
        return s.replace(" ", META)

    def content_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Content token ids (no <s>/</s>) for each text, prefix included by the caller."""
        if not texts:
            return []
        if self._fast is None:
            return [self.reference_ids(t) for t in texts]
        encs = self._fast.encode_batch([self.normalize(t) for t in texts], add_special_tokens=False)
        out: list[list[int]] = []
        for enc in encs:
            ids = enc.ids
            if self.unk in ids:
                # tokenizers fuses a run of unknown characters into one token; e5.c emits one per
                # character. The Viterbi path is the same, so expand each fused token by its span.
                expanded: list[int] = []
                for tid, (a, b) in zip(ids, enc.offsets, strict=True):
                    expanded.extend([tid] * max(1, b - a) if tid == self.unk else [tid])
                ids = expanded
            out.append(ids)
        return out

    def reference_ids(self, text: str) -> list[int]:
        """Pure-Python port of e5.c's ``tok_content`` (float32 scores, same tie-breaking).

        e5.c tries every substring up to its longest piece at each position; here the walk from a
        position ends at the longest piece that begins with its two characters (:meth:`_lookup`),
        the same candidates in about half the time. Sums are rounded to float32 through an
        ``array('f')`` slot, as the C engine's floats are: the sum of two float32 values is exact in
        a Python float, so the rounding is the engine's."""
        vocab, lookup = self._lookup()
        chars = self.normalize(text)
        n = len(chars)
        best = array("f", [-1e30]) * (n + 1)
        best[0] = 0.0
        slot = array("f", [0.0])
        bp = [0] * (n + 1)
        bf = [0] * (n + 1)
        get, reach, scores, unk_score = lookup.get, self._reach.get, self._scores, self._unk_score
        for i in range(n):
            here = best[i]
            if here <= -1e29:
                continue
            for e in range(i + 1, min(n, i + max(reach(chars[i : i + 2], 0), 1)) + 1):
                idx = get(chars[i:e])
                if idx is not None:
                    slot[0] = here + scores[idx]
                    if slot[0] > best[e]:
                        best[e], bp[e], bf[e] = slot[0], idx, i
            slot[0] = here + unk_score
            if slot[0] > best[i + 1]:
                best[i + 1], bp[i + 1], bf[i + 1] = slot[0], -1, i
        ids: list[int] = []
        i = n
        while i > 0:
            ids.append(vocab.unk if bp[i] < 0 else bp[i])
            i = bf[i]
        return ids[::-1]

    def _lookup(self) -> tuple[E5Vocab, dict[str, int]]:
        """The vocabulary and its piece -> id dictionary, read on first use, with the length of the
        longest piece that begins with each two characters (41,603 of them, ~1.5 MB)."""
        if self._vocab is None:
            if self._source is None:
                raise RuntimeError("reference_ids needs the vocabulary or the model file")
            self._vocab = read_e5_bin(self._source)[1]
        if self._piece_ids is None:
            vocab = self._vocab
            ids = {p: i for i, p in enumerate(vocab.pieces) if p and i != vocab.unk}
            for piece in ids:
                self._reach[piece[:2]] = max(self._reach.get(piece[:2], 0), len(piece))
            self._scores = array("f", vocab.scores.astype(np.float32).tobytes())  # read back as Python floats
            self._unk_score = float(np.float32(vocab.unk_score))
            self._piece_ids = ids
        return self._vocab, self._piece_ids
