"""Loading gold and predictions, and scoring a prediction set end to end."""

import json
import random
from pathlib import Path

import pytest

from qextract.evaluate import RECORD_TYPES, evaluate, load_gold, load_predictions

DATA = Path(__file__).parent / "data"
GOLD_DIR = DATA / "gold"
EXPECTED = json.loads((DATA / "expected_report.json").read_text(encoding="utf-8"))


def _write_jsonl(path, documents):
    with path.open("w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def gold():
    return load_gold(GOLD_DIR)


@pytest.fixture(scope="module")
def report(gold):
    return evaluate(gold, load_predictions(DATA / "predictions.jsonl"))


# --- loading ---------------------------------------------------------------


def test_load_gold_keys_by_id(gold):
    assert sorted(gold) == ["t01_district_meeting", "t02_empty", "t03_small"]


def test_load_gold_falls_back_to_the_file_name(tmp_path):
    (tmp_path / "a1.json").write_text(json.dumps({"meetings": []}), encoding="utf-8")
    (tmp_path / "notes.md").write_text("not gold", encoding="utf-8")
    assert list(load_gold(tmp_path)) == ["a1"]


def test_load_predictions_skips_blank_lines_and_keeps_error_lines():
    predictions = load_predictions(DATA / "predictions.jsonl")
    assert sorted(predictions) == ["t01_district_meeting", "t02_empty", "t99_not_in_gold"]
    assert predictions["t02_empty"]["error"]


def test_load_predictions_rejects_broken_json(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "a"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=":2:"):
        load_predictions(path)


def test_load_predictions_warns_on_missing_and_repeated_ids(tmp_path):
    path = _write_jsonl(tmp_path / "p.jsonl", [{"title": "甲"}, {"id": "a", "title": "乙"}, {"id": "a", "title": "丙"}])
    with pytest.warns(UserWarning) as caught:
        predictions = load_predictions(path)
    assert len(caught) == 2
    assert predictions == {"a": {"id": "a", "title": "丙"}}


# --- scoring ---------------------------------------------------------------


def test_counts_per_type(report):
    for record_type, (gold_count, predicted_count, tp) in EXPECTED["types"].items():
        score = report.scores[record_type]
        assert (score.gold, score.predicted, score.tp) == (gold_count, predicted_count, tp), record_type
        assert score.fp == predicted_count - tp and score.fn == gold_count - tp


def test_field_agreement(report):
    for key, (compared, agreed) in EXPECTED["fields"].items():
        record_type, field_name = key.split(".")
        agreement = report.fields[record_type][field_name]
        assert (agreement.compared, agreement.agreed) == (compared, agreed), key


def test_header_accuracy(report):
    for field_name, (compared, agreed) in EXPECTED["header"].items():
        assert (report.header[field_name].compared, report.header[field_name].agreed) == (compared, agreed), field_name


def test_document_status_lists(report):
    assert report.missing_predictions == EXPECTED["missing_predictions"]
    assert report.failed_predictions == EXPECTED["failed_predictions"]
    assert report.unscored_predictions == EXPECTED["unscored_predictions"]


def _label(record_type, record):
    if record_type == "dates":
        return record["value"]
    if record_type == "slogans":
        return record["text"]
    if record_type == "statistics":
        return record["subject"]
    if record_type == "bylines":
        return f"{record['name']}/{record['role']}"
    return record.get("name") or record.get("title")


def test_missed_records_are_listed(report):
    by_id = {document.id: document for document in report.documents}
    for identifier, expected_by_type in EXPECTED["missed"].items():
        for record_type in RECORD_TYPES:
            missed = [_label(record_type, record) for record in by_id[identifier].types[record_type].missed]
            assert missed == expected_by_type.get(record_type, []), record_type


def test_micro_average(report):
    statistics = report.scores["statistics"]
    assert statistics.precision == pytest.approx(3 / 4)
    assert statistics.recall == pytest.approx(3 / 6)
    assert statistics.f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)


