"""Calendar expressions: ``2025年2月20日``, ``7月18日至19日``, ``上半年``, ``国庆节``...

Every expression becomes a :class:`~qextract.records.DateMention` whose
``value`` is ISO 8601, resolved against the publication date (or, without one,
against the year the article itself states). Conventions (GOLD_FORMAT.md):

* a missing year is filled from the publication year, except that a month
  well after the publication month belongs to the year before
  (``12月30日`` in an article of 2025-01-03 is 2024-12-30);
* with no year anywhere, the value stays year-less: ``--08-22``;
* ranges join two values with ``/``: ``2018-07-18/2018-07-19``, ``2021/2025``;
* parts of a year take the smallest ISO value or range that covers them:
  ``年底`` -> ``YYYY-12``, ``上半年`` -> ``YYYY-01/YYYY-06``;
* a clock time is kept (``2025-02-25T09:18``); a part of the day goes to
  ``time_of_day``;
* durations (``14年来``), vague times (``近年来``), numbers inside names and
  document numbers are not dates; a present-tense deictic alone (``今年``,
  ``今天``) is not a record, while ``去年``/``上月``/``昨天`` are, when there is
  a publication date to resolve them against.

One record per distinct value, at its first mention.
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional, Union

import regex

from qextract.data import alternation, load_json
from qextract.match.context import MatchContext
from qextract.match.datetime_parts import (
    OPENING_QUOTES,
    Atom,
    adjacent,
    apply_day_part,
    clock_from_atom,
    clock_from_colon,
    days_in_month,
    digit_string_number,
    full_year,
    holidays,
    lunar_day_in,
    lunar_festivals,
    nth_weekday,
    periods,
    relative_words,
    scan_atoms,
    deadline_markers,
    planned_markers,
    tense_markers,
    simplified_view,
    small_number,
)
from qextract.match.intervals import Intervals
from qextract.records import DateMention, Span
from qextract.segment.sentences import sentence_end

__all__ = ["find_dates", "parse_date", "resolve_year_hint", "Anchor"]

# A month-day without a year, in an article published in month P, is read in
# the year before when its month is more than this many months after P: news
# looks back far more often than it looks a half-year ahead.
MONTHS_AHEAD_LIMIT = 6

# A day written without its month (20日) is read in the publication month,
# or in the month before when it lies more than this many days ahead.
DAYS_AHEAD_LIMIT = 7


# ---------------------------------------------------------------- anchor


@dataclass(frozen=True)
class Anchor:
    """What year-less and relative expressions are resolved against."""

    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    # True when the year comes from the text (an event name) rather than a
    # publication date: month-level shifts and relative days need a real date.
    from_text: bool = False

    @property
    def date(self) -> Optional[_dt.date]:
        if self.year is None or self.month is None or self.day is None:
            return None
        return _dt.date(self.year, self.month, self.day)


_ISO_PREFIX = regex.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def anchor_from_iso(publish_date: Optional[str]) -> Anchor:
    """The anchor of an ISO publication date (``2025-02-25T09:18``, ``2022``)."""
    if not publish_date:
        return Anchor()
    match = _ISO_PREFIX.match(publish_date)
    if not match:
        return Anchor()
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is not None and not 1 <= month <= 12:
        month, day = None, None
    if day is not None and month is not None and not 1 <= day <= days_in_month(year, month):
        day = None
    return Anchor(year, month, day)


# ---------------------------------------------------------------- parsed forms


@dataclass
class Point:
    """One calendar point as written, before resolution."""

    start: int
    end: int
    year: Optional[int] = None
    two_digit_year: Optional[int] = None
    year_offset: Optional[int] = None
    year_from_text: bool = False  # year_offset counts from the year the text last wrote (同年, 次年)
    year_inherited: bool = False
    month: Optional[int] = None
    month_offset: Optional[int] = None
    day: Optional[int] = None
    day_offset: Optional[int] = None
    day_in_anchor_month: bool = False
    hour: Optional[int] = None
    minute: Optional[int] = None
    second: Optional[int] = None
    time_of_day: Optional[str] = None
    month_range: Optional[tuple[int, int]] = None
    day_range: Optional[tuple[int, int]] = None
    lunar_festival: Optional[str] = None
    lunar_day: Optional[tuple[int, int]] = None  # (lunar month, day): 农历正月初六
    floating: Optional[tuple[int, int]] = None  # (weekday, N): the Nth weekday of the month
    holiday: bool = False  # named by a holiday (春节, 国庆节), not written as a day
    week: Optional[tuple[int, int]] = None  # (week offset, weekday): 上周五 is (-1, 4)
    standalone: bool = True  # False: a present deictic that is no record alone


@dataclass
class Range:
    start: int
    end: int
    first: Point
    last: Point


Expression = Union[Point, Range]
# What a parser step gives: the expression it read (or None) and the index of the next atom.
Parsed = tuple[Optional[Expression], int]


@dataclass(frozen=True)
class Resolved:
    value: str
    granularity: str
    year_inferred: bool
    sort_key: tuple
    year_less: bool


_GRANULARITY_ORDER = {"year": 0, "month": 1, "day": 2, "minute": 3, "second": 4}


# ---------------------------------------------------------------- public API


def find_dates(ctx: MatchContext) -> list[DateMention]:
    """Every distinct calendar value of ``ctx.text``, at its first mention."""
    text = ctx.text
    if ctx.publish_date:
        anchor = anchor_from_iso(ctx.publish_date)
    else:
        hint = resolve_year_hint(ctx)
        anchor = Anchor(year=hint, from_text=True) if hint is not None else Anchor()
    filed = _dateline(text, ctx.body_start, anchor)
    told_year = _lead_in_year_before(text, ctx.body_start, anchor)
    skipped = Intervals(link_list_ranges(text))
    titles = Intervals((match.start(), match.end()) for match in _BOOK_TITLE.finditer(text))
    planned = _is_plan_for_its_year(text, ctx.body_start, anchor)
    discourse = _Discourse(anchor.date)  # a year read from the text gives no date
    mentions: list[DateMention] = []
    periods: list[tuple[int, int, DateMention]] = []  # every dated period so far, repeats included
    sentence_starts = [sentence.start for sentence in ctx.sentences]
    seen: set[str] = set()
    repeats: list[DateMention] = []
    for expression in parse_expressions(text):
        if skipped.contains(expression.start, expression.end):
            continue
        if ctx.is_masked(expression.start, expression.end):
            continue
        if _only_relative(expression) and titles.contains(expression.start, expression.end):
            continue  # 《昨天今天明天》 is a title, not a date
        if _recurring(text, expression.start):
            continue  # 每年3月15日 names a day of every year
        told = filed[1] if filed is not None and expression.start >= filed[0] and _counted_from_today(expression) else anchor
        if told_year is not None and expression.start >= ctx.body_start and _relative_year(expression):
            told = told_year
        tense = _tense(text, expression) or ("future" if planned and expression.start >= ctx.body_start else None)
        mention = _mention(text, expression, discourse.anchor_for(expression, told), tense)
        if mention is None:
            continue
        end = expression.end
        same_period = _SAME_PERIOD.match(text, end)
        if same_period is not None and mention.granularity == "year":
            compared = _period_compared(sentence_starts, periods, expression.start)
            if compared is not None:
                mention, end = _a_year_before(compared, text[expression.start : same_period.end()]), same_period.end()
        discourse.update(expression, mention, in_body=expression.start >= ctx.body_start, opens_span=_opens_span(text, expression))
        if mention.granularity != "year":
            periods.append((expression.start, end, mention))
        mention.span = ctx.span(expression.start, end)
        if mention.value in seen:
            if _counted_day(expression):
                repeats.append(mention)
            continue
        seen.add(mention.value)
        mentions.append(mention)
    _add_header_stamp(ctx, mentions, seen)
    # The meetings stage reads repeated day words too (当天下午 dates the event of its
    # sentence); it finds repeated numeric days (6月5日) itself.
    ctx.found[REPEATED_DATES] = repeats
    return mentions


def _is_plan_for_its_year(text: str, body_start: int, anchor: Anchor) -> bool:
    """江门市质量技术监督局2007年工作要点, published in 2007: the body plans that year."""
    if anchor.year is None or anchor.from_text or body_start == 0:
        return False
    match = _plan_headline().search(text, 0, body_start)
    return match is not None and int(match.group("year")) == anchor.year


@lru_cache(maxsize=1)
def _plan_headline() -> regex.Pattern[str]:
    words = alternation(load_json("dates/context.json")["plan_headline_words"])
    return regex.compile(r"(?m)(?P<year>(?:19|20)\d{2})\s?年度?[^\n]{0,12}?(?:%s)[ \t]*$" % words)


# How far into the body a dateline may open (a reprint puts a lead or an editor's note first).
_DATELINE_REACH = 400


def _dateline(text: str, body_start: int, anchor: Anchor) -> Optional[tuple[int, Anchor]]:
    """Where the dateline ends and the day it names (新华社北京3月11日电 on a page dated the 12th).

    A wire story's 今天, 昨天 and 上周五 count from the day it was filed, which
    a page that reprints it a day or a week later does not share. Other dates
    keep the publication date as their anchor: a dateline inside a page that
    strings several stories together would otherwise move their years. The
    dateline's day is read in the publication year, or the year before when
    that day would lie after the publication date. Only a dated page has such
    an anchor: a year from the text cannot place a day.
    """
    published = anchor.date
    found = _near_body_opening(_DATELINE, _DATELINE_REACH, text, body_start, anchor)
    if published is None or found is None:
        return None
    month, day = int(found.group(1)), int(found.group(2))
    year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
    if not _is_calendar_day(year, month, day) or (year, month, day) == (published.year, published.month, published.day):
        return None
    return found.end(), Anchor(year, month, day)


def _lead_in_year_before(text: str, body_start: int, anchor: Anchor) -> Optional[Anchor]:
    """2016年12月28日,局长接受了本报记者专访 on a page of 2017-01-05: the lead tells a day shortly before the
    page appeared; what was said then (今年, 去年, 明年) counts from that day's year, which differs from the
    page's across a year's end."""
    published = anchor.date
    found = _near_body_opening(_LEAD_DAY, _LEAD_DAY_REACH, text, body_start, anchor)
    if published is None or found is None:
        return None
    year, month, day = (int(part) for part in found.groups())
    if not _is_calendar_day(year, month, day) or not 0 <= (published - _dt.date(year, month, day)).days <= _MAX_LEAD_LAG_DAYS:
        return None
    return Anchor(year, month, day)


def _near_body_opening(
    pattern: regex.Pattern[str], reach: int, text: str, body_start: int, anchor: Anchor
) -> Optional[regex.Match[str]]:
    """``pattern`` within ``reach`` of the body's opening, on a page its header dates: a year read from the
    text cannot place a day, so such a page has no day to count from."""
    if anchor.date is None or anchor.from_text:
        return None
    return pattern.search(text, body_start, min(len(text), body_start + reach))


def _is_calendar_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= days_in_month(year, month)


# The body's first line opening with a full date and a comma, after at most a credit line before it.
_LEAD_DAY = regex.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日(?:[上下]午|晚)?[,，]", regex.MULTILINE)
_LEAD_DAY_REACH = 60
_MAX_LEAD_LAG_DAYS = 31


def _relative_year(expression: Expression) -> bool:
    """今年, 去年, 明年, 今年1至5月: a year counted from the day of writing."""
    first = expression.first if isinstance(expression, Range) else expression
    return first.year_offset is not None and not first.year_from_text


def _add_header_stamp(ctx: MatchContext, mentions: list[DateMention], seen: set[str]) -> None:
    """The header's publication time, in whatever form the header printed it (25-3-18 16:05), is a date of the page."""
    if ctx.header_stamp is None:
        return
    start, end, value = ctx.header_stamp
    overlapping = [m for m in mentions if m.span is not None and m.span.start < end and start < m.span.end]
    if overlapping and all(
        start <= m.span.start and m.span.end <= end and value.startswith(m.value) and value != m.value
        for m in overlapping if m.span is not None
    ):
        # 1999年3月12日 星期五 08:41: the day alone was read, the weekday parting it from its time
        for m in overlapping:
            mentions.remove(m)
            seen.discard(m.value)
    elif value in seen or overlapping:
        return
    granularity = "second" if value.count(":") == 2 else "minute" if "T" in value else "day"
    mention = DateMention(ctx.text[start:end], value, granularity=granularity, span=ctx.span(start, end))
    mentions.insert(next((i for i, m in enumerate(mentions) if m.span is not None and m.span.start > start), len(mentions)), mention)
    seen.add(value)


