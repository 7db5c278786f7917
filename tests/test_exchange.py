"""Translator files: PO and XLIFF out (one unit per paragraph), back in as validated drafts."""

import copy
import re
import shutil
from pathlib import Path

import polib
import pytest
from translate.storage import xliff

from kb.content import drafts
from kb.content.articles import ArticleStore
from kb.translation import exchange
from kb.translation import placeholders as ph
from kb.translation.status import paragraphs, status_of
from kb.translation.xliff import XLIFF_NS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path) -> ArticleStore:
    shutil.copytree(ROOT / "articles", tmp_path / "demo" / "articles")
    return ArticleStore(tmp_path / "demo" / "articles")


def translate_po(data: bytes, fix) -> bytes:
    po = polib.pofile(data.decode("utf-8"))
    for e in po:
        fix(e)
    return str(po).encode("utf-8")


def xliff_translate(unit, prefix: str) -> None:
    """What a CAT tool does: the source copied into the target, inline codes and all, then translated."""
    source = unit.xmlelement.find(f"{{{XLIFF_NS}}}source")
    for old in unit.xmlelement.findall(f"{{{XLIFF_NS}}}target"):
        unit.xmlelement.remove(old)
    target = copy.deepcopy(source)
    target.tag = f"{{{XLIFF_NS}}}target"
    target.text = prefix + (target.text or "")
    source.addnext(target)
    unit.marktranslated()


def test_po_export_has_one_unit_per_paragraph_with_source_and_previous_translation(store):
    po = polib.pofile(exchange.export(store, "fa", ["refund-timing"], "po").decode("utf-8"))
    source = store.get("en", "refund-timing")
    units = [e for e in po if "/p" in e.msgctxt]
    assert [e.msgid for e in units] == [ph.to_po(ph.protect(p)[0]) for p in paragraphs(source.body)]
    fa = paragraphs(store.get("fa", "refund-timing").body)
    # the previous translation of each unchanged paragraph
    assert [ph.from_po(e.msgstr) for e in units[:-1]] == [ph.protect(p)[0] for p in fa]
    assert units[-1].msgstr == "" and "changed in the source" in units[-1].comment  # the new paragraph
    assert po.metadata["Language"] == "fa"
    assert {e.msgctxt.split("/")[-1] for e in po} >= {"title", "summary"}


def test_paragraph_edited_in_place_exports_its_old_translation_as_fuzzy(store):
    path = store.root / "en" / "track-your-order.md"
    old = paragraphs(store.get("en", "track-your-order").body)[2]
    path.write_text(path.read_text(encoding="utf-8").replace(old, old + " Edited."), encoding="utf-8")
    po = polib.pofile(exchange.export(store, "th", ["track-your-order"], "po").decode("utf-8"))
    fuzzy = [e for e in po if "fuzzy" in e.flags]
    assert len(fuzzy) == 1 and fuzzy[0].msgid.endswith("Edited.")
    assert ph.from_po(fuzzy[0].msgstr) == ph.protect(paragraphs(store.get("th", "track-your-order").body)[2])[0]


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_round_trip_translating_the_changed_paragraph_makes_the_draft_current(store, fmt):
    data = exchange.export(store, "fa", ["refund-timing"], fmt)
    before = paragraphs(store.get("fa", "refund-timing").body)
    translated = "اگر پس از ۱۰ روز کاری بازپرداخت نرسید، تاریخ ایمیل را برای ما بفرستید."
    if fmt == "po":

        def fix(e):
            if not e.msgstr:
                e.msgstr = translated

        data = translate_po(data, fix)
    else:
        doc = xliff.xlifffile.parsestring(data)
        for u in doc.getunits():
            if not u.target:
                u.settarget(translated)
                u.marktranslated()
        data = bytes(doc)
    (result,) = exchange.import_file(store, "fa", data, username="translator")
    assert result.error == "" and result.untranslated == []
    article = store.get("fa", "refund-timing")
    assert article.status == "draft" and translated in article.body
    assert status_of(store.get("en", "refund-timing"), article) == ("draft", [])
    assert paragraphs(article.body) == [*before, translated]  # everything else came back unchanged
    assert article.title == "بازپرداخت وجه من کی انجام می‌شود؟"


