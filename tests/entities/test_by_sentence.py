"""Persons read sentence by sentence are the persons of the whole text."""

from __future__ import annotations

from pathlib import Path

import pytest

from qextract.entities.by_sentence import DocumentEntities
from qextract.entities.dictionary import DictionaryEntityRecognizer
from qextract.entities.types import LOC, ORG, PERSON, TITLE, Entity
from qextract.text.normalise import normalise

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"
TEXT = (
    "3月5日上午，省市场监管局局长刘建华主持召开全省质量工作会议。\n"
    "会上，王益群、李明和司马文涛作交流发言；\n"
    "刘建华强调，要抓好落实。来宾参观了展厅。"
)


@pytest.fixture(scope="module")
def recognizer() -> DictionaryEntityRecognizer:
    return DictionaryEntityRecognizer()


def _persons(entities: list[Entity]) -> list[str]:
    return [entity.value for entity in entities if entity.label == PERSON]


def test_sentences_read_one_by_one_give_the_whole_text(recognizer: DictionaryEntityRecognizer) -> None:
    whole = recognizer.entities_of(TEXT).everything()
    lazy = recognizer.entities_of(TEXT)
    offsets = [TEXT.index(mark) for mark in ("刘建华强调", "王益群", "3月5日")]  # out of order on purpose
    collected = []
    for offset in offsets:
        collected += lazy.persons_at([offset])
    assert sorted(_persons(collected)) == sorted(_persons(whole))
    assert lazy.everything() == whole


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt"))[:12], ids=lambda path: path.stem)
def test_fixture_articles_read_by_sentence_match_the_whole(recognizer: DictionaryEntityRecognizer, path: Path) -> None:
    text = normalise(path.read_text(encoding="utf-8")).text
    whole = recognizer.recognize(text)
    lazy = recognizer.entities_of(text)
    # every sentence on its own, last first: none is left for everything() to read in one run
    sentence_starts = [0] + [offset + 1 for offset, char in enumerate(text) if char in "。！？!?；;\n"]
    read_alone = []
    for start in reversed(sentence_starts):
        if start < len(text):
            read_alone += lazy.persons_at([start])
    assert sorted(read_alone, key=lambda entity: entity.start) == [entity for entity in whole if entity.label == PERSON]
    assert lazy.everything() == whole


def test_only_sentences_with_a_post_are_read_for_appointments(recognizer: DictionaryEntityRecognizer) -> None:
    entities = recognizer.entities_of(TEXT).in_sentences_with(TITLE)
    assert "刘建华" in _persons(entities)
    assert "李明" not in _persons(entities)  # the second sentence holds no post
    assert all(entity.start < TEXT.index("\n") for entity in entities)


def test_a_place_gives_way_to_a_person_over_it() -> None:
    text = "王益群同志讲话。"
    entities = DocumentEntities(text, [], [Entity(0, 2, LOC, "王益")], read_persons=lambda low, high: [Entity(0, 3, PERSON, "王益群")])
    assert [entity.label for entity in entities.everything()] == [PERSON]


def test_a_whole_list_from_another_backend_answers_every_question() -> None:
    text = "局长张三讲话。李四出席。"
    listed = [Entity(0, 2, TITLE, "局长"), Entity(2, 4, PERSON, "张三"), Entity(7, 9, PERSON, "李四"), Entity(9, 11, ORG, "出席")]
    entities = DocumentEntities.of(text, listed)
    assert entities.everything() == sorted(listed, key=lambda entity: entity.start)
    assert _persons(entities.persons_at([8])) == ["李四"]
    assert _persons(entities.in_sentences_with(TITLE)) == ["张三"]
