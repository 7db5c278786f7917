"""Which site language an inquiry is written in, when its log does not say.

lingua, restricted to the site's languages, is only a hint: a log's own language field always
wins, and on the site the URL locale decides. Scripts that only one site language uses (Thai,
Persian's Arabic script) are recognised without a model.
"""

from __future__ import annotations

import functools

import regex

_SCRIPTS = {
    "th": regex.compile(r"\p{Thai}"),
    "fa": regex.compile(r"\p{Arabic}"),
    "ar": regex.compile(r"\p{Arabic}"),
    "ja": regex.compile(r"[\p{Hiragana}\p{Katakana}]"),
    "ko": regex.compile(r"\p{Hangul}"),
    "zh": regex.compile(r"\p{Han}"),
    "ru": regex.compile(r"\p{Cyrillic}"),
    "el": regex.compile(r"\p{Greek}"),
    "he": regex.compile(r"\p{Hebrew}"),
}


@functools.lru_cache(maxsize=16)
def _lingua(langs: tuple[str, ...]):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    known = []
    for code in langs:
        try:
            known.append(IsoCode639_1.from_str(code.split("-")[0]))
        except ValueError:
            continue  # a language lingua does not know: never detected, only declared
    if len(known) < 2:
        return None
    return LanguageDetectorBuilder.from_iso_codes_639_1(*known).with_low_accuracy_mode().build()


class LanguageDetector:
    """Detects among the site's languages only; returns ``default`` when unsure."""

    def __init__(self, site_langs: list[str], default: str):
        self.langs = tuple(sorted(set(site_langs)))
        self.default = default
        by_script: dict[str, list[str]] = {}
        for code in self.langs:
            primary = code.split("-")[0]
            if primary in _SCRIPTS:
                by_script.setdefault(_SCRIPTS[primary].pattern, []).append(code)
        # A script is decisive only when exactly one site language writes it.
        self._scripts = [(regex.compile(p), codes[0]) for p, codes in by_script.items() if len(codes) == 1]
        self._rest = tuple(c for c in self.langs if not any(c == code for _, code in self._scripts))

    def detect(self, text: str) -> str:
        sample = text[:500]
        for pattern, code in self._scripts:
            if len(pattern.findall(sample)) >= max(2, len(sample) // 10):
                return code
        if len(self._rest) == 1:
            return self._rest[0]
        detector = _lingua(self._rest)
        if detector is None:
            return self.default
        found = detector.detect_language_of(sample)
        if found is None:
            return self.default
        code = found.iso_code_639_1.name.lower()
        return next((c for c in self._rest if c.split("-")[0] == code), self.default)

    def resolve(self, declared: str, text: str) -> str:
        """The log's own field when it names a site language (``th-TH`` counts as ``th``), else detection."""
        declared = (declared or "").strip()
        if declared:
            if declared in self.langs:
                return declared
            primary = declared.replace("_", "-").split("-")[0].lower()
            if primary in self.langs:
                return primary
        return self.detect(text)
