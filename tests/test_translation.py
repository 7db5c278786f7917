"""Translation status: paragraphs, staleness per paragraph, the demo's states, demand, the CLI."""

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from kb.content.articles import ArticleStore, parse_article
from kb.content.authoring import dump_article
from kb.translation.status import (
    align,
    demand_from,
    matrix,
    old_counterparts,
    paragraph_hash,
    paragraphs,
    status_of,
    word_diff,
)
from tests.conftest import site_config

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ("fa", "id", "lv", "th")
MISSING = {
    ("lv", "bank-transfer"),
    ("id", "pay-in-instalments"),
    ("th", "two-factor-sign-in"),
    ("fa", "complaints-and-escalation"),
}


@pytest.fixture
def demo(tmp_path) -> Path:
    """A writable copy of the bundled help center's articles."""
    shutil.copytree(ROOT / "articles", tmp_path / "demo" / "articles")
    return tmp_path / "demo" / "articles"


def test_paragraphs_are_blocks_headings_alone_fences_whole():
    body = textwrap.dedent("""\
        Intro line one
        line two.
        ## Heading {#h}
        Text under it.

        ```
        code

        more code
        ```

        - a
        - b
        """)
    assert paragraphs(body) == [
        "Intro line one\nline two.",
        "## Heading {#h}",
        "Text under it.",
        "```\ncode\n\nmore code\n```",
        "- a\n- b",
    ]


def test_hash_ignores_whitespace_and_unicode_form_but_not_words():
    assert paragraph_hash("Refunds  take\n3 days.") == paragraph_hash(" Refunds take 3 days. ")
    assert paragraph_hash("caf\u00e9") == paragraph_hash("cafe\u0301")
    assert paragraph_hash("Refunds take 3 days.") != paragraph_hash("Refunds take 5 days.")


def test_demo_statuses_match_the_readme(demo):
    m = matrix(ArticleStore(demo))
    assert m.langs == list(TRANSLATIONS)
    not_current = {(c.lang, c.slug): c for c in m.cells() if c.status != "current"}
    outdated = {(lang, slug) for lang in TRANSLATIONS for slug in ("refund-timing", "shipping-costs")}
    assert set(not_current) == MISSING | outdated
    assert {k for k, c in not_current.items() if c.status == "missing"} == MISSING
    # Exactly the paragraph added in English after translation, nothing else.
    store = ArticleStore(demo)
    for slug in ("refund-timing", "shipping-costs"):
        last = len(paragraphs(store.get("en", slug).body)) - 1
        assert {not_current[(lang, slug)].changed == [last] for lang in TRANSLATIONS} == {True}


def test_demo_check_stays_clean(demo):
    _, problems = ArticleStore(demo).check()
    assert [str(p) for p in problems if p.level == "error"] == []


def test_editing_one_source_paragraph_outdates_exactly_that_paragraph_everywhere(demo):
    path = demo / "en" / "track-your-order.md"
    text = path.read_text(encoding="utf-8")
    store = ArticleStore(demo)
    source = store.get("en", "track-your-order")
    target = paragraphs(source.body)[2]
    assert text.count(target) == 1
    path.write_text(text.replace(target, target + " Edited."), encoding="utf-8")
    m = matrix(ArticleStore(demo))
    cells = {c.lang: c for c in m.cells() if c.slug == "track-your-order"}
    assert {lang: (c.status, c.changed) for lang, c in cells.items()} == {
        lang: ("outdated", [2]) for lang in TRANSLATIONS
    }
    # ...and the translation's old text for that paragraph is still paired with it.
    edited = ArticleStore(demo).get("en", "track-your-order")
    units = align(edited, store.get("fa", "track-your-order"))
    assert [u.index for u in units if u.changed] == [2] and units[2].previous == paragraphs(
        store.get("fa", "track-your-order").body
    )[2]


def test_front_matter_only_changes_do_not_outdate_paragraphs(demo):
    path = demo / "en" / "track-your-order.md"
    path.write_text(path.read_text(encoding="utf-8").replace("tags: [", "tags: [parcel, ", 1), encoding="utf-8")
    store = ArticleStore(demo)
    assert status_of(store.get("en", "track-your-order"), store.get("th", "track-your-order")) == ("current", [])


def test_draft_and_unstamped_translations(demo):
    store = ArticleStore(demo)
    source = store.get("en", "track-your-order")
    tr = store.get("th", "track-your-order")
    data = (demo / "th" / "track-your-order.md").read_bytes().replace(b"status: published", b"status: draft")
    draft, _ = parse_article("th", tr.slug, "x", data)
    assert status_of(source, draft) == ("draft", [])
    bare = data.decode().split("\n")
    bare = "\n".join(ln for ln in bare if not ln.startswith(("source_paragraphs", "source_revision", "status")))
    unstamped, _ = parse_article("th", tr.slug, "x", bare.encode())
    assert status_of(source, unstamped)[0] == "outdated"  # nothing recorded: every paragraph is suspect


