"""Links between articles and to headings (kb.content.links), and `flask kb check` reporting them."""

import textwrap

from kb.content import links
from kb.content.articles import ArticleStore
from kb.content.rendering import render

BODY = textwrap.dedent("""\
    Read [how refunds work](/en/articles/refunds#refund-timeline) and [returns](/en/articles/no-such-article).

    ## Where it goes {#where}

    Back to [the top](#where), or to [nowhere](#no-such-heading); [relative](refunds#missing-anchor).

    ```
    [in a fenced block](/en/articles/fenced-example)
    ```

    Inline code `[x](/en/articles/code-span)` is not a link; [off the site](https://example.com/x) is not checked.

        [indented code](/en/articles/indented-example)

    [Latvian readers](/lv/articles/refunds#refund-timeline) get the English page; [search](/en/search?q=x) is no article.
    """)


def lookup(lang: str, slug: str) -> frozenset[str] | None:
    # en/refunds exists; Latvian readers fall back to it.
    return frozenset({"refund-timeline", "refund-destination"}) if slug == "refunds" and lang in ("en", "lv") else None


def broken(body: str = BODY, first_line: int = 1) -> list[links.BrokenLink]:
    return links.check(body, render(body).html, "en", "guide", lookup, first_line=first_line)


def test_a_link_to_an_unknown_article_is_reported_with_its_line():
    found = {b.href: b for b in broken()}
    assert found["/en/articles/no-such-article"].line == 1
    assert "no published article en/no-such-article" in found["/en/articles/no-such-article"].message


def test_an_unknown_anchor_is_reported_in_this_article_and_in_another():
    found = {b.href: b for b in broken(first_line=10)}
    assert found["#no-such-heading"].line == 14 and "{#no-such-heading}" in found["#no-such-heading"].message
    assert found["refunds#missing-anchor"].line == 14
    assert "en/refunds has no heading {#missing-anchor}" in found["refunds#missing-anchor"].message


def test_valid_links_and_links_in_code_are_not_reported():
    assert {b.href for b in broken()} == {"/en/articles/no-such-article", "#no-such-heading", "refunds#missing-anchor"}


def test_a_link_to_this_article_checks_the_text_being_edited():
    body = "## New heading {#fresh}\n\n[here](/fa/articles/guide#fresh) [gone](/fa/articles/guide#stale)\n"
    found = links.check(body, render(body).html, "fa", "guide", lookup)
    assert [b.href for b in found] == ["/fa/articles/guide#stale"]


def test_the_lookup_follows_the_fallback_chain_to_published_versions(tmp_path):
    root = tmp_path / "articles"
    for lang, status in (("en", "published"), ("th", "draft")):
        (root / lang).mkdir(parents=True)
        (root / lang / "gift-cards.md").write_text(
            f"---\ntitle: x\nstatus: {status}\n---\n\n## Expiry {{#expiry}}\n\nNever.\n", encoding="utf-8"
        )
    store = ArticleStore(root)
    find = links.lookup_in(store.translations, "en", store.languages())
    assert find("th", "gift-cards") == frozenset({"expiry"})  # the Thai draft is not what readers get
    assert find("xx", "gift-cards") is None and find("en", "nothing") is None


def test_kb_check_prints_broken_links_with_file_and_line(runner, articles_dir):
    (articles_dir / "en" / "links-out.md").write_text(
        "---\ntitle: Links\n---\n\nIntro.\n\nSee [refunds](/en/articles/refunds) and [gone](/en/articles/gone-away).\n"
        "\n```\n[fenced](/en/articles/also-gone)\n```\n\n[anchor](/en/articles/refunds#not-a-heading)\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["kb", "check"])
    assert result.exit_code == 0, result.output  # warnings only
    assert "articles/en/links-out.md:7: warning: link '/en/articles/gone-away': no published article" in result.output
    assert "articles/en/links-out.md:13: warning: link '/en/articles/refunds#not-a-heading'" in result.output
    assert "also-gone" not in result.output


def test_a_fallback_pages_links_lead_to_the_readers_language():
    from kb.content.links import for_reader

    html = (
        '<p><a href="/en/articles/reset-password#steps">reset</a> <a class="x" href="/en/categories/orders">orders</a> '
        '<a href="/fa/articles/x">fa</a> <a href="https://example.com/en/articles/y">out</a> /en/articles/z</p>'
    )
    out = for_reader(html, "en", "th")
    assert '<a href="/th/articles/reset-password#steps">' in out and 'href="/th/categories/orders"' in out
    assert 'href="/fa/articles/x"' in out and "https://example.com/en/articles/y" in out  # other links as they were
    assert out.endswith("/en/articles/z</p>")  # text that is not a link is not touched
    assert for_reader(html, "en", "en") == html
