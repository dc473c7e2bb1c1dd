"""HTML for notebooks: ``Document._repr_html_`` renders through here.

The clean text comes first, with every record mention highlighted in its
record type's colour (where mentions nest, the innermost one colours the
text and the tooltip lists them all), then one table per record type.
Only the standard library is used, so a notebook needs no extra.
"""

from __future__ import annotations

import dataclasses
import html
from typing import Any, Iterable, Optional

from qextract.records import RECORD_TYPES, Document, Span

# Colour per label: the record types and the header fields.
COLOURS: dict[str, str] = {
    "meetings": "#ffd8a8",
    "officials": "#a5d8ff",
    "dates": "#b2f2bb",
    "slogans": "#eebefa",
    "documents": "#ffec99",
    "statistics": "#ffc9c9",
    "bylines": "#d0bfff",
    "title": "#e9ecef",
    "publish_date": "#e9ecef",
    "source": "#e9ecef",
}
# Text past this many characters is left out of the highlighted view.
DEFAULT_MAX_CHARS = 20_000
_CELL = 'style="text-align: left; vertical-align: top; padding: 1px 0.8em 1px 0"'
_HIDDEN_FIELDS = frozenset({"id", "chair_ids", "speaker_ids", "attendee_ids", "raw_name"})


def document_html(document: Document, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The whole view: header, highlighted text, a table per record type."""
    parts = ['<div class="qextract-document" style="font-family: sans-serif; line-height: 1.7">']
    parts.append(_header_html(document))
    if document.error:
        parts.append(f'<p style="color: #c92a2a"><b>error:</b> {html.escape(document.error)}</p>')
    else:
        parts.append(_legend_html(document))
        parts.append(highlighted_text_html(document.text, document.spans(), max_chars=max_chars))
        for record_type in RECORD_TYPES:
            records = getattr(document, record_type)
            if records:
                parts.append(records_table_html(record_type, records))
    parts.append("</div>")
    return "\n".join(parts)


def highlighted_text_html(text: str, spans: Iterable[tuple[str, Span]], *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """``text`` with ``<mark>`` around each labelled span (clean-text offsets)."""
    shown = text[:max_chars]
    marks = sorted(
        (span.start, span.end, label)
        for label, span in spans
        if 0 <= span.start < span.end <= len(shown)
    )
    cuts = sorted({0, len(shown)} | {mark[0] for mark in marks} | {mark[1] for mark in marks})
    out = ['<div style="white-space: pre-wrap; border: 1px solid #dee2e6; padding: 0.6em; margin: 0.5em 0">']
    for start, end in zip(cuts, cuts[1:]):
        covering = [mark for mark in marks if mark[0] <= start and end <= mark[1]]
        piece = html.escape(shown[start:end])
        if not covering:
            out.append(piece)
            continue
        innermost = min(covering, key=lambda mark: mark[1] - mark[0])
        labels = ", ".join(sorted({mark[2] for mark in covering}))
        colour = COLOURS.get(innermost[2], "#dee2e6")
        out.append(f'<mark title="{html.escape(labels)}" style="background: {colour}; padding: 0 1px">{piece}</mark>')
    if len(text) > len(shown):
        out.append(f"<i> … {len(text) - len(shown)} more characters</i>")
    out.append("</div>")
    return "".join(out)


def records_table_html(record_type: str, records: list[Any]) -> str:
    """One table: a row per record, a column per field (spans and internal ids left out)."""
    columns = [field.name for field in dataclasses.fields(records[0]) if _shown(field.name, getattr(records[0], field.name))]
    head = "".join(f"<th {_CELL}>{html.escape(name)}</th>" for name in columns)
    rows = []
    for record in records:
        cells = "".join(f"<td {_CELL}>{html.escape(_cell(getattr(record, name)))}</td>" for name in columns)
        rows.append(f"<tr>{cells}</tr>")
    colour = COLOURS.get(record_type, "#dee2e6")
    return (
        f'<details open><summary><b style="background: {colour}; padding: 0 4px">{html.escape(record_type)}</b> '
        f"({len(records)})</summary><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></details>"
    )


def _header_html(document: Document) -> str:
    rows = [
        ("id", document.id),
        ("title", document.title),
        ("publish_date", document.publish_date),
        ("source", document.source),
        ("warnings", _warning_summary(document) or None),
    ]
    cells = "".join(
        f"<tr><th {_CELL}>{name}</th><td {_CELL}>{html.escape(str(value))}</td></tr>"
        for name, value in rows
        if value
    )
    return f"<table>{cells}</table>"


def _legend_html(document: Document) -> str:
    present = [label for label in COLOURS if any(found == label for found, _ in document.spans())]
    chips = " ".join(
        f'<span style="background: {COLOURS[label]}; padding: 0 4px; margin-right: 4px">{label}</span>' for label in present
    )
    return f"<div>{chips}</div>" if chips else ""


def _warning_summary(document: Document) -> str:
    counts: dict[str, int] = {}
    for warning in document.warnings:
        counts[warning.kind] = counts.get(warning.kind, 0) + 1
    return ", ".join(f"{kind} ×{count}" for kind, count in counts.items())


def _shown(name: str, value: Any) -> bool:
    if name in _HIDDEN_FIELDS or isinstance(value, Span):
        return False
    if name == "span" or name.endswith("_spans") or name == "mentions":
        return False
    return True


def _cell(value: Optional[Any]) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)
