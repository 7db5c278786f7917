"""Cross-language purity of mining's clusters: another language's inquiries join a cluster only when
they ask what it asks, not because they share its greeting, brand name or order-number format."""

from __future__ import annotations

import zlib
from collections import Counter
from typing import ClassVar

import numpy as np
import pytest

from kb import mining
from kb.evaluation.mining_eval import cross_language_purity, title_agreement

TOY = mining.MiningConfig(neighbours=5, resolution=1.0)
# A few dozen rows: each language centred on its own mean, shrunk by ten rows' worth, not a hundred.
SMALL = mining.MiningConfig(neighbours=5, resolution=1.0, centring_prior=10.0)

# What every script writes alike: a greeting naming the shop, an order number.
TH_GREETING = "เรียนทีมงาน Kestrel Market\n"
EN_GREETING = "Dear Kestrel Market team,\n"


def order(i: int) -> str:
    return f"KM-2041-{558913 + 7 * i}"


class BagOfConcepts:
    """A stand-in for a multilingual encoder: a vector per concept it finds (the same in every
    language), each language's own offset, a little noise per text; the shop's name and order
    numbers weigh as much as the question, as Latin tokens in a Thai sentence do in e5."""

    CONCEPTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "shipped": ("shipped", "ส่งออก"),
        "gift": ("gift card", "บัตรของขวัญ"),
        "brand": ("Kestrel",),
        "order": ("KM-",),
    }

    def __init__(self, dims: int = 32):
        rng = np.random.default_rng(0)
        self.concepts = {name: rng.normal(size=dims) for name in self.CONCEPTS}
        self.accent = {"th": rng.normal(size=dims) * 2, "en": rng.normal(size=dims) * 2}
        self.dims = dims
        self.seen: list[str] = []

    def representability(self, texts, lang=""):
        return None  # every language read in full (dense_weight)

    def dense_weight(self, rep) -> float:
        return 1.0

    def encode(self, texts, *, batch_size=32, progress=None, queries=False):
        self.seen += list(texts)
        out = []
        for text in texts:
            noise = np.random.default_rng(zlib.crc32(text.encode())).normal(size=self.dims) * 0.3
            vec = self.accent["th" if any("\u0e00" <= c <= "\u0e7f" for c in text) else "en"] + noise
            for name, words in self.CONCEPTS.items():
                if any(w in text for w in words):
                    vec = vec + self.concepts[name] * (1.2 if name in ("brand", "order") else 1.0)
            out.append(vec / np.linalg.norm(vec))
        return np.asarray(out, np.float32)


def two_needs_and_glue() -> tuple[list[str], list[str], list[str]]:
    """Thai asks mostly why an order has not shipped, often greeting the shop by name with the order
    number; English asks mostly the same plainly, and a few English inquiries about how long a
    gift card is valid come with the same greeting and an order number."""
    rows = []
    for i in range(24):
        glue = TH_GREETING if i % 2 else ""
        rows.append((f"{glue}ออเดอร์ {order(i) if i % 2 else ''} ทำไมยังไม่ส่งออกคะ {i}", "th", "shipped"))
    for i in range(8):
        rows.append((f"บัตรของขวัญใช้ได้นานแค่ไหนคะ {i}", "th", "gift"))
    for i in range(24):
        rows.append((f"why has my order not shipped yet {i}", "en", "shipped"))
    for i in range(3):
        rows.append((f"{EN_GREETING}How long is a gift card valid? Order {order(100 + i)} {i}", "en", "gift"))
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


def test_minority_inquiries_sharing_only_the_greeting_and_order_number_stay_out():
    texts, langs, needs = two_needs_and_glue()
    encoder = BagOfConcepts()
    result = mining.cluster(texts, langs, encoder, SMALL)
    # The model is shown what is asked: no greeting naming the shop, no order number.
    assert encoder.seen and not any("KM-" in t or "Kestrel" in t for t in encoder.seen)
    clusters = result.clusters()
    assert clusters
    majority = {i: Counter(needs[j] for j in m).most_common(1)[0][0] for m in clusters for i in m.tolist()}
    english_gift = [
        i for i, (lang, need) in enumerate(zip(langs, needs, strict=True)) if (lang, need) == ("en", "gift")
    ]
    # Each English gift-card inquiry is a one-off or in the gift-card cluster, never in "not shipped".
    assert all(majority.get(i, "gift") == "gift" for i in english_gift)
    purity = cross_language_purity(np.asarray(needs), np.asarray(langs), clusters)
    assert purity["cross_language_purity"] == 1.0


def test_what_is_embedded_keeps_the_question_and_never_comes_back_empty():
    asked = mining.features.what_is_asked(f"{EN_GREETING}Where is my parcel? Order {order(1)}\nThanks,\nAnna", "en")
    assert "parcel" in asked and "Kestrel" not in asked and "KM-" not in asked and "Anna" not in asked
    assert mining.features.what_is_asked("Hi there", "en") == "Hi there"  # nothing left: the text itself


