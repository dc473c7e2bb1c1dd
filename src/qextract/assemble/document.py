"""Turn matcher output into a Document whose spans point into the raw input."""

from __future__ import annotations

from typing import Any, Optional

from qextract.match.header import Header
from qextract.records import Document, ExtractionWarning, RECORD_TYPES
from qextract.text.normalise import NormalisedText


def assemble_document(
    *,
    id: Optional[str],
    normalised: NormalisedText,
    header: Header,
    found: dict[str, list[Any]],
    warnings: list[ExtractionWarning],
    caller_publish_date: Optional[str] = None,
) -> Document:
    document = Document(
        id=id,
        title=header.title,
        publish_date=caller_publish_date or header.publish_date,
        source=header.source,
        title_span=header.title_span,
        publish_date_span=None if caller_publish_date else header.publish_date_span,
        source_span=header.source_span,
        text=normalised.text,
        warnings=warnings,
    )
    for record_type in RECORD_TYPES:
        setattr(document, record_type, list(found.get(record_type, [])))
    for _, span in document.spans():
        span.raw_start, span.raw_end = normalised.raw_span(span.start, span.end)
    return document
