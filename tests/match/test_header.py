"""Header reader against golden cases (tests/match/cases/header.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qextract.match.header import read_header
from tests.golden import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "header.json").read_text(encoding="utf-8"))


def _params() -> list:
    return case_params(CASES, "positive", "negative", "known_failures")


@pytest.mark.parametrize("case", _params())
def test_header_fields(case: dict) -> None:
    header = read_header(case["input"])
    assert (header.title, header.publish_date, header.source) == (
        case["title"],
        case["publish_date"],
        case["source"],
    )


@pytest.mark.parametrize("case", _params())
def test_header_spans_point_at_the_text(case: dict) -> None:
    header = read_header(case["input"])
    for span in (header.title_span, header.publish_date_span, header.source_span):
        if span is not None:
            assert case["input"][span.start : span.end] == span.text
    if header.source is not None:
        assert header.source_span is not None and header.source_span.text == header.source
