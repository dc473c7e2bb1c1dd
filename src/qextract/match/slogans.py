"""Slogans: numbered programmes and quoted campaign phrases.

Numbered (kind ``numbered``, always with ``items``):

* a count phrase that introduces its list (``做到六个坚持:一是…``,
  ``“三个聚焦”。一是…``, ``“六个持续发力”:A;B;…``) or sums up a list of
  quoted phrases (``“A”“B”等两大系列``);
* a repeated-numeral formula (``三进三问三解``, ``百城千业万企…行动``);
* a fixed programme name from the data list (``六稳``, ``两个健康``);
* any of these shapes written in quotes.

A count phrase whose items are not listed and that is no fixed name is a
statistic: the statistics matcher emits it, this one does not.

Quoted (kind ``quoted``): a short phrase in “”, 「」 or ASCII quotes, unless it
names a body, an honour or a designation, labels a kind of goods or firms,
is a long quotation of speech, or is numbered in form.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

import regex

from qextract.data import alternation, load_lines
from qextract.entities.lexicon import lexicon
from qextract.errors import W_SLOGAN_ITEM_COUNT
from qextract.match.context import MatchContext
from qextract.records import ExtractionWarning, Slogan
from qextract.segment.sentences import SENTENCE_END


def _lexicon(name: str) -> tuple[str, ...]:
    return load_lines(f"slogans/{name}")


# --- language data ---------------------------------------------------------


class _WordsRightBefore:
    """Whether one of a list's words ends right before an offset; only a window as long as the longest is read."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self._ending = regex.compile(r"(?:%s)$" % alternation(words))
        self._window = max(map(len, words))

    def __call__(self, text: str, position: int) -> bool:
        return self._ending.search(text, max(0, position - self._window), position) is not None


_FIXED_PROGRAMMES = frozenset(_lexicon("fixed_programmes.txt"))
_IDIOMS = _lexicon("numeral_idioms.txt")
_NON_SLOGAN_SUFFIXES = tuple(sorted(_lexicon("non_slogan_suffixes.txt"), key=len, reverse=True))
_FIGURES_OF_SPEECH = frozenset(_lexicon("figures_of_speech.txt"))
_SEASON_LABELS = frozenset(_lexicon("season_labels.txt"))
# 标准化这一“通用语言”: the quote calls what is named before it by a figure of speech
_APPOSITIVE_BEFORE = _WordsRightBefore(_lexicon("appositive_markers.txt"))
# 农贸市场是群众的“菜篮子”, 徐场村是远近闻名的“乐器村”: 是…的 before a quote that closes its clause
_PREDICATED_BEFORE = regex.compile(
    r"(?<!%s)是[^,，。;；:：“”\n]{0,12}的$" % alternation(_lexicon("predicate_themes.txt"))
)
_PREDICATE_WINDOW = 16
_CLAUSE_CLOSES = regex.compile(r"[,，。;；!！?？、和与]|$")
# …告诉记者,现在买农资都要开票据,“出了问题好找人”。: words quoted after a comma, closing a reported sentence
_SPEECH_VERB = regex.compile(alternation(_lexicon("speech_verbs.txt")))
_UTTERANCE_AROUND = regex.compile(r"[,，]$"), regex.compile(r"[。!！?？]")
_PLACE_DESIGNATION = regex.compile(r"(?:%s)\p{Han}{1,2}都" % alternation(_lexicon("place_designations.txt")))

_REGIONAL_BRAND_SUFFIXES = tuple(_lexicon("regional_brand_suffixes.txt"))


def _regional_brand(content: str) -> bool:
    """“浙江制造”, “上海品牌”: a place the gazetteer knows, then a brand suffix."""
    suffix = next((suffix for suffix in _REGIONAL_BRAND_SUFFIXES if content.endswith(suffix)), None)
    return suffix is not None and lexicon().division(content[: -len(suffix)]) is not None


_SMALL_NUMERALS = "一二两三四五六七八九十"
_ANY_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_MIN_COUNT, _MAX_COUNT = 2, 20
_MAX_REPORTED_SENTENCE = 80  # how far back a reported sentence's speech verb is looked for
_MIN_QUOTED, _MAX_QUOTED = 2, 30  # longer quoted text is a quotation of speech
_SENTENCE_PUNCTUATION = frozenset("。!！?？")

# --- patterns --------------------------------------------------------------

_COUNT = r"(?P<count>[%s]{1,3}|\d{1,2})" % _SMALL_NUMERALS
_CLASSIFIER = r"(?P<classifier>%s)" % alternation(_lexicon("classifiers.txt"))
_NOT_AFTER_NUMBER = r"(?<![\d%s第.．])" % _ANY_NUMERAL
_BREAK = r"[:：,，。;；!！?？\n]"

# An unquoted count phrase that ends its clause: 做到六个坚持: / 提出4点要求。
_COUNT_AT_BREAK = regex.compile(
    _NOT_AFTER_NUMBER + _COUNT + _CLASSIFIER + r"(?P<noun>\p{Han}{1,6})(?=" + _BREAK + r"|$)"
)
_COUNT_WHOLE = regex.compile(_COUNT + _CLASSIFIER + r"(?P<noun>\p{Han}{1,8}|\d{1,3}%)")  # 三个转变, 3个100%
_FROM_COUNT_NOUN = regex.compile(alternation(_lexicon("from_count_nouns.txt")))
_COUNT_AFTER_FROM = regex.compile(r"(?<=从)" + _COUNT + _CLASSIFIER + r"(?P<noun>%s)" % _FROM_COUNT_NOUN.pattern)
# 从 that opens a run-in list of aspects: 从A、B、C三个方面, not 从事
_FROM_BEFORE_LIST = regex.compile(r"从(?!%s)" % alternation(word[1:] for word in _lexicon("from_words.txt")))
_COUNTED_SHORT = regex.compile(_COUNT + r"\p{Han}{1,2}")
# What opens the list after a count phrase: a colon, or 即/分别是… .
# “四个最严”的要求,即…: the noun may be joined by 的
# “三个一”的工作要求:, “六统一”的标准推进改造:: up to two nouns, and a short phrase reaching the colon
_PROGRAMME_NOUN = regex.compile(
    "的?(?:%s){1,2}(?:[^,，。;；:：“”()（）\\n]{1,6}(?=[:：]))?" % alternation(_lexicon("programme_nouns.txt"))
)
# “三送”服务(送政策、送技术、送信贷): the items in brackets right after the label's noun
_BRACKETED_LIST = regex.compile(r"[(（](?P<items>[^()（）\n]{2,60})[)）]")
# A list run in after a comma, not a colon, is trusted only with short parts (增品种).
_MAX_COMMA_LIST_ITEM = 8
_LIST_INTRODUCER = regex.compile(
    r"[ \t\u3000]{0,2}(?:[:：]|[,，]?[ \t\u3000]{0,2}(?:%s))[ \t\u3000]{0,2}"
    % alternation(_lexicon("list_introducers.txt"))
)
# The count phrase right after a run of quoted items: “A”“B”等两大系列
_COUNT_AFTER_LIST = regex.compile(
    r"\s{0,2}(?:%s)?\s{0,2}" % alternation(_lexicon("sum_up_words.txt"))
    + _COUNT
    + _CLASSIFIER
    + r"(?P<noun>\p{Han}{1,6})"
)
_NOUN_CUT = regex.compile(alternation(_lexicon("count_phrase_cuts.txt")))
_COUNTED_THINGS = tuple(_lexicon("counted_things.txt"))
# A run-in list summed up by a count phrase, with or without 等 (A、B、C等3个专题, 分为A、B、C三个阶段).
_COUNT_AFTER_RUN_IN = regex.compile(r"(?<=[^\s、,，。;；:：])等?" + _NOT_AFTER_NUMBER + _COUNT + _CLASSIFIER + r"(?P<noun>\p{Han}{1,6})")
_CLAUSE_START = regex.compile(r"[,，。;；:：!！?？\n(（][^,，。;；:：!！?？\n(（]*$")
_RUN_IN_OPENER = regex.compile(r"(?:%s)" % alternation(_lexicon("run_in_list_openers.txt")))
_LIST_COMMA = regex.compile(r"、")
_RUN_IN_LIST_REACH = 120
_MIN_RUN_IN_ITEM, _MAX_RUN_IN_ITEM = 2, 16

