"""Meetings matcher against golden cases (tests/match/cases/meetings.json).

Each case is a short article of the project's own with the records the
earlier stages would hand over, built by hand: dates (text, value, part of
day), officials (name, id) and, where a case needs them, PERSON entities.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qextract.entities.types import Entity
from qextract.match.context import MatchContext
from qextract.match.meetings import find_meetings
from qextract.records import DateMention, Official, Span
from tests.golden import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "meetings.json").read_text(encoding="utf-8"))
_FIELDS = ("kind", "date", "time_of_day", "location", "chairs", "speakers", "attendees", "chair_ids", "speaker_ids", "attendee_ids")


def _params(*kinds: str) -> list:
    return case_params(CASES, *kinds, label="name")


def _occurrences(text: str, piece: str) -> list[int]:
    found, position = [], text.find(piece)
    while position != -1:
        found.append(position)
        position = text.find(piece, position + len(piece))
    assert found, f"{piece!r} is not in the case text"
    return found


def _dates(text: str, items: list[dict]) -> list[DateMention]:
    dates = []
    for item in items:
        start = _occurrences(text, item["text"])[item.get("occurrence", 0)]
        span = Span(start, start + len(item["text"]), item["text"])
        dates.append(DateMention(item["text"], item["value"], time_of_day=item.get("time_of_day"), span=span))
    return dates


def _officials(text: str, items: list[dict]) -> list[Official]:
    officials = []
    for item in items:
        written = item.get("written", item["name"])  # 罗 敏: the name as the page spaces it
        starts = _occurrences(text, written)
        if "occurrences" in item:  # only these copies are mentions; the others sit inside words
            starts = [starts[index] for index in item["occurrences"]]
        mentions = [Span(start, start + len(written), written) for start in starts]
        for reference in item.get("references", ()):  # 李局长: the officials stage's mention by surname and post
            mentions.extend(Span(start, start + len(reference), reference) for start in _occurrences(text, reference))
        officials.append(Official(item["name"], id=item["id"], mentions=mentions))
    return officials


def _entities(text: str, items: list[dict]) -> list[Entity]:
    entities = []
    for item in items:
        for start in _occurrences(text, item["text"]):
            entities.append(Entity(start, start + len(item["text"]), item.get("label", "PERSON"), item["text"]))
    return sorted(entities, key=lambda entity: entity.start)


def _context(case: dict) -> MatchContext:
    text = case["text"]
    masked = []
    for piece in case.get("mask", []):
        start = text.index(piece)
        masked.append((start, start + len(piece)))
    body_start = text.index("\n") + 1 if case.get("headline") else 0
    found: dict = {
        "dates": _dates(text, case.get("dates", [])),
        "officials": _officials(text, case.get("officials", [])),
    }
    if "entities" in case:
        found["entities"] = _entities(text, case["entities"])
    return MatchContext(text=text, publish_date=case.get("publish_date"), masked=sorted(masked), body_start=body_start, found=found)


@pytest.mark.parametrize("case", _params("positive", "known_failures"))
def test_expected_meetings_are_found(case: dict) -> None:
    meetings = find_meetings(_context(case))
    assert [meeting.name for meeting in meetings] == [item["name"] for item in case["expect"]]
    for meeting, expected in zip(meetings, case["expect"]):
        for field in _FIELDS:
            if field in expected:
                value = getattr(meeting, field)
                if isinstance(value, list):
                    value, expected_value = sorted(value), sorted(expected[field])
                else:
                    expected_value = expected[field]
                assert value == expected_value, (meeting.name, field)


@pytest.mark.parametrize("case", _params("negative"))
def test_events_not_reported_as_held_are_not_found(case: dict) -> None:
    names = [meeting.name for meeting in find_meetings(_context(case))]
    if case["absent"] == ["*"]:
        assert names == []
    else:
        assert not set(names) & set(case["absent"]), names


@pytest.mark.parametrize("case", _params("positive"))
def test_records_are_consistent(case: dict) -> None:
    context = _context(case)
    for meeting in find_meetings(context):
        assert meeting.span is not None and not context.is_masked(meeting.span.start, meeting.span.end)
        assert context.text[meeting.span.start : meeting.span.end] == meeting.span.text
        assert set(meeting.chairs) <= set(meeting.attendees)
        assert set(meeting.speakers) <= set(meeting.attendees)
        assert meeting.date is None or "T" not in meeting.date


_FRAGMENTS = st.sampled_from(
    ["全省质量工作会议", "在", "杭州", "召开", "举行", "出席", "主持", "讲话", "指出", "他", "张三", "会见了", "李四",
     "3月5日", "上午", ",", "。", "\n", "期间", "现场考察了", "企业", "将于", "精神", "暨", "启动仪式", "活动", "上", "、"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40))
def test_any_text_gives_well_formed_records(fragments: list[str]) -> None:
    text = "".join(fragments)
    officials = [Official("张三", id="o1", mentions=[]), Official("李四", id="o2", mentions=[])]
    context = MatchContext(text=text, found={"officials": officials, "dates": []})
    for meeting in find_meetings(context):
        assert meeting.name and len(meeting.name) <= 80
        assert meeting.span is not None and text[meeting.span.start : meeting.span.end] == meeting.span.text
        assert set(meeting.chairs) | set(meeting.speakers) <= set(meeting.attendees)


@pytest.mark.parametrize("day_word", ["当天", "同日"])
def test_a_repeated_day_word_dates_the_event_of_its_sentence(day_word: str) -> None:
    """当天下午 (同日下午) repeats the day of the lead: no new dates record, but it dates the second event."""
    from qextract.pipeline import Pipeline

    text = (
        "全省质量工作电视电话会议召开\n发布时间：2015-06-04\n\n"
        "　　6月3日上午，全省质量工作电视电话会议在省政府召开。副省长林海出席会议并讲话。\n"
        f"　　{day_word}下午，江城市在市体育馆召开全市打假誓师大会。\n"
    )
    document = Pipeline()(text)
    dates = {meeting.name: (meeting.date, meeting.time_of_day) for meeting in document.meetings}
    assert dates["全市打假誓师大会"] == ("2015-06-03", "下午")
    assert [date.value for date in document.dates].count("2015-06-03") == 1
