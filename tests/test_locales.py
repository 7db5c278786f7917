"""Locale codes: validation (they build paths and URLs), Babel codes, direction, names, fallback chain."""

from __future__ import annotations

import datetime
import os
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.locales import (
    babel_code,
    calendar_type,
    collation_key,
    display_name,
    fallback_chain,
    format_date,
    format_number,
    language_name,
    text_direction,
    valid_code,
)

SAFE = set(string.ascii_letters + string.digits + "-")


# -- valid_code ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code", ["en", "th", "fa", "id", "lv", "ar", "he", "fil", "pt-BR", "zh-Hant", "sr-Latn", "es-419"]
)
def test_valid_code_accepts_bcp47_url_codes(code):
    assert valid_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "e",
        "engl",
        "EN",
        "En",
        "en_US",
        "pt-br",
        "pt-BRA",
        "zh-hant",
        "zh-HANT",
        "en-",
        "-en",
        "en--US",
        "zh-Hant-TW",
        "es-41",
        "es-4190",
        "../en",
        "en/../../etc",
        "en/..",
        "..",
        ".",
        "/etc",
        "en\\..\\x",
        "en/",
        "./en",
        "%2e%2e",
        "en%00",
        " en",
        "en ",
        "en\t",
        "\nen",
        "en\x00",
        "en\r",
        "ẹn",
        "еn",  # Cyrillic е
        "a" * 1000,
        "en-" + "A" * 1000,
        "en-" + "1" * 500,
    ],
)
def test_valid_code_rejects_anything_else(code):
    assert not valid_code(code)


@pytest.mark.parametrize("value", [None, 1, b"en", ["en"], ("en",), object()])
def test_valid_code_rejects_non_strings(value):
    assert not valid_code(value)


@pytest.mark.parametrize("code", ["en\n", "pt-BR\n"])
def test_valid_code_rejects_trailing_newline(code):
    assert not valid_code(code)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12) | st.from_regex(r"[a-z]{2,3}(-[A-Za-z0-9]{2,4})?", fullmatch=True))
def test_valid_code_is_always_a_safe_path_component(code):
    if valid_code(code):
        assert set(code) <= SAFE
        assert 2 <= len(code) <= 8
        assert os.path.basename(code) == code and code not in (".", "..")


# -- babel_code ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code,expected", [("en", "en"), ("pt-BR", "pt_BR"), ("zh-Hant", "zh_Hant"), ("es-419", "es_419")]
)
def test_babel_code_uses_underscores(code, expected):
    assert babel_code(code) == expected


# -- text_direction -------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["fa", "ar", "he", "ur", "ar-EG", "fa-IR"])
def test_right_to_left_languages(code):
    assert text_direction(code) == "rtl"


@pytest.mark.parametrize("code", ["en", "th", "id", "lv", "pt-BR", "zh-Hant", "ru", "ja"])
def test_left_to_right_languages(code):
    assert text_direction(code) == "ltr"


@pytest.mark.parametrize("code", ["xx", "qq", "", "../en", "en/../../etc", "a" * 300, "x-y-z", "\x00"])
def test_unknown_or_garbage_codes_are_left_to_right(code):
    assert text_direction(code) == "ltr"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_text_direction_never_raises(code):
    assert text_direction(code) in ("ltr", "rtl")


# -- display_name -----------------------------------------------------------------------------


@pytest.mark.parametrize("code,own_name", [("th", "ไทย"), ("fa", "فارسی"), ("lv", "latviešu")])
def test_display_name_is_the_language_own_name(code, own_name):
    name = display_name(code)
    assert name.casefold() == own_name.casefold()
    assert name[:1] == name[:1].upper()  # capitalised for menus (no effect on scripts without case)


def test_display_name_of_a_region_variant_names_the_language_in_itself():
    name = display_name("pt-BR")
    assert name.startswith("Português")
    assert "Brasil" in name


@pytest.mark.parametrize("code", ["xx", "", "../en", "x-y-z"])
def test_display_name_of_unknown_code_is_the_code(code):
    assert display_name(code) == code


# -- fallback_chain ----------------------------------------------------------------------------


def test_fallback_chain_docstring_example():
    assert fallback_chain("pt-BR", ["pt", "en"], "en") == ["pt", "en"]


def test_fallback_chain_requested_then_base_then_default():
    assert fallback_chain("pt-BR", {"pt-BR", "pt", "en"}, "en") == ["pt-BR", "pt", "en"]


def test_fallback_chain_skips_what_is_not_available():
    assert fallback_chain("zh-Hant", ["en"], "en") == ["en"]
    assert fallback_chain("zh-Hant", ["zh", "en"], "en") == ["zh", "en"]
    assert fallback_chain("th", ["en"], "en") == ["en"]


def test_fallback_chain_has_no_duplicates():
    assert fallback_chain("en", ["en"], "en") == ["en"]
    assert fallback_chain("en-GB", ["en"], "en") == ["en"]


def test_fallback_chain_without_base_language():
    assert fallback_chain("fa", ["fa", "en"], "en") == ["fa", "en"]


def test_fallback_chain_can_be_empty():
    assert fallback_chain("fa", [], "en") == []
    assert fallback_chain("fa", ["lv"], "en") == []


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["en", "fa", "pt", "pt-BR", "zh", "zh-Hant", "th"]),
    st.sets(st.sampled_from(["en", "fa", "pt", "pt-BR", "zh", "zh-Hant", "th", "lv"])),
    st.sampled_from(["en", "lv", "th"]),
)
def test_fallback_chain_properties(requested, available, default):
    chain = fallback_chain(requested, available, default)
    assert len(chain) == len(set(chain))
    assert set(chain) <= set(available)
    assert set(chain) <= {requested, requested.split("-")[0], default}
    if requested in available:
        assert chain[0] == requested
    if default in available:
        assert chain[-1] == default


