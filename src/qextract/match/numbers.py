"""Numerals in Chinese text: where they are and what they are worth.

Numbers come in Arabic digits (4019, 1,100, 4.8), Chinese numerals (一千一百,
两, 廿), financial numerals (壹佰) or a mix (4.8万, 3万4000). cn2an reads the
Chinese part; this module only prepares the text for it: it drops
separators, folds stacked multipliers (4.78万亿) that cn2an rejects, supplies
the 一 that colloquial 百三 leaves out, and removes approximation marks that
sit inside a number (500余万, 二十几万). Whether 余 makes the number
approximate is the caller's business (see :mod:`qextract.match.statistics`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

import cn2an
import regex

from qextract.segment.tokenizer import Token

# Character classes, not numeral tables: cn2an owns the values.
CHINESE_DIGITS = "零〇一二两三四五六七八九"
_FINANCIAL = "壹贰叁肆伍陆柒捌玖拾佰仟"
_PLACE = "十百千万亿"
CHINESE_NUMERAL_CHARS = CHINESE_DIGITS + _PLACE + _FINANCIAL + "廿卅"

# A Chinese numeral character, unless it starts a unit or a fraction word
# (千克, 千米, 千瓦, 百分之, 千分之, 万分之).
_CN_CHAR = rf"(?:(?![百千万]分之|千[克米瓦])[{CHINESE_NUMERAL_CHARS}])"
_ARABIC = r"(?:\d{1,3}(?:,\d{3})++(?!\d)|\d++)(?:\.\d++)?"

# One number as written. Linear: every repetition is possessive or bounded.
NUMBER_PATTERN = (
    rf"(?:{_ARABIC}(?:{_CN_CHAR}|\d){{0,24}}+"
    rf"|{_CN_CHAR}{{1,24}}+(?:点[{CHINESE_DIGITS}]{{1,12}}+)?)"
)

# A number standing alone: an optional sign, and an approximate multiplier
# (一千多万, 500余万) read as part of it.
_STANDALONE_NUMBER = regex.compile(
    rf"(?P<sign>(?<![0-9\-])-|负)?(?P<number>{NUMBER_PATTERN}(?:[多余几](?:万亿|万|亿))?)"
)
_MAX_TRIM = 3
_PLAIN_ARABIC = regex.compile(r"\d+(?:\.\d+)?")
_SEPARATORS = regex.compile(r"[\s,，]+")
_APPROX_MARK = regex.compile(r"[余多几](?=[十百千万亿拾佰仟])")
_ZERO_BEFORE_MULTIPLIER = regex.compile(r"零(?=[万亿])")
# What a multiplier written after a number multiplies it by (3.2万, 5.84万亿).
MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
_STACKED_MULTIPLIER = regex.compile(r"(万亿|万万|亿亿)$")
_STACKED_VALUES = {"万亿": 1e12, "万万": 1e8, "亿亿": 1e16}
_BARE_DIGIT_RUN = regex.compile(rf"[{CHINESE_DIGITS}]{{2,}}")
_PERCENT_FORMS = (
    (regex.compile(r"(?P<n>.+?)(?:%|％|个百分点|百分点)"), 1.0),
    (regex.compile(r"百分之(?P<n>.+)"), 1.0),
    (regex.compile(r"[千仟]分之(?P<n>.+)"), 0.1),
    (regex.compile(r"万分之(?P<n>.+)"), 0.01),
)
_TENTHS = regex.compile(rf"(?P<n>[^成]+)成(?P<half>半)?(?P<tail>[{CHINESE_DIGITS}1-9])?")

# Variant spellings cn2an does not read, mapped to the ones it does.
_VARIANTS = str.maketrans(
    {"廿": "二十", "卅": "三十", "两": "二", "俩": "二", "倆": "二", "兩": "二", "〇": "零", "幺": "一",
     "萬": "万", "億": "亿", "點": "点", "負": "负"}
)


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: float


@lru_cache(maxsize=8192)
def parse_number(text: str) -> Optional[float]:
    """The value of one written number (``4.8万`` -> 48000.0), or None."""
    if text.isascii() and text.isdigit():
        return float(text)  # most numbers: no separator, sign or numeral to read
    digits = _SEPARATORS.sub("", text).translate(_VARIANTS)
    sign = 1.0
    if digits[:1] in ("负", "-", "−"):
        sign, digits = -1.0, digits[1:]
    if not digits:
        return None
    if _PLAIN_ARABIC.fullmatch(digits):
        return sign * float(digits)
    digits = _ZERO_BEFORE_MULTIPLIER.sub("", _APPROX_MARK.sub("", digits))
    multiplier = 1.0
    stacked = _STACKED_MULTIPLIER.search(digits)
    if stacked and stacked.start() > 0:
        multiplier = _STACKED_VALUES[stacked.group()]
        digits = digits[: stacked.start()]
    value = _read_numeral(digits)
    if value is None:
        return None
    return sign * value * multiplier


def _read_numeral(digits: str) -> Optional[float]:
    if _PLAIN_ARABIC.fullmatch(digits):
        return float(digits)
    if digits[0] in "百千万亿佰仟":  # 百三 = 一百三: the 一 goes unsaid
        digits = "一" + digits
    if len(digits) > 1 and digits[0] == "零" and digits[1] != "点":
        digits = digits[1:]
    digits = digits.replace("零十", "零一十")
    try:
        return float(cn2an.cn2an(digits, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def parse_percent(text: str) -> Optional[float]:
    """A percentage as a number of percent: ``百分之四十`` -> 40.0, ``九成`` -> 90.0."""
    compact = _SEPARATORS.sub("", text).translate(_VARIANTS)
    for pattern, scale in _PERCENT_FORMS:
        match = pattern.fullmatch(compact)
        if match:
            value = parse_number(match.group("n"))
            return None if value is None else value * scale
    tenths = _TENTHS.fullmatch(compact)
    if tenths:
        value = parse_number(tenths.group("n"))
        if value is None:
            return None
        extra = 5.0 if tenths.group("half") else 0.0
        if tenths.group("tail"):
            extra = parse_number(tenths.group("tail")) or 0.0
        return value * 10 + extra
    return None


def is_plausible_numeral(text: str) -> bool:
    """False for runs that look like numerals but are words or codes.

    A lone financial numeral is usually a word (陆地, 拾起, 伍仁); a run of
    bare digits without place characters (二二, 一二三) is a code or a year
    read digit by digit, not a quantity; a bare multiplier (万, 千) is not a
    number without a qualifier such as 上 or 余.
    """
    if any(char.isdigit() for char in text):
        return True
    if len(text) == 1 and text in _FINANCIAL:
        return False
    if _BARE_DIGIT_RUN.fullmatch(text) or (len(text) >= 2 and text.count("〇")):
        return False
    return True


def is_bare_multiplier(text: str) -> bool:
    """True for 百, 千, 万, 亿 written without a digit (a round number with its 一 unsaid, or 万万)."""
    return bool(text) and all(char in "百千万亿佰仟" for char in text)


class TokenIndex:
    """Tokens by offset, for asking which word a character belongs to."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        # the caller's list itself when it is one: a copy of a long page's tokens costs time and memory
        self.tokens = tokens if isinstance(tokens, list) else list(tokens)
        self._starts = [token.start for token in self.tokens]

    def at(self, offset: int) -> Optional[Token]:
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        token = self.tokens[index]
        return token if token.start <= offset < token.end else None

    def index_at(self, offset: int) -> int:
        """Index of the token holding ``offset`` (or the last one before it)."""
        return bisect_right(self._starts, offset) - 1


