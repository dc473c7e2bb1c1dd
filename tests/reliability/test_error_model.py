"""One error model: only QextractError (with a stable code) leaves ``extract``; the rest are warnings.

Failures are injected into each stage. A stage that can fail on its own
(normaliser, header, a matcher) costs only its own output and adds a
``stage_failed`` warning; anything else is an InternalError (E999), which a
batch turns into an error record.
"""

from __future__ import annotations

import sys

import pytest

import qextract.pipeline as pipeline_module
from qextract import Document, MissingBackendError, Pipeline, QextractError, UnreadableInputError, errors

from .support import ARTICLE_TEXTS

ARTICLE = ARTICLE_TEXTS[1]


def _fail(*_: object, **__: object) -> None:
    raise RuntimeError("injected")


def _kinds(document: Document) -> set[str]:
    return {warning.kind for warning in document.warnings}


def test_codes_are_stable_and_distinct() -> None:
    assert {code: error.__name__ for code, error in errors.ERROR_CODES.items()} == {
        "E000": "QextractError",
        "E001": "UnreadableInputError",
        "E002": "InputTooLargeError",
        "E003": "MissingBackendError",
        "E004": "ConfigError",
        "E999": "InternalError",
    }
    for code, error in errors.ERROR_CODES.items():
        assert str(error("message")) == f"[{code}] message"


def test_a_failing_normaliser_leaves_the_text_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline_module, "normalise", _fail)
    document = Pipeline()(ARTICLE)
    assert errors.W_STAGE_FAILED in _kinds(document)
    assert document.text == ARTICLE
    for _, span in document.spans():
        assert ARTICLE[span.raw_start : span.raw_end] == span.text


def test_a_failing_header_reader_leaves_the_header_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline_module, "read_header", _fail)
    document = Pipeline()(ARTICLE)
    assert errors.W_STAGE_FAILED in _kinds(document)
    assert document.title is None and document.officials


def test_a_failing_matcher_costs_only_its_records() -> None:
    pipeline = Pipeline()
    for matcher in pipeline._matchers:
        if matcher.record_type == "dates":
            object.__setattr__(matcher, "function", _fail)
    document = pipeline(ARTICLE)
    assert "dates: RuntimeError: injected" in {warning.message for warning in document.warnings}
    assert not document.dates and document.officials


def test_anything_else_is_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline_module, "assemble_document", _fail)
    pipeline = Pipeline()
    with pytest.raises(errors.InternalError, match=r"^\[E999\] RuntimeError: injected"):
        pipeline(ARTICLE)
    assert pipeline.safe_call({"text": ARTICLE, "id": "x"}).error.startswith("[E999]")


@pytest.mark.parametrize("value", [None, 42, 3.5, ["text"], {"text": "x"}, object()])
def test_what_is_not_text_is_unreadable(pipeline: Pipeline, value: object) -> None:
    with pytest.raises(UnreadableInputError, match=r"^\[E001\]"):
        pipeline(value)  # type: ignore[arg-type]


def test_a_missing_backend_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # as if not installed
    with pytest.raises(MissingBackendError, match=r"^\[E003\].*spacy"):
        Pipeline(entities="spacy", spacy_model="zh_core_web_sm")


@pytest.mark.parametrize(
    ("given", "used"),
    [("2024-03-07", "2024-03-07"), ("2024/3/7", "2024-03-07"), ("2024-03-07 08:30:00", "2024-03-07T08:30:00"),
     ("2024", "2024"), ("2024-02-30", None), ("yesterday", None), (20240307, None)],
)
def test_caller_publish_dates_are_read_or_ignored_with_a_warning(pipeline: Pipeline, given: object, used: str) -> None:
    document = pipeline(ARTICLE, publish_date=given)  # type: ignore[arg-type]
    if used is None:
        assert errors.W_PUBLISH_DATE_IGNORED in _kinds(document)
        assert document.publish_date == pipeline(ARTICLE).publish_date
    else:
        assert document.publish_date == used


def test_ids_are_strings(pipeline: Pipeline) -> None:
    assert pipeline(ARTICLE, id=7).id == "7"  # type: ignore[arg-type]


def test_nothing_but_qextract_errors_from_odd_calls(pipeline: Pipeline) -> None:
    for item in (b"", bytearray(ARTICLE.encode()), memoryview(b"x"), "\ud800", {"text": None}):
        try:
            pipeline(item) if not isinstance(item, dict) else pipeline.safe_call(item)
        except QextractError:
            pass
