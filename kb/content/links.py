"""Links between articles and to headings, checked against the articles a reader would get.

Articles link to each other the way the site serves them, ``/<lang>/articles/<slug>``, with an
optional ``#anchor``, and to their own headings with ``#anchor``. A relative link is resolved as
a browser resolves it from the article's own URL, so ``refund-timing``, ``../../fa/articles/x``
and ``/en/articles/x#y`` are all checked. A link to a language without that article counts when
the reader's fallback chain (kb.locales) reaches a published version, as on the site; its
anchor is then looked up in that version. Anchors are the explicit ``{#id}`` of headings.

Which links exist is read from the rendered HTML (code spans and code blocks never make links);
where they are is read from the Markdown, so a warning can name its line.
"""

from __future__ import annotations

import html as html_mod
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urljoin, urlsplit

from kb import locales

if TYPE_CHECKING:
    from kb.content.articles import Article

_ARTICLE_PATH_RE = re.compile(r"/([^/]+)/articles/([^/]+)/?")
_HEADING_ID_RE = re.compile(r'<h[2-6] id="([^"]+)"')
_HREF_RE = re.compile(r'<a\s[^>]*?href="([^"]*)"')
_FENCE_RE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)\1")
_INLINE_DEST_RE = re.compile(r"\]\(\s*(?:<([^>\n]*)>|([^\s)]+))")
_REFERENCE_DEF_RE = re.compile(r"[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?:<([^>\n]*)>|(\S+))")

# (lang, slug) -> the heading anchors of the published page a reader of ``lang`` gets, or None.
Lookup = Callable[[str, str], frozenset[str] | None]


@dataclass(frozen=True)
class BrokenLink:
    """A link that leads nowhere on the site: ``line`` counts from the first line of the text checked."""

    line: int | None
    href: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def anchors(html: str) -> frozenset[str]:
    """The ``id`` of every heading in rendered (sanitised) HTML: what ``#anchor`` can point at."""
    return frozenset(_HEADING_ID_RE.findall(html))


def hrefs(html: str) -> list[str]:
    """Every link target in rendered HTML, in order, entities decoded."""
    return [html_mod.unescape(h) for h in _HREF_RE.findall(html)]


def link_lines(body: str, first_line: int = 1) -> dict[str, list[int]]:
    """Line numbers of each link destination written in the Markdown, outside fenced code and code spans."""
    out: dict[str, list[int]] = {}
    fence = ""
    for number, line in enumerate(body.split("\n"), start=first_line):
        m = _FENCE_RE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
            continue
        if m:
            fence = m.group(1)
            continue
        plain = _CODE_SPAN_RE.sub(" ", line)
        found = [d.group(1) or d.group(2) for d in _INLINE_DEST_RE.finditer(plain)]
        if (ref := _REFERENCE_DEF_RE.match(plain)) is not None:
            found.append(ref.group(1) or ref.group(2))
        for dest in found:
            out.setdefault(dest, []).append(number)
    return out


def check(body: str, html: str, lang: str, slug: str, lookup: Lookup, *, first_line: int = 1) -> list[BrokenLink]:
    """Links of one article (its Markdown ``body`` and that body rendered) that do not resolve."""
    own_path = f"/{lang}/articles/{quote(slug)}"
    own_anchors = anchors(html)
    lines = link_lines(body, first_line)
    out: list[BrokenLink] = []
    for href in hrefs(html):
        why = _why_broken(href, own_path, own_anchors, lookup)
        if why is None:
            continue
        at = lines.get(href) or lines.get(html_mod.escape(href, quote=False))
        out.append(BrokenLink(at.pop(0) if at else None, href, why))
    return out


def _why_broken(href: str, own_path: str, own_anchors: frozenset[str], lookup: Lookup) -> str | None:
    """Why ``href`` leads nowhere, or None: links off the site or to pages other than articles pass."""
    if not href.strip():
        return None
    parts = urlsplit(urljoin(own_path, href.strip()))
    if parts.scheme or parts.netloc:
        return None
    anchor = unquote(parts.fragment)
    path = unquote(parts.path)
    if path == unquote(own_path):
        if anchor and anchor not in own_anchors:
            return f"link {href!r}: this article has no heading {{#{anchor}}}"
        return None
    m = _ARTICLE_PATH_RE.fullmatch(path)
    if m is None:
        return None
    target_lang, target_slug = m.groups()
    found = lookup(target_lang, target_slug)
    if found is None:
        return f"link {href!r}: no published article {target_lang}/{target_slug}"
    if anchor and anchor not in found:
        return f"link {href!r}: {target_lang}/{target_slug} has no heading {{#{anchor}}}"
    return None


def lookup_in(
    versions: Callable[[str], Mapping[str, Article]], default_lang: str, languages: Collection[str]
) -> Lookup:
    """A :data:`Lookup` over ``versions(slug)`` (every language version of a slug), remembered per call."""
    seen: dict[tuple[str, str], frozenset[str] | None] = {}

    def lookup(lang: str, slug: str) -> frozenset[str] | None:
        if (lang, slug) not in seen:
            found = None
            if lang in languages:
                published = {code: a for code, a in versions(slug).items() if a.published}
                chain = locales.fallback_chain(lang, published, default_lang)
                found = anchors(published[chain[0]].rendered.html) if chain else None
            seen[lang, slug] = found
        return seen[lang, slug]

    return lookup


def body_start(text: str, body: str) -> int:
    """The line of ``text`` (a whole article file) where ``body``, its ending, starts."""
    return text.count("\n", 0, len(text) - len(body)) + 1 if text.endswith(body) else 1


def reader(base: Path) -> Callable[[Article], str]:
    """An article's file text (LF line ends), its path taken from ``base``; "" when it cannot be read."""

    def read(article: Article) -> str:
        try:
            return (base / article.path).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError):
            return ""

    return read


def check_articles(
    articles: Iterable[Article], default_lang: str, read: Callable[[Article], str]
) -> list[tuple[Article, BrokenLink]]:
    """Broken links of every article in a tree; ``read`` gives an article's file text (for line numbers)."""
    articles = list(articles)
    by_slug: dict[str, dict[str, Article]] = {}
    for a in articles:
        by_slug.setdefault(a.slug, {})[a.lang] = a
    lookup = lookup_in(lambda slug: by_slug.get(slug, {}), default_lang, {a.lang for a in articles})
    out = []
    for a in articles:
        html = a.rendered.html
        if "<a " not in html:
            continue
        start = body_start(read(a), a.body)
        out += [(a, broken) for broken in check(a.body, html, a.lang, a.slug, lookup, first_line=start)]
    return out


def for_reader(html: str, shown: str, reader: str) -> str:
    """An article shown in ``shown`` to a reader of ``reader`` (a fallback page): its links to other
    articles and categories of the site lead to the reader's language, where the site falls back again
    as needed, instead of taking the reader into another language's site."""
    if shown == reader:
        return html
    site_link = re.compile(r'(<a\s[^>]*?href=")/' + re.escape(shown) + r"/(articles|categories)/")
    return site_link.sub(lambda m: f"{m.group(1)}/{reader}/{m.group(2)}/", html)