def numeral_starts_word(start: int, end: int, tokens: Optional[TokenIndex]) -> bool:
    """True unless a Chinese numeral at [start, end) is inside a larger word.

    A numeral that begins mid-word (珠三角, 进一步) or that opens a word which
    is not a numeral word (四川, 一切, 陆地) is part of that word. Word
    boundaries come from the tokenizer, so any segmentation that keeps
    numeral words (m) apart works.
    """
    if tokens is None:
        return True
    token = tokens.at(start)
    if token is None:
        return True
    if token.start != start:
        return False
    return token.end <= end or token.pos.startswith(("m", "q", "t"))


def find_numbers(text: str, tokens: Optional[Sequence[Token]] = None) -> list[NumberMention]:
    """Every number written in ``text`` with its value, left to right.

    With ``tokens`` of ``text``, a Chinese numeral inside a larger word is
    skipped (see :func:`numeral_starts_word`), and so is a lone 一 before a
    verb (一看就懂: "once", not a quantity).
    """
    index = TokenIndex(tokens) if tokens is not None else None
    found: list[NumberMention] = []
    for match in _STANDALONE_NUMBER.finditer(text):
        start, end = match.start("number"), match.end("number")
        written = match.group("number")
        if not is_plausible_numeral(written) or is_bare_multiplier(written):
            continue
        if not written[0].isdigit() and not _is_quantity_word(start, end, written, index):
            continue
        mention = _read_mention(text, start, end)
        if mention is None:
            continue
        if match.group("sign"):
            mention = NumberMention(match.start(), mention.end, text[match.start() : mention.end], -mention.value)
        found.append(mention)
    return found


def _is_quantity_word(start: int, end: int, written: str, index: Optional[TokenIndex]) -> bool:
    if not numeral_starts_word(start, end, index):
        return False
    if written == "一" and index is not None:
        following = index.at(end)
        return following is None or not following.pos.startswith("v")
    return True


def _read_mention(text: str, start: int, end: int) -> Optional[NumberMention]:
    """The number at [start, end), shortened from the right when only a prefix reads (五十千)."""
    for trim in range(0, _MAX_TRIM + 1):
        if end - trim <= start:
            return None
        value = parse_number(text[start : end - trim])
        if value is not None:
            return NumberMention(start, end - trim, text[start : end - trim], value)
    return None