def test_import_of_an_untouched_export_keeps_the_changed_paragraph_outdated(store):
    data = exchange.export(store, "th", ["refund-timing"], "po")
    (result,) = exchange.import_file(store, "th", data)
    article = store.get("th", "refund-timing")
    n = len(paragraphs(store.get("en", "refund-timing").body))
    assert result.untranslated == [n] and status_of(store.get("en", "refund-timing"), article) == ("draft", [n - 1])


def test_a_missing_translation_is_created_as_a_draft(store):
    data = exchange.export(store, "fa", ["complaints-and-escalation"], "xliff")
    doc = xliff.xlifffile.parsestring(data)
    for u in doc.getunits():
        xliff_translate(u, "ترجمه: " if not str(u.source).startswith("#") else "")
    (result,) = exchange.import_file(store, "fa", bytes(doc))
    assert result.error == "", result.problems
    article = store.get("fa", "complaints-and-escalation")
    assert article.status == "draft" and article.title.startswith("ترجمه: ")
    assert status_of(store.get("en", "complaints-and-escalation"), article) == ("draft", [])


def test_all_outdated_of_a_language_in_one_file(store):
    assert exchange.outdated_slugs(store, "lv") == ["bank-transfer", "refund-timing", "shipping-costs"]
    po = polib.pofile(exchange.export(store, "lv", exchange.outdated_slugs(store, "lv"), "po").decode("utf-8"))
    assert {e.msgctxt.split("@")[0] for e in po} == {"bank-transfer", "refund-timing", "shipping-costs"}
    results = {r.slug: r for r in exchange.import_file(store, "lv", str(po).encode("utf-8"))}
    # Sent back untouched: the two outdated ones become drafts; the missing one has no title yet.
    assert {slug: r.error for slug, r in results.items()} == {
        "bank-transfer": "the imported translation does not validate",
        "refund-timing": "",
        "shipping-costs": "",
    }
    assert "title is required" in str(results["bank-transfer"].problems)
    assert not (store.root / "lv" / "bank-transfer.md").exists()


def test_import_refuses_when_the_translation_changed_since_the_export(store):
    data = exchange.export(store, "fa", ["refund-timing"], "po")
    path = store.root / "fa" / "refund-timing.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nویرایش تازه.\n", encoding="utf-8")
    (result,) = exchange.import_file(store, "fa", data)
    assert result.conflict is not None and "ویرایش تازه" in result.conflict.current_text
    assert "ویرایش تازه" in path.read_text(encoding="utf-8")


def test_import_validates_like_the_editor(store):
    data = exchange.export(store, "fa", ["refund-timing"], "po")

    def fix(e):
        if e.msgctxt.endswith("/title"):
            e.msgstr = ""  # keeps the old title, still valid
        if not e.msgstr and "/p" in e.msgctxt:
            e.msgstr = "[" * 3000  # would take Python-Markdown seconds

    (result,) = exchange.import_file(store, "fa", translate_po(data, fix))
    assert result.error and "'['" in " ".join(p.message for p in result.problems)
    assert store.get("fa", "refund-timing").status == "published"


@pytest.mark.parametrize(
    "data,message",
    [
        (b"\x00\xff not a file", "not a readable PO"),
        (b"<xliff><broken", "not a readable XLIFF"),
        (b'msgctxt "../../etc/passwd@aaaaaaaa@-/title"\nmsgid "x"\nmsgstr "y"\n', "does not come from an export"),
        (b'msgid ""\nmsgstr ""\n"Language: th\\n"\n', "for language 'th'"),
        (b"", "no units"),
    ],
)
def test_unusable_files_are_refused_whole(store, data, message):
    before = {p: p.read_bytes() for p in store.root.rglob("*.md")}
    with pytest.raises(exchange.ExchangeError, match=re.escape(message)):
        exchange.import_file(store, "fa", data)
    assert {p: p.read_bytes() for p in store.root.rglob("*.md")} == before


