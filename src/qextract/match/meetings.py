"""Meetings: the events an article reports as happening, with date, place and people.

The text is read sentence by sentence, in order:

1. Named events (:mod:`meeting_mentions`): ``X在Y召开``, ``召开X``, ``出席X``,
   ``在X上``. Mentions whose names agree (one contains the other once
   jurisdiction and year words are set aside) are one event; a bare
   ``会议``/``会上`` refers to the event under way.
2. Visits and meetings with people in sentences that name no event:
   ``到Y调研``, ``现场考察了X``, ``会见了A、B``. During another event, a visit
   is its own record only when it goes somewhere other than the venue; a
   visit article's later 座谈会 belongs to the visit.
3. Role verbs (:mod:`meeting_people`) in each sentence go to the event named
   in it, else to the event under way: 主持 → chairs, 讲话/指出/强调/作…汇报 →
   speakers, 出席/参加/陪同 → attendees; everyone who chaired or spoke
   attended.

An event's date is the day date nearest before its verb in the sentence of
its first dated mention; a visit ``会议期间`` takes the event's day, a stay
``在无锡期间`` gives a place and no day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Optional

import regex

from qextract.entities.lexicon import lexicon
from qextract.match.context import MatchContext
from qextract.match.meeting_cards import TURN_ROLE_LABELS, EventCard, find_cards, turn_labels
from qextract.match.meeting_lexicon import (
    ANY_VISIT_WORD,
    ATTENDANCE_LIST,
    DAY_VALUE,
    ELIDED_SUBJECT,
    JURISDICTION_PREFIX,
    EVENT_FRAME,
    FOLLOW_ON_CUE,
    FUTURE_CUE,
    GROUP_SUBJECT,
    PUBLIC_VISIT,
    LED_CLAUSE_END,
    LEX,
    MEET_VENUE,
    NAME_NOISE,
    PLACE_FRAME,
    SELF_PLACE,
    SUMMARY_CUE,
    TIME_OF_DAY_AFTER,
    TIME_OF_DAY_ALIASES,
    VISIT_CARRIED,
    event_word_at_end,
    words,
)
from qextract.match.meeting_mentions import (
    DateSpan,
    Mention,
    Surroundings,
    VisitClause,
    clause_start,
    event_mentions,
    main_venue,
    meet_verbs,
    surroundings,
    tour_place,
    visit_clause,
)
from qextract.match.meeting_people import Person, Role, find_people, people_between, role_verbs, roles_in
from qextract.records import Meeting
from qextract.segment.sentences import Sentence, sentence_end

_VISIT_PRIORITY = words("visit_name_priority")
_TOUR_ADVERBS = frozenset(words("tour_adverbs"))
_PARTS_OF_VISIT = frozenset(words("visit_part_kinds"))
_VISIT_KIND: dict[str, str] = dict(LEX["visit_kinds"])
_MIN_CONTAINED_NAME = 4
_CARD_VALUE_STRIP = " \t\u3000。;；,，"
_SPEECH_DATELINE_REACH = int(LEX["speech_dateline_reach"])
_SPEECH_TITLE_ROLES: dict[str, str] = dict(LEX["speech_title_nouns"])
# 在X上的讲话 / 在X上讲话: the speech noun right after the event's name
_SPEECH_TITLE = regex.compile(r"上的?(?P<noun>\L<nouns>)", nouns=sorted(_SPEECH_TITLE_ROLES, key=len, reverse=True))
# (记者 X)3月18日 / 本报讯 3月18日: what may stand before the day that opens a lead.
_BRACKETED = regex.compile(r"[(（【\[][^()（）【】\[\]\n]{0,40}[)）】\]]")
_MAX_DATELINE_OPENING = 6
# what may follow the speech noun on its line: (摘要), (全文), (2008年1月24日)
_TITLE_LINE_END = regex.compile(r"[ \t\u3000]*(?:%s)?[ \t\u3000]*(?:\n|$)" % _BRACKETED.pattern)
_MAX_NAME_LINE = 40
# 邀请40余名市民代表走进质量、长度、温度等6个实验室参观: how far before a visit verb the public is looked for
_PUBLIC_VISIT_REACH = 40
# 镇长黄立新陪同检查: a host who escorts a visit (his post may come between), not one who leads a visit of its own
_ESCORT = regex.compile(r"\p{Han}{0,4}?(?:\L<escort>)", escort=words("escort_verbs"))
_SENTENCE_MARKS = regex.compile(r"[,，。;；!！?？]")
_DATELINE_BRACKETS = " \t\u3000()（）[]【】"
# 专项督查, 节前安全大检查: a carried visit named by more than its verb.
_MIN_CAMPAIGN_NAME = 4
_TIME_WORDS = regex.compile("|".join(sorted(words("time_words"), key=len, reverse=True)))


@dataclass
class _Event:
    name: str
    kind: Optional[str]
    is_visit: bool
    start: int
    end: int
    mentions: list[Mention] = field(default_factory=list)
    location: Optional[str] = None
    location_from_body: bool = False
    # the public visiting on an open day: it owns what its sentences tell, but it is no official's event
    outreach: bool = False
    date: Optional[str] = None
    time_of_day: Optional[str] = None
    chairs: list[Person] = field(default_factory=list)
    speakers: list[Person] = field(default_factory=list)
    attendees: list[Person] = field(default_factory=list)
    # the names already in each role's list: an event with thousands of people stays linear
    _names: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)

    def add_people(self, role: str, people: tuple[Person, ...] | list[Person]) -> None:
        target = {"chair": self.chairs, "speaker": self.speakers}.get(role)
        for person in people:
            if target is not None:
                self._add_once(role, target, person)
            self._add_once("attendee", self.attendees, person)

    def _add_once(self, role: str, people: list[Person], person: Person) -> None:
        names = self._names.setdefault(role, {known.name for known in people})
        if person.name not in names:
            names.add(person.name)
            people.append(person)


@dataclass(frozen=True)
class _PlaceFrame:
    """在X期间: the sentences after it, to the end of the paragraph, happened in X."""

    start: int
    end: int
    place: str
    subject: Optional[str]


def find_meetings(ctx: MatchContext) -> list[Meeting]:
    """Every event the article reports as happening, one record per event."""
    reader = _Reader(ctx)
    reader.read()
    return reader.records()


class _Reader:
    def __init__(self, ctx: MatchContext) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.around: Surroundings = surroundings(ctx)
        self.verbs = role_verbs(ctx.text, 0, len(ctx.text))
        self.people: list[Person] = find_people(ctx, self.verbs)
        self.visit_words = [match.start() for match in ANY_VISIT_WORD.finditer(ctx.text)]
        self.mentions = event_mentions(ctx, self.around)
        self.frames = self._place_frames()
        self.events: list[_Event] = []
        self.current: Optional[_Event] = None
        self.last_actor: tuple[Person, ...] = ()
        # a visit told aside from the event under way (会前,X一行来到A考察): the event, and where the aside ends
        self.aside: Optional[tuple[Optional[_Event], int]] = None

    # -- reading --------------------------------------------------------------

    def read(self) -> None:
        sentences = self.ctx.sentences
        starts = [sentence.start for sentence in sentences]
        by_sentence: dict[int, list[Mention]] = {}
        for mention in self.mentions:
            index = bisect_right(starts, mention.start) - 1
            by_sentence.setdefault(max(index, 0), []).append(mention)
        for index, sentence in enumerate(sentences):
            if self.around.is_blocked(sentence.start, sentence.start + 1):
                continue
            self._read_sentence(sentence, by_sentence.get(index, []))
        self._read_cards()
        self._read_speech_title()

    def _read_sentence(self, sentence: Sentence, mentions: list[Mention]) -> None:
        if self.aside is not None and sentence.start >= self.aside[1]:
            self.current, self.aside = self.aside[0], None
        owner = None
        for mention in mentions:
            event = self._place_mention(mention, sentence)
            owner = owner or event
        actor: tuple[Person, ...] = ()
        if owner is None and self._has_visit_word(sentence):
            owner, actor = self._meeting_with_people(sentence)
            if owner is None:
                owner, actor = self._visit(sentence)
        if owner is None:
            self._place_tour(sentence)
        roles = roles_in(self.text, sentence.start, sentence.end, self.people, self.verbs)
        target = owner or self.current
        if target is not None and not target.is_visit and target.location is None:
            target.location = main_venue(self.text, sentence.start, sentence.end, self.around)
        if target is not None:
            for role in roles:
                target.add_people(role.role, role.subject)
            target.add_people("attendee", self._listed_after_opener(sentence))
        self._remember_actor(roles, actor)

    def _listed_after_opener(self, sentence: Sentence) -> list[Person]:
        """出席会议的还有A、B: the persons after the opener attended."""
        opener = ATTENDANCE_LIST.search(self.text, sentence.start, sentence.end)
        return self._people_in(opener.end(), sentence.end) if opener else []

    def _has_visit_word(self, sentence: Sentence) -> bool:
        index = bisect_left(self.visit_words, sentence.start)
        return index < len(self.visit_words) and self.visit_words[index] < sentence.end

    def _remember_actor(self, roles: list[Role], actor: tuple[Person, ...]) -> None:
        if actor:
            self.last_actor = actor
        elif roles:
            self.last_actor = roles[0].subject

    # -- named events ---------------------------------------------------------

    def _place_mention(self, mention: Mention, sentence: Sentence) -> Optional[_Event]:
        if mention.weight == "generic":
            if self.current is not None:
                if mention.construction == "convened":  # 在Y召开新闻发布会: the lead of a headline's event
                    self._add_details(self.current, mention, sentence)
                return self.current
            if mention.construction not in ("convened", "attended") or self._date_of(mention, sentence) is None:
                return None  # a bare 会议 with no day and nothing under way: nothing to report
        event = self._same_event(mention.name)
        if event is None:
            if self.current is not None and _is_tour(self.current) and mention.kind in _PARTS_OF_VISIT:
                if not self._dated_apart(mention, sentence, self.current):
                    return self.current  # the 座谈会 of a visit is part of the visit
            if self.current is not None and mention.construction == "at" and not self._dated_inside(mention):
                return None  # 在X上 with no day of its own, while another event is reported: only cited
            event = _Event(mention.name, _kind_of(mention), False, mention.start, mention.end)
            self.events.append(event)
        self._add_mention(event, mention, sentence)
        if self.current is None or mention.construction in ("convened", "attended"):
            if self.current is None and self._told_in_passing(event, sentence):
                self.aside = (None, _paragraph_end(self.text, sentence.end))
            self.current = event
        return event

    def _told_in_passing(self, event: _Event, sentence: Sentence) -> bool:
        """3月18日,逢磐安镇集…  / 今年2月中旬,磐安镇召开动员会…: an event held before the day the body's lead
        reports, which no event opened, is told in passing; it owns its paragraph, not the story after it."""
        if event.date is None or sentence.start < self.ctx.body_start:
            return False
        lead = next((found for found in self.ctx.sentences if found.start >= self.ctx.body_start), None)
        if lead is None or lead.start == sentence.start:
            return False
        lead_day = self._date_before(lead.start, lead.end)
        if lead_day is None or len(_BRACKETED.sub("", self.text[lead.start : lead_day.start])) > _MAX_DATELINE_OPENING:
            return False  # the lead must open with its day (a credit or 本报讯 before it), not name a later one
        day = _day(lead_day.value)
        return day is not None and _outside_days(event.date, day) and event.date < day

    def _dated_apart(self, mention: Mention, sentence: Sentence, visit: _Event) -> bool:
        """2月5日,区局召开部署会 after a visit of 2月8日: a meeting on a day of its own, outside the visit's days."""
        if visit.date is None:
            return False
        date = self._date_of(mention, sentence)
        return date is not None and _outside_days(_day(date.value), visit.date)

    def _dated_inside(self, mention: Mention) -> bool:
        """在今年5月27日X上: the construction carries the past event's own day."""
        dates = self.around.dates  # sorted by start: only those opening inside the mention are read
        index = bisect_left(dates, mention.opening, key=lambda date: date.start)
        while index < len(dates) and dates[index].start < mention.end:
            if dates[index].end <= mention.end and _day(dates[index].value):
                return True
            index += 1
        return False

    def _same_event(self, name: str) -> Optional[_Event]:
        for event in self.events:
            if not event.is_visit and _same_name(event.name, name):
                return event
        return None

    def _add_mention(self, event: _Event, mention: Mention, sentence: Sentence) -> None:
        event.mentions.append(mention)
        dated = self._add_details(event, mention, sentence)
        if dated and mention.start >= self.ctx.body_start:
            event.name, event.start, event.end = mention.name, mention.start, mention.end
        elif len(mention.name) > len(event.name) and event.start < self.ctx.body_start:
            event.name, event.start, event.end = mention.name, mention.start, mention.end

    def _add_details(self, event: _Event, mention: Mention, sentence: Sentence) -> bool:
        """Date and place from a mention; True when it gave the event its date.

        A place written in the body (在东西湖区服务中心召开) wins over one from
        the headline (在东西湖区召开), which is often shortened.
        """
        in_body = mention.start >= self.ctx.body_start
        if mention.location and (event.location is None or (in_body and not event.location_from_body)):
            event.location, event.location_from_body = mention.location, in_body
        if event.date is not None:
            return False
        date = self._date_of(mention, sentence)
        if date is None:
            followed = self._event_followed(event, mention, sentence) if in_body else None
            if followed is None:
                return False
            event.date = followed.date  # the same day; the part of the day is not told
            return True
        event.date, event.time_of_day = _day(date.value), self._time_of_day(date)
        return True

    def _event_followed(self, event: _Event, mention: Mention, sentence: Sentence) -> Optional[_Event]:
        """全省会议结束后,我县随即召开X: the dated event last reported before an event held right after it.

        The cue may open the sentence in a clause of its own (启动仪式结束后,市质监局召开X).
        """
        if mention.construction != "convened":
            return None
        if not FOLLOW_ON_CUE.search(self.text, min(sentence.start, mention.anchor), mention.anchor):
            return None
        # events are read in text order: every mention known so far was written before this one
        latest, followed = -1, None
        for other in self.events:
            if other is not event and other.date is not None and other.mentions:
                last_written = max(known.start for known in other.mentions)
                if last_written > latest:
                    latest, followed = last_written, other
        return followed

    # -- event cards ----------------------------------------------------------

    def _read_cards(self) -> None:
        """时间:/地点:/发布人:/主持人: lines and the turns after them (:mod:`meeting_cards`) fill in the event
        named before the card, the page's own event (a headline's 新闻发布会)."""
        cards = find_cards(self.text)  # from the top: the header stage may end past the card's 时间: line
        for number, card in enumerate(cards):
            event = self._event_before(card.start)
            if event is None:
                continue
            self._card_day(event, card)
            for line in card.values("place"):
                place = self.text[line.start : line.end].strip(_CARD_VALUE_STRIP)
                if event.location is None and place:
                    event.location = place
            chairs: list[Person] = []
            for role in ("chair", "speaker", "attendee"):
                for line in card.values(role):
                    people = self._people_in(line.start, line.end)
                    event.add_people(role, people)
                    if role == "chair":
                        chairs.extend(people)
            turns_end = cards[number + 1].start if number + 1 < len(cards) else len(self.text)
            for label_start, label_end in turn_labels(self.text, card.end, turns_end):
                people = self._people_in(label_start, label_end)
                if not people and self.text[label_start:label_end].strip() in TURN_ROLE_LABELS:
                    people = chairs
                event.add_people("speaker", people)

    def _event_before(self, position: int) -> Optional[_Event]:
        before = [event for event in self.events if not event.is_visit and event.start < position]
        return max(before, key=lambda event: event.start) if before else None

    def _card_day(self, event: _Event, card: EventCard) -> None:
        if event.date is not None:
            return
        for line in card.values("time"):
            for date in self.around.dates:
                if line.start <= date.start < line.end and _day(date.value):
                    event.date, event.time_of_day = _day(date.value), self._time_of_day(date)
                    return

    # -- a speech printed in full ---------------------------------------------

    def _read_speech_title(self) -> None:
        """韩振东局长在全省…会议上的讲话 heading the page: its giver spoke (or chaired, for a 主持词) at the event,
        and a date line under the title, ``(2008年1月24日)``, is the event's day."""
        for event in self.events:
            for mention in event.mentions:
                if mention.construction != "at" or not self._heads_page(mention.start):
                    continue
                noun = _SPEECH_TITLE.match(self.text, mention.end)
                if noun is None or not _TITLE_LINE_END.match(self.text, noun.end()):
                    continue  # 在X上的讲话引起热烈反响: a headline about the speech, not the speech itself
                line_start = self.text.rfind("\n", 0, mention.start) + 1
                opening = mention.opening if mention.opening >= 0 else mention.start
                lines_under = _lines_after(self.text, _paragraph_end(self.text, mention.end), _SPEECH_DATELINE_REACH)
                givers = self._people_in(line_start, opening) or self._name_line_person(lines_under)
                event.add_people(_SPEECH_TITLE_ROLES[noun.group("noun")], givers)
                if event.date is None:
                    self._date_from_dateline(event, lines_under)
                return

    def _heads_page(self, position: int) -> bool:
        """In the header, or on the body's first line."""
        if position < self.ctx.body_start:
            return True
        first_line_end = _paragraph_end(self.text, self.ctx.body_start)
        return not self.text[self.ctx.body_start : position].strip() or position < first_line_end

    def _name_line_person(self, lines: list[tuple[int, int]]) -> list[Person]:
        """吉林省质量技术监督局局长 韩振东: a short line of a post and a name, with no sentence in it."""
        for start, end in lines:
            line = self.text[start:end]
            if len(line.strip()) <= _MAX_NAME_LINE and not _SENTENCE_MARKS.search(line):
                people = self._people_in(start, end)
                if people:
                    return people[:1]
        return []

    def _date_from_dateline(self, event: _Event, lines: list[tuple[int, int]]) -> None:
        for start, end in lines:
            for date in self.around.dates:
                if start <= date.start and date.end <= end and _day(date.value):
                    if not self.text[start:end].replace(date.text, "", 1).strip(_DATELINE_BRACKETS):
                        event.date, event.time_of_day = _day(date.value), self._time_of_day(date)
                        return

    # -- 会见 and visits ------------------------------------------------------

    def _meeting_with_people(self, sentence: Sentence) -> tuple[Optional[_Event], tuple[Person, ...]]:
        for verb in meet_verbs(self.text, sentence.start, sentence.end, self.around):
            subject = self._subject_before(sentence, verb.start())
            guests = [person for person in self._people_in(verb.end(), sentence.end)]
            if not subject and not guests:
                continue
            if not self._reported_visit(verb.start()):
                continue
            location = self._frame_place(verb.start()) or self._venue_before(sentence, verb.start())
            event = self._visit_event(verb.group("verb"), "会见", location, sentence, verb.span("verb"), parent=None)
            event.add_people("attendee", list(subject) + guests)
            if self.current is None:
                self.current = event
            elif self._opens_paragraph(sentence) and self.current is not event:
                # 当天下午,X会见了Y一行。X表示…: the 会见's paragraph tells what was said there; the next goes back
                self.aside = (self.current, _paragraph_end(self.text, sentence.end))
                self.current = event
            return event, subject
        return None, ()

    def _venue_before(self, sentence: Sentence, verb_start: int) -> Optional[str]:
        """在省政府会见: the place right before the verb."""
        match = MEET_VENUE.search(self.text, max(sentence.start, verb_start - 20), verb_start)
        if match is None or self._people_in(match.start(), match.end()):
            return None
        return match.group("place")

    def _visit(self, sentence: Sentence) -> tuple[Optional[_Event], tuple[Person, ...]]:
        clause = visit_clause(self.text, sentence.start, sentence.end, self.around)
        if clause is None:
            return None, ()
        first_verb = clause.verbs[0][2]
        if not self._reported_visit(first_verb, sentence.start):
            return None, ()
        frame = EVENT_FRAME.search(self.text, sentence.start, first_verb)
        subject = self._subject_before(sentence, first_verb, after=frame.end() if frame else None)
        present = _unique(list(subject) + self._people_in(sentence.start, sentence.end))
        during_event = frame is not None and self.current is not None
        if during_event and self.current.date is not None:
            # 会前一天,即2月22日下午,X到Y调研: a frame word, but a day of its own outside the event's
            day = self._date_before(sentence.start, first_verb)
            during_event = day is None or not _outside_days(_day(day.value), self.current.date)
        campaign = None
        if not present and not during_event:
            campaign = self._dated_campaign(sentence)
            if campaign is None:
                return None, ()
        location = self._frame_place(first_verb) or clause.place
        current = self.current
        someone_else = (
            current is not None
            and current.date is not None  # a tour already told with its day, not a headline's still to be opened
            and clause.place is not None
            and not clause.place_is_object
            and _led_by_another(subject, current)
            and not _ESCORT.match(self.text, subject[-1].end)
            and _goes_elsewhere(clause, location, current)
        )
        another_day = (
            current is not None
            and current.date is not None
            and _goes_elsewhere(clause, location, current)
            and self._visit_dated_apart(sentence, first_verb, current)
        )
        if (
            current is not None
            and not someone_else
            and not another_day
            and (_is_tour(current) or not _goes_elsewhere(clause, location, current))
        ):
            current.add_people("attendee", present)  # part of the visit or of the event at its own venue
            if current.is_visit and sentence.start >= self.ctx.body_start:
                self._confirm_in_body(current, sentence, first_verb, location)
            return current, subject
        name, kind, span = _visit_name(clause)
        if campaign is not None:
            name, span = self.text[campaign[0] : campaign[1]], campaign
        event = self._visit_event(name, kind, location, sentence, span, parent=current if during_event else None)
        clause_reach = max(sentence.start, first_verb - _PUBLIC_VISIT_REACH)  # a window, so a long sentence stays linear
        if PUBLIC_VISIT.search(self.text, clause_reach, first_verb) and not self._people_in(sentence.start, first_verb):
            event.outreach = True  # 邀请市民代表走进实验室参观: an open day's visitors, whoever shows them round
        event.add_people("attendee", present)
        if self.current is None or self._opens_the_body(event, during_event) or self._story_moves_on(event, during_event) \
                or someone_else:
            self.current = event
        elif (during_event or self._opens_paragraph(sentence)) and self.current is not None and self.current is not event:
            # the rest of its paragraph tells the aside (在A,院长Y介绍…; 当天下午,X一行来到A调研。X要求…);
            # the next goes back to the event
            self.aside = (self.current, _paragraph_end(self.text, sentence.end))
            self.current = event
        return event, subject

    def _visit_dated_apart(self, sentence: Sentence, verb_start: int, current: _Event) -> bool:
        """3月23日,X一行考察了磨憨口岸 after a tour of 3月22日: a visit elsewhere on a day outside the
        tour's days is a record of its own, not a stop of the tour."""
        day = self._date_before(sentence.start, verb_start)
        return day is not None and current.date is not None and _outside_days(_day(day.value), current.date)

    def _opens_paragraph(self, sentence: Sentence) -> bool:
        """The sentence starts a paragraph of the body (not its first)."""
        return sentence.start > self.ctx.body_start and self.text[sentence.start - 1] == "\n"

    def _opens_the_body(self, visit: _Event, during_event: bool) -> bool:
        """A dated visit the body reports before the headline's event: the body follows the visit.

        省政协视察组来宁视察 我市召开推进会 over 11日至13日…视察 (…12日召开座谈会…)
        14日上午…召开推进会: until the body reports the headline's event itself, what
        it tells (the 座谈会, the speeches) belongs to the dated visit.
        """
        current = self.current
        return (
            not during_event
            and visit.date is not None
            and not self._still_to_come(visit)
            and current is not None
            and not current.is_visit
            and current.start < self.ctx.body_start
            and all(mention.start < self.ctx.body_start for mention in current.mentions)
        )

    def _story_moves_on(self, visit: _Event, during_event: bool) -> bool:
        """4月16日,X一行先后到A、B调研 after a meeting of 4月15日: a visit on a day of its own, outside the
        reported event's days; what the text tells next (who reported, who spoke) belongs to the visit."""
        current = self.current
        if during_event or current is None or current.date is None or visit.start < self.ctx.body_start:
            return False
        return _outside_days(visit.date, current.date)

    def _dated_campaign(self, sentence: Sentence) -> Optional[tuple[int, int]]:
        """1月20日至22日,X所联合Y开展节前安全大检查: a named inspection a body carried out on
        days the sentence gives, reported before the people who led it are named.

        (start, end) of its name (节前安全大检查), or None for a generic 开展检查.
        """
        match = VISIT_CARRIED.search(self.text, sentence.start, sentence.end)
        if match is None or match.end("verb") - match.end("carrier") < _MIN_CAMPAIGN_NAME:
            return None
        if self._date_before(sentence.start, match.start()) is None:
            return None
        return match.end("carrier"), match.end("verb")

    def _visit_event(
        self,
        name: str,
        kind: str,
        location: Optional[str],
        sentence: Sentence,
        span: tuple[int, int],
        parent: Optional[_Event],
    ) -> _Event:
        """The visit record for ``name`` at ``location``, new or seen before.

        ``span`` is where the visit is named; ``parent`` the event under way
        when the text says the visit happened during it (会议期间).
        """
        event = self._same_visit(name, location)
        if event is None:
            event = _Event(name, kind, True, span[0], span[1], location=location)
            # a stop of the visit (在西宁召开座谈会) does not move where the body says it went; 到我县调研
            # says only whose ground it is, and the sites named next do
            event.location_from_body = (
                location is not None and not SELF_PLACE.fullmatch(location) and span[0] >= self.ctx.body_start
            )
            self.events.append(event)
        if event.date is None:
            if not self._date_visit(event, sentence, span[0]) and parent is not None:
                event.date = parent.date  # the event's day; the part of the day is not known
        return event

    def _place_tour(self, sentence: Sentence) -> None:
        """督导组一行先后来到A、B: the places of the visit under way, from a sentence that reports no new event."""
        current = self.current
        if current is None or not _is_tour(current) or current.location_from_body or sentence.start < self.ctx.body_start:
            return
        place = tour_place(self.text, sentence.start, sentence.end, self.around)
        if place:
            current.location, current.location_from_body = place, True

    def _confirm_in_body(self, event: _Event, sentence: Sentence, verb_start: int, location: Optional[str]) -> None:
        """A visit named in the headline and reported again in the body takes the body's day and place.

        Once the body has placed the visit (来到新疆,就…进行调研), a meeting
        held at one of its stops (在乌鲁木齐召开座谈会) does not move it.
        """
        if event.date is None:
            self._date_visit(event, sentence, verb_start)
        if location and not event.location_from_body:
            event.location, event.location_from_body = location, not SELF_PLACE.fullmatch(location)

    def _date_visit(self, event: _Event, sentence: Sentence, verb_start: int) -> bool:
        """Date ``event`` by the last day written in ``sentence`` before its verb; True if one was."""
        date = self._date_before(sentence.start, verb_start)
        if date is None:
            return False
        event.date, event.time_of_day = _day(date.value), self._time_of_day(date)
        return True

    def _same_visit(self, name: str, location: Optional[str]) -> Optional[_Event]:
        for event in self.events:
            if event.is_visit and event.name == name and (event.location == location or not event.location or not location):
                event.location = event.location or location
                return event
        return None

    def _reported_visit(self, verb_start: int, sentence_start: Optional[int] = None) -> bool:
        """Not a plan (将到…调研) nor a tally of past visits (先后走访…).

        A leader's tour told step by step is reported, though 先后 also opens tallies: after a leading
        word (局长X带队,先后检查了A、B), or with the leader named earlier in its sentence
        (2月22日下午,X在Y陪同下,先后到A、B调研).
        """
        opening = clause_start(self.text, verb_start)
        window = self.text[opening:verb_start]
        if FUTURE_CUE.search(window):
            return False
        cues = list(SUMMARY_CUE.finditer(window))
        if not cues:
            return True
        if any(cue.group() not in _TOUR_ADVERBS for cue in cues):
            return False
        if _led_before(self.text, opening):
            return True
        if sentence_start is None or self._date_before(sentence_start, verb_start) is None:
            return False  # 今年以来,局长X先后到30余家企业调研: no day, a tally
        return bool(self._people_in(sentence_start, opening + cues[0].start()))

    def _subject_before(self, sentence: Sentence, verb_start: int, after: Optional[int] = None) -> tuple[Person, ...]:
        """The persons acting before ``verb_start``; the previous actor when the subject is left out."""
        opening = after if after is not None else sentence.start
        before = self._people_in(opening, verb_start)
        if before:
            return tuple(before)
        pre = self._without_dates(opening, verb_start)
        pre = PLACE_FRAME.sub("", pre)
        if GROUP_SUBJECT.search(pre) or not ELIDED_SUBJECT.match(pre):
            return ()
        return self.last_actor

    def _without_dates(self, start: int, end: int) -> str:
        pieces, position = [], start
        for date in self.around.dates:
            if date.start >= position and date.end <= end:
                pieces.append(self.text[position : date.start])
                position = date.end
        pieces.append(self.text[position:end])
        return _TIME_WORDS.sub("", "".join(pieces))

    def _people_in(self, start: int, end: int) -> list[Person]:
        return people_between(self.people, start, end)

    # -- places and dates -----------------------------------------------------

    def _place_frames(self) -> list[_PlaceFrame]:
        frames = []
        for match in PLACE_FRAME.finditer(self.text):
            place = match.group("place")
            if event_word_at_end(place) is not None or self.around.is_blocked(match.start(), match.end()):
                continue
            line_end = self.text.find("\n", match.end())
            end = len(self.text) if line_end == -1 else line_end
            stop = sentence_end(self.text, match.end())
            subject = next((p.name for p in self.people if match.end() <= p.start < stop), None)
            frames.append(_PlaceFrame(match.start(), end, place, subject))
        return frames

    def _frame_place(self, position: int) -> Optional[str]:
        for frame in self.frames:
            if frame.start <= position < frame.end:
                return frame.place
        return None

    def _date_of(self, mention: Mention, sentence: Sentence) -> Optional[DateSpan]:
        """The day in the mention's sentence, else earlier in its paragraph (4月1日,A…。B出席X)."""
        anchor = max(mention.anchor, mention.end if mention.construction == "at" else 0)
        date = self._date_before(sentence.start, anchor)
        if date is not None and mention.start <= date.start < mention.end:
            # 全市春节黄金周…工作会议: a holiday in the event's name is its topic, not its day
            date = self._date_before(sentence.start, mention.start)
        if date is None:
            paragraph_start = self.text.rfind("\n", 0, sentence.start) + 1
            date = self._date_before(paragraph_start, sentence.start)
        return date

    def _date_before(self, start: int, anchor: int) -> Optional[DateSpan]:
        """The last day date of ``text[start:anchor]``."""
        chosen = None
        for date in self.around.dates:
            if date.start >= anchor:
                break
            if date.start >= start and _day(date.value) is not None:
                chosen = date
        return chosen

    def _time_of_day(self, date: DateSpan) -> Optional[str]:
        if date.time_of_day:
            return TIME_OF_DAY_ALIASES.get(date.time_of_day, date.time_of_day)
        match = TIME_OF_DAY_AFTER.match(self.text, date.end) or TIME_OF_DAY_AFTER.search(date.text)
        if match is None:
            return None
        return TIME_OF_DAY_ALIASES.get(match.group("tod"), match.group("tod"))

    # -- records --------------------------------------------------------------

    def records(self) -> list[Meeting]:
        for event in self.events:
            if event.location is None:
                event.location = self._stay_place(event)
        events = [
            event for event in self.events if not _only_cited(event) and not self._still_to_come(event) and not event.outreach
        ]
        if not events:
            # 在X上 is the article's only event: it is the one reported when people act at it
            events = [event for event in self.events if event.attendees and not self._still_to_come(event) and not event.outreach]
        records = []
        for number, event in enumerate(sorted(events, key=lambda e: e.start), start=1):
            records.append(self._record(event, number))
        return records

    def _still_to_come(self, event: _Event) -> bool:
        """An event dated after the publication day is announced, not reported."""
        published = (self.ctx.publish_date or "")[:10]
        if not event.date or not DAY_VALUE.match(published) or event.date.startswith("-"):
            return False
        return event.date.split("/", 1)[0] > published

    def _stay_place(self, event: _Event) -> Optional[str]:
        """在无锡期间 after an event attended by the same person: the event was in 无锡."""
        names = {person.name for person in event.attendees}
        for frame in self.frames:
            if frame.subject is not None and frame.subject in names:
                return frame.place
        return None

    def _record(self, event: _Event, number: int) -> Meeting:
        return Meeting(
            name=event.name,
            kind=event.kind,
            date=event.date,
            time_of_day=event.time_of_day,
            location=event.location,
            chairs=[person.name for person in event.chairs],
            speakers=[person.name for person in event.speakers],
            attendees=[person.name for person in event.attendees],
            id=f"meeting-{number}",
            chair_ids=_ids(event.chairs),
            speaker_ids=_ids(event.speakers),
            attendee_ids=_ids(event.attendees),
            span=self.ctx.span(event.start, event.end),
        )


