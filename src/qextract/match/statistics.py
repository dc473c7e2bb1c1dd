"""Statistics: numbers that measure something.

A statistic is a number with a measure word or unit (``4019家``, ``4.8万张``,
``40%``, ``12.5个百分点``, ``3亿元``), a duration (``14年来``, ``连续两年``,
``1个工作日内``) or a rank (``第16名``, ``全省第4``). Each record carries the
value with 万/亿 folded in, the unit as written, a qualifier read from the
words around the number (近, 超过, 以上, 余, ...) and the subject: the noun
phrase counted, found over tokens.

Numbers that only look like statistics are skipped: dates, ordinals
(第四届), numbers inside names, titles and numbered slogans (the spans that
the dates, documents and slogans matchers found, plus 《》 titles and short
quoted names), codes and model numbers (GB/T 19001, 5G), and 一 used as an
article (一家企业表示).

All language data (measure words, qualifier words, context words, set
phrases) lives in ``qextract/data/statistics/``.
"""

from __future__ import annotations

import heapq
import json
import string
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Iterator, Optional

import regex

from qextract.data import alternation
from qextract.match.context import MatchContext
from qextract.match.numbers import (
    MULTIPLIERS,
    NUMBER_PATTERN,
    TokenIndex,
    is_bare_multiplier,
    is_plausible_numeral,
    numeral_starts_word,
    parse_number,
)
from qextract.match.table_statistics import CellGrammar, TableStatistic, compile_cell_grammar, read_table_statistics, restated
from qextract.records import Statistic
from qextract.segment.sentences import SENTENCE_END
from qextract.segment.tokenizer import Token

_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "statistics"

_OPEN_PARENS = "(（"
_CLOSE_PARENS = ")）"
_PARENS = _OPEN_PARENS + _CLOSE_PARENS
_QUOTE_MARKS = "“”‘’「」\""
_OPENING_QUOTES, _CLOSING_QUOTES = "“「", "”」"
_MAX_PAREN_CHARS = 14
_FORWARD_TOKENS = 8
_BACKWARD_TOKENS = 12
_BACKWARD_CHARS = 40
_MAX_SKIPPED_TOKENS = 6
_MAX_PREDICATE_CHARS = 24
_LIST_INTRODUCER_MAX_VALUE = 12
_BIG_COUNT_LIMIT = 15  # 十八大, 二十大 are party congresses, not counts of 大X
_DIGIT_RUN_LIMIT = 9  # longer digit runs are ids and phone numbers
_QUOTE_LOOKBACK = 160
_INTRODUCER_REACH = 12  # chars from a count to the colon that opens its list
# 三分之二, 5分之1: a denominator other than 百 and 千, which the scanner reads as percent and permille
_FRACTION_DENOMINATOR = r"(?:[二三四五六七八九十两]|[2-9]|[1-9]\d{1,2})"
_RANGE_MARK = "至|到|~|～|-|—|－"  # 3至5年, 3-5家: between the two ends of a range
_PER_KINDS = frozenset({"count", "physical", "time"})  # 元/公斤, 元/人, 次/年: what a unit may be per

# --------------------------------------------------------------------------
# language data


@dataclass(frozen=True)
class _WordsBefore:
    """The longest of some words that ends at an offset (不超过 before 超过).

    Most offsets are preceded by a character that ends none of the words, so
    that character is checked before any slice is made.
    """

    words: Collection[str]
    longest: int
    last_chars: frozenset[str]

    @classmethod
    def of(cls, words: Collection[str], reach: Optional[int] = None) -> _WordsBefore:
        longest = max((len(word) for word in words), default=0)
        return cls(words, longest if reach is None else min(longest, reach), frozenset(word[-1] for word in words))

    def find(self, text: str, offset: int) -> Optional[str]:
        if offset <= 0 or text[offset - 1] not in self.last_chars:
            return None
        for length in range(min(self.longest, offset), 0, -1):
            word = text[offset - length : offset]
            if word in self.words:
                return word
        return None


@dataclass(frozen=True)
class _Lexicon:
    measure_kind: dict[str, str]
    unit_as_reported: dict[str, str]
    prefix: dict[str, str]
    bare_round_prefix: dict[str, str]
    infix: dict[str, str]
    suffix: dict[str, str]
    time_suffix: dict[str, str]
    duration_prefix: frozenset[str]
    day_offset_words: frozenset[str]
    verb_gap_prefix: dict[str, str]
    verb_gap_reach: int
    time_prefix: dict[str, str]
    rank_context: frozenset[str]
    rank_measures: frozenset[str]
    top_rank_measures: frozenset[str]
    count_of_one_cues: frozenset[str]
    year_epithets: frozenset[str]
    link_words: frozenset[str]
    scope_words: frozenset[str]
    stop_verbs: frozenset[str]
    category_suffixes: tuple[str, ...]
    programme_part_nouns: frozenset[str]
    list_introducers: frozenset[str]
    predicate_pos_after_ge: tuple[str, ...]
    generic_heads: frozenset[str]
    noun_suffix_tokens: frozenset[str]
    negations: frozenset[str]
    change_words: frozenset[str]
    comparison_markers: frozenset[str]
    total_words: frozenset[str]
    list_joiners: frozenset[str]
    list_closers: frozenset[str]
    attendance_verbs: frozenset[str]
    back_references: tuple[str, ...]
    title_nouns: frozenset[str]
    address_verbs: tuple[str, ...]
    document_parts: frozenset[str]
    document_part_links: tuple[str, ...]
    designation_verbs: frozenset[str]
    time_nouns_after_ge: tuple[str, ...]
    programme_after_duration: tuple[str, ...]
    ordinal_followers: frozenset[str]
    set_phrases: tuple[str, ...]
    prefix_before: _WordsBefore
    bare_round_prefix_before: _WordsBefore
    duration_prefix_before: _WordsBefore
    rank_context_before: _WordsBefore
    count_of_one_cue_before: _WordsBefore
    score_cue_before: _WordsBefore
    score_units: frozenset[str] = frozenset()
    score_followers: tuple[str, ...] = ()
    unitless_measures: tuple[str, ...] = ()
    unitless_links: tuple[str, ...] = ()


