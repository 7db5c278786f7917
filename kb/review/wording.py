"""Customer wording made safe as Markdown source (no raw HTML, headings, lists, links or fences), and
the phrasings a reviewer is offered for an article's questions, cleaned by :mod:`kb.mining.wording`."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import regex
from anyascii import anyascii

from kb.content.articles import valid_slug
from kb.db import Suggestion
from kb.mining.redaction import redact
from kb.mining.wording import clean_wording, wording_problems

# -- text: customer wording made safe as Markdown source ----------------------------------
MAX_PROMOTED_QUESTIONS = 10
MAX_QUESTIONS, MAX_QUESTION_CHARS = 50, 300  # METADATA["questions"]: _text_list(50, 300)
MAX_SLUG_CHARS = 80

_SPACE_RE = regex.compile(r"\s+")


_TAG_START_RE = re.compile(r"<(?=[A-Za-z/!?])")  # what would open raw HTML, a comment or an autolink


_ENTITY_RE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # "&lt;" typed by a customer stays those four characters


_INLINE_RE = re.compile(r"([\\`\[\]{}*_|])")  # characters Python-Markdown lets a backslash escape


_BLOCK_START_RE = re.compile(r"^([#>+\-!])")


_NUMBERED_RE = re.compile(r"^(\d+)\.")


_NOT_ESCAPABLE = {"~": "&#126;", "=": "&#61;"}  # a ~~~ fence or a === underline; no backslash escape exists


_SLUG_SEP_RE = regex.compile(r"[^a-z0-9]+")


def one_line(text: str, limit: int) -> str:
    """NFC, whitespace collapsed, cut at a word boundary to ``limit`` characters (with an ellipsis)."""
    text = _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


def plain_markdown(text: str) -> str:
    """Plain text as Markdown that renders as the same plain paragraphs and nothing else."""
    paragraphs = []
    for para in re.split(r"\n\s*\n", unicodedata.normalize("NFC", text or "").replace("\r\n", "\n")):
        lines = []
        for raw in para.split("\n"):
            line = _INLINE_RE.sub(r"\\\1", raw.strip())
            line = _TAG_START_RE.sub("&lt;", _ENTITY_RE.sub("&amp;", line))
            line = _NUMBERED_RE.sub(r"\1\\.", _BLOCK_START_RE.sub(r"\\\1", line))
            if line[:1] in _NOT_ESCAPABLE:
                line = _NOT_ESCAPABLE[line[0]] + line[1:]
            if line:
                lines.append(line)
        if lines:
            paragraphs.append("  \n".join(lines))  # keep the writer's line breaks
    return "\n\n".join(paragraphs)


def slugify(title: str) -> str:
    """An ASCII slug from a title, or "" if none: any script transliterated (anyascii), lowercase words
    joined by hyphens, and no word holding a digit (an order or tracking number is never a URL)."""
    ascii_text = anyascii(unicodedata.normalize("NFC", title)).lower()
    words = [w for w in _SLUG_SEP_RE.split(ascii_text) if w and not any(c.isdigit() for c in w)]
    slug = ""
    for w in words:
        if len(slug) + len(w) + 1 > MAX_SLUG_CHARS:
            break
        slug = f"{slug}-{w}" if slug else w
    if not slug and words:
        slug = words[0][:MAX_SLUG_CHARS]
    return slug if valid_slug(slug) else ""


def example_parts(example: Any) -> tuple[str, str]:
    """(text, lang) of a stored example, which is a string or a dict with "text" (and maybe "lang")."""
    if isinstance(example, dict):
        return str(example.get("text") or ""), str(example.get("lang") or "")
    return (example if isinstance(example, str) else ""), ""


def title_in(suggestion: Suggestion, lang: str, *, exact: bool = False) -> str:
    """The suggestion's question as asked in ``lang``; else (unless ``exact``) in its main language."""
    titles = suggestion.titles or {}
    if lang in titles:
        return str(titles[lang])
    return (suggestion.title or "") if lang == suggestion.lang or not exact else ""


