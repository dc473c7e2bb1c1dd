"""Traditional to simplified script, length for length."""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC ``t2s``; characters whose conversion would change length stay as written.

    ``t2s`` maps character for character in practice; the per-character
    fallback keeps the offsets exact if a future dictionary ever maps one
    character to two.
    """
    converter = _converter()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    pieces = []
    for char in text:
        single = converter.convert(char)
        pieces.append(single if len(single) == 1 else char)
    return "".join(pieces)
