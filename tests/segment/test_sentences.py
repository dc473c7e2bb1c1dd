import json
from pathlib import Path

import pytest

from qextract.segment.sentences import sentence_start, split_sentences
from tests.golden import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "sentences.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", case_params(CASES, "positive", "negative", "known_failures", label="text"))
def test_sentences(case):
    sentences = split_sentences(case["text"])
    assert [sentence.text for sentence in sentences] == case["sentences"]
    assert all(case["text"][s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("text", "position", "start"),
    [
        ("生猪节前均价15.20元,节后回落至14.60元。", 19, 0),  # no end mark before: the text's start
        ("会议指出。生猪节后回落至14.60元", 10, 5),  # just after 。
        ("甲;乙\n丙丁", 5, 4),  # a line break ends a sentence too
        ("甲。乙", 2, 2),  # at the mark's next character
    ],
)
def test_sentence_start(text: str, position: int, start: int) -> None:
    assert sentence_start(text, position) == start
