"""Step 1, features per language: one dense space for the languages the embedding model reads, a
TF-IDF + SVD space for each language it cannot read (search's analyzers: Thai segmentation,
Persian normalisation, stemming), mixed for partly readable languages.

In the dense space every language is centred on its own mean before clustering. e5's cosines are
compressed (unrelated texts ~0.75-0.8) and each language sits in its own corner of the space, so
without centring one language becomes one cluster and a question asked in Thai and in English
lands in two; centred, what is left is what the inquiry asks (README "Mining": AMI and the share of
multilingual clusters with and without). Within a language each channel is centred on its own mean
too, for the same reason: a channel has its own register (agents' phone notes are written in one
frame, "customer called ... will follow up by email"; e-mails open and close as letters), which
otherwise glues that channel's inquiries about different things together.

What is embedded is the inquiry without greeting, sign-off, self-introduction, order and tracking
numbers and contact sentences (:func:`kb.mining.wording.clean_wording`, as for titles): those are
written the same in every script ("Dear Kestrel Market team", "KM-2041-558913"), so after centring
they were most of what a Thai and an English inquiry had in common, and drew other languages'
inquiries about something else into a cluster that shared only them. An agent's note of a call
also loses the frame the log's notes are written in ("Customer called, ... Advised as per help
center.", :class:`kb.mining.wording.NoteFrames`), which centring by channel did not remove."""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from kb.mining.model import Clustering, MiningConfig, OnProgress, SharedRows, Space, no_progress
from kb.mining.wording import NoteFrames, agent_written, clean_wording
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
    vecs, inverse = embed_unique(encoder, texts, config, on_progress, stage, queries)
    return vecs[inverse]


