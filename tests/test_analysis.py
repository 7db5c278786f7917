"""Per-language analyzers on a small named corpus of edge cases."""

import pytest

from search.analysis import (
    WORD_RE,
    analyzer_for,
    fold_diacritics,
    foreign_share,
    normalize_persian,
    normalize_thai,
    typed_in,
)


def terms(lang, text):
    return analyzer_for(lang).term_list(text)


def test_thai_without_spaces_is_segmented_into_words():
    out = terms("th", "ติดตามพัสดุของฉัน")
    assert "ติดตาม" in out and "พัสดุ" in out
    assert "ติดตามพัสดุของฉัน" not in out


def test_thai_vowel_marks_stay_inside_words():
    # Whoosh's default \w pattern splits at combining vowel signs such as ิ and ุ.
    for word in analyzer_for("th").words("พัสดุ สินค้า"):
        assert word[0] in ("พัสดุ", "สินค้า")


@pytest.mark.parametrize(
    "typed,spelt",
    [
        ("เเจ้งสินค้าเสียหาย", "แจ้งสินค้าเสียหาย"),  # two sara e for sara ae: "report a damaged item"
        ("ท\u0e48\u0e35อยู่จัดส่ง", "ที่อยู่จัดส่ง"),  # the tone mark typed before the vowel: "delivery address"
        ("สินค้\u0e49\u0e49าเสียหาย", "สินค้าเสียหาย"),  # a tone mark typed twice
        ("โรงเเรียน", "โรงเรียน"),  # a sara e typed twice by a slip: "school", not sara ae
    ],
)
def test_thai_typing_habits_meet_the_spelt_words(typed, spelt):
    th = analyzer_for("th")
    assert terms("th", typed) == terms("th", spelt)
    assert th.encoder_text(typed) == spelt
    words = list(th.words(typed))  # offsets point into what was typed, the words are spelt
    assert "".join(w for w, _, _ in words) == spelt and words[-1][2] == len(typed)
    assert all(normalize_thai(typed[start:end])[0] == w for w, start, end in words)


def test_offsets_point_into_original_text():
    text = "ดูพัสดุ and Parcels"
    for lang in ("th", "en"):
        for _term, start, end in analyzer_for(lang).terms(text, stop=False):
            assert 0 <= start < end <= len(text)
            assert text[start:end].strip() == text[start:end]


@pytest.mark.parametrize("arabic,persian", [("كد رهگيري", "کد رهگیری"), ("يادداشت", "یادداشت")])
def test_persian_arabic_yeh_and_kaf_match_persian_letters(arabic, persian):
    assert terms("fa", arabic) == terms("fa", persian)


def test_persian_digits_diacritics_and_tatweel_normalised():
    assert normalize_persian("۱۲۳") == "123"
    assert normalize_persian("كتـــاب") == "کتاب"
    assert normalize_persian("مُحَمَّد") == "محمد"


def test_persian_zwnj_and_space_forms_share_terms():
    with_zwnj = set(terms("fa", "سفارش‌های من"))
    with_space = set(terms("fa", "سفارش های من"))
    assert with_zwnj == with_space
    assert with_zwnj  # the content word survives


@pytest.mark.parametrize(
    "joined,apart",
    [
        ("میخواهم", "می‌خواهم"),  # I want: the verb prefix typed joined
        ("نمیتوانم پرداخت کنم", "نمی‌توانم پرداخت کنم"),  # I cannot pay
        ("پلها", "پل‌ها"),  # bridges: the plural typed joined
        ("سرویسهای پیازی", "سرویس‌های پیازی"),  # onion services
        ("بزرگتر", "بزرگ‌تر"),  # bigger
    ],
)
def test_persian_affixes_typed_joined_meet_the_written_form(joined, apart):
    assert terms("fa", joined) == terms("fa", apart)
    assert joined.split()[0] not in terms("fa", joined)  # the joined word, which no article holds, is no term


@pytest.mark.parametrize("word", ["تنها", "میز", "میلاد", "دفتر", "میلیون"])
def test_persian_words_that_only_look_like_an_affix_stay_whole(word):
    # alone, table, birth, notebook, million: "تن‌ها" or "می‌ز" is not how Persian writes anything
    assert terms("fa", word) == [word]


