"""Writing articles: serialise front matter, validate, refuse stale overwrites, replace atomically.

Every writer of ``articles/`` (the translation editor, promoting a mined suggestion, merging
phrasings into an article, importing a translator's file) goes through :func:`save_article`,
so a file on disk is always either the old version or the new one, never half of each, and
never an article that fails validation.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import fcntl
import logging
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kb.content import drafts, revisions
from kb.content.articles import Article, ArticleNotFound, ArticleStore, parse_article, revision_of
from kb.content.checks import Problem, split_front_matter
from kb.content.rendering import MAX_SOURCE_CHARS, RenderError, render
from kb.db import Database

log = logging.getLogger(__name__)

# Front matter keys in the order a person expects to read them.
KEY_ORDER = (
    "title",
    "summary",
    "category",
    "tags",
    "questions",
    "status",
    "updated",
    "source_revision",
    "source_paragraphs",
)


class _FlowList(list):
    """A list YAML writes on one line (``[a1b2c3d4, ...]``): paragraph hashes are not for reading."""


class _Dumper(yaml.SafeDumper):
    pass


class _Quoted(str):
    """Quoted always: ``1e100000`` is a float to YAML 1.2 readers, ``01234567`` an octal number."""


_Dumper.add_representer(
    _FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", [_Quoted(x) for x in v], flow_style=True)
)
_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"'))


class ArticleInvalid(ValueError):
    """The new text does not validate; ``problems`` says what and where."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems if p.level == "error"))


class ArticleConflict(RuntimeError):
    """The file changed on disk since the writer read it (``expected``); ``current`` is what is there now."""

    def __init__(self, path: str, expected: str | None, current_revision: str | None, current_text: str | None):
        self.path, self.expected, self.current_revision, self.current_text = (
            path,
            expected,
            current_revision,
            current_text,
        )
        super().__init__(f"{path} changed since it was opened (expected revision {expected}, found {current_revision})")


def dump_article(meta: dict[str, Any], body: str) -> str:
    """Front matter (known keys first, in KEY_ORDER; empty values left out) and the Markdown body."""
    ordered = {k: meta[k] for k in KEY_ORDER if meta.get(k) not in (None, "", [], ())}
    ordered.update({k: v for k, v in meta.items() if k not in ordered and v not in (None, "", [], ())})
    for k, v in ordered.items():
        if isinstance(v, tuple):
            ordered[k] = list(v)
        elif hasattr(v, "isoformat"):
            ordered[k] = v.isoformat()
    if "source_paragraphs" in ordered:
        ordered["source_paragraphs"] = _FlowList(ordered["source_paragraphs"])
    fm = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return f"---\n{fm}---\n\n{body.strip()}\n"


