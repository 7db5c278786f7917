"""Per-language text analysis: one factory, graceful degradation for any language.

An analyzer turns text into ``(term, start, end)`` triples whose offsets point into the
original text, so the same code serves indexing, querying and snippet highlighting. The
pipeline is built from small pieces chosen per language:

    raw words  ->  segmentation (Thai, CJK, Persian affixes)  ->  normalisation  ->  stop words  ->  stemming

Any language gets the Unicode word pattern, case folding and diacritic folding for Latin,
Greek and Cyrillic script; languages with a Snowball stemmer also get stemming (Croatian and
Ukrainian a sister language's), and Latvian, which Snowball lacks, a light stemmer of its own
(``latvian.py``) that reads folded words. An unknown language code is never an error: it gets the
plain Unicode analyzer.
"""

from __future__ import annotations

import functools
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from . import latvian, persian
from .persian import normalize_persian

# Letters, combining marks (Thai vowels, Arabic harakat) and digits: never Whoosh's \w-only default,
# which splits Thai words at every vowel sign.
WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}_]+")
_LATINISH_RE = regex.compile(r"[\p{Latin}\p{Greek}\p{Cyrillic}]")
_THAI_RE = regex.compile(r"\p{Thai}")
CJK_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]+")

# Primary language subtag -> Snowball algorithm.
SNOWBALL = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
    "eo": "esperanto",
    "et": "estonian",
    "fi": "finnish",
    "fr": "french",
    "de": "german",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "no": "norwegian",
    "nb": "norwegian",
    "nn": "norwegian",
    "fa": "persian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "es": "spanish",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
    # Snowball has no stemmer of their own for these; a sister language's shares their endings.
    "hr": "serbian",  # Croatian and Bosnian: one standard language with Serbian (Serbo-Croatian)
    "bs": "serbian",
    "uk": "russian",  # Ukrainian: the East Slavic case endings Russian's rules remove (not "-і", "-ів")
}

# Languages Snowball lacks, stemmed by a light stemmer of ours that reads folded words: (name, stem).
FOLDED_STEMMERS: dict[str, tuple[str, Callable[[str], str]]] = {"lv": (latvian.NAME, latvian.stem)}

# Function words and question words: help-center queries are questions ("how do I ...?",
# "... چیست؟"), and in a few hundred articles such words are rare enough to get a high IDF and
# drown the one word that matters. Lists are short on purpose; IDF handles the rest.
STOP_WORDS = {
    "en": frozenset(
        "a an and are as at be by can could do does for from have how i if in into is it its "  # noqa: SIM905 - a word list reads best as one string
        "me my of on or our please the their them there this to was we what when where which "
        "who why will with would you your".split()
    ),
    # Verb, plural and comparative affixes (split at a ZWNJ or typed joined: persian.py), question
    # words, auxiliary and light verbs.
    "fa": frozenset(
        "ای ی را که از به با در این آن و یا تا برای است هست نیست شود می‌شود "  # noqa: SIM905 - a word list reads best as one string
        "آیا چه چرا چگونه چطور کجا کی چیست کدام چند "
        "دارد دارم داریم دارید دارند کنم کنی کند کنیم کنید کنند باشد باشم بود هستند "
        "توانم تواند توانید توانیم".split()
    )
    | {*persian.PREFIXES, *persian.SUFFIXES},
    "id": frozenset(
        "yang dan di ke dari untuk dengan ini itu atau pada adalah saya anda apa apakah bagaimana "  # noqa: SIM905 - a word list reads best as one string
        "mengapa kenapa kapan dimana bisa dapat cara".split()
    ),
    # Question words, personal pronouns, the most frequent function words and particles, and the
    # auxiliaries a question is asked with, as English's "can", "do", "have to", "will", "please"
    # ("ต้องทำอย่างไร": what do I have to do).
    "th": frozenset(
        "อะไร ใคร ไหน ที่ไหน เมื่อไร เมื่อไหร่ อย่างไร ยังไง กี่ ทำไม หรือไม่ ไหม บ้าง คือ ได้ แล้ว "  # noqa: SIM905 - a word list reads best as one string
        "ของ ที่ ใน และ การ เป็น มี ให้ จาก ครับ ค่ะ คะ ฉัน ผม ดิฉัน หนู คุณ เรา "
        "ต้อง ทำ จะ ควร สามารถ กรุณา".split()
    ),
    "lv": frozenset("un vai ir ar uz no par kā ko kas kur kāpēc es man mans jūs jums to tas šo".split()),  # noqa: SIM905 - a word list reads best as one string
}

