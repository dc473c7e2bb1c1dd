"""Hostile inputs, as generators of a given size, shared by the tests and benchmarks/bench_adversarial.py."""

from __future__ import annotations

import io
import random
import zipfile
from typing import Callable

from .support import ARTICLE_TEXTS

_PUNCTUATION = set("，。、；：？！“”‘’《》（）【】—…·,.;:?!\"'()[]<>-/|\n\r\t 　")


def _repeat(piece: str) -> Callable[[int], str]:
    return lambda size: (piece * (size // len(piece) + 1))[:size]


def _shuffled(alphabet: str) -> Callable[[int], str]:
    return lambda size: "".join(random.Random(size).choices(alphabet, k=size))


def _plain_articles() -> list[str]:
    """The fixture articles without pinyin, mojibake or spam noise (those read differently unpunctuated)."""
    from qextract.text import normalise

    noisy = {"pinyin_annotation_removed", "mojibake_repaired", "mojibake_left", "spam_line_removed"}
    return [text for text in ARTICLE_TEXTS if not {w.kind for w in normalise(text).warnings} & noisy]


def without_punctuation(size: int) -> str:
    """Article prose with every punctuation mark and line break taken out: one endless sentence."""
    prose = "".join(char for char in "".join(_plain_articles()) if char not in _PUNCTUATION)
    return (prose * (size // len(prose) + 1))[:size]


def html_page(size: int) -> str:
    """A page of markup around article paragraphs, as a crawler saves it."""
    head = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻</title><script>var n = 1 < 2;</script></head><body>'
    body = "".join(f'<div class="p"><p>{paragraph}</p>&nbsp;<a href="/x?a=1&amp;b=2">更多</a></div>\n'
                   for paragraph in ARTICLE_TEXTS[1].split("\n\n"))
    return (head + body * (size // len(body) + 1))[:size] + "</body></html>"


# name -> size -> text: the linear-time tests run each at n and 4n.
TEXTS: dict[str, Callable[[int], str]] = {
    "one character": _repeat("质"),
    "one ASCII letter": _repeat("a"),
    "no punctuation": without_punctuation,
    "nested parentheses": _repeat("("),
    "nested full-width parentheses": _repeat("（"),
    "digit run": _repeat("7"),
    "digits and separators": _repeat("1,2.3-4:5/"),
    "year-month-day soup": _shuffled("年月日号时分0123456789至—-/.今去明上下旬底初"),
    "NUL characters": _repeat("\x00"),
    "newlines": _repeat("\n"),
    "open quotes": _repeat("“"),
    "open book-title marks": _repeat("《"),
    "commas": _repeat(",,"),
    "pinyin-like parentheses": _repeat("质(zhì)"),
    "a post and a name": _repeat("市长王明"),
    "list items": _repeat("一是加强;二是提升;(三)强化、"),
    "html page": html_page,
    "markup soup": _shuffled("<>/&;#pdivscrt =\"'质量"),
}


def binary_file() -> bytes:
    """A zip archive: what a crawler saves when a link points at an attachment."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.bin", random.Random(3).randbytes(20_000))
    return buffer.getvalue()


def invalid_utf8() -> bytes:
    """An article's UTF-8 with one byte in every 97 overwritten by 0xFF."""
    data = bytearray(ARTICLE_TEXTS[1].encode("utf-8"))
    for index in range(0, len(data), 97):
        data[index] = 0xFF
    return bytes(data)