def test_persian_split_offsets_point_into_the_typed_text():
    text = "كتابها را میخواهم"  # an Arabic kaf too: the split is found on the normalised word
    pieces = [(text[s:e], t) for t, s, e in analyzer_for("fa").terms(text)]
    assert pieces == [("كتاب", "کتاب"), ("خواهم", "خواهم")]
    assert analyzer_for("fa").info.segmentation == "unicode-words, joined affixes split"


def test_latvian_matches_without_diacritics():
    assert terms("lv", "Sūtījuma izsekošana") == terms("lv", "sutijuma izsekosana")
    assert fold_diacritics("ģērbšanās") == "gerbsanas"


@pytest.mark.parametrize(
    "forms",
    [
        "pasūtījums pasūtījumu pasūtījuma pasūtījumam pasūtījumiem pasutijumos",  # an order, 2nd-3rd declension
        "paka pakas pakai paku pakām pakās",  # a parcel, 4th
        "piegāde piegādes piegādi piegādei piegādēm",  # a delivery, 5th
        "jaunais jaunā jaunajam jaunajiem jaunajās",  # new, definite adjective
    ],
)
def test_latvian_case_endings_share_one_term_with_or_without_diacritics(forms):
    assert len({tuple(terms("lv", word)) for word in forms.split()}) == 1


def test_latvian_stemmer_keeps_short_words_and_a_vowel():
    from search.latvian import stem

    assert stem("zivju") == "ziv"  # a softened labial restored after the ending
    assert stem("ar") == "ar" and stem("tas") == "tas"  # three letters must remain
    assert stem("kasts") == "kast" and stem("vkss") == "vkss"  # and a vowel
    assert analyzer_for("lv").info.stemmer == "latvian-light" and analyzer_for("lv").folds


def test_latvian_typed_without_diacritics_reaches_the_model_with_them():
    lv = analyzer_for("lv")
    assert lv.encoder_text("Sutijums vel nav atnacis") == "Sūtījums vēl nav atnācis"
    # Words written so on their own stay: "ka" (that) is as common as "kā", "laika" (of time) as "laikā".
    assert lv.encoder_text("ka laika") == "ka laika"
    assert terms("lv", "sutijums") == terms("lv", "sūtījums")  # the index folds either way
    assert analyzer_for("en").encoder_text("cafe resume") == "cafe resume"


def test_english_stemming_and_stop_words():
    assert terms("en", "How do I track my parcels?") == terms("en", "tracking parcel")
    assert "the" not in terms("en", "the refund")


def test_indonesian_stemming():
    assert terms("id", "pembayaran") == terms("id", "bayar")


def test_cjk_bigrams():
    assert terms("zh", "退货政策") == ["退货", "货政", "政策"]
    assert terms("ja", "返品") == ["返品"]


@pytest.mark.parametrize("code", ["xx", "", "tlh", "qaa"])
def test_unknown_language_degrades_to_unicode_analyzer(code):
    assert terms(code, "Paket ankommt ünïcödé") == ["paket", "ankommt", "unicode"]


@pytest.mark.parametrize(
    "lang,forms",
    [
        ("hr", "račun računa računu računom računima"),  # Croatian: an account, with Serbian's rules
        ("uk", "пароль пароля паролем"),  # Ukrainian: a password, with Russian's
    ],
)
def test_languages_without_a_snowball_stemmer_borrow_a_sister_languages(lang, forms):
    assert len({tuple(terms(lang, word)) for word in forms.split()}) == 1


def test_region_subtag_uses_the_base_language():
    assert analyzer_for("de-CH").info.stemmer == "german"


def test_mixed_scripts_in_one_text():
    out = terms("th", "สั่งซื้อ iPhone 15 ผ่าน PayPal")
    assert "iphone" in out and "15" in out and "paypal" in out


def test_persian_typed_on_an_arabic_keyboard_reaches_the_encoder_in_persian_letters():
    fa = analyzer_for("fa")
    assert fa.encoder_text("شكايت رسمي") == "شکایت رسمی"
    assert fa.encoder_text("می‌خواهم") == "می‌خواهم"  # ZWNJ kept: the model reads it
    assert analyzer_for("ar").encoder_text("شكايت") == "شكايت"  # Arabic is written with these letters
    assert analyzer_for("en").encoder_text("Where is my parcel?") == "Where is my parcel?"


