"""Inline Markdown as placeholders in translator files, so tools protect what must not be translated.

A paragraph is cut into text and numbered codes: a link ``[text](url)`` and an image ``![alt](src)``
are a pair around their translatable text (``[`` … ``](url)``), as are emphasis markers (``*``,
``**``, ``_``, ``__``); inline code and ``{#anchor}``/``{: attributes}`` are standalone. In PO a pair
reads ``<1>text</1>`` and a standalone code ``<2/>``; a literal ``<`` that would otherwise read as
one (before ``<``, ``/``, a digit, or at the end of a text run) is written ``<<``. In XLIFF 1.2 a
pair is ``<bpt id="1">[</bpt>text<ept id="1">](url)</ept>`` and a standalone code
``<ph id="2">`code`</ph>``, each holding its Markdown as the spec's native code. On import the codes
come from the source paragraph, never from the file, so a translator can move them but not edit them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree


class PlaceholderError(ValueError):
    """A translation whose placeholders do not match its source's: the reason, for the translator."""


@dataclass(frozen=True)
class Code:
    kind: str  # link, image, bold, italic, code, anchor
    open: str  # the Markdown of a standalone code, or before a pair's text
    close: str = ""  # the Markdown after a pair's text; empty for a standalone code

    @property
    def paired(self) -> bool:
        return bool(self.close)


@dataclass(frozen=True)
class Tag:
    id: int
    role: str  # open, close, single


Piece = str | Tag
Codes = dict[int, Code]

# XLIFF 1.2 ctype values: the spec's own where one fits, x- extensions otherwise.
_CTYPE = {
    "link": "link",
    "image": "x-image",
    "bold": "bold",
    "italic": "italic",
    "code": "x-code",
    "anchor": "x-anchor",
}
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_ATTRS = re.compile(r"\{:?[ \t]*[#.][^{}\n]*\}")
_PO_TOKEN = re.compile(r"<<|<(\d{1,4})>|</(\d{1,4})>|<(\d{1,4})/>")
_PO_ESCAPE = re.compile(r"<(?=[<\d/]|$)")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.s = text
        self.codes: Codes = {}
        self.out: list[Piece] = []

    def add(self, piece: Piece) -> None:
        if isinstance(piece, str) and self.out and isinstance(self.out[-1], str):
            self.out[-1] += piece
        elif piece != "":
            self.out.append(piece)

    def code(self, code: Code) -> int:
        n = len(self.codes) + 1
        self.codes[n] = code
        return n

    def skip_code(self, i: int, end: int) -> int:
        """The index after a code span starting at ``i``, or after its run of backticks when unclosed."""
        m = _CODE_SPAN.match(self.s, i, end)
        if m:
            return m.end()
        while i < end and self.s[i] == "`":
            i += 1
        return i

    def link_end(self, i: int, end: int) -> tuple[int, int] | None:
        """For a ``[`` at ``i``: the index of its ``]`` and the index after the ``(url)`` that follows."""
        s, depth, j = self.s, 0, i
        while j < end:
            c = s[j]
            if c == "\\":
                j += 2
                continue
            if c == "`":
                j = self.skip_code(j, end)
                continue
            if c == "[":
                depth += 1
            elif c == "]":
                depth -= 1
                if depth == 0:
                    break
            elif c == "\n" and s.startswith("\n", j + 1):
                return None
            j += 1
        if j >= end or not s.startswith("(", j + 1):
            return None
        k, depth = j + 1, 0
        while k < end and s[k] != "\n":
            if s[k] == "\\":
                k += 2
                continue
            depth += {"(": 1, ")": -1}.get(s[k], 0)
            k += 1
            if depth == 0:
                return j, k
        return None

    def emphasis_end(self, i: int, delim: str, end: int) -> int | None:
        """The index of the marker closing the emphasis ``delim`` opened at ``i``."""
        s, j = self.s, i + len(delim)
        if j >= end or s[j].isspace() or (delim[0] == "_" and i > 0 and s[i - 1].isalnum()):
            return None
        while j < end:
            c = s[j]
            if c == "\\":
                j += 2
                continue
            if c == "`":
                j = self.skip_code(j, end)
                continue
            if c == "[":
                link = self.link_end(j, end)
                if link:
                    j = link[1]
                    continue
            if c == delim[0]:
                run = len(s[j:end]) - len(s[j:end].lstrip(c))
                closes = not s[j - 1].isspace() and (delim[0] == "*" or j + run >= end or not s[j + run].isalnum())
                if closes and run == len(delim):
                    return j
                j += run
                continue
            j += 1
        return None

    def scan(self, i: int, end: int) -> None:
        s = self.s
        while i < end:
            c = s[i]
            if c == "\\":
                self.add(s[i : i + 2])
                i += 2
            elif c == "`":
                j = self.skip_code(i, end)
                if s[j - 1] == "`" and j - i > 1 and s[i:j].strip("`"):
                    self.add(Tag(self.code(Code("code", s[i:j])), "single"))
                else:
                    self.add(s[i:j])
                i = j
            elif c == "{" and (m := _ATTRS.match(s, i, end)):
                self.add(Tag(self.code(Code("anchor", m.group())), "single"))
                i = m.end()
            elif c == "[" or (c == "!" and s.startswith("[", i + 1)):
                start = i + (c == "!")
                link = self.link_end(start, end)
                if link is None:
                    self.add(s[i : start + 1])
                    i = start + 1
                    continue
                n = self.code(Code("image" if c == "!" else "link", s[i : start + 1], s[link[0] : link[1]]))
                self.add(Tag(n, "open"))
                self.scan(start + 1, link[0])
                self.add(Tag(n, "close"))
                i = link[1]
            elif c in "*_":
                run = len(s[i:end]) - len(s[i:end].lstrip(c))
                delim = c * min(run, 2)
                close = self.emphasis_end(i, delim, end) if run <= 2 else None
                if close is None:
                    self.add(s[i : i + run])
                    i += run
                    continue
                n = self.code(Code("bold" if len(delim) == 2 else "italic", delim, delim))
                self.add(Tag(n, "open"))
                self.scan(i + len(delim), close)
                self.add(Tag(n, "close"))
                i = close + len(delim)
            else:
                j = i + 1
                while j < end and s[j] not in "\\`{[!*_":
                    j += 1
                self.add(s[i:j])
                i = j