def _data_lines(name: str) -> list[str]:
    lines = (_DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _load_lexicon() -> _Lexicon:
    measure_rows = [line.split("\t") for line in _data_lines("measure_words.tsv")]
    measure_kind = {row[0]: row[1] for row in measure_rows}
    unit_as_reported = {row[0]: row[2] for row in measure_rows if len(row) > 2}
    qualifiers = json.loads((_DATA_DIR / "qualifiers.json").read_text(encoding="utf-8"))
    words = json.loads((_DATA_DIR / "context_words.json").read_text(encoding="utf-8"))
    prefixes = [*qualifiers["prefix"], *qualifiers["duration_prefix"], *words["rank_context"]]
    prefix_reach = max(len(word) for word in prefixes)
    return _Lexicon(
        measure_kind=measure_kind,
        unit_as_reported=unit_as_reported,
        prefix=qualifiers["prefix"],
        bare_round_prefix=qualifiers["bare_round_prefix"],
        infix=qualifiers["infix"],
        suffix=qualifiers["suffix"],
        time_suffix=qualifiers["time_only_suffix"],
        duration_prefix=frozenset(qualifiers["duration_prefix"]),
        day_offset_words=frozenset(qualifiers["day_offset_words"]),
        verb_gap_prefix=dict(qualifiers["verb_gap_prefix"]),
        verb_gap_reach=int(qualifiers["verb_gap_reach"]),
        time_prefix=dict(qualifiers["time_prefix"]),
        rank_context=frozenset(words["rank_context"]),
        rank_measures=frozenset(words["rank_measures"]),
        top_rank_measures=frozenset(words["top_rank_measures"]),
        count_of_one_cues=frozenset(words["count_of_one_cues"]),
        year_epithets=frozenset(words["year_epithets"]),
        link_words=frozenset(words["link_words"]),
        scope_words=frozenset(words["scope_words"]),
        stop_verbs=frozenset(words["stop_verbs"]),
        category_suffixes=tuple(words["category_suffixes"]),
        programme_part_nouns=frozenset(words["programme_part_nouns"]),
        list_introducers=frozenset(words["list_introducers"]),
        predicate_pos_after_ge=tuple(words["predicate_pos_after_ge"]),
        generic_heads=frozenset(words["generic_heads"]),
        noun_suffix_tokens=frozenset(words["noun_suffix_tokens"]),
        negations=frozenset(words["negations"]),
        change_words=frozenset(words["change_words"]),
        comparison_markers=frozenset(words["comparison_markers"]),
        total_words=frozenset(words["total_words"]),
        list_joiners=frozenset(words["list_joiners"]),
        list_closers=frozenset(words["list_closers"]),
        attendance_verbs=frozenset(words["attendance_verbs"]),
        back_references=tuple(words["back_references"]),
        title_nouns=frozenset(words["title_nouns"]),
        address_verbs=tuple(words["address_verbs"]),
        document_parts=frozenset(words["document_parts"]),
        document_part_links=tuple(words["document_part_links"]),
        designation_verbs=frozenset(words["designation_verbs"]),
        time_nouns_after_ge=tuple(words["time_nouns_after_ge"]),
        programme_after_duration=tuple(words["programme_after_duration"]),
        score_units=frozenset(words.get("score_units", ())),
        score_followers=tuple(words["score_followers"]),
        unitless_measures=tuple(words["unitless_measures"]),
        unitless_links=tuple(words["unitless_links"]),
        ordinal_followers=frozenset(words["ordinal_followers"]),
        set_phrases=tuple(_data_lines("non_statistic_phrases.txt")),
        prefix_before=_WordsBefore.of(qualifiers["prefix"], prefix_reach),
        bare_round_prefix_before=_WordsBefore.of(qualifiers["bare_round_prefix"], 1),
        duration_prefix_before=_WordsBefore.of(frozenset(qualifiers["duration_prefix"]), prefix_reach),
        rank_context_before=_WordsBefore.of(frozenset(words["rank_context"]), prefix_reach),
        count_of_one_cue_before=_WordsBefore.of(frozenset(words["count_of_one_cues"]), prefix_reach),
        score_cue_before=_WordsBefore.of(frozenset(words.get("score_cues", ()))),
    )


# The scanner's groups in order. Readers take them from one match.groups() call:
# a look-up by name costs more than most of the tests that reject a number.
_SCANNER_GROUPS = (
    "percent_words", "percent_number",
    "ordinal", "ordinal_number", "ordinal_measure",
    "number", "range_separator", "range_end", "infix", "multiplier", "measure",
)
_PERCENT_GROUPS = slice(0, 2)
_ORDINAL_GROUPS = slice(2, 5)
_MEASURED_GROUPS = slice(5, None)


@dataclass(frozen=True)
class _Patterns:
    scanner: Any
    suffix: Any
    time_suffix: Any
    time_noun: Any
    set_phrases: Any
    stop_verb_prefix: Any
    suffix_first_chars: frozenset[str]  # most numbers are followed by none, so no match is tried
    verb_gap_prefix: Any  # 至少办结|1起: an adverb, then a verb right before the number
    verb_gap_span: int
    unitless_before: Any  # 死亡率为|0.33: a measure with no unit, and a linking verb
    unitless_last_chars: frozenset[str]
    per_measure: frozenset[str]  # 元|/公斤: the units a price or a rate may be given per
    alternative_measure: frozenset[str]  # 台|(套): measure words the things may also be counted in
    fraction: Any  # 三分之|二
    document_parts_before: Any  # 《办法》共|五章 and 《办法》共五章|三十二条


def _compile_patterns(lexicon: _Lexicon) -> _Patterns:
    scanner = regex.compile(
        rf"(?P<percent_words>百分之|千分之)(?P<percent_number>{NUMBER_PATTERN})"
        # 聚餐前3日 counts days before an event: 前 is no rank's (前10名) there
        rf"|(?P<ordinal>第|前(?!{NUMBER_PATTERN}日))(?P<ordinal_number>{NUMBER_PATTERN})"
        rf"(?P<ordinal_measure>{alternation(lexicon.top_rank_measures)})?"
        rf"|(?P<number>{NUMBER_PATTERN})"
        rf"(?:(?P<range_separator>{_RANGE_MARK})(?P<range_end>{NUMBER_PATTERN}))?"
        rf"(?P<infix>{alternation(lexicon.infix)})?"
        r"(?P<multiplier>万亿|千万|百万|万|亿)?"
        rf"(?P<measure>{alternation(lexicon.measure_kind)})?"
    )
    if tuple(sorted(scanner.groupindex, key=scanner.groupindex.__getitem__)) != _SCANNER_GROUPS:
        raise RuntimeError("the scanner's groups are out of step with _SCANNER_GROUPS")
    return _Patterns(
        scanner=scanner,
        suffix=regex.compile(rf"(?:{alternation(lexicon.suffix)})"),
        time_suffix=regex.compile(rf"(?:{alternation({**lexicon.suffix, **lexicon.time_suffix})})"),
        time_noun=regex.compile(alternation(lexicon.time_nouns_after_ge)),
        set_phrases=regex.compile(alternation(lexicon.set_phrases)),
        stop_verb_prefix=regex.compile(alternation(word for word in lexicon.stop_verbs if len(word) > 1)),
        suffix_first_chars=frozenset(word[0] for word in (*lexicon.suffix, *lexicon.time_suffix)),
        verb_gap_prefix=regex.compile(
            rf"(?P<adverb>{alternation(lexicon.verb_gap_prefix)})[^\P{{Han}}〇一二三四五六七八九十百千万两的是为]{{1,{lexicon.verb_gap_reach}}}$"),
        verb_gap_span=max(len(word) for word in lexicon.verb_gap_prefix) + lexicon.verb_gap_reach,
        unitless_last_chars=frozenset(word[-1] for word in (*lexicon.unitless_measures, *lexicon.unitless_links)),
        unitless_before=regex.compile(
            rf"(?:{alternation(lexicon.unitless_measures)})(?:{alternation(lexicon.unitless_links)})?$"
        ),
        per_measure=frozenset(word for word, kind in lexicon.measure_kind.items() if kind in _PER_KINDS),
        # apart from the scanner, whose every position would try it: few pages write 分之 at all
        fraction=regex.compile(
            rf"(?P<percent_words>{_FRACTION_DENOMINATOR}分之)(?P<percent_number>{NUMBER_PATTERN})"
        ),
        alternative_measure=frozenset(word for word, kind in lexicon.measure_kind.items() if kind == "count"),
        document_parts_before=regex.compile(
            r"(?P<title>《[^《》\n]{1,60}》)"
            rf"(?:{alternation(lexicon.document_part_links)})?"
            rf"(?:{NUMBER_PATTERN}(?:{alternation(lexicon.document_parts)}))?$"
        ),
    )


# Loaded once, at import: every helper reads them for every number.
_LEXICON = _load_lexicon()
_PATTERNS = _compile_patterns(_LEXICON)


@lru_cache(maxsize=1)
def _cell_grammar() -> CellGrammar:
    """Compiled at the first table: most pages have none, and start-up pays for every pattern."""
    lexicon = _LEXICON
    # 综合得分(分): prose reads 分 as a score only before certain followers (85分以上), as 分 opens other
    # words (分钟, 分局); a table's cell or heading bracket holds the unit alone
    measure_kind = {**lexicon.measure_kind, **dict.fromkeys(lexicon.score_units, "score")}
    return compile_cell_grammar(measure_kind, lexicon.unit_as_reported, lexicon.prefix, lexicon.infix, lexicon.suffix)


# A code's neighbours: a letter or a code mark before it; a letter, or a mark and a digit, after it.
_ASCII_LETTERS = frozenset(string.ascii_letters)
_ASCII_DIGITS = frozenset(string.digits)
_CODE_CHARS_BEFORE = _ASCII_LETTERS | frozenset("/#_-.·:：@")
_CODE_LINKS_AFTER = frozenset("-/.·:：_")
_BOOK_TITLE = regex.compile(r"《[^《》\n]{1,80}》")
_SHORT_QUOTE = regex.compile(r"“[^“”\n]{1,12}”")
_QUOTED_ITEM_AT_END = regex.compile(r"“[^“”\n]{1,24}”[、,，和及与]?$")
_HAN = regex.compile(r"\p{Han}")
_CLAUSE_MARKS = ",，、;；:：。!?！？"
_CLAUSE_END = regex.compile(rf"[{_CLAUSE_MARKS}\n]")
_CLAUSE_MARK = regex.compile(rf"[{_CLAUSE_MARKS}]")  # a clause's end written, not a line's
_DROP_QUOTES = str.maketrans(dict.fromkeys("“”‘’「」\""))

# --------------------------------------------------------------------------
# one statistic in the making


@dataclass(slots=True)
class _Candidate:
    start: int  # of the phrase, qualifier and rank words included
    end: int
    number_start: int
    number_end: int
    value: float
    unit: Optional[str]
    kind: str  # count, big, money, physical, rate, percent, time, rank
    qualifier: str = "exact"
    measure: Optional[str] = None
    measure_end: int = 0
    time_noun: Optional[str] = None
    chinese: bool = False
    subject: Optional[str] = None
    subject_head: Optional[str] = None
    text_start: int = 0
    text_end: int = 0
    category_only: bool = False
    change_only: bool = False
    range_upper: Optional[float] = None  # 3至5年: the upper end, a record of its own


class _Blocked:
    """Sorted, merged ranges where no number may be read."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ranges = merged

    def covers(self, offset: int) -> bool:
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and self._ranges[index][1] > offset


def _record_ranges(records: Optional[list[Any]]) -> Iterable[tuple[int, int]]:
    for record in records or ():
        # a numbered slogan's items are part of it (GOLD_FORMAT: no numbers inside slogans)
        for span in (getattr(record, "span", None), *(getattr(record, "item_spans", None) or ())):
            if span is not None and span.end > span.start:
                yield span.start, span.end


def _numbered_labels_written_again(ctx: MatchContext) -> Iterable[tuple[int, int]]:
    """通过三个一批的示范带动: a numbered slogan's label written again without its quotes is still the label."""
    labels = {label for label in _numbered_slogan_labels(ctx) if len(label) >= _MIN_REPEATED_LABEL}
    if labels:
        # one pass over the text for all labels: a long page may hold many
        yield from (match.span() for match in regex.finditer(alternation(labels), ctx.text))


def _numbered_slogan_labels(ctx: MatchContext) -> Iterator[str]:
    """The text of every numbered slogan the slogans matcher found (六个持续发力, 三个一批)."""
    for slogan in ctx.found.get("slogans") or ():
        if getattr(slogan, "kind", None) == "numbered":
            yield getattr(slogan, "text", "") or ""


def _blocked_ranges(ctx: MatchContext) -> _Blocked:
    ranges: list[tuple[int, int]] = []
    for record_type in ("dates", "documents", "slogans"):
        ranges.extend(_record_ranges(ctx.found.get(record_type)))
    ranges.extend(_numbered_labels_written_again(ctx))
    for pattern in (_BOOK_TITLE, _SHORT_QUOTE, _PATTERNS.set_phrases):
        ranges.extend(match.span() for match in pattern.finditer(ctx.text))
    return _Blocked(ranges)


# --------------------------------------------------------------------------
# reading one number


_MIN_REPEATED_LABEL = 3  # 三个一批; a two-character label (三进) may be an ordinary word
_SCORE_CUE_REACH = 4  # characters between the cue and the number (我市得分 / 得分为)


def _score_before(text: str, number_start: int, lexicon: "_Lexicon") -> bool:
    for gap in range(_SCORE_CUE_REACH + 1):
        if lexicon.score_cue_before.find(text, number_start - gap):
            return True
    return False


def _score_by_its_ending(text: str, number_start: int, end: int, lexicon: "_Lexicon") -> bool:
    """85分以上, 考核权重为3分。: an Arabic number and 分 that no Han character follows (or a word that
    only a score takes) is a score; after a clock hour (9时30分) it is a minute."""
    if number_start and text[number_start - 1] in _CLOCK_HOUR_MARKS:
        return False
    return end >= len(text) or not _HAN.match(text[end]) or text.startswith(lexicon.score_followers, end)


_CLOCK_HOUR_MARKS = frozenset("时点:：")


def _is_latin(measure: str) -> bool:
    return measure[:1].isascii() and measure[:1].isalpha()


def _looks_like_code(text: str, start: int, end: int, written: str, latin_unit: bool = False) -> bool:
    """Model numbers, phone numbers, versions, clock times and the like.

    Letters after a number make a code (5G, 3C), unless they are the unit it was read with (25km/h).
    """
    if start > 0 and (text[start - 1] in _CODE_CHARS_BEFORE or text[start - 1].isdigit()):
        return True
    following = text[end : end + 1]
    if (following in _ASCII_LETTERS and not latin_unit) or (following in _CODE_LINKS_AFTER and text[end + 1 : end + 2] in _ASCII_DIGITS):
        return True
    if len(written) < _DIGIT_RUN_LIMIT or "," in written or "." in written:
        return False  # too short to hold a long digit run: no need to count the digits
    return sum(char.isdigit() for char in written) >= _DIGIT_RUN_LIMIT


def _reads_as_date(
    text: str, measure: str, number_start: int, measure_end: int, written: str, has_duration_prefix: bool
) -> bool:
    """A year (2021年) or a day of the month (20日) rather than a duration."""
    if measure == "年":
        whole = written.replace(",", "")
        # 附件:2.2021年…: a list marker glued to a year reads as a decimal; 02年, 00年: a year in two digits
        # (a count of years never opens with a zero)
        return (
            (whole.isdigit() and (len(whole) == 4 or (len(whole) == 2 and whole[0] == "0")))
            or _MARKER_BEFORE_YEAR.fullmatch(whole) is not None
        )
    if measure == "日":
        if has_duration_prefix or _counts_days_from_an_event(text, number_start):
            return False
        suffix = text[measure_end : measure_end + 2]
        return not suffix.startswith(("内", "以内", "之内"))
    return False


def _counts_days_from_an_event(text: str, number_start: int) -> bool:
    """聚餐前3日, 届满后30日: days before or after an event."""
    return text[number_start - 1 : number_start] in _LEXICON.day_offset_words


def _word_start(text: str, number_start: int, tokens: Optional[TokenIndex]) -> int:
    """Where the numeral's word starts: jieba may glue a qualifier to it (上万名, 近三年)."""
    if tokens is None:
        return number_start
    token = tokens.at(number_start)
    if token is None or token.start >= number_start:
        return number_start
    lexicon = _LEXICON
    glued = text[token.start : number_start]
    if glued in lexicon.prefix or glued in lexicon.bare_round_prefix or glued in lexicon.duration_prefix:
        return token.start
    return number_start


def _read_candidate(ctx: MatchContext, match: Any, tokens: Optional[TokenIndex]) -> Optional[_Candidate]:
    # The scanner's groups do not nest and come in text order, so the last one
    # matched tells the alternative apart, and a measure word from a bare number.
    last_group = match.lastgroup
    if last_group == "measure":
        return _read_measured(ctx, match, tokens)
    text = ctx.text
    if last_group == "percent_number":
        marker, written = match.groups()[_PERCENT_GROUPS]
        ordinal_measure = None
    elif last_group in ("ordinal_number", "ordinal_measure"):
        marker, written, ordinal_measure = match.groups()[_ORDINAL_GROUPS]
    elif last_group == "number" and _after_unitless_measure(text, match):
        marker, written, ordinal_measure = "", match.group("number"), None
    else:
        return None  # a number without a measure word, 第 or 百分之 measures nothing
    number_start = match.start() + len(marker)
    number_end = number_start + len(written)
    chinese = not written[0].isdigit()
    if chinese:
        # no test of the numeral's word: 第 and 百分之 already mark a number, and jieba glues them to it
        if not is_plausible_numeral(written):
            return None
    elif _looks_like_code(text, number_start, number_end, written):
        return None
    value = parse_number(written)
    if value is None:
        return None
    if last_group == "percent_number":
        return _read_written_percent(text, match, marker, value, number_end, chinese)
    if last_group == "number":
        return _read_unitless(text, number_start, number_end, value)
    return _read_rank(text, match, marker, ordinal_measure, value, number_start, number_end, chinese)


_UNITLESS_REACH = 8  # chars back from the number to the start of 竞争力指数达到


def _after_unitless_measure(text: str, match: Any) -> bool:
    """An Arabic number right after a measure without a unit (死亡率为|0.33, 指数达到|88)."""
    start = match.start()
    if not match.group("number")[0].isdigit() or text[start - 1 : start] not in _PATTERNS.unitless_last_chars:
        return False  # most bare numbers: not right after 率, 指数 or a linking verb
    return _PATTERNS.unitless_before.search(text, max(0, start - _UNITLESS_REACH), start) is not None


def _read_unitless(text: str, start: int, end: int, value: float) -> Optional[_Candidate]:
    """The statistic a measure without a unit gives (死亡率为0.33, 指数达到88以上), unit null."""
    candidate = _Candidate(start, end, start, end, value, None, "index", measure_end=end)
    _read_qualifiers(text, candidate, None)
    if candidate.end < len(text) and not _CLAUSE_MARK.match(text, candidate.end):
        return None  # a word goes on after it (12315热线), or a line cuts it (96\n.2%)
    return candidate


def _numeral_is_standalone(
    text: str, match: Any, written: str, number_start: int, tokens: Optional[TokenIndex]
) -> bool:
    """Not a numeral inside a word (四川, 进一步, 陆地)."""
    if not is_plausible_numeral(written):
        return False
    return numeral_starts_word(_word_start(text, number_start, tokens), match.end(), tokens)


def _read_written_percent(
    text: str, match: Any, percent_words: str, value: float, number_end: int, chinese: bool
) -> Optional[_Candidate]:
    """百分之四十, 千分之五; 三分之二, a fraction, is a share with no unit."""
    unit: Optional[str] = {"百分之": "%", "千分之": "‰"}.get(percent_words)
    if unit is None:
        denominator = parse_number(percent_words[: -len("分之")])
        if not denominator or value >= denominator:
            return None
        value /= denominator
    start, end = match.start(), match.end()
    candidate = _Candidate(start, end, start, number_end, value, unit, "percent", chinese=chinese, measure_end=end)
    _read_qualifiers(text, candidate, None)
    return candidate


def _read_rank(
    text: str,
    match: Any,
    ordinal: str,
    measure: Optional[str],
    value: float,
    number_start: int,
    number_end: int,
    chinese: bool,
) -> Optional[_Candidate]:
    """第16名, 全省第4, 前10名; other 第N are ordinals (第四届, 第一批)."""
    lexicon = _LEXICON
    following = text[match.end() : match.end() + 1]
    ends_phrase = not following or not _HAN.match(following) or following in lexicon.ordinal_followers
    if ordinal == "前":
        if measure and ends_phrase:
            return _Candidate(
                match.start(), match.end(), number_start, number_end, value, measure, "rank", "at_most",
                measure=measure, measure_end=match.end(), chinese=chinese,
            )
        return None
    if measure and measure not in lexicon.rank_measures:
        return None
    context = lexicon.rank_context_before.find(text, match.start())
    if not ends_phrase or (not measure and not context):
        return None
    start = match.start() - len(context) if context else match.start()
    return _Candidate(
        start, match.end(), number_start, number_end, value, measure, "rank",
        measure=measure, measure_end=match.end(), chinese=chinese,
    )


def _read_measured(ctx: MatchContext, match: Any, tokens: Optional[TokenIndex]) -> Optional[_Candidate]:
    """A number and its measure word. Most numbers fail a test, so the cheap tests come first."""
    lexicon = _LEXICON
    written, separator, range_end, infix, multiplier, measure = match.groups()[_MEASURED_GROUPS]
    kind = lexicon.measure_kind[measure]
    if kind == "skip" and measure not in lexicon.score_units:
        return None
    text = ctx.text
    number_start = match.start()  # the number opens this alternative
    number_end = number_start + len(written)
    chinese = not written[0].isdigit()
    if chinese:
        if not _numeral_is_standalone(text, match, written, number_start, tokens):
            return None
    else:
        code_end = number_end + len(separator) + len(range_end) if range_end else number_end
        if _looks_like_code(text, number_start, code_end, written, latin_unit=_is_latin(measure)):
            return None
    end = match.end()
    if _is_latin(measure) and text[end : end + 1] in _ASCII_LETTERS:
        return None  # 5min is not 5 m, 3mAh not 3 m
    duration_prefix = lexicon.duration_prefix_before.find(text, number_start)
    # 1300多年, 1000余年: a round figure with 多/余 before 年 counts years; a calendar year is never rounded
    if kind == "time" and not infix and _reads_as_date(text, measure, number_start, end, written, duration_prefix is not None):
        return None
    value = parse_number(written)
    if value is None:
        return None
    if kind == "skip":
        # 分 is a minute or a point of a score; after 得分/评分 it is a score
        if not _score_before(text, number_start, lexicon) and (chinese or not _score_by_its_ending(text, number_start, end, lexicon)):
            return None
        kind = "count"
    bare_multiplier = chinese and is_bare_multiplier(written)
    if bare_multiplier and not infix and not lexicon.bare_round_prefix_before.find(text, number_start):
        return None
    factor = MULTIPLIERS[multiplier] if multiplier else 1.0
    if range_end and not multiplier:
        # 3至5万元: the numeral reader kept 万 with the upper end; it scales both
        shared = _TRAILING_MULTIPLIER.search(range_end)
        if shared and not _TRAILING_MULTIPLIER.search(written):
            value *= MULTIPLIERS[shared.group()]
    value *= factor
    unit = lexicon.unit_as_reported.get(measure, measure)
    following = text[end : end + 1]
    if following == "/" and kind in ("money", "count", "physical"):
        per_end = _per_measure_end(text, end)
        if per_end:
            end, unit = per_end, unit + text[end:per_end]
    elif following == "(" and kind == "count":
        alternative = _ALTERNATIVE_MEASURE.match(text, end)
        if alternative and alternative.group(1) in _PATTERNS.alternative_measure:
            end = alternative.end()  # 4.3万台(套): the text as written, the unit the measure word
    candidate = _Candidate(
        number_start, end, number_start, number_end, value, unit, kind,
        measure=measure, measure_end=end, chinese=chinese,
    )
    if measure == "个":
        _absorb_time_noun(text, candidate)
    if candidate.kind == "time" and text.startswith(lexicon.programme_after_duration, candidate.end):
        return None
    _read_qualifiers(text, candidate, duration_prefix, bare_multiplier, bool(range_end), infix)
    if not _is_quantity(ctx, candidate, written, duration_prefix is not None, tokens):
        return None
    if range_end:
        upper = parse_number(range_end)
        candidate.range_upper = upper * factor if upper is not None and upper * factor > candidate.value else None
    return candidate


def _absorb_time_noun(text: str, candidate: _Candidate) -> None:
    """N个工作日, N个月: a duration counted with 个."""
    time_noun = _PATTERNS.time_noun.match(text, candidate.end)
    if time_noun:
        candidate.kind = "time"
        candidate.time_noun = time_noun.group()
        candidate.end = time_noun.end()


def _read_qualifiers(
    text: str,
    candidate: _Candidate,
    duration_prefix: Optional[str],
    bare_multiplier: bool = False,
    is_range: bool = False,
    infix: Optional[str] = None,
) -> None:
    lexicon = _LEXICON
    found: list[str] = []
    prefix = lexicon.prefix_before.find(text, candidate.number_start)
    if prefix:
        meanings = lexicon.time_prefix if candidate.kind == "time" and prefix in lexicon.time_prefix else lexicon.prefix
        found.append(meanings[prefix])
        candidate.start = candidate.number_start - len(prefix)
    elif duration_prefix and candidate.kind == "time":
        candidate.start = candidate.number_start - len(duration_prefix)
    elif (gapped := _PATTERNS.verb_gap_prefix.search(text, max(0, candidate.number_start - _PATTERNS.verb_gap_span), candidate.number_start)):
        found.append(lexicon.verb_gap_prefix[gapped.group("adverb")])  # 至少办结1起
        candidate.start = gapped.start()
    elif bare_multiplier:
        round_prefix = lexicon.bare_round_prefix_before.find(text, candidate.number_start)
        if round_prefix:
            found.append(lexicon.bare_round_prefix[round_prefix])
            candidate.start = candidate.number_start - 1
    if is_range:
        found.append("at_least")  # the lower end of 3至5年; the upper end is at most
    if infix:
        found.append(lexicon.infix[infix])
    patterns = _PATTERNS
    if text[candidate.end : candidate.end + 1] in patterns.suffix_first_chars:
        suffix_pattern = patterns.time_suffix if candidate.kind == "time" else patterns.suffix
        suffix = suffix_pattern.match(text, candidate.end)
        if suffix:
            word = suffix.group()
            found.append(lexicon.time_suffix.get(word, lexicon.suffix.get(word, "exact")))
            candidate.end = suffix.end()
    candidate.qualifier = "exact"
    for qualifier in found:
        if qualifier != "exact":
            candidate.qualifier = qualifier
            break


def _is_quantity(
    ctx: MatchContext, candidate: _Candidate, written: str, has_duration_prefix: bool, tokens: Optional[TokenIndex]
) -> bool:
    """Rules that tell a count from a word, a name or an article."""
    lexicon = _LEXICON
    text = ctx.text
    if candidate.chinese and not _core_is_own_word(candidate, tokens):
        return False
    if candidate.chinese and written in ("一", "壹") and not has_duration_prefix:
        if not _states_count_of_one(text, candidate, tokens):
            return False
    if candidate.chinese and written == "二":
        return False  # counts say 两; a lone 二 is an ordinal or a term (二次供水)
    if text.endswith(lexicon.address_verbs, 0, candidate.number_start):
        return False  # 感谢两位嘉宾: the people present, greeted
    if candidate.kind == "big" and candidate.chinese and candidate.value >= _BIG_COUNT_LIMIT:
        return False
    # 三个聚焦, 六个持续发力: a programme, not a count. Programmes are named with
    # Chinese numerals; 10个组织 in digits counts, though jieba tags 组织 v.
    if candidate.measure == "个" and candidate.chinese and candidate.kind != "time" and tokens is not None:
        _, following = _token_from(ctx, tokens, candidate.end)
        if following is not None and following.pos.startswith(lexicon.predicate_pos_after_ge) and following.text not in lexicon.measure_kind:
            return False  # a measure word after 个 (个批次, jieba tags 批次 d) still counts
    return True


def _core_is_own_word(candidate: _Candidate, tokens: Optional[TokenIndex]) -> bool:
    """False when one word swallows the numeral and runs past it (七台河, 一把手)."""
    if tokens is None:
        return True
    token = tokens.at(candidate.number_start)
    return token is None or token.end <= candidate.end


def _states_count_of_one(text: str, candidate: _Candidate, tokens: Optional[TokenIndex]) -> bool:
    """一 counts only after 仅/只/共 or after the noun it counts (中心一个)."""
    lexicon = _LEXICON
    if lexicon.count_of_one_cue_before.find(text, candidate.number_start):
        return True
    following = text[candidate.end : candidate.end + 1]
    ends_phrase = not following or not _HAN.match(following)
    before = tokens.at(candidate.number_start - 1) if tokens is not None and candidate.number_start > 0 else None
    if before is not None and candidate.measure == "年" and before.text in lexicon.year_epithets:
        return False  # 今年是…的关键一年: the year itself, not a year's duration
    return ends_phrase and before is not None and _is_nominal(before)


# --------------------------------------------------------------------------
# tokens around a number


# Tokens come in text order without overlapping (the Tokenizer protocol), so
# their ends grow with their index as their starts do, and only the token
# that holds an offset can reach across it.


def _token_from(ctx: MatchContext, tokens: TokenIndex, offset: int) -> tuple[int, Optional[Token]]:
    """Index of the first token that ends after ``offset``, and that token cut to start there."""
    words = tokens.tokens
    index = max(tokens.index_at(offset), 0)
    while index < len(words) and words[index].end <= offset:
        index += 1
    if index == len(words):
        return index, None
    token = words[index]
    if token.start < offset:
        token = Token(offset, token.end, ctx.text[offset : token.end], token.pos)
    return index, token


class _ClauseAfter:
    """Tokens from an offset up to the next punctuation mark outside parentheses
    (县(市、区) stays whole), at most ``3 * _FORWARD_TOKENS`` of them.

    Tokens are read only as far as a reader asks: most readers stop after a
    word or two, and text without punctuation would otherwise cost the whole
    window for every number.
    """

    __slots__ = ("_depth", "_first", "_next", "_read", "_stop", "_words")

    def __init__(self, ctx: MatchContext, tokens: TokenIndex, offset: int) -> None:
        self._next, self._first = _token_from(ctx, tokens, offset)
        self._words = tokens.tokens
        self._stop = min(self._next + 3 * _FORWARD_TOKENS, len(self._words))
        self._read: list[Token] = []
        self._depth = 0

    def get(self, position: int) -> Optional[Token]:
        """The token at ``position`` in the clause, or None past its end."""
        while len(self._read) <= position:
            if not self._read_next():
                return None
        return self._read[position]

    def slice(self, start: int, end: int) -> list[Token]:
        """The tokens at positions ``start`` to ``end`` of the clause, as far as it goes."""
        self.get(end - 1)
        return self._read[start:end]

    def all(self) -> list[Token]:
        """The whole clause."""
        if not self._read and self._first is not None and not self._read_next():
            return self._read
        # _read_next's loop, inlined: durations read every clause to its end.
        words, read, depth = self._words, self._read, self._depth
        index, stop = self._next, self._stop
        while index < stop:
            token = words[index]
            text = token.text
            if text in _OPEN_PARENS:
                depth += 1
            elif text in _CLOSE_PARENS:
                depth = max(depth - 1, 0)
            elif token.pos == "x" and depth == 0 and text not in _QUOTE_MARKS:
                stop = index
                break
            read.append(token)
            index += 1
        self._next, self._stop, self._depth = index, stop, depth
        return read

    def _read_next(self) -> bool:
        if self._next >= self._stop:
            return False
        token = self._first if not self._read and self._first is not None else self._words[self._next]
        if token.text in _OPEN_PARENS:
            self._depth += 1
        elif token.text in _CLOSE_PARENS:
            self._depth = max(self._depth - 1, 0)
        elif token.pos == "x" and self._depth == 0 and token.text not in _QUOTE_MARKS:
            self._stop = self._next
            return False
        self._read.append(token)
        self._next += 1
        return True


def _tokens_before(ctx: MatchContext, tokens: TokenIndex, offset: int) -> list[Token]:
    """Tokens ending at or before ``offset``, closest first: at most
    ``_BACKWARD_TOKENS``, none ending ``_BACKWARD_CHARS`` or more before it."""
    last = tokens.index_at(offset - 1) if offset > 0 else -1
    if last < 0:
        return []
    words = tokens.tokens
    floor = offset - _BACKWARD_CHARS
    first = max(last - _BACKWARD_TOKENS + 1, 0)
    while first <= last and words[first].end <= floor:
        first += 1
    found = words[first : last + 1]
    found.reverse()
    if found and found[0].end > offset:
        token = found[0]
        found[0] = Token(token.start, offset, ctx.text[token.start : offset], token.pos)
    return found


def _is_nominal(token: Token, head_position: bool = False) -> bool:
    """Nouns and noun-like words.

    jieba tags many set nouns l (压力容器, 从业人员) but also set verb phrases
    (共出动), so an l word counts only next to the number, where a verb
    phrase would not stand.
    """
    pos = token.pos
    if pos == "eng":
        return token.text.isascii() and token.text.isalpha()
    if token.text in _LEXICON.noun_suffix_tokens:
        return True  # 办结率: jieba tags a lone 率 as a verb
    if pos == "l":
        return head_position
    return pos.startswith("n") or pos in ("vn", "an", "j", "b", "zg", "s", "k")


def _is_stop_verb(token: Token) -> bool:
    return token.text in _LEXICON.stop_verbs and not token.pos.startswith(("n", "vn"))


def _starts_with_stop_verb(token: Token) -> bool:
    return bool(_PATTERNS.stop_verb_prefix.match(token.text))


def _is_head(token: Token, head_position: bool = False) -> bool:
    return _is_nominal(token, head_position) and not _is_stop_verb(token)


def _paren_end(clause: _ClauseAfter, index: int) -> Optional[int]:
    """Index after the close paren matching the open paren at ``index``.

    Only a short aside of words belongs to a phrase (县(市、区)); a bracketed
    date or figure does not.
    """
    length = 0
    position = index + 1
    token = clause.get(position)
    while token is not None:
        length += len(token.text)
        if length > _MAX_PAREN_CHARS or _is_time_or_number(token):
            return None
        if token.text in _CLOSE_PARENS:
            return position + 1
        position += 1
        token = clause.get(position)
    return None


def _quote_end(clause: _ClauseAfter, index: int) -> Optional[int]:
    """Index after the closing quote that matches the opening one at ``index``; None for an empty or long quote."""
    length = 0
    position = index + 1
    token = clause.get(position)
    while token is not None:
        length += len(token.text)
        if length > _MAX_PAREN_CHARS or token.text in _OPENING_QUOTES:
            return None
        if token.text in _CLOSING_QUOTES:
            return position + 1 if position > index + 1 else None
        position += 1
        token = clause.get(position)
    return None


def _matching_open(tokens: list[Token], index: int, opening: str = _OPEN_PARENS) -> Optional[int]:
    """Index of the open paren (or quote) matching the closing one at ``index`` (tokens closest first)."""
    length = 0
    for position in range(index + 1, len(tokens)):
        length += len(tokens[position].text)
        if length > _MAX_PAREN_CHARS or _is_time_or_number(tokens[position]):
            return None
        if tokens[position].text in opening:
            return position
    return None


def _forward_phrase(clause: _ClauseAfter, index: int) -> list[Token]:
    """The noun phrase that starts at ``index`` of the clause after the measure word
    (家规上企业 -> 规上企业)."""
    phrase: list[Token] = []
    token = clause.get(index)
    while token is not None:
        if phrase and _starts_with_stop_verb(token):
            break  # 3个县区调研, 企业通过审查: jieba often tags the predicate vn or even nr
        if _is_head(token, head_position=not phrase):
            phrase.append(token)
        elif (token.text in _OPENING_QUOTES and not phrase) or (token.text in _OPEN_PARENS and phrase):
            # 5家“专精特新”企业, 10家“诚信计量示范单位”: a quoted label is what is counted, or modifies it;
            # 县(市、区): a short aside of words after a noun belongs to it
            quoted = token.text in _OPENING_QUOTES
            end = _quote_end(clause, index) if quoted else _paren_end(clause, index)
            if end is None:
                break
            phrase.extend(clause.slice(index, end))
            index = end
            token = clause.get(index)
            if quoted and token is not None and token.text in _LEXICON.title_nouns:
                break  # 授予10家“诚信计量示范单位”称号: the title given names what is counted
            continue
        elif (token.pos == "f" and phrase) or (token.pos.startswith("a") and not phrase):
            following = clause.get(index + 1)  # a locative or adjective joins only a noun after it
            if following is None or not _is_head(following):
                break
            phrase.append(token)
        else:
            break
        index += 1
        token = clause.get(index)
    return phrase


def _backward_phrase(tokens: list[Token], allow_verb: bool) -> list[Token]:
    """The noun phrase that ends right before the number, in text order.

    Verbs and adjectives inside a compound (智能制造试点示范项目, 有效认证证书)
    are kept when a noun or adjective stands to their left; a verb that
    introduces the phrase (发放, 修订) ends it.
    """
    phrase: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.text in _CLOSE_PARENS:
            start = _matching_open(tokens, index)
            if start is None or start + 1 >= len(tokens) or not _is_head(tokens[start + 1]):
                break
            phrase.extend(tokens[index : start + 1])
            index = start + 1
            continue
        if token.text in _CLOSING_QUOTES and not phrase:
            # 新增“贵州省名牌产品”12个: a quoted label right before the count is what it counts
            start = _matching_open(tokens, index, _OPENING_QUOTES)
            if start is None or start == index + 1 or not _is_head(tokens[index + 1]):
                break
            phrase.extend(tokens[index : start + 1])
            index = start + 1
            continue
        if _is_head(token, head_position=not phrase):
            phrase.append(token)
        elif allow_verb and not phrase and token.pos.startswith("v"):
            phrase.append(token)  # 活动开展14年来: the event that lasted
        elif token.pos.startswith("v") and len(phrase) == 1 and phrase[0].text in _LEXICON.noun_suffix_tokens:
            phrase.append(token)  # 发现率, 占比: a verb and a noun suffix make one noun
        elif _is_stop_verb(token):
            break
        elif token.pos.startswith(("v", "a", "f")) and phrase and _modified_from_left(tokens, index):
            phrase.append(token)
        elif token.text in _LEXICON.negations and phrase and len(phrase[-1].text) <= 2:
            phrase.append(token)  # 不合格产品 keeps its 不
        elif token.pos.startswith("v") and not phrase and (
            allow_verb or (index + 1 < len(tokens) and _is_head(tokens[index + 1]))
        ):
            phrase.append(token)
        else:
            break
        index += 1
    phrase.reverse()
    return phrase


def _modified_from_left(tokens: list[Token], index: int) -> bool:
    """True when the word left of ``tokens[index]`` (tokens run closest first) is a noun,
    an adjective or a negation."""
    if index + 1 >= len(tokens):
        return False
    left = tokens[index + 1]
    return _is_head(left) or left.pos.startswith("a") or left.text in _LEXICON.negations


def _trim_phrase(phrase: list[Token]) -> list[Token]:
    """Drop scope words and leading place names: 全市规上企业 -> 规上企业."""
    lexicon = _LEXICON
    trimmed = list(phrase)
    while len(trimmed) > 1 and (
        trimmed[0].text in lexicon.scope_words
        or (trimmed[0].text in lexicon.stop_verbs and trimmed[1].text not in lexicon.noun_suffix_tokens)
        or trimmed[0].pos in ("ns", "r")
        or trimmed[0].text in _PARENS
    ):
        trimmed = trimmed[1:]
    while trimmed and trimmed[-1].text in _OPEN_PARENS:
        trimmed = trimmed[:-1]
    for token in trimmed:
        if token.pos != "ns":
            return trimmed
    return []  # 芜湖连续三年…: a place says where, not what


_TO_WORDS = frozenset({"到", "至"})


def _skip_links(tokens: list[Token]) -> list[Token]:
    """Drop linking words between a phrase and its number (达到, 占, 稳定在, 较2020年增长).

    A comparison base (较上年, 比2020年) is skipped whole, back to its marker;
    other numbers and time words end the skipping.
    """
    lexicon = _LEXICON
    run = 0
    stop = None  # the first time or number word after the last comparison marker, which ends the skipping
    while run < len(tokens) and run < _MAX_SKIPPED_TOKENS:
        token = tokens[run]
        time_or_number = _is_time_or_number(token)
        # 已发展|到60余家, 扩大|至: a verb of change before 到/至 links as they do
        verb_to = run > 0 and tokens[run - 1].text in _TO_WORDS and token.pos.startswith("v")
        if not (time_or_number or verb_to or token.text in lexicon.link_words or token.pos in ("d", "ul")):
            break
        if token.text in lexicon.comparison_markers:
            stop = None
        elif time_or_number and stop is None:
            stop = run
        run += 1
    return tokens[run:] if stop is None else tokens[stop:]


def _is_time_or_number(token: Token) -> bool:
    return token.pos in ("t", "m") or token.text.isdigit() or token.text == "年"


def _predicate_after(clause: list[Token]) -> Optional[list[Token]]:
    """The rest of the clause as written (连续两年在…考核中获得A级 -> 在…获得A级).

    A long clause is cut back to its last verb and what follows it.
    """
    if not clause:
        return None
    if sum(len(token.text) for token in clause) <= _MAX_PREDICATE_CHARS:
        return clause
    for index in range(len(clause) - 1, -1, -1):
        if clause[index].pos.startswith("v") and clause[index].pos != "vn":
            return clause[index:]
    return None


# --------------------------------------------------------------------------
# subjects

# A rule that names what a number counts: a phrase of tokens, or nothing.
_SubjectRule = Callable[[MatchContext, _Candidate, list[Token], _ClauseAfter], Optional[list[Token]]]


def _assign_subject(ctx: MatchContext, tokens: TokenIndex, candidate: _Candidate) -> None:
    """Subject by the first rule that finds a phrase, in an order set by the kind of number.

    Counts name what they count after the measure word (15家企业) or before
    the number (国际标准24项); percentages and ranks name it before (合格率达
    98%), or after 的 (96%以上的产品); durations name the event that lasted
    (活动开展14年来) or, failing a noun, the predicate as written.
    """
    candidate.text_start, candidate.text_end = candidate.start, candidate.end
    if candidate.measure in _LEXICON.document_parts:
        title = _counted_document(ctx.text, candidate.start)
        if title:
            candidate.subject = candidate.subject_head = title
            return
    after = _ClauseAfter(ctx, tokens, candidate.end)
    before = _tokens_before(ctx, tokens, candidate.start)
    if candidate.kind in ("percent", "time") and _follows_de(after):
        rules: tuple[_SubjectRule, ...] = (_forward_subject, _backward_subject)
    elif candidate.kind == "time" and candidate.qualifier == "at_most":
        # 3个月内完成整改: a deadline for the act
        rules = (_forward_subject, _predicate_subject, _backward_subject)
    elif candidate.kind in ("percent", "rank", "time"):
        rules = (_backward_subject, _forward_subject, _predicate_subject)
    elif candidate.measure in _LEXICON.score_units:
        # a score counts no noun after it; after 以 it is the means of the act that follows (以92.5分通过验收)
        rules = (_act_after, _backward_subject) if _written_as_means(ctx.text, candidate) else (_backward_subject, _predicate_subject)
    elif candidate.kind == "big":
        rules = (_forward_subject, _listed_before)  # N大X names X after 大, or sums up a list (A、B等12大类)
    elif _counts_a_group(before, after):
        # A、B共300余人参加会议: the count is of those who 参加会议
        rules = (_forward_subject, _predicate_subject, _backward_subject)
    else:
        rules = (_designated_or_forward, _backward_subject, _predicate_subject)
    for rule in rules:
        phrase = rule(ctx, candidate, before, after)
        if phrase:
            _set_subject(ctx, candidate, phrase, extend_text=rule not in _PREDICATE_RULES)
            return
    candidate.change_only = _only_change_words(before)


def _written_as_means(text: str, candidate: _Candidate) -> bool:
    return candidate.start > 0 and text[candidate.start - 1] == "以"


def _act_after(ctx: MatchContext, candidate: _Candidate, before: list[Token], after: _ClauseAfter) -> Optional[list[Token]]:
    """以92.5分通过考核验收: the act the figure is the means of, as written after it."""
    return _predicate_after(after.all())


def _class_word(candidate: _Candidate, after: _ClauseAfter) -> Optional[Token]:
    """类 of 12大类: the word written right after 大."""
    word = after.get(0)
    return word if word is not None and word.start == candidate.end and _HAN.match(word.text) else None


def _class_word_ends_phrase(candidate: _Candidate, after: _ClauseAfter) -> bool:
    """12大类。/ 3大类、: one word after 大, then a mark or the end of the clause."""
    if _class_word(candidate, after) is None:
        return False
    following = after.get(1)
    return following is None or not _HAN.match(following.text)


def _cover_category(candidate: _Candidate, after: _ClauseAfter) -> None:
    """木制品、海产品等12大类: the class word after 大 belongs to the figure as written."""
    word = _class_word(candidate, after)
    if word is not None:
        candidate.text_end = word.end


def _counted_document(text: str, start: int) -> Optional[str]:
    """《办法》共五章三十二条: the 《》 title whose parts the count at ``start`` counts."""
    match = _PATTERNS.document_parts_before.search(text, max(start - _DOCUMENT_REACH, 0), start)
    return match.group("title") if match else None


_DOCUMENT_REACH = 80


def _label_line_subject(text: str, candidate: _Candidate) -> None:
    """An infographic or card as text: a label line, then a line holding only the figure.

    全省制造业产品质量合格率 / 稳定在93%以上: the label names what the figure
    measures. A short linking verb may open the figure's line (稳定在, 达到).
    """
    line_start = text.rfind("\n", 0, candidate.text_start) + 1
    line_end = text.find("\n", candidate.text_end)
    line_end = len(text) if line_end == -1 else line_end
    opening = text[line_start : candidate.text_start].strip()
    if len(opening) > _MAX_LINE_LINK or text[candidate.text_end : line_end].strip() or _HAS_DIGIT.search(opening):
        return
    if line_start < 2:
        return
    label_start = text.rfind("\n", 0, line_start - 1) + 1
    label = text[label_start : line_start - 1].strip()
    if not label or len(label) > _MAX_LABEL_LINE or _LABEL_BREAK.search(label):
        return
    candidate.subject = candidate.subject_head = label.translate(_DROP_QUOTES)


_MAX_LINE_LINK = 3  # 稳定在, 保持在, 达到
_MAX_LABEL_LINE = 30
_HAS_DIGIT = regex.compile(r"\d")
_LABEL_BREAK = regex.compile(r"[\d,，。;；:：!！?？]")


def _only_change_words(before: list[Token]) -> bool:
    """同比增长8.3%, 较2020年增长12.5个百分点: a change of the figure stated just before."""
    lexicon = _LEXICON
    changes = 0
    unexplained = False  # a token that is neither a link nor part of a comparison base
    for token in before:
        if token.pos == "x":
            break
        if token.text in lexicon.change_words:
            changes += 1
        elif token.text in lexicon.comparison_markers:
            unexplained = False
        elif not (token.text in lexicon.link_words or token.pos == "d"):
            unexplained = True
    return changes > 0 and not unexplained


def _designated_or_forward(
    ctx: MatchContext, candidate: _Candidate, before: list[Token], after: _ClauseAfter
) -> list[Token]:
    forward = _forward_subject(ctx, candidate, before, after)
    return _designation(ctx, candidate, forward, after) or forward


def _designation(
    ctx: MatchContext, candidate: _Candidate, forward: list[Token], after: _ClauseAfter
) -> Optional[list[Token]]:
    """10家单位成为第一批“…基地”: a generic noun takes the name it is given.

    ``forward`` is the phrase at the start of ``after``.
    """
    lexicon = _LEXICON
    if not forward or forward[0].start != candidate.end or _phrase_text(ctx, forward) not in lexicon.generic_heads:
        return None
    verb = after.get(len(forward))
    if verb is None or verb.text not in lexicon.designation_verbs:
        return None
    named = []
    for token in after.all()[len(forward) + 1 :]:
        if token.text in _OPEN_PARENS:
            break  # a bracketed date or note after the name
        if token.text not in _QUOTE_MARKS:
            named.append(token)
    if not named or sum(len(token.text) for token in named) > _MAX_PREDICATE_CHARS:
        return None
    candidate.text_end = forward[-1].end
    return named


def _follows_de(after: _ClauseAfter) -> bool:
    first = after.get(0)
    return first is not None and first.text == "的"


def _forward_subject(
    ctx: MatchContext, candidate: _Candidate, before: list[Token], after: _ClauseAfter
) -> list[Token]:
    if candidate.kind in ("percent", "time") and _follows_de(after):
        return _forward_phrase(after, 1)
    if candidate.kind == "rank":
        return []
    phrase = _forward_phrase(after, 0)
    if not phrase and candidate.kind == "big":
        return _noun_after_inner_count(candidate, after)
    return phrase


def _noun_after_inner_count(candidate: _Candidate, after: _ClauseAfter) -> list[Token]:
    """8大类62种产品: the classes are of what the count inside them counts.

    ``candidate``'s text takes the 类 of 8大类, as it does when the count sums up a list (:func:`_listed_before`).
    """
    first = after.get(0)
    index = 1 if first is not None and first.text in _LEXICON.category_suffixes else 0
    number, measure = after.get(index), after.get(index + 1)
    if number is None or measure is None or not _is_time_or_number(number):
        return []
    if measure.text not in _LEXICON.measure_kind:
        return []
    noun = _forward_phrase(after, index + 2)
    if noun and index:
        _cover_category(candidate, after)
    return noun


def _backward_subject(
    ctx: MatchContext, candidate: _Candidate, before: list[Token], after: _ClauseAfter
) -> list[Token]:
    return _trim_phrase(_backward_phrase(_skip_links(before), allow_verb=candidate.kind == "time"))


def _listed_before(
    ctx: MatchContext, candidate: _Candidate, before: list[Token], after: _ClauseAfter
) -> list[Token]:
    """涉及木制品、海产品、服装等12大类: the run-in list (or one item) that 等 and the count sum up,
    when the class word ends the phrase (…等5大类活动 names a programme: a slogan's, not a count's).
    ``candidate``'s text takes the class word."""
    if not before or before[0].text not in _LEXICON.list_closers or not _class_word_ends_phrase(candidate, after):
        return []
    phrase: list[Token] = []
    rest = before[1:]
    while rest:
        item = _backward_phrase(rest, allow_verb=False)
        if not item:
            break
        phrase[:0] = item
        rest = rest[len(item) :]
        if len(rest) < 2 or rest[0].text not in _LEXICON.list_joiners:
            break
        phrase.insert(0, rest[0])
        rest = rest[1:]
    if phrase and phrase[0].text in _LEXICON.list_joiners:
        phrase = phrase[1:]  # 对其中、电线电缆…: a joiner after no item opens no list
    if phrase:
        _cover_category(candidate, after)
    return phrase


def _predicate_subject(
    ctx: MatchContext, candidate: _Candidate, before: list[Token], after: _ClauseAfter
) -> Optional[list[Token]]:
    """The predicate as written, when no noun names the subject.

    A duration names what follows it (连续三年在…获评A等); a count of a
    group names what its members did (…共300余人参加会议); other
    numbers name the clause before them (罚没款3600余万元).
    """
    if candidate.kind == "time" or _counts_a_group(before, after):
        return _predicate_after(after.all())
    lexicon = _LEXICON
    clause = _clause_before(before)
    while clause and (clause[0].text in lexicon.total_words or clause[0].text in lexicon.scope_words):
        clause = clause[1:]
    while clause and (
        clause[-1].text in lexicon.link_words or clause[-1].text in lexicon.change_words or clause[-1].text in _OPEN_PARENS
    ):
        clause = clause[:-1]  # …企业(8家): the bracket opens around the count
    if clause and clause[0].text in lexicon.comparison_markers:
        return None  # 较上年增加12件: a change with its base, not a subject
    if any(char.isdigit() for token in clause for char in token.text):
        return None
    if any(token.text not in lexicon.link_words and token.pos != "x" for token in clause):
        return clause
    return None


# rules that read a predicate as written, which stays out of the figure's text
_PREDICATE_RULES = frozenset({_predicate_subject, _act_after})


def _counts_a_group(before: list[Token], after: _ClauseAfter) -> bool:
    """The number counts a group named by what its members did.

    A list totalled (A、B和C共300余人), or those who attended: the writer
    counts the attendees as a whole, not the last group named before the
    number (…和企业代表300余人参加会议).
    """
    return _attendance_follows(after) or _totals_a_list(before)


def _totals_a_list(before: list[Token]) -> bool:
    """共/合计 right before the number, after a list (A、B和C共…)."""
    lexicon = _LEXICON
    if not before or before[0].text not in lexicon.total_words:
        return False
    for token in before[1:]:
        if token.text in lexicon.list_joiners:
            return True
        if token.pos == "x":
            return False
    return False


def _attendance_follows(after: _ClauseAfter) -> bool:
    first = after.get(0)
    return first is not None and first.text in _LEXICON.attendance_verbs


def _clause_before(before: list[Token]) -> list[Token]:
    """Tokens back to the previous punctuation mark, in text order."""
    clause: list[Token] = []
    for token in before:
        if token.pos == "x" and token.text not in _QUOTE_MARKS + _OPEN_PARENS + _CLOSE_PARENS:
            break
        clause.append(token)
    clause.reverse()
    if sum(len(token.text) for token in clause) > _MAX_PREDICATE_CHARS:
        return []
    return clause


def _phrase_text(ctx: MatchContext, phrase: list[Token]) -> str:
    return ctx.text[phrase[0].start : phrase[-1].end].translate(_DROP_QUOTES)


def _set_subject(ctx: MatchContext, candidate: _Candidate, phrase: list[Token], extend_text: bool = True) -> None:
    lexicon = _LEXICON
    if phrase[0].start >= candidate.end:
        if phrase[0].start == candidate.end and extend_text and phrase[0].text not in _OPENING_QUOTES:
            candidate.text_end = phrase[-1].end
        candidate.subject = _phrase_text(ctx, phrase)
        candidate.subject_head = candidate.subject
        return
    if phrase[-1].end == candidate.start and extend_text and phrase[-1].text not in _CLOSING_QUOTES:
        candidate.text_start = phrase[0].start  # a quoted label stays out of the number's text
    categories = _trailing_categories(phrase, lexicon)
    if categories and len(categories) < len(phrase):
        head_text = _phrase_text(ctx, phrase[: len(phrase) - len(categories)])
        candidate.subject = _phrase_text(ctx, categories) + head_text
        candidate.subject_head = head_text
        return
    candidate.category_only = bool(categories)
    candidate.subject = _phrase_text(ctx, phrase)
    candidate.subject_head = candidate.subject


def _trailing_categories(phrase: list[Token], lexicon: _Lexicon) -> list[Token]:
    """国家级, 省级 at the end of a phrase: a breakdown of the noun before them."""
    categories: list[Token] = []
    for token in reversed(phrase):
        if token.pos == "b" or (len(token.text) > 1 and token.text.endswith(lexicon.category_suffixes)):
            categories.insert(0, token)
        else:
            break
    return categories


def _share_list_subjects(ctx: MatchContext, candidates: list[_Candidate]) -> None:
    """国家级2个、省级29个: later items of a breakdown share the first item's noun.

    A change with no noun of its own (…45.6万户,同比增长8.3%) measures the
    figure stated just before it in the same sentence.
    """
    for previous, current in zip(candidates, candidates[1:]):
        if current.change_only and not current.subject and previous.subject:
            if not SENTENCE_END.search(ctx.text, previous.end, current.start):
                current.subject = previous.subject
            continue
        if not current.category_only or not previous.subject_head:
            continue
        gap = ctx.text[previous.end : current.text_start]
        if len(gap) <= 1 and gap in ("", "、", ",", "，", "和", "及"):
            current.subject = (current.subject or "") + previous.subject_head
            current.subject_head = previous.subject_head


# --------------------------------------------------------------------------
# numbers that belong to a list or a slogan


def _introduces_list(text: str, candidate: _Candidate, lexicon: _Lexicon, claimed_lists: frozenset[int]) -> bool:
    """N个方面: / 6大系列 after six quoted items: the count of a numbered list.

    ``claimed_lists``: where the items of the numbered slogans found start; a list after the colon that
    another label owns (提出“四个聚焦”,部署12项重点任务:聚焦…) is not this count's."""
    if candidate.value > _LIST_INTRODUCER_MAX_VALUE or candidate.value < 1 or not candidate.value.is_integer():
        return False  # a list counts its items: 0.86个百分点 counts nothing, whatever precedes it
    clause_end = _CLAUSE_END.search(text, candidate.text_end, candidate.text_end + _INTRODUCER_REACH)
    if clause_end and clause_end.group() in lexicon.list_introducers:
        return _first_item_start(text, clause_end.end()) not in claimed_lists  # 三个方面的工作: ...
    return _quoted_items_before(text, candidate.start) == int(candidate.value)


def _first_item_start(text: str, offset: int) -> int:
    while offset < len(text) and text[offset] in " \t\u3000":
        offset += 1
    return offset


def _claimed_lists(ctx: MatchContext) -> frozenset[int]:
    """Where the first item of each numbered slogan's list starts."""
    return frozenset(
        slogan.item_spans[0].start
        for slogan in ctx.found.get("slogans") or ()
        if getattr(slogan, "kind", None) == "numbered" and getattr(slogan, "item_spans", None)
    )


def _quoted_items_before(text: str, offset: int) -> int:
    window = text[max(0, offset - _QUOTE_LOOKBACK) : offset]
    if window.endswith("等"):
        window = window[:-1]
    count = 0
    while "”" in window:  # a cheap test first: most numbers have no quotation before them
        item = _QUOTED_ITEM_AT_END.search(window)
        if item is None:
            break
        count += 1
        window = window[: item.start()]
    return count


def _slogan_counts(ctx: MatchContext) -> set[tuple[float, str]]:
    """(value, measure word) of every numbered slogan (6大系列 -> (6, 大))."""
    counts: set[tuple[float, str]] = set()
    scanner = _PATTERNS.scanner
    for label in _numbered_slogan_labels(ctx):
        match = scanner.search(label)
        if match and match.group("number") and match.group("measure"):
            value = parse_number(match.group("number"))
            if value is not None:
                counts.add((value, match.group("measure")))
    return counts


def _restates_slogan(candidate: _Candidate, slogan_counts: set[tuple[float, str]], lexicon: _Lexicon) -> bool:
    """6大主题 in a headline restating the slogan 6大系列."""
    if (candidate.value, candidate.measure or "") not in slogan_counts:
        return False
    subject = candidate.subject or ""
    return any(noun in subject for noun in lexicon.programme_part_nouns)


# --------------------------------------------------------------------------
# one record per fact


def _dedupe(ctx: MatchContext, candidates: list[_Candidate]) -> list[_Candidate]:
    """A fact stated twice is one record; the body's wording wins over a headline's."""
    best: dict[tuple[float, Optional[str], str], _Candidate] = {}
    stated: set[tuple[float, Optional[str]]] = set()
    subjects: dict[tuple[float, Optional[str]], list[str]] = {}  # the subjects each figure was kept with
    for candidate in candidates:
        figure = (candidate.value, candidate.unit)
        if figure in stated and (_points_back(ctx.text, candidate) or _closes_a_heading(ctx.text, candidate)):
            continue
        stated.add(figure)
        subject = _restated_subject(subjects.setdefault(figure, []), candidate.subject or "")
        key = (candidate.value, candidate.unit, subject)
        chosen = best.get(key)
        if chosen is None:
            subjects[figure].append(subject)
        if chosen is None or _preference(ctx, candidate) > _preference(ctx, chosen):
            best[key] = candidate
    body = [candidate for candidate in best.values() if candidate.start >= ctx.body_start]
    kept = [
        candidate
        for candidate in best.values()
        if candidate.start >= ctx.body_start or not _restated_in(candidate, body)
    ]
    return sorted(kept, key=lambda candidate: candidate.start)


def _restated_subject(earlier: list[str], subject: str) -> str:
    """发布4起行政处罚典型案例 … 介绍了4起典型案例: the same figure counting the same head noun, once with
    a modifier and once without, is the fact stated again; it takes the subject of the first statement.
    ``earlier`` holds the subjects the figure was kept with so far."""
    if len(subject) < _MIN_RESTATED_HEAD:
        return subject
    for other in earlier:
        if len(other) >= _MIN_RESTATED_HEAD and (other.endswith(subject) or subject.endswith(other)):
            return other
    return subject


_MIN_RESTATED_HEAD = 3  # 典型案例, 规上企业: a head noun shorter than this (企业) is too common to tell a fact by


def _points_back(text: str, candidate: _Candidate) -> bool:
    """对本次抽查发现的28批次不合格产品: a back-reference earlier in the number's clause."""
    start = max(candidate.start - _BACK_REFERENCE_REACH, 0)
    for mark in _CLAUSE_END.finditer(text, start, candidate.start):
        start = mark.end()
    clause = text[start : candidate.start]
    return any(word in clause for word in _LEXICON.back_references)


_BACK_REFERENCE_REACH = 16


def _closes_a_heading(text: str, candidate: _Candidate) -> bool:
    """一、质量信得过企业(8家): a count in brackets that closes a heading line counts the list under it, which
    the text has stated before (授予…等8家企业…称号)."""
    line_end = text.find("\n", candidate.end)
    line_end = len(text) if line_end == -1 else line_end
    line_start = text.rfind("\n", 0, candidate.start) + 1
    return (
        candidate.start > line_start
        and text[candidate.start - 1] in _OPEN_PARENS
        and text[candidate.end : line_end].strip() in tuple(_CLOSE_PARENS)
        and not _HEADING_BREAK.search(text, line_start, candidate.start)
    )


_HEADING_BREAK = regex.compile(r"[,，;；:：。!?！？]")  # a heading's 、 may follow its number (一、)


def _restated_in(headline: _Candidate, body: list[_Candidate]) -> bool:
    """A headline figure (30项活动) that the body states again (30多项活动)."""
    subject = headline.subject or ""
    for candidate in body:
        if (candidate.value, candidate.unit) != (headline.value, headline.unit):
            continue
        other = candidate.subject or ""
        if not subject or not other or subject in other or other in subject:
            return True
    return False


def _preference(ctx: MatchContext, candidate: _Candidate) -> tuple[bool, bool, int]:
    in_body = candidate.start >= ctx.body_start
    return in_body, candidate.qualifier != "exact", -candidate.start


def _to_record(ctx: MatchContext, candidate: _Candidate) -> Statistic:
    span = ctx.span(candidate.text_start, candidate.text_end)
    value = candidate.value
    return Statistic(
        text=span.text,
        value=int(value) if value.is_integer() else value,
        unit=candidate.unit,
        qualifier=candidate.qualifier,
        subject=candidate.subject,
        span=span,
    )


def _token_index(ctx: MatchContext) -> Optional[TokenIndex]:
    if ctx.tokenizer is None:
        return None
    return TokenIndex(ctx.tokens)


def find_statistics(ctx: MatchContext) -> list[Statistic]:
    """Every statistic in the clean text, one record per fact, in text order."""
    lexicon = _LEXICON
    tokens = _token_index(ctx)
    blocked = _blocked_ranges(ctx)
    slogan_counts = _slogan_counts(ctx)
    claimed_lists = _claimed_lists(ctx)
    cells = read_table_statistics(ctx, ctx.tables, _cell_grammar(), tokens) if ctx.tables else []
    read_cells = _Blocked((cell.record.span.start, cell.record.span.end) for cell in cells if cell.record.span)
    candidates: list[_Candidate] = []
    matches: Iterable[Any] = _PATTERNS.scanner.finditer(ctx.text)
    if "分之" in ctx.text:
        matches = heapq.merge(matches, _PATTERNS.fraction.finditer(ctx.text), key=lambda match: match.start())
    for match in matches:
        candidate = _read_candidate(ctx, match, tokens)
        if candidate is None or blocked.covers(candidate.number_start):
            continue
        if cells and read_cells.covers(candidate.number_start):
            continue  # a table cell, read with its row and column
        if ctx.is_masked(candidate.start, candidate.end):
            continue
        if tokens is not None:
            _assign_subject(ctx, tokens, candidate)
        else:
            candidate.text_start, candidate.text_end = candidate.start, candidate.end
        if not candidate.subject:
            _label_line_subject(ctx.text, candidate)
        if candidate.kind != "rank" and _introduces_list(ctx.text, candidate, lexicon, claimed_lists):
            continue
        if slogan_counts and _restates_slogan(candidate, slogan_counts, lexicon):
            continue
        if candidate.kind == "big" and not candidate.subject:
            continue
        candidates.append(candidate)
    _share_list_subjects(ctx, candidates)
    candidates = _with_range_ends(ctx.text, candidates)
    records = [_to_record(ctx, candidate) for candidate in _dedupe(ctx, candidates)]
    return _with_table_cells(ctx.text, records, cells) if cells else records


_PER_UNIT = regex.compile(r"/([^\W\d_]{1,4})")
_ALTERNATIVE_MEASURE = regex.compile(r"\(([^\W\d_]{1,2})\)")
_LATIN_PER_UNIT = regex.compile(r"[A-Za-z]{1,4}")


def _per_measure_end(text: str, slash: int) -> int:
    """Where ``/公斤`` after a unit ends: the longest measure word (or Latin unit) after the slash; 0 if none."""
    match = _PER_UNIT.match(text, slash)
    if match is None:
        return 0
    word = match.group(1)
    if _LATIN_PER_UNIT.fullmatch(word):
        return match.end()
    for size in range(len(word), 0, -1):
        if word[:size] in _PATTERNS.per_measure:
            return slash + 1 + size
    return 0


_MARKER_BEFORE_YEAR = regex.compile(r"\d{1,2}\.(?:19|20)\d\d")
_TRAILING_MULTIPLIER = regex.compile(r"(?:万亿|亿|万)$")
# 1元至1.5元, 20%——30%: the range mark between two measured numbers; spaces only, a tab parts table cells
_RANGE_JOINT = regex.compile(rf" ?(?:——|{_RANGE_MARK}) ?")
_CHANGE_FROM = frozenset("从由")


def _with_range_ends(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """A range bounds a value: its lower end at least, its upper end at most, each a record.

    ``3至5年内`` (one measure word) gets its upper end here; ``1元至1.5元`` and
    ``20%—30%`` (a measure word on each end) are two candidates already, joined
    by nothing but the range mark. ``从20%到30%`` is a change, not a range.
    """
    result: list[_Candidate] = []
    for candidate in candidates:
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous.range_upper is None
            and (previous.unit, previous.qualifier, candidate.qualifier) == (candidate.unit, "exact", "exact")
            and previous.value < candidate.value
            and _RANGE_JOINT.fullmatch(text, previous.end, candidate.start)
            and text[previous.start - 1 : previous.start] not in _CHANGE_FROM
        ):
            previous.qualifier, candidate.qualifier = "at_least", "at_most"
            previous.text_start = candidate.text_start = min(previous.start, previous.text_start)
            previous.text_end = candidate.text_end = candidate.end
            candidate.subject = candidate.subject if candidate.subject else previous.subject
        result.append(candidate)
        if candidate.range_upper is not None:
            upper = replace(candidate, value=candidate.range_upper, range_upper=None)
            upper.qualifier = "at_most" if candidate.qualifier == "at_least" else candidate.qualifier
            result.append(upper)
    return result


def _with_table_cells(text: str, prose: list[Statistic], cells: list[TableStatistic]) -> list[Statistic]:
    """The cells' statistics among the prose ones, each fact once.

    A cell the prose states for its row (or a total row's figure) is the
    prose's record. A prose figure with no subject that a cell gives (13批次
    不合格产品中, after a table with 13 in it) is the cell's: the cell knows
    what it counts.
    """
    by_value: dict[tuple[Any, Optional[str]], list[Statistic]] = {}
    for record in prose:
        by_value.setdefault((record.value, record.unit), []).append(record)
    kept = [cell.record for cell in cells if not restated(cell, by_value, text)]
    from_cells = {(record.value, record.unit) for record in kept}
    prose = [record for record in prose if record.subject or (record.value, record.unit) not in from_cells]
    return sorted(prose + kept, key=lambda record: record.span.start if record.span else 0)