# Snowball's stop lists (below) hold function words but not the words a question is asked with, which
# the hand lists above do hold: question words, "can I", "my", "please". Russian titles asking
# "почему ...", "могу ли я ..." kept them, rare in answers and so weighted above the word that matters.
QUESTION_WORDS = {
    lang: frozenset(words.split())
    for lang, words in {
        "da": "hvordan hvorfor hvornår hvad hvilken hvilket hvilke kan kunne jeg min mit mine venligst",
        "de": "wie warum wieso weshalb wo wann was welche welcher welches kann kannst können könnte ich mein meine bitte",
        "es": "cómo como qué por porqué dónde cuándo cuál cuáles quién puedo puede puedes pueden podría favor",
        "fi": "miten miksi missä milloin mikä mitä mitkä kuinka voin voiko voinko voi",
        "fr": "comment pourquoi où quand quel quelle quels quelles puis peux peut pouvez peuvent",
        "hu": "hogyan miért hol mikor mi mit melyik lehet tudok tudom",
        "it": "come perché dove quando cosa quale quali posso può puoi possono",
        "nl": "hoe waarom waar wanneer wat welke kan kun kunt mijn",
        "no": "hvordan hvorfor hvor når hva hvilken hvilke kan kunne jeg min mitt mine",
        "pt": "como porque porquê onde quando qual quais posso pode podem",
        "ru": "почему зачем как где когда что какой какая какие сколько могу может можно мой моя мои моё мне",
        "sv": "hur varför var när vad vilken vilket vilka kan kunde jag min mitt mina",
        "tr": "nasıl neden niçin nerede ne hangi mı mi mu mü",
    }.items()
}

Segmenter = Callable[[str], Iterator[tuple[str, int, int]]]


def _whole(span: str) -> Iterator[tuple[str, int, int]]:
    yield span, 0, len(span)


_SARA_E, _SARA_AE = "\u0e40", "\u0e41"
_THAI_MARKS = frozenset("\u0e31" + "".join(map(chr, range(0x0E34, 0x0E3B))) + "".join(map(chr, range(0x0E47, 0x0E4F))))
_THAI_TONES = frozenset(map(chr, range(0x0E48, 0x0E4C)))
_THAI_VOWEL_MARKS = frozenset("\u0e31" + "".join(map(chr, range(0x0E34, 0x0E3A))))


def normalize_thai(span: str) -> tuple[str, list[int]]:
    """Thai as it is typed -> as it is spelt, with each output character's offset in ``span`` (and
    ``len(span)`` last). Three habits look right on screen but are other code points: two sara e
    for sara ae ("เเจ้ง" for "แจ้ง"), a mark typed twice, and a tone mark typed before the vowel
    above the same consonant ("ท่ี" for "ที่"). Two sara e are also a slip of the finger ("โรงเเรียน",
    school, twice in XQuAD's Thai): the reading that starts the longer dictionary word wins, ties
    going to sara ae."""
    out: list[str] = []
    pos: list[int] = []
    for i, c in enumerate(span):
        if c == _SARA_E and out and out[-1] == _SARA_E and pos[-1] == i - 1:
            rest = span[i + 1 : i + 24]
            if _longest_word(_SARA_E + rest) > _longest_word(_SARA_AE + rest):
                continue
            out[-1] = _SARA_AE
        elif c in _THAI_MARKS and out and out[-1] == c:
            continue
        elif c in _THAI_VOWEL_MARKS and len(out) > 1 and out[-1] in _THAI_TONES and out[-2] not in _THAI_MARKS:
            out.insert(len(out) - 1, c)
            pos.insert(len(pos) - 1, i)
        else:
            out.append(c)
            pos.append(i)
    pos.append(len(span))
    return "".join(out), pos


