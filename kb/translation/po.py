"""Translator files as gettext PO (polib): articles out with changed paragraphs marked fuzzy, units read back.

Each unit's id is its ``msgctxt`` and its ``#:`` location (translate-toolkit's xliff2po keeps only
the location); placeholders are written in the PO syntax of :mod:`kb.translation.placeholders`.
"""

from __future__ import annotations

import datetime as dt

import polib

from kb.content.articles import ArticleStore
from kb.translation import placeholders as ph
from kb.translation.units import UNIT_ID_RE, ExchangeError, RawUnit, shown, unit_note, units_for


def write(store: ArticleStore, lang: str, slugs: list[str]) -> bytes:
    """A PO file with every unit of the given articles."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "Kestrel Help Center articles",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "POT-Creation-Date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M+0000"),
    }
    for slug in slugs:
        for u in units_for(store, lang, slug):
            source, target, codes = u.pieces(store.default_lang, lang)
            po.append(
                polib.POEntry(
                    msgctxt=u.id,
                    msgid=ph.to_po(source),
                    msgstr=ph.to_po(target),
                    comment=unit_note(u.note, codes),
                    occurrences=[(u.id, "")],
                    flags=["fuzzy"] if u.fuzzy else [],
                )
            )
    return str(po).encode("utf-8")


def read(data: bytes, lang: str) -> list[RawUnit]:
    """The units of a PO file for ``lang``. :raise ExchangeError: unreadable or another language."""
    try:
        # polib opens its argument as a path when one exists by that name: a leading newline
        # keeps an upload that reads "/etc/passwd" from being read from disk.
        po = polib.pofile("\n" + data.decode("utf-8-sig"))
    except (UnicodeDecodeError, OSError, ValueError) as exc:
        raise ExchangeError(f"not a readable PO file: {str(exc)[:200]}") from exc
    file_lang = po.metadata.get("Language", "")
    if file_lang and file_lang.replace("_", "-") != lang:
        raise ExchangeError(f"the file is for language {shown(file_lang)}, not {lang!r}")
    raw: list[RawUnit] = []
    for e in po:
        if e.obsolete:
            continue
        uid = e.msgctxt if e.msgctxt is not None else next((f for f, _ in e.occurrences if UNIT_ID_RE.fullmatch(f)), "")
        pieces = ph.from_po(e.msgstr)
        raw.append((uid, e.msgid, e.msgstr, "fuzzy" in e.flags, pieces, ph.has_tags(ph.from_po(e.msgid)), ""))
    return raw
