"""Translation memory: what a language's published translations already say for a source paragraph.

The memory of a language is built from the files: every published translation, aligned with its
source by :func:`kb.translation.status.align`, gives one (source paragraph, translated paragraph)
pair per source paragraph it follows (a paragraph changed since is left out: its translation is of
an older text). Drafts, whether files or pending beside a live page, are never memory.

* **Exact**: a source paragraph identical after normalisation (NFC, whitespace collapsed, case
  kept) to a remembered one gets its translation: a new translation starts with it
  (:func:`prefill`), and the editor says which paragraphs came from memory.
* **Near**: for paragraphs still to translate, remembered source paragraphs whose cosine in the
  multilingual encoder's space (e5, encoded as queries: short texts compared with each other) is at
  least :data:`NEAR_THRESHOLD` are offered as suggestions with the word diff between the two source
  paragraphs. Source paragraphs are embedded once per process (cached by text hash), never at import.

The threshold was measured on the demo (``python -m kb.evaluation.memory_eval``): see README
"Translation workflow".
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import threading
import unicodedata
from typing import TYPE_CHECKING, Any

import numpy as np

from kb.content.articles import Article, ArticleNotFound, ArticleStore
from kb.translation import status

if TYPE_CHECKING:
    import numpy.typing as npt

    from search import Encoder

NEAR_THRESHOLD = 0.975  # cosine (e5 query vectors) at or above which a remembered paragraph is offered
MAX_SUGGESTIONS = 3  # per paragraph
_SPACE_RE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, whitespace runs as one space, trimmed; case kept."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclasses.dataclass(frozen=True)
class Entry:
    """One remembered pair: a source paragraph and its published translation, and where it is from."""

    source: str
    translation: str
    slug: str


@dataclasses.dataclass(frozen=True)
class Suggestion:
    """A remembered paragraph whose source is close to (or the same as) one still to translate."""

    index: int  # the source paragraph it is offered for
    score: float  # cosine of the two source paragraphs (1.0 for an exact match)
    entry: Entry
    diff: list[tuple[str, str]]  # word diff from the remembered source paragraph to this one

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "score": round(self.score, 4),
            "slug": self.entry.slug,
            "source": self.entry.source,
            "translation": self.entry.translation,
            "diff": self.diff,
        }


@dataclasses.dataclass
class Memory:
    lang: str
    entries: dict[str, Entry] = dataclasses.field(default_factory=dict)  # normalised source text -> entry

    def __len__(self) -> int:
        return len(self.entries)

    def exact(self, paragraph: str) -> Entry | None:
        return self.entries.get(normalise(paragraph))


def build(store: ArticleStore, lang: str, *, exclude: str | None = None) -> Memory:
    """The memory of ``lang`` from its published translations (leaving out the article ``exclude``)."""
    memory = Memory(lang)
    default = store.default_lang
    if lang == default:
        return memory
    for source in store.articles(default):
        if source.slug == exclude:
            continue
        try:
            translated: Article = store.get(lang, source.slug)
        except ArticleNotFound:
            continue
        if not translated.published:
            continue
        for unit in status.align(source, translated):
            if unit.changed or not unit.previous.strip():
                continue
            memory.entries.setdefault(normalise(unit.source), Entry(unit.source, unit.previous, source.slug))
    return memory


def prefill(body: str, memory: Memory) -> tuple[str, list[int]]:
    """``body`` (a source's Markdown) with each paragraph the memory knows replaced by its translation;
    and the indexes of those paragraphs."""
    out, filled = [], []
    for i, paragraph in enumerate(status.paragraphs(body)):
        entry = memory.exact(paragraph)
        if entry is not None:
            out.append(entry.translation)
            filled.append(i)
        else:
            out.append(paragraph)
    return "\n\n".join(out) + "\n", filled


# -- near matches ------------------------------------------------------------------------------
_vectors: dict[tuple[str, str], npt.NDArray[np.float32]] = {}  # (model id, text hash) -> unit vector
_lock = threading.Lock()


def _key(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def embed(encoder: Encoder, texts: list[str]) -> npt.NDArray[np.float32]:
    """Unit vectors of ``texts`` (e5 query vectors), each text encoded once per process."""
    model = encoder.model_name
    keys = [(model, _key(t)) for t in texts]
    with _lock:
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in _vectors}
    if todo:
        vecs = encoder.encode(list(todo.values()), queries=True)
        with _lock:
            _vectors.update(zip(todo.keys(), vecs, strict=True))
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    with _lock:
        return np.stack([_vectors[k] for k in keys])


def near(
    memory: Memory,
    paragraphs: dict[int, str],
    encoder: Encoder | None,
    *,
    threshold: float = NEAR_THRESHOLD,
    limit: int = MAX_SUGGESTIONS,
) -> list[Suggestion]:
    """Suggestions for the paragraphs ``{index: text}`` still to translate: an exact match (score 1.0)
    or the remembered paragraphs at least ``threshold`` close in the encoder's space, best first.
    Without an encoder only exact matches are offered."""
    out: list[Suggestion] = []
    rest: dict[int, str] = {}
    for i, text in paragraphs.items():
        entry = memory.exact(text)
        if entry is not None:
            out.append(Suggestion(i, 1.0, entry, status.word_diff(entry.source, text)))
        else:
            rest[i] = text
    if encoder is None or not rest or not memory.entries:
        return sorted(out, key=lambda s: s.index)
    entries = list(memory.entries.values())
    mem_vecs = embed(encoder, [e.source for e in entries])
    idx = list(rest)
    sims = embed(encoder, [rest[i] for i in idx]) @ mem_vecs.T
    for row, i in enumerate(idx):
        order = np.argsort(-sims[row])[:limit]
        for j in order:
            score = float(sims[row, j])
            if score < threshold:
                break
            entry = entries[int(j)]
            out.append(Suggestion(i, score, entry, status.word_diff(entry.source, rest[i])))
    return sorted(out, key=lambda s: (s.index, -s.score))


__all__ = ["NEAR_THRESHOLD", "Entry", "Memory", "Suggestion", "build", "embed", "near", "normalise", "prefill"]