def test_missing_document_counts_as_all_missed(gold):
    report = evaluate(gold, {})
    for record_type in RECORD_TYPES:
        score = report.scores[record_type]
        assert score.tp == 0 and score.predicted == 0
        assert score.recall == (1.0 if score.gold == 0 else 0.0)
    assert report.missing_predictions == sorted(gold)
    assert all(agreement.agreed == 0 for agreement in report.header.values())


def test_empty_article_scores_perfectly_when_nothing_is_predicted(gold):
    empty = {"t02_empty": gold["t02_empty"]}
    report = evaluate(empty, {"t02_empty": {"id": "t02_empty", "title": None, "meetings": []}})
    assert all(score.f1 == 1.0 for score in report.scores.values())
    assert all(agreement.share == 1.0 for agreement in report.header.values())


def test_spurious_predictions_in_an_empty_article(gold):
    empty = {"t02_empty": gold["t02_empty"]}
    report = evaluate(empty, {"t02_empty": {"id": "t02_empty", "slogans": [{"text": "质量月", "kind": "quoted"}]}})
    slogans = report.scores["slogans"]
    assert (slogans.gold, slogans.predicted, slogans.tp) == (0, 1, 0)
    assert (slogans.precision, slogans.recall, slogans.f1) == (0.0, 1.0, 0.0)


def test_nulls_and_odd_shapes_do_not_crash(gold):
    prediction = {
        "id": "t01_district_meeting",
        "title": 5,
        "meetings": [{"name": None, "date": None, "chairs": None, "attendees": [None, {"name": "顾明哲"}]}],
        "officials": [{"name": "顾明哲", "titles": None, "organization": None}, {}],
        "dates": None,
        "slogans": [{"text": "三个提升", "kind": None, "items": "not a list"}],
        "documents": [None, {"kind": "plan"}],
        "statistics": [{"value": "many", "unit": None}, {"value": float("nan")}, {"value": True}],
        "bylines": [{"name": None, "role": None}],
    }
    report = evaluate({"t01_district_meeting": gold["t01_district_meeting"]}, {"t01_district_meeting": prediction})
    assert report.scores["officials"].tp == 1
    assert report.scores["slogans"].tp == 1
    json.dumps(report.to_dict())
    json.dumps(report.details(), ensure_ascii=False)
    assert report.table(verbose=True)


# --- self-evaluation -------------------------------------------------------


def _assert_perfect(report):
    for record_type, score in report.scores.items():
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), record_type
    for record_type, agreements in report.fields.items():
        for field_name, agreement in agreements.items():
            assert agreement.compared > 0, f"{record_type}.{field_name} not exercised by the fixtures"
            assert agreement.share == 1.0, f"{record_type}.{field_name}"
    for field_name, agreement in report.header.items():
        assert agreement.share == 1.0, field_name
    for document in report.documents:
        for detail in document.types.values():
            assert all(pair.gold == pair.predicted for pair in detail.matched)


def test_gold_against_itself_is_perfect(gold, tmp_path):
    path = _write_jsonl(tmp_path / "self.jsonl", gold.values())
    _assert_perfect(evaluate(gold, load_predictions(path)))


def test_gold_against_itself_is_perfect_in_any_record_order(gold, tmp_path):
    shuffler = random.Random(7)
    shuffled = []
    for document in gold.values():
        copy = json.loads(json.dumps(document))
        for record_type in RECORD_TYPES:
            shuffler.shuffle(copy.get(record_type, []))
        shuffled.append(copy)
    path = _write_jsonl(tmp_path / "shuffled.jsonl", shuffled)
    _assert_perfect(evaluate(gold, load_predictions(path)))


def test_result_does_not_depend_on_dict_order(gold):
    predictions = load_predictions(DATA / "predictions.jsonl")
    forward = evaluate(gold, predictions).to_dict()
    backward = evaluate(dict(reversed(list(gold.items()))), dict(reversed(list(predictions.items())))).to_dict()
    assert forward == backward
