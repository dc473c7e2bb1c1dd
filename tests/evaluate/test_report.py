"""The report object: tables, dict form and per-document details."""

import json
from pathlib import Path

import pytest

from qextract.evaluate import RECORD_TYPES, evaluate, load_gold, load_predictions
from qextract.evaluate.report import TypeScore

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def report():
    return evaluate(load_gold(DATA / "gold"), load_predictions(DATA / "predictions.jsonl"))


def test_table_has_one_row_per_type_and_a_total(report):
    table = report.table()
    rows = [line.split()[0] for line in table.splitlines() if line.split() and line.split()[0] in RECORD_TYPES + ("all",)]
    assert rows == list(RECORD_TYPES) + ["all"]
    assert "statistics.subject" in table
    assert "publish_date" in table
    assert "missed" not in table


def test_table_rows_are_fixed_width(report):
    score_lines = [line for line in report.table().splitlines() if line.split() and line.split()[0] in RECORD_TYPES]
    assert len({len(line) for line in score_lines}) == 1


def test_verbose_table_lists_misses_spurious_and_disagreements(report):
    table = report.table(verbose=True)
    assert "== t01_district_meeting" in table
    assert "officials missed: 汤秋云" in table
    assert "documents spurious: 《标准化法》" in table
    assert "attendees" in table
    assert "== t03_small" in table and "missing" in table
    assert "error: could not decode" in table


def test_to_dict_is_json_and_complete(report):
    summary = json.loads(json.dumps(report.to_dict()))
    assert set(summary["types"]) == set(RECORD_TYPES)
    assert summary["types"]["meetings"] == {
        "gold": 2, "predicted": 3, "tp": 2, "fp": 1, "fn": 0,
        "precision": pytest.approx(2 / 3), "recall": 1.0, "f1": pytest.approx(0.8),
    }
    assert summary["fields"]["slogans"]["items"] == {"compared": 2, "agreed": 1, "share": 0.5}
    assert summary["header"]["source"]["share"] == 0.0
    assert summary["documents"] == 3
    assert "dates" not in summary["fields"]


def test_details_show_pairs_and_field_verdicts(report):
    details = {document["id"]: document for document in report.details()}
    meetings = details["t01_district_meeting"]["types"]["meetings"]
    assert [pair["predicted"]["name"] for pair in meetings["matched"]] == ["标准化工作推进会", "座谈"]
    assert meetings["matched"][0]["fields"]["attendees"] is False
    assert meetings["spurious"][0]["name"] == "表彰大会"
    assert "span" not in meetings["matched"][0]["predicted"]
    assert details["t03_small"]["status"] == "missing"
    assert details["t02_empty"]["header"]["title"] == {"gold": None, "predicted": None, "agree": False}


@pytest.mark.parametrize(
    "gold,predicted,tp,expected",
    [(0, 0, 0, (1.0, 1.0, 1.0)), (3, 0, 0, (1.0, 0.0, 0.0)), (0, 2, 0, (0.0, 1.0, 0.0)), (4, 2, 2, (1.0, 0.5, 2 / 3))],
)
def test_score_conventions(gold, predicted, tp, expected):
    score = TypeScore(gold=gold, predicted=predicted, tp=tp)
    assert (score.precision, score.recall, score.f1) == pytest.approx(expected)
