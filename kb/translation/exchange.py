"""Files for translators: articles out as gettext PO or XLIFF 1.2, translations back in as drafts.

The unit model both formats share (ids, :class:`~kb.translation.units.ExchangeError`) is in
:mod:`kb.translation.units`; each format's writing and reading is in :mod:`kb.translation.po` and
:mod:`kb.translation.xliff`; the export and the import (drafts rebuilt from the units) are here.

One unit per source paragraph (plus the title and summary), with the source text and the
translation's current text for it; paragraphs changed since the translation are marked fuzzy
(PO) or needs-review (XLIFF). Every unit's id says where it goes back:
``<slug>@<source revision>@<translation revision or ->/<part>`` where part is ``title``,
``summary`` or ``p<index>-<paragraph hash>``; it is also the unit's location (``#:`` in PO, a
``po-reference`` context group in XLIFF), which translate-toolkit's po2xliff and xliff2po carry over
where they drop msgctxt and trans-unit ids. Inline Markdown travels as placeholders
(:mod:`kb.translation.placeholders`), restored from the source on import. An import rebuilds the article from the units in
order (a unit the file no longer holds counts as sent back untouched), records the exported hashes as ``source_paragraphs`` (so paragraphs still fuzzy stay
outdated), and saves it as a draft through :func:`kb.content.authoring.save_article`: same validation
as the editor, atomic, refused when the translation changed since the export.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from kb.content import revisions
from kb.content.articles import Article, ArticleNotFound, ArticleStore, parse_article
from kb.content.authoring import ArticleConflict, ArticleInvalid, article_meta, dump_article, keep_draft, save_article
from kb.content.checks import Problem
from kb.translation import placeholders as ph
from kb.translation import po, xliff
from kb.translation.status import align, status_of
from kb.translation.units import UNIT_ID_RE, ExchangeError, shown

FORMATS = ("po", "xliff")
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def export(store: ArticleStore, lang: str, slugs: list[str], fmt: str) -> bytes:
    """A PO or XLIFF file with every unit of the given articles."""
    if fmt not in FORMATS:
        raise ExchangeError(f"format must be one of {', '.join(FORMATS)}")
    if lang == store.default_lang:
        raise ExchangeError("the source language is not exported for translation")
    return (po.write if fmt == "po" else xliff.write)(store, lang, slugs)


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
    pieces: list[ph.Piece] = field(default_factory=list)  # the target as text and placeholders
    source_tags: bool = False  # whether the file's source holds placeholders (a converter may flatten them)
    problem: str = ""  # why the target cannot be read


def read_units(data: bytes, lang: str) -> list[ImportedUnit]:
    """The units of a PO or XLIFF file (detected from its content) for ``lang``.

    :raise ExchangeError: unreadable, another language, or units that are not ours.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ExchangeError(f"the file is {len(data)} bytes; the limit is {MAX_IMPORT_BYTES}")
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
    raw = (xliff.read if head.startswith(b"<") else po.read)(data, lang)
    out = []
    for uid, source, target, fuzzy, pieces, source_tags, problem in raw:
        m = UNIT_ID_RE.fullmatch(uid.split("\x04")[-1])
        if m is None:
            raise ExchangeError(f"unit {shown(uid)} does not come from an export of this help center")
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
                pieces,
                source_tags,
                problem,
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
    refused: list[str] = field(default_factory=list)  # units not taken, each with the reason
    pending: bool = False  # kept as a draft beside the published translation, which customers keep reading

    def as_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "error": self.error,
            "revision": self.article.revision if self.article else None,
            "untranslated": self.untranslated,
            "refused": self.refused,
            "pending_draft": self.pending,
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
    exported: Article | None, current: Article | None, units: list[ImportedUnit], first: ImportedUnit
) -> list[ImportedUnit]:
    """``units`` plus, for every paragraph of the export that the file no longer holds, the unit as it
    was exported: a translator's tool that sends back only what was worked on must not erase the rest.

    :raise ExchangeError: when paragraphs are missing and the source as exported is not known.
    """
    present = {u.index for u in units if u.part == "paragraph"}
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


def _restored(units: list[ImportedUnit], sources: list[Article], lang: str) -> tuple[list[ImportedUnit], list[str]]:
    """The units with their Markdown restored from the source paragraphs' placeholders, and the
    reasons for those refused (a refused unit counts as sent back untouched)."""
    originals = {a.hash: a.source for article in sources for a in align(article, None)}
    kept, refused = [], []
    for u in units:
        where = f"paragraph {u.index + 1}" if u.part == "paragraph" else u.part
        original = originals.get(u.hash) if u.part == "paragraph" else None
        codes = ph.localise(ph.protect(original)[1], sources[0].lang, lang) if original is not None else {}
        try:
            if u.problem:
                raise ph.PlaceholderError(u.problem)
            if not u.target:
                text = ""
            elif codes and not u.source_tags:  # a converter turned the placeholders back into Markdown
                ph.check_raw(u.target, codes)
                text = u.target
            elif original is None and u.part == "paragraph" and ph.has_tags(u.pieces):
                raise ph.PlaceholderError("its source changed since the export, so its placeholders are unknown")
            else:
                text = ph.restore(u.pieces, codes).strip()
        except ph.PlaceholderError as exc:
            refused.append(f"{where}: {exc}")
            continue
        kept.append(dataclasses.replace(u, source=u.source if original is None else original, target=text))
    return kept, refused


def build_translation(
    store: ArticleStore, lang: str, units: list[ImportedUnit], db=None
) -> tuple[str, str | None, list[int], list[str]]:
    """(file text as a draft, the translation revision it was exported from, untranslated paragraph
    numbers, units refused with the reason)."""
    first = units[0]
    source = store.get(store.default_lang, first.slug)
    try:
        current: Article | None = store.get(lang, first.slug)
    except ArticleNotFound:
        current = None
    exported = _exported_source(store, source, first.source_revision, db)
    units, refused = _restored(units, [source] + ([exported] if exported else []), lang)
    units = _complete(exported, current, units, first)
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
    text = dump_article(meta, "\n\n".join(blocks))
    return text, (None if exported_from == "-" else exported_from), untranslated, refused


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
            text, expected, res.untranslated, res.refused = build_translation(store, lang, group, db)
            if (
                db is not None
                and expected is not None
                and keep_draft(store, db, lang, slug, text, expected=expected, username=username)
            ):
                res.article, res.pending = store.get(lang, slug), True
                continue
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
