"""The glossary of product terms: ``glossary.yml``, kept by the team, read by small code.

Each entry is a source-language term, its agreed translation per language and an optional note::

    - term: order number
      translations: {th: หมายเลขคำสั่งซื้อ, fa: شماره سفارش, id: nomor pesanan, lv: pasūtījuma numurs}
      note: The KM-… number in the order confirmation, not the carrier's tracking number.

The editor highlights the terms in the source paragraphs with the agreed translation beside each,
and lists the terms an article uses. A missing file is an empty glossary; a malformed one raises
:class:`GlossaryError` naming the file and the entry.
"""

from __future__ import annotations

import html
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

from kb import locales

MAX_FILE_BYTES = 1_000_000
MAX_TERM_CHARS = 100
MAX_NOTE_CHARS = 500
_KEYS = ("term", "translations", "note")
# A term is a whole word or phrase: not inside a longer word, though an English plural ("refunds") counts.
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![\p{L}\p{M}\p{N}_])", r"(?:e?s)?(?![\p{L}\p{M}\p{N}_])"
_TAG_RE = regex.compile(r"(<[^>]*>)")
_SKIP_TAGS = ("code", "pre")  # code is never a term: `KM-2041-558913` stays as written


class GlossaryError(ValueError):
    """The glossary file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Term:
    term: str
    translations: dict[str, str]
    note: str = ""


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()
    _patterns: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.terms)

    def for_lang(self, lang: str) -> list[Term]:
        """The terms with an agreed translation into ``lang``."""
        return [t for t in self.terms if lang in t.translations]

    def _pattern(self, lang: str) -> Any:
        if lang not in self._patterns:
            # Longest first, so "bank transfer" wins over a shorter term inside it.
            terms = sorted(self.for_lang(lang), key=lambda t: -len(t.term))
            alternatives = "|".join(regex.escape(html.escape(t.term, quote=False)) for t in terms)
            self._patterns[lang] = (
                regex.compile(f"{_EDGE_BEFORE}(?:{alternatives}){_EDGE_AFTER}", regex.IGNORECASE) if terms else None
            )
        return self._patterns[lang]

    def used_in(self, texts: Iterable[str], lang: str) -> list[Term]:
        """The terms (with a translation into ``lang``) that occur in ``texts``, in glossary order."""
        pattern = self._pattern(lang)
        if pattern is None:
            return []
        forms = self._forms(lang)
        found = {m.group().casefold() for text in texts for m in pattern.finditer(html.escape(text, quote=False))}
        used = {id(forms[f]) for f in found if f in forms}
        return [t for t in self.for_lang(lang) if id(t) in used]

    def _forms(self, lang: str) -> dict[str, Term]:
        """Each term as it appears in escaped HTML, casefolded, and its plurals -> the term."""
        forms: dict[str, Term] = {}
        for t in self.for_lang(lang):
            for suffix in ("", "s", "es"):
                forms.setdefault(html.escape(t.term, quote=False).casefold() + suffix, t)
        return forms

    def highlight(self, safe_html: str, lang: str, label: str) -> str:
        """``safe_html`` (sanitised) with each term marked and its agreed ``lang`` translation beside it.

        Only text between tags changes, never a tag or an attribute, and not inside code. The
        translation is escaped and carries its own ``lang`` and ``dir``; ``label`` (e.g. "agreed
        translation") is read out before it by screen readers and hidden on screen.
        """
        pattern = self._pattern(lang)
        if pattern is None:
            return safe_html
        forms = self._forms(lang)
        direction = locales.text_direction(lang)
        hidden = f'<span class="visually-hidden">{html.escape(label)}: </span>'

        def mark(m: Any) -> str:
            found = m.group()
            term = forms.get(found.casefold())
            if term is None:  # a case folding the pattern matched but casefold() spells otherwise
                return str(found)
            agreed = html.escape(term.translations[lang])
            return (
                f'<mark class="term">{found}</mark><span class="term-tr" lang="{lang}" dir="{direction}">'
                f"{hidden}{agreed}</span>"
            )

        out, skipping = [], 0
        for piece in _TAG_RE.split(safe_html):
            if piece.startswith("<"):
                name = piece[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower() if len(piece) > 2 else ""
                if name in _SKIP_TAGS:
                    skipping += -1 if piece.startswith("</") else 1
                out.append(piece)
            elif piece and skipping <= 0:
                out.append(pattern.sub(mark, piece))
            else:
                out.append(piece)
        return "".join(out)


_cache: dict[str, tuple[int, int, Glossary]] = {}
_lock = threading.Lock()


def load(path: str | os.PathLike[str]) -> Glossary:
    """The glossary in ``path`` (remembered until the file changes); an empty one when there is no file.

    :raise GlossaryError: for a file that is not a list of valid entries, naming the file and the entry.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        return Glossary()
    except OSError as exc:
        raise GlossaryError(f"{p}: cannot be read ({exc.strerror})") from None
    cached = _cache.get(str(p))
    if cached and cached[:2] == (st.st_mtime_ns, st.st_size):
        return cached[2]
    if st.st_size > MAX_FILE_BYTES:
        raise GlossaryError(f"{p}: is {st.st_size} bytes; the limit is {MAX_FILE_BYTES}")
    try:
        glossary = parse(p.read_bytes().decode("utf-8-sig"), str(p))
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{p}: not UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise GlossaryError(f"{p}: cannot be read ({exc.strerror})") from None
    with _lock:
        _cache[str(p)] = (st.st_mtime_ns, st.st_size, glossary)
    return glossary


def parse(text: str, name: str = "glossary.yml") -> Glossary:
    """A glossary from YAML text; ``name`` is the file named in errors. :raise GlossaryError:"""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise GlossaryError(f"{name}: not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    if data is None:
        return Glossary()
    if not isinstance(data, list):
        raise GlossaryError(f"{name}: must be a list of terms ('- term: ...'), got {type(data).__name__}")
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(data, start=1):
        term = _entry(entry, f"{name}: entry {number}")
        first = seen.setdefault(term.term.casefold(), number)
        if first != number:
            raise GlossaryError(f"{name}: entry {number} ({term.term!r}): the same term as entry {first}")
        terms.append(term)
    return Glossary(tuple(terms))


def _entry(entry: Any, where: str) -> Term:
    if not isinstance(entry, dict):
        raise GlossaryError(f"{where}: must be a mapping with term, translations and note, got {type(entry).__name__}")
    term = entry.get("term")
    if not isinstance(term, str) or not term.strip():
        raise GlossaryError(f"{where}: 'term' must be the source-language term as text")
    term = " ".join(term.split())
    where = f"{where} ({term[:MAX_TERM_CHARS]!r})"
    if len(term) > MAX_TERM_CHARS:
        raise GlossaryError(f"{where}: the term is {len(term)} characters; the limit is {MAX_TERM_CHARS}")
    unknown = [str(k) for k in entry if k not in _KEYS]
    if unknown:
        raise GlossaryError(f"{where}: unknown key {', '.join(unknown)!s} (known: {', '.join(_KEYS)})")
    raw = entry.get("translations")
    if not isinstance(raw, dict) or not raw:
        raise GlossaryError(f"{where}: 'translations' must map language codes to the agreed translation")
    translations: dict[str, str] = {}
    for code, text in raw.items():
        if not locales.valid_code(code):
            raise GlossaryError(f"{where}: {str(code)[:20]!r} is not a language code like th or pt-BR")
        if not isinstance(text, str) or not text.strip():
            raise GlossaryError(f"{where}: the {code} translation must be text (quote it in YAML)")
        if len(text) > MAX_TERM_CHARS:
            raise GlossaryError(f"{where}: the {code} translation is longer than {MAX_TERM_CHARS} characters")
        translations[code] = " ".join(text.split())
    note = entry.get("note") or ""
    if not isinstance(note, str) or len(note) > MAX_NOTE_CHARS:
        raise GlossaryError(f"{where}: 'note' must be text of at most {MAX_NOTE_CHARS} characters")
    return Term(term, translations, note.strip())
