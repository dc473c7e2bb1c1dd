"""HTML markup removal: tags, scripts, comments, references; prose with < and & left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qextract.text.markup import remove_markup
from qextract.text.offsets import OffsetMap
from tests.golden import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "markup.json").read_text(encoding="utf-8"))


def _apply(text: str) -> str:
    return OffsetMap.identity(len(text)).apply(text, remove_markup(text))[0]


def _params(*kinds: str) -> list:
    return case_params(CASES, *kinds, label="name")


@pytest.mark.parametrize("case", _params("positive", "known_failures"))
def test_markup_is_removed(case: dict) -> None:
    assert _apply(case["input"]) == case["expected"]


@pytest.mark.parametrize("case", _params("negative"))
def test_prose_is_left_alone(case: dict) -> None:
    assert remove_markup(case["input"]) == []
    assert _apply(case["input"]) == case["expected"]


def test_many_unclosed_scripts_stay_linear() -> None:
    # each opening tag must not start a new search to the end of the text
    text = "<script>" * 20_000
    assert len(remove_markup(text)) == 20_000
