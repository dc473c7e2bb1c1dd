"""Plain-text rendering of an :class:`~qextract.evaluate.report.EvaluationReport`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from qextract.evaluate.report import DocumentDetail, EvaluationReport


def _number(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.3f}"


def _score_table(report: "EvaluationReport") -> list[str]:
    header = f"{'type':<12}{'gold':>7}{'pred':>7}{'tp':>7}{'fp':>7}{'fn':>7}{'P':>8}{'R':>8}{'F1':>8}"
    lines = [header, "-" * len(header)]
    rows = list(report.scores.items()) + [("all", report.overall)]
    for name, score in rows:
        if name == "all":
            lines.append("-" * len(header))
        lines.append(
            f"{name:<12}{score.gold:>7}{score.predicted:>7}{score.tp:>7}{score.fp:>7}{score.fn:>7}"
            f"{score.precision:>8.3f}{score.recall:>8.3f}{score.f1:>8.3f}"
        )
    return lines


def _agreement_table(title: str, rows: list[tuple[str, Any]], count_label: str) -> list[str]:
    header = f"{title:<24}{count_label:>9}{'agree':>9}{'share':>8}"
    lines = [header, "-" * len(header)]
    for name, agreement in rows:
        lines.append(f"{name:<24}{agreement.compared:>9}{agreement.agreed:>9}{_number(agreement.share):>8}")
    return lines


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _plain(value: Any) -> str:
    return "null" if value is None else str(value)


def describe_record(record_type: str, record: dict) -> str:
    """A one-line label for a record in debugging output."""

    def get(key: str) -> str:
        return _plain(record.get(key))

    if record_type == "meetings":
        return f"{get('name')} ({get('date')})"
    if record_type == "officials":
        return f"{get('name')} {_show(record.get('titles'))} {get('organization')}"
    if record_type == "dates":
        return f"{get('value')} ({get('text')})"
    if record_type == "slogans":
        return f"{get('text')} [{get('kind')}]"
    if record_type == "documents":
        return f"《{get('title')}》"
    if record_type == "statistics":
        return f"{get('text')} = {get('value')} {get('unit')} ({get('subject')})"
    return f"{get('name')} ({get('role')})"


def _document_lines(document: "DocumentDetail") -> list[str]:
    lines = []
    if document.status != "ok":
        # The header of a missing or failed prediction is wrong by definition.
        lines.append(f"  {document.status}" + (f": {document.error}" if document.error else ""))
    for name, comparison in document.header.items():
        if not comparison["agree"] and document.status == "ok":
            lines.append(f"  header {name}: gold {_show(comparison['gold'])} | pred {_show(comparison['predicted'])}")
    for record_type, detail in document.types.items():
        for record in detail.missed:
            lines.append(f"  {record_type} missed: {describe_record(record_type, record)}")
        for record in detail.spurious:
            lines.append(f"  {record_type} spurious: {describe_record(record_type, record)}")
        for pair in detail.matched:
            for name in pair.disagreements():
                lines.append(
                    f"  {record_type} {describe_record(record_type, pair.gold)}: {name} "
                    f"gold {_show(pair.gold.get(name))} | pred {_show(pair.predicted.get(name))}"
                )
    return lines


def render_report(report: "EvaluationReport", verbose: bool = False) -> str:
    lines = [f"documents: {len(report.documents)}"]
    for label, ids in (
        ("no prediction", report.missing_predictions),
        ("prediction failed", report.failed_predictions),
        ("predictions without gold (not scored)", report.unscored_predictions),
    ):
        if ids:
            lines.append(f"{label}: {len(ids)} ({', '.join(ids[:10])}{', ...' if len(ids) > 10 else ''})")
    lines.append("")
    lines.extend(_score_table(report))
    lines.append("")
    field_rows = [
        (f"{record_type}.{name}", agreement)
        for record_type, agreements in report.fields.items()
        for name, agreement in agreements.items()
    ]
    lines.extend(_agreement_table("field", field_rows, "pairs"))
    lines.append("")
    lines.extend(_agreement_table("header", list(report.header.items()), "docs"))
    if verbose:
        for document in report.documents:
            problems = _document_lines(document)
            if problems:
                lines.append("")
                lines.append(f"== {document.id}")
                lines.extend(problems)
    return "\n".join(lines) + "\n"
