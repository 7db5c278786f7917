"""Inline Markdown as placeholders: what is protected, the PO syntax and its escapes, and refusals."""

import pytest

from kb.translation import placeholders as ph


def po(text: str) -> str:
    return ph.to_po(ph.protect(text)[0])


@pytest.mark.parametrize(
    "markdown,shown",
    [
        ("See [our contact page](/en/articles/contact-channels) now.", "See <1>our contact page</1> now."),
        ("![A parcel label](/static/label.png)", "<1>A parcel label</1>"),
        ("Quote `KM-2041-558913` in **every** mail.", "Quote <1/> in <2>every</2> mail."),
        ("## What happens next {#what-happens-next}", "## What happens next <1/>"),
        ("*it* and _it_ and __bold__ in snake_case_name", "<1>it</1> and <2>it</2> and <3>bold</3> in snake_case_name"),
        ("[**Track** it](/en/articles/track-your-order#carriers)", "<1><2>Track</2> it</1>"),
        (
            "* a list item, 2 * 3, [not a link] and \\*escaped\\*",
            "* a list item, 2 * 3, [not a link] and \\*escaped\\*",
        ),
        ("a < b, <1> is literal, a<", "a < b, <<1> is literal, a<<"),
    ],
)
def test_inline_markdown_becomes_numbered_placeholders(markdown, shown):
    pieces, codes = ph.protect(markdown)
    assert ph.to_po(pieces) == shown
    assert ph.restore(ph.from_po(shown), codes) == markdown


def test_link_text_and_image_alt_stay_translatable_and_urls_come_back_from_the_source():
    _, codes = ph.protect("[contact us](/en/articles/contact-channels) or ![map](/static/map.png)")
    codes = ph.localise(codes, "en", "fa")
    assert ph.restore(ph.from_po("<2>نقشه</2> یا <1>تماس</1>"), codes) == (
        "![نقشه](/static/map.png) یا [تماس](/fa/articles/contact-channels)"
    )


@pytest.mark.parametrize(
    "translation,reason",
    [
        ("<1>ขอบคุณ</1>", "<2/> (`KM-1`) missing"),
        ("<1>ขอบคุณ</1> <2/> <2/>", "<2/> appears more than once"),
        ("<1>ขอบคุณ <2/>", "<1>…</1> ([…](/x)) missing"),
        ("</1>ขอบคุณ<1> <2/>", "</1> comes before <1>"),
        ("<1>ขอบคุณ</1> <2/> <3/>", "<3/> is not in the source"),
        ("<1/> <2/>", "<1/> should be <1>…</1>"),
    ],
)
def test_a_lost_or_doubled_placeholder_is_refused_with_the_reason(translation, reason):
    _, codes = ph.protect("[thanks](/x) `KM-1`")
    with pytest.raises(ph.PlaceholderError, match=reason.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        ph.restore(ph.from_po(translation), codes)


def test_placeholders_may_be_reordered():
    _, codes = ph.protect("Use **Track** with `KM-1`.")
    assert (
        ph.restore(ph.from_po("<2/> را با <1>پیگیری</1> استفاده کنید."), codes)
        == "`KM-1` را با **پیگیری** استفاده کنید."
    )


def test_a_translation_is_numbered_like_its_source_and_extra_markdown_stays_text():
    _, codes = ph.protect("**Fast**: see [help](/en/articles/a).")
    target = ph.protect_like("[ความช่วยเหลือ](/th/articles/a) *เร็ว*", ph.localise(codes, "en", "th"))
    assert ph.to_po(target) == "<2>ความช่วยเหลือ</2> *เร็ว*"


def test_raw_markdown_from_a_converter_is_checked_for_links_code_and_anchors():
    _, codes = ph.protect("## Carriers {#carriers} and `KM-1`")
    ph.check_raw("## ผู้ให้บริการ {#carriers} และ `KM-1`", codes)
    with pytest.raises(ph.PlaceholderError, match="missing"):
        ph.check_raw("## ผู้ให้บริการ และ `KM-1`", codes)
    with pytest.raises(ph.PlaceholderError, match="more than once"):
        ph.check_raw("## ผู้ให้บริการ {#carriers} `KM-1` `KM-1`", codes)


def test_every_demo_paragraph_comes_back_byte_identical():
    from pathlib import Path

    import frontmatter

    from kb.translation.status import paragraphs

    root = Path(__file__).resolve().parents[1] / "articles"
    for path in root.glob("*/*.md"):
        for para in paragraphs(frontmatter.loads(path.read_text(encoding="utf-8")).content):
            pieces, codes = ph.protect(para)
            assert ph.restore(ph.from_po(ph.to_po(pieces)), codes) == para