def test_source_paragraphs_round_trip_through_dump_even_when_all_digits():
    text = dump_article(
        {"title": "T", "source_revision": "abcdef012345", "source_paragraphs": ["12345678", "1e100000", "abcdef01"]},
        "Body.",
    )
    assert 'source_paragraphs: ["12345678", "1e100000", "abcdef01"]' in text
    article, problems = parse_article("th", "x", "x", text.encode())
    assert article.source_paragraphs == ("12345678", "1e100000", "abcdef01"), problems


def test_bad_source_paragraphs_fail_with_the_key(demo):
    data = b'---\ntitle: "T"\nsource_paragraphs: [12345678]\n---\n\nBody.\n'
    article, problems = parse_article("th", "x", "x", data)
    assert article is None and problems[0].key == "source_paragraphs"


def test_demand_orders_what_to_translate_next(app, demo):
    from kb.db import ArticleView, Inquiry, SearchEvent, Suggestion

    db = app.extensions["help_center"].db
    with db.session() as s:
        s.add_all([ArticleView(lang="th", shown_lang="en", slug="two-factor-sign-in") for _ in range(3)])
        s.add(ArticleView(lang="th", shown_lang="th", slug="refund-timing"))  # not a fallback
        s.add_all([SearchEvent(lang="lv", query="bankas pārskaitījums", results=2, fallback=True) for _ in range(5)])
        s.add(SearchEvent(lang="lv", query="zzz", results=0))
        sug = Suggestion(
            fingerprint="f1",
            coverage="partial",
            lang="fa",
            size=4,
            score=1.0,
            title="t",
            nearest={"lang": "en", "slug": "refund-timing"},
        )
        s.add(sug)
        s.flush()
        s.add_all([Inquiry(channel="email", lang="fa", text="x", suggestion_id=sug.id) for _ in range(4)])
    resolve = {"bankas pārskaitījums": "bank-transfer"}.get
    demand = demand_from(db, resolve=lambda lang, q: resolve(q))
    todo = matrix(ArticleStore(demo), demand=demand).todo()
    assert [(c.lang, c.slug, c.demand) for c in todo[:3]] == [
        ("lv", "bank-transfer", 5),
        ("fa", "refund-timing", 4),
        ("th", "two-factor-sign-in", 3),
    ]
    assert demand.unattributed["lv"] == 1


def test_matrix_filters(demo):
    store = ArticleStore(demo)
    m = matrix(store, langs=["th"], status="missing")
    assert [(r["slug"], list(r["cells"])) for r in m.rows] == [("two-factor-sign-in", ["th"])]
    assert {r["slug"] for r in matrix(store, category="payments").rows} <= {
        a.slug for a in store.articles("en") if a.category == "payments"
    }
    assert [r["slug"] for r in matrix(store, query="refund-tim").rows] == ["refund-timing"]


@pytest.fixture
def demo_runner(demo, tmp_path):
    from kb.web import create_app

    app = create_app(site_config(demo, tmp_path))
    app.extensions["help_center"].rebuild()
    app.extensions["help_center"].db.upgrade()
    return app.test_cli_runner()


def test_cli_translations_matrix_json_and_check(demo_runner, demo):
    out = demo_runner.invoke(args=["kb", "translations", "--lang", "th"])
    assert out.exit_code == 0, out.output
    assert (
        "refund-timing" in out.output
        and "outdated 1" in out.output
        and "th: 32 current, 2 outdated, 1 missing" in out.output
    )
    data = json.loads(demo_runner.invoke(args=["kb", "translations", "--json"]).output)
    assert data["counts"]["fa"]["missing"] == 1 and data["todo"][0]["status"] in ("outdated", "missing")
    check = demo_runner.invoke(args=["kb", "translations", "--check"])
    assert check.exit_code == 1 and "th/refund-timing" in check.output
    for slug in ("refund-timing", "shipping-costs"):
        for lang in TRANSLATIONS:
            (demo / lang / f"{slug}.md").unlink()  # missing is not outdated
    assert demo_runner.invoke(args=["kb", "translations", "--check"]).exit_code == 0
    bad = demo_runner.invoke(args=["kb", "translations", "--lang", "xx"])
    assert bad.exit_code == 1 and "Traceback" not in bad.output and "known: fa, id, lv, th" in bad.output


def test_word_diff_and_old_counterparts():
    assert word_diff("Refunds take 3 days.", "Refunds take 5 working days.") == [
        ("equal", "Refunds take "),
        ("del", "3"),
        ("ins", "5 working"),
        ("equal", " days."),
    ]
    old = "Intro.\n\n## H {#h}\n\nRefunds take 3 days.\n\nOutro."
    new = "Intro.\n\n## H {#h}\n\nRefunds take 5 days.\n\nOutro.\n\nA new paragraph."
    assert old_counterparts(old, new) == {2: "Refunds take 3 days."}
