"""Where the text names an event as happening: the constructions.

* ``召开/举行/举办 X`` and ``X在Y召开``, ``X(于…)召开`` (convened),
* ``出席/参加 X`` (attended), ``在(出席)X上`` (at),
* visits: ``到/赴Y调研``, ``在Y考察``, ``(现场)考察了X``, ``陪同考察``, ``会见``.

A mention keeps the name as written, minus dates, time words, a venue
phrase, the subject of 召开 and descriptions ending in 的 (以“X”为主题的).
Mentions of cited, future or summarised events are dropped here; see
:func:`_is_reported`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Optional

import regex

from qextract.match.context import MatchContext
from qextract.match.dates import REPEATED_DATES, parse_date
from qextract.match.intervals import Intervals
from qextract.match.meeting_lexicon import (
    ARRIVAL,
    ATTENDING_VERB,
    AT_EVENT,
    CLAUSE_PUNCT,
    CONNECTIVE_OPENING,
    CONVENING_VERB,
    COUNT_HEAD,
    COUNT_TAIL,
    DAY_EXPRESSION,
    ENDS_WITH_EVENT,
    FUTURE_CUE,
    GENERIC_NAME,
    LEADING_FILLER,
    LINK_LINE,
    MAIN_VENUE,
    MEET,
    MODAL_BEFORE_VERB,
    NEVER_IN_NAME,
    PLACE_COUNT_TAIL,
    PLACE_LIST_JOINERS,
    PLACE_CUT,
    PLACE_DETERMINER,
    PREFIX_MARKER,
    REFERENCE_CUE,
    REFERENCE_TAIL,
    RIGHT_NAME,
    SEGMENT_BREAK,
    SENTENCE_PUNCT,
    SPEECH_BEFORE,
    SPIRIT_AFTER,
    SUMMARY_CUE,
    TITLE_BRACKETS,
    TOUR_OBJECT,
    TRAILING_FILLER,
    VENUE_BEFORE,
    VISIT_ACCOMPANIED,
    PLACE_BEFORE_VISIT,
    VISIT_AT,
    VISIT_CARRIED,
    VISIT_DONE,
    VISIT_LED,
    VISIT_ON_SITE,
    VISIT_TO,
    VISIT_TO_LIST,
    EventWord,
    event_word_at_end,
    words,
)

_LOOKBACK = 80
_CUE_WINDOW = 20
_REFERENCE_WINDOW = 6
_VENUE_STOP = frozenset(words("venue_stopwords"))
_VENUE_SCOPE = tuple(words("venue_scope_prefixes"))
_VERB_ADVERBS = regex.compile("|".join(sorted(words("verb_adverbs"), key=len, reverse=True)))
_FINE_DATE = regex.compile(r"[月日号]")


@dataclass
class Mention:
    """One place where the text names an event."""

    name: str
    kind: Optional[str]
    weight: str  # event, weak, session or generic (a bare 会议)
    start: int  # the name's span
    end: int
    anchor: int  # where the verb is: the event's date is the one nearest before it
    construction: str  # convened (召开X, X在Y召开), attended (出席X) or at (在X上)
    location: Optional[str] = None
    opening: int = -1  # where the construction starts (在 of 在X上), when it matters


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    text: str
    value: str
    time_of_day: Optional[str]


@dataclass(frozen=True)
class Surroundings:
    """What the constructions need besides the text: dates and skipped ranges."""

    dates: list[DateSpan]  # every date the dates stage found, by start
    blocked: list[tuple[int, int]]  # 《》 titles, link lists, masked runs: sorted, disjoint
    titles: frozenset[tuple[int, int]] = frozenset()  # the 《》 titles among them

    @cached_property
    def _date_ranges(self) -> Intervals:
        return Intervals((date.start, date.end) for date in self.dates)

    def touches_date(self, start: int, end: int) -> bool:
        return self._date_ranges.overlaps(start, end)

    def dates_starting_at(self, start: int) -> list[DateSpan]:
        return self._dates_by_edge[0].get(start, [])

    def dates_ending_at(self, end: int) -> list[DateSpan]:
        return self._dates_by_edge[1].get(end, [])

    @cached_property
    def _dates_by_edge(self) -> tuple[dict[int, list[DateSpan]], dict[int, list[DateSpan]]]:
        """The dates by start and by end, in order: looking one up must not scan them all."""
        by_start: dict[int, list[DateSpan]] = {}
        by_end: dict[int, list[DateSpan]] = {}
        for date in self.dates:
            by_start.setdefault(date.start, []).append(date)
            by_end.setdefault(date.end, []).append(date)
        return by_start, by_end

    def is_blocked(self, start: int, end: int) -> bool:
        # the last range opening before ``end``; the ranges are disjoint, so no earlier one reaches further
        index = bisect_right(self.blocked, (end,)) - 1
        return index >= 0 and self.blocked[index][1] > start

    def blocks_name(self, start: int, end: int) -> bool:
        """True when a skipped range cuts into the name or holds it. A name may hold a whole
        《》 title before its event word (《电梯安全管理条例》宣贯会): an event about a document."""
        index = bisect_right(self.blocked, (end,)) - 1
        while index >= 0 and self.blocked[index][1] > start:
            blocked = self.blocked[index]
            if not (blocked in self.titles and start <= blocked[0] and blocked[1] < end):
                return True
            index -= 1
        return False


def surroundings(ctx: MatchContext) -> Surroundings:
    spans = []
    for date in list(ctx.found.get("dates", ()) or ()) + list(ctx.found.get(REPEATED_DATES, ()) or ()):
        span = getattr(date, "span", None)
        if span is not None:
            spans.append(DateSpan(span.start, span.end, span.text, date.value or "", date.time_of_day))
    spans.extend(_unclaimed_days(ctx, spans))
    spans.sort(key=lambda date: date.start)
    titles = [match.span() for match in TITLE_BRACKETS.finditer(ctx.text)]
    blocked = titles + _link_lines(ctx.text) + list(ctx.masked)
    return Surroundings(spans, _disjoint(blocked), frozenset(titles))


def _disjoint(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _unclaimed_days(ctx: MatchContext, claimed: list[DateSpan]) -> list[DateSpan]:
    """Day expressions the dates stage left out because it keeps one record per value.

    A lead's ``6月5日`` after a header ``2024-06-05`` is such a repeat; it takes
    the value of the record it repeats, so the year agrees with the dates stage.
    """
    found = []
    claimed_ranges = Intervals((date.start, date.end) for date in claimed)
    claimed_days = _DaysClaimed(claimed)
    for match in DAY_EXPRESSION.finditer(ctx.text):
        start, end = match.span()
        if claimed_ranges.overlaps(start, end) or ctx.is_masked(start, end):
            continue
        value, time_of_day = _unclaimed_value(match.group(), ctx.publish_date, claimed_days)
        if value is None:
            continue
        found.append(DateSpan(start, end, match.group(), value, time_of_day))
    return found


def _unclaimed_value(
    piece: str, publish_date: Optional[str], claimed: "_DaysClaimed"
) -> tuple[Optional[str], Optional[str]]:
    """The value of a day expression the dates stage did not record, and its part of day."""
    bare = parse_date(piece)  # no year: --06-05, or None for a day alone (8日)
    if bare is not None and bare.value:
        value = claimed.value_of(bare.value)
        if value is not None:
            return value, bare.time_of_day
    resolved = parse_date(piece, publish_date) if publish_date else bare
    if resolved is None or not resolved.value:
        return None, None
    return resolved.value, resolved.time_of_day


class _DaysClaimed:
    """The value of an earlier record for the same month and day (--06-05 → 2024-06-05).

    Indexed by the tail a year-less value has to match, so that a page with
    thousands of dates does not compare each with all of the others.
    """

    def __init__(self, claimed: list[DateSpan]) -> None:
        self._days = [date.value.split("T", 1)[0] for date in claimed if "/" not in date.value]
        self._by_tail: dict[int, dict[str, str]] = {}

    def value_of(self, value: str) -> Optional[str]:
        if not value.startswith("--"):
            return value
        tail = value[1:]
        return self._tails(len(tail)).get(tail)

    def _tails(self, length: int) -> dict[str, str]:
        if length not in self._by_tail:
            first: dict[str, str] = {}
            for day in self._days:
                if len(day) >= length:
                    first.setdefault(day[len(day) - length :], day)
            self._by_tail[length] = first
        return self._by_tail[length]


def _link_lines(text: str) -> list[tuple[int, int]]:
    found = []
    position = 0
    for line in text.split("\n"):
        if LINK_LINE.match(line):
            found.append((position, position + len(line)))
        position += len(line) + 1
    return found


# -- named events -------------------------------------------------------------


def event_mentions(ctx: MatchContext, around: Surroundings) -> list[Mention]:
    text = ctx.text
    found: list[Mention] = []
    for match in CONVENING_VERB.finditer(text):
        mention = _convened(text, match, around)
        if mention is not None:
            found.append(mention)
    for match in ATTENDING_VERB.finditer(text):
        mention = _attended(text, match, around)
        if mention is not None:
            found.append(mention)
    for match in AT_EVENT.finditer(text):
        mention = _at_event(text, match, around)
        if mention is not None:
            found.append(mention)
    return _first_of_overlapping(found, around)


def _first_of_overlapping(found: list[Mention], around: Surroundings) -> list[Mention]:
    found.sort(key=lambda mention: (mention.start, -(mention.end - mention.start)))
    kept: list[Mention] = []
    for mention in found:
        if around.blocks_name(mention.start, mention.end):
            continue
        if kept and mention.start < kept[-1].end:
            _merge_overlap(kept[-1], mention)
            continue
        kept.append(mention)
    return kept


def _merge_overlap(kept: Mention, other: Mention) -> None:
    if kept.location is None and other.location is not None:
        kept.location = other.location
    kept.anchor = min(kept.anchor, other.anchor)


def _convened(text: str, verb: regex.Match, around: Surroundings) -> Optional[Mention]:
    if text.startswith("的", verb.end()):
        return None  # 随后召开的座谈会: the verb describes a name read elsewhere (在…上)
    venue = VENUE_BEFORE.search(text, max(0, verb.start() - 30), verb.start())
    location = _venue(venue.group("place"), venue.start("place"), around) if venue else None
    right = RIGHT_NAME.match(text, verb.end())
    if right is not None:
        name_start, name_end = _trim_name(text, right.start("name"), right.end("name"), around)
        if name_start < name_end and _is_reported(text, verb.start(), name_start, name_end, left=False):
            return _named(text, name_start, name_end, verb.start(), "convened", location)
        return None
    head = venue.start() if venue else _before_adverbs(text, verb.start())
    span = _left_name(text, head, around)
    if span is None or not _is_reported(text, verb.start(), span[0], span[1], left=True):
        return None
    return _named(text, span[0], span[1], verb.start(), "convened", location)


def _attended(text: str, verb: regex.Match, around: Surroundings) -> Optional[Mention]:
    right = RIGHT_NAME.match(text, verb.end())
    if right is None:
        return None
    name_start, name_end = _trim_name(text, right.start("name"), right.end("name"), around)
    if name_start >= name_end or not _is_reported(text, verb.start(), name_start, name_end, left=False):
        return None
    return _named(text, name_start, name_end, verb.start(), "attended", None)


def _at_event(text: str, match: regex.Match, around: Surroundings) -> Optional[Mention]:
    name_start, name_end = _trim_name(text, match.start("name"), match.end("name"), around)
    if name_start >= name_end or not _is_reported(text, match.start(), name_start, name_end, left=False):
        return None
    construction = "attended" if match.group("attend") else "at"
    mention = _named(text, name_start, name_end, match.end("name"), construction, None)
    if mention is not None:
        mention.opening = match.start()
    return mention


def _named(
    text: str, start: int, end: int, anchor: int, construction: str, location: Optional[str]
) -> Optional[Mention]:
    name = text[start:end]
    word = event_word_at_end(name)
    if word is None or NEVER_IN_NAME.search(name):
        return None
    weight = _weight(name, word)
    if weight == "session":
        return _session(text, start, end, anchor, construction, location, word)
    if weight == "weak" and not _weak_event_holds(construction):
        return None
    return Mention(name, word.kind, weight, start, end, anchor, construction, location)


def _weight(name: str, word: EventWord) -> str:
    if GENERIC_NAME.match(name):
        return "generic"
    if word.weight == "weak" and "暨" in name:
        head = name.split("暨", 1)[0]
        strong = event_word_at_end(head)
        if strong is not None and strong.weight == "event":
            return "event"
    return word.weight


def _weak_event_holds(construction: str) -> bool:
    """活动 is an event when attended, not when held or run as a campaign (举办…活动)."""
    return construction in ("at", "attended")


def _session(
    text: str, start: int, end: int, anchor: int, construction: str, location: Optional[str], word: EventWord
) -> Optional[Mention]:
    """X开幕式 is the event X; a bare 开幕式 refers to the event under way."""
    parent_end = end - len(word.suffix)
    parent = event_word_at_end(text[start:parent_end])
    if parent is None:
        return Mention(text[start:end], word.kind, "generic", start, end, anchor, construction, location)
    return _named(text, start, parent_end, anchor, construction, location)


def _venue(place: str, start: int, around: Surroundings) -> Optional[str]:
    place = place.strip()
    if not place or place in _VENUE_STOP or place.startswith(_VENUE_SCOPE):
        return None
    if around.touches_date(start, start + len(place)):
        return None  # 在3月5日召开: a time, not a place
    return _without_place_count(place)


def _without_place_count(place: str) -> str:
    """大庆、齐齐哈尔两市 -> 大庆、齐齐哈尔: the count that closes a list of places."""
    if not any(joiner in place for joiner in PLACE_LIST_JOINERS):
        return place
    return PLACE_COUNT_TAIL.sub("", place)



def _before_adverbs(text: str, position: int) -> int:
    window_start = max(0, position - 6)
    for match in _VERB_ADVERBS.finditer(text, window_start, position):
        if match.end() == position:
            return _before_adverbs(text, match.start())
    return position


def _left_name(text: str, end: int, around: Surroundings) -> Optional[tuple[int, int]]:
    """The name ending before ``end`` (X在Y召开, X于…召开), if that segment ends with an event word."""
    end = _strip_trailing(text, end, around)
    start = _segment_start(text, end)
    if end - start < 2 or not ENDS_WITH_EVENT.search(text, start, end):
        return None
    start, end = _trim_name(text, start, end, around)
    return (start, end) if start < end else None


def _segment_start(text: str, end: int) -> int:
    start = max(0, end - _LOOKBACK)
    last_break = None
    for match in SEGMENT_BREAK.finditer(text, start, end):
        last_break = match.end()
    return last_break if last_break is not None else start


def _strip_trailing(text: str, end: int, around: Surroundings) -> int:
    """Drop what may stand between a name and its verb: dates, 于, time words, adverbs."""
    while True:
        previous = end
        date = _date_ending_at(end, around)
        if date is not None:
            end = date
        filler = TRAILING_FILLER.search(text, max(0, end - 16), end)
        if filler is not None and filler.start() < end:
            end = filler.start()
        if end == previous:
            return end


def _date_ending_at(end: int, around: Surroundings) -> Optional[int]:
    dates = around.dates_ending_at(end)
    return dates[0].start if dates else None


def _trim_name(text: str, start: int, end: int, around: Surroundings) -> tuple[int, int]:
    """Drop leading 了/time words, day dates and 以…为主题的-style descriptions."""
    while True:
        previous = start
        filler = LEADING_FILLER.match(text, start, end)
        if filler is not None:
            start = filler.end()
        start = _skip_fine_date(start, around)
        marker_end = None
        for marker in PREFIX_MARKER.finditer(text, start, end):
            marker_end = marker.end()
        if marker_end is not None:
            start = marker_end
        if start == previous:
            break
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _skip_fine_date(start: int, around: Surroundings) -> int:
    """A date with a month or day opening a name is the event's date, not its name (a year may be)."""
    for date in around.dates_starting_at(start):
        if _FINE_DATE.search(date.text):
            return date.end
    return start