# Key in ``MatchContext.found`` of the day words (当天, 次日, 上周五) that repeat a recorded value.
REPEATED_DATES = "dates_repeated"


def _counted_day(expression: Expression) -> bool:
    first = expression.first if isinstance(expression, Range) else expression
    return first.day_offset is not None or first.week is not None


def _counted_from_today(expression: Expression) -> bool:
    """今天, 昨天, 上周五: counted from the day of writing (not 次日, counted from the day the text last named)."""
    first = expression.first if isinstance(expression, Range) else expression
    return _counted_day(expression) and not first.year_from_text

# 去年同期 / 上年同期: the period just named in the sentence, a year earlier.
_SAME_PERIOD = regex.compile(r"同期")
_ISO_YEAR = regex.compile(r"\d{4}")  # the year fields of an ISO value or range


def _period_compared(sentence_starts: list[int], periods: list[tuple[int, int, DateMention]], start: int) -> Optional[DateMention]:
    """The last period named before ``start`` in the same sentence (1—5月…比去年同期)."""
    for period_start, period_end, mention in reversed(periods):
        if period_end > start:
            continue
        same_sentence = bisect_right(sentence_starts, period_start) == bisect_right(sentence_starts, start)
        if not same_sentence or not _ISO_YEAR.match(mention.value):
            return None
        return mention
    return None


def _a_year_before(period: DateMention, written: str) -> DateMention:
    value = _ISO_YEAR.sub(lambda year: str(int(year.group()) - 1), period.value)
    return replace(period, text=written, value=value, span=None)


