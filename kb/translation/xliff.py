"""Translator files as XLIFF 1.2 (translate-toolkit): articles out with changed paragraphs marked
needs-review, units read back, including XLIFF made from our PO by po2xliff.

Each unit's id is its trans-unit id and a ``po-reference`` context group (po2xliff keeps only the
latter); placeholders are XLIFF inline elements, or the PO syntax as text in a converted file.
"""

from __future__ import annotations

from lxml import etree
from translate.storage.xliff import xlifffile, xliffunit

from kb.content.articles import ArticleStore
from kb.translation import placeholders as ph
from kb.translation.units import UNIT_ID_RE, ExchangeError, RawUnit, shown, unit_note, units_for

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"


class _Xliff12(xlifffile):
    """translate-toolkit's XLIFF store, declaring the version (1.2) whose inline elements it holds."""

    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version="1.2" xmlns="{XLIFF_NS}">
<file original="NoName" source-language="en" datatype="plaintext">
<body>
</body>
</file>
</xliff>"""


def write(store: ArticleStore, lang: str, slugs: list[str]) -> bytes:
    """An XLIFF 1.2 file with every unit of the given articles, one ``<file>`` per article."""
    doc = _Xliff12(sourcelanguage=store.default_lang, targetlanguage=lang)
    for slug in slugs:
        for u in units_for(store, lang, slug):
            source, target, codes = u.pieces(store.default_lang, lang)
            unit = doc.addsourceunit(u.source, filename=f"{slug}.md", createifmissing=True)
            unit.setid(u.id)
            unit.createcontextgroup(u.id, [("sourcefile", u.id)], purpose="location")  # names are unique per file
            unit.addnote(unit_note(u.note, codes), origin="developer")
            ph.to_xliff(unit.xmlelement.find(f"{{{XLIFF_NS}}}source"), source, codes)
            if u.target:
                unit.settarget(u.target)
                ph.to_xliff(unit.xmlelement.find(f"{{{XLIFF_NS}}}target"), target, codes)
                if u.fuzzy:
                    unit.markfuzzy(True)
                else:
                    unit.marktranslated()
    doc.removedefaultfile()
    etree.cleanup_namespaces(doc.document)  # the toolkit's units leave a stray 1.1 declaration on each
    return bytes(doc)


def _unit(u: xliffunit) -> RawUnit:
    """One XLIFF unit read: id, source, target, fuzzy, target pieces, source placeholders, problem."""
    uid = u.getid() or ""
    if not UNIT_ID_RE.fullmatch(uid):
        uid = next((loc for loc in u.getlocations() if UNIT_ID_RE.fullmatch(loc)), uid)
    source, target = str(u.source or ""), str(u.target or "")
    fuzzy = u.isfuzzy() or not u.istranslated()
    nodes = u.getlanguageNodes()
    try:
        if nodes and ph.has_tags(ph.from_xliff(nodes[0])):
            pieces = ph.from_xliff(nodes[1]) if len(nodes) > 1 else []
            return uid, source, target, fuzzy, pieces, True, ""
    except ph.PlaceholderError as exc:
        return uid, source, target, fuzzy, [], True, str(exc)
    # An XLIFF made by po2xliff from our PO holds the PO placeholder syntax as text.
    po_syntax = ph.has_tags(ph.from_po(source))
    return uid, source, target, fuzzy, ph.from_po(target) if po_syntax else [target], po_syntax, ""


def read(data: bytes, lang: str) -> list[RawUnit]:
    """The units of an XLIFF file for ``lang``. :raise ExchangeError: unreadable or another language."""
    try:
        doc = xlifffile.parsestring(data)
    except Exception as exc:  # lxml and the toolkit raise many kinds; all mean "not a usable XLIFF"
        raise ExchangeError(f"not a readable XLIFF file: {str(exc)[:200]}") from exc
    target_lang = doc.gettargetlanguage()
    if target_lang and target_lang.replace("_", "-") != lang:
        raise ExchangeError(f"the file is for language {shown(target_lang)}, not {lang!r}")
    return [_unit(u) for u in doc.getunits() if not u.isheader()]