# -- cues: cited, future or summarised events ---------------------------------


def clause_start(text: str, position: int) -> int:
    """Where the clause of ``position`` opens; a clause opened by 并/同时 runs on from the one before."""
    start = max(0, position - _LOOKBACK)
    index = position - 1
    while index >= start:
        if text[index] in CLAUSE_PUNCT:
            if text[index] not in ",，" or not CONNECTIVE_OPENING.match(text, index + 1):
                return index + 1
        index -= 1
    return start


def _sentence_start(text: str, position: int) -> int:
    start = max(0, position - 2 * _LOOKBACK)
    for index in range(position - 1, start - 1, -1):
        if text[index] in SENTENCE_PUNCT:
            return index + 1
    return start


def _is_reported(text: str, verb_start: int, name_start: int, name_end: int, *, left: bool) -> bool:
    """False for a cited (…会议精神), future (将于…召开) or summarised (先后召开…3次) event."""
    first = min(verb_start, name_start)
    window_start = max(clause_start(text, first), first - _CUE_WINDOW)
    window = text[window_start:verb_start]
    if left:
        # X在Y成功举办 reports an event; 成功举办X lists an achievement.
        window = _VERB_ADVERBS.sub("", text[name_end:verb_start]) + text[window_start:name_start]
    if FUTURE_CUE.search(window) or SUMMARY_CUE.search(window):
        return False
    if MODAL_BEFORE_VERB.search(text, max(0, verb_start - 8), verb_start):
        return False
    before_name = text[max(clause_start(text, name_start), name_start - _REFERENCE_WINDOW) : name_start]
    if REFERENCE_CUE.search(before_name):
        return False
    if REFERENCE_TAIL.match(text, name_end) or COUNT_TAIL.match(text, name_end):
        return False
    if COUNT_HEAD.match(text, name_start):
        return False  # 召开了3次现场推进会: a tally of past events
    if SPEECH_BEFORE.search(text, _sentence_start(text, first), first):
        return False  # 会议指出,…召开了…: an event inside reported speech
    if SPIRIT_AFTER.match(text, name_end):
        return False  # 在X会议上的讲话精神
    return True