def _paragraph_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end == -1 else end


def _lines_after(text: str, position: int, count: int) -> list[tuple[int, int]]:
    """The spans of the next ``count`` non-blank lines after the line break at ``position``."""
    lines: list[tuple[int, int]] = []
    while len(lines) < count and position < len(text):
        start = position + 1
        position = _paragraph_end(text, start)
        if text[start:position].strip():
            lines.append((start, position))
    return lines


def _outside_days(days: Optional[str], event_days: str) -> bool:
    """True when the day (or run of days) ``days`` shares no day with ``event_days``; False when either is
    unknown or only one of them has a year."""
    if not days or days.startswith("-") != event_days.startswith("-"):
        return False
    first, _, last = event_days.partition("/")
    days_first, _, days_last = days.partition("/")
    return days_first > (last or first) or (days_last or days_first) < first


def _only_cited(event: _Event) -> bool:
    """在X上 with no day and no other mention: an event named in passing (在X上作了发言)."""
    return not event.is_visit and event.date is None and all(m.construction == "at" for m in event.mentions)


def _kind_of(mention: Mention) -> Optional[str]:
    """X暨Y: the kind of the leading event X when X ends with an event word."""
    head = mention.name.split("暨", 1)[0]
    word = event_word_at_end(head) if head != mention.name else None
    return word.kind if word is not None and word.weight == "event" else mention.kind


