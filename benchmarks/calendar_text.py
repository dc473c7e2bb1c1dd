"""The issue's adversarial input for the dates and statistics matchers, made in one place.

Random digits, 年, 月 and 日 in random order, up to a size in bytes of UTF-8
("a 1 MB text"), and a harder "stress" variant with measure words and
punctuation, for the statistics matcher.
"""

from __future__ import annotations

import random

ALPHABETS = {
    # the input: digits, 年, 月 and 日 in random order
    "issue": ("0123456789年月日", [1] * 13),
    "stress": ("0123456789年月日个家%余多第。,", [6] * 10 + [4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1]),
}


def calendar_text(utf8_bytes: int, alphabet: str = "issue", seed: int = 7) -> str:
    """Random characters of ``alphabet`` up to ``utf8_bytes`` bytes of UTF-8."""
    rng = random.Random(seed)
    characters, weights = ALPHABETS[alphabet]
    chosen: list[str] = []
    size = 0
    while size < utf8_bytes:
        for character in rng.choices(characters, weights=weights, k=4096):
            chosen.append(character)
            size += len(character.encode("utf-8"))
            if size >= utf8_bytes:
                break
    return "".join(chosen)
