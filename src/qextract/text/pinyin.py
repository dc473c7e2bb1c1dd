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
_CANDIDATE = regex.compile(
    r"(?<=[\p{Han}?])[(（]([a-zA-Z\u00c0-\u01dc\u0300-\u036f]{1,7})[)）]"
)


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
    """Drop ``(zhì)`` after a character when it is one valid pinyin syllable."""
    return [
        Edit(m.start(), m.end())
        for m in _CANDIDATE.finditer(text)
        if is_pinyin_syllable(m.group(1))
    ]