def test_an_upload_is_never_read_as_a_path_or_an_external_entity(store, tmp_path):
    secret = tmp_path / "secret.po"
    secret.write_text('msgctxt "refund-timing@aaaaaaaa@-/title"\nmsgid "secret"\nmsgstr "leaked"\n', encoding="utf-8")
    with pytest.raises(exchange.ExchangeError) as refused:
        exchange.read_units(str(secret).encode(), "fa")  # the text of a path, not the file
    assert "leaked" not in str(refused.value) and "not a readable PO" in str(refused.value)
    xxe = f"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1" version="1.1"><file original="a.md" source-language="en"
target-language="fa" datatype="plaintext"><body><trans-unit id="refund-timing@aaaaaaaa@-/title"><source>&e;</source>
<target>t</target></trans-unit></body></file></xliff>""".encode()
    (unit,) = exchange.read_units(xxe, "fa")
    assert "leaked" not in unit.source


def test_a_bom_does_not_hide_the_format(store):
    data = exchange.export(store, "fa", ["refund-timing"], "xliff")
    assert len(exchange.read_units(b"\xef\xbb\xbf" + data, "fa")) == len(exchange.read_units(data, "fa"))
    po = exchange.export(store, "fa", ["refund-timing"], "po")
    assert len(exchange.read_units(b"\xef\xbb\xbf" + po, "fa")) == len(exchange.read_units(po, "fa"))


def test_export_refuses_the_source_language_and_unknown_formats(store):
    with pytest.raises(exchange.ExchangeError):
        exchange.export(store, "en", ["refund-timing"], "po")
    with pytest.raises(exchange.ExchangeError):
        exchange.export(store, "fa", ["refund-timing"], "docx")


def test_web_export_and_import(tmp_path):
    from test_editor import make_app, signed_in, token

    app = make_app(tmp_path)
    fa = signed_in(app, "fa_ed")
    r = fa.get("/editor/fa/export?slug=refunds&format=po")
    assert r.status_code == 200 and 'filename="refunds.fa.po"' in r.headers["Content-Disposition"]

    def fix(e):
        if e.msgctxt.endswith("/title"):
            e.msgstr = "عنوان تازه"

    data = translate_po(r.data, fix)
    from io import BytesIO

    r = fa.post(
        "/editor/fa/import",
        data={"csrf_token": token(fa, "/editor/fa/import"), "file": (BytesIO(data), "refunds.fa.po")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 200 and "pending draft" in r.get_data(as_text=True)
    # fa/refunds is published: the import waits beside it (it used to replace it with a draft, and
    # customers lost the page); the editor opens it, and publishing it logs the revision.
    hc = app.extensions["help_center"]
    live = ArticleStore(hc.settings.articles_dir).get("fa", "refunds")
    assert live.published and live.title != "عنوان تازه"
    assert "عنوان تازه" in drafts.get(hc.db, "fa", "refunds").text
    assert "عنوان تازه" in fa.get("/editor/fa/refunds").get_data(as_text=True)
    assert fa.get("/editor/fa/export?format=po").status_code == 404  # nothing outdated in fa
    th = signed_in(app, "th_ed")
    assert (
        th.post(
            "/editor/fa/import",
            data={"csrf_token": token(th, "/editor/th/import"), "file": (BytesIO(data), "x.po")},
            content_type="multipart/form-data",
        ).status_code
        == 403
    )


def _drop_units(data: bytes, fmt: str, keep) -> bytes:
    """The exported file with only the units whose id passes ``keep`` (what a translator's tool sends back)."""
    if fmt == "po":
        po = polib.pofile(data.decode("utf-8"))
        for e in [e for e in po if not keep(e.msgctxt)]:
            po.remove(e)
        return str(po).encode("utf-8")
    doc = xliff.xlifffile.parsestring(data)
    for u in [u for u in doc.getunits() if not keep(u.getid())]:
        u.xmlelement.getparent().remove(u.xmlelement)
    return bytes(doc)


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_partial_file_keeps_every_paragraph_that_was_not_in_it(store, fmt):
    en, fa = store.get("en", "refund-timing"), store.get("fa", "refund-timing")
    before = paragraphs(fa.body)
    data = exchange.export(store, "fa", ["refund-timing"], fmt)
    # Only the title and the second paragraph come back, the latter translated anew.
    partial = _drop_units(data, fmt, lambda uid: uid.endswith("/title") or "/p1-" in uid)
    new = "## زمان هر مرحله {#refund-timeline}"
    if fmt == "po":

        def fix(e):
            if "/p1-" in e.msgctxt:
                e.msgstr = "## زمان هر مرحله <1/>"

        partial = translate_po(partial, fix)
    else:
        doc = xliff.xlifffile.parsestring(partial)
        (unit,) = [u for u in doc.getunits() if "/p1-" in u.getid()]
        xliff_translate(unit, "")
        unit.xmlelement.find(f"{{{XLIFF_NS}}}target").text = "## زمان هر مرحله "
        partial = bytes(doc)
    assert len(exchange.read_units(partial, "fa")) == 2
    (result,) = exchange.import_file(store, "fa", partial)
    assert result.error == "", result.problems
    article = store.get("fa", "refund-timing")
    assert paragraphs(article.body) == [before[0], new, *before[2:], paragraphs(en.body)[-1]]
    assert article.title == fa.title and article.summary == fa.summary and article.tags == fa.tags
    # As after an untouched export: only the paragraph added to the source since stays to translate.
    n = len(paragraphs(en.body))
    assert result.untranslated == [n] and status_of(en, article) == ("draft", [n - 1])


def test_partial_file_of_a_new_translation_keeps_the_source_text_as_untranslated(store):
    data = exchange.export(store, "fa", ["complaints-and-escalation"], "po")

    def fix(e):
        e.msgstr = "ترجمه: " + e.msgid

    partial = _drop_units(translate_po(data, fix), "po", lambda uid: "/p" not in uid or "/p0-" in uid)
    (result,) = exchange.import_file(store, "fa", partial)
    assert result.error == "", result.problems
    source = paragraphs(store.get("en", "complaints-and-escalation").body)
    article = store.get("fa", "complaints-and-escalation")
    assert paragraphs(article.body) == ["ترجمه: " + source[0], *source[1:]]
    assert result.untranslated == list(range(2, len(source) + 1))
    assert status_of(store.get("en", "complaints-and-escalation"), article)[1] == list(range(1, len(source)))


def test_partial_file_after_a_source_edit_is_completed_from_the_recorded_source(store, database):
    from kb.content.authoring import save_article

    data = exchange.export(store, "fa", ["refund-timing"], "po")
    before = paragraphs(store.get("fa", "refund-timing").body)
    path = store.root / "en" / "refund-timing.md"
    save_article(store, "en", "refund-timing", path.read_text(encoding="utf-8") + "\nOne more line.\n", db=database)
    partial = _drop_units(data, "po", lambda uid: "/p" not in uid or "/p0-" in uid)
    (result,) = exchange.import_file(store, "fa", partial, db=database)
    assert result.error == "", result.problems
    assert paragraphs(store.get("fa", "refund-timing").body)[: len(before)] == before


def test_partial_file_after_a_source_edit_without_its_record_is_refused_not_emptied(store):
    data = exchange.export(store, "fa", ["refund-timing"], "po")
    fa = (store.root / "fa" / "refund-timing.md").read_bytes()
    path = store.root / "en" / "refund-timing.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    partial = _drop_units(data, "po", lambda uid: "/p1-" not in uid)
    (result,) = exchange.import_file(store, "fa", partial)
    assert "export again" in result.error
    assert (store.root / "fa" / "refund-timing.md").read_bytes() == fa


def test_a_unit_id_with_a_trailing_newline_is_not_ours(store):
    data = exchange.export(store, "fa", ["refund-timing"], "po")
    po = polib.pofile(data.decode("utf-8"))
    po[0].msgctxt += "\n"
    with pytest.raises(exchange.ExchangeError, match="does not come from an export"):
        exchange.read_units(str(po).encode("utf-8"), "fa")


@pytest.mark.parametrize(
    "data",
    [
        ('msgctxt "' + "a" * 100_000 + '"\nmsgid "x"\nmsgstr "y"\n').encode(),
        ('msgid ""\nmsgstr ""\n"Language: ' + "x" * 100_000 + '\\n"\n').encode(),
        b'<xliff version="1.2"><file target-language="' + b"x" * 100_000 + b'"><body></body></file></xliff>',
    ],
)
def test_a_refusal_never_echoes_the_upload(store, data):
    with pytest.raises(exchange.ExchangeError) as refused:
        exchange.read_units(data, "fa")
    assert len(str(refused.value)) < 300


# -- translators' tools: placeholders, XLIFF 1.2, converters -------------------------------------
XLIFF_SCHEMA = ROOT / "tests" / "data" / "xliff" / "xliff-core-1.2-strict.xsd"
SLUG = "before-you-contact-us"  # links, inline code, anchors and emphasis
# Thai without spaces, Persian with a zero-width non-joiner (U+200C), Latvian with diacritics.
PREFIX = {"th": "แปลแล้ว ", "fa": "ترجمه\u200cشده ", "lv": "Tulkots ģērbšanās "}


def xliff_schema():
    from lxml import etree

    class Local(etree.Resolver):
        def resolve(self, url, pubid, context):
            if url == "http://www.w3.org/2001/xml.xsd":
                return self.resolve_filename(str(XLIFF_SCHEMA.with_name("xml.xsd")), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(XLIFF_SCHEMA), parser))


