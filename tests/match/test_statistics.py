"""Golden cases for the statistics matcher (cases/statistics.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qextract.match.context import MatchContext
from qextract.match.statistics import find_statistics
from qextract.records import Span
from qextract.segment.jieba_tokenizer import JiebaTokenizer

CASES = json.loads((Path(__file__).parent / "cases" / "statistics.json").read_text(encoding="utf-8"))


@dataclass
class _Upstream:
    """What statistics reads from an earlier matcher's record."""

    text: str
    span: Span
    kind: Optional[str] = None
    item_spans: tuple[Span, ...] = ()


_TOKENIZER = JiebaTokenizer()


@pytest.fixture(scope="module")
def tokenizer() -> JiebaTokenizer:
    return _TOKENIZER


def _span_of(text: str, written: str) -> Span:
    start = text.index(written)
    return Span(start, start + len(written), written)


def _context(case: dict, tokenizer: JiebaTokenizer) -> MatchContext:
    text = case["text"]
    found: dict[str, list[Any]] = {}
    for record_type, records in case.get("upstream", {}).items():
        for record in records:
            written = record if isinstance(record, str) else record["text"]
            kind = None if isinstance(record, str) else record.get("kind")
            items = () if isinstance(record, str) else tuple(_span_of(text, item) for item in record.get("items", ()))
            found.setdefault(record_type, []).append(_Upstream(written, _span_of(text, written), kind, items))
    masked = []
    if "masked_text" in case:
        start = text.index(case["masked_text"])
        masked.append((start, start + len(case["masked_text"])))
    body_start = text.index(case["body_start_after"]) + 1 if "body_start_after" in case else 0
    return MatchContext(text=text, tokenizer=tokenizer, found=found, masked=masked, body_start=body_start)


def _matches(expected: dict, record: Any) -> bool:
    if abs(float(record.value) - float(expected["value"])) > 1e-9 or record.unit != expected["unit"]:
        return False
    for field in ("qualifier", "subject", "text"):
        if field in expected and getattr(record, field) != expected[field]:
            return False
    return "subject_in" not in expected or expected["subject_in"] in (record.subject or "")


def _check_positive(case: dict, tokenizer: JiebaTokenizer) -> None:
    context = _context(case, tokenizer)
    records = find_statistics(context)
    shown = [(r.text, r.value, r.unit, r.qualifier, r.subject) for r in records]
    for expected in case["expect"]:
        assert any(_matches(expected, record) for record in records), f"{expected} not in {shown}"
    if case.get("exact"):
        assert len(records) == len(case["expect"]), shown
    for record in records:
        assert context.text[record.span.start : record.span.end] == record.text


def _check_negative(case: dict, tokenizer: JiebaTokenizer) -> None:
    records = find_statistics(_context(case, tokenizer))
    shown = [(r.text, r.value, r.unit) for r in records]
    if "absent" not in case:
        assert records == [], shown
        return
    for pair in case["absent"]:
        assert not any(r.value == pair["value"] and r.unit == pair["unit"] for r in records), shown


def _params(kind: str) -> list[Any]:
    cases = [pytest.param(case, id=case["name"]) for case in CASES[kind]]
    cases += [
        pytest.param(case, id=case["name"], marks=pytest.mark.xfail(strict=False))
        for case in CASES["known_failures"]
        if case["kind"] == kind
    ]
    return cases


@pytest.mark.parametrize("case", _params("positive"))
def test_positive(case: dict, tokenizer: JiebaTokenizer) -> None:
    _check_positive(case, tokenizer)


@pytest.mark.parametrize("case", _params("negative"))
def test_negative(case: dict, tokenizer: JiebaTokenizer) -> None:
    _check_negative(case, tokenizer)


def test_without_tokenizer_values_are_still_read() -> None:
    records = find_statistics(MatchContext(text="共检查企业120家。"))
    assert [(r.value, r.unit, r.subject) for r in records] == [(120, "家", None)]


_NUMBERISH = st.text(alphabet="0123456789一二两三十百千万亿年月日个家项%余多近超第以上内来,。、(", max_size=60)


@settings(max_examples=200, deadline=None)
@given(_NUMBERISH)
def test_spans_always_point_at_their_text(text: str) -> None:
    context = MatchContext(text=text, tokenizer=_TOKENIZER)
    for record in find_statistics(context):
        assert 0 <= record.span.start < record.span.end <= len(text)
        assert text[record.span.start : record.span.end] == record.text
        assert record.qualifier in ("exact", "approx", "at_least", "at_most")

