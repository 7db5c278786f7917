"""Triage: which topic an inquiry is about (order, damaged item, delivery, return, refund or
claim, payment, account, other), from its meaning: the nearest of the prototype questions
written for each topic (triage.yml) in the multilingual model's space, so it works in every
language the model reads; word lists where there is no model."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from kb.mining.evidence import ClusterSummary, summarize
from kb.mining.model import Clustering, MiningConfig
from search import EmbeddingUnavailable, Encoder

# Where there is no model (or a language it cannot read): words that signal each topic in the
# site languages. A warranty claim is a "refund" (refund or claim) topic; a complaint about the
# service asks for no money back (it is feedback, "other") unless it says so.

WORDS: dict[str, tuple[str, ...]] = {  # word prefixes, matched in the casefolded text
    "damaged": (
        "damag",
        "broken",
        "faulty",
        "defect",
        "crack",
        "rusak",
        "pecah",
        "cacat",
        "bojā",
        "salauz",
        "plīs",
        "เสียหาย",
        "แตก",
        "ชำรุด",
        "آسیب",
        "شکست",
        "خراب",
        "معیوب",
    ),
    "refund": (
        "refund",
        "money back",
        "reimburs",
        "pengembalian dana",
        "uang kembali",
        "atmaks",
        "naudu atpakaļ",
        "คืนเงิน",
        "بازپرداخت",
        "برگشت پول",
        "استرداد",
        "پس دادن پول",
        "claim",
        "warrant",
        "guarantee",
        "klaim",
        "garansi",
        "pretenzij",
        "garantij",
        "เคลม",
        "รับประกัน",
        "گارانتی",
        "ادعا",
    ),
    "return": (
        "return",
        "send back",
        "retur",
        "kembalikan",
        "pengembalian barang",
        "atgriez",
        "atpakaļ",
        "คืนสินค้า",
        "ส่งคืน",
        "مرجوع",
        "بازگرداندن",
        "پس فرستادن",
    ),
    "payment": (
        "payment",
        "pay",
        "charged",
        "card",
        "declin",
        "invoice",
        "bayar",
        "pembayaran",
        "tagihan",
        "kartu",
        "maksāj",
        "kart",
        "rēķin",
        "ชำระ",
        "จ่าย",
        "บัตร",
        "ตัดเงิน",
        "پرداخت",
        "کارت",
        "فاکتور",
        "صورتحساب",
    ),
    "delivery": (
        "deliver",
        "shipping",
        "parcel",
        "package",
        "courier",
        "tracking",
        "kirim",
        "paket",
        "kurir",
        "resi",
        "piegād",
        "sūtījum",
        "paka",
        "kurjer",
        "จัดส่ง",
        "พัสดุ",
        "ส่งของ",
        "ขนส่ง",
        "ارسال",
        "بسته",
        "تحویل",
        "مرسوله",
        "پیک",
    ),
    # "cancel" alone is no sign of an order: a subscription, an account or a payment is cancelled too.
    "order": ("order", "pesan", "pasūtīj", "คำสั่งซื้อ", "สั่งซื้อ", "سفارش"),
    "account": (
        "account",
        "password",
        "login",
        "sign in",
        "akun",
        "kata sandi",
        "konts",
        "parol",
        "บัญชี",
        "รหัสผ่าน",
        "حساب",
        "رمز",
    ),
}


# Prototype questions per topic, written for this list (triage.yml, next to this module: what each
# topic covers is defined there). Measured with `python -m kb.evaluation.eval triage` (README "Mining").
PROTOTYPES = Path(__file__).with_name("triage.yml")


def _load_topics(path: Path = PROTOTYPES) -> dict[str, tuple[str, ...]]:
    with path.open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    if not isinstance(data, dict) or not data:
        raise ValueError(f"{path}: expected a mapping of topic -> list of prototype questions")
    topics = {}
    for topic, protos in data.items():
        if not isinstance(protos, list) or not protos or not all(isinstance(p, str) and p.strip() for p in protos):
            raise ValueError(f"{path}: topic {topic!r} needs a non-empty list of questions")
        topics[str(topic)] = tuple(protos)
    for needed in ("thanks", "greeting", "spam", "other"):
        if needed not in topics:
            raise ValueError(f"{path}: topic {needed!r} is missing")
    return topics


TOPICS: dict[str, tuple[str, ...]] = _load_topics()


ORDER = tuple(TOPICS)  # ties go to the earlier topic
_prototypes: dict[str, tuple[list[str], np.ndarray]] = {}  # model id -> (topic per prototype, vectors)


def word_topic(texts: Sequence[str]) -> str:
    """The topic most texts mention by word list (at least a fifth of them), or "other"."""
    counts: Counter[str] = Counter()
    for text in texts:
        low = text.casefold()
        for topic, words in WORDS.items():
            if any(w in low for w in words):
                counts[topic] += 1
    if not counts:
        return "other"
    topic, n = max(counts.items(), key=lambda kv: (kv[1], -ORDER.index(kv[0])))
    return topic if n * 5 >= len(texts) else "other"


def topic_scores(vectors: np.ndarray, encoder: Encoder) -> np.ndarray:
    """rows x topics: each row's mean cosine to the ``TOP_K`` nearest prototypes of each topic (all
    of them where a topic has fewer); vectors: the model's own, query-encoded like the prototypes."""
    key = encoder.model_id
    if key not in _prototypes:
        labels = [topic for topic, protos in TOPICS.items() for _ in protos]
        vecs = encoder.encode([p for protos in TOPICS.values() for p in protos], queries=True)
        _prototypes[key] = (labels, np.asarray(vecs, dtype=np.float32))
    labels, vecs = _prototypes[key]
    sims = np.asarray(vectors, dtype=np.float32) @ vecs.T
    out = np.full((len(sims), len(ORDER)), -1.0)
    for j, topic in enumerate(ORDER):
        cols = [c for c, label in enumerate(labels) if label == topic]
        k = min(1 if topic in NEAREST_ONLY else TOP_K, len(cols))
        out[:, j] = np.sort(sims[:, cols], axis=1)[:, -k:].mean(axis=1)
    return out


