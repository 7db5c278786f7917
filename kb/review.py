"""The staff review queue: promote a mined suggestion to a draft FAQ, merge it, dismiss it, measure it.

Every action is a compare-and-set on the suggestion's status (two reviewers clicking at once:
one wins, the other gets :class:`ReviewError`) and writes a :class:`SuggestionAction` row with
who and when. Articles are written only through :func:`kb.authoring.save_article`, always as
drafts: an editor publishes. Customer and agent text is Markdown *source* here, so it is made
inert first: no raw HTML, no headings, lists, links or fences (and no runs of ``[`` that make
Python-Markdown quadratic), and redacted once more in case anything upstream missed. What reaches an
article is what a person chose from phrasings cleaned of greetings, names, order numbers and contact
details (:func:`clean_wording`).
Also the import-and-mine job that the upload page starts in a thread (:func:`run_job`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import os
import re
import threading
import unicodedata
from typing import Any, Callable, Sequence

import regex
from sqlalchemy import func, update

from . import locales
from .articles import Article, ArticleNotFound, ArticleStore, valid_slug
from .authoring import ArticleConflict, ArticleInvalid, article_meta, dump_article, save_article
from .db import Database, Inquiry, MiningJob, Suggestion, SuggestionAction, as_utc, utcnow
from .mining import answer_text
from .pii import redact

log = logging.getLogger(__name__)

STATUSES = ("new", "promoted", "merged", "dismissed")
COVERAGE = ("gap", "partial", "answered")
MAX_REASON_CHARS = 500
MAX_PROMOTED_QUESTIONS = 10
MAX_QUESTIONS, MAX_QUESTION_CHARS = 50, 300  # METADATA["questions"]: _text_list(50, 300)
MAX_TITLE_CHARS = 200
MAX_SLUG_CHARS = 80
IMPACT_WEEKS = 8  # at most this many weeks on each side of the article date


class ReviewError(ValueError):
    """The action cannot be done as asked (bad input, already acted on, article conflict); says why."""


class SuggestionNotFound(LookupError):
    """No suggestion with that id."""


# -- text: customer wording made safe as Markdown source ----------------------------------
_SPACE_RE = regex.compile(r"\s+")
_TAG_START_RE = re.compile(r"<(?=[A-Za-z/!?])")  # what would open raw HTML, a comment or an autolink
_ENTITY_RE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # "&lt;" typed by a customer stays those four characters
_INLINE_RE = re.compile(r"([\\`\[\]{}*_|])")  # characters Python-Markdown lets a backslash escape
_BLOCK_START_RE = re.compile(r"^([#>+\-!])")
_NUMBERED_RE = re.compile(r"^(\d+)\.")
_NOT_ESCAPABLE = {"~": "&#126;", "=": "&#61;"}  # a ~~~ fence or a === underline; no backslash escape exists
_SLUG_SEP_RE = regex.compile(r"[^\p{L}\p{M}\p{N}]+")


def one_line(text: str, limit: int) -> str:
    """NFC, whitespace collapsed, cut at a word boundary to ``limit`` characters (with an ellipsis)."""
    text = _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


def plain_markdown(text: str) -> str:
    """Plain text as Markdown that renders as the same plain paragraphs and nothing else."""
    paragraphs = []
    for para in re.split(r"\n\s*\n", unicodedata.normalize("NFC", text or "").replace("\r\n", "\n")):
        lines = []
        for line in para.split("\n"):
            line = _INLINE_RE.sub(r"\\\1", line.strip())
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
    """A slug from a title: lowercase letters/digits of any script joined by hyphens, or "" if none."""
    words = [w for w in _SLUG_SEP_RE.split(unicodedata.normalize("NFC", title).lower()) if w]
    slug = ""
    for w in words:
        if len(slug) + len(w) + 1 > MAX_SLUG_CHARS:
            break
        slug = f"{slug}-{w}" if slug else w
    if not slug and words:
        slug = words[0][:MAX_SLUG_CHARS]
    return slug.strip("-_") if valid_slug(slug.strip("-_")) else ""


def example_parts(example: Any) -> tuple[str, str]:
    """(text, lang) of a stored example, which is a string or a dict with "text" (and maybe "lang")."""
    if isinstance(example, dict):
        return str(example.get("text") or ""), str(example.get("lang") or "")
    return (example if isinstance(example, str) else ""), ""


def _key(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip().casefold()


# -- customer wording made fit for a public page ------------------------------------------
# Nothing a customer wrote reaches an article until a person has seen it: merge and promote show
# each phrasing cleaned (greeting, sign-off, self-introduction, order and tracking numbers and
# sentences with contact details removed), checked only when nothing in it still looks like one
# customer's. The words are data: what opens and closes a message and how people name themselves
# in the site's languages. Every pattern is bounded: customers chose this text.
_NAME = r"(?!I['’])\p{Lu}[\p{Ll}\p{M}'’-]{1,30}"  # a capitalised word (not "I'm")
_GREETINGS = {  # (what opens a message, whom it greets: "hi there", "halo kak", "สวัสดีค่ะ แอดมิน")
    "en": (r"(?i:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening|day)|greetings|to whom it may concern)",
           r"(?i:there|team|all|everyone|guys|folks|support)"),
    "th": (r"(?:สวัสดี|เรียน(?=ทีม|ฝ่าย|คุณ))",
           r"(?:ค่ะ|ครับ|คะ|ค่า|คับ|จ้า|นะคะ|นะครับ|แอดมิน|ทีมงาน|ฝ่าย[\p{L}\p{M}]{0,30}|คุณ[\p{L}\p{M}]{0,30})"),
    "fa": (r"(?:با سلام|با عرض سلام|سلام|درود|تیم محترم)", r"(?:وقت بخیر|و احترام|خسته نباشید|\S{1,30} عزیز|عزیز)"),
    "id": (r"(?i:halo|hallo|hai|hi|selamat (?:pagi|siang|sore|malam)|dengan hormat|permisi|assalamualaikum|kakak|kak"
           r"|min|gan)", r"(?i:kakak|kak|min|admin|gan|sis|semua)"),
    "lv": (r"(?i:sveiki|sveika|sveiks|labdien|labrīt|labvakar|čau)", r"(?i:cienījam\p{L}{0,4}|komanda|visiem)"),
}
_CLOSINGS = {  # what opens a sign-off ("Kind regards,\nAnna", "ขอบคุณค่ะ\nพิมพ์ชนก", "Cheers, Jan")
    "en": r"(?i:thanks|thank you|many thanks|kind regards|best regards|warm regards|regards|best wishes|best|cheers"
          r"|sincerely|yours (?:sincerely|truly|faithfully)|all the best|take care|thx)",
    "th": r"(?:ขอบคุณ|รบกวนด้วย|ด้วยความเคารพ)",
    "fa": r"(?:با تشکر|با سپاس|ممنون|متشکرم|سپاس|با احترام|ارادتمند)",
    "id": r"(?i:terima kasih|makasih|trims|salam|hormat saya|wassalam)",
    "lv": r"(?i:paldies|ar cieņu|jauku dienu|visu labu|ar sveicieniem)",
}
_INTRODUCTIONS = {  # a customer naming themself: (at the start of the message, anywhere in it)
    "en": (rf"(?i:i'm|i am|this is)\s+(?P<name>{_NAME}(?:\s+{_NAME})?)",
           rf"(?i:my name is)\s+(?P<name>{_NAME}(?:\s+{_NAME})?)"),
    "th": (None, r"(?:ดิฉัน|ผม|หนู|ฉัน)ชื่อ(?:เล่น)?\s*(?P<name>[\p{L}\p{M}]{2,30}?)(?:นะคะ|นะครับ|ค่ะ|ครับ|คะ|นะ)?"
                 r"(?=\s|$|[,.!?])"),
    "fa": (r"من\s+(?P<name>[\p{L}\p{M}]{2,30})\s+هستم",
           r"(?:اسم من|اسمم|نام من)\s+(?P<name>[\p{L}\p{M}]{2,30})(?:\s+(?:است|هست))?"),
    "id": (rf"(?i:saya|aku)\s+(?P<name>{_NAME})", rf"(?i:nama saya|namaku)\s+(?P<name>{_NAME})"),
    "lv": (rf"(?i:esmu)\s+(?P<name>{_NAME})", rf"(?i:mani sauc|mans vārds ir)\s+(?P<name>{_NAME})"),
}
_UNCASED = ("th", "fa")  # scripts without capitals: a name is any word in a name's place
_PLACEHOLDER_RE = regex.compile(r"\[(?:EMAIL|PHONE|CARD|IBAN)\]")
# Order, tracking, invoice and gift-card numbers: one token of Latin letters and digits (of any
# script) with at least five digits (KM-2041-558913, 3SABC0123456789, CC123456789EE) or in three
# groups (GC-4X2Q-9X8Y). Thai letters may touch it: "เลขพัสดุKEXB1234567890ค่ะ".
_TOKEN_RE = regex.compile(r"(?<![A-Za-z\p{Nd}-])[A-Za-z\p{Nd}]++(?:-[A-Za-z\p{Nd}]++)*+")
_LABEL_RE = regex.compile(r"[^\n!?؟]{0,40}[:：]|\S{0,40}")  # what "Order number: KM-…" or "order KM-…" leaves
_SENTENCE_RE = regex.compile(r"(?<=[.!?؟…])\s+")
_THAI_SENTENCE_RE = regex.compile(r"(?<=ค่ะ|ค่า|ครับ|คับ|คะ|นะ|จ้า|[.!?🙏])\s+")  # Thai ends one with a particle
_TIDY_RE = regex.compile(r"[ \t]+([,.!?;:،؛؟])(?=\s|$)|[ \t]{2,}")


def _reference(token: str) -> bool:
    digits = sum(c.isdigit() for c in token)
    return digits >= 5 or (digits > 0 and token.count("-") >= 2 and token == token.upper())


@functools.lru_cache(maxsize=16)
def _patterns(lang: str) -> dict[str, Any]:
    base = lang.split("-")[0] if lang.split("-")[0] in _GREETINGS else "en"
    word_end = "" if base == "th" else r"(?![\p{L}\p{M}])"  # Thai has no spaces between words
    sep = r"\s*" if base == "th" else r"[,،]?\s+"
    greeting, whom = _GREETINGS[base]
    closing = _CLOSINGS[base]
    at_start, anywhere = _INTRODUCTIONS[base]
    name = r"[\p{L}\p{M}]{2,30}" if base in _UNCASED else _NAME
    return {
        # "Dear Kestrel Market team," "Hello," "halo kak," "สวัสดีค่ะ": a greeting and whom it greets
        # (and "Hi Sophie That request ...": a reply's greeting without its comma)
        "greeting": regex.compile(rf"\s*{greeting}{word_end}(?:(?:{sep}{whom}{word_end}|\s+{_NAME}){{0,5}}"
                                  rf"(?:\s*[,!.:،؛]+\s*|\s*$|\s+(?=\p{{Lu}}))"
                                  rf"|(?:{sep}{whom}{word_end})*[\s,!.:،؛]*)"),
        "closing": regex.compile(rf"\s*{closing}{word_end}(?P<rest>[^?؟\n]{{0,60}})"),
        "name_line": regex.compile(rf"\s*{name}(?:\s+{name}){{0,2}}[\s.!]*"),
        "intro_start": regex.compile(rf"\s*{at_start}{word_end}[\s,.!]*") if at_start else None,
        "intro": regex.compile(rf"{anywhere}{word_end}[\s,.!]*"),
        "sentences": _THAI_SENTENCE_RE if base == "th" else _SENTENCE_RE,
        "last_words": regex.compile(r"\s+") if base == "th" else _SENTENCE_RE,  # where a sign-off may start
        "cased": base not in _UNCASED,
    }


@dataclasses.dataclass(frozen=True)
class Wording:
    """A customer's text after :func:`clean_wording`, and the names cleaning found in it."""

    text: str
    names: tuple[str, ...]