# Repeated-numeral formula: numeral + one character, two to five times.
_FORMULA_CHAR = r"(?:(?![%s%s])\p{Han})" % (_ANY_NUMERAL, "".join(_lexicon("formula_stop_chars.txt")))
_FORMULA_BODY = r"(?:[%s百千万]%s){2,5}" % (_SMALL_NUMERALS, _FORMULA_CHAR)
_FORMULA = regex.compile(_NOT_AFTER_NUMBER + _FORMULA_BODY)
_FORMULA_WHOLE = regex.compile(_FORMULA_BODY)
_PER_UNIT_WHOLE = regex.compile(r"(?:一%s){2,3}" % _FORMULA_CHAR)
_POWERS_WHOLE = regex.compile(r"[十百千万]{3,4}")  # 十百千万: one unit at each level
_PROGRAMME_TAIL = regex.compile(r"\p{Han}{0,12}?(?:%s)" % alternation(_lexicon("programme_heads.txt")))
_FIXED = regex.compile(_NOT_AFTER_NUMBER + "(?:%s)" % alternation(tuple(_FIXED_PROGRAMMES)))

_MISCONDUCT_HEADS = alternation(_lexicon("misconduct_heads.txt"))
_NON_SLOGAN_HEAD = regex.compile(alternation(_lexicon("non_slogan_heads.txt") + _lexicon("misconduct_heads.txt")))
# “A”“B”等地理标志品牌, “A”等12件地理标志证明商标, “A”等侵害消费者权益的行为
_LABELS_AFTER_LIST = regex.compile(
    r"等(?:(?:[%s]{1,3}|\d{1,4})\p{Han})?(?:%s)|等[^,，。;；:：“”\n]{0,12}?(?:%s)"
    % (_SMALL_NUMERALS, alternation(_lexicon("non_slogan_heads.txt")), _MISCONDUCT_HEADS)
)
_HONOUR_BEFORE = regex.compile(
    r"(?:%s)[^,，。;；:：“”\n]{0,6}$" % alternation(_lexicon("honour_verbs.txt"))
)
_HONOUR_WINDOW = 12
_OBSERVANCE_SUFFIXES = tuple(_lexicon("observance_suffixes.txt"))
# 存在“换标不换车”、私自改装限速装置等问题: the quote, perhaps with a few unquoted items listed after it,
# then a problem's head noun
_PROBLEM_AFTER = regex.compile(
    r"(?:、[^、,，。;；:：“”\n]{1,16}){0,3}?(?:等|的)?(?:%s)" % alternation(_lexicon("problem_heads.txt"))
)
_OPENS_WITH_NUMERAL = regex.compile(r"[\d%s]" % _ANY_NUMERAL)
_INSCRIBED_BEFORE = _WordsRightBefore(_lexicon("inscription_verbs.txt"))
_INSCRIBED_AFTER = regex.compile(alternation(_lexicon("inscription_nouns.txt")))
# 假冒“互助青稞酒”: a brand or a mark faked; 网友“蜀山行”: a screen name
_COUNTERFEITED = _WordsRightBefore(_lexicon("counterfeit_verbs.txt"))
_SCREEN_NAMED = _WordsRightBefore(_lexicon("screen_name_nouns.txt"))
_TURNING = alternation(_lexicon("turning_verbs.txt"))
# “知产”变“资产”: the quote is turned into the next one, or is what the previous one turns into
_TURNS_INTO_NEXT = regex.compile(r"\s?(?:%s)了?\s?[“\"]" % _TURNING)
_TURNED_FROM_PREVIOUS = regex.compile(r"[”\"]\s?(?:%s)了?\s?$" % _TURNING)
_HAS_WORD = regex.compile(r"[\p{Han}\d]")
# a figure and its measure word that end the clause (“放心消费示范街区”3条。), not a count phrase
# that goes on (“质量月”5大系列40余项活动)
_FIGURE_AFTER = regex.compile(r"\d{1,6}(?:余|多)?\p{Han}{1,2}(?:以上|左右)?(?=[,，。;；、:：!！?？)）\n]|$)")
_ONLY_NUMBERS = regex.compile(r"[\d%s]+" % _ANY_NUMERAL)

_CURLY_QUOTE = regex.compile(r"“([^“”\n]{1,60})”|「([^「」\n]{1,60})」|『([^『』\n]{1,60})』")
_CONJUNCTIONS = alternation(_lexicon("list_conjunctions.txt"))
# Between two labels announced together: 坚持“两个确保”、实现“三个提升”
_JOINED_LABELS_GAP = regex.compile(r"[、,，]?(?:%s)?\p{Han}{0,4}" % _CONJUNCTIONS)
_QUOTE_GAP = regex.compile(r"\s{0,2}(?:、|,|，|%s)?\s{0,2}" % _CONJUNCTIONS)

# Words that order a list (首先,…其次,…最后,…) with the place each gives; 0 closes the list.
_SEQUENCE_WORDS = {word: int(place) for word, place in (line.split() for line in _lexicon("sequence_words.txt"))}
_CLOSING_PLACE = 0