# -- language_name, format_number, format_date: what the reader sees in their own language --------


@pytest.mark.parametrize(
    "code, reader, name",
    [
        ("en", "th", "อังกฤษ"),
        ("en", "fa", "انگلیسی"),
        ("th", "en", "Thai"),
        ("en", "lv", "angļu"),
        ("en", "en", "English"),
    ],
)
def test_language_name_is_in_the_readers_language(code, reader, name):
    assert language_name(code, reader) == name


def test_language_name_of_a_region_variant_and_of_unknown_codes():
    assert language_name("pt-BR", "en") == "Brazilian Portuguese"
    assert language_name("en", "xx") == "English"  # an unknown reader: the language's own name
    assert language_name("xx", "en") == "xx"


@pytest.mark.parametrize(
    "code, text", [("fa", "۱٬۲۳۴٫۵"), ("en", "1,234.5"), ("th", "1,234.5"), ("lv", "1\xa0234,5"), ("ar-EG", "١٬٢٣٤٫٥")]
)
def test_format_number_uses_the_languages_digits_and_separators(code, text):
    assert format_number(1234.5, code) == text


@pytest.mark.parametrize(
    "code, text",
    [
        ("fa", "۱۷ تیر ۱۴۰۵"),  # solar hijri, Persian digits
        ("th", "8 กรกฎาคม 2569"),  # Buddhist era
        ("en", "July 8, 2026"),
        ("id", "8 Juli 2026"),
        ("lv", "2026. gada 8. jūlijs"),
    ],
)
def test_format_date_is_the_long_form_in_the_readers_calendar_and_digits(code, text):
    assert format_date(datetime.date(2026, 7, 8), code) == text


# -- calendars: CLDR's preference for the language's region, through ICU -------------------------


@pytest.mark.parametrize(
    "code, calendar",
    [
        ("th", "buddhist"),
        ("fa", "persian"),
        ("fa-AF", "persian"),
        ("en", "gregorian"),
        ("lv", "gregorian"),
        ("id", "gregorian"),
        ("ar-EG", "gregorian"),
        ("xx", "gregorian"),
        ("../en", "gregorian"),
    ],
)
def test_calendar_is_the_languages_preferred_one(code, calendar):
    assert calendar_type(code) == calendar


def test_persian_date_is_in_the_solar_hijri_year_with_persian_digits_and_month():
    text = format_date(datetime.date(2026, 12, 4), "fa")
    assert "۱۴۰۵" in text and "آذر" in text  # 13 Azar 1405
    assert not any(c.isascii() and c.isdigit() for c in text)
    assert "۲۰۲۶" not in text


def test_thai_date_is_in_the_buddhist_era():
    text = format_date(datetime.date(2026, 12, 4), "th")
    assert "2569" in text and "ธันวาคม" in text and "2026" not in text


def test_format_date_takes_the_day_of_a_datetime_as_written():
    late = datetime.datetime(2026, 12, 4, 23, 59, tzinfo=datetime.timezone(datetime.timedelta(hours=-8)))
    assert format_date(late, "en") == "December 4, 2026"


def test_format_date_of_the_persian_new_year():
    assert format_date(datetime.date(2027, 3, 21), "fa") == "۱ فروردین ۱۴۰۶"


# -- collation: user-visible lists in the language's alphabetical order -------------------------


def test_latvian_collation_puts_caron_letters_after_their_base_letter():
    words = ["Dati", "Zebra", "Čeki", "Cena"]
    assert sorted(words) == ["Cena", "Dati", "Zebra", "Čeki"]  # code points: Č after Z
    assert sorted(words, key=collation_key("lv")) == ["Cena", "Čeki", "Dati", "Zebra"]


def test_thai_collation_orders_leading_vowels_by_their_consonant():
    words = ["ขา", "เงิน", "ไก่", "งาน", "กา"]
    # Code points put every word that starts with a leading vowel (เ แ โ ใ ไ) after all consonants.
    assert sorted(words) == ["กา", "ขา", "งาน", "เงิน", "ไก่"]
    assert sorted(words, key=collation_key("th")) == ["กา", "ไก่", "ขา", "งาน", "เงิน"]


def test_persian_collation_puts_persian_letters_in_the_persian_alphabet():
    words = ["راه", "پیش", "چه", "بانک"]
    assert sorted(words) == ["بانک", "راه", "پیش", "چه"]  # پ and چ are outside the Arabic block's order
    assert sorted(words, key=collation_key("fa")) == ["بانک", "پیش", "چه", "راه"]


def test_collation_compares_letters_before_accents_before_case():
    assert sorted(["b", "A", "a", "B"], key=collation_key("en")) == ["a", "A", "b", "B"]
    assert sorted(["cote", "côte", "coter"], key=collation_key("en")) == ["cote", "côte", "coter"]


@pytest.mark.parametrize("code", ["xx", "qq", "", "../en", "a" * 300, "\x00"])
def test_unknown_or_garbage_codes_collate_by_the_root_order(code):
    assert sorted(["Dati", "Čeki", "Cena"], key=collation_key(code)) == ["Čeki", "Cena", "Dati"]


def test_collation_key_is_cached_per_language():
    assert collation_key("lv") == collation_key("lv")
    assert isinstance(collation_key("lv")("Čeki"), bytes)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=8), st.sampled_from(["en", "lv", "th", "fa", "id", "xx"]))
def test_collation_sort_is_a_total_order_that_never_raises(words, code):
    once = sorted(words, key=collation_key(code))
    assert sorted(once, key=collation_key(code)) == once
    assert sorted(once) == sorted(words)