class _Discourse:
    """The year and month the text last wrote out.

    Chinese news leaves out what the text has just said: ``9月7日电 … 飞机7日坠毁``
    (the 7th of that September), ``2019年5月 … 同年12月`` (that year). Such
    dates are resolved against the last written month or year, not against the
    publication date.
    """

    def __init__(self, published: Optional[_dt.date] = None) -> None:
        self.published = published
        self.year: Optional[int] = None
        self.month: Optional[tuple[Optional[int], int]] = None
        self.day: Optional[tuple[Optional[int], int, int]] = None  # the last day written: 11月5日 … 次日
        # the last short run of days in one month (9月15日至17日): (year, month, first day, last day)
        self.event_days: Optional[tuple[Optional[int], int, int, int]] = None

    def anchor_for(self, expression: Expression, anchor: Anchor) -> Anchor:
        first = expression.first if isinstance(expression, Range) else expression
        if first.year_from_text and first.day_offset is not None:
            if self.day is None:
                return Anchor(from_text=True)  # 次日 with no day written before it: nothing to count from
            year, month, day = self.day
            return Anchor(year=year, month=month, day=day, from_text=False)
        if first.year_from_text:
            return Anchor(year=self.year, from_text=False)
        if first.day_in_anchor_month and self.event_days is not None and isinstance(expression, Point):
            year, month, first_day, last_day = self.event_days
            if first.day is not None and first_day <= first.day <= last_day:
                # 9月15日至17日举办培训班 … 今年6月 … 17日下午: a day of the event the story
                # is telling, whatever month its speeches mentioned since
                return Anchor(year=year, month=month, from_text=False)
        if first.day_in_anchor_month and self.month is not None:
            year, month = self.month
            rolled = self._into_next_month(first.day, anchor)
            if rolled is not None:
                year, month = rolled
            return Anchor(year=year, month=month, from_text=False)
        return anchor

    def _into_next_month(self, day: Optional[int], published: Anchor) -> Optional[tuple[Optional[int], int]]:
        """12月31日 … 4日 on a page of 2009年1月5日: a bare day before the last day written, when the page
        appeared in the next month on or after that day, goes on into the next month (a digest or a diary
        that crosses a month's end), not back in the month."""
        if day is None or self.day is None or self.month is None or published.month is None or published.day is None:
            return None
        year, month, last_day = self.day
        if (year, month) != self.month or day >= last_day or day > published.day:
            return None
        next_year, next_month = (None if year is None else year + 1, 1) if month == 12 else (year, month + 1)
        if next_month != published.month or (next_year is not None and next_year != published.year):
            return None
        return next_year if next_year is not None else published.year, next_month

    def update(self, expression: Expression, mention: DateMention, in_body: bool = True, opens_span: bool = False) -> None:
        last = expression.last if isinstance(expression, Range) else expression
        value = mention.value.rsplit("/", 1)[-1]
        if (last.year is not None or last.two_digit_year is not None or last.year_from_text) and value[:4].isdigit():
            self.year = int(value[:4])
        # 10月份, 1至10月: periods for figures (10月份抽查合格率), not the month the story is told in
        for_figures = mention.text.endswith(_PERIOD_FOR_FIGURES) or (
            mention.granularity == "month" and "/" in mention.value)
        if last.month_range is None and last.day_range is None and not for_figures and (
                last.month is not None or last.month_offset is not None or last.day_offset is not None):
            match = _YEAR_MONTH.match(value)
            if match:
                self.month = (int(match.group(1)) if match.group(1) else None, int(match.group(2)))
        day = _YEAR_MONTH_DAY.match(value)
        # one day of the body (not the header's timestamp, not the end of a range: 6月中旬…当天)
        one_day = "/" not in mention.value and mention.granularity in ("day", "time")
        # 春节前联合开展检查 … 次日上午: a holiday named in passing is not the day the story has reached
        # 自2月20日动员大会召开以来, 7月1日前 … 次日: a day bounding a span is not the story's day either
        if in_body and one_day and day is not None and not last.holiday and not opens_span \
                and not self._aside(last, day):
            self.day = (int(day.group(1)) if day.group(1) else None, int(day.group(2)), int(day.group(3)))
            if self.event_days is not None and not last.day_in_anchor_month and (
                    self.day[1] != self.event_days[1] or not self.event_days[2] <= self.day[2] <= self.event_days[3]):
                self.event_days = None  # 10月16日: the story has moved past the event
        if in_body and not opens_span and mention.granularity == "day":
            self.event_days = _event_days(mention.value) or self.event_days

    def _aside(self, last: Point, day: regex.Match) -> bool:
        """A day written with its year that the story has not reached; the story stays on its day.

        5月10日…当天上午… 2017年4月24日,国务院批复…。当天下午: a day before the story's recalls the past.
        11月25日…实施日期为2021年12月1日。当天下午 on a page of 11月26日: a day after the page appeared,
        when the story's day is not, lies ahead (an effective date, a deadline).
        """
        if self.day is None or last.year is None or day.group(1) is None:
            return False
        story_year, story_month, story_day = self.day
        if story_year is None:
            return False
        written = (int(day.group(1)), int(day.group(2)), int(day.group(3)))
        if written < (story_year, story_month, story_day):
            return True
        if self.published is None:
            return False
        published = (self.published.year, self.published.month, self.published.day)
        return (story_year, story_month, story_day) <= published < written


# Longest run of days read as one event narrated day by day (a meeting, a training, an inspection
# tour); a campaign's month-long span is not one.
_EVENT_DAYS_MAX = 7


def _event_days(value: str) -> Optional[tuple[Optional[int], int, int, int]]:
    """(year, month, first day, last day) of a run of at most a week's days within one month."""
    if "/" not in value:
        return None
    first, last = (_YEAR_MONTH_DAY.match(part) for part in value.split("/", 1))
    if first is None or last is None or first.group(1) != last.group(1) or first.group(2) != last.group(2):
        return None
    first_day, last_day = int(first.group(3)), int(last.group(3))
    if not 0 < last_day - first_day < _EVENT_DAYS_MAX:
        return None
    return (int(first.group(1)) if first.group(1) else None, int(first.group(2)), first_day, last_day)


_PERIOD_FOR_FIGURES = ("月份",)
_YEAR_MONTH = regex.compile(r"(?:(\d{4})|-)-(\d{2})")
_YEAR_MONTH_DAY = regex.compile(r"(?:(\d{4})|-)-(\d{2})-(\d{2})")


def _opens_span(text: str, expression: Expression) -> bool:
    """The day bounds a span rather than being one the story reached: written between an
    opener and a closer in one clause (自2月20日…以来, 从5月1日起), or right before a bound (7月1日前)."""
    openers, closer, bounds = _span_words()
    start, end = expression.start, expression.end
    if any(text.startswith(bound, end) for bound in bounds):
        return True
    if not any(text.startswith(opener, start - len(opener)) for opener in openers if start >= len(opener)):
        return False
    return closer.match(text, end) is not None


@lru_cache(maxsize=None)
def _span_words() -> tuple[tuple[str, ...], regex.Pattern[str], tuple[str, ...]]:
    data = load_json("dates/context.json")
    closers = "|".join(regex.escape(word) for word in data["span_closers"])
    # the closer ends the clause the day opens: at most 30 characters on, before any clause mark
    closer = regex.compile(r"[^，,。；;！!？?\n]{0,30}?(?:" + closers + ")")
    return tuple(data["span_openers"]), closer, tuple(data["span_bounds"])


def _only_relative(expression: Expression) -> bool:
    """True for expressions made of relative words only (昨天, 明年), with no number or holiday."""
    points = (expression.first, expression.last) if isinstance(expression, Range) else (expression,)
    return all(point.year is None and point.two_digit_year is None and point.month is None and point.day is None
               and point.lunar_festival is None and point.lunar_day is None and point.month_range is None for point in points)


def _recurring(text: str, start: int) -> bool:
    before = text[max(0, start - 2):start]
    return any(before.endswith(word) for word in _recurring_words())


@lru_cache(maxsize=None)
def _recurring_words() -> tuple[str, ...]:
    return tuple(load_json("dates/context.json")["recurring_before"])


def _tense(text: str, expression: Expression) -> Optional[str]:
    """"future" after 将于/拟/预计…, before a modal (要, 将) and before a deadline's 前, "past" before 以来, else None."""
    future_words, past_words = tense_markers()
    start, end = expression.start, expression.end
    if start and text[start - 1] in _FUTURE_LAST_CHARS:
        before = text[max(0, start - 4):start]
        if any(before.endswith(word) for word in future_words):
            return "future"
    if end < len(text) and text[end] in _PAST_FIRST_CHARS and any(text.startswith(word, end) for word in past_words):
        return "past"
    if end < len(text) and text[end] in _PLANNED_FIRST_CHARS:
        planned_words, lookalikes = planned_markers()
        if any(text.startswith(word, end) for word in planned_words) and not any(
                text.startswith(word, end) for word in lookalikes):
            return "future"  # 9月份要以“质量月”为契机: what is planned for that month
    if end < len(text) and text[end] in _DEADLINE_FIRST_CHARS:
        deadline_words, lookalikes, done_words = deadline_markers()
        if any(text.startswith(word, end) for word in deadline_words) and not any(
            text.startswith(word, end) for word in lookalikes
        ):
            rest = text[end : sentence_end(text, end)]
            if not any(word in rest for word in done_words):
                return "future"  # 11月中旬前完成: a deadline set for a task, not one met (前,全市已完成)
    return None


_FUTURE_LAST_CHARS = frozenset(word[-1] for word in tense_markers()[0])
_PAST_FIRST_CHARS = frozenset(word[0] for word in tense_markers()[1])
_DEADLINE_FIRST_CHARS = frozenset(word[0] for word in deadline_markers()[0])
_PLANNED_FIRST_CHARS = frozenset(word[0] for word in planned_markers()[0])


