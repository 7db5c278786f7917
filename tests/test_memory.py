"""Translation memory: exact pre-fill (after normalisation), never from drafts, near matches only
above the measured threshold, and the editor's "from memory" block."""

import html
from pathlib import Path

import pytest

from kb.content.articles import ArticleStore, revision_of
from kb.translation import memory
from kb.translation.status import paragraph_hashes, paragraphs
from tests.conftest import DATA
from tests.test_editor import TH_BODY, make_app, signed_in

EN = """---
title: "When will I get my refund?"
category: returns-refunds
status: published
---

Refunds go back to the original payment method within three working days after the return arrives.

## Bank delays {#bank-delays}

Banks can take up to ten working days to show the money on your statement.
"""
TH = [
    "เงินคืนจะกลับไปยังวิธีชำระเงินเดิมภายในสามวันทำการหลังจากได้รับสินค้าคืน",
    "## ธนาคารล่าช้า {#bank-delays}",
    "ธนาคารอาจใช้เวลาถึงสิบวันทำการกว่าเงินจะแสดงในรายการเดินบัญชีของคุณ",
]
NEW = """---
title: "Store credit"
category: returns-refunds
status: published
---

Store credit never expires.

## Bank  delays {#bank-delays}

Banks can take up to ten working days
to show the money on your statement.

A paragraph nobody translated yet.
"""


def stamped(source: str, body: str, *, status: str = "published", title: str = "คืนเงิน") -> str:
    src_body = source.split("---\n", 2)[2]
    hashes = ", ".join(f'"{h}"' for h in paragraph_hashes(src_body))
    return (
        f'---\ntitle: "{title}"\ncategory: returns-refunds\nstatus: {status}\n'
        f'source_revision: "{revision_of(source.encode())}"\nsource_paragraphs: [{hashes}]\n---\n\n{body}'
    )


def write(root: Path, lang: str, slug: str, text: str) -> None:
    (root / lang).mkdir(parents=True, exist_ok=True)
    (root / lang / f"{slug}.md").write_text(text, encoding="utf-8")


@pytest.fixture
def store(articles_dir: Path) -> ArticleStore:
    """The edge-case articles, with a published Thai translation of en/refunds and a new English article."""
    write(articles_dir, "en", "refunds", EN)
    write(articles_dir, "th", "refunds", stamped(EN, "\n\n".join(TH) + "\n"))
    write(articles_dir, "en", "store-credit", NEW)
    return ArticleStore(articles_dir)


def test_exact_prefill_after_normalisation(store):
    mem = memory.build(store, "th")
    assert len(mem) == 3
    body, filled = memory.prefill(store.get("en", "store-credit").body, mem)
    # The heading and the paragraph differ only in whitespace (a double space, a line break): both filled.
    assert filled == [1, 2]
    out = paragraphs(body)
    assert out[1] == TH[1] and out[2] == TH[2]
    assert out[0] == "Store credit never expires." and out[3] == "A paragraph nobody translated yet."


def test_normalise_keeps_case_and_composes():
    assert memory.normalise("  Cafe\u0301\n  au   lait ") == "Café au lait"
    assert memory.normalise("Bank delays") != memory.normalise("bank delays")
    mem = memory.Memory("th", {memory.normalise("Bank delays"): memory.Entry("Bank delays", "x", "s")})
    assert mem.exact("bank delays") is None and mem.exact("Bank\n delays") is not None


def test_no_memory_from_drafts_or_changed_paragraphs(articles_dir, store):
    write(articles_dir, "th", "refunds", stamped(EN, "\n\n".join(TH) + "\n", status="draft"))
    assert len(memory.build(ArticleStore(articles_dir), "th")) == 0
    # A paragraph edited in the source since the translation: its old translation is not memory for the new text.
    write(articles_dir, "th", "refunds", stamped(EN, "\n\n".join(TH) + "\n"))
    write(articles_dir, "en", "refunds", EN.replace("ten working days", "twelve working days"))
    mem = memory.build(ArticleStore(articles_dir), "th")
    assert len(mem) == 2 and mem.exact(paragraphs(EN.split("---\n", 2)[2])[2]) is None
    assert len(memory.build(ArticleStore(articles_dir), "en")) == 0  # the source language has no memory


def test_near_without_encoder_offers_only_exact(store):
    mem = memory.build(store, "th")
    sugg = memory.near(mem, {0: "Store credit never expires.", 3: "Bank delays {#bank-delays}"}, None)
    assert sugg == []
    exact = memory.near(mem, {1: "## Bank delays {#bank-delays}"}, None)
    assert [(s.index, s.score, s.entry.translation) for s in exact] == [(1, 1.0, TH[1])]


@pytest.mark.model
def test_near_matches_only_above_threshold(store, encoder):
    mem = memory.build(store, "th")
    edited = "Banks can take up to twelve working days to show the money on your statement."
    unrelated = "Gift cards can be used for any order placed on our website."
    got = memory.near(mem, {0: edited, 1: unrelated}, encoder)
    assert [s.index for s in got] == [0], [(s.index, s.score) for s in got]
    best = got[0]
    assert best.score >= memory.NEAR_THRESHOLD and best.entry.translation == TH[2]
    assert ("del", "ten") in best.diff and ("ins", "twelve") in best.diff
    # The unrelated paragraph's best score is below the threshold, and a lower one would let it through.
    low = memory.near(mem, {1: unrelated}, encoder, threshold=0.0)
    assert low and low[0].score < memory.NEAR_THRESHOLD
    # Embedded once per process: asking again encodes nothing.
    before = len(memory._vectors)
    memory.near(mem, {0: edited}, encoder)
    assert len(memory._vectors) == before


def test_editor_page_shows_from_memory(tmp_path):
    app = make_app(tmp_path)
    root = tmp_path / "articles"
    # th/refunds from make_app is published and stamped: its paragraph "ธนาคารของคุณต้องใช้เวลาอีก 2-10 วันทำการ"
    # translates "Your bank needs another 2-10 working days.", which the new article repeats.
    write(root, "en", "store-credit", NEW + "\nYour bank needs another 2-10 working days.\n")
    client = signed_in(app, "th_ed")
    page = client.get("/editor/th/store-credit").get_data(as_text=True)
    assert "From memory" in page
    assert "Paragraphs from memory: 5." in html.unescape(page)
    assert TH_BODY.split("\n\n")[2].strip() in html.unescape(page)
    data = client.get("/editor/th/store-credit?format=json").get_json()
    assert data["from_memory"] == [4]
    # An existing translation is never rewritten from memory.
    page = client.get("/editor/th/refunds").get_data(as_text=True)
    assert "From memory" not in page


@pytest.mark.model
def test_the_memory_evaluation_reports_the_threshold_study_and_the_fill(encoder, monkeypatch, capsys):
    import json

    import search
    from kb.evaluation import memory_eval

    monkeypatch.setattr(search, "Encoder", lambda *a, **k: encoder)  # the session's model, not a second load
    assert memory_eval.main(["--articles", str(DATA / "articles"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    study, demo = report["threshold_study"], report["demo"]
    assert study["paragraphs"] > 0 and study["edits"] > 0 and study["grid"]
    assert demo["paragraphs"] == sum(r["paragraphs"] for r in demo["missing"]) > 0
    assert 0.0 <= demo["prefilled_share"] <= 1.0
    assert memory_eval.main(["--articles", str(DATA / "articles")]) == 0
    assert "pre-filled" in capsys.readouterr().out
