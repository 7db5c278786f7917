"""Customer wording made fit for a page: greeting, sign-off, self-introduction, order and tracking
numbers and sentences with contact details removed (:func:`clean_wording`), and what still looks
like one customer's (:func:`wording_problems`). Mining titles its suggestions with it; the review
queue offers the cleaned phrasings for an article's questions."""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import regex

from search import analyzer_for

# Nothing a customer wrote reaches an article until a person has seen it: merge and promote show
# each phrasing cleaned, checked only when nothing in it still looks like one customer's. The words are data: what opens and closes a message and how people name themselves
# in the site's languages. Every pattern is bounded: customers chose this text.
_NAME = r"(?!I['’])\p{Lu}[\p{Ll}\p{M}'’-]{1,30}"  # a capitalised word (not "I'm")


_GREETINGS = {  # (what opens a message, whom it greets: "hi there", "halo kak", "สวัสดีค่ะ แอดมิน")
    "en": (
        r"(?i:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening|day)|greetings|to whom it may concern)",
        r"(?i:there|team|all|everyone|guys|folks|support)",
    ),
    "th": (
        # "สอบถามค่ะ ..." (a question, please: ...) opens like a greeting; "สอบถามเรื่อง..." asks about something
        r"(?:สวัสดี|เรียน(?=ทีม|ฝ่าย|คุณ)|สอบถาม(?:หน่อย)?(?=ค่ะ|ครับ|คะ|ค่า|คับ|นะ|\s))",
        r"(?:ค่ะ|ครับ|คะ|ค่า|คับ|จ้า|นะคะ|นะครับ|แอดมิน|ทีมงาน|ฝ่าย[\p{L}\p{M}]{0,30}|คุณ[\p{L}\p{M}]{0,30})",
    ),
    "fa": (r"(?:با سلام|با عرض سلام|سلام|درود|تیم محترم)", r"(?:وقت بخیر|و احترام|خسته نباشید|\S{1,30} عزیز|عزیز)"),
    "id": (
        r"(?i:halo|hallo|hai|hi|selamat (?:pagi|siang|sore|malam)|dengan hormat|permisi|assalamualaikum|kakak|kak"
        r"|min|gan)",
        r"(?i:kakak|kak|min|admin|gan|sis|semua)",
    ),
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
    "en": (
        rf"(?i:i'm|i am|this is)\s+(?P<name>{_NAME}(?:\s+{_NAME})?)",
        rf"(?i:my name is)\s+(?P<name>{_NAME}(?:\s+{_NAME})?)",
    ),
    "th": (
        None,
        r"(?:ดิฉัน|ผม|หนู|ฉัน)ชื่อ(?:เล่น)?\s*(?P<name>[\p{L}\p{M}]{2,30}?)(?:นะคะ|นะครับ|ค่ะ|ครับ|คะ|นะ)?"
        r"(?=\s|$|[,.!?])",
    ),
    "fa": (
        r"من\s+(?P<name>[\p{L}\p{M}]{2,30})\s+هستم",
        r"(?:اسم من|اسمم|نام من)\s+(?P<name>[\p{L}\p{M}]{2,30})(?:\s+(?:است|هست))?",
    ),
    "id": (rf"(?i:saya|aku)\s+(?P<name>{_NAME})", rf"(?i:nama saya|namaku)\s+(?P<name>{_NAME})"),
    "lv": (rf"(?i:esmu)\s+(?P<name>{_NAME})", rf"(?i:mani sauc|mans vārds ir)\s+(?P<name>{_NAME})"),
}


_UNCASED = ("th", "fa")  # scripts without capitals: a name is any word in a name's place


# A business named by its legal form ("Studio Nord ApS", "PT Maju Jaya", "SIA Baltijas Dizains"): one
# customer's company, as much theirs as their own name. Latin letters in any language's text.
_COMPANY_RE = regex.compile(
    r"(?<![\p{L}\p{M}])(?:(?:PT|CV|SIA|UAB|OÜ)\s+\p{Lu}[\p{L}\p{M}'’&-]{0,30}"
    r"|(?:\p{Lu}[\p{L}\p{M}'’&-]{0,30}\s+){1,4}"
    r"(?:ApS|A/S|AS|AB|Oy|BV|NV|GmbH|AG|KG|Ltd|Limited|LLC|Inc|Corp|PLC|LLP|SA|SRL|SpA|SARL|SAS|Tbk))(?![\p{L}\p{M}])"
)


