"""The whole normalisation chain on noisy pages written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qextract.segment.sentences import split_sentences
from qextract.text import normalise
from qextract.text.normalise import _differences

PAGES = json.loads((Path(__file__).parent / "cases" / "pages.json").read_text(encoding="utf-8"))["pages"]


@pytest.mark.parametrize("page", PAGES, ids=[page["name"] for page in PAGES])
def test_clean_text(page: dict) -> None:
    assert normalise(page["input"]).text == page["expected"]


@pytest.mark.parametrize("page", PAGES, ids=[page["name"] for page in PAGES])
def test_every_repair_is_reported(page: dict) -> None:
    kinds = {warning.kind for warning in normalise(page["input"]).warnings}
    assert kinds == set(page["warnings"])


@pytest.mark.parametrize("page", PAGES, ids=[page["name"] for page in PAGES])
def test_warnings_point_into_the_raw_input(page: dict) -> None:
    for warning in normalise(page["input"]).warnings:
        assert 0 <= warning.raw_start <= warning.raw_end <= len(page["input"])


@pytest.mark.parametrize("page", PAGES, ids=[page["name"] for page in PAGES])
def test_each_sentence_comes_from_raw_text_that_normalises_to_it(page: dict) -> None:
    result = normalise(page["input"])
    for sentence in split_sentences(result.text):
        raw_start, raw_end = result.raw_span(sentence.start, sentence.end)
        assert normalise(page["input"][raw_start:raw_end]).text == sentence.text


def test_empty_and_blank_input() -> None:
    assert normalise("").text == ""
    assert normalise(" \n\t\n").text == ""


@given(st.lists(st.tuples(st.sampled_from("a质量\U00020000 ，"), st.sampled_from("a质量\U00020000 ，")), min_size=1, max_size=40))
def test_differences_counts_and_finds_the_changed_characters(pairs: list[tuple[str, str]]) -> None:
    text, converted = "".join(a for a, _ in pairs), "".join(b for _, b in pairs)
    changed = [index for index, (a, b) in enumerate(pairs) if a != b]
    if changed:
        assert _differences(text, converted) == (len(changed), changed[0], changed[-1])