def parse_date(text: str, publish_date: Optional[str] = None) -> Optional[DateMention]:
    """The first calendar expression of one standalone string, or None.

    For header fields and other short strings: ``2025-02-25 09:18``,
    ``2022年04月02日``, ``19.05.2015 10:31``. Besides what :func:`find_dates`
    reads, a whole string of digits such as ``20240307`` or ``2022 11 23`` is
    read as a date here, where nothing else can be meant.
    """
    anchor = anchor_from_iso(publish_date)
    for expression in parse_expressions(text):
        mention = _mention(text, expression, anchor, _tense(text, expression))
        if mention is not None:
            mention.span = Span(expression.start, expression.end, text[expression.start:expression.end])
            return mention
    return _parse_bare_digits(text, anchor)


_EVENT_WITH_YEAR = regex.compile(
    r"(?<![\d.])((?:19|20)\d{2})\s?年(?![代度底末初])[^。！？!?\n,，;；《》]{0,30}?"
    r"(?:大会|会议|论坛|峰会|博览会|展览会|交易会|洽谈会|发布会|推进会|座谈会|研讨会|年会|"
    r"活动|仪式|典礼|比赛|大赛|竞赛|运动会|启动|开幕|宣传周|宣传月|质量月|"
    # a year's holidays the article is about (为确保2026年元旦、春节期间…)
    r"元旦|春节|国庆|中秋|端午|清明|五一|劳动节|两节|双节)"
)
_THIS_YEAR_STATED = regex.compile(
    r"今年(?:是|为)?[^。！？!?\n]{0,6}?((?:19|20)\d{2})\s?年|((?:19|20)\d{2})\s?年(?:是|为)今年"
)
# The cut-off of the figures an article reports (截至2010年5月底): the latest
# data of a news report, so the article's own year unless its dateline month
# comes before the cut-off month (a January report of December's figures).
_FIGURES_CUT_OFF = regex.compile(r"(?:截至|截止)(?:到|至)?\s?((?:19|20)\d{2})\s?年\s?(\d{1,2})\s?月")
# A paragraph that opens with a full date (2008年12月16日上午,…大会在南昌召开):
# the day of the event the article reports.
_PARAGRAPH_DATED = regex.compile(r"(?m)^[ \t]{0,4}((?:19|20)\d{2})\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日")
# A news-agency dateline's day (新华社南宁6月3日电, 本报讯 6月3日讯): the day the article was filed.
_DATELINE = regex.compile(r"^[^\n]{0,24}?(\d{1,2})月(\d{1,2})日(?:电|讯)", regex.MULTILINE)
_BOOK_TITLE = regex.compile(r"《[^《》\n]{0,200}》")


def resolve_year_hint(ctx: MatchContext) -> Optional[int]:
    """The year of the publication date, else the year the article's own text states."""
    if ctx.publish_date:
        return anchor_from_iso(ctx.publish_date).year
    return year_stated_in(ctx.text)


def year_stated_in(text: str) -> Optional[int]:
    """The year the article's own text states, for dates when there is no publication date.

    In order: the year in the name of an event the article reports
    (``2023年…大会``, ``2020年“质量月”活动``); a year the text equates with
    ``今年`` (``今年是2021年``); the year of a paragraph that opens with a
    full date (``2008年12月16日上午,…召开``); the year of the cut-off of its
    figures (``截至2010年5月底``). Never a year from a related-links list, nor
    from a title in 《》 (a plan's years are not the article's). A year written
    elsewhere (``2019年成立``) says when something else happened, so without
    any of these cues the answer is None and dates stay year-less.
    """
    text = _without_chrome(text)
    match = _EVENT_WITH_YEAR.search(text)
    if match:
        return int(match.group(1))
    stated = _THIS_YEAR_STATED.search(text)
    if stated:
        return int(stated.group(1) or stated.group(2))
    plan_year = _plan_year_stated(text)
    if plan_year is not None:
        return plan_year
    opening = _PARAGRAPH_DATED.search(text)
    if opening:
        return int(opening.group(1))
    cut_off = _FIGURES_CUT_OFF.search(text)
    if cut_off:
        year, month = int(cut_off.group(1)), int(cut_off.group(2))
        filed = _DATELINE.search(text)
        return year + 1 if filed and int(filed.group(1)) < month else year
    return None


def _plan_year_stated(text: str) -> Optional[int]:
    """今年是“十四五”开局之年 -> 2021: this year named by its place in a five-year plan."""
    pattern, offsets = _plan_year_pattern()
    match = pattern.search(text)
    if match is None:
        return None
    plan = small_number(match.group("plan"))
    assert plan is not None  # the pattern admits 十一..十九 only
    return _FIRST_PLAN_YEAR_BASE + 5 * plan + offsets[match.group("place")]


_FIRST_PLAN_YEAR_BASE = 1951  # the N-th five-year plan starts in 1951 + 5N


@lru_cache(maxsize=1)
def _plan_year_pattern() -> tuple[regex.Pattern, dict[str, int]]:
    offsets = load_json("dates/context.json")["plan_year_words"]
    pattern = regex.compile(
        r"今年(?:是|为)[“\"‘]?(?P<plan>十[一二三四五六七八九])五[”\"’]?(?:规划)?(?:时期)?的?(?P<place>%s)(?:之年|的一年|年)"
        % alternation(offsets)
    )
    return pattern, offsets


def _without_chrome(text: str) -> str:
    """``text`` with link lists and 《》 titles blanked out (offsets kept)."""
    pieces = list(text)
    for start, end in link_list_ranges(text):
        pieces[start:end] = " " * (end - start)
    for match in _BOOK_TITLE.finditer(text):
        pieces[match.start():match.end()] = " " * (match.end() - match.start())
    return "".join(pieces)


# ---------------------------------------------------------------- page chrome

# A related-links entry: a headline ending with its date in brackets, or a
# bulleted headline ending with a bare date. Such dates belong to other
# articles, so they are neither records nor a source of the year.
_LINK_LINE = regex.compile(
    r"(?m)^[ \t]{0,8}(?:[-•·*▪◆●■>》][ \t]{0,3})?[^\n]{2,200}?"
    r"[(（\[【][ \t]{0,2}(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?[ \t]{0,2}[)）\]】][ \t]{0,4}$"
    r"|(?m)^[ \t]{0,8}[-•·*▪◆●■][ \t]{0,3}[^\n]{2,200}?[ \t](?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[ \t]{0,4}$"
)


# A list page without bullets: headlines, each ending with a bare date, on
# consecutive lines (two or more).
_DATED_LINE = regex.compile(
    r"(?m)^[^\n]{4,200}?[ \t](?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[ \t]{0,4}$"
)


def link_list_ranges(text: str) -> list[tuple[int, int]]:
    """Clean-text ranges of related-links lines (headline + date); header lines are kept."""
    labels = _header_labels()
    ranges = [(match.start(), match.end()) for match in _LINK_LINE.finditer(text)]
    dated = [(match.start(), match.end()) for match in _DATED_LINE.finditer(text)]
    for index, (start, end) in enumerate(dated):
        next_to_another = (index + 1 < len(dated) and dated[index + 1][0] == end + 1) or (
            index > 0 and dated[index - 1][1] + 1 == start)
        if next_to_another:
            ranges.append((start, end))
    return sorted(
        (start, end)
        for start, end in set(ranges)
        if not any(label in text[start:end] for label in labels) and not _is_table_row(text[start:end])
    )


def _is_table_row(line: str) -> bool:
    """序号|编号|名称|发布日期|实施日期: a row of three or more tab-parted cells holds its own dates."""
    return line.count("\t") >= _TABLE_ROW_TABS


_TABLE_ROW_TABS = 2


@lru_cache(maxsize=None)
def _header_labels() -> tuple[str, ...]:
    return tuple(load_json("dates/context.json")["header_labels"])


# ---------------------------------------------------------------- parsing


def parse_expressions(text: str) -> list[Expression]:
    """Calendar expressions of ``text`` as written, in order, before resolution."""
    view = simplified_view(text)
    atoms = scan_atoms(view)
    expressions: list[Expression] = []
    for run in _runs(view, atoms):
        if len(run) == 1 and run[0].kind in _NEVER_ALONE:
            continue
        expressions.extend(_RunParser(view, run).parse())
    return expressions