# -- visits -------------------------------------------------------------------


@dataclass
class VisitClause:
    """The visit verbs of one sentence and the place or object they name."""

    verbs: list[tuple[str, str, int, int]]  # adverb, verb, start, end
    place: Optional[str] = None
    place_is_object: bool = False


def visit_clause(text: str, start: int, end: int, around: Surroundings) -> Optional[VisitClause]:
    """Visit verbs in ``text[start:end]`` (one sentence), grouped as one visit."""
    clause: Optional[VisitClause] = None
    patterns = (
        (VISIT_TO, "to"),
        (VISIT_TO_LIST, "to"),
        (VISIT_AT, "at"),
        (VISIT_DONE, "object"),
        (VISIT_ON_SITE, "object"),
        (VISIT_LED, "none"),
        (VISIT_CARRIED, "none"),
        (VISIT_ACCOMPANIED, "none"),
    )
    for pattern, kind in patterns:
        for match in pattern.finditer(text, start, end):
            if around.is_blocked(match.start(), match.end()):
                continue
            if clause is None:
                clause = VisitClause([])
            adverb = match.groupdict().get("adv") or ""
            clause.verbs.append((adverb, match.group("verb"), match.start("verb"), match.end("verb")))
            if clause.place is None:
                _set_place(clause, match, kind, around)
    if clause is not None:
        clause.verbs.sort(key=lambda verb: verb[2])
        if clause.place is None:
            _place_in_earlier_clause(clause, text, start, around)
        if clause.place is None or clause.place_is_object:
            _arrival_place(clause, text, start, end, around)
        else:
            # 赴玉溪市调研…,先后来到A和B: the sites the sentence goes on to name lie inside the place
            _arrival_place(clause, text, clause.verbs[-1][3], end, around)
    return clause


