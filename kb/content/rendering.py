"""Markdown -> sanitized HTML, table of contents and plain-text sections, in one pass.

Python-Markdown does not sanitize (RELIABILITY 2.1): every rendered string goes through nh3 with
an allow-list derived from the enabled extensions. Headings take explicit ASCII anchors written
``## Heading {#anchor}``; we parse that ourselves instead of enabling ``attr_list``, which would
let an author put any attribute on any element. Customer text is never rendered as Markdown.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

import markdown
import nh3
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

MAX_SOURCE_CHARS = 200_000  # Python-Markdown is quadratic on some inputs (RELIABILITY 2.1b)
# Python-Markdown recurses once per nested list or quote level and hits Python's recursion limit
# near 250 levels of indented lists; real articles nest a handful of levels.
MAX_NESTING = 40
# A run of '*' or '_' nests emphasis inside the inline parser: ~2,000 in a row is a RecursionError.
MAX_EMPHASIS_RUN = 200
# Characters the block parser may look at in all (one count per block tried). A block the parser
# splits a line at a time is re-scanned whole each time: 19,000 headings without blank lines
# between them cost 32 s. Real articles stay near one scan per nesting level.
MAX_BLOCK_SCAN = 30 * MAX_SOURCE_CHARS

ANCHOR_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
_HEADING_ANCHOR_RE = re.compile(r"\s*\{#([^}\s]*)\}\s*$")

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd",
    "sup",
    "sub",
    "del",
    "abbr",
    "div",
    "span",
    "kbd",
}
ALLOWED_ATTRS = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "abbr": {"title"},
    **{h: {"id"} for h in ("h2", "h3", "h4", "h5", "h6")},
    "ol": {"start"},
}
# nh3 takes class values here, and the tags must not also list "class" as an attribute.
ALLOWED_CLASSES = {"div": {"admonition", "note", "tip", "warning", "important"}, "p": {"admonition-title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "fenced_code", "sane_lists", "admonition", "toc"]


class RenderError(ValueError):
    """The source cannot be rendered (too large, nested too deep, too costly); says why."""


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


@dataclass(frozen=True)
class Section:
    """An H2/H3 section's own text: deep links go to the most specific section that matches."""

    anchor: str
    heading: str
    level: int
    text: str
    subheadings: tuple[str, ...] = ()
    points_elsewhere: bool = False  # mostly a list or table of links to other articles (see POINTER_ITEMS)


# A section points elsewhere when at least this many of its list items and table rows link to other
# articles of the help center and those links' words are at least POINTER_SHARE of its text: a
# "check these answers first" table (a third of its text is links) routes a question to its answer
# without answering it, while a list of advice that ends each point with "see ..." (a tenth to a
# seventh, in the demo articles) answers.
POINTER_ITEMS = 3
POINTER_SHARE = 0.25


@dataclass(frozen=True)
class Rendered:
    html: str
    headings: tuple[Heading, ...]
    intro: str  # plain text before the first heading
    sections: tuple[Section, ...]
    text: str  # the whole article as plain text
    problems: tuple[str, ...] = field(default=())  # e.g. missing or invalid anchors

    def answering(self) -> Rendered:
        """The article without its sections that point elsewhere: what can answer a question itself."""
        if not any(s.points_elsewhere for s in self.sections):
            return self
        kept = tuple(s for s in self.sections if not s.points_elsewhere)
        text = _squash(" ".join([self.intro, *(f"{s.heading} {s.text}" for s in kept)]))
        return replace(self, sections=kept, text=text)


class _AnchorProcessor(Treeprocessor):
    """``## Heading {#anchor}`` -> ``<h2 id="anchor">Heading</h2>``; invalid anchors are reported."""

    def __init__(self, md, problems: list[str]):
        super().__init__(md)
        self.problems = problems

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            if el.tag not in ("h2", "h3", "h4", "h5", "h6"):
                continue
            text = el.text or ""
            m = _HEADING_ANCHOR_RE.search(text) if len(el) == 0 else None
            if m is None and len(el):
                tail = el[-1].tail or ""
                m = _HEADING_ANCHOR_RE.search(tail)
                if m:
                    el[-1].tail = tail[: m.start()]
            elif m is not None:
                el.text = text[: m.start()]
            label = "".join(el.itertext()).strip()
            if m is None:
                if el.tag in ("h2", "h3"):
                    self.problems.append(f"heading {label!r} has no {{#anchor}}")
                continue
            anchor = m.group(1)
            if ANCHOR_RE.fullmatch(anchor):
                el.set("id", anchor)
            else:
                self.problems.append(
                    f"heading {label!r}: anchor {anchor!r} must be lowercase ASCII letters, digits and hyphens"
                )


_LIST_OR_QUOTE_RE = re.compile(r"[ \t]*(?:>|[-*+][ \t]|[0-9]{1,9}[.)][ \t])")
_EMPHASIS_RUN_RE = re.compile(f"[*_]{{{MAX_EMPHASIS_RUN + 1},}}")