def clean_wording(text: str, lang: str) -> Wording:
    """The text without greeting, sign-off and self-introduction (their names are collected), order
    and tracking numbers, and the sentences that hold contact details; its lines are kept."""
    p = _patterns(lang)
    names: list[str] = []
    lines = [line.strip() for line in unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").split("\n")]

    def filled() -> list[int]:
        return [i for i, line in enumerate(lines) if line]

    def closing_names(m) -> list[str]:
        return regex.findall(_NAME, m.group("rest")) if p["cased"] else []

    for _ in range(2):  # "Hello Kestrel,\n\nhi can i ..."
        rows = filled()
        m = p["greeting"].match(lines[rows[0]]) if rows else None
        if m and m.end() and (m.end() < len(lines[rows[0]]) or len(rows) > 1):
            lines[rows[0]] = lines[rows[0]][m.end():]
    while len(rows := filled()) > 1:  # the sign-off, from the bottom up
        last, before = lines[rows[-1]], lines[rows[-2]]
        if not regex.search(r"[\p{L}\p{N}]", _PLACEHOLDER_RE.sub("", last)):
            lines[rows[-1]] = ""  # "Thanks,\nAnna\n[PHONE]"
        elif len(rows) > 2 and p["name_line"].fullmatch(last) and (m := p["closing"].fullmatch(before)):
            names += [last.strip(" .!"), *closing_names(m)]
            lines[rows[-1]] = lines[rows[-2]] = ""
        elif m := p["closing"].fullmatch(last):
            names += closing_names(m)
            lines[rows[-1]] = ""
        else:
            break
    if rows := filled():  # "... Where is it? Thank you!"
        sentences = p["last_words"].split(lines[rows[-1]])
        if len(sentences) > 1 and (m := p["closing"].fullmatch(sentences[-1])):
            names += closing_names(m)
            lines[rows[-1]] = lines[rows[-1]][: len(lines[rows[-1]]) - len(sentences[-1])].rstrip()
    if (rows := filled()) and p["intro_start"] is not None and (m := p["intro_start"].match(lines[rows[0]])):
        names.append(m.group("name"))
        lines[rows[0]] = lines[rows[0]][m.end():]
    for i, line in enumerate(lines):
        names += [m.group("name") for m in p["intro"].finditer(line)]
        line = p["intro"].sub("", line)
        without = _TOKEN_RE.sub(lambda m: "" if _reference(m.group()) else m.group(), line)
        if without != line and _LABEL_RE.fullmatch(without.strip()):
            without = ""  # "Order number: KM-2041-558913" says nothing once the number is gone
        lines[i] = without
    if _PLACEHOLDER_RE.search("\n".join(lines)):
        lines = _without_contact_sentences(lines, p["sentences"])
    text = "\n".join(_TIDY_RE.sub(lambda m: m.group(1) or " ", line).strip() for line in lines)
    return Wording(regex.sub(r"\n{3,}", "\n\n", text).strip(), tuple(dict.fromkeys(n for n in names if n)))


def _without_contact_sentences(lines: list[str], sentences) -> list[str]:
    """Sentences with a placeholder ("You can call me on [PHONE].") go, if anything else is left."""
    out = [" ".join(s for s in sentences.split(line) if not _PLACEHOLDER_RE.search(s)) for line in lines]
    return out if any(regex.search(r"\p{L}", line) for line in out) else lines


def wording_problems(text: str, names: Sequence[str]) -> tuple[str, ...]:
    """What in a cleaned phrasing still looks like one customer's: "name", "number", "placeholder"."""
    problems = []
    if any(_mentions(text, name) for name in names):
        problems.append("name")
    if any(_reference(m.group()) for m in _TOKEN_RE.finditer(text)):
        problems.append("number")
    if _PLACEHOLDER_RE.search(text):
        problems.append("placeholder")
    return tuple(problems)


def _mentions(text: str, name: str) -> bool:
    """``name`` in ``text`` as a whole word (any occurrence in Thai, which has no spaces)."""
    if regex.match(r"\p{Thai}", name):
        return name in text
    return regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(name)}(?![\p{{L}}\p{{M}}])", text,
                        flags=regex.IGNORECASE) is not None


