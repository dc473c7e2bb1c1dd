"""Dates matcher against golden cases (tests/match/cases/dates.json) and invariants."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from qextract.match.context import MatchContext
from qextract.match.dates import REPEATED_DATES, find_dates, parse_date, resolve_year_hint
from qextract.match.datetime_parts import lunar_day_in, lunar_festivals
from qextract.records import DateMention
from tests.golden import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "dates.json").read_text(encoding="utf-8"))


def _params() -> list:
    return case_params(CASES, "positive", "negative", "known_failures", label="rule")


def _found(case: dict) -> list[DateMention]:
    if case.get("api") == "parse_date":
        mention = parse_date(case["text"], case.get("publish_date"))
        return [mention] if mention is not None else []
    text = case["text"]
    # body_start_after: the body opens on the line after this header text
    body_start = text.index(case["body_start_after"]) + len(case["body_start_after"]) + 1 if "body_start_after" in case else 0
    return find_dates(MatchContext(text=text, publish_date=case.get("publish_date"), body_start=body_start))


@pytest.mark.parametrize("case", _params())
def test_case(case: dict) -> None:
    if case.get("api") == "year_hint":
        context = MatchContext(text=case["text"], publish_date=case.get("publish_date"))
        assert resolve_year_hint(context) == case["year"]
        return
    found = _found(case)
    expected = case.get("dates", [])
    assert [mention.value for mention in found] == [date["value"] for date in expected]
    for mention, date in zip(found, expected):
        for field in ("text", "granularity", "time_of_day", "year_inferred"):
            if field in date:
                assert getattr(mention, field) == date[field], field


def test_each_value_once_at_its_first_mention() -> None:
    text = "3月5日上午开幕，3月5日下午闭幕。"
    found = find_dates(MatchContext(text=text, publish_date="2024-03-06"))
    assert [mention.value for mention in found] == ["2024-03-05"]
    assert found[0].span.start == 0 and found[0].text == "3月5日上午"


def test_spans_index_the_clean_text() -> None:
    text = "据悉，2024年3月5日至7日，培训在市区举行；去年12月已完成筹备。"
    for mention in find_dates(MatchContext(text=text, publish_date="2024-03-10")):
        assert text[mention.span.start:mention.span.end] == mention.span.text == mention.text


def test_no_date_is_read_from_a_masked_range() -> None:
    text = "乱码区2024年3月5日乱码，正文5月6日召开。"
    start = text.index("2024")
    context = MatchContext(text=text, publish_date="2024-06-01", masked=[(start, start + 9)])
    assert [mention.value for mention in find_dates(context)] == ["2024-05-06"]


def test_year_hint_resolves_month_days_without_a_publication_date() -> None:
    text = "湖南省2020年“质量月”活动启动仪式举行。9月8日，各地同步开展活动。"
    values = [mention.value for mention in find_dates(MatchContext(text=text))]
    assert values == ["2020", "2020-09-08"]


def test_publication_year_wins_over_the_text() -> None:
    context = MatchContext(text="2019年质量大会召开。", publish_date="2021-05-01")
    assert resolve_year_hint(context) == 2021


_ISO_VALUE = regex.compile(
    r"(?:\d{4}|-)(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?)?)?"
    r"(?:/(?:\d{4}|-)(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?)?)?)?"
)
_DATE_ALPHABET = "0123456789年月日号至-/.:：上下午今去明年底初季度前个春节国庆元旦，。 12一二三四五六七八九十"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_DATE_ALPHABET, max_size=60), st.sampled_from([None, "2024-06-15", "2025-01-03T09:00"]))
def test_any_text_gives_well_formed_values_and_true_spans(text: str, publish_date: str) -> None:
    found = find_dates(MatchContext(text=text, publish_date=publish_date))
    assert len({mention.value for mention in found}) == len(found)
    for mention in found:
        assert _ISO_VALUE.fullmatch(mention.value), mention.value
        assert text[mention.span.start:mention.span.end] == mention.text
        assert mention.granularity in ("year", "month", "day", "minute", "second")


def test_the_header_timestamp_is_a_date_in_whatever_form_the_header_prints_it() -> None:
    """25-3-18 16:05 under a microblog account: no date pattern reads a year without its century, the header does."""
    from qextract.pipeline import Pipeline

    text = "某某市场监管 V\n24-9-5 10:20 来自 微博网页版\n\n【全市质量月活动启动】9月4日,全市质量月活动启动。"
    document = Pipeline()(text)
    assert [(date.text, date.value) for date in document.dates] == [("24-9-5 10:20", "2024-09-05T10:20"), ("9月4日", "2024-09-04")]


def test_a_header_timestamp_with_a_weekday_replaces_the_day_read_alone() -> None:
    """1999年3月12日 星期五 08:41: the weekday parts the day from its time; the header reads them as one."""
    from qextract.pipeline import Pipeline

    text = "全省质量工作会议召开\n\n2003年4月8日 星期二 09:15  来源:新华社\n\n新华社4月7日电 全省质量工作会议今天召开。"
    document = Pipeline()(text)
    assert [(date.text, date.value) for date in document.dates][0] == ("2003年4月8日 星期二 09:15", "2003-04-08T09:15")


def test_lunar_month_table_agrees_with_the_festival_table() -> None:
    """Two data files hold the lunar calendar: 春节 opens 正月, 端午 is 五月初五 and 中秋 八月十五 in every year."""
    festivals = lunar_festivals()
    years = sorted({year for year, _ in festivals})
    assert len(years) > 100
    for year in years:
        for key, (month, day) in (("spring", (1, 1)), ("dragon_boat", (5, 5)), ("mid_autumn", (8, 15))):
            assert lunar_day_in(year, month, day) == datetime.date(year, *festivals[(year, key)]), (year, key)


@pytest.mark.parametrize(
    ("text", "repeated"),
    [
        ("5月8日上午，县局召开推进会。同日下午，检查组赴企业检查。", ["同日下午"]),
        ("5月8日，县局召开推进会。如今的检测能力与十年前已不可同日而语。", []),
    ],
)
def test_same_day_word_repeats_the_day_last_written(text: str, repeated: list) -> None:
    """同日 repeats the day last written (no new record; the meetings stage dates its event with it),
    except inside the idiom 不可同日而语."""
    context = MatchContext(text=text, publish_date="2019-05-09")
    find_dates(context)
    repeats = context.found[REPEATED_DATES]
    assert [mention.span.text for mention in repeats] == repeated
    assert all(mention.value == "2019-05-08" for mention in repeats)

