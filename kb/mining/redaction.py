"""PII redaction for anything customers type: search queries now, inquiry logs too.

Emails, phone numbers, payment card numbers (Luhn-checked) and IBANs (mod-97 checked) become
placeholders before anything is stored, indexed, embedded or logged. Order numbers
(``KM-2041-558913``) and tracking numbers are kept: they are not personal, and customers ask about
them. Digits of any script count (Persian customers type ۰۹۱۲ ...). Over-redaction hurts question mining, so numbers are only called cards or IBANs when their
checksum says so, and a bare long digit run is only a phone number when it is written like one.

Every pattern runs in time linear in the text (anonymous visitors choose the text): a match can
only start where a run of its characters starts (a lookbehind or \b), and it then either consumes a run
possessively or repeats a bounded number of times. ``max_chars`` cuts a field to its stored length
before any pattern runs.
"""

from __future__ import annotations

import re

import regex

EMAIL = "[EMAIL]"
PHONE = "[PHONE]"
CARD = "[CARD]"
IBAN = "[IBAN]"

# Started only at the start of a run of local-part characters, or right where the previous match
# ended (\G): from every position inside "aaaa…" the unanchored pattern rescanned the rest of the
# run (redact("a" * 40000) took 27 s).
_EMAIL_RE = regex.compile(r"(?:\G|(?<![\w.+-]))[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
# 13-19 digits, optionally grouped by single spaces or dashes.
_CARD_RE = re.compile(r"(?<![\w-])(?:\d[ -]?){12,18}\d(?![\w-])")
_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
# International (+ or 00) numbers, or local numbers written with separators or parentheses.
_PHONE_RE = re.compile(
    r"(?<![\w+-])(?:(?:\+|00)\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}"
    r"|\(?[0\u06f0\u0660]\d{1,4}\)?[ .-]\d{2,4}(?:[ .-]\d{2,4}){1,3})(?![\w-])"
)


def luhn_ok(digits: str) -> bool:
    total, parity = 0, len(digits) % 2
    for i, ch in enumerate(digits):
        d = int(ch)  # any script's digits: Persian and Arabic-Indic ones too
        if i % 2 == parity:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(text: str) -> bool:
    s = text.replace(" ", "")
    if not 15 <= len(s) <= 34:
        return False
    moved = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def _card(m: re.Match) -> str:
    digits = re.sub(r"\D", "", m.group())
    return CARD if 13 <= len(digits) <= 19 and luhn_ok(digits) else m.group()


def _iban(m: re.Match) -> str:
    return IBAN if iban_ok(m.group()) else m.group()


# Kept beyond a cut until after redaction, so that an email, phone, card or IBAN straddling the cut
# is replaced whole instead of leaving a fragment that no pattern recognises (emails are at most
# 254 characters).
_CUT_MARGIN = 256


def redact(text: str, max_chars: int | None = None) -> str:
    """The text with emails, phones, Luhn-valid cards and valid IBANs replaced by placeholders,
    cut to ``max_chars`` (before the patterns run, so the work is bounded by the stored length)."""
    if not text:
        return text
    if max_chars is not None:
        text = text[: max_chars + _CUT_MARGIN]
    text = _EMAIL_RE.sub(EMAIL, text)
    text = _IBAN_RE.sub(_iban, text)
    text = _CARD_RE.sub(_card, text)
    text = _PHONE_RE.sub(PHONE, text)
    return text if max_chars is None else text[:max_chars]