_PLACEHOLDER_RE = regex.compile(r"\[(?:EMAIL|PHONE|CARD|IBAN)\]")


# Order, tracking, invoice and gift-card numbers: one token of Latin letters and digits (of any
# script) with at least five digits (KM-2041-558913, 3SABC0123456789, CC123456789EE) or in three
# groups (GC-4X2Q-9X8Y). Thai letters may touch it: "เลขพัสดุKEXB1234567890ค่ะ".
_TOKEN_RE = regex.compile(r"(?<![A-Za-z\p{Nd}-])[A-Za-z\p{Nd}]++(?:-[A-Za-z\p{Nd}]++)*+")


_LABEL_RE = regex.compile(r"[^\n!?؟]{0,40}[:：]|\S{0,40}")  # what "Order number: KM-…" or "order KM-…" leaves


_SENTENCE_RE = regex.compile(r"(?<=[.!?؟…])\s+")


_THAI_SENTENCE_RE = regex.compile(r"(?<=ค่ะ|ค่า|ครับ|คับ|คะ|นะ|จ้า|[.!?🙏])\s+")  # Thai ends one with a particle


_TIDY_RE = regex.compile(r"[ \t]+([,.!?;:،؛؟])(?=\s|$)|[ \t]{2,}")

# An emoji with its variation selector, skin tone and the ones joined to it: a mood, not the question
# (and a box where the staff's fonts lack it).
_EMOJI_RE = regex.compile(r"\p{Extended_Pictographic}(?:[\uFE0F\p{Emoji_Modifier}]|\u200D\p{Extended_Pictographic})*")


def _reference(token: str) -> bool:
    digits = sum(c.isdigit() for c in token)
    return digits >= 5 or (digits > 0 and token.count("-") >= 2 and token == token.upper())