def _is_tour(event: _Event) -> bool:
    """A visit article's own visit, which later visit verbs continue (a 会见 is not one)."""
    return event.is_visit and event.kind != "会见"


def _led_by_another(subject: tuple[Person, ...], event: _Event) -> bool:
    """副省长杜文华带队到Y检查 after a tour by others: the visit's named subject took no part in the event."""
    names = {person.name for person in event.attendees}
    return bool(subject) and bool(names) and not any(person.name in names for person in subject)


def _goes_elsewhere(clause: VisitClause, location: Optional[str], event: _Event) -> bool:
    """A visit during an event is its own record only away from the venue."""
    place = clause.place or location
    return place is not None and place != event.location


def _ids(people: list[Person]) -> list[str]:
    return [person.official_id for person in people if person.official_id]


def _unique(people: list[Person]) -> list[Person]:
    kept: list[Person] = []
    names: set[str] = set()
    for person in people:
        if person.name not in names:
            names.add(person.name)
            kept.append(person)
    return kept


def _same_name(first: str, second: str) -> bool:
    a, b = _core(first), _core(second)
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= _MIN_CONTAINED_NAME and shorter in longer:
        return True
    return _scope_and_kind_only(first, second)


def _scope_and_kind_only(first: str, second: str) -> bool:
    """全县推进会 (a headline's short form) and 全县食品药品安全工作推进会: the short name is the long one's
    jurisdiction word and event word and nothing else."""
    shorter, longer = sorted((first, second), key=len)
    scope = JURISDICTION_PREFIX.match(shorter)
    if scope is None or not longer.startswith(scope.group()):
        return False
    word = event_word_at_end(shorter)
    return word is not None and scope.end() + len(word.suffix) == len(shorter) and longer.endswith(word.suffix)


