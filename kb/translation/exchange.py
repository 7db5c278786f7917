"""Files for translators: articles out as gettext PO or XLIFF 1.2, translations back in as drafts.

One unit per source paragraph (plus the title and summary), with the source text and the
translation's current text for it; paragraphs changed since the translation are marked fuzzy
(PO) or needs-review (XLIFF). Every unit's id says where it goes back:
``<slug>@<source revision>@<translation revision or ->/<part>`` where part is ``title``,
``summary`` or ``p<index>-<paragraph hash>``. An import rebuilds the article from the units in
order (a unit the file no longer holds counts as sent back untouched), records the exported hashes as ``source_paragraphs`` (so paragraphs still fuzzy stay
outdated), and saves it as a draft through :func:`kb.content.authoring.save_article`: same validation
as the editor, atomic, refused when the translation changed since the export.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import polib
from translate.storage import xliff

from kb.content import revisions
from kb.content.articles import Article, ArticleNotFound, ArticleStore, Problem, parse_article
from kb.content.authoring import ArticleConflict, ArticleInvalid, article_meta, dump_article, save_article
from kb.translation.status import align, status_of

FORMATS = ("po", "xliff")
_ID_RE = re.compile(
    r"(?P<slug>[^@/]+)@(?P<src>[0-9a-f]{8,64})@(?P<tr>[0-9a-f]{8,64}|-)/(?P<part>title|summary|p(?P<i>\d{1,5})-(?P<h>[0-9a-f]{8}))"
)
MAX_IMPORT_BYTES = 2 * 1024 * 1024


class ExchangeError(ValueError):
    """The file cannot be read or does not belong to this help center or language."""


def _shown(value: str, limit: int = 80) -> str:
    """``value`` quoted for an error message, cut: an upload is never echoed whole."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


@dataclass
class ExportUnit:
    id: str
    source: str
    target: str
    fuzzy: bool
    note: str


def units_for(store: ArticleStore, lang: str, slug: str) -> list[ExportUnit]:
    """The units of one article in one language (the source must exist)."""
    source = store.get(store.default_lang, slug)
    try:
        tr: Article | None = store.get(lang, slug)
    except ArticleNotFound:
        tr = None
    prefix = f"{slug}@{source.revision}@{tr.revision if tr else '-'}"
    out = [
        ExportUnit(f"{prefix}/title", source.title, tr.title if tr else "", False, "title"),
        ExportUnit(f"{prefix}/summary", source.summary, tr.summary if tr else "", False, "summary"),
    ]
    for u in align(source, tr):
        note = f"paragraph {u.index + 1}" + (
            " (changed in the source since this translation)" if u.changed and tr else ""
        )
        out.append(
            ExportUnit(f"{prefix}/p{u.index}-{u.hash}", u.source, u.previous, bool(u.changed and u.previous), note)
        )
    return [u for u in out if u.source]


def export(store: ArticleStore, lang: str, slugs: list[str], fmt: str) -> bytes:
    """A PO or XLIFF file with every unit of the given articles."""
    if fmt not in FORMATS:
        raise ExchangeError(f"format must be one of {', '.join(FORMATS)}")
    if lang == store.default_lang:
        raise ExchangeError("the source language is not exported for translation")
    if fmt == "po":
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
                po.append(
                    polib.POEntry(
                        msgctxt=u.id,
                        msgid=u.source,
                        msgstr=u.target,
                        comment=u.note,
                        flags=["fuzzy"] if u.fuzzy else [],
                    )
                )
        return str(po).encode("utf-8")
    store_: xliff.Xliff1File[xliff.Xliff1Unit] = xliff.xlifffile(sourcelanguage=store.default_lang, targetlanguage=lang)
    for slug in slugs:
        for u in units_for(store, lang, slug):
            unit = store_.addsourceunit(u.source, filename=f"{slug}.md", createifmissing=True)
            unit.setid(u.id)
            unit.addnote(u.note, origin="developer")
            if u.target:
                unit.settarget(u.target)
                if u.fuzzy:
                    unit.markfuzzy(True)
                else:
                    unit.marktranslated()
    store_.removedefaultfile()
    return bytes(store_)