LONG_PHRASING = 160  # a pasted e-mail rather than a question


@dataclasses.dataclass(frozen=True)
class Phrasing:
    """A customer's wording proposed as an article question; ``problems`` (see
    :func:`wording_problems`) say why it is not checked."""

    text: str
    problems: tuple[str, ...] = ()
    checked: bool = True


def _ranked_texts(suggestion: Suggestion, lang: str) -> list[tuple[int, str, str]]:
    """(rank, text, its language): the representative question, then the examples in ``lang``, then
    those of unknown language; other languages are left out."""
    ranked = [(0, suggestion.title or "", lang)]
    for ex in suggestion.examples or []:
        text, ex_lang = example_parts(ex)
        if not ex_lang or ex_lang == lang:
            ranked.append((1 if ex_lang == lang else 2, text, ex_lang or lang))
    return ranked


def customer_names(suggestion: Suggestion) -> tuple[str, ...]:
    """The names the cluster's customers signed or introduced themselves with (the log's customer
    field is never stored, only a keyed hash of it)."""
    texts = [(suggestion.title or "", suggestion.lang)] + [example_parts(ex) for ex in suggestion.examples or []]
    return tuple(dict.fromkeys(n for text, lang in texts for n in clean_wording(text, lang or suggestion.lang).names))