def article_meta(article: Article) -> dict[str, Any]:
    """The front matter of a loaded article as a dict that :func:`dump_article` writes back."""
    return {
        "title": article.title,
        "summary": article.summary,
        "category": article.category,
        "tags": list(article.tags),
        "questions": list(article.questions),
        "status": article.status,
        "updated": article.updated,
        "source_revision": article.source_revision,
        "source_paragraphs": list(article.source_paragraphs),
    }


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync it, rename it over ``path``, fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def current_file(store: ArticleStore, lang: str, slug: str) -> tuple[str | None, str | None]:
    """(revision, text) of the file on disk now, or (None, None) when there is none."""
    path = store.path_for(lang, slug)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None
    return revision_of(data), data.decode("utf-8", errors="replace")


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive flock on the language folder: check-then-replace is one step for every
    process writing articles (gunicorn workers, the CLI), not only for threads of one."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def diff_text(old: str | None, new: str, name: str = "article") -> str:
    """A unified diff of two versions of a file (empty old side for a new file)."""
    return "".join(
        difflib.unified_diff(
            (old or "").splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
    )


def save_article(
    store: ArticleStore,
    lang: str,
    slug: str,
    text: str,
    *,
    expected_revision: str | None = None,
    create: bool = False,
    db=None,
    username: str = "",
    action: str = "save",
    reviewed_by: str = "",
    requested_at: dt.datetime | None = None,
) -> tuple[Article, list[Problem]]:
    """Validate ``text`` and write it as ``articles/<lang>/<slug>.md``; returns the article and warnings.

    ``expected_revision`` is the revision the writer started from: if the file changed since,
    nothing is written and :class:`ArticleConflict` carries both versions. ``create=True``
    requires that no file exists yet. With ``db``, the write is appended to the shared revision log
    (who, when, what ``action``, the diff and the whole new text; for a publish that waited for a second
    person, when it was asked for and who approved) *before* the file is written, as a
    compare-and-set: another host's newer save is a conflict too (:mod:`kb.content.revisions`).
    :raise ArticleNotFound: for an invalid language code or slug (no path is built from them).
    :raise ArticleInvalid: when the text does not validate (nothing is written).
    """
    path = store.path_for(lang, slug)
    data = text.replace("\r\n", "\n").encode("utf-8")
    rel = f"{store.root.name}/{lang}/{slug}.md"
    article, problems = parse_article(lang, slug, rel, data)
    if article is None:
        raise ArticleInvalid(problems)
    with folder_lock(path.parent):
        if create and (other := store.slug_collision(lang, slug)) is not None:
            raise ArticleInvalid(
                [
                    Problem(
                        rel, None, f"the slug differs from {other!r} only in case (one file on a case-insensitive disk)"
                    )
                ]
            )
        current_rev, current_text = current_file(store, lang, slug)
        if (create and current_rev is not None) or (
            not create and expected_revision is not None and current_rev != expected_revision
        ):
            raise ArticleConflict(rel, expected_revision, current_rev, current_text)
        if current_rev == article.revision:  # saving identical bytes is not a new revision
            return store.get(lang, slug), [p for p in problems if p.level != "error"]
        pending = None
        if db is not None:
            new_text = data.decode("utf-8")
            try:
                pending = revisions.append(
                    db,
                    path,
                    lang,
                    slug,
                    current=(current_rev, current_text),
                    new=(article.revision, diff_text(current_text, new_text, f"{lang}/{slug}.md"), new_text),
                    username=username,
                    action=action,
                    reviewed_by=reviewed_by,
                    requested_at=requested_at,
                )
            except revisions.RevisionRace as race:
                won = race.head
                raise ArticleConflict(
                    rel, expected_revision, won.revision if won else None, won.text if won else None
                ) from None
        try:
            write_atomic(path, data)
        except BaseException:
            if pending is not None:
                pending.undo()
            raise
    return store.get(lang, slug), [p for p in problems if p.level != "error"]


@dataclass(frozen=True)
class PublishRequest:
    """Publish later: after a second person's approval (``review``) and/or at ``at`` (UTC)."""

    review: bool = False
    at: dt.datetime | None = None


def keep_draft(
    store: ArticleStore,
    db: Database,
    lang: str,
    slug: str,
    text: str,
    *,
    expected: str,
    username: str,
    checked: str | None = None,
    request: PublishRequest | None = None,
) -> bool:
    """For a published article, keep ``text`` as its pending draft (kb.content.drafts) instead of writing
    the file: customers and search keep the live version until it is published. False, and nothing
    done, when the article is not published (then it is saved as usual).

    ``checked`` is the text validated when it differs from the one kept (the editor keeps what the person
    typed and validates the file it would become). With ``request`` the draft waits to be published as
    ``checked`` (any article, published or not, or a translation not written yet).
    :raise ArticleConflict: when the file changed since ``expected``; :raise ArticleInvalid: as a save.
    """
    if request is None:
        try:
            live = store.get(lang, slug)
        except ArticleNotFound:
            return False
        if not live.published:
            return False
    rel = f"{store.root.name}/{lang}/{slug}.md"
    current_rev, current_text = current_file(store, lang, slug)
    if (expected or None) != current_rev:
        raise ArticleConflict(rel, expected, current_rev, current_text)
    ready = (checked or text).replace("\r\n", "\n")
    article, problems = parse_article(lang, slug, rel, ready.encode("utf-8"))
    if article is None:
        raise ArticleInvalid(problems)
    # Browsers send CRLF from a textarea: stored as LF, the diff to the live file shows only real changes.
    drafts.put(
        db,
        lang,
        slug,
        text.replace("\r\n", "\n"),
        expected,
        username,
        ready_text=ready if request else "",
        needs_review=bool(request and request.review),
        publish_at=request.at if request else None,
    )
    return True


def pull_revisions(store: ArticleStore, db: Database, after_id: int = 0) -> tuple[list[tuple[str, str]], int]:
    """Write every logged revision newer than this host's file (another host's edit, or our own
    write-ahead row whose file a crash lost); returns the (lang, slug) written and the newest row id seen."""
    written, newest = [], after_id
    for row in revisions.heads_since(db, after_id):
        newest = max(newest, row.id)
        try:
            path = store.path_for(row.lang, row.slug)
        except ArticleNotFound:
            log.warning("revision log names an invalid article %r/%r; skipped", row.lang, row.slug)
            continue
        with folder_lock(path.parent):
            try:
                current = revision_of(path.read_bytes())
            except FileNotFoundError:
                current = None
            if current == row.revision or revisions.file_is_newer(path, row):
                continue
            write_atomic(path, row.text.encode("utf-8"))
        written.append((row.lang, row.slug))
    return written, newest


def render_preview(text: str) -> tuple[str, list[str]]:
    """Sanitised HTML of an editor's text (front matter dropped) and what is wrong with it; never raises."""
    if len(text) > MAX_SOURCE_CHARS:
        return "", [f"the article is {len(text)} characters; the limit is {MAX_SOURCE_CHARS}"]
    try:
        _, body, _ = split_front_matter(text.replace("\r\n", "\n"))
    except ValueError as exc:
        return "", [str(exc)]
    try:
        rendered = render(body)
    except RenderError as exc:
        return "", [str(exc)]
    return rendered.html, list(rendered.problems)