def _place_in_earlier_clause(clause: VisitClause, text: str, start: int, around: Surroundings) -> None:
    """来常州,就…开展调研: the place of a visit named in a clause before its verb."""
    match = PLACE_BEFORE_VISIT.search(text, start, clause.verbs[0][2])
    if match is not None and not around.is_blocked(match.start(), match.end()):
        clause.place = _venue(_without_sites(match.group("place")), match.start("place"), around)


def _arrival_place(clause: VisitClause, text: str, start: int, end: int, around: Surroundings) -> None:
    """先后来到A、B: where the visit went, better than the object of a verb."""
    place = tour_place(text, start, end, around)
    if place:
        clause.place, clause.place_is_object = place, True


def _set_place(clause: VisitClause, match: regex.Match, kind: str, around: Surroundings) -> None:
    if kind in ("to", "at"):
        place = match.group("place")
        cut = PLACE_CUT.search(place, 1)
        if cut is not None:
            place = place[: cut.start()]
        clause.place = _venue(place, match.start("place"), around)
    elif kind == "object" and match.group("verb") in _PLACE_VERBS:
        place = _object_place(match.group("object"))
        if place:
            clause.place, clause.place_is_object = place, True


_PLACE_VERBS = frozenset(words("place_taking_verbs"))
_OBJECT_END = regex.compile(r"(?:等[\p{Han}]{0,4}|的[\p{Han}]{0,8}|[,，\s]+)$")


