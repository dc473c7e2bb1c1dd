import json
from pathlib import Path

import pytest

from qextract.segment.sentences import split_sentences
from tests.golden import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "sentences.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", case_params(CASES, "positive", "negative", "known_failures", label="text"))
def test_sentences(case):
    sentences = split_sentences(case["text"])
    assert [sentence.text for sentence in sentences] == case["sentences"]
    assert all(case["text"][s.start : s.end] == s.text for s in sentences)