def dedup_key(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip().casefold()


LONG_PHRASING = 160  # a pasted e-mail rather than a question


@dataclasses.dataclass(frozen=True)
class Phrasing:
    """A customer's wording proposed as an article question; ``problems`` (those of
    :func:`wording_problems`, and "cut" when a number was taken out of it) say why it is not checked."""

    text: str
    problems: tuple[str, ...] = ()
    checked: bool = True


def _ranked_texts(suggestion: Suggestion, lang: str) -> list[tuple[int, str, str]]:
    """(rank, text, its language): the representative question, then the examples in ``lang``, then
    those of unknown language; other languages are left out."""
    ranked = [(0, title, lang)] if (title := title_in(suggestion, lang, exact=True)) else []
    for ex in suggestion.examples or []:
        text, ex_lang = example_parts(ex)
        if not ex_lang or ex_lang == lang:
            ranked.append((1 if ex_lang == lang else 2, text, ex_lang or lang))
    return ranked


def customer_names(suggestion: Suggestion) -> tuple[str, ...]:
    """The names the cluster's customers signed or introduced themselves with (the log's customer
    field is never stored, only a keyed hash of it)."""
    texts = [(suggestion.title or "", suggestion.lang), *((t, code) for code, t in (suggestion.titles or {}).items())]
    texts += [example_parts(ex) for ex in suggestion.examples or []]
    return tuple(dict.fromkeys(n for text, lang in texts for n in clean_wording(text, lang or suggestion.lang).names))


def proposed_phrasings(suggestion: Suggestion, lang: str, limit: int = MAX_PROMOTED_QUESTIONS) -> list[Phrasing]:
    """The cluster's phrasings for an article in ``lang``: redacted, cleaned (:func:`clean_wording`),
    one line each, deduplicated; clean short questions first, pasted e-mails after them, and the
    ones that still hold a name, a number or a placeholder, or that a number was cut out of ("the
    tracking for hasn't updated"), last and unchecked."""
    names = customer_names(suggestion)
    lines = []  # (rank, cleaned text, whether a number was cut out of it)
    for rank, raw, text_lang in _ranked_texts(suggestion, lang):
        wording = clean_wording(redact(raw), text_lang)
        lines.append((rank, one_line(wording.text, MAX_QUESTION_CHARS), wording.cut))
    # The title was cleaned by mining: it has a cut when the example it came from has one.
    cut = {dedup_key(text) for _, text, was_cut in lines if was_cut}
    cleaned, seen = [], set()
    for rank, text, _ in lines:
        if text and dedup_key(text) not in seen:
            seen.add(dedup_key(text))
            problems = wording_problems(text, names) + (("cut",) if dedup_key(text) in cut else ())
            cleaned.append((bool(problems), len(text) > LONG_PHRASING, rank, Phrasing(text, problems, not problems)))
    cleaned.sort(key=lambda c: c[:3])  # stable: the miner's order within each kind
    return [c[3] for c in cleaned[:limit]]


def resubmitted(suggestion: Suggestion, texts: Sequence[str], chosen: set[int]) -> list[Phrasing]:
    """Phrasings as a person submitted them (edited, ``chosen`` by index), checked again: the form
    shown again after an error keeps what they did."""
    names = customer_names(suggestion)
    return [Phrasing(text, wording_problems(text, names), i in chosen) for i, text in enumerate(texts)]


def default_title(suggestion: Suggestion, lang: str) -> str:
    """The first phrasing with nothing customer-specific left in it (one a number was cut out of
    only when there is no other: it may read with a hole, but it is nobody's), or "" (a person
    writes one)."""
    phrasings = proposed_phrasings(suggestion, lang)
    uncut = (p.text for p in phrasings if p.checked)
    return next(uncut, next((p.text for p in phrasings if p.problems == ("cut",)), ""))


def article_questions(suggestion: Suggestion, lang: str, submitted: Sequence[str] | None) -> list[str]:
    """What a person submitted (redacted again, one line each, deduplicated), or, without a form,
    the phrasings the form would have checked."""
    if submitted is None:
        return [p.text for p in proposed_phrasings(suggestion, lang) if p.checked]
    out, seen = [], set()
    for raw in submitted[:MAX_QUESTIONS]:
        text = one_line(redact(str(raw), MAX_QUESTION_CHARS * 2), MAX_QUESTION_CHARS)
        if text and dedup_key(text) not in seen:
            seen.add(dedup_key(text))
            out.append(text)
    return out


def summary_of(answer: str) -> str:
    """The answer's first sentences, at least 40 characters of them, at most 200."""
    summary = ""
    for sentence in re.split(r"(?<=[.!?؟。])\s+|\n", answer.strip()):
        summary = f"{summary} {sentence}".strip()
        if len(summary) >= 40:
            break
    return one_line(summary, 200)