def row_topics(texts: Sequence[str], vectors: np.ndarray, encoder: Encoder) -> list[str]:
    """Each inquiry's topic: the best-scoring (:func:`topic_scores`), a word-list match adding a small margin."""
    scores = topic_scores(vectors, encoder)
    for i, text in enumerate(texts):
        low = text.casefold()
        for topic, words in WORDS.items():
            if any(w in low for w in words):
                scores[i, ORDER.index(topic)] += WORD_MARGIN
    best = scores.argmax(axis=1)
    asking = np.array([j for j, topic in enumerate(ORDER) if topic not in NOT_ASKING])
    # Text about none of the topics that "other" does not catch lands nearest the shortest,
    # vaguest prototypes (the thanks, the greetings) by a hair, and a real question can be a hair
    # nearer one offer or one "I have a question" than its topic; real thanks, greetings and spam
    # win by more (measured: README "Mining"). So a message asks nothing only by a margin over
    # every topic that asks; else it is the best of those.
    best_asking = asking[scores[:, asking].argmax(axis=1)]
    sure = scores.max(axis=1) - scores[:, asking].max(axis=1) >= NOT_ASKING_MARGIN
    topics = np.where(np.isin(best, asking) | sure, best, best_asking)
    return [ORDER[j] for j in topics.tolist()]


def topic_of(text: str, encoder: Encoder | None) -> str:
    """One message's topic (the contact form, the answer API): by meaning with ``encoder``, by the
    word lists without it or when the model cannot load."""
    if encoder is not None:
        try:
            vectors = np.asarray(encoder.encode([text], queries=True), dtype=np.float32)
            return row_topics([text], vectors, encoder)[0]
        except EmbeddingUnavailable:
            pass  # the word lists still give a topic
    return word_topic([text])