def _longest_word(text: str) -> int:
    """The length of the longest word of pythainlp's dictionary (the trie its tokenizer already
    loaded) that ``text`` starts with (0: none)."""
    from pythainlp.tokenize import word_dict_trie

    return max(map(len, word_dict_trie().prefixes(text)), default=0)


def _thai_segments(span: str) -> Iterator[tuple[str, int, int]]:
    """Split a run of Thai into words with pythainlp's newmm, keeping offsets into ``span``; the
    words come spelt as :func:`normalize_thai` spells them."""
    if not _THAI_RE.search(span):
        yield span, 0, len(span)
        return
    yield from _thai_words(span)


@functools.lru_cache(maxsize=65536)
def _thai_words(span: str) -> tuple[tuple[str, int, int], ...]:
    """:func:`_thai_segments` of a run that holds Thai, kept: the same runs come back in every
    snippet of an article and every query that repeats (Thai search at 1,000 XQuAD documents:
    snippets 9.5 -> 2.6 ms a query; normalising alone took 31 microseconds a run)."""
    text, offsets = normalize_thai(span)
    out = []
    pos = 0
    for word in _thai_tokenizer()(text):
        start = text.find(word, pos)
        if start < 0:  # the tokenizer normalised something: fall back to running offsets
            start = pos
        end = start + len(word)
        pos = end
        if word.strip():
            out.append((sys.intern(word), offsets[start], max(offsets[end], offsets[end - 1] + 1)))
    return tuple(out)  # words interned: the cache holds each once however many runs share it


@functools.lru_cache(maxsize=1)
def _thai_tokenizer() -> Callable[[str], list[str]]:
    from pythainlp.tokenize import word_tokenize

    return functools.partial(word_tokenize, engine="newmm", keep_whitespace=False)


def _cjk_bigrams(span: str) -> Iterator[tuple[str, int, int]]:
    """Overlapping bigrams for Han/Kana/Hangul runs; other characters stay whole words."""
    last = 0
    for m in CJK_RE.finditer(span):
        if m.start() > last:
            yield span[last : m.start()], last, m.start()
        run, base = m.group(), m.start()
        if len(run) == 1:
            yield run, base, base + 1
        for i in range(len(run) - 1):
            yield run[i : i + 2], base + i, base + i + 2
        last = m.end()
    if last < len(span):
        yield span[last:], last, len(span)


def fold_diacritics(word: str) -> str:
    """Strip combining marks from Latin, Greek and Cyrillic letters (ā -> a, š -> s)."""
    if not _LATINISH_RE.search(word):
        return word
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# ISO 15924 codes that name several Unicode scripts (CLDR gives them for ja, ko, zh).
_SCRIPT_SETS = {"Jpan": ("Hani", "Hira", "Kana"), "Kore": ("Hang", "Hani"), "Hans": ("Hani",), "Hant": ("Hani",)}