def protect(text: str) -> tuple[list[Piece], Codes]:
    """``text`` as text and numbered placeholders, with the Markdown each placeholder stands for."""
    scanner = _Scanner(text)
    scanner.scan(0, len(text))
    return scanner.out, scanner.codes


def restore(pieces: list[Piece], codes: Codes) -> str:
    """The Markdown of a translation, each placeholder replaced by its source code.

    :raise PlaceholderError: a placeholder missing, doubled, unknown, of the wrong kind or closed first.
    """
    out: list[str] = []
    seen: Counter[tuple[int, str]] = Counter()
    for p in pieces:
        if isinstance(p, str):
            out.append(p)
            continue
        code = codes.get(p.id)
        if code is None:
            raise PlaceholderError(f"placeholder {_shown(p)} is not in the source")
        if code.paired == (p.role == "single"):
            raise PlaceholderError(f"placeholder {_shown(p)} should be {_expected(p.id, code)}")
        seen[p.id, p.role] += 1
        if seen[p.id, p.role] > 1:
            raise PlaceholderError(f"placeholder {_shown(p)} appears more than once")
        if p.role == "close" and not seen[p.id, "open"]:
            raise PlaceholderError(f"placeholder {_shown(p)} comes before <{p.id}>")
        out.append(code.close if p.role == "close" else code.open)
    missing = [
        _expected(n, code)
        for n, code in codes.items()
        if not all(seen[n, role] for role in (("open", "close") if code.paired else ("single",)))
    ]
    if missing:
        raise PlaceholderError(
            f"placeholder{'s' if len(missing) > 1 else ''} {', '.join(missing)} missing from the translation"
        )
    return "".join(out)


def check_raw(text: str, codes: Codes) -> None:
    """Check a translation whose tool turned the placeholders back into Markdown (xliff2po does).

    Links, images, code and anchors must each come back as often as in the source; emphasis is the
    translator's to place.

    :raise PlaceholderError: one missing or doubled.
    """
    kept = ("link", "image", "code", "anchor")
    want = Counter((c.kind, c.open, c.close) for c in codes.values() if c.kind in kept)
    got = Counter((c.kind, c.open, c.close) for c in protect(text)[1].values() if c.kind in kept)
    for key in sorted(want.keys() | got.keys()):
        if want[key] != got[key]:
            what = "missing from the translation" if got[key] < want[key] else "more than once in the translation"
            raise PlaceholderError(f"{key[0]} {_quote(key[1] + key[2])} {what}")


def localise(codes: Codes, source_lang: str, lang: str) -> Codes:
    """The codes with links to the source language's pages pointing to ``lang``'s."""
    prefix, local = f"](/{source_lang}/", f"](/{lang}/"
    return {
        n: Code(c.kind, c.open, local + c.close[len(prefix) :]) if c.close.startswith(prefix) else c
        for n, c in codes.items()
    }


