"""Record matching: the 'match:' rules of data/rules.json, plus greedy and dedupe behaviour."""


import pytest

from qextract.evaluate.matching import RECORD_TYPES, match_records, records_of

from rule_cases import RULES, rule_cases as _cases


def _pairs(record_type, gold_records, predicted_records):
    gold = records_of({record_type: gold_records}, record_type)
    predicted = records_of({record_type: predicted_records}, record_type)
    return match_records(record_type, gold, predicted)


@pytest.mark.parametrize("case,expected", _cases("match:"))
def test_match_rule(case, expected):
    record_type = case["check"].split(":", 1)[1]
    result = _pairs(record_type, [case["gold"]], [case["predicted"]])
    assert (result.pairs == [(0, 0)]) is expected


def test_every_type_has_a_match_rule_case():
    covered = {case["check"].split(":", 1)[1] for case in RULES["positive"] if case["check"].startswith("match:")}
    assert covered == set(RECORD_TYPES)


def test_greedy_prefers_the_closest_slogan():
    gold = [{"text": "护航", "kind": "quoted"}, {"text": "护航、助企、惠民", "kind": "quoted"}]
    predicted = [{"text": "护航、助企、惠民", "kind": "quoted"}]
    result = _pairs("slogans", gold, predicted)
    assert result.pairs == [(1, 0)]
    assert result.missed == [0]


def test_statistics_with_the_same_value_pair_by_subject():
    gold = [
        {"text": "8家", "value": 8, "unit": "家", "subject": "新建实验室"},
        {"text": "8家", "value": 8, "unit": "家", "subject": "通过评审的检测机构"},
    ]
    predicted = [{"text": "8家", "value": 8, "unit": "家", "subject": "检测机构"}]
    assert _pairs("statistics", gold, predicted).pairs == [(1, 0)]


def test_meetings_on_one_day_pair_by_closest_name():
    gold = [
        {"name": "工作推进会", "date": "2024-05-06"},
        {"name": "现场观摩", "date": "2024-05-06"},
    ]
    predicted = [
        {"name": "观摩活动", "date": "2024-05-06"},
        {"name": "推进会议", "date": "2024-05-06"},
    ]
    assert _pairs("meetings", gold, predicted).pairs == [(0, 1), (1, 0)]


def test_name_pass_runs_before_date_pass():
    gold = [{"name": "表彰大会", "date": "2024-05-06"}, {"name": "实地调研", "date": "2024-05-06"}]
    predicted = [{"name": "座谈", "date": "2024-05-06"}, {"name": "表彰大会", "date": None}]
    assert _pairs("meetings", gold, predicted).pairs == [(0, 1), (1, 0)]


def test_matching_is_one_to_one():
    gold = [{"name": "林志远", "titles": []}]
    predicted = [{"name": "林志远", "titles": []}, {"name": "林志远", "titles": ["主任"]}]
    result = _pairs("officials", gold, predicted)
    assert result.pairs == [(0, 0)]
    assert result.spurious == [1]


def test_date_values_count_once_per_article():
    dates = [
        {"text": "6月3日", "value": "2024-06-03"},
        {"text": "当日", "value": "2024-06-03"},
        {"text": "2024年", "value": "2024"},
    ]
    assert [record["text"] for record in records_of({"dates": dates}, "dates")] == ["6月3日", "2024年"]


def test_records_of_tolerates_nulls_and_odd_entries():
    document = {"meetings": None, "officials": [None, "林志远", {"name": "林志远", "span": {"start": 0}}]}
    assert records_of(document, "meetings") == []
    assert records_of(document, "officials") == [{"name": "林志远", "titles": None, "organization": None}]
    assert records_of(None, "dates") == []
    assert records_of({"documents": ["甲办法", {"title": "乙办法", "kind": "measure"}, 3]}, "documents") == [
        {"title": "甲办法"},
        {"title": "乙办法"},
    ]


def test_meetings_flagged_as_only_referenced_are_not_scored():
    meetings = [{"name": "全国质量工作会议", "referenced": True}, {"name": "推进会", "referenced": False}]
    assert [record["name"] for record in records_of({"meetings": meetings}, "meetings")] == ["推进会"]