def proposed_phrasings(suggestion: Suggestion, lang: str, limit: int = MAX_PROMOTED_QUESTIONS) -> list[Phrasing]:
    """The cluster's phrasings for an article in ``lang``: redacted, cleaned (:func:`clean_wording`),
    one line each, deduplicated; clean short questions first, pasted e-mails after them, and the
    ones that still hold a name, a number or a placeholder last and unchecked."""
    names = customer_names(suggestion)
    cleaned, seen = [], set()
    for rank, text, text_lang in _ranked_texts(suggestion, lang):
        text = one_line(clean_wording(redact(text), text_lang).text, MAX_QUESTION_CHARS)
        if text and _key(text) not in seen:
            seen.add(_key(text))
            problems = wording_problems(text, names)
            cleaned.append((bool(problems), len(text) > LONG_PHRASING, rank, Phrasing(text, problems, not problems)))
    cleaned.sort(key=lambda c: c[:3])  # stable: the miner's order within each kind
    return [c[3] for c in cleaned[:limit]]


def resubmitted(suggestion: Suggestion, texts: Sequence[str], chosen: set[int]) -> list[Phrasing]:
    """Phrasings as a person submitted them (edited, ``chosen`` by index), checked again: the form
    shown again after an error keeps what they did."""
    names = customer_names(suggestion)
    return [Phrasing(text, wording_problems(text, names), i in chosen) for i, text in enumerate(texts)]


def default_title(suggestion: Suggestion, lang: str) -> str:
    """The first phrasing with nothing customer-specific left in it, or "" (a person writes one)."""
    return next((p.text for p in proposed_phrasings(suggestion, lang) if p.checked), "")


def _questions(suggestion: Suggestion, lang: str, submitted: Sequence[str] | None) -> list[str]:
    """What a person submitted (redacted again, one line each, deduplicated), or, without a form,
    the phrasings the form would have checked."""
    if submitted is None:
        return [p.text for p in proposed_phrasings(suggestion, lang) if p.checked]
    out, seen = [], set()
    for text in submitted[:MAX_QUESTIONS]:
        text = one_line(redact(str(text), MAX_QUESTION_CHARS * 2), MAX_QUESTION_CHARS)
        if text and _key(text) not in seen:
            seen.add(_key(text))
            out.append(text)
    return out


def _summary(answer: str) -> str:
    """The answer's first sentences, at least 40 characters of them, at most 200."""
    summary = ""
    for sentence in re.split(r"(?<=[.!?؟。])\s+|\n", answer.strip()):
        summary = f"{summary} {sentence}".strip()
        if len(summary) >= 40:
            break
    return one_line(summary, 200)


# -- suggestions: load and change state -------------------------------------------------
def get_suggestion(db: Database, suggestion_id: int) -> Suggestion:
    """:raise SuggestionNotFound:"""
    with db.session() as s:
        suggestion = s.get(Suggestion, suggestion_id)
        if suggestion is None:
            raise SuggestionNotFound(str(suggestion_id))
        return suggestion


def actions(db: Database, suggestion_id: int) -> list[SuggestionAction]:
    """The review log of one suggestion, oldest first."""
    with db.session() as s:
        return (s.query(SuggestionAction).filter_by(suggestion_id=suggestion_id)
                .order_by(SuggestionAction.created_at, SuggestionAction.id).all())