def test_xliff_declares_1_2_and_is_valid_against_the_strict_schema(store):
    from lxml import etree

    schema = xliff_schema()
    for lang in ("fa", "th", "lv"):
        data = exchange.export(store, lang, [a.slug for a in store.articles("en")], "xliff")
        root = etree.fromstring(data)
        assert root.get("version") == "1.2" and root.nsmap == {None: "urn:oasis:names:tc:xliff:document:1.2"}
        assert schema.validate(root), schema.error_log.last_error


def test_xliff_protects_inline_markdown_with_bpt_ept_and_ph(store):
    from lxml import etree

    data = exchange.export(store, "th", [SLUG], "xliff")
    ns = {"x": XLIFF_NS}
    root = etree.fromstring(data)
    assert root.xpath("//x:source/x:bpt[@ctype='link']", namespaces=ns)
    assert {e.text for e in root.xpath("//x:source/x:ph[@ctype='x-anchor']", namespaces=ns)} >= {"{#never-ask}"}
    assert root.xpath("//x:source/x:ph[@ctype='x-code']", namespaces=ns)
    assert root.xpath("//x:source/x:bpt[@ctype='bold']", namespaces=ns)
    for source in root.xpath("//x:source", namespaces=ns):  # no raw link or anchor left as text
        assert "](" not in "".join(source.xpath("text()")) and "{#" not in "".join(source.xpath("text()"))