# List markers: 一是/一要, 第一, (一), 一、, 1. / 1、, (1), ①, 首先,.
_MARKER = regex.compile(
    r"(?<=^|[\n。;；:：,，!！?？\s“”])(?:"
    r"(?P<verb>[%s]{1,3})(?:%s)"
    r"|第(?P<ordinal>[%s]{1,3})(?:是|(?=[,，、:：]))"
    r"|[(（](?P<paren>[%s]{1,3})[)）]"
    r"|(?P<comma>[%s]{1,3})、(?=\p{Han})"
    r"|[(（](?P<paren_digit>\d{1,2})[)）]"
    r"|(?P<digit>\d{1,2})[、.．](?=\p{Han})"
    r"|(?P<circled>[①-⑳])"
    r"|(?P<sequence>%s)[,，]"
    r")"
    % (
        _SMALL_NUMERALS,
        alternation(_lexicon("enumeration_verbs.txt")),
        _SMALL_NUMERALS,
        _SMALL_NUMERALS,
        _SMALL_NUMERALS,
        alternation(tuple(_SEQUENCE_WORDS)),
    )
)
_ITEM_END = regex.compile(r"[;；。!！?？\n]")
_SEMICOLON = regex.compile(r"[;；]")
_FORMULA_ITEM_SEPARATOR = regex.compile(r"[、,，;；]")
_COMMA = regex.compile(r"[,，]")
_COUNTING_NUMERALS = "一二三四五六七八九十"
# A counted list of comma clauses holds short clauses (由政府主导向政府与市场并重转变: 15).
_MAX_COMMA_CLAUSE = 24
# 从三个方面推动检验检测行业高质量发展。: how long the clause a 从 count phrase opens may run
_MAX_CLAUSE_AFTER_COUNT = 40
# The next sentence's first marker follows its line break (and the 一是 of a new paragraph) at once.
_NEXT_LINE_MARKER_REACH = 2
_RUN_IN_END = regex.compile(r"[,，。;；!！?？\n]")
_RUN_IN_SEPARATOR = regex.compile(r"、|%s" % _CONJUNCTIONS)
_RUN_IN_WINDOW = 200
_ENUMERATION_COMMA = regex.compile(r"、")
# The words that open every item of a list written as parallel clauses (严禁…,严禁…).
_ALIKE_HEAD = 2
_ALIKE_SEPARATOR = regex.compile(r"[,，;；、]")
# A clause after a count phrase that ends in a colon (对专项整治工作进行了部署:), perhaps after a comma
# (提出“四个聚焦”,部署12项重点任务:).
_COLON_AHEAD = regex.compile(r"[,，]?[^。;；!！?？\n:：,，]{1,24}[:：]")
# A count phrase closing on the colon that opens a list (他提出三点意见:一是…): the list is that phrase's.
_LIST_OWN_COUNT = regex.compile(_NOT_AFTER_NUMBER + _COUNT + _CLASSIFIER + r"\p{Han}{0,6}[:：][^\S\n]{0,2}$")
_CLAUSE_BREAKS = frozenset(":：,，。;；!！?？\n")
_CLAUSE_END = regex.compile(r"[。!！?？\n]")
_ITEM_TRIM_LEFT = " \t\u3000,，、:："
_ITEM_TRIM_RIGHT = " \t\u3000,，、;；。:："

_MARKER_GAP = 800  # longest item, marker to marker
_COLON_LIST_WINDOW = 800


@dataclass
class _Quote:
    start: int  # opening mark
    end: int  # after the closing mark
    content_start: int
    content_end: int
    kind: Optional[str] = None  # what the quoted text is as a slogan, None if none


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    count: Optional[int] = None
    items: Optional[list[tuple[int, int]]] = None


# --- public API ------------------------------------------------------------


def find_slogans(ctx: MatchContext) -> list[Slogan]:
    """Numbered programmes and quoted campaign phrases, one record per text."""
    return find_slogans_with_warnings(ctx)[0]


def find_slogans_with_warnings(ctx: MatchContext) -> tuple[list[Slogan], list[ExtractionWarning]]:
    """As :func:`find_slogans`, plus a warning for each numbered slogan whose
    announced count differs from the items found (raw offsets are -1: the
    pipeline maps them)."""
    quotes = _find_quotes(ctx.text)
    runs = _quote_runs(ctx.text, quotes)
    scan = _Scan(ctx.text, runs)
    candidates = _quoted(scan, quotes) + _counted_quote_lists(ctx.text, runs) + _counted_run_in_lists(ctx.text)
    candidates += _unquoted_numbered(scan, quotes)
    return _records(ctx, candidates)


@dataclass(frozen=True)
class _Marker:
    start: int
    end: int
    style: str
    number: Optional[int]


class _Scan:
    """One text with what item search reads: quoted runs and list markers.

    Markers are found once per text, on first need, so that many count
    phrases near one long list do not each rescan it.
    """

    def __init__(self, text: str, runs: list[list[_Quote]]) -> None:
        self.text = text
        self._runs_by_start = {run[0].start: run for run in runs}
        self._markers: Optional[list[_Marker]] = None
        self._marker_starts: list[int] = []

    def quoted_items_at(self, offset: int) -> Optional[list[tuple[int, int]]]:
        """The contents of the run of quoted items that opens at ``offset``."""
        run = self._runs_by_start.get(offset)
        if run is None:
            return None
        return [(quote.content_start, quote.content_end) for quote in run]

    def markers(self) -> list[_Marker]:
        if self._markers is None:
            self._markers = [
                _Marker(match.start(), match.end(), *_marker_value(match))
                for match in _MARKER.finditer(self.text)
            ]
            self._marker_starts = [marker.start for marker in self._markers]
        return self._markers

    def first_marker_at_or_after(self, offset: int) -> int:
        self.markers()
        return bisect_left(self._marker_starts, offset)


# --- quoted phrases --------------------------------------------------------


def _find_quotes(text: str) -> list[_Quote]:
    quotes = [_quote(text, match.start(), match.end()) for match in _CURLY_QUOTE.finditer(text)]
    quotes.extend(_ascii_quotes(text))
    quotes.sort(key=lambda quote: quote.start)
    for quote in quotes:
        quote.kind = _quoted_kind(text, quote)
    _drop_listed_labels(text, quotes)
    return quotes


def _drop_listed_labels(text: str, quotes: list[_Quote]) -> None:
    """“阳澄湖大闸蟹”“碧螺春”等地理标志品牌: quotes listed before 等 and a label's head noun are labels."""
    for last, quote in enumerate(quotes):
        if not _LABELS_AFTER_LIST.match(text, quote.end):
            continue
        first = last
        while first > 0 and _QUOTE_GAP.fullmatch(text, quotes[first - 1].end, quotes[first].start):
            first -= 1
        for listed in quotes[first : last + 1]:
            listed.kind = None


def _quote(text: str, start: int, end: int) -> _Quote:
    content_start, content_end = start + 1, end - 1
    while content_start < content_end and text[content_start].isspace():
        content_start += 1
    while content_end > content_start and text[content_end - 1].isspace():
        content_end -= 1
    return _Quote(start, end, content_start, content_end)


def _ascii_quotes(text: str) -> list[_Quote]:
    """ASCII quotes carry no direction: pair them in order, line by line."""
    quotes = []
    line_start = 0
    for line in text.split("\n"):
        marks = [line_start + index for index, char in enumerate(line) if char == '"']
        for opening, closing in zip(marks[0::2], marks[1::2]):
            if 1 <= closing - opening - 1 <= 60:
                quotes.append(_quote(text, opening, closing + 1))
        line_start += len(line) + 1
    return quotes


