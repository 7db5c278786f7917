"""The glossary of product terms (kb.translation.glossary): loading, validation, highlighting."""

import textwrap

import pytest

from kb.settings import PROJECT_ROOT
from kb.translation import glossary

VALID = textwrap.dedent("""\
    - term: order number
      translations: {fa: شماره سفارش, th: หมายเลขคำสั่งซื้อ}
      note: Not the tracking number.
    - term: refund
      translations: {fa: بازپرداخت}
    - term: <b>&co
      translations: {fa: "<script>x</script>"}
    """)


def test_a_valid_glossary_loads_with_terms_translations_and_notes(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text(VALID, encoding="utf-8")
    g = glossary.load(path)
    assert [t.term for t in g.terms] == ["order number", "refund", "<b>&co"]
    assert g.terms[0].translations["th"] == "หมายเลขคำสั่งซื้อ" and g.terms[0].note == "Not the tracking number."
    assert [t.term for t in g.for_lang("th")] == ["order number"]


def test_a_missing_file_is_an_empty_glossary(tmp_path):
    g = glossary.load(tmp_path / "nothing.yml")
    assert len(g) == 0 and g.highlight("<p>refund</p>", "fa", "x") == "<p>refund</p>" and g.used_in(["x"], "fa") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- term: refund\n  translations: {fa: [a\n", "not valid YAML (line "),
        ("term: refund\n", "must be a list of terms"),
        ("- refund\n", "entry 1: must be a mapping"),
        ("- term: refund\n  translations: {fa: x}\n- translations: {fa: y}\n", "entry 2: 'term' must be"),
        ("- term: refund\n  translations: {fa: 12}\n", "entry 1 ('refund'): the fa translation must be text"),
        ("- term: refund\n  translations: {Persian: x}\n", "entry 1 ('refund'): 'Persian' is not a language code"),
        ("- term: refund\n  translation: {fa: x}\n", "entry 1 ('refund'): unknown key translation"),
        ("- term: refund\n", "entry 1 ('refund'): 'translations' must map"),
        (
            "- term: refund\n  translations: {fa: x}\n- term: Refund\n  translations: {fa: y}\n",
            "the same term as entry 1",
        ),
    ],
)
def test_a_malformed_glossary_is_a_clear_error_naming_file_and_entry(tmp_path, text, message):
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(glossary.GlossaryError) as exc:
        glossary.load(path)
    assert str(exc.value).startswith(str(path)) and message in str(exc.value)


def test_terms_are_highlighted_in_text_only_escaped_with_the_translation_beside_them():
    g = glossary.parse(VALID)
    html = (
        '<p>Your <strong>Order numbers</strong> and <a href="/en/articles/refund-timing" title="refund">a refund</a>; '
        "refundable is another word; <code>order number</code> &lt;b&gt;&amp;co</p>"
    )
    out = g.highlight(html, "fa", "agreed translation")
    assert out.count('<mark class="term">') == 3  # plural, inside a link, the escaped term; not in code or attributes
    assert '<strong><mark class="term">Order numbers</mark><span class="term-tr" lang="fa" dir="rtl">' in out
    assert 'href="/en/articles/refund-timing" title="refund"' in out and "<code>order number</code>" in out
    assert '<span class="visually-hidden">agreed translation: </span>شماره سفارش' in out
    assert "<script>" not in out and "&lt;script&gt;x&lt;/script&gt;" in out
    assert [t.term for t in g.used_in(["Refunds take long. <b>&co"], "fa")] == ["refund", "<b>&co"]


def test_the_bundled_glossary_is_valid_and_covers_every_site_language():
    g = glossary.load(PROJECT_ROOT / "glossary.yml")
    assert len(g) >= 10
    for term in g.terms:
        assert set(term.translations) == {"th", "fa", "id", "lv"}, term.term
