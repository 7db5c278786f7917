"""Bad input in article files: the file's bytes, its front matter, and one parser per key.

YAML turns ``no`` into False and ``0123`` into 83, so types are checked, not trusted; aliases are
refused (a 1 KB file must not expand into gigabytes). Unknown keys warn; bad values fail with file,
key and reason, every problem reported and each message kept small whatever the input's size.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from kb.content.rendering import MAX_SOURCE_CHARS

STATUSES = ("published", "draft")
MAX_FILE_BYTES = MAX_SOURCE_CHARS * 4


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


def _matching(pattern: str, what: str) -> Callable[[Any], str]:
    """A parser for an optional string that must match ``pattern`` whole ("" when absent)."""

    def parse(value: Any) -> str:
        if value is None:
            return ""
        if not isinstance(value, str) or not re.fullmatch(pattern, value):
            raise ValueError(f"must be {what}, got {excerpt(value)}")
        return value

    return parse


_category = _matching(r"[a-z0-9][a-z0-9-]{0,63}", "a category id of lowercase letters, digits and hyphens")
_revision = _matching(r"[0-9a-f]{8,64}", "the source's revision id (hex)")


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


def check_file(path: str, data: bytes) -> tuple[dict[str, Any] | None, str, list[Problem]]:
    """One file's bytes checked: its front matter values (None on any error), its body, and every problem, not just the first."""
    problems: list[Problem] = []
    err = lambda msg, key=None, line=None, level="error": problems.append(Problem(path, key, msg, level, line))  # noqa: E731
    if len(data) > MAX_FILE_BYTES:
        err(f"file is {len(data)} bytes; the limit is {MAX_FILE_BYTES}")
        return None, "", problems
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        err(f"not UTF-8 (byte {exc.start}: {exc.reason})")
        return None, "", problems
    if "\x00" in text:
        err("contains NUL bytes")
        return None, "", problems
    text = text.replace("\r\n", "\n")
    try:
        fm, body, _ = split_front_matter(text)
    except ValueError as exc:
        err(str(exc))
        return None, "", problems
    if fm is None:
        err("no front matter: the file must start with a '---' line, the YAML keys, and a closing '---'")
        return None, "", problems
    try:
        meta = yaml.load(fm, Loader=_NoAliasLoader) or {}  # noqa: S506 - a SafeLoader, less aliases
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        err(f"front matter is not valid YAML: {getattr(exc, 'problem', None) or exc}", line=line)
        return None, "", problems
    if not isinstance(meta, dict):
        err(f"front matter must be a mapping of keys, got {type(meta).__name__}")
        return None, "", problems
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
        return None, "", problems
    return values, body, problems