def _quoted(scan: _Scan, quotes: list[_Quote]) -> list[_Candidate]:
    candidates = []
    shared = _lists_shared_by_labels(scan.text, quotes)
    for quote in quotes:
        if quote.kind is None:
            continue
        candidate = _Candidate(quote.content_start, quote.content_end, quote.kind)
        short = _COUNTED_SHORT.fullmatch(scan.text, quote.content_start, quote.content_end)
        count = _number(short.group("count")) if short is not None else None
        if quote.kind == "quoted" and short is not None and count is not None and count >= _MIN_COUNT:
            # “三品”战略,增品种、提品质、创品牌: a numeral and a word name a programme of counted parts, numbered
            # with its items where they follow, with none where the page does not list them (推进“四进”工作);
            # “一站式” counts no list
            word = scan.text[short.end("count") : quote.content_end]
            items = _items_after(scan, quote.end, count, introduced_only=True, label_word=word)
            candidate.kind, candidate.count, candidate.items = "numbered", count, items or []
        if quote.kind == "numbered":
            candidate.items = []
            whole = _COUNT_WHOLE.fullmatch(scan.text, quote.content_start, quote.content_end)
            if whole is not None:
                candidate.count = _number(whole.group("count"))
                candidate.items = (
                    shared.get(quote.start)
                    or _items_after(scan, quote.end, candidate.count, label_word=whole.group("noun"))
                    or []
                )
            elif _FORMULA_WHOLE.fullmatch(scan.text, quote.content_start, quote.content_end):
                candidate.items = _formula_items(scan.text, quote.end, scan.text[quote.content_start : quote.content_end]) or []
        candidates.append(candidate)
    return candidates


def _lists_shared_by_labels(text: str, quotes: list[_Quote]) -> dict[int, list[tuple[int, int]]]:
    """坚持“两个确保”、实现“三个提升”:A,B;C,D,E: labels announced together share the list after the
    colon; its semicolon parts go to the labels in order, each cut into exactly as many comma clauses
    as its label counts. Keyed by the label quote's start."""
    found: dict[int, list[tuple[int, int]]] = {}
    group: list[tuple[_Quote, int]] = []
    for quote in quotes:
        whole = _COUNT_WHOLE.fullmatch(text, quote.content_start, quote.content_end) if quote.kind == "numbered" else None
        count = _number(whole.group("count")) if whole is not None else None
        if count is None:
            group = []
            continue
        if group and not _JOINED_LABELS_GAP.fullmatch(text, group[-1][0].end, quote.start):
            group = []
        group.append((quote, count))
        introducer = _LIST_INTRODUCER.match(text, quote.end)
        if len(group) < 2 or introducer is None:
            continue
        parts = _semicolon_items(text, introducer.end()) or []
        if len(parts) != len(group):
            continue
        per_label = [
            _exactly_counted(text, start, end, _COMMA.finditer(text, start, end), label_count, _MAX_COMMA_CLAUSE)
            for (_, label_count), (start, end) in zip(group, parts)
        ]
        for (label, _), items in zip(group, per_label):
            if items:
                found[label.start] = items
    return found


def _quoted_kind(text: str, quote: _Quote) -> Optional[str]:
    """``numbered``, ``quoted`` or None (not a slogan) for one quote."""
    content = text[quote.content_start : quote.content_end]
    if not _MIN_QUOTED <= len(content) <= _MAX_QUOTED or not _HAS_WORD.search(content):
        return None
    if any(char in _SENTENCE_PUNCTUATION for char in content):
        return None  # a quoted sentence of speech
    if content in _FIGURES_OF_SPEECH or _APPOSITIVE_BEFORE(text, quote.start):
        return None  # 打出“组合拳”, 列入“黑名单”, 标准化这一“通用语言”: a figure of speech, not a campaign
    if _PLACE_DESIGNATION.fullmatch(content):
        return None  # “中国鞋都”: a place's designation
    if _regional_brand(content):
        return None  # “浙江制造”: a brand that goods carry
    if _COUNTERFEITED(text, quote.start):
        return None  # 假冒“互助青稞酒”: a brand or a mark faked
    if _SCREEN_NAMED(text, quote.start):
        return None  # 网友“蜀山行”问: someone's screen name
    if content in _SEASON_LABELS:
        return None  # “两节”期间, “双11”: a season named, not a campaign
    if _is_numbered_form(content) and _introduces_its_list(text, quote.end):
        return "numbered"  # “五个一”标准推进建设:一个…: a programme whose items follow its noun, whatever the noun
    if _NON_SLOGAN_HEAD.match(text, quote.end) or content.endswith(_NON_SLOGAN_SUFFIXES):
        return None  # goods or firms labelled (“三无”产品), bodies, honours, events
    if _FIGURE_AFTER.match(text, quote.end):
        return None  # 建成“放心消费示范街区”3条: the label of the things a figure counts
    if not content.endswith(_OBSERVANCE_SUFFIXES) and _HONOUR_BEFORE.search(text, max(0, quote.start - _HONOUR_WINDOW), quote.start):
        return None  # 荣获“…”, 被评为“…”; 确定为“世界计量日” names a day of observance
    if _PREDICATED_BEFORE.search(text, max(0, quote.start - _PREDICATE_WINDOW), quote.start) and _CLAUSE_CLOSES.match(
        text, quote.end
    ):
        return None  # 农贸市场是群众的“菜篮子”: a figure or a nickname the subject is given
    if _is_utterance(text, quote):
        return None  # …,“出了问题好找人”。: someone's words
    if _TURNS_INTO_NEXT.match(text, quote.end) or _TURNED_FROM_PREVIOUS.search(text, max(0, quote.start - 6), quote.start):
        return None  # “知产”变“资产”: a figure of speech
    if _is_numbered_form(content):
        return "numbered"
    if _PROBLEM_AFTER.match(text, quote.end) and not _OPENS_WITH_NUMERAL.match(content):
        # 存在“换标不换车”等问题: a malpractice named. A numeral label (这“四风”问题) sums up a list instead.
        return None
    if _INSCRIBED_BEFORE(text, quote.start) or _INSCRIBED_AFTER.match(
        text, quote.end
    ):
        return None  # 信封上请注明“征求意见”字样: the words a form must carry
    if _ONLY_NUMBERS.fullmatch(content):
        return None  # a period label (“十四五”), a hotline's or a code's number (“12315”消费维权服务站)
    return "quoted"


def _introduces_its_list(text: str, position: int) -> bool:
    noun = _PROGRAMME_NOUN.match(text, position)
    return noun is not None and _LIST_INTRODUCER.match(text, noun.end()) is not None


def _bracketed_items(text: str, position: int, count: Optional[int]) -> Optional[list[tuple[int, int]]]:
    """(送政策、送技术、送信贷) at ``position``: exactly ``count`` items between 、 in brackets."""
    match = _BRACKETED_LIST.match(text, position)
    if match is None or count is None:
        return None
    start, end = match.span("items")
    return _exactly_counted(text, start, end, _LIST_COMMA.finditer(text, start, end), count, end - start)


def _is_utterance(text: str, quote: _Quote) -> bool:
    """A quote after a comma that closes a sentence reporting someone's words (…告诉记者,…,“出了问题好找人”。)."""
    before, after = _UTTERANCE_AROUND
    if not before.search(text, max(0, quote.start - 1), quote.start) or not after.match(text, quote.end):
        return False
    # a bounded look back: a page with many quotes and no full stop stays linear
    window_start = max(0, quote.start - _MAX_REPORTED_SENTENCE)
    sentence_start = max(window_start, text.rfind("。", window_start, quote.start) + 1)
    return _SPEECH_VERB.search(text, sentence_start, quote.start) is not None