def list_suggestions(db: Database, *, lang: str = "", channel: str = "", status: str = "", priority: str = "",
                     coverage: str = "", page: int = 1, per_page: int = 25) -> tuple[list[Suggestion], int]:
    """One page of suggestions, best score first, and how many match; empty filters match all.

    ``channel`` matches a suggestion when any of its inquiries came through that channel.
    """
    with db.session() as s:
        q = s.query(Suggestion)
        for column, value in ((Suggestion.lang, lang), (Suggestion.status, status), (Suggestion.priority, priority),
                              (Suggestion.coverage, coverage)):
            if value:
                q = q.filter(column == value)
        if channel:
            q = q.filter(Suggestion.id.in_(s.query(Inquiry.suggestion_id).filter(Inquiry.channel == channel)))
        total = q.count()
        items = (q.order_by(Suggestion.score.desc(), Suggestion.id).offset((max(page, 1) - 1) * per_page)
                 .limit(per_page).all())
        return items, total


def filter_options(db: Database) -> dict[str, list[str]]:
    """The values each list filter can take, from what is stored."""
    with db.session() as s:
        def distinct(column, *where):
            return sorted(v for (v,) in s.query(column).filter(*where).distinct() if v)
        return {"lang": distinct(Suggestion.lang), "priority": distinct(Suggestion.priority),
                "channel": distinct(Inquiry.channel, Inquiry.suggestion_id.is_not(None)),
                "status": list(STATUSES), "coverage": list(COVERAGE)}


def as_dict(suggestion: Suggestion, *, full: bool = False) -> dict[str, Any]:
    """A suggestion as JSON: the list's fields, or (``full``) all the evidence.

    Customer text is redacted again on the way out (idempotent): a page never depends on every
    writer upstream having done it.
    """
    out = {"id": suggestion.id, "status": suggestion.status, "coverage": suggestion.coverage,
           "lang": suggestion.lang, "priority": suggestion.priority, "size": suggestion.size,
           "recent": suggestion.recent, "score": suggestion.score, "title": redact(suggestion.title or ""),
           "langs": suggestion.langs or {}, "channels": suggestion.channels or {}, "article": suggestion.article,
           "acted_at": suggestion.acted_at.isoformat() if suggestion.acted_at else None}
    if full:
        examples = [{**ex, "text": redact(str(ex.get("text") or ""))} if isinstance(ex, dict) else redact(str(ex))
                    for ex in suggestion.examples or []]
        out |= {"weekly": suggestion.weekly or [], "terms": [redact(str(t)) for t in suggestion.terms or []],
                "examples": examples, "draft_answer": redact(suggestion.draft_answer or ""),
                "nearest": suggestion.nearest or {}, "coverage_score": suggestion.coverage_score,
                "signals": suggestion.signals or {}, "dismiss_reason": suggestion.dismiss_reason,
                "mined_at": suggestion.mined_at.isoformat() if suggestion.mined_at else None}
    return out


def _transition(db: Database, suggestion_id: int, username: str, action: str, detail: str, *,
                frm: tuple[str, ...], to: str, **values) -> int:
    """Change the status only if it is still one of ``frm`` (compare-and-set) and log the action; its id."""
    with db.session() as s:
        if s.get(Suggestion, suggestion_id) is None:
            raise SuggestionNotFound(str(suggestion_id))
        done = s.execute(update(Suggestion).where(Suggestion.id == suggestion_id, Suggestion.status.in_(frm))
                         .values(status=to, **values)).rowcount
        if not done:
            raise ReviewError(f"this suggestion is no longer {' or '.join(frm)}; reload the page")
        entry = SuggestionAction(suggestion_id=suggestion_id, username=username, action=action, detail=detail)
        s.add(entry)
        s.flush()
        return entry.id


def _undo(db: Database, suggestion_id: int, action_id: int, username: str, what: str, exc: BaseException) -> None:
    """The file write after a claimed transition failed: back to new, and the log says why."""
    with db.session() as s:
        s.execute(update(Suggestion).where(Suggestion.id == suggestion_id)
                  .values(status="new", article=None, acted_at=None))
        s.execute(update(SuggestionAction).where(SuggestionAction.id == action_id)
                  .values(action="failed", detail=f"{what}: {exc}"[:1000]))


def _site_lang(store: ArticleStore, lang: str) -> str:
    if not locales.valid_code(lang) or lang not in store.languages():
        raise ReviewError(f"{lang!r} is not a language of this help center")
    return lang


def _free_slug(store: ArticleStore, base: str) -> str:
    """``base``, or ``base-2``, ``base-3``...: a slug no language uses yet (the slug is the translation key)."""
    taken = {a.slug for a in store.articles()} | {p.stem for lang in store.languages()
                                                   for p in (store.root / lang).glob("*.md")}
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: MAX_SLUG_CHARS - len(suffix)] + suffix
    return slug


def _reindex(kb_search, lang: str, slug: str) -> None:
    """The article file is written either way; the index is a cache that a rebuild catches up."""
    try:
        kb_search.update_article(lang, slug)
    except Exception:  # noqa: BLE001 - a busy or missing index must not undo a saved review action
        log.exception("could not re-index %s/%s after a review action", lang, slug)


