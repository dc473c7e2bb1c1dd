"""The "qextract" spaCy component: entry point, spans, alignment, displacy, serialisation."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ARTICLES
from tests.integrations.extras import needs

spacy = needs("spacy")

from qextract import Document  # noqa: E402
from qextract.integrations.spacy_component import SPANS_KEY  # noqa: E402

SENTENCE = "2023年5月8日，区市场监管局局长王建国主持召开质量工作会议，副局长李红梅说。"


def test_factory_is_found_through_the_entry_point_in_a_fresh_interpreter():
    # Nothing imports qextract here: spaCy must find the factory by its entry point.
    code = (
        "import spacy\n"
        "nlp = spacy.blank('zh')\n"
        "nlp.add_pipe('qextract')\n"
        f"doc = nlp({SENTENCE!r})\n"
        "print(sorted({span.label_ for span in doc.spans['qextract']}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "officials" in result.stdout and "dates" in result.stdout


@pytest.fixture(scope="module")
def char_nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("qextract")
    return nlp


def test_spans_match_the_records_exactly_with_the_character_segmenter(char_nlp):
    raw = ARTICLES[0].read_text(encoding="utf-8")
    doc = char_nlp(raw)
    document = doc._.qextract
    assert isinstance(document, Document)
    expected = {(label, span.raw_start, span.raw_end) for label, span in document.spans() if span.raw_start >= 0}
    found = {(span.label_, span.start_char, span.end_char) for span in doc.spans[SPANS_KEY]}
    assert found == expected
    assert {"officials", "dates", "meetings"} <= {label for label, _, _ in found}
    for span in doc.spans[SPANS_KEY]:
        assert span.text == raw[span.start_char : span.end_char]


def test_jieba_segmenter_works_end_to_end():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("qextract")
    doc = nlp(SENTENCE)
    officials = [span.text for span in doc.spans[SPANS_KEY] if span.label_ == "officials"]
    assert "王建国" in officials


@pytest.mark.parametrize(
    "mode, expected",
    [("expand", ["王建国说"]), ("contract", []), ("strict", [])],
)
def test_alignment_modes_on_a_name_glued_to_its_verb(mode, expected):
    # A word segmenter may glue a name to the next character (王建国说 as one token):
    # expand widens the record to the token, contract and strict drop it.
    from spacy.tokens import Doc

    from qextract import Pipeline
    from qextract.integrations.spacy_component import record_spans

    nlp = spacy.blank("zh")
    words = ["局长", "王建国说", "，", "要", "抓好", "质量", "工作", "。"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    document = Pipeline(["officials"])(doc.text)
    assert [official.name for official in document.officials] == ["王建国"]
    assert [span.text for span in record_spans(doc, document, mode)] == expected


def test_records_config_limits_the_record_types(char_nlp):
    nlp = spacy.blank("zh")
    nlp.add_pipe("qextract", config={"records": ["dates"]})
    doc = nlp(SENTENCE)
    assert {span.label_ for span in doc.spans[SPANS_KEY]} == {"dates"}
    assert doc._.qextract.officials == []


def test_bad_alignment_mode_is_refused():
    from qextract.errors import ConfigError

    nlp = spacy.blank("zh")
    with pytest.raises(ConfigError, match="alignment_mode"):
        nlp.add_pipe("qextract", config={"alignment_mode": "sideways"})


def test_displacy_renders_the_spans(char_nlp):
    from spacy import displacy

    doc = char_nlp(SENTENCE)
    html = displacy.render(doc, style="span", options={"spans_key": SPANS_KEY}, page=False)
    assert "officials" in html and "王" in html


def test_pipeline_with_the_component_saves_and_loads(char_nlp, tmp_path):
    char_nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert "qextract" in loaded.pipe_names
    doc = loaded(SENTENCE)
    assert any(span.label_ == "officials" for span in doc.spans[SPANS_KEY])


def test_document_survives_worker_processes_and_docbin(char_nlp):
    from spacy.tokens import DocBin

    docs = list(char_nlp.pipe([SENTENCE, "副局长李红梅说。"], n_process=2, batch_size=1))
    assert [doc._.qextract.officials[0].name for doc in docs] == ["王建国", "李红梅"]
    stored = DocBin(store_user_data=True, docs=docs)
    back = list(DocBin().from_bytes(stored.to_bytes()).get_docs(char_nlp.vocab))
    assert back[0]._.qextract == docs[0]._.qextract
    assert isinstance(back[0]._.qextract, Document)