def _expected(lang: str) -> list[str]:
    return [
        PREFIX[lang] + p.replace("](/en/articles/", f"](/{lang}/articles/")
        for p in paragraphs(ArticleStore(ROOT / "articles").get("en", SLUG).body)
    ]


@pytest.mark.parametrize("lang", ["th", "fa", "lv"])
def test_po_through_po2xliff_and_xliff2po_comes_back_byte_identical(store, lang):
    from translate.convert import po2xliff, xliff2po
    from translate.storage import po as tpo

    (store.root / lang / f"{SLUG}.md").unlink(missing_ok=True)
    xlf = po2xliff.po2xliff().convertstore(tpo.pofile.parsestring(exchange.export(store, lang, [SLUG], "po")))
    doc = xliff.xlifffile.parsestring(xlf)
    for u in doc.getunits():
        if not u.isheader():
            u.settarget(PREFIX[lang] + str(u.source))  # the PO placeholders, as text, copied as a tool would
            u.marktranslated()
    back = bytes(xliff2po.xliff2po().convertstore(bytes(doc)))
    (result,) = exchange.import_file(store, lang, back)
    assert result.error == "" and result.refused == [], (result.problems, result.refused)
    article = store.get(lang, SLUG)
    assert paragraphs(article.body) == _expected(lang)
    assert article.title == PREFIX[lang] + store.get("en", SLUG).title


