"""Query-dependent snippets: (text, highlighted) fragments of a document around its best matches."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from search.analysis import WORD_RE, analyzer_for
from search.snippets import MAX_SCAN, _cut, snippet

LEAD, TRAIL = "… ", " …"


def query_terms(lang: str, query: str) -> set[str]:
    return set(analyzer_for(lang).term_list(query))


def body_of(fragments: list[tuple[str, bool]]) -> str:
    """The document text a snippet shows, without the ellipses it adds at either end."""
    parts = [t for t, _ in fragments]
    if parts and parts[0] == LEAD:
        parts = parts[1:]
    if parts and parts[-1] == TRAIL:
        parts = parts[:-1]
    return "".join(parts)


def highlights(fragments: list[tuple[str, bool]]) -> list[str]:
    return [t for t, hit in fragments if hit]


def render(fragments: list[tuple[str, bool]]) -> str:
    """What search.html does with a snippet: each fragment escaped, matches wrapped in <mark>."""
    return "".join(Markup("<mark>{}</mark>").format(t) if hit else str(escape(t)) for t, hit in fragments)


def test_empty_text_gives_no_fragments():
    assert snippet("", analyzer_for("en"), {"refund"}) == []


def test_short_text_without_terms_is_shown_whole_unhighlighted():
    assert snippet("Refunds take five days.", analyzer_for("en"), set()) == [("Refunds take five days.", False)]


def test_long_text_without_match_is_cut_to_width_with_ellipsis():
    text = "alpha beta gamma " * 40
    out = snippet(text, analyzer_for("en"), query_terms("en", "zebra"), width=50)
    assert len(out) == 1 and not out[0][1]
    shown = out[0][0]
    assert shown.endswith(TRAIL)
    assert len(shown) <= 50 + len(TRAIL)
    assert text.startswith(shown[: -len(TRAIL)])
    assert shown[: -len(TRAIL)] == shown[: -len(TRAIL)].rstrip()  # no dangling space before the ellipsis


def test_cut_helper():
    assert _cut("short", 0, 10) == "short"
    assert _cut("0123456789abc", 2, 5) == "23456 …"
    assert _cut("abc   defgh", 0, 6) == "abc …"


def test_match_is_highlighted_through_the_analyzer():
    """Highlighting compares analysed terms: the stemmed query 'refund' marks the surface word 'Refunds'."""
    text = "Our policy: Refunds are issued within five days of the return."
    out = snippet(text, analyzer_for("en"), query_terms("en", "refund"))
    assert highlights(out) == ["Refunds"]
    assert body_of(out) == text  # short text: shown whole, no ellipses


def test_stop_words_in_the_query_set_are_still_highlighted():
    """terms are matched with stop=False, so a caller may ask for any term to be marked."""
    out = snippet("Where is the parcel?", analyzer_for("en"), {"the"})
    assert highlights(out) == ["the"]


def test_every_highlight_analyses_to_a_query_term():
    an = analyzer_for("en")
    terms = query_terms("en", "track parcels delivery")
    text = "You can track your parcel. Tracking shows the delivery date. Parcels delivered late are refunded."
    out = snippet(text, an, terms)
    assert len(highlights(out)) == 5
    for h in highlights(out):
        assert an.term_list(h) and set(an.term_list(h)) <= terms


def test_snippet_is_a_contiguous_piece_of_the_text_within_width():
    text = " ".join(f"w{i}" for i in range(300)) + " refund " + " ".join(f"x{i}" for i in range(300))
    width = 120
    out = snippet(text, analyzer_for("en"), {"refund"}, width=width)
    shown = body_of(out)
    assert shown in text
    assert len(shown) <= width
    assert "refund" in highlights(out)
    assert out[0] == (LEAD, False) and out[-1] == (TRAIL, False)


def test_snippet_opens_at_a_word_boundary():
    text = " ".join(f"word{i}" for i in range(200)) + " refund " + "tail " * 50
    out = snippet(text, analyzer_for("en"), {"refund"}, width=80)
    shown = body_of(out)
    start = text.index(shown)
    assert start > 0 and text[start - 1] == " "


def test_snippet_closes_at_a_word_boundary():
    text = "tail " * 50 + "refund " + " ".join(f"word{i}" for i in range(200))
    for terms in ({"refund"}, set()):  # around a match, and the opening of a text without one
        shown = body_of(snippet(text, analyzer_for("en"), terms, width=83)).removesuffix(TRAIL).rstrip()
        end = text.index(shown) + len(shown)
        assert text[end] == " " and shown.split()[-1] in text.split()


def test_a_thai_snippet_closes_at_a_segmented_word():
    an = analyzer_for("th")
    text = "พัสดุของคุณจะถูกส่งกลับมาที่คลังสินค้าของเราที่เมืองรอตเตอร์ดัม" * 8  # no spaces at all
    words = {start for _, start, _ in an.words(text)} | {len(text)}
    for terms in (query_terms("th", "คลังสินค้า"), set()):
        shown = body_of(snippet(text, an, terms, width=100)).removesuffix(TRAIL).rstrip()
        assert text.index(shown) + len(shown) in words


def test_match_at_the_start_has_no_leading_ellipsis():
    text = "Refund rules. " + "filler " * 100
    out = snippet(text, analyzer_for("en"), {"refund"}, width=60)
    assert out[0] == ("Refund", True)
    assert out[-1] == (TRAIL, False)


def test_match_at_the_end_has_no_trailing_ellipsis():
    text = "filler " * 100 + "ask for a refund"
    out = snippet(text, analyzer_for("en"), {"refund"}, width=60)
    assert out[0] == (LEAD, False)
    assert out[-1] == ("refund", True)


def test_window_with_most_matches_wins_over_first_match():
    """One isolated early match loses to a later cluster of three."""
    text = "refund " + "filler " * 80 + "refund policy: a refund is a refund. " + "end " * 80
    out = snippet(text, analyzer_for("en"), {"refund"}, width=80)
    assert highlights(out) == ["refund", "refund", "refund"]
    assert out[0] == (LEAD, False)  # the isolated match at offset 0 is left out


def test_match_only_beyond_max_scan_is_not_searched():
    text = "word " * (MAX_SCAN // 5) + "refund"
    assert len(text) > MAX_SCAN
    out = snippet(text, analyzer_for("en"), {"refund"})
    assert highlights(out) == []
    assert out[0][0].startswith("word word")


def test_trailing_ellipsis_when_body_continues_past_max_scan():
    text = "word " * ((MAX_SCAN - 20) // 5) + "refund " + "tail " * 2000
    out = snippet(text, analyzer_for("en"), {"refund"})
    assert "refund" in highlights(out)
    assert out[-1] == (TRAIL, False)


def test_document_markup_reaches_the_page_only_escaped():
    """Fragments are raw text (the caller escapes); escaped per fragment, no document '<' or '>' survives."""
    text = '<script>alert("x")</script> <b onmouseover=evil()>refund</b> &amp; <img src=x>'
    out = snippet(text, analyzer_for("en"), {"refund"})
    assert highlights(out) == ["refund"]
    html = render(out)
    assert "<mark>refund</mark>" in html
    without_marks = html.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks and ">" not in without_marks
    assert "&lt;script&gt;" in html and "&amp;amp;" in html


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&\"' abc refund")), max_size=400), st.integers(60, 300))
def test_highlights_are_whole_words_and_body_is_a_slice(text, width):
    """Whatever the text: a match present is highlighted, highlights are words (never markup characters),
    and the body shown is a piece of the text within ``width``.

    Widths under about 35 are left out: there the start, moved back up to 19 characters to a word
    boundary, can leave the match outside the window (the service uses 220).
    """
    an, terms = analyzer_for("en"), {"refund", "abc"}
    out = snippet(text, an, terms, width=width)
    if not text:
        assert out == []
        return
    has_match = any(t in terms for t, _, _ in an.terms(text, stop=False))
    assert bool(highlights(out)) == has_match
    for h in highlights(out):
        assert WORD_RE.fullmatch(h)
    shown = body_of(out)
    assert len(shown) <= width
    assert shown in text if has_match else text.startswith(shown)


def test_thai_without_spaces_highlights_the_segmented_word():
    text = "ฉันต้องการติดตามพัสดุของฉันที่สั่งเมื่อวาน"
    out = snippet(text, analyzer_for("th"), query_terms("th", "พัสดุ"))
    assert highlights(out) == ["พัสดุ"]
    assert body_of(out) == text


def test_persian_with_arabic_letters_highlights_words_and_keeps_zwnj():
    """A Persian query matches Arabic yeh/kaf spellings; the ZWNJ word around it is left intact."""
    text = "برای دريافت كد رهگيري سفارش‌های خود به صفحه پیگیری بروید"
    out = snippet(text, analyzer_for("fa"), query_terms("fa", "کد رهگیری"))
    assert highlights(out) == ["كد", "رهگيري"]
    assert body_of(out) == text
    assert "سفارش\u200cهای" in body_of(out)


def test_long_persian_text_window_stays_within_width():
    text = "متن " * 200 + "بازپرداخت وجه سفارش " + "پایان " * 200
    out = snippet(text, analyzer_for("fa"), query_terms("fa", "بازپرداخت"), width=100)
    assert "بازپرداخت" in highlights(out)
    assert body_of(out) in text and len(body_of(out)) <= 100


def test_cjk_overlapping_bigram_matches_do_not_duplicate_text():
    text = "如何申请退款呢"
    out = snippet(text, analyzer_for("zh"), query_terms("zh", "申请退款"))
    assert body_of(out) == text


def test_a_thai_snippet_is_never_cut_inside_a_character():
    import unicodedata

    from search import analyzer_for

    def is_mark(ch: str) -> bool:
        return unicodedata.category(ch).startswith("M")

    # Tone marks and vowel signs are combining marks after their consonant ("ที่" is three code points).
    text = "ที่นี่มีที่จอดรถ" * 40 + " คืนเงิน " + "ที่นี่มีที่จอดรถ" * 40
    th = analyzer_for("th")
    for width in range(40, 90):
        for terms in (set(), {"คืนเงิน"}):
            pieces = [t for t, _ in snippet(text, th, terms, width=width)]
            shown = "".join(pieces).removeprefix("… ").removesuffix(" …")
            assert not is_mark(shown[0]), (width, terms)
            at = text.find(shown)
            assert at >= 0, (width, terms)
            after = at + len(shown)
            assert after == len(text) or not is_mark(text[after]), (width, terms, shown[-3:])
