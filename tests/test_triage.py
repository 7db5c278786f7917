"""Triage (kb/mining/triage.py): the prototype file, the scoring, the topic definitions in five
languages. The 33 inquiries of every topic in five languages are in test_mining.py."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kb.mining import triage
from kb.mining.evidence import ClusterSummary
from kb.mining.model import Clustering, MiningConfig, Space


def test_prototypes_come_from_the_file_next_to_the_module():
    assert triage.PROTOTYPES.parent.name == "mining" and triage.PROTOTYPES.name == "triage.yml"
    assert triage._load_topics(triage.PROTOTYPES) == triage.TOPICS
    # every topic of the word lists has prototypes, and so have the four that are no topic
    assert set(triage.TOPICS) == {*triage.WORDS, "thanks", "greeting", "spam", "other"}
    assert tuple(triage.TOPICS) == triage.ORDER
    for topic, protos in triage.TOPICS.items():
        assert len(protos) >= triage.TOP_K, topic
        assert len({p.casefold() for p in protos}) == len(protos), topic  # no duplicates
    every = [p.casefold() for protos in triage.TOPICS.values() for p in protos]
    assert len(set(every)) == len(every)  # no question under two topics


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("- a list, not a mapping\n", "expected a mapping"),
        ("order: []\nthanks: [thanks]\nother: [hi]\n", "'order' needs"),
        ("order: [a question, 3]\nthanks: [thanks]\nother: [hi]\n", "'order' needs"),
        ("order: [cancel it]\nother: [hi]\n", "'thanks' is missing"),
    ],
)
def test_a_malformed_prototype_file_is_refused(tmp_path, text, problem):
    path = tmp_path / "triage.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        triage._load_topics(path)


def test_word_lists_follow_the_topic_definitions():
    # "cancel" alone is no order: a newsletter or an account is cancelled too
    assert triage.word_topic(["please cancel my newsletter subscription"]) == "other"
    assert triage.word_topic(["please cancel my order"]) == "order"
    assert triage.word_topic(["tolong batalkan pesanan saya"]) == "order"
    # a complaint about the service is feedback; a warranty claim is a claim ("refund")
    assert triage.word_topic(["I want to complain about your staff"]) == "other"
    assert triage.word_topic(["I want to file a warranty claim"]) == "refund"


class FakeEncoder:
    model_id = "fake-triage"

    def __init__(self, vectors: dict[str, np.ndarray]):
        self.vectors = vectors

    def encode(self, texts, queries=False):
        return np.stack([self.vectors[t] for t in texts])


def unit(cos: float, axis: int = 1) -> np.ndarray:
    """A unit vector whose cosine to (1, 0, 0) is ``cos``."""
    v = np.zeros(3, dtype=np.float32)
    v[0], v[axis] = cos, math.sqrt(1 - cos * cos)
    return v


def test_a_topic_scores_the_mean_of_its_nearest_prototypes_the_catch_alls_their_nearest(monkeypatch):
    topics = {"a": ("a1", "a2", "a3", "a4"), "b": ("b1", "b2", "b3"), "other": ("o1", "o2", "o3")}
    cosines = {"a1": 0.8, "a2": 0.8, "a3": 0.7, "a4": 0.0, "b1": 0.95, "b2": 0.1, "b3": 0.1}
    cosines |= {"o1": 0.9, "o2": 0.0, "o3": 0.0}
    vectors = {name: unit(c, 1 + i % 2) for i, (name, c) in enumerate(cosines.items())}
    monkeypatch.setattr(triage, "TOPICS", topics)
    monkeypatch.setattr(triage, "ORDER", tuple(topics))
    monkeypatch.setattr(triage, "TOP_K", 3)
    monkeypatch.setattr(triage, "NEAREST_ONLY", ("other",))
    monkeypatch.setattr(triage, "_prototypes", {})
    scores = triage.topic_scores(unit(1.0)[None, :], FakeEncoder(vectors))
    # a: three close prototypes beat b's one closest paraphrase; other: its one nearest
    assert scores.shape == (1, 3)
    assert scores[0] == pytest.approx([(0.8 + 0.8 + 0.7) / 3, (0.95 + 0.1 + 0.1) / 3, 0.9], abs=1e-5)


# Written for this test, in the five site languages: the needs whose topic the definitions in
# triage.yml settle (a complaint, a newsletter, a cancellation fee) and text about no topic at all.
DEFINITION_CASES = [
    ("I want to complain about how rude your staff was", "other"),
    ("อยากร้องเรียนเรื่องพนักงานที่ไม่สุภาพค่ะ", "other"),
    ("می‌خواهم از رفتار بد کارمندانتان شکایت کنم", "other"),
    ("saya mau menyampaikan keluhan tentang pelayanan toko anda", "other"),
    ("Vēlos iesniegt sūdzību par jūsu darbinieku rupjību", "other"),
    ("please unsubscribe me from your newsletter", "other"),
    ("ขอยกเลิกรับจดหมายข่าวค่ะ", "other"),
    ("لطفا اشتراک خبرنامه‌ام را لغو کنید", "other"),
    ("tolong berhentikan langganan newsletter saya", "other"),
    ("Lūdzu, atceliet manu jaunumu abonementu", "other"),
    ("do I pay anything if I cancel my order?", "order"),
    ("ยกเลิกคำสั่งซื้อมีค่าธรรมเนียมไหมคะ", "order"),
    ("لغو سفارش هزینه دارد؟", "order"),
    ("apakah ada biaya untuk membatalkan pesanan?", "order"),
    ("Vai pasūtījuma atcelšana ir par maksu?", "order"),
    ("will it rain tomorrow?", "other"),
    ("พรุ่งนี้ฝนจะตกไหม", "other"),
    ("فردا باران می‌بارد؟", "other"),
    ("besok hujan tidak?", "other"),
    ("Vai rīt līs?", "other"),
]


@pytest.mark.model
def test_complaints_newsletters_fees_and_chat_follow_the_definitions_in_every_language(e5_mining):
    texts = [t for t, _ in DEFINITION_CASES]
    got = triage.row_topics(texts, e5_mining.encode(texts, queries=True), e5_mining)
    right = sum(g == want for g, (_, want) in zip(got, DEFINITION_CASES, strict=True))
    # measured: 17 of 20, a newsletter left in Thai and Persian taken for an order (the single
    # nearest prototype with the old word lists: 9)
    assert right >= 0.8 * len(DEFINITION_CASES), list(zip(texts, got, strict=True))
    assert triage.topic_of("my card payment failed", e5_mining) == "payment"


# Questions about a product itself (size, stock, material, colour, a price match), written for this
# test in the five languages: "other" by the topic definitions, not an order or a delivery.
PRODUCT_CASES = [
    "do these jeans fit true to size or should I go one up?",
    "is the grey armchair still available or sold out?",
    "รองเท้ารุ่นนี้ไซส์ 40 เท่ากับกี่เซนติเมตรคะ",
    "กระเป๋าสีดำจะกลับมามีของเมื่อไหร่คะ",
    "این کاپشن سایز بزرگ‌تر هم دارد؟",
    "جنس این پتو پنبه است یا پلی‌استر؟",
    "apakah sepatu ini ada ukuran 44?",
    "toko lain jual lebih murah, bisa disamakan harganya?",
    "Vai šī kleita ir pieejama arī zilā krāsā?",
    "Kad lampa atkal būs noliktavā?",
]


@pytest.mark.model
def test_questions_about_a_product_are_no_order_or_delivery(e5_mining):
    got = triage.row_topics(PRODUCT_CASES, e5_mining.encode(PRODUCT_CASES, queries=True), e5_mining)
    # measured: 10 of 10; 3 before "other" had product prototypes (sizes were orders, a bag back
    # in stock a return, shoes in size 44 a damaged item)
    assert got.count("other") >= 8, list(zip(PRODUCT_CASES, got, strict=True))


def _summary(members: list[int], *, dense: bool = True) -> ClusterSummary:
    return ClusterSummary(
        members=np.array(members),
        lang="en",
        langs={"en": len(members)},
        representative="",
        titles={},
        examples=[],
        term_keys=[],
        dense=dense,
        vectors=np.zeros((len(members), 3), dtype=np.float32),
    )


def test_thanks_and_spam_need_a_margin_and_clusters_asking_nothing_are_left_out(monkeypatch):
    # Prototype vectors on three axes: a topic, the thanks and the spam.
    axes = {"a1": 0, "a2": 0, "a3": 0, "t1": 1, "s1": 2, "o1": 0}
    vectors = {name: np.eye(3, dtype=np.float32)[axis] for name, axis in axes.items()}
    vectors["o1"] = vectors["g1"] = np.zeros(3, dtype=np.float32)  # "other" and "greeting" score 0 here
    topics = {"a": ("a1", "a2", "a3"), "thanks": ("t1",), "greeting": ("g1",), "spam": ("s1",), "other": ("o1",)}
    monkeypatch.setattr(triage, "TOPICS", topics)
    monkeypatch.setattr(triage, "ORDER", tuple(topics))
    monkeypatch.setattr(triage, "WORDS", {})
    monkeypatch.setattr(triage, "_prototypes", {})
    encoder = FakeEncoder(vectors)

    def row(topic_cos: float, thanks_cos: float, spam_cos: float) -> np.ndarray:
        return np.array([topic_cos, thanks_cos, spam_cos], dtype=np.float32)

    rows = np.stack(
        [
            row(0.80, 0.0, 0.81),  # spam by a hair: unsure, so the best topic that asks
            row(0.70, 0.0, 0.80),  # spam by 0.10
            row(0.80, 0.81, 0.0),  # thanks by a hair
            row(0.60, 0.80, 0.0),  # thanks by 0.20
            row(0.90, 0.0, 0.85),  # the topic
        ]
    )
    assert triage.row_topics(["x"] * 5, rows, encoder) == ["a", "spam", "a", "thanks", "a"]

    found = [
        "spam",
        "spam",
        "thanks",
        "thanks",
        "a",
        "spam",
        "thanks",
        "spam",
        "a",
        "a",
        "spam",
        "thanks",
        "a",
        "a",
        "a",
    ]
    spam, thanks, asking = _summary([0, 1]), _summary([2, 3]), _summary([4])
    # A drawer of spam and thanks where the topic leads no one (2 of 5) asks nothing; 3 of 5 ask.
    drawer, leading = _summary([5, 6, 7, 8, 9]), _summary([10, 11, 12, 13, 14])
    kept = triage.assign_topics([spam, thanks, asking, drawer, leading], ["x"] * 15, found, 50)
    assert kept == [asking, leading] and asking.priority == leading.priority == "a"
    # the verdict stays on the dropped ones
    assert (spam.priority, thanks.priority, drawer.priority) == ("spam", "thanks", "spam")
    # only the most central are voted on: the spam and thanks after the topic's two do not count
    assert triage.assign_topics([_summary([4, 8, 0, 1, 2])], ["x"] * 15, found, 2)[0].priority == "a"
    assert triage.assign_topics([_summary([4, 8, 0, 1, 2])], ["x"] * 15, found, 5) == []
    # a cluster of words (a language the model cannot read) has no topics by meaning: its word lists vote
    monkeypatch.setattr(triage, "WORDS", {"a": ("parcel",)})
    words = triage.assign_topics([_summary([0, 1, 2], dense=False)], ["my parcel?"] * 3, [None] * 3, 50)
    assert [s.priority for s in words] == ["a"]


def test_a_clusters_evidence_quotes_only_the_inquiries_that_ask(monkeypatch):
    # Two price-match questions and the follower offers that fell among them (the demo's log put
    # one in a price-match cluster, and the Persian offer titled it): the topics mark the offers.
    texts = [
        "Cheap Instagram followers, visit followers.example.net",
        "Do you match a competitor's price?",
        "Will you match a cheaper price from another shop?",
        "Cheap Instagram followers, visit followers.example.net today",
        "Do you price match?",
    ]
    langs = ["en"] * 5
    config = MiningConfig(min_size=2)
    space = Space(langs=("en",), rows=np.arange(5), matrix=np.ones((5, 2), dtype=np.float32) / np.sqrt(2), dense=True)
    clustering = Clustering(labels=np.zeros(5, dtype=int), spaces=[space], dense_weights={"en": 1.0}, asked=texts)
    monkeypatch.setattr(triage, "inquiry_topics", lambda *_: ["spam", "payment", "payment", "spam", "payment"])
    (summary,) = triage.summarize_asking(clustering, texts, langs, object(), config)  # type: ignore[arg-type]
    assert summary.representative == "Do you match a competitor's price?" and summary.priority == "payment"
    assert [e["text"] for e in summary.examples] == [texts[1], texts[2], texts[4]]
    assert len(summary.members) == 5 and summary.langs == {"en": 5} and len(summary.vectors) == 3  # counted, not quoted
    # a cluster of nothing but offers is quoted as it is, and voted out
    monkeypatch.setattr(triage, "inquiry_topics", lambda *_: ["spam"] * 5)
    assert triage.summarize_asking(clustering, texts, langs, object(), config) == []


# Written for this test (neither from the prototypes nor from the demo's generator): offers sent to
# a shop unasked, in five languages, and real questions about offers, codes and prizes, which are
# not spam.
SPAM_CASES = [
    ("We will rank your online store on top of Google search in 10 days, guaranteed", "spam"),
    ("Get 10,000 TikTok followers for only 9 dollars, message us now", "spam"),
    ("รับทำเว็บไซต์ ราคาถูก ติดหน้าแรก Google ทักไลน์มาเลย", "spam"),
    ("وام فوری بدون ضامن، همین امروز پیام دهید", "spam"),
    ("Investasi kripto untung 300% per bulan, gabung grup kami sekarang", "spam"),
    ("Apsveicam! Jūs esat laimējis iPhone, spiediet saiti, lai saņemtu balvu", "spam"),
    ("do you have a discount code for my first order?", "payment"),
    ("I won a gift card in your contest, how do I use it at checkout?", "payment"),
    ("โค้ดส่วนลดที่ได้จากโปรโมชั่นใช้ไม่ได้ค่ะ", "payment"),
    ("I run a shop and would like to sell your products, who do I talk to?", "other"),
]

# Written for this test: greetings with no question yet, and questions that start like one.
GREETING_CASES = [
    ("hello, is somebody there?", "greeting"),
    ("Labdien, vai kāds ir tiešsaistē?", "greeting"),
    ("سلام، کسی آنلاین هست؟", "greeting"),
    ("halo kak, mau tanya", "greeting"),
    ("hello, is somebody there? I wrote three days ago about my refund and nobody answered", "not"),
    ("Labdien, vai kāds ir? Mana paka nav atnākusi", "not"),
]


@pytest.mark.model
@pytest.mark.parametrize(("cases", "topic", "least"), [(SPAM_CASES, "spam", 5), (GREETING_CASES, "greeting", 3)])
def test_what_asks_nothing_is_told_from_real_questions(e5_mining, cases, topic, least):
    texts = [t for t, _ in cases]
    got = triage.row_topics(texts, e5_mining.encode(texts, queries=True), e5_mining)
    pairs = list(zip(texts, got, strict=True))
    # A real question taken for spam or a greeting would be dropped from mining: none may be.
    assert not [p for p, (_, want) in zip(pairs, cases, strict=True) if p[1] == topic and want != topic], pairs
    # measured: spam 5 of 6, greetings 3 of 4 (a Latvian prize and "anyone online?" are "other":
    # left in the queue, not lost)
    assert sum(g == topic for g, (_, want) in zip(got, cases, strict=True) if want == topic) >= least, pairs