def _is_numbered_form(content: str) -> bool:
    if content in _FIXED_PROGRAMMES:
        return True
    whole = _COUNT_WHOLE.fullmatch(content)
    if whole is not None and _MIN_COUNT <= (_number(whole.group("count")) or 0) <= _MAX_COUNT:
        return True
    if _POWERS_WHOLE.fullmatch(content) and len(set(content)) == len(content):
        return True
    if _PER_UNIT_WHOLE.fullmatch(content):
        return False  # 一企一策, 一物一码: one thing for each, not a programme of counted items
    return bool(_FORMULA_WHOLE.fullmatch(content)) and not _is_idiom(content)


def _counted_quote_lists(text: str, runs: list[list[_Quote]]) -> list[_Candidate]:
    """A count phrase that sums up the quoted phrases just before it."""
    candidates = []
    for run in runs:
        match = _COUNT_AFTER_LIST.match(text, run[-1].end)
        if match is None:
            continue
        count = _number(match.group("count"))
        if count is None or not _MIN_COUNT <= count <= _MAX_COUNT:
            continue
        end = _noun_end(match)
        if text[match.start("noun") : end].endswith(_COUNTED_THINGS):
            continue
        items = [(quote.content_start, quote.content_end) for quote in run]
        candidates.append(_Candidate(match.start("count"), end, "numbered", count, items))
    return candidates


def _counted_run_in_lists(text: str) -> list[_Candidate]:
    """设置了A、B、C、D等4个专题, 分为A、B、C三个阶段: a count phrase (after 等 or not) that sums
    up as many unquoted parts, joined by 、, after a word of its clause that opens a list."""
    candidates = []
    for match in _COUNT_AFTER_RUN_IN.finditer(text):
        count = _number(match.group("count"))
        end = _noun_end(match)
        if count is None or not _MIN_COUNT <= count <= _MAX_COUNT or text[match.start("noun") : end].endswith(_COUNTED_THINGS):
            continue
        clause = _CLAUSE_START.search(text, max(0, match.start() - _RUN_IN_LIST_REACH), match.start())
        start = clause.start() + 1 if clause else max(0, match.start() - _RUN_IN_LIST_REACH)
        opener = _RUN_IN_OPENER.search(text, start, match.start())
        from_noun = _FROM_COUNT_NOUN.match(text, match.start("noun"))
        if from_noun is not None:
            end = from_noun.end()  # 4个方面对试点项目: an aspect word is the noun whole
            if opener is None:
                opener = _FROM_BEFORE_LIST.search(text, start, match.start())  # 从A、B等4个方面对…进行评估
        if opener is None:
            continue  # 要抓好A、B等两个方面: without an opening word the first part's start is a guess
        items = _split_items(text, opener.end(), match.start(), _LIST_COMMA.finditer(text, opener.end(), match.start()))
        if len(items) == count and all(_MIN_RUN_IN_ITEM <= item_end - item_start <= _MAX_RUN_IN_ITEM for item_start, item_end in items):
            candidates.append(_Candidate(match.start("count"), end, "numbered", count, items))
    return candidates


def _quote_runs(text: str, quotes: list[_Quote]) -> list[list[_Quote]]:
    """Maximal runs of two or more quoted slogans with only a list separator
    between them. A run of quoted bodies or honours lists things, not a
    programme's parts, so it is no run here."""
    runs: list[list[_Quote]] = []
    current: list[_Quote] = []
    for quote in quotes:
        if quote.kind is None:
            if len(current) >= 2:
                runs.append(current)
            current = []
            continue
        if current and _QUOTE_GAP.fullmatch(text, current[-1].end, quote.start):
            current.append(quote)
            continue
        if len(current) >= 2:
            runs.append(current)
        current = [quote]
    if len(current) >= 2:
        runs.append(current)
    return runs


# --- unquoted numbered forms -----------------------------------------------


def _unquoted_numbered(scan: _Scan, quotes: list[_Quote]) -> list[_Candidate]:
    """Numbered forms outside quotes (a quote is classified as a whole)."""
    inside = _QuoteIndex(quotes)
    return _listed_counts(scan, inside) + _fixed_names(scan.text, inside) + _formulas(scan.text, inside)


def _listed_counts(scan: _Scan, inside: _QuoteIndex) -> list[_Candidate]:
    """Count phrases that introduce a list. An unlisted count is a statistic."""
    candidates = []
    for match in _iter_count_phrases(scan.text):
        count = _number(match.group("count"))
        if count is None or not _MIN_COUNT <= count <= _MAX_COUNT or inside(match.start()):
            continue
        end = _noun_end(match)
        if scan.text[match.start("noun") : end].endswith(_COUNTED_THINGS):
            continue
        items = _items_after(scan, match.end(), count, opens_clause=match.re is _COUNT_AFTER_FROM)
        if items:
            candidates.append(_Candidate(match.start(), end, "numbered", count, items))
    return candidates


def _iter_count_phrases(text: str) -> Iterator[regex.Match]:
    """Count phrases at a clause break, and 从N个方面 that opens a clause before its list.

    从五个方面作出规定: reads as both; the 从 form ends at its noun, while the
    clause-break form would take the verb phrase for the noun, so it yields.
    """
    opened_by_from = list(_COUNT_AFTER_FROM.finditer(text))
    from_starts = {match.start() for match in opened_by_from}
    yield from (match for match in _COUNT_AT_BREAK.finditer(text) if match.start() not in from_starts)
    yield from opened_by_from


def _fixed_names(text: str, inside: _QuoteIndex) -> list[_Candidate]:
    return [
        _Candidate(match.start(), _programme_end(text, match.end()), "numbered", items=[])
        for match in _FIXED.finditer(text)
        if not inside(match.start())
    ]


def _formulas(text: str, inside: _QuoteIndex) -> list[_Candidate]:
    candidates = []
    for match in _FORMULA.finditer(text):
        formula = match.group()
        if inside(match.start()) or _is_idiom(formula) or formula in _FIXED_PROGRAMMES:
            continue
        # unquoted, two segments are too often set phrases (一企一策, 一年一次)
        if _segments(formula) >= 3:
            end = _programme_end(text, match.end())
            items = _formula_items(text, end, formula) if end == match.end() else None
            candidates.append(_Candidate(match.start(), end, "numbered", items=items or []))
    return candidates


def _programme_end(text: str, formula_end: int) -> int:
    """A formula that begins a programme name takes the name up to its head
    (百城千业万企…专项行动)."""
    tail = _PROGRAMME_TAIL.match(text, formula_end)
    return tail.end() if tail else formula_end


class _QuoteIndex:
    """Whether an offset falls inside a quote (quotes are disjoint and sorted)."""

    def __init__(self, quotes: list[_Quote]) -> None:
        self._quotes = quotes
        self._starts = [quote.start for quote in quotes]

    def __call__(self, offset: int) -> bool:
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._quotes[index].end


def _segments(formula: str) -> int:
    return len(formula) // 2


def _is_idiom(formula: str) -> bool:
    return any(idiom in formula for idiom in _IDIOMS)


def _noun_end(match: regex.Match) -> int:
    """End of a count phrase, its noun cut before a verb or particle (系列开展 -> 系列)."""
    noun_start = match.start("noun")
    cut = _NOUN_CUT.search(match.string, noun_start + 1, match.end("noun"))
    return cut.start() if cut else match.end("noun")


# --- items -----------------------------------------------------------------


