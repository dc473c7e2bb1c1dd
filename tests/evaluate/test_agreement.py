"""Field agreement of matched pairs: the 'field:' rules of data/rules.json."""


import pytest

from qextract.evaluate.agreement import FIELD_CHECKS, field_agreement, header_agrees, titles_equivalent
from qextract.evaluate.matching import records_of

from rule_cases import RULES, rule_cases as _cases


@pytest.mark.parametrize("case,expected", _cases("field:"))
def test_field_rule(case, expected):
    record_type, field_name = case["check"].split(":", 1)[1].split(".")
    gold = records_of({record_type: [case["gold"]]}, record_type)[0]
    predicted = records_of({record_type: [case["predicted"]]}, record_type)[0]
    assert field_agreement(record_type, gold, predicted)[field_name] is expected


def test_every_field_has_a_positive_and_a_negative_case():
    for group in ("positive", "negative"):
        checked = {case["check"] for case in RULES[group]}
        for record_type, checks in FIELD_CHECKS.items():
            for field_name in checks:
                assert f"field:{record_type}.{field_name}" in checked, (group, record_type, field_name)


def test_items_do_not_apply_to_quoted_slogans():
    gold = {"text": "质量月", "kind": "quoted", "items": None}
    predicted = {"text": "质量月", "kind": "quoted", "items": None}
    assert field_agreement("slogans", gold, predicted) == {"kind": True}


def test_types_without_fields_report_none():
    assert field_agreement("dates", {"text": "3月", "value": "2024-03"}, {"text": "三月", "value": "2024-03"}) == {}


def test_titles_equivalent_needs_a_known_body_as_prefix():
    assert titles_equivalent("市政府副市长", "副市长", ["市政府"])
    assert not titles_equivalent("南州市委书记", "书记", ["东江省"])
    assert not titles_equivalent("", "", [])


@pytest.mark.parametrize(
    "gold,predicted,expected",
    [
        ("部署 全年任务", "部署  全年任务", True),
        ("部署 全年任务", " 部署 全年任务\n", True),
        ("部署全年任务!", "部署全年任务！", True),
        (None, None, True),
        (None, "", True),
        ("2024-03-12", "2024-03-12T10:05", False),
        ("部署全年任务", "部署全年任务,!", False),
    ],
)
def test_header_agreement(gold, predicted, expected):
    assert header_agrees(gold, predicted) is expected
