"""Every dates and statistics case again, written in traditional script.

The matchers read the normaliser's simplified text, so a page in traditional
script must give the same values once it has been through `normalise`. Each
positive and negative case of cases/dates.json and cases/statistics.json is
converted with OpenCC s2t, normalised, and matched; the values must equal
those of the simplified case.
"""

from __future__ import annotations

import json
from pathlib import Path

import opencc
import pytest

from qextract.match.context import MatchContext
from qextract.match.dates import find_dates
from qextract.match.statistics import find_statistics
from qextract.segment.tokenizer import shared_default_tokenizer
from qextract.text import normalise

CASES = Path(__file__).parent / "cases"
_TO_TRADITIONAL = opencc.OpenCC("s2t")


def _cases(name: str, plain_only: bool) -> list:
    data = json.loads((CASES / name).read_text(encoding="utf-8"))
    params = []
    for kind in ("positive", "negative"):
        for index, case in enumerate(data[kind]):
            # cases that lean on hand-built upstream records or masks are about
            # those records, not about the script
            if plain_only and any(key in case for key in ("upstream", "masked_text", "body_start_after")):
                continue
            if case.get("api") in ("parse_date", "year_hint"):
                continue
            traditional = _TO_TRADITIONAL.convert(case["text"])
            if traditional == case["text"]:
                continue  # nothing to convert: the simplified test covers it
            params.append(pytest.param(case, traditional, id=f"{kind}-{index}"))
    return params


def _dates(text: str, publish_date: str | None) -> list[str]:
    return [mention.value for mention in find_dates(MatchContext(text=text, publish_date=publish_date))]


def _statistics(text: str) -> list[tuple[float, str | None]]:
    context = MatchContext(text=text, tokenizer=shared_default_tokenizer())
    return sorted((float(record.value), record.unit) for record in find_statistics(context))


@pytest.mark.parametrize("case,traditional", _cases("dates.json", plain_only=False))
def test_dates_in_traditional_script(case: dict, traditional: str) -> None:
    clean = normalise(traditional).text
    assert _dates(clean, case.get("publish_date")) == _dates(normalise(case["text"]).text, case.get("publish_date"))


@pytest.mark.parametrize("case,traditional", _cases("statistics.json", plain_only=True))
def test_statistics_in_traditional_script(case: dict, traditional: str) -> None:
    clean = normalise(traditional).text
    assert _statistics(clean) == _statistics(normalise(case["text"]).text)


def test_the_cases_really_are_converted() -> None:
    assert len(_cases("dates.json", False)) > 40
    assert len(_cases("statistics.json", True)) > 40
