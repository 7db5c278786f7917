"""Front matter validation, the article tree, and `flask kb check`."""

import os
import textwrap

import pytest

from kb.content.articles import ArticleNotFound, ArticleStore, parse_article, valid_slug


def parse(text: str):
    return parse_article("en", "x", "articles/en/x.md", textwrap.dedent(text).lstrip().encode())


def test_valid_article_parses_with_all_keys():
    a, problems = parse("""
        ---
        title: "Refunds"
        summary: "How refunds work"
        category: returns-refunds
        tags: [refund, money]
        questions: ["Where is my money?"]
        status: draft
        updated: 2026-09-01
        ---
        Body text.
        """)
    assert problems == []
    assert a.title == "Refunds" and a.status == "draft" and a.tags == ("refund", "money")
    assert a.updated.isoformat() == "2026-09-01"


def test_yaml_no_and_numbers_are_reported_not_coerced():
    a, problems = parse("""
        ---
        title: no
        category: 0123
        ---
        Body.
        """)
    assert a is None
    keys = {p.key for p in problems if p.level == "error"}
    assert keys == {"title", "category"}
    assert all("articles/en/x.md" in str(p) for p in problems)


def test_unknown_key_warns_and_article_still_loads():
    a, problems = parse("""
        ---
        title: "Ok"
        colour: blue
        ---
        Body.
        """)
    assert a is not None
    assert [(p.key, p.level) for p in problems] == [("colour", "warning")]


def test_malformed_yaml_reports_the_line():
    a, problems = parse("""
        ---
        title: "Ok"
        tags: [unclosed
        ---
        Body.
        """)
    assert a is None
    assert problems[0].line is not None and "YAML" in problems[0].message


@pytest.mark.parametrize(
    "text,needle",
    [
        ("no front matter here", "no front matter"),
        ("---\ntitle: x\nbody without closing", "closing"),
        ("---\n- a\n- b\n---\nbody", "mapping"),
        ("---\nstatus: maybe\ntitle: x\n---\nbody", "status"),
        ("---\nupdated: yesterday\ntitle: x\n---\nbody", "date"),
    ],
)
def test_bad_files_say_what_is_wrong(text, needle):
    a, problems = parse_article("en", "x", "articles/en/x.md", text.encode())
    assert a is None
    assert needle in " ".join(p.message for p in problems)


def test_non_utf8_and_nul_bytes_are_rejected():
    assert parse_article("en", "x", "p", b"---\ntitle: \xff\n---\n")[0] is None
    assert parse_article("en", "x", "p", b"---\ntitle: a\n---\nx\x00y")[0] is None


@pytest.mark.parametrize("slug", ["../etc", "a/b", "a.md", "", "-x", "CON", "a\x00b", "x" * 121, "．．／"])
def test_invalid_slugs(slug):
    assert not valid_slug(slug)


@pytest.mark.parametrize("slug", ["track-your-order", "ติดตาม", "پیگیری_سفارش"])
def test_unicode_slugs_are_valid(slug):
    assert valid_slug(slug)


@pytest.mark.parametrize(
    "lang,slug", [("..", "x"), ("en", "../../etc/passwd"), ("en/../..", "x"), ("EN", "x"), ("en\x00", "x"), ("e", "x")]
)
def test_store_never_builds_paths_from_bad_codes(articles_dir, lang, slug):
    with pytest.raises(ArticleNotFound):
        ArticleStore(articles_dir).get(lang, slug)


def test_symlink_in_tree_is_refused(articles_dir, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: secret\n---\nsecret\n")
    os.symlink(secret, articles_dir / "en" / "linked.md")
    store = ArticleStore(articles_dir)
    with pytest.raises(ArticleNotFound):
        store.get("en", "linked")
    _, problems = store.check()
    assert any("symbolic" in p.message for p in problems)


def test_store_reloads_a_changed_file(articles_dir):
    store = ArticleStore(articles_dir)
    assert store.get("en", "refunds").title == "When will I get my refund?"
    path = articles_dir / "en" / "refunds.md"
    path.write_text(path.read_text().replace("When will I get my refund?", "Refund timing"))
    assert store.get("en", "refunds").title == "Refund timing"


def test_kb_check_prints_every_problem_and_exits_1(runner, articles_dir):
    (articles_dir / "en" / "bad-one.md").write_text("---\ntitle: no\n---\nx\n")
    (articles_dir / "en" / "bad-two.md").write_text("---\nstatus: maybe\ntitle: ok\n---\nx\n")
    result = runner.invoke(args=["kb", "check"])
    assert result.exit_code == 1
    assert "bad-one.md" in result.output and "bad-two.md" in result.output


def test_kb_check_passes_on_the_bundled_help_center():

    from kb.web import create_app

    app = create_app({"KB_EMBEDDING_MODEL": "none", "KB_MINING_MODEL": "none"})
    result = app.test_cli_runner().invoke(args=["kb", "check"])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output