# Atoms that are no date on their own: a two-digit year needs a month (18年10月),
# the rest only qualify a date next to them.
_NEVER_ALONE = frozenset({"year2", "conn", "enum", "tod", "clock", "clockcn", "edge", "mpart", "weekday"})


def _runs(text: str, atoms: list[Atom]) -> list[list[Atom]]:
    """Atoms grouped into maximal sequences of touching atoms."""
    runs: list[list[Atom]] = []
    current: list[Atom] = []
    for atom in atoms:
        if current and atom.start != current[-1].end and not adjacent(text, current[-1].end, atom.start) \
                and not _around_weekday(text, current[-1], atom):
            runs.append(current)
            current = []
        current.append(atom)
    if current:
        runs.append(current)
    return runs


def _around_weekday(text: str, left: Atom, right: Atom) -> bool:
    """（星期三）: a bracket parts the weekday from the day before it and the time after it, not the run."""
    gap = text[left.end : right.start].strip()
    if right.kind == "weekday":
        return gap in _WEEKDAY_OPENINGS and _bracket_gap(text, left.end, right.start)
    if left.kind == "weekday":
        return gap in _WEEKDAY_CLOSINGS and _bracket_gap(text, left.end, right.start)
    return False


_POINT_STARTERS = frozenset(
    {"iso", "dmy", "ym", "mdc", "mdot", "yspan", "year2", "year4", "relyear",
     "month", "relmonth", "mspan", "day", "relday", "quarter", "leading", "ypart", "holiday", "lunar", "weekrel", "this_month"}
)


