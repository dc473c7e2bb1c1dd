"""Slogan matcher against golden cases (tests/match/cases/slogans.json)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qextract.match.context import MatchContext
from qextract.match.slogans import find_slogans, find_slogans_with_warnings
from tests.golden import case_params, load_cases, masked_context

CASES = load_cases(Path(__file__).parent / "cases" / "slogans.json")


def _params(*kinds: str) -> list:
    return case_params(CASES, *kinds)


_context = masked_context


@pytest.mark.parametrize("case", _params("positive", "known_failures"))
def test_expected_slogans_are_found(case: dict) -> None:
    slogans, warnings = find_slogans_with_warnings(_context(case))
    found = {slogan.text: slogan for slogan in slogans}
    for expected in case["expect"]:
        assert expected["text"] in found, f"{expected['text']} not in {sorted(found)}"
        slogan = found[expected["text"]]
        assert slogan.kind == expected["kind"]
        if "items" in expected:
            assert slogan.items == expected["items"]
    if "warnings" in case:
        assert [warning.kind for warning in warnings] == case["warnings"]


@pytest.mark.parametrize("case", _params("negative"))
def test_non_slogans_are_not_found(case: dict) -> None:
    texts = [slogan.text for slogan in find_slogans(_context(case))]
    if case["absent"] == ["*"]:
        assert texts == []
    else:
        assert not set(texts) & set(case["absent"]), texts


@pytest.mark.parametrize("case", _params("positive", "negative"))
def test_spans_point_at_the_text(case: dict) -> None:
    context = _context(case)
    for slogan in find_slogans(context):
        assert slogan.span is not None and slogan.span.text == slogan.text
        assert context.text[slogan.span.start : slogan.span.end] == slogan.text
        for item, span in zip(slogan.items or [], slogan.item_spans):
            assert context.text[span.start : span.end] == item
        if slogan.kind == "quoted":
            assert slogan.items is None


def test_a_repeated_slogan_is_one_record() -> None:
    text = "开展“质量月”活动。今年“质量月”期间,全市开展“质量月”宣传。"
    slogans = find_slogans(MatchContext(text=text))
    assert [slogan.text for slogan in slogans] == ["质量月"]


def test_a_listed_mention_wins_over_an_unlisted_one() -> None:
    text = "落实“两个到位”很关键。要做到“两个到位”:责任到位;措施到位。"
    [slogan] = find_slogans(MatchContext(text=text))
    assert slogan.items == ["责任到位", "措施到位"]


def test_warning_has_no_raw_offsets_and_names_the_slogan() -> None:
    _, [warning] = find_slogans_with_warnings(MatchContext(text="做到三个坚持:一是甲;二是乙。"))
    assert warning.kind == "slogan_item_count_mismatch"
    assert (warning.raw_start, warning.raw_end) == (-1, -1)
    assert "三个坚持" in warning.message


_FRAGMENTS = st.sampled_from(
    ["“", "”", "\"", "「", "」", ":", ";", "。", ",", "\n", "一是", "二是", "(一)", "(二)",
     "第一,", "三个", "两项", "6大", "等", "即", "、", "和", "坚持", "质量", "六稳", "三进三问三解",
     "百城千业万企", "行动", "委员会", "产品", "荣获", "《", "》", "月", "日", "十百千万", "要求",
     "①", "②", "1.", "2."]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40), st.data())
def test_any_text_gives_consistent_records(fragments: list[str], data: st.DataObject) -> None:
    text = "".join(fragments)
    masked = []
    if text:
        start = data.draw(st.integers(0, len(text) - 1))
        masked = [(start, data.draw(st.integers(start + 1, len(text))))]
    context = MatchContext(text=text, masked=masked)
    for slogan in find_slogans(context):
        assert slogan.kind in ("numbered", "quoted")
        assert text[slogan.span.start : slogan.span.end] == slogan.text
        assert not context.is_masked(slogan.span.start, slogan.span.end)
        for span in slogan.item_spans:
            assert not context.is_masked(span.start, span.end)
