"""Pipeline(entities="hanlp"): a real HanLP model, trained and saved by the suite, loaded from disk."""

from __future__ import annotations

import pytest

from tests.integrations.extras import needs

needs("hanlp")

from qextract import MissingBackendError, Pipeline  # noqa: E402
from qextract.entities.hanlp_backend import HanLPEntityRecognizer  # noqa: E402

# Built from the training frames with names the package dictionaries do not
# read as persons (木子川, 云朵朵): only the model can find them.
TEXT = "会上，木子川指出要抓好质量安全。云朵朵在成都市调研质量工作。"


def test_model_entities_come_back_with_clean_text_offsets(hanlp_model_dir):
    recognizer = HanLPEntityRecognizer(str(hanlp_model_dir), tokens="char")
    entities = recognizer.recognize(TEXT)
    found = {(entity.label, entity.text) for entity in entities}
    assert ("PERSON", "木子川") in found  # NR
    assert ("PERSON", "云朵朵") in found
    assert ("LOC", "成都市") in found  # NS
    assert all(TEXT[entity.start : entity.end] == entity.text for entity in entities)
    assert all(left.end <= right.start for left, right in zip(entities, entities[1:]))


def test_pipeline_reads_officials_with_model_names_and_dictionary_posts(hanlp_model_dir):
    pipeline = Pipeline(["officials"], entities="hanlp", hanlp_model=hanlp_model_dir, entity_options={"tokens": "char"})
    document = pipeline("副局长禾苗青介绍了杭州市市场监管局的做法。")
    assert [(official.name, official.titles) for official in document.officials] == [("禾苗青", ["副局长"])]


def test_an_already_loaded_component_is_accepted(hanlp_model_dir):
    import hanlp

    component = hanlp.load(str(hanlp_model_dir), verbose=False)
    entities = HanLPEntityRecognizer(component, tokens="char", batch_size=1).recognize(TEXT)
    assert "木子川" in {entity.text for entity in entities}


def test_word_tokens_give_valid_offsets(hanlp_model_dir):
    # The model was trained on characters, so its word-level answers are poor;
    # what must hold is that every offset points at the text it claims.
    entities = HanLPEntityRecognizer(hanlp_model_dir, tokens="word").recognize(TEXT)
    assert all(TEXT[entity.start : entity.end] == entity.text for entity in entities)


def test_uncached_identifier_is_named_and_nothing_is_downloaded(tmp_path, monkeypatch):
    monkeypatch.setenv("HANLP_HOME", str(tmp_path))
    with pytest.raises(MissingBackendError, match="MSRA_NER_ELECTRA_SMALL_ZH"):
        HanLPEntityRecognizer("MSRA_NER_ELECTRA_SMALL_ZH")


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(MissingBackendError, match="no_such_model"):
        Pipeline(entities="hanlp", hanlp_model=str(tmp_path / "no_such_model"))
