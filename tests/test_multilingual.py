"""The multilingual engine on the real demo help center: one dense space for every language.

The demo's deliberately missing translations (README) must still be found by readers of those
languages, outdated translations are flagged, and questions the help center cannot answer get
"nothing relevant" instead of weak hits. Queries come from demo/queries.jsonl and
demo/off_topic.jsonl, written as customers type (not article titles).
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from pathlib import Path

import pytest

from kb.core import HelpCenter
from kb.settings import PROJECT_ROOT

# The session's demo index (tests/conftest.py: demo_search) is built inside the first test that asks
# for it: ~1-2 min on an idle machine, far longer on a loaded one.
pytestmark = [pytest.mark.model, pytest.mark.slow, pytest.mark.timeout(1800)]

DEMO = PROJECT_ROOT / "demo"
MISSING = {
    ("lv", "bank-transfer"),
    ("id", "pay-in-instalments"),
    ("th", "two-factor-sign-in"),
    ("fa", "complaints-and-escalation"),
}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_index_holds_one_space_and_the_english_second_opinion(demo_search):
    manifest = demo_search.status()
    assert manifest["semantic"] == "ready" and manifest["model"]["multilingual"]
    assert all(info["dense_weight"] == 1.0 for info in manifest["langs"].values())
    assert all(info["floor"]["dense_center"] > 0.5 for info in manifest["langs"].values())
    assert all(0 < info["floor"]["asked_center"] < 1 for info in manifest["langs"].values())
    minilm_langs = manifest["extra_models"][0]["langs"]
    assert minilm_langs["en"]["dense_weight"] > 0 and minilm_langs["th"]["dense_weight"] == 0


@pytest.mark.parametrize("lang,slug", sorted(MISSING))
def test_untranslated_articles_are_found_in_the_readers_language(demo_search, lang, slug):
    queries = [q["query"] for q in read_jsonl(DEMO / "queries.jsonl") if (q["lang"], q["slug"]) == (lang, slug)]
    assert len(queries) >= 2
    found, first = [], 0
    for query in queries:
        hits = demo_search.search(query, lang).hits
        found += [h for h in hits if h.article == slug]
        first += bool(hits) and hits[0].article == slug
    assert found, f"no natural {lang} query finds {slug}"
    assert all(h.fallback and h.lang != lang for h in found)  # shown in a language it exists in, and flagged
    # Keywords search the reader's language only; their silence must not sink an article they cannot
    # reach (search/fusion.py): before, no Latvian query found bank-transfer first.
    assert first, f"no natural {lang} query finds {slug} first"


def test_a_customers_words_meet_the_questions_articles_ask_in_any_language(demo_search):
    # track-your-order asks "Where is my parcel?"; lost-parcel only shares the word in its title.
    hits = demo_search.search("where is my parcel", "en", explain=True).hits
    track = next(h for h in hits if h.article == "track-your-order")
    assert track.explain["asked"]["rank"] == 1
    # complaints-and-escalation has no Persian version: its English questions answer a Persian reader.
    result = demo_search.search("شكايت رسمي از رفتار كارمند پشتيباني", "fa", explain=True)
    hits = result.hits or result.below_floor  # ranked, whether or not the floor lets it through
    complaints = next(h for h in hits if h.article == "complaints-and-escalation")
    assert complaints.fallback and complaints.explain.get("asked") is not None


def test_an_untranslated_article_is_also_found_by_the_readers_words_in_english(demo_search):
    """ "klarna" is a word of the English article Indonesian lacks: staff see it in explain."""
    hits = demo_search.search("klarna bisa dipake kalo alamat kirimnya di indonesia?", "id", explain=True).hits
    klarna = next(h for h in hits if h.article == "pay-in-instalments")
    assert klarna.fallback and klarna.explain["lexical"]["lang"] == "en"
    assert klarna.explain["lexical"]["fields"]["body"] > 0


def test_other_readers_get_their_own_language_first(demo_search):
    hits = demo_search.search("ต้องการคืนสินค้า", "th").hits
    assert hits and hits[0].lang == "th" and not hits[0].fallback


def test_an_outdated_translation_is_flagged(demo_search):
    hits = demo_search.search("เงินคืนจะเข้าบัญชีเมื่อไหร่", "th").hits
    refund = next(h for h in hits if h.article == "refund-timing")
    assert refund.lang == "th" and refund.outdated
    assert not any(h.outdated for h in demo_search.search("refund", "en").hits)  # the source never is


def test_off_topic_questions_get_nothing_relevant_and_real_ones_an_answer(demo_search):
    answered: dict[str, list[bool]] = defaultdict(list)
    for q in read_jsonl(DEMO / "off_topic.jsonl"):
        result = demo_search.search(q["query"], q["lang"])
        answered[q["lang"]].append(bool(result.hits))
        if not result.hits:
            assert result.below_floor or not result.confidence  # held back, not lost: staff can explain it
    share = {lang: sum(v) / len(v) for lang, v in answered.items()}
    assert set(share) == {"en", "th", "fa", "id", "lv"}
    # Measured 0.15-0.38 per language, 0.29 in all (0.38 before MiniLM was a second witness in English,
    # 0.49 before the articles' own questions were evidence): the floor protects recall first
    # (README, "Honest answers").
    assert sum(sum(v) for v in answered.values()) / sum(len(v) for v in answered.values()) <= 0.45, share
    real = [bool(demo_search.search(q["query"], q["lang"]).hits) for q in read_jsonl(DEMO / "queries.jsonl")]
    assert sum(real) / len(real) >= 0.9


def test_in_english_the_second_model_is_a_second_witness_for_the_floor(demo_search):
    minilm = demo_search.status()["extra_models"][0]["langs"]
    assert 0 < minilm["en"]["floor"]["dense_center"] < 1 and minilm["en"]["floor"]["dense_spread"] > 0
    assert "floor" not in minilm["th"]  # it does not read Thai: no vectors, no figures
    gen = demo_search.store.current()
    cal = gen.calibration("en")
    assert set(cal.second) == {"extra1"} and gen.calibration("th").second == {}
    primary_alone = dataclasses.replace(cal, second={})
    answered = {"with": 0, "without": 0}
    for q in read_jsonl(DEMO / "off_topic.jsonl"):
        if q["lang"] == "en":
            r = demo_search.search(q["query"], "en")
            assert "extra1" in r.confidence
            if r.evidence is not None:  # as staff "explain" shows it
                assert "extra1" in r.evidence_parts and sum(r.evidence_parts.values()) == pytest.approx(
                    r.evidence, abs=1e-3
                )
            answered["with"] += cal.clears_floor(r.confidence, dense_used=r.dense_used)
            answered["without"] += primary_alone.clears_floor(r.confidence, dense_used=r.dense_used)
    assert answered["with"] < answered["without"], answered  # measured 3 against 5 of 14


def test_a_query_in_another_script_is_weighed_as_another_language(demo_search):
    # A Persian reader typing "PayPal refund": its cosines with the Persian pages run lower by the
    # gap between languages, which the floor's evidence gives back; the ranking does not move.
    gen = demo_search.store.current()
    cal = gen.calibration("fa")
    qvec = demo_search.encoder.encode_query("PayPal refund")
    dense = demo_search.service._dense
    plain, foreign = (
        dense.pooled(gen, "fa", qvec, None, ("published",), cross=False, foreign=share) for share in (0.0, 1.0)
    )
    assert plain and set(plain) == set(foreign) and cal.lift > 0
    for article, candidate in plain.items():
        assert foreign[article].score == candidate.score
        assert foreign[article].evidence == pytest.approx(candidate.evidence + cal.lift)
    search = demo_search.search("PayPal refund", "fa")
    assert search.confidence["dense"] >= max(c.evidence for c in foreign.values()) - 1e-4


def test_english_typed_by_a_thai_reader_is_judged_as_english(demo_search):
    # The Thai reader still gets the Thai ranking; whether anything answers is decided as for an
    # English reader, with English keywords and the English second witness.
    for query in ("my parcel never arrived", "chocolate chip cookie recipe without eggs"):
        thai, english = demo_search.search(query, "th"), demo_search.search(query, "en")
        assert thai.evidence == english.evidence and "extra1" in thai.evidence_parts
        assert thai.evidence_lang == "en" and english.evidence_lang is None  # staff "explain" says so
        assert bool(thai.hits) == bool(english.hits)
        shown = thai.hits or thai.below_floor
        assert shown and all(h.lang == "th" for h in shown if ("th", h.article) not in MISSING)  # read in Thai


def test_a_confident_search_quotes_its_answer(demo_search):
    result = demo_search.search("klarna", "en")
    answer = result.answer
    assert answer is not None and answer.article == result.hits[0].article == "pay-in-instalments"
    assert "Klarna" in answer.text and answer.score >= 0.6
    assert answer.text in (PROJECT_ROOT / "articles" / "en" / "pay-in-instalments.md").read_text(encoding="utf-8")
    assert demo_search.search("chocolate cake recipe", "en").answer is None


def test_a_floor_learnt_from_clicks_holds_back_what_the_calibrated_one_let_through(demo_search):
    answered = demo_search.search("klarna", "en")
    assert answered.hits and answered.evidence is not None and answered.evidence > 0
    other = demo_search.search("klarna", "lv")
    service = demo_search.service
    try:
        service.floor_raise = {"en": answered.evidence + 0.01}
        held = demo_search.search("klarna", "en")
        assert not held.hits and held.evidence == answered.evidence
        assert held.below_floor[0].article == answered.hits[0].article  # the closest page, still offered
        assert [h.article for h in demo_search.search("klarna", "lv").hits] == [h.article for h in other.hits]
    finally:
        service.floor_raise = {}


def test_the_dense_weight_follows_what_readers_opened(demo_search):
    from search.learning import MIN_WEIGHT_CLICKS, learned_dense_factor

    service = demo_search.service
    lexical, dense = [], []
    for q in read_jsonl(DEMO / "queries.jsonl"):
        if q["lang"] == "en":
            by_words, by_meaning = (service.search(q["query"], "en", mode=m) for m in ("lexical", "dense"))
            first_w, first_m = (r.hits or r.below_floor for r in (by_words, by_meaning))
            if first_w and first_m and first_w[0].article != first_m[0].article:
                lexical.append((q["query"], first_w[0].article))
                dense.append((q["query"], first_m[0].article))
    assert len(lexical) >= 10  # natural queries on which keywords and meaning disagree (21 measured)

    def clicks(pairs):
        return (pairs * MIN_WEIGHT_CLICKS)[:MIN_WEIGHT_CLICKS]

    # Readers who keep opening what the keywords found: the dense side should count less; what the
    # meaning found: not less. Too few clicks: as measured at index time.
    assert learned_dense_factor(service, "en", clicks(lexical)) < 1.0
    assert learned_dense_factor(service, "en", clicks(dense)) >= 1.0
    assert learned_dense_factor(service, "en", lexical[: MIN_WEIGHT_CLICKS - 1]) == 1.0
    assert service.dense_factor == {}  # tried on copies


def test_a_language_without_articles_is_centred_where_its_searches_lie(demo_search):
    """German has no articles here: its readers are matched across languages, centred on the mean of
    the German searches the site has seen once there are enough (else on the interface strings')."""
    from search.learning import MIN_MEAN_SEARCHES, learned_query_mean

    service = demo_search.service
    asked = [
        "Wo ist meine Bestellung?",
        "Wie kann ich einen Artikel zurückgeben?",
        "Mein Paket ist beschädigt angekommen",
        "Wann bekomme ich mein Geld zurück?",
        "Ich habe mein Passwort vergessen",
        "Kann ich mit PayPal bezahlen?",
        "Wie lange dauert der Versand?",
        "Kann ich meine Lieferadresse ändern?",
        "Wie storniere ich meine Bestellung?",
        "Versenden Sie auch in die Schweiz?",
    ]
    log = (asked * MIN_MEAN_SEARCHES)[:MIN_MEAN_SEARCHES]
    assert learned_query_mean(service.encoder, "de", log[:-1]) is None  # too few: the strings' mean stays
    mean = learned_query_mean(service.encoder, "de", log)
    assert mean is not None and mean.shape == (service.encoder.dim,)
    before = service.search("Mein Paket ist nicht angekommen, was soll ich tun?", "de")
    english = [h.article for h in service.search("my parcel has not arrived", "en").hits]
    try:
        service.query_means = {"de": mean, "en": -mean}  # a language with articles keeps its own centre
        after = service.search("Mein Paket ist nicht angekommen, was soll ich tun?", "de")
        assert [h.article for h in service.search("my parcel has not arrived", "en").hits] == english
    finally:
        service.query_means = {}
    assert after.hits and after.hits[0].lang == "en"  # read where it is written
    assert {h.article for h in after.hits[:3]} & {"lost-parcel", "track-your-order", "failed-delivery"}
    assert [h.score for h in after.hits] != [h.score for h in before.hits or before.below_floor]


def test_thai_without_spaces_and_persian_with_or_without_zwnj(demo_search):
    assert "track-your-order" in [h.article for h in demo_search.search("พัสดุของฉันอยู่ที่ไหน", "th").hits[:3]]
    arabic_keyboard = demo_search.search("شكايت رسمي از رفتار كارمند پشتيباني", "fa")
    persian = demo_search.search("شکایت رسمی از رفتار کارمند پشتیبانی", "fa")
    assert arabic_keyboard.confidence == persian.confidence
    joined = demo_search.search("میخواهم سفارشم را لغو کنم", "fa").hits
    zwnj = demo_search.search("می‌خواهم سفارشم را لغو کنم", "fa").hits
    assert joined and zwnj and joined[0].article == zwnj[0].article


def test_keyword_index_first_then_vectors_join(articles_dir, tmp_path, encoder):
    from tests.conftest import make_settings

    hc = HelpCenter(
        make_settings(
            articles_dir, tmp_path / "index", KB_EMBEDDING_MODEL="multilingual-e5-small", KB_EMBEDDING_EXTRA=""
        ),
        encoder=encoder,
    )
    manifest = hc.rebuild(vectors=False)
    assert manifest["vectors_deferred"] and manifest["model"] is None
    assert hc.semantic_status() == "pending"
    lexical = hc.search("refund", "en")
    assert lexical.hits and not lexical.dense_used
    hc.rebuild()
    assert hc.semantic_status() == "ready"
    assert hc.search("refund", "en").dense_used
    # A keyword-only rebuild now carries the vectors over instead of dropping them.
    assert hc.rebuild(vectors=False)["model"]["reused"] > 0 and hc.semantic_status() == "ready"


def test_a_real_word_the_articles_do_not_use_is_not_corrected(demo_search):
    """The word "مدیر" (manager) is in no Persian article; the model's vocabulary holds it whole, so "did you
    mean" no longer turns it into the articles' "مسیر" (route). Misspellings are still corrected."""
    result = demo_search.search("لطفا پرونده‌ام رو به یه مدیر ارجاع بدید", "fa")
    assert result.suggestion is None or "مسیر" not in result.suggestion
    assert demo_search.search("my refnd has not arrived", "en").suggestion == "my refund has not arrived"