@functools.lru_cache(maxsize=16)
def _patterns(lang: str) -> dict[str, Any]:
    base = lang.split("-", maxsplit=1)[0] if lang.split("-", maxsplit=1)[0] in _GREETINGS else "en"
    word_end = "" if base == "th" else r"(?![\p{L}\p{M}])"  # Thai has no spaces between words
    sep = r"\s*" if base == "th" else r"[,،]?\s+"
    greeting, whom = _GREETINGS[base]
    closing = _CLOSINGS[base]
    at_start, anywhere = _INTRODUCTIONS[base]
    name = r"[\p{L}\p{M}]{2,30}" if base in _UNCASED else _NAME
    return {
        # "Dear Kestrel Market team," "Hello," "halo kak," "สวัสดีค่ะ": a greeting and whom it greets
        # (and "Hi Sophie That request ...": a reply's greeting without its comma)
        "greeting": regex.compile(
            rf"\s*{greeting}{word_end}(?:(?:{sep}{whom}{word_end}|\s+{_NAME}){{0,5}}"
            rf"(?:\s*[,!.:،؛]+\s*|\s*$|\s+(?=\p{{Lu}}))"
            rf"|(?:{sep}{whom}{word_end})*[\s,!.:،؛]*)"
        ),
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
    """A customer's text after :func:`clean_wording`, the names cleaning found in it, and whether a
    number was cut out of a sentence that stays: such a sentence may read with a hole ("The
    tracking for hasn't updated", "please cancel one of them.") where a number stood."""

    text: str
    names: tuple[str, ...]
    cut: bool = False


def clean_wording(text: str, lang: str) -> Wording:
    """The text without greeting, sign-off and self-introduction (their names are collected), order
    and tracking numbers, the sentences that hold contact details, and emoji; its lines are kept."""
    p = _patterns(lang)
    names: list[str] = []
    cut = False
    lines = [line.strip() for line in unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").split("\n")]

    def filled() -> list[int]:
        return [i for i, line in enumerate(lines) if line]

    def closing_names(m) -> list[str]:
        return regex.findall(_NAME, m.group("rest")) if p["cased"] else []

    for _ in range(2):  # "Hello Kestrel,\n\nhi can i ..."
        rows = filled()
        m = p["greeting"].match(lines[rows[0]]) if rows else None
        if m and m.end() and (m.end() < len(lines[rows[0]]) or len(rows) > 1):
            lines[rows[0]] = lines[rows[0]][m.end() :]
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
        lines[rows[0]] = lines[rows[0]][m.end() :]
    for i, original in enumerate(lines):
        names += [m.group("name") for m in p["intro"].finditer(original)]
        line = p["intro"].sub("", original)
        without = _TOKEN_RE.sub(lambda m: "" if _reference(m.group()) else m.group(), line)
        if without != line and _LABEL_RE.fullmatch(without.strip()):
            without = ""  # "Order number: KM-2041-558913" says nothing once the number is gone
        elif without != line:
            cut = True
        lines[i] = without
    if _PLACEHOLDER_RE.search("\n".join(lines)):
        lines = _without_contact_sentences(lines, p["sentences"])
    text = "\n".join(_TIDY_RE.sub(lambda m: m.group(1) or " ", _EMOJI_RE.sub(" ", line)).strip() for line in lines)
    return Wording(regex.sub(r"\n{3,}", "\n\n", text).strip(), tuple(dict.fromkeys(n for n in names if n)), cut)


def _without_contact_sentences(lines: list[str], sentences) -> list[str]:
    """The sentences with a placeholder after the last one without ("... You can call me on [PHONE].")
    go, if anything else is left: contact details close a message. One earlier in it is the question
    itself ("My card [CARD] is declined. Please check."): it stays, and so does its placeholder."""
    split = [sentences.split(line) for line in lines]
    asks = [
        (i, j)
        for i, parts in enumerate(split)
        for j, part in enumerate(parts)
        if regex.search(r"\p{L}", part) and not _PLACEHOLDER_RE.search(part)
    ]
    if not asks:
        return lines
    last = max(asks)
    out = [
        " ".join(part for j, part in enumerate(parts) if (i, j) <= last or not _PLACEHOLDER_RE.search(part))
        for i, parts in enumerate(split)
    ]
    return out


def wording_problems(text: str, names: Sequence[str]) -> tuple[str, ...]:
    """What in a cleaned phrasing still looks like one customer's: "name" (theirs or their company's),
    "number", "placeholder"."""
    problems = []
    if any(_mentions(text, name) for name in names) or _COMPANY_RE.search(text):
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
    return (
        regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(name)}(?![\p{{L}}\p{{M}}])", text, flags=regex.IGNORECASE)
        is not None
    )


# Channels whose text an agent wrote, a note of a conversation rather than the customer's words.
AGENT_WRITTEN = frozenset({"phone", "call", "voice", "telephone"})


def agent_written(channel: str) -> bool:
    """Did an agent write the inquiry (a note of a call), not the customer?"""
    return channel.casefold() in AGENT_WRITTEN


_CLAUSE_RE = regex.compile(r"^([^,:;؛–—.!?؟\n]{1,40}?)\s*(?:[,:;؛–—]|[.!?؟](?=\s))\s*")  # "Customer called, "
_FRAME_SHARE = 0.05  # of a language's agent notes a clause must open or close to be the notes' frame
_FRAME_MIN = 3


def _frame_key(segment: str) -> str:
    return " ".join(regex.sub(r"\p{N}+", "0", segment.casefold()).split())


class NoteFrames:
    """The frame agents write their notes of calls in ("Customer called, ... Advised as per help
    center."), learnt from the log: per language, the short opening clauses (up to 4 words before a
    comma, colon, dash or full stop) and closing sentences (up to 8 words) that recur in at least
    5% of its agent notes, and at least 3 of them. Left in, the frame is what the notes share, and
    notes about a parcel, a return and a refund made one suggestion. Customers' own messages are
    never touched: a question they repeat is the question."""

    def __init__(self, texts: Sequence[str], langs: Sequence[str], channels: Sequence[str] | None):
        self.openings: dict[str, frozenset[str]] = {}
        self.closings: dict[str, frozenset[str]] = {}
        if channels is None:
            return
        notes: dict[str, list[str]] = {}
        for text, lang, channel in zip(texts, langs, channels, strict=True):
            if agent_written(channel):
                notes.setdefault(lang, []).append(text)
        for lang, group in notes.items():
            sentences = _patterns(lang)["sentences"]
            opens: Counter[str] = Counter()
            closes: Counter[str] = Counter()
            for text in group:
                if (m := _CLAUSE_RE.match(text.strip())) and len(m.group(1).split()) <= 4:
                    opens[_frame_key(m.group(1))] += 1
                parts = [p for p in sentences.split(text.strip()) if p]
                if len(parts) > 1 and len(parts[-1].split()) <= 8:
                    closes[_frame_key(parts[-1])] += 1
            floor = max(_FRAME_MIN, _FRAME_SHARE * len(group))
            self.openings[lang] = frozenset(k for k, n in opens.items() if n >= floor)
            self.closings[lang] = frozenset(k for k, n in closes.items() if n >= floor)

    def strip(self, text: str, lang: str) -> str:
        """An agent note without its frame (the text itself when nothing else would be left)."""
        opens, closes = self.openings.get(lang, frozenset()), self.closings.get(lang, frozenset())
        out = text.strip()
        for _ in range(2):  # "Inbound call. Customer says ..." / "... Asked to send order no. by email."
            if (m := _CLAUSE_RE.match(out)) and _frame_key(m.group(1)) in opens and out[m.end() :].strip():
                out = out[m.end() :].strip()
            parts = [p for p in _patterns(lang)["sentences"].split(out) if p]
            if len(parts) > 1 and _frame_key(parts[-1]) in closes:
                out = out[: out.rstrip().rfind(parts[-1])].strip()
        return out or text


_FILLER_SHARE = 0.01  # of a language's clustered inquiries a sentence must recur in to be filler
_FILLER_CLUSTERS = 3  # ... over at least this many clusters, none of which holds half of it


class Fillers:
    """Sentences customers add to whatever they ask ("This is quite urgent.", "I already looked in
    the help center but couldn't find an answer."), learnt from the log once it is clustered: per
    language, a sentence of what was read of the inquiries (greeting, sign-off and numbers gone)
    that at least 1% of its clustered inquiries, and 3 at least, hold, spread over 3 clusters or
    more with none holding half of them; a question many ask is its own cluster's. A title leaves
    them out where something is left: they say nothing of what its cluster asks."""

    def __init__(self, read: Sequence[str], langs: Sequence[str], labels: np.ndarray):
        """``read``: what was read of each row (features.what_is_asked, already in the encoder's
        letters); ``labels``: each row's cluster, -1 for the unclustered."""
        keyed = [
            (lang, label, _sentence_keys(text, lang))
            for text, lang, label in zip(read, langs, labels.tolist(), strict=True)
            if label >= 0
        ]
        rows = Counter(lang for lang, _, _ in keyed)
        counts = Counter((lang, key) for lang, _, keys in keyed for key in keys)
        # only the frequent get a count per cluster: most sentences are said once
        where: dict[tuple[str, str], Counter[int]] = {
            k: Counter() for k, n in counts.items() if n >= max(_FRAME_MIN, _FILLER_SHARE * rows[k[0]])
        }
        for lang, label, keys in keyed:
            for key in keys:
                if (lang, key) in where:
                    where[(lang, key)][label] += 1
        found: dict[str, set[str]] = {lang: set() for lang in rows}
        for (lang, key), clusters in where.items():
            if len(clusters) >= _FILLER_CLUSTERS and 2 * max(clusters.values()) <= counts[(lang, key)]:
                found[lang].add(key)
        self.sentences = {lang: frozenset(keys) for lang, keys in found.items()}

    def strip(self, text: str, lang: str) -> str:
        """``text`` (cleaned wording) without the log's filler sentences; itself when nothing else is
        left. Each sentence is put in the encoder's letters first, as what the fillers were learnt from."""
        known = self.sentences.get(lang)
        if not known:
            return text
        split, read = _patterns(lang)["sentences"].split, analyzer_for(lang).encoder_text
        lines = [
            " ".join(part for part in split(line.strip()) if _frame_key(read(part)) not in known)
            for line in text.split("\n")
        ]
        out = "\n".join(lines).strip()
        return out if regex.search(r"[\p{L}\p{N}]", out) else text


def _sentence_keys(text: str, lang: str) -> set[str]:
    split = _patterns(lang)["sentences"].split
    return {key for line in text.split("\n") for part in split(line.strip()) if (key := _frame_key(part))}
