"""Golden cases for number reading (cases/numbers.json) and its invariants."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qextract.match.numbers import find_numbers, parse_number, parse_percent
from qextract.segment.jieba_tokenizer import JiebaTokenizer

CASES = json.loads((Path(__file__).parent / "cases" / "numbers.json").read_text(encoding="utf-8"))
_TOKENIZER = JiebaTokenizer()


def _xfail(kind: str) -> list[Any]:
    return [pytest.param(*case, marks=pytest.mark.xfail(strict=False)) for case in CASES["known_failures"].get(kind, [])]


@pytest.mark.parametrize(("written", "value"), [tuple(case) for case in CASES["positive"]["parse"]] + _xfail("parse"))
def test_parse_number(written: str, value: float) -> None:
    assert parse_number(written) == pytest.approx(value)


@pytest.mark.parametrize("written", CASES["negative"]["parse"])
def test_not_a_number(written: str) -> None:
    assert parse_number(written) is None


@pytest.mark.parametrize(("written", "value"), [tuple(case) for case in CASES["positive"]["percent"]])
def test_parse_percent(written: str, value: float) -> None:
    assert parse_percent(written) == pytest.approx(value)


def _found(text: str) -> list[float]:
    return [mention.value for mention in find_numbers(text, _TOKENIZER.tokens(text))]


@pytest.mark.parametrize(("text", "values"), [tuple(case) for case in CASES["positive"]["find"]] + _xfail("find"))
def test_find_numbers(text: str, values: list[float]) -> None:
    assert _found(text) == pytest.approx(values)


@pytest.mark.parametrize("text", CASES["negative"]["find"])
def test_no_numbers(text: str) -> None:
    assert _found(text) == []


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_integers_read_back(number: int) -> None:
    assert parse_number(str(number)) == number
    assert parse_number(f"{number:,}") == number


@given(st.text(alphabet="0123456789零一二两三四五六七八九十百千万亿点余多几,.-负", max_size=30))
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or isinstance(value, float)


@given(st.text(alphabet="0123456789零一二两三四五六七八九十百千万亿点余多,.年月日个家", max_size=40))
def test_found_numbers_point_at_their_text(text: str) -> None:
    for mention in find_numbers(text):
        assert text[mention.start : mention.end] == mention.text
