"""What the reliability tests share: example budgets, input pieces and the checks every Document must pass."""

from __future__ import annotations

import os
import re
from typing import Any, Collection

from hypothesis import HealthCheck, settings

from qextract import errors
from qextract.records import RECORD_TYPES, Document
from qextract.text import normalise

from ..conftest import ARTICLES

ARTICLE_TEXTS = [path.read_text(encoding="utf-8") for path in ARTICLES]

# QEXTRACT_HYPOTHESIS_SCALE=10 runs ten times the examples (a deep run before a
# release); the default keeps the whole test run well inside CI's budget.
_SCALE = float(os.environ.get("QEXTRACT_HYPOTHESIS_SCALE", "1"))


def budget(examples: int) -> settings:
    """Hypothesis settings for ``examples`` examples (times the scale), no deadline: CI machines vary."""
    return settings(
        max_examples=max(1, int(examples * _SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# Repairs that judge a whole line (or several): a piece cut from a line can be
# judged differently from the line it was cut from.
LINE_JUDGED = frozenset(
    {errors.W_SPAM_LINE, errors.W_FURNITURE, errors.W_IMAGE_NAME, errors.W_RELATED_LIST, errors.W_FORUM_THREAD, errors.W_DUPLICATE_BODY, errors.W_HARD_WRAP,
     errors.W_MARKDOWN, errors.W_LOST_BREAKS, errors.W_CONTAINER, errors.W_TABLE_CELLS, errors.W_PAGE_BREAK, errors.W_COLUMN_JUMP,
     errors.W_SCRIPT_CODE}
)
# Repairs that judge the whole page: a running head is one because another page prints it too, a
# footnote because the text above it uses its mark, a column's two parts by their two marks.
PAGE_JUDGED = frozenset({errors.W_PAGE_BREAK, errors.W_COLUMN_JUMP})
_LINE_BREAK = re.compile(r"[\r\n]")


def _raw_ranges(document: Document, kinds: Collection[str]) -> list[tuple[int, int]]:
    """The raw ranges of the document's warnings of ``kinds``."""
    return [(warning.raw_start, warning.raw_end) for warning in document.warnings if warning.kind in kinds]


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(low < end and start < high for low, high in ranges)


def check_document(raw: str, document: Document) -> int:
    """Assert the span and warning invariants of ``document`` extracted from ``raw``; the spans checked.

    Every span's clean text is ``document.text[start:end]``, and its raw range
    normalises to it. The latter holds for the raw range alone, unless a
    line-level repair judged the cut-out piece differently from the whole
    line it sits on (a fragment of a prose line can look like a spam line), or
    the span holds part of a garbled run that was re-decoded as a whole; then
    it holds for the span's lines normalised together (see docs/reliability.md).
    """
    assert document.error is None
    for warning in document.warnings:
        assert warning.kind in errors.WARNING_CODES, warning
        assert (warning.raw_start, warning.raw_end) == (-1, -1) or 0 <= warning.raw_start <= warning.raw_end <= len(raw)
    spans = document.spans()
    repaired_runs = _raw_ranges(document, {errors.W_MOJIBAKE_REPAIRED})
    line_judged = _raw_ranges(document, LINE_JUDGED)
    for label, span in spans:
        assert document.text[span.start : span.end] == span.text, (label, span)
        assert 0 <= span.raw_start <= span.raw_end <= len(raw), (label, span)
        cut = normalise(raw[span.raw_start : span.raw_end])
        if cut.text == span.text.strip():
            continue
        # a whole-line judgement on the piece, or a garbled run read as a whole of which the span holds a piece
        wrapped = any(warning.kind == errors.W_HARD_WRAP for warning in document.warnings)
        judged = (
            {warning.kind for warning in cut.warnings} & LINE_JUDGED
            # the page's line holding the span was judged whole (a table row's bars, read only with both ends)
            or _overlaps(span.raw_start, span.raw_end, line_judged)
            or _overlaps(span.raw_start, span.raw_end, repaired_runs)
            or (wrapped and "\n" in cut.text)  # a joined hard wrap (or a tag read as a break), judged by its paragraph
        )
        assert judged, (label, span, cut.text)
        if _overlaps(span.raw_start, span.raw_end, _raw_ranges(document, PAGE_JUDGED)):
            continue  # judged by the whole page, which the document's own text already is
        in_context = in_line_context(raw, span.raw_start, span.raw_end, paragraph=wrapped)
        if _cuts_a_run(span.raw_start, span.raw_end, repaired_runs, in_context, span.text):
            # A re-decoded run is one segment of the offset map: a span that ends
            # inside it maps to the whole run, the smallest raw range that holds it.
            assert span.text.strip() in in_context, (label, span, in_context)
            continue
        assert in_context == span.text.strip(), (label, span)
    return len(spans)


def _cuts_a_run(raw_start: int, raw_end: int, runs: list[tuple[int, int]], in_context: str, text: str) -> bool:
    """True when a repaired run reaches past an edge of the raw range's span text."""
    touches_edge = any(start < raw_end and raw_start < end and (start <= raw_start or end >= raw_end) for start, end in runs)
    return touches_edge and len(in_context) > len(text.strip())


def in_line_context(raw: str, raw_start: int, raw_end: int, paragraph: bool = False) -> str:
    """The clean text of ``raw[raw_start:raw_end]`` when the whole lines around it are normalised together.

    ``paragraph``: the whole paragraph around it instead (a hard-wrapped line is
    joined only in view of its paragraph's indented first line).
    """
    if paragraph:
        opening = raw.rfind("\n\n", 0, raw_start)
        line_start = opening + 2 if opening != -1 else 0
        closing = raw.find("\n\n", raw_end)
        line_end = closing if closing != -1 else len(raw)
    else:
        line_start = max((m.end() for m in _LINE_BREAK.finditer(raw, 0, raw_start)), default=0)
        following = _LINE_BREAK.search(raw, raw_end)
        line_end = following.start() if following else len(raw)
    lines = normalise(raw[line_start:line_end])
    ranges = lines.offsets.clean_ranges(raw_start - line_start, raw_end - line_start)
    if not ranges:
        return ""
    return lines.text[ranges[0][0] : ranges[-1][1]].strip()


def record_values(document: Document) -> list[tuple[str, str]]:
    """Every record of ``document`` as (type, its values as JSON), spans and offsets left out."""
    import json

    values = [(field, str(getattr(document, field))) for field in ("title", "publish_date", "source")]
    for record_type in RECORD_TYPES:
        for record in getattr(document, record_type):
            data: dict[str, Any] = record.to_dict(encode_json=False)
            for offsets in ("span", "mentions", "item_spans"):
                data.pop(offsets, None)
            values.append((record_type, json.dumps(data, ensure_ascii=False, sort_keys=True)))
    return values
