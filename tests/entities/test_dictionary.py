import json
from pathlib import Path

import pytest

from qextract.entities import DictionaryEntityRecognizer, EntityRecognizer
from tests.golden import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "entities.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def recognizer():
    return DictionaryEntityRecognizer()


@pytest.mark.parametrize("case", case_params(CASES, "positive", "negative", "known_failures", label="text"))
def test_entities(recognizer, case):
    found = {(entity.label, entity.text) for entity in recognizer.recognize(case["text"])}
    for label, text in case.get("entities", []):
        assert (label, text) in found, sorted(found)
    for label, text in case.get("absent", []):
        assert (label, text) not in found, sorted(found)


def test_spans_are_sorted_disjoint_and_point_into_the_text(recognizer):
    text = "省委常委、市委书记赵志明和市政府副市长刘建华在桐乡考察华纺(集团)股份有限公司。"
    entities = recognizer.recognize(text)
    assert isinstance(recognizer, EntityRecognizer)
    assert all(text[e.start : e.end] == e.text for e in entities)
    assert all(left.end <= right.start for left, right in zip(entities, entities[1:]))


def test_spaced_name_is_normalised(recognizer):
    persons = [e for e in recognizer.recognize("副县长 黄 杰 出席会议。") if e.label == "PERSON"]
    assert [p.value for p in persons] == ["黄杰"]


def test_letter_spaced_minority_name_is_normalised(recognizer):
    persons = [e for e in recognizer.recognize("副州长扎 西 才 让出席会议。") if e.label == "PERSON"]
    assert [p.value for p in persons] == ["扎西才让"]


def test_post_categories(recognizer):
    kinds = {e.text: e.kind for e in recognizer.recognize("记者王小明采访了董事长李强和副市长张伟。") if e.label == "TITLE"}
    assert kinds == {"记者": "occupation", "董事长": "enterprise", "副市长": "gov"}