def promote(db: Database, kb_search, suggestion_id: int, username: str, *, lang: str | None = None,
            slug: str | None = None, title: str | None = None, category: str | None = None,
            questions: Sequence[str] | None = None) -> Article:
    """Create a draft article from the suggestion and index it (drafts are never in public search).

    ``questions`` are the phrasings a person chose on the form; without them (and without a
    ``title``), the ones the form proposes checked. The answer is the agents' typical reply,
    cleaned the same way.

    :raise SuggestionNotFound:
    :raise ReviewError: not new any more, a bad language, slug or category, or the slug is taken.
    """
    store: ArticleStore = kb_search.articles
    suggestion = get_suggestion(db, suggestion_id)
    lang = _site_lang(store, lang or suggestion.lang)
    title = one_line(redact(title or default_title(suggestion, lang), MAX_TITLE_CHARS * 2), MAX_TITLE_CHARS)
    if not title:
        raise ReviewError("a title is needed")
    if slug:
        slug = unicodedata.normalize("NFC", slug.strip())
        if not valid_slug(slug) or len(slug) > MAX_SLUG_CHARS:
            raise ReviewError(f"{slug!r} is not a valid slug (letters, digits, '-' and '_', at most {MAX_SLUG_CHARS})")
        if store.translations(slug) or store.path_for(lang, slug).exists():
            raise ReviewError(f"an article {slug!r} exists already; merge into it instead")
    else:
        slug = _free_slug(store, slugify(title) or f"faq-{suggestion.id}")
    if category is None:
        category = _nearest_category(store, suggestion)
    answer = clean_wording(answer_text(suggestion.draft_answer or ""), lang).text
    meta = {"title": title, "summary": _summary(answer), "category": category or "",
            "questions": _questions(suggestion, lang, questions), "status": "draft"}
    text = dump_article(meta, plain_markdown(answer))
    # Claim the suggestion first: of two reviewers promoting at once, only one writes a file.
    claim = _transition(db, suggestion_id, username, "promote", f"{lang}/{slug}", frm=("new",), to="promoted",
                        article=f"{lang}/{slug}", acted_at=utcnow(), dismiss_reason=None)
    try:
        article, _ = save_article(store, lang, slug, text, create=True, db=db, username=username, action="promote")
    except BaseException as exc:
        _undo(db, suggestion_id, claim, username, f"promote to {lang}/{slug}", exc)
        if isinstance(exc, (ArticleInvalid, ArticleConflict, ArticleNotFound)):
            raise ReviewError(f"the draft could not be saved: {exc}") from exc
        raise
    _reindex(kb_search, lang, slug)
    return article


def _nearest_category(store: ArticleStore, suggestion: Suggestion) -> str:
    nearest = suggestion.nearest or {}
    try:
        return store.get(str(nearest.get("lang", "")), str(nearest.get("slug", ""))).category
    except ArticleNotFound:
        return ""


def merge(db: Database, kb_search, suggestion_id: int, username: str, lang: str, slug: str,
          questions: Sequence[str] | None = None) -> Article:
    """Append phrasings to an existing article's ``questions`` and re-index it: ``questions`` as a
    person chose them on the form, or without a form the ones it proposes checked.

    Duplicates (ignoring case and spacing) are skipped; the list stops at the front matter's
    limit of 50. :raise SuggestionNotFound: :raise ReviewError: no such article, not new any
    more, or no room left.
    """
    store: ArticleStore = kb_search.articles
    suggestion = get_suggestion(db, suggestion_id)
    try:
        store.get(_site_lang(store, lang), slug)
    except ArticleNotFound as exc:
        raise ReviewError(f"there is no article {lang}/{slug}") from exc
    claim = _transition(db, suggestion_id, username, "merge", f"{lang}/{slug}", frm=("new",), to="merged",
                        article=f"{lang}/{slug}", acted_at=utcnow(), dismiss_reason=None)
    try:
        article, added, left_out = _merge_questions(db, store, _questions(suggestion, lang, questions), username,
                                                    lang, slug)
    except BaseException as exc:
        _undo(db, suggestion_id, claim, username, f"merge into {lang}/{slug}", exc)
        raise
    with db.session() as s:
        s.execute(update(SuggestionAction).where(SuggestionAction.id == claim).values(
            detail=f"{lang}/{slug}: {added} phrasings added" + (f", {left_out} left out (limit)" if left_out else "")))
    _reindex(kb_search, lang, slug)
    return article


