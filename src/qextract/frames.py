"""Documents as pandas DataFrames: ``qextract.to_frames(docs)`` (pandas optional).

One frame per record type, a row per record, with the ``doc_id`` of its
article first. A record's ``span`` becomes flat columns (``span_start``,
``span_end``, ``span_text``, ``span_raw_start``, ``span_raw_end``); lists of
spans (an official's ``mentions``, a slogan's ``item_spans``) stay lists of
dicts; other lists stay Python lists. Two more frames: ``articles`` (one
row per document: id, title, publication date, source, error, counts) and
``warnings`` (one row per warning).
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterable, Optional

from qextract.errors import MissingBackendError
from qextract.records import RECORD_TYPES, Document, ExtractionWarning, Span

ARTICLES = "articles"
WARNINGS = "warnings"


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise MissingBackendError(
            "qextract.to_frames needs the package 'pandas', which is not installed; "
            "install it with: pip install 'qextract[pandas]'"
        ) from exc
    return pandas


def to_frames(docs: Iterable[Document]) -> dict[str, Any]:
    """``{record type: DataFrame}`` plus ``articles`` and ``warnings``; every frame has ``doc_id``.

    Frames of record types that no document has are empty but keep their
    columns, so code that selects columns works on any batch.
    """
    pandas = _pandas()
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in (*RECORD_TYPES, ARTICLES, WARNINGS)}
    for document in docs:
        rows[ARTICLES].append(_article_row(document))
        for warning in document.warnings:
            rows[WARNINGS].append({"doc_id": document.id, **dataclasses.asdict(warning)})
        for record_type in RECORD_TYPES:
            rows[record_type].extend(record_row(document.id, record) for record in getattr(document, record_type))
    return {name: pandas.DataFrame(found, columns=_columns(name)) for name, found in rows.items()}


def record_row(doc_id: Optional[str], record: Any) -> dict[str, Any]:
    """One flat row: ``doc_id``, the record's fields, its span as ``span_*`` columns."""
    row: dict[str, Any] = {"doc_id": doc_id}
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if field.name == "span":
            row.update(_span_columns(value))
        elif isinstance(value, list) and value and isinstance(value[0], Span):
            row[field.name] = [dataclasses.asdict(span) for span in value]
        elif isinstance(value, list):
            row[field.name] = list(value)
        else:
            row[field.name] = value
    return row


def _span_columns(span: Optional[Span]) -> dict[str, Any]:
    if span is None:
        return {"span_start": None, "span_end": None, "span_text": None, "span_raw_start": None, "span_raw_end": None}
    return {
        "span_start": span.start,
        "span_end": span.end,
        "span_text": span.text,
        "span_raw_start": span.raw_start,
        "span_raw_end": span.raw_end,
    }


def _article_row(document: Document) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doc_id": document.id,
        "title": document.title,
        "publish_date": document.publish_date,
        "source": document.source,
        "error": document.error,
        "n_warnings": len(document.warnings),
        "n_chars": len(document.text),
    }
    for record_type in RECORD_TYPES:
        row[f"n_{record_type}"] = len(getattr(document, record_type))
    return row


def _columns(name: str) -> list[str]:
    if name == ARTICLES:
        return ["doc_id", "title", "publish_date", "source", "error", "n_warnings", "n_chars"] + [f"n_{t}" for t in RECORD_TYPES]
    if name == WARNINGS:
        return ["doc_id"] + [field.name for field in dataclasses.fields(ExtractionWarning)]
    columns = ["doc_id"]
    for field in dataclasses.fields(RECORD_TYPES[name]):
        if field.name == "span":
            columns += ["span_start", "span_end", "span_text", "span_raw_start", "span_raw_end"]
        else:
            columns.append(field.name)
    return columns
