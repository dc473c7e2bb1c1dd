"""Building blocks of the dates matcher: numerals, lexicons and the atom scanner.

A calendar expression is read in two steps. :func:`scan_atoms` cuts the text
into small typed pieces ("atoms": a year ``2025年``, a month ``2月``, a day
``20日``, a connector ``至``, a part of the day ``下午``, a holiday ``国庆节``…);
the matcher in :mod:`qextract.match.dates` then joins touching atoms into dates
and ranges. Every atom pattern has a fixed, bounded length and no nested
repetition, so scanning is linear in the length of the text whatever it holds.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from qextract.data import data_path, load_json
from qextract.match.english_dates import english_date_parts, english_date_pattern, month_name_pattern

# ---------------------------------------------------------------- numerals

_CN_DIGIT = {
    "〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_CN_TENS_PREFIX = {"廿": 20, "卅": 30}


def small_number(text: str) -> Optional[int]:
    """Value of a number up to 99 written in Arabic or Chinese numerals.

    Covers the forms month, day and clock numbers take: ``12``, ``十二``,
    ``二十一``, ``廿一``, ``卅``, ``零九``.
    """
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if text[0] in _CN_TENS_PREFIX:
        rest = text[1:]
        if not rest:
            return _CN_TENS_PREFIX[text[0]]
        if len(rest) == 1 and rest in _CN_DIGIT:
            return _CN_TENS_PREFIX[text[0]] + _CN_DIGIT[rest]
        return None
    if "十" in text:
        tens_text, _, units_text = text.partition("十")
        if len(tens_text) > 1 or len(units_text) > 1:
            return None
        tens = _CN_DIGIT.get(tens_text, None) if tens_text else 1
        units = _CN_DIGIT.get(units_text, None) if units_text else 0
        if tens is None or units is None:
            return None
        return tens * 10 + units
    if all(char in _CN_DIGIT for char in text):
        value = 0
        for char in text:
            value = value * 10 + _CN_DIGIT[char]
        return value
    return None


def digit_string_number(text: str) -> Optional[int]:
    """A number written digit by digit (``2023``, ``二〇二三``, ``零八``)."""
    if text.isdigit():
        return int(text)
    if all(char in _CN_DIGIT for char in text):
        value = 0
        for char in text:
            value = value * 10 + _CN_DIGIT[char]
        return value
    return None


def full_year(two_digits: int, anchor_year: Optional[int]) -> int:
    """The century of a two-digit year: the latest one not far in the future."""
    pivot = (anchor_year or 2025) + 10
    candidate = 2000 + two_digits
    return candidate if candidate <= pivot else 1900 + two_digits


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> int:
    """Day of the month of the ``nth`` ``weekday`` (0 = Monday) of a month."""
    first = calendar.weekday(year, month, 1)
    return 1 + (weekday - first) % 7 + 7 * (nth - 1)


# ---------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class RelativeWord:
    word: str
    unit: str
    offset: int
    alone: bool
    time_of_day: Optional[str]
    anaphoric: bool = False


@dataclass(frozen=True)
class DayPart:
    word: str
    pm: object  # True, False or "noon"
    single: bool


@lru_cache(maxsize=None)
def relative_words() -> dict[str, RelativeWord]:
    words = load_json("dates/relative.json")["words"]
    return {
        word: RelativeWord(word, spec["unit"], spec["offset"], spec["alone"], spec.get("time_of_day"),
                           spec.get("anaphoric", False))
        for word, spec in words.items()
    }


@lru_cache(maxsize=None)
def week_words() -> dict[str, tuple[str, tuple[int, int]]]:
    """上周五 -> ("weekrel", (-1, 4)); 周六 -> ("weekday", (0, 5)): a week offset and a weekday (0 = Monday)."""
    weeks = load_json("dates/relative.json")["weeks"]
    found: dict[str, tuple[str, tuple[int, int]]] = {}
    for prefix in weeks["weekday_prefixes"]:
        for name, weekday in weeks["weekdays"].items():
            if prefix == "周" and name == "天":
                continue  # 周天 is rare and 上周天 reads badly; 周日 and 星期天 are the forms
            found[prefix + name] = ("weekday", (0, weekday))
    for week, offset in weeks["offsets"].items():
        for name, weekday in weeks["weekdays"].items():
            found[week + name] = ("weekrel", (offset, weekday))
    return found


@lru_cache(maxsize=None)
def day_parts() -> dict[str, DayPart]:
    words = load_json("dates/time_of_day.json")["words"]
    return {word: DayPart(word, spec["pm"], spec.get("single", False)) for word, spec in words.items()}


@lru_cache(maxsize=None)
def holidays() -> dict:
    return load_json("dates/holidays.json")


@lru_cache(maxsize=None)
def periods() -> dict:
    return load_json("dates/periods.json")


@lru_cache(maxsize=None)
def deadline_markers() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(words after a date that make it a deadline, words that only look like one, words of a task done)."""
    data = load_json("dates/context.json")
    return (tuple(sorted(data["deadline_after"], key=len, reverse=True)), tuple(data["not_deadline_after"]),
            tuple(data["done_words"]))