@functools.cache
def _script_pattern(lang: str) -> regex.Pattern[str] | None:
    """Letters of the script ``lang`` is written in, by CLDR's likely subtags (``ru`` -> Cyrillic,
    ``sr-Latn`` -> Latin, ``ja`` -> Han, Hiragana, Katakana); letters common to every script count
    too. None for a code CLDR does not know."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global, parse_locale

    try:
        loc = Locale.parse(lang, sep="-")
    except (UnknownLocaleError, ValueError):
        return None
    likely = get_global("likely_subtags")
    full = likely.get(str(loc)) or likely.get(loc.language)
    script = loc.script or (parse_locale(full)[2] if full else None)
    if not script:
        return None
    names = ("Zyyy", "Zinh", *_SCRIPT_SETS.get(script, (script,)))
    try:
        return regex.compile("|".join(rf"\p{{Script={name}}}" for name in names))
    except regex.error:  # a script the regex module does not know: no opinion
        return None


def foreign_share(text: str, lang: str) -> float:
    """The share of ``text``'s letters written in another script than ``lang``'s: a Russian reader's
    "firewall", a Thai reader's "wifi". 0 where there are no letters or the script is unknown."""
    pattern = _script_pattern(lang)
    letters = regex.findall(r"\p{L}", text)
    if pattern is None or not letters:
        return 0.0
    return sum(1 for c in letters if not pattern.match(c)) / len(letters)


def typed_in(text: str, lang: str, other: str) -> bool:
    """Is ``text`` mostly written in ``other``'s script and not ``lang``'s (a Thai reader's English)?"""
    return foreign_share(text, lang) > 0.5 >= foreign_share(text, other)


# Languages whose customers often type without diacritics, where the embedding model is given the
# words' usual written form back (measured on Latvian only: README, "A Latvian stemmer").
RESTORES_DIACRITICS = frozenset({"lv"})


def restore_diacritics(text: str, lang: str) -> str:
    """Each word typed without any diacritic as the language most often writes it, where it writes
    it so ten times as often ("sutijumu" -> "sūtījumu"; "ka" stays "ka", a word as common as
    "kā"), by wordfreq's word list: what an embedding model reads, never what is indexed."""
    written = _written_forms(lang)

    def restore(m: regex.Match[str]) -> str:
        word: str = m.group()
        found = written.get(word.lower()) if word.isascii() else None
        if found is None:
            return word
        if word.isupper() and len(word) > 1:
            return found.upper()
        return found[0].upper() + found[1:] if word[0].isupper() else found

    restored: str = WORD_RE.sub(restore, text)  # regex is untyped
    return restored


@functools.cache
def _written_forms(lang: str) -> dict[str, str]:
    """Folded word -> the most frequent word of ``lang`` that folds to it, where that one is written
    at least ten times as often as the folded form itself ("vel" -> "vēl", still; "laika", of time,
    stays: "laikā", in time, is not ten times as common)."""
    from wordfreq import iter_wordlist, zipf_frequency

    out: dict[str, str] = {}
    for word in iter_wordlist(lang, wordlist="small"):  # the most frequent first
        out.setdefault(fold_diacritics(word), word)
    return {
        folded: word
        for folded, word in out.items()
        if folded != word
        and zipf_frequency(word, lang, wordlist="small") - zipf_frequency(folded, lang, wordlist="small") >= 1.0
    }


@dataclass(frozen=True)
class AnalyzerInfo:
    """What the factory chose for a language; shown by `flask kb status`."""

    lang: str
    segmentation: str
    stemmer: str | None
    folds_diacritics: bool
    stop_words: int