@dataclass
class ImportedUnit:
    slug: str
    source_revision: str
    translation_revision: str
    part: str
    index: int
    hash: str
    source: str
    target: str
    fuzzy: bool


def read_units(data: bytes, lang: str) -> list[ImportedUnit]:
    """The units of a PO or XLIFF file (detected from its content) for ``lang``.

    :raise ExchangeError: unreadable, another language, or units that are not ours.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ExchangeError(f"the file is {len(data)} bytes; the limit is {MAX_IMPORT_BYTES}")
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
    raw: list[tuple[str, str, str, bool]] = []
    if head.startswith(b"<"):
        try:
            doc = xliff.xlifffile.parsestring(data)
        except Exception as exc:  # lxml and the toolkit raise many kinds; all mean "not a usable XLIFF"
            raise ExchangeError(f"not a readable XLIFF file: {str(exc)[:200]}") from exc
        target_lang = doc.gettargetlanguage()
        if target_lang and target_lang.replace("_", "-") != lang:
            raise ExchangeError(f"the file is for language {_shown(target_lang)}, not {lang!r}")
        for u in doc.getunits():
            raw.append((u.getid() or "", str(u.source or ""), str(u.target or ""), u.isfuzzy() or not u.istranslated()))
    else:
        try:
            # polib opens its argument as a path when one exists by that name: a leading newline
            # keeps an upload that reads "/etc/passwd" from being read from disk.
            po = polib.pofile("\n" + data.decode("utf-8-sig"))
        except (UnicodeDecodeError, OSError, ValueError) as exc:
            raise ExchangeError(f"not a readable PO file: {str(exc)[:200]}") from exc
        file_lang = po.metadata.get("Language", "")
        if file_lang and file_lang.replace("_", "-") != lang:
            raise ExchangeError(f"the file is for language {_shown(file_lang)}, not {lang!r}")
        for e in po:
            if not e.obsolete:
                raw.append((e.msgctxt or "", e.msgid, e.msgstr, "fuzzy" in e.flags))
    out = []
    for uid, source, target, fuzzy in raw:
        m = _ID_RE.fullmatch(uid.split("\x04")[-1])
        if m is None:
            raise ExchangeError(f"unit {_shown(uid)} does not come from an export of this help center")
        part = m.group("part")
        out.append(
            ImportedUnit(
                m.group("slug"),
                m.group("src"),
                m.group("tr"),
                part.split("-")[0] if m.group("i") is None else "paragraph",
                int(m.group("i") or -1),
                m.group("h") or "",
                source,
                target.strip(),
                fuzzy,
            )
        )
    if not out:
        raise ExchangeError("the file has no units")
    return out


@dataclass
class ImportResult:
    slug: str
    article: Article | None = None
    problems: list[Problem] = field(default_factory=list)
    error: str = ""
    conflict: ArticleConflict | None = None
    untranslated: list[int] = field(default_factory=list)  # paragraph numbers left fuzzy or empty

    def as_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "error": self.error,
            "revision": self.article.revision if self.article else None,
            "untranslated": self.untranslated,
            "problems": [str(p) for p in self.problems],
        }


def _exported_source(store: ArticleStore, source: Article, revision: str, db=None) -> Article | None:
    """The source article as it was when the file was exported: today's file, else its recorded revision."""
    if source.revision == revision:
        return source
    if db is None:
        return None
    text = revisions.text_of(db, source.lang, source.slug, revision)
    if text is None:
        return None
    old, _ = parse_article(source.lang, source.slug, str(source.path), text.encode("utf-8"))
    return old


def _complete(
    store: ArticleStore, source: Article, current: Article | None, units: list[ImportedUnit], db=None
) -> list[ImportedUnit]:
    """``units`` plus, for every paragraph of the export that the file no longer holds, the unit as it
    was exported: a translator's tool that sends back only what was worked on must not erase the rest.

    :raise ExchangeError: when paragraphs are missing and the source as exported is not known.
    """
    present = {u.index for u in units if u.part == "paragraph"}
    first = units[0]
    exported = _exported_source(store, source, first.source_revision, db)
    if exported is None:
        # Without the exported source, only a gap inside the numbering shows that paragraphs are missing.
        if present and present != set(range(max(present) + 1)):
            raise ExchangeError(
                "the file does not hold every paragraph and the source changed since it was exported: export again"
            )
        return units
    missing = [
        ImportedUnit(
            first.slug,
            first.source_revision,
            first.translation_revision,
            "paragraph",
            a.index,
            a.hash,
            a.source,
            a.previous,
            bool(a.changed and a.previous),
        )
        for a in align(exported, current)
        if a.index not in present
    ]
    return units + missing