# A topic's score is the mean cosine to its TOP_K nearest prototypes: one close paraphrase (or one
# shared word such as "cancel") decides less than agreement with several ways of asking the same.
# "thanks", "greeting", "spam" and "other" are no single need but many unrelated ones (a newsletter,
# a job, the weather, an SEO offer), so a text is theirs by its one nearest prototype. Measured: README "Mining".
TOP_K = 3
NEAREST_ONLY = ("thanks", "greeting", "spam", "other")
WORD_MARGIN = 0.02  # what a word-list match adds to a topic's cosine (e5 cosines differ by a few hundredths)
NOT_ASKING = ("thanks", "greeting", "spam")  # no question for the help center: their clusters are left out
NOT_ASKING_MARGIN = 0.02  # how much nearer than any topic that asks a message must be to ask nothing
TOPIC_BLOCK = 4096


def inquiry_topics(clustering: Clustering, texts: Sequence[str], encoder: Encoder | None) -> list[str | None]:
    """Each inquiry's topic by meaning (:func:`row_topics`, on the model's own vectors of what was
    read), None where it was clustered by its words (a language the model cannot read) or there is
    no model: summaries quote only the inquiries that ask something, and clusters are voted on."""
    topics: list[str | None] = [None] * len(texts)
    if encoder is None:
        return topics
    for space in clustering.spaces:
        if not space.dense or space.raw is None:  # the prototypes compare with the model's own vectors
            continue
        for start in range(0, len(space.rows), TOPIC_BLOCK):  # in blocks: no n x d copy of shared rows
            rows = space.rows[start : start + TOPIC_BLOCK].tolist()
            block = np.asarray(space.raw[start : start + TOPIC_BLOCK], dtype=np.float32)
            try:
                found = row_topics([texts[i] for i in rows], block, encoder)
            except EmbeddingUnavailable:
                return [None] * len(texts)  # the word lists still give each cluster a topic
            for i, topic in zip(rows, found, strict=True):
                topics[i] = topic
    return topics


def asking(topics: Sequence[str | None]) -> np.ndarray:
    """Per inquiry, whether it asks something: not thanks, a greeting or spam (None: not known, asks)."""
    return np.array([t not in NOT_ASKING for t in topics], dtype=bool)


def assign_topics(
    summaries: list[ClusterSummary], texts: Sequence[str], topics: Sequence[str | None], central: int
) -> list[ClusterSummary]:
    """Each cluster's topic (its ``priority`` field): the most common of its ``central`` most central
    inquiries' ``topics`` (:func:`inquiry_topics`), by word list where they have none; "" for other.
    Returns the clusters that ask something: those whose central inquiries that ask nothing (thanks,
    hello, spam, together) outnumber those of its topic are left out, a cluster of spam as much as a
    drawer of spam, "dm'ing you" and "hello?" in which no one question leads."""
    asking = []
    for summary in summaries:
        rows = summary.members[:central].tolist()
        found = [topics[i] for i in rows]
        if summary.dense and all(t is not None for t in found):
            votes = Counter(t for t in found if t is not None)
            topic = max(votes.items(), key=lambda kv: (kv[1], -ORDER.index(kv[0])))[0]
            nothing = sum(votes[t] for t in NOT_ASKING)
            if topic not in NOT_ASKING and nothing >= votes[topic]:
                topic = max(NOT_ASKING, key=lambda t: votes[t])
        else:
            topic = word_topic([texts[i] for i in rows])
        summary.priority = "" if topic == "other" else topic
        if topic not in NOT_ASKING:
            asking.append(summary)
    return asking


def summarize_asking(
    clustering: Clustering,
    texts: Sequence[str],
    langs: Sequence[str],
    encoder: Encoder | None,
    config: MiningConfig,
    **evidence: Any,
) -> list[ClusterSummary]:
    """The clusters that ask something, each with its evidence (:func:`~kb.mining.evidence.summarize`,
    ``evidence`` its keywords) quoted from the inquiries that ask, and its topic (:func:`assign_topics`)."""
    topics = inquiry_topics(clustering, texts, encoder)
    summaries = summarize(clustering, texts, langs, config, asks=asking(topics), **evidence)
    return assign_topics(summaries, texts, topics, config.coverage_members)
