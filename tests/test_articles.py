"""Front matter validation, the article tree, and `flask kb check`."""

import os
import textwrap
import time

import pytest

from kb.content.articles import ArticleNotFound, ArticleStore, parse_article, valid_slug
from kb.content.checks import METADATA


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


# -- bad input (issue 11 §4) -----------------------------------------------------------------
def test_yaml_aliases_are_refused_quickly_with_a_short_message():
    # Nine levels of ten aliases each would expand to 10**9 items; refused at the first alias.
    lines = ['a0: &a0 ["lol"]'] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    data = ("---\ntitle: x\n" + "\n".join(lines) + "\n---\nBody.\n").encode()
    start = time.perf_counter()
    a, problems = parse_article("en", "x", "articles/en/x.md", data)
    assert time.perf_counter() - start < 1
    assert a is None
    assert [p.message for p in problems] == [
        "front matter is not valid YAML: aliases (*name) are not allowed in front matter"
    ]
    assert problems[0].path == "articles/en/x.md" and problems[0].line == 4


def test_a_lone_alias_is_refused_too():
    a, problems = parse("""
        ---
        title: &t "Refunds"
        summary: *t
        ---
        Body.
        """)
    assert a is None and "aliases" in problems[0].message


@pytest.mark.parametrize(
    "key,value",
    [("title", "[" + "1, " * 50_000 + "1]"), ("category", "x" * 100_000), ("tags", "[" + "[1], " * 20_000 + "]")],
)
def test_error_messages_never_echo_large_input(key, value):
    a, problems = parse_article("en", "x", "articles/en/x.md", f"---\ntitle: ok\n{key}: {value}\n---\nB.\n".encode())
    assert a is None and problems
    assert all(len(str(p)) < 300 for p in problems), [str(p)[:400] for p in problems]


def test_huge_unknown_key_is_cut_in_the_warning():
    a, problems = parse_article("en", "x", "articles/en/x.md", f"---\ntitle: ok\n{'k' * 1000}: 1\n---\nB.\n".encode())
    assert a is not None and len(str(problems[0])) < 300


@pytest.mark.parametrize("slug", ["abc\n", "ติดตาม\n", "a\n\n"])
def test_trailing_newline_is_not_a_valid_slug(slug):
    assert not valid_slug(slug)


@pytest.mark.parametrize(
    "key,value", [("category", "returns\n"), ("source_revision", "0123abcd\n"), ("source_paragraphs", ["0123abcd\n"])]
)
def test_trailing_newline_is_refused_by_the_key_parsers(key, value):
    with pytest.raises(ValueError, match="must be"):
        METADATA[key](value)


def test_slug_collision_finds_a_slug_that_differs_only_in_case(articles_dir):
    store = ArticleStore(articles_dir)
    assert store.slug_collision("en", "Refunds") == "refunds"
    assert store.slug_collision("en", "REFUNDS") == "refunds"
    assert store.slug_collision("en", "refunds") is None  # the same file: overwriting is not a collision
    assert store.slug_collision("en", "something-new") is None
    assert store.slug_collision("xx", "Refunds") is None


def test_check_reports_two_files_that_differ_only_in_case(articles_dir):
    source = (articles_dir / "en" / "refunds.md").read_text()
    (articles_dir / "en" / "Refunds.md").write_text(source)
    _, problems = ArticleStore(articles_dir).check()
    clash = [p for p in problems if "only in case" in p.message]
    assert len(clash) == 1 and clash[0].level == "error"


def test_a_deeply_nested_file_on_disk_is_skipped_and_reported(articles_dir):
    (articles_dir / "en" / "nested.md").write_text("---\ntitle: Nested\n---\n" + "- " * 1000 + "x\n")
    store = ArticleStore(articles_dir)
    articles, problems = store.check()
    assert "nested" not in {a.slug for a in articles} and any(a.slug == "refunds" for a in articles)
    assert [p.message for p in problems if p.path.endswith("nested.md")] == [
        "line 1: lists or quotes are nested too deep; the limit is 40 levels"
    ]
    with pytest.raises(ArticleNotFound):
        store.get("en", "nested")


def test_site_and_check_keep_working_with_a_deeply_nested_file(app, client, runner, articles_dir):
    (articles_dir / "en" / "nested.md").write_text("---\ntitle: Nested\n---\n" + "- " * 1000 + "x\n")
    assert client.get("/en/").status_code == 200
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/en/nested").status_code == 404
    result = runner.invoke(args=["kb", "check"])
    assert result.exit_code == 1 and "nested.md" in result.output and "nested too deep" in result.output
