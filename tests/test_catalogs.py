"""kb.translation.catalogs.interface_strings: the UI strings per language that search calibrates readers on."""

from __future__ import annotations

import textwrap
from pathlib import Path

from kb.translation.catalogs import interface_strings

HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: Kestrel Help Center\\n"
"Language: {lang}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""


def write_po(root: Path, locale: str, body: str) -> Path:
    """``root/<locale>/LC_MESSAGES/messages.po`` with a header and ``body`` (dedented)."""
    path = root / locale / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(lang=locale) + textwrap.dedent(body), encoding="utf-8")
    return path


def test_translated_strings_come_back_per_language(tmp_path):
    write_po(
        tmp_path,
        "de",
        """\
        msgid "Search the help center"
        msgstr "Im Hilfe-Center suchen"

        msgid "Contact customer service"
        msgstr "Kundenservice kontaktieren"
        """,
    )
    write_po(
        tmp_path,
        "th",
        """\
        msgid "Search the help center"
        msgstr "ค้นหาในศูนย์ช่วยเหลือ"
        """,
    )
    out = interface_strings(tmp_path)
    assert out == {
        "de": ["Im Hilfe-Center suchen", "Kundenservice kontaktieren"],
        "th": ["ค้นหาในศูนย์ช่วยเหลือ"],
    }


def test_untranslated_empty_and_fuzzy_entries_are_left_out(tmp_path):
    write_po(
        tmp_path,
        "fr",
        """\
        msgid "Was this article helpful?"
        msgstr "Cet article vous a-t-il aidé ?"

        msgid "Not translated yet, so empty"
        msgstr ""

        #, fuzzy
        msgid "Send your question to us"
        msgstr "Envoyez-nous votre question (à revoir)"
        """,
    )
    out = interface_strings(tmp_path)
    # Neither the empty msgstr nor its English msgid stands in for French; the fuzzy guess is not trusted.
    assert out == {"fr": ["Cet article vous a-t-il aidé ?"]}


def test_a_language_with_nothing_usable_is_absent(tmp_path):
    write_po(
        tmp_path,
        "lv",
        """\
        msgid "Search the help center"
        msgstr ""

        #, fuzzy
        msgid "Contact customer service"
        msgstr "Sazinieties ar klientu apkalpošanu"
        """,
    )
    write_po(
        tmp_path,
        "id",
        """\
        msgid "Search the help center"
        msgstr "Cari di pusat bantuan"
        """,
    )
    assert interface_strings(tmp_path) == {"id": ["Cari di pusat bantuan"]}


def test_placeholders_and_markup_are_removed_and_short_strings_dropped(tmp_path):
    write_po(
        tmp_path,
        "es",
        """\
        msgid "%(count)s results for %(query)s"
        msgstr "%(count)s resultados para   %(query)s"

        msgid "Read <a href=\\"{url}\\">the article</a> in {lang}"
        msgstr "Lea <a href=\\"{url}\\">el artículo</a> en {lang}"

        msgid "Page %d"
        msgstr "Página %d"

        msgid "Back"
        msgstr "Volver"
        """,
    )
    out = interface_strings(tmp_path)
    # "Página" (6 characters once %d is gone) and "Volver" are under the 8-character minimum.
    assert out == {"es": ["resultados para", "Lea el artículo en"]}
    assert interface_strings(tmp_path, min_chars=6) == {
        "es": ["resultados para", "Lea el artículo en", "Página", "Volver"]
    }


def test_every_plural_form_counts_and_duplicates_are_kept_once(tmp_path):
    write_po(
        tmp_path,
        "pt_BR",
        """\
        msgid "%(n)d article found"
        msgid_plural "%(n)d articles found"
        msgstr[0] "%(n)d artigo encontrado"
        msgstr[1] "%(n)d artigos encontrados"

        msgid "Help center"
        msgstr "Central de ajuda"

        msgid "Help centre"
        msgstr "Central de ajuda"
        """,
    )
    out = interface_strings(tmp_path)
    # The folder's locale is written as a site language code (pt_BR -> pt-br).
    assert out == {"pt-br": ["artigo encontrado", "artigos encontrados", "Central de ajuda"]}


def test_the_template_and_other_files_are_not_a_language(tmp_path):
    (tmp_path / "messages.pot").write_text(
        HEADER.format(lang="")
        + textwrap.dedent(
            """\
            msgid "Search the help center"
            msgstr "Search the help center"
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "nl" / "LC_MESSAGES").mkdir(parents=True)  # a language folder with no catalog yet
    write_po(
        tmp_path,
        "fa",
        """\
        msgid "Search the help center"
        msgstr "جستجو در مرکز راهنما"
        """,
    )
    assert interface_strings(tmp_path) == {"fa": ["جستجو در مرکز راهنما"]}


def test_a_missing_or_empty_translations_dir_gives_nothing(tmp_path):
    assert interface_strings(tmp_path / "no-such-dir") == {}
    assert interface_strings(tmp_path) == {}