def _object_place(obj: str) -> str:
    obj = _without_sites(PLACE_DETERMINER.sub("", obj.strip()))
    trimmed = _OBJECT_END.sub("", obj)
    return trimmed or obj


def _without_sites(places: str) -> str:
    """宏道、河边、受禄等6个乡镇的农资市场: after a list of places, 的 opens the kind of site visited in them."""
    listed = places.rfind("、")
    site = places.find("的", listed) if listed != -1 else -1
    return places[:site] if site > listed + 1 else places


def main_venue(text: str, start: int, end: int, around: Surroundings) -> Optional[str]:
    """会议在武汉设主会场 / 主会场设在省局: the venue of a video conference, not of its branches."""
    match = MAIN_VENUE.search(text, start, end)
    if match is None or around.is_blocked(match.start(), match.end()):
        return None
    return _venue(match.group("place"), match.start("place"), around)


def tour_place(text: str, start: int, end: int, around: Surroundings) -> Optional[str]:
    """先后来到A、B / 先后检查了A、B和C: where a visit under way went, told in a sentence of its own.

    The sentence need not name the visitors (督导组一行先后来到…) nor use a
    verb that opens a visit; the caller knows a visit is under way.
    """
    for pattern in (ARRIVAL, TOUR_OBJECT):
        match = pattern.search(text, start, end)
        if match is not None and not around.is_blocked(match.start(), match.end()):
            place = _object_place(match.group("place"))
            if place:
                return place
    return None


def meet_verbs(text: str, start: int, end: int, around: Surroundings) -> list[regex.Match]:
    return [match for match in MEET.finditer(text, start, end) if not around.is_blocked(match.start(), match.end())]
