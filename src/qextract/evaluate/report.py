"""The evaluation report: counts, scores, field agreement and per-document details."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from qextract.evaluate.agreement import FIELD_CHECKS, HEADER_FIELDS
from qextract.evaluate.matching import RECORD_TYPES
from qextract.evaluate.tables import render_report


@dataclass
class TypeScore:
    """Micro-averaged counts for one record type, summed over articles.

    With nothing predicted, precision is 1 (no false claims); with nothing in
    gold, recall is 1 (nothing missed); F1 is 0 when both are 0.
    """

    gold: int = 0
    predicted: int = 0
    tp: int = 0

    @property
    def fp(self) -> int:
        return self.predicted - self.tp

    @property
    def fn(self) -> int:
        return self.gold - self.tp

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        precision, recall = self.precision, self.recall
        if precision + recall == 0:
            return 0.0
        return 2 * precision * recall / (precision + recall)

    def add(self, other: "TypeScore") -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.tp += other.tp

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Agreement:
    """How many compared values agreed; ``share`` is None when nothing was compared."""

    compared: int = 0
    agreed: int = 0

    @property
    def share(self) -> Optional[float]:
        return self.agreed / self.compared if self.compared else None

    def count(self, agrees: bool) -> None:
        self.compared += 1
        self.agreed += int(agrees)

    def to_dict(self) -> dict[str, Any]:
        return {"compared": self.compared, "agreed": self.agreed, "share": self.share}


@dataclass
class MatchedPair:
    gold: dict
    predicted: dict
    fields: dict[str, bool]

    def disagreements(self) -> list[str]:
        return [name for name, agrees in self.fields.items() if not agrees]


@dataclass
class TypeDetail:
    """What happened to the records of one type in one article."""

    matched: list[MatchedPair] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)


@dataclass
class DocumentDetail:
    """One gold article: its status, header comparison and record outcomes.

    ``status`` is ``"ok"``, ``"missing"`` (no prediction with this id) or
    ``"error"`` (the prediction carries an ``error``); the last two score as
    an article with no records and a wrong header.
    """

    id: str
    status: str = "ok"
    error: Optional[str] = None
    header: dict[str, dict[str, Any]] = field(default_factory=dict)
    types: dict[str, TypeDetail] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "error": self.error,
            "header": self.header,
            "types": {
                record_type: {
                    "matched": [
                        {"gold": pair.gold, "predicted": pair.predicted, "fields": pair.fields}
                        for pair in detail.matched
                    ],
                    "missed": detail.missed,
                    "spurious": detail.spurious,
                }
                for record_type, detail in self.types.items()
            },
        }


@dataclass
class EvaluationReport:
    """Scores of a prediction set against gold, with the evidence behind them."""

    scores: dict[str, TypeScore] = field(default_factory=dict)
    fields: dict[str, dict[str, Agreement]] = field(default_factory=dict)
    header: dict[str, Agreement] = field(default_factory=dict)
    documents: list[DocumentDetail] = field(default_factory=list)
    missing_predictions: list[str] = field(default_factory=list)
    failed_predictions: list[str] = field(default_factory=list)
    unscored_predictions: list[str] = field(default_factory=list)

    @classmethod
    def empty(cls) -> "EvaluationReport":
        return cls(
            scores={record_type: TypeScore() for record_type in RECORD_TYPES},
            fields={record_type: {name: Agreement() for name in FIELD_CHECKS[record_type]} for record_type in RECORD_TYPES},
            header={name: Agreement() for name in HEADER_FIELDS},
        )

    @property
    def overall(self) -> TypeScore:
        """All record types pooled (micro average over every record)."""
        total = TypeScore()
        for score in self.scores.values():
            total.add(score)
        return total

    def to_dict(self) -> dict[str, Any]:
        """Summary numbers as plain JSON-able data (details are in :meth:`details`)."""
        return {
            "documents": len(self.documents),
            "missing_predictions": list(self.missing_predictions),
            "failed_predictions": list(self.failed_predictions),
            "unscored_predictions": list(self.unscored_predictions),
            "types": {record_type: score.to_dict() for record_type, score in self.scores.items()},
            "overall": self.overall.to_dict(),
            "fields": {
                record_type: {name: agreement.to_dict() for name, agreement in agreements.items()}
                for record_type, agreements in self.fields.items()
                if agreements
            },
            "header": {name: agreement.to_dict() for name, agreement in self.header.items()},
        }

    def details(self) -> list[dict[str, Any]]:
        """Per article: header values, matched pairs with field verdicts, missed and spurious records."""
        return [document.to_dict() for document in self.documents]

    def table(self, verbose: bool = False) -> str:
        """Fixed-width tables of scores, field agreement and header accuracy.

        ``verbose`` appends, per article, the missed gold records, the spurious
        predictions, and the fields that disagree in matched pairs.
        """
        return render_report(self, verbose=verbose)
