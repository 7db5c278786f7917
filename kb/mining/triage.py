"""Triage: which topic an inquiry is about (order, damaged item, delivery, return, refund or
claim, payment, account, other), from its meaning: the nearest of a few written prototype
questions per topic in the multilingual model's space, so it works in every language the model
reads; word lists where there is no model."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from kb.mining.evidence import ClusterSummary
from search import EmbeddingUnavailable, Encoder

# Where there is no model (or a language it cannot read): words that signal each topic in the
# site languages. A complaint or a warranty claim is a "refund" (refund or claim) topic.

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
        "complain",
        "klaim",
        "garansi",
        "keluhan",
        "pretenzij",
        "garantij",
        "sūdzīb",
        "เคลม",
        "รับประกัน",
        "ร้องเรียน",
        "گارانتی",
        "شکایت",
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
    "order": ("order", "cancel", "pesan", "batal", "pasūtīj", "atcel", "คำสั่งซื้อ", "สั่งซื้อ", "ยกเลิก", "سفارش", "لغو"),
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


# Prototype questions per topic, written for this list. All in English: the model reads every
# language into one space, but a text is a little closer to anything in its own language, so
# prototypes in one language would pull that language's inquiries to their topic. Measured with `python -m kb.evaluation.eval triage` (README "Mining").
TOPICS: dict[str, tuple[str, ...]] = {
    "order": (
        "I want to cancel my order",
        "how do I change the items in my order",
        "I placed an order, what is its status",
        "how do I place an order on your website",
        "is there a fee for cancelling an order",
        "I ordered the wrong size, can you change it",
    ),
    "damaged": (
        "the item arrived broken",
        "my product is damaged",
        "the product I received is defective and does not work",
        "the parcel arrived crushed and the contents are cracked",
    ),
    "delivery": (
        "where is my parcel",
        "when will my package be delivered",
        "what delivery options do you have",
        "how long does shipping take",
        "I need to change my delivery address",
        "the courier did not deliver my parcel",
    ),
    "return": (
        "how do I return an item",
        "I want to send this product back",
        "where do I get a return label",
        "can I exchange an item for another size",
    ),
    "refund": (
        "I want my money back",
        "when will I get my refund",
        "what is your refund policy",
        "I want to file a claim under the warranty",
        "my refund has not arrived yet",
    ),
    "payment": (
        "my payment was declined",
        "which payment methods do you accept",
        "I was charged twice",
        "I need an invoice for my purchase",
        "can I pay in instalments",
    ),
    "account": (
        "I forgot my password",
        "how do I create an account",
        "I want to delete my account",
        "I cannot log in to my account",
        "how do I change my email address in my profile",
    ),
    # Not a question at all: the thanks and "never mind" that close a conversation. A cluster of
    # them is conversation, not a suggestion (the word lists of evidence.COURTESY catch only the
    # messages made of nothing else).
    "thanks": (
        "thank you, that solved it",
        "thanks a lot for your help",
        "never mind, I found it",
        "ok, all good now, thanks",
        "great, that answers my question",
    ),
    "other": (
        "I want to talk to a person",
        "how can I contact customer service",
        "do you have a physical store",
        "I want to subscribe to your newsletter",
        "I want to leave a review",
        "are you hiring",
    ),
}


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
    """rows x topics: each row's cosine to the nearest prototype of each topic (vectors: the
    model's own, query-encoded like the prototypes)."""
    key = encoder.model_id
    if key not in _prototypes:
        labels = [topic for topic, protos in TOPICS.items() for _ in protos]
        vecs = encoder.encode([p for protos in TOPICS.values() for p in protos], queries=True)
        _prototypes[key] = (labels, vecs)
    labels, vecs = _prototypes[key]
    sims = vectors @ vecs.T
    out = np.full((len(vectors), len(ORDER)), -1.0)
    for col, label in enumerate(labels):
        j = ORDER.index(label)
        out[:, j] = np.maximum(out[:, j], sims[:, col])
    return out


def row_topics(texts: Sequence[str], vectors: np.ndarray, encoder: Encoder) -> list[str]:
    """Each inquiry's topic: the nearest prototype's, a word-list match adding a small margin."""
    scores = topic_scores(vectors, encoder)
    for i, text in enumerate(texts):
        low = text.casefold()
        for topic, words in WORDS.items():
            if any(w in low for w in words):
                scores[i, ORDER.index(topic)] += WORD_MARGIN
    best = scores.argmax(axis=1)
    thanks = ORDER.index("thanks")
    runner_up = np.delete(scores, thanks, axis=1).max(axis=1)
    # Text about none of the topics (a song, the weather) lands nearest the shortest, vaguest
    # prototypes, the thanks, by a hair; real thanks win by more (measured: README "Mining").
    unsure = (best == thanks) & (scores[:, thanks] - runner_up < THANKS_MARGIN)
    return ["other" if u else ORDER[j] for j, u in zip(best.tolist(), unsure.tolist(), strict=True)]


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


WORD_MARGIN = 0.02  # what a word-list match adds to a topic's cosine (e5 cosines differ by a few hundredths)
THANKS_MARGIN = 0.02  # how much nearer the thanks than any topic a message must be to be only thanks


def assign_topics(
    summaries: list[ClusterSummary], texts: Sequence[str], encoder: Encoder | None
) -> list[ClusterSummary]:
    """Each cluster's topic (its ``priority`` field): the most common topic of its central inquiries,
    by meaning where the cluster lives in the dense space, else by word list; "" for other. Returns
    the clusters that ask something: those whose inquiries mostly just say thanks are left out."""
    asking = []
    for summary in summaries:
        central = [texts[i] for i in summary.members[: len(summary.vectors)]]
        topic = ""
        if summary.dense and encoder is not None:
            try:
                votes = Counter(row_topics(central, summary.vectors, encoder))
                topic = max(votes.items(), key=lambda kv: (kv[1], -ORDER.index(kv[0])))[0]
            except EmbeddingUnavailable:
                topic = word_topic(central)
        else:
            topic = word_topic(central)
        summary.priority = "" if topic == "other" else topic
        if topic != "thanks":
            asking.append(summary)
    return asking
