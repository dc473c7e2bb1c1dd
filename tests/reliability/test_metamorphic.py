"""Metamorphic: noise the normaliser repairs must not change what is extracted.

Each fixture article is extracted as it is and again with one more class of
scraping noise injected throughout. The records (values, not offsets) of the
two runs are compared as multisets; the share that agree, |same| / |either|,
is reported per noise class and must be at least 98%.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from functools import lru_cache
from typing import Callable

import opencc
import pytest

from qextract import Pipeline

from ..conftest import ROOT
from .support import ARTICLE_TEXTS, record_values

REQUIRED_SHARE = 0.98


@lru_cache(maxsize=1)
def _readings() -> dict[str, str]:
    """Tone-marked readings: pypinyin's when it is installed, else the fixture builder's own table."""
    if importlib.util.find_spec("pypinyin") is not None:
        return {}
    spec = importlib.util.spec_from_file_location("make_noise", ROOT / "fixtures" / "make_noise.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    to_simplified = opencc.OpenCC("t2s")
    readings = dict(module.PINYIN)
    readings.update({to_simplified.convert(char): reading for char, reading in module.PINYIN.items()})
    return readings


def _reading(char: str) -> str | None:
    readings = _readings()
    if readings:
        return readings.get(char)
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.TONE, errors="ignore")
    return found[0][0] if found and found[0] and found[0][0] != char else None


def pinyin_annotations(text: str) -> str:
    """質(zhì)量: a reading after every Han character that has one (and has none yet)."""
    pieces = []
    for index, char in enumerate(text):
        reading = _reading(char)
        already = text.startswith("(", index + 1)
        pieces.append(char + f"({reading})" if reading and not already else char)
    return "".join(pieces)


_TO_TRADITIONAL = opencc.OpenCC("s2t")


def traditional_script(text: str) -> str:
    return _TO_TRADITIONAL.convert(text)


def spurious_commas(text: str) -> str:
    """,, ,、 ,。: a comma before every comma, enumeration mark and full stop."""
    return re.sub(r"(?=[,、。;!?:])", ",", text)


SPAM_LINE = "幸运彩票开奖|足球比分直播|真人娱乐平台|免费电影下载|棋牌游戏大厅|老虎机技巧"


def spam_lines(text: str) -> str:
    """A link-farm line above the page and another after its second paragraph."""
    paragraphs = text.split("\n\n")
    paragraphs.insert(min(2, len(paragraphs)), SPAM_LINE)
    return SPAM_LINE + "\n" + "\n\n".join(paragraphs)


def duplicated_body(text: str) -> str:
    """The whole page rendered twice, as scrapers that read a page and its print view do."""
    return text + "\n\n" + text


def image_names(text: str) -> str:
    """An image file name on a line of its own after every paragraph."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(f"{paragraph}\n\n{400 + index}.jpg" for index, paragraph in enumerate(paragraphs))


def spaced_dates(text: str) -> str:
    """2024- 03- 15, 10: 30, 2024 年 3 月 5 日."""
    text = re.sub(r"(\d{4})-(\d{1,2})-(\d{1,2})", r"\1- \2- \3", text)
    text = re.sub(r"(\d{1,2}):(\d{2})", r"\1: \2", text)
    return re.sub(r"(\d{1,4})([年月])(?=\d)", r"\1 \2 ", text)


def full_width_digits(text: str) -> str:
    return text.translate({ord(digit): 0xFF10 + int(digit) for digit in "0123456789"})


NOISE: dict[str, Callable[[str], str]] = {
    "pinyin annotations": pinyin_annotations,
    "traditional script": traditional_script,
    "spurious commas": spurious_commas,
    "spam lines": spam_lines,
    "duplicated body": duplicated_body,
    "image names": image_names,
    "spaced dates": spaced_dates,
    "full-width digits": full_width_digits,
}


def _agreement(clean: list, noisy: list) -> tuple[int, int]:
    clean_counts, noisy_counts = Counter(clean), Counter(noisy)
    return sum((clean_counts & noisy_counts).values()), sum((clean_counts | noisy_counts).values())


@pytest.fixture(scope="module")
def shares(pipeline: Pipeline) -> dict[str, tuple[int, int, list[str]]]:
    """Per noise class: (records unchanged, records in either run, what differed)."""
    clean = [record_values(pipeline(text)) for text in ARTICLE_TEXTS]
    found: dict[str, tuple[int, int, list[str]]] = {}
    for name, inject in NOISE.items():
        same = either = 0
        differences: list[str] = []
        for text, expected in zip(ARTICLE_TEXTS, clean):
            got = record_values(pipeline(inject(text)))
            agreed, total = _agreement(expected, got)
            same, either = same + agreed, either + total
            differences += [f"- {item}" for item in (Counter(expected) - Counter(got))]
            differences += [f"+ {item}" for item in (Counter(got) - Counter(expected))]
        found[name] = (same, either, differences)
    return found


def test_report_the_shares(shares: dict[str, tuple[int, int, list[str]]], capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\nrecords unchanged under injected noise (fixture articles):")
        for name, (same, either, _) in shares.items():
            print(f"  {name:20s} {same:4d}/{either:4d} = {same / either:.1%}")


@pytest.mark.parametrize("noise", list(NOISE))
def test_noise_leaves_the_records(noise: str, shares: dict[str, tuple[int, int, list[str]]]) -> None:
    same, either, differences = shares[noise]
    assert same / either >= REQUIRED_SHARE, "\n".join(differences[:20])


def test_every_noise_class_changes_the_text() -> None:
    sample = ARTICLE_TEXTS[1]
    for name, inject in NOISE.items():
        assert inject(sample) != sample, name
