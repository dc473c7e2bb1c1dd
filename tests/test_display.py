"""Document._repr_html_: highlighted text and a table per record type."""

from __future__ import annotations

import html

from qextract import Document, Span
from qextract.display import highlighted_text_html, records_table_html


def test_every_record_type_of_a_fixture_is_highlighted_and_tabled(fixture_documents):
    _, _, document = fixture_documents[0]
    page = document._repr_html_()
    for record_type in ("officials", "dates", "meetings"):
        assert getattr(document, record_type), record_type
        assert f'title="{record_type}' in page or f", {record_type}" in page
        assert f">{record_type}</b>" in page
    assert html.escape(document.officials[0].name) in page


def test_text_is_escaped_and_nested_spans_take_the_inner_colour():
    text = "<b>会议</b>由王芳主持"
    spans = [("meetings", Span(0, len(text), text)), ("officials", Span(len(text) - 4, len(text) - 2, "王芳"))]
    out = highlighted_text_html(text, spans)
    assert "<b>会议" not in out and "&lt;b&gt;会议" in out
    assert 'title="meetings, officials"' in out  # the name sits inside the meeting
    assert 'title="meetings"' in out


def test_spans_outside_the_shown_text_are_ignored():
    out = highlighted_text_html("短文", [("dates", Span(5, 9, "x"))], max_chars=2)
    assert "<mark" not in out


def test_long_text_is_cut_with_a_note():
    out = highlighted_text_html("字" * 50, [], max_chars=10)
    assert "40 more characters" in out


def test_tables_leave_out_spans_and_internal_ids():
    from qextract import Official

    table = records_table_html("officials", [Official(name="王芳", titles=["局长", "书记"], id="official-1", mentions=[Span(0, 2, "王芳")])])
    assert "局长、书记" in table
    assert "official-1" not in table and "mentions" not in table


def test_error_document_shows_its_error():
    page = Document(id="broken", error="[E001] cannot read")._repr_html_()
    assert "[E001] cannot read" in page and "<mark" not in page
