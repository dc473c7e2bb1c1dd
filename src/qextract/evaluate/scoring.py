"""Load answer keys and predictions, and score predictions against the keys."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any, Optional, Union

from qextract.evaluate.agreement import HEADER_FIELDS, field_agreement, header_agrees
from qextract.evaluate.matching import RECORD_TYPES, match_records, records_of
from qextract.evaluate.report import DocumentDetail, EvaluationReport, MatchedPair, TypeDetail, TypeScore

PathLike = Union[str, Path]


def load_gold(directory: PathLike) -> dict[str, dict]:
    """Every ``*.json`` answer key in ``directory``, keyed by its ``id`` (the file stem if absent)."""
    gold: dict[str, dict] = {}
    for path in sorted(Path(directory).glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            document = json.load(handle)
        if not isinstance(document, dict) or "$schema" in document:
            continue
        identifier = document.get("id") or path.stem
        gold[str(identifier)] = document
    return gold


def load_predictions(path: PathLike) -> dict[str, dict]:
    """A JSONL file of Document JSON, one per line, keyed by ``id``.

    Blank lines are skipped; a line that is not a JSON object raises
    ValueError naming the line; a line without an id is skipped with a
    warning; when an id repeats, the last line wins.
    """
    predictions: dict[str, dict] = {}
    with Path(path).open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                document = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{line_number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(document, dict):
                raise ValueError(f"{path}:{line_number}: expected a JSON object")
            identifier = document.get("id")
            if identifier is None or identifier == "":
                warnings.warn(f"{path}:{line_number}: prediction without an id is not scored", stacklevel=2)
                continue
            identifier = str(identifier)
            if identifier in predictions:
                warnings.warn(f"{path}:{line_number}: id {identifier} repeats; the last line is used", stacklevel=2)
            predictions[identifier] = document
    return predictions


def evaluate(gold: dict[str, dict], predicted: dict[str, dict]) -> EvaluationReport:
    """Score ``predicted`` against ``gold``; both are keyed by article id.

    Only gold articles are scored: a gold article without a prediction, or
    whose prediction carries an ``error``, counts as an article with no
    records (all its gold records missed) and a wrong header.
    """
    report = EvaluationReport.empty()
    for identifier in sorted(gold):
        prediction = predicted.get(identifier)
        detail = _score_document(report, identifier, gold[identifier], prediction)
        report.documents.append(detail)
        if detail.status == "missing":
            report.missing_predictions.append(identifier)
        elif detail.status == "error":
            report.failed_predictions.append(identifier)
    report.unscored_predictions = sorted(identifier for identifier in predicted if identifier not in gold)
    return report


def _status(prediction: Any) -> tuple[str, Optional[str]]:
    if not isinstance(prediction, dict):
        return "missing", None
    error = prediction.get("error")
    if error is not None:
        return "error", str(error)
    return "ok", None


def _score_document(
    report: EvaluationReport, identifier: str, gold: Any, prediction: Any
) -> DocumentDetail:
    status, error = _status(prediction)
    usable = prediction if status == "ok" else None
    gold_document = gold if isinstance(gold, dict) else {}
    detail = DocumentDetail(id=identifier, status=status, error=error)
    for name in HEADER_FIELDS:
        gold_value = gold_document.get(name)
        predicted_value = usable.get(name) if usable is not None else None
        agrees = usable is not None and header_agrees(gold_value, predicted_value)
        report.header[name].count(agrees)
        detail.header[name] = {"gold": gold_value, "predicted": predicted_value, "agree": agrees}
    for record_type in RECORD_TYPES:
        detail.types[record_type] = _score_type(report, record_type, gold_document, usable)
    return detail


def _score_type(
    report: EvaluationReport, record_type: str, gold_document: dict, prediction: Optional[dict]
) -> TypeDetail:
    gold_records = records_of(gold_document, record_type)
    predicted_records = records_of(prediction, record_type)
    result = match_records(record_type, gold_records, predicted_records)
    report.scores[record_type].add(TypeScore(gold=len(gold_records), predicted=len(predicted_records), tp=len(result.pairs)))
    detail = TypeDetail(
        missed=[gold_records[index] for index in result.missed],
        spurious=[predicted_records[index] for index in result.spurious],
    )
    agreements = report.fields[record_type]
    for gold_index, predicted_index in result.pairs:
        gold_record, predicted_record = gold_records[gold_index], predicted_records[predicted_index]
        verdicts = field_agreement(record_type, gold_record, predicted_record)
        for name, agrees in verdicts.items():
            agreements[name].count(agrees)
        detail.matched.append(MatchedPair(gold=gold_record, predicted=predicted_record, fields=verdicts))
    return detail