def _merge_questions(db: Database, store: ArticleStore, questions: list[str], username: str, lang: str,
                     slug: str) -> tuple[Article, int, int]:
    """Write the new phrasings into the article; (article, how many added, how many did not fit)."""
    for attempt in range(3):  # someone saving the same article in between: read it again and redo
        try:
            article = store.get(lang, slug)
        except ArticleNotFound as exc:
            raise ReviewError(f"there is no article {lang}/{slug}") from exc
        existing = list(article.questions)
        seen = {_key(q) for q in existing}
        new = [q for q in questions if _key(q) not in seen]
        room = max(0, MAX_QUESTIONS - len(existing))
        added = new[:room]
        if new and not added:
            raise ReviewError(f"{lang}/{slug} already has {MAX_QUESTIONS} questions; remove some first")
        meta = article_meta(article) | {"questions": existing + added}
        if not added:
            return article, 0, 0  # every phrasing is there already: nothing to write
        try:
            saved, _ = save_article(store, lang, slug, dump_article(meta, article.body),
                                    expected_revision=article.revision, db=db, username=username, action="merge")
            return saved, len(added), len(new) - len(added)
        except ArticleConflict:
            if attempt == 2:
                raise ReviewError(f"{lang}/{slug} keeps changing; try again") from None
        except ArticleInvalid as exc:
            raise ReviewError(f"{lang}/{slug} could not be saved: {exc}") from exc
    raise AssertionError("unreachable")


def dismiss(db: Database, suggestion_id: int, username: str, reason: str) -> None:
    """Dismiss with a reason (required, at most 500 characters); re-mining keeps it dismissed.

    :raise SuggestionNotFound: :raise ReviewError:
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("a reason is needed to dismiss a suggestion")
    if len(reason) > MAX_REASON_CHARS:
        raise ReviewError(f"the reason is {len(reason)} characters; the limit is {MAX_REASON_CHARS}")
    _transition(db, suggestion_id, username, "dismiss", reason, frm=("new",), to="dismissed",
                dismiss_reason=reason, acted_at=utcnow())


def reopen(db: Database, suggestion_id: int, username: str) -> None:
    """Back to the queue (status new). A draft already written stays where it is; the log keeps the history.

    :raise SuggestionNotFound: :raise ReviewError: when it is new already.
    """
    before = get_suggestion(db, suggestion_id)
    detail = f"was {before.status}" + (f" ({before.article})" if before.article else "")
    _transition(db, suggestion_id, username, "reopen", detail, frm=("promoted", "merged", "dismissed"), to="new",
                dismiss_reason=None, article=None, acted_at=None)


# -- did the FAQ reduce inquiries? ------------------------------------------------------
def article_date(suggestion: Suggestion, articles: ArticleStore | None = None) -> tuple[dt.datetime | None, str]:
    """(when the answer went out, why that date): the article's ``updated`` date once it is published,
    else the time of the review action."""
    if suggestion.status not in ("promoted", "merged") or suggestion.acted_at is None:
        return None, ""
    acted = as_utc(suggestion.acted_at)
    if articles is not None and suggestion.article:
        lang, _, slug = suggestion.article.partition("/")
        try:
            article = articles.get(lang, slug)
        except ArticleNotFound:
            article = None
        # A promoted draft answers nobody until an editor publishes it; merged phrasings work at once.
        if suggestion.status == "promoted" and article is not None and article.published and article.updated:
            published = dt.datetime.combine(article.updated, dt.time(), tzinfo=dt.timezone.utc)
            return max(published, acted), "published"
    return acted, "action"


def impact(db: Database, suggestion: Suggestion, articles: ArticleStore | None = None) -> dict | None:
    """The cluster's inquiries per language and week, before and after the article date.

    Windows are whole weeks counted back and forward from the date (at most 8 each side, and
    never past the first or last inquiry of the whole log, so a log that ends early does not
    read as "no more questions"); the averages per week are what to compare. None before any
    promote or merge.
    """
    date, basis = article_date(suggestion, articles)
    if date is None:
        return None
    with db.session() as s:
        first, last = s.query(func.min(Inquiry.created_at), func.max(Inquiry.created_at)).one()
        rows = s.query(Inquiry.lang, Inquiry.created_at).filter(Inquiry.suggestion_id == suggestion.id).all()
    week = dt.timedelta(days=7)
    if first is None:
        weeks_before = weeks_after = 0
    else:
        weeks_before = min(IMPACT_WEEKS, max(0, -(-(date - as_utc(first)) // week)))
        weeks_after = min(IMPACT_WEEKS, max(0, -(-(as_utc(last) - date) // week)))
    start, end = date - weeks_before * week, date + weeks_after * week
    per_lang: dict[str, dict[str, Any]] = {}
    for lang, created in rows:
        created = as_utc(created)
        if not start <= created <= end or weeks_before + weeks_after == 0:
            continue
        entry = per_lang.setdefault(lang or "", {"lang": lang or "", "before": 0, "after": 0,
                                                 "weeks": [0] * (weeks_before + weeks_after)})
        entry["before" if created < date else "after"] += 1
        index = (created - date) // week + weeks_before  # the week just before the date is weeks_before - 1
        entry["weeks"][min(index, weeks_before + weeks_after - 1)] += 1
    langs = []
    for entry in sorted(per_lang.values(), key=lambda e: -(e["before"] + e["after"])):
        entry["per_week_before"] = round(entry["before"] / weeks_before, 2) if weeks_before else None
        entry["per_week_after"] = round(entry["after"] / weeks_after, 2) if weeks_after else None
        b, a = entry["per_week_before"], entry["per_week_after"]
        entry["change"] = round((a - b) / b, 3) if a is not None and b else None
        langs.append(entry)
    return {"date": date.isoformat(), "basis": basis, "weeks_before": weeks_before, "weeks_after": weeks_after,
            "week_starts": [(date + (i - weeks_before) * week).date().isoformat()
                            for i in range(weeks_before + weeks_after)],
            "langs": langs}


# -- import-and-mine jobs (the upload page runs these in a thread) ------------------------
def jsonable(value: Any) -> Any:
    """Dataclasses, tuples, dates and numpy scalars as plain JSON values (for MiningJob.report)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        return value.item()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