def test_cross_language_purity_counts_the_members_outside_the_main_language():
    labels = np.array(["a", "a", "a", "b", "a", "b", "b", "b", "a", "a", "a", "a", "c", "c", "c"])
    langs = np.array(["th", "th", "th", "en", "en", "en", "en", "en", "th", "th", "th", "th", "en", "en", "en"])
    # The first holds one English inquiry of its intent among two; the second one language (not
    # counted); the third three English inquiries about something else (a stray subgroup).
    clusters = [np.array([0, 1, 2, 3, 4]), np.array([5, 6, 7]), np.arange(8, 15)]
    got = cross_language_purity(labels, langs, clusters)
    assert got == {
        "cross_language_purity": 0.2,
        "main_language_purity": 1.0,
        "stray_subgroups": 1,
        "stray_members": 3,
    }


def test_title_agreement_asks_whether_every_language_names_the_main_titles_question():
    texts = ["Where is my parcel?", "Hi, is there a second box?", "Kur ir mana paka?", "Vai būs otrā kaste?",
             "พัสดุของฉันอยู่ไหน", "Kur ir paka?"]  # fmt: skip
    labels = ["where", "second", "where", "second", "where", "where"]
    langs = ["en", "en", "lv", "lv", "th", "lv"]

    def titled(members: list[int], titles: dict[str, str]) -> mining.ClusterSummary:
        return mining.ClusterSummary(members=np.array(members), lang="en", langs={}, representative=titles["en"],
                                     titles=titles, examples=[], term_keys=[], dense=True,
                                     vectors=np.zeros((0, 2)))  # fmt: skip

    # Latvian names the other question, Thai the same; the title is found in the cleaned wording
    first = titled([0, 1, 3, 2, 4], {"en": "Where is my parcel?", "lv": "Vai būs otrā kaste?", "th": texts[4]})
    second = titled([1, 0, 5], {"en": "is there a second box?", "lv": "Kur ir paka?"})
    alone = titled([0, 2], {"en": "Where is my parcel?"})  # one title: nothing to agree on
    assert title_agreement([first, second, alone], texts, langs, labels) == {"share": 0.3333, "titles": 3}
    assert title_agreement([alone], texts, langs, labels) is None


# Real text, the real model: Thai asks why an order has not shipped, always greeting the shop by name
# with the order number; three English inquiries ask how long a gift card is valid with the same
# greeting and an order number; Thai asks that too, plainly.
TH_SHIPPED = [
    "ทำไมออเดอร์ยังไม่ส่งออกคะ สั่งตั้งแต่เมื่อวาน",
    "ออเดอร์ยังขึ้นว่ากำลังดำเนินการอยู่เลยค่ะ ยังไม่ได้ส่งออกจากคลังใช่ไหมคะ",
    "สั่งของไปสามวันแล้ว ทำไมยังไม่จัดส่งครับ",
    "ของยังไม่ถูกส่งออกเลยค่ะ ช่วยเช็กให้หน่อย",
    "ออเดอร์ยังไม่ส่งเลยครับ ต้องรออีกนานไหม",
    "ยังไม่ได้ส่งของใช่ไหมคะ สั่งไปหลายวันแล้ว",
]
EN_GIFT_VALID = [
    "How long is a Kestrel gift card valid?",
    "Does a gift card expire?",
    "how long can I use my gift card before it runs out",
]
TH_GIFT_VALID = [
    "บัตรของขวัญใช้ได้นานแค่ไหนคะ",
    "บัตรของขวัญมีวันหมดอายุไหมครับ",
    "กิฟต์การ์ดหมดอายุเมื่อไหร่คะ",
    "บัตรของขวัญใช้ได้กี่เดือนครับ",
]
EN_SHIPPED = [
    "Why hasn't my order shipped yet?",
    "my order still says processing, has it left the warehouse?",
    "ordered three days ago and it still hasn't been dispatched",
    "when will my order be shipped?",
    "order not sent yet, what is going on",
    "It's been days and my order has not shipped",
]


def real_log() -> tuple[list[str], list[str], list[str]]:
    rows = []
    for n in range(2):
        rows += [(f"{TH_GREETING}{t} ออเดอร์ {order(10 * n + i)}", "th", "shipped") for i, t in enumerate(TH_SHIPPED)]
        rows += [(t, "th", "gift") for t in TH_GIFT_VALID] + [(t, "en", "shipped") for t in EN_SHIPPED]
    rows += [(f"{EN_GREETING}{t}\nOrder {order(50 + i)}", "en", "gift") for i, t in enumerate(EN_GIFT_VALID)]
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


@pytest.mark.model
def test_real_inquiries_join_the_cluster_of_their_need_not_of_their_greeting(e5_mining):
    texts, langs, needs = real_log()
    result = mining.cluster(texts, langs, e5_mining, TOY)
    clusters = result.clusters()
    # Every cluster asks one thing, and the English gift-card question is the Thai one's cluster
    # (embedded with the greeting and order number, it stayed a cluster of its own).
    assert all(len({needs[i] for i in m.tolist()}) == 1 for m in clusters)
    gift = [m for m in clusters if needs[m[0]] == "gift"]
    assert len(gift) == 1 and {langs[i] for i in gift[0].tolist()} == {"en", "th"}
    assert cross_language_purity(np.asarray(needs), np.asarray(langs), clusters)["cross_language_purity"] == 1.0
