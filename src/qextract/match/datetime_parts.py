"""Building blocks of the dates matcher: numerals, lexicons and the atom scanner.

A calendar expression is read in two steps. :data:`ATOMS` cuts the text into
small typed pieces ("atoms": a year ``2025年``, a month ``2月``, a day ``20日``,
a connector ``至``, a part of the day ``下午``, a holiday ``国庆节``...); the
matcher in :mod:`qextract.match.dates` then joins adjacent atoms into dates and
ranges. Every atom pattern has a fixed, bounded length, so scanning is linear
in the length of the text whatever it contains.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from qextract.data import data_path, load_json

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


# ---------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class RelativeWord:
    word: str
    unit: str
    offset: int
    alone: bool
    time_of_day: Optional[str]


@dataclass(frozen=True)
class DayPart:
    word: str
    pm: object  # True, False or "noon"
    single: bool


@lru_cache(maxsize=None)
def relative_words() -> dict[str, RelativeWord]:
    words = load_json("dates/relative.json")["words"]
    return {
        word: RelativeWord(word, spec["unit"], spec["offset"], spec["alone"], spec.get("time_of_day"))
        for word, spec in words.items()
    }


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

_SP = r"[ \t\u3000]?"
_NOT_AFTER_NUMBER = r"(?<![\d.])"
_NOT_AFTER_CN_NUMBER = r"(?<![〇○零一二三四五六七八九十两廿卅百千万亿第])"
_YEAR4 = r"(?:1[89]|20)\d{2}"
_CN_DIGITS = r"[〇○零一二三四五六七八九]"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])"
_ARABIC_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_CONNECTOR = r"(?:——|--|──|[-—–~～－―]|至|到)"
_CLOCK = (
    r"(?:[01]?\d|2[0-4])" + _SP + r"[:：]" + _SP + r"[0-5]\d"
    r"(?:" + _SP + r"[:：]" + _SP + r"[0-5]\d)?"
)
_CN_CLOCK_NUMBER = r"(?:[01]?\d|2[0-4]|[零一二两三四五六七八九十]{1,3})"
_CN_MINUTE = r"(?:[0-5]?\d|[零一二三四五六七八九十]{1,3})"
_BOUNDARY_AHEAD = r"(?=[\s,，。;；、:：!?！？)）\]】”’\"'-—–~～－至到]|$)"


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))


def _relative_pattern(unit: str) -> str:
    spec = load_json("dates/relative.json")["words"]
    branches = []
    for word in sorted(spec, key=len, reverse=True):
        entry = spec[word]
        if entry["unit"] != unit:
            continue
        branch = regex.escape(word)
        if entry.get("not_after"):
            branch = "(?<![" + regex.escape(entry["not_after"]) + "])" + branch
        if entry.get("not_before"):
            branch = branch + "(?![" + regex.escape(entry["not_before"]) + "])"
        branches.append(branch)
    return "|".join(branches)


def _holiday_pattern() -> str:
    data = holidays()
    names = list(data["fixed"]) + list(data["lunar"])
    suffixes = _alternation(data["suffixes"])
    short = _alternation(list(data["needs_suffix"]))
    return "(?:" + _alternation(names) + ")|(?:(?:" + short + ")(?=" + suffixes + "))"


def _day_part_pattern() -> tuple[str, str]:
    parts = day_parts()
    long_words = [word for word, part in parts.items() if not part.single]
    single = "".join(word for word, part in parts.items() if part.single)
    clock_ahead = r"(?=" + _SP + r"(?:\d|[零一二两三四五六七八九十]))"
    return _alternation(long_words), "[" + single + "]" + clock_ahead


def _build_atoms() -> regex.Pattern[str]:
    day_part, day_part_single = _day_part_pattern()
    year_parts = _alternation(list(periods()["year_parts"]))
    month_parts = _alternation(list(periods()["month_parts"]))
    branches = [
        # 2025-02-25 09:18, 2023/2/17 17:08:22, 2019.9.6
        r"(?P<iso>" + _NOT_AFTER_NUMBER + r"(?<![:/-])(?P<iso_y>" + _YEAR4 + r")" + _SP
        + r"(?P<iso_s>[-/.])" + _SP + r"(?P<iso_m>1[0-2]|0?[1-9])" + _SP + r"(?P=iso_s)" + _SP
        + r"(?P<iso_d>" + _ARABIC_DAY + r")(?!\d|\.\d)"
        + r"(?:(?:[ \t]{1,2}|T)(?P<iso_clock>" + _CLOCK + r")(?!\d))?)",
        # 19.05.2015 10:31, 1/2/2020 (day first, as the sites that print it do)
        r"(?P<dmy>" + _NOT_AFTER_NUMBER + r"(?<![:/-])(?P<dmy_a>" + _ARABIC_DAY + r")(?P<dmy_s>[./])"
        + r"(?P<dmy_b>" + _ARABIC_DAY + r")(?P=dmy_s)(?P<dmy_y>" + _YEAR4 + r")(?!\d|\.\d)"
        + r"(?:[ \t]{1,2}(?P<dmy_clock>" + _CLOCK + r")(?!\d))?)",
        # 2021-04: a year and a two-digit month
        r"(?P<ym>" + _NOT_AFTER_NUMBER + r"(?<![:/-])(?P<ym_y>" + _YEAR4 + r")[-/](?P<ym_m>0[1-9]|1[0-2])"
        + r"(?![\d:]|[-/.]\d))",
        # 09-01 20:01: a month-day only counts with a clock time after it
        r"(?P<mdc>" + _NOT_AFTER_NUMBER + r"(?<![:/-])(?P<mdc_m>1[0-2]|0[1-9])[-/](?P<mdc_d>3[01]|[12]\d|0[1-9])"
        + r"[ \t]{1,2}(?P<mdc_clock>" + _CLOCK + r")(?!\d))",
        # 2021-2025年, 2019至2020年
        r"(?P<yspan>" + _NOT_AFTER_NUMBER + r"(?P<ys_a>" + _YEAR4 + r")" + _SP + _CONNECTOR + _SP
        + r"(?P<ys_b>" + _YEAR4 + r")" + _SP + r"年(?!代))",
        # (2021-2025) as a bracketed period
        r"(?P<yspan2>(?<=[(（])(?P<ys2_a>" + _YEAR4 + r")" + _SP + r"(?:——|[-—–~～－])" + _SP
        + r"(?P<ys2_b>" + _YEAR4 + r")(?=" + _SP + r"[)）]))",
        # 18年10月: a two-digit year only stands before a month (14年来 is a duration)
        r"(?P<year2>" + _NOT_AFTER_NUMBER + _NOT_AFTER_CN_NUMBER + r"(?P<y2>\d{2}|" + _CN_DIGITS + r"{2})"
        + _SP + r"年(?=" + _SP + r"(?:" + _MONTH + _SP + r"月|前[两二三四五六七八九十\d]{1,2}个?(?:月|季度)|[上下]半年|第?[一二三四1-4]季度)))",
        r"(?P<year4>" + _NOT_AFTER_NUMBER + _NOT_AFTER_CN_NUMBER + r"(?P<y4>" + _YEAR4 + r"|" + _CN_DIGITS
        + r"{4})" + _SP + r"年(?!代))",
        # 1-5月, 1至11月份
        r"(?P<mspan>" + _NOT_AFTER_NUMBER + _NOT_AFTER_CN_NUMBER + r"(?P<ms_a>" + _MONTH + r")" + _SP
        + _CONNECTOR + _SP + r"(?P<ms_b>" + _MONTH + r")" + _SP + r"月份?(?![饼球光亮薪嫂]))",
        # 12-19日, 21至23日
        r"(?P<dspan>" + _NOT_AFTER_NUMBER + _NOT_AFTER_CN_NUMBER + r"(?P<ds_a>" + _DAY + r")" + _SP
        + _CONNECTOR + _SP + r"(?P<ds_b>" + _DAY + r")" + _SP + r"[日号](?!元))",
        # 5月, 十二月份, 元月, and 8月22 written without 日 before a pause
        r"(?P<month>" + _NOT_AFTER_NUMBER + _NOT_AFTER_CN_NUMBER + r"(?P<mo>" + _MONTH + r"|元)" + _SP
        + r"月(?P<mo_fen>份)?(?![饼球光亮薪嫂])"
        + r"(?:" + _SP + r"(?P<mo_day>" + _DAY + r")(?![\d日号])" + _BOUNDARY_AHEAD + r")?)",
        r"(?P<day>" + _NOT_AFTER_NUMBER + _NOT_AFTER_CN_NUMBER + r"(?P<da>" + _DAY + r")" + _SP
        + r"(?P<da_u>[日号])(?!元))",
        r"(?P<clock>" + _NOT_AFTER_NUMBER + r"(?P<ck>" + _CLOCK + r")(?!\d))",
        r"(?P<clockcn>" + _NOT_AFTER_NUMBER + _NOT_AFTER_CN_NUMBER + r"(?P<ckc_h>" + _CN_CLOCK_NUMBER + r")"
        + _SP + r"[点时](?!间|候|期|代|段|刻表|事|政|尚|装)"
        + r"(?:(?P<ckc_half>半)|(?P<ckc_q>[一三])刻|" + _SP + r"(?P<ckc_m>" + _CN_MINUTE + r")" + _SP
        + r"(?:分(?:" + _SP + r"(?P<ckc_s>" + _CN_MINUTE + r")" + _SP + r"秒)?|(?![\d分钟]))"
        + r")?(?:整|许|钟)?)",
        # 3·15, 6·30: month·day, the form of named days
        r"(?P<mdot>" + _NOT_AFTER_NUMBER + r"(?P<md_m>1[0-2]|0?[1-9])[·•・‧](?P<md_d>" + _ARABIC_DAY
        + r")(?![\d.]))",
        r"(?P<relday>" + _relative_pattern("day") + r")",
        r"(?P<relyear>" + _relative_pattern("year") + r")",
        r"(?P<relmonth>" + _relative_pattern("month") + r")",
        # quarters and the first N months or quarters of a year
        r"(?P<quarter>(?:(?P<q_first>首)|第?(?P<q_n>[一二三四1-4]))季度|(?<![A-Za-z])Q(?P<q_q>[1-4])(?:季度)?(?!\d))",
        r"(?P<leading>前(?P<ld_n>[两二三四五六七八九十]{1,3}|1[01]|[1-9])个?(?P<ld_u>季度|月(?!份?" + _SP
        + r"[\d一二三四五六七八九十])))",
        r"(?P<ypart>" + year_parts + r")",
        r"(?P<edge>(?<=[年月份])[底末初](?![步期级心衷稿审选次赛试犯见恋中始创端三二四五六七八九十一]))",
        r"(?P<mpart>(?<=[月份])(?:" + month_parts + r"))",
        r"(?P<holiday>" + _holiday_pattern() + r")",
        r"(?P<tod>" + day_part + r"|" + day_part_single + r")",
        r"(?P<conn>" + _CONNECTOR + r")",
        r"(?P<enum>[、和及与]|以及)",
    ]
    return regex.compile("|".join(branches))


ATOMS = _build_atoms()


@dataclass
class Atom:
    kind: str
    start: int
    end: int
    match: regex.Match[str]

    def group(self, name: str) -> Optional[str]:
        return self.match.group(name)


def scan_atoms(text: str, start: int = 0, end: Optional[int] = None) -> list[Atom]:
    """Every atom of ``text[start:end]``, in order."""
    stop = len(text) if end is None else end
    return [Atom(match.lastgroup, match.start(), match.end(), match) for match in ATOMS.finditer(text, start, stop)]


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
        minute = 15 if atom.group("ckc_q") == "一" else 45
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
