"""Records serialise with the gold format's field names and round-trip without loss."""

from __future__ import annotations

import json

import jsonschema

from qextract.records import (
    Byline,
    DateMention,
    Document,
    ExtractionWarning,
    Meeting,
    Official,
    PolicyDocument,
    Slogan,
    Span,
    Statistic,
)
from qextract.schema import document_schema


def sample_document() -> Document:
    span = Span(10, 13, "张某某", 12, 15)
    return Document(
        id="sample",
        title="全市质量工作会议召开",
        publish_date="2024-03-15T10:30",
        source="市场监管局",
        bylines=[Byline("李某", "photographer", Span(0, 4, "李某 摄", 0, 4))],
        meetings=[
            Meeting(
                name="全市质量工作会议",
                kind="工作会议",
                date="2024-03-14",
                time_of_day="上午",
                location="市行政中心",
                chairs=["张某某"],
                speakers=["张某某"],
                attendees=["张某某"],
                id="meeting-1",
                chair_ids=["official-1"],
            )
        ],
        officials=[Official("张某某", ["副市长"], "市政府", id="official-1", mentions=[span])],
        dates=[DateMention("3月14日上午", "2024-03-14", "day", "上午", True, Span(20, 27, "3月14日上午", 22, 29))],
        slogans=[
            Slogan("三个聚焦", "numbered", ["聚焦质量", "聚焦标准", "聚焦品牌"]),
            Slogan("质量月", "quoted"),
        ],
        documents=[PolicyDocument("质量强市建设实施方案", "方案", "市政府")],
        statistics=[Statistic("超过95%", 95.0, "%", "at_least", "规上企业占比")],
        text="……",
        warnings=[ExtractionWarning("pinyin_annotation_removed", "2 places", 3, 9)],
    )


def test_round_trip_is_lossless() -> None:
    document = sample_document()
    assert Document.from_json(document.to_json()) == document


def test_json_keeps_chinese_and_gold_field_names() -> None:
    data = json.loads(sample_document().to_json())
    assert "全市质量工作会议召开" in sample_document().to_json()
    for key in ("id", "title", "publish_date", "source", "bylines", "meetings", "officials", "dates",
                "slogans", "documents", "statistics", "text", "warnings"):
        assert key in data
    assert data["meetings"][0]["chairs"] == ["张某某"]  # participants serialise as names
    assert set(data["officials"][0]["mentions"][0]) == {"start", "end", "text", "raw_start", "raw_end"}
    assert data["statistics"][0]["qualifier"] == "at_least"
    assert "error" not in data


def test_document_json_satisfies_its_schema() -> None:
    jsonschema.validate(json.loads(sample_document().to_json()), document_schema())
    error_record = Document(id="broken", error="[E001] unreadable")
    jsonschema.validate(json.loads(error_record.to_json()), document_schema())


def test_schema_rejects_a_wrong_type() -> None:
    data = json.loads(sample_document().to_json())
    data["statistics"][0]["value"] = "ninety-five"
    try:
        jsonschema.validate(data, document_schema())
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted a string value")


def test_spans_lists_every_span_with_its_type() -> None:
    labels = [label for label, _ in sample_document().spans()]
    assert labels.count("officials") == 1
    assert "dates" in labels and "bylines" in labels
