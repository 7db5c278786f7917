"""UI catalogs: every message the code uses is translated in every language, none fuzzy."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LANGS = sorted(p.name for p in (ROOT / "translations").iterdir() if p.is_dir())
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def used_messages() -> set[str]:
    method_map = [("kb/**.py", "python"), ("kb/web/templates/**.html", "jinja2")]
    found = extract_from_dir(
        str(ROOT), method_map, keywords={"_": None, "gettext": None, "_l": None, "lazy_gettext": None}
    )
    return {msg for _, _, msg, _, _ in found if isinstance(msg, str)}


def test_every_site_language_has_a_catalog():
    assert set(LANGS) >= {"en", "th", "fa", "id", "lv"}


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_complete_and_not_fuzzy(lang):
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        catalog = read_po(fh, locale=lang)
    entries = {m.id: m for m in catalog if m.id}
    missing = used_messages() - set(entries)
    assert not missing, f"{lang}: untranslated messages {sorted(missing)}"
    for msg in entries.values():
        assert msg.string, f"{lang}: empty translation for {msg.id!r}"
        assert not msg.fuzzy, f"{lang}: fuzzy translation for {msg.id!r}"
        assert set(PLACEHOLDER.findall(msg.id)) == set(PLACEHOLDER.findall(msg.string)), msg.id


def test_pages_are_served_in_the_readers_language(client):
    html = client.get("/th/search?q=zzzqqq").get_data(as_text=True)
    assert "ค้นหา" in html and "ไม่พบบทความที่ตรงกับ" in html
    r = client.get("/fa/articles/nope-nothing-here")
    assert r.status_code == 404 and "این صفحه را پیدا نکردیم" in r.get_data(as_text=True)
