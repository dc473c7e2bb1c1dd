import json
from pathlib import Path

import pytest

from qextract.match.context import MatchContext
from qextract.match.officials import find_officials
from qextract.segment.tokenizer import shared_default_tokenizer
from tests.golden import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "officials.json").read_text(encoding="utf-8"))


def _context(case):
    masked = [tuple(span) for span in case.get("masked", [])]
    return MatchContext(text=case["text"], masked=masked, tokenizer=shared_default_tokenizer())


@pytest.mark.parametrize("case", case_params(CASES, "positive", "negative", "known_failures", label="text"))
def test_officials(case):
    found = {official.name: official for official in find_officials(_context(case))}
    expected = case.get("officials", [])
    assert sorted(found) == sorted(item["name"] for item in expected)
    for item in expected:
        official = found[item["name"]]
        for key in ("titles", "organization", "raw_name", "region", "level"):
            if key in item:
                assert getattr(official, key) == item[key], (key, official)
        if "mentions" in item:
            assert len(official.mentions) == item["mentions"]


def test_records_carry_ids_and_clean_spans():
    text = "省政府副省长刘建华出席。刘建华强调,要抓落实。"
    officials = find_officials(MatchContext(text=text, tokenizer=shared_default_tokenizer()))
    assert [official.id for official in officials] == ["official-1"]
    assert all(text[span.start : span.end] == span.text == "刘建华" for span in officials[0].mentions)


def test_entities_are_shared_through_the_context():
    ctx = MatchContext(text="市政府副市长刘建华出席。", tokenizer=shared_default_tokenizer())
    find_officials(ctx)
    assert "entities" in ctx.found
