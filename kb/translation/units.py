"""The translation unit shared by translator files: one per source paragraph (plus the title and summary).

A unit's id says where it goes back: ``<slug>@<source revision>@<translation revision or ->/<part>``
where part is ``title``, ``summary`` or ``p<index>-<paragraph hash>`` (:data:`UNIT_ID_RE`).
:mod:`kb.translation.po` and :mod:`kb.translation.xliff` write and read units;
:mod:`kb.translation.exchange` exports and imports them. This module imports none of those three, so
the imports go one way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.content.articles import Article, ArticleNotFound, ArticleStore
from kb.translation import placeholders as ph
from kb.translation.status import align

UNIT_ID_RE = re.compile(
    r"(?P<slug>[^@/]+)@(?P<src>[0-9a-f]{8,64})@(?P<tr>[0-9a-f]{8,64}|-)/(?P<part>title|summary|p(?P<i>\d{1,5})-(?P<h>[0-9a-f]{8}))"
)
# A unit as a format reads it: id, source, target, fuzzy, target pieces, source placeholders, problem.
RawUnit = tuple[str, str, str, bool, list[ph.Piece], bool, str]


class ExchangeError(ValueError):
    """The file cannot be read or does not belong to this help center or language."""


def shown(value: str, limit: int = 80) -> str:
    """``value`` quoted for an error message, cut: an upload is never echoed whole."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


@dataclass
class ExportUnit:
    id: str
    source: str
    target: str
    fuzzy: bool
    note: str
    markdown: bool = True  # paragraphs are Markdown; the title and summary are plain text

    def pieces(self, source_lang: str, lang: str) -> tuple[list[ph.Piece], list[ph.Piece], ph.Codes]:
        """Source and target as text and placeholders, with the codes they stand for."""
        if not self.markdown:
            return [self.source], [self.target] if self.target else [], {}
        source, codes = ph.protect(self.source)
        return source, ph.protect_like(self.target, ph.localise(codes, source_lang, lang)), codes


def units_for(store: ArticleStore, lang: str, slug: str) -> list[ExportUnit]:
    """The units of one article in one language (the source must exist)."""
    source = store.get(store.default_lang, slug)
    try:
        tr: Article | None = store.get(lang, slug)
    except ArticleNotFound:
        tr = None
    prefix = f"{slug}@{source.revision}@{tr.revision if tr else '-'}"
    out = [
        ExportUnit(f"{prefix}/title", source.title, tr.title if tr else "", False, "title", markdown=False),
        ExportUnit(f"{prefix}/summary", source.summary, tr.summary if tr else "", False, "summary", markdown=False),
    ]
    for u in align(source, tr):
        note = f"paragraph {u.index + 1}" + (
            " (changed in the source since this translation)" if u.changed and tr else ""
        )
        out.append(
            ExportUnit(f"{prefix}/p{u.index}-{u.hash}", u.source, u.previous, bool(u.changed and u.previous), note)
        )
    return [u for u in out if u.source]


def unit_note(note: str, codes: ph.Codes) -> str:
    """The unit's note, with what each placeholder stands for (tools show it beside the text)."""
    if not codes:
        return note
    return (
        note
        + "; placeholders: "
        + ", ".join(f"{n} = {c.open}…{c.close}" if c.paired else f"{n} = {c.open}" for n, c in codes.items())
    )
