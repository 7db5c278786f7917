"""The article store: ``articles/<lang>/<slug>.md`` with YAML front matter, read into :class:`Article`.

The language comes from the folder and the slug from the file name; translations share the
slug. A file's bytes and front matter are checked by :mod:`kb.content.checks` (one parser per
key) before they become an article. Paths are built only from validated language codes and slugs,
and symlinks inside the tree are refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import regex

from kb import locales
from kb.content import links
from kb.content.checks import MAX_FILE_BYTES, Problem, check_file
from kb.content.rendering import Rendered, RenderError, render
from search import make_doc_id

# Letters with their combining marks (Thai vowels are marks: re's \w would reject them), digits, _ and -.
SLUG_RE = regex.compile(r"[\p{L}\p{M}\p{N}_-]{1,120}")  # fullmatch: "$" would let "abc\n" through
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


class ArticleNotFound(LookupError):
    """No such article (or the language/slug is not even valid)."""


def revision_of(data: bytes) -> str:
    """An article file's revision id: the first 12 hex digits of the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()[:12]


def valid_slug(slug: str) -> bool:
    """Unicode word characters and hyphens; no dots, slashes, leading hyphen or device names."""
    return (
        isinstance(slug, str)
        and slug == unicodedata.normalize("NFC", slug)
        and bool(SLUG_RE.fullmatch(slug))
        and not slug.startswith("-")
        and slug.lower() not in _WINDOWS_DEVICES
    )


@dataclass(frozen=True)
class Article:
    lang: str
    slug: str
    path: str
    title: str
    body: str  # Markdown source without front matter
    summary: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    status: str = "published"
    updated: dt.date | None = None
    source_revision: str = ""
    source_paragraphs: tuple[str, ...] = ()  # translations only: hashes of the source's paragraphs they follow
    revision: str = ""  # sha256 prefix of the file's bytes
    _rendered: list = field(default_factory=list, repr=False, compare=False)

    @property
    def key(self) -> str:
        """``lang/slug``: the id of the article's whole-article search document too."""
        return make_doc_id(self.lang, self.slug)

    @property
    def rendered(self) -> Rendered:
        if not self._rendered:
            self._rendered.append(render(self.body))
        return self._rendered[0]

    @property
    def published(self) -> bool:
        return self.status == "published"


def parse_article(lang: str, slug: str, path: str, data: bytes) -> tuple[Article | None, list[Problem]]:
    """Validate one file's bytes; every problem is reported, not just the first."""
    values, body, problems = check_file(path, data)
    if values is None:
        return None, problems
    article = Article(lang=lang, slug=slug, path=path, body=body, revision=revision_of(data), **values)
    try:
        for msg in article.rendered.problems:
            problems.append(Problem(path, None, msg, "warning"))
    except RenderError as exc:
        problems.append(Problem(path, None, str(exc)))
        return None, problems
    return article, problems


