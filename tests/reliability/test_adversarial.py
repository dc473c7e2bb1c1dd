"""Hostile inputs: each gives a sound Document (with warnings) or a QextractError, in time linear in its size.

Sizes here keep the default run fast (1 MB at most); the 10 MB cases are timed
in benchmarks/bench_adversarial.py.
"""

from __future__ import annotations

import cProfile
import pstats

import pytest

from qextract import Document, InputTooLargeError, Pipeline, QextractError, UnreadableInputError
from qextract.text import decode_input

from .pathological import TEXTS, binary_file, html_page, invalid_utf8, without_punctuation
from .support import ARTICLE_TEXTS, check_document

MEGABYTE = 1_000_000
SAMPLE = ARTICLE_TEXTS[1]


def _sound(pipeline: Pipeline, data: str | bytes) -> Document:
    document = pipeline(data)
    check_document(decode_input(data)[0], document)
    return document


def test_empty(pipeline: Pipeline) -> None:
    document = _sound(pipeline, "")
    assert document.text == "" and not document.officials


def test_whitespace_only(pipeline: Pipeline) -> None:
    assert _sound(pipeline, " \n\t\u3000\r\n" * 2000).text == ""


def test_a_single_character(pipeline: Pipeline) -> None:
    assert _sound(pipeline, "质").text == "质"


def test_a_megabyte_of_one_character(pipeline: Pipeline) -> None:
    assert len(_sound(pipeline, "质" * MEGABYTE).text) == MEGABYTE


def test_a_long_page_without_punctuation(pipeline: Pipeline) -> None:
    # One sentence of running Han text puts a person candidate at nearly every
    # character, the costliest text per character there is; its growth is
    # test_work_grows_linearly's "no punctuation", its megabytes bench_adversarial's.
    _sound(pipeline, without_punctuation(MEGABYTE // 5))


def test_a_hundred_thousand_nested_parentheses(pipeline: Pipeline) -> None:
    _sound(pipeline, "(" * 100_000 + "质量" + ")" * 3)


def test_long_digit_runs(pipeline: Pipeline) -> None:
    document = _sound(pipeline, "增长" + "9" * 100_000 + "%,共" + "1234567890" * 5_000 + "家")
    assert all(len(statistic.text) < 1_000 for statistic in document.statistics)


def test_year_month_day_soup(pipeline: Pipeline) -> None:
    _sound(pipeline, TEXTS["year-month-day soup"](200_000))


def test_nul_characters_and_bytes(pipeline: Pipeline) -> None:
    document = _sound(pipeline, "\x00" * 10_000 + SAMPLE + "\x00" * 10_000)
    assert "control_chars_removed" in {warning.kind for warning in document.warnings}
    assert document.title == pipeline(SAMPLE).title
    with pytest.raises(UnreadableInputError):
        pipeline(b"\x00" * 100_000)


def test_invalid_utf8(pipeline: Pipeline) -> None:
    document = _sound(pipeline, invalid_utf8())
    assert {warning.kind for warning in document.warnings} & {"decode_replaced", "decoded_gb18030"}


def test_utf16_with_byte_order_mark(pipeline: Pipeline) -> None:
    assert _sound(pipeline, SAMPLE.encode("utf-16")).to_json() == pipeline(SAMPLE).to_json()


def test_gb18030_bytes(pipeline: Pipeline) -> None:
    document = _sound(pipeline, SAMPLE.encode("gb18030"))
    assert "decoded_gb18030" in {warning.kind for warning in document.warnings}
    assert document.officials == pipeline(SAMPLE).officials


def test_lone_surrogates(pipeline: Pipeline) -> None:
    document = _sound(pipeline, "\ud800" + SAMPLE + "\udfff")
    assert "surrogates_replaced" in {warning.kind for warning in document.warnings}
    document.to_json().encode("utf-8")  # writable as UTF-8


def test_an_html_page(pipeline: Pipeline) -> None:
    document = _sound(pipeline, html_page(20_000))
    assert "markup_removed" in {warning.kind for warning in document.warnings}
    assert "<" not in document.text and "&nbsp;" not in document.text
    assert document.officials


def test_a_binary_file(pipeline: Pipeline) -> None:
    with pytest.raises(UnreadableInputError, match="E001"):
        pipeline(binary_file())


def test_random_bytes(pipeline: Pipeline) -> None:
    import random

    with pytest.raises(UnreadableInputError):
        pipeline(random.Random(5).randbytes(100_000))


def test_over_the_size_limit() -> None:
    with pytest.raises(InputTooLargeError, match="E002"):
        Pipeline(max_chars=100)(SAMPLE)


@pytest.mark.parametrize("name", list(TEXTS))
def test_every_pathological_text_gives_a_sound_document(pipeline: Pipeline, name: str) -> None:
    try:
        _sound(pipeline, TEXTS[name](20_000))
    except QextractError:
        pass


# -- linear time ----------------------------------------------------------------------
#
# Work is measured as the number of Python function calls: deterministic, so the
# bound holds on any machine, however busy. Linear work grows 4x from n to 4n;
# quadratic work 16x. Work done inside C (regex, str.find) is timed, not counted,
# and time belongs to the benchmarks: `benchmarks/bench_adversarial.py` runs these
# same inputs up to 10 MB and reports CPU seconds per MB.

_CALL_GROWTH_BOUND = 5.0
_SMALL = 5_000


def _extract(pipeline: Pipeline, text: str) -> None:
    try:
        pipeline(text)
    except QextractError:
        pass


def _calls(pipeline: Pipeline, text: str) -> int:
    profile = cProfile.Profile()
    profile.enable()
    _extract(pipeline, text)
    profile.disable()
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", list(TEXTS))
def test_work_grows_linearly(pipeline: Pipeline, name: str) -> None:
    small, large = TEXTS[name](_SMALL), TEXTS[name](4 * _SMALL)
    # Lazy one-off set-up (lexicons, jieba) is not per-document work: it must not
    # reach the first count.
    _extract(pipeline, small)
    call_growth = _calls(pipeline, large) / max(_calls(pipeline, small), 1)
    assert call_growth <= _CALL_GROWTH_BOUND, f"{name}: {call_growth:.1f}x the function calls for 4x the input"
