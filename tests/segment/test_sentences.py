import json
from pathlib import Path

import pytest

from qextract.segment.sentences import split_sentences

CASES = json.loads((Path(__file__).parent / "cases" / "sentences.json").read_text(encoding="utf-8"))


def _params():
    for kind in ("positive", "negative"):
        for case in CASES[kind]:
            yield pytest.param(case, id=f"{kind}-" + case["text"])
    for case in CASES["known_failures"]:
        yield pytest.param(case, id="known-" + case["text"], marks=pytest.mark.xfail(strict=False))


@pytest.mark.parametrize("case", list(_params()))
def test_sentences(case):
    sentences = split_sentences(case["text"])
    assert [sentence.text for sentence in sentences] == case["sentences"]
    assert all(case["text"][s.start : s.end] == s.text for s in sentences)
