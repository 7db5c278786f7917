"""Step 1, features per language: one dense space for the languages the embedding model reads, a
TF-IDF + SVD space for each language it cannot read (search's analyzers: Thai segmentation,
Persian normalisation, stemming), mixed for partly readable languages.

In the dense space every language is centred on its own mean before clustering. e5's cosines are
compressed (unrelated texts ~0.75-0.8) and each language sits in its own corner of the space, so
without centring one language becomes one cluster and a question asked in Thai and in English
lands in two; centred, what is left is what the inquiry asks (README "Mining": AMI and the share of
multilingual clusters with and without).

What is embedded is the inquiry without greeting, sign-off, self-introduction, order and tracking
numbers and contact sentences (:func:`kb.mining.wording.clean_wording`, as for titles): those are
written the same in every script ("Dear Kestrel Market team", "KM-2041-558913"), so after centring
they were most of what a Thai and an English inquiry had in common, and drew other languages'
inquiries about something else into a cluster that shared only them."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from kb.mining.model import Clustering, MiningConfig, OnProgress, Space, no_progress
from kb.mining.wording import clean_wording
from search import EmbeddingUnavailable, Encoder, analyzer_for

log = logging.getLogger(__name__)


def dense_weights(texts: Sequence[str], langs: Sequence[str], encoder: Encoder | None) -> dict[str, float]:
    """The search gate per language, measured on the inquiries' own text: 0 where the model cannot read it."""
    out = {}
    by_lang: dict[str, list[str]] = {}
    for text, lang in zip(texts, langs, strict=True):
        bucket = by_lang.setdefault(lang, [])
        if len(bucket) < 2000:
            bucket.append(text)
    for lang, sample in by_lang.items():
        if encoder is None:
            out[lang] = 0.0
            continue
        try:
            out[lang] = encoder.dense_weight(encoder.representability(sample, lang))
        except EmbeddingUnavailable as exc:
            log.warning("mining without the embedding model: %s", exc)
            return dict.fromkeys(by_lang, 0.0)
    return out


def fit_tfidf(texts: Sequence[str], lang: str):
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = analyzer_for(lang)
    for min_df in (2, 1):
        vec = TfidfVectorizer(analyzer=analyzer.term_list, sublinear_tf=True, min_df=min_df, dtype=np.float32)
        try:
            return vec, vec.fit_transform(texts)
        except ValueError:  # empty vocabulary: every word is rare (tiny input) or there are no words
            continue
    return None, None


def _svd(matrix, dims: int, seed: int) -> np.ndarray:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    n, m = matrix.shape
    dims = min(dims, n - 1, m - 1)
    if dims < 2:
        return normalize(matrix.toarray()).astype(np.float32)
    return normalize(TruncatedSVD(dims, random_state=seed).fit_transform(matrix)).astype(np.float32)


def embed(
    encoder: Encoder,
    texts: Sequence[str],
    config: MiningConfig,
    on_progress: OnProgress = no_progress,
    stage: str = "embedding",
    queries: bool = False,
) -> np.ndarray:
    """Unit vectors of ``texts``; identical texts are encoded once. ``queries``: inquiries, which
    are compared with each other (e5's query encoding), rather than documents."""
    cut = [t[: config.max_embed_chars] for t in texts]
    unique = list(dict.fromkeys(cut))
    where = {t: i for i, t in enumerate(unique)}
    total = max(1, (len(unique) + 63) // 64)

    def progress(starts):
        for n, start in enumerate(starts):
            on_progress(stage, n / total)
            yield start

    vecs = encoder.encode(unique, batch_size=64, progress=progress, queries=queries)
    return vecs[[where[t] for t in cut]]


def what_is_asked(text: str, lang: str) -> str:
    """The text that is embedded: the inquiry without what every script writes alike (module docstring)."""
    return clean_wording(text, lang).text or text


def centre_by_language(vecs: np.ndarray, langs: np.ndarray, prior: float) -> np.ndarray:
    """Unit rows of ``vecs`` minus their language's mean. A language with few rows is centred on a
    mean shrunk towards the whole log's (``prior`` rows' worth of it): five inquiries that all ask
    one thing must not have that thing subtracted."""
    overall = vecs.mean(axis=0)
    out = vecs.copy()
    for lang in np.unique(langs):
        rows = langs == lang
        n = int(rows.sum())
        out[rows] -= (vecs[rows].sum(axis=0) + prior * overall) / (n + prior)
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
    return out.astype(np.float32)


def build_spaces(
    texts: Sequence[str],
    langs: Sequence[str],
    encoder: Encoder | None,
    config: MiningConfig,
    on_progress: OnProgress = no_progress,
) -> Clustering:
    """Features for every row, grouped into spaces (see the module docstring)."""
    from sklearn.preprocessing import normalize

    langs_arr = np.asarray(langs, dtype=object)
    weights = dense_weights(texts, langs, encoder)
    result = Clustering(labels=np.full(len(texts), -1), spaces=[], dense_weights=weights)
    for lang in sorted(weights):
        rows = np.flatnonzero(langs_arr == lang)
        result.lang_rows[lang] = rows
        vec, matrix = fit_tfidf([texts[i] for i in rows.tolist()], lang)
        if vec is not None:
            result.vectorizers[lang], result.tfidf[lang] = vec, matrix
    needs_dense = np.flatnonzero([weights[lang] > 0 for lang in langs])
    dense = np.zeros((len(texts), 0), np.float32)
    if len(needs_dense) and encoder is not None:
        asked = [what_is_asked(texts[i], langs[i]) for i in needs_dense.tolist()]
        vecs = embed(encoder, asked, config, on_progress, queries=True)
        dense = np.zeros((len(texts), vecs.shape[1]), np.float32)
        dense[needs_dense] = vecs
    joint = tuple(lang for lang, w in sorted(weights.items()) if w >= config.joint_weight)
    if joint:
        rows = np.flatnonzero(np.isin(langs_arr, joint))
        centred = centre_by_language(dense[rows], langs_arr[rows], config.centring_prior)
        result.spaces.append(Space(joint, rows, centred, True, raw=dense[rows]))
    for lang, w in sorted(weights.items()):
        if lang in joint or lang not in result.tfidf:
            continue
        rows = result.lang_rows[lang]
        lexical = _svd(result.tfidf[lang], config.lexical_dims, config.seed)
        if w > 0:
            lexical = normalize(np.hstack([np.sqrt(w) * dense[rows], np.sqrt(1 - w) * lexical])).astype(np.float32)
        result.spaces.append(Space((lang,), rows, lexical, False))
    return result