def test_languages_snowball_stems_drop_snowballs_stop_words_too():
    # Titles ask ("можно ли ...", "wie kann ich ...") in words the answers rarely use: as rare words
    # they outweighed the one that matters.
    assert analyzer_for("ru").term_list("Можно ли использовать Tor?") == ["использова", "tor"]  # "можно" too
    assert "ich" not in analyzer_for("de").term_list("Wie kann ich Tor benutzen?")
    assert analyzer_for("ka").info.stop_words == 0  # no list: IDF alone


def test_thai_drops_the_auxiliaries_a_question_is_asked_with():
    # "the item is damaged, what do I have to do": "have to" and "do" matched any article that asks
    # "ต้องทำยังไง" about something else, as English's list drops "do" and "have"
    assert analyzer_for("th").term_list("สินค้าเสียหาย ต้องทำอย่างไร") == ["สินค้า", "เสียหาย"]
    assert analyzer_for("th").term_list("ทำงาน") == ["ทํางาน"]  # "to work" is one word, kept


def test_snowball_languages_also_drop_the_words_questions_are_asked_with():
    # Snowball's lists hold function words, not question words or "can I": the hand lists do.
    assert analyzer_for("ru").term_list("Почему я не могу подключиться? Мой провайдер") == ["подключ", "провайдер"]
    assert analyzer_for("de").term_list("Warum kann ich Tor nicht starten?") == ["tor", "start"]
    assert analyzer_for("fr").term_list("Pourquoi Tor est-il lent ?") == ["tor", "lent"]


@pytest.mark.parametrize(
    ("text", "lang", "share"),
    [
        ("firewall", "ru", 1.0),  # an English word asked of Russian pages
        ("не работает", "ru", 0.0),
        ("wifi ไม่ได้", "th", 0.5),  # four Latin letters, four Thai ones (vowel signs are marks)
        ("ลืมพาสเวิด", "th", 0.0),  # English said in Thai letters is Thai script
        ("password", "ja", 1.0),
        ("パスワードを忘れた", "ja", 0.0),  # Katakana, Hiragana and Han are all Japanese
        ("密码", "zh-CN", 0.0),
        ("abc", "sr-Latn", 0.0),  # the script subtag wins over the language's usual Cyrillic
        ("abc", "sr", 1.0),
        ("سلام", "en", 1.0),
        ("kā nomainīt", "lv", 0.0),
        ("2024 !?", "ru", 0.0),  # no letters
        ("hello", "xx", 0.0),  # a code CLDR does not know: no opinion
    ],
)
def test_the_share_of_a_query_written_in_another_script(text, lang, share):
    assert foreign_share(text, lang) == pytest.approx(share)


def test_a_query_is_typed_in_another_language_only_when_its_script_says_so():
    assert typed_in("where is my parcel", "th", "en")
    assert not typed_in("พัสดุของฉันอยู่ไหน", "th", "en")
    assert not typed_in("wifi ไม่ได้", "th", "en")  # half and half: still the reader's
    assert not typed_in("kur ir mana paka", "lv", "en")  # one script: nothing to tell them apart
    assert not typed_in("firewall", "ru", "th")  # another script, but not the other language's either


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "How do I reset my password? The reset link (sent 3 times) expired."),
        ("lv", "Kā es varu atgriezt preci? Vel nav atnākusi nauda."),
        ("ru", "Почему мой заказ ещё не пришёл, и как его отследить?"),
        ("id", "Bagaimana cara mengembalikan barang yang rusak?"),
        ("th", "สินค้าเสียหาย ต้องทำอย่างไร (order 42)"),
        ("fa", "چطور می‌توانم سفارشم را پیگیری کنم؟"),
    ],
)
def test_terms_are_the_analysed_words_whatever_path_reads_them(lang, text):
    """Space-delimited languages read words straight off the regex match; segmented ones through
    their segmenter (Thai's runs kept): both must give what segmenting each match and analysing each
    word does."""
    a = analyzer_for(lang)
    segmented = [
        (piece, m.start() + start, m.start() + end)
        for m in WORD_RE.finditer(text)
        for piece, start, end in a._segment(m.group())
    ]
    assert list(a.words(text)) == segmented
    for stop in (True, False):
        expected = []
        for word, start, end in a.words(text):
            term, is_stop = a._term_of(word)
            if term and not (stop and is_stop):
                expected.append((term, start, end))
        assert expected and list(a.terms(text, stop=stop)) == expected
        assert list(a.terms(text, stop=stop)) == expected  # a second reading, from the caches
