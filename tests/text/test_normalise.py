"""The whole normalisation chain on noisy pages written for the tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qextract.data import load_json
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


WHOLE_PAGES = [page for page in PAGES if "container_unwrapped" not in page["warnings"]]
CONTAINERS = [page for page in PAGES if "container_unwrapped" in page["warnings"]]
_HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.parametrize("page", WHOLE_PAGES, ids=[page["name"] for page in WHOLE_PAGES])
def test_each_sentence_comes_from_raw_text_that_normalises_to_it(page: dict) -> None:
    result = normalise(page["input"])
    for sentence in split_sentences(result.text):
        raw_start, raw_end = result.raw_span(sentence.start, sentence.end)
        assert normalise(page["input"][raw_start:raw_end]).text == sentence.text


@pytest.mark.parametrize("page", CONTAINERS, ids=[page["name"] for page in CONTAINERS])
def test_each_sentence_of_a_container_points_at_its_field(page: dict) -> None:
    # A piece of a record is no record (its escapes are escapes only inside a JSON string),
    # so the piece cannot be normalised alone; its Chinese text must be there, in order.
    labels = [label.strip() for label in load_json("text/containers.json")["labels"].values() if label.strip()]
    result = normalise(page["input"])
    for sentence in split_sentences(result.text):
        raw_start, raw_end = result.raw_span(sentence.start, sentence.end)
        text = sentence.text
        for label in labels:
            text = text.replace(label.rstrip("："), "")
        assert _HAN.findall(text) == _HAN.findall(page["input"][raw_start:raw_end])


def test_empty_and_blank_input() -> None:
    assert normalise("").text == ""
    assert normalise(" \n\t\n").text == ""


@given(st.lists(st.tuples(st.sampled_from("a质量\U00020000 ，"), st.sampled_from("a质量\U00020000 ，")), min_size=1, max_size=40))
def test_differences_counts_and_finds_the_changed_characters(pairs: list[tuple[str, str]]) -> None:
    text, converted = "".join(a for a, _ in pairs), "".join(b for _, b in pairs)
    changed = [index for index, (a, b) in enumerate(pairs) if a != b]
    if changed:
        assert _differences(text, converted) == (len(changed), changed[0], changed[-1])
