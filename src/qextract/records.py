"""Typed records that qextract emits.

Field names follow the gold format (``GOLD_FORMAT.md`` of the evaluation
corpus): a Document serialised with :meth:`Document.to_json` can be scored
directly against an answer key. Records carry more than the key asks for:
ids, spans into the clean and the raw text, and extra normalised fields.

Values are normalised (simplified script, ISO dates, numbers as numbers);
the text as written stays in each record's :class:`Span`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Optional

from dataclasses_json import DataClassJsonMixin, config


@dataclass
class Span(DataClassJsonMixin):
    """Where a record's evidence sits.

    ``start``/``end`` index the clean text (``Document.text``);
    ``raw_start``/``raw_end`` index the raw input as the caller passed it
    (after bytes were decoded). ``raw[raw_start:raw_end]`` normalises to
    ``text``.
    """

    start: int
    end: int
    text: str
    raw_start: int = -1
    raw_end: int = -1


@dataclass
class ExtractionWarning(DataClassJsonMixin):
    """Something the pipeline repaired, skipped or could not do for one document.

    ``kind`` is a stable code from :mod:`qextract.errors`; the raw span says
    where in the raw input it happened (-1 when it concerns the whole input).
    """

    kind: str
    message: str
    raw_start: int = -1
    raw_end: int = -1


@dataclass
class Byline(DataClassJsonMixin):
    """A credit line: reporter, photographer, editor or correspondent."""

    name: str
    role: str
    span: Optional[Span] = None


@dataclass
class Official(DataClassJsonMixin):
    """A person named with at least one post. One record per person per document."""

    name: str
    titles: list[str] = field(default_factory=list)
    organization: Optional[str] = None
    id: str = ""
    region: Optional[str] = None
    level: Optional[str] = None
    raw_name: Optional[str] = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class DateMention(DataClassJsonMixin):
    """A calendar expression with its ISO 8601 value.

    ``value`` is resolved against the publication date; ``--MM-DD`` when no
    year is known; ranges join two values with ``/``.
    """

    text: str
    value: str
    granularity: str = "day"
    time_of_day: Optional[str] = None
    year_inferred: bool = False
    span: Optional[Span] = None


@dataclass
class Meeting(DataClassJsonMixin):
    """An event the article reports as happening: meeting, ceremony, forum, visit."""

    name: str
    kind: Optional[str] = None
    date: Optional[str] = None
    time_of_day: Optional[str] = None
    location: Optional[str] = None
    chairs: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)
    id: str = ""
    chair_ids: list[str] = field(default_factory=list)
    speaker_ids: list[str] = field(default_factory=list)
    attendee_ids: list[str] = field(default_factory=list)
    referenced: bool = False
    span: Optional[Span] = None


@dataclass
class Slogan(DataClassJsonMixin):
    """A numbered programme (``六个持续发力``) or a quoted campaign phrase."""

    text: str
    kind: str
    items: Optional[list[str]] = None
    span: Optional[Span] = None
    item_spans: list[Span] = field(default_factory=list)


@dataclass
class PolicyDocument(DataClassJsonMixin):
    """A title in 《》: a law, plan, measure or publication."""

    title: str
    kind: Optional[str] = None
    issuer: Optional[str] = None
    span: Optional[Span] = None


@dataclass
class Statistic(DataClassJsonMixin):
    """A number that measures something, with its unit, qualifier and subject."""

    text: str
    value: float
    unit: Optional[str] = None
    qualifier: str = "exact"
    subject: Optional[str] = None
    span: Optional[Span] = None


RECORD_TYPES: dict[str, type] = {
    "meetings": Meeting,
    "officials": Official,
    "dates": DateMention,
    "slogans": Slogan,
    "documents": PolicyDocument,
    "statistics": Statistic,
    "bylines": Byline,
}


@dataclass
class Document(DataClassJsonMixin):
    """Everything qextract found in one article."""

    id: Optional[str] = None
    title: Optional[str] = None
    publish_date: Optional[str] = None
    source: Optional[str] = None
    bylines: list[Byline] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    slogans: list[Slogan] = field(default_factory=list)
    documents: list[PolicyDocument] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    title_span: Optional[Span] = None
    publish_date_span: Optional[Span] = None
    source_span: Optional[Span] = None
    text: str = ""
    warnings: list[ExtractionWarning] = field(default_factory=list)
    error: Optional[str] = field(default=None, metadata=config(exclude=lambda v: v is None))

    def to_json(self, *, ensure_ascii: bool = False, **kwargs: Any) -> str:
        """JSON with Chinese kept as written (dataclasses-json escapes it by default)."""
        return json.dumps(self.to_dict(encode_json=False), ensure_ascii=ensure_ascii, **kwargs)

    def spans(self) -> list[tuple[str, Span]]:
        """Every span the document carries, labelled with its record type."""
        found: list[tuple[str, Span]] = []
        for label, span in (
            ("title", self.title_span),
            ("publish_date", self.publish_date_span),
            ("source", self.source_span),
        ):
            if span is not None:
                found.append((label, span))
        for label in RECORD_TYPES:
            for record in getattr(self, label):
                for span in _record_spans(record):
                    found.append((label, span))
        return found

    def _repr_html_(self) -> str:
        """Notebook view: the text with records highlighted by type, and a table per record type."""
        from qextract.display import document_html  # lazy: the records module stays import-light

        return document_html(self)


def _record_spans(record: Any) -> list[Span]:
    spans: list[Span] = []
    span = getattr(record, "span", None)
    if span is not None:
        spans.append(span)
    spans.extend(getattr(record, "mentions", ()))
    spans.extend(getattr(record, "item_spans", ()))
    return spans
