"""qextract.to_frames: one DataFrame per record type with doc_id (pandas optional)."""

from __future__ import annotations

import sys

import pytest

import qextract
from qextract.frames import record_row
from qextract.records import RECORD_TYPES, DateMention, Span


def test_missing_pandas_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if not installed
    with pytest.raises(qextract.MissingBackendError, match=r"qextract\[pandas\]"):
        qextract.to_frames([])


def test_span_becomes_flat_columns():
    row = record_row("d1", DateMention(text="5月8日", value="--05-08", span=Span(3, 8, "5月8日", 4, 9)))
    assert row["doc_id"] == "d1"
    assert (row["span_start"], row["span_end"], row["span_raw_start"], row["span_text"]) == (3, 8, 4, "5月8日")
    assert "span" not in row


def test_frames_of_the_fixtures(fixture_documents):
    pytest.importorskip("pandas")
    documents = [document for _, _, document in fixture_documents]
    frames = qextract.to_frames(documents)
    assert set(frames) == {*RECORD_TYPES, "articles", "warnings"}
    assert list(frames["articles"]["doc_id"]) == [document.id for document in documents]
    for record_type in RECORD_TYPES:
        frame = frames[record_type]
        assert frame.columns[0] == "doc_id"
        assert len(frame) == sum(len(getattr(document, record_type)) for document in documents)
    officials = frames["officials"]
    first = documents[0].officials[0]
    row = officials[officials["doc_id"] == documents[0].id].iloc[0]
    assert row["name"] == first.name and list(row["titles"]) == first.titles
    assert row["mentions"][0]["raw_start"] == first.mentions[0].raw_start


def test_empty_input_keeps_columns():
    pytest.importorskip("pandas")
    frames = qextract.to_frames([])
    assert list(frames["dates"].columns)[:3] == ["doc_id", "text", "value"]
    assert len(frames["dates"]) == 0