def _nesting_problem(source: str) -> str | None:
    """Why ``source`` nests too deep for Python-Markdown's recursive parsers, or None (linear time)."""
    for number, line in enumerate(source.split("\n"), start=1):
        depth = pos = 0
        while depth <= MAX_NESTING and (m := _LIST_OR_QUOTE_RE.match(line, pos)) is not None:
            depth += 1
            pos = m.end()
        if depth:
            # Indentation nests list items too, but alone it is only a code block.
            indent = len(line) - len(line.lstrip(" \t"))
            depth += (indent + 3 * line[:indent].count("\t")) // 4
        if depth > MAX_NESTING:
            return f"line {number}: lists or quotes are nested too deep; the limit is {MAX_NESTING} levels"
        run = _EMPHASIS_RUN_RE.search(line)
        if run is not None and line.strip(" *_"):
            return f"line {number}: {len(run.group())} '*' or '_' in a row; the limit is {MAX_EMPHASIS_RUN}"
    return None


class _SplitAfterHeadings(BlockProcessor):
    """Cut a block after every ``#`` heading line in one pass, before the core parser sees it.

    The core parser splits off one heading and puts the rest back as a new block, which every
    processor then scans again from the start: 19,000 headings without blank lines between them
    took 32 s. Cutting after each heading line gives the blocks the core parser would make, in
    linear time. Blocks another processor may take whole (tables, indented code or list content, a
    leading empty line, a loose list's rest) are left to the core parser and the scan budget.
    """

    def test(self, parent: etree.Element, block: str) -> bool:
        if self.parser.state.isstate("looselist") or block.startswith("\n") or "|" in block:
            return False
        return len(_cut_after_headings(block.split("\n"))) > 1

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        blocks[0:1] = ["\n".join(piece) for piece in _cut_after_headings(blocks[0].split("\n"))]


def _cut_after_headings(lines: list[str]) -> list[list[str]]:
    """``lines`` cut after each heading line, up to the first piece that starts indented."""
    pieces: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        piece = pieces[-1]
        piece.append(line)
        if piece[0].startswith((" ", "\t")):
            pieces[-1] += lines[i + 1 :]  # indented code or list content: its processor decides
            break
        # A trailing backslash continues the heading on the next line.
        if line.startswith("#") and not line.endswith("\\") and i + 1 < len(lines):
            pieces.append([])
    return pieces


class _ScanBudget(BlockProcessor):
    """Never claims a block: counts what the block parser scans and stops it past MAX_BLOCK_SCAN."""

    def __init__(self, parser):
        super().__init__(parser)
        self.scanned = 0

    def test(self, parent: etree.Element, block: str) -> bool:
        self.scanned += len(block)
        if self.scanned > MAX_BLOCK_SCAN:
            raise RenderError(
                "too costly to render: too many headings, rules or list items without blank lines between them"
            )
        return False

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:  # pragma: no cover - test() is False
        return False


class _AnchorExtension(Extension):
    def __init__(self, problems: list[str]):
        super().__init__()
        self.problems = problems

    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(_AnchorProcessor(md, self.problems), "explicit_anchors", 8)
        # Above every core and extension block processor (admonition is the highest, at 105).
        md.parser.blockprocessors.register(_ScanBudget(md.parser), "scan_budget", 1000)
        md.parser.blockprocessors.register(_SplitAfterHeadings(md.parser), "split_after_headings", 999)


def _url_filter(tag: str, attr: str, value: str) -> str | None:
    # Relative same-site URLs stay; protocol-relative "//host" and backslash tricks do not.
    if attr in ("href", "src") and value.lstrip().startswith(("//", "\\", "/\\")):
        return None
    return value