INGEST_COUNTS = ("read", "kept", "duplicates", "rejected", "redacted")


def job_counts(report: dict) -> tuple[dict, dict]:
    """(import counts with warnings and bad rows, mining counts) from a job's stored report."""
    ingest = report.get("ingest") or report.get("import") or report
    ingest = ingest if isinstance(ingest, dict) else {}
    mined = report.get("mine") or report.get("mining")
    if not isinstance(mined, dict):
        mined = {k: v for k, v in report.items()
                 if k not in (*INGEST_COUNTS, "encoding") and isinstance(v, (int, float)) and not isinstance(v, bool)}
    counts = {k: ingest[k] for k in INGEST_COUNTS if k in ingest}
    counts |= {"encoding": ingest.get("encoding", ""), "warnings": list(ingest.get("warnings") or []),
               "bad_rows": [list(r) for r in ingest.get("bad_rows") or []]}
    return counts, {k: v for k, v in mined.items() if isinstance(v, (int, float, str)) and not isinstance(v, bool)}


def create_job(db: Database, username: str, filename: str) -> int:
    with db.session() as s:
        job = MiningJob(username=username, filename=filename[:255], status="queued", report={})
        s.add(job)
        s.flush()
        return job.id


def get_job(db: Database, job_id: int) -> MiningJob | None:
    with db.session() as s:
        return s.get(MiningJob, job_id)


def recent_jobs(db: Database, limit: int = 10) -> list[MiningJob]:
    with db.session() as s:
        return s.query(MiningJob).order_by(MiningJob.id.desc()).limit(limit).all()


def _set_job(db: Database, job_id: int, **values) -> None:
    with db.session() as s:
        s.execute(update(MiningJob).where(MiningJob.id == job_id).values(**values))


# Share of the whole job per kb.mining stage: a rough guess (embedding and clustering dominate big logs).
STAGE_SPANS = {"importing": (0.0, 0.3), "loading": (0.3, 0.35), "embedding": (0.35, 0.7),
               "clustering": (0.7, 0.85), "evidence": (0.85, 0.9), "coverage": (0.9, 0.97), "saving": (0.97, 1.0),
               "done": (1.0, 1.0)}
_one_job_at_a_time = threading.Lock()  # mining rewrites every suggestion: two runs in one process would race


def run_job(db: Database, kb_search, job_id: int, path: str, *, secret: str, mapping: dict[str, str] | None = None,
            since: dt.datetime | None = None, import_and_mine: Callable | None = None) -> None:
    """Import the file and mine, recording stage and progress on the job row; the file is deleted after.

    Never raises: a file that cannot be read (binary, no text column) fails the job with the
    reader's message; anything unexpected fails it with a generic one and is logged.
    """
    from .ingest import IngestError

    if import_and_mine is None:
        from .mining import import_and_mine
    last = {"at": 0.0, "stage": "", "overall": 0.0}

    def on_progress(stage: str, fraction: float) -> None:
        """The miner reports a fraction within each stage; the job row shows the whole job's."""
        start, end = STAGE_SPANS.get(stage, (last["overall"], last["overall"]))
        overall = max(last["overall"], start + (end - start) * min(1.0, max(0.0, float(fraction))))
        now = dt.datetime.now().timestamp()
        if stage == last["stage"] and now - last["at"] < 0.5:
            return  # a row update per half second is plenty for a page that refreshes every 2 s
        last.update(at=now, stage=stage, overall=overall)
        _set_job(db, job_id, stage=str(stage)[:32], progress=overall)

    try:
        with _one_job_at_a_time:
            _set_job(db, job_id, status="running", stage="importing", progress=0.0)
            result = import_and_mine(db, kb_search, path, secret=secret, mapping=mapping, since=since,
                                     on_progress=on_progress)
        _set_job(db, job_id, status="done", stage="done", progress=1.0, report=jsonable(result or {}),
                 finished_at=utcnow())
    except IngestError as exc:
        _set_job(db, job_id, status="failed", error=str(exc), finished_at=utcnow())
    except Exception:  # noqa: BLE001 - a background job must record its failure, not vanish
        log.exception("mining job %s failed", job_id)
        _set_job(db, job_id, status="failed", error="the job failed unexpectedly; the server log has the details",
                 finished_at=utcnow())
    finally:
        try:
            os.unlink(path)  # the raw upload holds unredacted PII: keep it no longer than needed
        except OSError:
            pass


def start_job(db: Database, kb_search, job_id: int, path: str, **kw) -> threading.Thread:
    """:func:`run_job` in a daemon thread; returns the thread (tests join it)."""
    thread = threading.Thread(target=run_job, args=(db, kb_search, job_id, path), kwargs=kw,
                              name=f"kb-mining-job-{job_id}", daemon=True)
    thread.start()
    return thread