@lru_cache(maxsize=None)
def planned_markers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(modal words after a date that plan something for it, words that only start like one)."""
    data = load_json("dates/context.json")
    return tuple(sorted(data["future_after"], key=len, reverse=True)), tuple(data["not_future_after"])


@lru_cache(maxsize=None)
def tense_markers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words announcing a future date, words looking back from a date)."""
    data = load_json("dates/context.json")
    return tuple(sorted(data["future_before"], key=len, reverse=True)), tuple(data["past_after"])


@lru_cache(maxsize=None)
def lunar_month_starts() -> dict[tuple[int, int], _dt.date]:
    """(lunar year, lunar month) -> the Gregorian day its month opens (leap months left out)."""
    table: dict[tuple[int, int], _dt.date] = {}
    with open(data_path("dates/lunar_months.tsv"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            for month, cell in enumerate(cells[1:], start=1):
                table[(int(cells[0]), month)] = _dt.date.fromisoformat(cell)
    return table


def lunar_day_in(year: int, month: int, day: int) -> Optional[_dt.date]:
    """The Gregorian day of lunar ``month``/``day`` that falls in Gregorian ``year``
    (腊月 of a lunar year runs into the next Gregorian year), or None outside the table."""
    for lunar_year in (year, year - 1):
        start = lunar_month_starts().get((lunar_year, month))
        if start is not None:
            found = start + _dt.timedelta(days=day - 1)
            if found.year == year:
                return found
    return None


@lru_cache(maxsize=1)
def lunar_date_words() -> dict[str, tuple[int, int]]:
    """农历正月初六, 腊月二十三, 二月初二 -> (lunar month, day)."""
    data = load_json("dates/lunar_dates.json")
    words: dict[str, tuple[int, int]] = {}
    for month_word, month in data["months"].items():
        for day_word, day in data["days"].items():
            for prefix in data["prefixes"]:
                words[prefix + month_word + day_word] = (month, day)
            if month_word in data["lunar_only_months"] or day_word.startswith(tuple(data["lunar_only_day_openers"])):
                words[month_word + day_word] = (month, day)
    return words


@lru_cache(maxsize=None)
def lunar_festivals() -> dict[tuple[int, str], tuple[int, int]]:
    """(year, festival key) -> (month, day) on the Gregorian calendar."""
    table: dict[tuple[int, str], tuple[int, int]] = {}
    columns: list[str] = []
    with open(data_path("dates/lunar_festivals.tsv"), encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if line.startswith("#"):
                columns = [cell.strip("# ") for cell in cells]
                continue
            year = int(cells[0])
            for column, cell in zip(columns[1:], cells[1:]):
                month, day = cell.split("-")
                table[(year, column)] = (int(month), int(day))
    return table


# ---------------------------------------------------------------- atoms
#
# Four simple passes find the atoms: Arabic numbers, Chinese numerals, words
# and one-character atoms. A number is matched once and the character after
# it decides what it is (年 a year, 月 a month, - a date or a span...), so each
# position of the text costs a handful of steps: the scan stays linear and
# fast even on text made of nothing but digits and 年月日. Word atoms come from
# one named list (\L<lexicon>); the checks that need the neighbouring
# characters (去年 in 过去年份) are made in Python.

_SP = r"[ \u3000]?"
_CN_NUMERAL = "〇○零一二三四五六七八九十两廿卅"
_CONNECTOR = r"(?:——|--|──|起至|起到|[-—–~～－―]|至|到)"
_CLOCK = (
    r"(?:[01]?\d|2[0-4])" + _SP + r"[:：]" + _SP + r"[0-5]\d"
    r"(?:" + _SP + r"[:：]" + _SP + r"[0-5]\d)?"
)
_DAY_WORD = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])"
_BOUNDARY_AHEAD = r"(?=[\s,，。;；、:：!?！？)）\]】”’\"'\-—–~～－至到]|$)"
_NOT_A_CLOCK_WORD = r"(?!间|候|期|代|段|刻表|事|政|尚|装|空|速|薪|效)"
_CN_MINUTE = r"(?:[0-5]?\d|[零一二三四五六七八九十]{1,3})"


def _suffixes(prefix: str) -> str:
    """What may follow a leading number; ``prefix`` keeps the group names apart.

    The commonest suffixes (年, 月, 日) come first: the engine tries them in order."""
    p = prefix
    return (
        r"(?:(?P<" + p + r"year>" + _SP + r"年(?!代))"
        + r"|(?P<" + p + r"month>" + _SP + r"月份?(?![饼球光亮薪嫂])(?:" + _SP
        + r"(?P<" + p + r"mday>" + _DAY_WORD + r")(?![\d日号])" + _BOUNDARY_AHEAD + r")?)"
        + r"|(?P<" + p + r"day>" + _SP + r"[日号](?!元))"
        + r"|(?P<" + p + r"hour>" + _SP + r"[点时]" + _NOT_A_CLOCK_WORD
        + r"(?:(?P<" + p + r"half>半)|(?P<" + p + r"quarter>[一三13])刻|" + _SP + r"(?P<" + p + r"minute>"
        + _CN_MINUTE + r")" + _SP + r"(?:分(?:" + _SP + r"(?P<" + p + r"second>" + _CN_MINUTE + r")" + _SP
        + r"秒)?|(?![\d分钟])))?(?:整|许|钟)?)"
        + r"|(?P<" + p + r"span>" + _SP + _CONNECTOR + _SP + r"(?:(?P<" + p + r"to>\d{1,2}|[" + _CN_NUMERAL
        + r"]{1,3})" + _SP + r"(?P<" + p + r"span_u>月份?|[日号](?!元))|(?P<" + p + r"to_year>\d{4})"
        + r"(?:" + _SP + r"年(?!代)|(?=" + _SP + r"[)）]))))"
        + r")"
    )


def _numeric_pattern() -> regex.Pattern[str]:
    return regex.compile(
        # an Arabic number, then what makes it a date part
        r"(?<![\d.])(?P<n>\d{1,4})(?!\d)(?:"
        # 2025-02-25 09:18, 2023/2/17, 2019.9.6; or 19.05.2015, 1/2/2020 (day first)
        + r"(?P<triple>" + _SP + r"(?P<sep>[-/.])" + _SP + r"(?P<n2>\d{1,2})(?!\d)" + _SP + r"(?P=sep)" + _SP
        + r"(?P<n3>\d{1,4})(?!\d|\.\d)(?:(?:[ \t]{1,2}|T)(?P<clock3>" + _CLOCK + r")(?!\d)(?:时|整)?)?)"
        # 2021-04 (a year and a month); 09-01 20:01 (a month-day with a clock time)
        + r"|(?P<pair>[-/](?P<p2>\d{2})(?:[ \t]{1,2}(?P<clock2>" + _CLOCK + r")(?!\d))?(?![\d:]|[-/.]\d))"
        + r"|(?P<colon>" + _SP + r"[:：]" + _SP + r"[0-5]\d(?:" + _SP + r"[:：]" + _SP + r"[0-5]\d)?(?!\d)"
        + r"(?:时|整)?)"
        + r"|(?P<dot>[·•・‧](?P<dd>\d{1,2})(?![\d.]))"
        + r"|" + _suffixes("a_") + r")"
    )


def _chinese_numeral_pattern() -> regex.Pattern[str]:
    """A number in Chinese numerals and its unit: 二〇二三年, 十二月, 二十日, 八点."""
    return regex.compile(
        r"(?=[" + _CN_NUMERAL + r"元])(?<![" + _CN_NUMERAL + r"百千万亿第\d])(?P<c>[" + _CN_NUMERAL + r"元]{1,4})"
        + _suffixes("c_")
    )


def _other_pattern() -> regex.Pattern[str]:
    """One-character atoms; every branch starts with a character of the guard class, so
    the scan skips other characters fast. Context checks are made in :func:`_other_atom`."""
    single_day_parts = "".join(word for word, part in day_parts().items() if part.single)
    guard = "底末初终季Q、和及与起至到" + single_day_parts + "—–~～－―─\\-"
    return regex.compile(
        r"(?=[" + guard + r"])(?:"
        r"(?P<edge>[底末初终])"
        r"|(?P<tod>[" + single_day_parts + r"](?=" + _SP + r"(?:\d|[零一二两三四五六七八九十])))"
        r"|(?P<conn>" + _CONNECTOR + r")"
        r"|(?P<enum>[、和及与])"
        r"|(?P<quarter>季度|Q(?P<qq>[1-4])(?:季度)?(?!\d))"
        r")"
    )


# After 底/末/初, characters that make it part of another word (年初步, 月末期,
# 底线) or a lunar day (初一).
_NOT_AFTER_EDGE = {
    "初": frozenset("一二三四五六七八九十步期级心衷稿审选次赛试犯见恋中始创"),
    "底": frozenset("线层部子细下盘气牌座片价薪"),
    "末": frozenset("期端尾日梢流节"),
    "终": frozenset("端身点止于结究极审生归奖"),
}


_QUARTER_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_LEADING_NUMBERS = {
    **{str(n): n for n in range(1, 12)},
    "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11,
}


@lru_cache(maxsize=None)
def _lexicon_kinds() -> dict[str, tuple[str, Optional[tuple[int, int]]]]:
    """Every word atom -> (kind, months it covers for quarters and 前N个月)."""
    kinds: dict[str, tuple[str, Optional[tuple[int, int]]]] = {}
    for word, spec in relative_words().items():
        kinds[word] = ("rel" + spec.unit, None)
    data = holidays()
    for word in list(data["fixed"]) + list(data["lunar"]) + list(data["lunar_days"]) + list(data["nth_weekday"]):
        kinds[word] = ("holiday", None)
    for word in data["needs_suffix"]:
        kinds.setdefault(word, ("holiday_short", None))
    for word, part in day_parts().items():
        if not part.single:
            kinds[word] = ("tod", None)
    for word in periods()["year_parts"]:
        if not word.startswith("年"):  # 年底, 年初…: _edge_atoms reads them
            kinds[word] = ("ypart", None)
    for word in periods()["month_parts"]:
        kinds[word] = ("mpart", None)
    kinds["以及"] = ("enum", None)
    for word, (kind, _) in week_words().items():
        kinds[word] = (kind, None)
    # quarters: 一季度, 第一季度, 1季度, Q1, 首季度
    for written, number in _QUARTER_NUMBERS.items():
        if written.isdigit():
            continue  # 1季度 and Q1 start with a digit: OTHER_ATOMS reads them
        months = (3 * number - 2, 3 * number)
        for form in (written + "季度", "第" + written + "季度"):
            kinds[form] = ("quarter", months)
    kinds["首季度"] = ("quarter", (1, 3))
    # the first N months or quarters of a year: 前三季度, 前5个月
    for written, number in _LEADING_NUMBERS.items():
        if number >= 2:
            kinds["前" + written + "个月"] = ("leading", (1, number))
            kinds["前" + written + "月"] = ("leading", (1, number))
        if number <= 4:
            kinds["前" + written + "季度"] = ("leading", (1, 3 * number))
            kinds["前" + written + "个季度"] = ("leading", (1, 3 * number))
    return kinds


NUMERIC_ATOMS = _numeric_pattern()
ENGLISH_DATE_ATOMS = regex.compile(english_date_pattern("en_"))
ENGLISH_MONTH_NAME = regex.compile(month_name_pattern())
CHINESE_NUMERAL_ATOMS = _chinese_numeral_pattern()
OTHER_ATOMS = _other_pattern()
# Lunar dates are scanned apart, on the pages that write one of these: their words open with numerals,
# and in the word pass they would start a look-up at every 一, 二 and 十 of the text.
LUNAR_HINT = regex.compile(r"农历|阴历|正月|冬月|腊月|月初|月廿")
LUNAR_ATOMS = regex.compile(r"\L<words>", words=sorted(lunar_date_words(), key=len, reverse=True))
WORD_ATOMS = regex.compile(
    r"(?=[" + regex.escape("".join(sorted({word[0] for word in _lexicon_kinds()}))) + r"])\L<lexicon>",
    lexicon=sorted(_lexicon_kinds(), key=len, reverse=True),
)


class Atom:
    """One typed piece of a calendar expression; ``values`` holds its parts as written."""

    __slots__ = ("kind", "start", "end", "values", "text")

    def __init__(self, kind: str, start: int, end: int, values: dict, text: str) -> None:
        self.kind, self.start, self.end, self.values, self.text = kind, start, end, values, text

    def group(self, name: str) -> Optional[str]:
        return self.values.get(name)

    def __repr__(self) -> str:
        return f"Atom({self.kind}, {self.start}, {self.end}, {self.text!r})"


@lru_cache(maxsize=None)
def _traditional_table() -> tuple[dict[int, str], regex.Pattern[str]]:
    table: dict[int, str] = {}
    with open(data_path("dates/traditional_chars.tsv"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            traditional, simplified = line.rstrip("\n").split("\t")
            table[ord(traditional)] = simplified
    return table, regex.compile("[" + "".join(chr(code) for code in table) + "]")


def simplified_view(text: str) -> str:
    """``text`` with the traditional characters of date words simplified, same length.

    Clean text is simplified already; this lets a caller pass traditional text
    (後天, 週三) and keep offsets."""
    table, finder = _traditional_table()
    if finder.search(text) is None:
        return text
    return text.translate(table)


def scan_atoms(text: str) -> list[Atom]:
    """Every atom of ``text``, in order, none overlapping.

    Arabic numbers, Chinese numerals, words and one-character atoms are
    scanned separately (four simple passes are much faster than one pass of
    their alternation); where two overlap, the one that starts first wins,
    Arabic numbers first.
    """
    numbers = [atom for atom in map(_numeric_atom, NUMERIC_ATOMS.finditer(text)) if atom is not None]
    numbers.extend(atom for atom in map(_numeric_atom, CHINESE_NUMERAL_ATOMS.finditer(text)) if atom is not None)
    if ENGLISH_MONTH_NAME.search(text):
        numbers.extend(atom for atom in map(_english_atom, ENGLISH_DATE_ATOMS.finditer(text)) if atom is not None)
    words = [atom for match in WORD_ATOMS.finditer(text)
             if (atom := _lexicon_atom(text, match.group(), match.start(), match.end())) is not None]
    for match in OTHER_ATOMS.finditer(text):
        words.extend(_other_atoms(match))
    if LUNAR_HINT.search(text):
        words.extend(Atom("lunar", match.start(), match.end(), {"lunar_day": lunar_date_words()[match.group()]}, match.group())
                     for match in LUNAR_ATOMS.finditer(text))
    if not words and all(left.start < right.start for left, right in zip(numbers, numbers[1:])):
        return numbers
    # a lunar date (二月初二) or a festival named by its lunar day (三月三假期) opens with what also reads as a
    # month: the whole lunar date or festival goes first
    ranked = [(atom.start, 0, atom) for atom in numbers] + [
        (atom.start, -1 if atom.kind in ("lunar", "holiday") else 1, atom) for atom in words
    ]
    ranked.sort(key=_rank)
    atoms: list[Atom] = []
    reached = -1
    for start, _, atom in ranked:
        if start >= reached:
            atoms.append(atom)
            reached = atom.end
    return atoms


_NO_VALUES: dict = {}


def _english_atom(match: regex.Match[str]) -> Optional[Atom]:
    """``Fri, 24 Apr 2026 09:15:00 +0800`` as the ``iso`` atom it means; weekday and zone are in its span."""
    parts = english_date_parts(match.groupdict(), "en_")
    if parts is None:
        return None
    year, month, day, clock = parts
    values = {"iso_y": str(year), "iso_m": str(month), "iso_d": str(day), "iso_clock": clock}
    return Atom("iso", match.start(), match.end(), values, match.group())


def _other_atoms(match: regex.Match[str]) -> list[Atom]:
    kind = match.lastgroup
    text = match.string
    start, end = match.span()
    if kind == "edge":
        return _edge_atoms(text, start, end)
    if kind in ("quarter", "qq"):
        atom = _quarter_atom(match, text, start, end)
        return [atom] if atom is not None else []
    return [Atom(kind, start, end, _NO_VALUES, match.group())]


def _edge_atoms(text: str, start: int, end: int) -> list[Atom]:
    """底/末/初 after 年 or 月; after 年 also the whole part of the year (年底), which
    stands for the year when no year atom took the 年 (去年年底, 年底前)."""
    before = text[start - 1] if start else ""
    char = text[start]
    if before not in ("年", "月", "份") or (end < len(text) and text[end] in _NOT_AFTER_EDGE.get(char, ())):
        return []
    atoms = []
    if before == "年" and text[start - 1:end] in periods()["year_parts"]:
        atoms.append(Atom("ypart", start - 1, end, _NO_VALUES, text[start - 1:end]))
    elif before == "月" and char in "底末初" and _month_of_the_story(text, start - 1):
        atoms.append(Atom("this_month", start - 1, start, _NO_VALUES, "月"))
    if char in "底末初":
        atoms.append(Atom("edge", start, end, _NO_VALUES, char))
    return atoms


_HAN_CHAR = regex.compile(r"\p{Han}")


def _month_of_the_story(text: str, month_at: int) -> bool:
    """月 written with no number before an edge (要在月底前): the month of the story, when nothing
    before it makes it part of another word. A month atom starting earlier (6月, 本月) wins the
    overlap in :func:`scan_atoms` anyway."""
    before = text[month_at - 1] if month_at else ""
    return not _HAN_CHAR.match(before) or before in periods()["this_month_edge_after"]


def _quarter_atom(match: regex.Match[str], text: str, start: int, end: int) -> Optional[Atom]:
    """1季度, 第2季度, Q3: quarters written with an Arabic digit (the Chinese ones are words)."""
    if match.group("qq"):
        if start and text[start - 1].isascii() and text[start - 1].isalpha():
            return None
        number = int(match.group("qq"))
    else:
        if start == 0 or text[start - 1] not in "1234":
            return None
        start -= 1
        if start and (text[start - 1].isdigit() or text[start - 1] == "."):
            return None
        number = int(text[start])
        if start and text[start - 1] == "第":
            start -= 1
    return Atom("quarter", start, end, {"months": (3 * number - 2, 3 * number)}, text[start:end])


def _rank(item: tuple) -> tuple[int, int]:
    return item[0], item[1]


_FOUR_DIGIT_YEAR = regex.compile(r"(?:1[89]|20)\d{2}")


def _numeric_atom(match: regex.Match[str]) -> Optional[Atom]:
    """Type a number by what follows it: the suffix group is the last one to close."""
    kind = match.lastgroup
    if kind[1] == "_":  # a_year, c_month...: a number with a unit
        return _UNIT_BUILDERS[kind[2:]](match, kind[0])
    start, end = match.span()
    return _numeric_date(match, kind, match.group("n"), start, end, match.group())


def _number(match: regex.Match[str], script: str) -> str:
    return match.group("n") if script == "a" else match.group("c")


def _year_atom(match: regex.Match[str], script: str) -> Optional[Atom]:
    number = _number(match, script)
    if len(number) == 4:
        return Atom("year4", match.start(), match.end(), {"y4": number}, "")
    if len(number) == 2:
        return Atom("year2", match.start(), match.end(), {"y2": number}, "")
    return None


def _month_atom(match: regex.Match[str], script: str) -> Optional[Atom]:
    number = _number(match, script)
    if len(number) > 2:
        return None
    return Atom("month", match.start(), match.end(), {"mo": number, "mo_day": match.group(script + "_mday")}, "")


def _day_atom(match: regex.Match[str], script: str) -> Optional[Atom]:
    number = _number(match, script)
    if len(number) > 3:
        return None
    end = match.end()
    return Atom("day", match.start(), end, {"da": number, "da_u": match.string[end - 1]}, "")


def _hour_atom(match: regex.Match[str], script: str) -> Optional[Atom]:
    number = _number(match, script)
    if len(number) > 3:
        return None
    group = match.group
    return Atom("clockcn", match.start(), match.end(), {
        "ckc_h": number, "ckc_half": group(script + "_half"), "ckc_q": group(script + "_quarter"),
        "ckc_m": group(script + "_minute"), "ckc_s": group(script + "_second")}, match.group())


def _span_of_numbers(match: regex.Match[str], script: str) -> Optional[Atom]:
    return _span_atom(match, script + "_", _number(match, script), match.start(), match.end())


_UNIT_BUILDERS = {
    "year": _year_atom, "month": _month_atom, "day": _day_atom, "hour": _hour_atom, "span": _span_of_numbers,
}


def _numeric_date(match: regex.Match[str], kind: str, number: str, start: int, end: int,
                  whole: str) -> Optional[Atom]:
    group = match.group
    if kind == "triple":
        second, third, clock = group("n2"), group("n3"), group("clock3")
        if len(number) == 4 and len(third) <= 2 and _FOUR_DIGIT_YEAR.fullmatch(number):
            return Atom("iso", start, end, {"iso_y": number, "iso_m": second, "iso_d": third, "iso_clock": clock},
                        whole)
        if len(number) <= 2 and len(third) == 4 and group("sep") in "./" and _FOUR_DIGIT_YEAR.fullmatch(third):
            return Atom("dmy", start, end, {"dmy_a": number, "dmy_b": second, "dmy_y": third, "dmy_clock": clock},
                        whole)
        return None
    if kind == "pair":
        second, clock = group("p2"), group("clock2")
        if len(number) == 4 and clock is None and _FOUR_DIGIT_YEAR.fullmatch(number) and 1 <= int(second) <= 12:
            return Atom("ym", start, end, {"ym_y": number, "ym_m": second}, whole)
        if len(number) == 2 and clock is not None:
            return Atom("mdc", start, end, {"mdc_m": number, "mdc_d": second, "mdc_clock": clock}, whole)
        return None
    if kind == "colon":
        return Atom("clock", start, end, {"ck": whole}, whole) if len(number) <= 2 else None
    if kind == "dot":
        return Atom("mdot", start, end, {"md_m": number, "md_d": group("dd")}, whole) if len(number) <= 2 else None
    return None


def _span_atom(match: regex.Match[str], prefix: str, number: str, start: int, end: int) -> Optional[Atom]:
    group = match.group
    whole = group()
    last_year = group(prefix + "to_year")
    if last_year is not None:
        if len(number) != 4 or not number.isdigit():
            return None
        if not whole.endswith("年") and (start == 0 or match.string[start - 1] not in "(（"):
            return None  # 2021-2025 without 年 is a period only inside brackets
        return Atom("yspan", start, end, {"ys_a": number, "ys_b": last_year}, whole)
    unit, last = group(prefix + "span_u"), group(prefix + "to")
    if len(number) > 3:
        return None
    if unit.startswith("月"):
        return Atom("mspan", start, end, {"ms_a": number, "ms_b": last}, whole)
    return Atom("dspan", start, end, {"ds_a": number, "ds_b": last}, whole)


def _lexicon_atom(text: str, word: str, start: int, end: int) -> Optional[Atom]:
    kind, months = _lexicon_kinds()[word]
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if kind.startswith("rel"):
        spec = load_json("dates/relative.json")["words"][word]
        if before and before in spec.get("not_after", ""):
            return None
        if after and after in spec.get("not_before", ""):
            return None
    elif kind == "holiday_short":
        if not _short_holiday_dated(text, end):
            return None
        kind = "holiday"
    elif kind == "mpart" and before not in ("月", "份"):
        return None
    elif kind == "ypart" and after and after in _NOT_AFTER_EDGE.get(word[-1], ()):
        return None
    elif kind == "quarter" and before in "第首" and before:
        return None
    elif kind in ("weekrel", "weekday"):
        return Atom(kind, start, end, {"week": week_words()[word][1]}, word)
    return Atom(kind, start, end, {"months": months}, word)


# A straight quote both opens and closes: it is in both sets.
OPENING_QUOTES = "“‘「『\"'"
_CLOSING_QUOTES = "”’」』\"'"
_HOLIDAY_LIST_SEPARATORS = "、和与及"
_HOLIDAY_LIST_MAX = 3


def _short_holiday_dated(text: str, end: int) -> bool:
    """A short holiday name (国庆, 中秋) is a date when a suffix follows (国庆期间, “五一”假期),
    and so is every name of a list that ends in one (中秋、国庆前后, 中秋国庆“双节”, 中秋、国庆节)."""
    follow = end
    for _ in range(_HOLIDAY_LIST_MAX):
        follow = _skip_one(text, follow, _CLOSING_QUOTES)
        if any(text.startswith(suffix, _skip_one(text, follow, OPENING_QUOTES)) for suffix in holidays()["suffixes"]):
            return True  # 国庆期间, “五一”假期, 中秋、国庆“两节”
        follow = _skip_one(text, _skip_one(text, follow, _HOLIDAY_LIST_SEPARATORS), OPENING_QUOTES)
        name = _holiday_name_at(text, follow)
        if name is None:
            return False
        if _lexicon_kinds()[name][0] == "holiday":
            return True
        follow += len(name)
    return False


def _skip_one(text: str, position: int, chars: str) -> int:
    return position + 1 if position < len(text) and text[position] in chars else position


def _holiday_name_at(text: str, position: int) -> Optional[str]:
    kinds = _lexicon_kinds()
    for size in range(_HOLIDAY_NAME_MAX, 1, -1):
        word = text[position : position + size]
        if kinds.get(word, ("",))[0] in ("holiday", "holiday_short"):
            return word
    return None


_HOLIDAY_NAME_MAX = 8


def adjacent(text: str, left_end: int, right_start: int) -> bool:
    """True when two atoms touch, or are separated by at most two spaces."""
    gap = right_start - left_end
    if gap == 0:
        return True
    return gap <= 2 and not text[left_end:right_start].strip()


# ---------------------------------------------------------------- clock times


def clock_from_atom(atom: Atom) -> Optional[tuple[int, int, Optional[int]]]:
    """(hour, minute, second or None) of a clock atom, as written (no am/pm)."""
    if atom.kind == "clock":
        return clock_from_colon(atom.group("ck"))
    hour = small_number(atom.group("ckc_h"))
    if hour is None or hour > 24:
        return None
    minute = 0
    second = None
    if atom.group("ckc_half"):
        minute = 30
    elif atom.group("ckc_q"):
        minute = 15 if atom.group("ckc_q") in ("一", "1") else 45
    elif atom.group("ckc_m"):
        minute = small_number(atom.group("ckc_m"))
        if minute is None or minute > 59:
            return None
        if atom.group("ckc_s"):
            second = small_number(atom.group("ckc_s"))
            if second is None or second > 59:
                return None
    return hour, minute, second


_COLON_PARTS = regex.compile(r"\d{1,2}")


def clock_from_colon(text: str) -> Optional[tuple[int, int, Optional[int]]]:
    numbers = [int(part) for part in _COLON_PARTS.findall(text)]
    if len(numbers) < 2 or numbers[0] > 24 or numbers[1] > 59:
        return None
    second = numbers[2] if len(numbers) > 2 else None
    return numbers[0], numbers[1], second


def apply_day_part(hour: int, part: Optional[str]) -> int:
    """The 24-hour value of ``hour`` said with a part of the day (下午3点 = 15)."""
    if part is None:
        return hour
    info = day_parts().get(part)
    if info is None:
        return hour
    if info.pm is True and hour < 12:
        return hour + 12
    if info.pm == "noon" and hour <= 5:
        return hour + 12
    if info.pm == "night" and 6 <= hour <= 12:
        return (hour + 12) % 24
    if info.pm is False and hour == 12 and part == "凌晨":
        return 0
    return hour