class _RunParser:
    """Joins one run of touching atoms into points and ranges."""

    def __init__(self, text: str, atoms: list[Atom]) -> None:
        self.text = text
        self.atoms = atoms

    def kind(self, index: int) -> Optional[str]:
        return self.atoms[index].kind if index < len(self.atoms) else None

    def parse(self) -> list[Expression]:
        found: list[Expression] = []
        index = 0
        previous: Optional[Point] = None
        while index < len(self.atoms):
            atom = self.atoms[index]
            if atom.kind == "enum" and previous is not None and self.kind(index + 1) in ("day", "dspan"):
                # 7月18日、19日: the second day shares the first one's month
                parsed, after = self.point(index + 1, inherit=previous)
            elif atom.kind in _POINT_STARTERS:
                parsed, after = self.expression(index)
            else:
                parsed, after = None, index + 1
            if parsed is None:
                index = max(after, index + 1)
                previous = None if atom.kind != "enum" else previous
                continue
            found.append(parsed)
            previous = parsed.last if isinstance(parsed, Range) else parsed
            index = after
        return found

    # -- expressions

    def expression(self, index: int) -> Parsed:
        first, after = self.point(index)
        if first is None:
            return None, after
        if isinstance(first, Range):
            return first, after
        closes = self.kind(after + 1) in _POINT_STARTERS or (first.week is not None and self.kind(after + 1) == "weekday")
        if self.kind(after) == "conn" and closes:
            last, tail_end = self.point(after + 1, inherit=first)
            if isinstance(last, Point) and _compatible(first, last):
                return Range(first.start, last.end, first, last), tail_end
        return first, after

    def point(self, index: int, inherit: Optional[Point] = None) -> Parsed:
        atom = self.atoms[index]
        handler = _HANDLERS.get(atom.kind)
        if handler is None:
            return None, index + 1
        return handler(self, index, atom, inherit)

    # -- complete numeric forms

    def _start_iso(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        point = Point(atom.start, atom.end, year=int(atom.group("iso_y")),
                      month=int(atom.group("iso_m")), day=int(atom.group("iso_d")))
        if atom.group("iso_clock") and not _set_clock(point, clock_from_colon(atom.group("iso_clock"))):
            return None, index + 1
        return self.day_tail(index + 1, point)

    def _start_dmy(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        first, second = int(atom.group("dmy_a")), int(atom.group("dmy_b"))
        if second <= 12:
            day, month = first, second
        elif first <= 12:
            month, day = first, second
        else:
            return None, index + 1
        point = Point(atom.start, atom.end, year=int(atom.group("dmy_y")), month=month, day=day)
        if atom.group("dmy_clock") and not _set_clock(point, clock_from_colon(atom.group("dmy_clock"))):
            return None, index + 1
        return self.day_tail(index + 1, point)

    def _start_ym(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        return Point(atom.start, atom.end, year=int(atom.group("ym_y")), month=int(atom.group("ym_m"))), index + 1

    def _start_mdc(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        point = Point(atom.start, atom.end, month=int(atom.group("mdc_m")), day=int(atom.group("mdc_d")))
        if not _set_clock(point, clock_from_colon(atom.group("mdc_clock"))):
            return None, index + 1
        _inherit_year(point, inherit)
        return point, index + 1

    def _start_mdot(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        if atom.start > 0 and self.text[atom.start - 1] in OPENING_QUOTES:
            # “5·20世界计量日”, “3·15”: a quoted day's name (a campaign), no date of its own, nor the day word in it
            named = self.kind(index + 1) == "holiday" and self.atoms[index + 1].start == atom.end
            return None, index + (2 if named else 1)
        point = Point(atom.start, atom.end, month=int(atom.group("md_m")), day=int(atom.group("md_d")))
        _inherit_year(point, inherit)
        return point, index + 1

    def _start_yspan(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        first, last = int(atom.group("ys_a")), int(atom.group("ys_b"))
        if last <= first:
            return None, index + 1
        return Range(atom.start, atom.end, Point(atom.start, atom.end, year=first),
                     Point(atom.start, atom.end, year=last)), index + 1

    # -- years

    def _start_year4(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        year = digit_string_number(atom.group("y4"))
        if year is None or not 1000 <= year <= 2099:
            return None, index + 1
        return self.after_year(index + 1, Point(atom.start, atom.end, year=year))

    def _start_year2(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        digits = digit_string_number(atom.group("y2"))
        if digits is None:
            return None, index + 1
        point = Point(atom.start, atom.end, two_digit_year=digits)
        if self.kind(index + 1) not in ("month", "mspan", "ypart", "quarter", "leading"):
            return None, index + 1
        return self.after_year(index + 1, point)

    def _start_relyear(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        word = relative_words()[atom.text]
        point = Point(atom.start, atom.end, year_offset=word.offset, standalone=word.alone,
                      year_from_text=word.anaphoric)
        return self.after_year(index + 1, point)

    def _point_after_year(self, index: int, year: Point) -> Parsed:
        """The date that follows a year (2025年|2月20日), given that year and its start."""
        parsed, after = self.point(index, inherit=None)
        if isinstance(parsed, Point):
            _carry_year(year, parsed)
            parsed.start = year.start
            parsed.standalone = True
        return parsed, after

    def after_year(self, index: int, point: Point) -> Parsed:
        kind = self.kind(index)
        if kind in ("month", "relmonth"):
            parsed, after = self._point_after_year(index, point)
            if isinstance(parsed, Point):
                return parsed, after
            if isinstance(parsed, Range):
                _carry_year_to_range(point, parsed)
                return parsed, after
            return (point if point.two_digit_year is None else None), index
        if kind == "mspan":
            parsed, after = self._start_mspan(index, self.atoms[index], None)
            if parsed is not None:
                _carry_year_to_range(point, parsed)
            return parsed, after
        if kind in ("ypart", "quarter", "leading", "edge"):
            months = self._year_part(self.atoms[index])
            if months is not None:
                point.month_range = months
                point.end = self.atoms[index].end
                point.standalone = True
                return point, index + 1
        if kind in ("holiday", "lunar", "mdot"):
            parsed, after = self._point_after_year(index, point)
            if isinstance(parsed, Point):
                return parsed, after
        if point.two_digit_year is not None:
            return None, index
        return point, index

    def _year_part(self, atom: Atom) -> Optional[tuple[int, int]]:
        data = periods()
        if atom.kind == "ypart":
            first, last = data["year_parts"][atom.text]
            return first, last
        if atom.kind == "edge":
            first, last = data["year_edges"][atom.text]
            return first, last
        if atom.kind in ("quarter", "leading"):
            return atom.values["months"]
        return None

    def _start_ypart(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        months = self._year_part(atom)
        if months is None:
            return None, index + 1
        return Point(atom.start, atom.end, month_range=months), index + 1

    _start_quarter = _start_ypart
    _start_leading = _start_ypart

    # -- months

    def _start_month(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        written = atom.group("mo")
        month = 1 if written == "元" else small_number(written)
        if month is None or not 1 <= month <= 12:
            return None, index + 1
        point = Point(atom.start, atom.end, month=month)
        _inherit_year(point, inherit)
        if atom.group("mo_day"):
            day = small_number(atom.group("mo_day"))
            if day is None or not 1 <= day <= 31:
                return None, index + 1
            point.day = day
            return self.day_tail(index + 1, point)
        return self.after_month(index + 1, point, standalone_check=inherit is None)

    def _start_relmonth(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        word = relative_words()[atom.text]
        point = Point(atom.start, atom.end, month_offset=word.offset, standalone=word.alone)
        return self.after_month(index + 1, point, standalone_check=False)

    def _start_this_month(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        # the atom is only made before an edge (要在月底前), which makes it a time as 本月底 is
        return self.after_month(index + 1, Point(atom.start, atom.end, month_offset=0), standalone_check=False)

    def after_month(self, index: int, point: Point, standalone_check: bool) -> Parsed:
        kind = self.kind(index)
        if kind == "day":
            atom = self.atoms[index]
            day = small_number(atom.group("da"))
            if day is None or not 1 <= day <= 31:
                return None, index + 1
            point.day = day
            point.end = atom.end
            point.standalone = True
            return self.day_tail(index + 1, point)
        if kind == "dspan":
            atom = self.atoms[index]
            first_day, last_day = small_number(atom.group("ds_a")), small_number(atom.group("ds_b"))
            if first_day is None or last_day is None or not 1 <= first_day < last_day <= 31:
                return None, index + 1
            first = replace(point, day=first_day, end=atom.start)
            last = replace(point, start=atom.start, day=last_day, end=atom.end)
            last.standalone = first.standalone = True
            return Range(point.start, atom.end, first, last), index + 1
        if kind == "mpart":
            atom = self.atoms[index]
            point.day_range = tuple(periods()["month_parts"][atom.text])
            point.end = atom.end
            point.standalone = True
            return point, index + 1
        if kind == "edge":
            point.end = self.atoms[index].end
            point.standalone = True  # 本月底: the end of a month is a time, as 年底 is
            index += 1
        if standalone_check and point.year is None and not point.year_inherited:
            before = self.text[point.start - 1] if point.start else ""
            if before and before in periods()["bare_month_not_after"]:
                return None, index
        return point, index

    def _start_mspan(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        first_month, last_month = small_number(atom.group("ms_a")), small_number(atom.group("ms_b"))
        if first_month is None or last_month is None or not (1 <= first_month < last_month <= 12):
            return None, index + 1
        first = Point(atom.start, atom.start + 1, month=first_month)
        last = Point(atom.start + 1, atom.end, month=last_month)
        _inherit_year(first, inherit)
        _inherit_year(last, inherit)
        return Range(atom.start, atom.end, first, last), index + 1

    # -- days

    def _start_day(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        day = small_number(atom.group("da"))
        if day is None or not 1 <= day <= 31:
            return None, index + 1
        point = Point(atom.start, atom.end, day=day)
        if inherit is not None and (inherit.month is not None or inherit.month_offset is not None):
            _inherit_year(point, inherit)
            point.month = inherit.month
            point.month_offset = inherit.month_offset
            point.day_in_anchor_month = inherit.day_in_anchor_month
            return self.day_tail(index + 1, point)
        if not self._bare_day_allowed(index, atom):
            return None, index + 1
        point.day_in_anchor_month = True
        return self.day_tail(index + 1, point)

    def _bare_day_allowed(self, index: int, atom: Atom) -> bool:
        """A day without its month (``20日上午``) is a date only in a dateline-like context."""
        if atom.group("da_u") != "日":
            return False
        next_kind = self.kind(index + 1)
        followed_by_time = next_kind in ("tod", "clock", "clockcn") and adjacent(
            self.text, atom.end, self.atoms[index + 1].start)
        if not atom.group("da").isdigit() and not followed_by_time:
            return False
        data = periods()
        before = self.text[atom.start - 1] if atom.start else ""
        if before and before in data["bare_day_not_after"]:
            return False
        after = self.text[atom.end] if atom.end < len(self.text) else ""
        return followed_by_time or not (after and after in data["bare_day_not_before"])

    def _start_dspan(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        if inherit is None or inherit.month is None and inherit.month_offset is None:
            return None, index + 1
        base = Point(atom.start, atom.end, month=inherit.month, month_offset=inherit.month_offset)
        _inherit_year(base, inherit)
        first_day, last_day = small_number(atom.group("ds_a")), small_number(atom.group("ds_b"))
        if first_day is None or last_day is None or not 1 <= first_day < last_day <= 31:
            return None, index + 1
        return Range(atom.start, atom.end, replace(base, day=first_day), replace(base, day=last_day)), index + 1

    def _start_relday(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        word = relative_words()[atom.text]
        point = Point(atom.start, atom.end, day_offset=word.offset, standalone=word.alone,
                      time_of_day=word.time_of_day, year_from_text=word.anaphoric)
        return self.day_tail(index + 1, point)

    def _start_weekrel(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        point = Point(atom.start, atom.end, week=atom.values["week"])
        return self.day_tail(index + 1, point)

    def _start_weekday(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        """周六 closing 上周五至周六: the weekday of the week the range opened in."""
        if inherit is None or inherit.week is None:
            return None, index + 1
        point = Point(atom.start, atom.end, week=(inherit.week[0], atom.values["week"][1]))
        return self.day_tail(index + 1, point)

    def _start_holiday(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        name = atom.text
        data = holidays()
        spec = data["fixed"].get(name) or data["lunar"].get(name) or data["lunar_days"].get(name) \
            or data["needs_suffix"].get(name) or data["nth_weekday"].get(name)
        if spec is None:
            return None, index + 1
        point = Point(atom.start, atom.end, holiday=True)
        if isinstance(spec, list):
            point.month, point.floating = spec[0], (spec[1], spec[2])
        elif regex.fullmatch(r"\d\d-\d\d", spec):
            point.month, point.day = int(spec[:2]), int(spec[3:])
        elif regex.fullmatch(r"L\d\d-\d\d", spec):
            point.lunar_day = (int(spec[1:3]), int(spec[4:]))  # 壮族三月三: 农历三月初三
        else:
            point.lunar_festival = spec
        _inherit_year(point, inherit)
        return self.day_tail(index + 1, point)

    def _start_lunar(self, index: int, atom: Atom, inherit: Optional[Point]) -> Parsed:
        """农历正月初六: a day of the lunar calendar, placed like a lunar festival."""
        point = Point(atom.start, atom.end, holiday=True, lunar_day=atom.values["lunar_day"])
        _inherit_year(point, inherit)
        return self.day_tail(index + 1, point)

    def day_tail(self, index: int, point: Point) -> Parsed:
        """A part of the day and a clock time after a day: ``下午``, ``15:30``, ``9时30分``."""
        index = self._past_weekday(index, point)
        if self.kind(index) == "tod" and adjacent(self.text, point.end, self.atoms[index].start):
            atom = self.atoms[index]
            point.time_of_day = atom.text
            point.end = atom.end
            index += 1
            point.standalone = True  # 今天上午: a part of one day is that day, as a clock time is
        if self.kind(index) in ("clock", "clockcn") and adjacent(self.text, point.end, self.atoms[index].start):
            atom = self.atoms[index]
            if _set_clock(point, clock_from_atom(atom)):
                point.end = atom.end
                index += 1
                point.standalone = True
        return point, index

    def _past_weekday(self, index: int, point: Point) -> int:
        """2023年9月6日(星期三)上午10时: the weekday a header writes between the day and its time is part of
        the date; the span takes it only when a part of the day or a clock time follows it."""
        if self.kind(index) != "weekday" or self.kind(index + 1) not in ("tod", "clock", "clockcn"):
            return index
        weekday, after = self.atoms[index], self.atoms[index + 1]
        if not _weekday_between(self.text, point.end, weekday, after.start):
            return index
        point.end = after.start if self.text[weekday.end : after.start].strip() else weekday.end
        return index + 1


def _weekday_between(text: str, day_end: int, weekday: Atom, next_start: int) -> bool:
    """The weekday touches the day and the time, bare or in one pair of brackets (（周三）)."""
    opening = text[day_end : weekday.start].strip()
    closing = text[weekday.end : next_start].strip()
    if not opening and not closing:
        return adjacent(text, day_end, weekday.start) and adjacent(text, weekday.end, next_start)
    return (opening, closing) in _WEEKDAY_BRACKETS and _bracket_gap(text, day_end, weekday.start) and _bracket_gap(
        text, weekday.end, next_start
    )


def _bracket_gap(text: str, left_end: int, right_start: int) -> bool:
    """At most one bracket and a space either side of it between two atoms."""
    gap = text[left_end:right_start]
    return len(gap.strip()) <= 1 and len(gap) <= 3


# The brackets a header puts round a weekday: 2023年9月6日(星期三)上午10时.
_WEEKDAY_BRACKETS = frozenset({("(", ")"), ("（", "）"), ("[", "]"), ("【", "】")})
_WEEKDAY_OPENINGS = frozenset(opening for opening, _ in _WEEKDAY_BRACKETS)
_WEEKDAY_CLOSINGS = frozenset(closing for _, closing in _WEEKDAY_BRACKETS)


_HANDLERS = {
    name[len("_start_"):]: function for name, function in vars(_RunParser).items() if name.startswith("_start_")
}


def _set_clock(point: Point, clock: Optional[tuple[int, int, Optional[int]]]) -> bool:
    if clock is None:
        return False
    hour, minute, second = clock
    point.hour = apply_day_part(hour, point.time_of_day) if point.time_of_day else hour
    point.minute, point.second = minute, second
    return True


def _carry_year_to_range(year: Point, span: Range) -> None:
    """Both ends of a range written after a year take that year; the range starts at it."""
    _carry_year(year, span.first)
    _carry_year(year, span.last)
    span.start = span.first.start = year.start


def _carry_year(source: Point, target: Point) -> None:
    target.year = source.year
    target.two_digit_year = source.two_digit_year
    target.year_offset = source.year_offset
    target.year_from_text = source.year_from_text


def _inherit_year(point: Point, inherit: Optional[Point]) -> None:
    """A range's second end or an enumerated day takes the year of the first."""
    if inherit is None:
        return
    if inherit.year is None and inherit.two_digit_year is None and inherit.year_offset is None:
        return
    _carry_year(inherit, point)
    point.year_inherited = True


def _compatible(first: Point, last: Point) -> bool:
    """Whether ``last`` can close a range opened by ``first``: parts of a
    month never do, parts of a year only pair with each other."""
    if last.day_range or first.day_range:
        return False
    if first.month_range or last.month_range:
        return first.month_range is not None and last.month_range is not None
    return True


# ---------------------------------------------------------------- resolution


def _mention(text: str, expression: Expression, anchor: Anchor,
             tense: Optional[str] = None) -> Optional[DateMention]:
    if isinstance(expression, Range):
        resolved = _resolve_range(expression, anchor, tense)
        time_of_day = expression.first.time_of_day
    else:
        if not expression.standalone:
            return None
        resolved = _resolve_point(expression, anchor, tense=tense)
        time_of_day = expression.time_of_day
    if resolved is None:
        return None
    return DateMention(
        text=text[expression.start:expression.end],
        value=resolved.value,
        granularity=resolved.granularity,
        time_of_day=_normal_day_part(time_of_day),
        year_inferred=resolved.year_inferred,
    )


def _normal_day_part(word: Optional[str]) -> Optional[str]:
    """One-character parts of the day (晚, 早) are given in their usual two-character form."""
    if word is None:
        return None
    return _SINGLE_DAY_PARTS.get(word, word)


_SINGLE_DAY_PARTS = {"早": "早上", "晨": "早上", "午": "中午", "晚": "晚上", "夜": "晚上"}


def _resolve_range(expression: Range, anchor: Anchor, tense: Optional[str] = None) -> Optional[Resolved]:
    first = _resolve_point(expression.first, anchor, tense=tense)
    last = _resolve_point(expression.last, anchor, after=first)
    if first is None or last is None:
        return None
    if first.year_less != last.year_less:
        return None
    if last.sort_key < first.sort_key and not first.year_less:
        return None
    granularity = max(first.granularity, last.granularity, key=_GRANULARITY_ORDER.__getitem__)
    return Resolved(first.value + "/" + last.value, granularity,
                    first.year_inferred or last.year_inferred, first.sort_key, first.year_less)


def _resolve_point(point: Point, anchor: Anchor, after: Optional[Resolved] = None,
                   tense: Optional[str] = None) -> Optional[Resolved]:
    if point.day_offset is not None:
        return _resolve_relative_day(point, anchor)
    if point.week is not None:
        return _resolve_weekday(point, anchor)
    year, inferred = _resolve_year(point, anchor)
    if year is _FAIL:
        return None
    month = point.month
    if point.month_offset is not None:
        if anchor.year is None or anchor.month is None or anchor.from_text:
            return None
        total = anchor.year * 12 + anchor.month - 1 + point.month_offset
        year, month, inferred = total // 12, total % 12 + 1, True
    day = point.day
    if point.day_in_anchor_month:
        if anchor.month is None or anchor.from_text:
            return None
        year, month, inferred = anchor.year, anchor.month, anchor.year is not None
        if anchor.day is not None and day - anchor.day > DAYS_AHEAD_LIMIT \
                or day > days_in_month(year or 2000, month):
            year, month = (year, month - 1) if month > 1 else (year - 1 if year else None, 12)
    elif _year_left_out(point) and year is not None and month is not None and not point.month_range:
        year = _year_by_tense(year, month, day, anchor, tense)
    if after is not None and _takes_year_of_first(point):
        year = None if after.year_less else after.sort_key[0]
        if year is not None and month is not None and (month, day or 0) < _month_day(after):
            year += 1  # 12月28日至1月3日 runs into the next year
    if point.holiday and after is None and _year_left_out(point) and anchor.date is not None and not anchor.from_text:
        other_year = _holiday_of_another_year(point, anchor.date, tense)
        if other_year is not None:
            return _format(point, *other_year, inferred)
    if point.lunar_festival is not None or point.lunar_day is not None or point.floating is not None:
        # 春节, 母亲节, 农历正月初六: a day that moves from year to year
        holiday = _holiday_in(point, year) if year is not None else None
        if holiday is None:
            return None
        month, day = holiday.month, holiday.day
    return _format(point, year, month, day, inferred)


def _year_left_out(point: Point) -> bool:
    """A day written without any year of its own (2月20日, 春节), to be placed by the publication date."""
    return point.year_inherited is False and point.year is None and point.two_digit_year is None \
        and point.year_offset is None and point.month_offset is None


# A holiday of the year of publication stands unless it is half a year away and that of the year before or
# after is within weeks (元旦 on a page of 28 December).
_HOLIDAY_SAME_YEAR_DAYS = 150
_HOLIDAY_OTHER_YEAR_DAYS = 75


def _holiday_in(point: Point, year: int) -> Optional[_dt.date]:
    """The day of a holiday in ``year``: from the lunar table, as the Nth weekday of its month, or fixed."""
    if point.lunar_festival is not None:
        found = lunar_festivals().get((year, point.lunar_festival))
        return None if found is None else _dt.date(year, *found)
    if point.lunar_day is not None:
        return lunar_day_in(year, *point.lunar_day)
    if point.month is None:
        return None
    if point.floating is not None:
        return _dt.date(year, point.month, nth_weekday(year, point.month, *point.floating))
    return _dt.date(year, point.month, point.day or 1)


def _holiday_of_another_year(point: Point, published: _dt.date, tense: Optional[str]) -> Optional[tuple[int, int, int]]:
    """The holiday of the year before or after, when a holiday named without a year is that one: 元旦 and 春节
    on a page of late December are those of the coming year. A tense (将于, 以来) rules out the other side.
    None keeps the year of publication."""
    same_year = _holiday_in(point, published.year)
    if same_year is not None and abs((same_year - published).days) <= _HOLIDAY_SAME_YEAR_DAYS:
        return None  # the year of publication, as for any day written without a year
    candidates = []
    for year in (published.year - 1, published.year + 1):
        day = _holiday_in(point, year)
        if day is None or (tense == "past" and day > published) or (tense == "future" and day < published):
            continue
        if abs((day - published).days) <= _HOLIDAY_OTHER_YEAR_DAYS:
            candidates.append((abs((day - published).days), day))
    if not candidates:
        return None
    day = min(candidates)[1]
    return day.year, day.month, day.day


def _takes_year_of_first(point: Point) -> bool:
    """The second end of a range without a year of its own shares the first end's."""
    if point.year_inherited:
        return True
    return point.year is None and point.two_digit_year is None and point.year_offset is None \
        and point.month_offset is None and point.day_offset is None and point.week is None


_FAIL = object()


def _resolve_year(point: Point, anchor: Anchor):
    """(year or None, inferred) for a point, or (_FAIL, _) when it cannot be resolved."""
    if point.year is not None:
        return point.year, False
    if point.two_digit_year is not None:
        return full_year(point.two_digit_year, anchor.year), False
    if point.year_offset is not None:
        if anchor.year is None:
            return _FAIL, True
        return anchor.year + point.year_offset, not point.year_from_text
    if anchor.year is None:
        if point.lunar_festival is not None or point.lunar_day is not None or point.floating is not None:
            return _FAIL, False
        return None, False
    return anchor.year, True


def _year_by_tense(year: int, month: int, day: Optional[int], anchor: Anchor, tense: Optional[str]) -> int:
    """The year of a month-day written without one, next to a publication date."""
    if anchor.from_text or anchor.month is None:
        return year
    if tense == "future":
        return year + 1 if anchor.month - month > MONTHS_AHEAD_LIMIT else year
    if tense == "past":
        later = (month, day or 0) > (anchor.month, anchor.day or 31)
        return year - 1 if later else year
    if month - anchor.month > MONTHS_AHEAD_LIMIT:
        return year - 1
    return year


def _month_day(resolved: Resolved) -> tuple[int, int]:
    key = resolved.sort_key
    return key[1], key[2]


def _resolve_relative_day(point: Point, anchor: Anchor) -> Optional[Resolved]:
    if anchor.from_text:
        return None
    if point.year_from_text and anchor.year is None and anchor.month is not None and anchor.day is not None:
        # 11月5日 … 次日 on a page with no year: count in a common year, keep the result year-less
        target = _dt.date(_COMMON_YEAR, anchor.month, anchor.day) + _dt.timedelta(days=point.day_offset or 0)
        return _format(point, None, target.month, target.day, False)
    base = anchor.date
    if base is None:
        return None
    target = base + _dt.timedelta(days=point.day_offset or 0)
    return _format(point, target.year, target.month, target.day, not point.year_from_text)


_COMMON_YEAR = 2001  # a year that is not a leap year


def _resolve_weekday(point: Point, anchor: Anchor) -> Optional[Resolved]:
    """上周五: the Friday of the week before the publication date's (weeks start on Monday)."""
    base = anchor.date
    if base is None or anchor.from_text or point.week is None:
        return None
    week_offset, weekday = point.week
    target = base + _dt.timedelta(days=7 * week_offset + weekday - base.weekday())
    return _format(point, target.year, target.month, target.day, True)


def _format(point: Point, year: Optional[int], month: Optional[int], day: Optional[int],
            inferred: bool) -> Optional[Resolved]:
    if year is not None and not 1000 <= year <= 2999:
        return None
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    prefix = f"{year:04d}" if year is not None else "-"
    if point.month_range is not None:
        # on a page that gives no year anywhere, 年底前 stays year-less (--12), as 6月底前 does
        first, last = point.month_range
        value = f"{prefix}-{first:02d}" if first == last else f"{prefix}-{first:02d}/{prefix}-{last:02d}"
        return Resolved(value, "month", inferred, (year or 0, first, 0, -1, -1, -1), year is None)
    if month is None:
        if year is None:
            return None
        return Resolved(prefix, "year", inferred, (year, 0, 0, -1, -1, -1), False)
    if day is None:
        if point.day_range is not None:
            return _format_day_range(point, year, month, inferred)
        return Resolved(f"{prefix}-{month:02d}", "month", inferred, (year or 0, month, 0, -1, -1, -1), year is None)
    day, month, year, inferred = _valid_day(day, month, year, inferred)
    if day is None:
        return None
    prefix = f"{year:04d}" if year is not None else "-"
    value = f"{prefix}-{month:02d}-{day:02d}"
    if point.hour is None:
        return Resolved(value, "day", inferred, (year or 0, month, day, -1, -1, -1), year is None)
    hour, minute = point.hour, point.minute or 0
    if hour == 24:
        if year is None:
            return None
        moved = _dt.date(year, month, day) + _dt.timedelta(days=1)
        value, hour = f"{moved.year:04d}-{moved.month:02d}-{moved.day:02d}", 0
    value += f"T{hour:02d}:{minute:02d}"
    granularity = "minute"
    if point.second is not None:
        value += f":{point.second:02d}"
        granularity = "second"
    return Resolved(value, granularity, inferred, (year or 0, month, day, hour, minute, point.second or 0),
                    year is None)


def _valid_day(day: int, month: int, year: Optional[int], inferred: bool):
    """Check the day exists; an inferred year moves back to one where it does (2月29日)."""
    if year is None:
        return (day, month, year, inferred) if day <= (29 if month == 2 else days_in_month(2001, month)) \
            else (None, month, year, inferred)
    if day <= days_in_month(year, month):
        return day, month, year, inferred
    if inferred and month == 2 and day == 29:
        for earlier in range(year - 1, year - 8, -1):
            if days_in_month(earlier, 2) == 29:
                return day, month, earlier, inferred
    return None, month, year, inferred


def _format_day_range(point: Point, year: Optional[int], month: int, inferred: bool) -> Resolved:
    first, last = point.day_range
    last_day = days_in_month(year or 2001, month) if last == 0 else last
    prefix = f"{year:04d}" if year is not None else "-"
    value = f"{prefix}-{month:02d}-{first:02d}/{prefix}-{month:02d}-{last_day:02d}"
    return Resolved(value, "day", inferred, (year or 0, month, first, -1, -1, -1), year is None)


# ---------------------------------------------------------------- standalone digits

_BARE_DIGITS = regex.compile(
    r"^\s*(?:(?P<year>(?:19|20)\d{2})(?:(?P<m1>0[1-9]|1[0-2])(?P<d1>3[01]|[12]\d|0[1-9])"
    r"|\s+(?P<m2>1[0-2]|0?[1-9])\s+(?P<d2>3[01]|[12]\d|0?[1-9]))"
    r"|(?P<m3>1[0-2]|0[1-9])-(?P<d3>3[01]|[12]\d|0[1-9]))\s*$"
)


def _parse_bare_digits(text: str, anchor: Anchor) -> Optional[DateMention]:
    """A whole string of digits: 20240307, 2022 11 23, or a month-day such as 09-01."""
    match = _BARE_DIGITS.match(text)
    if not match:
        return None
    month = int(match.group("m1") or match.group("m2") or match.group("m3"))
    day = int(match.group("d1") or match.group("d2") or match.group("d3"))
    point = Point(match.start(), match.end(), month=month, day=day)
    if match.group("year"):
        point.year = int(match.group("year"))
    resolved = _resolve_point(point, anchor)
    if resolved is None:
        return None
    written = text.strip()
    start = text.index(written)
    return DateMention(text=written, value=resolved.value, granularity=resolved.granularity,
                       year_inferred=resolved.year_inferred, span=Span(start, start + len(written), written))