def _items_after(
    scan: _Scan,
    position: int,
    count: Optional[int],
    *,
    introduced_only: bool = False,
    label_word: str = "",
    opens_clause: bool = False,
) -> Optional[list[tuple[int, int]]]:
    """The list that a count phrase ending at ``position`` introduces, if any.

    After a colon (or 即, 分别是…): quoted phrases, a marked list (一是…),
    clauses separated by semicolons, or a run-in list (A、B和C) of exactly
    ``count`` parts. After any other clause break: a marked list starting in
    this sentence or the next one, unless ``introduced_only``. A phrase that
    ``opens_clause`` (从三个方面推动…) may instead be followed by a list that
    opens the next sentence.
    """
    text = scan.text
    noun = _PROGRAMME_NOUN.match(text, position)
    if noun is not None:
        position = noun.end()
        bracketed = _bracketed_items(text, position, count)
        if bracketed:
            return bracketed
    if text.startswith((",", "，"), position) and _LIST_INTRODUCER.match(text, position) is None:
        items = _items_after_comma(text, position + 1, count, label_word, after_noun=noun is not None)
        if items:
            return items
    lines = _line_items(text, position, count)
    if lines:
        return lines
    introducer = _LIST_INTRODUCER.match(text, position)
    if introducer is not None:
        start = introducer.end()
        items = (
            scan.quoted_items_at(start)
            or _marked_items(scan, start, first_before=start + 3)
            # comma clauses each holding the label's word, though the first one lists words with 、 and 与:
            # “三个结合”:把A与B、C相结合,与D相结合,与E相结合
            or _clauses_with_label_word(text, start, count, label_word)
            # “三个结合”,即A与B相结合、与C相结合、与D相结合: parts between 、 each holding the label's word
            or _enumerated_holding(text, start, count, label_word)
            # exactly as many run-in parts as counted before the clauses of a longer sentence:
            # “五进”工作,即进商场、进超市…进农村,今年…;三是…
            or _run_in_items(text, start, count)
            or _semicolon_items(text, start)
            or _items_opening_alike(text, start, count)
            or _comma_clauses(text, start, count)
        )
        if items:
            return items
    if introduced_only:
        return None
    position = _skip_spaces(text, position)
    ahead = _COLON_AHEAD.match(text, position)
    if ahead is not None:
        # 从五个方面对…进行了部署:第一,…;第二,…: the list after the clause the count phrase opens
        items = (
            _marked_items(scan, ahead.end(), first_before=ahead.end() + 3)
            or _semicolon_items(text, ahead.end())
            # 从“六个着力”作了部署:着力A,着力B…: as many comma clauses as counted, all opening alike
            or _items_opening_alike(text, ahead.end(), count)
            # 以“三个一”工作法推进…:一个网格一名监管员,一家企业一张风险清单,…。: a sentence of as many short clauses
            or _comma_clauses(text, ahead.end(), count)
            # 围绕“五个一体化”深化合作:市场准入一体化、监管执法一体化…: a run-in list, each part holding the label's word
            or _run_in_items_holding(text, ahead.end(), count, label_word)
        )
        if _as_counted(items, count):
            return items
    if position < len(text) and text[position] not in _CLAUSE_BREAKS:
        if opens_clause:
            return _list_opening_next_sentence(scan, position, count)
        # 以“四个强化”为抓手,…。(一)强化质量提升。…(四)强化…: the phrase does not end its clause, so only a
        # marked list further on whose items each hold the label's word is its list
        return _marked_items_holding(scan, position, count, label_word)
    chain = _marker_chain(scan, position, _end_of_next_sentence(text, position))
    items = _chain_items(text, chain)
    if items and _LIST_OWN_COUNT.search(text, position, chain[0].start):
        return None  # 做到“三个不放过”。他提出三点意见:一是…: the next sentence's list has a count of its own
    if items is None and text.startswith(("。", "\n"), position):
        # 开展“三个一批”活动。各地要评选一批A、曝光一批B、推广一批C。: the next sentence lists them
        items = _run_in_items_holding(text, _skip_spaces(text, position + 1), count, label_word)
    # 7项重大工程,…。沈国华…提出三点要求:一是…: a list of another length belongs to a later count phrase
    return _as_counted(items, count)


def _items_after_comma(
    text: str, start: int, count: Optional[int], label_word: str, *, after_noun: bool
) -> Optional[list[tuple[int, int]]]:
    """The list right after the comma that follows a count phrase (and its programme noun, if written)."""
    if after_noun:
        # “三品”战略,增品种、提品质、创品牌: a run-in list of short parts, exactly as many as counted
        items = _run_in_items(text, start, count)
        if items and all(end - item_start <= _MAX_COMMA_LIST_ITEM for item_start, end in items):
            return items
        # 按照“五个严禁”要求,严禁A,严禁B,…: as many comma clauses as counted, each holding the label's word
        items = _clauses_with_label_word(text, start, count, label_word)
        if items:
            return items
    # 坚持“四个最严”,以最严谨的标准、最严格的监管、…; “六进”活动,推动计量知识进机关、进企业、…:
    # a run-in list, each part holding the label's word
    return _run_in_items_holding(text, start, count, label_word)


def _as_counted(items: Optional[list[tuple[int, int]]], count: Optional[int]) -> Optional[list[tuple[int, int]]]:
    """The items when there are as many as counted (any number when the phrase gives no count)."""
    return items if items and (count is None or len(items) == count) else None


def _list_opening_next_sentence(scan: _Scan, position: int, count: Optional[int]) -> Optional[list[tuple[int, int]]]:
    """从三个方面推动行业发展。一是…二是…三是…: the sentence the count phrase opens ends,
    and the next one starts a marked list of exactly as many items."""
    text = scan.text
    sentence_end = _CLAUSE_END.search(text, position, min(len(text), position + _MAX_CLAUSE_AFTER_COUNT))
    if sentence_end is None or count is None:
        return None
    start = sentence_end.end()
    return _as_counted(_marked_items(scan, start, first_before=_skip_spaces(text, start) + _NEXT_LINE_MARKER_REACH), count)


def _formula_items(text: str, position: int, formula: str) -> Optional[list[tuple[int, int]]]:
    """“三查一看”:查A、查B、查C,看D: the list after a formula's colon, one item per action it counts,
    each opening with its action's word, as many as the formula's numerals add up to. When every action
    is counted alike (“三查三看”:查A,看B;查C,看D;查E,看F), the items may instead be the clauses that
    pair them, as many as one numeral says. The list ends at the first part opening with no action's word."""
    written = [(formula[index], formula[index + 1]) for index in range(0, len(formula) - 1, 2)]
    if any(numeral not in _DIGITS for numeral, _ in written) or len({word for _, word in written}) != len(written):
        return None
    segments = [(_DIGITS[numeral], word) for numeral, word in written]
    noun = _PROGRAMME_NOUN.match(text, position)
    introducer = _LIST_INTRODUCER.match(text, noun.end() if noun else position)
    if introducer is None:
        return None
    start = introducer.end()
    words = "".join(word for _, word in segments)
    if not text.startswith(words[0], start):
        return None
    end = _list_end(_CLAUSE_END, text, start) or _window_end(text, start)
    counts = {count for count, _ in segments}
    if len(counts) == 1:
        pairs_count = counts.pop()
        for separator in (_SEMICOLON, _COMMA):
            pairs = _split_items(text, start, end, separator.finditer(text, start, end))
            if (
                len(pairs) >= pairs_count
                and all(_holds_in_order(text[first:last], words) for first, last in pairs[:pairs_count])
                and (len(pairs) == pairs_count or text[pairs[pairs_count][0]] not in words)
            ):
                return pairs[:pairs_count]
    parts = _split_items(text, start, end, _FORMULA_ITEM_SEPARATOR.finditer(text, start, end))
    listed = 0
    while listed < len(parts) and text[parts[listed][0]] in words:
        listed += 1
    total = sum(count for count, _ in segments)
    return parts[:listed] if listed == total else None


