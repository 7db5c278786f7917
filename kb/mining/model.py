"""What the mining stages hand each other: the run's knobs (:class:`MiningConfig`), the feature
spaces (:class:`Space`), the clustering (:class:`Clustering`) and the progress callback type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # for annotations only: importing kb.mining does not load sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer

    from kb.mining.wording import NoteFrames

OnProgress = Callable[[str, float], None]


@dataclass(frozen=True)
class MiningConfig:
    neighbours: int = 10  # k of the k-nearest-neighbour graph (in a row's own language)
    # A space of several languages: each row's nearest in the other languages, and their edges'
    # weight against its own language's (clustering.py; README "Mining").
    cross_neighbours: int = 5
    cross_weight: float = 1.0
    resolution: float = 2.0  # Leiden modularity resolution (chosen on MASSIVE en; README)
    min_size: int = 3  # smaller groups are one-offs, left unclustered
    merge_cosine: float = 0.85  # clusters with centroids this alike are one question (0: never merge)
    second_weight: float = 0.75  # a second model's k-NN edges against the main model's (README "Mining")
    lexical_weight: float = 0.5  # the k-NN edges of each language's TF-IDF in the dense space (README "Mining")
    lexical_dims: int = 384  # SVD dimensions of a lexical space
    joint_weight: float = 0.5  # languages whose dense weight reaches this share the dense space
    centring_prior: float = 100.0  # rows' worth of the log's mean in a language's centre (features.py)
    max_embed_chars: int = 600  # the question is at the start; long e-mails cost time, not signal
    examples: int = 8
    coverage_members: int = 50  # the most central inquiries a cluster's coverage is measured on
    terms: int = 6
    half_life_days: float = 60.0  # recency weight of an inquiry, relative to the newest one
    # Coverage of a cluster by its nearest section. Dense: the median similarity of its central
    # inquiries to the section (2/3 the cosine to its text, 1/3 to the article's nearest question)
    # against the help center's own reference, the median cosine of its articles' questions to
    # their own text (coverage.py): "answered" within ``answered`` of it, "partly" within
    # ``partial``. The best split between answered and unanswered clusters lay 0.052 below the
    # reference on the demo log (five languages, chatty messages) and 0.054-0.073 below on StackFAQ
    # (clean paraphrases), where as plain similarities it lay at 0.83 and 0.85-0.88 (README "Mining").
    # Lexical: the share of key terms in the article (absolute).
    answered: float = -0.05
    partial: float = -0.055
    answered_terms: float = 0.67
    partial_terms: float = 0.34
    seed: int = 0


DEFAULT_CONFIG = MiningConfig()  # frozen: one instance serves as every function's default


def no_progress(stage: str, fraction: float) -> None:
    return None


@dataclass(frozen=True)
class SharedRows:
    """A matrix whose repeated rows are stored once: row ``i`` is ``vectors[index[i]]``. Indexing
    gives the same array as indexing the full matrix would, without holding its n x d floats (the
    model's vectors of a log, where the same question recurs word for word)."""

    vectors: np.ndarray  # the distinct rows
    index: np.ndarray  # int, one per row

    def __getitem__(self, key: Any) -> np.ndarray:
        return self.vectors[self.index[key]]

    def __len__(self) -> int:
        return len(self.index)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.index), self.vectors.shape[1]


@dataclass
class Space:
    """Rows clustered together: one dense space for the languages the model reads, one lexical per other language."""

    langs: tuple[str, ...]
    rows: np.ndarray  # indices into the input
    matrix: np.ndarray  # unit-length float32 rows, what is clustered
    dense: bool  # similarity is the model's cosine (else lexical)
    raw: np.ndarray | SharedRows | None = None  # dense: the model's own vectors, comparable with documents'
    # The second opinion, if any: the centred unit vectors of the same rows by the first model of
    # KB_MINING_EXTRA that reads every language of the space (features.second_reader); its k-NN
    # graph joins ``matrix``'s (clustering.py).
    second: tuple[np.ndarray, ...] = ()
    # Per language of a dense space: its rows' places in ``rows`` and their TF-IDF rows (sparse, unit
    # length), whose k-NN graph joins ``matrix``'s at ``MiningConfig.lexical_weight`` (clustering.py).
    lexical: tuple[tuple[np.ndarray, Any], ...] = ()


@dataclass
class Clustering:
    labels: np.ndarray  # cluster id per input row, -1 when unclustered
    spaces: list[Space]
    dense_weights: dict[str, float]
    vectorizers: dict[str, TfidfVectorizer] = field(default_factory=dict)  # lang -> fitted TfidfVectorizer
    tfidf: dict[str, Any] = field(default_factory=dict)  # lang -> sparse TF-IDF rows (in rows order)
    lang_rows: dict[str, np.ndarray] = field(default_factory=dict)
    doc_share: dict[str, np.ndarray] = field(default_factory=dict)  # lang -> share of its rows using each term
    cluster_share: dict[str, np.ndarray] = field(default_factory=dict)  # lang -> share of its clusters using each
    frames: NoteFrames | None = None  # the log's agent-note frames, learnt once (features, evidence)
    asked: list[str] = field(default_factory=list)  # what was read of each row (features.what_is_asked)

    def clusters(self) -> list[np.ndarray]:
        """Member row indices of each cluster, biggest first."""
        order = np.argsort(self.labels, kind="stable")
        labs = self.labels[order]
        out = [order[s:e] for s, e in _runs(labs) if labs[s] >= 0]
        return sorted(out, key=len, reverse=True)


def _runs(sorted_labels: np.ndarray):
    if not len(sorted_labels):
        return
    cuts = np.flatnonzero(np.diff(sorted_labels)) + 1
    starts = np.concatenate([[0], cuts])
    ends = np.concatenate([cuts, [len(sorted_labels)]])
    yield from zip(starts.tolist(), ends.tolist(), strict=True)