def protect_like(text: str, codes: Codes) -> list[Piece]:
    """A translation's pieces numbered like its source's ``codes``; Markdown the source lacks stays text."""
    pieces, own = protect(text)
    free = dict(codes)
    numbers: dict[int, int] = {}
    for n, code in own.items():
        match = next((m for m, c in free.items() if c == code), None)
        if match is not None:
            numbers[n] = match
            del free[match]
    return _merged(
        [
            p
            if isinstance(p, str)
            else Tag(numbers[p.id], p.role)
            if p.id in numbers
            else own[p.id].close
            if p.role == "close"
            else own[p.id].open
            for p in pieces
        ]
    )


def to_po(pieces: list[Piece]) -> str:
    """The pieces in the PO syntax: ``<1>text</1>``, ``<2/>``, a literal ``<`` doubled where it would read as one."""
    return "".join(_PO_ESCAPE.sub("<<", p) if isinstance(p, str) else "<{}{}{}>".format(*_po_parts(p)) for p in pieces)


def from_po(text: str) -> list[Piece]:
    """The pieces of a text in the PO syntax (anything else is text)."""
    out: list[Piece] = []
    last = 0
    for m in _PO_TOKEN.finditer(text):
        out.append(text[last : m.start()])
        if m.group() == "<<":
            out.append("<")
        elif m.group(1):
            out.append(Tag(int(m.group(1)), "open"))
        elif m.group(2):
            out.append(Tag(int(m.group(2)), "close"))
        else:
            out.append(Tag(int(m.group(3)), "single"))
        last = m.end()
    out.append(text[last:])
    return _merged(out)


def to_xliff(element: etree._Element, pieces: list[Piece], codes: Codes) -> None:
    """Fill an XLIFF 1.2 ``<source>`` or ``<target>`` with text, ``<bpt>``/``<ept>`` pairs and ``<ph>`` codes."""
    ns = etree.QName(element).namespace
    for child in list(element):
        element.remove(child)
    element.text = ""
    last: etree._Element | None = None
    for p in pieces:
        if isinstance(p, str):
            if last is None:
                element.text += p
            else:
                last.tail = (last.tail or "") + p
            continue
        code = codes[p.id]
        name = {"open": "bpt", "close": "ept", "single": "ph"}[p.role]
        last = etree.SubElement(element, f"{{{ns}}}{name}" if ns else name, id=str(p.id))
        if p.role != "close":
            last.set("ctype", _CTYPE[code.kind])
        last.text = code.close if p.role == "close" else code.open


def from_xliff(element: etree._Element) -> list[Piece]:
    """The pieces of an XLIFF ``<source>`` or ``<target>``: inline codes as tags, the codes' content dropped.

    :raise PlaceholderError: an inline element whose id is not a number of ours.
    """
    out: list[Piece] = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # comments and processing instructions
            out.append(child.tail or "")
            continue
        name = etree.QName(child).localname
        if name == "mrk":
            out.extend(from_xliff(child))
        elif name in ("bpt", "ept", "ph", "x", "bx", "ex", "g", "it"):
            ident = child.get("id", "")
            if not ident.isdigit() or len(ident) > 4:
                raise PlaceholderError(f"inline <{name}> has id {ident[:20]!r}, not one of the export's")
            n = int(ident)
            if name == "g":
                out += [Tag(n, "open"), *from_xliff(child), Tag(n, "close")]
            else:
                out.append(Tag(n, {"bpt": "open", "bx": "open", "ept": "close", "ex": "close"}.get(name, "single")))
        else:
            raise PlaceholderError(f"inline <{name}> is not allowed in a translation")
        out.append(child.tail or "")
    return _merged(out)


def has_tags(pieces: list[Piece]) -> bool:
    """Whether any placeholder is among the pieces."""
    return any(isinstance(p, Tag) for p in pieces)


def text_of(pieces: list[Piece]) -> str:
    """The pieces' text alone (to tell an empty translation)."""
    return "".join(p for p in pieces if isinstance(p, str))


def _merged(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for p in pieces:
        if isinstance(p, str) and out and isinstance(out[-1], str):
            out[-1] += p
        elif p != "":
            out.append(p)
    return out


def _po_parts(tag: Tag) -> tuple[str, int, str]:
    return ("/" if tag.role == "close" else "", tag.id, "/" if tag.role == "single" else "")


def _shown(tag: Tag) -> str:
    return "<{}{}{}>".format(*_po_parts(tag))


def _expected(n: int, code: Code) -> str:
    shape = f"<{n}>…</{n}>" if code.paired else f"<{n}/>"
    return f"{shape} ({_quote(code.open + '…' + code.close if code.paired else code.open)})"


def _quote(markdown: str, limit: int = 60) -> str:
    return markdown if len(markdown) <= limit else markdown[: limit - 1] + "…"