def sanitize(html: str) -> str:
    """The one place HTML becomes safe to mark as such in templates."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRS,
        url_schemes=ALLOWED_SCHEMES,
        attribute_filter=_url_filter,
        allowed_classes=ALLOWED_CLASSES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


MAX_BRACKETS = 2000  # links, images and footnotes per article; real articles have tens
MAX_BRACKET_SCAN = 250_000  # characters Python-Markdown scans for closing ] and ) (~0.15 s here)


def _bracket_problem(body: str) -> str | None:
    """Why ``body`` would take Python-Markdown too long, or None.

    Its inline parser looks for the closing ``]`` of every ``[`` and the closing ``)`` of every
    ``](`` by scanning forward, so unclosed or deeply nested brackets are quadratic: 8,000 ``[``
    take 16 s (RELIABILITY 2.1b, S2). The scan length is computed here in linear time, per block.
    """
    if body.count("[") > MAX_BRACKETS:
        return f"has {body.count('[')} '[' characters; the limit is {MAX_BRACKETS}"
    cost = 0
    for block in body.split("\n\n"):
        n = len(block)
        squares: list[int] = []
        rounds: list[int] = []
        for i, ch in enumerate(block):
            if ch == "[":
                squares.append(i)
            elif ch == "]" and squares:
                cost += i - squares.pop()
            elif ch == "(":
                rounds.append(i)
            elif ch == ")" and rounds:
                cost += i - rounds.pop()
        cost += sum(n - j for j in squares) + sum(n - j for j in rounds)
        if cost > MAX_BRACKET_SCAN:
            return "has too many unclosed or deeply nested brackets '[' or '(' to render"
    return None


def render(source: str) -> Rendered:
    """Render article Markdown; raises RenderError for sources too large, too deep or too costly."""
    if len(source) > MAX_SOURCE_CHARS:
        raise RenderError(f"article body is {len(source)} characters; the limit is {MAX_SOURCE_CHARS}")
    if (why := _nesting_problem(source)) is not None:
        raise RenderError(why)
    if (why := _bracket_problem(source)) is not None:
        raise RenderError(f"the article {why}")
    problems: list[str] = []
    md = markdown.Markdown(
        extensions=[*EXTENSIONS, _AnchorExtension(problems)], extension_configs={"toc": {"toc_depth": "2-3"}}
    )
    # Authors never write raw HTML here: escape it rather than trusting the sanitizer alone.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    try:
        html = sanitize(md.convert(source))
    except RecursionError:
        # The pre-check above is an estimate; this is what keeps a miss from becoming a 500.
        raise RenderError("nested too deep to render (lists, quotes or emphasis)") from None
    parser = _SectionParser()
    parser.feed(html)
    parser.close()
    intro = parser.intro
    return Rendered(
        html=html,
        headings=tuple(parser.headings),
        intro=_squash(intro),
        sections=parser.sections(),
        text=_squash(" ".join([intro, *parser.all_text])),
        problems=tuple(dict.fromkeys(problems)),
    )


_ARTICLE_LINK_RE = re.compile(r"/[^/?#]+/articles/[^/?#]")  # another article of this help center, any language
_BLOCKS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "pre", "blockquote", "dt", "dd", "div", "br"}


class _SectionParser(HTMLParser):
    """Split sanitized HTML into plain-text sections at h2/h3 elements that carry an id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[Heading] = []
        self._intro: list[str] = []  # joined once: += on an attribute copies the whole string each time
        self._chunks: list[list] = []  # [level, anchor, heading, [text], [subheadings], linking items, link chars]
        self._open_items: list[bool] = []  # the list items and table rows open now: has each a link yet?
        self._in_link = 0  # depth of open <a> elements that lead to another article
        self._last_h2: list | None = None
        self._in_heading: tuple[int, str] | None = None
        self._heading_text: list[str] = []

    @property
    def intro(self) -> str:
        return "".join(self._intro)

    @property
    def all_text(self) -> list[str]:
        return [c[2] + " " + "".join(c[3]) for c in self._chunks]

    def handle_starttag(self, tag, attrs):
        if tag in ("li", "tr"):
            self._open_items.append(False)
        elif tag == "a" and (self._in_link or _ARTICLE_LINK_RE.match(dict(attrs).get("href") or "")):
            self._open_items = [True] * len(self._open_items)
            self._in_link += 1
        if tag in ("h2", "h3") and dict(attrs).get("id"):
            self._in_heading = (int(tag[1]), dict(attrs)["id"])
            self._heading_text = []
        elif tag in _BLOCKS:
            self._append(" ")

    def handle_endtag(self, tag):
        if tag in ("li", "tr") and self._open_items:
            if self._open_items.pop() and self._chunks:
                self._chunks[-1][5] += 1
        elif tag == "a" and self._in_link:
            self._in_link -= 1
        if self._in_heading and tag == f"h{self._in_heading[0]}":
            level, anchor = self._in_heading
            text = _squash("".join(self._heading_text))
            self.headings.append(Heading(level, anchor, text))
            if level == 3 and self._last_h2 is not None:
                self._last_h2[4].append(text)
            self._chunks.append([level, anchor, text, [], [], 0, 0])
            if level == 2:
                # Kept, not searched for: an H3 looking back for its H2 made many H3s quadratic.
                self._last_h2 = self._chunks[-1]
            self._in_heading = None
        elif tag in _BLOCKS:
            self._append(" ")

    def handle_data(self, data):
        if self._in_heading:
            self._heading_text.append(data)
        else:
            self._append(data)
            if self._in_link and self._chunks:
                self._chunks[-1][6] += len(data.strip())

    def _append(self, text: str) -> None:
        if not self._chunks:
            self._intro.append(text)
            return
        self._chunks[-1][3].append(text)

    def sections(self) -> tuple[Section, ...]:
        out = []
        for level, anchor, heading, words, subs, linking_items, link_chars in self._chunks:
            text = _squash("".join(words))
            pointing = linking_items >= POINTER_ITEMS and link_chars >= POINTER_SHARE * len(text)
            out.append(Section(anchor, heading, level, text, tuple(subs), pointing))
        return tuple(out)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