class ArticleStore:
    """All articles under one root, reloaded lazily when files change."""

    def __init__(self, root: str | os.PathLike, default_lang: str = "en"):
        self.root = Path(root).resolve()
        self.default_lang = default_lang
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[int, int, Article | None, list[Problem]]] = {}

    def path_for(self, lang: str, slug: str) -> Path:
        """The file of (lang, slug), only for valid codes; raises ArticleNotFound otherwise."""
        if not locales.valid_code(lang) or not valid_slug(slug):
            raise ArticleNotFound(f"{lang!r}/{slug!r}")
        path = self.root / lang / f"{slug}.md"
        if not path.resolve().is_relative_to(self.root):  # defence in depth
            raise ArticleNotFound(f"{lang}/{slug}")
        return path

    def languages(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(
            d.name for d in self.root.iterdir() if d.is_dir() and not d.is_symlink() and locales.valid_code(d.name)
        )

    def _files(self) -> Iterable[tuple[str, str, Path]]:
        for lang in self.languages():
            for p in sorted((self.root / lang).glob("*.md")):
                yield lang, p.stem, p

    def _load(self, lang: str, slug: str, path: Path) -> tuple[Article | None, list[Problem]]:
        rel = str(path.relative_to(self.root.parent)) if path.is_relative_to(self.root.parent) else str(path)
        if path.is_symlink():
            return None, [Problem(rel, None, "symbolic links are not allowed in the article tree")]
        if not valid_slug(slug):
            return None, [Problem(rel, None, "file name is not a valid slug (letters, digits, '-', '_')")]
        try:
            st = path.stat()
        except FileNotFoundError:
            return None, []
        key = str(path)
        cached = self._cache.get(key)
        if cached and cached[0] == st.st_mtime_ns and cached[1] == st.st_size:
            return cached[2], cached[3]
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
        article, problems = parse_article(lang, slug, rel, data)
        with self._lock:
            self._cache[key] = (st.st_mtime_ns, st.st_size, article, problems)
        return article, problems

    def slug_collision(self, lang: str, slug: str) -> str | None:
        """An existing slug of ``lang`` that differs from ``slug`` only in case, or None.

        Two such files are one file on a case-insensitive disk (macOS, Windows): saving the second
        would overwrite the first there, so a new slug like that is refused.
        """
        folder = self.root / lang
        if not locales.valid_code(lang) or not folder.is_dir():
            return None
        key = slug.casefold()
        for p in folder.glob("*.md"):
            if p.stem != slug and p.stem.casefold() == key:
                return p.stem
        return None

    def check(self) -> tuple[list[Article], list[Problem]]:
        """Every article that loads, and every problem in the tree (errors and warnings)."""
        articles: list[Article] = []
        problems: list[Problem] = []
        seen: dict[tuple[str, str], str] = {}
        for lang, slug, path in self._files():
            first = seen.setdefault((lang, slug.casefold()), slug)
            if first != slug:
                problems.append(
                    Problem(
                        f"{self.root.name}/{lang}/{slug}.md",
                        None,
                        f"slug differs from {first!r} only in case: one file on a case-insensitive disk",
                    )
                )
            article, found = self._load(lang, slug, path)
            problems += found
            if article is not None:
                articles.append(article)
        problems += self._cross_checks(articles)
        read = links.reader(self.root.parent)
        for a, broken in links.check_articles(articles, self.default_lang, read):
            problems.append(Problem(a.path, None, broken.message, "warning", broken.line))
        return articles, problems

    def _cross_checks(self, articles: list[Article]) -> list[Problem]:
        by_key = {a.key: a for a in articles}
        out = []
        for a in articles:
            rel = a.path
            source = by_key.get(make_doc_id(self.default_lang, a.slug))
            if a.lang != self.default_lang:
                if source is None:
                    out.append(
                        Problem(rel, None, f"translation without a {self.default_lang} source article", "warning")
                    )
                elif not a.source_revision:
                    out.append(
                        Problem(
                            rel,
                            "source_revision",
                            "translation does not record the source revision it was translated from",
                            "warning",
                        )
                    )
                src_anchors = {h.anchor for h in source.rendered.headings} if source else set()
                missing = src_anchors - {h.anchor for h in a.rendered.headings}
                if missing:
                    out.append(
                        Problem(
                            rel,
                            None,
                            f"anchors missing compared with the source: {', '.join(sorted(missing))}",
                            "warning",
                        )
                    )
        return out

    def articles(self, lang: str | None = None) -> list[Article]:
        out = []
        for file_lang, slug, path in self._files():
            if lang is None or file_lang == lang:
                article, _ = self._load(file_lang, slug, path)
                if article is not None:
                    out.append(article)
        return out

    def get(self, lang: str, slug: str) -> Article:
        """:raise ArticleNotFound: for invalid codes, missing or invalid files."""
        path = self.path_for(lang, slug)
        article, _ = self._load(lang, slug, path)
        if article is None:
            raise ArticleNotFound(f"{lang}/{slug}")
        return article

    def translations(self, slug: str) -> dict[str, Article]:
        """Every language version of one slug."""
        out = {}
        for lang in self.languages():
            with contextlib.suppress(ArticleNotFound):
                out[lang] = self.get(lang, slug)
        return out