def build_translation(
    store: ArticleStore, lang: str, units: list[ImportedUnit], db=None
) -> tuple[str, str | None, list[int]]:
    """(file text as a draft, the translation revision it was exported from, untranslated paragraph numbers)."""
    slug = units[0].slug
    source = store.get(store.default_lang, slug)
    try:
        current: Article | None = store.get(lang, slug)
    except ArticleNotFound:
        current = None
    units = _complete(store, source, current, units, db)
    meta = article_meta(current) if current else {"category": source.category, "tags": [], "questions": []}
    by_part = {u.part: u for u in units if u.part in ("title", "summary")}
    for key in ("title", "summary"):
        u = by_part.get(key)
        if u and u.target:
            meta[key] = u.target
    # The older source paragraph that each unit's current text follows: recorded again while still fuzzy.
    previous_hash = {u.hash: u.previous_hash for u in align(source, current)} if current else {}
    blocks, hashes, untranslated = [], [], []
    for u in sorted((u for u in units if u.part == "paragraph"), key=lambda u: u.index):
        text = u.target
        if not text or u.fuzzy:
            untranslated.append(u.index + 1)
            old = previous_hash.get(u.hash)
            if not text or not old:
                # Nothing the reader could be shown for this paragraph: keep the source text, and no hash
                # that claims it was translated (it stays outdated).
                text = text or u.source
                old = "00000000"
            hashes.append(old)
        else:
            hashes.append(u.hash)
        blocks.append(text)
    meta.update(status="draft", source_revision=units[0].source_revision, source_paragraphs=hashes)
    exported_from = units[0].translation_revision
    return dump_article(meta, "\n\n".join(blocks)), (None if exported_from == "-" else exported_from), untranslated


def import_file(store: ArticleStore, lang: str, data: bytes, *, db=None, username: str = "") -> list[ImportResult]:
    """Save every article in the file as a draft translation; one result per article.

    :raise ExchangeError: when the file as a whole is unusable (nothing is written then).
    """
    units = read_units(data, lang)
    by_slug: dict[str, list[ImportedUnit]] = {}
    for u in units:
        by_slug.setdefault(u.slug, []).append(u)
    results = []
    for slug, group in by_slug.items():
        res = ImportResult(slug)
        results.append(res)
        try:
            text, expected, res.untranslated = build_translation(store, lang, group, db)
            res.article, res.problems = save_article(
                store,
                lang,
                slug,
                text,
                expected_revision=expected,
                create=expected is None,
                db=db,
                username=username,
                action="import",
            )
        except ArticleNotFound:
            res.error = f"no source article {store.default_lang}/{slug}"
        except ArticleInvalid as exc:
            res.problems, res.error = exc.problems, "the imported translation does not validate"
        except ArticleConflict as exc:
            res.conflict, res.error = exc, "the translation changed since this file was exported"
        except ExchangeError as exc:
            res.error = str(exc)
    return results


def outdated_slugs(store: ArticleStore, lang: str) -> list[str]:
    """Source articles whose translation in ``lang`` is missing, outdated or a stale draft."""
    out = []
    for source in store.articles(store.default_lang):
        try:
            tr = store.get(lang, source.slug)
        except ArticleNotFound:
            tr = None
        status, changed = status_of(source, tr)
        if status in ("outdated", "missing") or (status == "draft" and changed):
            out.append(source.slug)
    return out


def filename(lang: str, slugs: list[str], fmt: str) -> str:
    stem = slugs[0] if len(slugs) == 1 else "outdated"
    return f"{stem}.{lang}.{'po' if fmt == 'po' else 'xlf'}"
