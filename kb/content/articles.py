"""The article store: ``articles/<lang>/<slug>.md`` with YAML front matter, validated by one table.

The language comes from the folder and the slug from the file name; translations share the
slug. Front matter keys are checked by per-key parsers (YAML turns ``no`` into False and
``0123`` into 83, so types are checked, not trusted). Unknown keys warn; bad values fail with
file, key and reason. Paths are built only from validated language codes and slugs, and
symlinks inside the tree are refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

from kb import locales
from kb.content import links
from kb.content.rendering import MAX_SOURCE_CHARS, Rendered, RenderError, render
from search import make_doc_id

# Letters with their combining marks (Thai vowels are marks: re's \w would reject them), digits, _ and -.
SLUG_RE = regex.compile(r"[\p{L}\p{M}\p{N}_-]{1,120}")  # fullmatch: "$" would let "abc\n" through
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
STATUSES = ("published", "draft")
MAX_FILE_BYTES = MAX_SOURCE_CHARS * 4


class ArticleNotFound(LookupError):
    """No such article (or the language/slug is not even valid)."""


@dataclass(frozen=True)
class Problem:
    path: str
    key: str | None
    message: str
    level: str = "error"  # or "warning"
    line: int | None = None

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        what = f" [{self.key}]" if self.key else ""
        return f"{where}:{what} {self.level}: {self.message}"


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


# -- front matter: one parser per key ------------------------------------------------------
EXCERPT_CHARS = 60


def excerpt(value: Any) -> str:
    """``repr(value)`` cut to EXCERPT_CHARS: messages must stay small whatever the input's size."""
    if isinstance(value, str | bytes) and len(value) > EXCERPT_CHARS:
        value = value[:EXCERPT_CHARS]  # don't build the repr of megabytes only to cut it
        return repr(value) + "…"
    text = repr(value) if not isinstance(value, list | dict | tuple | set) else f"<{type(value).__name__}>"
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader without aliases: ``*name`` can expand a 1 KB file into gigabytes (billion laughs)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


def _text(limit: int, required: bool = False) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            raise ValueError(f"must be text, got {type(value).__name__} {excerpt(value)} (quote it in YAML)")
        value = value.strip()
        if required and not value:
            raise ValueError("must not be empty")
        if len(value) > limit:
            raise ValueError(f"is {len(value)} characters; the limit is {limit}")
        return value

    return parse


def _text_list(limit_items: int, limit_chars: int) -> Callable[[Any], tuple[str, ...]]:
    def parse(value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list):
            raise ValueError(f"must be a list of texts, got {type(value).__name__}")
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise ValueError(f"item {i + 1} must be text, got {type(item).__name__} {excerpt(item)} (quote it)")
            text = item.strip()
            if not text:
                continue
            if len(text) > limit_chars:
                raise ValueError(f"item {i + 1} is {len(text)} characters; the limit is {limit_chars}")
            out.append(text)
        if len(out) > limit_items:
            raise ValueError(f"has {len(out)} items; the limit is {limit_items}")
        return tuple(dict.fromkeys(out))

    return parse


def _category(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", value):
        raise ValueError(f"must be a category id of lowercase letters, digits and hyphens, got {excerpt(value)}")
    return value


def _status(value: Any) -> str:
    if value is None:
        return "published"
    if value not in STATUSES:
        raise ValueError(f"must be one of {', '.join(STATUSES)}, got {excerpt(value)}")
    return value


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ValueError(f"must be a date like 2026-09-14, got {excerpt(value)}")


def _revision(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{8,64}", value):
        raise ValueError(f"must be the source's revision id (hex), got {excerpt(value)}")
    return value


def _paragraph_hashes(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and re.fullmatch(r"[0-9a-f]{8}", v) for v in value):
        raise ValueError(
            "must be a list of 8-hex-digit paragraph hashes (written by the editor; see kb/translation.py)"
        )
    if len(value) > 5000:
        raise ValueError(f"has {len(value)} items; the limit is 5000")
    return tuple(value)


METADATA: dict[str, Callable[[Any], Any]] = {
    "title": _text(200, required=True),
    "summary": _text(500),
    "category": _category,
    "tags": _text_list(20, 60),
    "questions": _text_list(50, 300),
    "status": _status,
    "updated": _date,
    "source_revision": _revision,
    "source_paragraphs": _paragraph_hashes,
}


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


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, line number where the body starts)."""
    if not text.startswith("---"):
        return None, text, 1
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return None, text, 1
    m = re.search(r"^---[ \t]*$", text[first_nl + 1 :], re.M)
    if m is None:
        raise ValueError("front matter starts with '---' but has no closing '---' line")
    fm = text[first_nl + 1 : first_nl + 1 + m.start()]
    body = text[first_nl + 1 + m.end() :].lstrip("\n")
    return fm, body, text[: first_nl + 1 + m.end()].count("\n") + 2


def parse_article(lang: str, slug: str, path: str, data: bytes) -> tuple[Article | None, list[Problem]]:
    """Validate one file's bytes; every problem is reported, not just the first."""
    problems: list[Problem] = []
    err = lambda msg, key=None, line=None, level="error": problems.append(Problem(path, key, msg, level, line))  # noqa: E731
    if len(data) > MAX_FILE_BYTES:
        err(f"file is {len(data)} bytes; the limit is {MAX_FILE_BYTES}")
        return None, problems
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        err(f"not UTF-8 (byte {exc.start}: {exc.reason})")
        return None, problems
    if "\x00" in text:
        err("contains NUL bytes")
        return None, problems
    text = text.replace("\r\n", "\n")
    try:
        fm, body, _ = split_front_matter(text)
    except ValueError as exc:
        err(str(exc))
        return None, problems
    if fm is None:
        err("no front matter: the file must start with a '---' line, the YAML keys, and a closing '---'")
        return None, problems
    try:
        meta = yaml.load(fm, Loader=_NoAliasLoader) or {}  # noqa: S506 - a SafeLoader, less aliases
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        err(f"front matter is not valid YAML: {getattr(exc, 'problem', None) or exc}", line=line)
        return None, problems
    if not isinstance(meta, dict):
        err(f"front matter must be a mapping of keys, got {type(meta).__name__}")
        return None, problems
    values: dict[str, Any] = {}
    for key, raw in meta.items():
        parser = METADATA.get(str(key))
        if parser is None:
            err(
                f"unknown key {excerpt(key)} is ignored (known: {', '.join(METADATA)})",
                key=str(key)[:EXCERPT_CHARS],
                level="warning",
            )
            continue
        try:
            values[key] = parser(raw)
        except ValueError as exc:
            err(f"{key} {exc}", key=str(key))  # only known keys get here: short
    if "title" not in meta:
        err("title is required", key="title")
    if any(p.level == "error" for p in problems):
        return None, problems
    article = Article(lang=lang, slug=slug, path=path, body=body, revision=revision_of(data), **values)
    try:
        for msg in article.rendered.problems:
            err(msg, level="warning")
    except RenderError as exc:
        err(str(exc))
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