def _core(name: str) -> str:
    """The part of an event name that tells events apart: 江西省2008年度省人民政府质量奖颁奖大会
    and 2008年度省政府质量奖颁奖大会 are one event."""
    place_end = lexicon().division_finder.match(name)
    if place_end is not None and place_end < len(name):
        name = name[place_end:]
    return NAME_NOISE.sub("", NAME_NOISE.sub("", name))


def _day(value: str) -> Optional[str]:
    """The day or day range of an ISO value; None for a month, a year or no value."""
    parts = [part.split("T", 1)[0] for part in (value or "").split("/")]
    if not parts or not all(DAY_VALUE.match(part) for part in parts):
        return None
    return "/".join(parts)


def _visit_name(clause: VisitClause) -> tuple[str, str, tuple[int, int]]:
    """The visit is named by its weightiest verb (考察 over 参观), with 现场/实地 if written."""
    by_verb = {verb: (adverb, start, end) for adverb, verb, start, end in reversed(clause.verbs)}
    chosen = next((verb for verb in _VISIT_PRIORITY if verb in by_verb), clause.verbs[0][1])
    adverb, start, end = by_verb[chosen]
    return adverb + chosen, _VISIT_KIND.get(chosen, "考察"), (start - len(adverb), end)




def _led_before(text: str, clause_opening: int) -> bool:
    """The clause before ``clause_opening`` ends with 带队/率队/一行: a leader's tour under way."""
    return LED_CLAUSE_END.search(text, max(0, clause_opening - 4), clause_opening) is not None
