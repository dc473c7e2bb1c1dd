"""Pipeline(entities="spacy"): entities from a real spaCy pipeline (blank zh + entity ruler)."""

from __future__ import annotations

import pytest

from tests.integrations.extras import needs

needs("spacy")

from qextract import MissingBackendError, Pipeline  # noqa: E402
from qextract.entities.spacy_backend import SpacyEntityRecognizer  # noqa: E402

# 木子川 and 禾苗青 are invented names the package dictionaries do not read as
# persons; only the spaCy pipeline's entity ruler knows them.
TEXT = "示范区市场监管局局长木子川主持会议，副局长禾苗青在青岚市调研。三月，两人再次出席。"


def test_dictionary_alone_misses_the_invented_names():
    names = {official.name for official in Pipeline(["officials"])(TEXT).officials}
    assert "木子川" not in names


def test_spacy_entities_reach_the_officials_matcher(ruler_nlp):
    document = Pipeline(["officials"], entities="spacy", spacy_model=ruler_nlp)(TEXT)
    found = {official.name: official for official in document.officials}
    assert found["木子川"].titles == ["局长"]
    assert found["木子川"].organization == "示范区市场监管局"
    assert found["禾苗青"].titles == ["副局长"]


def test_labels_are_mapped_and_the_rest_dropped(ruler_nlp):
    entities = SpacyEntityRecognizer(ruler_nlp).recognize(TEXT)
    labels = {entity.text: entity.label for entity in entities}
    assert labels["木子川"] == "PERSON"
    assert labels["示范区市场监管局"] == "ORG"
    assert labels["青岚市"] == "LOC"  # GPE
    assert "三月" not in labels  # DATE: dates are the dates matcher's work
    assert all(TEXT[entity.start : entity.end] == entity.text for entity in entities)


def test_label_overrides(ruler_nlp):
    entities = SpacyEntityRecognizer(ruler_nlp, labels={"GPE": None}).recognize(TEXT)
    assert "青岚市" not in {entity.text for entity in entities}


def test_offsets_survive_sentence_batching(ruler_nlp):
    text = "。".join(["会议由木子川主持"] * 40) + "。"
    entities = SpacyEntityRecognizer(ruler_nlp, max_chars=30, batch_size=4).recognize(text)
    persons = [entity for entity in entities if entity.label == "PERSON"]
    assert len(persons) == 40
    assert all(text[entity.start : entity.end] == "木子川" for entity in persons)


def test_worker_processes_use_the_same_backend(ruler_nlp):
    pipeline = Pipeline(["officials"], entities="spacy", spacy_model=ruler_nlp)
    documents = list(pipeline.pipe([TEXT, TEXT], n_process=2, batch_size=1))
    assert all("木子川" in {official.name for official in document.officials} for document in documents)


def test_a_pipeline_name_that_is_not_installed_is_named_in_the_error():
    with pytest.raises(MissingBackendError, match="zh_not_a_real_pipeline"):
        Pipeline(entities="spacy", spacy_model="zh_not_a_real_pipeline")