def _holds_in_order(clause: str, words: str) -> bool:
    position = 0
    for word in words:
        position = clause.find(word, position)
        if position < 0:
            return False
        position += 1
    return True


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\u3000":
        position += 1
    return position


def _end_of_next_sentence(text: str, position: int) -> int:
    """Where the sentence after the one holding ``position`` ends (blank lines skipped)."""
    ends_seen = 0
    last = position
    for match in _CLAUSE_END.finditer(text, position, min(len(text), position + _MARKER_GAP)):
        if text[last : match.start()].strip() or ends_seen == 0:
            ends_seen += 1
        last = match.end()
        if ends_seen == 2:
            return match.start()
    return min(len(text), position + _MARKER_GAP)


def _list_end(ending: regex.Pattern, text: str, start: int) -> Optional[int]:
    """Where the list after a colon at ``start`` ends (``ending``: a clause's or a sentence's end), within the window."""
    found = ending.search(text, start, _window_end(text, start))
    return found.start() if found else None


def _window_end(text: str, start: int) -> int:
    return min(len(text), start + _COLON_LIST_WINDOW)


def _items_opening_alike(text: str, start: int, count: Optional[int]) -> Optional[list[tuple[int, int]]]:
    """严禁A,严禁B,严禁C: clauses that all open with the first one's word, exactly as many as counted."""
    if count is None:
        return None
    head = text[start : start + _ALIKE_HEAD]
    if len(head) < _ALIKE_HEAD or not _HAS_WORD.match(head):
        return None
    end = _list_end(_CLAUSE_END, text, start)
    if end is None:
        end = _window_end(text, start)
    separators = (found for found in _ALIKE_SEPARATOR.finditer(text, start, end) if text.startswith(head, found.end()))
    items = _split_items(text, start, end, separators)
    return items if len(items) == count else None


def _clauses_with_label_word(text: str, start: int, count: Optional[int], word: str) -> Optional[list[tuple[int, int]]]:
    """“四个一律”:A的一律停用,B一律停岗,…,确保…: the first comma clauses of the sentence all hold the
    label's word, exactly as many as counted; what follows them does not."""
    if count is None or len(word) < 2:
        return None
    end = _list_end(SENTENCE_END, text, start)
    if end is None:
        end = _window_end(text, start)
    clauses = _split_items(text, start, end, _COMMA.finditer(text, start, end))
    holding = 0
    while holding < len(clauses) and word in text[clauses[holding][0] : clauses[holding][1]]:
        holding += 1
    return clauses[:count] if holding == count else None


def _run_in_items_holding(text: str, start: int, count: Optional[int], word: str) -> Optional[list[tuple[int, int]]]:
    """坚持“四个最严”,以最严谨的标准、最严格的监管、最严厉的处罚、最严肃的问责: a run-in list of exactly
    as many parts as counted, each holding the label's word. When every later part opens with the word,
    the first opens where its word does: what stands before it (以, 推动计量知识) belongs to the clause;
    likewise when every later part holds the word as far from its start (评选|一批, 曝光|一批). A word of
    one character (“六进”: 进) is held by too many words; its parts must all open with it."""
    if not word:
        return None
    items = _run_in_items(text, start, count)
    if not items or any(word not in text[item_start:item_end] for item_start, item_end in items):
        return None
    # where the word stands in every later part, when that is the same place in all of them
    offsets = {text.index(word, item_start, item_end) - item_start for item_start, item_end in items[1:]}
    if len(word) < 2 and offsets != {0}:
        return None
    first_start, first_end = items[0]
    if len(offsets) == 1:
        # the parts run alike (曝光|一批…, 推广|一批…): the first opens as far before its word as they do
        first_start = max(first_start, text.index(word, first_start, first_end) - offsets.pop())
    return [(first_start, first_end)] + items[1:]


def _enumerated_holding(text: str, start: int, count: Optional[int], word: str) -> Optional[list[tuple[int, int]]]:
    """A、B、C in one clause, split at 、 only, exactly as many parts as counted, each holding the label's
    word of two or more characters (结合 of “三个结合”): 和 and 与 then join words inside a part
    (A与B相结合、与C相结合). Without the word, a list joined by both 、 and 和 is not trusted."""
    if count is None or len(word) < 2:
        return None
    end_match = _RUN_IN_END.search(text, start, min(len(text), start + _RUN_IN_WINDOW))
    end = end_match.start() if end_match else min(len(text), start + _RUN_IN_WINDOW)
    items = _exactly_counted(text, start, end, _ENUMERATION_COMMA.finditer(text, start, end), count, _RUN_IN_WINDOW)
    if not items or any(word not in text[item_start:item_end] for item_start, item_end in items):
        return None
    return items


def _comma_clauses(text: str, start: int, count: Optional[int]) -> Optional[list[tuple[int, int]]]:
    """“三个一”:亮出一张笑脸,作出一份承诺,挂出一块公示牌。: the sentence after the colon is
    exactly as many short comma clauses as counted."""
    if count is None:
        return None
    end = _list_end(SENTENCE_END, text, start)
    if end is None:
        return None
    return _exactly_counted(text, start, end, _COMMA.finditer(text, start, end), count, _MAX_COMMA_CLAUSE)


def _line_items(text: str, position: int, count: Optional[int]) -> Optional[list[tuple[int, int]]]:
    """“三品”战略 / 增品种 / 提品质 / 创品牌: a label that ends its line, then exactly as many
    short lines as counted (an infographic or a card printed as text)."""
    if count is None:
        return None
    start = _skip_spaces(text, position)
    if not text.startswith("\n", start):
        return None
    items = []
    for _ in range(count):
        line_start = start + 1
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end == -1 else line_end
        item = _trimmed(text, line_start, line_end)
        if not 0 < item[1] - item[0] <= _MAX_LINE_ITEM or _LINE_ITEM_BREAK.search(text, item[0], item[1]):
            return None
        items.append(item)
        start = line_end
        if start >= len(text):
            break
    return items if len(items) == count else None


_MAX_LINE_ITEM = 16
# a clause mark, or a digit: a line holding a figure is a card's value, not an item (建设计量测试中心 / 10个)
_LINE_ITEM_BREAK = regex.compile(r"[,，。;；:：!！?？、\d]")


def _semicolon_items(text: str, start: int) -> Optional[list[tuple[int, int]]]:
    end = _list_end(_CLAUSE_END, text, start)
    if end is None:
        return None
    items = []
    clause_start = start
    for separator in _SEMICOLON.finditer(text, start, end):
        items.append(_trimmed(text, clause_start, separator.start()))
        clause_start = separator.end()
    items.append(_trimmed(text, clause_start, end))
    items = [item for item in items if item[1] > item[0]]
    return items if len(items) >= 2 else None


