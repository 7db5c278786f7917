"""Where a language's dense cosines sit, measured when an index generation is built.

Each model and language compresses cosines differently (e5 scores unrelated text ~0.8), so no
constant fits them all: the relevance floor and cross-language ranking read these figures from the
generation's manifest (:class:`Calibration`), written by :func:`calibrate` at build time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import numpy.typing as npt

from .documents import Document, article_of
from .embeddings import Encoder
from .vectors import VectorSet, unit

CALIBRATION_QUERIES = 120

# The relevance floor, measured on tor-support and gnome-help titles against each other's corpus as
# out-of-domain queries (python -m kb.evaluation.eval search --distractors; README, "Honest answers").
LEXICAL_FLOOR = 0.3  # without a dense signal: the share of the query's IDF weight the best articles must hold
DENSE_FLOOR_WEIGHT = 8.0  # a cosine point above the language's centre weighs as much as 8 of lexical coverage
HYBRID_FLOOR = 0.0
# How much lower cosines run across languages, where an index of one language cannot measure it: the
# median of the five the demo's index measures (en 0.021, fa 0.034, id 0.016, lv 0.047, th 0.030).
CROSS_LIFT = 0.03
# The articles' own questions, where the index has them: the first answer's question-to-question
# score counts this much per point above the language's asked centre (within it, or across languages
# for a question found in another) less the margin (the demo's natural and off-topic queries: the
# largest weight that kept every natural one; README, "Honest answers").
ASKED_FLOOR_WEIGHT = 2.0
ASKED_FLOOR_MARGIN = 0.1


@dataclass(frozen=True)
class Calibration:
    """One reader language's figures (cosines of its questions with the closest *other* article).

    A reader's language without its own figures (no articles, or too few titles) takes the mean
    of the languages that have them.
    """

    dense_center: float | None = None  # median, within the language
    dense_spread: float | None = None  # interquartile range, within the language
    dense_center_cross: float | None = None  # median across languages, plain cosines (floor evidence)
    centred_center_cross: float | None = None  # median across languages, each side's mean taken away
    centred_spread_cross: float | None = None
    asked_center: float | None = None  # median, the articles' own questions with another article's (centred)
    asked_center_cross: float | None = None  # the same with the nearest in other languages
    # Each extra model that reads the language (by its confidence key, :func:`second_key`): its own
    # centre and spread within the language, and its weight there (Generation.calibration reads them).
    second: Mapping[str, tuple[float, float, float]] = field(default_factory=dict)

    @classmethod
    def read(
        cls,
        floors: Mapping[str, Mapping[str, Any]],
        lang: str,
        second: Mapping[str, tuple[float, float, float]] | None = None,
    ) -> Calibration:
        """``lang``'s figures from the manifest's per-language ``floor`` records (the primary model's),
        with ``second`` as :attr:`second` (the extra models' records: ``Generation.calibration``)."""
        values: dict[str, Any] = {"second": dict(second or {})}
        for f in fields(cls):
            if f.name == "second":
                continue
            own = (floors.get(lang) or {}).get(f.name)
            known = [v[f.name] for v in floors.values() if v and v.get(f.name) is not None]
            values[f.name] = own if own is not None else (sum(known) / len(known) if known else None)
        return cls(**values)

    @property
    def lift(self) -> float:
        """How much lower plain cosines run across languages than within one (e5 rewards shared
        words); ``CROSS_LIFT`` where the index holds one language and cannot measure it."""
        if self.dense_center is None:
            return 0.0
        if self.dense_center_cross is None:
            return CROSS_LIFT
        return self.dense_center - self.dense_center_cross

    def clears_floor(self, confidence: Mapping[str, float], *, dense_used: bool, raised: float = 0.0) -> bool:
        """Does a search's evidence (``SearchService``'s confidence) clear this language's floor,
        ``raised`` (what the site's clicks taught, :func:`search.learning.learned_raise`) above the calibrated one?

        Without calibrated vectors, lexical evidence alone: the share of the query's IDF weight the
        best few articles hold together (a query may span two); nothing is learnt for it.
        """
        if not dense_used or self.dense_center is None:
            return confidence.get("lexical_any", 0.0) >= LEXICAL_FLOOR
        return self.evidence(confidence) >= self.floor(raised)

    def floor(self, raised: float = 0.0) -> float:
        """The floor :meth:`evidence` is weighed against: the calibrated one (0), ``raised`` by clicks."""
        return HYBRID_FLOOR + raised

    def evidence(self, confidence: Mapping[str, float]) -> float:
        """How relevant hybrid search found its best answer, on one scale for every language: the
        sum of :meth:`evidence_parts`. The calibrated floor is 0 (``HYBRID_FLOOR``)."""
        return sum(self.evidence_parts(confidence).values())

    def evidence_parts(self, confidence: Mapping[str, float]) -> dict[str, float]:
        """What each witness adds to :meth:`evidence` (keys as in ``confidence``; staff "explain"
        shows them): the share of the query's IDF weight the top article holds (``lexical``) plus how
        far the best cosine lies above the centre (``dense``), so strong evidence on one side carries
        a weak other side; each extra model's (:func:`second_key`); where articles ask questions, how
        far the first answer's question score lies above what another article's question reaches."""
        parts = {
            "lexical": confidence.get("lexical", 0.0),
            "dense": DENSE_FLOOR_WEIGHT * (confidence.get("dense", 0.0) - (self.dense_center or 0.0)),
        }
        # A second model that reads the language is a second witness: its best cosine above its own
        # centre, in the primary model's spread (all-MiniLM's cosines scatter 5-7x wider than e5's),
        # at its weight in the language. English: out-of-domain titles answered tor-support 0.90 ->
        # 0.40, gnome-help 0.74 -> 0.40, in-domain recall unchanged (README, "A second witness").
        for key, (centre, spread_, weight) in self.second.items():
            if key in confidence and spread_ > 0 and self.dense_spread:
                parts[key] = DENSE_FLOOR_WEIGHT * weight * (confidence[key] - centre) * self.dense_spread / spread_
        if "asked" in confidence:
            parts["asked"] = ASKED_FLOOR_WEIGHT * (confidence["asked"] + ASKED_FLOOR_MARGIN)
        return parts

    def centred_to_own_scale(self) -> tuple[float, float]:
        """(intercept, scale) mapping a centred cross-language cosine onto the reader's own scale,
        by the two calibrated centres and spreads; uncalibrated: as they come."""
        s, s_cross = self.dense_spread, self.centred_spread_cross
        scale = s / s_cross if s and s_cross else 1.0
        if self.dense_center is None or self.centred_center_cross is None:
            return 0.0, scale
        return self.dense_center - self.centred_center_cross * scale, scale


def calibrate(
    enc: Encoder,
    docs_by_lang: Mapping[str, Sequence[Document]],
    matrices: Mapping[str, npt.NDArray[np.float32]],
    samples: Mapping[str, Sequence[str]],
    asked: Mapping[str, VectorSet] | None = None,
) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    """Where each language's dense cosines sit (the relevance floor), and where each language sits.

    Headings and titles are a language's own short questions about its own subject; the cosine of
    each with the closest *other* article is what "about this help center, but not the exact page"
    scores. Its median is the reference the floor is set from: each model and language compresses
    cosines differently (e5 scores unrelated text ~0.8), so no constant fits them all.

    A multilingual model still places every text partly by its language: a Persian question sits
    nearer any Persian text than the English page that answers it. Cross-language matching takes
    each language's mean away from both sides (VectorSet.top ``centred``). A language's documents
    give its passages' mean; its queries' mean is that plus the offset between questions and
    passages, measured over every language's titles; a reader's language without documents gets
    the mean of ``samples`` in it (the site's interface strings), encoded as queries. The titles
    against the other languages' documents give the centre of answers found across languages,
    plain (the floor's evidence) and centred (with its spread: where cross-language ranking scores
    sit). ``asked``: each language's set of the articles' own questions, where the same is measured
    question to question, within the language and across the others (:func:`asked_center`). Returns the per-language floors and
    ``{"query_offset", "query_means"}``.
    """
    arts = {lang: np.array([d.article for d in docs]) for lang, docs in docs_by_lang.items()}
    queries: dict[str, list[tuple[npt.NDArray[np.float32], str]]] = {}
    for lang, docs in docs_by_lang.items():
        if pairs := calibration_questions(docs):
            queries[lang] = [(enc.encode_query(text), article) for text, article in pairs]
    means = {lang: m.mean(axis=0) for lang, m in matrices.items() if len(m)}
    offsets = [np.mean([q for q, _ in qs], axis=0) - means[lang] for lang, qs in queries.items()]
    offset = np.mean(offsets, axis=0) if offsets else None
    centred = {}
    if offset is not None:
        for lang, m in matrices.items():
            if len(m):
                c = m - means[lang]
                centred[lang] = c / np.maximum(np.linalg.norm(c, axis=1, keepdims=True), 1e-6)
    floors: dict[str, dict[str, float]] = {}
    for lang in docs_by_lang:
        if lang not in queries:
            floors[lang] = {}
            continue
        same, cross, centred_cross = [], [], []
        for q, article in queries[lang]:
            same.append(nearest_other(matrices[lang], arts[lang], q, article))
            others = [o for o in matrices if o != lang and len(arts[o])]
            if others:
                cross.append(max(float(np.where(arts[o] == article, -np.inf, matrices[o] @ q).max()) for o in others))
            if offset is not None and others:
                qc = unit(q - (means[lang] + offset))
                centred_cross.append(
                    max(float(np.where(arts[o] == article, -np.inf, centred[o] @ qc).max()) for o in others)
                )
        floors[lang] = {
            "dense_center": round(float(np.median(same)), 4),
            "dense_spread": spread(same),
            "queries": len(queries[lang]),
        }
        if cross:
            floors[lang]["dense_center_cross"] = round(float(np.median(cross)), 4)
        if centred_cross:
            floors[lang]["centred_center_cross"] = round(float(np.median(centred_cross)), 4)
            floors[lang]["centred_spread_cross"] = spread(centred_cross)
    asked = asked or {}
    for lang, vs in asked.items():
        query_mean = None if offset is None or lang not in means else means[lang] + offset
        within = asked_center(vs, [vs], query_mean)
        across = asked_center(vs, [o for other, o in asked.items() if other != lang], query_mean)
        for key, value in (
            ("asked_center", within),
            ("asked_center_cross", across if query_mean is not None else None),
        ):
            if value is not None:
                floors.setdefault(lang, {})[key] = value
    centring: dict[str, Any] = {}
    if offset is not None:
        centring["query_offset"] = [round(float(x), 5) for x in offset]
        centring["query_means"] = {
            lang: [round(float(x), 5) for x in enc.encode(list(texts), queries=True).mean(axis=0)]
            for lang, texts in sorted(samples.items())
            if texts and lang not in means
        }
    return floors, centring


_SECOND = "extra"


def second_key(slot: int) -> str:
    """The key of extra model ``slot``'s best cosine in a search's confidence and in :attr:`Calibration.second`."""
    return f"{_SECOND}{slot}"


def second_slot(key: str) -> int | None:
    """The extra model's slot a confidence key names (:func:`second_key` read back); None for other keys."""
    rest = key.removeprefix(_SECOND)
    return int(rest) if rest != key and rest.isdigit() else None


def calibration_questions(docs: Sequence[Document]) -> list[tuple[str, str]]:
    """A language's own short questions about its own subject, with their article: the published
    titles and headings of 8 characters or more, each once, at most ``CALIBRATION_QUERIES`` taken
    evenly; none with fewer than five or under three articles."""
    seen: dict[str, str] = {}
    for d in docs:
        if d.status == "published":
            for text in (d.title, d.section):
                if text and len(text) >= 8:
                    seen.setdefault(text, d.article)
    pairs = list(seen.items())
    if len({d.article for d in docs}) < 3 or len(pairs) < 5:
        return []
    return pairs[:: max(1, len(pairs) // CALIBRATION_QUERIES)][:CALIBRATION_QUERIES]


def nearest_other(
    matrix: npt.NDArray[np.float32], articles: npt.NDArray[Any], q: npt.NDArray[np.float32], article: str
) -> float:
    """The best cosine of ``q`` with a row of ``matrix`` (documents of ``articles``) not of ``article``."""
    row = matrix @ q
    row[articles == article] = -np.inf
    return float(row.max())


def second_floors(
    enc: Encoder, docs_by_lang: Mapping[str, Sequence[Document]], matrices: Mapping[str, npt.NDArray[np.float32]]
) -> dict[str, dict[str, float]]:
    """An extra model's own centre and spread in each language it has vectors of (``matrices``),
    measured as :func:`calibrate` measures the primary model's within a language: the relevance
    floor weighs that model's best cosine against them (:meth:`Calibration.evidence`)."""
    out = {}
    for lang, matrix in matrices.items():
        pairs = calibration_questions(docs_by_lang[lang])
        if not pairs or not len(matrix):
            continue
        arts = np.array([d.article for d in docs_by_lang[lang]])
        same = [nearest_other(matrix, arts, enc.encode_query(text), article) for text, article in pairs]
        out[lang] = {"dense_center": round(float(np.median(same)), 4), "dense_spread": spread(same)}
    return out


def asked_center(
    vs: VectorSet, against: Sequence[VectorSet], query_mean: npt.NDArray[np.float32] | None
) -> float | None:
    """The median similarity of an article's own question (title, front-matter questions) in ``vs``
    with the nearest question of *another* article in ``against`` (its own language, or the other
    languages), scored as ``DenseSearch.asked`` scores a reader's query (centred on the language's
    query mean, when known): what a question about this help center, but not about that page,
    reaches. None with fewer than three articles on either side."""
    articles = np.array([article_of(i) for i in vs.ids])
    others = [(o, np.array([article_of(i) for i in o.ids])) for o in against if o.ids]
    if len(set(articles.tolist())) < 3 or len({a for _, arts in others for a in arts.tolist()}) < 3:
        return None
    sims = []
    for i in range(0, len(vs.ids), max(1, len(vs.ids) // CALIBRATION_QUERIES)):
        q = vs.matrix[i] if query_mean is None else unit(vs.matrix[i] - query_mean)
        best = [
            float(row[arts != articles[i]].max())
            for o, arts in others
            if (arts != articles[i]).any()
            for row in [o.similarities(q, centred=query_mean is not None)]
        ]
        if best:
            sims.append(max(best))
    return round(float(np.median(sims)), 4) if sims else None


def spread(values: list[float]) -> float:
    """The interquartile range: how widely a language's cosines scatter around their centre."""
    q1, q3 = np.percentile(values, [25, 75])
    return round(float(q3 - q1), 4)
