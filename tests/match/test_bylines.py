import json
from pathlib import Path

import pytest

from qextract.match.bylines import find_bylines
from qextract.match.context import MatchContext
from tests.golden import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "bylines.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", case_params(CASES, "positive", "negative", "known_failures", label="text"))
def test_bylines(case):
    ctx = MatchContext(text=case["text"], masked=[tuple(span) for span in case.get("masked", [])])
    found = [(byline.name, byline.role) for byline in find_bylines(ctx)]
    assert sorted(found) == sorted(tuple(item) for item in case.get("bylines", []))


def test_spans_point_at_the_name():
    text = "某某网讯 (袁 睿 马文生) 活动。"
    bylines = find_bylines(MatchContext(text=text))
    assert [b.name for b in bylines] == ["袁睿", "马文生"]
    assert [b.span.text for b in bylines] == ["袁 睿", "马文生"]
