"""Scoring qextract output against gold answer keys (see docs/evaluation.md).

>>> from qextract.evaluate import load_gold, load_predictions, evaluate
>>> report = evaluate(load_gold("gold/"), load_predictions("pred.jsonl"))  # doctest: +SKIP
>>> print(report.table())  # doctest: +SKIP
"""

from qextract.evaluate.matching import RECORD_TYPES
from qextract.evaluate.report import EvaluationReport
from qextract.evaluate.scoring import evaluate, load_gold, load_predictions

__all__ = ["RECORD_TYPES", "EvaluationReport", "evaluate", "load_gold", "load_predictions"]