class Analyzer:
    """Text -> (term, start, end); build through :func:`analyzer_for`."""

    def __init__(self, lang: str):
        self.lang = lang
        primary = lang.split("-", maxsplit=1)[0].split("_", maxsplit=1)[0].lower()
        self.primary = primary
        self.segments_words = primary in ("th", "zh", "ja", "ko")  # words not delimited by spaces
        if primary == "th":
            self._segment, seg_name = _thai_segments, "pythainlp-newmm, typing normalised"
        elif primary in ("zh", "ja", "ko"):
            self._segment, seg_name = _cjk_bigrams, "cjk-bigrams"
        elif primary == "fa":
            self._segment, seg_name = persian.segments, "unicode-words, joined affixes split"
        else:
            self._segment, seg_name = _whole, "unicode-words"
        # Folding before a Snowball stemmer would break its suffix rules (German umlauts, Spanish
        # accents); languages without one get diacritic-insensitive matching instead, and the light
        # stemmers of FOLDED_STEMMERS are written for folded words.
        algorithm = SNOWBALL.get(primary)
        self.folds = algorithm is None
        self._stem: Callable[[str], str] | None = _stemmer(algorithm) if algorithm else None
        if primary in FOLDED_STEMMERS:
            algorithm, self._stem = FOLDED_STEMMERS[primary]
        self.stop_words = frozenset(self.normalize(w) for w in STOP_WORDS.get(primary) or _snowball_stop_words(primary))
        self._cache: dict[str, tuple[str, bool]] = {}
        self.info = AnalyzerInfo(lang, seg_name, algorithm, self.folds, len(self.stop_words))

    def normalize(self, word: str) -> str:
        """One surface word -> its unstemmed, comparable form (used for spelling too)."""
        word = unicodedata.normalize("NFKC", word).casefold()
        if self.primary in ("fa", "ar", "ur", "ps", "ku"):
            word = normalize_persian(word)
        if self.folds:
            word = fold_diacritics(word)
        return word

    def encoder_text(self, text: str) -> str:
        """``text`` as an embedding model should read it: Persian typed on an Arabic keyboard (Arabic
        yeh and kaf) in the letters Persian articles are written in, Thai as it is spelt
        (:func:`normalize_thai`), Latvian typed without diacritics with them
        (:func:`restore_diacritics`); other languages unchanged."""
        if self.primary == "fa":
            return normalize_persian(text)
        if self.primary in RESTORES_DIACRITICS:
            return restore_diacritics(text, self.primary)
        return normalize_thai(text)[0] if self.primary == "th" else text

    def words(self, text: str) -> Iterator[tuple[str, int, int]]:
        """Surface words with offsets, after segmentation, before normalisation."""
        if self._segment is _whole:  # a word is a regex match: no generator per word (a third less time a term)
            for m in WORD_RE.finditer(text):
                yield m.group(), m.start(), m.end()
            return
        for m in WORD_RE.finditer(text):
            base = m.start()
            for piece, start, end in self._segment(m.group()):
                yield piece, base + start, base + end

    def terms(self, text: str, *, stop: bool = True) -> Iterator[tuple[str, int, int]]:
        """Index/query terms with offsets into ``text``."""
        term_of, cache = self._term_of, self._cache
        for word, start, end in self.words(text):
            term, is_stop = cache.get(word) or term_of(word)
            if term and not (stop and is_stop):
                yield term, start, end

    def _term_of(self, word: str) -> tuple[str, bool]:
        """(term, is a stop word) for one surface word; cached, since words repeat a lot."""
        found = self._cache.get(word)
        if found is None:
            norm = self.normalize(word)
            found = ((self._stem(norm) if self._stem and norm else norm), norm in self.stop_words)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[word] = found
        return found

    def term_list(self, text: str) -> list[str]:
        return [t for t, _, _ in self.terms(text)]


def _snowball_stop_words(primary: str) -> frozenset[str]:
    """The Snowball project's stop list for a language it stems (shipped with Whoosh: da, de, es, fi,
    fr, hu, it, nl, no, pt, ru, sv, tr) and that language's question words; none elsewhere."""
    from whoosh.lang import has_stopwords, stopwords_for_language

    if not has_stopwords(primary):
        return frozenset()
    return frozenset(stopwords_for_language(primary)) | QUESTION_WORDS.get(primary, frozenset())


@functools.cache
def _stemmer(algorithm: str) -> Callable[[str], str]:
    import snowballstemmer

    stem = snowballstemmer.stemmer(algorithm).stemWord
    return functools.lru_cache(maxsize=200_000)(stem)


@functools.cache
def analyzer_for(lang: str) -> Analyzer:
    """The analyzer for a BCP 47 language code; unknown codes get the plain Unicode one."""
    return Analyzer(lang or "und")
