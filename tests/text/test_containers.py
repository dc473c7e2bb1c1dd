"""Crawler records and feed items: unwrapped into the article's lines; other texts left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qextract.text.containers import unwrap_feed_item, unwrap_json_record
from qextract.text.offsets import OffsetMap
from tests.golden import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "containers.json").read_text(encoding="utf-8"))


def _edits(text: str) -> list:
    return unwrap_json_record(text) or unwrap_feed_item(text)


def _apply(text: str) -> str:
    return OffsetMap.identity(len(text)).apply(text, _edits(text))[0]


def _params(*kinds: str) -> list:
    return case_params(CASES, *kinds, label="name")


@pytest.mark.parametrize("case", _params("positive", "known_failures"))
def test_container_is_unwrapped(case: dict) -> None:
    assert _apply(case["input"]) == case["expected"]


@pytest.mark.parametrize("case", _params("negative"))
def test_other_text_is_left_alone(case: dict) -> None:
    assert _edits(case["input"]) == []


_LITERAL_HEADLINES = [
    pytest.param(case, id=case["name"]) for case in CASES["positive"] if case["expected"].split("\n")[0] in case["input"]
]


@pytest.mark.parametrize("case", _LITERAL_HEADLINES)
def test_headline_maps_back_to_the_record(case: dict) -> None:
    text = case["input"]
    clean, offsets = OffsetMap.identity(len(text)).apply(text, _edits(text))
    headline = clean.split("\n")[0]
    start, end = offsets.raw_span(0, len(headline))
    assert text[start:end] == headline


def test_a_long_record_of_escapes_is_decoded_whole() -> None:
    # 40,000 escapes: a repair that rescanned the record per escape would not finish
    body = "\\u3000\\n" * 20_000
    record = '{"title": "标题", "content": "' + body + '"}'
    assert _apply(record).count("\n") == 20_000 + 2
