"""A light stemmer for Latvian, which Snowball lacks: one noun or adjective ending removed.

Latvian inflects every noun and adjective for case, number and (adjectives) gender and
definiteness: "pasūtījums" (an order) is "pasūtījumu", "pasūtījuma", "pasūtījumam",
"pasūtījumiem" in a customer's sentence, and keyword search without stemming matched none of
them to the article's word. The rules follow the light variant of Kreslins' Latvian stemmer (as
described for Lucene's LatvianStemmer: inflectional endings only, longest first, a vowel and three
letters must remain; after the endings of the 2nd, 5th and 6th declensions a consonant softened by
the ending is restored, "zivju" -> "ziv"). Verbs are left alone, on purpose: their endings are
too many to remove without joining unrelated words.

It reads folded words (``fold_diacritics``: "pasutijumu"), since Latvian customers often type
without diacritics and the analyzer folds before stemming so that both spellings meet; the
endings are listed folded, so "-ām" and "-am" are one rule. Of the original's softening rules
only labial + j survives folding ("šņ" -> "sn" is already "sn").
"""

from __future__ import annotations

# (ending, vowels in it, restores a softened consonant), in the order they are tried.
_ENDINGS = (
    ("ajiem", 3, False),
    ("ajai", 3, False),
    ("ajam", 2, False),
    ("ajos", 2, False),
    ("ajas", 2, False),
    ("iem", 2, True),
    ("aja", 2, False),
    ("ais", 2, False),
    ("ai", 2, False),
    ("ei", 2, False),
    ("am", 1, False),
    ("em", 1, False),
    ("im", 1, False),
    ("um", 1, False),
    ("us", 1, True),
    ("as", 1, False),
    ("es", 1, False),
    ("os", 1, True),
    ("ij", 1, False),
    ("is", 1, False),
    ("ie", 1, False),
    ("u", 1, True),
    ("a", 1, True),
    ("i", 1, True),
    ("e", 1, False),
    ("o", 1, False),
    ("s", 0, False),
)
_VOWELS = frozenset("aeiou")
_SOFTENED_LABIALS = ("pj", "bj", "mj", "vj")  # "zivju" (fish, gen. pl.) -> "ziv"

NAME = "latvian-light"


def stem(word: str) -> str:
    """The stem of one folded, lower-case Latvian word (the word itself when no rule applies)."""
    vowels = sum(c in _VOWELS for c in word)
    for ending, ending_vowels, softens in _ENDINGS:
        if vowels > ending_vowels and len(word) >= len(ending) + 3 and word.endswith(ending):
            base = word[: -len(ending)]
            return base[:-1] if softens and base.endswith(_SOFTENED_LABIALS) else base
    return word
