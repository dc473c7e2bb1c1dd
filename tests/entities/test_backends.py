"""Backend choice, label mapping, and merging model entities with dictionary posts.

These need no optional package; the real spaCy and HanLP runs are in
tests/integrations/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qextract import ConfigError, MissingBackendError, Pipeline
from qextract.entities.backends import WithDictionaryPosts, build_entity_recognizer, disjoint, map_label, merge_posts, sentence_batches
from qextract.entities.hanlp_backend import entities_from_spans, ner_task
from qextract.entities.types import Entity

CASES = json.loads((Path(__file__).parent / "cases" / "backends.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("theirs, ours", CASES["label_positive"])
def test_label_maps(theirs, ours):
    assert map_label(theirs) == ours


@pytest.mark.parametrize("theirs", CASES["label_negative"])
def test_label_dropped(theirs):
    assert map_label(theirs) is None


def test_overrides_come_first():
    assert map_label("GPE", {"GPE": None}) is None
    assert map_label("PRODUCT", {"PRODUCT": "ORG"}) == "ORG"


def _entities(text, triples):
    return [Entity(start, end, label, text[start:end]) for start, end, label in triples]


def _merge_params():
    for group in ("positive", "negative"):
        for case in CASES[group]:
            yield pytest.param(case, id=f"{group}-{case['why']}")
    for case in CASES["known_failures"]:
        yield pytest.param(case, id=f"known-{case['why']}", marks=pytest.mark.xfail(strict=False))


@pytest.mark.parametrize("case", list(_merge_params()))
def test_merge_posts(case):
    text = case["text"]
    merged = merge_posts(_entities(text, case["model"]), _entities(text, case["posts"]), text)
    assert [[e.start, e.end, e.label] for e in merged] == case["expected"]
    assert all(text[e.start : e.end] == e.text for e in merged)


def test_disjoint_keeps_the_longer_of_overlapping_spans():
    text = "杭州市市场监管局"
    kept = disjoint(_entities(text, [[0, 3, "LOC"], [0, 8, "ORG"]]))
    assert [(e.start, e.end) for e in kept] == [(0, 8)]


def test_sentence_batches_cover_every_sentence_once():
    text = "一二三。四五六。七八九十。"
    groups = list(sentence_batches(text, max_chars=8))
    covered = [sentence.text for group in groups for sentence in group]
    assert covered == ["一二三。", "四五六。", "七八九十。"]
    assert all(sum(s.end - s.start for s in group) <= 8 or len(group) == 1 for group in groups)


def test_token_spans_become_character_offsets():
    text = "会上王建国讲话"
    offsets = [(0, 2), (2, 5), (5, 7)]  # three words
    entities = entities_from_spans(text, offsets, [("王建国", "NR", 1, 2), ("讲话", "DATE", 2, 3), ("x", "NR", 2, 9)])
    assert [(e.start, e.end, e.label, e.text) for e in entities] == [(2, 5, "PERSON", "王建国")]


def test_multi_task_output_picks_an_ner_task():
    output = {"tok/fine": [], "ner/pku": [], "ner/ontonotes": []}
    assert ner_task(output) == "ner/ontonotes"
    assert ner_task(output, "ner/pku") == "ner/pku"
    with pytest.raises(ConfigError):
        ner_task(output, "ner/msra")
    with pytest.raises(ConfigError):
        ner_task({"tok/fine": []})


def test_default_backend_is_the_dictionary():
    assert build_entity_recognizer() is None
    assert build_entity_recognizer("dictionary") is None


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"entities": "crf"}, "unknown entity backend"),
        ({"entities": "spacy"}, "spacy_model"),
        ({"entities": "hanlp"}, "hanlp_model"),
        ({"spacy_model": object()}, "entities='spacy'"),
        ({"entities": 42}, "recognize"),
    ],
)
def test_bad_backend_settings(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        Pipeline(**kwargs)


def test_a_recogniser_object_is_used_as_given():
    class OnlyPersons:
        def recognize(self, text, tokens=None):
            start = text.find("木子川")
            return [Entity(start, start + 3, "PERSON", "木子川")] if start >= 0 else []

    # As given: no posts come from it, so no person has one.
    assert Pipeline(["officials"], entities=OnlyPersons())("副局长木子川出席。").officials == []
    # Wrapped, it gains the dictionary's posts, as the spaCy and HanLP backends do.
    document = Pipeline(["officials"], entities=WithDictionaryPosts(OnlyPersons()))("副局长木子川出席。")
    assert [(official.name, official.titles) for official in document.officials] == [("木子川", ["副局长"])]


def test_missing_or_unknown_models_raise_missing_backend():
    # Without the extras: the package is missing; with them: the model is.
    with pytest.raises(MissingBackendError, match=r"spacy|zh_not_installed"):
        Pipeline(entities="spacy", spacy_model="zh_not_installed")
    with pytest.raises(MissingBackendError, match=r"hanlp|NO_SUCH_MODEL"):
        Pipeline(entities="hanlp", hanlp_model="NO_SUCH_MODEL")