def embed_unique(
    encoder: Encoder,
    texts: Sequence[str],
    config: MiningConfig,
    on_progress: OnProgress = no_progress,
    stage: str = "embedding",
    queries: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """(unit vectors of the distinct texts, the row of each text among them): :func:`embed` without
    its n x d copy, for callers that place the rows themselves."""
    where: dict[str, int] = {}
    inverse = np.fromiter(
        (where.setdefault(t[: config.max_embed_chars], len(where)) for t in texts), np.int64, len(texts)
    )
    unique = list(where)  # insertion order: the row numbers above
    del where

    def progress(starts):  # the batches the model is asked for (a cache may leave it fewer)
        for n, start in enumerate(starts):
            on_progress(stage, n / max(1, len(starts)))
            yield start

    return encoder.encode(unique, batch_size=64, progress=progress, queries=queries), inverse


def what_is_asked(text: str, lang: str) -> str:
    """The text that is embedded: the inquiry without what every script writes alike (module
    docstring), in the letters search's encoder reads (Persian typed on an Arabic keyboard)."""
    return analyzer_for(lang).encoder_text(clean_wording(text, lang).text or text)


def centre_by_language(
    vecs: np.ndarray, langs: np.ndarray, prior: float, channels: np.ndarray | None = None
) -> np.ndarray:
    """Unit rows of ``vecs`` minus their language's mean. A language with few rows is centred on a
    mean shrunk towards the whole log's (``prior`` rows' worth of it): five inquiries that all ask
    one thing must not have that thing subtracted. With ``channels``, a language that came through
    several is centred per channel instead, each channel's mean shrunk towards its language's."""
    return _centre_in_place(vecs.copy(), langs, prior, channels)


def _centre_in_place(
    out: np.ndarray, langs: np.ndarray, prior: float, channels: np.ndarray | None = None
) -> np.ndarray:
    """:func:`centre_by_language` of ``out``, overwriting it. Memory: blocks of ``_BLOCK`` rows,
    never a language's rows copied whole (at 100,000 x 384 the whole-array version made ~320 MB
    of temporaries). Every mean is taken before any row changes, row after row as numpy's own
    ``sum(axis=0)`` takes them, so the vectors are the same to the bit."""
    overall = out.mean(axis=0)
    means = []
    for lang in np.unique(langs):
        rows = np.flatnonzero(langs == lang)
        mean = (_row_sum(out, rows) + prior * overall) / (len(rows) + prior)
        if channels is None or len(groups := np.unique(channels[rows])) < 2:
            means.append((rows, mean))
            continue
        for channel in groups:
            sub = rows[channels[rows] == channel]
            means.append((sub, (_row_sum(out, sub) + prior * mean) / (len(sub) + prior)))
    for rows, mean in means:
        for start in range(0, len(rows), _BLOCK):
            block = rows[start : start + _BLOCK]
            out[block] -= mean
    for start in range(0, len(out), _BLOCK):
        part = out[start : start + _BLOCK]  # a view: normalised in place
        part /= np.maximum(np.linalg.norm(part, axis=1, keepdims=True), 1e-12)
    return out.astype(np.float32, copy=False)


_BLOCK = 4096  # rows per temporary in centre_by_language (~6 MB at 384 floats)


def _row_sum(vecs: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``vecs[rows].sum(axis=0)`` without the copy of ``vecs[rows]``. numpy sums over the first axis
    one row after another; each block of rows is summed after the running total in one buffer, so
    the additions happen in the same order and the result is the same to the bit."""
    buffer = np.zeros((min(len(rows), _BLOCK) + 1, vecs.shape[1]), vecs.dtype)
    for start in range(0, len(rows), _BLOCK):
        block = rows[start : start + _BLOCK]
        np.take(vecs, block, axis=0, out=buffer[1 : len(block) + 1])
        buffer[0] = buffer[: len(block) + 1].sum(axis=0)
    return buffer[0].copy()


def release_freed_memory() -> bool:
    """Hand the memory that Python, numpy and torch have freed back to the system; True if done.

    glibc keeps freed heap pages for reuse, so they stay in the process's RSS: loading the mining
    model alone left ~240 MB of them (the float weights it quantizes, its conversion buffers), and
    the k-NN graph that follows needs fresh pages anyway. Only glibc has ``malloc_trim``; elsewhere
    nothing is done."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # musl and other C libraries: no malloc_trim
        return False
    trim(0)
    return True


def build_spaces(
    texts: Sequence[str],
    langs: Sequence[str],
    encoder: Encoder | None,
    config: MiningConfig,
    on_progress: OnProgress = no_progress,
    channels: Sequence[str] | None = None,
    extra: Sequence[Encoder] = (),
) -> Clustering:
    """Features for every row, grouped into spaces (see the module docstring); ``channels`` (email,
    chat, phone, ...) are centred apart within each language; ``extra``: second models in order of
    preference, the first that reads every language of the dense space giving it a second opinion
    (:func:`second_reader`)."""
    from sklearn.preprocessing import normalize

    langs_arr = np.asarray(langs, dtype=object)
    weights = dense_weights(texts, langs, encoder)
    joint = tuple(lang for lang, w in sorted(weights.items()) if w >= config.joint_weight)
    reader = second_reader(extra, texts, langs, joint, config)  # measured first, like the main model's weights
    frames = NoteFrames(texts, langs, channels)
    # What is read of each row, once: the models embed it, and its words are the row's TF-IDF (the
    # lexical space, the words' second opinion, the key terms: no greeting, name or order number).
    cleaned = [
        what_is_asked(frames.strip(text, lang) if channels and agent_written(channels[i]) else text, lang)
        for i, (text, lang) in enumerate(zip(texts, langs, strict=True))
    ]
    result = Clustering(labels=np.full(len(texts), -1), spaces=[], dense_weights=weights, frames=frames, asked=cleaned)
    for lang in sorted(weights):
        rows = np.flatnonzero(langs_arr == lang)
        result.lang_rows[lang] = rows
        vec, matrix = fit_tfidf([cleaned[i] for i in rows.tolist()], lang)
        if vec is not None:
            result.vectorizers[lang], result.tfidf[lang] = vec, matrix
    needs_dense = np.flatnonzero([weights[lang] > 0 for lang in langs])
    unique = np.zeros((0, 0), np.float32)  # the distinct texts' vectors
    inverse = np.full(len(texts), -1, np.int64)  # each row's among them; -1: not embedded

    def asked(rows: np.ndarray) -> list[str]:
        return [cleaned[i] for i in rows.tolist()]

    if len(needs_dense) and encoder is not None:
        vecs, inverse[needs_dense] = embed_unique(encoder, asked(needs_dense), config, on_progress, queries=True)
        unique = np.asarray(vecs, np.float32)
        del vecs
        release_freed_memory()  # the model's load and the batches' garbage, before clustering's peak
    if joint:
        # The model's own vectors are kept once per distinct text; only the centred copy, what is
        # clustered, is n x d (at 100,000 rows a second n x d copy was 150 MB held through clustering).
        rows = np.flatnonzero(np.isin(langs_arr, joint))
        index = inverse[rows]
        if (index < 0).any():  # a joint language without vectors (joint_weight 0): at the origin
            unique = np.vstack([unique, np.zeros((1, unique.shape[1]), np.float32)])
            index[index < 0] = len(unique) - 1
        raw = SharedRows(unique, index)
        by_channel = None if channels is None else np.asarray(channels, dtype=object)[rows]
        centred = _centre_in_place(raw[:], langs_arr[rows], config.centring_prior, by_channel)  # a fresh n x d
        second = second_opinion(reader, langs_arr[rows], rows, asked, config, on_progress, by_channel)
        # Where no second model reads the space's languages, their own words give the second opinion.
        words = () if second or not config.lexical_weight else _own_words(langs_arr[rows], joint, result.tfidf)
        result.spaces.append(Space(joint, rows, centred, True, raw=raw, second=second, lexical=words))
    for lang, w in sorted(weights.items()):
        if lang in joint or lang not in result.tfidf:
            continue
        rows = result.lang_rows[lang]
        lexical = _svd(result.tfidf[lang], config.lexical_dims, config.seed)
        if w > 0:
            dense = unique[inverse[rows]]
            lexical = normalize(np.hstack([np.sqrt(w) * dense, np.sqrt(1 - w) * lexical])).astype(np.float32)
        result.spaces.append(Space((lang,), rows, lexical, False))
    return result


def _own_words(langs: np.ndarray, joint: tuple[str, ...], tfidf: dict[str, Any]) -> tuple[tuple[np.ndarray, Any], ...]:
    """Per language of the dense space (``langs``: its rows'): their places in the space and their
    TF-IDF rows, of what was embedded of them (the words of the question, not of the greeting or
    the order number); a language's rows are in the same order in both."""
    return tuple((np.flatnonzero(langs == lang), tfidf[lang]) for lang in joint if lang in tfidf)


def second_reader(
    extra: Sequence[Encoder], texts: Sequence[str], langs: Sequence[str], joint: tuple[str, ...], config: MiningConfig
) -> Encoder | None:
    """The model of ``extra`` whose graph joins the dense space's (``joint``: its languages): the
    first, in the setting's order, that reads every one of them as well as the space asks. One only:
    all-MiniLM and the Universal Sentence Encoder together on English logs outweighed e5 and lost
    Banking77 0.800 -> 0.794 (0.795 at half weight each; README "Mining")."""
    if not joint:
        return None
    for enc in extra:
        weights = dense_weights(texts, langs, enc)
        if all(weights[lang] >= config.joint_weight for lang in joint):
            try:
                _ = enc.dim  # the gate read the tokenizer; a model whose weights fail gives way to the next
            except EmbeddingUnavailable as exc:
                log.warning("mining without this second opinion: %s", exc)
                continue
            return enc
    return None


def second_opinion(
    reader: Encoder | None,
    langs: np.ndarray,
    rows: np.ndarray,
    asked: Callable[[np.ndarray], list[str]],
    config: MiningConfig,
    on_progress: OnProgress = no_progress,
    channels: np.ndarray | None = None,
) -> tuple[np.ndarray, ...]:
    """The vectors of ``rows`` (``langs``, ``channels``: theirs) by the model that reads every
    language of them as well as the dense space asks (:func:`second_reader`), centred like the main
    model's; none without one. A model that reads a language well tells close needs apart that the
    multilingual one runs together (all-MiniLM on English banking questions, README "Mining"); in a
    log of several languages it would pull its own language's inquiries together, away from the
    same questions asked in the others, so there it stays out."""
    if reader is None:
        return ()
    unique, inverse = embed_unique(reader, asked(rows), config, on_progress, "second opinion", queries=True)
    vecs = np.asarray(unique, np.float32)[inverse]
    return (_centre_in_place(vecs, langs, config.centring_prior, channels),)
