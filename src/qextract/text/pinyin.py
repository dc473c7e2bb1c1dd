"""Pinyin annotations that some sites print after every character: 質(zhì)量."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from qextract.data import load_lines
from qextract.text.offsets import Edit

# A parenthesised run of lowercase Latin letters (tone marks allowed) right
# after a Han character. A `?` stands for a character lost to mojibake, which
# the annotator still saw. Whether the letters are a syllable is checked
# against the syllable inventory, so (地), (UL), (集团) and (e.g) stay.
# A word may be annotated as a whole, one syllable per character, separated by
# spaces: 广场(guǎng chǎng).
_MAX_WORD_SYLLABLES = 4
_CANDIDATE = regex.compile(
    r"(?<=[\p{Han}?])[(（]([a-zA-Z\u00c0-\u01dc\u0300-\u036f]{1,7}(?: [a-zA-Z\u00c0-\u01dc\u0300-\u036f]{1,7}){0,%d})[)）]"
    % (_MAX_WORD_SYLLABLES - 1)
)
_HAN = regex.compile(r"[\p{Han}?]")


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    return frozenset(load_lines("text/pinyin_syllables.txt"))


def toneless(syllable: str) -> str:
    """``zhì`` -> ``zhi``; ``lǘ`` -> ``lv``."""
    decomposed = unicodedata.normalize("NFD", syllable.replace("ü", "v").replace("Ü", "V"))
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return base.replace("ü", "v")


@lru_cache(maxsize=4096)  # an annotated page repeats a few hundred syllables many times
def is_pinyin_syllable(letters: str) -> bool:
    """A lowercase syllable of the inventory; a lone toneless vowel (a, e, o) is
    more likely a list label than an annotation, which always carries a tone."""
    plain = toneless(letters)
    if len(letters) == 1 and plain == letters:
        return False
    return letters.islower() and plain in _syllables()


def remove_pinyin_annotations(text: str) -> list[Edit]:
    """Drop ``(zhì)`` after a character, or ``(guǎng chǎng)`` after as many
    characters, when every part is a valid pinyin syllable."""
    return [Edit(m.start(), m.end()) for m in _CANDIDATE.finditer(text) if _annotates(text, m.start(), m.group(1))]


def _annotates(text: str, start: int, letters: str) -> bool:
    syllables = letters.split(" ")
    first = start - len(syllables)
    if len(syllables) > 1 and (first < 0 or not all(_HAN.match(text, index) for index in range(first, start))):
        return False  # more syllables than characters before them: not a reading of them
    return all(is_pinyin_syllable(syllable) for syllable in syllables)