def _run_in_items(text: str, start: int, count: Optional[int]) -> Optional[list[tuple[int, int]]]:
    """A short list inside one clause; 、 and 和 also join words, so only an
    exact match with the announced count is trusted."""
    if count is None:
        return None
    end_match = _RUN_IN_END.search(text, start, min(len(text), start + _RUN_IN_WINDOW))
    end = end_match.start() if end_match else min(len(text), start + _RUN_IN_WINDOW)
    return _exactly_counted(text, start, end, _RUN_IN_SEPARATOR.finditer(text, start, end), count, _RUN_IN_WINDOW)


def _exactly_counted(
    text: str, start: int, end: int, separators: Iterable[regex.Match], count: int, longest: int
) -> Optional[list[tuple[int, int]]]:
    """The parts of ``text[start:end]`` between ``separators`` when there are exactly ``count``,
    none empty and none longer than ``longest``."""
    items = _split_items(text, start, end, separators)
    if len(items) != count or any(not 0 < item_end - item_start <= longest for item_start, item_end in items):
        return None
    return items


def _marked_items(scan: _Scan, start: int, first_before: int) -> Optional[list[tuple[int, int]]]:
    """Items of a list numbered from one in one marker style (一是…二是…),
    whose first marker starts before ``first_before``."""
    return _chain_items(scan.text, _marker_chain(scan, start, first_before))


def _chain_items(text: str, chain: list[_Marker]) -> Optional[list[tuple[int, int]]]:
    """The items a chain of two or more list markers opens, each up to the next marker or its own end."""
    if len(chain) < 2:
        return None
    items = []
    for index, marker in enumerate(chain):
        limit = chain[index + 1].start if index + 1 < len(chain) else len(text)
        end_match = _ITEM_END.search(text, marker.end, limit)
        items.append(_trimmed(text, marker.end, end_match.start() if end_match else limit))
    return items


def _marked_items_holding(scan: _Scan, start: int, count: Optional[int], word: str) -> Optional[list[tuple[int, int]]]:
    """The first list numbered from one, opening within reach of ``start``, of exactly ``count`` items that each
    hold ``word`` (two or more characters): a heading under another list's heading may carry it."""
    if count is None or len(word) < 2:
        return None
    reach = start + _HOLDING_LIST_REACH
    for marker in scan.markers()[scan.first_marker_at_or_after(start) :]:
        if marker.start >= reach:
            break
        if marker.number != 1:
            continue
        items = _marked_items(scan, marker.start, first_before=marker.start + 1)
        if items and len(items) == count and all(word in scan.text[item_start:item_end] for item_start, item_end in items):
            return items
    return None


_HOLDING_LIST_REACH = 160


def _marker_chain(scan: _Scan, start: int, first_before: int) -> list[_Marker]:
    markers = scan.markers()
    index = scan.first_marker_at_or_after(start)
    chain: list[_Marker] = []
    while index < len(markers):
        marker = markers[index]
        index += 1
        if not chain:
            if marker.start >= first_before:
                break
            if marker.number == 1:
                chain.append(marker)
            continue
        if marker.start - chain[-1].end > _MARKER_GAP:
            break
        if marker.style != chain[0].style:
            continue
        if marker.number == _CLOSING_PLACE and len(chain) >= 2:
            chain.append(marker)  # 首先…其次…最后: the closing word ends the list
            break
        if marker.number != len(chain) + 1:
            break
        chain.append(marker)
    return chain


def _marker_value(marker: regex.Match) -> tuple[str, Optional[int]]:
    for style in ("verb", "ordinal", "paren", "comma", "paren_digit", "digit"):
        value = marker.group(style)
        if value is not None:
            return style, _number(value)
    if marker.group("sequence") is not None:
        return "sequence", _SEQUENCE_WORDS[marker.group("sequence")]
    return "circled", ord(marker.group("circled")) - ord("①") + 1


def _split_items(text: str, start: int, end: int, separators: Iterable[regex.Match]) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at each separator, every part trimmed."""
    items = []
    part_start = start
    for separator in separators:
        items.append(_trimmed(text, part_start, separator.start()))
        part_start = separator.end()
    items.append(_trimmed(text, part_start, end))
    return items


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _ITEM_TRIM_LEFT:
        start += 1
    while end > start and text[end - 1] in _ITEM_TRIM_RIGHT:
        end -= 1
    return start, end


def _number(numeral: str) -> Optional[int]:
    """Value of a small number written in digits or Chinese numerals (1–99)."""
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return _DIGITS.get(numeral) if len(numeral) == 1 else None
    tens, _, ones = numeral.partition("十")
    if (tens and tens not in _DIGITS) or (ones and ones not in _DIGITS):
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


# --- records ---------------------------------------------------------------


def _records(ctx: MatchContext, candidates: list[_Candidate]) -> tuple[list[Slogan], list[ExtractionWarning]]:
    best: dict[str, tuple[_Candidate, list[tuple[int, int]]]] = {}
    for candidate in candidates:
        if candidate.end <= candidate.start or ctx.is_masked(candidate.start, candidate.end):
            continue
        items = [item for item in candidate.items or [] if not ctx.is_masked(*item)]
        key = ctx.text[candidate.start : candidate.end]
        if key not in best or _rank(candidate, items) > _rank(*best[key]):
            best[key] = (candidate, items)
    slogans, warnings = [], []
    for text, (candidate, items) in sorted(best.items(), key=lambda entry: entry[1][0].start):
        slogans.append(_slogan(ctx, text, candidate, items))
        if candidate.count is not None and items and len(items) != candidate.count:
            warnings.append(_count_warning(text, candidate, items))
    return slogans, warnings


def _rank(candidate: _Candidate, items: list[tuple[int, int]]) -> tuple[int, int, int]:
    return (candidate.kind == "numbered", len(items), -candidate.start)


def _slogan(ctx: MatchContext, text: str, candidate: _Candidate, items: list[tuple[int, int]]) -> Slogan:
    if candidate.kind == "quoted":
        return Slogan(text=text, kind="quoted", span=ctx.span(candidate.start, candidate.end))
    items = _without_counting_numerals(ctx.text, items)
    return Slogan(
        text=text,
        kind="numbered",
        items=[ctx.text[start:end] for start, end in items],
        span=ctx.span(candidate.start, candidate.end),
        item_spans=[ctx.span(start, end) for start, end in items],
    )


def _without_counting_numerals(text: str, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """“四查”:一查A,二查B…: items counted off by 一, 二, 三 in turn lose the numeral and keep the verb it counts."""
    if not 2 <= len(items) <= len(_COUNTING_NUMERALS) or any(
        end - start < 3 or text[start] != _COUNTING_NUMERALS[index] for index, (start, end) in enumerate(items)
    ):
        return items
    return [(start + 1, end) for start, end in items]


def _count_warning(text: str, candidate: _Candidate, items: list[tuple[int, int]]) -> ExtractionWarning:
    return ExtractionWarning(
        kind=W_SLOGAN_ITEM_COUNT,
        message=(
            f"numbered slogan {text!r} at clean offsets {candidate.start}-{candidate.end} "
            f"announces {candidate.count} items but {len(items)} were found"
        ),
    )