@pytest.mark.parametrize("lang", ["th", "fa", "lv"])
def test_xliff_through_xliff2po_and_po2xliff_comes_back_byte_identical(store, lang):
    from translate.convert import po2xliff, xliff2po
    from translate.storage import po as tpo

    (store.root / lang / f"{SLUG}.md").unlink(missing_ok=True)
    po = xliff2po.xliff2po().convertstore(exchange.export(store, lang, [SLUG], "xliff"))
    for u in po.units:
        if not u.isheader():
            u.target = PREFIX[lang] + u.source.replace("](/en/articles/", f"](/{lang}/articles/")
    xlf = po2xliff.po2xliff().convertstore(tpo.pofile.parsestring(bytes(po)))
    (result,) = exchange.import_file(store, lang, xlf)
    assert result.error == "" and result.refused == [], (result.problems, result.refused)
    assert paragraphs(store.get(lang, SLUG).body) == _expected(lang)


def test_a_unit_that_loses_or_doubles_a_placeholder_is_refused_and_the_rest_imports(store):
    data = exchange.export(store, "th", [SLUG], "po")

    def fix(e):
        if "/p1-" in e.msgctxt:  # "## Check these answers first <1/>"
            e.msgstr = PREFIX["th"] + e.msgid.replace("<1/>", "")
        elif "/p3-" in e.msgctxt:
            e.msgstr = PREFIX["th"] + e.msgid + " <1/>"
        elif "/p4-" in e.msgctxt:  # "- <1>Order number</1>: it looks like <2/>. …": the code moved first
            e.msgstr = "- <2/> " + PREFIX["th"] + e.msgid[2:].replace("<2/>", "")
        elif "/p" in e.msgctxt:
            e.msgstr = PREFIX["th"] + e.msgid

    before = paragraphs(store.get("th", SLUG).body)
    (result,) = exchange.import_file(store, "th", translate_po(data, fix))
    assert result.error == ""
    assert result.refused == [
        "paragraph 2: placeholder <1/> ({#check-first}) missing from the translation",
        "paragraph 4: placeholder <1/> appears more than once",
    ]
    after = paragraphs(store.get("th", SLUG).body)
    assert after[1] == before[1] and after[3] == before[3]  # refused: as if sent back untouched
    assert after[4].startswith("- `KM-2041-558913` " + PREFIX["th"] + "**Order number**")
    assert after[9] == _expected("th")[9]
    assert result.as_dict()["refused"] == result.refused


def test_an_xliff_unit_with_a_placeholder_removed_is_refused(store):
    data = exchange.export(store, "fa", [SLUG], "xliff")
    doc = xliff.xlifffile.parsestring(data)
    for u in doc.getunits():
        xliff_translate(u, PREFIX["fa"])
    (unit,) = [u for u in doc.getunits() if "/p1-" in u.getid()]
    target = unit.xmlelement.find(f"{{{XLIFF_NS}}}target")
    target.remove(target.find(f"{{{XLIFF_NS}}}ph"))
    (result,) = exchange.import_file(store, "fa", bytes(doc))
    assert result.error == "" and result.refused == [
        "paragraph 2: placeholder <1/> ({#check-first}) missing from the translation"
    ]
    assert paragraphs(store.get("fa", SLUG).body)[0].startswith(PREFIX["fa"])
