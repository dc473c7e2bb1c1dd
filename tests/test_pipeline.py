"""The public API end to end: extract, Pipeline, pipe, and the span invariant."""

from __future__ import annotations

import threading

import pytest

import qextract
from qextract import ConfigError, Document, InputTooLargeError, Pipeline, UnreadableInputError
from qextract.text import normalise

from .conftest import ARTICLES

ARTICLE = (
    "全市标准化工作推进会召开\n来源: 市场监管局 发布日期: 2024-03-06 09:05\n"
    "3月5日上午,全市标准化工作推进会在市民中心召开。市政府副市长周立新出席会议并讲话。"
)


def test_there_are_fixture_articles() -> None:
    assert len(ARTICLES) >= 8


def test_extract_reads_the_header() -> None:
    document = qextract.extract(ARTICLE, id="a1")
    assert document.id == "a1"
    assert document.title == "全市标准化工作推进会召开"
    assert document.publish_date == "2024-03-06T09:05"
    assert document.source == "市场监管局"
    assert document.text.startswith("全市标准化工作推进会召开")


def test_caller_publish_date_wins() -> None:
    document = qextract.extract(ARTICLE, publish_date="2024-03-07")
    assert document.publish_date == "2024-03-07"


def test_default_id_is_stable() -> None:
    assert qextract.extract(ARTICLE).id == qextract.extract(ARTICLE).id


def test_span_invariant_on_every_fixture(fixture_documents) -> None:
    checked = 0
    for path, raw, document in fixture_documents:
        for label, span in document.spans():
            assert document.text[span.start : span.end] == span.text, (path.name, label, span)
            assert 0 <= span.raw_start <= span.raw_end <= len(raw), (path.name, label, span)
            assert normalise(raw[span.raw_start : span.raw_end]).text == span.text.strip(), (path.name, label, span)
            checked += 1
    assert checked > 100


def test_round_trip_on_every_fixture(fixture_documents) -> None:
    for _, _, document in fixture_documents:
        assert Document.from_json(document.to_json()) == document


def test_pipe_keeps_order_and_survives_bad_items(pipeline: Pipeline) -> None:
    items = [ARTICLE, b"\x00\x01\x02" * 100, {"text": ARTICLE, "id": "named"}, 42]
    documents = list(pipeline.pipe(items))
    assert len(documents) == 4
    assert documents[0].error is None and documents[0].title
    assert documents[1].error and "E001" in documents[1].error
    assert documents[2].id == "named"
    assert documents[3].error and "E001" in documents[3].error


def test_two_processes_give_the_same_documents(pipeline: Pipeline) -> None:
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES]
    serial = [document.to_json() for document in pipeline.pipe(texts)]
    parallel = [document.to_json() for document in pipeline.pipe(texts, n_process=2, batch_size=2)]
    assert parallel == serial


def test_threads_share_one_pipeline(pipeline: Pipeline) -> None:
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES[:3]]
    expected = [pipeline(text).to_json() for text in texts]
    results: dict[int, list[str]] = {}

    def work(worker: int) -> None:
        results[worker] = [pipeline(text).to_json() for text in texts]

    threads = [threading.Thread(target=work, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results.values())


def test_errors_are_qextract_errors() -> None:
    with pytest.raises(UnreadableInputError):
        qextract.extract(None)  # type: ignore[arg-type]
    with pytest.raises(InputTooLargeError, match="E002"):
        Pipeline(max_chars=10)(ARTICLE)
    with pytest.raises(ConfigError, match="unknown record types"):
        Pipeline(records=["weather"])


def test_record_subset() -> None:
    document = Pipeline(records=["dates"])(ARTICLE)
    assert document.dates and not document.officials


def test_stage_hook_sees_every_stage_and_changes_nothing(pipeline: Pipeline) -> None:
    seen: list[str] = []
    timed = Pipeline(on_stage=lambda name, seconds: seen.append(name) if seconds >= 0 else None)
    assert timed(ARTICLE, id="a") == pipeline(ARTICLE, id="a")
    expected = ["normalise", "header", "tokenise", "entities", *timed.config.records, "assemble"]
    assert seen == expected


def test_a_pipeline_whose_matchers_read_no_tokens_does_not_tokenise() -> None:
    seen: list[str] = []
    Pipeline(records=["dates"], on_stage=lambda name, seconds: seen.append(name))(ARTICLE)
    assert seen == ["normalise", "header", "dates", "assemble"]
